//! `GET /api/stream?team=T`: the team's case changes as Server-Sent Events
//! (`id:` the change's stream id, `event: case`, `data:` the case's list
//! view), resumable with `Last-Event-ID`, a `: keepalive` comment every
//! 15 s. A browser's EventSource cannot set headers: it signs in with a
//! short-lived ticket from `POST /api/stream/ticket` (`?ticket=`), or the
//! token itself (`?token=`). See docs/agent-api.md.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::stream;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;
use tokio::sync::broadcast;

use super::agent::{error, Agent};
use super::AppState;
use crate::service::care::Care;
use crate::service::changes::{order_of, since, Pushed};

/// A comment this often keeps proxies from closing a quiet stream.
pub const KEEPALIVE: Duration = Duration::from_secs(15);
/// How long a stream ticket is good for.
pub const TICKET_TTL_SECS: i64 = 60;
/// Changes sent per catch-up read from the store.
const CATCH_UP: usize = 500;

#[derive(Debug, Default, Deserialize)]
struct AuthQuery {
    token: Option<String>,
    ticket: Option<String>,
}

/// The person on the stream: by ticket, by `?token=`, or by the usual header.
pub struct StreamAgent(pub String);

impl FromRequestParts<AppState> for StreamAgent {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let q: AuthQuery = Query::try_from_uri(&parts.uri).map(|q| q.0).unwrap_or_default();
        if let Some(ticket) = q.ticket.as_deref().filter(|t| !t.is_empty()) {
            let now = state.care.clock.now().timestamp();
            return match check_ticket(state, ticket, now) {
                Some(name) => Ok(StreamAgent(name)),
                None => Err(error(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "the stream ticket is wrong or expired: ask POST /api/stream/ticket for a new one",
                )),
            };
        }
        if let Some(token) = q.token.as_deref().filter(|t| !t.is_empty()) {
            if !parts.headers.contains_key(header::AUTHORIZATION) {
                if let Ok(v) = HeaderValue::from_str(&format!("Bearer {token}")) {
                    parts.headers.insert(header::AUTHORIZATION, v);
                }
            }
        }
        Agent::from_request_parts(parts, state).await.map(|Agent(name)| StreamAgent(name))
    }
}

/// `name.expiry.hmac`: signed with the person's own token, so every process
/// with the same AGENT_TOKENS accepts it and a changed token voids it.
fn sign_ticket(key: &str, name: &str, expires: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("stream-ticket|{name}|{expires}").as_bytes());
    format!("{name}.{expires}.{}", hex::encode(mac.finalize().into_bytes()))
}

fn check_ticket(state: &AppState, ticket: &str, now: i64) -> Option<String> {
    let mut parts = ticket.rsplitn(3, '.');
    let (sig, expires, name) = (parts.next()?, parts.next()?, parts.next()?);
    let expires: i64 = expires.parse().ok()?;
    if expires < now || expires > now + TICKET_TTL_SECS {
        return None;
    }
    let key = state.agents.token_of(name)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key.expose().as_bytes()).ok()?;
    mac.update(format!("stream-ticket|{name}|{expires}").as_bytes());
    // Constant time: the comparison tells nothing of the right signature.
    mac.verify_slice(&hex::decode(sig).ok()?).ok()?;
    Some(name.to_string())
}

/// `POST /api/stream/ticket` → `{"ticket": "...", "expires_at": "..."}`.
pub async fn ticket(Agent(who): Agent, State(state): State<AppState>) -> Response {
    let Some(key) = state.agents.token_of(&who) else {
        return error(StatusCode::UNAUTHORIZED, "unauthorized", "a valid token is needed");
    };
    let expires = state.care.clock.now().timestamp() + TICKET_TTL_SECS;
    let at = chrono::DateTime::from_timestamp(expires, 0).unwrap_or_default();
    Json(json!({"ticket": sign_ticket(key.expose(), &who, expires), "expires_at": at})).into_response()
}

#[derive(Debug, Deserialize)]
pub struct StreamQuery {
    team: Option<String>,
}

/// `GET /api/stream?team=T`.
pub async fn stream(
    StreamAgent(_who): StreamAgent,
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<StreamQuery>,
) -> Response {
    let Some(team) = q.team.filter(|t| !t.is_empty()) else {
        return error(StatusCode::BAD_REQUEST, "bad_request", "team: the stream of which team (`?team=benelux`)");
    };
    let engine = state.core.current();
    if !engine.playbook.teams.iter().any(|t| t.id.to_string() == team) {
        let known: Vec<String> = engine.playbook.teams.iter().map(|t| t.id.to_string()).collect();
        return error(
            StatusCode::BAD_REQUEST,
            "bad_request",
            &format!("no team `{team}`; teams: {}", known.join(", ")),
        );
    }
    let last = headers.get("last-event-id").and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty());
    let rx = match state.changes.subscribe(&state.care, &team).await {
        Ok(rx) => rx,
        Err(e) => return crate::service::care::CareError::Store(e).into_response(),
    };
    let agent = Follow {
        care: state.care.clone(),
        team,
        rx,
        catching_up: last.is_some(),
        last: last.map(str::to_string),
        pending: Vec::new(),
    };
    // The first comment tells the client it is subscribed.
    let ready = stream::once(async {
        Ok::<Event, Infallible>(Event::default().comment("ready").retry(Duration::from_secs(2)))
    });
    let events = stream::unfold(agent, |mut a| async move { a.next().await.map(|ev| (Ok(ev), a)) });
    Sse::new(stream::StreamExt::chain(ready, events))
        .keep_alive(KeepAlive::new().interval(KEEPALIVE).text("keepalive"))
        .into_response()
}

/// One agent's place in the team's changes.
struct Follow {
    care: Arc<Care>,
    team: String,
    rx: broadcast::Receiver<Pushed>,
    /// The id of the newest change sent (or the client's Last-Event-ID).
    last: Option<String>,
    /// Changes read from the store and not sent yet, the oldest last.
    pending: Vec<Pushed>,
    /// Reading from the store after `last` (a reconnect, or fell behind).
    catching_up: bool,
}

impl Follow {
    /// The next event; `None` ends the stream.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(p) = self.pending.pop() {
                return Some(self.send(p));
            }
            if self.catching_up {
                let Some(last) = self.last.clone() else {
                    // Behind from the start, with nothing to resume from.
                    self.catching_up = false;
                    return Some(Event::default().event("reset").data("{}"));
                };
                match since(&self.care, &self.team, &last, CATCH_UP).await {
                    Ok(mut found) => {
                        // `since` skips cases whose record is gone: the
                        // next read starts after the last change read.
                        self.catching_up = found.len() == CATCH_UP;
                        found.reverse();
                        self.pending = found;
                        continue;
                    }
                    Err(e) => {
                        tracing::warn!(team = %self.team, error = %e, "case stream: could not catch up; the console reloads");
                        self.catching_up = false;
                        return Some(Event::default().event("reset").data("{}"));
                    }
                }
            }
            match self.rx.recv().await {
                Ok(p) => {
                    if self.last.as_deref().is_some_and(|l| order_of(&p.id) <= order_of(l)) {
                        continue;
                    }
                    return Some(self.send(p));
                }
                Err(broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::info!(team = %self.team, missed, "case stream: an agent fell behind; catching up from the store");
                    self.catching_up = true;
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }

    fn send(&mut self, p: Pushed) -> Event {
        self.last = Some(p.id.clone());
        Event::default().id(p.id).event("case").data(&*p.case)
    }
}

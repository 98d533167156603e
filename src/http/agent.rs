//! The agent API (`/api/...`): the care team's cases as JSON, behind
//! per-person bearer tokens. See `docs/agent-api.md`.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;

use super::AppState;
use crate::config::Secret;
use crate::domain::coverage::IsoWeek;
use crate::service::care::{CareError, StatusFilter};

/// Wrong tokens one address may try per window before it must wait.
const FAILURES_ALLOWED: u32 = 10;
const FAILURE_WINDOW: Duration = Duration::from_secs(60);

/// The care staff's tokens, and a brake on guessing them.
pub struct AgentAuth {
    agents: Vec<(String, Secret)>,
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl AgentAuth {
    pub fn new(agents: Vec<(String, Secret)>) -> Self {
        Self { agents, failures: Mutex::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.agents.is_empty()
    }

    /// Whose token this is. Every token is compared, in constant time, so
    /// the time taken tells nothing about which one nearly matched.
    fn who(&self, token: &str) -> Option<&str> {
        let mut found = None;
        for (name, t) in &self.agents {
            let same: bool = t.expose().as_bytes().ct_eq(token.as_bytes()).into();
            if same {
                found = Some(name.as_str());
            }
        }
        found
    }

    /// Seconds to wait when this address guessed wrong too often.
    fn blocked_for(&self, ip: Option<IpAddr>) -> Option<u64> {
        let ip = ip?;
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let (count, since) = failures.get(&ip)?;
        let left = FAILURE_WINDOW.checked_sub(since.elapsed())?;
        (*count >= FAILURES_ALLOWED).then(|| left.as_secs().max(1))
    }

    fn failed(&self, ip: Option<IpAddr>) {
        let Some(ip) = ip else { return };
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > 10_000 {
            failures.retain(|_, (_, since)| since.elapsed() < FAILURE_WINDOW);
        }
        let e = failures.entry(ip).or_insert((0, Instant::now()));
        if e.1.elapsed() >= FAILURE_WINDOW {
            *e = (0, Instant::now());
        }
        e.0 += 1;
    }
}

/// The person making the request.
pub struct Agent(pub String);

impl FromRequestParts<AppState> for Agent {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        if let Some(wait) = state.agents.blocked_for(ip) {
            let mut r =
                error(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", "too many wrong tokens; wait and try again");
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Err(r);
        }
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        match token.and_then(|t| state.agents.who(t)) {
            Some(name) => Ok(Agent(name.to_string())),
            None => {
                state.agents.failed(ip);
                tracing::warn!(ip = ?ip, path = %parts.uri.path(), given = token.is_some(), "agent API: missing or wrong token");
                Err(error(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "a valid token is needed: Authorization: Bearer <token>",
                ))
            }
        }
    }
}

pub(super) fn error(status: StatusCode, code: &str, reason: &str) -> Response {
    (status, Json(json!({"error": code, "reason": reason}))).into_response()
}

impl IntoResponse for CareError {
    fn into_response(self) -> Response {
        let reason = self.to_string();
        match self {
            CareError::NotFound(_) => error(StatusCode::NOT_FOUND, "not_found", &reason),
            CareError::ClaimedByOther(who) => {
                (StatusCode::CONFLICT, Json(json!({"error": "claimed_by_other", "reason": reason, "claimed_by": who})))
                    .into_response()
            }
            CareError::Resolved => error(StatusCode::CONFLICT, "resolved", &reason),
            CareError::BadRequest(_) => error(StatusCode::BAD_REQUEST, "bad_request", &reason),
            CareError::OutsideWindow { reason, case } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({"error": "outside_window", "reason": reason, "case": case})),
            )
                .into_response(),
            CareError::SendFailed { reason, code, case } => (
                StatusCode::BAD_GATEWAY,
                Json(json!({"error": "send_failed", "reason": reason, "code": code, "case": case})),
            )
                .into_response(),
            CareError::Template { code, .. } => error(StatusCode::UNPROCESSABLE_ENTITY, code, &reason),
            CareError::Store(e) => {
                tracing::error!(error = %e, "agent API: store unavailable");
                error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the store is not reachable; try again")
            }
        }
    }
}

pub async fn me(Agent(who): Agent) -> Json<serde_json::Value> {
    Json(json!({ "name": who }))
}

pub async fn teams(_: Agent, State(state): State<AppState>) -> Json<serde_json::Value> {
    let engine = state.core.current();
    let now = state.care.clock.now();
    let teams: Vec<_> = engine
        .playbook
        .teams
        .iter()
        .map(|t| {
            json!({
                "id": t.id.to_string(),
                "name": t.name,
                "languages": t.languages.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
                "time_zone": t.tz.name(),
                "open_now": t.is_open(now),
                "next_open": t.next_open(now).map(|n| n.with_timezone(&t.tz).to_rfc3339()),
            })
        })
        .collect();
    Json(json!({ "teams": teams }))
}

#[derive(Debug, Deserialize)]
pub struct CoverageQuery {
    week: Option<String>,
}

/// `GET /api/coverage?week=2026-W52`: what `afterhours coverage --json`
/// prints, for the console's week grid (default: this week).
pub async fn coverage(_: Agent, State(state): State<AppState>, Query(q): Query<CoverageQuery>) -> Response {
    let week = match q.week.as_deref().filter(|w| !w.is_empty()) {
        Some(w) => match IsoWeek::parse(w) {
            Ok(week) => week,
            Err(reason) => return error(StatusCode::BAD_REQUEST, "bad_request", &format!("week: {reason}")),
        },
        None => IsoWeek::containing(state.care.clock.now().date_naive()),
    };
    let engine = state.core.current();
    Json(crate::cli::coverage::Report::new(&engine.playbook, week)).into_response()
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    team: Option<String>,
}

pub async fn list(_: Agent, State(state): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let filter = match q.status.as_deref().map(StatusFilter::parse) {
        None => StatusFilter::Open,
        Some(Some(f)) => f,
        Some(None) => {
            return error(StatusCode::BAD_REQUEST, "bad_request", "status is one of waiting, claimed, open, resolved")
        }
    };
    let team = q.team.as_deref().filter(|t| !t.is_empty());
    match state.care.list(filter, team).await {
        Ok(cases) => Json(json!({"now": state.care.clock.now(), "cases": cases})).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn get(_: Agent, State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(id) = case_id(&id) else { return CareError::NotFound(0).into_response() };
    respond(state.care.get(id).await)
}

#[derive(Debug, Deserialize)]
pub struct ActionBody {
    text: Option<String>,
    team: Option<String>,
}

/// `POST /api/cases/{id}/{action}`.
pub async fn act(
    Agent(who): Agent,
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    body: Option<Json<ActionBody>>,
) -> Response {
    let Some(id) = case_id(&id) else { return CareError::NotFound(0).into_response() };
    let body = body.map(|b| b.0).unwrap_or(ActionBody { text: None, team: None });
    let care = &state.care;
    let needs =
        |v: Option<String>, what: &str| v.ok_or_else(|| CareError::BadRequest(format!("the body needs `{what}`")));
    let result = match action.as_str() {
        "claim" => care.claim(id, &who).await,
        "release" => care.release(id, &who).await,
        "resolve" => care.resolve(id, &who).await,
        "reply" => match needs(body.text, "text") {
            Ok(t) => care.reply(id, &who, &t).await,
            Err(e) => Err(e),
        },
        "note" => match needs(body.text, "text") {
            Ok(t) => care.note(id, &who, &t).await,
            Err(e) => Err(e),
        },
        "transfer" => match needs(body.team, "team") {
            Ok(t) => care.transfer(id, &who, &t).await,
            Err(e) => Err(e),
        },
        other => {
            return error(
                StatusCode::NOT_FOUND,
                "not_found",
                &format!("no action `{other}`: claim, release, reply, note, transfer, resolve"),
            )
        }
    };
    if result.is_ok() {
        tracing::info!(case = id, agent = %who, action = %action, "case action");
    }
    respond(result)
}

fn respond(r: Result<crate::service::care::CaseView, CareError>) -> Response {
    match r {
        Ok(view) => Json(view).into_response(),
        Err(e) => e.into_response(),
    }
}

pub(super) fn case_id(s: &str) -> Option<u64> {
    s.trim_start_matches('#').parse().ok()
}

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
use crate::service::queue::{self, PageQuery};

/// Tries of one wrong token per window before that token is refused unread.
const FAILURES_PER_TOKEN: u32 = 10;
/// Wrong tokens from one address per window before it must wait. Higher:
/// a whole office may share one address, and a valid token is never refused.
const FAILURES_PER_ADDRESS: u32 = 60;
const FAILURE_WINDOW: Duration = Duration::from_secs(60);
/// Entries kept at most per table before expired ones are swept.
const TRACKED: usize = 10_000;

/// Failures in the current window, by what failed.
struct Failures<K> {
    seen: HashMap<K, (u32, Instant)>,
}

impl<K> Default for Failures<K> {
    fn default() -> Self {
        Self { seen: HashMap::new() }
    }
}

impl<K: std::hash::Hash + Eq> Failures<K> {
    fn count(&self, k: &K) -> Option<(u32, Duration)> {
        let (count, since) = self.seen.get(k)?;
        Some((*count, FAILURE_WINDOW.checked_sub(since.elapsed())?))
    }

    fn add(&mut self, k: K) {
        if self.seen.len() > TRACKED {
            self.seen.retain(|_, (_, since)| since.elapsed() < FAILURE_WINDOW);
        }
        let e = self.seen.entry(k).or_insert((0, Instant::now()));
        if e.1.elapsed() >= FAILURE_WINDOW {
            *e = (0, Instant::now());
        }
        e.0 = e.0.saturating_add(1);
    }
}

/// The care staff's tokens, and a brake on guessing them: wrong tokens are
/// counted per token presented and per client address, separately, and a
/// valid token is always let in, so nobody's mistakes lock out a colleague.
pub struct AgentAuth {
    agents: Vec<(String, Secret)>,
    /// Proxies whose `X-Forwarded-For` names the client (TRUSTED_PROXIES);
    /// from anyone else the header is ignored.
    proxies: Vec<ipnet::IpNet>,
    by_token: Mutex<Failures<[u8; 32]>>,
    by_address: Mutex<Failures<IpAddr>>,
}

impl AgentAuth {
    pub fn new(agents: Vec<(String, Secret)>) -> Self {
        Self::behind(agents, Vec::new())
    }

    /// With the proxies whose forwarded-for header is believed.
    pub fn behind(agents: Vec<(String, Secret)>, proxies: Vec<ipnet::IpNet>) -> Self {
        Self { agents, proxies, by_token: Mutex::default(), by_address: Mutex::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.agents.is_empty()
    }

    /// The token of the person called `name` (stream tickets are signed with it).
    pub(super) fn token_of(&self, name: &str) -> Option<&Secret> {
        self.agents.iter().find(|(n, _)| n == name).map(|(_, t)| t)
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

    /// The client: the peer, or when the peer is a trusted proxy, the last
    /// address of `X-Forwarded-For` that is not one (a client can write
    /// anything in the header; only what our proxies appended counts).
    fn client(&self, peer: Option<IpAddr>, headers: &axum::http::HeaderMap) -> Option<IpAddr> {
        let peer = peer?;
        let trusted = |ip: &IpAddr| self.proxies.iter().any(|net| net.contains(ip));
        if !trusted(&peer) {
            return Some(peer);
        }
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        let hops: Vec<IpAddr> = forwarded.flat_map(|v| v.split(',')).filter_map(|a| a.trim().parse().ok()).collect();
        Some(hops.into_iter().rev().find(|ip| !trusted(ip)).unwrap_or(peer))
    }

    /// Seconds to wait when this token, or this address, failed too often.
    fn blocked_for(&self, token: Option<&[u8; 32]>, ip: Option<IpAddr>) -> Option<u64> {
        let by_token = token.and_then(|t| self.by_token.lock().unwrap_or_else(|e| e.into_inner()).count(t));
        let by_address = ip.and_then(|ip| self.by_address.lock().unwrap_or_else(|e| e.into_inner()).count(&ip));
        let token_left = by_token.filter(|(n, _)| *n >= FAILURES_PER_TOKEN).map(|(_, left)| left);
        let address_left = by_address.filter(|(n, _)| *n >= FAILURES_PER_ADDRESS).map(|(_, left)| left);
        token_left.into_iter().chain(address_left).max().map(|left| left.as_secs().max(1))
    }

    fn failed(&self, token: Option<[u8; 32]>, ip: Option<IpAddr>) {
        if let Some(t) = token {
            self.by_token.lock().unwrap_or_else(|e| e.into_inner()).add(t);
        }
        if let Some(ip) = ip {
            self.by_address.lock().unwrap_or_else(|e| e.into_inner()).add(ip);
        }
    }
}

/// A wrong token is remembered by its digest only.
fn digest(token: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes()).into()
}

/// The person making the request.
pub struct Agent(pub String);

impl FromRequestParts<AppState> for Agent {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        // A valid token first: it is never refused, whatever others did.
        if let Some(name) = token.and_then(|t| state.agents.who(t)) {
            return Ok(Agent(name.to_string()));
        }
        let ip = state.agents.client(peer, &parts.headers);
        let digest = token.map(digest);
        if let Some(wait) = state.agents.blocked_for(digest.as_ref(), ip) {
            let mut r =
                error(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", "too many wrong tokens; wait and try again");
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Err(r);
        }
        state.agents.failed(digest, ip);
        tracing::warn!(ip = ?ip, path = %parts.uri.path(), given = token.is_some(), "agent API: missing or wrong token");
        Err(error(StatusCode::UNAUTHORIZED, "unauthorized", "a valid token is needed: Authorization: Bearer <token>"))
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
    q: Option<String>,
    lang: Option<String>,
    channel: Option<String>,
    kind: Option<String>,
    overdue: Option<String>,
    window: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

impl ListQuery {
    /// Asks for a page (any of the parameters added with the indexes):
    /// without them the call answers every case, as it always did.
    fn wants_page(&self) -> bool {
        [&self.q, &self.lang, &self.channel, &self.kind, &self.overdue, &self.window, &self.limit, &self.cursor]
            .iter()
            .any(|p| p.as_deref().is_some_and(|v| !v.is_empty()))
    }

    fn page(&self, status: StatusFilter) -> Result<PageQuery, String> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let channel = given(&self.channel);
        if let Some(c) = &channel {
            if crate::channels::Channel::parse(c).is_none() {
                return Err(format!("channel `{c}`: one of messenger, instagram, whatsapp"));
            }
        }
        let kind = given(&self.kind);
        if let Some(k) = &kind {
            if !crate::domain::Kind::ALL.iter().any(|known| known.as_str() == k) {
                let all: Vec<&str> = crate::domain::Kind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(format!("kind `{k}`: one of {}", all.join(", ")));
            }
        }
        let overdue = match given(&self.overdue).as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => return Err(format!("overdue `{other}`: 1 or 0")),
        };
        let window_closing = match given(&self.window).as_deref() {
            None => false,
            Some("closing") => true,
            Some(other) => return Err(format!("window `{other}`: only `closing` (closes within 2 h)")),
        };
        let limit = match given(&self.limit) {
            None => queue::DEFAULT_LIMIT,
            Some(l) => match l.parse::<usize>() {
                Ok(n) if n >= 1 => n.min(queue::MAX_LIMIT),
                _ => return Err(format!("limit `{l}`: a number from 1 to {}", queue::MAX_LIMIT)),
            },
        };
        let cursor = match given(&self.cursor) {
            None => None,
            Some(c) => Some(queue::decode_cursor(&c).ok_or_else(|| format!("cursor `{c}`: not one this API gave"))?),
        };
        Ok(PageQuery {
            status: queue::page_status(status),
            team: given(&self.team),
            q: given(&self.q),
            lang: given(&self.lang).map(|l| l.to_lowercase()),
            channel,
            kind,
            overdue,
            window_closing,
            limit,
            cursor,
        })
    }
}

/// `GET /api/cases`: every case of a status (the console before the
/// indexes), or a page of them with filters, search and a cursor
/// (docs/agent-api.md).
pub async fn list(_: Agent, State(state): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let filter = match q.status.as_deref().map(StatusFilter::parse) {
        None => StatusFilter::Open,
        Some(Some(f)) => f,
        Some(None) => {
            return error(StatusCode::BAD_REQUEST, "bad_request", "status is one of waiting, claimed, open, resolved")
        }
    };
    let now = state.care.clock.now();
    if q.wants_page() {
        let page = match q.page(filter) {
            Ok(p) => p,
            Err(reason) => return error(StatusCode::BAD_REQUEST, "bad_request", &reason),
        };
        let answer = if filter == StatusFilter::Resolved {
            state.care.page_resolved(&page).await
        } else {
            state.care.page(&page).await
        };
        return match answer {
            Ok(p) => Json(json!({"now": now, "cases": p.cases, "next_cursor": p.next_cursor, "total": p.total}))
                .into_response(),
            Err(e) => e.into_response(),
        };
    }
    let team = q.team.as_deref().filter(|t| !t.is_empty());
    match state.care.list(filter, team).await {
        Ok(cases) => {
            let total = cases.len();
            Json(json!({"now": now, "cases": cases, "next_cursor": null, "total": total})).into_response()
        }
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
    /// The other case of `link` and `unlink`.
    other: Option<serde_json::Value>,
    /// The comment a comment action is for (default: the newest).
    #[serde(default)]
    comment: Option<String>,
}

/// `POST /api/cases/{id}/{action}`.
pub async fn act(
    Agent(who): Agent,
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    body: Option<Json<ActionBody>>,
) -> Response {
    let Some(id) = case_id(&id) else { return CareError::NotFound(0).into_response() };
    let body = body.map(|b| b.0).unwrap_or(ActionBody { text: None, team: None, other: None, comment: None });
    // `"other": "17"`, `"#17"` or `17`.
    let other = match &body.other {
        Some(serde_json::Value::String(s)) => {
            case_id(s).ok_or_else(|| CareError::BadRequest(format!("other `{s}`: a case id")))
        }
        Some(serde_json::Value::Number(n)) => {
            n.as_u64().ok_or_else(|| CareError::BadRequest(format!("other `{n}`: a case id")))
        }
        _ => Err(CareError::BadRequest("the body needs `other`: the case to link with".into())),
    };
    let care = &state.care;
    let needs =
        |v: Option<String>, what: &str| v.ok_or_else(|| CareError::BadRequest(format!("the body needs `{what}`")));
    let result = match action.as_str() {
        // Acknowledging an escalation alert is taking the case: the chain stops.
        "claim" | "acknowledge" => care.claim(id, &who).await,
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
        "link" => match other {
            Ok(o) => care.link(id, o, &who).await,
            Err(e) => Err(e),
        },
        "unlink" => match other {
            Ok(o) => care.unlink(id, o, &who).await,
            Err(e) => Err(e),
        },
        other if crate::service::comments::CommentAction::parse(other).is_some() => {
            let action = crate::service::comments::CommentAction::parse(other).expect("checked");
            care.comment_action(id, &who, action, body.comment.as_deref(), body.text.as_deref()).await
        }
        other => {
            return error(
                StatusCode::NOT_FOUND,
                "not_found",
                &format!(
                    "no action `{other}`: claim, acknowledge, release, reply, note, transfer, resolve, link, unlink, \
                     comment_reply, comment_private_reply, comment_hide"
                ),
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

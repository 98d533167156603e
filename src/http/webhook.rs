//! `/webhooks/meta`: the verification handshake (GET) and event delivery
//! (POST). A POST is answered 200 only once its events are durably in the
//! event log; anything else makes Meta deliver it again.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{AppState, BODY_LIMIT};
use crate::channels::meta::{parse_webhook, verify_signature};
use crate::channels::Event;

/// GET: answer Meta's `hub.challenge` when `hub.verify_token` is ours.
pub async fn verify(State(state): State<AppState>, Query(q): Query<HashMap<String, String>>) -> (StatusCode, String) {
    let mode = q.get("hub.mode").map(String::as_str);
    let token = q.get("hub.verify_token").map(String::as_bytes).unwrap_or_default();
    let ours = state.verify_token.expose().as_bytes();
    let token_ok = token.len() == ours.len() && constant_time_eq(token, ours);
    match (mode, q.get("hub.challenge")) {
        (Some("subscribe"), Some(challenge)) if token_ok => (StatusCode::OK, challenge.clone()),
        (Some("subscribe"), Some(_)) => {
            tracing::warn!("webhook verification with a wrong verify token");
            (StatusCode::FORBIDDEN, "verify token does not match\n".into())
        }
        _ => (StatusCode::BAD_REQUEST, "expected hub.mode=subscribe, hub.verify_token and hub.challenge\n".into()),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Bodies larger than this are read only within [`BodyBudget`]; Meta's
/// webhooks are a few kilobytes, so they never wait for it.
pub const SMALL_BODY: usize = 64 * 1024;

/// The bytes of large webhook bodies being read at once. Bodies are read
/// whole before the signature can be checked, so without a bound a sender
/// of many large unsigned bodies sets the memory the process takes; with it,
/// a large body that finds the budget spent is shed with 503 and
/// Retry-After, and small (Meta's) bodies keep flowing meanwhile.
#[derive(Debug, Clone)]
pub struct BodyBudget {
    kilobytes: std::sync::Arc<tokio::sync::Semaphore>,
}

impl BodyBudget {
    pub fn new(bytes: usize) -> Self {
        Self { kilobytes: std::sync::Arc::new(tokio::sync::Semaphore::new(bytes.div_ceil(1024).max(1))) }
    }
}

impl Default for BodyBudget {
    /// 12 MB: four bodies at the 3 MB limit.
    fn default() -> Self {
        Self::new(12 * 1024 * 1024)
    }
}

/// POST: signature over the raw bytes, then parse, then append, then 200.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let started = std::time::Instant::now();
    let (status, text) = match read_body(&state, &headers, body).await {
        Ok(bytes) => receive_inner(&state, &headers, &bytes).await,
        Err(refused) => refused,
    };
    if status == StatusCode::SERVICE_UNAVAILABLE {
        metrics::counter!("afterhours_webhooks_total", "outcome" => "unavailable").increment(1);
        return (status, [(header::RETRY_AFTER, "1")], text).into_response();
    }
    let outcome = match status {
        StatusCode::OK => "accepted",
        StatusCode::UNAUTHORIZED => "bad_signature",
        StatusCode::BAD_REQUEST | StatusCode::PAYLOAD_TOO_LARGE => "malformed",
        _ => "unavailable",
    };
    metrics::counter!("afterhours_webhooks_total", "outcome" => outcome).increment(1);
    metrics::histogram!("afterhours_webhook_seconds").record(started.elapsed().as_secs_f64());
    (status, text).into_response()
}

/// The body, read only when it may be Meta's: a POST without a signature is
/// refused unread, one larger than [`BODY_LIMIT`] too, and a large one only
/// while [`BodyBudget`] has room.
async fn read_body(state: &AppState, headers: &HeaderMap, body: Body) -> Result<Bytes, (StatusCode, String)> {
    if !headers.contains_key("x-hub-signature-256") {
        tracing::warn!("webhook refused unread: no X-Hub-Signature-256");
        return Err((StatusCode::UNAUTHORIZED, "signature: X-Hub-Signature-256 is missing\n".into()));
    }
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT) {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, format!("body larger than {BODY_LIMIT} bytes\n")));
    }
    // Without a length the body may be anything up to the limit.
    let size = declared.unwrap_or(BODY_LIMIT);
    let _permit = if size > SMALL_BODY {
        let kilobytes = u32::try_from(size.div_ceil(1024)).unwrap_or(u32::MAX);
        match state.bodies.kilobytes.clone().try_acquire_many_owned(kilobytes) {
            Ok(p) => Some(p),
            Err(_) => {
                tracing::warn!(bytes = size, "webhook shed: too many large bodies in flight");
                return Err((StatusCode::SERVICE_UNAVAILABLE, "busy: too many large bodies at once\n".into()));
            }
        }
    } else {
        None
    };
    read_into_one_buffer(body, declared).await
}

/// Reads the body into one buffer of its declared size, chunk by chunk:
/// each chunk is copied as it comes and freed, so a large body is held
/// once (joining a list of chunks at the end held it twice, and kept the
/// connection's read buffers the chunks point into alive until then).
async fn read_into_one_buffer(mut body: Body, declared: Option<usize>) -> Result<Bytes, (StatusCode, String)> {
    use http_body_util::BodyExt;
    let too_large = || (StatusCode::PAYLOAD_TOO_LARGE, format!("body larger than {BODY_LIMIT} bytes\n"));
    let mut buffer = Vec::with_capacity(declared.unwrap_or(SMALL_BODY).min(BODY_LIMIT));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| (StatusCode::BAD_REQUEST, format!("body not read whole: {e}\n")))?;
        if let Ok(chunk) = frame.into_data() {
            if buffer.len() + chunk.len() > BODY_LIMIT {
                return Err(too_large());
            }
            buffer.extend_from_slice(&chunk);
        }
    }
    Ok(Bytes::from(buffer))
}

async fn receive_inner(state: &AppState, headers: &HeaderMap, body: &Bytes) -> (StatusCode, String) {
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if let Err(e) = verify_signature(state.app_secret.expose().as_bytes(), body, signature) {
        tracing::warn!(error = %e, bytes = body.len(), "webhook refused: bad signature");
        return (StatusCode::UNAUTHORIZED, format!("signature: {e}\n"));
    }
    // Only Meta's webhooks make a burst the workers give way to: unsigned
    // junk must not slow the replies down.
    state.intake.record();
    let events = match parse_webhook(body) {
        Ok(events) => events,
        Err(e) => {
            tracing::warn!(error = %e, "webhook refused: malformed payload");
            return (StatusCode::BAD_REQUEST, format!("payload: {e}\n"));
        }
    };
    // An unreadable event (`Event::Unreadable`) is kept with the readable
    // ones: the workers log it and move it to the dead-letter log.
    let keep: Vec<Event> = events.into_iter().filter(|e| !matches!(e, Event::Ignored { .. })).collect();
    match state.store.append(&keep).await {
        Ok(()) => (StatusCode::OK, "EVENT_RECEIVED".into()),
        Err(e) => {
            // Meta retries a non-200: nothing is lost while the store is down.
            tracing::error!(error = %e, events = keep.len(), "events not stored; asking Meta to deliver again");
            (StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable\n".into())
        }
    }
}

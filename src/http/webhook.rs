//! `/webhooks/meta`: the verification handshake (GET) and event delivery
//! (POST). A POST is answered 200 only once its events are durably in the
//! event log; anything else makes Meta deliver it again.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};

use super::AppState;
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

/// POST: signature over the raw bytes, then parse, then append, then 200.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    let started = std::time::Instant::now();
    state.intake.record();
    let (status, text) = receive_inner(&state, &headers, &body).await;
    let outcome = match status {
        StatusCode::OK => "accepted",
        StatusCode::UNAUTHORIZED => "bad_signature",
        StatusCode::BAD_REQUEST => "malformed",
        _ => "unavailable",
    };
    metrics::counter!("afterhours_webhooks_total", "outcome" => outcome).increment(1);
    metrics::histogram!("afterhours_webhook_seconds").record(started.elapsed().as_secs_f64());
    (status, text)
}

async fn receive_inner(state: &AppState, headers: &HeaderMap, body: &Bytes) -> (StatusCode, String) {
    let signature = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if let Err(e) = verify_signature(state.app_secret.expose().as_bytes(), body, signature) {
        tracing::warn!(error = %e, bytes = body.len(), "webhook refused: bad signature");
        return (StatusCode::UNAUTHORIZED, format!("signature: {e}\n"));
    }
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

//! `/metrics`: Prometheus text. Counters and histograms are recorded where
//! things happen; the queue's gauges are refreshed in the background by
//! [`refresh_queue_gauges`] (from the store, so several processes report the
//! same truth), never by a scrape: a scrape renders what is there and reads
//! the event log's length, and costs the same with 10 or 100,000 waiting
//! cases. With METRICS_TOKEN set, a scrape must bring it as a bearer token.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tokio::sync::watch;

use super::AppState;
use crate::service::care::Care;

pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(expected) = &state.metrics_token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .unwrap_or_default();
        let same: bool = expected.expose().as_bytes().ct_eq(given.as_bytes()).into();
        if !same {
            return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "METRICS_TOKEN needed\n")
                .into_response();
        }
    }
    let Some(handle) = state.metrics.as_ref() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "metrics are not recorded in this process\n").into_response();
    };
    if let Ok(backlog) = state.store.backlog().await {
        metrics::gauge!("afterhours_event_log_backlog").set(backlog as f64);
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle.render()).into_response()
}

/// Sets the queue's gauges (depth, oldest waiting, overdue, per team) every
/// `every` until `shutdown`; the first time at once.
pub async fn refresh_queue_gauges(care: Arc<Care>, every: Duration, mut shutdown: watch::Receiver<bool>) {
    loop {
        queue_gauges(&care).await;
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// From the queue's kept counts (a few commands per team): the same cost
/// with 10 or 100,000 open cases.
async fn queue_gauges(care: &Care) {
    let now = care.clock.now();
    match care.queue_counts().await {
        Ok(teams) => {
            for t in teams {
                let oldest = t.oldest_waiting.map_or(0.0, |o| (now - o).num_seconds().max(0) as f64);
                metrics::gauge!("afterhours_queue_depth", "team" => t.team.clone()).set(t.waiting as f64);
                metrics::gauge!("afterhours_queue_oldest_waiting_seconds", "team" => t.team.clone()).set(oldest);
                metrics::gauge!("afterhours_overdue_cases", "team" => t.team).set(t.overdue as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the queue could not be read"),
    }
}

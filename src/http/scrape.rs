//! `/metrics`: Prometheus text. Counters and histograms are recorded where
//! things happen; the queue's gauges are computed here, at scrape time,
//! from the store (so several processes report the same truth).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::service::care::StatusFilter;

pub async fn metrics(State(state): State<AppState>) -> Response {
    let Some(handle) = state.metrics.as_ref() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "metrics are not recorded in this process\n").into_response();
    };
    let now = state.care.clock.now();
    match state.care.list(StatusFilter::Open, None).await {
        Ok(open) => {
            let engine = state.core.current();
            // Every team, so an empty queue reads 0 rather than vanishing.
            let mut per_team: BTreeMap<String, (u64, f64, u64)> =
                engine.playbook.teams.iter().map(|t| (t.id.to_string(), (0, 0.0, 0))).collect();
            for case in &open {
                let e = per_team.entry(case.team.clone()).or_default();
                // Depth and age: the waiting cases; overdue: claimed ones too.
                if case.status == crate::service::cases::CaseStatus::Waiting {
                    e.0 += 1;
                    e.1 = e.1.max((now - case.opened_at).num_seconds().max(0) as f64);
                }
                e.2 += u64::from(case.overdue);
            }
            for (team, (depth, oldest, overdue)) in per_team {
                metrics::gauge!("afterhours_queue_depth", "team" => team.clone()).set(depth as f64);
                metrics::gauge!("afterhours_queue_oldest_waiting_seconds", "team" => team.clone()).set(oldest);
                metrics::gauge!("afterhours_overdue_cases", "team" => team).set(overdue as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the queue could not be read"),
    }
    if let Ok(backlog) = state.store.backlog().await {
        metrics::gauge!("afterhours_event_log_backlog").set(backlog as f64);
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle.render()).into_response()
}

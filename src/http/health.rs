//! `/healthz` (the process answers) and `/readyz` (the store answers, the
//! flows and locales are loaded, and the workers are turning).

use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let silent = state.workers_alive.silent_for();
    if silent > crate::service::workers::Heartbeat::STALE {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: the workers have not turned for {} s\n", silent.as_secs()),
        );
    }
    match state.store.ping().await {
        Ok(()) => {
            let engine = state.core.current();
            (
                StatusCode::OK,
                format!("ready: {} store, {} languages\n", state.store.kind(), engine.playbook.langs().len()),
            )
        }
        Err(e) => {
            (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {} store unreachable: {e}\n", state.store.kind()))
        }
    }
}

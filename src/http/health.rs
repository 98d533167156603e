//! `/healthz` (the process answers) and `/readyz` (the store answers and
//! the flows and locales are loaded).

use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
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

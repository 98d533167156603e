//! The HTTP side: the Meta webhook and the health endpoints, with their
//! limits. Handlers only check, append to the event log and answer; the
//! workers do the rest.

pub mod agent;
pub mod console;
pub mod health;
pub mod listener;
pub mod replies;
pub mod scrape;
pub mod stream;
pub mod templates;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tower_http::timeout::TimeoutLayer;

use crate::config::Secret;
use crate::service::care::Care;
use crate::service::CoreHandle;
use crate::store::Store;

/// Meta's WhatsApp payloads are at most 3 MB; nothing we accept is larger.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;

/// What every handler may use; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub core: CoreHandle,
    pub store: Arc<dyn Store>,
    pub app_secret: Secret,
    pub verify_token: Secret,
    pub care: Arc<Care>,
    /// Counts webhooks so the workers can give way to a burst.
    pub intake: Arc<crate::service::intake::IntakeGauge>,
    pub agents: Arc<agent::AgentAuth>,
    /// The Prometheus recorder's handle, when this process installed one.
    pub metrics: Option<metrics_exporter_prometheus::PrometheusHandle>,
    /// The workers' heartbeat: `/readyz` fails when they stopped turning.
    pub workers_alive: Arc<crate::service::workers::Heartbeat>,
    /// The bytes of large webhook bodies read at once.
    pub bodies: webhook::BodyBudget,
    /// The bearer token `/metrics` asks for (METRICS_TOKEN), when set.
    pub metrics_token: Option<Secret>,
    /// The teams' case changes pushed to the agents (`/api/stream`).
    pub changes: Arc<crate::service::changes::Hub>,
}

/// The agent API's bodies are a few lines of text.
pub const AGENT_BODY_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    let meta = Router::new()
        .route("/webhooks/meta", get(webhook::verify).post(webhook::receive))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(scrape::metrics))
        .merge(console::routes())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Meta gives up after 5 s; answering later is as bad as not answering.
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(4)));
    let api = Router::new()
        .route("/api/me", get(agent::me))
        .route("/api/teams", get(agent::teams))
        .route("/api/coverage", get(agent::coverage))
        .route("/api/cases", get(agent::list))
        .route("/api/replies", get(replies::replies))
        .route("/api/cases/{id}", get(agent::get))
        .route("/api/cases/{id}/template", get(templates::cases_template_preview).post(templates::cases_template_send))
        .route("/api/cases/{id}/{action}", post(agent::act))
        .layer(DefaultBodyLimit::max(AGENT_BODY_LIMIT))
        // A reply waits for the channel, with its retries.
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::GATEWAY_TIMEOUT, Duration::from_secs(60)));
    // A stream stays open: no timeout.
    let push = Router::new()
        .route("/api/stream", get(stream::stream))
        .route("/api/stream/ticket", post(stream::ticket))
        .layer(DefaultBodyLimit::max(AGENT_BODY_LIMIT));
    meta.merge(api).merge(push).with_state(state)
}

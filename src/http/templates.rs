//! The agent API's WhatsApp templates: `GET /api/cases/{id}/template`
//! previews what the customer would read, `POST` sends it. See
//! `docs/agent-api.md`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::agent::{case_id, Agent};
use super::AppState;
use crate::service::care::CareError;
use crate::service::templates::TemplateRequest;

/// `?purpose=follow_up&lang=pt&first_name=Ana`: every key other than
/// `purpose` and `lang` is a parameter's value.
fn request_of(mut q: HashMap<String, String>) -> TemplateRequest {
    TemplateRequest {
        purpose: q.remove("purpose"),
        lang: q.remove("lang"),
        parameters: q.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect(),
    }
}

pub async fn cases_template_preview(
    _: Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(id) = case_id(&id) else { return CareError::NotFound(0).into_response() };
    match state.care.template_preview(id, &request_of(q)).await {
        Ok(preview) => Json(preview).into_response(),
        Err(e) => e.into_response(),
    }
}

pub async fn cases_template_send(
    Agent(who): Agent,
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Option<Json<TemplateRequest>>,
) -> Response {
    let Some(id) = case_id(&id) else { return CareError::NotFound(0).into_response() };
    let req = body.map(|b| b.0).unwrap_or_default();
    let result = state.care.send_template(id, &who, &req).await;
    if result.is_ok() {
        tracing::info!(case = id, agent = %who, action = "template", "case action");
    }
    match result {
        Ok(view) => Json(view).into_response(),
        Err(e) => e.into_response(),
    }
}

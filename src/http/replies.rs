//! `GET /api/replies?lang=xx[&case=17]`: the saved replies of
//! `flows/replies.toml` in one language; with `case`, in the case's
//! language with its placeholders filled.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::agent::{case_id, error, Agent};
use super::AppState;
use crate::domain::replies::fill;
use crate::domain::Lang;
use crate::service::care::CareError;

#[derive(Debug, Deserialize)]
pub struct RepliesQuery {
    lang: Option<String>,
    case: Option<String>,
}

pub async fn replies(_: Agent, State(state): State<AppState>, Query(q): Query<RepliesQuery>) -> Response {
    let engine = state.core.current();
    let case = match q.case.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => {
            let Some(id) = case_id(c) else { return CareError::NotFound(0).into_response() };
            match state.care.get(id).await {
                Ok(view) => Some(view),
                Err(e) => return e.into_response(),
            }
        }
    };
    let lang = match q.lang.as_deref().filter(|l| !l.is_empty()) {
        Some(code) => match Lang::parse(code) {
            Ok(l) if engine.playbook.language(l).is_some() => l,
            _ => {
                let all: Vec<&str> = engine.playbook.languages.iter().map(|l| l.lang.as_str()).collect();
                return error(
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                    &format!("lang `{code}`: one of {}", all.join(", ")),
                );
            }
        },
        None => case
            .as_ref()
            .and_then(|c| c.language.as_deref())
            .and_then(|l| Lang::parse(l).ok())
            .unwrap_or(engine.playbook.fallback),
    };
    let values = case.as_ref().and_then(|c| c.placeholders.clone());
    let list: Vec<_> = engine
        .playbook
        .replies
        .iter()
        .filter_map(|r| {
            // Not translated yet: the fallback language's body, marked.
            let (written_in, body) = match r.bodies.get(&lang) {
                Some(b) => (lang, b),
                None => (engine.playbook.fallback, r.bodies.get(&engine.playbook.fallback)?),
            };
            let body = match &values {
                Some(v) => fill(body, v.first_name.as_deref(), v.return_time.as_deref()),
                None => body.clone(),
            };
            Some(json!({"id": r.id, "title": r.title, "body": body, "language": written_in.as_str()}))
        })
        .collect();
    Json(list).into_response()
}

//! The care console: one page, its script and its style sheet, built into
//! the binary so that it is served without any file next to it. The page
//! talks only to the agent API (`docs/agent-api.md`) on the same origin.

use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub const INDEX_HTML: &str = include_str!("console/index.html");
pub const APP_JS: &str = include_str!("console/app.js");
pub const STYLE_CSS: &str = include_str!("console/style.css");
pub const ICON_SVG: &str = include_str!("console/icon.svg");

/// Only our own script, style and API; no inline code, no frames, no forms
/// sent anywhere (sign-in is handled by the script), no other origin.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                       connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `GET /console` and its script, style sheet and icon, for any state.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/console", get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }))
        .route("/console/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/console/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }))
        .route("/console/icon.svg", get(|| async { asset("image/svg+xml", ICON_SVG) }))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut res = body.into_response();
    let headers = res.headers_mut();
    let fixed = [
        (CONTENT_TYPE, content_type),
        (CONTENT_SECURITY_POLICY, CSP),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (REFERRER_POLICY, "no-referrer"),
        // A new binary may bring a new script: always ask, never guess.
        (CACHE_CONTROL, "no-cache"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    res
}

//! The care console: one page and the ES modules, style sheet and icon
//! beside it in `src/http/console/`, built into the binary so that it is
//! served without any file next to it. The page talks only to the agent API
//! (`docs/agent-api.md`) on the same origin.

use axum::extract::Path;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use include_dir::{include_dir, Dir};

/// Every file of the console, embedded at build time: a new module is
/// served as soon as it is in the folder (and imported by `app.js`).
static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/http/console");

/// Only our own script, style and API; no inline code, no frames, no forms
/// sent anywhere (sign-in is handled by the script), no other origin.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                       connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `GET /console` and `GET /console/{file}` for the files beside it, for any state.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/console", get(|| async { file("index.html") }))
        .route("/console/{file}", get(|Path(name): Path<String>| async move { file(&name) }))
}

/// The content type a browser needs to use the file; `None` for a kind the
/// console does not serve (a module must come as JavaScript to run under
/// `script-src 'self'`).
fn content_type(name: &str) -> Option<&'static str> {
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => return None,
    })
}

fn file(name: &str) -> Response {
    // Only names directly in the folder: no sub-paths, no hidden files.
    let found =
        (!name.contains('/') && !name.starts_with('.')).then(|| FILES.get_file(name)).flatten().zip(content_type(name));
    let Some((file, content_type)) = found else {
        return (StatusCode::NOT_FOUND, "no such console file").into_response();
    };
    let mut res = file.contents().into_response();
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

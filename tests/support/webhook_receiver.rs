//! A local webhook receiver for escalation alerts: an axum server on
//! 127.0.0.1 that records every POST by path, and answers a chosen status
//! on a path told to fail (to see retries and backoff).
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

/// One POST as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub body: Value,
    pub at: Instant,
    pub status: u16,
}

#[derive(Default)]
struct Inner {
    got: Vec<Received>,
    failing: HashMap<String, u16>,
}

#[derive(Clone)]
pub struct WebhookReceiver {
    addr: String,
    inner: Arc<Mutex<Inner>>,
}

impl WebhookReceiver {
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new().route("/{path}", post(receive)).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the receiver");
        let addr = listener.local_addr().unwrap().to_string();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { addr, inner }
    }

    /// `http://127.0.0.1:PORT/<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{path}", self.addr)
    }

    /// From now on `path` answers `status` (500: a target that is down).
    pub fn fail(&self, path: &str, status: u16) {
        self.inner.lock().unwrap().failing.insert(path.to_string(), status);
    }

    /// Every POST to `path`, answered or refused, in order.
    pub fn attempts(&self, path: &str) -> Vec<Received> {
        self.inner.lock().unwrap().got.iter().filter(|r| r.path == path).cloned().collect()
    }

    /// The bodies `path` accepted, in order.
    pub fn received(&self, path: &str) -> Vec<Value> {
        self.attempts(path).into_iter().filter(|r| r.status < 300).map(|r| r.body).collect()
    }
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(path): Path<String>,
    Json(body): Json<Value>,
) -> StatusCode {
    let mut inner = inner.lock().unwrap();
    let status = inner.failing.get(&path).copied().unwrap_or(200);
    inner.got.push(Received { path, body, at: Instant::now(), status });
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

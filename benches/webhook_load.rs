//! Load benchmark of `/webhooks/meta` with Redis, all on 127.0.0.1:
//!
//! 1. receipt-to-reply latency: signed Messenger webhooks at a fixed rate
//!    (default 1,000 events/s), each from a new customer; the time from
//!    sending the webhook to the reply reaching the fake Graph API;
//! 2. accepted requests per second, side by side in the same run: a minimal
//!    axum endpoint that only checks the signature and appends the body to a
//!    Redis stream (the ceiling of this design), then `afterhours serve`
//!    (workers running) under the same load.
//!
//! Run: `cargo bench --bench webhook_load` (needs `redis-server` on PATH).
//! Knobs: LOAD_SECS (5), LOAD_CONNECTIONS (64), LATENCY_RATE (1000), LATENCY_SECS (10).

#[path = "../tests/support/fake_graph.rs"]
mod fake_graph;
#[path = "../tests/support/redis_server.rs"]
mod redis_server;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use afterhours::channels::meta::{sign, verify_signature};
use afterhours::config::Secret;
use afterhours::startup::Application;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::json;

const SECRET: &str = "bench-secret";
const PAGE: &str = "104880000000001";
const TEXTS: [&str; 6] = [
    "Hallo, mijn pakket is beschadigd aangekomen, wat nu?",
    "Dzień dobry, gdzie jest moja paczka? Czekam już tydzień",
    "Hi, where is my order? It was supposed to arrive yesterday",
    "Hola, ¿cuándo llega mi pedido?",
    "Hei! Når åpner kundeservice i morgen?",
    "Bonjour, je voudrais retourner un article",
];

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn body(i: u64, at_ms: i64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "page",
        "entry": [{"id": PAGE, "time": at_ms, "messaging": [{
            "sender": {"id": format!("bench-{i}")},
            "recipient": {"id": PAGE},
            "timestamp": at_ms,
            "message": {"mid": format!("m_bench_{i}"), "text": TEXTS[(i % 6) as usize]}
        }]}]
    }))
    .unwrap()
}

#[derive(Clone)]
struct Minimal {
    conn: redis::aio::ConnectionManager,
}

/// The ceiling: check the signature, append the raw body, answer 200.
async fn minimal(State(s): State<Minimal>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let sig = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if verify_signature(SECRET.as_bytes(), &body, sig).is_err() {
        return StatusCode::UNAUTHORIZED;
    }
    let mut conn = s.conn.clone();
    let r: redis::RedisResult<String> =
        redis::cmd("XADD").arg("minimal:events").arg("*").arg("e").arg(body.as_ref()).query_async(&mut conn).await;
    if r.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

/// Keeps `connections` requests in flight for `secs`; returns accepted/s.
async fn hammer(url: String, secs: u64, connections: u64) -> (f64, u64, u64) {
    let client = reqwest::Client::builder().pool_max_idle_per_host(connections as usize).build().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicU64::new(0));
    let bad = Arc::new(AtomicU64::new(0));
    let next = Arc::new(AtomicU64::new(1_000_000));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, url, stop, ok, bad, next) =
            (client.clone(), url.clone(), stop.clone(), ok.clone(), bad.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let b = body(i, 1_795_831_200_000 + i as i64);
                let sig = sign(SECRET.as_bytes(), &b);
                match client.post(&url).header("x-hub-signature-256", sig).body(b).send().await {
                    Ok(r) if r.status() == 200 => ok.fetch_add(1, Ordering::Relaxed),
                    _ => bad.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(secs)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let n = ok.load(Ordering::Relaxed);
    (n as f64 / start.elapsed().as_secs_f64(), n, bad.load(Ordering::Relaxed))
}

fn settings(redis_url: &str, graph_url: &str, prefix: &str) -> afterhours::config::Settings {
    afterhours::config::Settings {
        flows: afterhours::engine::default_dir("flows"),
        locales: afterhours::engine::default_dir("locales"),
        redis_url: Some(redis_url.to_string()),
        redis_prefix: prefix.to_string(),
        retention: Duration::from_secs(86400),
        app_secret: Secret::new(SECRET),
        verify_token: Secret::new("v"),
        app_id: None,
        page_token: Some(Secret::new("bench-token")),
        whatsapp_token: None,
        account_tokens: HashMap::new(),
        graph_url: graph_url.to_string(),
        bind: "127.0.0.1:0".parse().unwrap(),
        consumer: format!("bench-{prefix}"),
        claim_idle: Duration::from_secs(30),
        agents: vec![("bench".into(), Secret::new("bench-agent-token"))],
        overdue_grace: chrono::Duration::minutes(15),
        alert_url: None,
        overdue_check: Duration::from_secs(30),
        // Saturday 02:00 in Amsterdam: every message gets an acknowledgement.
        at: Some("2026-11-28T01:00:00Z".parse().unwrap()),
    }
}

async fn start_bot(redis_url: &str, graph_url: &str, prefix: &str) -> String {
    let app = Application::build(settings(redis_url, graph_url, prefix)).await.expect("build afterhours");
    let url = format!("http://127.0.0.1:{}/webhooks/meta", app.port());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    url
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        // `cargo test --benches` lists benchmarks: there is one, with no test harness.
        return;
    }
    let load_secs = env_num("LOAD_SECS", 5);
    let connections = env_num("LOAD_CONNECTIONS", 64);
    let rate = env_num("LATENCY_RATE", 1000);
    let latency_secs = env_num("LATENCY_SECS", 10);
    let redis = redis_server::RedisServer::start();
    let graph = fake_graph::FakeGraph::start().await;
    println!("webhook load benchmark: {} cores, redis-server on 127.0.0.1:{}", num_cpus(), redis.port);

    // 1. Latency at a fixed rate, on a fresh bot.
    let url = start_bot(&redis.url(), &graph.url(), "lat").await;
    let client = reqwest::Client::new();
    let sent_at: Arc<std::sync::Mutex<HashMap<String, Instant>>> = Default::default();
    let total = rate * latency_secs;
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    let start = tokio::time::Instant::now();
    let mut posts = Vec::new();
    for i in 0..total {
        tokio::time::sleep_until(start + interval * i as u32).await;
        let (client, url, sent_at) = (client.clone(), url.clone(), sent_at.clone());
        posts.push(tokio::spawn(async move {
            let b = body(i, 1_795_831_200_000 + i as i64);
            let sig = sign(SECRET.as_bytes(), &b);
            sent_at.lock().unwrap().insert(format!("bench-{i}"), Instant::now());
            let r = client.post(&url).header("x-hub-signature-256", sig).body(b).send().await;
            r.map(|r| r.status() == 200).unwrap_or(false)
        }));
    }
    let mut accepted = 0;
    for p in posts {
        accepted += p.await.unwrap_or(false) as u64;
    }
    let sends = graph.wait_for_sends(total as usize, Duration::from_secs(60)).await;
    let sent_at = std::mem::take(&mut *sent_at.lock().unwrap());
    let mut lat: Vec<f64> = sends
        .iter()
        .filter_map(|s| {
            let who = s.body.as_ref()?["recipient"]["id"].as_str()?;
            Some(s.at.duration_since(*sent_at.get(who)?).as_secs_f64() * 1000.0)
        })
        .collect();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "receipt-to-reply at {rate} events/s for {latency_secs} s: {accepted}/{total} accepted, {} replies; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        percentile(&lat, 0.50),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN)
    );

    // 2. Accepted requests per second: the minimal endpoint, then afterhours.
    let conn = redis::Client::open(redis.url()).unwrap().get_connection_manager().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let min_url = format!("http://{}/webhook", listener.local_addr().unwrap());
    let router = axum::Router::new().route("/webhook", axum::routing::post(minimal)).with_state(Minimal { conn });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let (min_rps, min_n, min_bad) = hammer(min_url, load_secs, connections).await;
    println!("minimal endpoint (signature + XADD): {min_rps:.0} accepted/s ({min_n} in {load_secs} s, {min_bad} not accepted)");
    let bot_url = start_bot(&redis.url(), &graph.url(), "load").await;
    let (bot_rps, bot_n, bot_bad) = hammer(bot_url, load_secs, connections).await;
    println!(
        "afterhours serve (signature + parse + XADD, workers running): {bot_rps:.0} accepted/s ({bot_n} in {load_secs} s, {bot_bad} not accepted): {:.0}% of the minimal endpoint",
        100.0 * bot_rps / min_rps
    );
    std::process::exit(0);
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

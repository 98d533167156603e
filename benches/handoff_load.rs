//! Handoff benchmark, all on 127.0.0.1 with a real redis-server:
//!
//! 1. time from a customer's after-hours complaint (a signed webhook) to its
//!    case being listed by `GET /api/cases` (p50/p99), messages arriving at
//!    a steady rate while a poller lists the queue as a console would;
//! 2. claims per second with 20 agents competing for the same cases (each
//!    agent tries every case, in its own order), and the proof that every
//!    case was won exactly once.
//!
//! Run: `cargo bench --bench handoff_load` (needs `redis-server` on PATH).
//! Knobs: HANDOFF_CASES (300), HANDOFF_RATE (50 messages/s), HANDOFF_AGENTS (20).

mod common;
#[path = "../tests/support/fake_graph.rs"]
mod fake_graph;
#[path = "../tests/support/redis_server.rs"]
mod redis_server;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use afterhours::channels::meta::sign;
use common::*;
use serde_json::{json, Value};

const COMPLAINTS: [&str; 4] = [
    "Mijn pakket is kapot aangekomen, dit is echt belachelijk",
    "Paczka nie dotarła, czekam już dwa tygodnie i nikt nie odpowiada",
    "I was charged twice for my order and nobody answers, this is unacceptable",
    "Der Artikel ist beschädigt angekommen und der Kundenservice antwortet nicht",
];

fn body(i: u64) -> Vec<u8> {
    let at_ms = 1_795_831_200_000 + i as i64;
    serde_json::to_vec(&json!({
        "object": "page",
        "entry": [{"id": PAGE, "time": at_ms, "messaging": [{
            "sender": {"id": format!("handoff-{i}")},
            "recipient": {"id": PAGE},
            "timestamp": at_ms,
            "message": {"mid": format!("m_handoff_{i}"), "text": COMPLAINTS[(i % 4) as usize]}
        }]}]
    }))
    .unwrap()
}

async fn list_waiting(client: &reqwest::Client, base: &str) -> Vec<Value> {
    let r = client.get(format!("{base}/api/cases?status=waiting")).bearer_auth("token-agent0").send().await;
    match r {
        Ok(r) => r.json::<Value>().await.ok().and_then(|v| v["cases"].as_array().cloned()).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// A fixed permutation per agent (a linear congruential shuffle), so the
/// agents collide on some cases and not on others.
fn order(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for i in (1..n).rev() {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        v.swap(i, (x >> 33) as usize % (i + 1));
    }
    v
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let cases = env_num("HANDOFF_CASES", 300);
    let rate = env_num("HANDOFF_RATE", 50);
    let agents = env_num("HANDOFF_AGENTS", 20) as usize;
    let redis = redis_server::RedisServer::start();
    let graph = fake_graph::FakeGraph::start().await;
    println!("handoff benchmark: {} cores, redis-server on 127.0.0.1:{}", num_cpus(), redis.port);
    let base = start_bot(settings(&redis.url(), &graph.url(), "handoff", agents)).await.url;
    let client = reqwest::Client::new();

    // 1. Message -> case visible in /api/cases.
    let sent_at: Arc<Mutex<HashMap<String, Instant>>> = Default::default();
    let seen_at: Arc<Mutex<HashMap<String, Instant>>> = Default::default();
    let poller = {
        let (client, base, seen_at) = (client.clone(), base.clone(), seen_at.clone());
        tokio::spawn(async move {
            while seen_at.lock().unwrap().len() < cases as usize {
                let listed = list_waiting(&client, &base).await;
                let now = Instant::now();
                let mut seen = seen_at.lock().unwrap();
                for c in listed {
                    if let Some(who) = c["customer"]["id"].as_str() {
                        seen.entry(who.to_string()).or_insert(now);
                    }
                }
            }
        })
    };
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    let start = tokio::time::Instant::now();
    for i in 0..cases {
        tokio::time::sleep_until(start + interval * i as u32).await;
        let b = body(i);
        let sig = sign(SECRET.as_bytes(), &b);
        sent_at.lock().unwrap().insert(format!("handoff-{i}"), Instant::now());
        let (client, base) = (client.clone(), base.clone());
        tokio::spawn(async move {
            let _ =
                client.post(format!("{base}/webhooks/meta")).header("x-hub-signature-256", sig).body(b).send().await;
        });
    }
    if tokio::time::timeout(Duration::from_secs(120), poller).await.is_err() {
        println!("not every case became visible within 120 s");
    }
    let (sent, seen) = (sent_at.lock().unwrap().clone(), seen_at.lock().unwrap().clone());
    let mut lat: Vec<f64> =
        seen.iter().filter_map(|(who, at)| Some(at.duration_since(*sent.get(who)?).as_secs_f64() * 1000.0)).collect();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "message -> case listed in /api/cases ({cases} complaints at {rate}/s, queue growing to {cases}): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN)
    );

    // 2. Claims with agents competing.
    let ids: Vec<String> =
        list_waiting(&client, &base).await.iter().filter_map(|c| c["id"].as_str().map(str::to_string)).collect();
    let wins: Arc<Mutex<HashMap<String, Vec<String>>>> = Default::default();
    let conflicts = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let errors = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for a in 0..agents {
        let (client, base, ids, wins, conflicts, errors) =
            (client.clone(), base.clone(), ids.clone(), wins.clone(), conflicts.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            for i in order(ids.len(), a as u64 + 1) {
                let id = &ids[i];
                let r = client
                    .post(format!("{base}/api/cases/{id}/claim"))
                    .bearer_auth(format!("token-agent{a}"))
                    .send()
                    .await;
                match r.map(|r| r.status().as_u16()) {
                    Ok(200) => wins.lock().unwrap().entry(id.clone()).or_default().push(format!("agent{a}")),
                    Ok(409) => {
                        conflicts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    _ => {
                        errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let secs = started.elapsed().as_secs_f64();
    let wins = wins.lock().unwrap().clone();
    let attempts = (ids.len() * agents) as f64;
    let doubles = wins.values().filter(|w| w.len() > 1).count();
    let unclaimed = ids.iter().filter(|id| !wins.contains_key(*id)).count();
    println!(
        "claims: {agents} agents x {} cases = {attempts:.0} attempts in {secs:.2} s: {:.0} claim requests/s; {} won, {} conflicts (409), {} errors; double claims: {doubles}; unclaimed: {unclaimed}",
        ids.len(),
        attempts / secs,
        wins.len(),
        conflicts.load(std::sync::atomic::Ordering::Relaxed),
        errors.load(std::sync::atomic::Ordering::Relaxed),
    );
    // `exit` runs no destructors: stop redis-server first.
    drop(redis);
    std::process::exit(if doubles == 0 && unclaimed == 0 { 0 } else { 1 });
}

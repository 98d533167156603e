//! The care queue at scale, all on 127.0.0.1 with a real redis-server and
//! the bot in this process. For each queue size (open cases seeded through
//! the store, as the workers write them, 70% in one team):
//!
//! 1. listing: p50/p99 of a page (`GET /api/cases?team=benelux&limit=50`,
//!    the first page and pages deeper in), beside today's call (every
//!    waiting case of the team, what the console polled);
//! 2. Redis memory per case (INFO used_memory over the seeded cases) and the
//!    share of the queue's indexes (MEMORY USAGE of their keys);
//! 3. at the largest size, the push run: 20 new cases/s (signed webhooks)
//!    and 5 claims/s for QUEUE_SECS, with (a) nobody watching, (b) QUEUE_AGENTS
//!    agents on `GET /api/stream`, (c) as many agents polling today's call
//!    every 2.5 s; message to screen = webhook POST -> the case seen by an
//!    agent (p50/p99 over every agent), CPU per agent = (this process's CPU
//!    in b or c - in a) / agents / second.
//!
//! Run: `cargo bench --bench queue_load` (sizes 1000,10000; 5 s runs; 10
//! agents). Full: `QUEUE_SIZES=1000,10000,100000 QUEUE_AGENTS=50 QUEUE_SECS=20
//! cargo bench --bench queue_load`. Needs `redis-server` on PATH.

mod common;
#[path = "../tests/support/fake_graph.rs"]
mod fake_graph;
#[path = "../tests/support/redis_server.rs"]
mod redis_server;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use afterhours::channels::meta::sign;
use afterhours::channels::{Channel, ConversationKey};
use afterhours::domain::language::LangSource;
use afterhours::domain::{Kind, Lang, Priority, WindowRules};
use afterhours::service::cases::{Case, Opening};
use afterhours::service::conversation::{Author, Conversation, KnownLanguage, TranscriptEntry};
use afterhours::store::{RedisStore, Store};
use chrono::{DateTime, Utc};
use common::*;
use serde_json::{json, Value};

const NOW: &str = "2026-11-28T01:00:00Z";
const TEXT: &str = "Mijn pakket is kapot aangekomen, dit is echt belachelijk";

fn now() -> DateTime<Utc> {
    NOW.parse().unwrap()
}

/// Open case `i` as the workers write it: 70% benelux (Dutch), the rest
/// spread over the other teams; a mix of priorities and due times.
fn seeded(id: u64, i: u64) -> Conversation {
    let (lang, team, tz) = match i % 10 {
        0 => (Lang::parse("sv").unwrap(), "nordics", "Europe/Stockholm"),
        1 => (Lang::parse("pl").unwrap(), "central", "Europe/Warsaw"),
        2 => (Lang::parse("es").unwrap(), "south", "Europe/Madrid"),
        _ => (Lang::parse("nl").unwrap(), "benelux", "Europe/Amsterdam"),
    };
    let (priority, kind) = match i % 7 {
        0 => (Priority::Urgent, Kind::Urgent),
        1 | 2 => (Priority::Complaint, Kind::Complaint),
        _ => (Priority::Normal, Kind::Question),
    };
    let at = now() - chrono::Duration::seconds((i % 86_400) as i64);
    let key = ConversationKey { channel: Channel::Messenger, account: PAGE.into(), customer: format!("seed-{i}") };
    let mut c = Conversation::new(key);
    c.customer_name = Some(format!("Klant{i} Jansen"));
    c.language = Some(KnownLanguage { lang, confidence: 0.9, source: LangSource::Agreed });
    c.time_zone = Some(tz.into());
    c.transcript.push(TranscriptEntry::new(at, Author::Customer, format!("{TEXT} bestelling {i}")));
    c.last_customer_at = Some(at);
    c.needs_person = true;
    c.case = Some(Case::open(Opening {
        id,
        team: team.into(),
        priority,
        kind,
        intent: None,
        written_at: at,
        open_now: false,
        promised: Some(now() + chrono::Duration::hours(8) + chrono::Duration::minutes((i % 120) as i64)),
        window: Some(afterhours::domain::Window::after(at, WindowRules { human_agent: true, can_reopen: false })),
        now: at,
    }));
    c
}

/// Seeds open cases `from..to` through the store, 64 at a time.
async fn seed(store: &Arc<RedisStore>, from: u64, to: u64) {
    let next = Arc::new(AtomicU64::new(from));
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let (store, next) = (store.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= to {
                    return;
                }
                let id = store.next_case_id().await.unwrap();
                store.save_opening(id, &seeded(id, i)).await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
}

fn redis_memory(conn: &mut redis::Connection) -> u64 {
    let info: String = redis::cmd("INFO").arg("memory").query(conn).unwrap();
    info.lines().find_map(|l| l.strip_prefix("used_memory:")).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
}

/// Bytes held by the queue's own keys.
fn index_memory(conn: &mut redis::Connection) -> u64 {
    let mut keys: Vec<String> = redis::cmd("KEYS").arg("ah:{q:*").query(conn).unwrap();
    keys.push("ah:cases:team".into());
    keys.push("ah:queue:teams".into());
    keys.iter()
        .map(|k| {
            let b: Option<u64> = redis::cmd("MEMORY").arg("USAGE").arg(k).arg("SAMPLES").arg(0).query(conn).unwrap();
            b.unwrap_or(0)
        })
        .sum()
}

async fn timed_get(http: &reqwest::Client, url: &str) -> (f64, Value) {
    let t = Instant::now();
    let r = http.get(url).bearer_auth("token-agent0").send().await.unwrap();
    let v: Value = r.json().await.unwrap_or(Value::Null);
    (t.elapsed().as_secs_f64() * 1000.0, v)
}

fn p(samples: &mut [f64], q: f64) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    percentile(samples, q)
}

/// p50/p99 of pages: the first and, following cursors, deeper ones.
async fn page_latency(http: &reqwest::Client, base: &str, n: usize) -> (f64, f64, Value) {
    let mut samples = Vec::new();
    let mut cursor = String::new();
    let mut first = Value::Null;
    for i in 0..n {
        let (ms, page) = timed_get(http, &format!("{base}/api/cases?team=benelux&limit=50&cursor={cursor}")).await;
        samples.push(ms);
        cursor = page["next_cursor"].as_str().unwrap_or_default().to_string();
        if i == 0 {
            first = page;
        }
        if i % 20 == 19 {
            cursor.clear();
        }
    }
    (p(&mut samples, 0.5), p(&mut samples, 0.99), first)
}

async fn legacy_latency(http: &reqwest::Client, base: &str, n: usize) -> (f64, f64, usize) {
    let mut samples = Vec::new();
    let mut listed = 0;
    for _ in 0..n {
        let (ms, v) = timed_get(http, &format!("{base}/api/cases?status=waiting&team=benelux")).await;
        listed = v["cases"].as_array().map_or(0, Vec::len);
        samples.push(ms);
    }
    (p(&mut samples, 0.5), p(&mut samples, 0.99), listed)
}

#[derive(Clone, Copy, PartialEq)]
enum Watching {
    Nobody,
    Stream,
    Polling,
}

/// One push run: the load for `secs`, watched as `how`; answers message
/// to screen samples (ms), CPU seconds of this process, and polls done.
async fn run(base: &str, agents: usize, secs: u64, how: Watching, round: u64) -> (Vec<f64>, f64, u64) {
    // Few idle connections: the server holds 64 at most (MAX_CONNECTIONS)
    // and every agent on the stream keeps one.
    let http = reqwest::Client::builder().pool_max_idle_per_host(8).build().unwrap();
    let sent: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let samples: Arc<Mutex<Vec<f64>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(AtomicU64::new(0));
    let mut watchers = Vec::new();
    for a in 0..agents {
        let (http, base, sent, samples, stop, polls) =
            (http.clone(), base.to_string(), sent.clone(), samples.clone(), stop.clone(), polls.clone());
        let seen_once = move |seen: &mut std::collections::HashSet<String>, customer: &str| {
            if seen.insert(customer.to_string()) {
                if let Some(t) = sent.lock().unwrap().get(customer) {
                    samples.lock().unwrap().push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
        };
        watchers.push(tokio::spawn(async move {
            let mut seen = std::collections::HashSet::new();
            let token = format!("token-agent{a}");
            match how {
                Watching::Nobody => {}
                Watching::Stream => {
                    let mut r =
                        http.get(format!("{base}/api/stream?team=benelux")).bearer_auth(&token).send().await.unwrap();
                    let mut buf = String::new();
                    while !stop.load(Ordering::Relaxed) {
                        let Ok(Ok(Some(chunk))) = tokio::time::timeout(Duration::from_millis(200), r.chunk()).await
                        else {
                            continue;
                        };
                        buf.push_str(&String::from_utf8_lossy(&chunk));
                        while let Some(end) = buf.find("\n\n") {
                            let block: String = buf.drain(..end + 2).collect();
                            if let Some(data) = block.lines().find_map(|l| l.strip_prefix("data: ")) {
                                if let Ok(v) = serde_json::from_str::<Value>(data) {
                                    seen_once(&mut seen, v["customer"]["id"].as_str().unwrap_or_default());
                                }
                            }
                        }
                    }
                }
                Watching::Polling => {
                    // Spread over the 2.5 s the console waits between polls.
                    tokio::time::sleep(Duration::from_millis(2500 * a as u64 / agents.max(1) as u64)).await;
                    while !stop.load(Ordering::Relaxed) {
                        let started = Instant::now();
                        let r = tokio::time::timeout(
                            Duration::from_secs(30),
                            http.get(format!("{base}/api/cases?status=waiting&team=benelux"))
                                .bearer_auth(&token)
                                .send(),
                        )
                        .await;
                        if let Ok(Ok(r)) = r {
                            if let Ok(v) = r.json::<Value>().await {
                                polls.fetch_add(1, Ordering::Relaxed);
                                for c in v["cases"].as_array().into_iter().flatten() {
                                    seen_once(&mut seen, c["customer"]["id"].as_str().unwrap_or_default());
                                }
                            }
                        }
                        tokio::time::sleep(Duration::from_millis(2500).saturating_sub(started.elapsed())).await;
                    }
                }
            }
        }));
    }
    if how == Watching::Stream {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let cpu_before = cpu_seconds(std::process::id());
    let t0 = Instant::now();
    // 20 new cases a second and 5 claims a second, at even steps.
    let mut step = tokio::time::interval(Duration::from_millis(50));
    let mut n = 0u64;
    let mut claimable: Vec<String> = Vec::new();
    while t0.elapsed() < Duration::from_secs(secs) {
        step.tick().await;
        n += 1;
        let psid = format!("load-{round}-{n}");
        let at_ms = now().timestamp_millis();
        let body = serde_json::to_vec(&json!({
            "object": "page",
            "entry": [{"id": PAGE, "time": at_ms, "messaging": [{
                "sender": {"id": psid}, "recipient": {"id": PAGE}, "timestamp": at_ms,
                "message": {"mid": format!("m_{psid}"), "text": TEXT}
            }]}]
        }))
        .unwrap();
        let sig = sign(SECRET.as_bytes(), &body);
        sent.lock().unwrap().insert(psid, Instant::now());
        let (http2, base2) = (http.clone(), base.to_string());
        tokio::spawn(async move {
            let _ = http2
                .post(format!("{base2}/webhooks/meta"))
                .header("content-type", "application/json")
                .header("x-hub-signature-256", sig)
                .body(body)
                .send()
                .await;
        });
        if n.is_multiple_of(4) {
            if claimable.is_empty() {
                let (_, page) =
                    timed_get(&http, &format!("{base}/api/cases?team=benelux&status=waiting&limit=200")).await;
                claimable = page["cases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["id"].as_str().map(str::to_string))
                    .collect();
            }
            if let Some(id) = claimable.pop() {
                let (http2, base2) = (http.clone(), base.to_string());
                tokio::spawn(async move {
                    let _ = http2
                        .post(format!("{base2}/api/cases/{id}/claim"))
                        .bearer_auth("token-agent0")
                        .json(&json!({}))
                        .send()
                        .await;
                });
            }
        }
    }
    // Let the last messages reach the screens.
    tokio::time::sleep(Duration::from_millis(if how == Watching::Polling { 3000 } else { 1000 })).await;
    let cpu = cpu_seconds(std::process::id()) - cpu_before;
    stop.store(true, Ordering::Relaxed);
    for w in watchers {
        w.abort();
    }
    let out = samples.lock().unwrap().clone();
    (out, cpu, polls.load(Ordering::Relaxed))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let sizes: Vec<u64> = std::env::var("QUEUE_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let agents = env_num("QUEUE_AGENTS", 10) as usize;
    let secs = env_num("QUEUE_SECS", 5);
    let steal = cpu_ticks();
    let redis = redis_server::RedisServer::start();
    let graph = fake_graph::FakeGraph::start().await;
    let mut conn = redis.conn();
    let base_memory = redis_memory(&mut conn);
    let store = Arc::new(RedisStore::connect(&redis.url(), "ah", Duration::from_secs(86400)).await.unwrap());
    let bot = start_bot(settings(&redis.url(), &graph.url(), "ah", agents.max(1))).await;
    let http = reqwest::Client::new();
    println!("queue_load: {} CPUs, agents {agents}, {secs} s runs", num_cpus());
    let mut seeded_upto = 0;
    for &size in &sizes {
        let t = Instant::now();
        seed(&store, seeded_upto, size).await;
        seeded_upto = size;
        let seeding = t.elapsed();
        let memory = redis_memory(&mut conn).saturating_sub(base_memory);
        let index = index_memory(&mut conn);
        let (p50, p99, first) = page_latency(&http, &bot.url, 200).await;
        let legacy_n = if size >= 50_000 { 3 } else { 20 };
        let (l50, l99, listed) = legacy_latency(&http, &bot.url, legacy_n).await;
        println!(
            "{size} open cases (seeded in {:.1} s): page p50 {p50:.2} ms p99 {p99:.2} ms (total {}); today's call p50 {l50:.0} ms p99 {l99:.0} ms ({listed} cases, {legacy_n} calls); Redis {:.0} B/case, of which indexes {:.0} B/case",
            seeding.as_secs_f64(),
            first["total"],
            memory as f64 / size as f64,
            index as f64 / size as f64,
        );
    }
    let (_, idle_cpu, _) = run(&bot.url, 0, secs, Watching::Nobody, 1).await;
    let (mut pushed, stream_cpu, _) = run(&bot.url, agents, secs, Watching::Stream, 2).await;
    let (mut polled, poll_cpu, polls) = run(&bot.url, agents, secs, Watching::Polling, 3).await;
    let per_agent = |cpu: f64| (cpu - idle_cpu).max(0.0) / agents.max(1) as f64 / secs as f64 * 1000.0;
    println!(
        "push run at {seeded_upto} cases, {agents} agents, {secs} s, 20 cases/s + 5 claims/s: CPU {idle_cpu:.2} s with nobody watching"
    );
    println!(
        "  stream: message to screen p50 {:.0} ms p99 {:.0} ms ({} samples); CPU per agent {:.2} ms/s",
        p(&mut pushed, 0.5),
        p(&mut pushed, 0.99),
        pushed.len(),
        per_agent(stream_cpu)
    );
    println!(
        "  polling every 2.5 s (today): message to screen p50 {:.0} ms p99 {:.0} ms ({} samples, {polls} polls done of {} asked); CPU per agent {:.2} ms/s",
        p(&mut polled, 0.5),
        p(&mut polled, 0.99),
        polled.len(),
        agents as u64 * secs * 10 / 25,
        per_agent(poll_cpu)
    );
    println!("({})", steal_since(steal));
    bot.stop().await;
}

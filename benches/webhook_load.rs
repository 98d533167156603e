//! Load benchmark of `/webhooks/meta` with Redis, all on 127.0.0.1:
//!
//! 1. receipt-to-reply latency: signed Messenger webhooks at a fixed rate
//!    (default 1,000 events/s), each from a new customer; the time from
//!    sending the webhook to the reply reaching the fake Graph API; right
//!    before it, in the same run, the same for a minimal pipeline (the
//!    minimal endpoint below, a consumer group read, one fixed reply sent to
//!    the fake Graph API, `XACK`): the floor on this machine at that moment;
//! 2. accepted requests per second, side by side in the same run: a minimal
//!    axum endpoint that only checks the signature and appends the body to a
//!    Redis stream (the ceiling of this design), then `afterhours serve`
//!    (workers running) under the same load, and how long its backlog took;
//! 3. both figures again against one, then two, `afterhours serve` child
//!    processes (the release binary) on the same Redis.
//!
//! Every figure line ends with the share of CPU the VM's host took meanwhile.
//! Each part starts from a Redis without the last part's data, and an
//! in-process bot is stopped once its part is measured.
//! Run: `cargo bench --bench webhook_load` (needs `redis-server`; `wrk` is
//! used when installed). Knobs: LOAD_SECS (5), LOAD_CONNECTIONS (64),
//! LATENCY_RATE (1000), LATENCY_SECS (10), LOAD_PHASES (`1,2,3`: which of the
//! parts above to run), LATENCY_BY_SECOND (set: p50/p99 of each second),
//! LOAD_REDIS_STATS (set: Redis commands per event after part 1), LOAD_BIN
//! (the `afterhours` binary part 3 runs, to compare with a baseline build),
//! LOAD_PROCESSES (`1,2`: how many processes part 3 runs), LATENCY_SLOW
//! (set: when the replies over 10 ms came, by tenth of a second, beside the
//! host's steal then).

mod common;
#[path = "../tests/support/fake_graph.rs"]
mod fake_graph;
#[path = "../tests/support/redis_server.rs"]
mod redis_server;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use afterhours::channels::meta::{sign, verify_signature};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use common::*;
use serde_json::json;

// The allocator of the `afterhours` binary, for the bot and the minimal endpoint alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TEXTS: [&str; 6] = [
    "Hallo, mijn pakket is beschadigd aangekomen, wat nu?",
    "Dzień dobry, gdzie jest moja paczka? Czekam już tydzień",
    "Hi, where is my order? It was supposed to arrive yesterday",
    "Hola, ¿cuándo llega mi pedido?",
    "Hei! Når åpner kundeservice i morgen?",
    "Bonjour, je voudrais retourner un article",
];

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
    /// The stream the bodies are appended to.
    stream: &'static str,
}

/// The ceiling: check the signature, append the raw body, answer 200.
async fn minimal(State(s): State<Minimal>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let sig = headers.get("x-hub-signature-256").and_then(|v| v.to_str().ok());
    if verify_signature(SECRET.as_bytes(), &body, sig).is_err() {
        return StatusCode::UNAUTHORIZED;
    }
    let mut conn = s.conn.clone();
    let r: redis::RedisResult<String> =
        redis::cmd("XADD").arg(s.stream).arg("*").arg("e").arg(body.as_ref()).query_async(&mut conn).await;
    if r.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

/// The latency baseline: the minimal endpoint's stream read through a
/// consumer group, each entry's customer sent one fixed reply through the
/// fake Graph API, then acknowledged. Answers the webhook URL.
async fn minimal_pipeline(redis_url: &str, graph_url: &str) -> String {
    const STREAM: &str = "pipeline:events";
    let client = redis::Client::open(redis_url).unwrap();
    let conn = client.get_connection_manager().await.unwrap();
    let _: () = redis::cmd("XGROUP")
        .arg("CREATE")
        .arg(STREAM)
        .arg("g")
        .arg("$")
        .arg("MKSTREAM")
        .query_async(&mut conn.clone())
        .await
        .expect("the baseline's consumer group");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    let state = Minimal { conn: conn.clone(), stream: STREAM };
    let router = axum::Router::new().route("/webhook", axum::routing::post(minimal)).with_state(state);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let send_url = format!("{graph_url}/me/messages");
    let http = reqwest::Client::new();
    // The reads block on a connection of their own, as the bot's do.
    let mut reader = client.get_multiplexed_async_connection().await.unwrap();
    tokio::spawn(async move {
        loop {
            let read: redis::RedisResult<redis::streams::StreamReadReply> = redis::cmd("XREADGROUP")
                .arg("GROUP")
                .arg("g")
                .arg("c")
                .arg("COUNT")
                .arg(256)
                .arg("BLOCK")
                .arg(100)
                .arg("STREAMS")
                .arg(STREAM)
                .arg(">")
                .query_async(&mut reader)
                .await;
            let read = match read {
                Ok(read) => read,
                Err(e) => {
                    if !e.is_io_error() {
                        eprintln!("baseline pipeline: {e}");
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            for entry in read.keys.into_iter().flat_map(|k| k.ids) {
                let (http, send_url, mut conn) = (http.clone(), send_url.clone(), conn.clone());
                tokio::spawn(async move {
                    let body: Option<Vec<u8>> = entry.get("e");
                    let body: serde_json::Value = serde_json::from_slice(&body.unwrap_or_default()).unwrap_or_default();
                    let who = &body["entry"][0]["messaging"][0]["sender"]["id"];
                    let reply = json!({"recipient": {"id": who}, "messaging_type": "RESPONSE", "message": {"text": "Thanks, we are on it."}});
                    let sent = http.post(&send_url).bearer_auth("t").json(&reply).send().await;
                    if sent.is_ok_and(|r| r.status().is_success()) {
                        let _: redis::RedisResult<u64> =
                            redis::cmd("XACK").arg(STREAM).arg("g").arg(&entry.id).query_async(&mut conn).await;
                    }
                });
            }
        }
    });
    url
}

/// The latency of [`minimal_pipeline`] under the same load, with its CPU per
/// event: the floor of receipt-to-reply on this machine at this moment.
async fn baseline_latency(
    url: &str,
    graph: &fake_graph::FakeGraph,
    redis: &redis_server::RedisServer,
    rate: u64,
    secs: u64,
    first: u64,
) {
    let ticks = cpu_ticks();
    let cpu = CpuUse::start(&[std::process::id()], redis.pid());
    let (accepted, lat) = latency(&[url.to_string()], graph, rate, secs, first).await;
    report_latency(
        "baseline, minimal pipeline (signature, XADD; group read, one Graph send, XACK): receipt-to-reply",
        rate,
        secs,
        accepted,
        &lat,
        ticks,
    );
    cpu.report("this process (the pipeline, the load generator and the fake Graph API)", lat.len());
}

/// Sends `rate` signed webhooks a second for `secs` seconds, spread over
/// `urls` in turn, each from a new customer (ids from `first`); answers how
/// many were accepted and the receipt-to-reply times in ms, sorted.
async fn latency(urls: &[String], graph: &fake_graph::FakeGraph, rate: u64, secs: u64, first: u64) -> (u64, Vec<f64>) {
    let client = reqwest::Client::new();
    let sent_at: Arc<std::sync::Mutex<HashMap<String, Instant>>> = Default::default();
    let total = rate * secs;
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    // Only this run's sends are kept (and searched).
    graph.forget();
    let before = graph.send_count();
    let start = tokio::time::Instant::now();
    // Steal sampled every 50 ms (LATENCY_SLOW): (seconds since start, steal ticks, all ticks).
    let samples: Arc<std::sync::Mutex<Vec<(f64, u64, u64)>>> = Default::default();
    let sampling = Arc::new(AtomicBool::new(std::env::var_os("LATENCY_SLOW").is_some()));
    if sampling.load(Ordering::Relaxed) {
        let (samples, sampling, t0) = (samples.clone(), sampling.clone(), Instant::now());
        std::thread::spawn(move || {
            while sampling.load(Ordering::Relaxed) {
                let (st, all) = cpu_ticks();
                samples.lock().unwrap().push((t0.elapsed().as_secs_f64(), st, all));
                std::thread::sleep(Duration::from_millis(50));
            }
        });
    }
    let mut posts = Vec::new();
    for n in 0..total {
        tokio::time::sleep_until(start + interval * n as u32).await;
        let i = first + n;
        let url = urls[(n % urls.len() as u64) as usize].clone();
        let (client, sent_at) = (client.clone(), sent_at.clone());
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
    let sends = graph.wait_for_sends(before + total as usize, Duration::from_secs(60)).await;
    let sent_at = std::mem::take(&mut *sent_at.lock().unwrap());
    let first_sent = sent_at.values().min().copied();
    let mut timed: Vec<(f64, f64)> = sends
        .iter()
        .filter_map(|s| {
            let who = s.body.as_ref()?["recipient"]["id"].as_str()?;
            let sent = *sent_at.get(who)?;
            Some((sent.duration_since(first_sent?).as_secs_f64(), s.at.duration_since(sent).as_secs_f64() * 1000.0))
        })
        .collect();
    // Where in the run the slow replies were (warm-up, a pause, steady).
    if std::env::var_os("LATENCY_BY_SECOND").is_some() {
        timed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
        for s in 0..secs {
            let mut in_s: Vec<f64> =
                timed.iter().filter(|(at, _)| *at >= s as f64 && *at < (s + 1) as f64).map(|t| t.1).collect();
            in_s.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!("  second {s}: p50 {:.2} ms, p99 {:.2} ms", percentile(&in_s, 0.5), percentile(&in_s, 0.99));
        }
    }
    if std::env::var_os("LATENCY_SLOW").is_some() {
        let mut slow: Vec<&(f64, f64)> = timed.iter().filter(|t| t.1 > 10.0).collect();
        slow.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
        let mut windows: std::collections::BTreeMap<u64, (usize, f64)> = Default::default();
        for (at, l) in slow {
            let w = windows.entry((at * 10.0) as u64).or_default();
            w.0 += 1;
            w.1 = w.1.max(*l);
        }
        sampling.store(false, Ordering::Relaxed);
        let samples = samples.lock().unwrap().clone();
        let steal_in = |from: f64, to: f64| {
            let first = samples.iter().find(|s| s.0 >= from);
            let last = samples.iter().rev().find(|s| s.0 <= to);
            match (first, last) {
                (Some(a), Some(b)) if b.2 > a.2 => format!("{:.0}%", 100.0 * (b.1 - a.1) as f64 / (b.2 - a.2) as f64),
                _ => "?".into(),
            }
        };
        for (w, (n, max)) in windows {
            let at = w as f64 / 10.0;
            println!(
                "  slow at {at:.1} s: {n} over 10 ms, worst {max:.1} ms; steal from 0.2 s before: {}",
                steal_in(at - 0.2, at + 0.1)
            );
        }
        let quiet: Vec<String> = (0..secs).map(|s| steal_in(s as f64, s as f64 + 1.0)).collect();
        println!("  steal per second: {}", quiet.join(" "));
    }
    let mut lat: Vec<f64> = timed.into_iter().map(|t| t.1).collect();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (accepted, lat)
}

fn report_latency(what: &str, rate: u64, secs: u64, accepted: u64, lat: &[f64], ticks: (u64, u64)) {
    println!(
        "{what} at {rate} events/s for {secs} s: {accepted}/{} accepted, {} replies; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({})",
        rate * secs,
        lat.len(),
        percentile(lat, 0.50),
        percentile(lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN),
        steal_since(ticks)
    );
}

/// Redis commands per event so far, with their cost (`INFO commandstats`).
fn redis_commands_per_event(conn: &mut redis::Connection, events: usize) {
    let info: String = redis::cmd("INFO").arg("commandstats").query(conn).unwrap_or_default();
    for line in info.lines().filter_map(|l| l.strip_prefix("cmdstat_")) {
        let (name, stats) = line.split_once(':').unwrap_or((line, ""));
        let field = |k: &str| {
            stats.split(',').find_map(|kv| kv.strip_prefix(k)?.strip_prefix('=')?.parse::<f64>().ok()).unwrap_or(0.0)
        };
        println!(
            "  redis {name}: {:.2} per event, {:.1} µs each",
            field("calls") / events.max(1) as f64,
            field("usec_per_call")
        );
    }
}

/// The CPU time some processes, redis-server and (when the bot runs in a
/// child process) this process, the load generator and the fake Graph API, use over a run.
struct CpuUse {
    pids: Vec<u32>,
    redis: Option<u32>,
    before: (f64, f64, f64),
}

impl CpuUse {
    fn start(pids: &[u32], redis: Option<u32>) -> Self {
        let mut c = Self { pids: pids.to_vec(), redis, before: (0.0, 0.0, 0.0) };
        c.before = c.now();
        c
    }

    fn now(&self) -> (f64, f64, f64) {
        (
            self.pids.iter().map(|p| cpu_seconds(*p)).sum(),
            self.redis.map_or(0.0, cpu_seconds),
            cpu_seconds(std::process::id()),
        )
    }

    /// CPU time per event of the processes and of redis-server.
    fn report(&self, what: &str, events: usize) {
        let now = self.now();
        let per = |s: f64| 1e6 * s / events.max(1) as f64;
        let harness = if self.pids.contains(&std::process::id()) {
            String::new()
        } else {
            format!(", load generator and fake Graph API {:.0} µs", per(now.2 - self.before.2))
        };
        println!(
            "  CPU per event: {what} {:.0} µs, redis-server {:.0} µs{harness}",
            per(now.0 - self.before.0),
            per(now.1 - self.before.1)
        );
    }
}

/// `afterhours_workers_gave_way_total` of the bot at `base`.
async fn gave_way(base: &str) -> f64 {
    let metrics = match reqwest::get(format!("{base}/metrics")).await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    metrics
        .lines()
        .find_map(|l| l.strip_prefix("afterhours_workers_gave_way_total ")?.trim().parse::<f64>().ok())
        .unwrap_or(0.0)
}

/// `afterhours serve` as a child process (the release binary), as it runs
/// in production; answers the process and its webhook URL.
fn spawn_serve(redis_url: &str, graph_url: &str, prefix: &str, consumer: &str) -> (std::process::Child, String) {
    use std::io::BufRead;
    // LOAD_BIN: another build of the binary (a baseline), for part 3.
    let bin = std::env::var("LOAD_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_afterhours").to_string());
    let mut child = std::process::Command::new(bin)
        .args(["serve", "--at", "2026-11-28T01:00:00Z"])
        .env("REDIS_URL", redis_url)
        .env("REDIS_PREFIX", prefix)
        .env("META_APP_SECRET", SECRET)
        .env("META_VERIFY_TOKEN", "v")
        .env("META_PAGE_ACCESS_TOKEN", "bench-token")
        .env("META_GRAPH_URL", graph_url)
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("AFTERHOURS_CONSUMER", consumer)
        .env("AFTERHOURS_FLOWS", afterhours::engine::default_dir("flows"))
        .env("AFTERHOURS_LOCALES", afterhours::engine::default_dir("locales"))
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "warn,afterhours::startup=info,afterhours::engine=info")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the release binary");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if v["fields"]["message"] == "afterhours serving" {
                    let _ = tx.send(Some(v["fields"]["addr"].as_str().unwrap_or_default().to_string()));
                }
                if v["fields"]["message"] == "language models loaded" {
                    let _ = tx.send(None);
                }
            }
        }
    });
    // Timed once it is serving and its language models are loaded.
    let (mut addr, mut warm) = (None, false);
    while addr.is_none() || !warm {
        match rx.recv_timeout(Duration::from_secs(30)).expect("afterhours serve started") {
            Some(a) => addr = Some(a),
            None => warm = true,
        }
    }
    (child, format!("http://{}/webhooks/meta", addr.unwrap()))
}

/// Distinct signed bodies `wrk` cycles through (new customers for the workers).
const WRK_BODIES: u64 = 40_000;

/// Writes a wrk script that sends the pre-signed bodies in turn. The
/// bodies and signatures sit in a data file the script reads line by line
/// (a script with 80,000 string constants is more than Lua takes).
fn wrk_script(dir: &std::path::Path) -> std::path::PathBuf {
    use std::io::Write;
    let data = dir.join("webhooks.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&data).unwrap());
    for i in 0..WRK_BODIES {
        let b = body(5_000_000 + i, 1_795_831_200_000 + i as i64);
        let sig = sign(SECRET.as_bytes(), &b);
        writeln!(f, "{sig}\n{}", String::from_utf8(b).unwrap()).unwrap();
    }
    f.flush().unwrap();
    let path = dir.join("webhooks.lua");
    std::fs::write(
        &path,
        format!(
            r#"local bodies, sigs = {{}}, {{}}
local sig = nil
for line in io.lines("{}") do
  if sig == nil then sig = line else sigs[#sigs + 1] = sig; bodies[#bodies + 1] = line; sig = nil end
end
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = sigs[i]}}, bodies[i])
end
"#,
            data.display()
        ),
    )
    .unwrap();
    path
}

/// Runs wrk (one thread: it leaves the other core to the server); returns
/// accepted/s, accepted, not accepted.
async fn wrk(url: &str, script: &std::path::Path, secs: u64, connections: u64) -> Option<(f64, u64, u64)> {
    let out = tokio::process::Command::new("wrk")
        .args(["-t1", &format!("-c{connections}"), &format!("-d{secs}s"), "-s"])
        .arg(script)
        .arg(url)
        .output()
        .await
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let total: u64 = text.lines().find_map(|l| l.trim().split(" requests in ").next()?.trim().parse().ok())?;
    let non_2xx: u64 =
        text.lines().find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:")?.trim().parse().ok()).unwrap_or(0);
    let errors: u64 = text
        .lines()
        .find_map(|l| {
            let rest = l.trim().strip_prefix("Socket errors:")?;
            Some(rest.split(',').filter_map(|p| p.split_whitespace().last()?.parse::<u64>().ok()).sum())
        })
        .unwrap_or(0);
    let ok = total.saturating_sub(non_2xx);
    Some((ok as f64 / secs as f64, ok, non_2xx + errors))
}

/// Keeps `connections` requests in flight for `secs`; returns accepted/s.
/// The fallback load generator when wrk is not installed.
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

/// Each part starts from a Redis without the last part's data: its keys
/// are deleted and the append-only file rewritten (Redis would otherwise
/// rewrite it, a second core's worth of work, in the middle of the next
/// measurement).
fn fresh_redis(conn: &mut redis::Connection, prefixes: &[&str]) {
    for prefix in prefixes {
        let keys: Vec<String> = redis::cmd("KEYS").arg(format!("{prefix}:*")).query(conn).unwrap_or_default();
        for chunk in keys.chunks(1000) {
            let _: redis::RedisResult<()> = redis::cmd("UNLINK").arg(chunk).query(conn);
        }
    }
    let _: redis::RedisResult<()> = redis::cmd("BGREWRITEAOF").query(conn);
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let info: String = redis::cmd("INFO").arg("persistence").query(conn).unwrap_or_default();
        if info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0") {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!("  (Redis was still rewriting its append-only file after 120 s)");
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
    let phases = std::env::var("LOAD_PHASES").unwrap_or_else(|_| "1,2,3".into());
    let phase = |n: &str| phases.split(',').any(|p| p.trim() == n);
    let redis = redis_server::RedisServer::start();
    // LOAD_REDIS_UNIX: the bot and the minimal endpoint reach Redis over its Unix socket.
    let redis_url = if std::env::var_os("LOAD_REDIS_UNIX").is_some() { redis.unix_url() } else { redis.url() };
    let graph = fake_graph::FakeGraph::start().await;
    // As for most apps: the first name is given, the time zone permission is not.
    graph.set_default_profile("Alex");
    graph.refuse_timezone_field();
    println!("webhook load benchmark: {} cores, redis-server at {redis_url}", num_cpus());

    // The latency baseline, measured right before each latency figure of the bot.
    let pipeline = if phase("1") || phase("3") { Some(minimal_pipeline(&redis_url, &graph.url()).await) } else { None };
    // Customer ids of the baseline's runs, apart from the bot's.
    let mut baseline_first = 90_000_000;

    // 1. Latency at a fixed rate, on a fresh bot.
    if phase("1") {
        if let Some(url) = &pipeline {
            baseline_latency(url, &graph, &redis, rate, latency_secs, baseline_first).await;
            baseline_first += rate * latency_secs;
        }
        let bot = start_bot(settings(&redis_url, &graph.url(), "lat", 0)).await;
        let base = bot.url.clone();
        let ticks = cpu_ticks();
        let cpu = CpuUse::start(&[std::process::id()], redis.pid());
        let (accepted, lat) = latency(&[format!("{base}/webhooks/meta")], &graph, rate, latency_secs, 0).await;
        report_latency("receipt-to-reply", rate, latency_secs, accepted, &lat, ticks);
        cpu.report("this process (the bot, the load generator and the fake Graph API)", lat.len());
        if std::env::var_os("LOAD_REDIS_STATS").is_some() {
            redis_commands_per_event(&mut redis.conn(), lat.len());
        }
        // At this rate the workers must never have held back for a burst.
        println!("  the workers gave way to a burst {} times", gave_way(&base).await);
        bot.stop().await;
        fresh_redis(&mut redis.conn(), &["lat"]);
    }

    let idle = |conn: &mut redis::Connection, prefix: &str| {
        redis::cmd("XLEN").arg(format!("{prefix}:events")).query::<u64>(conn).unwrap_or(0) == 0
    };

    // 2. Accepted requests per second: the minimal endpoint, then afterhours.
    let conn = redis::Client::open(redis_url.clone()).unwrap().get_connection_manager().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let min_url = format!("http://{}/webhook", listener.local_addr().unwrap());
    let router = axum::Router::new()
        .route("/webhook", axum::routing::post(minimal))
        .with_state(Minimal { conn, stream: "minimal:events" });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let scripts = tempfile::tempdir().unwrap();
    let script = wrk_script(scripts.path());
    let use_wrk = std::process::Command::new("wrk").arg("--version").output().is_ok();
    println!(
        "load generator: {}",
        if use_wrk {
            "wrk, 1 thread (40,000 distinct signed bodies)"
        } else {
            "reqwest in process (install wrk for a lighter one)"
        }
    );
    let load = |url: String| {
        let script = script.clone();
        async move {
            let measured = if use_wrk { wrk(&url, &script, load_secs, connections).await } else { None };
            match measured {
                Some(r) => r,
                None => hammer(url, load_secs, connections).await,
            }
        }
    };
    if phase("2") {
        let ticks = cpu_ticks();
        let (min_rps, min_n, min_bad) = load(min_url).await;
        println!(
            "minimal endpoint (signature + XADD): {min_rps:.0} accepted/s ({min_n} in {load_secs} s, {min_bad} not accepted; {})",
            steal_since(ticks)
        );
        let bot = start_bot(settings(&redis_url, &graph.url(), "load", 0)).await;
        let bot_url = format!("{}/webhooks/meta", bot.url);
        let ticks = cpu_ticks();
        let (bot_rps, bot_n, bot_bad) = load(bot_url).await;
        println!(
            "afterhours serve (signature + parse + XADD, workers running): {bot_rps:.0} accepted/s ({bot_n} in {load_secs} s, {bot_bad} not accepted; {}): {:.0}% of the minimal endpoint",
            steal_since(ticks),
            100.0 * bot_rps / min_rps
        );
        // The workers gave way during the burst: how long its backlog took.
        let burst_over = Instant::now();
        let mut conn = redis::Client::open(redis.url()).unwrap().get_connection().unwrap();
        let deadline = burst_over + Duration::from_secs(300);
        while !idle(&mut conn, "load") && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        println!("  every accepted event answered {:.1} s after the burst", burst_over.elapsed().as_secs_f64());
        bot.stop().await;
        fresh_redis(&mut conn, &["load", "minimal"]);
    }

    // 3. One and two `afterhours serve` processes on the same Redis, once
    // the in-process bot has answered its backlog (it would share the CPU);
    // each set of processes is killed after its burst.
    let mut conn = redis::Client::open(redis.url()).unwrap().get_connection().unwrap();
    let counts = std::env::var("LOAD_PROCESSES").unwrap_or_else(|_| "1,2".into());
    let counts: Vec<usize> = counts.split(',').filter_map(|n| n.trim().parse().ok()).collect();
    for n in counts.into_iter().filter(|_| phase("3")) {
        let procs: Vec<_> = (0..n)
            .map(|k| spawn_serve(&redis_url, &graph.url(), &format!("proc{n}"), &format!("proc{n}-{k}")))
            .collect();
        let urls: Vec<String> = procs.iter().map(|(_, u)| u.clone()).collect();
        // Replies first, on fresh processes; then the burst of intake.
        if let Some(url) = pipeline.as_ref().filter(|_| n == 1) {
            baseline_latency(url, &graph, &redis, rate, latency_secs, baseline_first).await;
            baseline_first += rate * latency_secs;
        }
        let ticks = cpu_ticks();
        let pids: Vec<u32> = procs.iter().map(|(c, _)| c.id()).collect();
        let cpu = CpuUse::start(&pids, redis.pid());
        let (accepted, lat) = latency(&urls, &graph, rate, latency_secs, 20_000_000 * n as u64).await;
        report_latency(&format!("{n} process(es): receipt-to-reply"), rate, latency_secs, accepted, &lat, ticks);
        cpu.report("afterhours serve", lat.len());
        for u in &urls {
            println!(
                "  the workers gave way to a burst {} times",
                gave_way(u.trim_end_matches("/webhooks/meta")).await
            );
        }
        if load_secs == 0 {
            // Replies only (LOAD_SECS=0): no burst.
            for (mut child, _) in procs {
                let _ = child.kill();
                let _ = child.wait();
            }
            fresh_redis(&mut conn, &[&format!("proc{n}")]);
            continue;
        }
        let ticks = cpu_ticks();
        let runs: Vec<_> = urls.iter().map(|u| tokio::spawn(load(u.clone()))).collect();
        let mut rps = 0.0;
        for r in runs {
            rps += r.await.map(|r| r.0).unwrap_or(0.0);
        }
        println!("{n} process(es): {rps:.0} webhooks accepted/s in total ({})", steal_since(ticks));
        let burst_over = Instant::now();
        let deadline = burst_over + Duration::from_secs(300);
        while !idle(&mut conn, &format!("proc{n}")) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        println!("  every accepted event answered {:.1} s after the burst", burst_over.elapsed().as_secs_f64());
        for (mut child, _) in procs {
            let _ = child.kill();
            let _ = child.wait();
        }
        fresh_redis(&mut conn, &[&format!("proc{n}")]);
    }
    // `exit` runs no destructors: stop redis-server first.
    drop(redis);
    std::process::exit(0);
}

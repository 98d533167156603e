//! Fault tests: a load of signed webhooks (each from a new customer, sent
//! again on any non-200 as Meta does) while something breaks: Redis stopped
//! for 10 seconds, the Graph API failing with 500 and 429, the bot killed
//! with SIGKILL, one of two bots killed. Each ends with a count (events
//! accepted, replies delivered, duplicates, losses) and wants zero of both.
//! Loopback only, every wait bounded.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use afterhours::channels::meta::sign;
use serde_json::json;

use crate::helpers::*;

const TEXT: &str = "Hallo, waar blijft mijn pakket? Ik wacht al een week";
const WAIT: Duration = Duration::from_secs(15);

/// The webhook URLs the load may use; tests change it as bots die and start.
type Targets = Arc<Mutex<Vec<String>>>;

struct Load {
    accepted: Arc<AtomicUsize>,
    refused_for_good: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

/// Sends `n` events at `rate` per second, each from customer `{prefix}-{i}`;
/// each is sent again (to the next target, after a pause) until it gets 200,
/// for up to 60 s, as Meta retries.
fn start_load(targets: Targets, prefix: &str, n: usize, rate: u64) -> Load {
    let prefix = prefix.to_string();
    start_load_of(targets, n, rate, move |i| {
        messenger_text(NL_PAGE, &format!("{prefix}-{i}"), &format!("m_{prefix}_{i}"), ts(i as i64), TEXT)
    })
}

/// [`start_load`] with the `i`th event's body made by `event`.
fn start_load_of(
    targets: Targets,
    n: usize,
    rate: u64,
    event: impl Fn(usize) -> serde_json::Value + Send + 'static,
) -> Load {
    let accepted = Arc::new(AtomicUsize::new(0));
    let refused_for_good = Arc::new(AtomicUsize::new(0));
    let (acc, bad) = (accepted.clone(), refused_for_good.clone());
    let task = tokio::spawn(async move {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
        let interval = Duration::from_secs_f64(1.0 / rate as f64);
        let start = tokio::time::Instant::now();
        let mut posts = Vec::new();
        for i in 0..n {
            tokio::time::sleep_until(start + interval * i as u32).await;
            let (client, targets, acc, bad) = (client.clone(), targets.clone(), acc.clone(), bad.clone());
            let body = serde_json::to_vec(&event(i)).unwrap();
            posts.push(tokio::spawn(async move {
                let sig = sign(SECRET.as_bytes(), &body);
                let give_up = Instant::now() + Duration::from_secs(60);
                let mut pause = Duration::from_millis(100);
                for attempt in 0.. {
                    let url = {
                        let t = targets.lock().unwrap();
                        t.get(attempt % t.len().max(1)).cloned()
                    };
                    if let Some(url) = url {
                        let r = client
                            .post(url)
                            .header("x-hub-signature-256", &sig)
                            .header("content-type", "application/json")
                            .body(body.clone())
                            .send()
                            .await;
                        if r.is_ok_and(|r| r.status() == 200) {
                            acc.fetch_add(1, Ordering::SeqCst);
                            return;
                        }
                    }
                    if Instant::now() > give_up {
                        bad.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(1));
                }
            }));
        }
        for p in posts {
            let _ = p.await;
        }
    });
    Load { accepted, refused_for_good, task }
}

/// Delivered replies (Graph took them: answered 200, late or not at all) per customer of this load.
fn delivered(graph: &FakeGraph, prefix: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for s in graph.sends().iter().filter(|s| s.status == 200) {
        if let Some(who) = s.body.as_ref().and_then(|b| b["recipient"]["id"].as_str().or(b["to"].as_str())) {
            if who.starts_with(&format!("{prefix}-")) {
                *out.entry(who.to_string()).or_insert(0) += 1;
            }
        }
    }
    out
}

/// Waits for the load to end and every accepted customer to be answered,
/// then prints and checks the count. `in_flight_at_kill`: how many replies
/// may have been on the wire when a process was killed (Meta took them, the
/// dead process never heard): the one window where a reply can go out twice.
async fn settle(
    what: &str,
    load: Load,
    graph: &FakeGraph,
    prefix: &str,
    n: usize,
    within: Duration,
    in_flight_at_kill: usize,
) {
    tokio::time::timeout(Duration::from_secs(120), load.task).await.expect("the load ends").unwrap();
    let accepted = load.accepted.load(Ordering::SeqCst);
    let deadline = Instant::now() + within;
    while delivered(graph, prefix).len() < accepted && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let got = delivered(graph, prefix);
    let replies: usize = got.values().sum();
    let duplicates: usize = got.values().map(|c| c - 1).sum();
    let lost = accepted.saturating_sub(got.len());
    println!(
        "{what}: {n} events sent, {accepted} accepted, {} refused for good, {replies} replies delivered, {duplicates} duplicates, {lost} lost",
        load.refused_for_good.load(Ordering::SeqCst)
    );
    assert_eq!(accepted, n, "{what}: every event is accepted in the end (Meta retries)");
    assert_eq!(lost, 0, "{what}: no accepted event goes unanswered");
    assert!(
        duplicates <= in_flight_at_kill,
        "{what}: {duplicates} customers answered twice; at most {in_flight_at_kill} replies can be in flight at a kill"
    );
}

#[tokio::test]
async fn redis_stopped_for_ten_seconds_under_load_loses_nothing() {
    let mut redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let bot = Bot::start(&redis.url(), &graph.url(), "fault-redis");
    let targets: Targets = Arc::new(Mutex::new(vec![bot.url("/webhooks/meta")]));
    let load = start_load(targets, "redis", 300, 30);
    wait_until("some replies before the outage", Duration::from_secs(15), || delivered(&graph, "redis").len() >= 30)
        .await;
    redis.stop_gracefully();
    let down = Instant::now();
    // While Redis is down the webhook answers 503, so Meta keeps the events.
    let probe = serde_json::to_vec(&messenger_text(NL_PAGE, "probe", "m_probe", ts(0), TEXT)).unwrap();
    let r = reqwest::Client::new()
        .post(bot.url("/webhooks/meta"))
        .header("x-hub-signature-256", sign(SECRET.as_bytes(), &probe))
        .body(probe)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503, "not 200 for what cannot be stored");
    let ready = reqwest::get(bot.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 503, "not ready while Redis is down");
    wait_until("ten seconds of outage", Duration::from_secs(15), || down.elapsed() >= Duration::from_secs(10)).await;
    redis.restart();
    settle("redis stopped 10 s", load, &graph, "redis", 300, Duration::from_secs(60), 0).await;
    drop(bot);
}

#[tokio::test]
async fn the_graph_api_failing_with_500_and_429_for_a_while_loses_nothing() {
    let app = spawn_app().await;
    app.graph.fail_next(60, 500, json!({"error": {"message": "An unknown error occurred", "code": 1}}));
    app.graph.fail_next_with_retry_after(
        40,
        429,
        json!({"error": {"message": "Calls to this api have exceeded the rate limit.", "code": 613}}),
        1,
    );
    let targets: Targets = Arc::new(Mutex::new(vec![app.bot.url("/webhooks/meta")]));
    let load = start_load(targets, "graph", 200, 50);
    settle("graph 500 x60 then 429 x40", load, &app.graph, "graph", 200, Duration::from_secs(60), 0).await;
    let failed = app.graph.sends().iter().filter(|s| s.status != 200).count();
    assert_eq!(failed, 100, "every scripted failure was met and retried");
}

#[tokio::test]
async fn the_bot_killed_mid_load_and_restarted_loses_nothing() {
    let mut app = spawn_app().await;
    let targets: Targets = Arc::new(Mutex::new(vec![app.bot.url("/webhooks/meta")]));
    let load = start_load(targets.clone(), "kill", 300, 50);
    wait_until("mid-load", Duration::from_secs(15), || delivered(&app.graph, "kill").len() >= 60).await;
    app.bot.kill();
    targets.lock().unwrap().clear();
    app.bot = Bot::start(&app.redis.url(), &app.graph.url(), "test-bot");
    targets.lock().unwrap().push(app.bot.url("/webhooks/meta"));
    // A worker has 16 lanes, each with at most one send on the wire.
    settle("bot SIGKILLed mid-load", load, &app.graph, "kill", 300, Duration::from_secs(60), 16).await;
}

#[tokio::test]
async fn one_of_two_bots_killed_mid_load_loses_nothing() {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let fast_takeover = |consumer: &str, threads: &str| BotOptions {
        consumer: consumer.into(),
        env: vec![("CLAIM_IDLE_SECS".into(), "2".into()), ("AFTERHOURS_THREADS".into(), threads.into())],
        ..Default::default()
    };
    // The survivor runs on one thread (AFTERHOURS_THREADS=1), the other on one per core.
    let a = Bot::launch(&redis.url(), &graph.url(), fast_takeover("bot-a", "1"));
    let mut b = Bot::launch(&redis.url(), &graph.url(), fast_takeover("bot-b", "0"));
    let targets: Targets = Arc::new(Mutex::new(vec![a.url("/webhooks/meta"), b.url("/webhooks/meta")]));
    let load = start_load(targets.clone(), "pair", 300, 50);
    wait_until("mid-load", Duration::from_secs(15), || delivered(&graph, "pair").len() >= 60).await;
    b.kill();
    targets.lock().unwrap().retain(|u| u.contains(&a.addr));
    settle("one of two bots SIGKILLed", load, &graph, "pair", 300, Duration::from_secs(60), 16).await;
}

/// Issue 22: 1,000 parallel unsigned bodies just under the 3 MB limit took the bot to 308 MB.
#[tokio::test]
async fn a_thousand_large_unsigned_bodies_at_once_leave_memory_bounded_and_signed_webhooks_answered() {
    let app = spawn_app().await;
    // One message first: the language models are loaded, as in a running bot.
    let first = messenger_text(NL_PAGE, "psid-mem0", "m_mem0", ts(0), "Hallo, waar is mijn pakket?");
    assert_eq!(app.post_signed(&first).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    let before = app.bot.peak_resident_bytes();
    let body = axum::body::Bytes::from(vec![b' '; afterhours::http::BODY_LIMIT - 4096]);
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let mut senders = tokio::task::JoinSet::new();
    for _ in 0..1000 {
        let (client, body, url) = (client.clone(), body.clone(), app.bot.url("/webhooks/meta"));
        senders.spawn(async move {
            let sent = client
                .post(url)
                .header("content-type", "application/json")
                .header("x-hub-signature-256", format!("sha256={}", "0".repeat(64)))
                .body(body)
                .send()
                .await;
            // Shed before its body is read, the connection may close under the sender.
            sent.map(|r| r.status().as_u16()).unwrap_or(0)
        });
    }
    // Meanwhile a customer writes: Meta's small signed body does not wait for the large ones.
    let started = Instant::now();
    let signed =
        app.post_signed(&messenger_text(NL_PAGE, "psid-mem", "m_mem", ts(0), "Hallo, waar is mijn pakket?")).await;
    assert_eq!(signed.status(), 200);
    let signed_took = started.elapsed();
    let mut statuses = std::collections::BTreeMap::new();
    while let Some(status) = senders.join_next().await {
        *statuses.entry(status.unwrap()).or_insert(0) += 1;
    }
    app.graph.wait_for_sends(2, WAIT).await;
    let peak = app.bot.peak_resident_bytes();
    println!(
        "1,000 large unsigned bodies: statuses {statuses:?}; peak resident {} MB (before: {} MB); a signed webhook answered in {signed_took:?}",
        peak / 1_000_000,
        before / 1_000_000
    );
    // What the flood itself costs, beside the process's own size at rest
    // (a debug build idles at 140-150 MB with the language models loaded, so
    // an absolute 200 MB line here would measure the build, not the bound;
    // the README gives the figures of both builds). Unbounded, the
    // same flood cost 170 MB to more than 1 GB.
    let flood = peak.saturating_sub(before);
    assert!(flood < 120_000_000, "the flood took {} MB (peak {} MB)", flood / 1_000_000, peak / 1_000_000);
    // The absolute line, for a release build run by hand (README):
    // AFTERHOURS_BIN=target/release/afterhours AFTERHOURS_PEAK_MB=200.
    if let Some(limit) = std::env::var("AFTERHOURS_PEAK_MB").ok().and_then(|v| v.parse::<u64>().ok()) {
        assert!(peak < limit * 1_000_000, "peak {} MB, over {limit} MB", peak / 1_000_000);
    }
    assert!(statuses.keys().all(|s| [0, 401, 503].contains(s)), "{statuses:?}");
    assert!(
        statuses.get(&503).copied().unwrap_or(0) + statuses.get(&0).copied().unwrap_or(0) > 0,
        "some were shed: {statuses:?}"
    );
}

#[tokio::test]
async fn a_post_without_a_signature_is_refused_before_its_body_is_read() {
    let app = spawn_app().await;
    // Declares 3 MB and sends a few bytes: an answer now shows the body was never awaited.
    let mut stream = tokio::net::TcpStream::connect(&app.bot.addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let head = format!(
        "POST /webhooks/meta HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{{\"object\"",
        afterhours::http::BODY_LIMIT - 1
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(3), stream.read(&mut answer))
        .await
        .expect("answered at once")
        .unwrap();
    assert!(
        String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 401"),
        "{}",
        String::from_utf8_lossy(&answer[..n])
    );
}

/// Issue 22, item 1: a Graph API that accepts each send but answers after the
/// client's timeout (10 s) must not get the same reply again and again.
#[tokio::test]
async fn a_graph_api_answering_after_the_timeout_gets_each_reply_once() {
    let app = spawn_app().await;
    app.graph.delay_next(20, Duration::from_secs(12));
    // WhatsApp: no profile call, so every delayed answer is a send's.
    for i in 0..20 {
        let body = whatsapp_text(WA_NUMBER, &format!("3460000{i:04}"), "Eva", &format!("wamid.late{i}"), ts(i), TEXT);
        assert_eq!(app.post_signed(&body).await.status(), 200);
    }
    wait_until("every event handled", Duration::from_secs(60), || app.events_in_log() == 0).await;
    let mut copies: HashMap<String, usize> = HashMap::new();
    for s in app.graph.sends() {
        *copies.entry(s.body.as_ref().unwrap()["to"].as_str().unwrap().to_string()).or_default() += 1;
    }
    assert_eq!(copies.len(), 20, "{copies:?}");
    assert!(copies.values().all(|n| *n == 1), "each customer got one copy: {copies:?}");
    // Perhaps sent, not confirmed: a person is told, the bot does not send it again.
    let conv = app.conversation("whatsapp", WA_NUMBER, "34600000000").unwrap();
    assert_eq!(conv["needs_person"], true);
    let reply = conv["transcript"].as_array().unwrap().iter().find(|e| e["author"] == "bot").cloned().unwrap();
    assert_eq!(reply["delivery"]["state"], "failed", "{reply}");
    assert!(reply["delivery"]["reason"].as_str().unwrap().contains("perhaps sent"), "{reply}");
}

/// A Messenger reply whose send timed out is confirmed by its echo (our app id, the same text).
#[tokio::test]
async fn a_reply_not_confirmed_at_its_send_is_confirmed_by_its_echo() {
    let app = spawn_app().await;
    // The profile calls (first name, time zone) and the send all answer after the client gave up.
    app.graph.delay_next(3, Duration::from_secs(12));
    let psid = "psid-echo-confirms";
    assert_eq!(app.post_signed(&messenger_text(NL_PAGE, psid, "m_ec1", ts(0), TEXT)).await.status(), 200);
    let failed = |c: &serde_json::Value| {
        c["transcript"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["author"] == "bot" && e["delivery"]["state"] == "failed")
            .cloned()
    };
    let deadline = Instant::now() + Duration::from_secs(40);
    let reply = loop {
        if let Some(r) = app.conversation("messenger", NL_PAGE, psid).as_ref().and_then(failed) {
            break r;
        }
        assert!(Instant::now() < deadline, "the reply was never marked perhaps sent:\n{}", app.bot.logs());
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(app.graph.sends().len(), 1);
    // Meta echoes what it did send, with our app id.
    let text = reply["text"].as_str().unwrap().to_string();
    let echo = json!({"sender": {"id": NL_PAGE}, "recipient": {"id": psid}, "timestamp": ts(5),
        "message": {"mid": "m_echo_confirms", "is_echo": true, "app_id": 1234567890_i64, "text": text}});
    assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![echo])])).await.status(), 200);
    wait_until("the echo confirms the reply", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| {
            c["transcript"].as_array().unwrap().iter().any(|e| e["author"] == "bot" && e["delivery"]["state"] == "sent")
        })
    })
    .await;
    assert_eq!(app.graph.sends().len(), 1, "never sent again");
}

/// A number from the environment, for the long runs by hand.
fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Issue 22, the first "Done when": a Graph API that takes sends and
/// answers 6-12 s late (past the bot's 10 s timeout for some), drops
/// connections after reading the body, and answers 500 for 30 s. Meta's
/// `statuses` webhooks (with our `biz_opaque_callback_data`) settle what
/// the bot could not know. Every customer gets exactly one copy, counted
/// at the fake Graph API, and no reply stays "perhaps sent".
///
/// CI runs it at a tenth of the time (120 replies, 1 s timeout, answers
/// 0.6-1.2 s late, 500 for 3 s): every fault is met. The full run:
/// `FAULT_REPLIES=1000 FAULT_TIME_SCALE=1 cargo test --test api -- --nocapture exactly_one_copy`.
#[tokio::test]
async fn late_dropped_and_refused_sends_give_every_customer_exactly_one_copy() {
    let n: usize = env_or("FAULT_REPLIES", 120);
    let scale: f64 = env_or("FAULT_TIME_SCALE", 0.1);
    let scaled = |secs: f64| Duration::from_secs_f64(secs * scale);
    let timeout = scaled(10.0);
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let bot = Bot::launch(
        &redis.url(),
        &graph.url(),
        BotOptions {
            consumer: "fault-graph".into(),
            env: vec![
                ("GRAPH_TIMEOUT_MS".into(), timeout.as_millis().to_string()),
                // A reply refused for now waits for the sweep: 30 s in production.
                ("CLAIM_IDLE_SECS".into(), scaled(30.0).as_secs().max(1).to_string()),
            ],
            ..Default::default()
        },
    );
    graph.report_statuses_to(&bot.url("/webhooks/meta"), SECRET);
    // Every 4th taken send answers 6 to 12 s late; every 7th is dropped unanswered.
    graph.answer_late(4, scaled(6.0), scaled(12.0));
    graph.drop_after_reading(7, 1);
    let targets: Targets = Arc::new(Mutex::new(vec![bot.url("/webhooks/meta")]));
    let customer = |i: usize| format!("fault-{i}");
    let load = start_load_of(targets, n, 50, move |i| {
        whatsapp_text(WA_NUMBER, &customer(i), "Eva", &format!("wamid.fault{i}"), ts(i as i64), TEXT)
    });
    wait_until("a quarter of the replies", Duration::from_secs(60), || delivered(&graph, "fault").len() >= n / 4).await;
    graph.refuse_for(scaled(30.0));
    let refusing = Instant::now();

    tokio::time::timeout(Duration::from_secs(120), load.task).await.expect("the load ends").unwrap();
    assert_eq!(load.accepted.load(Ordering::SeqCst), n, "every event is accepted (Meta retries)");
    // Done when every customer has a copy, the log is empty and every reply is known sent.
    let unsettled = |conv: Option<serde_json::Value>| {
        conv.is_none_or(|c| {
            !c["transcript"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["author"] == "bot" && e["delivery"]["state"] == "sent")
        })
    };
    let within = Duration::from_secs(90).max(scaled(600.0));
    let deadline = Instant::now() + within;
    let mut left: Vec<usize> = (0..n).collect();
    while Instant::now() < deadline {
        left.retain(|i| unsettled(app_conversation(&redis, WA_NUMBER, &format!("fault-{i}"))));
        if left.is_empty() && delivered(&graph, "fault").len() == n && events_in(&redis) == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let sends = graph.sends();
    let got = delivered(&graph, "fault");
    let copies: usize = got.values().sum();
    let duplicates: usize = got.values().map(|c| c - 1).sum();
    let lost = n - got.len();
    let refused = sends.iter().filter(|s| s.status == 500).count();
    let dropped = sends.iter().filter(|s| s.dropped).count();
    let logs = bot.logs();
    let unconfirmed = logs.matches("reply perhaps sent, not confirmed").count();
    let confirmed = logs.matches("confirmed by its status").count();
    println!(
        "graph late/dropped/500 ({n} replies, time x{scale}): {copies} copies taken, {duplicates} duplicates, {lost} lost; \
         {refused} sends refused with 500 (for {:?}), {dropped} connections dropped, {unconfirmed} sends unconfirmed, \
         {confirmed} confirmed by a status; {} replies not known sent; settled in {:?}",
        scaled(30.0),
        left.len(),
        refusing.elapsed()
    );
    assert_eq!(
        lost,
        0,
        "every customer is answered: {:?}",
        (0..n).filter(|i| !got.contains_key(&customer(*i))).collect::<Vec<_>>()
    );
    assert_eq!(
        duplicates,
        0,
        "nobody gets a reply twice: {:?}",
        got.iter().filter(|(_, c)| **c > 1).collect::<Vec<_>>()
    );
    // Each fault was met.
    assert!(refused > 0, "some sends met the 500s");
    assert!(dropped > 0, "some connections were dropped");
    assert!(
        unconfirmed >= dropped,
        "a dropped or too late answer leaves a send unconfirmed ({unconfirmed} < {dropped})"
    );
    // And Meta's statuses settled every one of them.
    assert!(confirmed >= unconfirmed, "{confirmed} confirmed of {unconfirmed} unconfirmed");
    assert!(left.is_empty(), "replies not known sent for {left:?}");
}

fn app_conversation(redis: &RedisServer, account: &str, customer: &str) -> Option<serde_json::Value> {
    let mut conn = redis.conn();
    let raw: Option<String> =
        redis::cmd("GET").arg(format!("ah:{{c:whatsapp:{account}:{customer}}}:conv")).query(&mut conn).unwrap();
    raw.map(|r| serde_json::from_str(&r).unwrap())
}

fn events_in(redis: &RedisServer) -> usize {
    redis::cmd("XLEN").arg("ah:events").query(&mut redis.conn()).unwrap()
}

/// A WhatsApp reply Meta took and then failed for a temporary reason
/// (131000) is sent once more, under its reference marked as the re-send;
/// a second failure, or a lasting one (131047, the window closed), is left
/// failed for a person.
#[tokio::test]
async fn a_reply_meta_failed_for_a_temporary_reason_is_sent_again_once() {
    let app = spawn_app().await;
    app.graph.report_statuses_to(&app.bot.url("/webhooks/meta"), SECRET);
    let reply_of = |customer: &str| {
        let conv = app.conversation("whatsapp", WA_NUMBER, customer)?;
        conv["transcript"].as_array().unwrap().iter().find(|e| e["author"] == "bot").cloned()
    };
    let sends_to = |customer: &str| -> Vec<serde_json::Value> {
        app.graph.sends().into_iter().filter_map(|s| s.body).filter(|b| b["to"] == customer).collect()
    };
    // (customer, failed statuses, sends expected, delivery at the end)
    let cases = [
        ("34611000001", vec![131000], 2, "sent"),
        ("34611000002", vec![131000, 131000], 2, "failed"),
        ("34611000003", vec![131047], 1, "failed"),
    ];
    for (i, (customer, codes, sends, state)) in cases.iter().enumerate() {
        app.graph.fail_statuses(codes);
        let body = whatsapp_text(WA_NUMBER, customer, "Eva", &format!("wamid.resend{i}"), ts(i as i64), TEXT);
        assert_eq!(app.post_signed(&body).await.status(), 200);
        wait_until(&format!("{customer}: {sends} sends and the reply {state}"), WAIT, || {
            sends_to(customer).len() == *sends
                && reply_of(customer).is_some_and(|r| {
                    r["delivery"]["state"] == *state
                        && (*state != "failed"
                            || !r["delivery"]["reason"].as_str().unwrap().starts_with("not confirmed"))
                })
                && app.events_in_log() == 0
        })
        .await;
        let bodies = sends_to(customer);
        let reference = bodies[0]["biz_opaque_callback_data"].as_str().unwrap();
        assert_eq!(reference, format!("ah1:wamid.resend{i}:0"), "the reply is sent under its reference");
        if *sends == 2 {
            assert_eq!(bodies[1]["biz_opaque_callback_data"], format!("{reference}:again"));
            assert_eq!(bodies[1]["text"], bodies[0]["text"], "the same reply, once more");
        }
    }
    assert_eq!(app.graph.sends().len(), 5, "no send beyond the one re-send of each temporary failure");
}

//! `spawn_app()`: a real redis-server, the fake Graph API and the real
//! `afterhours serve` binary on free ports, with typed helpers to post
//! signed webhooks and read what the bot stored.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use afterhours::channels::meta::sign;
use serde_json::{json, Value};

pub use crate::copy_dir::copy_dir;

pub use crate::fake_graph::FakeGraph;
pub use crate::redis_server::RedisServer;

pub const SECRET: &str = "test-app-secret";
pub const VERIFY: &str = "test-verify-token";
pub const PAGE_TOKEN: &str = "EAAtestPAGEtoken0123456789";
pub const WA_TOKEN: &str = "EAAtestWHATSAPPtoken0123456789";
/// Saturday 28 November 2026, 02:00 in Amsterdam: every team is closed.
pub const SATURDAY_NIGHT: &str = "2026-11-28T01:00:00Z";
pub const NL_PAGE: &str = "104880000000001";
pub const PL_PAGE: &str = "104880000000002";
pub const IG_ACCOUNT: &str = "17841400000000003";
pub const WA_NUMBER: &str = "106540000000004";

/// The bot as a child process; killed (SIGKILL) when dropped.
pub struct Bot {
    child: Child,
    pub addr: String,
    pub logs: Arc<Mutex<Vec<String>>>,
}

/// Care staff of the test bot: `anna` and `bob`.
pub const ANNA: &str = "anna-token-0123456789abcdef";
pub const BOB: &str = "bob-token-0123456789abcdefgh";

/// How to start the bot; `Default` is the usual test bot.
#[derive(Debug, Clone)]
pub struct BotOptions {
    pub consumer: String,
    pub flows: std::path::PathBuf,
    pub locales: std::path::PathBuf,
    /// The moment the bot's clock starts at (RFC 3339).
    pub at: String,
    /// Extra environment, over the defaults.
    pub env: Vec<(String, String)>,
}

impl Default for BotOptions {
    fn default() -> Self {
        Self {
            consumer: "test-bot".into(),
            flows: afterhours::engine::default_dir("flows"),
            locales: afterhours::engine::default_dir("locales"),
            at: SATURDAY_NIGHT.into(),
            env: Vec::new(),
        }
    }
}

impl Bot {
    pub fn start(redis_url: &str, graph_url: &str, consumer: &str) -> Bot {
        Self::launch(redis_url, graph_url, BotOptions { consumer: consumer.into(), ..Default::default() })
    }

    pub fn start_with(redis_url: &str, graph_url: &str, consumer: &str, flows: &Path, locales: &Path) -> Bot {
        let opts = BotOptions {
            consumer: consumer.into(),
            flows: flows.to_path_buf(),
            locales: locales.to_path_buf(),
            ..Default::default()
        };
        Self::launch(redis_url, graph_url, opts)
    }

    pub fn launch(redis_url: &str, graph_url: &str, opts: BotOptions) -> Bot {
        // AFTERHOURS_BIN: another build of the bot (a release build, to measure it).
        let bin = std::env::var("AFTERHOURS_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_afterhours").to_string());
        let mut cmd = Command::new(bin);
        cmd.args(["serve", "--at", &opts.at])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("REDIS_URL", redis_url)
            .env("META_APP_SECRET", SECRET)
            .env("META_VERIFY_TOKEN", VERIFY)
            .env("META_APP_ID", "1234567890")
            .env("META_PAGE_ACCESS_TOKEN", PAGE_TOKEN)
            .env("WHATSAPP_ACCESS_TOKEN", WA_TOKEN)
            .env("META_GRAPH_URL", graph_url)
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("AFTERHOURS_CONSUMER", &opts.consumer)
            .env("AGENT_TOKENS", format!("anna:{ANNA},bob:{BOB}"))
            .env("OVERDUE_CHECK_SECS", "1")
            .env("QUEUE_GAUGES_SECS", "1")
            .env("LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env("AFTERHOURS_FLOWS", &opts.flows)
            .env("AFTERHOURS_LOCALES", &opts.locales);
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start afterhours serve");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let sink = logs.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if v["fields"]["message"] == "afterhours serving" {
                        let _ = tx.send(v["fields"]["addr"].as_str().unwrap_or_default().to_string());
                    }
                }
                sink.lock().unwrap().push(line);
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("afterhours serve did not start within 20 s:\n{}", logs.lock().unwrap().join("\n"));
            }
        };
        Bot { child, addr, logs }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak resident memory so far (`VmHWM`), in bytes.
    pub fn peak_resident_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let kb = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok());
        kb.unwrap_or(0u64) * 1024
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        self.kill();
    }
}

pub struct TestApp {
    pub redis: RedisServer,
    pub graph: FakeGraph,
    pub bot: Bot,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let bot = Bot::start(&redis.url(), &graph.url(), "test-bot");
    TestApp { redis, graph, bot, http: reqwest::Client::new() }
}

/// A bot whose clock starts at `at` (RFC 3339), e.g. a Monday in business hours.
pub async fn spawn_app_at(at: &str) -> TestApp {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let bot = Bot::launch(&redis.url(), &graph.url(), BotOptions { at: at.into(), ..Default::default() });
    TestApp { redis, graph, bot, http: reqwest::Client::new() }
}

impl TestApp {
    pub async fn post_signed(&self, body: &Value) -> reqwest::Response {
        let body = serde_json::to_vec(body).unwrap();
        let sig = sign(SECRET.as_bytes(), &body);
        self.post_raw(body, Some(&sig)).await
    }

    pub async fn post_raw(&self, body: Vec<u8>, signature: Option<&str>) -> reqwest::Response {
        let mut req =
            self.http.post(self.bot.url("/webhooks/meta")).header("content-type", "application/json").body(body);
        if let Some(s) = signature {
            req = req.header("x-hub-signature-256", s);
        }
        req.send().await.expect("webhook request")
    }

    /// The stored conversation record, read straight from Redis.
    pub fn conversation(&self, channel: &str, account: &str, customer: &str) -> Option<Value> {
        let mut conn = self.redis.conn();
        let raw: Option<String> =
            redis::cmd("GET").arg(format!("ah:{{c:{channel}:{account}:{customer}}}:conv")).query(&mut conn).unwrap();
        raw.map(|r| serde_json::from_str(&r).unwrap())
    }

    /// The conversation record once it says `mid` was handled (it is
    /// written with the lock's release, after the send); waits up to `within`.
    pub async fn handled_conversation(
        &self,
        channel: &str,
        account: &str,
        customer: &str,
        mid: &str,
        within: Duration,
    ) -> Value {
        let deadline = Instant::now() + within;
        loop {
            if let Some(c) = self.conversation(channel, account, customer) {
                if c["handled"].as_array().is_some_and(|h| h.iter().any(|m| m == mid)) {
                    return c;
                }
            }
            assert!(Instant::now() < deadline, "{mid} not recorded as handled within {within:?}:\n{}", self.bot.logs());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    pub fn events_in_log(&self) -> usize {
        let mut conn = self.redis.conn();
        redis::cmd("XLEN").arg("ah:events").query(&mut conn).unwrap()
    }

    /// `GET` on the agent API with a token; the status and the JSON body.
    pub async fn api_get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut req = self.http.get(self.bot.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.expect("agent API request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// `POST` on the agent API with a token and a JSON body.
    pub async fn api_post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut req = self.http.post(self.bot.url(path)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = req.send().await.expect("agent API request");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The open cases as the console sees them.
    pub async fn open_cases(&self) -> Vec<Value> {
        let (status, body) = self.api_get("/api/cases?status=open", Some(ANNA)).await;
        assert_eq!(status, 200, "{body}");
        body["cases"].as_array().cloned().unwrap_or_default()
    }

    /// Waits until a case of `customer` is listed, and answers it.
    pub async fn wait_for_case(&self, customer: &str, within: Duration) -> Value {
        let deadline = Instant::now() + within;
        loop {
            if let Some(c) = self.open_cases().await.into_iter().find(|c| c["customer"]["id"] == customer) {
                return c;
            }
            assert!(Instant::now() < deadline, "no case for {customer} within {within:?}:\n{}", self.bot.logs());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn conversation_keys(&self) -> Vec<String> {
        let mut conn = self.redis.conn();
        let keys: Vec<String> = redis::cmd("KEYS").arg("ah:{c:*").query(&mut conn).unwrap();
        // Locks come and go while a message is handled.
        keys.into_iter().filter(|k| k.ends_with(":conv")).collect()
    }
}

/// Polls `cond` until it holds or `within` has passed.
pub async fn wait_until(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out after {within:?} waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Milliseconds of a moment shortly after [`SATURDAY_NIGHT`].
pub fn ts(offset_secs: i64) -> i64 {
    chrono::DateTime::parse_from_rfc3339(SATURDAY_NIGHT).unwrap().timestamp_millis() + offset_secs * 1000
}

pub fn messenger_event(psid: &str, page: &str, mid: &str, at_ms: i64, text: &str) -> Value {
    json!({
        "sender": {"id": psid},
        "recipient": {"id": page},
        "timestamp": at_ms,
        "message": {"mid": mid, "text": text}
    })
}

pub fn page_entry(page: &str, events: Vec<Value>) -> Value {
    json!({"id": page, "time": ts(1), "messaging": events})
}

pub fn messenger(entries: Vec<Value>) -> Value {
    json!({"object": "page", "entry": entries})
}

pub fn messenger_text(page: &str, psid: &str, mid: &str, at_ms: i64, text: &str) -> Value {
    messenger(vec![page_entry(page, vec![messenger_event(psid, page, mid, at_ms, text)])])
}

pub fn instagram_text(account: &str, igsid: &str, mid: &str, at_ms: i64, text: &str) -> Value {
    json!({
        "object": "instagram",
        "entry": [{
            "id": account,
            "time": at_ms,
            "messaging": [{
                "sender": {"id": igsid},
                "recipient": {"id": account},
                "timestamp": at_ms,
                "message": {"mid": mid, "text": text}
            }]
        }]
    })
}

pub fn whatsapp_text(number_id: &str, wa_id: &str, name: &str, wamid: &str, at_ms: i64, text: &str) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "34600000000", "phone_number_id": number_id},
                    "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
                    "messages": [{
                        "from": wa_id,
                        "id": wamid,
                        "timestamp": (at_ms / 1000).to_string(),
                        "type": "text",
                        "text": {"body": text}
                    }]
                }
            }]
        }]
    })
}

/// An RFC 3339 time as the milliseconds a webhook carries.
pub fn ms(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp_millis()
}

/// The Send API bodies the fake Graph API received for `recipient` (a
/// Messenger/Instagram id or a WhatsApp number), in order.
pub fn sends_to(app: &TestApp, recipient: &str) -> Vec<Value> {
    app.graph
        .sends()
        .into_iter()
        .filter_map(|s| s.body)
        .filter(|b| b["recipient"]["id"] == recipient || b["to"] == recipient)
        .collect()
}

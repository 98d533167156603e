//! Property tests of what strangers control (issue 22, "no panic anywhere"):
//! webhook bodies (Meta's documented examples with fields replaced by any
//! JSON or removed), the timestamps they carry taken through the whole
//! handling of an event, and the agent API's query parameters over HTTP.
//!
//! In CI each property runs its usual 256 cases (`PROPTEST_CASES` changes
//! that). By hand, `SOAK_SECS=600 cargo test --test properties --
//! --nocapture --test-threads 3` keeps each one running for ten minutes with
//! fresh random cases and prints how many it ran (README, "Fuzzing").

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "support/redis_server.rs"]
mod redis_server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use afterhours::channels::meta::parse_webhook;
use afterhours::channels::{BoxFuture, ConversationKey, Outbound, Profile, SendError, SendTag};
use afterhours::service::handle::Handler;
use afterhours::service::{Clock, CoreHandle};
use afterhours::store::{RedisStore, Store};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

/// Runs `test` over `strategy`: the configured number of cases once, or
/// again and again with fresh cases until `SOAK_SECS` have passed.
fn check<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let soak = Duration::from_secs(std::env::var("SOAK_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(0));
    let started = Instant::now();
    let until = started + soak;
    let config = Config { failure_persistence: None, ..Config::default() };
    let mut cases = 0u64;
    loop {
        // A new runner draws a new seed: every round tries other cases.
        let mut runner = TestRunner::new(config.clone());
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        cases += u64::from(config.cases);
        if Instant::now() >= until {
            break;
        }
    }
    println!("{name}: {cases} cases in {:.0?}, no failure", started.elapsed());
}

/// Any JSON: what a crafted body may put where Meta puts an id, a text or a timestamp.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::from),
        // Numbers as text, as WhatsApp sends its timestamps.
        any::<i64>().prop_map(|n| Value::from(n.to_string())),
        Just(Value::from("9".repeat(40))),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Meta's documented webhook bodies, as our fixtures keep them.
fn fixtures() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/meta");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names.iter().map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()).collect()
}

/// Every place in `v` (JSON pointers), the root excepted.
fn places(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
            out.push(here.clone());
            places(c, here, out);
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            let here = format!("{at}/{i}");
            out.push(here.clone());
            places(c, here, out);
        }),
        _ => {}
    }
}

/// A documented body with up to four of its places replaced by any JSON or removed.
fn crafted_body() -> impl Strategy<Value = Value> {
    let bodies = fixtures();
    (0..bodies.len(), prop::collection::vec((any::<prop::sample::Index>(), prop::option::of(any_json())), 0..5))
        .prop_map(move |(which, changes)| {
            let mut body = bodies[which].clone();
            for (place, replacement) in changes {
                let mut all = Vec::new();
                places(&body, String::new(), &mut all);
                if all.is_empty() {
                    break;
                }
                let pointer = &all[place.index(all.len())];
                let (parent, last) = pointer.rsplit_once('/').unwrap();
                let last = last.replace("~1", "/").replace("~0", "~");
                match (body.pointer_mut(parent), replacement) {
                    (Some(Value::Object(m)), None) => {
                        m.remove(&last);
                    }
                    (Some(Value::Array(a)), None) => {
                        a.remove(last.parse::<usize>().unwrap());
                    }
                    (Some(_), Some(v)) => *body.pointer_mut(pointer).unwrap() = v,
                    _ => {}
                }
            }
            body
        })
}

#[test]
fn any_webhook_body_is_parsed_or_refused_never_a_panic() {
    check("webhook bodies", crafted_body(), |body| {
        let bytes = serde_json::to_vec(&body).unwrap();
        let parsed = parse_webhook(&bytes);
        // The same bytes read the same way twice (the parser keeps no state).
        prop_assert_eq!(format!("{parsed:?}"), format!("{:?}", parse_webhook(&bytes)));
        Ok(())
    });
    // And bytes that are not JSON at all, or JSON cut short.
    check("webhook bytes", (crafted_body(), any::<prop::sample::Index>()), |(body, cut)| {
        let bytes = serde_json::to_vec(&body).unwrap();
        let _ = parse_webhook(&bytes[..cut.index(bytes.len() + 1)]);
        Ok(())
    });
}

/// Takes every reply and answers an id, as the Graph API does.
struct Accepts;

impl Outbound for Accepts {
    fn send<'a>(
        &'a self,
        _: &'a ConversationKey,
        _: &'a str,
        _: SendTag,
    ) -> BoxFuture<'a, Result<Vec<String>, SendError>> {
        Box::pin(async { Ok(vec!["m_prop".to_string()]) })
    }

    fn profile<'a>(&'a self, _: &'a ConversationKey) -> BoxFuture<'a, Result<Profile, SendError>> {
        Box::pin(async { Ok(Profile::default()) })
    }
}

/// A timestamp as a webhook may carry it: any number, as a number or as
/// text, or a fraction.
fn any_timestamp() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<i64>().prop_map(|n| Value::from(n.to_string())),
        any::<u64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
        // Around now and around the ends of what chrono can hold.
        (1_700_000_000_000i64..1_900_000_000_000).prop_map(Value::from),
        (262_000i64..262_200).prop_map(|y| Value::from(y * 31_557_600_000)),
    ]
}

#[test]
fn any_timestamp_is_handled_through_to_the_reply_never_a_panic() {
    let redis = redis_server::RedisServer::start();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(rt.block_on(RedisStore::connect(&redis.url(), "prop", Duration::from_secs(30 * 86400))).unwrap());
    let core = CoreHandle::new(afterhours::engine::Engine::load_default().unwrap());
    let clock = Clock::starting_at("2026-11-28T01:00:00Z".parse().unwrap());
    let handler = Handler::new(core, store, Arc::new(Accepts), clock);
    let shapes = ["messenger_text", "whatsapp_text", "whatsapp_statuses", "messenger_echo", "messenger_edit"];
    let bodies: Vec<Value> = shapes
        .iter()
        .map(|n| {
            let path = format!("{}/tests/data/meta/{n}.json", env!("CARGO_MANIFEST_DIR"));
            serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
        })
        .collect();
    let n = std::sync::atomic::AtomicU64::new(0);
    check("timestamps through the handler", (0..bodies.len(), any_timestamp(), any_timestamp()), |(b, t, time)| {
        let mut body = bodies[b].clone();
        // Every timestamp the body has (each message's, the entry's), and a fresh message id.
        let mut all = Vec::new();
        places(&body, String::new(), &mut all);
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        for p in all {
            if p.ends_with("/timestamp") {
                *body.pointer_mut(&p).unwrap() = t.clone();
            } else if p.ends_with("/time") {
                *body.pointer_mut(&p).unwrap() = time.clone();
            } else if p.ends_with("/mid") || p.ends_with("/messages/0/id") {
                *body.pointer_mut(&p).unwrap() = Value::from(format!("m_prop_{i}"));
            }
        }
        let events = match parse_webhook(&serde_json::to_vec(&body).unwrap()) {
            Ok(events) => events,
            Err(_) => return Ok(()),
        };
        for event in &events {
            let handled = rt.block_on(handler.handle(event, None));
            prop_assert!(handled.is_ok(), "{event:?}: {handled:?}");
        }
        Ok(())
    });
}

/// Any text, as a query parameter's value.
fn any_param() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,16}", "-?[0-9]{1,12}(-W[0-9]{1,3})?", "[0-9]{4}-W[0-9]{2}", "(waiting|claimed|open|resolved)"]
}

#[test]
fn any_query_parameters_get_an_answer_never_a_server_error() {
    let redis = redis_server::RedisServer::start();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let settings = common::settings(&redis.url(), "http://127.0.0.1:9/v25.0", "props", 1);
    let app = rt.block_on(afterhours::startup::Application::build(settings)).expect("build afterhours");
    let base = format!("http://127.0.0.1:{}", app.port());
    rt.spawn(app.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::new();
    const PATHS: [&str; 5] =
        ["/api/coverage", "/api/cases", "/api/cases/{id}", "/api/cases/{id}/template", "/webhooks/meta"];
    const NAMES: [&str; 9] =
        ["week", "status", "team", "purpose", "lang", "hub.mode", "hub.verify_token", "hub.challenge", "x"];
    let query = prop::collection::vec((prop::sample::select(&NAMES[..]), any_param()), 0..4);
    check("query parameters", (prop::sample::select(&PATHS[..]), any_param(), query), |(path, id, query)| {
        let url = format!("{base}{}", path.replace("{id}", &urlencoding(&id)));
        let answer = rt.block_on(client.get(&url).query(&query).bearer_auth("token-agent0").send());
        let status = answer.map_err(|e| TestCaseError::fail(format!("{url} {query:?}: no answer: {e}")))?.status();
        prop_assert!(!status.is_server_error(), "{} {:?}: {}", url, query, status);
        Ok(())
    });
}

/// Percent-encodes a path segment.
fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

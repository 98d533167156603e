//! Redis Cluster end to end: two bot processes on a three-node cluster;
//! webhook → reply → case → claim → reply → resolve, across both, with no
//! reply sent twice.

use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::*;
use crate::redis_cluster::RedisCluster;

const WAIT: Duration = Duration::from_secs(20);

async fn api(http: &reqwest::Client, bot: &Bot, method: &str, path: &str, body: Value) -> (u16, Value) {
    let req = match method {
        "GET" => http.get(bot.url(path)),
        _ => http.post(bot.url(path)).json(&body),
    };
    let r = req.bearer_auth(ANNA).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn two_bots_on_a_redis_cluster_hand_over_a_conversation_without_double_replies() {
    let cluster = tokio::task::spawn_blocking(RedisCluster::start).await.unwrap();
    let graph = FakeGraph::start().await;
    let a =
        Bot::launch(&cluster.url(), &graph.url(), BotOptions { consumer: "cluster-a".into(), ..Default::default() });
    let b =
        Bot::launch(&cluster.url(), &graph.url(), BotOptions { consumer: "cluster-b".into(), ..Default::default() });
    let http = reqwest::Client::new();
    let post = |bot: &Bot, body: &Value| {
        let bytes = serde_json::to_vec(body).unwrap();
        let sig = afterhours::channels::meta::sign(SECRET.as_bytes(), &bytes);
        http.post(bot.url("/webhooks/meta")).header("x-hub-signature-256", sig).body(bytes).send()
    };

    // Ten customers, each message delivered twice (once to each bot), as
    // Meta may redeliver to another instance behind a load balancer.
    for i in 0..10 {
        let body = messenger_text(
            NL_PAGE,
            &format!("cl-{i}"),
            &format!("m_cl_{i}"),
            ts(i),
            "Mijn pakket is kapot aangekomen!",
        );
        assert_eq!(post(&a, &body).await.unwrap().status(), 200);
        assert_eq!(post(&b, &body).await.unwrap().status(), 200);
    }
    graph.wait_for_sends(10, WAIT).await;
    let deadline = std::time::Instant::now() + WAIT;
    let case = loop {
        let (_, list) = api(&http, &b, "GET", "/api/cases?status=waiting", json!({})).await;
        let cases = list["cases"].as_array().cloned().unwrap_or_default();
        if cases.len() == 10 {
            break cases.into_iter().find(|c| c["customer"]["id"] == "cl-0").unwrap();
        }
        assert!(std::time::Instant::now() < deadline, "10 cases expected: {list}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // The queue's indexes live in the team's slot: pages with a cursor, and
    // a filter, work on the cluster too (through the other bot).
    let mut listed = std::collections::HashSet::new();
    let mut cursor = String::new();
    loop {
        let (status, page) =
            api(&http, &a, "GET", &format!("/api/cases?team=benelux&limit=4&cursor={cursor}"), json!({})).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["total"], 10, "{page}");
        for c in page["cases"].as_array().unwrap() {
            assert!(listed.insert(c["id"].as_str().unwrap().to_string()), "listed twice: {page}");
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => break,
        }
    }
    assert_eq!(listed.len(), 10);
    let (_, found) = api(&http, &a, "GET", "/api/cases?channel=messenger&q=kapot", json!({})).await;
    assert_eq!(found["cases"].as_array().unwrap().len(), 10, "{found}");
    let id = case["id"].as_str().unwrap();
    let (status, _) = api(&http, &b, "POST", &format!("/api/cases/{id}/claim"), json!({})).await;
    assert_eq!(status, 200);
    let (status, _) = api(&http, &a, "POST", &format!("/api/cases/{id}/claim"), json!({})).await;
    assert_eq!(status, 200, "the same person claiming again through the other bot is fine");
    let (status, body) =
        api(&http, &a, "POST", &format!("/api/cases/{id}/reply"), json!({"text": "Hoi, ik regel een nieuw pakket."}))
            .await;
    assert_eq!(status, 200, "{body}");
    let (status, resolved) = api(&http, &b, "POST", &format!("/api/cases/{id}/resolve"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(resolved["status"], "resolved");
    let (_, after) = api(&http, &a, "GET", "/api/cases?team=benelux&limit=50", json!({})).await;
    assert_eq!(after["total"], 9, "the resolved case left the indexes: {after}");

    let sends = graph.sends();
    let mut per_customer = std::collections::HashMap::<String, usize>::new();
    for s in &sends {
        *per_customer.entry(s.body.as_ref().unwrap()["recipient"]["id"].as_str().unwrap().to_string()).or_default() +=
            1;
    }
    assert_eq!(per_customer.len(), 10);
    assert_eq!(per_customer["cl-0"], 2, "one acknowledgement and the agent's reply");
    assert!(
        per_customer.iter().filter(|(k, _)| *k != "cl-0").all(|(_, n)| *n == 1),
        "no double replies: {per_customer:?}"
    );
}

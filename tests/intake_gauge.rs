//! Issue 22, item 9: only Meta's (signed) webhooks make the burst the
//! workers give way to; unsigned POSTs, however many, do not move the gauge.
//! The bot runs in this process (a real redis-server behind it) so the
//! gauge can be read while the POSTs arrive through HTTP.

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "support/redis_server.rs"]
mod redis_server;

use std::time::{Duration, Instant};

use afterhours::startup::Application;

/// POSTs `body` (signed or not) back to back for `period`; the highest
/// rate the gauge showed meanwhile, sampled after every answer.
async fn highest_rate_while_posting(
    client: &reqwest::Client,
    url: &str,
    gauge: &afterhours::service::intake::IntakeGauge,
    body: &[u8],
    signature: &str,
    period: Duration,
) -> (u64, usize) {
    let (mut highest, mut posts) = (0, 0);
    let until = Instant::now() + period;
    while Instant::now() < until {
        let r = client.post(url).header("x-hub-signature-256", signature).body(body.to_vec()).send().await.unwrap();
        assert!([200, 401].contains(&r.status().as_u16()), "{}", r.status());
        posts += 1;
        highest = highest.max(gauge.per_second());
    }
    (highest, posts)
}

#[tokio::test]
async fn unsigned_posts_do_not_count_toward_the_burst_gauge() {
    let redis = redis_server::RedisServer::start();
    let settings = common::settings(&redis.url(), "http://127.0.0.1:9/v25.0", "intake", 1);
    let app = Application::build(settings).await.expect("build afterhours");
    let gauge = app.intake();
    let url = format!("http://127.0.0.1:{}/webhooks/meta", app.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    // An event Meta sends nothing for (a read receipt): stored as nothing, answered 200.
    let body = serde_json::to_vec(&serde_json::json!({"object": "page", "entry": [{"id": common::PAGE, "time": 1,
        "messaging": [{"sender": {"id": "1"}, "recipient": {"id": common::PAGE}, "timestamp": 1, "read": {"watermark": 1}}]}]}))
    .unwrap();
    let wrong = format!("sha256={}", "0".repeat(64));
    let (unsigned, n) =
        highest_rate_while_posting(&client, &url, &gauge, &body, &wrong, Duration::from_millis(400)).await;
    let signature = afterhours::channels::meta::sign(common::SECRET.as_bytes(), &body);
    let (signed, m) =
        highest_rate_while_posting(&client, &url, &gauge, &body, &signature, Duration::from_millis(400)).await;
    println!("gauge: {unsigned}/s at most during {n} unsigned POSTs, {signed}/s during {m} signed ones");
    assert_eq!(unsigned, 0, "{n} unsigned POSTs moved the burst gauge");
    assert!(signed > 0, "the gauge counts Meta's webhooks ({m} sent)");
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(30), running).await;
}

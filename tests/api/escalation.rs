//! Escalation plans through the real server, with the shipped
//! `flows/escalation.toml`, a local webhook receiver standing in for the
//! on-call phone, the duty manager and the PR desk, and the bot's clock
//! started where the test needs it (`serve --at`); a later moment is a
//! restart at a later `--at`, which the chain must survive anyway.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::*;
use crate::webhook_receiver::WebhookReceiver;

const WAIT: Duration = Duration::from_secs(15);
const URGENT_NL: &str = "mijn lamp geeft vonken, is dat gevaarlijk?";
const PUBLIC: &str = "https://care.example.com";

/// The receiver's paths as the contacts' URLs, and the console's address.
fn env(receiver: &WebhookReceiver) -> Vec<(String, String)> {
    vec![
        ("ESCALATION_ONCALL_URL".into(), receiver.url("oncall")),
        ("ESCALATION_DUTY_MANAGER_URL".into(), receiver.url("manager")),
        ("ESCALATION_PR_URL".into(), receiver.url("pr")),
        ("PUBLIC_URL".into(), PUBLIC.into()),
    ]
}

fn launch(redis: &RedisServer, graph: &FakeGraph, at: &str, env: Vec<(String, String)>) -> Bot {
    Bot::launch(&redis.url(), &graph.url(), BotOptions { at: at.into(), env, ..Default::default() })
}

async fn case_of(app: &TestApp, id: &str) -> Value {
    let (status, case) = app.api_get(&format!("/api/cases/{id}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{case}");
    case
}

/// The text of the bot's reply to `recipient` once it was sent.
async fn reply_to(app: &TestApp, recipient: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(s) = sends_to(app, recipient).first() {
            return s["message"]["text"].as_str().unwrap_or_default().to_string();
        }
        assert!(Instant::now() < deadline, "no reply to {recipient}:\n{}", app.bot.logs());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn scheduled(app: &TestApp) -> usize {
    redis::cmd("ZCARD").arg("ah:esc:due").query(&mut app.redis.conn()).unwrap()
}

async fn metrics(app: &TestApp) -> String {
    app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap()
}

fn metric(text: &str, name_and_labels: &str) -> f64 {
    text.lines().find_map(|l| l.strip_prefix(name_and_labels)?.trim().parse().ok()).unwrap_or(-1.0)
}

/// Waits for `n` alerts on `path`.
async fn alerts(
    receiver: &WebhookReceiver,
    path: &str,
    n: usize,
    within: Duration,
    logs: &dyn Fn() -> String,
) -> Vec<Value> {
    let deadline = Instant::now() + within;
    loop {
        let got = receiver.received(path);
        if got.len() >= n {
            return got;
        }
        assert!(Instant::now() < deadline, "{n} alert(s) on /{path} not received within {within:?}:\n{}", logs());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Nothing in an alert may be a token, a secret or a webhook URL.
fn assert_no_secrets(body: &Value, receiver: &WebhookReceiver) {
    let text = body.to_string();
    for secret in [PAGE_TOKEN, WA_TOKEN, SECRET, VERIFY, ANNA, BOB, receiver.url("").as_str()] {
        assert!(!text.contains(secret), "an alert carries a secret ({secret}): {text}");
    }
}

#[tokio::test]
async fn an_urgent_message_at_2am_on_saturday_alerts_the_on_call_contact_within_2_s_with_the_case_context() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, env(&receiver));
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let psid = "esc-psid-1";
    let posted = Instant::now();
    let r = app.post_signed(&messenger_text(NL_PAGE, psid, "m_esc1", ts(0), URGENT_NL)).await;
    assert_eq!(r.status(), 200);
    let got = alerts(&receiver, "oncall", 1, WAIT, &|| app.bot.logs()).await;
    let took = posted.elapsed();
    assert!(took <= Duration::from_secs(2), "the on-call alert took {took:?}");

    // The on-call contact is a Slack webhook: text and blocks.
    let slack = &got[0];
    let text = slack["text"].as_str().unwrap();
    let case = app.wait_for_case(psid, WAIT).await;
    let id = case["id"].as_str().unwrap();
    for needle in [
        "URGENT",
        &format!("case {id} (benelux, urgent)"),
        "Nederlands (nl) on messenger",
        "Sat 28 Nov 02:00",
        URGENT_NL,
        "someone looks within 60 minutes (by 2026-11-28T03:00:00+01:00)",
        "Step 1 of 2: acknowledge within 15 min",
        &format!("{PUBLIC}/console?acknowledge={id}#case={id}"),
    ] {
        assert!(text.contains(needle), "`{needle}` is not in the alert: {text}");
    }
    let link = slack["blocks"][1]["text"]["text"].as_str().unwrap();
    assert!(link.starts_with(&format!("<{PUBLIC}/console?acknowledge={id}#case={id}|")), "{link}");
    assert_no_secrets(slack, &receiver);

    // The customer was promised what the plan backs, in their language.
    let reply = reply_to(&app, psid).await;
    assert!(reply.contains("binnen het uur kijkt er iemand naar"), "{reply}");

    // The case: urgent, escalated, the alert recorded; due when promised.
    let case = case_of(&app, id).await;
    assert_eq!(case["priority"], "urgent");
    assert_eq!(case["due_at"], "2026-11-28T03:00:00+01:00");
    let esc = &case["escalation"];
    assert_eq!(esc["trigger"], "urgent_after_hours");
    assert_eq!(esc["alerts"][0]["name"], "On-call care lead");
    assert_eq!(esc["alerts"][0]["outcome"], "sent");
    let m = metrics(&app).await;
    assert_eq!(metric(&m, "afterhours_escalations_total{trigger=\"urgent_after_hours\"}"), 1.0, "{m}");
    assert_eq!(metric(&m, "afterhours_escalation_alerts_total{outcome=\"sent\"}"), 1.0);
    assert!(!app.bot.logs().contains(&receiver.url("oncall")), "the webhook URL is a secret: never logged");
}

#[tokio::test]
async fn left_unacknowledged_the_next_contact_is_alerted_and_acknowledging_stops_the_chain_and_claims_the_case() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, env(&receiver));
    let mut app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let psid = "esc-psid-2";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_esc2", ts(0), URGENT_NL)).await;
    alerts(&receiver, "oncall", 1, WAIT, &|| app.bot.logs()).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    assert!(receiver.received("manager").is_empty(), "the next contact waits for the first one's 15 minutes");

    // 16 minutes later nobody acknowledged: the process restarts there, and
    // the chain, kept in Redis, alerts the duty manager (a JSON endpoint).
    app.bot.kill();
    app.bot = launch(&app.redis, &app.graph, "2026-11-28T01:16:00Z", env(&receiver));
    let got = alerts(&receiver, "manager", 1, WAIT, &|| app.bot.logs()).await;
    let alert = &got[0];
    assert_eq!(alert["type"], "escalation");
    assert_eq!(alert["case"], id.as_str());
    assert_eq!(alert["step"], 2);
    assert_eq!(alert["steps"], 2);
    assert_eq!(alert["contact"]["name"], "Duty manager");
    assert_eq!(alert["kind"], "urgent");
    assert_eq!(alert["language"], json!({"code": "nl", "name": "Nederlands"}));
    assert_eq!(alert["customer"]["words"], URGENT_NL);
    assert_eq!(alert["customer"]["time_zone"], "Europe/Amsterdam");
    assert!(alert["customer"]["local_time"].as_str().unwrap().starts_with("2026-11-28T02:16"), "{alert}");
    assert_eq!(alert["customer"]["wrote_at"], "2026-11-28T02:00:00+01:00");
    assert!(alert["team_local_time"].as_str().unwrap().starts_with("2026-11-28T02:16"), "{alert}");
    assert_eq!(alert["promise"]["kind"], "on_call_response");
    assert_eq!(alert["promise"]["by"], "2026-11-28T03:00:00+01:00");
    assert_eq!(alert["alerted_before"][0]["name"], "On-call care lead");
    assert_eq!(alert["console_url"], format!("{PUBLIC}/console?acknowledge={id}#case={id}"));
    assert_no_secrets(alert, &receiver);
    assert_eq!(receiver.received("oncall").len(), 1, "the first contact is not alerted twice");

    // Acknowledging from the link (the agent's sign-in): claimed, chain stopped.
    let (status, case) = app.api_post(&format!("/api/cases/{id}/acknowledge"), Some(ANNA), json!({})).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["status"], "claimed");
    assert_eq!(case["claimed_by"], "anna");
    assert_eq!(case["escalation"]["acknowledged_by"], "anna");
    let m = metrics(&app).await;
    assert_eq!(metric(&m, "afterhours_escalations_acknowledged_total"), 1.0, "{m}");
    assert_eq!(metric(&m, "afterhours_escalation_ack_seconds_count"), 1.0);
    let took = metric(&m, "afterhours_escalation_ack_seconds_sum");
    assert!((960.0..1000.0).contains(&took), "about 16 minutes to acknowledge: {took}");
    let (status, _) = app.api_post(&format!("/api/cases/{id}/acknowledge"), Some(BOB), json!({})).await;
    assert_eq!(status, 409, "anna has it");

    // An hour later, past every contact's time: nothing more went out.
    app.bot.kill();
    app.bot = launch(&app.redis, &app.graph, "2026-11-28T02:00:00Z", env(&receiver));
    wait_until("the stopped chain leaves the schedule", WAIT, || scheduled(&app) == 0).await;
    assert_eq!(receiver.received("oncall").len(), 1);
    assert_eq!(receiver.received("manager").len(), 1);
    let case = case_of(&app, &id).await;
    let actions: Vec<&str> =
        case["actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert!(!actions.contains(&"escalation exhausted"), "{actions:?}");
    assert!(actions.contains(&"escalation acknowledged"), "{actions:?}");
}

#[tokio::test]
async fn with_no_one_on_call_no_one_is_alerted_and_the_acknowledgement_names_the_true_return_time() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    // Sunday 29 November, 23:00 in Amsterdam: the rota's gap until Monday 08:00.
    let at = "2026-11-29T22:00:00Z";
    let bot = launch(&redis, &graph, at, env(&receiver));
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let psid = "esc-psid-3";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_esc3", ms(at), URGENT_NL)).await;
    let reply = reply_to(&app, psid).await;
    assert!(reply.contains("als eerste op, morgen om 08:30"), "the true return time (Monday 08:30): {reply}");
    assert!(!reply.contains("binnen het uur"), "no promise without a rota behind it: {reply}");
    let case = app.wait_for_case(psid, WAIT).await;
    assert_eq!(case["priority"], "urgent", "still urgent in the queue");
    assert!(case.get("escalation").is_none(), "{case}");
    assert_eq!(scheduled(&app), 0, "nothing scheduled");
    assert!(receiver.attempts("oncall").is_empty() && receiver.attempts("manager").is_empty());
}

#[tokio::test]
async fn twenty_complaints_about_one_page_within_ten_minutes_raise_one_incident_alert() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, env(&receiver));
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let complaint = "Ik ben zo teleurgesteld, mijn pakket is nog steeds niet aangekomen";
    for i in 0..25 {
        let (psid, mid) = (format!("burst-{i}"), format!("m_burst{i}"));
        app.post_signed(&messenger_text(NL_PAGE, &psid, &mid, ts(i * 10), complaint)).await;
    }
    for i in 0..25 {
        app.handled_conversation("messenger", NL_PAGE, &format!("burst-{i}"), &format!("m_burst{i}"), WAIT).await;
    }
    let got = alerts(&receiver, "pr", 1, WAIT, &|| app.bot.logs()).await;
    wait_until("the incident leaves the schedule", WAIT, || scheduled(&app) == 0).await;
    assert_eq!(receiver.received("pr").len(), 1, "one incident, not one alert per complaint");
    let text = got[0]["text"].as_str().unwrap();
    assert!(text.starts_with("INCIDENT: 20 complaints from different customers within 10 minutes on"), "{text}");
    assert!(text.contains(complaint), "{text}");
    assert!(receiver.attempts("oncall").is_empty(), "complaints are not urgent: no on-call alert");
    let m = metrics(&app).await;
    assert_eq!(metric(&m, "afterhours_escalations_total{trigger=\"incident\"}"), 1.0, "{m}");
}

#[tokio::test]
async fn the_on_call_promise_is_made_only_where_a_plan_backs_it() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, env(&receiver));
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let cases = [
        ("promise-nl", URGENT_NL, "binnen het uur kijkt er iemand naar"),
        (
            "promise-de",
            "Meine Lampe sprüht Funken, ist das gefährlich?",
            "Jemand kümmert sich innerhalb einer Stunde darum",
        ),
        ("promise-fr", "Ma lampe fait des étincelles, est-ce dangereux ?", "quelqu'un s'en occupera dans l'heure"),
    ];
    for (i, (psid, text, _)) in cases.iter().enumerate() {
        app.post_signed(&messenger_text(NL_PAGE, psid, &format!("m_promise{i}"), ts(i as i64), text)).await;
    }
    for (psid, _, promise) in cases {
        let reply = reply_to(&app, psid).await;
        assert!(reply.contains(promise), "{psid}: {reply}");
    }
    alerts(&receiver, "oncall", 3, WAIT, &|| app.bot.logs()).await;

    // The Nordics plan has someone on call at weekends but promises no
    // response time: the Norwegian customer hears the true return time.
    app.post_signed(&messenger_text(
        NL_PAGE,
        "promise-nb",
        "m_promise_nb",
        ts(5),
        "Lampen min slår gnister, er det farlig?",
    ))
    .await;
    let reply = reply_to(&app, "promise-nb").await;
    assert!(reply.contains("på mandag kl. 09:00"), "{reply}");
    assert!(!reply.contains("innen en time"), "{reply}");
}

#[tokio::test]
async fn without_a_reachable_contact_nothing_is_promised_and_the_case_says_not_configured() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    // The shipped plans with no URL variable set: start-up works and warns.
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, vec![]);
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    assert!(app.bot.logs().contains("escalation contact not configured"), "{}", app.bot.logs());
    let psid = "esc-psid-unset";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_unset", ts(0), URGENT_NL)).await;
    let reply = reply_to(&app, psid).await;
    assert!(reply.contains("vandaag om 10:00") && !reply.contains("binnen het uur"), "{reply}");
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    let deadline = Instant::now() + WAIT;
    let case = loop {
        let case = case_of(&app, &id).await;
        if case["escalation"]["exhausted_at"].is_string() {
            break case;
        }
        assert!(Instant::now() < deadline, "the chain did not run through: {case}\n{}", app.bot.logs());
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let alerts = case["escalation"]["alerts"].as_array().unwrap();
    assert_eq!(alerts[0]["outcome"], "not configured (ESCALATION_ONCALL_URL is not set)");
    assert_eq!(alerts[1]["outcome"], "not configured (ESCALATION_DUTY_MANAGER_URL is not set)");
    assert_eq!(case["priority"], "urgent");
    assert_eq!(case["status"], "waiting");
    let _ = receiver;
}

#[tokio::test]
async fn an_unreachable_target_is_retried_with_backoff_then_recorded_on_the_case_which_stays_urgent() {
    let receiver = WebhookReceiver::start().await;
    receiver.fail("oncall", 500);
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, env(&receiver));
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let psid = "esc-psid-down";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_down", ts(0), URGENT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    // Nobody got the first alert: the duty manager is alerted at once.
    alerts(&receiver, "manager", 1, WAIT, &|| app.bot.logs()).await;
    let tries = receiver.attempts("oncall");
    assert_eq!(tries.len(), 4, "four tries");
    let gaps: Vec<Duration> = tries.windows(2).map(|w| w[1].at - w[0].at).collect();
    for (gap, least) in gaps.iter().zip([400, 900, 1800]) {
        assert!(*gap >= Duration::from_millis(least), "backoff doubles: {gaps:?}");
    }
    let case = case_of(&app, &id).await;
    assert_eq!(case["priority"], "urgent");
    assert_eq!(case["status"], "waiting");
    let first = &case["escalation"]["alerts"][0];
    assert_eq!(first["outcome"], "failed: 4 tries: the receiver answered 500 Internal Server Error", "{case}");
    let actions: Vec<&Value> = case["actions"].as_array().unwrap().iter().collect();
    assert!(
        actions.iter().any(|a| a["action"] == "escalation alert failed"
            && a["detail"].as_str().unwrap().starts_with("step 1 of 2: On-call care lead: failed")),
        "{actions:?}"
    );
    let m = metrics(&app).await;
    assert_eq!(metric(&m, "afterhours_escalation_alerts_total{outcome=\"failed\"}"), 1.0, "{m}");
    assert!(!app.bot.logs().contains(&receiver.url("oncall")), "the webhook URL is never logged");
}

#[tokio::test]
async fn a_customer_writing_again_and_again_while_waiting_rises_in_priority_then_escalates() {
    let receiver = WebhookReceiver::start().await;
    let (redis, graph) = (RedisServer::start(), FakeGraph::start().await);
    let bot = launch(&redis, &graph, SATURDAY_NIGHT, env(&receiver));
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let psid = "esc-psid-again";
    let messages = ["Hallo, is daar iemand?", "Hallo??", "Ik wacht nog steeds op antwoord"];
    for (i, text) in messages.iter().enumerate().take(2) {
        app.post_signed(&messenger_text(NL_PAGE, psid, &format!("m_again{i}"), ts(i as i64 * 60), text)).await;
        app.handled_conversation("messenger", NL_PAGE, psid, &format!("m_again{i}"), WAIT).await;
    }
    let case = app.wait_for_case(psid, WAIT).await;
    let id = case["id"].as_str().unwrap().to_string();
    assert_eq!(case["priority"], "normal", "a greeting is low; written twice, one step up");
    assert!(case.get("escalation").is_none());
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_again2", ts(120), messages[2])).await;
    let got = alerts(&receiver, "oncall", 1, WAIT, &|| app.bot.logs()).await;
    let text = got[0]["text"].as_str().unwrap();
    assert!(text.starts_with(&format!("Waiting and writing again case {id}")), "{text}");
    assert!(text.contains("Hallo?? / Ik wacht nog steeds op antwoord"), "the customer's words: {text}");
    let case = case_of(&app, &id).await;
    assert_eq!(case["priority"], "urgent");
    assert_eq!(case["escalation"]["trigger"], "repeat_writer");
    let actions: Vec<&str> =
        case["actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"priority raised") && actions.contains(&"escalated"), "{actions:?}");
}

//! The care queue through the real server: cases opened by after-hours
//! messages, the agent API's actions and their conflicts, replies through
//! the channel's window, the bot's silence while a person has the
//! conversation, overdue alerts, and tokens.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);
const COMPLAINT_NL: &str = "Mijn pakket is kapot aangekomen, dit is echt belachelijk";

async fn case_of(app: &TestApp, id: &str) -> Value {
    let (status, case) = app.api_get(&format!("/api/cases/{id}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{case}");
    case
}

/// The case once its bot reply's delivery is recorded as `delivery`: the
/// record is written after the send returns, and may trail the conversation.
async fn case_with_bot_delivery(app: &TestApp, id: &str, delivery: &str) -> Value {
    let deadline = Instant::now() + WAIT;
    loop {
        let case = case_of(app, id).await;
        if entries_from(&case, "bot").iter().any(|e| e["delivery"] == delivery) {
            return case;
        }
        assert!(Instant::now() < deadline, "no bot reply recorded as {delivery} within {WAIT:?}: {case}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn entries_from<'a>(case: &'a Value, from: &str) -> Vec<&'a Value> {
    case["transcript"].as_array().unwrap().iter().filter(|e| e["from"] == from).collect()
}

/// Waits until the conversation has handled message `mid`.
async fn handled(app: &TestApp, channel: &str, account: &str, customer: &str, mid: &str) {
    app.handled_conversation(channel, account, customer, mid, WAIT).await;
}

#[tokio::test]
async fn an_after_hours_complaint_opens_a_case_with_everything_a_person_needs() {
    let app = spawn_app().await;
    let psid = "case-psid-1";
    assert_eq!(app.post_signed(&messenger_text(NL_PAGE, psid, "m_c1", ts(0), COMPLAINT_NL)).await.status(), 200);
    let listed = app.wait_for_case(psid, WAIT).await;
    app.graph.wait_for_sends(1, WAIT).await;
    // The reply's delivery is written after the send: wait for that record.
    app.handled_conversation("messenger", NL_PAGE, psid, "m_c1", WAIT).await;
    let case = case_with_bot_delivery(&app, listed["id"].as_str().unwrap(), "sent").await;

    assert_eq!(case["status"], "waiting");
    assert_eq!(case["channel"], "messenger");
    assert_eq!(case["account"], NL_PAGE);
    assert_eq!(case["customer"]["id"], psid);
    assert_eq!(case["language"], "nl");
    assert_eq!(case["customer_time_zone"], "Europe/Amsterdam");
    assert!(case["customer_time_zone_source"].is_string(), "{case}");
    assert_eq!(case["customer_local_time"], "2026-11-28T02:00:00+01:00");
    assert_eq!(case["kind"], "complaint");
    assert_eq!(case["priority"], "complaint");
    assert_eq!(case["team"], "benelux");
    // Saturday 02:00: benelux opens Saturday 10:00 (Sat 10:00-16:00).
    assert_eq!(case["promised_at"], "2026-11-28T10:00:00+01:00", "{case}");
    assert_eq!(case["due_at"], case["promised_at"]);
    assert!(case["promise_made_at"].is_string());
    assert_eq!(case["overdue"], false);
    assert_eq!(case["window_closes_at"], "2026-12-05T01:00:00Z");
    assert_eq!(case["standard_window_closes_at"], "2026-11-29T01:00:00Z");
    assert_eq!(case["reply_mode"], "response");
    assert!(case["claimed_by"].is_null());
    assert_eq!(case["history"]["earlier_cases"], 0);
    // A complainant is offered an apology, not thanks for their patience.
    let opener = case["suggested_opener"].as_str().expect("an opener after a night's wait");
    assert!(opener.contains("spijt"), "{opener}");
    assert!(!opener.contains("geduld"), "{opener}");

    let customer = entries_from(&case, "customer");
    assert_eq!(customer.len(), 1);
    assert_eq!(customer[0]["text"], COMPLAINT_NL);
    let bot = entries_from(&case, "bot");
    assert_eq!(bot.len(), 1);
    assert_eq!(bot[0]["delivery"], "sent");
    // What the customer got is what the case shows.
    assert_eq!(sends_to(&app, psid)[0]["message"]["text"], bot[0]["text"]);
    assert_eq!(case["actions"][0]["action"], "opened");
}

#[tokio::test]
async fn an_overnight_question_gets_thanks_for_waiting_as_its_opener() {
    let app = spawn_app().await;
    let psid = "case-psid-opener";
    let question = "Verkopen jullie ook cadeaukaarten?";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_o1", ts(0), question)).await;
    let listed = app.wait_for_case(psid, WAIT).await;
    let case = case_of(&app, listed["id"].as_str().unwrap()).await;
    assert_eq!(case["kind"], "question", "{case}");
    let opener = case["suggested_opener"].as_str().expect("an opener after a night's wait");
    assert!(opener.contains("geduld"), "{opener}");
    assert!(!opener.contains("spijt"), "{opener}");
}

#[tokio::test]
async fn a_second_message_joins_the_open_case_without_a_second_acknowledgement() {
    let app = spawn_app().await;
    let psid = "case-psid-2";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_j1", ts(0), COMPLAINT_NL)).await;
    let first = app.wait_for_case(psid, WAIT).await;
    app.graph.wait_for_sends(1, WAIT).await;
    let urgent = "Ik ben ook nog twee keer afgeschreven voor deze bestelling!! Help";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_j2", ts(90), urgent)).await;
    handled(&app, "messenger", NL_PAGE, psid, "m_j2").await;

    let cases: Vec<Value> = app.open_cases().await.into_iter().filter(|c| c["customer"]["id"] == psid).collect();
    assert_eq!(cases.len(), 1, "one customer, one open case: {cases:?}");
    assert_eq!(cases[0]["id"], first["id"]);
    let case = case_of(&app, first["id"].as_str().unwrap()).await;
    let customer = entries_from(&case, "customer");
    assert_eq!(customer.len(), 2);
    assert_eq!(customer[1]["text"], urgent);
    assert_eq!(case["priority"], "urgent", "the double charge raises the priority");
    assert_eq!(sends_to(&app, psid).len(), 1, "no second acknowledgement in the same night");
}

#[tokio::test]
async fn two_people_claiming_at_once_get_one_winner() {
    let app = spawn_app().await;
    let psid = "case-psid-3";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_k1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    let path = format!("/api/cases/{id}/claim");
    let (a, b) = tokio::join!(app.api_post(&path, Some(ANNA), json!({})), app.api_post(&path, Some(BOB), json!({})));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "anna: {a:?}, bob: {b:?}");
    let (winner, loser) = if a.0 == 200 { ("anna", &b.1) } else { ("bob", &a.1) };
    assert_eq!(loser["error"], "claimed_by_other");
    assert_eq!(loser["claimed_by"], winner);
    let case = case_of(&app, &id).await;
    assert_eq!(case["status"], "claimed");
    assert_eq!(case["claimed_by"], winner);
    let claims = case["actions"].as_array().unwrap().iter().filter(|a| a["action"] == "claim").count();
    assert_eq!(claims, 1);
}

#[tokio::test]
async fn a_persons_reply_goes_out_as_a_response_inside_a_day_and_with_human_agent_after() {
    let app = spawn_app().await;
    // Written just now: inside the standard window.
    let fresh = "case-psid-4";
    app.post_signed(&messenger_text(NL_PAGE, fresh, "m_r1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(fresh, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    let text = "Hoi, ik ben Anna van Northwind. Ik stuur je vandaag nog een nieuw exemplaar.";
    let (status, case) = app.api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": text})).await;
    assert_eq!(status, 200, "{case}");
    let sent = sends_to(&app, fresh);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1]["message"]["text"], text);
    assert_eq!(sent[1]["messaging_type"], "RESPONSE");
    assert!(sent[1].get("tag").is_none());
    assert_eq!(case["claimed_by"], "anna", "replying claims the case");
    assert!(case["first_human_reply_at"].is_string());
    let agent = entries_from(&case, "agent");
    assert_eq!((agent[0]["by"].as_str(), agent[0]["delivery"].as_str()), (Some("anna"), Some("sent")));

    // Written 30 hours before now: past 24 hours, inside 7 days.
    let late = "case-psid-5";
    app.post_signed(&messenger_text(NL_PAGE, late, "m_r2", ts(-30 * 3600), COMPLAINT_NL)).await;
    let id = app.wait_for_case(late, WAIT).await["id"].as_str().unwrap().to_string();
    assert_eq!(case_of(&app, &id).await["reply_mode"], "human_agent");
    let (status, _) =
        app.api_post(&format!("/api/cases/{id}/reply"), Some(BOB), json!({"text": "Sorry voor het wachten!"})).await;
    assert_eq!(status, 200);
    let reply = sends_to(&app, late).into_iter().find(|b| b["message"]["text"] == "Sorry voor het wachten!").unwrap();
    assert_eq!(reply["messaging_type"], "MESSAGE_TAG");
    assert_eq!(reply["tag"], "HUMAN_AGENT");
}

#[tokio::test]
async fn a_whatsapp_reply_past_the_window_is_reported_not_sent_and_kept() {
    let app = spawn_app().await;
    let wa_id = "31612345678";
    let body = whatsapp_text(WA_NUMBER, wa_id, "Sanne de Vries", "wamid.late1", ts(-30 * 3600), COMPLAINT_NL);
    app.post_signed(&body).await;
    let id = app.wait_for_case(wa_id, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    let before = app.graph.sends().len();
    let text = "Hoi Sanne, we sturen een nieuw exemplaar.";
    let (status, body) = app.api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": text})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "outside_window");
    assert!(body["reason"].as_str().unwrap().contains("template"), "{body}");
    assert_eq!(app.graph.sends().len(), before, "nothing sent");
    let case = case_of(&app, &id).await;
    assert_eq!(case["reply_mode"], "closed");
    let agent = entries_from(&case, "agent");
    assert_eq!(agent.len(), 1, "the reply is kept");
    assert_eq!(agent[0]["text"], text);
    assert_eq!(agent[0]["delivery"], "failed");
    assert!(agent[0]["error"].as_str().unwrap().contains("24 hours"));
}

#[tokio::test]
async fn the_bot_is_silent_while_a_person_has_the_case_and_back_after_resolve() {
    let app = spawn_app().await;
    let psid = "case-psid-6";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_s1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    assert_eq!(app.api_post(&format!("/api/cases/{id}/claim"), Some(ANNA), json!({})).await.0, 200);

    app.post_signed(&messenger_text(NL_PAGE, psid, "m_s2", ts(7200), "Hallo?? Is daar iemand? Waar blijft mijn geld"))
        .await;
    handled(&app, "messenger", NL_PAGE, psid, "m_s2").await;
    assert_eq!(sends_to(&app, psid).len(), 1, "claimed: the bot says nothing");
    let case = case_of(&app, &id).await;
    assert_eq!(entries_from(&case, "customer").len(), 2, "the message joins the case");

    let (status, resolved) = app.api_post(&format!("/api/cases/{id}/resolve"), Some(ANNA), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["resolved_by"], "anna");
    assert!(!app.open_cases().await.iter().any(|c| c["id"] == id.as_str()));
    let (_, listed) = app.api_get("/api/cases?status=resolved", Some(BOB)).await;
    assert!(listed["cases"].as_array().unwrap().iter().any(|c| c["id"] == id.as_str()));

    // Back on duty: a new complaint gets an answer and a new case that
    // knows the earlier one.
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_s3", ts(9000), "Nu is de tweede levering ook weer kapot!")).await;
    app.graph.wait_for_sends(2, WAIT).await;
    assert_eq!(sends_to(&app, psid).len(), 2);
    let new_case = app.wait_for_case(psid, WAIT).await;
    assert_ne!(new_case["id"], id.as_str());
    let new_case = case_of(&app, new_case["id"].as_str().unwrap()).await;
    assert_eq!(new_case["history"]["earlier_cases"], 1);
    assert_eq!(new_case["history"]["cases"][0]["id"], id.as_str());
}

#[tokio::test]
async fn a_person_answering_from_metas_inbox_takes_the_case_and_resolve_brings_the_bot_back() {
    let app = spawn_app().await;
    let psid = "case-psid-7";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_i1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    let echo = json!({"sender": {"id": NL_PAGE}, "recipient": {"id": psid}, "timestamp": ts(60),
        "message": {"mid": "m_inbox", "is_echo": true, "app_id": 263902037430900_i64, "text": "Hoi! Ik kijk het even na."}});
    app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![echo])])).await;
    wait_until("the inbox reply is recorded", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| c["case"]["status"] == "claimed")
    })
    .await;
    let case = case_of(&app, &id).await;
    assert_eq!(case["claimed_by"], "Meta inbox");
    assert_eq!(entries_from(&case, "agent")[0]["text"], "Hoi! Ik kijk het even na.");
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_i2", ts(120), "Dank je! En wanneer komt het nieuwe?")).await;
    handled(&app, "messenger", NL_PAGE, psid, "m_i2").await;
    assert_eq!(sends_to(&app, psid).len(), 1, "a person is on it: the bot is quiet");

    assert_eq!(app.api_post(&format!("/api/cases/{id}/resolve"), Some(BOB), json!({})).await.0, 200);
    app.post_signed(&messenger_text(
        NL_PAGE,
        psid,
        "m_i3",
        ts(600),
        "Het tweede pakket is ook beschadigd, echt slecht",
    ))
    .await;
    app.graph.wait_for_sends(2, WAIT).await;
    assert_eq!(sends_to(&app, psid).len(), 2, "after resolve the bot answers again");
}

#[tokio::test]
async fn notes_and_transfers_are_recorded_with_who_and_when() {
    let app = spawn_app().await;
    let psid = "case-psid-8";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_n1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    let (status, case) =
        app.api_post(&format!("/api/cases/{id}/note"), Some(ANNA), json!({"text": "Foto gevraagd bij PostNL"})).await;
    assert_eq!(status, 200);
    let note = entries_from(&case, "agent")[0].clone();
    assert_eq!((note["internal"].as_bool(), note["by"].as_str()), (Some(true), Some("anna")));
    let (status, _) = app.api_post(&format!("/api/cases/{id}/transfer"), Some(ANNA), json!({"team": "mars"})).await;
    assert_eq!(status, 400, "unknown team");
    let (status, case) =
        app.api_post(&format!("/api/cases/{id}/transfer"), Some(ANNA), json!({"team": "central"})).await;
    assert_eq!(status, 200);
    assert_eq!(case["team"], "central");
    let last = case["actions"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["action"].as_str(), last["by"].as_str()), (Some("transfer"), Some("anna")));
    let (_, central) = app.api_get("/api/cases?status=waiting&team=central", Some(BOB)).await;
    assert!(central["cases"].as_array().unwrap().iter().any(|c| c["id"] == id.as_str()));
    let (_, benelux) = app.api_get("/api/cases?status=waiting&team=benelux", Some(BOB)).await;
    assert!(!benelux["cases"].as_array().unwrap().iter().any(|c| c["id"] == id.as_str()));
    assert_eq!(sends_to(&app, psid).len(), 1, "notes are never sent");
}

#[tokio::test]
async fn a_wrong_or_missing_token_gets_401_and_changes_nothing() {
    let app = spawn_app().await;
    let psid = "case-psid-9";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_t1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    let before = case_of(&app, &id).await;
    for token in [None, Some("anna-token-wrong")] {
        for action in ["claim", "resolve", "reply", "note"] {
            let (status, body) =
                app.api_post(&format!("/api/cases/{id}/{action}"), token, json!({"text": "hallo"})).await;
            assert_eq!(status, 401, "{action} with {token:?}: {body}");
            assert_eq!(body["error"], "unauthorized");
        }
        assert_eq!(app.api_get("/api/cases", token).await.0, 401);
    }
    // The same wrong token ten times in a minute: it is refused unread, with Retry-After.
    for _ in 0..5 {
        assert_eq!(app.api_get("/api/cases", Some("anna-token-wrong")).await.0, 401);
    }
    let r = app.http.get(app.bot.url("/api/cases")).bearer_auth("anna-token-wrong").send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    // ... while another token from the same address is still read, and a valid one is never refused.
    assert_eq!(app.api_get("/api/cases", Some("guess-12")).await.0, 401);
    assert_eq!(app.api_get("/api/cases", Some(ANNA)).await.0, 200);
    let before_json = before.clone();
    let mut conn = app.redis.conn();
    let raw: String =
        redis::cmd("GET").arg(format!("ah:{{c:messenger:{NL_PAGE}:{psid}}}:conv")).query(&mut conn).unwrap();
    let stored: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(stored["case"]["status"], "waiting", "nothing changed");
    assert_eq!(stored["case"]["actions"].as_array().unwrap().len(), before_json["actions"].as_array().unwrap().len());
    assert!(!app.bot.logs().contains("anna-token-wrong"), "tokens are never logged");
    assert!(!app.bot.logs().contains(ANNA), "tokens are never logged");
}

/// Wrong tokens from `from` (an X-Forwarded-For value), each a new guess.
async fn guesses(app: &TestApp, from: &str, n: usize) -> Vec<u16> {
    let mut got = Vec::new();
    for i in 0..n {
        let r = app
            .http
            .get(app.bot.url("/api/cases"))
            .bearer_auth(format!("guess-{from}-{i}"))
            .header("x-forwarded-for", from)
            .send()
            .await
            .unwrap();
        got.push(r.status().as_u16());
    }
    got
}

#[tokio::test]
async fn one_address_guessing_waits_while_its_colleagues_behind_the_same_proxy_work_on() {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let opts = BotOptions { env: vec![("TRUSTED_PROXIES".into(), "127.0.0.1".into())], ..Default::default() };
    let bot = Bot::launch(&redis.url(), &graph.url(), opts);
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    // Sixty wrong tokens from one office machine (named by our proxy): it must wait.
    let statuses = guesses(&app, "10.1.2.3", 61).await;
    assert!(statuses[..60].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[60], 429);
    // Its neighbour behind the same proxy is not locked out; nor is a valid token from that machine.
    assert_eq!(guesses(&app, "10.1.2.4", 1).await, vec![401]);
    let r = app.http.get(app.bot.url("/api/cases")).bearer_auth(ANNA).header("x-forwarded-for", "10.1.2.3");
    assert_eq!(r.send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_changes_nothing() {
    let app = spawn_app().await;
    // No TRUSTED_PROXIES: a guesser cannot pass for sixty machines by writing the header.
    let mut statuses = Vec::new();
    for i in 0..61 {
        statuses.extend(guesses(&app, &format!("10.9.0.{i}"), 1).await);
    }
    assert!(statuses[..60].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[60], 429);
    assert_eq!(app.api_get("/api/cases", Some(ANNA)).await.0, 200, "a valid token is never refused");
}

/// Receives overdue alerts on 127.0.0.1.
pub(crate) async fn alert_receiver() -> (String, Arc<Mutex<Vec<Value>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let sink = got.clone();
    let app = Router::new().route(
        "/alerts",
        post(move |Json(v): Json<Value>| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push(v);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/alerts", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

/// A bot whose clock starts `at`, with no overdue grace, posting its alerts
/// to a receiver: the alerts it got.
pub(crate) async fn app_with_alerts(at: &str) -> (TestApp, Arc<Mutex<Vec<Value>>>) {
    let (alert_url, alerts) = alert_receiver().await;
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let opts = BotOptions {
        at: at.into(),
        env: vec![("OVERDUE_GRACE_MINUTES".into(), "0".into()), ("ALERT_WEBHOOK_URL".into(), alert_url)],
        ..Default::default()
    };
    let bot = Bot::launch(&redis.url(), &graph.url(), opts);
    (TestApp { redis, graph, bot, http: reqwest::Client::new() }, alerts)
}

#[tokio::test]
async fn a_case_still_waiting_past_its_promised_time_raises_one_alert() {
    // Monday 30 November, 08:29:58 in Amsterdam: benelux opens at 08:30.
    let at = "2026-11-30T07:29:58Z";
    let (app, alerts) = app_with_alerts(at).await;
    let psid = "case-psid-10";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_o1", ms(at), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    assert_eq!(case_of(&app, &id).await["due_at"], "2026-11-30T08:30:00+01:00");

    wait_until("the overdue alert is POSTed", WAIT, || !alerts.lock().unwrap().is_empty()).await;
    let alert = alerts.lock().unwrap()[0].clone();
    assert_eq!(alert["type"], "case_overdue");
    assert_eq!(alert["case"], id.as_str());
    assert_eq!(alert["team"], "benelux");
    assert_eq!(alert["priority"], "complaint");
    let case = case_of(&app, &id).await;
    assert_eq!(case["overdue"], true);
    assert_eq!(app.open_cases().await[0]["id"], id.as_str(), "overdue first in the queue");
    assert_eq!(app.bot.logs().matches("case overdue").count(), 1);
    assert_eq!(alerts.lock().unwrap().len(), 1);
}

fn metric(text: &str, name_and_labels: &str) -> Option<f64> {
    text.lines().find_map(|l| l.strip_prefix(name_and_labels)?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_messages_acknowledgements_handoffs_the_queue_and_promises() {
    let app = spawn_app().await;
    let psid = "case-psid-11";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_x1", ts(0), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    let scrape = || async { app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap() };
    // The queue's gauges are refreshed in the background (every second here), not by the scrape.
    let scrape_when = |series: &'static str, value: f64| {
        let scrape = &scrape;
        async move {
            let deadline = std::time::Instant::now() + WAIT;
            loop {
                let text = scrape().await;
                if metric(&text, series) == Some(value) {
                    return text;
                }
                assert!(std::time::Instant::now() < deadline, "{series} never {value}: {text}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    let text = scrape_when(r#"afterhours_queue_depth{team="benelux"}"#, 1.0).await;
    assert_eq!(
        metric(&text, r#"afterhours_messages_received_total{channel="messenger",language="nl"}"#),
        Some(1.0),
        "{text}"
    );
    // A damaged parcel is answered with the damaged-item FAQ (and handed over).
    assert_eq!(metric(&text, r#"afterhours_faq_answers_total{intent="damaged_item"}"#), Some(1.0), "{text}");
    assert_eq!(metric(&text, r#"afterhours_handoffs_total{team="benelux"}"#), Some(1.0));
    assert_eq!(metric(&text, r#"afterhours_queue_depth{team="benelux"}"#), Some(1.0));
    assert_eq!(metric(&text, r#"afterhours_queue_depth{team="nordics"}"#), Some(0.0));
    assert_eq!(metric(&text, r#"afterhours_webhooks_total{outcome="accepted"}"#), Some(1.0));
    assert!(text.contains("afterhours_webhook_seconds_bucket"), "a histogram: {text}");
    assert_eq!(metric(&text, r#"afterhours_first_response_seconds_count{by="bot"}"#), Some(1.0));

    let (status, _) =
        app.api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": "Hoi, ik help je."})).await;
    assert_eq!(status, 200);
    // Claimed: no longer waiting.
    let text = scrape_when(r#"afterhours_queue_depth{team="benelux"}"#, 0.0).await;
    assert_eq!(metric(&text, r#"afterhours_first_response_seconds_count{by="human"}"#), Some(1.0), "{text}");
    assert_eq!(metric(&text, r#"afterhours_promises_total{outcome="kept"}"#), Some(1.0));
}

#[tokio::test]
async fn at_start_every_metric_family_is_there_with_help_and_type() {
    let app = spawn_app().await;
    let text = app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap();
    for (name, family, _, _) in afterhours::telemetry::FAMILIES {
        let kind = format!("{family:?}").to_lowercase();
        assert!(text.contains(&format!("# HELP {name} ")), "no HELP for {name}:\n{text}");
        assert!(text.contains(&format!("# TYPE {name} {kind}")), "no TYPE for {name}:\n{text}");
    }
    assert_eq!(metric(&text, r#"afterhours_webhooks_total{outcome="accepted"}"#), Some(0.0), "{text}");
    assert_eq!(metric(&text, r#"afterhours_handoffs_total{team="benelux"}"#), Some(0.0), "{text}");
}

#[tokio::test]
async fn with_a_metrics_token_a_scrape_must_bring_it() {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let token = "metrics-token-0123456789abcdef";
    let opts = BotOptions { env: vec![("METRICS_TOKEN".into(), token.into())], ..Default::default() };
    let bot = Bot::launch(&redis.url(), &graph.url(), opts);
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let get = |t: Option<&'static str>| {
        let mut r = app.http.get(app.bot.url("/metrics"));
        if let Some(t) = t {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(get(None).await.unwrap().status(), 401);
    assert_eq!(get(Some("wrong")).await.unwrap().status(), 401);
    let ok = get(Some(token)).await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().contains("# TYPE afterhours_webhooks_total counter"));
    assert!(!app.bot.logs().contains(token), "the token is never logged");
}

#[tokio::test]
async fn a_reply_from_meta_s_inbox_within_the_grace_keeps_the_promise() {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    // Monday 30 November, 08:20 in Amsterdam: benelux opens at 08:30, the promised time.
    let at = "2026-11-30T07:20:00Z";
    let bot = Bot::launch(&redis.url(), &graph.url(), BotOptions { at: at.into(), ..Default::default() });
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let (on_time, late) = ("case-psid-inbox-1", "case-psid-inbox-2");
    for (psid, mid) in [(on_time, "m_i1"), (late, "m_i2")] {
        app.post_signed(&messenger_text(NL_PAGE, psid, mid, ms(at), COMPLAINT_NL)).await;
        assert_eq!(app.wait_for_case(psid, WAIT).await["due_at"], "2026-11-30T08:30:00+01:00");
    }
    // A person answers from Meta Business Suite at 08:40 (within the default
    // 15 minutes of grace) and at 08:50 (past it).
    let echo = |psid: &str, mid: &str, when: &str| {
        json!({"sender": {"id": NL_PAGE}, "recipient": {"id": psid}, "timestamp": ms(when),
            "message": {"mid": mid, "is_echo": true, "app_id": 263902037430900_i64, "text": "Hoi, ik kijk mee."}})
    };
    let body = messenger(vec![page_entry(
        NL_PAGE,
        vec![echo(on_time, "m_e1", "2026-11-30T07:40:00Z"), echo(late, "m_e2", "2026-11-30T07:50:00Z")],
    )]);
    assert_eq!(app.post_signed(&body).await.status(), 200);
    let scrape = || async { app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap() };
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let text = scrape().await;
        // The reply time and the promise are two counters: wait for both.
        let counted = metric(&text, r#"afterhours_first_response_seconds_count{by="human"}"#) == Some(2.0)
            && metric(&text, r#"afterhours_promises_total{outcome="kept"}"#) == Some(1.0)
            && metric(&text, r#"afterhours_promises_total{outcome="broken"}"#) == Some(1.0);
        if counted {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "two first replies and their promises counted: {text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_customer_flooding_the_inbox_gets_one_acknowledgement_and_a_flag() {
    let app = spawn_app().await;
    let psid = "case-psid-flood";
    for batch in 0..10 {
        let events: Vec<Value> = (0..20)
            .map(|i| {
                let n = batch * 20 + i;
                messenger_event(
                    psid,
                    NL_PAGE,
                    &format!("m_f{n}"),
                    ts(n as i64 / 4),
                    "HALLO??? waar is mijn pakket, dit is belachelijk",
                )
            })
            .collect();
        assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, events)])).await.status(), 200);
    }
    handled(&app, "messenger", NL_PAGE, psid, "m_f199").await;
    wait_until("all 200 recorded", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| c["handled"].as_array().unwrap().len() == 200)
    })
    .await;
    assert_eq!(sends_to(&app, psid).len(), 1, "200 messages in a minute: one acknowledgement, not 200 Graph calls");
    let case = app.wait_for_case(psid, WAIT).await;
    assert!(case["flagged"].as_str().unwrap_or_default().starts_with("flood"), "{case}");
    let case = case_of(&app, case["id"].as_str().unwrap()).await;
    assert_eq!(entries_from(&case, "customer").len(), 200, "every message is kept for a person");
}

#[tokio::test]
async fn the_coverage_api_answers_what_the_coverage_command_prints() {
    let app = spawn_app().await;
    let (status, api) = app.api_get("/api/coverage?week=2026-W52", Some(ANNA)).await;
    assert_eq!(status, 200, "{api}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(["coverage", "--json", "--week", "2026-W52"])
        .output()
        .expect("afterhours coverage");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: Value = serde_json::from_slice(&out.stdout).expect("coverage --json");
    assert_eq!(api, cli);
    assert_eq!(api["week"], "2026-W52");

    let (status, body) = app.api_get("/api/coverage?week=2026-W99", Some(ANNA)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["reason"].as_str().unwrap_or_default().starts_with("week:"), "{body}");
    let (status, _) = app.api_get("/api/coverage", None).await;
    assert_eq!(status, 401);
    let (status, this_week) = app.api_get("/api/coverage", Some(BOB)).await;
    assert_eq!(status, 200);
    assert_eq!(this_week["week"], "2026-W48", "the bot's clock is {SATURDAY_NIGHT}");
}

#[tokio::test]
async fn a_week_near_the_end_of_the_calendar_is_a_400_not_a_dropped_connection() {
    let app = spawn_app().await;
    for week in ["262142-W52", "262143-W01", "-262143-W01", "0-W01", "10000-W01"] {
        let (status, body) = app.api_get(&format!("/api/coverage?week={week}"), Some(ANNA)).await;
        assert_eq!(status, 400, "{week}: {body}");
        assert!(body["reason"].as_str().unwrap().starts_with("week: "), "{body}");
    }
    let (status, body) = app.api_get("/api/coverage?week=9999-W52", Some(ANNA)).await;
    assert_eq!(status, 200, "{body}");
}

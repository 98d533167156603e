//! Reply windows and honest overdue through the real server: what the
//! acknowledgement promises when the window closes before a person is back,
//! where the HUMAN_AGENT tag goes, the window on the case, and overdue for
//! claimed cases, follow-ups and replies Meta refused, on a bot clock
//! started at a chosen moment (`serve --at`).

use std::time::Duration;

use serde_json::{json, Value};

use crate::cases::alert_receiver;
use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);

/// Saturday 28 November 2026, 22:00 in Warsaw and Madrid, 22:00 in
/// Amsterdam: every team is back only on Monday, more than 24 hours later.
const SATURDAY_22: &str = "2026-11-28T21:00:00Z";

fn text_of(body: &Value) -> String {
    body["message"]["text"].as_str().or(body["text"]["body"].as_str()).unwrap_or_default().to_string()
}

async fn case_of(app: &TestApp, id: &str) -> Value {
    let (status, case) = app.api_get(&format!("/api/cases/{id}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{case}");
    case
}

async fn launch(at: &str, flows: Option<std::path::PathBuf>, env: Vec<(String, String)>) -> TestApp {
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let mut opts = BotOptions { at: at.into(), env, ..Default::default() };
    if let Some(f) = flows {
        opts.flows = f;
    }
    let bot = Bot::launch(&redis.url(), &graph.url(), opts);
    TestApp { redis, graph, bot, http: reqwest::Client::new() }
}

/// The first send to `recipient`, once it is there.
async fn first_reply(app: &TestApp, recipient: &str) -> Value {
    wait_until("the acknowledgement is sent", WAIT, || !sends_to(app, recipient).is_empty()).await;
    sends_to(app, recipient).remove(0)
}

#[tokio::test]
async fn the_acknowledgement_promises_a_reply_here_only_when_a_person_can_still_send_one() {
    let app = launch(SATURDAY_22, None, Vec::new()).await;
    let at = ms(SATURDAY_22);
    // Messenger, Polish page not approved for HUMAN_AGENT: the 24-hour
    // window closes on Sunday night, the team is back on Monday 08:00.
    let pl = "win-pl-1";
    let question = "Dzień dobry, mam pytanie dotyczące mojego konta";
    app.post_signed(&messenger_text(PL_PAGE, pl, "m_w1", at, question)).await;
    // WhatsApp without templates: nothing can reach the customer after 24 hours.
    let wa = "34600999111";
    app.post_signed(&whatsapp_text(WA_NUMBER, wa, "Lucía", "wamid.w2", at, "Hola, tengo una pregunta sobre mi cuenta"))
        .await;
    // Messenger, Dutch page approved for HUMAN_AGENT: a person may answer for 7 days.
    let nl = "win-nl-1";
    app.post_signed(&messenger_text(NL_PAGE, nl, "m_w3", at, "Hallo, ik heb een vraag over mijn account")).await;

    let text = text_of(&first_reply(&app, pl).await);
    assert!(text.contains("wróci w poniedziałek o 08:00"), "{text}");
    assert!(text.contains("napisz do nas tutaj ponownie"), "asked to write again: {text}");
    assert!(text.contains("pomoc@northwind.example"), "the page's other contact: {text}");
    assert!(!text.contains("odpowie Ci tutaj"), "no reply promised here: {text}");

    let text = text_of(&first_reply(&app, wa).await);
    assert!(text.contains("escríbenos de nuevo por aquí"), "{text}");
    assert!(text.contains("ayuda@northwind.example"), "{text}");
    assert!(!text.contains("te responderá aquí"), "{text}");

    let text = text_of(&first_reply(&app, nl).await);
    assert!(text.contains("reageert hier maandag om 08:30"), "a person can still answer here: {text}");
    assert!(!text.contains("opnieuw een bericht"), "{text}");

    // The window is a fact on every case, in the API and in words.
    let pl_case = case_of(&app, app.wait_for_case(pl, WAIT).await["id"].as_str().unwrap()).await;
    assert_eq!(pl_case["window_closes_at"], "2026-11-29T21:00:00Z");
    assert_eq!(pl_case["window"]["human_agent"], false);
    assert_eq!(pl_case["window"]["template_can_reopen"], false);
    assert_eq!(pl_case["window"]["open"], true);
    assert_eq!(pl_case["window"]["note"], "window closes in 24 h");
    let nl_case = case_of(&app, app.wait_for_case(nl, WAIT).await["id"].as_str().unwrap()).await;
    assert_eq!(nl_case["window_closes_at"], "2026-12-05T21:00:00Z", "7 days with HUMAN_AGENT");
    assert_eq!(nl_case["window"]["human_agent"], true);
    assert_eq!(nl_case["window"]["note"], "window closes in 24 h; after that a person may still reply for 6 days");
    let wa_case = case_of(&app, app.wait_for_case(wa, WAIT).await["id"].as_str().unwrap()).await;
    assert_eq!(wa_case["window_closes_at"], "2026-11-29T21:00:00Z");
    assert_eq!(wa_case["window"]["template_can_reopen"], false);

    let metrics = app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains(r#"afterhours_write_again_total{channel="messenger"} 1"#), "{metrics}");
    assert!(metrics.contains(r#"afterhours_write_again_total{channel="whatsapp"} 1"#), "{metrics}");
}

#[tokio::test]
async fn a_whatsapp_number_with_templates_still_promises_a_reply_here() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    copy_dir(&afterhours::engine::default_dir("flows"), &flows);
    let pages = flows.join("pages.toml");
    let src = std::fs::read_to_string(&pages).unwrap();
    assert!(src.contains("channel = \"whatsapp\"\n"));
    std::fs::write(&pages, src.replace("channel = \"whatsapp\"\n", "channel = \"whatsapp\"\ntemplates = true\n"))
        .unwrap();
    let app = launch(SATURDAY_22, Some(flows), Vec::new()).await;
    let wa = "34600999222";
    app.post_signed(&whatsapp_text(
        WA_NUMBER,
        wa,
        "Lucía",
        "wamid.t1",
        ms(SATURDAY_22),
        "Hola, tengo una pregunta sobre mi cuenta",
    ))
    .await;
    let text = text_of(&first_reply(&app, wa).await);
    assert!(text.contains("te responderá aquí el lunes a las 09:00"), "a template can reopen the window: {text}");
    assert!(!text.contains("escríbenos de nuevo"), "{text}");
    let case = case_of(&app, app.wait_for_case(wa, WAIT).await["id"].as_str().unwrap()).await;
    assert_eq!(case["window"]["template_can_reopen"], true);
}

#[tokio::test]
async fn human_agent_goes_only_on_a_persons_late_reply_on_an_approved_page_never_on_the_bot() {
    let app = spawn_app().await;
    // Both written 30 hours before the bot's clock: past 24 hours.
    let (approved, plain) = ("win-ha-nl", "win-ha-pl");
    let complaint_pl = "Paczka przyszła zniszczona, to skandal";
    app.post_signed(&messenger_text(NL_PAGE, approved, "m_h1", ts(-30 * 3600), "Mijn pakket is kapot aangekomen!"))
        .await;
    app.post_signed(&messenger_text(PL_PAGE, plain, "m_h2", ts(-30 * 3600), complaint_pl)).await;
    let nl_id = app.wait_for_case(approved, WAIT).await["id"].as_str().unwrap().to_string();
    let pl_id = app.wait_for_case(plain, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(2, WAIT).await;

    assert_eq!(case_of(&app, &pl_id).await["reply_mode"], "closed", "not approved: 24 hours only");
    let before = app.graph.sends().len();
    let (status, body) =
        app.api_post(&format!("/api/cases/{pl_id}/reply"), Some(ANNA), json!({"text": "Przepraszamy!"})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "outside_window");
    assert!(body["reason"].as_str().unwrap().contains("not approved"), "{body}");
    assert_eq!(app.graph.sends().len(), before, "nothing sent");
    let pl_case = case_of(&app, &pl_id).await;
    assert!(pl_case["window"]["note"].as_str().unwrap().contains("nobody can reply until the customer writes again"));

    let (status, _) = app
        .api_post(&format!("/api/cases/{nl_id}/reply"), Some(ANNA), json!({"text": "Sorry voor het wachten!"}))
        .await;
    assert_eq!(status, 200);
    let person = sends_to(&app, approved).into_iter().find(|b| text_of(b) == "Sorry voor het wachten!").unwrap();
    assert_eq!((person["messaging_type"].as_str(), person["tag"].as_str()), (Some("MESSAGE_TAG"), Some("HUMAN_AGENT")));
    // The bot's own messages never carry the tag, however late.
    let bot: Vec<Value> =
        app.graph.sends().into_iter().filter_map(|s| s.body).filter(|b| text_of(b).contains('🤖')).collect();
    assert_eq!(bot.len(), 2);
    for b in bot {
        assert_eq!(b["messaging_type"], "RESPONSE", "{b}");
        assert!(b.get("tag").is_none(), "{b}");
    }
}

const COMPLAINT_NL: &str = "Mijn pakket is kapot aangekomen, dit is echt belachelijk";

/// A bot whose clock starts at `at`, no grace, alerts to a receiver.
async fn overdue_app(at: &str) -> (TestApp, std::sync::Arc<std::sync::Mutex<Vec<Value>>>) {
    let (url, alerts) = alert_receiver().await;
    let env = vec![("OVERDUE_GRACE_MINUTES".into(), "0".into()), ("ALERT_WEBHOOK_URL".into(), url)];
    (launch(at, None, env).await, alerts)
}

#[tokio::test]
async fn a_claimed_case_nobody_answers_goes_overdue() {
    // Monday 30 November, 08:29:55 in Amsterdam: benelux opens at 08:30.
    let at = "2026-11-30T07:29:55Z";
    let (app, alerts) = overdue_app(at).await;
    let psid = "win-claimed";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_c1", ms(at), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    let (status, case) = app.api_post(&format!("/api/cases/{id}/claim"), Some(BOB), json!({})).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["overdue"], false);
    wait_until("the overdue alert for the claimed case", WAIT, || !alerts.lock().unwrap().is_empty()).await;
    assert_eq!(alerts.lock().unwrap()[0]["case"], id.as_str());
    let case = case_of(&app, &id).await;
    assert_eq!((case["status"].as_str(), case["overdue"].as_bool()), (Some("claimed"), Some(true)));
    assert_eq!(case["awaiting_reply"], true);
}

#[tokio::test]
async fn a_follow_up_after_an_answer_starts_a_new_response_timer() {
    let at = "2026-11-30T07:29:53Z";
    let (app, alerts) = overdue_app(at).await;
    let psid = "win-follow";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_f1", ms(at), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    let (status, case) =
        app.api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": "Hoi, ik kijk het na."})).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["awaiting_reply"], false, "answered before 08:30");
    // The customer writes again: a new timer, due at the time promised.
    let again = ms(at) + 2_000;
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_f2", again, "Nog een vraag: kan het ook sneller?")).await;
    app.handled_conversation("messenger", NL_PAGE, psid, "m_f2", WAIT).await;
    let case = case_of(&app, &id).await;
    assert_eq!(case["awaiting_reply"], true, "{case}");
    assert_eq!(case["waiting_since"], "2026-11-30T07:29:55Z");
    assert_eq!(case["due_at"], "2026-11-30T08:30:00+01:00");
    assert!(case["actions"].as_array().unwrap().iter().any(|a| a["action"] == "customer wrote again"));
    wait_until("the follow-up goes overdue", WAIT, || !alerts.lock().unwrap().is_empty()).await;
    assert_eq!(alerts.lock().unwrap()[0]["case"], id.as_str());
    assert_eq!(case_of(&app, &id).await["overdue"], true);
}

#[tokio::test]
async fn a_reply_meta_refused_is_no_answer_and_the_case_still_goes_overdue() {
    let at = "2026-11-30T07:29:54Z";
    let (app, alerts) = overdue_app(at).await;
    let psid = "win-refused";
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_r1", ms(at), COMPLAINT_NL)).await;
    let id = app.wait_for_case(psid, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    app.graph.reject_all(400, 10, Some(2018278));
    let (status, body) =
        app.api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": "Hoi, ik kijk het na."})).await;
    assert_ne!(status, 200, "{body}");
    let case = case_of(&app, &id).await;
    assert!(case["first_human_reply_at"].is_null(), "{case}");
    assert_eq!(case["awaiting_reply"], true);
    wait_until("the refused reply leaves the case overdue", WAIT, || !alerts.lock().unwrap().is_empty()).await;
    assert_eq!(case_of(&app, &id).await["overdue"], true);
    let metrics = app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap();
    // Every family is announced at zero from the start: "kept" stays 0.
    assert!(metrics.contains(r#"afterhours_promises_total{outcome="kept"} 0"#), "{metrics}");
    assert!(metrics.contains(r#"afterhours_promises_total{outcome="broken"} 1"#), "{metrics}");
}

#[tokio::test]
async fn a_whatsapp_reply_that_fails_after_it_was_accepted_no_longer_answers_the_case() {
    // Monday 30 November, 08:59:53 in Madrid: the south team opens at 09:00.
    let at = "2026-11-30T07:59:53Z";
    let (app, alerts) = overdue_app(at).await;
    let wa = "34600999333";
    let complaint = "Mi pedido ha llegado roto, es una vergüenza";
    app.post_signed(&whatsapp_text(WA_NUMBER, wa, "Lucía", "wamid.f1", ms(at), complaint)).await;
    let id = app.wait_for_case(wa, WAIT).await["id"].as_str().unwrap().to_string();
    app.graph.wait_for_sends(1, WAIT).await;
    let (status, case) = app
        .api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": "Hola Lucía, lo miro ahora."}))
        .await;
    assert_eq!(status, 200, "{case}");
    assert!(case["first_human_reply_at"].is_string());
    let conv = app.conversation("whatsapp", WA_NUMBER, wa).unwrap();
    let entries = conv["transcript"].as_array().unwrap();
    let sent_id = entries.iter().find(|e| e["author"] == "agent").unwrap()["delivery"]["ids"][0].clone();
    let status = json!({"object": "whatsapp_business_account", "entry": [{"id": "1022", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "34600000000", "phone_number_id": WA_NUMBER},
        "statuses": [{"id": sent_id, "status": "failed", "timestamp": (ms(at) / 1000 + 5).to_string(), "recipient_id": wa,
            "errors": [{"code": 131026, "title": "Message undeliverable"}]}]
    }}]}]});
    assert_eq!(app.post_signed(&status).await.status(), 200);
    wait_until("the refused reply no longer answers", WAIT, || {
        app.conversation("whatsapp", WA_NUMBER, wa).is_some_and(|c| c["case"]["first_human_reply_at"].is_null())
    })
    .await;
    wait_until("the case goes overdue", WAIT, || !alerts.lock().unwrap().is_empty()).await;
    let case = case_of(&app, &id).await;
    assert_eq!((case["overdue"].as_bool(), case["awaiting_reply"].as_bool()), (Some(true), Some(true)));
    assert!(case["actions"].as_array().unwrap().iter().any(|a| a["action"] == "reply refused"));
}

#[tokio::test]
async fn a_case_whose_window_closed_before_anyone_answered_is_counted_once() {
    let app = spawn_app().await;
    // Written 25 hours before the bot's clock: WhatsApp's window is closed.
    let wa = "34600999444";
    app.post_signed(&whatsapp_text(WA_NUMBER, wa, "Lucía", "wamid.m1", ts(-25 * 3600), "Mi pedido ha llegado roto"))
        .await;
    let id = app.wait_for_case(wa, WAIT).await["id"].as_str().unwrap().to_string();
    let scrape = || async { app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap() };
    let deadline = std::time::Instant::now() + WAIT;
    let counted = r#"afterhours_windows_closed_unanswered_total{channel="whatsapp"} 1"#;
    let text = loop {
        let text = scrape().await;
        if text.contains(counted) {
            break text;
        }
        assert!(std::time::Instant::now() < deadline, "the closed window is counted: {text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(text.contains("# HELP afterhours_windows_closed_unanswered_total"), "{text}");
    let case = case_of(&app, &id).await;
    assert_eq!(case["window"]["open"], false);
    assert!(case["window"]["note"].as_str().unwrap().starts_with("window closed 1 h ago"), "{case}");
    let logged = case["actions"].as_array().unwrap().iter().filter(|a| a["action"] == "window closed").count();
    assert_eq!(logged, 1, "{case}");
}

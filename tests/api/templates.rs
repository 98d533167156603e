//! WhatsApp templates and what WhatsApp costs, through `serve`: a case
//! whose 24-hour window closed is answered with a template in the
//! customer's language, Graph's template errors show on the case in plain
//! words, the customer's answer reopens the window; status webhooks'
//! pricing becomes metrics; the bot sends nothing billed that the customer
//! does not need.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::fake_graph::error_body;
use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);
const WA_ID: &str = "351912345678";
const COMPLAINT_PT: &str =
    "Olá! A minha encomenda chegou danificada e ainda ninguém me respondeu. Podem ajudar-me, por favor?";

async fn case_of(app: &TestApp, id: &str) -> Value {
    let (status, case) = app.api_get(&format!("/api/cases/{id}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{case}");
    case
}

fn last_agent_entry(case: &Value) -> Value {
    case["transcript"].as_array().unwrap().iter().rev().find(|e| e["from"] == "agent").cloned().unwrap()
}

/// A Portuguese customer who wrote 30 hours before the bot's "now": the
/// window closed 6 hours ago. Answers the case id once the bot acknowledged.
async fn closed_window_case(app: &TestApp, wa_id: &str) -> String {
    let body = whatsapp_text(WA_NUMBER, wa_id, "Ana Sousa", &format!("wamid.{wa_id}.1"), ts(-30 * 3600), COMPLAINT_PT);
    app.post_signed(&body).await;
    let case = app.wait_for_case(wa_id, WAIT).await;
    app.graph.wait_for_sends(1, WAIT).await;
    assert_eq!(case["reply_mode"], "closed", "{case}");
    case["id"].as_str().unwrap().to_string()
}

fn status_webhook(wa_id: &str, statuses: Vec<Value>) -> Value {
    let statuses: Vec<Value> = statuses
        .into_iter()
        .map(|mut s| {
            s["recipient_id"] = json!(wa_id);
            s["timestamp"] = json!((ts(60) / 1000).to_string());
            s
        })
        .collect();
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "34600000000", "phone_number_id": WA_NUMBER},
                    "statuses": statuses
                }
            }]
        }]
    })
}

#[tokio::test]
async fn a_closed_whatsapp_window_is_answered_with_a_template_in_the_customers_language_and_reopens() {
    let app = spawn_app().await;
    let id = closed_window_case(&app, WA_ID).await;

    // The preview: the registered Portuguese body, filled in.
    let (status, preview) = app.api_get(&format!("/api/cases/{id}/template?purpose=follow_up"), Some(ANNA)).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["language"], "pt");
    assert_eq!(preview["code"], "pt_PT");
    assert_eq!(preview["name"], "northwind_follow_up");
    assert_eq!(preview["window_closed"], true);
    let text = preview["text"].as_str().unwrap().to_string();
    assert!(text.starts_with("Olá, Ana! A equipa de apoio ao cliente da Northwind"), "{text}");
    assert!(text.contains(&format!("(processo {id})")), "{text}");
    assert!(!text.contains("{{"), "{text}");

    // The send: the Cloud API's template body, field by field.
    let before = sends_to(&app, WA_ID).len();
    let (status, case) = app.api_post(&format!("/api/cases/{id}/template"), Some(ANNA), json!({})).await;
    assert_eq!(status, 200, "{case}");
    let sent = sends_to(&app, WA_ID);
    assert_eq!(sent.len(), before + 1);
    let body = sent.last().unwrap();
    assert_eq!(body["messaging_product"], "whatsapp");
    assert_eq!(body["recipient_type"], "individual");
    assert_eq!(body["to"], WA_ID);
    assert_eq!(body["type"], "template");
    let t = &body["template"];
    assert_eq!(t["name"], "northwind_follow_up");
    assert_eq!(t["language"]["code"], "pt_PT");
    assert_eq!(t["components"].as_array().unwrap().len(), 1);
    assert_eq!(t["components"][0]["type"], "body");
    let params = t["components"][0]["parameters"].as_array().unwrap();
    assert_eq!(params.len(), 2);
    assert_eq!(params[0], json!({"type": "text", "text": "Ana"}));
    assert_eq!(params[1], json!({"type": "text", "text": id}));
    assert!(body.get("text").is_none(), "a template carries no free text: {body}");

    // On the case: the text the customer read, sent, by Anna.
    assert_eq!(case["claimed_by"], "anna");
    let entry = last_agent_entry(&case);
    assert_eq!(entry["text"], text);
    assert_eq!(entry["delivery"], "sent");
    assert!(case["actions"].as_array().unwrap().iter().any(|a| a["action"] == "template"), "{case}");

    // The customer answers: the window is open again and the case goes on.
    let answer = whatsapp_text(WA_NUMBER, WA_ID, "Ana Sousa", "wamid.answer.2", ts(5), "Obrigada! Já enviei as fotos.");
    app.post_signed(&answer).await;
    let conv = app.handled_conversation("whatsapp", WA_NUMBER, WA_ID, "wamid.answer.2", WAIT).await;
    assert!(bot_answers(&conv, "wamid.answer.2").is_empty(), "Anna has the case: the bot stays out: {conv}");
    let case = case_of(&app, &id).await;
    assert_eq!(case["id"], id.as_str(), "the same case goes on");
    assert_eq!(case["reply_mode"], "response", "{case}");
    let (status, refused) = app.api_post(&format!("/api/cases/{id}/template"), Some(ANNA), json!({})).await;
    assert_eq!((status, refused["error"].as_str()), (422, Some("window_open")), "{refused}");
    let reply = "Obrigada, Ana. Vamos enviar uma nova encomenda hoje.";
    let (status, case) = app.api_post(&format!("/api/cases/{id}/reply"), Some(ANNA), json!({"text": reply})).await;
    assert_eq!(status, 200, "{case}");
    let last = sends_to(&app, WA_ID).pop().unwrap();
    assert_eq!((last["type"].as_str(), last["text"]["body"].as_str()), (Some("text"), Some(reply)));
}

#[tokio::test]
async fn each_graph_template_error_shows_on_the_case_in_plain_words_and_keeps_the_text() {
    let app = spawn_app().await;
    let id = closed_window_case(&app, WA_ID).await;
    let (_, preview) = app.api_get(&format!("/api/cases/{id}/template"), Some(ANNA)).await;
    let text = preview["text"].as_str().unwrap().to_string();
    let cases = [
        (131047, "Re-engagement message", "24-hour window is closed"),
        (132000, "Number of parameters does not match the expected number of params", "number of parameters"),
        (
            132001,
            "Template name does not exist in the translation",
            "no approved template of that name in that language",
        ),
        (132015, "Template is paused", "paused by WhatsApp for low quality"),
        (132016, "Template is disabled", "disabled by WhatsApp"),
        (131026, "Message undeliverable", "could not deliver the message"),
    ];
    for (code, meta_says, plain) in cases {
        app.graph.fail_next(1, 400, error_body(code, None, meta_says));
        let (status, body) = app.api_post(&format!("/api/cases/{id}/template"), Some(ANNA), json!({})).await;
        assert_eq!(status, 502, "{code}: {body}");
        assert_eq!(body["error"], "send_failed");
        assert_eq!(body["code"], code);
        assert!(body["reason"].as_str().unwrap().contains(plain), "{code}: {body}");
        let case = case_of(&app, &id).await;
        let entry = last_agent_entry(&case);
        assert_eq!(entry["text"], text, "{code}: the text is kept on the case");
        assert_eq!(entry["delivery"], "failed");
        let error = entry["error"].as_str().unwrap();
        assert!(error.contains(plain) && error.contains(meta_says), "{code}: {error}");
    }

    // Accepted, then refused later (template pacing): the status webhook's
    // code shows on the entry that was sent.
    let (status, _) = app.api_post(&format!("/api/cases/{id}/template"), Some(ANNA), json!({})).await;
    assert_eq!(status, 200);
    let conv = app.conversation("whatsapp", WA_NUMBER, WA_ID).unwrap();
    let wamid = conv["sent_ids"].as_array().unwrap().last().unwrap().as_str().unwrap().to_string();
    let failed = json!({"id": wamid, "status": "failed", "errors": [{"code": 132015, "title": "Template is paused"}]});
    app.post_signed(&status_webhook(WA_ID, vec![failed])).await;
    let deadline = Instant::now() + WAIT;
    loop {
        let entry = last_agent_entry(&case_of(&app, &id).await);
        if entry["delivery"] == "failed" {
            assert!(entry["error"].as_str().unwrap().contains("paused by WhatsApp"), "{entry}");
            break;
        }
        assert!(Instant::now() < deadline, "the late failure never showed: {entry}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_template_needs_whatsapp_a_closed_window_and_every_value() {
    let app = spawn_app().await;
    // No profile name: the first name must be given.
    let body = whatsapp_text(
        WA_NUMBER,
        "34600111222",
        "",
        "wamid.noname.1",
        ts(-30 * 3600),
        "¿Dónde está mi pedido? Lo espero desde hace dos semanas.",
    );
    app.post_signed(&body).await;
    let id = app.wait_for_case("34600111222", WAIT).await["id"].as_str().unwrap().to_string();
    let (status, body) = app.api_get(&format!("/api/cases/{id}/template"), Some(ANNA)).await;
    assert_eq!((status, body["error"].as_str()), (422, Some("values_missing")), "{body}");
    assert!(body["reason"].as_str().unwrap().contains("first_name"), "{body}");
    let (status, preview) = app.api_get(&format!("/api/cases/{id}/template?first_name=Lucía"), Some(ANNA)).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["code"], "es_ES");
    assert!(preview["text"].as_str().unwrap().starts_with("Hola, Lucía:"), "{preview}");
    // A language without a registration, and a purpose that is not there.
    let (status, body) = app.api_get(&format!("/api/cases/{id}/template?purpose=discount"), Some(ANNA)).await;
    assert_eq!((status, body["error"].as_str()), (422, Some("no_template")), "{body}");
    assert!(body["reason"].as_str().unwrap().contains("follow_up"), "{body}");

    // Messenger has no templates.
    app.post_signed(&messenger_text(NL_PAGE, "tpl-psid", "m_tpl1", ts(0), "Mijn pakket is kapot aangekomen")).await;
    let mid = app.wait_for_case("tpl-psid", WAIT).await["id"].as_str().unwrap().to_string();
    let (status, body) = app.api_get(&format!("/api/cases/{mid}/template"), Some(ANNA)).await;
    assert_eq!((status, body["error"].as_str()), (422, Some("not_whatsapp")), "{body}");
    // Without a token, nothing.
    let (status, _) = app.api_post(&format!("/api/cases/{id}/template"), None, json!({})).await;
    assert_eq!(status, 401);
}

/// The bot's entries answering `mid` in a stored conversation.
fn bot_answers<'a>(conv: &'a Value, mid: &str) -> Vec<&'a Value> {
    conv["transcript"].as_array().unwrap().iter().filter(|e| e["author"] == "bot" && e["answers"] == mid).collect()
}

/// The value of the metric line that starts with `name{` and has every label.
fn metric(scrape: &str, name: &str, labels: &[&str]) -> Option<f64> {
    scrape
        .lines()
        .filter(|l| l.starts_with(&format!("{name}{{")))
        .find(|l| labels.iter().all(|x| l.contains(x)))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn status_pricing_becomes_billed_messages_per_number_and_category() {
    let app = spawn_app().await;
    let pricing = |kind: &str, category: &str, billable: bool| json!({"billable": billable, "pricing_model": "PMP", "category": category, "type": kind});
    let statuses = vec![
        json!({"id": "wamid.bill.1", "status": "sent", "pricing": pricing("regular", "service", true)}),
        // The same message again: Meta repeats pricing on delivered and read.
        json!({"id": "wamid.bill.1", "status": "delivered", "pricing": pricing("regular", "service", true)}),
        json!({"id": "wamid.bill.1", "status": "read", "pricing": pricing("regular", "service", true)}),
        json!({"id": "wamid.bill.2", "status": "sent", "pricing": pricing("regular", "utility", true)}),
        json!({"id": "wamid.free.3", "status": "sent", "pricing": pricing("free_customer_service", "service", false)}),
    ];
    assert_eq!(app.post_signed(&status_webhook(WA_ID, statuses)).await.status(), 200);
    // Meta pauses a template for low quality (the WABA's `message_template_status_update`).
    let paused = json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "message_template_status_update",
        "value": {"event": "PAUSED", "message_template_id": 594_425_479_261_596_i64, "message_template_name": "northwind_follow_up",
                  "message_template_language": "pt_PT", "reason": "NONE",
                  "other_info": {"title": "FIRST_PAUSE", "description": "paused for 3 hours"}}}]}]});
    assert_eq!(app.post_signed(&paused).await.status(), 200);
    let page = format!("page=\"{WA_NUMBER}\"");
    let deadline = Instant::now() + WAIT;
    let scrape = loop {
        let scrape = app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap();
        let tpl = metric(&scrape, "afterhours_whatsapp_template_status_total", &["event=\"PAUSED\""]);
        // The families are announced at zero from the start: wait for counts.
        let free = metric(&scrape, "afterhours_whatsapp_messages_total", &["pricing_type=\"free_customer_service\""]);
        // The statuses of one body may be counted in any order: wait for each of them.
        let billed = |category: &str| {
            metric(&scrape, "afterhours_whatsapp_billed_messages_total", &[&format!("category=\"{category}\"")])
        };
        let counted = [tpl, free, billed("service"), billed("utility")];
        if counted.iter().all(|v| v.is_some_and(|v| v >= 1.0)) {
            break scrape;
        }
        assert!(Instant::now() < deadline, "no WhatsApp pricing metrics:\n{scrape}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let billed = "afterhours_whatsapp_billed_messages_total";
    assert_eq!(metric(&scrape, billed, &[&page, "category=\"service\""]), Some(1.0), "{scrape}");
    assert_eq!(metric(&scrape, billed, &[&page, "category=\"utility\""]), Some(1.0), "{scrape}");
    let all = "afterhours_whatsapp_messages_total";
    assert_eq!(metric(&scrape, all, &[&page, "category=\"service\"", "pricing_type=\"regular\""]), Some(1.0));
    assert_eq!(
        metric(&scrape, all, &[&page, "category=\"service\"", "pricing_type=\"free_customer_service\""]),
        Some(1.0)
    );
    assert!(scrape.contains(&format!("# HELP {billed} ")), "{scrape}");
    assert!(scrape.contains(&format!("# HELP {all} ")), "{scrape}");
    let status = "afterhours_whatsapp_template_status_total";
    let labels = ["name=\"northwind_follow_up\"", "language=\"pt_PT\"", "event=\"PAUSED\""];
    assert_eq!(metric(&scrape, status, &labels), Some(1.0), "{scrape}");
    assert!(app.bot.logs().contains("a WhatsApp template can no longer be sent as is"));
}

#[tokio::test]
async fn on_whatsapp_the_bot_sends_no_thanks_and_with_the_setting_one_reply_per_closed_period() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    copy_dir(&afterhours::engine::default_dir("flows"), &flows);
    let pages = flows.join("pages.toml");
    let src = std::fs::read_to_string(&pages).unwrap();
    assert!(src.contains("whatsapp_replies = \"needed\""));
    std::fs::write(
        &pages,
        src.replace("whatsapp_replies = \"needed\"", "whatsapp_replies = \"one_per_closed_period\""),
    )
    .unwrap();
    let redis = RedisServer::start();
    let graph = FakeGraph::start().await;
    let bot = Bot::launch(&redis.url(), &graph.url(), BotOptions { flows, ..Default::default() });
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };

    // Praise: nothing the customer needs, so nothing billed.
    let praise = whatsapp_text(
        WA_NUMBER,
        "34600333444",
        "Marta",
        "wamid.praise.1",
        ts(0),
        "¡Muchas gracias, sois geniales! Me encanta el pedido.",
    );
    app.post_signed(&praise).await;
    // Replies are written down before they are sent: none written, none sent.
    let conv = app.handled_conversation("whatsapp", WA_NUMBER, "34600333444", "wamid.praise.1", WAIT).await;
    assert!(bot_answers(&conv, "wamid.praise.1").is_empty(), "{conv}");

    // A complaint is acknowledged once; the question that follows in the
    // same closed period waits for a person without a second billed reply.
    let wa = "34600555666";
    app.post_signed(&whatsapp_text(
        WA_NUMBER,
        wa,
        "Jorge",
        "wamid.one.1",
        ts(0),
        "Mi paquete llegó roto, es una vergüenza.",
    ))
    .await;
    let conv = app.handled_conversation("whatsapp", WA_NUMBER, wa, "wamid.one.1", WAIT).await;
    assert_eq!(bot_answers(&conv, "wamid.one.1").len(), 1, "{conv}");
    app.graph.wait_for_sends(1, WAIT).await;
    assert_eq!(sends_to(&app, wa).len(), 1);
    app.post_signed(&whatsapp_text(WA_NUMBER, wa, "Jorge", "wamid.one.2", ts(60), "¿Qué métodos de pago aceptáis?"))
        .await;
    let conv = app.handled_conversation("whatsapp", WA_NUMBER, wa, "wamid.one.2", WAIT).await;
    assert!(bot_answers(&conv, "wamid.one.2").is_empty(), "one reply per closed period: {conv}");
    assert_eq!(sends_to(&app, wa).len(), 1);
    assert!(sends_to(&app, "34600333444").is_empty(), "no thanks was sent");
    let customer_lines = conv["transcript"].as_array().unwrap().iter().filter(|e| e["author"] == "customer").count();
    assert_eq!(customer_lines, 2, "both messages are kept for the person");
    let case = app.wait_for_case(wa, WAIT).await;
    assert_eq!(case["status"], "waiting");
}

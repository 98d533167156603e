//! What the bot does not answer, and when it goes quiet: echoes, standby,
//! stickers, WhatsApp statuses; and what the platform tells of the customer.

use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);

fn transcript(conv: &Value) -> Vec<Value> {
    conv["transcript"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_person_answering_from_another_inbox_makes_the_bot_go_quiet() {
    let app = spawn_app().await;
    let psid = "psid-human";
    assert_eq!(
        app.post_signed(&messenger_text(NL_PAGE, psid, "m_h1", ts(0), "Hallo, waar is mijn pakket?")).await.status(),
        200
    );
    app.graph.wait_for_sends(1, WAIT).await;
    // Our own reply's echo (our app id) changes nothing.
    let our_echo = json!({"sender": {"id": NL_PAGE}, "recipient": {"id": psid}, "timestamp": ts(2),
        "message": {"mid": "m_echo_ours", "is_echo": true, "app_id": 1234567890, "text": "…"}});
    // A person in Meta Business Suite (another app id) answers.
    let human_echo = json!({"sender": {"id": NL_PAGE}, "recipient": {"id": psid}, "timestamp": ts(60),
        "message": {"mid": "m_echo_human", "is_echo": true, "app_id": 263902037430900_i64, "text": "Hoi! Ik kijk het even na."}});
    assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![our_echo, human_echo])])).await.status(), 200);
    wait_until("the takeover is recorded", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| c["human_owns"] == true)
    })
    .await;
    // The customer writes again: a person has it, the bot says nothing.
    assert_eq!(
        app.post_signed(&messenger_text(NL_PAGE, psid, "m_h2", ts(120), "Dank je, en kan ik ook ruilen?"))
            .await
            .status(),
        200
    );
    wait_until("the message is handled", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| c["handled"].as_array().unwrap().len() == 2)
    })
    .await;
    assert_eq!(app.graph.sends().len(), 1, "no reply while a person handles the conversation");
}

#[tokio::test]
async fn standby_events_mean_someone_else_controls_the_thread() {
    let app = spawn_app().await;
    let standby = json!({"object": "page", "entry": [{"id": NL_PAGE, "time": ts(0), "standby": [
        {"sender": {"id": "psid-sb"}, "recipient": {"id": NL_PAGE}, "timestamp": ts(0),
         "message": {"mid": "m_sb1", "text": "Hallo, is er iemand?"}}
    ]}]});
    assert_eq!(app.post_signed(&standby).await.status(), 200);
    wait_until("standby recorded", WAIT, || {
        app.conversation("messenger", NL_PAGE, "psid-sb").is_some_and(|c| c["human_owns"] == true)
    })
    .await;
    assert_eq!(
        app.post_signed(&messenger_text(NL_PAGE, "psid-sb", "m_sb2", ts(5), "Mijn pakket is kapot")).await.status(),
        200
    );
    wait_until("handled", WAIT, || app.events_in_log() == 0).await;
    assert!(app.graph.sends().is_empty());
}

#[tokio::test]
async fn a_sticker_after_a_reply_is_not_answered_and_a_photo_without_text_is_acknowledged() {
    let app = spawn_app().await;
    assert_eq!(
        app.post_signed(&messenger_text(NL_PAGE, "psid-st", "m_st0", ts(0), "Hoe laat gaan jullie open?"))
            .await
            .status(),
        200
    );
    app.graph.wait_for_sends(1, WAIT).await;
    // A thumbs-up sticker to that reply, and a photo from someone else.
    let sticker = json!({"sender": {"id": "psid-st"}, "recipient": {"id": NL_PAGE}, "timestamp": ts(30),
        "message": {"mid": "m_st", "attachments": [{"type": "sticker", "payload": {"url": "https://example.invalid/s.png", "sticker_id": 369239263222822_i64}}]}});
    let photo = json!({"sender": {"id": "psid-ph"}, "recipient": {"id": NL_PAGE}, "timestamp": ts(31),
        "message": {"mid": "m_ph", "attachments": [{"type": "image", "payload": {"url": "https://example.invalid/p.jpg"}}]}});
    assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![sticker, photo])])).await.status(), 200);
    let sends = app.graph.wait_for_sends(2, WAIT).await;
    wait_until("both handled", WAIT, || app.events_in_log() == 0).await;
    app.handled_conversation("messenger", NL_PAGE, "psid-st", "m_st", WAIT).await;
    assert_eq!(app.graph.sends().len(), 2, "the sticker after a reply is not answered");
    assert_eq!(sends[1].body.as_ref().unwrap()["recipient"]["id"], "psid-ph");
    let sticker_conv = app.conversation("messenger", NL_PAGE, "psid-st").unwrap();
    assert!(transcript(&sticker_conv).iter().any(|e| e["attachments"] == json!(["sticker"])));
    assert_ne!(sticker_conv["priority"], "complaint");
}

#[tokio::test]
async fn a_sticker_or_a_message_the_api_cannot_show_opening_a_conversation_is_acknowledged() {
    let app = spawn_app().await;
    let sticker = json!({"sender": {"id": "psid-first"}, "recipient": {"id": NL_PAGE}, "timestamp": ts(0),
        "message": {"mid": "m_first", "attachments": [{"type": "sticker", "payload": {"url": "https://example.invalid/s.png", "sticker_id": 369239263222822_i64}}]}});
    let unsupported = json!({"object": "instagram", "entry": [{"id": IG_ACCOUNT, "time": ts(1), "messaging": [
        {"sender": {"id": "igsid-gif"}, "recipient": {"id": IG_ACCOUNT}, "timestamp": ts(1),
         "message": {"mid": "aWdf_gif", "is_unsupported": true}}]}]});
    assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![sticker])])).await.status(), 200);
    assert_eq!(app.post_signed(&unsupported).await.status(), 200);
    let sends = app.graph.wait_for_sends(2, WAIT).await;
    let mut to: Vec<&str> =
        sends.iter().map(|s| s.body.as_ref().unwrap()["recipient"]["id"].as_str().unwrap()).collect();
    to.sort_unstable();
    assert_eq!(to, vec!["igsid-gif", "psid-first"]);
    let conv = app.handled_conversation("instagram", IG_ACCOUNT, "igsid-gif", "aWdf_gif", WAIT).await;
    assert!(transcript(&conv).iter().any(|e| e["author"] == "customer" && e["attachments"] == json!(["unsupported"])));
}

#[tokio::test]
async fn a_whatsapp_order_from_the_catalog_is_answered() {
    let app = spawn_app().await;
    let mut order = whatsapp_text(WA_NUMBER, "34600333444", "Lucía", "wamid.ORDER1", ts(0), "");
    let msg = &mut order["entry"][0]["changes"][0]["value"]["messages"][0];
    msg["type"] = json!("order");
    msg.as_object_mut().unwrap().remove("text");
    msg["order"] = json!({"catalog_id": "3574", "text": "", "product_items": [
        {"product_retailer_id": "rug-180", "quantity": 1, "item_price": 149, "currency": "EUR"}]});
    assert_eq!(app.post_signed(&order).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    let conv = app.handled_conversation("whatsapp", WA_NUMBER, "34600333444", "wamid.ORDER1", WAIT).await;
    assert_eq!(transcript(&conv)[0]["attachments"], json!(["order"]));
}

#[tokio::test]
async fn a_reply_from_the_whatsapp_business_app_makes_the_bot_go_quiet() {
    let app = spawn_app().await;
    let customer = "34600555666";
    let first = whatsapp_text(WA_NUMBER, customer, "Pablo", "wamid.SMB1", ts(0), "Hola, ¿dónde está mi pedido?");
    assert_eq!(app.post_signed(&first).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    // A person answers from the WhatsApp Business app on the same number (coexistence).
    let echo = json!({"object": "whatsapp_business_account", "entry": [{"id": "1022", "changes": [{"field": "smb_message_echoes", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "34600000000", "phone_number_id": WA_NUMBER},
        "message_echoes": [{"from": "34600000000", "to": customer, "id": "wamid.ECHO1",
            "timestamp": (ts(60) / 1000).to_string(), "type": "text", "text": {"body": "Hola Pablo, lo miro ahora mismo."}}]
    }}]}]});
    assert_eq!(app.post_signed(&echo).await.status(), 200);
    wait_until("the takeover is recorded", WAIT, || {
        app.conversation("whatsapp", WA_NUMBER, customer).is_some_and(|c| c["human_owns"] == true)
    })
    .await;
    let next =
        whatsapp_text(WA_NUMBER, customer, "Pablo", "wamid.SMB2", ts(120), "Gracias, ¿y puedo cambiar la talla?");
    assert_eq!(app.post_signed(&next).await.status(), 200);
    let conv = app.handled_conversation("whatsapp", WA_NUMBER, customer, "wamid.SMB2", WAIT).await;
    assert_eq!(app.graph.sends().len(), 1, "no reply while a person answers from the app");
    assert!(transcript(&conv)
        .iter()
        .any(|e| e["text"] == "Hola Pablo, lo miro ahora mismo." && e["author"] == "agent"));
}

#[tokio::test]
async fn a_thread_passed_back_to_the_bot_is_answered_again() {
    let app = spawn_app().await;
    let psid = "psid-back";
    let standby = json!({"object": "page", "entry": [{"id": NL_PAGE, "time": ts(0), "standby": [
        {"sender": {"id": psid}, "recipient": {"id": NL_PAGE}, "timestamp": ts(0),
         "message": {"mid": "m_back1", "text": "Hallo, is er iemand?"}}]}]});
    assert_eq!(app.post_signed(&standby).await.status(), 200);
    wait_until("standby recorded", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| c["human_owns"] == true)
    })
    .await;
    let pass = json!({"sender": {"id": psid}, "recipient": {"id": NL_PAGE}, "timestamp": ts(60),
        "pass_thread_control": {"previous_owner_app_id": 263902037430900_i64, "new_owner_app_id": 1234567890_i64, "metadata": "done"}});
    assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![pass])])).await.status(), 200);
    wait_until("the thread is the bot's again", WAIT, || {
        app.conversation("messenger", NL_PAGE, psid).is_some_and(|c| c["human_owns"] == false)
    })
    .await;
    assert!(app.graph.sends().is_empty(), "passing the thread back sends nothing by itself");
    let next = messenger_text(NL_PAGE, psid, "m_back2", ts(120), "Hoe laat gaan jullie morgen open?");
    assert_eq!(app.post_signed(&next).await.status(), 200);
    let sends = app.graph.wait_for_sends(1, WAIT).await;
    assert_eq!(sends[0].body.as_ref().unwrap()["recipient"]["id"], psid);
}

#[tokio::test]
async fn a_whatsapp_failed_status_marks_our_reply_as_failed() {
    let app = spawn_app().await;
    let msg = whatsapp_text(WA_NUMBER, "34600111222", "Marta", "wamid.IN1", ts(0), "Hola, ¿a qué hora abrís mañana?");
    assert_eq!(app.post_signed(&msg).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    wait_until("reply recorded as sent", WAIT, || {
        app.conversation("whatsapp", WA_NUMBER, "34600111222")
            .is_some_and(|c| transcript(&c).iter().any(|e| e["delivery"]["state"] == "sent"))
    })
    .await;
    let conv = app.conversation("whatsapp", WA_NUMBER, "34600111222").unwrap();
    let sent_id = transcript(&conv).iter().find(|e| e["author"] == "bot").unwrap()["delivery"]["ids"][0].clone();
    let status = json!({"object": "whatsapp_business_account", "entry": [{"id": "1022", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "34600000000", "phone_number_id": WA_NUMBER},
        "statuses": [{"id": sent_id, "status": "failed", "timestamp": (ts(5) / 1000).to_string(), "recipient_id": "34600111222",
            "errors": [{"code": 131026, "title": "Message undeliverable"}]}]
    }}]}]});
    assert_eq!(app.post_signed(&status).await.status(), 200);
    wait_until("the reply is marked failed", WAIT, || {
        app.conversation("whatsapp", WA_NUMBER, "34600111222").is_some_and(|c| {
            transcript(&c).iter().any(|e| e["delivery"]["state"] == "failed" && e["delivery"]["code"] == 131026)
        })
    })
    .await;
}

#[tokio::test]
async fn the_messenger_profile_gives_the_name_and_a_failing_profile_does_not_block_the_reply() {
    let app = spawn_app().await;
    app.graph.set_profile("psid-named", "Sanne");
    let named = messenger_text(NL_PAGE, "psid-named", "m_n1", ts(0), "Hallo, hoe laat gaan jullie morgen open?");
    // No profile for this one: the fake answers Meta's error 100.
    let unnamed = messenger_text(NL_PAGE, "psid-unknown", "m_n2", ts(1), "Hallo, hoe laat gaan jullie morgen open?");
    assert_eq!(app.post_signed(&named).await.status(), 200);
    assert_eq!(app.post_signed(&unnamed).await.status(), 200);
    let sends = app.graph.wait_for_sends(2, WAIT).await;
    let to = |id: &str| {
        sends.iter().find(|s| s.body.as_ref().unwrap()["recipient"]["id"] == id).unwrap().body.as_ref().unwrap()
            ["message"]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(to("psid-named").contains("Sanne"), "{}", to("psid-named"));
    assert!(!to("psid-unknown").is_empty());
    let conv = app.handled_conversation("messenger", NL_PAGE, "psid-named", "m_n1", WAIT).await;
    assert_eq!(conv["customer_name"], "Sanne");
    assert_eq!(conv["tz_known_from"], "page", "the page's market gives the zone when the platform does not");
}

#[tokio::test]
async fn a_messenger_timezone_from_the_profile_is_used_and_stored_with_how_it_was_known() {
    let app = spawn_app().await;
    app.graph.set_profile("psid-tz", "Ola");
    app.graph.set_timezone("psid-tz", -5.0);
    let body = messenger_text(NL_PAGE, "psid-tz", "m_tz", ts(0), "Hello, when do you open tomorrow?");
    assert_eq!(app.post_signed(&body).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    wait_until("stored", WAIT, || app.conversation("messenger", NL_PAGE, "psid-tz").is_some()).await;
    let conv = app.conversation("messenger", NL_PAGE, "psid-tz").unwrap();
    assert_eq!(conv["time_zone"], "Etc/GMT+5");
    assert_eq!(conv["tz_known_from"], "platform");
}

#[tokio::test]
async fn an_empty_message_is_recorded_and_opens_no_case() {
    let app = spawn_app().await;
    for (mid, text) in [("m_empty1", ""), ("m_empty2", "   ")] {
        assert_eq!(app.post_signed(&messenger_text(NL_PAGE, "psid-empty", mid, ts(0), text)).await.status(), 200);
    }
    let conv = app.handled_conversation("messenger", NL_PAGE, "psid-empty", "m_empty2", WAIT).await;
    app.handled_conversation("messenger", NL_PAGE, "psid-empty", "m_empty1", WAIT).await;
    assert!(conv["case"].is_null(), "no case: {conv}");
    assert!(app.graph.sends().is_empty());
    assert!(app.open_cases().await.iter().all(|c| c["customer"]["id"] != "psid-empty"));
}

#[tokio::test]
async fn a_closer_gets_one_short_line_and_leaves_the_second_reply_for_the_next_question() {
    let app = spawn_app().await;
    let psid = "psid-closer";
    let sent_text = |n: usize| -> String {
        let sends: Vec<Value> = app.graph.sends().into_iter().filter_map(|s| s.body).collect();
        sends[n]["message"]["text"].as_str().unwrap_or_default().to_string()
    };
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_cl1", ts(0), "Hallo, waar is mijn pakket?")).await;
    app.graph.wait_for_sends(1, WAIT).await;

    // "ok bedankt": a short "you're welcome", no gushing thanks, no case.
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_cl2", ts(60), "ok bedankt")).await;
    app.graph.wait_for_sends(2, WAIT).await;
    let closer = sent_text(1);
    let first_line = closer.lines().next().unwrap_or_default();
    assert_eq!(first_line, "Graag gedaan!", "{closer}");
    let conv = app.handled_conversation("messenger", NL_PAGE, psid, "m_cl2", WAIT).await;
    assert_eq!(conv["automated_since_human"], 1, "the closer's line does not count: {conv}");
    assert!(app.open_cases().await.iter().all(|c| c["customer"]["id"] != psid), "a closer opens no case");

    // The next real question still gets its answer: the budget was kept for it.
    app.post_signed(&messenger_text(NL_PAGE, psid, "m_cl3", ts(120), "Kan ik ook met iDEAL betalen?")).await;
    app.graph.wait_for_sends(3, WAIT).await;
    let conv = app.handled_conversation("messenger", NL_PAGE, psid, "m_cl3", WAIT).await;
    assert_eq!(conv["automated_since_human"], 2, "{conv}");
    assert!(!sent_text(2).starts_with("Graag gedaan"), "{}", sent_text(2));
}

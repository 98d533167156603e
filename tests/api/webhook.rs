//! `/webhooks/meta` end to end: handshake, signatures, the three channels,
//! duplicates, ordering, Graph API failures and a crash.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);

fn json_of(s: &crate::fake_graph::Recorded) -> &Value {
    s.body.as_ref().expect("a JSON body")
}

fn text_of(send: &Value) -> String {
    send["message"]["text"].as_str().or(send["text"]["body"].as_str()).unwrap_or_default().to_string()
}

#[tokio::test]
async fn the_verification_handshake_echoes_the_challenge_only_for_our_token() {
    let app = spawn_app().await;
    let ok = app
        .http
        .get(
            app.bot
                .url(&format!("/webhooks/meta?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=1158201444")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let wrong = app
        .http
        .get(app.bot.url("/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
}

#[tokio::test]
async fn a_signed_messenger_message_gets_a_labelled_reply_in_dutch() {
    let app = spawn_app().await;
    let body = messenger_text(
        NL_PAGE,
        "psid-nl-1",
        "m_nl_1",
        ts(0),
        "Mijn pakket is beschadigd aangekomen, de doos was kapot",
    );
    let res = app.post_signed(&body).await;
    assert_eq!(res.status(), 200);
    let sends = app.graph.wait_for_sends(1, WAIT).await;
    let s = &sends[0];
    assert_eq!(s.target(), NL_PAGE);
    assert_eq!(s.authorization.as_deref(), Some(format!("Bearer {PAGE_TOKEN}").as_str()));
    assert_eq!(json_of(s)["recipient"]["id"], "psid-nl-1");
    assert_eq!(json_of(s)["messaging_type"], "RESPONSE");
    let text = text_of(json_of(s));
    assert!(text.contains("Automatisch bericht"), "not labelled in Dutch: {text}");
    assert!(!text.to_lowercase().contains("bedankt"), "a complainant must not be thanked: {text}");
    let conv = app.handled_conversation("messenger", NL_PAGE, "psid-nl-1", "m_nl_1", WAIT).await;
    assert_eq!(conv["language"]["lang"], "nl");
    assert_eq!(conv["transcript"][0]["reading"]["kind"], "complaint");
}

#[tokio::test]
async fn a_signed_instagram_message_gets_a_reply_in_norwegian() {
    let app = spawn_app().await;
    let body = instagram_text(
        IG_ACCOUNT,
        "igsid-nb-1",
        "ig_mid_1",
        ts(0),
        "Hei! Når åpner dere igjen? Jeg lurer på åpningstidene deres",
    );
    assert_eq!(app.post_signed(&body).await.status(), 200);
    let sends = app.graph.wait_for_sends(1, WAIT).await;
    assert_eq!(sends[0].target(), "me", "sent through the Page linked to the account");
    assert_eq!(json_of(&sends[0])["recipient"]["id"], "igsid-nb-1");
    let text = text_of(json_of(&sends[0]));
    assert!(text.contains("Automatisk svar"), "not labelled in Norwegian: {text}");
    let conv = app.handled_conversation("instagram", IG_ACCOUNT, "igsid-nb-1", "ig_mid_1", WAIT).await;
    assert_eq!(conv["language"]["lang"], "nb");
}

#[tokio::test]
async fn a_signed_whatsapp_message_gets_a_cloud_api_reply_in_spanish_with_the_contact_name() {
    let app = spawn_app().await;
    let body = whatsapp_text(
        WA_NUMBER,
        "34611222333",
        "Lucía Fernández",
        "wamid.ES1",
        ts(0),
        "Hola, ¿dónde está mi pedido? Lo pedí hace una semana",
    );
    assert_eq!(app.post_signed(&body).await.status(), 200);
    let sends = app.graph.wait_for_sends(1, WAIT).await;
    let s = &sends[0];
    assert_eq!(s.target(), WA_NUMBER);
    assert_eq!(s.authorization.as_deref(), Some(format!("Bearer {WA_TOKEN}").as_str()));
    assert_eq!(json_of(s)["messaging_product"], "whatsapp");
    assert_eq!(json_of(s)["to"], "34611222333");
    assert_eq!(json_of(s)["type"], "text");
    let text = text_of(json_of(s));
    assert!(text.contains("Lucía"), "the contact's first name is used: {text}");
    assert!(text.contains("Respuesta automática"), "not labelled in Spanish: {text}");
}

#[tokio::test]
async fn a_wrong_or_missing_signature_gets_401_and_nothing_is_stored_or_sent() {
    let app = spawn_app().await;
    let body =
        serde_json::to_vec(&messenger_text(NL_PAGE, "psid-x", "m_x", ts(0), "Hallo, waar is mijn pakket?")).unwrap();
    let forged = afterhours::channels::meta::sign(b"another-secret", &body);
    assert_eq!(app.post_raw(body.clone(), Some(&forged)).await.status(), 401);
    assert_eq!(app.post_raw(body.clone(), None).await.status(), 401);
    // Signed, then altered by one byte.
    let good = afterhours::channels::meta::sign(SECRET.as_bytes(), &body);
    let mut altered = body.clone();
    *altered.last_mut().unwrap() = b' ';
    assert_eq!(app.post_raw(altered, Some(&good)).await.status(), 401);
    // A valid request afterwards is handled: the refused ones left nothing behind.
    let ok = messenger_text(NL_PAGE, "psid-y", "m_y", ts(0), "Hallo, waar is mijn pakket?");
    assert_eq!(app.post_signed(&ok).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    app.handled_conversation("messenger", NL_PAGE, "psid-y", "m_y", WAIT).await;
    assert_eq!(app.conversation_keys(), [format!("ah:{{c:messenger:{NL_PAGE}:psid-y}}:conv")]);
    assert!(app.graph.sends().iter().all(|s| json_of(s)["recipient"]["id"] == "psid-y"));
}

#[tokio::test]
async fn malformed_json_gets_400_with_a_reason() {
    let app = spawn_app().await;
    let body = b"{\"object\": \"page\", \"entry\": [".to_vec();
    let sig = afterhours::channels::meta::sign(SECRET.as_bytes(), &body);
    let res = app.post_raw(body, Some(&sig)).await;
    assert_eq!(res.status(), 400);
    let reason = res.text().await.unwrap();
    assert!(reason.contains("line 1"), "the reason says where: {reason}");
    assert_eq!(app.events_in_log(), 0);
}

#[tokio::test]
async fn an_unreadable_event_is_kept_aside_and_the_rest_of_the_body_is_answered() {
    let app = spawn_app().await;
    let good = messenger_event("psid-ok", NL_PAGE, "m_ok", ts(0), "Hallo, waar is mijn pakket?");
    // No sender id, and a timestamp of the wrong type: Meta would send these
    // same bytes again and again, so a 4xx would cost the good event too.
    let no_sender =
        json!({"recipient": {"id": NL_PAGE}, "timestamp": ts(1), "message": {"mid": "m_bad1", "text": "x"}});
    let mut bad_type = messenger_event("psid-2", NL_PAGE, "m_bad2", ts(2), "y");
    bad_type["timestamp"] = json!("yesterday");
    let body = messenger(vec![page_entry(NL_PAGE, vec![no_sender, good, bad_type])]);
    assert_eq!(app.post_signed(&body).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    assert!(app.graph.sends().iter().all(|s| json_of(s)["recipient"]["id"] == "psid-ok"));

    // Both unreadable events are in the dead-letter log, with where and what, and their JSON.
    let dead = || -> Vec<HashMap<String, String>> {
        let mut conn = app.redis.conn();
        let r: redis::streams::StreamRangeReply =
            redis::cmd("XRANGE").arg("ah:dead").arg("-").arg("+").query(&mut conn).unwrap();
        r.ids
            .iter()
            .map(|id| {
                id.map.iter().map(|(k, v)| (k.clone(), redis::from_redis_value::<String>(v.clone()).unwrap())).collect()
            })
            .collect()
    };
    wait_until("two dead letters", WAIT, || dead().len() == 2).await;
    let dead = dead();
    let reasons: Vec<&str> = dead.iter().map(|d| d["reason"].as_str()).collect();
    assert!(reasons.contains(&"entry[0].messaging[0].sender: missing"), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.starts_with("entry[0].messaging[2]: invalid type")), "{reasons:?}");
    assert!(dead.iter().any(|d| d.values().any(|v| v.contains("m_bad2"))), "the raw event is kept: {dead:?}");
    wait_until("the log drained", WAIT, || app.events_in_log() == 0).await;
    // The dead-letter log holds customers' words: it expires.
    let ttl: i64 = redis::cmd("TTL").arg("ah:dead").query(&mut app.redis.conn()).unwrap();
    assert!(ttl > 0 && ttl <= 30 * 86400, "ah:dead expires: {ttl}");
    // psid-2 can be named: a person hears of the unreadable message in a case; nobody is answered.
    let case = app.wait_for_case("psid-2", WAIT).await;
    assert_eq!(case["status"], "waiting", "{case}");
    let conv = app.conversation("messenger", NL_PAGE, "psid-2").unwrap();
    assert!(conv["transcript"][0]["text"].as_str().unwrap().contains("could not be read"), "{conv}");
    assert_eq!(app.graph.sends().len(), 1);
}

#[tokio::test]
async fn the_same_event_delivered_twice_gets_one_reply() {
    let app = spawn_app().await;
    let body = messenger_text(
        PL_PAGE,
        "psid-pl-1",
        "m_pl_dup",
        ts(0),
        "Dzień dobry, gdzie jest moja paczka? Czekam już tydzień",
    );
    assert_eq!(app.post_signed(&body).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    assert_eq!(app.post_signed(&body).await.status(), 200);
    // The redelivery is handled (it leaves the log) without a second send.
    wait_until("the redelivery is handled", WAIT, || app.events_in_log() == 0).await;
    let conv = app.conversation("messenger", PL_PAGE, "psid-pl-1").unwrap();
    assert_eq!(conv["transcript"].as_array().unwrap().iter().filter(|e| e["author"] == "customer").count(), 1);
    assert_eq!(app.graph.sends().len(), 1);
}

#[tokio::test]
async fn a_replay_older_than_the_store_remembers_is_not_answered_again() {
    let app = spawn_app().await;
    // Signed, and answered once 40 days ago: its record has expired since (RETENTION_DAYS 30).
    let old = messenger_text(NL_PAGE, "psid-replay", "m_replay", ts(-40 * 24 * 3600), "Hallo, waar is mijn pakket?");
    assert_eq!(app.post_signed(&old).await.status(), 200);
    let fresh = messenger_text(NL_PAGE, "psid-fresh", "m_fresh", ts(0), "Hallo, waar is mijn pakket?");
    assert_eq!(app.post_signed(&fresh).await.status(), 200);
    let sends = app.graph.wait_for_sends(1, WAIT).await;
    wait_until("both handled", WAIT, || app.events_in_log() == 0).await;
    assert_eq!(app.graph.sends().len(), 1, "{sends:?}");
    assert_eq!(json_of(&sends[0])["recipient"]["id"], "psid-fresh");
}

#[tokio::test]
async fn one_request_for_two_customers_answers_each_in_their_language() {
    let app = spawn_app().await;
    let body = messenger(vec![
        page_entry(
            NL_PAGE,
            vec![messenger_event(
                "psid-a",
                NL_PAGE,
                "m_a",
                ts(0),
                "Goedemorgen, wanneer wordt mijn bestelling bezorgd?",
            )],
        ),
        page_entry(
            PL_PAGE,
            vec![messenger_event("psid-b", PL_PAGE, "m_b", ts(1), "Dzień dobry, kiedy dostanę moje zamówienie?")],
        ),
    ]);
    assert_eq!(app.post_signed(&body).await.status(), 200);
    let sends = app.graph.wait_for_sends(2, WAIT).await;
    let by_recipient: HashMap<String, String> = sends
        .iter()
        .map(|s| (json_of(s)["recipient"]["id"].as_str().unwrap().to_string(), text_of(json_of(s))))
        .collect();
    assert!(by_recipient["psid-a"].contains("Automatisch bericht"), "{:?}", by_recipient["psid-a"]);
    assert!(by_recipient["psid-b"].contains("Automatyczna odpowiedź"), "{:?}", by_recipient["psid-b"]);
    assert_eq!(sends.iter().find(|s| json_of(s)["recipient"]["id"] == "psid-a").unwrap().target(), NL_PAGE);
    assert_eq!(sends.iter().find(|s| json_of(s)["recipient"]["id"] == "psid-b").unwrap().target(), PL_PAGE);
}

#[tokio::test]
async fn two_messages_delivered_in_reverse_order_are_handled_in_timestamp_order() {
    let app = spawn_app().await;
    let first =
        messenger_event("psid-o", NL_PAGE, "m_first", ts(0), "Hallo, mijn bestelling is nog steeds niet aangekomen!");
    let second =
        messenger_event("psid-o", NL_PAGE, "m_second", ts(30), "Ik wacht al twee weken, dit is echt belachelijk");
    assert_eq!(app.post_signed(&messenger(vec![page_entry(NL_PAGE, vec![second, first])])).await.status(), 200);
    app.graph.wait_for_sends(1, WAIT).await;
    wait_until("both handled", WAIT, || app.events_in_log() == 0).await;
    let conv = app.conversation("messenger", NL_PAGE, "psid-o").unwrap();
    let transcript = conv["transcript"].as_array().unwrap();
    let customer: Vec<&str> =
        transcript.iter().filter(|e| e["author"] == "customer").map(|e| e["mid"].as_str().unwrap()).collect();
    assert_eq!(customer, ["m_first", "m_second"]);
    // The acknowledgement answers the earlier message: it was handled first.
    let first_reply = transcript.iter().find(|e| e["author"] == "bot").unwrap();
    assert_eq!(first_reply["answers"], "m_first");
    assert_eq!(conv["handled"], json!(["m_first", "m_second"]));
}

#[tokio::test]
async fn the_graph_api_failing_twice_then_accepting_delivers_one_reply() {
    let app = spawn_app().await;
    app.graph.fail_next(2, 500, json!({"error": {"message": "An unknown error occurred", "type": "OAuthException", "code": 1, "is_transient": true}}));
    let body =
        messenger_text(NL_PAGE, "psid-r", "m_r", ts(0), "Hoi, kan ik mijn adres nog wijzigen voor de bezorging?");
    assert_eq!(app.post_signed(&body).await.status(), 200);
    let sends = app.graph.wait_for_sends(3, WAIT).await;
    assert_eq!(sends.iter().map(|s| s.status).collect::<Vec<_>>(), [500, 500, 200]);
    wait_until("the event is finished", WAIT, || app.events_in_log() == 0).await;
    let conv = app.conversation("messenger", NL_PAGE, "psid-r").unwrap();
    let bot: Vec<&Value> = conv["transcript"].as_array().unwrap().iter().filter(|e| e["author"] == "bot").collect();
    assert_eq!(bot.len(), 1);
    assert_eq!(bot[0]["delivery"]["state"], "sent");
    assert_eq!(app.graph.sends().len(), 3);
}

#[tokio::test]
async fn a_permanent_graph_error_is_recorded_and_not_retried() {
    let app = spawn_app().await;
    app.graph.reject_all(400, 190, None);
    let body = messenger_text(NL_PAGE, "psid-p", "m_p", ts(0), "Hallo, wat zijn jullie openingstijden?");
    assert_eq!(app.post_signed(&body).await.status(), 200);
    wait_until("the failure is recorded", WAIT, || {
        app.conversation("messenger", NL_PAGE, "psid-p")
            .is_some_and(|c| c["transcript"].as_array().unwrap().iter().any(|e| e["delivery"]["state"] == "failed"))
    })
    .await;
    let conv = app.conversation("messenger", NL_PAGE, "psid-p").unwrap();
    let failed = conv["transcript"].as_array().unwrap().iter().find(|e| e["delivery"]["state"] == "failed").unwrap();
    assert_eq!(failed["delivery"]["code"], 190);
    assert_eq!(conv["needs_person"], true, "a reply that never reached the customer is for a person");
    wait_until("the event is finished", WAIT, || app.events_in_log() == 0).await;
    assert_eq!(app.graph.sends().len(), 1, "no retry storm on a permanent error");
    assert!(!app.bot.logs().contains(PAGE_TOKEN), "the token never appears in logs");
}

#[tokio::test]
async fn events_accepted_before_a_sigkill_are_answered_exactly_once_after_a_restart() {
    let mut app = spawn_app().await;
    // The Graph API refuses the first bot's token: nothing it sends is
    // delivered, even a request still on its way when it is killed, so
    // every reply must come from the restarted bot (which has a new token).
    app.graph.refuse_token(PAGE_TOKEN);
    let customers: Vec<String> = (0..40).map(|i| format!("psid-k{i}")).collect();
    for (i, c) in customers.iter().enumerate() {
        let body = messenger_text(
            NL_PAGE,
            c,
            &format!("m_k{i}"),
            ts(i as i64),
            "Hallo, waar blijft mijn pakket? Ik wacht al lang",
        );
        assert_eq!(app.post_signed(&body).await.status(), 200);
    }
    wait_until("the bot has started on the events", WAIT, || !app.graph.sends().is_empty()).await;
    app.bot.kill();
    let before = app.graph.sends().len();
    assert!(app.graph.sends().iter().all(|s| s.status != 200));
    let env = vec![("META_PAGE_ACCESS_TOKEN".to_string(), "EAArestartedPAGEtoken0123456789".to_string())];
    app.bot = Bot::launch(&app.redis.url(), &app.graph.url(), BotOptions { env, ..Default::default() });
    wait_until("every customer answered", Duration::from_secs(30), || {
        let delivered: std::collections::HashSet<String> = app
            .graph
            .sends()
            .iter()
            .filter(|s| s.status == 200)
            .map(|s| json_of(s)["recipient"]["id"].as_str().unwrap().to_string())
            .collect();
        delivered.len() == customers.len()
    })
    .await;
    wait_until("the log is empty", WAIT, || app.events_in_log() == 0).await;
    let mut delivered: HashMap<String, usize> = HashMap::new();
    for s in app.graph.sends().iter().filter(|s| s.status == 200) {
        *delivered.entry(json_of(s)["recipient"]["id"].as_str().unwrap().to_string()).or_default() += 1;
    }
    assert!(
        delivered.values().all(|n| *n == 1),
        "each customer exactly once: {delivered:?} ({before} failed tries before the kill)"
    );
}

#[tokio::test]
async fn ids_that_hold_the_separator_are_two_conversations_not_one() {
    let app = spawn_app().await;
    // Page `PX:1` with customer `2`, and page `PX` with customer `1:2`: one key before ids were escaped.
    let first = messenger_text("PX:1", "2", "m_col1", ts(0), "Hallo, waar is mijn pakket?");
    let second = messenger_text("PX", "1:2", "m_col2", ts(1), "Mijn bestelling is kapot aangekomen!");
    assert_eq!(app.post_signed(&first).await.status(), 200);
    assert_eq!(app.post_signed(&second).await.status(), 200);
    let a = app.handled_conversation("messenger", "PX%3A1", "2", "m_col1", WAIT).await;
    let b = app.handled_conversation("messenger", "PX", "1%3A2", "m_col2", WAIT).await;
    let words = |c: &Value| -> Vec<String> {
        c["transcript"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["author"] == "customer")
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(words(&a), vec!["Hallo, waar is mijn pakket?"]);
    assert_eq!(words(&b), vec!["Mijn bestelling is kapot aangekomen!"]);
    assert_eq!((a["key"]["account"].as_str(), b["key"]["customer"].as_str()), (Some("PX:1"), Some("1:2")));
}

#[tokio::test]
async fn records_under_keys_written_before_ids_were_escaped_are_moved_on_start() {
    use afterhours::channels::{Channel, ConversationKey};
    use afterhours::service::conversation::Conversation;
    let redis = crate::redis_server::RedisServer::start();
    let graph = crate::fake_graph::FakeGraph::start().await;
    let key = ConversationKey { channel: Channel::Messenger, account: "PX".into(), customer: "1:2".into() };
    let mut old = Conversation::new(key);
    old.customer_name = Some("Oud".into());
    let digits = Conversation::new(ConversationKey {
        channel: Channel::Messenger,
        account: NL_PAGE.into(),
        customer: "2490000000000028".into(),
    });
    {
        let mut conn = redis.conn();
        let _: () = redis::cmd("SET")
            .arg("ah:{c:messenger:PX:1:2}:conv")
            .arg(serde_json::to_string(&old).unwrap())
            .arg("EX")
            .arg(3600)
            .query(&mut conn)
            .unwrap();
        let digits_key = format!("ah:{{c:messenger:{NL_PAGE}:2490000000000028}}:conv");
        let _: () =
            redis::cmd("SET").arg(&digits_key).arg(serde_json::to_string(&digits).unwrap()).query(&mut conn).unwrap();
    }
    let bot = Bot::start(&redis.url(), &graph.url(), "test-bot");
    let app = TestApp { redis, graph, bot, http: reqwest::Client::new() };
    let mut conn = app.redis.conn();
    let moved = app.conversation("messenger", "PX", "1%3A2").expect("the record is at its escaped key");
    assert_eq!(moved["customer_name"], "Oud");
    let old_left: bool = redis::cmd("EXISTS").arg("ah:{c:messenger:PX:1:2}:conv").query(&mut conn).unwrap();
    assert!(!old_left, "the old key is gone");
    let ttl: i64 = redis::cmd("TTL").arg("ah:{c:messenger:PX:1%3A2}:conv").query(&mut conn).unwrap();
    assert!((3000..=3600).contains(&ttl), "the expiry is kept: {ttl}");
    assert!(app.conversation("messenger", NL_PAGE, "2490000000000028").is_some(), "Meta's digit ids keep their key");
}

#[tokio::test]
async fn the_operator_lists_replays_and_purges_dead_letters() {
    use afterhours::channels::{Channel, ConversationKey, Event};
    let redis = crate::redis_server::RedisServer::start();
    let key = ConversationKey { channel: Channel::Messenger, account: NL_PAGE.into(), customer: "psid-dl".into() };
    // Set aside by an older release whose parser could not read it; this one can.
    let fixed = Event::Unreadable {
        channel: Channel::Messenger,
        key: Some(key.clone()),
        reason: "entry[0].messaging[0]: an older parser's complaint".into(),
        raw: messenger_event("psid-dl", NL_PAGE, "m_dl1", ts(0), "Hallo, waar is mijn pakket?").to_string(),
    };
    let still_bad = Event::Unreadable {
        channel: Channel::Messenger,
        key: Some(key),
        reason: "entry[0].messaging[0].sender: missing".into(),
        raw: json!({"recipient": {"id": NL_PAGE}, "timestamp": ts(1), "message": {"mid": "m_dl2", "text": "x"}})
            .to_string(),
    };
    {
        let mut conn = redis.conn();
        for (i, e) in [fixed, still_bad].iter().enumerate() {
            let _: String = redis::cmd("XADD")
                .arg("ah:dead")
                .arg("*")
                .arg("entry")
                .arg(format!("1-{i}"))
                .arg("reason")
                .arg("unreadable")
                .arg("e")
                .arg(serde_json::to_string(e).unwrap())
                .query(&mut conn)
                .unwrap();
        }
    }
    let dead = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_afterhours"))
            .arg("dead")
            .args(args)
            .env_clear()
            .env("REDIS_URL", redis.url())
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, listed) = dead(&["list", "--full"]);
    assert_eq!(code, Some(0), "{listed}");
    assert!(listed.starts_with("2 dead letter(s)"), "{listed}");
    assert!(listed.contains("m_dl1") && listed.contains("m_dl2"), "{listed}");
    let (code, replayed) = dead(&["replay", "--all"]);
    assert_eq!(code, Some(1), "one is still unreadable: {replayed}");
    assert!(replayed.contains("1 replayed, 1 kept"), "{replayed}");
    let events: usize = redis::cmd("XLEN").arg("ah:events").query(&mut redis.conn()).unwrap();
    assert_eq!(events, 1, "the readable one is back in the event log");
    let (code, purged) = dead(&["purge", "--all"]);
    assert_eq!((code, purged.trim()), (Some(0), "1 purged"));
    assert_eq!(dead(&["list"]).1.trim(), "0 dead letter(s)");
}

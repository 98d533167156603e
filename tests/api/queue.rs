//! The care queue from its indexes, through the real server and Redis:
//! pages with a cursor while the queue changes, filters and search, the
//! overdue watcher reading only what came due, /metrics from kept counts,
//! and the indexes built on start for cases opened before them.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(20);
const COMPLAINT_NL: &str = "Mijn pakket is kapot aangekomen, dit is echt belachelijk";
const COMPLAINT_PL: &str = "Paczka przyszła uszkodzona, to skandaliczne";
const COMPLAINT_ES: &str = "Mi pedido llegó roto, es una vergüenza";
const ADDRESS_NL: &str = "Ik wil mijn adres wijzigen, het pakket komt vandaag";

/// Waits until the old listing (every open case) holds `n` cases.
async fn wait_for_open(app: &TestApp, n: usize) -> Vec<Value> {
    let deadline = Instant::now() + WAIT;
    loop {
        let cases = app.open_cases().await;
        if cases.len() >= n {
            return cases;
        }
        assert!(Instant::now() < deadline, "{n} open cases expected, {} listed:\n{}", cases.len(), app.bot.logs());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn page(app: &TestApp, query: &str) -> Value {
    let (status, body) = app.api_get(&format!("/api/cases?{query}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

fn ids(body: &Value) -> Vec<String> {
    body["cases"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

async fn complaint(app: &TestApp, page_id: &str, psid: &str, text: &str) {
    let mid = format!("m_{psid}");
    assert_eq!(app.post_signed(&messenger_text(page_id, psid, &mid, ts(0), text)).await.status(), 200);
}

#[tokio::test]
async fn pages_with_a_cursor_list_every_case_once_while_the_queue_changes() {
    let app = spawn_app().await;
    for i in 0..5 {
        complaint(&app, NL_PAGE, &format!("pg-nl-{i}"), COMPLAINT_NL).await;
    }
    for i in 0..4 {
        complaint(&app, PL_PAGE, &format!("pg-pl-{i}"), COMPLAINT_PL).await;
    }
    let before: HashSet<String> =
        wait_for_open(&app, 9).await.iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();

    let first = page(&app, "limit=4").await;
    assert_eq!(first["cases"].as_array().unwrap().len(), 4);
    assert_eq!(first["total"], 9, "{first}");
    let mut seen = ids(&first);
    // Meanwhile: a case of the first page is resolved, another claimed, and
    // two customers write in.
    let (status, _) = app.api_post(&format!("/api/cases/{}/resolve", seen[0]), Some(BOB), json!({})).await;
    assert_eq!(status, 200);
    let (status, _) = app.api_post(&format!("/api/cases/{}/claim", seen[1]), Some(BOB), json!({})).await;
    assert_eq!(status, 200);
    complaint(&app, NL_PAGE, "pg-nl-late-1", COMPLAINT_NL).await;
    complaint(&app, PL_PAGE, "pg-pl-late-1", COMPLAINT_PL).await;
    wait_for_open(&app, 10).await;

    let mut cursor = first["next_cursor"].as_str().expect("a cursor after a full first page").to_string();
    let mut pages = 1;
    loop {
        let next = page(&app, &format!("limit=4&cursor={cursor}")).await;
        seen.extend(ids(&next));
        pages += 1;
        match next["next_cursor"].as_str() {
            Some(c) => cursor = c.to_string(),
            None => break,
        }
        assert!(pages < 10, "the pages never end: {next}");
    }
    let unique: HashSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "a case listed twice: {seen:?}");
    assert!(before.is_subset(&unique), "every case open throughout is listed: {before:?} vs {seen:?}");

    // The old call answers every open case, as before, in one list.
    let all = page(&app, "status=open").await;
    assert_eq!(all["cases"].as_array().unwrap().len(), 10);
    assert!(all["next_cursor"].is_null());
    // A cursor this API never gave is refused with the reason.
    let (status, body) = app.api_get("/api/cases?cursor=zz-top", Some(ANNA)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["reason"].as_str().unwrap().contains("cursor"), "{body}");
}

#[tokio::test]
async fn filters_and_search_find_cases_by_language_channel_kind_name_words_and_id() {
    let app = spawn_app().await;
    complaint(&app, NL_PAGE, "fs-nl", COMPLAINT_NL).await;
    complaint(&app, NL_PAGE, "fs-address", ADDRESS_NL).await;
    complaint(&app, PL_PAGE, "fs-pl", COMPLAINT_PL).await;
    let wa = whatsapp_text(WA_NUMBER, "34600111222", "Zoë Martínez", "wamid.fs1", ts(0), COMPLAINT_ES);
    assert_eq!(app.post_signed(&wa).await.status(), 200);
    let all = wait_for_open(&app, 4).await;
    let id_of = |customer: &str| {
        all.iter().find(|c| c["customer"]["id"] == customer).unwrap()["id"].as_str().unwrap().to_string()
    };

    let pl = page(&app, "lang=pl").await;
    assert_eq!(ids(&pl), vec![id_of("fs-pl")]);
    assert_eq!(pl["total"], 1, "a single filter counts from its kept set: {pl}");
    assert_eq!(ids(&page(&app, "channel=whatsapp").await), vec![id_of("34600111222")]);
    let complaints = page(&app, "kind=complaint").await;
    assert_eq!(complaints["total"], 3, "{complaints}");
    assert_eq!(ids(&page(&app, "kind=urgent&lang=nl").await), vec![id_of("fs-address")]);
    assert!(ids(&page(&app, "kind=urgent&lang=pl").await).is_empty());

    // Search: the name (WhatsApp's profile gives the first name) with or
    // without its accents, in any case; words of the text; the id.
    assert_eq!(ids(&page(&app, "q=zoe").await), vec![id_of("34600111222")]);
    assert_eq!(ids(&page(&app, "q=ZO%C3%8B").await), vec![id_of("34600111222")]);
    assert_eq!(ids(&page(&app, "q=verguenza").await), vec![id_of("34600111222")]);
    assert_eq!(ids(&page(&app, "q=adres%20wijzigen").await), vec![id_of("fs-address")]);
    let by_id = id_of("fs-pl");
    assert!(ids(&page(&app, &format!("q=%23{by_id}")).await).contains(&by_id));
    assert!(ids(&page(&app, "q=nothing-like-this").await).is_empty());
    assert!(ids(&page(&app, "q=zoe&channel=messenger").await).is_empty());

    for (query, word) in
        [("channel=fax", "channel"), ("kind=rude", "kind"), ("window=open", "window"), ("limit=0", "limit")]
    {
        let (status, body) = app.api_get(&format!("/api/cases?{query}"), Some(ANNA)).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body["reason"].as_str().unwrap().contains(word), "{query}: {body}");
    }
    // Resolved cases are searched too.
    let (status, _) =
        app.api_post(&format!("/api/cases/{}/resolve", id_of("34600111222")), Some(ANNA), json!({})).await;
    assert_eq!(status, 200);
    assert!(ids(&page(&app, "q=zoe").await).is_empty(), "a resolved case leaves the open queue");
    assert_eq!(ids(&page(&app, "status=resolved&q=zoe").await), vec![id_of("34600111222")]);
    assert_eq!(page(&app, "limit=50").await["total"], 3);
}

#[tokio::test]
async fn a_window_about_to_close_is_found_by_the_window_filter() {
    let app = spawn_app().await;
    // WhatsApp's window closes 24 h after the customer's message: written
    // 23 h before the bot's clock, it closes within 2 h.
    let old = ts(-23 * 3600);
    let wa = whatsapp_text(WA_NUMBER, "34600333444", "Luis", "wamid.win1", old, COMPLAINT_ES);
    assert_eq!(app.post_signed(&wa).await.status(), 200);
    complaint(&app, NL_PAGE, "win-nl", COMPLAINT_NL).await;
    let all = wait_for_open(&app, 2).await;
    let wa_case = all.iter().find(|c| c["customer"]["id"] == "34600333444").unwrap();
    let closing = page(&app, "window=closing").await;
    assert_eq!(ids(&closing), vec![wa_case["id"].as_str().unwrap().to_string()], "{closing}");
    assert_eq!(closing["total"], 1);
}

#[tokio::test]
async fn the_watcher_raises_due_cases_from_the_index_and_the_overdue_filter_and_metrics_count_them() {
    // Monday 30 November, 08:29:57 in Amsterdam: benelux opens at 08:30.
    let at = "2026-11-30T07:29:57Z";
    let (app, alerts) = crate::cases::app_with_alerts(at).await;
    app.post_signed(&messenger_text(NL_PAGE, "od-1", "m_od1", ms(at), COMPLAINT_NL)).await;
    let id = app.wait_for_case("od-1", WAIT).await["id"].as_str().unwrap().to_string();
    assert!(ids(&page(&app, "overdue=1").await).is_empty(), "not due yet");
    // The old index of open cases goes: the watcher must find the case
    // through the due-time index alone.
    let mut conn = app.redis.conn();
    let _: () = redis::cmd("DEL").arg("ah:cases:open").query(&mut conn).unwrap();

    wait_until("the overdue alert is POSTed", WAIT, || !alerts.lock().unwrap().is_empty()).await;
    assert_eq!(alerts.lock().unwrap()[0]["case"], id.as_str());
    let overdue = page(&app, "overdue=1").await;
    assert_eq!(ids(&overdue), vec![id.clone()]);
    assert_eq!(overdue["total"], 1);
    assert_eq!(overdue["cases"][0]["overdue"], true);
    // The alert is raised once: the case left the watcher's set.
    let alert_set: usize = redis::cmd("ZCARD").arg("ah:{q:benelux}:alert").query(&mut conn).unwrap();
    assert_eq!(alert_set, 0);
    let deadline = Instant::now() + WAIT;
    loop {
        let text = app.http.get(app.bot.url("/metrics")).send().await.unwrap().text().await.unwrap();
        let line = |name: &str| text.lines().find(|l| l.starts_with(name)).map(str::to_string);
        if line("afterhours_overdue_cases{team=\"benelux\"} 1").is_some() {
            assert!(line("afterhours_queue_depth{team=\"benelux\"} 1").is_some(), "{text}");
            break;
        }
        assert!(Instant::now() < deadline, "no overdue gauge of 1:\n{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(alerts.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn open_cases_of_a_store_without_the_indexes_are_indexed_on_start() {
    let mut app = spawn_app().await;
    complaint(&app, NL_PAGE, "mig-1", COMPLAINT_NL).await;
    complaint(&app, PL_PAGE, "mig-2", COMPLAINT_PL).await;
    let open: HashSet<String> =
        wait_for_open(&app, 2).await.iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    app.bot.kill();
    // A store as a version before the indexes left it: none of their keys.
    let mut conn = app.redis.conn();
    let mut keys: Vec<String> = redis::cmd("KEYS").arg("ah:{q:*").query(&mut conn).unwrap();
    keys.extend(["ah:cases:team".to_string(), "ah:queue:teams".to_string()]);
    let _: () = redis::cmd("DEL").arg(&keys).query(&mut conn).unwrap();
    let left: usize = redis::cmd("EXISTS").arg("ah:{q:benelux}:all").query(&mut conn).unwrap();
    assert_eq!(left, 0);

    app.bot = Bot::start(&app.redis.url(), &app.graph.url(), "test-bot");
    let listed = page(&app, "limit=10").await;
    assert_eq!(listed["total"], 2, "{listed}");
    assert_eq!(ids(&listed).into_iter().collect::<HashSet<_>>(), open);
    assert!(app.bot.logs().contains("open cases added to the queue's indexes"), "{}", app.bot.logs());
}

/// One Server-Sent Event: its id, type and data (comments are kept apart).
#[derive(Debug, Clone, Default)]
struct Sse {
    id: Option<String>,
    event: Option<String>,
    data: String,
    comment: Option<String>,
}

/// Reads an event stream.
struct SseReader {
    response: reqwest::Response,
    buffer: String,
}

impl SseReader {
    async fn open(app: &TestApp, path: &str, last_event_id: Option<&str>) -> SseReader {
        let mut req = app.http.get(app.bot.url(path));
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id);
        }
        let response = req.send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
        let mut reader = SseReader { response, buffer: String::new() };
        let ready = reader.next(WAIT).await;
        assert_eq!(ready.comment.as_deref(), Some("ready"), "{ready:?}");
        reader
    }

    /// The next event or comment, within `within`.
    async fn next(&mut self, within: Duration) -> Sse {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut ev = Sse::default();
                for line in block.lines() {
                    if let Some(c) = line.strip_prefix(": ") {
                        ev.comment = Some(c.to_string());
                    } else if let Some((k, v)) = line.split_once(": ") {
                        match k {
                            "id" => ev.id = Some(v.to_string()),
                            "event" => ev.event = Some(v.to_string()),
                            "data" => ev.data.push_str(v),
                            _ => {}
                        }
                    }
                }
                return ev;
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .expect("no event in time")
                .unwrap()
                .expect("the stream ended");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next `event: case`.
    async fn next_case(&mut self, within: Duration) -> (String, Value) {
        loop {
            let ev = self.next(within).await;
            if ev.event.as_deref() == Some("case") {
                return (ev.id.unwrap(), serde_json::from_str(&ev.data).unwrap());
            }
        }
    }
}

fn order(id: &str) -> (u64, u64) {
    let (a, b) = id.split_once('-').unwrap();
    (a.parse().unwrap(), b.parse().unwrap())
}

#[tokio::test]
async fn the_stream_pushes_new_cases_and_resumes_after_a_reconnect_without_loss_or_duplicates() {
    let app = spawn_app().await;
    let (status, t) = app.api_post("/api/stream/ticket", Some(ANNA), json!({})).await;
    assert_eq!(status, 200, "{t}");
    let ticket = t["ticket"].as_str().unwrap().to_string();
    let mut first = SseReader::open(&app, &format!("/api/stream?team=benelux&ticket={ticket}"), None).await;

    complaint(&app, NL_PAGE, "sse-1", COMPLAINT_NL).await;
    let (mut last, case) = loop {
        let (id, case) = first.next_case(WAIT).await;
        if case["customer"]["id"] == "sse-1" {
            break (id, case);
        }
    };
    // The same shape as an element of GET /api/cases.
    let listed = app.wait_for_case("sse-1", WAIT).await;
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&case), keys(&listed));
    // Whatever else came for it before the agent went away.
    app.handled_conversation("messenger", NL_PAGE, "sse-1", "m_sse-1", WAIT).await;
    while let Ok(ev) = tokio::time::timeout(Duration::from_millis(500), first.next_case(WAIT)).await {
        last = ev.0;
    }
    drop(first);

    // While the agent is away: two new cases and a claim.
    complaint(&app, NL_PAGE, "sse-2", COMPLAINT_NL).await;
    complaint(&app, NL_PAGE, "sse-3", COMPLAINT_NL).await;
    let id1 = case["id"].as_str().unwrap();
    let (status, _) = app.api_post(&format!("/api/cases/{id1}/claim"), Some(BOB), json!({})).await;
    assert_eq!(status, 200);
    app.handled_conversation("messenger", NL_PAGE, "sse-2", "m_sse-2", WAIT).await;
    app.handled_conversation("messenger", NL_PAGE, "sse-3", "m_sse-3", WAIT).await;
    let mut conn = app.redis.conn();
    let mut changes_since_last = || -> Vec<String> {
        let entries: Vec<redis::Value> = redis::cmd("XRANGE")
            .arg("ah:{q:benelux}:changes")
            .arg(format!("({last}"))
            .arg("+")
            .query(&mut conn)
            .unwrap();
        entries
            .into_iter()
            .map(|e| match e {
                redis::Value::Array(parts) => redis::from_redis_value(parts[0].clone()).unwrap(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    // Two openings and a claim: wait for all three on the stream (a loaded
    // machine may still be writing the last one).
    let deadline = std::time::Instant::now() + WAIT;
    let missed = loop {
        let missed = changes_since_last();
        if missed.len() >= 3 {
            break missed;
        }
        assert!(std::time::Instant::now() < deadline, "three changes at least: {missed:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };

    // Back, with the token in the URL this time, from the last change seen.
    let mut again = SseReader::open(&app, &format!("/api/stream?team=benelux&token={ANNA}"), Some(&last)).await;
    let mut got = Vec::new();
    let mut customers = HashSet::new();
    let mut claimed = false;
    for _ in 0..missed.len() {
        let (id, case) = again.next_case(WAIT).await;
        assert!(order(&id) > order(&last), "{id} was sent before {last}");
        customers.insert(case["customer"]["id"].as_str().unwrap().to_string());
        claimed |= case["id"] == id1 && case["claimed_by"] == "bob";
        got.push(id);
    }
    assert_eq!(got, missed, "every change missed, once, in order");
    assert!(customers.contains("sse-2") && customers.contains("sse-3"), "{customers:?}");
    assert!(claimed, "the claim came through");

    // Live again: a new case arrives on the resumed stream.
    complaint(&app, NL_PAGE, "sse-4", COMPLAINT_NL).await;
    loop {
        let (id, case) = again.next_case(WAIT).await;
        assert!(!got.contains(&id), "{id} twice");
        if case["customer"]["id"] == "sse-4" {
            break;
        }
    }

    let (status, _) = app.api_get("/api/stream?team=benelux&ticket=anna.1.00", None).await;
    assert_eq!(status, 401);
    let (status, body) = app.api_get("/api/stream", Some(ANNA)).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app.api_get("/api/stream?team=benelux", None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn two_cases_of_one_person_are_linked_both_ways_and_the_history_shows_both_channels() {
    let app = spawn_app().await;
    complaint(&app, NL_PAGE, "lk-messenger", COMPLAINT_NL).await;
    let wa = whatsapp_text(WA_NUMBER, "31600111222", "Anna de Vries", "wamid.lk1", ts(5), ADDRESS_NL);
    assert_eq!(app.post_signed(&wa).await.status(), 200);
    let all = wait_for_open(&app, 2).await;
    let id_of = |customer: &str| {
        all.iter().find(|c| c["customer"]["id"] == customer).unwrap()["id"].as_str().unwrap().to_string()
    };
    let (m, w) = (id_of("lk-messenger"), id_of("31600111222"));

    let (status, linked) = app.api_post(&format!("/api/cases/{m}/link"), Some(ANNA), json!({"other": w})).await;
    assert_eq!(status, 200, "{linked}");
    assert_eq!(linked["linked"], json!([{"id": w, "channel": "whatsapp", "name": "Anna", "status": "waiting"}]));
    let channels: HashSet<&str> = linked["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from"] == "customer")
        .map(|e| e["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, HashSet::from(["messenger", "whatsapp"]), "{linked}");
    let texts: Vec<&str> =
        linked["transcript"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&COMPLAINT_NL) && texts.contains(&ADDRESS_NL), "{texts:?}");
    // People's words beside the raw fields.
    assert_eq!(linked["reply_mode"], "response");
    assert_eq!(linked["reply_mode_label"], "Standard reply, 24 hours");
    assert_eq!(linked["window_label"], "Human agent tag, 7 days");
    assert_eq!(linked["utc_offset_label"], "UTC+1");
    assert_eq!(linked["time_zone_label"], "Amsterdam (UTC+1)");
    assert_eq!(linked["channel_label"], "Messenger");
    // Symmetric: the other case shows this one.
    let (_, other) = app.api_get(&format!("/api/cases/{w}"), Some(BOB)).await;
    assert_eq!(other["linked"][0]["id"], m.as_str());
    assert_eq!(other["linked"][0]["channel"], "messenger");
    assert_eq!(other["window_label"], "24 hours, then templates only");
    assert_eq!(other["channel_label"], "WhatsApp");
    assert!(other["actions"].as_array().unwrap().iter().any(|a| a["action"] == "linked" && a["by"] == "anna"));

    // Placeholders in the customer's language and on their clock: Saturday
    // 02:00 in Amsterdam, benelux is back at 10:00.
    assert_eq!(other["placeholders"], json!({"first_name": "Anna", "return_time": "vandaag om 10:00"}));
    let (status, replies) = app.api_get(&format!("/api/replies?case={w}"), Some(ANNA)).await;
    assert_eq!(status, 200, "{replies}");
    let back = replies.as_array().unwrap().iter().find(|r| r["id"] == "back-later").unwrap();
    assert_eq!(
        back["body"],
        "Hoi Anna, bedankt voor je geduld. Een collega pakt dit vandaag om 10:00 verder op en laat dan hier van zich horen."
    );
    let (status, pl) = app.api_get("/api/replies?lang=pl", Some(ANNA)).await;
    assert_eq!(status, 200);
    let pl = pl.as_array().unwrap();
    assert!(pl.len() >= 6, "{pl:?}");
    assert!(pl.iter().all(|r| r["title"].is_string() && r["id"].is_string() && r["language"] == "pl"));
    assert!(pl[0]["body"].as_str().unwrap().contains("{first_name}"), "unfilled without a case");
    let (status, body) = app.api_get("/api/replies?lang=xx", Some(ANNA)).await;
    assert_eq!(status, 400, "{body}");

    let (status, unlinked) = app.api_post(&format!("/api/cases/{w}/unlink"), Some(BOB), json!({"other": m})).await;
    assert_eq!(status, 200, "{unlinked}");
    assert_eq!(unlinked["linked"], json!([]));
    let (_, again) = app.api_get(&format!("/api/cases/{m}"), Some(ANNA)).await;
    assert_eq!(again["linked"], json!([]));
    assert!(again["transcript"].as_array().unwrap().iter().all(|e| e["channel"] == "messenger"));

    let (status, _) = app.api_post(&format!("/api/cases/{m}/link"), Some(ANNA), json!({"other": m})).await;
    assert_eq!(status, 400);
    let (status, _) = app.api_post(&format!("/api/cases/{m}/link"), Some(ANNA), json!({"other": "99999"})).await;
    assert_eq!(status, 404);
    let (status, _) = app.api_post(&format!("/api/cases/{m}/link"), Some(ANNA), json!({})).await;
    assert_eq!(status, 400);
}

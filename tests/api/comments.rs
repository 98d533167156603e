//! Public comments through `serve`: Facebook `feed` and Instagram `comments` webhooks (shaped
//! as Meta's webhook references document them), the fake Graph API checking each public reply,
//! Private Reply and hide.

use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(15);

/// A Facebook post of the NL page and its address.
fn post_of(page: &str, post: &str) -> (String, String) {
    (format!("{page}_{post}"), format!("https://www.facebook.com/{page}/posts/{post}"))
}

/// One `feed` change: a comment `verb` by `from` under `post`.
pub(crate) fn fb_comment(page: &str, post: &str, comment: &str, from: (&str, &str), text: &str, at_ms: i64) -> Value {
    let (post_id, permalink) = post_of(page, post);
    json!({
        "field": "feed",
        "value": {
            "from": {"id": from.0, "name": from.1},
            "post": {
                "status_type": "added_photos",
                "is_published": true,
                "updated_time": "2026-11-27T18:00:00+0000",
                "permalink_url": permalink,
                "promotion_status": "inactive",
                "id": post_id
            },
            "message": text,
            "post_id": post_id,
            "comment_id": format!("{post}_{comment}"),
            "created_time": at_ms / 1000,
            "item": "comment",
            "parent_id": post_id,
            "verb": "add"
        }
    })
}

pub(crate) fn feed(page: &str, changes: Vec<Value>) -> Value {
    json!({"object": "page", "entry": [{"id": page, "time": ts(0), "changes": changes}]})
}

fn ig_comment(account: &str, media: &str, comment: &str, igsid: &str, text: &str, at_ms: i64) -> Value {
    json!({
        "object": "instagram",
        "entry": [{
            "id": account,
            "time": at_ms / 1000,
            "changes": [{
                "field": "comments",
                "value": {
                    "from": {"id": igsid, "username": "kari.nordmann"},
                    "media": {"id": media, "media_product_type": "FEED"},
                    "id": comment,
                    "text": text
                }
            }]
        }]
    })
}

fn texts(requests: &[crate::fake_graph::Recorded], field: &str) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            let body = r.body.clone().unwrap_or_default();
            match field {
                "message" => body["message"].as_str().unwrap_or_default().to_string(),
                _ => body["message"]["text"].as_str().unwrap_or_default().to_string(),
            }
        })
        .collect()
}

#[tokio::test]
async fn after_hours_complaints_in_three_languages_get_one_public_apology_and_one_private_reply_each() {
    let app = spawn_app().await;
    let complaints = [
        (
            "c-nl",
            "7001",
            "Ruud",
            "Al drie weken wacht ik op mijn pakket en niemand reageert. Echt belachelijk, slechte service!",
            "spijt",
        ),
        (
            "c-en",
            "7002",
            "Emma",
            "Third week without my parcel and nobody answers. This is ridiculous, terrible service!",
            "sorry",
        ),
        (
            "c-de",
            "7003",
            "Jonas",
            "Seit drei Wochen warte ich auf mein Paket und niemand antwortet. Eine Frechheit, ganz schlechter Service!",
            "leid",
        ),
    ];
    let changes: Vec<Value> = complaints
        .iter()
        .enumerate()
        .map(|(i, (comment, who, name, text, _))| {
            fb_comment(NL_PAGE, &format!("5550{i}"), comment, (who, name), text, ts(i as i64))
        })
        .collect();
    assert_eq!(app.post_signed(&feed(NL_PAGE, changes)).await.status(), 200);
    for (i, (comment, who, ..)) in complaints.iter().enumerate() {
        let mid = format!("comment:5550{i}_{comment}");
        app.handled_conversation("messenger", NL_PAGE, who, &mid, WAIT).await;
    }

    let public = app.graph.comment_replies();
    let private = app.graph.private_replies();
    assert_eq!(public.len(), 3, "one public reply per complaint: {public:#?}");
    assert_eq!(private.len(), 3, "one private reply per complaint: {private:#?}");
    for (i, (comment, _, name, _, sorry)) in complaints.iter().enumerate() {
        let id = format!("5550{i}_{comment}");
        let reply = public.iter().find(|r| r.target() == id).expect("a public reply under the comment");
        assert!(reply.path.ends_with(&format!("{id}/comments")), "{}", reply.path);
        let words = reply.body.as_ref().unwrap()["message"].as_str().unwrap().to_lowercase();
        assert!(words.contains(sorry), "an apology in the customer's language: {words}");
        assert!(words.contains("🤖"), "labelled as automated: {words}");
        for thanks in ["thank", "dank", "danke"] {
            assert!(!words.contains(thanks), "never thanks to a complainant: {words}");
        }
        assert!(!words.contains(&name.to_lowercase()), "no private details in public: {words}");
        let pr = private.iter().find(|r| r.body.as_ref().unwrap()["recipient"]["comment_id"] == id.as_str());
        let pr = pr.expect("a private reply to the comment");
        assert_eq!(pr.target(), NL_PAGE, "sent through the Page's Send API");
        let text = pr.body.as_ref().unwrap()["message"]["text"].as_str().unwrap().to_lowercase();
        assert!(text.contains(sorry), "the private acknowledgement apologises too: {text}");
        assert!(text.contains("🤖"), "labelled: {text}");
    }
    // Complaints wait for a person, with the comment's place on the case.
    let case = app.wait_for_case("7002", WAIT).await;
    let (status, full) = app.api_get(&format!("/api/cases/{}", case["id"].as_str().unwrap()), Some(ANNA)).await;
    assert_eq!(status, 200);
    assert!(full.to_string().contains("https://www.facebook.com/104880000000001/posts/55501"), "{full}");
}

#[tokio::test]
async fn spam_is_hidden_and_the_pages_own_comment_is_ignored() {
    let app = spawn_app().await;
    let changes = vec![
        // The page's own comment (our public replies come back like this).
        fb_comment(NL_PAGE, "5560", "own", (NL_PAGE, "Northwind"), "Bedankt voor je reactie!", ts(0)),
        fb_comment(
            NL_PAGE,
            "5560",
            "spam",
            ("7010", "Crypto King"),
            "Earn $5000 a week from home!!! Click here http://bit.ly/free-money-now and DM me for crypto investment",
            ts(1),
        ),
        fb_comment(
            NL_PAGE,
            "5561",
            "real",
            ("7011", "Sanne"),
            "Mijn bestelling is beschadigd aangekomen, heel vervelend.",
            ts(2),
        ),
    ];
    assert_eq!(app.post_signed(&feed(NL_PAGE, changes)).await.status(), 200);
    app.handled_conversation("messenger", NL_PAGE, "7011", "comment:5561_real", WAIT).await;
    wait_until("the spam comment hidden", WAIT, || !app.graph.hides().is_empty()).await;

    let hides = app.graph.hides();
    assert_eq!(hides.len(), 1);
    assert_eq!(hides[0].target(), "5560_spam");
    assert_eq!(hides[0].body.as_ref().unwrap()["is_hidden"], true);
    let touched: Vec<String> = app
        .graph
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| format!("{} {}", r.path, r.body.clone().unwrap_or_default()))
        .collect();
    assert!(!touched.iter().any(|t| t.contains("_own")), "nothing done with the page's own comment: {touched:#?}");
    let spam_actions: Vec<&String> =
        touched.iter().filter(|t| t.contains("5560_spam") && !t.contains("is_hidden")).collect();
    assert!(spam_actions.is_empty(), "spam gets nothing but the hide: {spam_actions:#?}");
    assert!(app.conversation("messenger", NL_PAGE, "7010").is_none(), "no record, no case for spam");
    assert!(app.conversation("messenger", NL_PAGE, NL_PAGE).is_none(), "the page is not a customer");
    assert!(app.open_cases().await.iter().all(|c| c["customer"]["id"] != "7010"));
}

#[tokio::test]
async fn ten_comments_by_one_customer_under_one_post_get_one_public_reply() {
    let app = spawn_app().await;
    for i in 0..10 {
        let text = format!("Waar blijft mijn pakket?? Al weken niks gehoord, dit is echt slecht ({i})");
        let change = fb_comment(NL_PAGE, "5570", &format!("c{i}"), ("7020", "Piet"), &text, ts(i));
        assert_eq!(app.post_signed(&feed(NL_PAGE, vec![change])).await.status(), 200);
    }
    let all_read = || {
        app.conversation("messenger", NL_PAGE, "7020")
            .is_some_and(|c| c["comments"].as_array().is_some_and(|a| a.len() == 10))
    };
    wait_until("the ten comments handled", WAIT, all_read).await;
    let conv = app.conversation("messenger", NL_PAGE, "7020").unwrap();
    assert_eq!(app.graph.comment_replies().len(), 1, "one public reply for the thread");
    assert_eq!(app.graph.private_replies().len(), 1, "one private acknowledgement in the closed period");
    // The rest wait for a person: one case holds them all.
    let cases: Vec<Value> = app.open_cases().await.into_iter().filter(|c| c["customer"]["id"] == "7020").collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(conv["comments"].as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn a_faq_comment_gets_its_answer_privately_and_a_pointer_in_public() {
    let app = spawn_app().await;
    let text = "Hoe lang duurt de levering naar België?";
    let change = fb_comment(NL_PAGE, "5580", "faq", ("7030", "Lotte"), text, ts(0));
    assert_eq!(app.post_signed(&feed(NL_PAGE, vec![change])).await.status(), 200);
    let conv = app.handled_conversation("messenger", NL_PAGE, "7030", "comment:5580_faq", WAIT).await;
    let intent = conv["transcript"].as_array().unwrap().iter().find_map(|e| e["reading"]["intent"].as_str());
    assert!(intent.is_some(), "read as a frequent question: {conv}");
    let private = app.graph.private_replies();
    assert_eq!(private.len(), 1);
    let answer = texts(&private, "text").remove(0);
    assert!(answer.contains("werkdag") || answer.contains("België"), "the FAQ answer, in Dutch: {answer}");
    let public = texts(&app.graph.comment_replies(), "message");
    assert_eq!(public.len(), 1);
    assert!(public[0].contains("privébericht"), "points to the private message: {}", public[0]);
}

#[tokio::test]
async fn in_hours_a_comment_becomes_a_case_with_its_permalink_and_no_automatic_reply() {
    // Monday 30 November, 11:00 in Amsterdam: benelux is open.
    let at = "2026-11-30T10:00:00Z";
    let app = spawn_app_at(at).await;
    let now_ms = chrono::DateTime::parse_from_rfc3339(at).unwrap().timestamp_millis();
    let change =
        fb_comment(NL_PAGE, "5590", "day", ("7040", "Bram"), "Mijn pakket is kapot aangekomen, wat nu?", now_ms);
    assert_eq!(app.post_signed(&feed(NL_PAGE, vec![change])).await.status(), 200);
    let case = app.wait_for_case("7040", WAIT).await;
    let (_, full) = app.api_get(&format!("/api/cases/{}", case["id"].as_str().unwrap()), Some(ANNA)).await;
    let shown = full.to_string();
    assert!(shown.contains("https://www.facebook.com/104880000000001/posts/5590"), "{shown}");
    assert!(shown.contains("public comment"), "marked as a public comment: {shown}");
    assert_eq!(full["comments"][0]["comment_id"], "5590_day", "the comment, for the comment actions: {full}");
    assert_eq!(full["comments"][0]["permalink"], "https://www.facebook.com/104880000000001/posts/5590");
    let posts: Vec<_> = app.graph.requests().into_iter().filter(|r| r.method == "POST").collect();
    assert!(posts.is_empty(), "no automatic reply in hours: {posts:#?}");

    // A person answers through the agent API: in public, then privately, once.
    let id = case["id"].as_str().unwrap();
    let public = "Wat vervelend, Bram! We sturen je een privébericht.";
    let (status, body) =
        app.api_post(&format!("/api/cases/{id}/comment_reply"), Some(ANNA), json!({"text": public})).await;
    assert_eq!(status, 200, "{body}");
    let private = "Hoi Bram, wil je je ordernummer sturen? Dan regelen we een nieuwe.";
    let (status, body) =
        app.api_post(&format!("/api/cases/{id}/comment_private_reply"), Some(ANNA), json!({"text": private})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) =
        app.api_post(&format!("/api/cases/{id}/comment_private_reply"), Some(ANNA), json!({"text": private})).await;
    assert_eq!(status, 400, "Meta allows one private reply per comment: {body}");
    let replies = app.graph.comment_replies();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].target(), "5590_day");
    assert_eq!(replies[0].body.as_ref().unwrap()["message"], public);
    let sent = app.graph.private_replies();
    assert_eq!(sent.len(), 1, "sent once");
    assert_eq!(sent[0].body.as_ref().unwrap()["recipient"]["comment_id"], "5590_day");
    assert_eq!(sent[0].body.as_ref().unwrap()["message"]["text"], private);
}

#[tokio::test]
async fn the_customers_dm_answer_to_the_private_reply_joins_the_same_case() {
    let app = spawn_app().await;
    let igsid = "1790000000000077";
    let body = ig_comment(
        IG_ACCOUNT,
        "18000000000000001",
        "17900000000000101",
        igsid,
        "Pakken mitt har ikke kommet etter tre uker. Dette er elendig!",
        ts(0),
    );
    assert_eq!(app.post_signed(&body).await.status(), 200);
    app.handled_conversation("instagram", IG_ACCOUNT, igsid, "comment:17900000000000101", WAIT).await;
    let private = app.graph.private_replies();
    assert_eq!(private.len(), 1);
    assert_eq!(private[0].body.as_ref().unwrap()["recipient"]["comment_id"], "17900000000000101");
    let public = app.graph.comment_replies();
    assert_eq!(public.len(), 1);
    assert!(public[0].path.ends_with("/17900000000000101/replies"), "Instagram's replies edge: {}", public[0].path);
    let case = app.wait_for_case(igsid, WAIT).await;

    // The customer answers the Private Reply in the inbox: a DM from the same IGSID.
    let dm = instagram_text(IG_ACCOUNT, igsid, "m_ig_answer_1", ts(60), "Ordrenummer 48213, takk.");
    assert_eq!(app.post_signed(&dm).await.status(), 200);
    let conv = app.handled_conversation("instagram", IG_ACCOUNT, igsid, "m_ig_answer_1", WAIT).await;
    assert_eq!(conv["case"]["id"].to_string(), case["id"].as_str().unwrap(), "the DM joined the comment's case");
    let cases: Vec<Value> = app.open_cases().await.into_iter().filter(|c| c["customer"]["id"] == igsid).collect();
    assert_eq!(cases.len(), 1, "one case for the comment and the DM");
    let shown = app.api_get(&format!("/api/cases/{}", case["id"].as_str().unwrap()), Some(ANNA)).await.1.to_string();
    assert!(shown.contains("48213") && shown.contains("tre uker"), "the case holds the comment and the DM: {shown}");
}

#[tokio::test]
async fn a_comment_deleted_before_the_reply_leaves_a_clear_reason_on_the_case_and_nothing_retried() {
    let app = spawn_app().await;
    // Meta's answer for an object that no longer exists.
    app.graph.reject_comment("5600_gone", 400, 100, Some(33));
    let change = fb_comment(
        NL_PAGE,
        "5600",
        "gone",
        ("7050", "Eva"),
        "Nog steeds geen pakket, dit is echt slecht geregeld!",
        ts(0),
    );
    assert_eq!(app.post_signed(&feed(NL_PAGE, vec![change.clone()])).await.status(), 200);
    app.handled_conversation("messenger", NL_PAGE, "7050", "comment:5600_gone", WAIT).await;
    // Meta delivers the same webhook again: nothing is tried twice.
    assert_eq!(app.post_signed(&feed(NL_PAGE, vec![change])).await.status(), 200);
    wait_until("the redelivery handled", WAIT, || app.events_in_log() == 0).await;
    let case = app.wait_for_case("7050", WAIT).await;
    let shown = app.api_get(&format!("/api/cases/{}", case["id"].as_str().unwrap()), Some(ANNA)).await.1.to_string();
    assert!(shown.contains("no longer exists"), "the reason on the case: {shown}");
    assert_eq!(app.graph.private_replies().len(), 1, "tried once");
    assert_eq!(app.graph.comment_replies().len(), 1, "tried once");
    assert!(app.bot.logs().contains("private reply not sent"), "and in the log");
}

#[tokio::test]
async fn on_facebook_the_dm_from_the_psid_the_private_reply_named_joins_the_comments_case() {
    let app = spawn_app().await;
    // The feed names the commenter by one id; the Private Reply's answer names their PSID.
    let psid = "2490000000000091";
    app.graph.set_inbox_id("5610_fb", psid);
    let text = "Mijn retour is al twee weken kwijt, echt slecht geregeld!";
    let change = fb_comment(NL_PAGE, "5610", "fb", ("7060", "Daan"), text, ts(0));
    assert_eq!(app.post_signed(&feed(NL_PAGE, vec![change])).await.status(), 200);
    app.handled_conversation("messenger", NL_PAGE, "7060", "comment:5610_fb", WAIT).await;
    assert_eq!(app.graph.private_replies().len(), 1);
    let case = app.wait_for_case(psid, WAIT).await;

    let dm = messenger_text(NL_PAGE, psid, "m_fb_answer_1", ts(120), "Ordernummer 77120, alvast bedankt.");
    assert_eq!(app.post_signed(&dm).await.status(), 200);
    let conv = app.handled_conversation("messenger", NL_PAGE, psid, "m_fb_answer_1", WAIT).await;
    assert_eq!(conv["case"]["id"].to_string(), case["id"].as_str().unwrap(), "the DM joined the comment's case");
    let shown = app.api_get(&format!("/api/cases/{}", case["id"].as_str().unwrap()), Some(ANNA)).await.1.to_string();
    assert!(shown.contains("77120") && shown.contains("twee weken"), "the comment and the DM in one case: {shown}");
    assert_eq!(app.open_cases().await.iter().filter(|c| c["customer"]["id"] == "7060").count(), 0, "no second case");

    // A later comment by the same person lands in the same conversation and case.
    let later =
        fb_comment(NL_PAGE, "5611", "fb2", ("7060", "Daan"), "Nog steeds niks gehoord over mijn retour!", ts(300));
    assert_eq!(app.post_signed(&feed(NL_PAGE, vec![later])).await.status(), 200);
    app.handled_conversation("messenger", NL_PAGE, psid, "comment:5611_fb2", WAIT).await;
    assert_eq!(app.open_cases().await.iter().filter(|c| c["customer"]["id"] == psid).count(), 1);
}

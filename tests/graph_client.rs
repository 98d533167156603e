//! The Graph API client against the fake Graph API: request shapes, splitting, retries,
//! rejections, tokens and profiles.

#[path = "support/fake_graph.rs"]
mod fake_graph;

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use afterhours::channels::meta::{split_text, GraphClient, GraphSettings};
use afterhours::channels::{Channel, ConversationKey, Outbound, Profile, SendError, SendTag};
use fake_graph::{error_body, FakeGraph};
use serde_json::json;

const PAGE: &str = "110200300400500";
const PAGE_WITH_OWN_TOKEN: &str = "110200300400999";
const IG_ACCOUNT: &str = "17841400000000001";
const WA_NUMBER: &str = "106540352242922";

fn settings(fake: &FakeGraph) -> GraphSettings {
    GraphSettings {
        base_url: fake.url(),
        page_token: Some("page-token".into()),
        whatsapp_token: Some("wa-token".into()),
        account_tokens: HashMap::from([(PAGE_WITH_OWN_TOKEN.to_owned(), "own-page-token".to_owned())]),
        timeout: Duration::from_secs(5),
        max_attempts: 3,
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(40),
    }
}

fn client(fake: &FakeGraph) -> GraphClient {
    GraphClient::new(settings(fake)).unwrap()
}

fn key(channel: Channel, account: &str, customer: &str) -> ConversationKey {
    ConversationKey { channel, account: account.into(), customer: customer.into() }
}

fn messenger() -> ConversationKey {
    key(Channel::Messenger, PAGE, "7100000000000001")
}

fn whatsapp() -> ConversationKey {
    key(Channel::Whatsapp, WA_NUMBER, "16505551234")
}

#[tokio::test]
async fn messenger_sends_a_response_with_the_page_token_in_the_header() {
    let fake = FakeGraph::start().await;
    let ids = client(&fake).send(&messenger(), "We're closed until 9:00.", SendTag::Response).await.unwrap();

    assert_eq!(ids, vec!["m_1"]);
    let sends = fake.sends();
    assert_eq!(sends.len(), 1);
    let send = &sends[0];
    assert_eq!(send.path, format!("/v25.0/{PAGE}/messages"));
    assert_eq!(send.authorization.as_deref(), Some("Bearer page-token"));
    assert!(send.query.is_empty(), "the token must not travel in the query: {:?}", send.query);
    assert_eq!(send.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        send.body,
        Some(json!({
            "recipient": { "id": "7100000000000001" },
            "messaging_type": "RESPONSE",
            "message": { "text": "We're closed until 9:00." },
        }))
    );
}

#[tokio::test]
async fn a_human_agent_reply_carries_the_message_tag() {
    let fake = FakeGraph::start().await;
    client(&fake).send(&messenger(), "Sam here, sorry for the wait.", SendTag::HumanAgent).await.unwrap();
    let body = fake.sends()[0].body.clone().unwrap();
    assert_eq!(body["messaging_type"], "MESSAGE_TAG");
    assert_eq!(body["tag"], "HUMAN_AGENT");
    assert_eq!(body["message"]["text"], "Sam here, sorry for the wait.");
}

#[tokio::test]
async fn instagram_uses_the_same_endpoint_and_shape() {
    let fake = FakeGraph::start().await;
    let to = key(Channel::Instagram, IG_ACCOUNT, "9200000000000001");
    let ids = client(&fake).send(&to, "We ship everywhere in the EU.", SendTag::Response).await.unwrap();
    assert_eq!(ids, vec!["m_1"]);
    let send = &fake.sends()[0];
    // Sent through the linked Page: `me` is the Page of the token.
    assert_eq!(send.path, "/v25.0/me/messages");
    assert_eq!(send.authorization.as_deref(), Some("Bearer page-token"));
    assert_eq!(
        send.body,
        Some(json!({
            "recipient": { "id": "9200000000000001" },
            "messaging_type": "RESPONSE",
            "message": { "text": "We ship everywhere in the EU." },
        }))
    );
}

#[tokio::test]
async fn whatsapp_sends_the_cloud_api_body_and_returns_the_wamid() {
    let fake = FakeGraph::start().await;
    let ids = client(&fake).send(&whatsapp(), "We're closed until 9:00.", SendTag::Response).await.unwrap();
    assert_eq!(ids, vec!["wamid.1"]);
    let send = &fake.sends()[0];
    assert_eq!(send.path, format!("/v25.0/{WA_NUMBER}/messages"));
    assert_eq!(send.authorization.as_deref(), Some("Bearer wa-token"));
    assert_eq!(
        send.body,
        Some(json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "16505551234",
            "type": "text",
            "text": { "preview_url": false, "body": "We're closed until 9:00." },
        }))
    );
}

#[tokio::test]
async fn an_account_with_its_own_token_uses_it() {
    let fake = FakeGraph::start().await;
    let to = key(Channel::Messenger, PAGE_WITH_OWN_TOKEN, "7100000000000002");
    client(&fake).send(&to, "hello", SendTag::Response).await.unwrap();
    assert_eq!(fake.sends()[0].authorization.as_deref(), Some("Bearer own-page-token"));
}

#[tokio::test]
async fn a_long_text_goes_out_in_several_sends_in_order() {
    let fake = FakeGraph::start().await;
    let text = (0..600).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
    assert!(text.chars().count() > 4000);
    let ids = client(&fake).send(&messenger(), &text, SendTag::Response).await.unwrap();

    let expected = split_text(Channel::Messenger, &text);
    assert_eq!(expected.len(), 3);
    assert_eq!(ids, vec!["m_1", "m_2", "m_3"]);
    let sent: Vec<String> =
        fake.sends().iter().map(|s| s.body.as_ref().unwrap()["message"]["text"].as_str().unwrap().to_owned()).collect();
    assert_eq!(sent, expected);
    assert!(sent.iter().all(|part| part.chars().count() <= 2000));
    assert_eq!(sent.join(" "), text);
}

#[tokio::test]
async fn instagram_splits_at_1000_bytes() {
    let fake = FakeGraph::start().await;
    let to = key(Channel::Instagram, IG_ACCOUNT, "9200000000000001");
    let text = "ça va très bien ".repeat(100);
    let ids = client(&fake).send(&to, &text, SendTag::Response).await.unwrap();
    assert_eq!(ids.len(), 2);
    for send in fake.sends() {
        assert!(send.body.unwrap()["message"]["text"].as_str().unwrap().len() <= 1000);
    }
}

#[tokio::test]
async fn two_server_errors_then_success_delivers_once() {
    let fake = FakeGraph::start().await;
    fake.fail_next(2, 500, error_body(2, None, "An unexpected error has occurred. Please retry your request later."));
    let ids = client(&fake).send(&messenger(), "hello", SendTag::Response).await.unwrap();

    assert_eq!(ids, vec!["m_1"]);
    let sends = fake.sends();
    assert_eq!(sends.len(), 3);
    assert!(sends.iter().all(|s| s.body == sends[0].body));
}

#[tokio::test]
async fn a_rate_limit_is_retried() {
    let fake = FakeGraph::start().await;
    fake.fail_next(1, 429, error_body(613, None, "Calls to this api have exceeded the rate limit."));
    let ids = client(&fake).send(&messenger(), "hello", SendTag::Response).await.unwrap();
    assert_eq!(ids, vec!["m_1"]);
    assert_eq!(fake.sends().len(), 2);
}

#[tokio::test]
async fn whatsapp_pair_rate_limit_is_retried() {
    let fake = FakeGraph::start().await;
    fake.fail_next(1, 400, error_body(131056, None, "(Business Account, Consumer Account) pair rate limit hit"));
    let ids = client(&fake).send(&whatsapp(), "hello", SendTag::Response).await.unwrap();
    assert_eq!(ids, vec!["wamid.1"]);
    assert_eq!(fake.sends().len(), 2);
}

#[tokio::test]
async fn permanent_errors_are_sent_once_and_rejected_with_their_code() {
    let cases = [
        (messenger(), 401, 190, None),
        (messenger(), 400, 10, Some(2018278)),
        (messenger(), 400, 100, Some(2018001)),
        (messenger(), 403, 200, None),
        (whatsapp(), 400, 131047, None),
        (whatsapp(), 400, 131026, None),
    ];
    for (to, status, code, subcode) in cases {
        let fake = FakeGraph::start().await;
        fake.reject_all(status, code, subcode);
        let err = client(&fake).send(&to, "hello", SendTag::Response).await.unwrap_err();
        assert_eq!(fake.sends().len(), 1, "code {code}: retried");
        match err {
            SendError::Rejected { http_status, code: got, subcode: got_sub, message } => {
                assert_eq!((http_status, got, got_sub), (status, code, subcode));
                assert_eq!(message, "scripted rejection");
            }
            other => panic!("code {code}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn temporary_errors_give_up_after_max_attempts() {
    let fake = FakeGraph::start().await;
    fake.reject_all(503, 1, None);
    let err = client(&fake).send(&messenger(), "hello", SendTag::Response).await.unwrap_err();
    assert_eq!(fake.sends().len(), 3);
    match err {
        SendError::GaveUp { attempts, code, last } => {
            assert_eq!(attempts, 3);
            assert_eq!(code, Some(1));
            assert!(last.contains("HTTP 503"), "{last}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_server_error_without_a_graph_body_is_retried_too() {
    let fake = FakeGraph::start().await;
    fake.fail_next(1, 502, json!("<html>Bad Gateway</html>"));
    let ids = client(&fake).send(&messenger(), "hello", SendTag::Response).await.unwrap();
    assert_eq!(ids, vec!["m_1"]);
    assert_eq!(fake.sends().len(), 2);
}

#[tokio::test]
async fn a_timeout_is_not_sent_again_since_meta_may_have_sent_it() {
    let fake = FakeGraph::start().await;
    // Meta accepts the send and answers too late: sending again would reach the customer twice.
    fake.delay_next(1, Duration::from_secs(3));
    let client = GraphClient::new(GraphSettings { timeout: Duration::from_millis(300), ..settings(&fake) }).unwrap();
    let err = client.send(&messenger(), "hello", SendTag::Response).await.unwrap_err();
    assert!(matches!(err, SendError::Unconfirmed { attempts: 1, .. }), "{err:?}");
    assert_eq!(fake.sends().len(), 1, "one request, never a second");
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_given_up() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = GraphClient::new(GraphSettings {
        base_url: format!("http://127.0.0.1:{port}/v25.0"),
        page_token: Some("page-token".into()),
        max_attempts: 2,
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..GraphSettings::default()
    })
    .unwrap();
    let err = client.send(&messenger(), "hello", SendTag::Response).await.unwrap_err();
    assert!(matches!(err, SendError::GaveUp { attempts: 2, code: None, .. }), "{err:?}");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let fake = FakeGraph::start().await;
    fake.fail_next_with_retry_after(1, 429, error_body(4, None, "Application request limit reached"), 1);
    let client = GraphClient::new(GraphSettings { max_backoff: Duration::from_secs(5), ..settings(&fake) }).unwrap();
    client.send(&messenger(), "hello", SendTag::Response).await.unwrap();
    let sends = fake.sends();
    assert_eq!(sends.len(), 2);
    let waited = sends[1].at.duration_since(sends[0].at);
    assert!(waited >= Duration::from_millis(950), "retried after {waited:?}");
}

#[tokio::test]
async fn retry_after_is_capped() {
    let fake = FakeGraph::start().await;
    fake.fail_next_with_retry_after(1, 429, error_body(4, None, "Application request limit reached"), 3600);
    let started = Instant::now();
    client(&fake).send(&messenger(), "hello", SendTag::Response).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(5), "waited {:?}", started.elapsed());
    assert_eq!(fake.sends().len(), 2);
}

#[tokio::test]
async fn a_missing_token_sends_nothing() {
    let fake = FakeGraph::start().await;
    let client = GraphClient::new(GraphSettings { whatsapp_token: None, ..settings(&fake) }).unwrap();
    let err = client.send(&whatsapp(), "hello", SendTag::Response).await.unwrap_err();
    assert_eq!(err, SendError::NoToken { channel: Channel::Whatsapp, account: WA_NUMBER.into() });
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_blank_text_sends_nothing() {
    let fake = FakeGraph::start().await;
    let ids = client(&fake).send(&messenger(), "  \n ", SendTag::Response).await.unwrap();
    assert!(ids.is_empty());
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn sends_succeed_again_once_the_rejections_stop() {
    let fake = FakeGraph::start().await;
    let client = client(&fake);
    fake.reject_all(400, 10, Some(2018278));
    assert_eq!(client.send(&messenger(), "hello", SendTag::Response).await.unwrap_err().code(), Some(10));
    fake.accept_all();
    assert_eq!(client.send(&messenger(), "hello", SendTag::Response).await.unwrap(), vec!["m_1"]);
    assert_eq!(fake.sends().len(), 2);
}

#[tokio::test]
async fn wait_for_sends_returns_once_the_sends_arrived() {
    let fake = FakeGraph::start().await;
    let client = client(&fake);
    let task = tokio::spawn(async move { client.send(&messenger(), "hello", SendTag::Response).await });
    let sends = fake.wait_for_sends(1, Duration::from_secs(5)).await;
    assert_eq!(sends.len(), 1);
    assert_eq!(task.await.unwrap().unwrap(), vec!["m_1"]);
}

#[tokio::test]
async fn messenger_profile_asks_first_name_and_time_zone_separately() {
    let fake = FakeGraph::start().await;
    fake.set_profile("7100000000000001", "Sheena");
    fake.set_timezone("7100000000000001", 5.5);
    let profile = client(&fake).profile(&messenger()).await.unwrap();

    assert_eq!(profile, Profile { first_name: Some("Sheena".into()), utc_offset_hours: Some(5.5) });
    let requests = fake.requests();
    let mut fields: Vec<&str> = requests.iter().map(|r| r.query["fields"].as_str()).collect();
    fields.sort();
    assert_eq!(fields, vec!["first_name", "timezone"]);
    for request in &requests {
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/v25.0/7100000000000001");
        assert_eq!(request.authorization.as_deref(), Some("Bearer page-token"));
        assert!(!request.query.contains_key("access_token"));
    }
}

#[tokio::test]
async fn a_refused_time_zone_still_gives_the_first_name() {
    let fake = FakeGraph::start().await;
    fake.set_profile("7100000000000001", "Sheena");
    let profile = client(&fake).profile(&messenger()).await.unwrap();
    assert_eq!(profile, Profile { first_name: Some("Sheena".into()), utc_offset_hours: None });
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn a_page_without_the_time_zone_permission_is_not_asked_again() {
    let fake = FakeGraph::start().await;
    fake.set_default_profile("Sheena");
    fake.refuse_timezone_field();
    let client = client(&fake);
    let first = client.profile(&messenger()).await.unwrap();
    assert_eq!(first, Profile { first_name: Some("Sheena".into()), utc_offset_hours: None });
    assert_eq!(fake.requests().len(), 2, "the first customer: name and time zone");
    let other = key(Channel::Messenger, PAGE, "7100000000000002");
    let second = client.profile(&other).await.unwrap();
    assert_eq!(second.first_name.as_deref(), Some("Sheena"));
    let requests = fake.requests();
    assert_eq!(requests.len(), 3, "the next customer of that Page: the name only");
    assert_eq!(requests[2].query["fields"], "first_name");
}

#[tokio::test]
async fn instagram_profile_gives_the_first_word_of_the_name() {
    let fake = FakeGraph::start().await;
    fake.set_profile("9200000000000001", "Kim de Vries");
    let to = key(Channel::Instagram, IG_ACCOUNT, "9200000000000001");
    let profile = client(&fake).profile(&to).await.unwrap();
    assert_eq!(profile, Profile { first_name: Some("Kim".into()), utc_offset_hours: None });
    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].query["fields"], "name");
}

#[tokio::test]
async fn a_failing_profile_is_an_error_and_not_retried() {
    let fake = FakeGraph::start().await;
    let err = client(&fake).profile(&messenger()).await.unwrap_err();
    assert!(matches!(err, SendError::Rejected { http_status: 400, code: 100, subcode: Some(33), .. }), "{err:?}");
    // The name and the (optional) time zone are asked at the same time, each once.
    let mut fields: Vec<String> = fake.requests().iter().map(|r| r.query["fields"].clone()).collect();
    fields.sort();
    assert_eq!(fields, vec!["first_name", "timezone"]);
}

#[tokio::test]
async fn whatsapp_profile_makes_no_call() {
    let fake = FakeGraph::start().await;
    let profile = client(&fake).profile(&whatsapp()).await.unwrap();
    assert_eq!(profile, Profile::default());
    assert!(fake.requests().is_empty());
}

#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn failures_are_logged_with_their_codes_but_never_the_token_or_text() {
    let logs = LogBuffer::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = FakeGraph::start().await;
    let token = "EAAGsecretPageToken";
    fake.fail_next(1, 500, error_body(2, None, "temporary"));
    fake.fail_next(1, 400, error_body(190, Some(463), &format!("Malformed access token {token}")));
    let client = GraphClient::new(GraphSettings { page_token: Some(token.into()), ..settings(&fake) }).unwrap();
    let err = client.send(&messenger(), "my private complaint", SendTag::Response).await.unwrap_err();

    let SendError::Rejected { code: 190, message, .. } = &err else { panic!("{err:?}") };
    assert!(!message.contains(token), "{message}");
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("WARN"), "{logs}");
    assert!(logs.contains("code=2"), "{logs}");
    assert!(logs.contains("code=190"), "{logs}");
    assert!(logs.contains("subcode=463"), "{logs}");
    assert!(logs.contains("fbtrace_id=\"Afake190\"") || logs.contains("fbtrace_id=Afake190"), "{logs}");
    assert!(!logs.contains(token), "token in logs: {logs}");
    assert!(!logs.contains("private complaint"), "customer text in logs: {logs}");
    assert!(!format!("{client:?}").contains(token));
}

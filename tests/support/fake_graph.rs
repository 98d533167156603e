//! A fake Graph API for integration tests: records every request and answers like Meta does,
//! or fails on demand. Use it from a test file with
//! `#[path = "support/fake_graph.rs"] mod fake_graph;`.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The API version in the fake's base URL, so paths look like Meta's.
pub const VERSION: &str = "v25.0";

/// One request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// e.g. `/v25.0/110200300400500/messages`.
    pub path: String,
    pub query: HashMap<String, String>,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    /// The JSON body, when there was one.
    pub body: Option<Value>,
    /// When the request arrived, to check the waits between retries.
    pub at: Instant,
    /// The HTTP status the fake answered (for a dropped connection, the
    /// 200 it would have answered: the message was taken all the same).
    pub status: u16,
    /// The connection was dropped after the body was read, unanswered.
    pub dropped: bool,
}

impl Recorded {
    /// The path's id segment after the version: the Page, account, phone number id or user.
    pub fn target(&self) -> &str {
        self.path.trim_start_matches('/').split('/').nth(1).unwrap_or("")
    }

    pub fn is_send(&self) -> bool {
        self.method == "POST" && self.path.ends_with("/messages")
    }

    /// A public reply under a comment: `POST /{comment-id}/comments` (Facebook) or
    /// `POST /{ig-comment-id}/replies` (Instagram).
    pub fn is_comment_reply(&self) -> bool {
        self.method == "POST" && (self.path.ends_with("/comments") || self.path.ends_with("/replies"))
    }

    /// A Private Reply: a send whose recipient is a comment.
    pub fn is_private_reply(&self) -> bool {
        self.is_send() && self.body.as_ref().is_some_and(|b| b["recipient"]["comment_id"].is_string())
    }

    /// A hide: `POST /{comment-id}` with `is_hidden` (Facebook) or `hide` (Instagram).
    pub fn is_hide(&self) -> bool {
        self.method == "POST"
            && self.path.trim_start_matches('/').split('/').count() == 2
            && self.body.as_ref().is_some_and(|b| b["is_hidden"] == true || b["hide"] == true)
    }
}

#[derive(Clone)]
struct Scripted {
    status: StatusCode,
    body: Value,
    retry_after: Option<u64>,
}

#[derive(Default)]
struct Script {
    requests: Vec<Recorded>,
    fail_next: VecDeque<Scripted>,
    reject_all: Option<Scripted>,
    delay_next: VecDeque<Duration>,
    /// user id → (name, time zone)
    profiles: HashMap<String, (String, Option<f64>)>,
    /// The name of every user with no profile of their own (else error 100).
    default_name: Option<String>,
    /// `timezone` is refused as Meta refuses a field the app is not approved for.
    timezone_unapproved: bool,
    next_id: u64,
    /// Sends taken (not refused): the count the faults below go by.
    taken: u64,
    /// Every `n`th taken send is answered only after a delay between the two.
    late: Option<(u64, Duration, Duration)>,
    /// Every `n`th taken send (after the first `offset`): the connection is dropped unanswered.
    drop_every: Option<(u64, u64)>,
    /// Every send until then is answered 500 and not taken.
    refuse_until: Option<Instant>,
    /// Sends bearing one of these access tokens are answered 503 and not taken.
    refused_tokens: Vec<String>,
    /// Where to post Meta's `statuses` webhooks for taken WhatsApp sends, and the app secret.
    status_webhook: Option<(String, String)>,
    /// The next taken sends' statuses say `failed` with these error codes.
    failed_statuses: VecDeque<i64>,
    /// Comment id → the error every action on that comment answers.
    comment_errors: HashMap<String, Scripted>,
    /// Comment id → the commenter's inbox id a Private Reply answers.
    inbox_ids: HashMap<String, String>,
}

struct Shared {
    script: Mutex<Script>,
    sends: watch::Sender<usize>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Script> {
        // A panicking test thread must not hide the recorded requests from the others.
        self.script.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running fake; stops when dropped.
pub struct FakeGraph {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for FakeGraph {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeGraph {
    /// Binds `127.0.0.1:0` and serves until dropped.
    pub async fn start() -> Self {
        let (sends, _) = watch::channel(0);
        let shared = Arc::new(Shared { script: Mutex::new(Script::default()), sends });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the fake Graph API");
        let addr = listener.local_addr().expect("fake Graph API address");
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake Graph API server");
        });
        Self { addr, shared, task }
    }

    /// The base URL to configure as `GraphSettings::base_url`.
    pub fn url(&self) -> String {
        format!("http://{}/{VERSION}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// Sends received since the start, forgotten ones included.
    #[allow(dead_code)]
    pub fn send_count(&self) -> usize {
        *self.shared.sends.borrow()
    }

    /// Drops the requests recorded so far (a load run records hundreds of
    /// thousands; growing that list stalls every answer while it is copied).
    #[allow(dead_code)]
    pub fn forget(&self) {
        let old = std::mem::take(&mut self.shared.lock().requests);
        drop(old);
    }

    /// Only the sends (`POST …/messages`), failed ones included.
    pub fn sends(&self) -> Vec<Recorded> {
        self.shared.lock().requests.iter().filter(|r| r.is_send()).cloned().collect()
    }

    /// The next `n` sends answer `status` with `body`.
    pub fn fail_next(&self, n: usize, status: u16, body: Value) {
        self.script(n, status, body, None);
    }

    /// The next `n` sends answer `status` with `body` and a `Retry-After: seconds` header.
    pub fn fail_next_with_retry_after(&self, n: usize, status: u16, body: Value, seconds: u64) {
        self.script(n, status, body, Some(seconds));
    }

    fn script(&self, n: usize, status: u16, body: Value, retry_after: Option<u64>) {
        let status = StatusCode::from_u16(status).expect("an HTTP status");
        let mut script = self.shared.lock();
        script.fail_next.extend(std::iter::repeat_n(Scripted { status, body, retry_after }, n));
    }

    /// Every send from now on answers `status` with Meta's error body for `code`/`subcode`.
    pub fn reject_all(&self, status: u16, code: i64, subcode: Option<i64>) {
        let status = StatusCode::from_u16(status).expect("an HTTP status");
        let body = error_body(code, subcode, "scripted rejection");
        self.shared.lock().reject_all = Some(Scripted { status, body, retry_after: None });
    }

    /// Undoes [`FakeGraph::reject_all`] and drops any scripted failures still queued.
    pub fn accept_all(&self) {
        let mut script = self.shared.lock();
        script.reject_all = None;
        script.fail_next.clear();
    }

    /// The next `n` requests (of any kind) are answered only after `delay`, to provoke timeouts.
    pub fn delay_next(&self, n: usize, delay: Duration) {
        self.shared.lock().delay_next.extend(std::iter::repeat_n(delay, n));
    }

    /// Every `every`th taken send is answered only after a delay spread
    /// evenly between `min` and `max` (Meta took it; the answer is late).
    pub fn answer_late(&self, every: u64, min: Duration, max: Duration) {
        self.shared.lock().late = Some((every.max(1), min, max));
    }

    /// Every `every`th taken send (counting from `offset`) is taken and its
    /// connection dropped after the body was read, without an answer.
    pub fn drop_after_reading(&self, every: u64, offset: u64) {
        self.shared.lock().drop_every = Some((every.max(1), offset));
    }

    /// Every send for the next `period` answers 500 (Meta's code 2,
    /// "service temporarily unavailable") and is not taken.
    pub fn refuse_for(&self, period: Duration) {
        self.shared.lock().refuse_until = Some(Instant::now() + period);
    }

    /// Every send made with the access token `token`, now or later, answers
    /// 500 and is not taken: a request from a killed process that reaches
    /// the fake after the test moved on is still refused.
    pub fn refuse_token(&self, token: &str) {
        self.shared.lock().refused_tokens.push(token.to_owned());
    }

    /// Each taken WhatsApp send is followed, as Meta does, by a signed
    /// `statuses` webhook (`sent`, then `delivered`) to `url`, carrying the
    /// `wamid` and the send's `biz_opaque_callback_data`; posted again until
    /// answered 200 (for up to a minute).
    pub fn report_statuses_to(&self, url: &str, app_secret: &str) {
        self.shared.lock().status_webhook = Some((url.to_owned(), app_secret.to_owned()));
    }

    /// The statuses of the next taken sends (one per code) say `failed`
    /// with that error code, as Meta reports a message it took and could not deliver.
    pub fn fail_statuses(&self, codes: &[i64]) {
        self.shared.lock().failed_statuses.extend(codes);
    }

    /// Profile GETs for `id` answer this name (`first_name`, and `name` for Instagram).
    pub fn set_profile(&self, id: &str, first_name: &str) {
        let mut script = self.shared.lock();
        let entry = script.profiles.entry(id.to_owned()).or_insert_with(|| (String::new(), None));
        entry.0 = first_name.to_owned();
    }

    /// `fields=timezone` for `id` answers this offset; without it the fake answers as Meta does
    /// when the app lacks the permission (error 100).
    pub fn set_timezone(&self, id: &str, hours: f64) {
        let mut script = self.shared.lock();
        script.profiles.entry(id.to_owned()).or_insert_with(|| (String::new(), None)).1 = Some(hours);
    }

    /// Profile GETs for users with no profile of their own answer `first_name` (load tests).
    #[allow(dead_code)]
    pub fn set_default_profile(&self, first_name: &str) {
        self.shared.lock().default_name = Some(first_name.to_owned());
    }

    /// `fields=timezone` fails as it does for an app without that permission (#100 / 2018247).
    #[allow(dead_code)]
    pub fn refuse_timezone_field(&self) {
        self.shared.lock().timezone_unapproved = true;
    }

    /// Every action on `comment_id` (public reply, private reply, hide) answers Meta's error.
    pub fn reject_comment(&self, comment_id: &str, status: u16, code: i64, subcode: Option<i64>) {
        let status = StatusCode::from_u16(status).expect("an HTTP status");
        let body = error_body(code, subcode, "scripted comment rejection");
        self.shared.lock().comment_errors.insert(comment_id.to_owned(), Scripted { status, body, retry_after: None });
    }

    /// A Private Reply to `comment_id` answers `recipient_id: inbox_id` (the PSID).
    pub fn set_inbox_id(&self, comment_id: &str, inbox_id: &str) {
        self.shared.lock().inbox_ids.insert(comment_id.to_owned(), inbox_id.to_owned());
    }

    /// Public replies under comments.
    pub fn comment_replies(&self) -> Vec<Recorded> {
        self.shared.lock().requests.iter().filter(|r| r.is_comment_reply()).cloned().collect()
    }

    /// Private Replies (sends to a comment).
    pub fn private_replies(&self) -> Vec<Recorded> {
        self.shared.lock().requests.iter().filter(|r| r.is_private_reply()).cloned().collect()
    }

    /// Hides of comments.
    pub fn hides(&self) -> Vec<Recorded> {
        self.shared.lock().requests.iter().filter(|r| r.is_hide()).cloned().collect()
    }

    /// Waits until at least `n` sends were recorded, or `deadline` passed; returns the sends.
    pub async fn wait_for_sends(&self, n: usize, deadline: Duration) -> Vec<Recorded> {
        let mut rx = self.shared.sends.subscribe();
        let _ = tokio::time::timeout(deadline, rx.wait_for(|count| *count >= n)).await;
        self.sends()
    }
}

/// Meta's error body.
pub fn error_body(code: i64, subcode: Option<i64>, message: &str) -> Value {
    let mut error = json!({
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": format!("Afake{code}"),
    });
    if let Some(subcode) = subcode {
        error["error_subcode"] = json!(subcode);
    }
    json!({ "error": error })
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let recorded = Recorded {
        method: method.to_string(),
        path: uri.path().to_owned(),
        query,
        authorization: header("authorization"),
        content_type: header("content-type"),
        body: serde_json::from_slice(&body).ok(),
        at: Instant::now(),
        status: 0,
        dropped: false,
    };
    let is_send = recorded.is_send();
    let (delay, answer, dropped, report) = {
        let mut script = shared.lock();
        let mut delay = script.delay_next.pop_front();
        let refused = is_send
            && (script.refuse_until.is_some_and(|until| Instant::now() < until)
                || recorded.authorization.as_deref().is_some_and(|auth| {
                    script.refused_tokens.iter().any(|token| auth.strip_prefix("Bearer ") == Some(token.as_str()))
                }));
        let answer = if let Some(a) = answer_comment(&mut script, &recorded) {
            a
        } else if refused {
            let body = error_body(2, None, "Service temporarily unavailable");
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        } else if is_send {
            answer_send(&mut script, &recorded)
        } else {
            answer_profile(&script, &recorded)
        };
        let taken = is_send && answer.status() == StatusCode::OK;
        let mut dropped = false;
        let mut report = None;
        if taken {
            script.taken += 1;
            let n = script.taken;
            if let Some((every, min, max)) = script.late.filter(|(every, ..)| n % every == 0) {
                // Spread evenly over the range, so some answers come before a client's timeout and some after.
                let step = (n / every) % 7;
                delay = Some(min + (max.saturating_sub(min)) * step as u32 / 6);
            }
            dropped = script.drop_every.is_some_and(|(every, offset)| n > offset && (n - offset) % every == 0);
            if let Some((url, secret)) = script.status_webhook.clone() {
                let failed = script.failed_statuses.pop_front();
                report = status_webhook(&recorded, &answer_id(script.next_id), failed).map(|body| (url, secret, body));
            }
        }
        script.requests.push(Recorded { status: answer.status().as_u16(), dropped, ..recorded });
        (delay, answer, dropped, report)
    };
    if is_send {
        shared.sends.send_modify(|count| *count += 1);
    }
    if let Some((url, secret, body)) = report {
        tokio::spawn(post_until_taken(url, secret, body));
    }
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    if dropped {
        // Ends this connection's task without an answer (and, unlike
        // `panic!`, without a panic message): the client sees the
        // connection closed after its request went out.
        std::panic::resume_unwind(Box::new("connection dropped by the fake Graph API"));
    }
    answer
}

/// The `wamid` the fake gave its `n`th message.
fn answer_id(n: u64) -> String {
    format!("wamid.{n}")
}

/// Meta's `statuses` webhook for a taken WhatsApp send: `sent` and
/// `delivered`, or `failed` with the error `failed`.
fn status_webhook(send: &Recorded, wamid: &str, failed: Option<i64>) -> Option<Vec<u8>> {
    let body = send.body.as_ref().filter(|b| b["messaging_product"] == "whatsapp")?;
    let to = body.get("to").or_else(|| body.get("recipient"))?.clone();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs();
    let status = |state: &str| {
        let mut s = json!({"id": wamid, "status": state, "timestamp": now.to_string(), "recipient_id": to});
        if let Some(reference) = body.get("biz_opaque_callback_data") {
            s["biz_opaque_callback_data"] = reference.clone();
        }
        s
    };
    let webhook = json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
        "field": "messages",
        "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": send.target()},
            "statuses": match failed {
                None => json!([status("sent"), status("delivered")]),
                Some(code) => {
                    let mut s = status("failed");
                    s["errors"] = json!([{"code": code, "title": "scripted failure", "message": "scripted failure"}]);
                    json!([s])
                }
            },
        }
    }]}]});
    serde_json::to_vec(&webhook).ok()
}

/// Posts a signed webhook until it is answered 200, as Meta retries, for up to a minute.
async fn post_until_taken(url: String, secret: String, body: Vec<u8>) {
    let signature = afterhours::channels::meta::sign(secret.as_bytes(), &body);
    let client = reqwest::Client::new();
    let give_up = Instant::now() + Duration::from_secs(60);
    let mut pause = Duration::from_millis(100);
    while Instant::now() < give_up {
        let sent = client
            .post(&url)
            .header("x-hub-signature-256", &signature)
            .header("content-type", "application/json")
            .body(body.clone())
            .timeout(Duration::from_secs(5))
            .send()
            .await;
        if sent.is_ok_and(|r| r.status() == 200) {
            return;
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

/// Comment actions: an error scripted for the comment, else Meta's answer. `None`: not one.
fn answer_comment(script: &mut Script, request: &Recorded) -> Option<Response> {
    let comment = if request.is_private_reply() {
        request.body.as_ref()?["recipient"]["comment_id"].as_str()?.to_owned()
    } else if request.is_comment_reply() || request.is_hide() {
        request.target().to_owned()
    } else {
        return None;
    };
    if let Some(err) = script.comment_errors.get(&comment) {
        return Some((err.status, Json(err.body.clone())).into_response());
    }
    script.next_id += 1;
    let n = script.next_id;
    Some(if request.is_private_reply() {
        // Meta names the commenter's PSID; the fake knows it only when told.
        match script.inbox_ids.get(&comment) {
            Some(inbox) => Json(json!({ "recipient_id": inbox, "message_id": format!("m_{n}") })).into_response(),
            None => Json(json!({ "message_id": format!("m_{n}") })).into_response(),
        }
    } else if request.is_comment_reply() {
        Json(json!({ "id": format!("{comment}_reply{n}") })).into_response()
    } else {
        Json(json!({ "success": true })).into_response()
    })
}

fn answer_send(script: &mut Script, request: &Recorded) -> Response {
    if let Some(scripted) = script.fail_next.pop_front().or_else(|| script.reject_all.clone()) {
        let mut response = (scripted.status, Json(scripted.body)).into_response();
        if let Some(seconds) = scripted.retry_after {
            response.headers_mut().insert("retry-after", HeaderValue::from(seconds));
        }
        return response;
    }
    script.next_id += 1;
    let n = script.next_id;
    let body = request.body.clone().unwrap_or(Value::Null);
    if body["messaging_product"] == "whatsapp" {
        let input = body.get("to").or_else(|| body.get("recipient")).cloned().unwrap_or(Value::Null);
        Json(json!({
            "messaging_product": "whatsapp",
            "contacts": [{ "input": input, "wa_id": input }],
            "messages": [{ "id": answer_id(n) }],
        }))
        .into_response()
    } else {
        Json(json!({ "recipient_id": body["recipient"]["id"], "message_id": format!("m_{n}") })).into_response()
    }
}

fn answer_profile(script: &Script, request: &Recorded) -> Response {
    let id = request.target().to_owned();
    let fields = request.query.get("fields").map(String::as_str).unwrap_or("");
    if script.timezone_unapproved && fields.split(',').any(|f| f == "timezone") {
        let body =
            error_body(100, Some(2_018_247), "(#100) Requires pages_user_timezone permission to access this field");
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    let fallback = script.default_name.clone().map(|n| (n, None));
    let Some((name, timezone)) = script.profiles.get(&id).or(fallback.as_ref()) else {
        let body = error_body(100, Some(33), "Unsupported get request. Object does not exist");
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    };
    let mut answer = json!({ "id": id });
    for field in fields.split(',') {
        match field {
            "first_name" => answer["first_name"] = json!(name),
            "name" => answer["name"] = json!(name),
            "timezone" => match timezone {
                Some(hours) => answer["timezone"] = json!(hours),
                None => {
                    let body = error_body(100, None, "(#100) Tried accessing nonexisting field (timezone)");
                    return (StatusCode::BAD_REQUEST, Json(body)).into_response();
                }
            },
            _ => {}
        }
    }
    Json(answer).into_response()
}

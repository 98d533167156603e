//! The Graph API client: sends replies through Meta's Send API (Messenger, Instagram) and the
//! WhatsApp Cloud API, with retries on temporary failures, and fetches customer profiles.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::RETRY_AFTER;
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::json;

use crate::channels::{BoxFuture, Channel, ConversationKey, Outbound, Profile, SendError, SendTag};
use crate::domain::templates::{Filled, ParamFormat};

/// Meta error codes that mean "try again later": temporary errors (1, 2) and rate limits.
const RETRYABLE_CODES: [i64; 8] = [1, 2, 4, 17, 32, 613, 130429, 131056];

/// Profiles are a nicety: a reply never waits long for one.
const PROFILE_TIMEOUT: Duration = Duration::from_secs(3);

/// How the client reaches the Graph API, and with which tokens.
#[derive(Clone)]
pub struct GraphSettings {
    /// Pinned API version, e.g. `https://graph.facebook.com/v25.0`; tests point it at a fake.
    pub base_url: String,
    /// The token for every Page and Page-linked Instagram account without its own.
    pub page_token: Option<String>,
    /// The token for every WhatsApp number without its own.
    pub whatsapp_token: Option<String>,
    /// Account id (Page id, Instagram account id, `phone_number_id`) → its own token.
    pub account_tokens: HashMap<String, String>,
    /// Per request, for sends.
    pub timeout: Duration,
    /// Tries per message part, the first one included.
    pub max_attempts: u32,
    /// The first retry waits up to this long; each next one up to twice as long.
    pub base_backoff: Duration,
    /// No wait between tries is longer, whatever the backoff or a `Retry-After` asks.
    pub max_backoff: Duration,
}

impl Default for GraphSettings {
    fn default() -> Self {
        Self {
            base_url: "https://graph.facebook.com/v25.0".to_owned(),
            page_token: None,
            whatsapp_token: None,
            account_tokens: HashMap::new(),
            timeout: Duration::from_secs(10),
            max_attempts: 4,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

/// Tokens are credentials: `Debug` says whether one is set, never what it is.
impl fmt::Debug for GraphSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |t: &Option<String>| t.as_ref().map(|_| "<redacted>");
        let mut accounts: Vec<&str> = self.account_tokens.keys().map(String::as_str).collect();
        accounts.sort_unstable();
        f.debug_struct("GraphSettings")
            .field("base_url", &self.base_url)
            .field("page_token", &redact(&self.page_token))
            .field("whatsapp_token", &redact(&self.whatsapp_token))
            .field("account_tokens", &format_args!("<redacted for {accounts:?}>"))
            .field("timeout", &self.timeout)
            .field("max_attempts", &self.max_attempts)
            .field("base_backoff", &self.base_backoff)
            .field("max_backoff", &self.max_backoff)
            .finish()
    }
}

/// Meta's error body: `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct GraphApiError {
    pub message: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub code: Option<i64>,
    pub error_subcode: Option<i64>,
    pub fbtrace_id: Option<String>,
}

impl GraphApiError {
    /// The `error` object of a Graph API answer, when the body is one.
    pub fn parse(body: &[u8]) -> Option<Self> {
        #[derive(Deserialize)]
        struct Envelope {
            error: GraphApiError,
        }
        serde_json::from_slice::<Envelope>(body).ok().map(|e| e.error)
    }
}

/// Sends through the Graph API; cheap to clone.
#[derive(Clone)]
pub struct GraphClient {
    http: reqwest::Client,
    settings: Arc<GraphSettings>,
    /// `settings.base_url`, parsed once (not on every call).
    base: reqwest::Url,
    /// Pages whose app may not read `timezone` (#100 / 2018247), with when
    /// Meta said so: not asked again for [`UNAPPROVED_FIELD_MEMORY`].
    no_timezone: Arc<std::sync::Mutex<HashMap<String, std::time::Instant>>>,
}

/// How long a refused `timezone` permission is remembered per Page (an
/// approval granted meanwhile is used from then on).
const UNAPPROVED_FIELD_MEMORY: Duration = Duration::from_secs(3600);

/// Meta's subcode for "this app may not read that field".
const UNAPPROVED_FIELD_SUBCODE: i64 = 2_018_247;

impl fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphClient").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl GraphClient {
    pub fn new(settings: GraphSettings) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder().connect_timeout(settings.timeout).build()?;
        let base = reqwest::Url::parse(settings.base_url.trim_end_matches('/'))
            .map_err(|e| anyhow::anyhow!("the Graph API's URL `{}` is not a URL: {e}", settings.base_url))?;
        if base.cannot_be_a_base() {
            anyhow::bail!("the Graph API's URL `{}` cannot have paths added", settings.base_url);
        }
        Ok(Self { http, settings: Arc::new(settings), base, no_timezone: Default::default() })
    }

    pub fn settings(&self) -> &GraphSettings {
        &self.settings
    }

    fn token_for(&self, key: &ConversationKey) -> Result<&str, SendError> {
        let default = match key.channel {
            Channel::Messenger | Channel::Instagram => &self.settings.page_token,
            Channel::Whatsapp => &self.settings.whatsapp_token,
        };
        self.settings
            .account_tokens
            .get(&key.account)
            .or(default.as_ref())
            .map(String::as_str)
            .ok_or_else(|| SendError::NoToken { channel: key.channel, account: key.account.clone() })
    }

    /// The base URL with `segments` added to its path.
    fn url(&self, segments: &[&str]) -> reqwest::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Sends `text`, split at the channel's limit, one part after the other; returns each
    /// part's message id. A part that fails ends the send: later parts are not sent.
    pub async fn send_text(&self, to: &ConversationKey, text: &str, tag: SendTag) -> Result<Vec<String>, SendError> {
        self.send_text_with(to, text, tag, None).await
    }

    /// [`GraphClient::send_text`] with WhatsApp's `biz_opaque_callback_data`
    /// set to `reference` (Meta's limit: 512 characters): every status of
    /// the message carries it back, so a reply whose answer was lost is still known.
    pub async fn send_text_with(
        &self,
        to: &ConversationKey,
        text: &str,
        tag: SendTag,
        reference: Option<&str>,
    ) -> Result<Vec<String>, SendError> {
        let token = self.token_for(to)?;
        // Instagram webhooks name the Instagram account, but a Page-linked
        // account sends through its Page: `me` is the Page of the token.
        let sender = if to.channel == Channel::Instagram { "me" } else { to.account.as_str() };
        let url = self.url(&[sender, "messages"]);
        let mut ids = Vec::new();
        for part in split_text(to.channel, text) {
            let mut body = message_body(to, &part, tag);
            if let Some(reference) = reference.filter(|_| to.channel == Channel::Whatsapp) {
                let end = reference.char_indices().nth(512).map_or(reference.len(), |(i, _)| i);
                body["biz_opaque_callback_data"] = json!(&reference[..end]);
            }
            ids.push(self.post_with_retries(to, &url, token, &body).await?);
        }
        Ok(ids)
    }

    /// Sends an approved template to a WhatsApp customer; returns its `wamid`.
    /// Only WhatsApp has templates; other channels are refused before any request.
    pub async fn send_template_message(&self, to: &ConversationKey, template: &Filled) -> Result<String, SendError> {
        if to.channel != Channel::Whatsapp {
            return Err(SendError::Rejected {
                http_status: 0,
                code: 0,
                subcode: None,
                message: format!("{} has no message templates", to.channel),
            });
        }
        let token = self.token_for(to)?;
        let url = self.url(&[to.account.as_str(), "messages"]);
        self.post_with_retries(to, &url, token, &template_body(to, template)).await
    }

    async fn post_with_retries(
        &self,
        to: &ConversationKey,
        url: &reqwest::Url,
        token: &str,
        body: &serde_json::Value,
    ) -> Result<String, SendError> {
        let channel = to.channel;
        self.post_reading(to, url, token, body, &|bytes| message_id(channel, bytes)).await
    }

    /// Answers a comment publicly: `POST /{comment-id}/comments` on Facebook,
    /// `POST /{ig-comment-id}/replies` on Instagram; returns the new comment's id.
    pub async fn comment_reply(&self, on: &ConversationKey, comment_id: &str, text: &str) -> Result<String, SendError> {
        let token = self.token_for(on)?;
        let edge = if on.channel == Channel::Instagram { "replies" } else { "comments" };
        let url = self.url(&[comment_id, edge]);
        self.post_reading(on, &url, token, &json!({ "message": text }), &|b| object_id(b, "id")).await
    }

    /// The Private Reply: the Send API with the comment as the recipient.
    /// Returns the message id and the customer's inbox id (`recipient_id`).
    pub async fn comment_private_reply(
        &self,
        on: &ConversationKey,
        comment_id: &str,
        text: &str,
    ) -> Result<(String, Option<String>), SendError> {
        let token = self.token_for(on)?;
        let sender = if on.channel == Channel::Instagram { "me" } else { on.account.as_str() };
        let url = self.url(&[sender, "messages"]);
        let body = json!({ "recipient": { "comment_id": comment_id }, "message": { "text": text } });
        let both = self
            .post_reading(on, &url, token, &body, &|b| {
                let id = object_id(b, "message_id")?;
                Some(format!("{id}\n{}", object_id(b, "recipient_id").unwrap_or_default()))
            })
            .await?;
        let (id, recipient) = both.split_once('\n').unwrap_or((both.as_str(), ""));
        Ok((id.to_string(), Some(recipient.to_string()).filter(|r| !r.is_empty())))
    }

    /// Hides a comment: `is_hidden=true` on Facebook, `hide=true` on Instagram.
    pub async fn comment_hide(&self, on: &ConversationKey, comment_id: &str) -> Result<(), SendError> {
        let token = self.token_for(on)?;
        let url = self.url(&[comment_id]);
        let body =
            if on.channel == Channel::Instagram { json!({ "hide": true }) } else { json!({ "is_hidden": true }) };
        self.post_reading(on, &url, token, &body, &|b| {
            let v: serde_json::Value = serde_json::from_slice(b).ok()?;
            (v["success"] == true || v["id"].is_string()).then(String::new)
        })
        .await
        .map(|_| ())
    }

    /// Posts `body` with the retry rules of sends; `read` takes what the
    /// caller needs from a successful answer (`None`: unreadable, perhaps done).
    async fn post_reading(
        &self,
        to: &ConversationKey,
        url: &reqwest::Url,
        token: &str,
        body: &serde_json::Value,
        read: &(dyn Fn(&[u8]) -> Option<String> + Sync),
    ) -> Result<String, SendError> {
        let max_attempts = self.settings.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let failure = match self.post_once(url, token, body, read).await {
                Ok(id) => return Ok(id),
                Err(failure) => failure,
            };
            failure.log(to, attempt, token);
            if failure.http_status.is_none() && failure.maybe_sent {
                // A timeout or a connection dropped after the request went
                // out: Meta may have sent it. Sending again could reach the
                // customer twice, so it is not, and a person is told.
                return Err(SendError::Unconfirmed { attempts: attempt, last: failure.describe(token) });
            }
            if !failure.is_retryable() {
                return Err(failure.into_rejected(token));
            }
            if attempt >= max_attempts {
                return Err(SendError::GaveUp {
                    attempts: attempt,
                    code: failure.api.as_ref().and_then(|e| e.code),
                    last: failure.describe(token),
                });
            }
            tokio::time::sleep(self.backoff(attempt, failure.retry_after)).await;
        }
    }

    async fn post_once(
        &self,
        url: &reqwest::Url,
        token: &str,
        body: &serde_json::Value,
        read: &(dyn Fn(&[u8]) -> Option<String> + Sync),
    ) -> Result<String, Failure> {
        let response =
            self.http.post(url.clone()).bearer_auth(token).timeout(self.settings.timeout).json(body).send().await?;
        let status = response.status();
        let retry_after = retry_after(&response);
        let bytes = response.bytes().await?;
        if status.is_success() {
            return read(&bytes).ok_or_else(|| Failure {
                http_status: Some(status),
                api: None,
                retry_after: None,
                transport: Some("success without a message id".to_owned()),
                maybe_sent: true,
            });
        }
        Err(Failure {
            http_status: Some(status),
            api: GraphApiError::parse(&bytes),
            retry_after,
            transport: None,
            maybe_sent: true,
        })
    }

    /// Full jitter: a uniform wait in `[0, min(max, base · 2^(attempt-1))]`, so clients that
    /// failed together do not retry together. A `Retry-After` wins, capped the same way.
    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let max = self.settings.max_backoff;
        if let Some(wait) = retry_after {
            return wait.min(max);
        }
        let exp = self.settings.base_backoff.saturating_mul(1u32 << (attempt - 1).min(20));
        let ceiling = u64::try_from(exp.min(max).as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::random_range(0..=ceiling))
    }

    /// What the platform says of a customer: Messenger's first name (and time zone, when the
    /// app may read it), Instagram's name. WhatsApp gives the name with the webhook instead.
    pub async fn fetch_profile(&self, who: &ConversationKey) -> Result<Profile, SendError> {
        match who.channel {
            Channel::Whatsapp => Ok(Profile::default()),
            Channel::Messenger => {
                let token = self.token_for(who)?;
                // `timezone` needs its own permission, and asking for an unapproved field fails
                // the whole call: hence a second call, at the same time, whose failure costs
                // nothing; a Page known to lack the permission is not asked.
                let ask_timezone = !self.timezone_refused(&who.account);
                let (first, timezone) = tokio::join!(self.get_fields(who, token, "first_name", true), async {
                    if ask_timezone {
                        Some(self.get_fields(who, token, "timezone", false).await)
                    } else {
                        None
                    }
                });
                let offset = match timezone {
                    Some(Err(SendError::Rejected { subcode: Some(UNAPPROVED_FIELD_SUBCODE), .. })) => {
                        tracing::info!(account = %who.account, "the app may not read `timezone` on this Page: not asked for an hour");
                        self.no_timezone
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(who.account.clone(), std::time::Instant::now());
                        None
                    }
                    Some(t) => t.ok().and_then(|p| p.timezone),
                    None => None,
                };
                Ok(Profile { first_name: first?.first_name.filter(|n| !n.is_empty()), utc_offset_hours: offset })
            }
            Channel::Instagram => {
                let token = self.token_for(who)?;
                let fields = self.get_fields(who, token, "name", true).await?;
                let first_name = fields.name.as_deref().and_then(|n| n.split_whitespace().next()).map(str::to_owned);
                Ok(Profile { first_name, utc_offset_hours: None })
            }
        }
    }

    fn timezone_refused(&self, account: &str) -> bool {
        let refused = self.no_timezone.lock().unwrap_or_else(|e| e.into_inner());
        refused.get(account).is_some_and(|at| at.elapsed() < UNAPPROVED_FIELD_MEMORY)
    }

    /// One profile GET; `loud`: a failure is logged as a warning (an
    /// optional field's failure only at debug level).
    async fn get_fields(
        &self,
        who: &ConversationKey,
        token: &str,
        fields: &str,
        loud: bool,
    ) -> Result<ProfileFields, SendError> {
        let url = self.url(&[&who.customer]);
        let timeout = self.settings.timeout.min(PROFILE_TIMEOUT);
        let result: Result<ProfileFields, Failure> = async {
            let response =
                self.http.get(url).query(&[("fields", fields)]).bearer_auth(token).timeout(timeout).send().await?;
            let status = response.status();
            let bytes = response.bytes().await?;
            if status.is_success() {
                return serde_json::from_slice(&bytes).map_err(|e| Failure {
                    http_status: Some(status),
                    api: None,
                    retry_after: None,
                    transport: Some(format!("unreadable profile: {e}")),
                    maybe_sent: true,
                });
            }
            Err(Failure {
                http_status: Some(status),
                api: GraphApiError::parse(&bytes),
                retry_after: None,
                transport: None,
                maybe_sent: true,
            })
        }
        .await;
        result.map_err(|failure| {
            if loud {
                failure.log(who, 1, token);
            } else {
                tracing::debug!(account = %who.account, fields, error = %failure.describe(token), "optional profile field refused");
            }
            // A GET changes nothing: a transport failure is only temporary here.
            if failure.is_retryable() || failure.http_status.is_none() {
                SendError::GaveUp {
                    attempts: 1,
                    code: failure.api.as_ref().and_then(|e| e.code),
                    last: failure.describe(token),
                }
            } else {
                failure.into_rejected(token)
            }
        })
    }
}

impl Outbound for GraphClient {
    fn send<'a>(
        &'a self,
        to: &'a ConversationKey,
        text: &'a str,
        tag: SendTag,
    ) -> BoxFuture<'a, Result<Vec<String>, SendError>> {
        Box::pin(self.send_text(to, text, tag))
    }

    fn send_reply<'a>(
        &'a self,
        to: &'a ConversationKey,
        text: &'a str,
        tag: SendTag,
        reference: &'a str,
    ) -> BoxFuture<'a, Result<Vec<String>, SendError>> {
        Box::pin(self.send_text_with(to, text, tag, Some(reference)))
    }

    fn send_template<'a>(
        &'a self,
        to: &'a ConversationKey,
        template: &'a Filled,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(self.send_template_message(to, template))
    }

    fn reply_to_comment<'a>(
        &'a self,
        on: &'a ConversationKey,
        comment_id: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(self.comment_reply(on, comment_id, text))
    }

    fn private_reply<'a>(
        &'a self,
        on: &'a ConversationKey,
        comment_id: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<(String, Option<String>), SendError>> {
        Box::pin(self.comment_private_reply(on, comment_id, text))
    }

    fn hide_comment<'a>(
        &'a self,
        on: &'a ConversationKey,
        comment_id: &'a str,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(self.comment_hide(on, comment_id))
    }

    fn profile<'a>(&'a self, who: &'a ConversationKey) -> BoxFuture<'a, Result<Profile, SendError>> {
        Box::pin(self.fetch_profile(who))
    }
}

/// A string (or number) field of a JSON answer.
fn object_id(body: &[u8], field: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    match &v[field] {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[derive(Deserialize)]
struct ProfileFields {
    first_name: Option<String>,
    name: Option<String>,
    timezone: Option<f64>,
}

/// One failed request, kept whole until we know whether it is retried, rejected or the last.
#[derive(Debug)]
struct Failure {
    http_status: Option<StatusCode>,
    api: Option<GraphApiError>,
    retry_after: Option<Duration>,
    /// Timeouts, refused connections, unreadable answers.
    transport: Option<String>,
    /// The request may have reached the Graph API (anything but a failed
    /// connection): without its answer nobody knows whether it was sent.
    maybe_sent: bool,
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        // `without_url`: the URL carries no token, but it does carry the customer's id.
        let maybe_sent = !e.is_connect();
        Self {
            http_status: None,
            api: None,
            retry_after: None,
            transport: Some(e.without_url().to_string()),
            maybe_sent,
        }
    }
}

impl Failure {
    fn is_retryable(&self) -> bool {
        if let Some(code) = self.api.as_ref().and_then(|e| e.code) {
            if RETRYABLE_CODES.contains(&code) {
                return true;
            }
        }
        match self.http_status {
            // Only a request that never reached Meta is safe to send again.
            None => !self.maybe_sent,
            Some(status) if status.is_server_error() => true,
            // A 429 without Meta's body is still a rate limit.
            Some(StatusCode::TOO_MANY_REQUESTS) => self.api.as_ref().and_then(|e| e.code).is_none(),
            // A 200 we could not read: the message may have gone out, so sending again could
            // send it twice.
            Some(_) => false,
        }
    }

    fn into_rejected(self, token: &str) -> SendError {
        let api = self.api.unwrap_or_default();
        let message = match &self.transport {
            Some(t) => t.clone(),
            None if api.message.is_empty() => "no Graph API error body".to_owned(),
            None => redact(&api.message, token),
        };
        SendError::Rejected {
            http_status: self.http_status.map_or(0, |s| s.as_u16()),
            code: api.code.unwrap_or(0),
            subcode: api.error_subcode,
            message,
        }
    }

    fn describe(&self, token: &str) -> String {
        let mut out = String::new();
        if let Some(status) = self.http_status {
            out.push_str(&format!("HTTP {}", status.as_u16()));
        }
        if let Some(api) = &self.api {
            if let Some(code) = api.code {
                out.push_str(&format!(", code {code}"));
            }
            if let Some(subcode) = api.error_subcode {
                out.push_str(&format!(", subcode {subcode}"));
            }
            if !api.message.is_empty() {
                out.push_str(&format!(": {}", redact(&api.message, token)));
            }
        }
        if let Some(transport) = &self.transport {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(transport);
        }
        out
    }

    fn log(&self, to: &ConversationKey, attempt: u32, token: &str) {
        let api = self.api.as_ref();
        tracing::warn!(
            channel = %to.channel,
            account = %to.account,
            attempt,
            http_status = self.http_status.map(|s| s.as_u16()),
            code = api.and_then(|e| e.code),
            subcode = api.and_then(|e| e.error_subcode),
            fbtrace_id = api.and_then(|e| e.fbtrace_id.as_deref()),
            error_type = api.and_then(|e| e.kind.as_deref()),
            retryable = self.is_retryable(),
            error = %self.describe(token),
            "Graph API request failed"
        );
    }
}

/// Meta's "Malformed access token EAAG…" quotes the token back: never pass that on.
fn redact(message: &str, token: &str) -> String {
    if token.is_empty() {
        return message.to_owned();
    }
    message.replace(token, "<redacted>")
}

fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn message_body(to: &ConversationKey, text: &str, tag: SendTag) -> serde_json::Value {
    match to.channel {
        Channel::Messenger | Channel::Instagram => {
            let mut body = json!({
                "recipient": { "id": to.customer },
                "messaging_type": "RESPONSE",
                "message": { "text": text },
            });
            if tag == SendTag::HumanAgent {
                body["messaging_type"] = json!("MESSAGE_TAG");
                body["tag"] = json!("HUMAN_AGENT");
            }
            body
        }
        Channel::Whatsapp => {
            // A business-scoped user id (`CC.digits`) goes in `recipient`; `to` takes phone numbers.
            let address = if is_bsuid(&to.customer) { "recipient" } else { "to" };
            let mut body = json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "type": "text",
                "text": { "preview_url": false, "body": text },
            });
            body[address] = json!(to.customer);
            body
        }
    }
}

/// The Cloud API's `type: "template"` body: the body component's text
/// parameters in placeholder order, each with its `parameter_name` when the
/// template was created with named parameters.
fn template_body(to: &ConversationKey, t: &Filled) -> serde_json::Value {
    let address = if is_bsuid(&to.customer) { "recipient" } else { "to" };
    let parameters: Vec<serde_json::Value> = t
        .parameters
        .iter()
        .map(|(p, text)| match t.format {
            ParamFormat::Positional => json!({"type": "text", "text": text}),
            ParamFormat::Named => json!({"type": "text", "parameter_name": p.as_str(), "text": text}),
        })
        .collect();
    let mut template = json!({"name": t.name, "language": {"code": t.code}});
    if !parameters.is_empty() {
        template["components"] = json!([{"type": "body", "parameters": parameters}]);
    }
    let mut body = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "type": "template",
        "template": template,
    });
    body[address] = json!(to.customer);
    body
}

fn is_bsuid(customer: &str) -> bool {
    customer.contains('.')
}

fn message_id(channel: Channel, body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct SendAnswer {
        message_id: Option<String>,
        #[serde(default)]
        messages: Vec<WaMessageId>,
    }
    #[derive(Deserialize)]
    struct WaMessageId {
        id: String,
    }
    let answer: SendAnswer = serde_json::from_slice(body).ok()?;
    match channel {
        Channel::Whatsapp => answer.messages.into_iter().next().map(|m| m.id),
        Channel::Messenger | Channel::Instagram => answer.message_id,
    }
    .filter(|id| !id.is_empty())
}

// ---------------------------------------------------------------------------------------------
// Splitting.

/// The longest text one message may carry: Messenger and WhatsApp count characters, Instagram
/// counts bytes of UTF-8.
fn fits(channel: Channel, text: &str) -> bool {
    match channel {
        Channel::Messenger => text.chars().nth(2000).is_none(),
        Channel::Whatsapp => text.chars().nth(4096).is_none(),
        Channel::Instagram => text.len() <= 1000,
    }
}

/// The byte index where the longest prefix of `text` that fits ends (a char boundary).
fn longest_fitting_prefix(channel: Channel, text: &str) -> usize {
    let by_chars = |limit: usize| text.char_indices().nth(limit).map_or(text.len(), |(i, _)| i);
    match channel {
        Channel::Messenger => by_chars(2000),
        Channel::Whatsapp => by_chars(4096),
        Channel::Instagram => text.floor_char_boundary(1000),
    }
}

/// Splits `text` into parts that each fit one message of `channel`.
///
/// Cuts at the last line break in the second half of a part, else at the last whitespace, else
/// (one word longer than a message) at a character boundary. The whitespace at a cut, and at
/// both ends of the text, is dropped; an empty or blank text gives no parts.
pub fn split_text(channel: Channel, text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if fits(channel, rest) {
            parts.push(rest.to_owned());
            break;
        }
        let end = longest_fitting_prefix(channel, rest);
        let window = &rest[..end];
        let cut = if rest[end..].starts_with(char::is_whitespace) {
            Some(end)
        } else {
            window
                .rfind('\n')
                .filter(|&i| i >= window.len() / 2)
                .or_else(|| window.rfind(char::is_whitespace))
                .filter(|&i| i > 0)
        };
        match cut {
            Some(cut) => {
                parts.push(rest[..cut].trim_end().to_owned());
                rest = rest[cut..].trim_start();
            }
            None => {
                parts.push(window.to_owned());
                rest = &rest[end..];
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn limit_ok(channel: Channel, part: &str) -> bool {
        match channel {
            Channel::Messenger => part.chars().count() <= 2000,
            Channel::Whatsapp => part.chars().count() <= 4096,
            Channel::Instagram => part.len() <= 1000,
        }
    }

    /// Every part fits, is non-empty and trimmed; the parts are the text in order with only
    /// whitespace between them; a cut inside a word happens only in a part with no whitespace.
    fn check_split(channel: Channel, text: &str, parts: &[String]) {
        let mut pos = 0;
        for part in parts {
            assert!(!part.is_empty());
            assert!(limit_ok(channel, part), "part too long: {} chars, {} bytes", part.chars().count(), part.len());
            assert_eq!(part.trim(), part);
            let skipped = &text[pos..];
            let start = skipped.len() - skipped.trim_start().len();
            pos += start;
            assert!(text[pos..].starts_with(part.as_str()), "part not found in order");
            pos += part.len();
            if text[pos..].chars().next().is_some_and(|c| !c.is_whitespace()) {
                assert!(!part.contains(char::is_whitespace), "cut inside a word while whitespace was available");
            }
        }
        assert!(text[pos..].trim().is_empty(), "text left over");
    }

    #[test]
    fn short_text_is_one_trimmed_part() {
        assert_eq!(split_text(Channel::Messenger, "  hello there \n"), vec!["hello there"]);
    }

    #[test]
    fn blank_text_gives_no_part() {
        assert!(split_text(Channel::Whatsapp, " \n\t ").is_empty());
        assert!(split_text(Channel::Whatsapp, "").is_empty());
    }

    #[test]
    fn messenger_cuts_at_the_last_space_before_2000_chars() {
        let text = format!("{} {}", "a".repeat(1500), "b".repeat(1000));
        let parts = split_text(Channel::Messenger, &text);
        assert_eq!(parts, vec!["a".repeat(1500), "b".repeat(1000)]);
    }

    #[test]
    fn exactly_the_limit_is_one_part() {
        let text = "é".repeat(2000);
        assert_eq!(split_text(Channel::Messenger, &text).len(), 1);
        assert_eq!(split_text(Channel::Messenger, &format!("{text}é")).len(), 2);
        assert_eq!(split_text(Channel::Whatsapp, &"x".repeat(4096)).len(), 1);
        assert_eq!(split_text(Channel::Whatsapp, &"x".repeat(4097)).len(), 2);
    }

    #[test]
    fn instagram_counts_bytes_and_cuts_at_a_char_boundary() {
        // 600 two-byte characters: 1,200 bytes, one over-long word.
        let text = "é".repeat(600);
        let parts = split_text(Channel::Instagram, &text);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].len(), 1000);
        assert_eq!(parts[1].len(), 200);
        // A three-byte character straddling byte 1,000 goes whole to the next part.
        let text = format!("{}€€", "a".repeat(999));
        let parts = split_text(Channel::Instagram, &text);
        assert_eq!(parts, vec!["a".repeat(999), "€€".to_owned()]);
    }

    #[test]
    fn a_line_break_late_in_the_window_is_preferred() {
        let text = format!("{}\n{} {}", "a ".repeat(600).trim_end(), "b ".repeat(300).trim_end(), "c".repeat(1500));
        let parts = split_text(Channel::Messenger, &text);
        assert_eq!(parts[0], "a ".repeat(600).trim_end());
        check_split(Channel::Messenger, &text, &parts);
    }

    #[test]
    fn a_space_right_after_the_window_is_a_clean_cut() {
        let text = format!("{} tail", "w".repeat(2000));
        assert_eq!(split_text(Channel::Messenger, &text), vec!["w".repeat(2000), "tail".to_owned()]);
    }

    fn channels() -> impl Strategy<Value = Channel> {
        prop_oneof![Just(Channel::Messenger), Just(Channel::Instagram), Just(Channel::Whatsapp)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn parts_fit_and_join_back_to_the_text(
            channel in channels(),
            words in prop::collection::vec(("[a-zé€😀]{0,300}", prop_oneof![Just(" "), Just("\n"), Just("  \t"), Just("")]), 0..60),
        ) {
            let text: String = words.iter().map(|(w, sep)| format!("{w}{sep}")).collect();
            let parts = split_text(channel, &text);
            check_split(channel, &text, &parts);
        }
    }

    #[test]
    fn urls_are_the_base_with_the_ids_added() {
        for base in ["http://127.0.0.1:9/v25.0", "http://127.0.0.1:9/v25.0/", "https://graph.facebook.com/v25.0"] {
            let client = GraphClient::new(GraphSettings { base_url: base.into(), ..GraphSettings::default() }).unwrap();
            let root = base.trim_end_matches('/');
            assert_eq!(client.url(&["123", "messages"]).as_str(), format!("{root}/123/messages"));
            assert_eq!(client.url(&["me", "messages"]).as_str(), format!("{root}/me/messages"));
            assert_eq!(client.url(&["4567"]).as_str(), format!("{root}/4567"));
        }
        // An id is one path segment, whatever it holds.
        let client = GraphClient::new(GraphSettings::default()).unwrap();
        assert_eq!(client.url(&["a/b?c"]).as_str(), "https://graph.facebook.com/v25.0/a%2Fb%3Fc");
        let err = GraphClient::new(GraphSettings { base_url: "http://[::1".into(), ..GraphSettings::default() });
        assert!(err.unwrap_err().to_string().contains("http://[::1"));
    }

    #[test]
    fn debug_output_redacts_every_token() {
        let settings = GraphSettings {
            page_token: Some("EAAG-page-secret".into()),
            whatsapp_token: Some("EAAG-wa-secret".into()),
            account_tokens: HashMap::from([("123".to_owned(), "EAAG-account-secret".to_owned())]),
            ..GraphSettings::default()
        };
        let client = GraphClient::new(settings.clone()).unwrap();
        for out in [format!("{settings:?}"), format!("{client:?}"), format!("{settings:#?}")] {
            assert!(!out.contains("secret"), "{out}");
            assert!(out.contains("<redacted"), "{out}");
            assert!(out.contains("123"), "{out}");
        }
    }

    #[test]
    fn error_bodies_parse() {
        let body = br#"{"error":{"message":"(#100) No matching user found","type":"OAuthException","code":100,"error_subcode":2018001,"fbtrace_id":"AbC"}}"#;
        let e = GraphApiError::parse(body).unwrap();
        assert_eq!(e.code, Some(100));
        assert_eq!(e.error_subcode, Some(2018001));
        assert_eq!(e.kind.as_deref(), Some("OAuthException"));
        assert_eq!(e.fbtrace_id.as_deref(), Some("AbC"));
        assert_eq!(GraphApiError::parse(b"<html>bad gateway</html>"), None);
    }

    #[test]
    fn a_token_quoted_in_an_error_is_redacted() {
        assert_eq!(redact("Malformed access token EAAGsecret", "EAAGsecret"), "Malformed access token <redacted>");
    }

    #[test]
    fn backoff_stays_within_its_ceiling() {
        let client = GraphClient::new(GraphSettings {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            ..GraphSettings::default()
        })
        .unwrap();
        for _ in 0..200 {
            assert!(client.backoff(1, None) <= Duration::from_millis(100));
            assert!(client.backoff(2, None) <= Duration::from_millis(200));
            assert!(client.backoff(30, None) <= Duration::from_millis(350));
        }
        assert_eq!(client.backoff(1, Some(Duration::from_secs(60))), Duration::from_millis(350));
        assert_eq!(client.backoff(1, Some(Duration::from_millis(10))), Duration::from_millis(10));
    }

    #[test]
    fn whatsapp_bodies_address_phone_numbers_and_bsuids() {
        let phone = ConversationKey { channel: Channel::Whatsapp, account: "N".into(), customer: "31612345678".into() };
        let body = message_body(&phone, "hi", SendTag::Response);
        assert_eq!(body["to"], "31612345678");
        assert!(body.get("recipient").is_none());
        let bsuid = ConversationKey { customer: "NL.1502576394655843".into(), ..phone };
        let body = message_body(&bsuid, "hi", SendTag::Response);
        assert_eq!(body["recipient"], "NL.1502576394655843");
        assert!(body.get("to").is_none());
    }

    #[test]
    fn template_bodies_carry_positional_or_named_parameters() {
        use crate::domain::templates::{Filled, TemplateParam};
        use crate::domain::Lang;
        let mut filled = Filled {
            purpose: "follow_up".into(),
            name: "northwind_follow_up".into(),
            lang: Lang::parse("nb").unwrap(),
            code: "nb".into(),
            format: ParamFormat::Positional,
            parameters: vec![(TemplateParam::FirstName, "Kari".into()), (TemplateParam::CaseReference, "7".into())],
            text: String::new(),
        };
        let phone = ConversationKey { channel: Channel::Whatsapp, account: "N".into(), customer: "4791234567".into() };
        let body = template_body(&phone, &filled);
        assert_eq!(
            body,
            json!({
                "messaging_product": "whatsapp", "recipient_type": "individual", "to": "4791234567",
                "type": "template",
                "template": {"name": "northwind_follow_up", "language": {"code": "nb"},
                    "components": [{"type": "body", "parameters": [
                        {"type": "text", "text": "Kari"}, {"type": "text", "text": "7"}]}]}
            })
        );
        filled.format = ParamFormat::Named;
        let bsuid = ConversationKey { customer: "NO.880011".into(), ..phone.clone() };
        let body = template_body(&bsuid, &filled);
        assert_eq!(body["recipient"], "NO.880011");
        assert!(body.get("to").is_none());
        assert_eq!(
            body["template"]["components"][0]["parameters"][1],
            json!({"type": "text", "parameter_name": "case_reference", "text": "7"})
        );
        filled.parameters.clear();
        assert!(template_body(&phone, &filled)["template"].get("components").is_none());
    }
}

//! The channels customers write through, as the rest of the bot sees them:
//! who a conversation is with, the events a webhook carries, and the
//! [`Outbound`] port that sends a reply back.

pub mod comments;
pub mod meta;
pub mod terminal;

pub use comments::{Comment, CommentVerb};

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

/// A channel of Meta's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Messenger,
    Instagram,
    Whatsapp,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Messenger => "messenger",
            Channel::Instagram => "instagram",
            Channel::Whatsapp => "whatsapp",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "messenger" => Some(Channel::Messenger),
            "instagram" => Some(Channel::Instagram),
            "whatsapp" => Some(Channel::Whatsapp),
            _ => None,
        }
    }

    /// The platform, as the core's reply-window rules name it.
    pub fn platform(self) -> crate::domain::Platform {
        match self {
            Channel::Messenger => crate::domain::Platform::Messenger,
            Channel::Instagram => crate::domain::Platform::Instagram,
            Channel::Whatsapp => crate::domain::Platform::Whatsapp,
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One conversation: a customer writing to one Page, Instagram account or
/// WhatsApp number. `account` is the Page id, the Instagram professional
/// account id or the WhatsApp `phone_number_id`; `customer` the PSID, the
/// IGSID or the WhatsApp id (`wa_id`, or the business-scoped user id when
/// the platform gives no phone number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct ConversationKey {
    pub channel: Channel,
    pub account: String,
    pub customer: String,
}

/// For logs: a WhatsApp customer id is a phone number, so only its last
/// four characters are shown (`whatsapp:106540000000004:…4321`); enough to
/// tell conversations apart in a log, not to call anyone.
impl std::fmt::Display for ConversationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.channel == Channel::Whatsapp {
            let tail: String = self.customer.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
            return write!(f, "{}:{}:…{tail}", self.channel, self.account);
        }
        write!(f, "{}:{}:{}", self.channel, self.account, self.customer)
    }
}

/// A message from a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerMessage {
    pub key: ConversationKey,
    /// The platform's message id (`mid` or `wamid`): the deduplication key.
    pub mid: String,
    /// The platform's timestamp, milliseconds since the epoch.
    pub timestamp_ms: i64,
    /// The text, when there is one (a caption, a quick reply's title, a postback's title).
    pub text: Option<String>,
    /// Attachment types (`image`, `audio`, `sticker`, `like_heart`, ...).
    #[serde(default)]
    pub attachments: Vec<String>,
    /// The name the platform gave with the event (WhatsApp's contact name).
    #[serde(default)]
    pub customer_name: Option<String>,
    /// The mid this message replies to, when it is a reply.
    #[serde(default)]
    pub reply_to: Option<String>,
}

impl CustomerMessage {
    /// A sticker, a like or a reaction-like attachment with no text: not a
    /// complaint, not a question; nothing to answer on its own.
    pub fn is_sticker_only(&self) -> bool {
        self.text.as_deref().is_none_or(|t| t.trim().is_empty())
            && !self.attachments.is_empty()
            && self.attachments.iter().all(|a| matches!(a.as_str(), "sticker" | "like_heart" | "like"))
    }
}

impl CustomerMessage {
    /// No words and nothing attached (an empty text, spaces): nothing was
    /// said, so nothing is answered and no case is opened.
    pub fn is_empty(&self) -> bool {
        self.text.as_deref().is_none_or(|t| t.trim().is_empty()) && self.attachments.is_empty()
    }

    /// The customer mentioned the brand in their own Instagram story, with
    /// no words to us: a post for the social team, not a request for care.
    pub fn is_story_mention_only(&self) -> bool {
        self.text.as_deref().is_none_or(|t| t.trim().is_empty())
            && !self.attachments.is_empty()
            && self.attachments.iter().all(|a| a == "story_mention")
    }
}

/// Everything a webhook can carry, parsed into what the bot acts on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A customer wrote: handle it.
    Message(CustomerMessage),
    /// A message the Page / account / number sent (Messenger and Instagram
    /// echoes). Ours when `app_id` is our app's; otherwise a person (or
    /// another app) answered from another inbox.
    Echo {
        key: ConversationKey,
        mid: String,
        app_id: Option<String>,
        /// What was sent (a person's reply from another inbox goes in the transcript).
        #[serde(default)]
        text: Option<String>,
        timestamp_ms: i64,
    },
    /// The conversation is controlled by someone else (Conversation
    /// Routing's `standby` events): a person is handling it.
    Standby { key: ConversationKey, timestamp_ms: i64 },
    /// The thread was passed to the app `app_id` (Messenger's and
    /// Instagram's `pass_thread_control`): when it is ours, the person who
    /// had it is done and the bot answers again.
    ControlPassed { key: ConversationKey, app_id: Option<String>, timestamp_ms: i64 },
    /// A customer's public comment under a post of the Page or Instagram
    /// account (added, edited or removed).
    Comment(Comment),
    /// The customer edited an earlier message.
    Edit { key: ConversationKey, mid: String, text: String, timestamp_ms: i64 },
    /// The status of a message we sent (WhatsApp `statuses[]`).
    Status {
        key: ConversationKey,
        /// Our message's id (`wamid`).
        mid: String,
        /// `sent`, `delivered`, `read` or `failed`.
        status: String,
        /// Meta's error code and title when `failed`.
        error_code: Option<i64>,
        error_title: Option<String>,
        timestamp_ms: i64,
        /// What Meta bills for the message (`statuses[].pricing`), when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pricing: Option<Pricing>,
        /// `biz_opaque_callback_data`: the reference we sent the message
        /// with ([`Outbound::send_reply`]), so a status names our reply even
        /// when the send's own answer (with the `wamid`) never came.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
    },
    /// A WhatsApp template's review or quality changed
    /// (`message_template_status_update`): `event` is Meta's `APPROVED`,
    /// `PAUSED`, `DISABLED`, `REJECTED`, … Paused and disabled templates
    /// are refused at send time (132015, 132016).
    TemplateStatus { name: String, language: String, event: String, reason: Option<String> },
    /// Recognised and deliberately not answered: delivery and read
    /// receipts, reactions, deletes, unsupported messages.
    Ignored { key: Option<ConversationKey>, what: String },
    /// A part of a webhook body that could not be read (a missing id, a
    /// field of an unexpected type). The rest of the body is handled; this
    /// part is kept whole in the dead-letter log for a person, since Meta
    /// would deliver the same bytes again.
    Unreadable {
        channel: Channel,
        /// The customer's conversation, when the part names one: a person
        /// hears of it in that customer's case.
        #[serde(default)]
        key: Option<ConversationKey>,
        /// Where and what: `entry[0].messaging[1].sender.id: missing`.
        reason: String,
        /// The unreadable part's JSON, as received.
        raw: String,
    },
}

impl Event {
    pub fn key(&self) -> Option<&ConversationKey> {
        match self {
            Event::Message(m) => Some(&m.key),
            Event::Comment(c) => Some(&c.key),
            Event::Echo { key, .. }
            | Event::Standby { key, .. }
            | Event::ControlPassed { key, .. }
            | Event::Edit { key, .. }
            | Event::Status { key, .. } => Some(key),
            Event::Ignored { key, .. } | Event::Unreadable { key, .. } => key.as_ref(),
            Event::TemplateStatus { .. } => None,
        }
    }

    /// Can handling this event change its conversation's record? Delivery
    /// and read receipts, reactions and statuses other than `failed` do not:
    /// they are handled without taking the conversation's lock.
    pub fn changes_conversation(&self) -> bool {
        match self {
            Event::Ignored { .. } | Event::TemplateStatus { .. } => false,
            // A customer's unreadable message opens a case for them.
            Event::Unreadable { key, .. } => key.is_some(),
            // A status carrying our reference may confirm a reply whose send
            // was not confirmed (or re-send one Meta failed).
            Event::Status { status, reference, .. } => status == "failed" || reference.is_some(),
            _ => true,
        }
    }

    pub fn timestamp_ms(&self) -> i64 {
        match self {
            Event::Message(m) => m.timestamp_ms,
            Event::Comment(c) => c.timestamp_ms,
            Event::Echo { timestamp_ms, .. }
            | Event::Standby { timestamp_ms, .. }
            | Event::ControlPassed { timestamp_ms, .. }
            | Event::Edit { timestamp_ms, .. }
            | Event::Status { timestamp_ms, .. } => *timestamp_ms,
            Event::Ignored { .. } | Event::Unreadable { .. } | Event::TemplateStatus { .. } => 0,
        }
    }
}

/// `statuses[].pricing` of a WhatsApp status webhook: whether and how Meta
/// bills the message (per-message pricing, `PMP`, since July 2025).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pricing {
    /// Deprecated by Meta with per-message pricing, still sent: `type` says more.
    #[serde(default)]
    pub billable: Option<bool>,
    #[serde(default)]
    pub pricing_model: Option<String>,
    /// `service`, `utility`, `marketing`, `authentication`, …
    #[serde(default)]
    pub category: Option<String>,
    /// `regular` (billed), `free_customer_service`, `free_entry_point`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl Pricing {
    /// Meta bills the message: `type: regular`, or `billable: true` from a
    /// sender that gives no `type`.
    pub fn billed(&self) -> bool {
        match self.kind.as_deref() {
            Some(kind) => kind == "regular",
            None => self.billable == Some(true),
        }
    }
}

/// How a reply is sent on Messenger and Instagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendTag {
    /// `messaging_type: RESPONSE`, inside the 24-hour window (the bot's replies).
    Response,
    /// `MESSAGE_TAG` / `HUMAN_AGENT`: a person's reply up to 7 days later.
    HumanAgent,
}

/// Why a reply could not be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum SendError {
    /// Meta refused it and retrying will not help (invalid token, outside
    /// the window, person unavailable, ...).
    #[error("rejected by the Graph API (HTTP {http_status}, code {code}{}): {message}", subcode.map(|s| format!(", subcode {s}")).unwrap_or_default())]
    Rejected { http_status: u16, code: i64, subcode: Option<i64>, message: String },
    /// Temporary failures (5xx, timeouts, rate limits) until the retries ran out.
    #[error("gave up after {attempts} attempts: {last}")]
    GaveUp { attempts: u32, code: Option<i64>, last: String },
    /// The request may have reached Meta but its answer never came (a
    /// timeout, a connection dropped after the request went out): it may
    /// have been sent, so it is not sent again (at most once per reply).
    #[error("not confirmed after {attempts} attempt(s), perhaps sent: {last}")]
    Unconfirmed { attempts: u32, last: String },
    /// No access token is configured for this account.
    #[error("no access token configured for {channel} account {account}")]
    NoToken { channel: Channel, account: String },
}

impl SendError {
    /// The start of an [`SendError::Unconfirmed`]'s text, to know such a
    /// reply again in a transcript.
    pub const UNCONFIRMED: &'static str = "not confirmed after ";

    /// Meta's error code, when there is one.
    pub fn code(&self) -> Option<i64> {
        match self {
            SendError::Rejected { code, .. } => Some(*code),
            SendError::GaveUp { code, .. } => *code,
            SendError::NoToken { .. } | SendError::Unconfirmed { .. } => None,
        }
    }
}

/// What the platform tells of a customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub first_name: Option<String>,
    /// Hours from UTC (Messenger's `timezone`, with its own permission).
    pub utc_offset_hours: Option<f64>,
}

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends replies to customers and asks the platform about them.
pub trait Outbound: Send + Sync {
    /// Sends `text` to the customer of `to`, split at the channel's limit;
    /// returns the platform's id of each part sent.
    fn send<'a>(
        &'a self,
        to: &'a ConversationKey,
        text: &'a str,
        tag: SendTag,
    ) -> BoxFuture<'a, Result<Vec<String>, SendError>>;
    /// [`Outbound::send`] for one reply the bot keeps in a transcript:
    /// `reference` names it (WhatsApp's `biz_opaque_callback_data`) so that
    /// the platform's statuses can confirm it when the send's own answer is
    /// lost. Channels without such a field send as `send` does.
    fn send_reply<'a>(
        &'a self,
        to: &'a ConversationKey,
        text: &'a str,
        tag: SendTag,
        reference: &'a str,
    ) -> BoxFuture<'a, Result<Vec<String>, SendError>> {
        let _ = reference;
        self.send(to, text, tag)
    }
    /// Sends an approved WhatsApp template (the only message WhatsApp
    /// delivers outside the customer-service window); returns its `wamid`.
    fn send_template<'a>(
        &'a self,
        to: &'a ConversationKey,
        template: &'a crate::domain::templates::Filled,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        let _ = template;
        Box::pin(async move {
            Err(SendError::Rejected {
                http_status: 0,
                code: 0,
                subcode: None,
                message: format!("{} sends no WhatsApp templates", to.channel),
            })
        })
    }
    /// Answers a comment publicly, under it; returns the new comment's id.
    fn reply_to_comment<'a>(
        &'a self,
        on: &'a ConversationKey,
        comment_id: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        let _ = (comment_id, text);
        Box::pin(async move { Err(no_comments(on)) })
    }
    /// Sends the one Private Reply Meta allows to a comment; returns the
    /// message id and the customer's id in the inbox (a PSID on Messenger).
    fn private_reply<'a>(
        &'a self,
        on: &'a ConversationKey,
        comment_id: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<(String, Option<String>), SendError>> {
        let _ = (comment_id, text);
        Box::pin(async move { Err(no_comments(on)) })
    }
    /// Hides a comment from everyone but its author and their friends.
    fn hide_comment<'a>(
        &'a self,
        on: &'a ConversationKey,
        comment_id: &'a str,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        let _ = comment_id;
        Box::pin(async move { Err(no_comments(on)) })
    }
    /// The customer's profile; a failure never blocks a reply.
    fn profile<'a>(&'a self, who: &'a ConversationKey) -> BoxFuture<'a, Result<Profile, SendError>>;
}

/// What a channel without comments answers to a comment action.
fn no_comments(on: &ConversationKey) -> SendError {
    SendError::Rejected { http_status: 0, code: 0, subcode: None, message: format!("{} has no comments", on.channel) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatsapp_phone_numbers_are_masked_in_logs() {
        let key =
            |channel, customer: &str| ConversationKey { channel, account: "1065".into(), customer: customer.into() };
        assert_eq!(key(Channel::Whatsapp, "34612345678").to_string(), "whatsapp:1065:…5678");
        assert_eq!(key(Channel::Whatsapp, "12").to_string(), "whatsapp:1065:…12");
        assert_eq!(key(Channel::Messenger, "7100000000000001").to_string(), "messenger:1065:7100000000000001");
    }
}

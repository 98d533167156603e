//! The channels customers write through, as the rest of the bot sees them:
//! who a conversation is with, the events a webhook carries, and the
//! [`Outbound`] port that sends a reply back.

pub mod meta;
pub mod terminal;

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

impl std::fmt::Display for ConversationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
            Event::Echo { key, .. }
            | Event::Standby { key, .. }
            | Event::Edit { key, .. }
            | Event::Status { key, .. } => Some(key),
            Event::Ignored { key, .. } => key.as_ref(),
            Event::Unreadable { .. } | Event::TemplateStatus { .. } => None,
        }
    }

    /// Can handling this event change its conversation's record? Delivery
    /// and read receipts, reactions and statuses other than `failed` do not:
    /// they are handled without taking the conversation's lock.
    pub fn changes_conversation(&self) -> bool {
        match self {
            Event::Ignored { .. } | Event::Unreadable { .. } | Event::TemplateStatus { .. } => false,
            Event::Status { status, .. } => status == "failed",
            _ => true,
        }
    }

    pub fn timestamp_ms(&self) -> i64 {
        match self {
            Event::Message(m) => m.timestamp_ms,
            Event::Echo { timestamp_ms, .. }
            | Event::Standby { timestamp_ms, .. }
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
    /// No access token is configured for this account.
    #[error("no access token configured for {channel} account {account}")]
    NoToken { channel: Channel, account: String },
}

impl SendError {
    /// Meta's error code, when there is one.
    pub fn code(&self) -> Option<i64> {
        match self {
            SendError::Rejected { code, .. } => Some(*code),
            SendError::GaveUp { code, .. } => *code,
            SendError::NoToken { .. } => None,
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
    /// The customer's profile; a failure never blocks a reply.
    fn profile<'a>(&'a self, who: &'a ConversationKey) -> BoxFuture<'a, Result<Profile, SendError>>;
}

//! Meta's webhook bodies (Messenger, Instagram, WhatsApp Cloud API) parsed into [`Event`]s.
//!
//! The serde mirror below borrows from the body where it can and declares only what the bot
//! reads, so unknown fields cost nothing. Ids the bot keys on are `Option`s checked by hand, so
//! a missing one is reported with its path (`entry[0].messaging[1].sender.id: missing`) instead
//! of serde's bare "missing field". Kinds of events the bot does not act on become
//! [`Event::Ignored`]: Meta adds new ones without notice, and an error would make Meta retry the
//! whole batch for hours. Each entry and event is read on its own: one that cannot be read (an
//! id missing, a field of an unexpected type) becomes [`Event::Unreadable`], kept whole for a
//! person, and the others of the body are handled. Only a body that is not JSON, or not one of
//! the three objects, is refused.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::channels::{Channel, ConversationKey, CustomerMessage, Event};

/// The attachment kind of a message the API cannot show (Messenger and Instagram's
/// `is_unsupported`, WhatsApp's `unsupported` type).
pub const UNSUPPORTED: &str = "unsupported";

/// Why a webhook body could not be parsed; `reason` names where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Meta webhook payload: {reason}")]
pub struct PayloadError {
    /// `path: what is wrong`, or serde_json's message with its line and column.
    pub reason: String,
}

impl PayloadError {
    fn at(path: &Path<'_>, what: impl fmt::Display) -> Self {
        Self { reason: format!("{path}: {what}") }
    }
}

/// Parses one webhook POST body (the raw bytes, after the signature check) into its events, in
/// the order they appear.
pub fn parse_webhook(body: &[u8]) -> Result<Vec<Event>, PayloadError> {
    let root: Root<'_> = serde_json::from_slice(body).map_err(|e| PayloadError { reason: e.to_string() })?;
    let root_path = Path::Root;
    let object = root.object.ok_or_else(|| PayloadError::at(&root_path.field("object"), "missing"))?;
    let channel = match object.as_ref() {
        "page" => Channel::Messenger,
        "instagram" => Channel::Instagram,
        "whatsapp_business_account" => Channel::Whatsapp,
        other => return Err(PayloadError::at(&root_path.field("object"), format_args!("unknown value {other:?}"))),
    };
    let mut events = Vec::new();
    for (i, raw) in root.entry.iter().enumerate() {
        let path = root_path.index("entry", i);
        let read = read::<Entry<'_>>(raw, &path).and_then(|entry| match channel {
            Channel::Whatsapp => whatsapp_entry(&entry, &path, &mut events),
            Channel::Messenger | Channel::Instagram => messaging_entry(channel, &entry, &path, &mut events),
        });
        if let Err(e) = read {
            events.push(unreadable(channel, raw, e));
        }
    }
    Ok(events)
}

/// Reads one part of the body.
fn read<'a, T: Deserialize<'a>>(raw: &'a RawValue, path: &Path<'_>) -> Result<T, PayloadError> {
    serde_json::from_str(raw.get()).map_err(|e| PayloadError::at(path, e))
}

/// A part of the body that could not be read, kept whole for a person.
fn unreadable(channel: Channel, raw: &RawValue, e: PayloadError) -> Event {
    Event::Unreadable { channel, key: None, reason: e.reason, raw: raw.get().to_owned() }
}

/// An unreadable message of a customer who can still be named (its sender,
/// or for an echo its recipient; WhatsApp's `from` or `from_user_id`), so a
/// person hears of it in that customer's case.
fn unreadable_of(channel: Channel, account: &str, raw: &RawValue, e: PayloadError) -> Event {
    let key = serde_json::from_str::<serde_json::Value>(raw.get()).ok().and_then(|v| {
        let id = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let customer = match channel {
            Channel::Whatsapp => id(&v["from"]).or_else(|| id(&v["from_user_id"])),
            Channel::Messenger | Channel::Instagram if v["message"]["is_echo"] == true => id(&v["recipient"]["id"]),
            Channel::Messenger | Channel::Instagram => id(&v["sender"]["id"]),
        }?;
        Some(key(channel, account, &customer))
    });
    Event::Unreadable { channel, key, reason: e.reason, raw: raw.get().to_owned() }
}

// ---------------------------------------------------------------------------------------------
// Paths for error messages, built only when an error is.

#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Field(&'p Path<'p>, &'static str),
    Index(&'p Path<'p>, &'static str, usize),
}

impl<'p> Path<'p> {
    fn field(&'p self, name: &'static str) -> Path<'p> {
        Path::Field(self, name)
    }

    fn index(&'p self, name: &'static str, i: usize) -> Path<'p> {
        Path::Index(self, name, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(Path::Root, name, i) => write!(f, "{name}[{i}]"),
            Path::Index(parent, name, i) => write!(f, "{parent}.{name}[{i}]"),
        }
    }
}

fn required<T>(value: Option<T>, path: &Path<'_>) -> Result<T, PayloadError> {
    value.ok_or_else(|| PayloadError::at(path, "missing"))
}

fn required_str<'a>(value: &'a Option<Cow<'_, str>>, path: &Path<'_>) -> Result<&'a str, PayloadError> {
    match value.as_deref() {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(PayloadError::at(path, "empty")),
        None => Err(PayloadError::at(path, "missing")),
    }
}

// ---------------------------------------------------------------------------------------------
// The serde mirror of the body.

#[derive(Deserialize)]
struct Root<'a> {
    #[serde(borrow)]
    object: Option<Cow<'a, str>>,
    /// Read one by one, so one unreadable entry or event does not cost the others.
    #[serde(borrow, default)]
    entry: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    time: Option<i64>,
    #[serde(borrow, default)]
    messaging: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    standby: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    changes: Vec<&'a RawValue>,
}

/// One `messaging[]` or `standby[]` item (Messenger and Instagram).
#[derive(Deserialize)]
struct Messaging<'a> {
    #[serde(borrow)]
    sender: Option<Party<'a>>,
    #[serde(borrow)]
    recipient: Option<Party<'a>>,
    timestamp: Option<i64>,
    #[serde(borrow)]
    message: Option<Message<'a>>,
    #[serde(borrow)]
    postback: Option<Postback<'a>>,
    #[serde(borrow)]
    message_edit: Option<MessageEdit<'a>>,
    delivery: Option<IgnoredAny>,
    read: Option<IgnoredAny>,
    messaging_seen: Option<IgnoredAny>,
    reaction: Option<IgnoredAny>,
    referral: Option<IgnoredAny>,
    optin: Option<IgnoredAny>,
    account_linking: Option<IgnoredAny>,
    #[serde(borrow)]
    pass_thread_control: Option<Handover<'a>>,
    take_thread_control: Option<IgnoredAny>,
    request_thread_control: Option<IgnoredAny>,
    app_roles: Option<IgnoredAny>,
    policy_enforcement: Option<IgnoredAny>,
}

/// `pass_thread_control`: the thread is passed to the app `new_owner_app_id`.
#[derive(Deserialize)]
struct Handover<'a> {
    #[serde(borrow)]
    new_owner_app_id: Option<IdLike<'a>>,
}

#[derive(Deserialize)]
struct Party<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    /// Chat-plugin guests and checkbox opt-ins come with a `user_ref` and no PSID.
    user_ref: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    mid: Option<Cow<'a, str>>,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default)]
    is_echo: bool,
    app_id: Option<IdLike<'a>>,
    #[serde(default)]
    is_deleted: bool,
    #[serde(default)]
    is_unsupported: bool,
    #[serde(borrow, default)]
    attachments: Vec<Attachment<'a>>,
    #[serde(borrow)]
    reply_to: Option<ReplyTo<'a>>,
}

#[derive(Deserialize)]
struct Attachment<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    payload: Option<AttachmentPayload>,
}

#[derive(Deserialize)]
struct AttachmentPayload {
    sticker_id: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct ReplyTo<'a> {
    /// Absent when the customer replies to a story (`reply_to.story`).
    #[serde(borrow)]
    mid: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Postback<'a> {
    #[serde(borrow)]
    mid: Option<Cow<'a, str>>,
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct MessageEdit<'a> {
    #[serde(borrow)]
    mid: Option<Cow<'a, str>>,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
}

/// An id Meta sends as a JSON number in some places (Messenger's `app_id`) and a string in others.
#[derive(Deserialize)]
#[serde(untagged)]
enum IdLike<'a> {
    Str(#[serde(borrow)] Cow<'a, str>),
    Num(u64),
}

impl fmt::Display for IdLike<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdLike::Str(s) => f.write_str(s),
            IdLike::Num(n) => write!(f, "{n}"),
        }
    }
}

#[derive(Deserialize)]
struct Change<'a> {
    #[serde(borrow)]
    field: Option<Cow<'a, str>>,
    #[serde(borrow)]
    value: Option<WaValue<'a>>,
}

/// `changes[].value` of the WhatsApp `messages` field. Other fields' values (templates, account
/// updates, …) share no required member with it, so they parse into an empty one and are ignored.
#[derive(Deserialize)]
struct WaValue<'a> {
    #[serde(borrow)]
    metadata: Option<WaMetadata<'a>>,
    #[serde(borrow, default)]
    contacts: Vec<WaContact<'a>>,
    #[serde(borrow, default)]
    messages: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    statuses: Vec<&'a RawValue>,
    /// `smb_message_echoes`: what a person sent from the WhatsApp Business app on the same number.
    #[serde(borrow, default)]
    message_echoes: Vec<&'a RawValue>,
    // `message_template_status_update`: a template approved, paused, disabled, …
    #[serde(borrow, default)]
    event: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    message_template_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    message_template_language: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reason: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaMetadata<'a> {
    #[serde(borrow)]
    phone_number_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaContact<'a> {
    #[serde(borrow)]
    wa_id: Option<Cow<'a, str>>,
    /// The business-scoped user id (BSUID), present for every user since 2026.
    #[serde(borrow)]
    user_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    profile: Option<WaProfile<'a>>,
}

#[derive(Deserialize)]
struct WaProfile<'a> {
    #[serde(borrow)]
    name: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaMessage<'a> {
    /// The phone number; absent for users with a username whose number Meta withholds.
    #[serde(borrow)]
    from: Option<Cow<'a, str>>,
    #[serde(borrow)]
    from_user_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    timestamp: Option<Timestamp<'a>>,
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    text: Option<WaText<'a>>,
    #[serde(borrow)]
    image: Option<WaMedia<'a>>,
    #[serde(borrow)]
    audio: Option<WaMedia<'a>>,
    #[serde(borrow)]
    video: Option<WaMedia<'a>>,
    #[serde(borrow)]
    document: Option<WaMedia<'a>>,
    #[serde(borrow)]
    sticker: Option<WaMedia<'a>>,
    #[serde(borrow)]
    interactive: Option<WaInteractive<'a>>,
    #[serde(borrow)]
    button: Option<WaButton<'a>>,
    #[serde(borrow)]
    context: Option<WaContext<'a>>,
    #[serde(borrow)]
    order: Option<WaOrder<'a>>,
}

/// A cart sent from the catalog; its note to the business is the text.
#[derive(Deserialize)]
struct WaOrder<'a> {
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
}

/// One `message_echoes[]` item: the business's message to the user `to`.
#[derive(Deserialize)]
struct WaEcho<'a> {
    #[serde(borrow)]
    to: Option<Cow<'a, str>>,
    #[serde(borrow)]
    to_user_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    timestamp: Option<Timestamp<'a>>,
    #[serde(borrow)]
    text: Option<WaText<'a>>,
}

#[derive(Deserialize)]
struct WaText<'a> {
    #[serde(borrow)]
    body: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaMedia<'a> {
    #[serde(borrow)]
    caption: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaInteractive<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    button_reply: Option<WaReply<'a>>,
    #[serde(borrow)]
    list_reply: Option<WaReply<'a>>,
}

#[derive(Deserialize)]
struct WaReply<'a> {
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaButton<'a> {
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaContext<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaStatus<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    status: Option<Cow<'a, str>>,
    timestamp: Option<Timestamp<'a>>,
    #[serde(borrow)]
    recipient_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    recipient_user_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    errors: Vec<WaError<'a>>,
    #[serde(default)]
    pricing: Option<crate::channels::Pricing>,
    /// What we sent the message with, echoed by Meta (up to 512 characters).
    #[serde(borrow, default)]
    biz_opaque_callback_data: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WaError<'a> {
    code: Option<i64>,
    #[serde(borrow)]
    title: Option<Cow<'a, str>>,
}

/// WhatsApp's timestamps: seconds since the epoch, as a string (a number is accepted too).
#[derive(Deserialize)]
#[serde(untagged)]
enum Timestamp<'a> {
    Str(#[serde(borrow)] Cow<'a, str>),
    Num(i64),
}

impl Timestamp<'_> {
    fn to_ms(&self, path: &Path<'_>) -> Result<i64, PayloadError> {
        let seconds = match self {
            Timestamp::Num(n) => *n,
            Timestamp::Str(s) => {
                s.trim().parse::<i64>().map_err(|_| PayloadError::at(path, format_args!("not a number: {s:?}")))?
            }
        };
        Ok(seconds.saturating_mul(1000))
    }
}

// ---------------------------------------------------------------------------------------------
// Messenger and Instagram.

fn messaging_entry(
    channel: Channel,
    entry: &Entry<'_>,
    path: &Path<'_>,
    events: &mut Vec<Event>,
) -> Result<(), PayloadError> {
    let has_events = !entry.messaging.is_empty() || !entry.standby.is_empty();
    let account = if has_events { Some(required_str(&entry.id, &path.field("id"))?) } else { entry.id.as_deref() };
    if let Some(account) = account {
        for (i, raw) in entry.messaging.iter().enumerate() {
            let path = path.index("messaging", i);
            let event = read(raw, &path).and_then(|item| messaging_event(channel, account, entry.time, &item, &path));
            events.push(event.unwrap_or_else(|e| unreadable_of(channel, account, raw, e)));
        }
        for (i, raw) in entry.standby.iter().enumerate() {
            let path = path.index("standby", i);
            let event = read(raw, &path).and_then(|item| standby_event(channel, account, entry.time, &item, &path));
            events.push(event.unwrap_or_else(|e| unreadable(channel, raw, e)));
        }
    }
    // Comments, mentions and other feed changes arrive under `changes[]` on these objects.
    for (i, raw) in entry.changes.iter().enumerate() {
        let at = path.index("changes", i).to_string();
        let event = super::comments::change_event(channel, entry.id.as_deref(), entry.time, raw, &at);
        events.push(event.unwrap_or_else(|reason| Event::Unreadable {
            channel,
            key: None,
            reason,
            raw: raw.get().to_owned(),
        }));
    }
    Ok(())
}

/// The customer is the sender, except in an echo, where the Page or account is.
fn customer_of<'i>(item: &'i Messaging<'_>, path: &Path<'_>) -> Result<&'i str, PayloadError> {
    let is_echo = item.message.as_ref().is_some_and(|m| m.is_echo);
    let (party, name) = if is_echo { (&item.recipient, "recipient") } else { (&item.sender, "sender") };
    let party_path = path.field(name);
    let party = required(party.as_ref(), &party_path)?;
    required_str(&party.id, &party_path.field("id"))
}

fn key(channel: Channel, account: &str, customer: &str) -> ConversationKey {
    ConversationKey { channel, account: account.to_owned(), customer: customer.to_owned() }
}

/// The key when there is one, for events that are ignored anyway.
fn loose_key(channel: Channel, account: &str, item: &Messaging<'_>) -> Option<ConversationKey> {
    let is_echo = item.message.as_ref().is_some_and(|m| m.is_echo);
    let party = if is_echo { &item.recipient } else { &item.sender };
    let customer = party.as_ref()?.id.as_deref().filter(|s| !s.is_empty())?;
    Some(key(channel, account, customer))
}

fn messaging_event(
    channel: Channel,
    account: &str,
    entry_time: Option<i64>,
    item: &Messaging<'_>,
    path: &Path<'_>,
) -> Result<Event, PayloadError> {
    let timestamp_ms = item.timestamp.or(entry_time).unwrap_or(0);
    let ignored =
        |what: &str| Event::Ignored { key: loose_key(channel, account, item), what: format!("{channel} {what}") };

    if item.sender.as_ref().is_some_and(|s| s.id.is_none() && s.user_ref.is_some()) {
        return Ok(Event::Ignored { key: None, what: format!("{channel} event from a user_ref (no PSID)") });
    }

    if let Some(message) = &item.message {
        let mpath = path.field("message");
        if message.is_deleted {
            return Ok(ignored("message deleted"));
        }
        let customer = customer_of(item, path)?;
        let mid = required_str(&message.mid, &mpath.field("mid"))?.to_owned();
        let key = key(channel, account, customer);
        if message.is_unsupported && !message.is_echo {
            // A GIF, a poll or a voice clip the API cannot show: the customer did write, and is
            // acknowledged like a photo without words (see README, "What a customer may send").
            return Ok(Event::Message(CustomerMessage {
                key,
                mid,
                timestamp_ms,
                text: None,
                attachments: vec![UNSUPPORTED.to_owned()],
                customer_name: None,
                reply_to: None,
            }));
        }
        if message.is_echo {
            let app_id = message.app_id.as_ref().map(ToString::to_string);
            let text = message.text.as_deref().map(str::to_owned);
            return Ok(Event::Echo { key, mid, app_id, text, timestamp_ms });
        }
        return Ok(Event::Message(CustomerMessage {
            key,
            mid,
            timestamp_ms,
            text: message.text.as_deref().map(str::to_owned),
            attachments: attachment_kinds(&message.attachments),
            customer_name: None,
            reply_to: message.reply_to.as_ref().and_then(|r| r.mid.as_deref()).map(str::to_owned),
        }));
    }
    if let Some(postback) = &item.postback {
        let customer = customer_of(item, path)?;
        // Postbacks carry a `mid` since Graph v8; an older-shaped one without
        // it is still a customer's tap: named after who and when (stable
        // across Meta's redeliveries, so still answered once).
        let mid = match postback.mid.as_deref().filter(|m| !m.is_empty()) {
            Some(mid) => mid.to_owned(),
            None => format!("postback:{customer}:{timestamp_ms}"),
        };
        return Ok(Event::Message(CustomerMessage {
            key: key(channel, account, customer),
            mid,
            timestamp_ms,
            text: postback.title.as_deref().map(str::to_owned),
            attachments: Vec::new(),
            customer_name: None,
            reply_to: None,
        }));
    }
    if let Some(edit) = &item.message_edit {
        let customer = customer_of(item, path)?;
        let mid = required_str(&edit.mid, &path.field("message_edit").field("mid"))?.to_owned();
        let text = edit.text.as_deref().unwrap_or_default().to_owned();
        return Ok(Event::Edit { key: key(channel, account, customer), mid, text, timestamp_ms });
    }
    if let Some(pass) = &item.pass_thread_control {
        // Sent to the app the thread is passed to: usually us, taking it back from a person.
        let customer = customer_of(item, path)?;
        let app_id = pass.new_owner_app_id.as_ref().map(ToString::to_string);
        return Ok(Event::ControlPassed { key: key(channel, account, customer), app_id, timestamp_ms });
    }
    if item.take_thread_control.is_some() {
        // Sent to the app the thread was taken from: someone else (Meta's inbox, a person) has it.
        let customer = customer_of(item, path)?;
        return Ok(Event::Standby { key: key(channel, account, customer), timestamp_ms });
    }
    Ok(ignored(other_kind(item)))
}

fn other_kind(item: &Messaging<'_>) -> &'static str {
    let kinds = [
        (item.delivery.is_some(), "delivery"),
        (item.read.is_some(), "read"),
        (item.messaging_seen.is_some(), "messaging_seen"),
        (item.reaction.is_some(), "reaction"),
        (item.referral.is_some(), "referral"),
        (item.optin.is_some(), "optin"),
        (item.account_linking.is_some(), "account_linking"),
        (item.pass_thread_control.is_some(), "pass_thread_control"),
        (item.take_thread_control.is_some(), "take_thread_control"),
        (item.request_thread_control.is_some(), "request_thread_control"),
        (item.app_roles.is_some(), "app_roles"),
        (item.policy_enforcement.is_some(), "policy_enforcement"),
    ];
    kinds.iter().find(|(present, _)| *present).map_or("unknown event", |(_, kind)| kind)
}

/// Until 30 Aug 2026 Messenger sent a sticker as an `image` with a `sticker_id` (and then also as
/// a `sticker`): both read as one `sticker` here, so a sticker looks the same before and after.
fn attachment_kinds(attachments: &[Attachment<'_>]) -> Vec<String> {
    let mut kinds: Vec<String> = attachments
        .iter()
        .map(|a| {
            if a.payload.as_ref().is_some_and(|p| p.sticker_id.is_some()) {
                "sticker".to_owned()
            } else {
                a.kind.as_deref().unwrap_or("unknown").to_owned()
            }
        })
        .collect();
    kinds.dedup_by(|a, b| a == "sticker" && b == "sticker");
    kinds
}

fn standby_event(
    channel: Channel,
    account: &str,
    entry_time: Option<i64>,
    item: &Messaging<'_>,
    path: &Path<'_>,
) -> Result<Event, PayloadError> {
    // Only a message or a postback says someone is talking in a thread we do not control;
    // receipts under `standby` say nothing new.
    if item.message.is_none() && item.postback.is_none() {
        let what = format!("{channel} standby {}", other_kind(item));
        return Ok(Event::Ignored { key: loose_key(channel, account, item), what });
    }
    let customer = customer_of(item, path)?;
    let timestamp_ms = item.timestamp.or(entry_time).unwrap_or(0);
    Ok(Event::Standby { key: key(channel, account, customer), timestamp_ms })
}

// ---------------------------------------------------------------------------------------------
// WhatsApp.

fn whatsapp_entry(entry: &Entry<'_>, path: &Path<'_>, events: &mut Vec<Event>) -> Result<(), PayloadError> {
    for (c, raw) in entry.changes.iter().enumerate() {
        let cpath = path.index("changes", c);
        let read_change = read::<Change<'_>>(raw, &cpath).and_then(|change| whatsapp_change(&change, &cpath, events));
        if let Err(e) = read_change {
            events.push(unreadable(Channel::Whatsapp, raw, e));
        }
    }
    Ok(())
}

/// One `changes[]` item: the messages and statuses of one number.
fn whatsapp_change(change: &Change<'_>, cpath: &Path<'_>, events: &mut Vec<Event>) -> Result<(), PayloadError> {
    let field = change.field.as_deref().unwrap_or("unknown");
    if let (Some(v), "message_template_status_update") = (&change.value, field) {
        let text = |c: &Option<Cow<'_, str>>| c.as_deref().unwrap_or_default().to_owned();
        events.push(Event::TemplateStatus {
            name: text(&v.message_template_name),
            language: text(&v.message_template_language),
            event: text(&v.event),
            reason: v.reason.as_deref().filter(|r| !r.is_empty() && *r != "NONE").map(str::to_owned),
        });
        return Ok(());
    }
    let value = match &change.value {
        Some(value) if field == "messages" || field == "smb_message_echoes" => value,
        _ => {
            events.push(Event::Ignored { key: None, what: format!("whatsapp change: {field}") });
            return Ok(());
        }
    };
    let vpath = cpath.field("value");
    if value.messages.is_empty() && value.statuses.is_empty() && value.message_echoes.is_empty() {
        events.push(Event::Ignored { key: None, what: "whatsapp change without messages or statuses".into() });
        return Ok(());
    }
    let mpath = vpath.field("metadata");
    let metadata = required(value.metadata.as_ref(), &mpath)?;
    let account = required_str(&metadata.phone_number_id, &mpath.field("phone_number_id"))?;

    let mut names: HashMap<&str, &str> = HashMap::new();
    for contact in &value.contacts {
        if let Some(name) = contact.profile.as_ref().and_then(|p| p.name.as_deref()) {
            for id in [&contact.wa_id, &contact.user_id].into_iter().flatten() {
                names.insert(id, name);
            }
        }
    }
    for (i, raw) in value.messages.iter().enumerate() {
        let path = vpath.index("messages", i);
        let event = read(raw, &path).and_then(|message| whatsapp_message(account, &message, &names, &path));
        events.push(event.unwrap_or_else(|e| unreadable_of(Channel::Whatsapp, account, raw, e)));
    }
    for (i, raw) in value.statuses.iter().enumerate() {
        let path = vpath.index("statuses", i);
        let event = read(raw, &path).and_then(|status| whatsapp_status(account, &status, &path));
        events.push(event.unwrap_or_else(|e| unreadable(Channel::Whatsapp, raw, e)));
    }
    for (i, raw) in value.message_echoes.iter().enumerate() {
        let path = vpath.index("message_echoes", i);
        let event = read(raw, &path).and_then(|echo| whatsapp_echo(account, &echo, &path));
        events.push(event.unwrap_or_else(|e| unreadable(Channel::Whatsapp, raw, e)));
    }
    Ok(())
}

/// A message a person sent (or edited, or deleted) from the WhatsApp Business app on the same
/// number (coexistence): an echo with no app id, so the bot goes quiet as for Messenger's.
fn whatsapp_echo(account: &str, echo: &WaEcho<'_>, path: &Path<'_>) -> Result<Event, PayloadError> {
    let customer = either_id(&echo.to, &echo.to_user_id, path, ("to", "to_user_id"))?;
    let mid = required_str(&echo.id, &path.field("id"))?.to_owned();
    let tpath = path.field("timestamp");
    let timestamp_ms = required(echo.timestamp.as_ref(), &tpath)?.to_ms(&tpath)?;
    let text = echo.text.as_ref().and_then(|t| t.body.as_deref()).map(str::to_owned);
    Ok(Event::Echo { key: key(Channel::Whatsapp, account, customer), mid, app_id: None, text, timestamp_ms })
}

/// The phone number when Meta gives one, else the business-scoped user id.
fn either_id<'i>(
    phone: &'i Option<Cow<'_, str>>,
    bsuid: &'i Option<Cow<'_, str>>,
    path: &Path<'_>,
    names: (&'static str, &'static str),
) -> Result<&'i str, PayloadError> {
    phone
        .as_deref()
        .filter(|s| !s.is_empty())
        .or(bsuid.as_deref().filter(|s| !s.is_empty()))
        .ok_or_else(|| PayloadError::at(path, format_args!("neither {} nor {} present", names.0, names.1)))
}

fn whatsapp_message(
    account: &str,
    message: &WaMessage<'_>,
    names: &HashMap<&str, &str>,
    path: &Path<'_>,
) -> Result<Event, PayloadError> {
    let customer = either_id(&message.from, &message.from_user_id, path, ("from", "from_user_id"))?;
    let key = key(Channel::Whatsapp, account, customer);
    let kind = message.kind.as_deref().unwrap_or("unknown");
    let ignored = |what: String| Ok(Event::Ignored { key: Some(key.clone()), what });

    let caption = |media: &Option<WaMedia<'_>>| media.as_ref().and_then(|m| m.caption.as_deref()).map(str::to_owned);
    let (text, attachments) = match kind {
        "text" => (message.text.as_ref().and_then(|t| t.body.as_deref()).map(str::to_owned), Vec::new()),
        "image" => (caption(&message.image), vec![kind.to_owned()]),
        "video" => (caption(&message.video), vec![kind.to_owned()]),
        "document" => (caption(&message.document), vec![kind.to_owned()]),
        "audio" => (caption(&message.audio), vec![kind.to_owned()]),
        "sticker" => (caption(&message.sticker), vec![kind.to_owned()]),
        "location" | "contacts" => (None, vec![kind.to_owned()]),
        // A cart from the catalog: a person must see it; its note (often empty) is the text.
        "order" => (message.order.as_ref().and_then(|o| o.text.as_deref()).map(str::to_owned), vec![kind.to_owned()]),
        // A poll, a view-once photo, ...: written to the brand, shown to nobody; acknowledged.
        UNSUPPORTED => (None, vec![UNSUPPORTED.to_owned()]),
        "button" => (message.button.as_ref().and_then(|b| b.text.as_deref()).map(str::to_owned), Vec::new()),
        "interactive" => {
            let interactive = message.interactive.as_ref();
            let title = interactive
                .and_then(|i| i.button_reply.as_ref().or(i.list_reply.as_ref()))
                .and_then(|r| r.title.as_deref());
            match title {
                Some(title) => (Some(title.to_owned()), Vec::new()),
                None => {
                    let sub = interactive.and_then(|i| i.kind.as_deref()).unwrap_or("unknown");
                    return ignored(format!("whatsapp interactive {sub}"));
                }
            }
        }
        other => return ignored(format!("whatsapp {other}")),
    };
    let mid = required_str(&message.id, &path.field("id"))?.to_owned();
    let tpath = path.field("timestamp");
    let timestamp_ms = required(message.timestamp.as_ref(), &tpath)?.to_ms(&tpath)?;
    let customer_name = [&message.from, &message.from_user_id]
        .into_iter()
        .flatten()
        .find_map(|id| names.get(id.as_ref()))
        .map(|name| (*name).to_owned());
    Ok(Event::Message(CustomerMessage {
        key,
        mid,
        timestamp_ms,
        text,
        attachments,
        customer_name,
        reply_to: message.context.as_ref().and_then(|c| c.id.as_deref()).map(str::to_owned),
    }))
}

fn whatsapp_status(account: &str, status: &WaStatus<'_>, path: &Path<'_>) -> Result<Event, PayloadError> {
    let customer =
        either_id(&status.recipient_id, &status.recipient_user_id, path, ("recipient_id", "recipient_user_id"))?;
    let mid = required_str(&status.id, &path.field("id"))?.to_owned();
    let state = required_str(&status.status, &path.field("status"))?.to_owned();
    let tpath = path.field("timestamp");
    let timestamp_ms = match &status.timestamp {
        Some(ts) => ts.to_ms(&tpath)?,
        None => 0,
    };
    let first_error = if state == "failed" { status.errors.first() } else { None };
    Ok(Event::Status {
        key: key(Channel::Whatsapp, account, customer),
        mid,
        status: state,
        error_code: first_error.and_then(|e| e.code),
        error_title: first_error.and_then(|e| e.title.as_deref()).map(str::to_owned),
        timestamp_ms,
        pricing: status.pricing.clone(),
        reference: status.biz_opaque_callback_data.as_deref().filter(|r| !r.is_empty()).map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> String {
        parse_webhook(body.as_bytes()).unwrap_err().reason
    }

    fn unreadable(events: &[Event]) -> Vec<(&str, &str)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Unreadable { reason, raw, .. } => Some((reason.as_str(), raw.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_unreadable_event_is_named_by_its_path_and_kept_while_the_others_are_read() {
        let body = r#"{"object":"page","entry":[{"id":"P","messaging":[
            {"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":1,"message":{"mid":"m1","text":"hi"}},
            {"sender":{},"recipient":{"id":"P"},"timestamp":2,"message":{"mid":"m2","text":"hi"}},
            {"sender":{"id":"V"},"recipient":{"id":"P"},"timestamp":3,"message":{"mid":"m3","text":"hallo"}}]}]}"#;
        let events = parse_webhook(body.as_bytes()).unwrap();
        assert_eq!(events.len(), 3, "{events:?}");
        assert!(matches!(&events[0], Event::Message(m) if m.mid == "m1"), "{events:?}");
        assert!(matches!(&events[2], Event::Message(m) if m.mid == "m3"), "{events:?}");
        let bad = unreadable(&events);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, "entry[0].messaging[1].sender.id: missing");
        assert!(bad[0].1.contains(r#""mid":"m2""#), "the raw event is kept: {}", bad[0].1);
    }

    #[test]
    fn a_field_of_an_unexpected_type_costs_only_its_event() {
        let body = r#"{"object":"page","entry":[
            {"id":"P","messaging":[{"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":"soon","message":{"mid":"m1","text":"hi"}}]},
            {"id":"P","messaging":[{"sender":{"id":"V"},"recipient":{"id":"P"},"timestamp":2,"message":{"mid":"m2","text":"hi"}}]},
            {"id":"P","messaging":"not a list"}]}"#;
        let events = parse_webhook(body.as_bytes()).unwrap();
        let bad = unreadable(&events);
        assert_eq!(bad.len(), 2, "{events:?}");
        assert!(bad[0].0.starts_with("entry[0].messaging[0]: invalid type"), "{}", bad[0].0);
        assert!(bad[1].0.starts_with("entry[2]: invalid type"), "{}", bad[1].0);
        assert!(events.iter().any(|e| matches!(e, Event::Message(m) if m.mid == "m2")), "{events:?}");
    }

    #[test]
    fn invalid_json_reports_line_and_column() {
        let reason = err("{\"object\":\"page\",\n\"entry\":[}");
        assert!(reason.contains("line 2"), "{reason}");
        assert!(reason.contains("column"), "{reason}");
    }

    #[test]
    fn an_unknown_object_is_named() {
        assert_eq!(err(r#"{"object":"user","entry":[]}"#), r#"object: unknown value "user""#);
    }

    #[test]
    fn a_missing_object_is_named() {
        assert_eq!(err(r#"{"entry":[]}"#), "object: missing");
    }

    #[test]
    fn a_bad_whatsapp_timestamp_is_named() {
        let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages",
            "value":{"metadata":{"phone_number_id":"N"},"messages":[{"from":"1","id":"wamid.1","timestamp":"soon","type":"text","text":{"body":"x"}}]}}]}]}"#;
        let events = parse_webhook(body.as_bytes()).unwrap();
        let bad = unreadable(&events);
        assert_eq!(bad.len(), 1, "{events:?}");
        assert_eq!(bad[0].0, r#"entry[0].changes[0].value.messages[0].timestamp: not a number: "soon""#);
    }

    #[test]
    fn escaped_text_is_unescaped() {
        let body = r#"{"object":"page","entry":[{"id":"P","messaging":[
            {"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":1,"message":{"mid":"m1","text":"caf\u00e9 \"ok\""}}]}]}"#;
        let events = parse_webhook(body.as_bytes()).unwrap();
        let Event::Message(m) = &events[0] else { panic!("{events:?}") };
        assert_eq!(m.text.as_deref(), Some("café \"ok\""));
    }

    proptest::proptest! {
        /// Any ids, timestamps and texts a crafted body carries: parsed or
        /// named unreadable, never a panic.
        #[test]
        fn crafted_ids_and_timestamps_never_panic(
            id in ".{0,12}",
            ts in proptest::prelude::any::<i64>(),
            fts in proptest::prelude::any::<f64>(),
            text in "\\PC{0,20}",
            wa in proptest::prelude::any::<bool>(),
        ) {
            let id = serde_json::to_string(&id).unwrap();
            let text = serde_json::to_string(&text).unwrap();
            let fts = if fts.is_finite() { fts.to_string() } else { "1.5".to_string() };
            let body = if wa {
                format!(r#"{{"object":"whatsapp_business_account","entry":[{{"id":{id},"changes":[{{"field":"messages","value":{{
                    "metadata":{{"phone_number_id":{id}}},"contacts":[{{"wa_id":{id},"profile":{{"name":{text}}}}}],
                    "messages":[{{"from":{id},"id":{id},"timestamp":"{ts}","type":"text","text":{{"body":{text}}}}},
                                {{"from":{id},"id":{id},"timestamp":{fts},"type":"order","order":{{"text":{text}}}}}],
                    "message_echoes":[{{"to":{id},"id":{id},"timestamp":"{ts}"}}],
                    "statuses":[{{"id":{id},"status":{text},"timestamp":{ts},"recipient_id":{id}}}]}}}}]}}]}}"#
                )
            } else {
                format!(r#"{{"object":"page","entry":[{{"id":{id},"time":{ts},"messaging":[
                    {{"sender":{{"id":{id}}},"recipient":{{"id":{id}}},"timestamp":{ts},"message":{{"mid":{id},"text":{text}}}}},
                    {{"sender":{{"id":{id}}},"recipient":{{"id":{id}}},"timestamp":{fts},"pass_thread_control":{{"new_owner_app_id":{ts}}}}},
                    {{"sender":{{"id":{id}}},"recipient":{{"id":{id}}},"timestamp":{ts},"message":{{"mid":{id},"is_unsupported":true}}}}]}}]}}"#
                )
            };
            let _ = parse_webhook(body.as_bytes());
        }
    }

    #[test]
    fn numeric_and_string_app_ids_read_the_same() {
        for app_id in ["123", "\"123\""] {
            let body = format!(
                r#"{{"object":"page","entry":[{{"id":"P","messaging":[{{"sender":{{"id":"P"}},"recipient":{{"id":"U"}},
                "timestamp":1,"message":{{"mid":"m1","is_echo":true,"app_id":{app_id},"text":"x"}}}}]}}]}}"#
            );
            let events = parse_webhook(body.as_bytes()).unwrap();
            assert!(matches!(&events[0], Event::Echo { app_id: Some(a), .. } if a == "123"), "{events:?}");
        }
    }
}

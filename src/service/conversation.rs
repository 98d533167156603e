//! What the bot keeps of one conversation between messages: language and
//! time zone (and how they were known), the transcript, what it promised,
//! the counters the policy needs, and whether a person owns it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::cases::{Case, CaseStatus};
use crate::channels::ConversationKey;
use crate::domain::{ConversationView, IntentId, Kind, Lang, LangSource, Priority};

/// How many transcript entries a conversation keeps (the oldest go first).
const TRANSCRIPT_KEPT: usize = 1000;

/// How many message ids are remembered for deduplication. Meta redelivers
/// within hours, not thousands of messages later.
const HANDLED_IDS_KEPT: usize = 500;

/// How a reply reference starts (a version, should its form change).
const REPLY_REFERENCE: &str = "ah1:";
/// How the reference of a reply's re-send ends.
const RESENT: &str = ":again";

/// Who wrote a transcript entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    Customer,
    /// The bot: always labelled as automated in the text itself.
    Bot,
    /// A person of the brand (through the console, or Meta's inbox).
    Agent,
    /// An internal note or an event of the conversation (not sent).
    System,
}

/// Where a message the bot or an agent sent stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// Written down before the send: if the process dies now, the reply is
    /// sent when the event is picked up again.
    Sending,
    Sent {
        ids: Vec<String>,
    },
    /// The channel failed for now (5xx, timeouts, rate limits) after the
    /// client's own retries; the event stays in the log and is tried again.
    Retrying {
        reason: String,
        code: Option<i64>,
        since: DateTime<Utc>,
    },
    /// Not delivered; kept so a person sees it and why.
    Failed {
        reason: String,
        code: Option<i64>,
    },
}

/// One line of the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptEntry {
    pub at: DateTime<Utc>,
    pub author: Author,
    pub text: String,
    /// The platform's message id (customer messages, echoes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mid: Option<String>,
    /// For replies: the customer message they answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
    /// For replies: where delivery stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// For customer messages: what the bot read in them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
    /// Attachment types of a customer message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    /// For a person's entries: who (a console user, or Meta's inbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// An internal note: never sent to the customer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub internal: bool,
}

impl TranscriptEntry {
    pub fn new(at: DateTime<Utc>, author: Author, text: String) -> Self {
        Self {
            at,
            author,
            text,
            mid: None,
            answers: None,
            delivery: None,
            reading: None,
            attachments: Vec::new(),
            by: None,
            internal: false,
        }
    }
}

/// What the bot read in a customer message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub lang: Lang,
    pub lang_confidence: f64,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<IntentId>,
    pub decision: String,
}

/// How the customer's language is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownLanguage {
    pub lang: Lang,
    pub confidence: f64,
    pub source: LangSource,
}

/// How the customer's time zone is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TzKnownFrom {
    /// The platform's profile (Messenger's `timezone`).
    Platform,
    /// The market of the Page / account written to (`flows/pages.toml`).
    Page,
    /// The typical zone of the customer's language.
    Language,
    /// Given by whoever ran the bot (`chat --tz`).
    Given,
}

/// The conversation record, one per [`ConversationKey`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub key: ConversationKey,
    #[serde(default)]
    pub customer_name: Option<String>,
    /// The profile was asked for once; not again on every message.
    #[serde(default)]
    pub profile_fetched: bool,
    #[serde(default)]
    pub language: Option<KnownLanguage>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub tz_known_from: Option<TzKnownFrom>,
    /// In timestamp order.
    #[serde(default)]
    pub transcript: Vec<TranscriptEntry>,
    /// Customer message ids already handled (newest last), for deduplication.
    #[serde(default)]
    pub handled: Vec<String>,
    /// Ids of messages the bot sent, so their echoes are known as ours.
    #[serde(default)]
    pub sent_ids: Vec<String>,
    #[serde(default)]
    pub automated_since_human: u32,
    /// The next-availability time the last acknowledgement stated.
    #[serde(default)]
    pub promised: Option<DateTime<Utc>>,
    /// When that promise was made.
    #[serde(default)]
    pub promised_at: Option<DateTime<Utc>>,
    /// A person of the brand is handling it: the bot is quiet.
    #[serde(default)]
    pub human_owns: bool,
    /// The last time a person of the brand acted in it.
    #[serde(default)]
    pub last_human_at: Option<DateTime<Utc>>,
    /// A person must take it (handoff), with the highest priority seen.
    #[serde(default)]
    pub needs_person: bool,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// The newest customer message's timestamp.
    #[serde(default)]
    pub last_customer_at: Option<DateTime<Utc>>,
    /// The open case (waiting or claimed), if a person must take it.
    #[serde(default)]
    pub case: Option<Case>,
    /// The customer's earlier cases, resolved, newest last.
    #[serde(default)]
    pub past_cases: Vec<Case>,
    /// Why the bot stopped answering for a while (a flood of messages), and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flagged: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flagged_at: Option<DateTime<Utc>>,
    /// The same person's conversations on other channels (or pages), linked
    /// by a person of the care team; both sides keep the link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked: Vec<ConversationKey>,
    /// The customer's public comments under the page's posts, newest last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<CommentRecord>,
    /// The customer's comments and case live in their inbox conversation
    /// (this customer id on the same page), named by a Private Reply's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
}

impl Conversation {
    /// The open case's replies by people, from what Meta accepted: after
    /// a reply was refused late (a failed status), it no longer counts.
    pub fn recount_human_replies(&mut self) {
        let Some(case) = self.case.as_mut() else { return };
        let accepted = |e: &&TranscriptEntry| {
            e.author == Author::Agent
                && !e.internal
                && e.at >= case.opened_at
                && matches!(e.delivery, Some(Delivery::Sent { .. }))
        };
        let sent: Vec<DateTime<Utc>> = self.transcript.iter().filter(accepted).map(|e| e.at).collect();
        case.first_human_reply_at = sent.iter().min().copied();
        case.last_human_reply_at = sent.iter().max().copied();
    }

    pub fn new(key: ConversationKey) -> Self {
        Self {
            key,
            customer_name: None,
            profile_fetched: false,
            language: None,
            time_zone: None,
            tz_known_from: None,
            transcript: Vec::new(),
            handled: Vec::new(),
            sent_ids: Vec::new(),
            automated_since_human: 0,
            promised: None,
            promised_at: None,
            human_owns: false,
            last_human_at: None,
            needs_person: false,
            priority: None,
            last_customer_at: None,
            case: None,
            past_cases: Vec::new(),
            flagged: None,
            flagged_at: None,
            linked: Vec::new(),
            comments: Vec::new(),
            moved_to: None,
        }
    }

    /// What the policy needs to know.
    pub fn view(&self) -> ConversationView {
        ConversationView {
            language: self.language.as_ref().map(|l| l.lang),
            automated_since_human: self.automated_since_human,
            promised: self.promised,
            human_owns: self.human_owns,
        }
    }

    /// A person owns it now: a claimed case, or a person of the brand
    /// acted in it (Meta's inbox, Conversation Routing) less than
    /// `quiet_for` ago and nobody resolved it since.
    pub fn person_owns(&self, now: DateTime<Utc>, quiet_for: chrono::Duration) -> bool {
        let claimed = self.case.as_ref().is_some_and(|c| c.status == CaseStatus::Claimed);
        claimed || (self.human_owns && self.last_human_at.is_none_or(|h| now - h < quiet_for))
    }

    /// The case numbered `id`, open or resolved.
    pub fn find_case(&self, id: u64) -> Option<&Case> {
        self.case.iter().chain(self.past_cases.iter()).find(|c| c.id == id)
    }

    pub fn has_handled(&self, mid: &str) -> bool {
        self.handled.iter().any(|m| m == mid)
    }

    pub fn mark_handled(&mut self, mid: &str) {
        self.handled.push(mid.to_string());
        if self.handled.len() > HANDLED_IDS_KEPT {
            let excess = self.handled.len() - HANDLED_IDS_KEPT;
            self.handled.drain(..excess);
        }
    }

    /// Adds an entry in timestamp order (a late message goes where it
    /// belongs), within [`TRANSCRIPT_KEPT`] whoever wrote it: a person's
    /// replies, echoes and notes count as much as the customer's words.
    pub fn record(&mut self, entry: TranscriptEntry) -> usize {
        self.trim_to(TRANSCRIPT_KEPT - 1);
        let at = self.transcript.partition_point(|e| e.at <= entry.at);
        self.transcript.insert(at, entry);
        at
    }

    /// Drops the oldest entries past [`TRANSCRIPT_KEPT`], never a reply
    /// still waiting to be sent.
    pub fn trim_transcript(&mut self) {
        self.trim_to(TRANSCRIPT_KEPT);
    }

    fn trim_to(&mut self, kept: usize) {
        while self.transcript.len() > kept
            && !matches!(self.transcript[0].delivery, Some(Delivery::Sending | Delivery::Retrying { .. }))
        {
            self.transcript.remove(0);
        }
    }

    /// Customer messages written in the minute up to `at`.
    pub fn customer_messages_in_minute_before(&self, at: DateTime<Utc>) -> usize {
        let from = at - chrono::Duration::minutes(1);
        self.transcript.iter().filter(|e| e.author == Author::Customer && e.at > from && e.at <= at).count()
    }

    /// Replies written down but not known to be sent, for the message `mid`.
    pub fn unsent_replies_to(&self, mid: &str) -> Vec<usize> {
        self.transcript
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.answers.as_deref() == Some(mid)
                    && matches!(e.delivery, Some(Delivery::Sending | Delivery::Retrying { .. }))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The name the bot sends reply `i` under (WhatsApp's
    /// `biz_opaque_callback_data`): the customer message it answers and its
    /// place among the replies to it (replies to one message are trimmed
    /// from the transcript together, so the place holds).
    pub fn reply_reference(&self, i: usize) -> Option<String> {
        let answers = self.transcript.get(i)?.answers.as_deref()?;
        let before = self.transcript[..i].iter().filter(|e| e.answers.as_deref() == Some(answers)).count();
        Some(format!("{REPLY_REFERENCE}{answers}:{before}"))
    }

    /// The reply a reference names, and whether it named its one re-send
    /// ([`Conversation::resend_reference`]).
    pub fn find_reply(&self, reference: &str) -> Option<(usize, bool)> {
        let rest = reference.strip_prefix(REPLY_REFERENCE)?;
        let (rest, again) = match rest.strip_suffix(RESENT) {
            Some(rest) => (rest, true),
            None => (rest, false),
        };
        let (answers, nth) = rest.rsplit_once(':')?;
        let nth: usize = nth.parse().ok()?;
        let i = self.transcript.iter().enumerate().filter(|(_, e)| e.answers.as_deref() == Some(answers)).nth(nth)?.0;
        Some((i, again))
    }

    /// The reference of a reply's one re-send after Meta failed it.
    pub fn resend_reference(reference: &str) -> String {
        format!("{reference}{RESENT}")
    }

    pub fn is_our_message(&self, mid: &str) -> bool {
        self.sent_ids.iter().any(|m| m == mid)
    }

    pub fn remember_sent(&mut self, ids: &[String]) {
        self.sent_ids.extend(ids.iter().cloned());
        if self.sent_ids.len() > HANDLED_IDS_KEPT {
            let excess = self.sent_ids.len() - HANDLED_IDS_KEPT;
            self.sent_ids.drain(..excess);
        }
    }
}

/// One comment of the customer and what the bot did with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentRecord {
    pub comment_id: String,
    pub post_id: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub permalink: Option<String>,
    #[serde(default)]
    pub post_text: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    pub at: DateTime<Utc>,
    /// The customer deleted it.
    #[serde(default)]
    pub deleted: bool,
    /// The bot's (or a person's) public reply under it.
    #[serde(default)]
    pub public_reply: Option<Delivery>,
    /// The one Private Reply Meta allows.
    #[serde(default)]
    pub private_reply: Option<Delivery>,
    #[serde(default)]
    pub hidden: bool,
    /// The return time the bot's public reply was for: one public reply per
    /// customer and post in one closed period.
    #[serde(default)]
    pub replied_for: Option<DateTime<Utc>>,
    /// The customer's id in the page's inbox, as the Private Reply's answer named it.
    #[serde(default)]
    pub inbox_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::Channel;

    fn entry(min: i64, text: &str) -> TranscriptEntry {
        TranscriptEntry::new(DateTime::from_timestamp(min * 60, 0).unwrap(), Author::Customer, text.into())
    }

    #[test]
    fn a_reply_reference_names_its_reply_and_its_one_resend() {
        let mut c = Conversation::new(ConversationKey {
            channel: Channel::Whatsapp,
            account: "1".into(),
            customer: "2".into(),
        });
        c.record(entry(1, "question"));
        for text in ["first", "second"] {
            let mut reply = TranscriptEntry::new(DateTime::from_timestamp(60, 0).unwrap(), Author::Bot, text.into());
            reply.answers = Some("wamid.Q1".into());
            c.record(reply);
        }
        let second = c.transcript.iter().position(|e| e.text == "second").unwrap();
        let reference = c.reply_reference(second).unwrap();
        assert_eq!(reference, "ah1:wamid.Q1:1");
        assert_eq!(c.find_reply(&reference), Some((second, false)));
        assert_eq!(c.find_reply(&Conversation::resend_reference(&reference)), Some((second, true)));
        assert_eq!(c.reply_reference(0), None, "a customer message is no reply");
        assert_eq!(c.find_reply("ah1:wamid.Q1:2"), None);
        assert_eq!(c.find_reply("someone else's data"), None);
    }

    #[test]
    fn a_late_message_takes_its_place_in_the_transcript() {
        let mut c = Conversation::new(ConversationKey {
            channel: Channel::Messenger,
            account: "1".into(),
            customer: "2".into(),
        });
        c.record(entry(1, "a"));
        c.record(entry(3, "c"));
        assert_eq!(c.record(entry(2, "b")), 1);
        let texts: Vec<_> = c.transcript.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c"]);
    }

    #[test]
    fn the_transcript_cap_holds_for_every_author() {
        let mut c = Conversation::new(ConversationKey {
            channel: Channel::Messenger,
            account: "1".into(),
            customer: "2".into(),
        });
        for i in 0..(TRANSCRIPT_KEPT as i64 + 50) {
            let author = if i % 2 == 0 { Author::Agent } else { Author::System };
            c.record(TranscriptEntry::new(DateTime::from_timestamp(i * 60, 0).unwrap(), author, format!("{i}")));
        }
        assert_eq!(c.transcript.len(), TRANSCRIPT_KEPT);
        assert_eq!(c.transcript.last().unwrap().text, format!("{}", TRANSCRIPT_KEPT + 49));
    }

    #[test]
    fn handled_ids_are_bounded_and_the_newest_kept() {
        let mut c = Conversation::new(ConversationKey {
            channel: Channel::Whatsapp,
            account: "1".into(),
            customer: "2".into(),
        });
        for i in 0..(HANDLED_IDS_KEPT + 10) {
            c.mark_handled(&format!("m{i}"));
        }
        assert_eq!(c.handled.len(), HANDLED_IDS_KEPT);
        assert!(c.has_handled(&format!("m{}", HANDLED_IDS_KEPT + 9)));
        assert!(!c.has_handled("m0"));
    }
}

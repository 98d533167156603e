//! Cases: what a person of the care team picks up. A handoff opens a case
//! in the conversation's record, or joins the customer's open one; the
//! record keeps the transcript, the case keeps who owns it, what was
//! promised, when it is due and every action on it.
//!
//! Everything here is plain data and pure functions of it: the store keeps
//! the records, [`super::care`] runs the actions under the conversation's lock.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::channels::Channel;
use crate::domain::{IntentId, Kind, Priority};

/// Case numbers are short and shown to people: "case 1042".
pub type CaseId = u64;

/// When the bot promised nothing (a team was open), a person should answer
/// within this.
pub const DUE_WHEN_OPEN: Duration = Duration::hours(1);

/// Who a person answering from Meta's own inbox is, in the case's log.
pub const META_INBOX: &str = "Meta inbox";

/// How many resolved cases of one customer are kept with the conversation.
const PAST_CASES_KEPT: usize = 20;

/// How many actions one case keeps.
const ACTIONS_KEPT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Waiting,
    Claimed,
    Resolved,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Waiting => "waiting",
            CaseStatus::Claimed => "claimed",
            CaseStatus::Resolved => "resolved",
        }
    }
}

/// One thing that happened to a case, by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseAction {
    pub at: DateTime<Utc>,
    /// A person's name, `bot`, or [`META_INBOX`].
    pub by: String,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub status: CaseStatus,
    pub team: String,
    pub priority: Priority,
    /// The kind of the message that set the priority.
    pub kind: Kind,
    /// The newest FAQ intent read in the case.
    #[serde(default)]
    pub intent: Option<IntentId>,
    pub opened_at: DateTime<Utc>,
    /// When the customer wrote the message that opened it.
    pub first_message_at: DateTime<Utc>,
    /// No person who speaks the language was at work when it opened.
    #[serde(default)]
    pub opened_while_closed: bool,
    /// The availability the bot stated, and when it said so.
    #[serde(default)]
    pub promised: Option<DateTime<Utc>>,
    #[serde(default)]
    pub promise_made_at: Option<DateTime<Utc>>,
    pub due_at: DateTime<Utc>,
    #[serde(default)]
    pub claimed_by: Option<String>,
    #[serde(default)]
    pub claimed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub first_human_reply_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub resolved_by: Option<String>,
    /// When the overdue alert went out (once per case).
    #[serde(default)]
    pub alerted_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub actions: Vec<CaseAction>,
}

/// What opens a case: the reading of the message that needs a person.
#[derive(Debug, Clone)]
pub struct Opening {
    pub id: CaseId,
    pub team: String,
    pub priority: Priority,
    pub kind: Kind,
    pub intent: Option<IntentId>,
    pub written_at: DateTime<Utc>,
    pub open_now: bool,
    pub promised: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

impl Case {
    pub fn open(o: Opening) -> Self {
        let due_at = o.promised.unwrap_or(o.now + DUE_WHEN_OPEN);
        let mut case = Case {
            id: o.id,
            status: CaseStatus::Waiting,
            team: o.team,
            priority: o.priority,
            kind: o.kind,
            intent: o.intent,
            opened_at: o.now,
            first_message_at: o.written_at,
            opened_while_closed: !o.open_now,
            promised: o.promised,
            promise_made_at: o.promised.map(|_| o.now),
            due_at,
            claimed_by: None,
            claimed_at: None,
            first_human_reply_at: None,
            resolved_at: None,
            resolved_by: None,
            alerted_at: None,
            actions: Vec::new(),
        };
        case.log(o.now, "bot", "opened", Some(format!("{:?}", o.kind).to_lowercase()));
        case
    }

    pub fn is_open(&self) -> bool {
        self.status != CaseStatus::Resolved
    }

    pub fn log(&mut self, at: DateTime<Utc>, by: &str, action: &str, detail: Option<String>) {
        self.actions.push(CaseAction { at, by: by.to_string(), action: action.to_string(), detail });
        if self.actions.len() > ACTIONS_KEPT {
            let excess = self.actions.len() - ACTIONS_KEPT;
            self.actions.drain(..excess);
        }
    }

    /// A later message that needs a person joins the case: the priority
    /// only goes up; a newer promise moves the due time.
    pub fn join(&mut self, o: &Opening) {
        if o.priority > self.priority {
            self.priority = o.priority;
            self.kind = o.kind;
            self.log(o.now, "bot", "priority raised", Some(format!("{:?}", o.priority).to_lowercase()));
        }
        if o.intent.is_some() {
            self.intent = o.intent.clone();
        }
        if let Some(p) = o.promised {
            if self.promised != Some(p) {
                self.promised = Some(p);
                self.promise_made_at = Some(o.now);
                if self.first_human_reply_at.is_none() {
                    self.due_at = p;
                }
            }
        }
    }

    /// Waiting past its due time plus `grace`, with no reply from a person.
    pub fn is_overdue(&self, now: DateTime<Utc>, grace: Duration) -> bool {
        self.status == CaseStatus::Waiting && self.first_human_reply_at.is_none() && now > self.due_at + grace
    }

    /// Was the promise kept: a person's first reply before the promised
    /// time (plus grace)? `None` while nobody replied and it is not late yet.
    pub fn promise_kept(&self, now: DateTime<Utc>, grace: Duration) -> Option<bool> {
        match self.first_human_reply_at {
            Some(first) => Some(first <= self.due_at + grace),
            None if now > self.due_at + grace => Some(false),
            None => None,
        }
    }
}

/// The queue's order: overdue first, then priority (highest first), then
/// the oldest.
pub fn queue_order(a: &Case, b: &Case, now: DateTime<Utc>, grace: Duration) -> std::cmp::Ordering {
    b.is_overdue(now, grace)
        .cmp(&a.is_overdue(now, grace))
        .then(b.priority.cmp(&a.priority))
        .then(a.opened_at.cmp(&b.opened_at))
        .then(a.id.cmp(&b.id))
}

/// Adds a resolved case to the customer's history, keeping the newest.
pub fn remember_past(past: &mut Vec<Case>, case: Case) {
    past.push(case);
    if past.len() > PAST_CASES_KEPT {
        let excess = past.len() - PAST_CASES_KEPT;
        past.drain(..excess);
    }
}

/// How a person's reply can go out now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyMode {
    /// Inside the standard 24-hour window.
    Response,
    /// Messenger and Instagram, 24 hours to 7 days: the `HUMAN_AGENT` tag.
    HumanAgent,
    /// Past every window: the channel refuses free-form text.
    Closed,
}

/// The channel's reply windows after the customer's last message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyWindow {
    /// The standard window (24 hours on every channel).
    pub standard_closes_at: DateTime<Utc>,
    /// The last moment a person may answer with free text (7 days with
    /// `HUMAN_AGENT` on Messenger and Instagram; 24 hours on WhatsApp,
    /// after which only a template may be sent).
    pub closes_at: DateTime<Utc>,
}

impl ReplyWindow {
    pub fn after(channel: Channel, last_customer_message: DateTime<Utc>) -> Self {
        let standard_closes_at = last_customer_message + Duration::hours(24);
        let closes_at = match channel {
            Channel::Messenger | Channel::Instagram => last_customer_message + Duration::days(7),
            Channel::Whatsapp => standard_closes_at,
        };
        Self { standard_closes_at, closes_at }
    }

    pub fn mode(&self, now: DateTime<Utc>) -> ReplyMode {
        if now < self.standard_closes_at {
            ReplyMode::Response
        } else if now < self.closes_at {
            ReplyMode::HumanAgent
        } else {
            ReplyMode::Closed
        }
    }

    /// Why a reply cannot go out, in words for the person who wrote it.
    pub fn refusal(channel: Channel) -> &'static str {
        match channel {
            Channel::Whatsapp => {
                "WhatsApp accepts free-form replies only within 24 hours of the customer's last message; only an approved template may be sent now"
            }
            Channel::Messenger | Channel::Instagram => {
                "more than 7 days have passed since the customer's last message: Meta accepts no reply until the customer writes again"
            }
        }
    }
}

/// The customer's clock at `at`, as RFC 3339 in their zone.
pub fn local_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_291_600 + h * 3600, 0).unwrap()
    }

    fn opening(priority: Priority, promised: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Opening {
        Opening {
            id: 1,
            team: "benelux".into(),
            priority,
            kind: Kind::Question,
            intent: None,
            written_at: now,
            open_now: promised.is_none(),
            promised,
            now,
        }
    }

    #[test]
    fn windows_per_channel() {
        let w = ReplyWindow::after(Channel::Messenger, t(0));
        assert_eq!(w.mode(t(23)), ReplyMode::Response);
        assert_eq!(w.mode(t(25)), ReplyMode::HumanAgent);
        assert_eq!(w.mode(t(24 * 7 + 1)), ReplyMode::Closed);
        let w = ReplyWindow::after(Channel::Whatsapp, t(0));
        assert_eq!(w.mode(t(23)), ReplyMode::Response);
        assert_eq!(w.mode(t(25)), ReplyMode::Closed);
    }

    #[test]
    fn due_is_the_promise_or_an_hour_and_overdue_after_grace() {
        let c = Case::open(opening(Priority::Normal, Some(t(10)), t(0)));
        assert_eq!(c.due_at, t(10));
        assert!(!c.is_overdue(t(10), Duration::minutes(15)));
        assert!(c.is_overdue(t(11), Duration::minutes(15)));
        assert_eq!(c.promise_kept(t(11), Duration::zero()), Some(false));
        let c = Case::open(opening(Priority::Normal, None, t(0)));
        assert_eq!(c.due_at, t(1));
        assert_eq!(c.promise_kept(t(0), Duration::zero()), None);
    }

    #[test]
    fn joining_only_raises_the_priority() {
        let mut c = Case::open(opening(Priority::Complaint, Some(t(10)), t(0)));
        c.join(&opening(Priority::Normal, Some(t(10)), t(1)));
        assert_eq!(c.priority, Priority::Complaint);
        c.join(&opening(Priority::Urgent, Some(t(10)), t(2)));
        assert_eq!(c.priority, Priority::Urgent);
    }

    #[test]
    fn queue_puts_overdue_first_then_priority_then_age() {
        let grace = Duration::zero();
        let mut overdue = Case::open(opening(Priority::Low, Some(t(1)), t(0)));
        overdue.id = 1;
        let mut urgent = Case::open(opening(Priority::Urgent, Some(t(10)), t(1)));
        urgent.id = 2;
        let mut old = Case::open(opening(Priority::Normal, Some(t(10)), t(0)));
        old.id = 3;
        let mut young = Case::open(opening(Priority::Normal, Some(t(10)), t(1)));
        young.id = 4;
        let mut all = [young, old, urgent, overdue];
        all.sort_by(|a, b| queue_order(a, b, t(2), grace));
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }
}

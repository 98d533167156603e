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
use crate::domain::{IntentId, Kind, Priority, Window, WindowRules};

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
    /// When the overdue alert went out (once per response timer).
    #[serde(default)]
    pub alerted_at: Option<DateTime<Utc>>,
    /// The newest reply of a person that Meta accepted.
    #[serde(default)]
    pub last_human_reply_at: Option<DateTime<Utc>>,
    /// The customer message the current response timer runs from (the
    /// first message, or a follow-up after a person answered).
    #[serde(default)]
    pub waiting_since: Option<DateTime<Utc>>,
    /// When the customer's free-form window closes (after their newest
    /// message): past it a person can answer only if something reopens it.
    #[serde(default)]
    pub window_closes_at: Option<DateTime<Utc>>,
    /// The page is approved for `HUMAN_AGENT` (a 7-day window for people).
    #[serde(default)]
    pub human_agent: bool,
    /// A template can reach the customer once the window closed.
    #[serde(default)]
    pub can_reopen: bool,
    /// When the window was found closed with nobody's answer (counted once).
    #[serde(default)]
    pub window_missed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub actions: Vec<CaseAction>,
    /// The escalation plan's chain run for this case, if it escalated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<crate::domain::escalation::CaseEscalation>,
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
    /// The customer's window after this message, when the channel is known.
    pub window: Option<Window>,
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
            last_human_reply_at: None,
            waiting_since: Some(o.written_at),
            window_closes_at: None,
            human_agent: false,
            can_reopen: false,
            window_missed_at: None,
            actions: Vec::new(),
            escalation: None,
        };
        if let Some(w) = o.window {
            case.set_window(w);
        }
        case.log(o.now, "bot", "opened", Some(format!("{:?}", o.kind).to_lowercase()));
        case
    }

    /// The customer's window as it stands after their newest message.
    pub fn set_window(&mut self, w: Window) {
        self.window_closes_at = Some(w.closes_at);
        self.human_agent = w.rules.human_agent;
        self.can_reopen = w.rules.can_reopen;
    }

    /// The customer's newest message still waits for a person's reply.
    pub fn awaiting_reply(&self) -> bool {
        let since = self.waiting_since.unwrap_or(self.first_message_at);
        self.last_human_reply_at.or(self.first_human_reply_at).is_none_or(|r| r < since)
    }

    /// No person can answer in free text at `at` and nothing can reopen
    /// the window: only the customer writing again makes a reply possible.
    pub fn unreachable_at(&self, at: DateTime<Utc>) -> bool {
        !self.can_reopen && self.window_closes_at.is_some_and(|c| at >= c)
    }

    /// A person's reply Meta accepted.
    pub fn answered(&mut self, at: DateTime<Utc>) {
        self.first_human_reply_at.get_or_insert(at);
        self.last_human_reply_at = Some(self.last_human_reply_at.map_or(at, |l| l.max(at)));
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
        // A person answered, or the time set could never be kept (the
        // window closed first): the customer's new message starts a new
        // response timer, and may raise a new alert.
        let restart = !self.awaiting_reply() || self.unreachable_at(self.due_at);
        if let Some(w) = o.window {
            self.set_window(w);
        }
        if restart {
            self.waiting_since = Some(o.written_at);
            self.due_at = o.promised.unwrap_or(o.now + DUE_WHEN_OPEN);
            self.alerted_at = None;
            self.log(o.now, "bot", "customer wrote again", Some(format!("reply due {}", self.due_at.to_rfc3339())));
        }
        if let Some(p) = o.promised {
            if self.promised != Some(p) {
                self.promised = Some(p);
                self.promise_made_at = Some(o.now);
                if self.awaiting_reply() {
                    self.due_at = p;
                }
            }
        }
    }

    /// Open, the customer's newest message unanswered, and past its due
    /// time plus `grace`: claimed or not. A time that nobody could keep,
    /// because the window closed before it and nothing can reopen it, is
    /// not overdue: the customer was asked to write again.
    pub fn is_overdue(&self, now: DateTime<Utc>, grace: Duration) -> bool {
        self.is_open() && self.awaiting_reply() && now > self.due_at + grace && !self.unreachable_at(self.due_at)
    }

    /// The customer's window closed while their message waited for a
    /// person, and nothing can reopen it.
    pub fn window_missed(&self, now: DateTime<Utc>) -> bool {
        self.is_open() && self.awaiting_reply() && self.window_closes_at.is_some_and(|c| now >= c)
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
/// the window that closes soonest (cases whose window is closed or unknown
/// after those still open), then the oldest.
pub fn queue_order(a: &Case, b: &Case, now: DateTime<Utc>, grace: Duration) -> std::cmp::Ordering {
    let closing = |c: &Case| match c.window_closes_at.filter(|w| *w > now) {
        Some(w) => (0, w),
        None => (1, DateTime::<Utc>::MAX_UTC),
    };
    b.is_overdue(now, grace)
        .cmp(&a.is_overdue(now, grace))
        .then(b.priority.cmp(&a.priority))
        .then(closing(a).cmp(&closing(b)))
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

/// The channel's reply windows after the customer's last message, with
/// what the page may do (`flows/pages.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyWindow {
    pub channel: Channel,
    pub window: Window,
}

impl ReplyWindow {
    pub fn after(channel: Channel, last_customer_message: DateTime<Utc>, rules: WindowRules) -> Self {
        Self { channel, window: Window::after(last_customer_message, rules) }
    }

    pub fn standard_closes_at(&self) -> DateTime<Utc> {
        self.window.standard_closes_at
    }

    pub fn closes_at(&self) -> DateTime<Utc> {
        self.window.closes_at
    }

    pub fn mode(&self, now: DateTime<Utc>) -> ReplyMode {
        if now < self.window.standard_closes_at {
            ReplyMode::Response
        } else if now < self.window.closes_at {
            ReplyMode::HumanAgent
        } else {
            ReplyMode::Closed
        }
    }

    /// Why a reply cannot go out, in words for the person who wrote it.
    pub fn refusal(&self) -> &'static str {
        match (self.channel, self.window.rules.human_agent) {
            (Channel::Whatsapp, _) => {
                "WhatsApp accepts free-form replies only within 24 hours of the customer's last message; only an approved template may be sent now"
            }
            (_, true) => {
                "more than 7 days have passed since the customer's last message: Meta accepts no reply until the customer writes again"
            }
            (_, false) => {
                "more than 24 hours have passed since the customer's last message and this page is not approved for late replies by people: Meta accepts no reply until the customer writes again"
            }
        }
    }

    /// Where the window stands, in the words of a person of the care team:
    /// "window closes in 2 h", "window closed 3 h ago: only a template can
    /// reach the customer".
    pub fn note(&self, now: DateTime<Utc>) -> String {
        let w = &self.window;
        match self.mode(now) {
            ReplyMode::Response if w.rules.human_agent => format!(
                "window closes in {}; after that a person may still reply for {}",
                span(w.standard_closes_at - now),
                span(w.closes_at - w.standard_closes_at)
            ),
            ReplyMode::Response => format!("window closes in {}", span(w.standard_closes_at - now)),
            ReplyMode::HumanAgent => format!(
                "24-hour window closed {} ago; a person may still reply for {}",
                span(now - w.standard_closes_at),
                span(w.closes_at - now)
            ),
            ReplyMode::Closed if w.rules.can_reopen => {
                format!("window closed {} ago: only a template can reach the customer", span(now - w.closes_at))
            }
            ReplyMode::Closed => format!(
                "window closed {} ago: nobody can reply until the customer writes again",
                span(now - w.closes_at)
            ),
        }
    }
}

/// A stretch of time as people say it: "45 min", "2 h", "3 days".
pub fn span(d: Duration) -> String {
    let minutes = d.num_minutes().max(1);
    if minutes < 60 {
        format!("{minutes} min")
    } else if minutes < 48 * 60 {
        format!("{} h", (minutes + 30) / 60)
    } else {
        format!("{} days", (minutes + 12 * 60) / (24 * 60))
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
            window: None,
            now,
        }
    }

    const APPROVED: WindowRules = WindowRules { human_agent: true, can_reopen: false };
    const TEMPLATES: WindowRules = WindowRules { human_agent: false, can_reopen: true };

    #[test]
    fn windows_per_page() {
        let w = ReplyWindow::after(Channel::Messenger, t(0), APPROVED);
        assert_eq!(w.mode(t(23)), ReplyMode::Response);
        assert_eq!(w.mode(t(25)), ReplyMode::HumanAgent);
        assert_eq!(w.mode(t(24 * 7 + 1)), ReplyMode::Closed);
        assert_eq!(w.note(t(25)), "24-hour window closed 1 h ago; a person may still reply for 6 days");
        let w = ReplyWindow::after(Channel::Messenger, t(0), WindowRules::default());
        assert_eq!(w.mode(t(25)), ReplyMode::Closed, "not approved: 24 hours");
        assert!(w.refusal().contains("not approved"));
        assert_eq!(w.note(t(27)), "window closed 3 h ago: nobody can reply until the customer writes again");
        let w = ReplyWindow::after(Channel::Whatsapp, t(0), TEMPLATES);
        assert_eq!(w.mode(t(23)), ReplyMode::Response);
        assert_eq!(w.note(t(22)), "window closes in 2 h");
        assert_eq!(w.mode(t(25)), ReplyMode::Closed);
        assert_eq!(w.note(t(27)), "window closed 3 h ago: only a template can reach the customer");
    }

    #[test]
    fn claimed_but_unanswered_is_overdue_and_a_follow_up_starts_a_new_timer() {
        let grace = Duration::minutes(15);
        let mut c = Case::open(opening(Priority::Normal, Some(t(10)), t(0)));
        c.status = CaseStatus::Claimed;
        assert!(c.is_overdue(t(11), grace), "claimed, nobody answered");
        c.answered(t(11));
        assert!(!c.is_overdue(t(12), grace));
        // The customer writes again at 13:00 while the team is open.
        let mut again = opening(Priority::Normal, None, t(13));
        again.written_at = t(13);
        c.join(&again);
        assert!(c.awaiting_reply());
        assert_eq!(c.due_at, t(14));
        assert!(!c.is_overdue(t(14), grace));
        assert!(c.is_overdue(t(15), grace));
        c.answered(t(15));
        assert!(!c.is_overdue(t(16), grace));
    }

    #[test]
    fn a_time_nobody_could_keep_is_not_overdue_until_the_customer_writes_again() {
        let grace = Duration::zero();
        let mut o = opening(Priority::Normal, Some(t(60)), t(0));
        o.window = Some(Window::after(t(0), WindowRules::default()));
        let mut c = Case::open(o);
        assert!(!c.is_overdue(t(61), grace), "the window closed at 24 h: the customer was asked to write again");
        assert!(c.window_missed(t(25)));
        let mut again = opening(Priority::Normal, None, t(62));
        again.written_at = t(62);
        again.window = Some(Window::after(t(62), WindowRules::default()));
        c.join(&again);
        assert_eq!(c.due_at, t(63));
        assert!(c.is_overdue(t(64), grace));
    }

    #[test]
    fn the_window_closing_soonest_comes_first_within_a_priority() {
        let now = t(1);
        let mut later = Case::open(opening(Priority::Normal, Some(t(10)), t(0)));
        later.id = 1;
        later.window_closes_at = Some(t(20));
        let mut sooner = Case::open(opening(Priority::Normal, Some(t(10)), t(1)));
        sooner.id = 2;
        sooner.window_closes_at = Some(t(5));
        let mut closed = Case::open(opening(Priority::Normal, Some(t(10)), t(0)));
        closed.id = 3;
        closed.window_closes_at = Some(t(0));
        let mut urgent = Case::open(opening(Priority::Urgent, Some(t(10)), t(1)));
        urgent.id = 4;
        urgent.window_closes_at = Some(t(30));
        let mut all = [closed, later, sooner, urgent];
        all.sort_by(|a, b| queue_order(a, b, now, Duration::zero()));
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [4, 2, 1, 3]);
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

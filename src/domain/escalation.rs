//! Escalation plans for the night: who is on call at an instant (a rota on
//! its own clock), the chain of contacts alerted one after the other, what
//! makes a case escalate, and bursts of complaints read as one incident.
//! Pure: the clock and the plans are arguments. Built by `crate::flows`.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::hours::Week;
use super::kind::Kind;
use super::priority::Priority;

/// The plan used for a team without a plan of its own.
pub const DEFAULT_PLAN: &str = "default";

/// How an alert is shaped for its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A Slack-style incoming webhook: `text` and `blocks`.
    Slack,
    /// Any alerting endpoint taking our JSON as it is.
    Json,
}

impl ContactKind {
    pub const NAMES: [&'static str; 2] = ["slack", "json"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "slack" => Some(Self::Slack),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Someone (or some pager) an alert can reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub kind: ContactKind,
    /// The environment variable holding the webhook URL: the URL is a
    /// secret and never sits in the flows.
    pub url_env: String,
    /// The variable was set when the flows were loaded.
    pub configured: bool,
}

/// One step of a chain: who is alerted, and how long they have to
/// acknowledge before the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub contact: String,
    pub ack_minutes: u32,
}

/// An on-call slot: the days and hours it covers on the rota's clock, and
/// the chain alerted meanwhile (empty: nobody is on call, on purpose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub week: Week,
    pub chain: Vec<Step>,
}

/// N complaints within M minutes about one thing (a page, a post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Burst {
    pub complaints: u32,
    pub minutes: u32,
}

/// A team's plan (or the default one).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The team id, or [`DEFAULT_PLAN`].
    pub id: String,
    /// The rota's clock: its hours are read on this wall clock.
    pub tz: Tz,
    pub rota: Vec<Slot>,
    /// The response the customer may be promised while someone is on call.
    pub response_minutes: Option<u32>,
    /// The contact alerted about incidents (a burst of complaints).
    pub pr: Option<String>,
    /// Messages waiting for a person at which the case escalates.
    pub repeat_writes: Option<u32>,
    pub burst: Option<Burst>,
}

impl Plan {
    /// The chain on call at `at`: `None` when nobody is (a gap in the rota,
    /// or a slot that says so).
    pub fn on_call(&self, at: DateTime<Utc>) -> Option<&[Step]> {
        let local = at.with_timezone(&self.tz).naive_local();
        self.rota.iter().find(|s| s.week.covers(local)).map(|s| s.chain.as_slice()).filter(|c| !c.is_empty())
    }
}

/// Every plan and contact of `flows/escalation.toml`; empty without the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EscalationBook {
    pub contacts: Vec<Contact>,
    pub plans: Vec<Plan>,
}

impl EscalationBook {
    /// The team's own plan, else the default one.
    pub fn plan(&self, team: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == team).or_else(|| self.plans.iter().find(|p| p.id == DEFAULT_PLAN))
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// The plan and chain on call for `team` at `at`.
    pub fn on_call(&self, team: &str, at: DateTime<Utc>) -> Option<(&Plan, &[Step])> {
        let plan = self.plan(team)?;
        plan.on_call(at).map(|chain| (plan, chain))
    }

    /// The response, in minutes, the customer of `team` may be promised at
    /// `at`: only while someone is on call whom an alert can reach, and the
    /// plan sets a target. Never a promise no rota backs.
    pub fn promise(&self, team: &str, at: DateTime<Utc>) -> Option<u32> {
        let (plan, chain) = self.on_call(team, at)?;
        let reachable = chain.iter().any(|s| self.contact(&s.contact).is_some_and(|c| c.configured));
        plan.response_minutes.filter(|_| reachable)
    }

    /// The contacts whose URL variable is not set, for the warning at start.
    pub fn unconfigured(&self) -> impl Iterator<Item = &Contact> {
        self.contacts.iter().filter(|c| !c.configured)
    }
}

/// Why a case escalated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// An urgent message while the team is closed.
    UrgentAfterHours,
    /// The customer wrote again and again while waiting.
    RepeatWriter,
}

/// What is known of a case when a customer's message joins it.
#[derive(Debug, Clone, Copy)]
pub struct CaseFacts<'a> {
    pub team: &'a str,
    pub kind: Kind,
    /// A team that speaks the customer's language is at work.
    pub open_now: bool,
    /// The customer's messages since the response timer started (this one
    /// included), while nobody has answered.
    pub waiting_writes: u32,
    pub at: DateTime<Utc>,
}

/// Does the case escalate now, and why? Only while its team is closed (when
/// it is open, people see the queue and its priorities) and someone is on
/// call: an urgent message at once, a repeat writer at the plan's threshold.
pub fn assess(book: &EscalationBook, facts: &CaseFacts<'_>) -> Option<Trigger> {
    if facts.open_now {
        return None;
    }
    let (plan, _) = book.on_call(facts.team, facts.at)?;
    if facts.kind == Kind::Urgent {
        return Some(Trigger::UrgentAfterHours);
    }
    plan.repeat_writes.filter(|n| facts.waiting_writes >= *n).map(|_| Trigger::RepeatWriter)
}

/// The priority of a case whose customer wrote `waiting_writes` times while
/// waiting: one step up per message after the first, never past complaint
/// below the threshold; urgent at it.
pub fn repeat_priority(current: Priority, waiting_writes: u32, threshold: Option<u32>) -> Priority {
    if threshold.is_some_and(|n| waiting_writes >= n) {
        return Priority::Urgent;
    }
    let mut p = current;
    for _ in 1..waiting_writes {
        p = match p {
            Priority::Low => Priority::Normal,
            Priority::Normal | Priority::Complaint => Priority::Complaint,
            Priority::Urgent => Priority::Urgent,
        };
    }
    p.max(current)
}

/// One alert of a chain, as recorded on the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertRecord {
    pub at: DateTime<Utc>,
    /// 0-based step of the chain.
    pub step: usize,
    pub contact: String,
    pub name: String,
    /// `sent`, `not configured (VAR is not set)`, or `failed: <why>`.
    pub outcome: String,
}

impl AlertRecord {
    pub fn sent(&self) -> bool {
        self.outcome == "sent"
    }
}

/// A case's escalation: the chain as it stood when it started (a reload
/// mid-chain does not reshuffle it), how far it got, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEscalation {
    pub plan: String,
    pub trigger: Trigger,
    pub started_at: DateTime<Utc>,
    pub chain: Vec<Step>,
    /// The step alerted next.
    pub next_step: usize,
    /// When the last step was alerted (its acknowledgement time runs from here).
    #[serde(default)]
    pub last_alert_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub alerts: Vec<AlertRecord>,
    #[serde(default)]
    pub acknowledged_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub acknowledged_by: Option<String>,
    /// Everyone was alerted and nobody acknowledged in time.
    #[serde(default)]
    pub exhausted_at: Option<DateTime<Utc>>,
}

/// What the chain runner does next with a case's escalation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainNext {
    /// Alert step `n` now.
    Alert(usize),
    /// Nothing before this instant.
    WaitUntil(DateTime<Utc>),
    /// The last contact's time to acknowledge ran out.
    Exhausted,
    /// Acknowledged or exhausted already.
    Over,
}

impl CaseEscalation {
    pub fn start(plan: &str, trigger: Trigger, chain: &[Step], now: DateTime<Utc>) -> Self {
        Self {
            plan: plan.to_string(),
            trigger,
            started_at: now,
            chain: chain.to_vec(),
            next_step: 0,
            last_alert_at: None,
            alerts: Vec::new(),
            acknowledged_at: None,
            acknowledged_by: None,
            exhausted_at: None,
        }
    }

    pub fn is_over(&self) -> bool {
        self.acknowledged_at.is_some() || self.exhausted_at.is_some()
    }

    /// When the next thing is due: the first step at once, each later one
    /// when the previous contact's `ack_minutes` ran out, and the end of the
    /// chain when the last one's did.
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        if self.is_over() {
            return None;
        }
        match (self.last_alert_at, self.next_step.checked_sub(1).and_then(|i| self.chain.get(i))) {
            (Some(at), Some(prev)) => Some(at + Duration::minutes(prev.ack_minutes as i64)),
            _ => Some(self.started_at),
        }
    }

    pub fn next(&self, now: DateTime<Utc>) -> ChainNext {
        let Some(due) = self.due_at() else { return ChainNext::Over };
        if now < due {
            return ChainNext::WaitUntil(due);
        }
        if self.next_step >= self.chain.len() {
            ChainNext::Exhausted
        } else {
            ChainNext::Alert(self.next_step)
        }
    }

    /// Step `step` was alerted (or could not be) at `at`: the next one's
    /// time runs from here. A step with nobody to reach moves on at once.
    pub fn alerted(&mut self, record: AlertRecord, reached: bool) {
        let at = record.at;
        let step = record.step;
        self.alerts.push(record);
        self.next_step = step + 1;
        self.last_alert_at = Some(if reached {
            at
        } else {
            // Nobody got it: no time to acknowledge is owed to them.
            at - Duration::minutes(self.chain.get(step).map_or(0, |s| s.ack_minutes as i64))
        });
    }

    /// A person took the case; answers whether this stopped the chain.
    pub fn acknowledge(&mut self, who: &str, at: DateTime<Utc>) -> bool {
        if self.is_over() {
            return false;
        }
        self.acknowledged_at = Some(at);
        self.acknowledged_by = Some(who.to_string());
        true
    }

    /// The names of the contacts an alert reached, in order.
    pub fn alerted_names(&self) -> Vec<String> {
        self.alerts.iter().filter(|a| a.sent()).map(|a| a.name.clone()).collect()
    }
}

/// What one more complaint means for its page (or post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BurstCall {
    /// Below the rule: nothing to raise.
    Quiet,
    /// The rule is met and no incident is open: raise one.
    Open { complaints: usize },
    /// An incident is open already: this complaint joins it (no new alert).
    Join { complaints: usize },
}

impl Burst {
    /// The complaints (one per customer, at their latest) within the
    /// rule's minutes up to `now`.
    pub fn within(&self, times: &[DateTime<Utc>], now: DateTime<Utc>) -> usize {
        let from = now - Duration::minutes(self.minutes as i64);
        times.iter().filter(|t| **t > from && **t <= now).count()
    }

    /// One incident per burst, never one alert per complaint.
    pub fn call(&self, times: &[DateTime<Utc>], now: DateTime<Utc>, incident_open: bool) -> BurstCall {
        let complaints = self.within(times, now);
        match (complaints >= self.complaints as usize, incident_open) {
            (_, true) => BurstCall::Join { complaints },
            (true, false) => BurstCall::Open { complaints },
            (false, false) => BurstCall::Quiet,
        }
    }

    pub fn window(&self) -> Duration {
        Duration::minutes(self.minutes as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Interval;
    use chrono::TimeZone;

    fn week(days: &[usize], hours: &str) -> Week {
        let mut w = Week::default();
        for d in days {
            w.days[*d].push(Interval::parse(hours).unwrap());
        }
        w
    }

    fn step(c: &str, m: u32) -> Step {
        Step { contact: c.into(), ack_minutes: m }
    }

    fn contact(id: &str, configured: bool) -> Contact {
        Contact { id: id.into(), name: id.into(), kind: ContactKind::Json, url_env: "X".into(), configured }
    }

    /// Weekend nights on Amsterdam's clock: Friday 20:00 to Monday 08:00,
    /// Sunday 22:00-24:00 said to be nobody's.
    fn book() -> EscalationBook {
        let plan = Plan {
            id: DEFAULT_PLAN.into(),
            tz: chrono_tz::Europe::Amsterdam,
            rota: vec![
                Slot { week: week(&[4], "20:00-24:00"), chain: vec![step("phone", 15), step("manager", 30)] },
                Slot { week: week(&[5], "00:00-24:00"), chain: vec![step("phone", 15), step("manager", 30)] },
                Slot { week: week(&[6], "00:00-22:00"), chain: vec![step("phone", 15)] },
                Slot { week: week(&[6], "22:00-08:00"), chain: vec![] },
            ],
            response_minutes: Some(60),
            pr: Some("pr".into()),
            repeat_writes: Some(3),
            burst: Some(Burst { complaints: 20, minutes: 10 }),
        };
        EscalationBook { contacts: vec![contact("phone", true), contact("manager", true)], plans: vec![plan] }
    }

    fn ams(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Amsterdam.with_ymd_and_hms(y, mo, d, h, mi, 0).earliest().unwrap().with_timezone(&Utc)
    }

    #[test]
    fn who_is_on_call_follows_the_rota_on_its_own_clock() {
        let b = book();
        // Saturday 28 November 2026, 02:00 in Amsterdam.
        let (_, chain) = b.on_call("benelux", ams(2026, 11, 28, 2, 0)).unwrap();
        assert_eq!(chain[0].contact, "phone");
        assert_eq!(chain.len(), 2);
        assert!(b.on_call("benelux", ams(2026, 11, 27, 19, 59)).is_none(), "Friday before 20:00");
        assert!(b.on_call("benelux", ams(2026, 11, 27, 20, 0)).is_some());
        assert!(b.on_call("benelux", ams(2026, 11, 29, 23, 0)).is_none(), "Sunday night: nobody, on purpose");
        assert!(b.on_call("benelux", ams(2026, 11, 30, 7, 59)).is_none());
        assert_eq!(b.promise("benelux", ams(2026, 11, 28, 2, 0)), Some(60));
        assert_eq!(b.promise("benelux", ams(2026, 11, 29, 23, 0)), None, "never a promise no rota backs");
    }

    #[test]
    fn a_promise_needs_a_contact_an_alert_can_reach() {
        let mut b = book();
        b.contacts.iter_mut().for_each(|c| c.configured = false);
        assert!(b.on_call("benelux", ams(2026, 11, 28, 2, 0)).is_some());
        assert_eq!(b.promise("benelux", ams(2026, 11, 28, 2, 0)), None);
        b.contacts[1].configured = true;
        assert_eq!(b.promise("benelux", ams(2026, 11, 28, 2, 0)), Some(60), "the manager can be reached");
    }

    #[test]
    fn the_rota_holds_through_both_dst_changes() {
        let b = book();
        // Sunday 29 March 2026: Amsterdam jumps from 02:00 to 03:00. Saturday's
        // slot ends at midnight, Sunday's runs 00:00-22:00: 01:59 and 03:00 are covered.
        let before = chrono_tz::Europe::Amsterdam.with_ymd_and_hms(2026, 3, 29, 1, 59, 0).unwrap().with_timezone(&Utc);
        assert!(b.on_call("x", before).is_some());
        assert!(b.on_call("x", before + Duration::minutes(1)).is_some(), "03:00 after the gap");
        // Sunday 25 October 2026: 02:00-03:00 is read twice; both passes covered.
        let first = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap(); // 02:30 CEST
        let second = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap(); // 02:30 CET
        assert!(b.on_call("x", first).is_some());
        assert!(b.on_call("x", second).is_some());
        // A slot ending in the repeated hour: Friday night's plan on a clock
        // where the slot is 00:00-02:30 holds on both passes of 02:15.
        let plan = Plan {
            rota: vec![Slot { week: week(&[6], "00:00-02:30"), chain: vec![step("phone", 5)] }],
            ..book().plans[0].clone()
        };
        assert!(plan.on_call(Utc.with_ymd_and_hms(2026, 10, 25, 0, 15, 0).unwrap()).is_some());
        assert!(plan.on_call(Utc.with_ymd_and_hms(2026, 10, 25, 1, 15, 0).unwrap()).is_some());
        assert!(plan.on_call(Utc.with_ymd_and_hms(2026, 10, 25, 1, 31, 0).unwrap()).is_none(), "02:31 CET");
    }

    #[test]
    fn urgent_escalates_only_while_the_team_is_closed_and_someone_is_on_call() {
        let b = book();
        let at = ams(2026, 11, 28, 2, 0);
        let facts = CaseFacts { team: "benelux", kind: Kind::Urgent, open_now: false, waiting_writes: 1, at };
        assert_eq!(assess(&b, &facts), Some(Trigger::UrgentAfterHours));
        assert_eq!(assess(&b, &CaseFacts { open_now: true, ..facts }), None);
        assert_eq!(assess(&b, &CaseFacts { at: ams(2026, 11, 29, 23, 0), ..facts }), None);
        assert_eq!(assess(&b, &CaseFacts { kind: Kind::Complaint, ..facts }), None);
        assert_eq!(assess(&EscalationBook::default(), &facts), None, "no plans, no escalation");
    }

    #[test]
    fn a_repeat_writer_rises_in_priority_then_escalates() {
        let b = book();
        let at = ams(2026, 11, 28, 2, 0);
        let facts = CaseFacts { team: "benelux", kind: Kind::Question, open_now: false, waiting_writes: 2, at };
        assert_eq!(assess(&b, &facts), None);
        assert_eq!(assess(&b, &CaseFacts { waiting_writes: 3, ..facts }), Some(Trigger::RepeatWriter));
        assert_eq!(repeat_priority(Priority::Normal, 1, Some(3)), Priority::Normal);
        assert_eq!(repeat_priority(Priority::Low, 2, Some(3)), Priority::Normal);
        assert_eq!(repeat_priority(Priority::Normal, 2, Some(3)), Priority::Complaint);
        assert_eq!(repeat_priority(Priority::Normal, 3, Some(3)), Priority::Urgent);
        assert_eq!(repeat_priority(Priority::Normal, 9, None), Priority::Complaint, "no threshold: never urgent");
    }

    #[test]
    fn the_chain_alerts_each_contact_after_the_previous_ones_time_ran_out() {
        let t0 = ams(2026, 11, 28, 2, 0);
        let chain = [step("phone", 15), step("manager", 30)];
        let mut e = CaseEscalation::start("default", Trigger::UrgentAfterHours, &chain, t0);
        assert_eq!(e.next(t0), ChainNext::Alert(0));
        let rec =
            |step: usize, at| AlertRecord { at, step, contact: "c".into(), name: "c".into(), outcome: "sent".into() };
        e.alerted(rec(0, t0), true);
        assert_eq!(e.next(t0 + Duration::minutes(14)), ChainNext::WaitUntil(t0 + Duration::minutes(15)));
        assert_eq!(e.next(t0 + Duration::minutes(15)), ChainNext::Alert(1));
        e.alerted(rec(1, t0 + Duration::minutes(15)), true);
        assert_eq!(e.next(t0 + Duration::minutes(44)), ChainNext::WaitUntil(t0 + Duration::minutes(45)));
        assert_eq!(e.next(t0 + Duration::minutes(45)), ChainNext::Exhausted);
        assert!(e.acknowledge("anna", t0 + Duration::minutes(20)));
        assert_eq!(e.next(t0 + Duration::minutes(45)), ChainNext::Over);
        assert!(!e.acknowledge("bob", t0 + Duration::minutes(21)), "once");
    }

    #[test]
    fn a_contact_nobody_can_reach_passes_to_the_next_at_once() {
        let t0 = ams(2026, 11, 28, 2, 0);
        let mut e = CaseEscalation::start("default", Trigger::UrgentAfterHours, &[step("a", 15), step("b", 15)], t0);
        let rec =
            AlertRecord { at: t0, step: 0, contact: "a".into(), name: "A".into(), outcome: "not configured".into() };
        e.alerted(rec, false);
        assert_eq!(e.next(t0), ChainNext::Alert(1));
        assert!(e.alerted_names().is_empty());
    }

    #[test]
    fn twenty_complaints_in_ten_minutes_make_one_incident() {
        let rule = Burst { complaints: 20, minutes: 10 };
        let t0 = ams(2026, 11, 28, 2, 0);
        let mut times = Vec::new();
        let mut opened = 0;
        let mut open = false;
        for i in 0..30 {
            let now = t0 + Duration::seconds(i * 20);
            times.push(now);
            match rule.call(&times, now, open) {
                BurstCall::Open { complaints } => {
                    assert_eq!(complaints, 20);
                    opened += 1;
                    open = true;
                }
                BurstCall::Join { .. } => assert!(open),
                BurstCall::Quiet => assert!(i < 19),
            }
        }
        assert_eq!(opened, 1);
        // Spread over an hour: never a burst.
        let spread: Vec<_> = (0..20).map(|i| t0 + Duration::minutes(i * 3)).collect();
        assert_eq!(rule.call(&spread, t0 + Duration::minutes(57), false), BurstCall::Quiet);
    }
}

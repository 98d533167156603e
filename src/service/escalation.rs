//! Escalation plans at work: when a customer's message makes a case
//! escalate (see [`crate::domain::escalation`]), the chain runner alerts the
//! contact on call at once, the next one when nobody acknowledged in time,
//! and records every alert on the case. The due steps live in the store's
//! schedule (Redis: a sorted set), so a restart, or another process, picks
//! the chain up where it was. A burst of complaints on one page raises one
//! incident alert to the plan's PR contact.
//!
//! Alerts are JSON POSTed to the contact's webhook (the URL from the
//! environment variable the flows name, never logged), with a bounded
//! timeout and retries with backoff; a target that cannot be reached is
//! recorded on the case, which stays urgent. Alerts carry no token.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::sync::{watch, Notify};

use super::cases::{Case, CaseStatus};
use super::conversation::{Author, Conversation};
use super::lock::lock;
use super::{Clock, CoreHandle};
use crate::channels::ConversationKey;
use crate::domain::escalation::{
    assess, repeat_priority, AlertRecord, BurstCall, CaseEscalation, CaseFacts, ChainNext, Contact, ContactKind,
    Trigger,
};
use crate::domain::{Analysis, Kind, Priority};
use crate::engine::Engine;
use crate::store::{conversation_id, Store, StoreError};

/// How often the schedule is looked at when nothing wakes the runner.
const POLL: Duration = Duration::from_secs(1);
/// A step taken from the schedule is the taker's for this long: longer
/// than the sending with every retry, so it is never sent twice at once,
/// and it comes back by itself when its taker dies.
const LEASE_MS: i64 = 120_000;
/// How long one alert POST may take.
const ALERT_TIMEOUT: Duration = Duration::from_secs(5);
/// Tries per alert, and the first wait between two (doubled each time).
const ALERT_TRIES: u32 = 4;
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// How long the runner waits for a conversation busy with a message.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// At most this much of the customer's words goes into an alert.
const WORDS_CHARS: usize = 600;

fn case_member(id: u64) -> String {
    format!("case:{id}")
}

/// An incident waiting to be raised (the schedule's member, as JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Incident {
    scope: String,
    page: String,
    channel: String,
    plan: String,
    pr: String,
    complaints: usize,
    minutes: u32,
    at: DateTime<Utc>,
    /// The case whose complaint tipped it, where a failure is recorded.
    case: u64,
    language: String,
    words: String,
}

/// The chain runner.
pub struct Escalator {
    pub core: CoreHandle,
    pub store: Arc<dyn Store>,
    pub clock: Clock,
    http: reqwest::Client,
    /// Where the console is reached from a phone (PUBLIC_URL).
    public_url: Option<String>,
    wake: Notify,
}

impl Escalator {
    pub fn new(core: CoreHandle, store: Arc<dyn Store>, clock: Clock, public_url: Option<String>) -> Self {
        let http = reqwest::Client::builder().timeout(ALERT_TIMEOUT).build().unwrap_or_default();
        let public_url = public_url.map(|u| u.trim_end_matches('/').to_string());
        Self { core, store, clock, http, public_url, wake: Notify::new() }
    }

    /// Something was scheduled now: look at once.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Looks at the schedule every second (`POLL`), or when woken, until
    /// `shutdown` turns true. Each due member is handled in a task of its
    /// own: a slow target holds up no other chain.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = self.wake.notified() => {}
                _ = shutdown.changed() => return,
            }
            let now = self.clock.now().timestamp_millis();
            let due = match self.store.escalations().take_due(now, now + LEASE_MS, 64).await {
                Ok(d) => d,
                Err(e) => {
                    tracing::warn!(error = %e, "escalations: could not read the schedule");
                    continue;
                }
            };
            for member in due {
                let this = self.clone();
                tokio::spawn(async move {
                    if let Err(e) = this.handle(&member).await {
                        // Leased: it comes back when the lease ends.
                        tracing::warn!(member = %member.split('{').next().unwrap_or(""), error = %e, "escalations: a step failed; tried again later");
                    }
                });
            }
        }
    }

    async fn handle(&self, member: &str) -> Result<(), StoreError> {
        if let Some(id) = member.strip_prefix("case:").and_then(|i| i.parse().ok()) {
            return self.case_step(id, member).await;
        }
        if let Some(incident) = member.strip_prefix("incident:").and_then(|j| serde_json::from_str(j).ok()) {
            self.raise_incident(incident).await?;
        }
        self.store.escalations().unschedule(member).await
    }

    /// One turn of a case's chain.
    async fn case_step(&self, id: u64, member: &str) -> Result<(), StoreError> {
        let sched = self.store.escalations();
        let Some(key) = self.store.case_location(id).await? else { return sched.unschedule(member).await };
        let engine = self.core.current();
        let public = self.public_url.clone();
        let next = self
            .under_lock(&key, |conv, now| {
                let Some(case) = conv.case.as_ref().filter(|c| c.id == id) else { return (Next::Done, false) };
                let Some(esc) = case.escalation.as_ref() else { return (Next::Done, false) };
                if case.status != CaseStatus::Waiting && !esc.is_over() {
                    // A person took it (the console, the API, Meta's inbox): the chain stops.
                    let who = case.claimed_by.clone().unwrap_or_else(|| "a person".into());
                    let at = case.claimed_at.unwrap_or(now);
                    let case = conv.case.as_mut().expect("checked");
                    acknowledged(case, &who, at);
                    return (Next::Done, true);
                }
                match esc.next(now) {
                    ChainNext::Over => (Next::Done, false),
                    ChainNext::WaitUntil(t) => (Next::Wait(t), false),
                    ChainNext::Exhausted => {
                        let names = esc.alerted_names();
                        let case = conv.case.as_mut().expect("checked");
                        if let Some(e) = case.escalation.as_mut() {
                            e.exhausted_at = Some(now);
                        }
                        let who = if names.is_empty() { "nobody could be reached".into() } else { names.join(", ") };
                        case.log(
                            now,
                            "bot",
                            "escalation exhausted",
                            Some(format!("nobody acknowledged; alerted: {who}")),
                        );
                        metrics::counter!("afterhours_escalation_chains_exhausted_total").increment(1);
                        tracing::warn!(case = id, "escalation chain exhausted: nobody acknowledged");
                        (Next::Done, true)
                    }
                    ChainNext::Alert(step) => {
                        let contact = engine.playbook.escalation.contact(&esc.chain[step].contact).cloned();
                        let alert = alert_json(&engine, conv, case, esc, step, now, public.as_deref());
                        (Next::Send { step, contact, alert, contact_id: esc.chain[step].contact.clone() }, false)
                    }
                }
            })
            .await?;
        let (step, contact, alert, contact_id) = match next {
            Next::Done => return sched.unschedule(member).await,
            Next::Wait(t) => return sched.schedule(member, t.timestamp_millis()).await,
            Next::Send { step, contact, alert, contact_id } => (step, contact, alert, contact_id),
        };
        let at = self.clock.now();
        let outcome = match &contact {
            Some(c) => self.deliver(c, &alert).await,
            None => Delivery::NotConfigured(format!("no contact `{contact_id}` in flows/escalation.toml any more")),
        };
        count_alert(&outcome);
        let name = contact.as_ref().map_or_else(|| contact_id.clone(), |c| c.name.clone());
        let record = AlertRecord { at, step, contact: contact_id, name: name.clone(), outcome: outcome.words() };
        let reached = matches!(outcome, Delivery::Sent);
        let due = self
            .under_lock(&key, |conv, now| {
                let Some(case) = conv.case.as_mut().filter(|c| c.id == id) else { return (None, false) };
                let Some(esc) = case.escalation.as_mut() else { return (None, false) };
                esc.alerted(record.clone(), reached);
                let due = esc.due_at();
                let total = esc.chain.len();
                let detail = format!("step {} of {total}: {name}: {}", step + 1, record.outcome);
                case.log(
                    now,
                    "bot",
                    if reached { "escalation alert" } else { "escalation alert failed" },
                    Some(detail),
                );
                (due, true)
            })
            .await?;
        match &outcome {
            Delivery::Sent => tracing::info!(case = id, step = step + 1, contact = %name, "escalation alert sent"),
            other => {
                tracing::warn!(case = id, step = step + 1, contact = %name, outcome = %other.words(), "escalation alert not delivered")
            }
        }
        match due {
            Some(t) => {
                sched.schedule(member, t.timestamp_millis()).await?;
                if t <= self.clock.now() {
                    self.wake();
                }
                Ok(())
            }
            None => sched.unschedule(member).await,
        }
    }

    /// Raises one incident to the plan's PR contact; a failure is recorded
    /// on the case whose complaint tipped it.
    async fn raise_incident(&self, incident: Incident) -> Result<(), StoreError> {
        let engine = self.core.current();
        let body = incident_json(&engine, &incident, self.public_url.as_deref());
        let outcome = match engine.playbook.escalation.contact(&incident.pr) {
            Some(c) => self.deliver(c, &body).await,
            None => Delivery::NotConfigured(format!("no contact `{}` in flows/escalation.toml any more", incident.pr)),
        };
        count_alert(&outcome);
        tracing::warn!(scope = %incident.scope, complaints = incident.complaints, outcome = %outcome.words(), "incident: a burst of complaints");
        let Some(key) = self.store.case_location(incident.case).await? else { return Ok(()) };
        let detail = format!(
            "{} complaints within {} minutes on {}: incident alert to {}: {}",
            incident.complaints,
            incident.minutes,
            incident.scope,
            incident.pr,
            outcome.words()
        );
        self.under_lock(&key, |conv, now| match conv.case.as_mut().filter(|c| c.id == incident.case) {
            Some(case) => {
                case.log(now, "bot", "incident", Some(detail.clone()));
                ((), true)
            }
            None => ((), false),
        })
        .await
    }

    /// Runs `change` on the conversation under its lock and saves when it
    /// says so.
    async fn under_lock<T>(
        &self,
        key: &ConversationKey,
        change: impl FnOnce(&mut Conversation, DateTime<Utc>) -> (T, bool),
    ) -> Result<T, StoreError>
    where
        T: Default,
    {
        let store = self.store.as_ref();
        let held = lock(&self.store, key, LOCK_WAIT).await?;
        let work = async {
            let Some(mut conv) = store.load(key).await? else { return Ok(T::default()) };
            let (out, changed) = change(&mut conv, self.clock.now());
            if changed {
                store.save(&conv).await?;
            }
            Ok(out)
        };
        let result = held.while_held(work).await;
        held.release().await;
        result
    }

    /// POSTs `alert` to the contact, shaped for it: tried [`ALERT_TRIES`]
    /// times with a doubling wait, except when the receiver refuses it for good.
    async fn deliver(&self, contact: &Contact, alert: &Value) -> Delivery {
        let Some(url) = std::env::var(&contact.url_env).ok().filter(|u| !u.trim().is_empty()) else {
            return Delivery::NotConfigured(format!("{} is not set", contact.url_env));
        };
        let body = match contact.kind {
            ContactKind::Json => alert.clone(),
            ContactKind::Slack => slack(alert),
        };
        let mut wait = FIRST_BACKOFF;
        let mut last = String::new();
        for attempt in 1..=ALERT_TRIES {
            match self.http.post(url.trim()).json(&body).send().await {
                Ok(r) if r.status().is_success() => return Delivery::Sent,
                Ok(r) => {
                    last = format!("the receiver answered {}", r.status());
                    let status = r.status().as_u16();
                    if (400..500).contains(&status) && status != 408 && status != 429 {
                        return Delivery::Failed(format!("{last} (not tried again)"));
                    }
                }
                // Without the URL: it is a secret.
                Err(e) => last = e.without_url().to_string(),
            }
            if attempt < ALERT_TRIES {
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
        }
        Delivery::Failed(format!("{ALERT_TRIES} tries: {last}"))
    }
}

/// What the first look under the lock found.
#[derive(Default)]
enum Next {
    #[default]
    Done,
    Wait(DateTime<Utc>),
    Send {
        step: usize,
        contact: Option<Contact>,
        alert: Value,
        contact_id: String,
    },
}

/// How an alert went.
#[derive(Debug)]
enum Delivery {
    Sent,
    NotConfigured(String),
    Failed(String),
}

impl Delivery {
    fn words(&self) -> String {
        match self {
            Delivery::Sent => "sent".into(),
            Delivery::NotConfigured(why) => format!("not configured ({why})"),
            Delivery::Failed(why) => format!("failed: {why}"),
        }
    }
}

fn count_alert(outcome: &Delivery) {
    let label = match outcome {
        Delivery::Sent => "sent",
        Delivery::NotConfigured(_) => "not_configured",
        Delivery::Failed(_) => "failed",
    };
    metrics::counter!("afterhours_escalation_alerts_total", "outcome" => label).increment(1);
}

/// A person took the case while its chain ran: the chain stops, and the
/// time it took is counted. Answers whether this stopped it.
pub fn acknowledged(case: &mut Case, who: &str, at: DateTime<Utc>) -> bool {
    let Some(esc) = case.escalation.as_mut() else { return false };
    if !esc.acknowledge(who, at) {
        return false;
    }
    let waited = (at - esc.started_at).num_milliseconds().max(0) as f64 / 1000.0;
    metrics::counter!("afterhours_escalations_acknowledged_total").increment(1);
    metrics::histogram!("afterhours_escalation_ack_seconds").record(waited);
    case.log(at, who, "escalation acknowledged", Some("the chain stops".into()));
    true
}

/// What a customer's message means for escalation, under the
/// conversation's lock once the message joined (or opened) its case: a
/// repeat writer's priority rises; a case that escalates gets its chain
/// (answers its id, to be scheduled once the record is written); a
/// complaint counts towards a burst on its page (an incident is scheduled
/// here). Nothing happens without a plan.
pub async fn on_message(
    store: &dyn Store,
    engine: &Engine,
    conv: &mut Conversation,
    a: &Analysis,
    now: DateTime<Utc>,
) -> Result<Option<u64>, StoreError> {
    let book = &engine.playbook.escalation;
    if book.plans.is_empty() {
        return Ok(None);
    }
    let mut escalated = None;
    let team_open = |team: &str| engine.playbook.teams.iter().find(|t| t.id.0 == team).map(|t| t.is_open(now));
    if let Some(case) = conv.case.as_mut().filter(|c| c.is_open() && c.awaiting_reply()) {
        let since = case.waiting_since.unwrap_or(case.first_message_at);
        let writes = conv.transcript.iter().filter(|e| e.author == Author::Customer && e.at >= since).count() as u32;
        let plan = book.plan(&case.team);
        if let Some(threshold) = plan.and_then(|p| p.repeat_writes) {
            let raised = repeat_priority(case.priority, writes, Some(threshold));
            if raised > case.priority {
                case.priority = raised;
                let detail = format!("{}: the customer wrote {writes} times while waiting", lower(raised));
                case.log(now, "bot", "priority raised", Some(detail));
                conv.priority = Some(conv.priority.map_or(raised, |p| p.max(raised)));
            }
        }
        let facts = CaseFacts {
            team: &case.team,
            kind: a.kind,
            open_now: team_open(&case.team).unwrap_or(a.open_now),
            waiting_writes: writes,
            at: now,
        };
        // Once per case; a new urgent message after a chain that ended
        // (acknowledged and released, or exhausted) starts a new one, as the
        // customer is told the on-call team is alerted.
        let again = |t: &Trigger| match &case.escalation {
            None => true,
            Some(e) => e.is_over() && *t == Trigger::UrgentAfterHours,
        };
        let trigger = assess(book, &facts).filter(|t| again(t) && case.status == CaseStatus::Waiting);
        if let (Some(trigger), Some((plan, chain))) = (trigger, book.on_call(&case.team, now)) {
            case.escalation = Some(CaseEscalation::start(&plan.id, trigger, chain, now));
            case.priority = Priority::Urgent;
            conv.priority = Some(Priority::Urgent);
            let names: Vec<String> =
                chain.iter().map(|s| book.contact(&s.contact).map_or(s.contact.clone(), |c| c.name.clone())).collect();
            let detail = format!("{}: plan {}, chain {}", trigger_words(trigger), plan.id, names.join(" → "));
            case.log(now, "bot", "escalated", Some(detail));
            metrics::counter!("afterhours_escalations_total", "trigger" => trigger_label(trigger)).increment(1);
            tracing::warn!(conversation = %conv.key, case = case.id, trigger = trigger_label(trigger), "case escalated");
            escalated = Some(case.id);
        }
    }
    if matches!(a.kind, Kind::Complaint | Kind::Urgent) {
        note_complaint(store, engine, conv, a, now).await?;
    }
    Ok(escalated)
}

/// Puts an escalated case's first step on the schedule (once its record is written).
pub async fn schedule_case(store: &dyn Store, id: u64, now: DateTime<Utc>) -> Result<(), StoreError> {
    store.escalations().schedule(&case_member(id), now.timestamp_millis()).await
}

/// A complaint on a page: counted per customer over the plan's burst
/// minutes (see [`complaint`]).
async fn note_complaint(
    store: &dyn Store,
    engine: &Engine,
    conv: &Conversation,
    a: &Analysis,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(case) = conv.case.as_ref() else { return Ok(()) };
    let c = Complaint {
        scope: format!("page:{}", conv.key.account),
        page: conv.key.account.clone(),
        channel: conv.key.channel.to_string(),
        team: case.team.clone(),
        customer: conversation_id(&conv.key),
        case: case.id,
        language: a.language.lang.to_string(),
        words: customer_words(conv, case),
    };
    complaint(store, engine, c, now).await
}

/// One complaint about one thing: a page (DMs), or a post (public
/// comments: `scope` = `post:<id>`).
#[derive(Debug, Clone)]
pub struct Complaint {
    /// What the complaints are about: `page:<id>` or `post:<id>`.
    pub scope: String,
    pub page: String,
    pub channel: String,
    /// The team whose plan's burst rule and PR contact apply.
    pub team: String,
    /// One complaint per customer counts.
    pub customer: String,
    /// The case a failed incident alert is recorded on.
    pub case: u64,
    pub language: String,
    /// The customer's words (shortened), for the alert.
    pub words: String,
}

/// Counts `c` over the plan's burst minutes; the complaint that meets the
/// rule while no incident is open on its scope schedules one incident
/// alert to the plan's PR contact. Without a burst rule, nothing.
pub async fn complaint(store: &dyn Store, engine: &Engine, c: Complaint, now: DateTime<Utc>) -> Result<(), StoreError> {
    let book = &engine.playbook.escalation;
    let Some(plan) = book.plan(&c.team) else { return Ok(()) };
    let (Some(rule), Some(pr)) = (plan.burst, plan.pr.as_ref()) else { return Ok(()) };
    let esc = store.escalations();
    let window = rule.window().num_milliseconds();
    let scope = c.scope.as_str();
    let times = esc.note_complaint(scope, &c.customer, now.timestamp_millis(), window).await?;
    let times: Vec<DateTime<Utc>> = times.into_iter().filter_map(DateTime::from_timestamp_millis).collect();
    let open = esc.incident_open(scope, now.timestamp_millis()).await?;
    match rule.call(&times, now, open) {
        BurstCall::Quiet => {}
        BurstCall::Join { .. } => {
            // Still going: the incident stays open while complaints come.
            esc.open_incident(scope, now.timestamp_millis(), window).await?;
        }
        BurstCall::Open { complaints } => {
            if esc.open_incident(scope, now.timestamp_millis(), window).await? {
                let incident = Incident {
                    scope: c.scope.clone(),
                    page: c.page,
                    channel: c.channel,
                    plan: plan.id.clone(),
                    pr: pr.clone(),
                    complaints,
                    minutes: rule.minutes,
                    at: now,
                    case: c.case,
                    language: c.language,
                    words: c.words,
                };
                let member = format!("incident:{}", serde_json::to_string(&incident).unwrap_or_default());
                esc.schedule(&member, now.timestamp_millis()).await?;
                metrics::counter!("afterhours_escalations_total", "trigger" => "incident").increment(1);
                tracing::warn!(scope = %c.scope, complaints, "a burst of complaints: one incident raised");
            }
        }
    }
    Ok(())
}

fn trigger_label(t: Trigger) -> &'static str {
    match t {
        Trigger::UrgentAfterHours => "urgent_after_hours",
        Trigger::RepeatWriter => "repeat_writer",
    }
}

fn trigger_words(t: Trigger) -> &'static str {
    match t {
        Trigger::UrgentAfterHours => "urgent while the team is closed",
        Trigger::RepeatWriter => "the customer keeps writing while waiting",
    }
}

fn lower<T: std::fmt::Debug>(v: T) -> String {
    format!("{v:?}").to_lowercase()
}

/// The customer's messages the case waits on, newest last, shortened.
fn customer_words(conv: &Conversation, case: &Case) -> String {
    let since = case.waiting_since.unwrap_or(case.first_message_at);
    let said: Vec<&str> = conv
        .transcript
        .iter()
        .filter(|e| e.author == Author::Customer && e.at >= since && !e.text.trim().is_empty())
        .map(|e| e.text.trim())
        .collect();
    let words = said[said.len().saturating_sub(3)..].join(" / ");
    if words.chars().count() > WORDS_CHARS {
        let cut: String = words.chars().take(WORDS_CHARS).collect();
        format!("{cut}…")
    } else {
        words
    }
}

/// `t` on `tz`'s clock, to the second (RFC 3339).
fn secs(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The console link that opens the case and acknowledges it after sign-in.
fn console_link(public_url: Option<&str>, id: u64) -> String {
    format!("{}/console?acknowledge={id}#case={id}", public_url.unwrap_or(""))
}

/// The alert for step `step` of a case's chain: what a person needs to act
/// from a phone. Never a token, never a URL of the environment.
fn alert_json(
    engine: &Engine,
    conv: &Conversation,
    case: &Case,
    esc: &CaseEscalation,
    step: usize,
    now: DateTime<Utc>,
    public_url: Option<&str>,
) -> Value {
    let book = &engine.playbook.escalation;
    let lang = conv.language.as_ref().map(|l| l.lang);
    let lang_name = lang.and_then(|l| engine.playbook.language(l)).map(|l| l.name.clone());
    let customer_tz: Option<Tz> = conv.time_zone.as_deref().and_then(|z| z.parse().ok());
    let team = engine.playbook.teams.iter().find(|t| t.id.0 == case.team);
    let in_customer_zone = |t: DateTime<Utc>| customer_tz.map_or_else(|| secs(t, chrono_tz::UTC), |z| secs(t, z));
    // The on-call promise is the plan's response time from when it was
    // made (on the minute); any other is the team's return time.
    let on_call_minutes = book.plan(&case.team).and_then(|p| p.response_minutes).filter(|m| {
        case.promised
            .zip(case.promise_made_at)
            .is_some_and(|(by, made)| ((by - made).num_seconds() - *m as i64 * 60).abs() < 60)
    });
    let promise = case.promised.map(|by| {
        json!({
            "kind": if on_call_minutes.is_some() { "on_call_response" } else { "return_time" },
            "by": in_customer_zone(by),
            "said": match on_call_minutes {
                Some(m) => format!("someone looks within {m} minutes"),
                None => "a person is back then".to_string(),
            },
        })
    });
    let words = customer_words(conv, case);
    let contact_id = &esc.chain[step].contact;
    let contact = book.contact(contact_id);
    let link = console_link(public_url, case.id);
    let alerted: Vec<Value> = esc
        .alerts
        .iter()
        .map(|a| json!({"contact": a.contact, "name": a.name, "at": a.at, "outcome": a.outcome}))
        .collect();
    let language_words = match (lang, &lang_name) {
        (Some(l), Some(n)) => format!("{n} ({l})"),
        (Some(l), None) => l.to_string(),
        _ => "language unknown".into(),
    };
    let local = customer_tz.map(|z| now.with_timezone(&z).format("%a %d %b %H:%M").to_string());
    let text = format!(
        "{} case {} ({}, {}): {} on {}, {} the customer's time.\n“{}”\nPromised: {}.\nStep {} of {}: acknowledge within {} min: {}",
        match esc.trigger {
            Trigger::UrgentAfterHours => "URGENT",
            Trigger::RepeatWriter => "Waiting and writing again",
        },
        case.id,
        case.team,
        lower(case.kind),
        language_words,
        conv.key.channel,
        local.as_deref().unwrap_or("unknown"),
        words,
        promise.as_ref().and_then(|p| p["said"].as_str().map(str::to_string)).map_or("nothing".into(), |s| {
            format!("{s} (by {})", case.promised.map(in_customer_zone).unwrap_or_default())
        }),
        step + 1,
        esc.chain.len(),
        esc.chain[step].ack_minutes,
        link
    );
    json!({
        "type": "escalation",
        "case": case.id.to_string(),
        "trigger": trigger_label(esc.trigger),
        "step": step + 1,
        "steps": esc.chain.len(),
        "contact": {"id": contact_id, "name": contact.map(|c| c.name.clone())},
        "acknowledge_within_minutes": esc.chain[step].ack_minutes,
        "kind": lower(case.kind),
        "priority": lower(case.priority),
        "team": case.team,
        "channel": conv.key.channel.to_string(),
        "language": {"code": lang.map(|l| l.to_string()), "name": lang_name},
        "customer": {
            "name": conv.customer_name,
            "words": words,
            "time_zone": conv.time_zone,
            "local_time": customer_tz.map(|z| secs(now, z)),
            "wrote_at": in_customer_zone(case.waiting_since.unwrap_or(case.first_message_at)),
        },
        "team_local_time": team.map(|t| secs(now, t.tz)),
        "promise": promise,
        "alerted_before": alerted,
        "console_url": link,
        "text": text,
    })
}

/// The incident alert: a burst of complaints on one page.
fn incident_json(engine: &Engine, i: &Incident, public_url: Option<&str>) -> Value {
    let lang_name =
        crate::domain::Lang::parse(&i.language).ok().and_then(|l| engine.playbook.language(l)).map(|l| l.name.clone());
    let page_name = engine.playbook.pages.get(&i.page).map(|p| p.name.clone()).filter(|n| !n.is_empty());
    let link = console_link(public_url, i.case);
    let page = page_name.clone().unwrap_or_else(|| i.page.clone());
    let about = match i.scope.strip_prefix("post:") {
        Some(post) => format!("post {post} of {page}"),
        None => page,
    };
    let text = format!(
        "INCIDENT: {} complaints from different customers within {} minutes on {} ({}). Latest (case {}, {}): “{}”\n{}",
        i.complaints,
        i.minutes,
        about,
        i.channel,
        i.case,
        lang_name.as_deref().unwrap_or(&i.language),
        i.words,
        link
    );
    json!({
        "type": "incident",
        "scope": i.scope,
        "page": {"id": i.page, "name": page_name},
        "channel": i.channel,
        "plan": i.plan,
        "complaints": i.complaints,
        "within_minutes": i.minutes,
        "at": i.at,
        "latest": {"case": i.case.to_string(), "language": {"code": i.language, "name": lang_name}, "words": i.words},
        "console_url": link,
        "text": text,
    })
}

/// Slack's incoming-webhook shape: `text` (notifications, and clients
/// without blocks) and `blocks`.
fn slack(alert: &Value) -> Value {
    let text = alert["text"].as_str().unwrap_or_default();
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let link = alert["console_url"].as_str().unwrap_or_default();
    let mut blocks = vec![json!({"type": "section", "text": {"type": "mrkdwn", "text": escaped}})];
    if link.starts_with("http") {
        blocks.push(json!({
            "type": "section",
            "text": {"type": "mrkdwn", "text": format!("<{link}|Open in the console and acknowledge>")}
        }));
    }
    json!({"text": text, "blocks": blocks})
}

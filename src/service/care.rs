//! The care team's actions on cases: list, open, claim, release, reply,
//! note, transfer, resolve. Each action runs under the conversation's lock
//! (see [`super::lock`]), so two people claiming at once get one winner and
//! a customer message arriving meanwhile is never overwritten. Every action
//! records who did it and when.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;
use serde::Serialize;

use super::cases::{local_time, queue_order, remember_past, Case, CaseAction, CaseStatus, ReplyMode, ReplyWindow};
use super::conversation::{Author, Conversation, Delivery, TranscriptEntry, TzKnownFrom};
use super::lock::lock;
use super::{Clock, CoreHandle};
use crate::channels::{ConversationKey, Outbound, SendError, SendTag};
use crate::domain::Kind;
use crate::engine::Engine;
use crate::store::{Store, StoreError};

/// How long an action waits for a conversation busy with a message.
pub(super) const ACTION_LOCK_WAIT: StdDuration = StdDuration::from_secs(5);

/// How many of the most recently resolved cases a listing shows.
pub const RESOLVED_SHOWN: usize = 200;

/// Records read (and case views built) at a time when listing cases.
const LOAD_CHUNK: usize = 32;

/// The longest text a person may send or note.
pub const MAX_TEXT_CHARS: usize = 4000;

/// Which cases to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Waiting,
    Claimed,
    /// Waiting and claimed.
    Open,
    Resolved,
}

impl StatusFilter {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "waiting" => Self::Waiting,
            "claimed" => Self::Claimed,
            "open" => Self::Open,
            "resolved" => Self::Resolved,
            _ => return None,
        })
    }

    fn admits(self, status: CaseStatus) -> bool {
        match self {
            Self::Waiting => status == CaseStatus::Waiting,
            Self::Claimed => status == CaseStatus::Claimed,
            Self::Open => status != CaseStatus::Resolved,
            Self::Resolved => status == CaseStatus::Resolved,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CareError {
    #[error("no case {0}")]
    NotFound(u64),
    #[error("{0} has this case")]
    ClaimedByOther(String),
    #[error("this case is resolved")]
    Resolved,
    #[error("{0}")]
    BadRequest(String),
    #[error("not sent: {reason}")]
    OutsideWindow { reason: String, case: Box<CaseView> },
    #[error("not sent: {reason}")]
    SendFailed { reason: String, code: Option<i64>, case: Box<CaseView> },
    /// A template cannot be sent (or previewed): `code` says why in one word.
    #[error("{reason}")]
    Template { code: &'static str, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the overdue watcher finds in one look at the open cases.
#[derive(Debug, Default)]
pub struct Sweep {
    /// Overdue and not raised yet, oldest first.
    pub overdue: Vec<CaseView>,
    /// Cases (id, channel) whose window closed before anyone answered, not
    /// counted yet.
    pub windows_missed: Vec<(u64, String)>,
}

/// The care side of the bot, shared by the agent API.
pub struct Care {
    pub core: CoreHandle,
    pub store: Arc<dyn Store>,
    pub outbound: Arc<dyn Outbound>,
    pub clock: Clock,
    /// How late past its due time a case may be before it is overdue.
    pub grace: Duration,
}

/// What a mutation wants done after the record is saved.
enum Indexing {
    None,
    Resolved(DateTime<Utc>),
}

impl Care {
    /// The cases of `filter` (and `team`), in queue order.
    pub async fn list(&self, filter: StatusFilter, team: Option<&str>) -> Result<Vec<CaseView>, CareError> {
        let open = filter != StatusFilter::Resolved;
        let places = self.store.case_ids(open, RESOLVED_SHOWN).await?;
        let now = self.clock.now();
        let engine = self.core.current();
        let convs = self.load_listed(&places).await?;
        let mut cases: Vec<(&Conversation, &Case)> = places
            .iter()
            .filter_map(|(id, key)| {
                let conv = convs.get(key)?;
                // An index entry whose record was never saved is skipped.
                let case = conv.find_case(*id)?;
                (filter.admits(case.status) && team.is_none_or(|t| case.team == t)).then_some((conv, case))
            })
            .collect();
        if open {
            cases.sort_by(|a, b| queue_order(a.1, b.1, now, self.grace));
        }
        let mut views = Vec::with_capacity(cases.len());
        for chunk in cases.chunks(LOAD_CHUNK) {
            views.extend(chunk.iter().map(|(conv, case)| CaseView::build(conv, case, &engine, now, self.grace, false)));
            tokio::task::yield_now().await;
        }
        Ok(views)
    }

    /// The waiting cases past their due time (and grace) that were not
    /// raised yet, oldest first: what the overdue watcher raises. The
    /// records are read [`LOAD_CHUNK`] at a time, `pause` between two, and
    /// each chunk is let go before the next: a queue of thousands is looked
    /// at over a second or so, never held in memory whole, and the replies
    /// going out meanwhile do not wait behind it.
    pub async fn overdue(&self, pause: StdDuration) -> Result<Sweep, CareError> {
        // Only what the indexes say came due (super::queue), not every open case.
        let due = self.come_due().await?;
        let locations = self.store.case_locations(&due).await?;
        let places: Vec<(u64, ConversationKey)> =
            due.into_iter().zip(locations).filter_map(|(id, key)| Some((id, key?))).collect();
        let now = self.clock.now();
        let engine = self.core.current();
        let mut ids: HashMap<&ConversationKey, Vec<u64>> = HashMap::new();
        for (id, key) in &places {
            ids.entry(key).or_default().push(*id);
        }
        let keys: Vec<ConversationKey> = ids.keys().map(|k| (*k).clone()).collect();
        let mut views = Vec::new();
        let mut missed = Vec::new();
        self.each_record(&keys, pause, |conv| {
            for id in ids.get(&conv.key).into_iter().flatten() {
                let Some(case) = conv.find_case(*id) else { continue };
                if case.alerted_at.is_none() && case.is_overdue(now, self.grace) {
                    views.push((*id, CaseView::build(&conv, case, &engine, now, self.grace, false)));
                }
                if case.window_missed_at.is_none() && case.window_missed(now) {
                    missed.push((*id, conv.key.channel.to_string()));
                }
            }
        })
        .await?;
        views.sort_by_key(|(id, _)| *id);
        missed.sort();
        Ok(Sweep { overdue: views.into_iter().map(|(_, v)| v).collect(), windows_missed: missed })
    }

    /// The records of the listed cases, one per conversation.
    async fn load_listed(
        &self,
        places: &[(u64, ConversationKey)],
    ) -> Result<HashMap<ConversationKey, Conversation>, CareError> {
        let mut keys: Vec<ConversationKey> = places.iter().map(|(_, k)| k.clone()).collect();
        keys.sort();
        keys.dedup();
        let mut convs = HashMap::with_capacity(keys.len());
        self.each_record(&keys, StdDuration::ZERO, |c| {
            convs.insert(c.key.clone(), c);
        })
        .await?;
        Ok(convs)
    }

    /// Hands each record of `keys` to `visit`, reading [`LOAD_CHUNK`] at a
    /// time and pausing `pause` (or only yielding) between two chunks: a
    /// queue of thousands never holds a thread, or the replies waiting for
    /// it, for long.
    async fn each_record(
        &self,
        keys: &[ConversationKey],
        pause: StdDuration,
        mut visit: impl FnMut(Conversation),
    ) -> Result<(), CareError> {
        for chunk in keys.chunks(LOAD_CHUNK) {
            self.store.load_many(chunk).await?.into_iter().flatten().for_each(&mut visit);
            if pause.is_zero() {
                tokio::task::yield_now().await;
            } else {
                tokio::time::sleep(pause).await;
            }
        }
        Ok(())
    }

    pub async fn get(&self, id: u64) -> Result<CaseView, CareError> {
        let key = self.store.case_location(id).await?.ok_or(CareError::NotFound(id))?;
        let conv = self.store.load(&key).await?.ok_or(CareError::NotFound(id))?;
        let case = conv.find_case(id).ok_or(CareError::NotFound(id))?;
        let mut view = CaseView::build(&conv, case, &self.core.current(), self.clock.now(), self.grace, true);
        // The linked cases and their messages, the reply placeholders (super::links).
        self.complete(&conv, case, &mut view).await?;
        Ok(view)
    }

    /// Runs `change` on the open case `id` under the conversation's lock,
    /// saves, and answers the case as it is afterwards.
    async fn act(
        &self,
        id: u64,
        change: impl FnOnce(&mut Conversation, DateTime<Utc>) -> Result<Indexing, CareError>,
    ) -> Result<CaseView, CareError> {
        let key = self.store.case_location(id).await?.ok_or(CareError::NotFound(id))?;
        let held = lock(&self.store, &key, ACTION_LOCK_WAIT).await?;
        let work = async {
            let mut conv = self.store.load(&key).await?.ok_or(CareError::NotFound(id))?;
            is_open_case(&conv, id)?;
            let now = self.clock.now();
            let indexing = change(&mut conv, now)?;
            self.store.save(&conv).await?;
            if let Indexing::Resolved(at) = indexing {
                self.store.index_case(id, &key, Some(at.timestamp_millis())).await?;
            }
            let case = conv.find_case(id).ok_or(CareError::NotFound(id))?;
            Ok(CaseView::build(&conv, case, &self.core.current(), now, self.grace, true))
        };
        let result = held.while_held(work).await;
        held.release().await;
        result
    }

    pub async fn claim(&self, id: u64, who: &str) -> Result<CaseView, CareError> {
        self.act(id, |conv, now| {
            claim_in(conv, who, now)?;
            Ok(Indexing::None)
        })
        .await
    }

    pub async fn release(&self, id: u64, who: &str) -> Result<CaseView, CareError> {
        self.act(id, |conv, now| {
            let case = conv.case.as_mut().expect("checked by act");
            may_act(case, who)?;
            case.status = CaseStatus::Waiting;
            case.claimed_by = None;
            case.claimed_at = None;
            case.log(now, who, "release", None);
            conv.human_owns = false;
            Ok(Indexing::None)
        })
        .await
    }

    pub async fn note(&self, id: u64, who: &str, text: &str) -> Result<CaseView, CareError> {
        let text = checked_text(text)?;
        self.act(id, |conv, now| {
            let mut e = TranscriptEntry::new(now, Author::Agent, text);
            e.by = Some(who.to_string());
            e.internal = true;
            conv.record(e);
            conv.case.as_mut().expect("checked by act").log(now, who, "note", None);
            Ok(Indexing::None)
        })
        .await
    }

    pub async fn transfer(&self, id: u64, who: &str, team: &str) -> Result<CaseView, CareError> {
        let engine = self.core.current();
        if !engine.playbook.teams.iter().any(|t| t.id.to_string() == team) {
            let known: Vec<String> = engine.playbook.teams.iter().map(|t| t.id.to_string()).collect();
            return Err(CareError::BadRequest(format!("no team `{team}`; teams: {}", known.join(", "))));
        }
        self.act(id, |conv, now| {
            let case = conv.case.as_mut().expect("checked by act");
            may_act(case, who)?;
            let from = std::mem::replace(&mut case.team, team.to_string());
            case.status = CaseStatus::Waiting;
            case.claimed_by = None;
            case.claimed_at = None;
            case.log(now, who, "transfer", Some(format!("{from} → {team}")));
            conv.human_owns = false;
            Ok(Indexing::None)
        })
        .await
    }

    pub async fn resolve(&self, id: u64, who: &str) -> Result<CaseView, CareError> {
        self.act(id, |conv, now| {
            may_act(conv.case.as_ref().expect("checked by act"), who)?;
            let mut case = conv.case.take().expect("checked by act");
            case.status = CaseStatus::Resolved;
            case.resolved_at = Some(now);
            case.resolved_by = Some(who.to_string());
            case.log(now, who, "resolve", None);
            remember_past(&mut conv.past_cases, case);
            // The bot is back on duty: a new message starts afresh.
            conv.human_owns = false;
            conv.needs_person = false;
            conv.priority = None;
            conv.promised = None;
            conv.promised_at = None;
            conv.automated_since_human = 0;
            conv.last_human_at = Some(now);
            Ok(Indexing::Resolved(now))
        })
        .await
    }

    /// Sends a person's reply through the case's channel: inside 24 hours
    /// as a response, later on Messenger and Instagram with the
    /// `HUMAN_AGENT` tag; past the window it is kept, marked not sent, and
    /// the person is told why. Claims a waiting case first.
    pub async fn reply(&self, id: u64, who: &str, text: &str) -> Result<CaseView, CareError> {
        let text = checked_text(text)?;
        self.send_under_lock(id, |key| async move { self.reply_locked(id, who, text, &key).await }).await
    }

    /// Runs `send` on case `id`'s conversation under its lock; the record it
    /// answers (what was sent, or refused) is written with the lock's release,
    /// in one round trip. An error from `send` means nothing was sent.
    pub(super) async fn send_under_lock<F, Fut>(&self, id: u64, send: F) -> Result<CaseView, CareError>
    where
        F: FnOnce(ConversationKey) -> Fut,
        Fut: std::future::Future<Output = Result<(Result<CaseView, CareError>, Conversation), CareError>>,
    {
        let key = self.store.case_location(id).await?.ok_or(CareError::NotFound(id))?;
        let held = lock(&self.store, &key, ACTION_LOCK_WAIT).await?;
        match held.while_held(send(key)).await {
            Ok((outcome, conv)) => {
                held.while_held(held.finish(Some(&conv), None)).await?;
                outcome
            }
            Err(e) => {
                held.release().await;
                Err(e)
            }
        }
    }

    /// Answers how the send went and the record to write when the lock is
    /// freed; an error means nothing was sent.
    async fn reply_locked(
        &self,
        id: u64,
        who: &str,
        text: String,
        key: &ConversationKey,
    ) -> Result<(Result<CaseView, CareError>, Conversation), CareError> {
        let mut conv = self.store.load(key).await?.ok_or(CareError::NotFound(id))?;
        is_open_case(&conv, id)?;
        let now = self.clock.now();
        claim_in(&mut conv, who, now)?;
        let engine = self.core.current();
        let rules = engine.playbook.window_rules(&key.account, key.channel.platform());
        let window = ReplyWindow::after(key.channel, conv.last_customer_at.unwrap_or(now), rules);
        let mode = window.mode(now);
        let mut e = TranscriptEntry::new(now, Author::Agent, text.clone());
        e.by = Some(who.to_string());
        e.delivery = Some(Delivery::Sending);
        let at = conv.record(e);
        if mode == ReplyMode::Closed {
            let reason = window.refusal().to_string();
            conv.transcript[at].delivery = Some(Delivery::Failed { reason: reason.clone(), code: None });
            conv.case.as_mut().expect("checked").log(now, who, "reply not sent", Some(reason.clone()));
            self.store.save(&conv).await?;
            let case = conv.case.as_ref().expect("checked");
            let view = CaseView::build(&conv, case, &self.core.current(), now, self.grace, true);
            return Err(CareError::OutsideWindow { reason, case: Box::new(view) });
        }
        // Written down before the send, as the bot's own replies are.
        self.store.save(&conv).await?;
        let tag = if mode == ReplyMode::HumanAgent { SendTag::HumanAgent } else { SendTag::Response };
        let sent = self.outbound.send(key, &text, tag).await;
        let failure = match sent {
            Ok(ids) => {
                conv.remember_sent(&ids);
                conv.transcript[at].delivery = Some(Delivery::Sent { ids });
                let grace = self.grace;
                let case = conv.case.as_mut().expect("checked");
                // Only a reply Meta accepted answers the customer; a refused
                // one (below) leaves the case waiting, and overdue when late.
                if case.first_human_reply_at.is_none() {
                    count_first_human_reply(case, now, grace);
                }
                case.answered(now);
                case.log(now, who, "reply", Some(format!("{tag:?}").to_lowercase()));
                conv.automated_since_human = 0;
                conv.last_human_at = Some(now);
                None
            }
            Err(e) => {
                let (reason, code) = (send_reason(&e), e.code());
                tracing::warn!(conversation = %key, case = id, code = ?code, error = %e, "a person's reply was not sent");
                conv.transcript[at].delivery = Some(Delivery::Failed { reason: reason.clone(), code });
                conv.case.as_mut().expect("checked").log(now, who, "reply not sent", Some(reason.clone()));
                Some((reason, code))
            }
        };
        let case = conv.case.as_ref().expect("checked");
        let view = CaseView::build(&conv, case, &self.core.current(), now, self.grace, true);
        let outcome = match failure {
            None => Ok(view),
            Some((reason, code)) => Err(CareError::SendFailed { reason, code, case: Box::new(view) }),
        };
        Ok((outcome, conv))
    }
}

/// A person's first reply: how long the customer waited, and whether the
/// promise was kept (a broken one was counted already when it was raised).
pub fn count_first_human_reply(case: &Case, now: DateTime<Utc>, grace: Duration) {
    let waited = (now - case.first_message_at).num_milliseconds().max(0) as f64 / 1000.0;
    metrics::histogram!("afterhours_first_response_seconds", "by" => "human").record(waited);
    if now <= case.due_at + grace {
        metrics::counter!("afterhours_promises_total", "outcome" => "kept").increment(1);
    } else if case.alerted_at.is_none() {
        metrics::counter!("afterhours_promises_total", "outcome" => "broken").increment(1);
    }
}

/// Case `id` is the conversation's open case (else resolved, or unknown).
pub(super) fn is_open_case(conv: &Conversation, id: u64) -> Result<(), CareError> {
    match conv.case.as_ref() {
        Some(c) if c.id == id => Ok(()),
        _ if conv.past_cases.iter().any(|c| c.id == id) => Err(CareError::Resolved),
        _ => Err(CareError::NotFound(id)),
    }
}

/// Anyone may act on a waiting case, or on one a person answered from
/// Meta's inbox; a case claimed in the console is its owner's.
fn may_act(case: &Case, who: &str) -> Result<(), CareError> {
    match (case.status, case.claimed_by.as_deref()) {
        (CaseStatus::Claimed, Some(owner)) if owner != who && owner != super::cases::META_INBOX => {
            Err(CareError::ClaimedByOther(owner.to_string()))
        }
        _ => Ok(()),
    }
}

/// The open case becomes `who`'s; taken by someone else is a conflict.
pub(super) fn claim_in(conv: &mut Conversation, who: &str, now: DateTime<Utc>) -> Result<(), CareError> {
    let case = conv.case.as_mut().expect("checked by the caller");
    if case.status == CaseStatus::Claimed && case.claimed_by.as_deref() == Some(who) {
        return Ok(());
    }
    may_act(case, who)?;
    case.status = CaseStatus::Claimed;
    case.claimed_by = Some(who.to_string());
    case.claimed_at = Some(now);
    case.log(now, who, "claim", None);
    // A person has it: an escalation chain running for it stops.
    super::escalation::acknowledged(case, who, now);
    Ok(())
}

pub(super) fn checked_text(text: &str) -> Result<String, CareError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(CareError::BadRequest("the text is empty".into()));
    }
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(CareError::BadRequest(format!("the text is longer than {MAX_TEXT_CHARS} characters")));
    }
    Ok(t.to_string())
}

pub(super) fn send_reason(e: &SendError) -> String {
    match e {
        SendError::NoToken { .. } => format!("{e} (the operator must configure a token)"),
        _ => e.to_string(),
    }
}

/// A case as the console and the API show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CaseView {
    pub id: String,
    pub status: CaseStatus,
    pub channel: String,
    pub account: String,
    pub customer: CustomerView,
    pub language: Option<String>,
    pub customer_time_zone: Option<String>,
    pub customer_time_zone_source: Option<TzKnownFrom>,
    pub customer_local_time: Option<String>,
    pub kind: String,
    pub intent: Option<String>,
    pub priority: String,
    pub team: String,
    pub opened_at: DateTime<Utc>,
    pub last_customer_message_at: Option<DateTime<Utc>>,
    pub promised_at: Option<String>,
    pub promise_made_at: Option<DateTime<Utc>>,
    pub due_at: String,
    pub overdue: bool,
    pub window_closes_at: Option<DateTime<Utc>>,
    pub standard_window_closes_at: Option<DateTime<Utc>>,
    pub reply_mode: ReplyMode,
    /// The reply window as facts and in words (`None` before any customer message).
    pub window: Option<WindowView>,
    /// The customer's newest message waits for a person's reply.
    pub awaiting_reply: bool,
    /// The customer message the response timer runs from.
    pub waiting_since: DateTime<Utc>,
    /// The newest reply of a person that Meta accepted.
    pub last_human_reply_at: Option<DateTime<Utc>>,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub first_human_reply_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<String>,
    pub suggested_opener: Option<String>,
    /// Why the bot stopped answering (a flood of messages), if it did.
    pub flagged: Option<String>,
    pub last_customer_message: Option<LineView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcript: Option<Vec<EntryView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<CaseAction>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryView>,
    /// The escalation chain run for the case: who was alerted, and how it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<crate::domain::escalation::CaseEscalation>,
    /// The same person's other cases (full view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked: Option<Vec<super::link_views::LinkedView>>,
    /// The saved replies' placeholders for this case (full view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholders: Option<super::link_views::Placeholders>,
    /// People's words beside the raw fields, for the console (super::labels).
    #[serde(flatten)]
    pub labels: super::labels::Labels,
    /// The customer's public comments (post, permalink, what was sent): a
    /// comment case is answered with the comment actions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::conversation::CommentRecord>,
}

/// The customer's reply window on a case.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WindowView {
    /// A person can still write free text now.
    pub open: bool,
    /// The page is approved for late replies by people (7 days).
    pub human_agent: bool,
    /// A template can reach the customer once it closed.
    pub template_can_reopen: bool,
    /// "window closes in 2 h", "window closed 3 h ago: only a template can
    /// reach the customer".
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CustomerView {
    pub id: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LineView {
    pub text: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntryView {
    pub from: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub text: String,
    pub at: DateTime<Utc>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub internal: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    /// Where it was written (`messenger`, …) and in which case: a linked
    /// case's messages share the transcript.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HistoryView {
    pub earlier_cases: usize,
    pub cases: Vec<PastCaseView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PastCaseView {
    pub id: String,
    pub opened_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<String>,
    pub kind: String,
    pub outcome: &'static str,
}

fn lower<T: std::fmt::Debug>(v: T) -> String {
    format!("{v:?}").to_lowercase()
}

impl CaseView {
    pub fn build(
        conv: &Conversation,
        case: &Case,
        engine: &Engine,
        now: DateTime<Utc>,
        grace: Duration,
        full: bool,
    ) -> Self {
        let tz: Option<Tz> = conv.time_zone.as_deref().and_then(|z| z.parse().ok());
        let in_zone = |t: DateTime<Utc>| tz.map_or_else(|| t.to_rfc3339(), |z| local_time(t, z));
        let rules = engine.playbook.window_rules(&conv.key.account, conv.key.channel.platform());
        let window = conv.last_customer_at.map(|l| ReplyWindow::after(conv.key.channel, l, rules));
        let lang = conv.language.as_ref().map(|l| l.lang);
        let suggested_opener = (case.opened_while_closed && case.first_human_reply_at.is_none())
            .then(|| lang.and_then(|l| opener(engine, l, conv.customer_name.as_deref(), case.kind)))
            .flatten();
        let last_customer_message = conv
            .transcript
            .iter()
            .rev()
            .find(|e| e.author == Author::Customer)
            .map(|e| LineView { text: e.text.clone(), at: e.at });
        let transcript = full.then(|| conv.transcript.iter().filter_map(entry_view).collect());
        let history = full.then(|| {
            let earlier: Vec<&Case> =
                conv.past_cases.iter().filter(|c| c.id != case.id && c.opened_at < case.opened_at).collect();
            HistoryView {
                earlier_cases: earlier.len(),
                cases: earlier
                    .iter()
                    .rev()
                    .map(|c| PastCaseView {
                        id: c.id.to_string(),
                        opened_at: c.opened_at,
                        resolved_at: c.resolved_at,
                        resolved_by: c.resolved_by.clone(),
                        kind: lower(c.kind),
                        outcome: "resolved",
                    })
                    .collect(),
            }
        });
        Self {
            id: case.id.to_string(),
            status: case.status,
            channel: conv.key.channel.to_string(),
            account: conv.key.account.clone(),
            customer: CustomerView { id: conv.key.customer.clone(), name: conv.customer_name.clone() },
            language: lang.map(|l| l.to_string()),
            customer_time_zone: conv.time_zone.clone(),
            customer_time_zone_source: conv.tz_known_from,
            customer_local_time: tz.map(|z| local_time(case.first_message_at, z)),
            kind: lower(case.kind),
            intent: case.intent.as_ref().map(|i| i.0.clone()),
            priority: lower(case.priority),
            team: case.team.clone(),
            opened_at: case.opened_at,
            last_customer_message_at: conv.last_customer_at,
            promised_at: case.promised.map(in_zone),
            promise_made_at: case.promise_made_at,
            due_at: in_zone(case.due_at),
            overdue: case.is_overdue(now, grace),
            window_closes_at: window.map(|w| w.closes_at()),
            standard_window_closes_at: window.map(|w| w.standard_closes_at()),
            reply_mode: window.map_or(ReplyMode::Response, |w| w.mode(now)),
            window: window.map(|w| WindowView {
                open: w.mode(now) != ReplyMode::Closed,
                human_agent: rules.human_agent,
                template_can_reopen: rules.can_reopen,
                note: w.note(now),
            }),
            awaiting_reply: case.is_open() && case.awaiting_reply(),
            waiting_since: case.waiting_since.unwrap_or(case.first_message_at),
            last_human_reply_at: case.last_human_reply_at.or(case.first_human_reply_at),
            claimed_by: case.claimed_by.clone(),
            claimed_at: case.claimed_at,
            first_human_reply_at: case.first_human_reply_at,
            resolved_at: case.resolved_at,
            resolved_by: case.resolved_by.clone(),
            suggested_opener,
            flagged: conv.flagged.clone(),
            last_customer_message,
            transcript,
            actions: full.then(|| case.actions.clone()),
            history,
            escalation: case.escalation.clone(),
            linked: None,
            placeholders: None,
            labels: super::labels::Labels::of(conv, case, window.map(|w| (w, w.mode(now))), tz, now),
            comments: conv.comments.clone(),
        }
    }
}

pub(super) fn entry_view(e: &TranscriptEntry) -> Option<EntryView> {
    let from = match e.author {
        Author::Customer => "customer",
        Author::Bot => "bot",
        Author::Agent => "agent",
        Author::System => return None,
    };
    let (delivery, error) = match &e.delivery {
        None => (None, None),
        Some(Delivery::Sending) => (Some("sending"), None),
        Some(Delivery::Sent { .. }) => (Some("sent"), None),
        Some(Delivery::Retrying { reason, .. }) => (Some("retrying"), Some(reason.clone())),
        Some(Delivery::Failed { reason, .. }) => (Some("failed"), Some(reason.clone())),
    };
    Some(EntryView {
        from,
        by: e.by.clone(),
        text: e.text.clone(),
        at: e.at,
        internal: e.internal,
        delivery,
        error,
        attachments: e.attachments.clone(),
        channel: None,
        case: None,
    })
}

/// The opening line a person may start with after an overnight wait: an
/// apology for a complainant (thanks for their patience would read as
/// thanking them for the trouble), thanks for waiting for anyone else.
fn opener(engine: &Engine, lang: crate::domain::Lang, name: Option<&str>, kind: Kind) -> Option<String> {
    let mut args = FluentArgs::new();
    let base = match kind {
        Kind::Complaint | Kind::Urgent => "agent-opener-complaint",
        _ => "agent-opener",
    };
    match name.filter(|n| !n.trim().is_empty()) {
        Some(n) => {
            args.set("name", n.to_string());
            engine.catalog.format(lang, &format!("{base}-name"), &args)
        }
        None => engine.catalog.format(lang, base, &args),
    }
    .map(|s| s.replace(['\u{2068}', '\u{2069}'], ""))
}

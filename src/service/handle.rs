//! Handling one event: load the conversation, decide with the core, send,
//! record how it went.
//!
//! "Nothing lost, nothing twice": the record, with the message marked
//! handled and how each reply went, is written with the release of the
//! conversation's lock and the event's acknowledgement, in one round trip
//! after the send; that write is tried again while Redis is away. A
//! redelivered event (Meta's, or ours after a reply could not be sent yet)
//! finds the message handled and only finishes replies not sent. Only a
//! crash between a send and that write can repeat a reply; writing the
//! record before the send too would not close that gap (the reply would
//! still be marked as not sent), so it is not done, except for a new case,
//! whose number must not be taken twice.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tokio::sync::broadcast;

use super::cases::{Case, CaseStatus, Opening, META_INBOX};
use super::conversation::{Author, Conversation, Delivery, KnownLanguage, Reading, TranscriptEntry, TzKnownFrom};
use super::lock::lock_and_load;
use super::{Clock, CoreHandle};
use crate::channels::{Channel, ConversationKey, CustomerMessage, Event, Outbound, SendError, SendTag};
use crate::domain::{Inbound, LangSource, ReplyPlan, TzSource, Window};
use crate::store::{Store, StoreError};

/// How long an event waits for its conversation to be free (a person
/// replying holds it during the send) before it is left for a later try.
const LOCK_WAIT: Duration = Duration::from_secs(20);

/// More customer messages than this in a minute is a flood: recorded, not
/// answered, and the conversation flagged for a person.
pub const FLOOD_PER_MINUTE: usize = 20;

/// A profile call never holds a reply up for longer than this.
const PROFILE_TIMEOUT: Duration = Duration::from_millis(1500);

/// How long a person's last action keeps the bot quiet in a conversation
/// when nobody resolves it (a standby event or a reply from Meta's inbox).
pub const HUMAN_QUIET_HOURS: i64 = 24;

/// A reply the channel keeps refusing for temporary reasons is tried again
/// (with the event) until it is this old; then it is marked failed.
pub const RETRY_REPLIES_FOR: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// What happened to an event, for logs, `chat` and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// A customer message: replies sent (and failed), and why.
    Message { key: ConversationKey, mid: String, sent: usize, failed: usize, retry_later: bool, reason: String },
    /// A message already handled (redelivery or reclaim): replies not sent
    /// yet were tried again.
    Duplicate { key: ConversationKey, mid: String, resent: usize, retry_later: bool },
    /// A person of the brand is now handling the conversation.
    HumanTookOver { key: ConversationKey },
    /// Recorded, nothing to send.
    Recorded { what: &'static str },
}

/// Handles events; shared by every worker.
pub struct Handler {
    pub core: CoreHandle,
    pub store: Arc<dyn Store>,
    pub outbound: Arc<dyn Outbound>,
    pub clock: Clock,
    /// Our Meta app id: echoes carrying it are our own replies.
    pub app_id: Option<String>,
    /// Every handled event, for whoever listens (`chat`).
    pub handled: broadcast::Sender<Handled>,
    /// How late a person's first reply may be and still keep the bot's
    /// promise (`OVERDUE_GRACE`), for replies from Meta's inbox as for the console.
    pub overdue_grace: chrono::Duration,
    /// How long the store remembers a conversation (RETENTION_DAYS): a
    /// message older than this may have been answered by a record that has
    /// since expired, so a replay of it is recorded, not answered again.
    pub remembers_for: chrono::Duration,
    /// The escalation chain runner, woken when a case escalates.
    pub escalator: Option<Arc<super::escalation::Escalator>>,
}

impl Handled {
    /// The event must stay in the log: a reply could not be sent yet.
    pub fn retry_later(&self) -> bool {
        matches!(self, Handled::Message { retry_later: true, .. } | Handled::Duplicate { retry_later: true, .. })
    }
}

impl Handler {
    pub fn new(core: CoreHandle, store: Arc<dyn Store>, outbound: Arc<dyn Outbound>, clock: Clock) -> Self {
        Self {
            core,
            store,
            outbound,
            clock,
            app_id: None,
            handled: broadcast::channel(1024).0,
            overdue_grace: chrono::Duration::zero(),
            remembers_for: chrono::Duration::days(30),
            escalator: None,
        }
    }

    /// Handles one event; `entry` is its id in the event log, acknowledged
    /// once the event is done with (with the last write, in one round trip
    /// where the store can). An error leaves the event in the log, to be
    /// handled again; handling is idempotent per message id.
    pub async fn handle(&self, event: &Event, entry: Option<&str>) -> Result<Handled, StoreError> {
        let done = match event.key().filter(|_| event.changes_conversation()) {
            Some(key) => {
                // The lock and the record in one round trip.
                let (held, record) = lock_and_load(&self.store, key, LOCK_WAIT).await?;
                match held.while_held(self.handle_locked(event, record)).await {
                    Ok((done, record)) => {
                        let ack = entry.filter(|_| !done.retry_later());
                        held.while_held(held.finish(record.as_ref(), ack)).await?;
                        done
                    }
                    Err(e) => {
                        held.release().await;
                        return Err(e);
                    }
                }
            }
            None => {
                let (done, _) = self.handle_locked(event, None).await?;
                if let Some(id) = entry {
                    if let Err(e) = self.store.ack(&[id.to_string()]).await {
                        // Done but not acknowledged: handled again, it changes nothing.
                        tracing::warn!(entry = id, error = %e, "could not acknowledge a handled event");
                    }
                }
                done
            }
        };
        let _ = self.handled.send(done.clone());
        Ok(done)
    }

    /// `record`: the conversation's record as read with its lock. Answers
    /// what happened and the record to write when the lock is freed.
    async fn handle_locked(
        &self,
        event: &Event,
        record: Option<Conversation>,
    ) -> Result<(Handled, Option<Conversation>), StoreError> {
        let known = record.is_some();
        let or_new = |key: &ConversationKey| record.unwrap_or_else(|| Conversation::new(key.clone()));
        Ok(match event {
            Event::Message(m) => self.on_message(m, or_new(&m.key)).await?,
            Event::Comment(c) => self.on_comment(c, or_new(&c.key)).await?,
            Event::Echo { key, mid, app_id, text, timestamp_ms } => {
                self.on_echo(or_new(key), mid, app_id.as_deref(), text.as_deref(), *timestamp_ms)
            }
            Event::Standby { key, timestamp_ms } => {
                let mut conv = or_new(key);
                self.human_took_over(&mut conv, at(*timestamp_ms), "another app or a person controls this thread");
                (Handled::HumanTookOver { key: key.clone() }, Some(conv))
            }
            Event::ControlPassed { key, app_id, timestamp_ms } => {
                let mut conv = or_new(key);
                let when = at(*timestamp_ms);
                let ours = match (app_id.as_deref(), self.app_id.as_deref()) {
                    (Some(to), Some(us)) => to == us,
                    // Meta sends it to the app the thread is passed to.
                    _ => true,
                };
                if !ours {
                    self.human_took_over(&mut conv, when, "the thread was passed to another app");
                    return Ok((Handled::HumanTookOver { key: key.clone() }, Some(conv)));
                }
                self.control_returned(&mut conv, when);
                (Handled::Recorded { what: "thread passed back to the bot" }, Some(conv))
            }
            Event::Edit { key, mid, text, timestamp_ms } => {
                let mut conv = or_new(key);
                conv.record(entry(at(*timestamp_ms), Author::Customer, format!("(edited) {text}"), Some(mid.clone())));
                (Handled::Recorded { what: "edit" }, Some(conv))
            }
            Event::Status { key, mid, status, error_code, error_title, pricing, reference, .. } => {
                super::billing::count(key, status, pricing.as_ref());
                let reference = reference.as_deref();
                if status == "failed" {
                    self.on_failed_status(or_new(key), mid, reference, *error_code, error_title.as_deref()).await
                } else if known && reference.is_some() {
                    confirm_by_status(or_new(key), mid, reference)
                } else {
                    (Handled::Recorded { what: "status" }, None)
                }
            }
            Event::TemplateStatus { name, language, event, reason } => {
                super::billing::template_status(name, language, event, reason.as_deref());
                (Handled::Recorded { what: "template status" }, None)
            }
            Event::Ignored { .. } => (Handled::Recorded { what: "ignored" }, None),
            Event::Unreadable { key: Some(key), reason, .. } => self.on_unreadable(or_new(key), reason).await?,
            // The workers move these to the dead-letter log.
            Event::Unreadable { key: None, .. } => (Handled::Recorded { what: "unreadable" }, None),
        })
    }

    /// Meta took a message and then failed it (a `failed` status). Found
    /// by its `wamid`, or by our reference when the send's answer was lost.
    /// A temporary failure of a bot's reply is sent again, once, while the
    /// reply is fresh; anything else is marked failed for a person.
    async fn on_failed_status(
        &self,
        mut conv: Conversation,
        mid: &str,
        reference: Option<&str>,
        error_code: Option<i64>,
        error_title: Option<&str>,
    ) -> (Handled, Option<Conversation>) {
        let key = conv.key.clone();
        let reason = error_code
            .and_then(crate::channels::meta::errors::plain_words)
            .map(str::to_string)
            .or_else(|| error_title.map(str::to_string))
            .unwrap_or_else(|| "failed after it was accepted".into());
        let by_reference = reference.and_then(|r| conv.find_reply(r));
        if let (Some((i, resent)), Some(reference)) = (by_reference, reference) {
            let e = &conv.transcript[i];
            let fresh = self.clock.now() - e.at < RETRY_REPLIES_FOR;
            let ours = matches!(&e.delivery, Some(Delivery::Sent { ids }) if ids.iter().any(|id| id == mid))
                || matches!(&e.delivery, Some(Delivery::Failed { reason, .. }) if reason.starts_with(SendError::UNCONFIRMED));
            let temporary = error_code.is_some_and(crate::channels::meta::errors::worth_sending_again);
            if e.author == Author::Bot && ours && temporary && !resent && fresh {
                let again = Conversation::resend_reference(reference);
                tracing::warn!(conversation = %key, mid, code = ?error_code, "Meta failed a reply for a temporary reason: sent again, once");
                metrics::counter!("afterhours_replies_resent_total", "channel" => key.channel.to_string()).increment(1);
                let text = e.text.clone();
                let delivery = match self.outbound.send_reply(&key, &text, SendTag::Response, &again).await {
                    Ok(ids) => {
                        conv.remember_sent(&ids);
                        Delivery::Sent { ids }
                    }
                    Err(err) => {
                        count_graph_error(&err);
                        tracing::warn!(conversation = %key, error = %err, "the re-send of a failed reply failed too");
                        conv.needs_person = true;
                        Delivery::Failed { reason: format!("{reason}; sent again: {err}"), code: err.code() }
                    }
                };
                conv.transcript[i].delivery = Some(delivery);
                return (Handled::Recorded { what: "failed status: reply sent again" }, Some(conv));
            }
        }
        let mut persons_reply = false;
        for (i, e) in conv.transcript.iter_mut().enumerate() {
            let named = match &e.delivery {
                Some(Delivery::Sent { ids }) => ids.iter().any(|id| id == mid),
                Some(Delivery::Failed { reason, .. }) => {
                    by_reference.is_some_and(|(r, _)| r == i) && reason.starts_with(SendError::UNCONFIRMED)
                }
                _ => false,
            };
            if named {
                e.delivery = Some(Delivery::Failed { reason: reason.clone(), code: error_code });
                persons_reply |= e.author == Author::Agent;
            }
        }
        if persons_reply {
            // Meta refused it after all: it answered nobody, and
            // the case waits (and goes overdue) as if never sent.
            conv.recount_human_replies();
            let now = self.clock.now();
            if let Some(case) = conv.case.as_mut() {
                case.log(now, "bot", "reply refused", Some(reason.clone()));
            }
        }
        tracing::warn!(conversation = %key, mid, code = ?error_code, "a reply failed after it was accepted");
        (Handled::Recorded { what: "failed status" }, Some(conv))
    }

    fn human_took_over(&self, conv: &mut Conversation, when: DateTime<Utc>, why: &str) {
        conv.human_owns = true;
        conv.last_human_at = Some(when.max(conv.last_human_at.unwrap_or(when)));
        conv.automated_since_human = 0;
        conv.record(entry(when, Author::System, why.to_string(), None));
        if let Some(case) = conv.case.as_mut() {
            if case.status == CaseStatus::Waiting {
                case.status = CaseStatus::Claimed;
                case.claimed_by = Some(META_INBOX.to_string());
                case.claimed_at = Some(when);
                case.log(when, META_INBOX, "claim", Some(why.to_string()));
            }
        }
    }

    /// A customer's message that could not be read (it is in the
    /// dead-letter log): nothing can be answered, so a person must look; the
    /// customer's case says so, opened if there is none.
    async fn on_unreadable(
        &self,
        mut conv: Conversation,
        reason: &str,
    ) -> Result<(Handled, Option<Conversation>), StoreError> {
        let now = self.clock.now();
        let what = format!("a message from the customer could not be read ({reason}); it is in the dead-letter log");
        conv.record(entry(now, Author::System, what, None));
        conv.needs_person = true;
        if let Some(case) = conv.case.as_mut() {
            case.log(now, "bot", "unreadable message", Some(reason.to_string()));
            return Ok((Handled::Recorded { what: "unreadable message: noted in the case" }, Some(conv)));
        }
        let engine = self.core.current();
        let id = self.store.next_case_id().await?;
        let team = engine.playbook.teams.first().map_or_else(|| "unassigned".to_string(), |t| t.id.to_string());
        metrics::counter!("afterhours_handoffs_total", "team" => team.clone()).increment(1);
        conv.case = Some(Case::open(Opening {
            id,
            team,
            priority: crate::domain::Priority::Normal,
            kind: crate::domain::Kind::Other,
            intent: None,
            written_at: now,
            open_now: false,
            promised: None,
            now,
            // Known only from the customer's last readable message.
            window: conv.last_customer_at.map(|l| {
                Window::after(l, engine.playbook.window_rules(&conv.key.account, conv.key.channel.platform()))
            }),
        }));
        tracing::info!(conversation = %conv.key, case = id, "case opened for an unreadable message");
        self.store.save_opening(id, &conv).await?;
        Ok((Handled::Recorded { what: "unreadable message: case opened" }, None))
    }

    /// The thread is the bot's again (a person passed it back): it answers
    /// again, and a case the person had from Meta's inbox waits in the queue
    /// again; one a person claimed in the console stays theirs.
    fn control_returned(&self, conv: &mut Conversation, when: DateTime<Utc>) {
        conv.human_owns = false;
        conv.record(entry(when, Author::System, "the thread was passed back to the bot".to_string(), None));
        if let Some(case) = conv.case.as_mut() {
            if case.status == CaseStatus::Claimed && case.claimed_by.as_deref() == Some(META_INBOX) {
                case.status = CaseStatus::Waiting;
                case.claimed_by = None;
                case.claimed_at = None;
                case.log(when, META_INBOX, "release", Some("the thread was passed back to the bot".to_string()));
            }
        }
    }

    fn on_echo(
        &self,
        mut conv: Conversation,
        mid: &str,
        app_id: Option<&str>,
        text: Option<&str>,
        timestamp_ms: i64,
    ) -> (Handled, Option<Conversation>) {
        let key = &conv.key.clone();
        let ours = conv.is_our_message(mid) || (app_id.is_some() && app_id == self.app_id.as_deref());
        if ours {
            // The echo of a reply whose send timed out: it did go out.
            if let Some(text) = text.filter(|_| !conv.is_our_message(mid)) {
                let perhaps_sent = conv.transcript.iter_mut().rev().find(|e| {
                    matches!(&e.delivery, Some(Delivery::Failed { reason, .. }) if reason.starts_with(SendError::UNCONFIRMED))
                        && e.text.contains(text)
                });
                if let Some(e) = perhaps_sent {
                    e.delivery = Some(Delivery::Sent { ids: vec![mid.to_string()] });
                    conv.remember_sent(&[mid.to_string()]);
                    tracing::info!(conversation = %key, mid, "a reply not confirmed at its send is confirmed by its echo");
                    return (Handled::Recorded { what: "our echo confirms a reply" }, Some(conv));
                }
            }
            return (Handled::Recorded { what: "our own echo" }, None);
        }
        if conv.transcript.iter().any(|e| e.mid.as_deref() == Some(mid)) {
            return (Handled::Recorded { what: "echo already recorded" }, None);
        }
        let when = at(timestamp_ms);
        self.human_took_over(&mut conv, when, "a person replied from another inbox");
        let mut reply = entry(when, Author::Agent, text.unwrap_or("(attachment)").to_string(), Some(mid.to_string()));
        reply.by = Some(META_INBOX.to_string());
        reply.delivery = Some(Delivery::Sent { ids: vec![mid.to_string()] });
        conv.record(reply);
        if let Some(case) = conv.case.as_mut() {
            if case.first_human_reply_at.is_none() {
                super::care::count_first_human_reply(case, when, self.overdue_grace);
            }
            case.answered(when);
        }
        tracing::info!(conversation = %key, "a person answered from another inbox: the bot goes quiet");
        (Handled::HumanTookOver { key: key.clone() }, Some(conv))
    }

    /// Answers what happened and the record to write when the lock is freed.
    async fn on_message(
        &self,
        m: &CustomerMessage,
        mut conv: Conversation,
    ) -> Result<(Handled, Option<Conversation>), StoreError> {
        if conv.has_handled(&m.mid) {
            let outcome = self.send_all(&mut conv, &m.mid).await;
            let done = Handled::Duplicate {
                key: m.key.clone(),
                mid: m.mid.clone(),
                resent: outcome.sent,
                retry_later: outcome.retrying > 0,
            };
            return Ok((done, (outcome.tried() > 0).then_some(conv)));
        }
        let now = self.clock.now();
        let written = at(m.timestamp_ms);
        if m.timestamp_ms > 0 && now - written > self.remembers_for {
            // Older than anything the store remembers: a replayed webhook
            // (or one Meta kept for weeks). Whether it was answered cannot be
            // known, so it is not answered twice.
            tracing::warn!(conversation = %m.key, mid = %m.mid, written = %written, "a message older than the store remembers: not answered");
            metrics::counter!("afterhours_replays_refused_total", "channel" => m.key.channel.to_string()).increment(1);
            let done = Handled::Recorded { what: "a message older than the store remembers" };
            return Ok((done, None));
        }
        self.learn_profile(&mut conv, m).await;

        let text = m.text.clone().unwrap_or_default();
        let mut record = entry(written, Author::Customer, text.clone(), Some(m.mid.clone()));
        record.attachments = m.attachments.clone();

        conv.trim_transcript();
        if conv.customer_messages_in_minute_before(written) >= FLOOD_PER_MINUTE {
            // Recorded for a person, not answered: no Graph call per message.
            conv.record(record);
            conv.mark_handled(&m.mid);
            conv.last_customer_at = Some(conv.last_customer_at.map_or(written, |l| l.max(written)));
            if conv.flagged_at.is_none_or(|f| written - f > chrono::Duration::hours(1)) {
                conv.flagged = Some(format!("flood: more than {FLOOD_PER_MINUTE} messages in a minute"));
                conv.flagged_at = Some(written);
                metrics::counter!("afterhours_floods_total", "channel" => m.key.channel.to_string()).increment(1);
                tracing::warn!(conversation = %m.key, "a flood of messages: recorded, not answered, flagged");
                if let Some(case) = conv.case.as_mut() {
                    case.log(now, "bot", "flagged", conv.flagged.clone());
                }
            }
            let done = Handled::Message {
                key: m.key.clone(),
                mid: m.mid.clone(),
                sent: 0,
                failed: 0,
                retry_later: false,
                reason: "a flood: recorded, not answered".into(),
            };
            return Ok((done, Some(conv)));
        }

        // A sticker or a like after a word from either side (a thumbs-up to
        // our reply) needs no answer; one that opens the conversation is
        // someone reaching out, and is acknowledged like a photo.
        let opens = conv.last_customer_at.is_none_or(|l| written - l > chrono::Duration::hours(HUMAN_QUIET_HOURS));
        if (m.is_sticker_only() && !opens) || m.is_story_mention_only() || m.is_empty() {
            // A sticker or a like: kept in the transcript, nothing to answer.
            conv.record(record);
            conv.mark_handled(&m.mid);
            let done = Handled::Message {
                key: m.key.clone(),
                mid: m.mid.clone(),
                sent: 0,
                failed: 0,
                retry_later: false,
                reason: if m.is_story_mention_only() {
                    "a mention in the customer's story: nothing to answer".into()
                } else if m.is_empty() {
                    "an empty message: nothing to answer".into()
                } else {
                    "a sticker or a like: nothing to answer".into()
                },
            };
            return Ok((done, Some(conv)));
        }

        let engine = self.core.current();
        let customer_tz = conv.time_zone.as_deref().and_then(|z| z.parse::<Tz>().ok()).filter(|_| {
            matches!(conv.tz_known_from, Some(TzKnownFrom::Platform | TzKnownFrom::Given | TzKnownFrom::Page))
        });
        let page_tz = engine
            .playbook
            .pages
            .get(&m.key.account)
            .and_then(|p| p.language)
            .map(|l| engine.playbook.typical_time_zone(l));
        // The window this message opens (a late redelivery opens none
        // later than the newest message's).
        let rules = engine.playbook.window_rules(&m.key.account, m.key.channel.platform());
        let window = Window::after(conv.last_customer_at.map_or(written, |l| l.max(written)), rules);
        let inbound = Inbound {
            text,
            page_id: Some(m.key.account.clone()),
            customer_tz: customer_tz.or(page_tz),
            customer_name: conv.customer_name.clone(),
            forced_lang: None,
            lang_hint: None,
            has_attachment: !m.attachments.is_empty(),
            window: Some(window),
            whatsapp: m.key.channel == crate::channels::Channel::Whatsapp,
        };
        let mut view = conv.view();
        view.human_owns = conv.person_owns(now, chrono::Duration::hours(HUMAN_QUIET_HOURS));
        let outcome = engine.handle(&inbound, &view, now);
        let a = &outcome.analysis;
        let d = &outcome.decision;

        metrics::counter!("afterhours_messages_received_total", "channel" => m.key.channel.to_string(), "language" => a.language.lang.to_string())
            .increment(1);
        match &d.reply {
            Some(ReplyPlan::Acknowledge(kind)) => {
                metrics::counter!("afterhours_acknowledgements_total", "kind" => format!("{kind:?}").to_lowercase())
                    .increment(1)
            }
            Some(ReplyPlan::WriteAgain(kind)) => {
                metrics::counter!("afterhours_acknowledgements_total", "kind" => format!("{kind:?}").to_lowercase())
                    .increment(1);
                metrics::counter!("afterhours_write_again_total", "channel" => m.key.channel.to_string()).increment(1)
            }
            Some(ReplyPlan::Answer { intent, .. }) => {
                metrics::counter!("afterhours_faq_answers_total", "intent" => intent.to_string()).increment(1)
            }
            Some(ReplyPlan::OnCall { .. }) => {
                metrics::counter!("afterhours_acknowledgements_total", "kind" => "urgent").increment(1)
            }
            Some(ReplyPlan::Thanks) => metrics::counter!("afterhours_thanks_total").increment(1),
            Some(ReplyPlan::Closer) => metrics::counter!("afterhours_closer_replies_total").increment(1),
            None => {}
        }
        record.reading = Some(Reading {
            lang: a.language.lang,
            lang_confidence: a.language.confidence,
            kind: a.kind,
            intent: a.intent.as_ref().map(|i| i.id.clone()),
            decision: d.reason.to_string(),
        });
        conv.record(record);
        conv.mark_handled(&m.mid);
        // A guess from nothing does not replace what the conversation knew.
        let guessed = matches!(a.language.source, LangSource::Fallback | LangSource::Hint);
        if conv.language.is_none() || !guessed {
            conv.language = Some(KnownLanguage {
                lang: a.language.lang,
                confidence: a.language.confidence,
                source: a.language.source,
            });
        }
        if customer_tz.is_none() {
            conv.time_zone = Some(a.customer_tz.name().to_string());
            conv.tz_known_from = Some(match (a.tz_source, page_tz) {
                (TzSource::Given, Some(_)) | (TzSource::Page, _) => TzKnownFrom::Page,
                _ => TzKnownFrom::Language,
            });
        }
        conv.last_customer_at = Some(conv.last_customer_at.map_or(written, |l| l.max(written)));
        if let Some(p) = d.promise {
            conv.promised = Some(p);
            conv.promised_at = Some(now);
        }
        let mut opened = None;
        if d.handoff {
            conv.needs_person = true;
            conv.priority = Some(conv.priority.map_or(d.priority, |p| p.max(d.priority)));
            let opening = Opening {
                id: 0,
                team: routed_team(a, &engine.playbook),
                priority: d.priority,
                kind: a.kind,
                intent: a.intent.as_ref().map(|i| i.id.clone()),
                written_at: written,
                open_now: a.open_now,
                promised: d.promise.or(conv.promised.filter(|p| *p > now)),
                window: Some(window),
                now,
            };
            match conv.case.as_mut() {
                Some(case) => case.join(&opening),
                None => {
                    let id = self.store.next_case_id().await?;
                    metrics::counter!("afterhours_handoffs_total", "team" => opening.team.clone()).increment(1);
                    conv.case = Some(Case::open(Opening { id, ..opening }));
                    opened = Some(id);
                    tracing::info!(conversation = %m.key, case = id, priority = ?d.priority, "case opened");
                }
            }
        }
        if let Some(case) = conv.case.as_mut() {
            // Every customer message opens the window again, handed over or not.
            case.set_window(window);
        }
        let escalated = super::escalation::on_message(self.store.as_ref(), &engine, &mut conv, a, now).await?;
        for r in &outcome.replies {
            let mut e = entry(now, Author::Bot, r.text.clone(), None);
            e.answers = Some(m.mid.clone());
            e.delivery = Some(Delivery::Sending);
            conv.record(e);
            // A "you're welcome" to a closer leaves the budget for the next question.
            if d.reply.as_ref().is_some_and(|p| p.uses_budget()) {
                conv.automated_since_human += 1;
            }
        }
        // A new case is written down (and indexed first) before anything
        // is sent, so its number is never taken twice: a listed case is
        // always found; an index entry whose save never happened points at
        // a conversation without it and is skipped. Everything else is
        // written with the lock's release, after the send (see the module's
        // notes).
        if let Some(id) = opened {
            self.store.save_opening(id, &conv).await?;
        }
        // The runner takes the conversation's lock before it alerts: it
        // reads the escalation once this handling has written it.
        if let Some(id) = escalated {
            super::escalation::schedule_case(self.store.as_ref(), id, now).await?;
            if let Some(e) = &self.escalator {
                e.wake();
            }
        }
        let to_send = !outcome.replies.is_empty();
        let sending = if to_send { self.send_all(&mut conv, &m.mid).await } else { SendOutcome::default() };
        let SendOutcome { sent, failed, retrying } = sending;
        tracing::info!(
            conversation = %m.key,
            mid = %m.mid,
            lang = %a.language.lang,
            lang_source = ?a.language.source,
            kind = ?a.kind,
            intent = a.intent.as_ref().map(|i| i.id.0.as_str()).unwrap_or("-"),
            handoff = d.handoff,
            sent,
            failed,
            retrying,
            decision = d.reason,
            "message handled"
        );
        let done = Handled::Message {
            key: m.key.clone(),
            mid: m.mid.clone(),
            sent,
            failed,
            retry_later: retrying > 0,
            reason: d.reason.to_string(),
        };
        // What was sent is written with the lock's release (a new case's
        // record already is, unless a send changed it).
        Ok((done, (opened.is_none() || sending.tried() > 0).then_some(conv)))
    }

    /// The first name and time zone from the platform, asked once per
    /// conversation; a failure is logged and the reply goes out anyway.
    async fn learn_profile(&self, conv: &mut Conversation, m: &CustomerMessage) {
        if let Some(name) = &m.customer_name {
            conv.customer_name = Some(first_word(name));
        }
        if conv.profile_fetched || m.key.channel == Channel::Whatsapp {
            return;
        }
        conv.profile_fetched = true;
        match tokio::time::timeout(PROFILE_TIMEOUT, self.outbound.profile(&m.key)).await {
            Ok(Ok(p)) => {
                if let Some(n) = p.first_name.filter(|n| !n.trim().is_empty()) {
                    conv.customer_name = Some(first_word(&n));
                }
                if let Some(tz) = p.utc_offset_hours.and_then(zone_of_offset) {
                    conv.time_zone = Some(tz.name().to_string());
                    conv.tz_known_from = Some(TzKnownFrom::Platform);
                }
            }
            Ok(Err(e)) => tracing::warn!(conversation = %m.key, error = %e, "profile call failed; replying without it"),
            Err(_) => tracing::warn!(conversation = %m.key, "profile call timed out; replying without it"),
        }
    }

    /// Sends the replies to `mid` not sent yet. Temporary failures leave
    /// them `Retrying` (the event stays in the log) until they are
    /// [`RETRY_REPLIES_FOR`] old; permanent ones are marked failed for a person.
    async fn send_all(&self, conv: &mut Conversation, mid: &str) -> SendOutcome {
        let mut out = SendOutcome::default();
        let now = self.clock.now();
        for i in conv.unsent_replies_to(mid) {
            let text = conv.transcript[i].text.clone();
            let written = conv.transcript[i].at;
            // Named, so that what Meta tells back of it (WhatsApp's statuses)
            // finds it even if this send's answer is lost.
            let reference = conv.reply_reference(i).unwrap_or_default();
            let delivery = match self.outbound.send_reply(&conv.key, &text, SendTag::Response, &reference).await {
                Ok(ids) => {
                    conv.remember_sent(&ids);
                    out.sent += 1;
                    if let Some(asked) = conv.transcript.iter().find(|e| e.mid.as_deref() == Some(mid)).map(|e| e.at) {
                        let waited = (now - asked).num_milliseconds().max(0) as f64 / 1000.0;
                        metrics::histogram!("afterhours_first_response_seconds", "by" => "bot").record(waited);
                    }
                    Delivery::Sent { ids }
                }
                Err(e @ SendError::GaveUp { .. }) if now - written < RETRY_REPLIES_FOR => {
                    count_graph_error(&e);
                    tracing::warn!(conversation = %conv.key, mid, code = ?e.code(), error = %e, "reply not sent yet; will try again");
                    out.retrying += 1;
                    let since = match &conv.transcript[i].delivery {
                        Some(Delivery::Retrying { since, .. }) => *since,
                        _ => now,
                    };
                    Delivery::Retrying { reason: e.to_string(), code: e.code(), since }
                }
                Err(e @ SendError::Unconfirmed { .. }) => {
                    // Perhaps sent: never sent again; a person looks.
                    count_graph_error(&e);
                    tracing::warn!(conversation = %conv.key, mid, error = %e, "reply perhaps sent, not confirmed: not sent again");
                    conv.needs_person = true;
                    out.failed += 1;
                    Delivery::Failed { reason: e.to_string(), code: None }
                }
                Err(e) => {
                    count_graph_error(&e);
                    tracing::warn!(conversation = %conv.key, mid, code = ?e.code(), error = %e, "reply not sent");
                    // A person must see a promise that never reached the customer.
                    conv.needs_person = true;
                    out.failed += 1;
                    Delivery::Failed { reason: e.to_string(), code: e.code() }
                }
            };
            conv.transcript[i].delivery = Some(delivery);
        }
        out
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct SendOutcome {
    sent: usize,
    failed: usize,
    retrying: usize,
}

impl SendOutcome {
    fn tried(&self) -> usize {
        self.sent + self.failed + self.retrying
    }
}

/// A status (`sent`, `delivered`, `read`) carrying our reference: Meta
/// took the reply, so one whose send was not confirmed is sent after all.
fn confirm_by_status(mut conv: Conversation, mid: &str, reference: Option<&str>) -> (Handled, Option<Conversation>) {
    let Some((i, _)) = reference.and_then(|r| conv.find_reply(r)) else {
        return (Handled::Recorded { what: "status" }, None);
    };
    let unconfirmed = matches!(&conv.transcript[i].delivery,
        Some(Delivery::Failed { reason, .. }) if reason.starts_with(SendError::UNCONFIRMED));
    if !unconfirmed {
        return (Handled::Recorded { what: "status" }, None);
    }
    conv.transcript[i].delivery = Some(Delivery::Sent { ids: vec![mid.to_string()] });
    conv.remember_sent(&[mid.to_string()]);
    tracing::info!(conversation = %conv.key, mid, "a reply not confirmed at its send is confirmed by its status");
    (Handled::Recorded { what: "a status confirms a reply" }, Some(conv))
}

/// Graph API failures by Meta's error code (`none` for timeouts and 5xx without one).
pub fn count_graph_error(e: &SendError) {
    let code = e.code().map_or_else(|| "none".to_string(), |c| c.to_string());
    metrics::counter!("afterhours_graph_errors_total", "code" => code).increment(1);
}

/// A platform timestamp as a time, within years 1970 to 9999: a crafted
/// one near chrono's limits would make the windows and due times computed
/// from it (a day or a week later) overflow.
pub(super) fn at(ms: i64) -> DateTime<Utc> {
    const LAST_MS: i64 = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
    DateTime::from_timestamp_millis(ms.clamp(0, LAST_MS)).unwrap_or_default()
}

fn entry(at: DateTime<Utc>, author: Author, text: String, mid: Option<String>) -> TranscriptEntry {
    TranscriptEntry { mid, ..TranscriptEntry::new(at, author, text) }
}

fn first_word(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}

/// Messenger gives the customer's offset from UTC in hours; whole hours map
/// to the fixed `Etc/GMT` zones (whose signs are inverted, as POSIX wants).
fn zone_of_offset(hours: f64) -> Option<Tz> {
    if hours.fract() != 0.0 || !(-12.0..=14.0).contains(&hours) {
        return None;
    }
    let h = hours as i32;
    let name = match h {
        0 => "Etc/GMT".to_string(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    };
    name.parse().ok()
}

/// The team a case goes to: the one the message was routed to, else the
/// first team of the flows (a case always has somewhere to wait).
pub(super) fn routed_team(a: &crate::domain::Analysis, playbook: &crate::domain::Playbook) -> String {
    a.team
        .as_ref()
        .or(playbook.teams.first().map(|t| &t.id))
        .map_or_else(|| "unassigned".to_string(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever a webhook claims, the times derived from it (reply
        /// windows, a minute before, a year after) exist.
        #[test]
        fn any_timestamp_gives_a_time_with_room_on_both_sides(ms in proptest::num::i64::ANY) {
            let t = at(ms);
            proptest::prop_assert!(t.checked_add_signed(chrono::TimeDelta::days(400)).is_some());
            proptest::prop_assert!(t.checked_sub_signed(chrono::TimeDelta::days(400)).is_some());
        }
    }

    #[test]
    fn whole_hour_offsets_become_fixed_zones_with_posix_signs() {
        assert_eq!(zone_of_offset(2.0).unwrap().name(), "Etc/GMT-2");
        assert_eq!(zone_of_offset(-5.0).unwrap().name(), "Etc/GMT+5");
        assert_eq!(zone_of_offset(0.0).unwrap().name(), "Etc/GMT");
        assert!(zone_of_offset(5.5).is_none());
        assert!(zone_of_offset(20.0).is_none());
    }
}

//! Public comments under the brand's posts: read with the same decision
//! core as messages; after hours one short public reply and one Private
//! Reply, in hours a case for a person; spam hidden when the page wants it.
//!
//! Every comment action is sent at most once: it is written down as
//! `Sending`, tried once, and marked sent or failed with a reason a person
//! can read. A failed one is never tried again by the bot (Meta allows one
//! Private Reply per comment, and a public reply sent twice is a wall of bot
//! text); the case carries the reason instead.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::care::{checked_text, claim_in, is_open_case, Care, CareError, CaseView};
use super::cases::{Case, Opening};
use super::conversation::{Author, CommentRecord, Conversation, Delivery, Reading, TranscriptEntry};
use super::handle::{at, count_graph_error, routed_team, Handled, Handler};
use super::lock::lock_and_load;
use crate::channels::{Comment, CommentVerb, ConversationKey, SendError};
use crate::domain::{Inbound, Kind, ReplyPlan};
use crate::store::{Store, StoreError};

/// Meta accepts a Private Reply up to this long after the comment.
pub const PRIVATE_REPLY_WITHIN: Duration = Duration::days(7);

/// The customer's newest comments kept on their record.
const COMMENTS_KEPT: usize = 100;

/// Without a known return time, one public reply per customer and post in this long.
const CLOSED_PERIOD_FALLBACK: Duration = Duration::hours(12);

/// The bot's public replies per post in the last hour, in this process.
static POST_REPLIES: Mutex<Option<HashMap<String, Vec<DateTime<Utc>>>>> = Mutex::new(None);

/// Takes one of the post's public replies for this hour, if `cap` allows.
fn take_post_slot(post: &str, now: DateTime<Utc>, cap: u32) -> bool {
    let mut guard = POST_REPLIES.lock().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    // Old posts are forgotten, so the map stays small.
    map.retain(|_, v| {
        v.retain(|t| now - *t < Duration::hours(1));
        !v.is_empty()
    });
    let sent = map.entry(post.to_string()).or_default();
    if sent.len() >= cap as usize {
        return false;
    }
    sent.push(now);
    true
}

/// What Meta's refusal of a comment action means, for the case and the log.
pub fn comment_failure(e: &SendError) -> String {
    let detail = e.to_string();
    let why = match e {
        SendError::Rejected { code: 100, subcode: Some(33), .. } => {
            "the comment or its post no longer exists (deleted)"
        }
        SendError::Rejected { code: 100, subcode: Some(2_534_025), .. } => {
            "Meta no longer accepts a private reply to this comment (one was sent already, or it is too old)"
        }
        SendError::Rejected { code: 10, subcode: Some(2_018_278 | 2_534_022), .. } => {
            "past the 7 days in which a comment may get a private reply"
        }
        SendError::Rejected { code: 10 | 200..=299, .. } => {
            "the app lacks a permission for this (pages_manage_engagement, pages_messaging, instagram_manage_comments; see README, Public comments)"
        }
        SendError::Rejected { code: 190, .. } => "the page's access token is invalid or expired",
        SendError::Rejected { code: 551, .. } => "the person is not available",
        SendError::Unconfirmed { .. } => "Meta's answer never came: it may have gone out, so it is not sent again",
        _ => "",
    };
    if why.is_empty() {
        detail
    } else {
        format!("{why} ({detail})")
    }
}

fn entry(at: DateTime<Utc>, author: Author, text: String) -> TranscriptEntry {
    TranscriptEntry::new(at, author, text)
}

/// Where the comment is, in words for the case: the permalink, else the post's id.
fn place(c: &Comment) -> String {
    let mut s = format!("public comment under {}", c.permalink.as_deref().unwrap_or(&c.post_id));
    if let Some(post) = c.post_text.as_deref().filter(|p| !p.trim().is_empty()) {
        let short: String = post.chars().take(280).collect();
        s.push_str(&format!(" (post: “{short}”)"));
    }
    s
}

impl Handler {
    /// A customer's comment. Answers what happened and the record to write.
    pub(super) async fn on_comment(
        &self,
        c: &Comment,
        mut conv: Conversation,
    ) -> Result<(Handled, Option<Conversation>), StoreError> {
        let engine = self.core.current();
        let settings = engine.playbook.pages.get(&c.key.account).map(|p| p.comments).unwrap_or_default();
        if !settings.enabled {
            return Ok((Handled::Recorded { what: "comments are off for this page" }, None));
        }
        if let Some(inbox) = conv.moved_to.clone() {
            // The customer's comments live in their inbox conversation now.
            let target = ConversationKey { customer: inbox, ..c.key.clone() };
            let (held, record) = lock_and_load(&self.store, &target, MOVE_LOCK_WAIT).await?;
            let work = Box::pin(self.on_comment(c, record.unwrap_or_else(|| Conversation::new(target.clone()))));
            return match held.while_held(work).await {
                Ok((done, record)) => {
                    held.while_held(held.finish(record.as_ref(), None)).await?;
                    Ok((done, None))
                }
                Err(e) => {
                    held.release().await;
                    Err(e)
                }
            };
        }
        let now = self.clock.now();
        let mid = format!("comment:{}", c.comment_id);
        match c.verb {
            CommentVerb::Remove => {
                let Some(r) = conv.comments.iter_mut().find(|r| r.comment_id == c.comment_id) else {
                    return Ok((Handled::Recorded { what: "a comment we never saw was deleted" }, None));
                };
                r.deleted = true;
                conv.record(entry(now, Author::System, "the customer deleted their public comment".into()));
                if let Some(case) = conv.case.as_mut() {
                    case.log(now, "bot", "comment deleted", Some(c.comment_id.clone()));
                }
                tracing::info!(conversation = %c.key, comment = %c.comment_id, "a comment was deleted");
                return Ok((Handled::Recorded { what: "comment deleted: noted" }, Some(conv)));
            }
            CommentVerb::Edited => {
                let text = c.text.clone().unwrap_or_default();
                if let Some(r) = conv.comments.iter_mut().find(|r| r.comment_id == c.comment_id) {
                    r.text = Some(text.clone());
                } else if !conv.has_handled(&mid) {
                    // An edit of a comment we never saw: read as a new one.
                    return Box::pin(self.on_comment(&Comment { verb: CommentVerb::Add, ..c.clone() }, conv)).await;
                }
                conv.record(entry(at(c.timestamp_ms), Author::Customer, format!("(edited comment) {text}")));
                return Ok((Handled::Recorded { what: "comment edited" }, Some(conv)));
            }
            CommentVerb::Add => {}
        }
        if conv.has_handled(&mid) {
            // Redelivered: comment actions are never sent twice.
            let done = Handled::Duplicate { key: c.key.clone(), mid, resent: 0, retry_later: false };
            return Ok((done, None));
        }
        let written = at(c.timestamp_ms);
        let text = c.text.clone().unwrap_or_default();
        let page_tz: Option<Tz> = engine
            .playbook
            .pages
            .get(&c.key.account)
            .and_then(|p| p.time_zone.or(p.language.map(|l| engine.playbook.typical_time_zone(l))));
        if conv.customer_name.is_none() {
            conv.customer_name =
                c.customer_name.as_deref().and_then(|n| n.split_whitespace().next()).map(str::to_string);
        }
        let inbound = Inbound {
            text: text.clone(),
            page_id: Some(c.key.account.clone()),
            customer_tz: page_tz,
            customer_name: conv.customer_name.clone(),
            forced_lang: None,
            lang_hint: None,
            has_attachment: false,
            window: None,
            whatsapp: false,
        };
        let mut view = conv.view();
        view.human_owns = conv.person_owns(now, Duration::hours(super::handle::HUMAN_QUIET_HOURS));
        let outcome = engine.handle(&inbound, &view, now);
        let a = &outcome.analysis;
        let d = &outcome.decision;
        let channel = c.key.channel.to_string();
        metrics::counter!("afterhours_comments_received_total", "channel" => channel.clone()).increment(1);

        if a.kind == Kind::Spam {
            // Nothing said, no case; hidden when the page wants it.
            if settings.hide_spam {
                match self.outbound.hide_comment(&c.key, &c.comment_id).await {
                    Ok(()) => {
                        metrics::counter!("afterhours_comments_hidden_total", "channel" => channel).increment(1);
                        tracing::info!(conversation = %c.key, comment = %c.comment_id, "spam comment hidden");
                    }
                    Err(e) => {
                        count_graph_error(&e);
                        tracing::warn!(conversation = %c.key, comment = %c.comment_id, error = %comment_failure(&e), "spam comment not hidden");
                    }
                }
            }
            return Ok((Handled::Recorded { what: "spam comment" }, None));
        }

        let mut customer = entry(written, Author::Customer, text.clone());
        customer.mid = Some(mid.clone());
        customer.reading = Some(Reading {
            lang: a.language.lang,
            lang_confidence: a.language.confidence,
            kind: a.kind,
            intent: a.intent.as_ref().map(|i| i.id.clone()),
            decision: d.reason.to_string(),
        });
        conv.record(customer);
        conv.record(entry(written, Author::System, place(c)));
        conv.mark_handled(&mid);
        if conv.language.is_none() {
            conv.language = Some(super::conversation::KnownLanguage {
                lang: a.language.lang,
                confidence: a.language.confidence,
                source: a.language.source,
            });
        }
        let mut record = CommentRecord {
            comment_id: c.comment_id.clone(),
            post_id: c.post_id.clone(),
            parent_id: c.parent_id.clone(),
            permalink: c.permalink.clone(),
            post_text: c.post_text.clone(),
            text: c.text.clone(),
            at: written,
            deleted: false,
            public_reply: None,
            private_reply: None,
            hidden: false,
            replied_for: None,
            inbox_id: None,
        };

        let person_owns = view.human_owns;
        let mut needs_case = a.open_now || d.handoff || person_owns;
        let mut problems: Vec<String> = Vec::new();
        let after_hours = !a.open_now && !person_owns;

        // The Private Reply: the usual acknowledgement or the FAQ answer.
        // Praise gets its thanks in public when the page answers in public.
        let private_text = outcome.replies.first().map(|r| r.text.clone()).filter(|_| {
            after_hours && !(matches!(d.reply, Some(ReplyPlan::Thanks | ReplyPlan::Closer)) && settings.public_replies)
        });
        let mut private_sent = false;
        if let Some(reply) = private_text {
            if now - written > PRIVATE_REPLY_WITHIN {
                problems.push("no private reply: the comment is older than the 7 days Meta allows".into());
            } else {
                let mut e = entry(now, Author::Bot, format!("(private reply) {reply}"));
                e.answers = Some(mid.clone());
                e.delivery = Some(Delivery::Sending);
                let i = conv.record(e);
                let delivery = match self.outbound.private_reply(&c.key, &c.comment_id, &reply).await {
                    Ok((id, inbox)) => {
                        private_sent = true;
                        conv.remember_sent(std::slice::from_ref(&id));
                        record.inbox_id = inbox;
                        metrics::counter!("afterhours_comment_private_replies_total", "channel" => channel.clone())
                            .increment(1);
                        if d.reply.as_ref().is_some_and(|p| p.uses_budget()) {
                            conv.automated_since_human += 1;
                        }
                        if let Some(p) = d.promise {
                            conv.promised = Some(p);
                            conv.promised_at = Some(now);
                        }
                        Delivery::Sent { ids: vec![id] }
                    }
                    Err(e) => {
                        count_graph_error(&e);
                        let reason = comment_failure(&e);
                        tracing::warn!(conversation = %c.key, comment = %c.comment_id, code = ?e.code(), error = %reason, "private reply not sent");
                        problems.push(format!("private reply not sent: {reason}"));
                        Delivery::Failed { reason, code: e.code() }
                    }
                };
                conv.transcript[i].delivery = Some(delivery.clone());
                record.private_reply = Some(delivery);
            }
        }

        // The public reply: at most one per customer and post in a closed
        // period, and the page's cap per post and hour.
        if after_hours && settings.public_replies && !(a.closer && a.kind != Kind::Praise) {
            let period = a.availability.as_ref().map(|v| v.at);
            let already = conv.comments.iter().any(|r| {
                r.post_id == c.post_id
                    && r.replied_for.is_some()
                    && match period {
                        Some(p) => r.replied_for == Some(p),
                        None => now - r.at < CLOSED_PERIOD_FALLBACK,
                    }
            });
            if already {
                metrics::counter!("afterhours_comment_replies_capped_total", "reason" => "customer_post").increment(1);
                needs_case = true;
            } else if !take_post_slot(&c.post_id, now, settings.per_post_per_hour) {
                metrics::counter!("afterhours_comment_replies_capped_total", "reason" => "post_hour").increment(1);
                problems.push(format!(
                    "no public reply: the bot already answered {} comments under this post in the last hour",
                    settings.per_post_per_hour
                ));
                needs_case = true;
            } else {
                let words = crate::i18n::comments::public_reply(
                    &engine.catalog,
                    a.language.lang,
                    a.kind,
                    private_sent,
                    a.availability.as_ref(),
                    now,
                    a.customer_tz,
                );
                let mut e = entry(now, Author::Bot, format!("(public reply) {words}"));
                e.answers = Some(mid.clone());
                e.delivery = Some(Delivery::Sending);
                let i = conv.record(e);
                let delivery = match self.outbound.reply_to_comment(&c.key, &c.comment_id, &words).await {
                    Ok(id) => {
                        metrics::counter!("afterhours_comment_public_replies_total", "channel" => channel.clone())
                            .increment(1);
                        record.replied_for = Some(period.unwrap_or(now));
                        Delivery::Sent { ids: vec![id] }
                    }
                    Err(e) => {
                        count_graph_error(&e);
                        let reason = comment_failure(&e);
                        tracing::warn!(conversation = %c.key, comment = %c.comment_id, code = ?e.code(), error = %reason, "public reply not sent");
                        problems.push(format!("public reply not sent: {reason}"));
                        Delivery::Failed { reason, code: e.code() }
                    }
                };
                conv.transcript[i].delivery = Some(delivery.clone());
                record.public_reply = Some(delivery);
            }
        }
        if !problems.is_empty() {
            needs_case = true;
            for p in &problems {
                conv.record(entry(now, Author::System, p.clone()));
            }
        }
        conv.comments.push(record);
        // A customer commenting for months does not grow the record for ever.
        if conv.comments.len() > COMMENTS_KEPT {
            conv.comments.drain(..conv.comments.len() - COMMENTS_KEPT);
        }
        conv.last_customer_at = Some(conv.last_customer_at.map_or(written, |l| l.max(written)));

        let mut opened = None;
        if needs_case {
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
                promised: d.promise.filter(|_| private_sent).or(conv.promised.filter(|p| *p > now)),
                // A person may write once the customer answers the Private Reply.
                window: None,
                now,
            };
            match conv.case.as_mut() {
                Some(case) => case.join(&opening),
                None => {
                    let id = self.store.next_case_id().await?;
                    metrics::counter!("afterhours_handoffs_total", "team" => opening.team.clone()).increment(1);
                    conv.case = Some(Case::open(Opening { id, ..opening }));
                    opened = Some(id);
                }
            }
            let case = conv.case.as_mut().expect("just opened or joined");
            case.log(now, "bot", "public comment", Some(place(c)));
            for p in problems {
                case.log(now, "bot", "comment action failed", Some(p));
            }
        }
        let inbox = conv.comments.last().and_then(|r| r.inbox_id.clone()).filter(|i| *i != conv.key.customer);
        if let Some(inbox) = inbox {
            // The Private Reply named the customer's inbox id (a PSID): their
            // answer comes from there, so the comment and its case move there.
            move_to_inbox(&self.store, &mut conv, &inbox, opened, now).await?;
        } else if let Some(id) = opened {
            self.store.save_opening(id, &conv).await?;
            tracing::info!(conversation = %c.key, case = id, "case opened for a public comment");
        }
        let sent = conv.comments.last().map_or(0, |r| {
            [&r.public_reply, &r.private_reply].iter().filter(|d| matches!(d, Some(Delivery::Sent { .. }))).count()
        });
        let failed = conv.comments.last().map_or(0, |r| {
            [&r.public_reply, &r.private_reply].iter().filter(|d| matches!(d, Some(Delivery::Failed { .. }))).count()
        });
        tracing::info!(
            conversation = %c.key,
            comment = %c.comment_id,
            lang = %a.language.lang,
            kind = ?a.kind,
            open_now = a.open_now,
            sent,
            failed,
            case = needs_case,
            "comment handled"
        );
        let done = Handled::Message {
            key: c.key.clone(),
            mid,
            sent,
            failed,
            retry_later: false,
            reason: if a.open_now {
                "public comment in hours: handed to the team".into()
            } else {
                d.reason.to_string()
            },
        };
        Ok((done, Some(conv)))
    }
}

/// How long a move waits for the inbox conversation (a DM being handled holds it).
const MOVE_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Moves the comment conversation `conv` (its transcript, comments and
/// case) into the customer's inbox conversation `inbox` on the same page,
/// where their answer to the Private Reply arrives as a DM; `conv` keeps only
/// a pointer there (and what it handled). `opened`: the case `conv` opened
/// in this handling, not yet written. An open case already in the inbox
/// conversation takes the comment in; the comment's own case, if it had
/// one, is resolved into it.
pub(super) async fn move_to_inbox(
    store: &Arc<dyn Store>,
    conv: &mut Conversation,
    inbox: &str,
    opened: Option<u64>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let target_key = ConversationKey { customer: inbox.to_string(), ..conv.key.clone() };
    let (held, record) = lock_and_load(store, &target_key, MOVE_LOCK_WAIT).await?;
    let mut target = record.unwrap_or_else(|| Conversation::new(target_key.clone()));
    target.transcript.append(&mut conv.transcript);
    target.transcript.sort_by_key(|e| e.at);
    target.handled.extend(conv.handled.iter().cloned());
    target.sent_ids.extend(conv.sent_ids.iter().cloned());
    target.comments.append(&mut conv.comments);
    target.customer_name = target.customer_name.take().or(conv.customer_name.clone());
    target.language = target.language.take().or(conv.language.clone());
    target.time_zone = target.time_zone.take().or(conv.time_zone.clone());
    target.tz_known_from = target.tz_known_from.take().or(conv.tz_known_from);
    target.automated_since_human = target.automated_since_human.max(conv.automated_since_human);
    target.promised = target.promised.max(conv.promised);
    target.promised_at = target.promised_at.max(conv.promised_at);
    target.needs_person |= conv.needs_person;
    target.priority = target.priority.max(conv.priority);
    target.last_customer_at = target.last_customer_at.max(conv.last_customer_at);
    let mut index_new = None;
    let mut resolve_old = None;
    if let Some(mut case) = conv.case.take() {
        match target.case.as_mut() {
            None => {
                index_new = Some(case.id);
                target.case = Some(case);
            }
            Some(open) => {
                open.log(now, "bot", "public comment", Some(format!("joined from case #{}", case.id)));
                if opened != Some(case.id) {
                    case.status = super::cases::CaseStatus::Resolved;
                    case.resolved_at = Some(now);
                    case.resolved_by = Some("bot".into());
                    case.log(now, "bot", "merged", Some(format!("into case #{}", open.id)));
                    resolve_old = Some(case.id);
                    super::cases::remember_past(&mut target.past_cases, case);
                }
            }
        }
    }
    let written = async {
        match (index_new, opened) {
            (Some(id), Some(o)) if id == o => store.save_opening(id, &target).await?,
            (Some(id), _) => store.index_case(id, &target_key, None).await?,
            _ => {}
        }
        if let Some(id) = resolve_old {
            store.index_case(id, &target_key, Some(now.timestamp_millis())).await?;
        }
        Ok::<_, StoreError>(())
    };
    if let Err(e) = held.while_held(written).await {
        held.release().await;
        return Err(e);
    }
    held.while_held(held.finish(Some(&target), None)).await?;
    conv.moved_to = Some(inbox.to_string());
    conv.needs_person = false;
    tracing::info!(from = %conv.key, to = %target_key, "a comment conversation joined the customer's inbox conversation");
    Ok(())
}

/// What a person does with a customer's comment from the console or the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentAction {
    /// A public reply under the comment, as the page.
    PublicReply,
    /// The one Private Reply Meta allows.
    PrivateReply,
    Hide,
}

impl CommentAction {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "comment_reply" => Self::PublicReply,
            "comment_private_reply" => Self::PrivateReply,
            "comment_hide" => Self::Hide,
            _ => return None,
        })
    }
}

impl Care {
    /// Answers the case's comment (`comment`, else the customer's newest
    /// one not deleted) in public or privately, or hides it. Each is
    /// written down before it is sent and never sent twice; a private reply
    /// already sent, or a comment older than 7 days, is refused with why.
    pub async fn comment_action(
        &self,
        id: u64,
        who: &str,
        action: CommentAction,
        comment: Option<&str>,
        text: Option<&str>,
    ) -> Result<CaseView, CareError> {
        let text = match action {
            CommentAction::Hide => String::new(),
            _ => checked_text(text.unwrap_or_default())?,
        };
        self.send_under_lock(id, |key| async move {
            let mut conv = self.store.load(&key).await?.ok_or(CareError::NotFound(id))?;
            is_open_case(&conv, id)?;
            let now = self.clock.now();
            let i = match comment {
                Some(c) => conv.comments.iter().position(|r| r.comment_id == c),
                None => conv.comments.iter().rposition(|r| !r.deleted),
            }
            .ok_or_else(|| CareError::BadRequest("this case has no such public comment".into()))?;
            let r = &conv.comments[i];
            let refusal = match action {
                _ if r.deleted => Some("the customer deleted this comment"),
                CommentAction::PrivateReply if r.private_reply.is_some() => {
                    Some("this comment already had its private reply: Meta allows one per comment")
                }
                CommentAction::PrivateReply if now - r.at > PRIVATE_REPLY_WITHIN => {
                    Some("the comment is older than the 7 days in which Meta allows a private reply")
                }
                CommentAction::Hide if r.hidden => Some("this comment is hidden already"),
                _ => None,
            };
            if let Some(why) = refusal {
                return Err(CareError::BadRequest(why.into()));
            }
            let comment_id = r.comment_id.clone();
            claim_in(&mut conv, who, now)?;
            let what = match action {
                CommentAction::PublicReply => format!("(public reply) {text}"),
                CommentAction::PrivateReply => format!("(private reply) {text}"),
                CommentAction::Hide => "(comment hidden)".to_string(),
            };
            let mut e = TranscriptEntry::new(now, Author::Agent, what);
            e.by = Some(who.to_string());
            e.delivery = Some(Delivery::Sending);
            let at = conv.record(e);
            match action {
                CommentAction::PublicReply => conv.comments[i].public_reply = Some(Delivery::Sending),
                CommentAction::PrivateReply => conv.comments[i].private_reply = Some(Delivery::Sending),
                CommentAction::Hide => {}
            }
            // Written down before the send: a crash never sends it twice.
            self.store.save(&conv).await?;
            let sent = match action {
                CommentAction::PublicReply => self.outbound.reply_to_comment(&key, &comment_id, &text).await,
                CommentAction::PrivateReply => {
                    self.outbound.private_reply(&key, &comment_id, &text).await.map(|(id, inbox)| {
                        conv.comments[i].inbox_id = inbox;
                        id
                    })
                }
                CommentAction::Hide => self.outbound.hide_comment(&key, &comment_id).await.map(|()| String::new()),
            };
            let label = match action {
                CommentAction::PublicReply => "public reply",
                CommentAction::PrivateReply => "private reply",
                CommentAction::Hide => "hide comment",
            };
            let (delivery, failure) = match sent {
                Ok(id) => {
                    let channel = key.channel.to_string();
                    match action {
                        CommentAction::Hide => {
                            conv.comments[i].hidden = true;
                            metrics::counter!("afterhours_comments_hidden_total", "channel" => channel).increment(1);
                        }
                        CommentAction::PublicReply => {
                            metrics::counter!("afterhours_comment_public_replies_total", "channel" => channel)
                                .increment(1)
                        }
                        CommentAction::PrivateReply => {
                            metrics::counter!("afterhours_comment_private_replies_total", "channel" => channel)
                                .increment(1)
                        }
                    }
                    if action != CommentAction::Hide {
                        conv.remember_sent(std::slice::from_ref(&id));
                        let grace = self.grace;
                        let case = conv.case.as_mut().expect("checked");
                        if case.first_human_reply_at.is_none() {
                            super::care::count_first_human_reply(case, now, grace);
                        }
                        case.answered(now);
                        conv.last_human_at = Some(now);
                    }
                    conv.case.as_mut().expect("checked").log(now, who, label, None);
                    (Delivery::Sent { ids: vec![id].into_iter().filter(|s| !s.is_empty()).collect() }, None)
                }
                Err(e) => {
                    count_graph_error(&e);
                    let reason = comment_failure(&e);
                    tracing::warn!(conversation = %key, case = id, code = ?e.code(), error = %reason, "{label} not done");
                    conv.case.as_mut().expect("checked").log(now, who, &format!("{label} failed"), Some(reason.clone()));
                    (Delivery::Failed { reason: reason.clone(), code: e.code() }, Some((reason, e.code())))
                }
            };
            conv.transcript[at].delivery = Some(delivery.clone());
            match action {
                CommentAction::PublicReply => conv.comments[i].public_reply = Some(delivery),
                CommentAction::PrivateReply => conv.comments[i].private_reply = Some(delivery),
                CommentAction::Hide => {}
            }
            let inbox = conv.comments[i].inbox_id.clone().filter(|r| *r != key.customer);
            let view = match inbox {
                // The customer's answer will come from their inbox id: the
                // case moves to that conversation.
                Some(inbox) if failure.is_none() => {
                    move_to_inbox(&self.store, &mut conv, &inbox, None, now).await?;
                    let moved = ConversationKey { customer: inbox, ..key.clone() };
                    let target = self.store.load(&moved).await?.ok_or(CareError::NotFound(id))?;
                    let case = target.find_case(id).ok_or(CareError::NotFound(id))?;
                    CaseView::build(&target, case, &self.core.current(), now, self.grace, true)
                }
                _ => {
                    let case = conv.case.as_ref().expect("checked");
                    CaseView::build(&conv, case, &self.core.current(), now, self.grace, true)
                }
            };
            let outcome = match failure {
                None => Ok(view),
                Some((reason, code)) => Err(CareError::SendFailed { reason, code, case: Box::new(view) }),
            };
            Ok((outcome, conv))
        })
        .await
    }
}

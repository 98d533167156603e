//! One person on several channels: a person of the care team links two
//! cases (a customer on Messenger and on WhatsApp), both conversations keep
//! the link, and a case's full view shows the other cases and both
//! histories in one transcript, each message with its channel. Also the
//! values of the saved replies' placeholders for a case.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::care::{entry_view, Care, CareError, CaseView, EntryView, ACTION_LOCK_WAIT};
use super::cases::Case;
use super::conversation::Conversation;
use super::lock::lock;
use crate::channels::ConversationKey;

/// Conversations one conversation may be linked with.
pub const MAX_LINKS: usize = 10;

pub use super::link_views::{LinkedView, Placeholders};

impl Care {
    /// Links case `id` with case `other` (both ways); answers case `id`.
    pub async fn link(&self, id: u64, other: u64, who: &str) -> Result<CaseView, CareError> {
        self.change_link(id, other, who, true).await
    }

    /// Undoes [`Care::link`] (both ways); answers case `id`.
    pub async fn unlink(&self, id: u64, other: u64, who: &str) -> Result<CaseView, CareError> {
        self.change_link(id, other, who, false).await
    }

    async fn change_link(&self, id: u64, other: u64, who: &str, on: bool) -> Result<CaseView, CareError> {
        if id == other {
            return Err(CareError::BadRequest("a case cannot be linked with itself".into()));
        }
        let a = self.store.case_location(id).await?.ok_or(CareError::NotFound(id))?;
        let b = self.store.case_location(other).await?.ok_or(CareError::NotFound(other))?;
        if a == b {
            return Err(CareError::BadRequest(format!(
                "cases {id} and {other} are the same conversation: its history shows both already"
            )));
        }
        // Both locks, always in the same order: two people linking the same
        // pair from either side never wait on each other.
        let (first, second) = if a < b { (&a, &b) } else { (&b, &a) };
        let held_first = lock(&self.store, first, ACTION_LOCK_WAIT).await?;
        let held_second = match lock(&self.store, second, ACTION_LOCK_WAIT).await {
            Ok(h) => h,
            Err(e) => {
                held_first.release().await;
                return Err(e.into());
            }
        };
        let work = async {
            let now = self.clock.now();
            let mut conv_a = self.store.load(&a).await?.ok_or(CareError::NotFound(id))?;
            let mut conv_b = self.store.load(&b).await?.ok_or(CareError::NotFound(other))?;
            if on && (conv_a.linked.len() >= MAX_LINKS || conv_b.linked.len() >= MAX_LINKS) {
                return Err(CareError::BadRequest(format!("a customer can be linked with {MAX_LINKS} others at most")));
            }
            let changed_a = set_link(&mut conv_a, &b, on, now, who, other);
            let changed_b = set_link(&mut conv_b, &a, on, now, who, id);
            if changed_a {
                self.store.save(&conv_a).await?;
            }
            if changed_b {
                self.store.save(&conv_b).await?;
            }
            Ok(())
        };
        let result = held_second.while_held(held_first.while_held(work)).await;
        held_second.release().await;
        held_first.release().await;
        result?;
        self.get(id).await
    }

    /// The linked cases, the merged transcript and the placeholders of a
    /// full view.
    pub(super) async fn complete(
        &self,
        conv: &Conversation,
        case: &Case,
        view: &mut CaseView,
    ) -> Result<(), CareError> {
        let channel = conv.key.channel.to_string();
        if let Some(t) = view.transcript.as_mut() {
            for e in t.iter_mut() {
                e.channel = Some(channel.clone());
            }
        }
        let mut linked = Vec::new();
        if !conv.linked.is_empty() {
            let others = self.store.load_many(&conv.linked).await?;
            let mut merged: Vec<EntryView> = view.transcript.take().unwrap_or_default();
            for (key, other) in conv.linked.iter().zip(others) {
                let Some(other) = other else {
                    // Its record expired: the link is shown without a case.
                    linked.push(LinkedView { id: None, channel: key.channel.to_string(), name: None, status: None });
                    continue;
                };
                let newest = other.case.as_ref().or_else(|| other.past_cases.last());
                let case_id = newest.map(|c| c.id.to_string());
                linked.push(LinkedView {
                    id: case_id.clone(),
                    channel: key.channel.to_string(),
                    name: other.customer_name.clone(),
                    status: newest.map(|c| c.status),
                });
                merged.extend(other.transcript.iter().filter_map(entry_view).map(|mut e| {
                    e.channel = Some(key.channel.to_string());
                    e.case = case_id.clone();
                    e
                }));
            }
            // One history, oldest first; the same moment keeps each side's order.
            merged.sort_by_key(|e| e.at);
            view.transcript = Some(merged);
        }
        view.linked = Some(linked);
        view.placeholders = Some(self.placeholders(conv, case));
        Ok(())
    }

    /// The placeholders' values for `case` now.
    pub fn placeholders(&self, conv: &Conversation, case: &Case) -> Placeholders {
        let engine = self.core.current();
        let now = self.clock.now();
        let first_name = conv.customer_name.as_deref().and_then(crate::domain::templates::first_name);
        let lang = conv.language.as_ref().map(|l| l.lang).unwrap_or(engine.playbook.fallback);
        let tz: Tz = conv
            .time_zone
            .as_deref()
            .and_then(|z| z.parse().ok())
            .unwrap_or_else(|| engine.playbook.typical_time_zone(lang));
        let team = engine.playbook.teams.iter().find(|t| t.id.to_string() == case.team);
        let back: Option<DateTime<Utc>> = case
            .promised
            .filter(|p| *p > now)
            .or_else(|| team.filter(|t| !t.is_open(now)).and_then(|t| t.next_open(now)));
        let return_time = back.map(|at| {
            crate::i18n::when::on_clock(&engine.catalog, lang, at, tz, now).replace(['\u{2068}', '\u{2069}'], "")
        });
        Placeholders { first_name, return_time }
    }
}

/// Adds or removes the link to `to`; logs it on the open case. Answers
/// whether anything changed.
fn set_link(
    conv: &mut Conversation,
    to: &ConversationKey,
    on: bool,
    now: DateTime<Utc>,
    who: &str,
    other: u64,
) -> bool {
    let has = conv.linked.contains(to);
    if has == on {
        return false;
    }
    if on {
        conv.linked.push(to.clone());
    } else {
        conv.linked.retain(|k| k != to);
    }
    if let Some(case) = conv.case.as_mut() {
        let what = if on { "linked" } else { "unlinked" };
        case.log(now, who, what, Some(format!("case {other} ({})", to.channel)));
    }
    true
}

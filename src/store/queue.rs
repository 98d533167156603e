//! The care queue's indexes: which sorted sets of its team an open case is
//! in, with which score, so that a page of the queue, the cases come due and
//! the counts are read without looking at every case. Both stores keep them
//! on every write of a conversation that holds an open case ([`entry_of`]);
//! [`TeamIndex`] is the in-process copy, the Redis store keeps the same sets
//! under the team's hash tag.
//!
//! Scores are integers below 2^53 (exact as a Redis double) and unique per
//! set: the case id sits in the low bits, so a page ends at one score and the
//! next page starts after it, with no tie left to break.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::Priority;
use crate::service::cases::{Case, CaseStatus};
use crate::service::conversation::{Author, Conversation};

/// Every open case of the team, in queue order.
pub const ALL: &str = "all";
/// Open and awaiting a person's reply, by due time: overdue = past due + grace.
pub const DUE: &str = "due";
/// [`DUE`] not raised by the overdue watcher yet.
pub const ALERT: &str = "alert";
/// Awaiting a reply, window still counted, by the time the window closes.
pub const WINDOW: &str = "window";
/// Waiting cases by the time they opened (the oldest first).
pub const AGE: &str = "age";
/// Cases with a promised time, by that time.
pub const PROMISED: &str = "promised";
/// By the time the record expires (in ms): entries of records gone are dropped.
pub const EXPIRES: &str = "exp";

/// Case ids in the low bits of a score.
const QUEUE_ID_BITS: u32 = 26;
const TIME_ID_BITS: u32 = 22;
/// Minutes since 2020 (until 2083) in the queue score, seconds (until 2088) in a time score.
const QUEUE_MINUTE_BITS: u32 = 25;
const TIME_SECOND_BITS: u32 = 31;
const EPOCH_2020: i64 = 1_577_836_800;

/// A status filter's set.
pub fn status_set(status: CaseStatus) -> String {
    format!("st:{}", status.as_str())
}

pub fn language_set(lang: &str) -> String {
    format!("lang:{lang}")
}

pub fn channel_set(channel: &str) -> String {
    format!("ch:{channel}")
}

pub fn kind_set(kind: &str) -> String {
    format!("kind:{kind}")
}

/// Urgent first, then complaints, normal, low.
fn band(p: Priority) -> u64 {
    match p {
        Priority::Urgent => 0,
        Priority::Complaint => 1,
        Priority::Normal => 2,
        Priority::Low => 3,
    }
}

/// The queue order as one number: priority (urgent first), then the time due
/// (to the minute; the most overdue first), then the case id (the oldest).
pub fn queue_score(priority: Priority, due: DateTime<Utc>, id: u64) -> u64 {
    let minutes = ((due.timestamp() - EPOCH_2020) / 60).clamp(0, (1 << QUEUE_MINUTE_BITS) - 1) as u64;
    (band(priority) << (QUEUE_MINUTE_BITS + QUEUE_ID_BITS))
        | (minutes << QUEUE_ID_BITS)
        | (id & ((1 << QUEUE_ID_BITS) - 1))
}

/// A moment (to the second) and the case id as one number.
pub fn time_score(at: DateTime<Utc>, id: u64) -> u64 {
    let secs = (at.timestamp() - EPOCH_2020).clamp(0, (1 << TIME_SECOND_BITS) - 1) as u64;
    (secs << TIME_ID_BITS) | (id & ((1 << TIME_ID_BITS) - 1))
}

/// The highest time score of any case at `at` (inclusive bound of a range up to `at`).
pub fn time_bound(at: DateTime<Utc>) -> u64 {
    time_score(at, (1 << TIME_ID_BITS) - 1)
}

/// The moment a time score holds.
pub fn time_of(score: u64) -> DateTime<Utc> {
    Utc.timestamp_opt((score >> TIME_ID_BITS) as i64 + EPOCH_2020, 0).single().unwrap_or_default()
}

/// An open case as the indexes hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub id: u64,
    pub team: String,
    /// The sets it is in, with its score in each.
    pub sets: Vec<(String, u64)>,
    /// Case id, customer name and the words the customer wrote, folded
    /// ([`fold`]) for search.
    pub search: String,
}

impl QueueEntry {
    /// Is it in `set`?
    pub fn is_in(&self, set: &str) -> bool {
        self.sets.iter().any(|(s, _)| s == set)
    }
}

/// How much of the customer's words a case keeps for search (characters).
const SEARCH_CHARS: usize = 480;

/// The open case of `conv` as the indexes hold it (`None`: no open case).
pub fn entry_of(conv: &Conversation) -> Option<QueueEntry> {
    let case = conv.case.as_ref().filter(|c| c.is_open())?;
    Some(entry_for(conv, case))
}

fn entry_for(conv: &Conversation, case: &Case) -> QueueEntry {
    let id = case.id;
    let mut sets = Vec::with_capacity(12);
    let q = queue_score(case.priority, case.due_at, id);
    sets.push((ALL.to_string(), q));
    sets.push((status_set(case.status), q));
    sets.push((channel_set(conv.key.channel.as_str()), q));
    sets.push((kind_set(case.kind.as_str()), q));
    if let Some(l) = &conv.language {
        sets.push((language_set(&l.lang.to_string()), q));
    }
    if case.awaiting_reply() {
        // A time nobody could keep (the window closed first) is never overdue.
        if !case.unreachable_at(case.due_at) {
            sets.push((DUE.to_string(), time_score(case.due_at, id)));
            if case.alerted_at.is_none() {
                sets.push((ALERT.to_string(), time_score(case.due_at, id)));
            }
        }
        if let (Some(closes), None) = (case.window_closes_at, case.window_missed_at) {
            sets.push((WINDOW.to_string(), time_score(closes, id)));
        }
    }
    if case.status == CaseStatus::Waiting {
        sets.push((AGE.to_string(), time_score(case.opened_at, id)));
    }
    if let Some(p) = case.promised {
        sets.push((PROMISED.to_string(), time_score(p, id)));
    }
    QueueEntry { id, team: case.team.clone(), sets, search: search_text(conv, id) }
}

/// Case id, name and the customer's newest words first, folded, each word once.
fn search_text(conv: &Conversation, id: u64) -> String {
    let mut out = format!("{id} {}", fold(conv.customer_name.as_deref().unwrap_or_default()));
    let mut seen: std::collections::HashSet<String> = out.split(' ').map(str::to_string).collect();
    let customer = conv.transcript.iter().rev().filter(|e| e.author == Author::Customer);
    'all: for entry in customer {
        for word in fold(&entry.text).split(' ').filter(|w| !w.is_empty()) {
            if out.len() + word.len() + 1 > SEARCH_CHARS {
                break 'all;
            }
            if seen.insert(word.to_string()) {
                out.push(' ');
                out.push_str(word);
            }
        }
    }
    out
}

/// Lower case, accents off, every run of other than letters and digits one
/// space: "Zoë's   ORDER" and "zoe s order" read the same.
pub fn fold(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase) {
        // Letters that do not decompose: ø, ł, ß, æ, đ.
        let c = match c {
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            other => other,
        };
        if c.is_alphanumeric() {
            if c == 'ß' {
                out.push_str("ss");
            } else if c == 'æ' {
                out.push_str("ae");
            } else {
                out.push(c);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Does the folded `search` text hold every word of the folded query `q`
/// (each as the start of a word: "ann" finds "Anna")?
pub fn matches(search: &str, q: &str) -> bool {
    q.split(' ').filter(|w| !w.is_empty()).all(|w| search.split(' ').any(|s| s.starts_with(w)))
}

/// One team's sets in the process (the in-process store's copy of what the
/// Redis store keeps).
#[derive(Debug, Default)]
pub struct TeamIndex {
    sets: HashMap<String, BTreeSet<(u64, u64)>>,
    entries: HashMap<u64, QueueEntry>,
}

impl TeamIndex {
    /// Puts `entry` in its sets, out of those it left; answers whether it is new here.
    pub fn upsert(&mut self, entry: QueueEntry) -> bool {
        let new = self.remove(entry.id).is_none();
        for (set, score) in &entry.sets {
            self.sets.entry(set.clone()).or_default().insert((*score, entry.id));
        }
        self.entries.insert(entry.id, entry);
        new
    }

    /// Takes case `id` out of every set; answers its entry.
    pub fn remove(&mut self, id: u64) -> Option<QueueEntry> {
        let old = self.entries.remove(&id)?;
        for (set, score) in &old.sets {
            if let Some(s) = self.sets.get_mut(set) {
                s.remove(&(*score, id));
            }
        }
        Some(old)
    }

    /// Ids and scores of `set` with a score above `after` and at most `upto`, lowest first.
    pub fn range(&self, set: &str, after: Option<u64>, upto: Option<u64>, count: usize) -> Vec<(u64, u64)> {
        let Some(s) = self.sets.get(set) else { return Vec::new() };
        let from = after.map_or(std::ops::Bound::Unbounded, |a| std::ops::Bound::Excluded((a, u64::MAX)));
        s.range((from, std::ops::Bound::Unbounded))
            .take_while(|(score, _)| upto.is_none_or(|u| *score <= u))
            .take(count)
            .map(|(score, id)| (*id, *score))
            .collect()
    }

    pub fn count(&self, set: &str, after: Option<u64>, upto: Option<u64>) -> u64 {
        match (after, upto) {
            (None, None) => self.sets.get(set).map_or(0, |s| s.len() as u64),
            _ => self.range(set, after, upto, usize::MAX).len() as u64,
        }
    }

    pub fn entry(&self, id: u64) -> Option<&QueueEntry> {
        self.entries.get(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_takes_case_and_accents_off() {
        assert_eq!(fold("Zoë's   ORDER!"), "zoe s order");
        assert_eq!(fold("Łódź, Øresund, Straße"), "lodz oresund strasse");
        assert_eq!(fold("Ёлка"), "елка");
        assert!(matches(&fold("1042 Anna Müller where is my parcel"), &fold("ann MULLER")));
        assert!(!matches(&fold("1042 Anna"), "bob"));
    }

    #[test]
    fn urgent_sorts_before_everything_then_the_most_overdue() {
        let t = |h: u32| Utc.with_ymd_and_hms(2026, 11, 28, h, 0, 0).unwrap();
        let urgent_later = queue_score(Priority::Urgent, t(20), 9);
        let complaint_early = queue_score(Priority::Complaint, t(1), 1);
        let normal_early = queue_score(Priority::Normal, t(1), 2);
        let normal_late = queue_score(Priority::Normal, t(9), 3);
        assert!(urgent_later < complaint_early);
        assert!(complaint_early < normal_early);
        assert!(normal_early < normal_late);
        // Same due minute: the older case (lower id) first, and scores differ.
        assert!(queue_score(Priority::Low, t(1), 5) < queue_score(Priority::Low, t(1), 6));
        assert!(queue_score(Priority::Low, t(23), u64::from(u32::MAX)) < 1 << 53);
        assert_eq!(time_of(time_score(t(3), 77)), t(3));
        assert!(time_score(t(3), 77) <= time_bound(t(3)));
        assert!(time_bound(t(3)) < time_score(t(3) + chrono::Duration::seconds(1), 0));
    }

    #[test]
    fn pages_follow_scores_and_entries_move_between_sets() {
        let e = |id: u64, score: u64, status: &str| QueueEntry {
            id,
            team: "t".into(),
            sets: vec![(ALL.into(), score), (format!("st:{status}"), score)],
            search: String::new(),
        };
        let mut ix = TeamIndex::default();
        assert!(ix.upsert(e(1, 10, "waiting")));
        assert!(ix.upsert(e(2, 20, "waiting")));
        assert!(ix.upsert(e(3, 30, "waiting")));
        assert!(!ix.upsert(e(2, 20, "claimed")));
        assert_eq!(ix.range(ALL, None, None, 2), vec![(1, 10), (2, 20)]);
        assert_eq!(ix.range(ALL, Some(20), None, 2), vec![(3, 30)]);
        assert_eq!(ix.range("st:waiting", None, None, 9), vec![(1, 10), (3, 30)]);
        assert_eq!(ix.count("st:claimed", None, None), 1);
        assert_eq!(ix.count(ALL, None, Some(20)), 2);
        ix.remove(1);
        assert_eq!(ix.count(ALL, None, None), 2);
        assert!(ix.entry(1).is_none());
    }
}

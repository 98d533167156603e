//! The care queue read from its indexes ([`crate::store::queue`]): a page
//! of cases with filters, search and a cursor, the counts, the cases come
//! due for the overdue watcher, and the migration of a store whose open
//! cases were never indexed. A page costs the page (and the entries its
//! filters had to look at), never the whole queue.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use super::care::{Care, CareError, CaseView, StatusFilter};
use super::cases::CaseStatus;
use crate::store::queue::{self, fold, matches, time_bound};

/// A page holds at most this many cases.
pub const MAX_LIMIT: usize = 200;
pub const DEFAULT_LIMIT: usize = 50;
/// "Window closing": the customer's window closes within this.
pub const CLOSING_WITHIN: Duration = Duration::hours(2);
/// Index entries one request looks at at most while filtering or
/// searching: a rare match in a long queue answers a shorter page with a
/// cursor to go on from, in bounded time.
const SCAN_BUDGET: usize = 5_000;
/// Entries read per round trip while filtering.
const SCAN_BATCH: usize = 256;

/// What a page of the queue asks for.
#[derive(Debug, Clone, Default)]
pub struct PageQuery {
    pub status: Option<CaseStatus>,
    pub team: Option<String>,
    /// Search: case id, customer name, words of the customer's text.
    pub q: Option<String>,
    pub lang: Option<String>,
    pub channel: Option<String>,
    pub kind: Option<String>,
    pub overdue: bool,
    pub window_closing: bool,
    pub limit: usize,
    /// The previous page's `next_cursor`.
    pub cursor: Option<u64>,
}

/// One page of the queue.
#[derive(Debug, Clone)]
pub struct Page {
    pub cases: Vec<CaseView>,
    /// Where the next page starts; `None` at the end.
    pub next_cursor: Option<String>,
    /// The matching cases, from kept counts; `None` when a search or more
    /// than one filter makes that a count of the whole queue.
    pub total: Option<u64>,
}

pub fn encode_cursor(score: u64) -> String {
    format!("{score:x}")
}

pub fn decode_cursor(s: &str) -> Option<u64> {
    u64::from_str_radix(s, 16).ok().filter(|v| *v < 1 << 53)
}

/// The set a page walks, its bounds, and the sets an entry must be in besides.
struct Plan {
    driver: String,
    after: Option<u64>,
    upto: Option<u64>,
    also: Vec<String>,
    q: Option<String>,
}

impl PageQuery {
    fn plan(&self, now: DateTime<Utc>, grace: Duration) -> Plan {
        let mut sets: Vec<String> = Vec::new();
        if let Some(k) = &self.kind {
            sets.push(queue::kind_set(k));
        }
        if let Some(l) = &self.lang {
            sets.push(queue::language_set(l));
        }
        if let Some(c) = &self.channel {
            sets.push(queue::channel_set(c));
        }
        if let Some(s) = self.status {
            sets.push(queue::status_set(s));
        }
        let q = self.q.as_deref().map(fold).filter(|q| !q.is_empty());
        let (driver, after, upto) = if self.overdue {
            (queue::DUE.to_string(), None, Some(time_bound(now - grace - Duration::milliseconds(1))))
        } else if self.window_closing {
            (queue::WINDOW.to_string(), Some(time_bound(now)), Some(time_bound(now + CLOSING_WITHIN)))
        } else if !sets.is_empty() {
            (sets.remove(0), None, None)
        } else {
            (queue::ALL.to_string(), None, None)
        };
        // Both time filters: the window one is checked on each entry.
        if self.overdue && self.window_closing {
            sets.push(queue::WINDOW.to_string());
        }
        Plan { driver, after, upto, also: sets, q }
    }

    /// Does a case as it is now (its record) still match? The indexes are
    /// written after the record: a case that changed a moment ago is
    /// checked against the truth.
    fn admits(&self, v: &CaseView, now: DateTime<Utc>) -> bool {
        self.status.is_none_or(|s| v.status == s)
            && v.status != CaseStatus::Resolved
            && self.admits_fields(v)
            && (!self.overdue || v.overdue)
            && (!self.window_closing
                || v.awaiting_reply && v.window_closes_at.is_some_and(|c| c > now && c <= now + CLOSING_WITHIN))
    }

    /// Language, channel and kind.
    fn admits_fields(&self, v: &CaseView) -> bool {
        self.lang.as_ref().is_none_or(|l| v.language.as_ref() == Some(l))
            && self.channel.as_ref().is_none_or(|c| v.channel == *c)
            && self.kind.as_ref().is_none_or(|k| v.kind == *k)
    }
}

/// What a team's walk found: matches (id, score) and how far it looked
/// (`None`: to the end of the set).
struct Walk {
    found: Vec<(u64, u64)>,
    looked_upto: Option<u64>,
}

impl Care {
    /// The teams a listing without `team` covers: the playbook's and any
    /// that still has indexed cases.
    async fn queue_teams(&self) -> Result<Vec<String>, CareError> {
        let mut teams: Vec<String> = self.core.current().playbook.teams.iter().map(|t| t.id.to_string()).collect();
        for t in self.store.queue_teams().await? {
            if !teams.contains(&t) {
                teams.push(t);
            }
        }
        Ok(teams)
    }

    /// One page of the open cases in queue order (urgent first, then by due
    /// time), filtered and searched, from the indexes.
    pub async fn page(&self, query: &PageQuery) -> Result<Page, CareError> {
        let now = self.clock.now();
        let limit = query.limit.clamp(1, MAX_LIMIT);
        let plan = query.plan(now, self.grace);
        let teams = match &query.team {
            Some(t) => vec![t.clone()],
            None => self.queue_teams().await?,
        };
        let mut found: Vec<(u64, String, u64)> = Vec::new();
        let mut frontier: Option<u64> = None;
        for team in &teams {
            let walk = self.walk(team, &plan, query.cursor, limit).await?;
            if let Some(l) = walk.looked_upto {
                frontier = Some(frontier.map_or(l, |f: u64| f.min(l)));
            }
            found.extend(walk.found.into_iter().map(|(id, score)| (id, team.clone(), score)));
        }
        found.sort_by_key(|(_, _, score)| *score);
        // Past a team's frontier another team may still hold unseen matches.
        found.retain(|(_, _, score)| frontier.is_none_or(|f| *score <= f));
        let more = found.len() > limit || frontier.is_some();
        found.truncate(limit);
        let next_cursor = match (more, found.last()) {
            (false, _) => None,
            (true, Some((_, _, score))) if found.len() == limit => Some(encode_cursor(*score)),
            // A short page: the walk stopped at its budget.
            (true, _) => frontier.map(encode_cursor),
        };
        let cases = self.views_of(&found, query, now).await?;
        let total = self.total(&teams, &plan).await?;
        Ok(Page { cases, next_cursor, total })
    }

    /// A page of the most recently resolved cases (at most
    /// [`super::care::RESOLVED_SHOWN`], newest first), filtered and searched
    /// over their views; the cursor is a position in that list.
    pub async fn page_resolved(&self, query: &PageQuery) -> Result<Page, CareError> {
        let limit = query.limit.clamp(1, MAX_LIMIT);
        let q = query.q.as_deref().map(fold).filter(|q| !q.is_empty());
        let all = self.list(StatusFilter::Resolved, query.team.as_deref()).await?;
        let hits: Vec<CaseView> = all
            .into_iter()
            // Nothing resolved is overdue or has a window closing.
            .filter(|v| query.admits_fields(v) && !query.overdue && !query.window_closing)
            .filter(|v| {
                q.as_ref().is_none_or(|q| {
                    let text = v.last_customer_message.as_ref().map_or("", |l| l.text.as_str());
                    let name = v.customer.name.as_deref().unwrap_or_default();
                    matches(&fold(&format!("{} {name} {text}", v.id)), q)
                })
            })
            .collect();
        let start = query.cursor.unwrap_or(0) as usize;
        let total = hits.len() as u64;
        let cases: Vec<CaseView> = hits.into_iter().skip(start).take(limit).collect();
        let end = start + cases.len();
        let next_cursor = (end < total as usize).then(|| encode_cursor(end as u64));
        Ok(Page { cases, next_cursor, total: Some(total) })
    }

    /// Walks `team`'s driver set after `cursor` until `limit` entries match.
    async fn walk(&self, team: &str, plan: &Plan, cursor: Option<u64>, limit: usize) -> Result<Walk, CareError> {
        let mut after = match (cursor, plan.after) {
            (Some(c), Some(a)) => Some(c.max(a)),
            (c, a) => c.or(a),
        };
        let filtered = !plan.also.is_empty() || plan.q.is_some();
        let mut found = Vec::new();
        let mut looked = 0;
        loop {
            let batch = if filtered { SCAN_BATCH } else { limit - found.len() };
            let ids = self.store.queue_range(team, &plan.driver, after, plan.upto, batch).await?;
            let Some(&(_, last)) = ids.last() else { return Ok(Walk { found, looked_upto: None }) };
            let end = ids.len() < batch;
            looked += ids.len();
            if !filtered {
                found.extend(ids);
            } else {
                let only: Vec<u64> = ids.iter().map(|(id, _)| *id).collect();
                let entries = self.store.queue_entries(team, &only).await?;
                for ((id, score), entry) in ids.into_iter().zip(entries) {
                    let Some(e) = entry else { continue };
                    let hit =
                        plan.also.iter().all(|s| e.is_in(s)) && plan.q.as_ref().is_none_or(|q| matches(&e.search, q));
                    if hit {
                        found.push((id, score));
                        if found.len() == limit {
                            return Ok(Walk { looked_upto: Some(score), found });
                        }
                    }
                }
            }
            if found.len() >= limit {
                let upto = found.last().map(|f| f.1);
                return Ok(Walk { found, looked_upto: upto });
            }
            if end {
                return Ok(Walk { found, looked_upto: None });
            }
            if looked >= SCAN_BUDGET {
                return Ok(Walk { found, looked_upto: Some(last) });
            }
            after = Some(last);
        }
    }

    /// The views of the cases found, from their records; an entry whose
    /// record is gone leaves the indexes.
    async fn views_of(
        &self,
        found: &[(u64, String, u64)],
        query: &PageQuery,
        now: DateTime<Utc>,
    ) -> Result<Vec<CaseView>, CareError> {
        let ids: Vec<u64> = found.iter().map(|(id, _, _)| *id).collect();
        let places = self.store.case_locations(&ids).await?;
        let keys: Vec<_> = places.iter().flatten().cloned().collect();
        let records = self.store.load_many(&keys).await?;
        let engine = self.core.current();
        let mut records = records.into_iter();
        let mut views = Vec::with_capacity(found.len());
        for (id, place) in ids.iter().zip(&places) {
            let conv = match place {
                Some(_) => records.next().flatten(),
                None => None,
            };
            let Some(conv) = conv else {
                self.store.queue_remove(*id).await?;
                continue;
            };
            let Some(case) = conv.find_case(*id) else { continue };
            let view = CaseView::build(&conv, case, &engine, now, self.grace, false);
            if query.admits(&view, now) {
                views.push(view);
            }
        }
        Ok(views)
    }

    /// The matching cases from kept counts, where one set holds them all.
    async fn total(&self, teams: &[String], plan: &Plan) -> Result<Option<u64>, CareError> {
        if !plan.also.is_empty() || plan.q.is_some() {
            return Ok(None);
        }
        let mut total = 0;
        for t in teams {
            total += self.store.queue_count(t, &plan.driver, plan.after, plan.upto).await?;
        }
        Ok(Some(total))
    }

    /// The cases that may have come due (past due + grace, not raised) or
    /// whose window may have closed unanswered, from the indexes: what the
    /// overdue watcher then checks on each record. Costs what came due.
    pub async fn come_due(&self) -> Result<Vec<u64>, CareError> {
        let now = self.clock.now();
        let mut ids = Vec::new();
        for team in self.queue_teams().await? {
            let due = time_bound(now - self.grace);
            ids.extend(self.store.queue_range(&team, queue::ALERT, None, Some(due), usize::MAX >> 1).await?);
            ids.extend(
                self.store.queue_range(&team, queue::WINDOW, None, Some(time_bound(now)), usize::MAX >> 1).await?,
            );
            // Entries whose records expired.
            let gone = self.store.queue_range(&team, queue::EXPIRES, None, Some(now_ms()), 1000).await?;
            for (id, _) in gone {
                self.store.queue_remove(id).await?;
            }
        }
        let mut seen = HashSet::new();
        Ok(ids.into_iter().map(|(id, _)| id).filter(|id| seen.insert(*id)).collect())
    }

    /// Per team: waiting cases, the oldest waiting one's opening, overdue
    /// cases; from kept counts (a few commands per team, whatever the queue's length).
    pub async fn queue_counts(&self) -> Result<Vec<TeamCounts>, CareError> {
        let now = self.clock.now();
        let mut out = Vec::new();
        for team in self.queue_teams().await? {
            let waiting = self.store.queue_count(&team, &queue::status_set(CaseStatus::Waiting), None, None).await?;
            let oldest = self.store.queue_range(&team, queue::AGE, None, None, 1).await?;
            let due = time_bound(now - self.grace - Duration::milliseconds(1));
            let overdue = self.store.queue_count(&team, queue::DUE, None, Some(due)).await?;
            out.push(TeamCounts {
                team,
                waiting,
                oldest_waiting: oldest.first().map(|(_, s)| queue::time_of(*s)),
                overdue,
            });
        }
        Ok(out)
    }

    /// Indexes the open cases the store lists but the queue's indexes do not
    /// hold (a store written by a version before them); answers how many.
    pub async fn migrate_queue(&self) -> Result<usize, CareError> {
        let places = self.store.case_ids(true, 0).await?;
        let mut indexed: HashSet<u64> = HashSet::new();
        for team in self.queue_teams().await? {
            let mut after = None;
            loop {
                let ids = self.store.queue_range(&team, queue::ALL, after, None, 1000).await?;
                let Some(&(_, last)) = ids.last() else { break };
                indexed.extend(ids.iter().map(|(id, _)| *id));
                after = Some(last);
            }
        }
        let mut keys: Vec<_> = places.iter().filter(|(id, _)| !indexed.contains(id)).map(|(_, k)| k.clone()).collect();
        keys.sort();
        keys.dedup();
        let mut moved = 0;
        for chunk in keys.chunks(64) {
            for conv in self.store.load_many(chunk).await?.into_iter().flatten() {
                if conv.case.as_ref().is_some_and(|c| c.is_open()) {
                    self.store.queue_index(&conv).await?;
                    moved += 1;
                }
            }
        }
        Ok(moved)
    }
}

/// One team's queue in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamCounts {
    pub team: String,
    pub waiting: u64,
    pub oldest_waiting: Option<DateTime<Utc>>,
    pub overdue: u64,
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A status filter of the old listing as a page's status.
pub fn page_status(filter: StatusFilter) -> Option<CaseStatus> {
    match filter {
        StatusFilter::Waiting => Some(CaseStatus::Waiting),
        StatusFilter::Claimed => Some(CaseStatus::Claimed),
        StatusFilter::Open | StatusFilter::Resolved => None,
    }
}

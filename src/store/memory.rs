//! `MemoryStore`: the store inside the process, for `chat` and for `serve`
//! without Redis. Same behaviour as Redis (consumer group, pending entries,
//! reclaim, retention); nothing survives a restart.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

mod escalation;

use super::queue::{self, QueueEntry, TeamIndex};
use super::{conversation_id, QueueChange, Store, StoreResult, StreamEntry};
use crate::channels::{BoxFuture, ConversationKey, Event};
use crate::service::conversation::Conversation;

#[derive(Debug, Default)]
struct Log {
    next: u64,
    entries: BTreeMap<u64, String>,
    /// The highest id handed out to the group.
    delivered_upto: u64,
    /// id -> (consumer, last delivery, deliveries)
    pending: BTreeMap<u64, (String, Instant, u64)>,
    dead: Vec<(String, String, String)>,
}

/// The case indexes.
#[derive(Debug, Default)]
struct Cases {
    seq: u64,
    location: HashMap<u64, ConversationKey>,
    open: BTreeSet<u64>,
    /// (resolved at, id)
    resolved: BTreeSet<(i64, u64)>,
}

/// The care queue's indexes and each team's stream of changes.
#[derive(Debug, Default)]
struct Queue {
    teams: HashMap<String, TeamIndex>,
    team_of: HashMap<u64, String>,
    seq: u64,
    /// Per team: (change number, case id), oldest first, at most QUEUE_CHANGES_KEPT.
    changes: HashMap<String, VecDeque<(u64, u64)>>,
}

impl Queue {
    fn announce(&mut self, team: &str, id: u64) {
        self.seq += 1;
        let seq = self.seq;
        let log = self.changes.entry(team.to_string()).or_default();
        log.push_back((seq, id));
        while log.len() > super::QUEUE_CHANGES_KEPT {
            log.pop_front();
        }
    }

    fn remove(&mut self, id: u64) {
        if let Some(team) = self.team_of.remove(&id) {
            if let Some(ix) = self.teams.get_mut(&team) {
                ix.remove(id);
            }
            self.announce(&team, id);
        }
    }
}

/// The in-process store. A std `Mutex`: no lock is held across an await.
#[derive(Debug)]
pub struct MemoryStore {
    log: Mutex<Log>,
    conversations: Mutex<HashMap<String, (String, Instant)>>,
    locks: Mutex<HashMap<String, (String, Instant)>>,
    cases: Mutex<Cases>,
    queue: Mutex<Queue>,
    arrived: Notify,
    changed: Notify,
    retention: Duration,
    escalations: Mutex<escalation::EscalationState>,
}

impl MemoryStore {
    pub fn new(retention: Duration) -> Self {
        Self {
            log: Mutex::default(),
            conversations: Mutex::default(),
            locks: Mutex::default(),
            cases: Mutex::default(),
            queue: Mutex::default(),
            arrived: Notify::new(),
            changed: Notify::new(),
            retention,
            escalations: Mutex::default(),
        }
    }

    fn lock_log(&self) -> std::sync::MutexGuard<'_, Log> {
        // A panic while holding the lock leaves plain data behind; keep going.
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self, conversation: &Conversation) {
        // The JSON round trip keeps both stores equally strict.
        let json = serde_json::to_string(conversation).unwrap_or_default();
        let id = conversation_id(&conversation.key);
        self.conversations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, (json, Instant::now() + self.retention));
        self.index(conversation);
    }

    fn lock_queue(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The queue's part of every write: see [`Store::queue_index`].
    fn index(&self, conversation: &Conversation) {
        let Some(mut entry) = queue::entry_of(conversation) else { return };
        let expires = now_ms().saturating_add(self.retention.as_millis() as u64);
        entry.sets.push((queue::EXPIRES.to_string(), expires));
        let (id, team) = (entry.id, entry.team.clone());
        {
            let mut q = self.lock_queue();
            if q.team_of.get(&id).is_some_and(|t| *t != team) {
                q.remove(id);
            }
            q.team_of.insert(id, team.clone());
            q.teams.entry(team.clone()).or_default().upsert(entry);
            q.announce(&team, id);
        }
        self.changed.notify_waiters();
    }

    fn changes_after(&self, team: &str, after: Option<u64>, count: usize) -> Vec<QueueChange> {
        let q = self.lock_queue();
        let Some(log) = q.changes.get(team) else { return Vec::new() };
        let after = after.unwrap_or(q.seq);
        log.iter()
            .filter(|(seq, _)| *seq > after)
            .take(count)
            .map(|(seq, case)| QueueChange { id: format!("{seq}-0"), case: *case })
            .collect()
    }

    fn take_new(&self, consumer: &str, count: usize) -> Vec<StreamEntry> {
        let mut log = self.lock_log();
        let from = log.delivered_upto;
        let ids: Vec<u64> = log.entries.range(from + 1..).take(count).map(|(id, _)| *id).collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            log.delivered_upto = id;
            log.pending.insert(id, (consumer.to_string(), Instant::now(), 1));
            out.push(entry(id, &log.entries[&id], 1));
        }
        out
    }
}

fn entry(id: u64, json: &str, deliveries: u64) -> StreamEntry {
    StreamEntry {
        id: format!("{id}-0"),
        event: serde_json::from_str::<Event>(json).map_err(|e| e.to_string()),
        deliveries,
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

fn parse_id(id: &str) -> Option<u64> {
    id.split('-').next()?.parse().ok()
}

impl Store for MemoryStore {
    fn kind(&self) -> &'static str {
        "memory"
    }

    fn escalations(&self) -> &dyn super::escalation::Escalations {
        self
    }

    fn ping(&self) -> BoxFuture<'_, StoreResult<()>> {
        Box::pin(async { Ok(()) })
    }

    fn append<'a>(&'a self, events: &'a [Event]) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            {
                let mut log = self.lock_log();
                for e in events {
                    log.next += 1;
                    let id = log.next;
                    // Serialising our own types cannot fail.
                    let json = serde_json::to_string(e).unwrap_or_default();
                    log.entries.insert(id, json);
                }
            }
            self.arrived.notify_waiters();
            Ok(())
        })
    }

    fn read_new<'a>(
        &'a self,
        consumer: &'a str,
        count: usize,
        block: Duration,
    ) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>> {
        Box::pin(async move {
            let deadline = tokio::time::Instant::now() + block;
            loop {
                // Register interest before looking, so an append between the
                // look and the wait is not missed.
                let notified = self.arrived.notified();
                let got = self.take_new(consumer, count);
                if !got.is_empty() {
                    return Ok(got);
                }
                if tokio::time::timeout_at(deadline, notified).await.is_err() {
                    return Ok(Vec::new());
                }
            }
        })
    }

    fn read_pending<'a>(&'a self, consumer: &'a str, count: usize) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>> {
        Box::pin(async move {
            let mut log = self.lock_log();
            let ids: Vec<u64> =
                log.pending.iter().filter(|(_, (c, _, _))| c == consumer).map(|(id, _)| *id).take(count).collect();
            let mut out = Vec::new();
            for id in ids {
                let Some(json) = log.entries.get(&id).cloned() else { continue };
                let p = log.pending.get_mut(&id).expect("listed above");
                p.1 = Instant::now();
                p.2 += 1;
                out.push(entry(id, &json, p.2));
            }
            Ok(out)
        })
    }

    fn claim_stale<'a>(
        &'a self,
        consumer: &'a str,
        min_idle: Duration,
        count: usize,
    ) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>> {
        Box::pin(async move {
            let mut log = self.lock_log();
            let now = Instant::now();
            let ids: Vec<u64> = log
                .pending
                .iter()
                .filter(|(_, (_, at, _))| now.duration_since(*at) >= min_idle)
                .map(|(id, _)| *id)
                .take(count)
                .collect();
            let mut out = Vec::new();
            for id in ids {
                let Some(json) = log.entries.get(&id).cloned() else { continue };
                let p = log.pending.get_mut(&id).expect("listed above");
                *p = (consumer.to_string(), now, p.2 + 1);
                out.push(entry(id, &json, p.2));
            }
            Ok(out)
        })
    }

    fn ack<'a>(&'a self, ids: &'a [String]) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut log = self.lock_log();
            for id in ids.iter().filter_map(|i| parse_id(i)) {
                log.pending.remove(&id);
                log.entries.remove(&id);
            }
            Ok(())
        })
    }

    fn dead_letter<'a>(&'a self, entry_id: &'a str, reason: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut log = self.lock_log();
            if let Some(id) = parse_id(entry_id) {
                let raw = log.entries.remove(&id).unwrap_or_default();
                log.pending.remove(&id);
                log.dead.push((entry_id.to_string(), raw, reason.to_string()));
            }
            Ok(())
        })
    }

    fn backlog(&self) -> BoxFuture<'_, StoreResult<u64>> {
        Box::pin(async move { Ok(self.lock_log().entries.len() as u64) })
    }

    fn load<'a>(&'a self, key: &'a ConversationKey) -> BoxFuture<'a, StoreResult<Option<Conversation>>> {
        Box::pin(async move {
            let id = conversation_id(key);
            let mut map = self.conversations.lock().unwrap_or_else(|e| e.into_inner());
            let Some((json, expires)) = map.get(&id) else { return Ok(None) };
            if *expires <= Instant::now() {
                map.remove(&id);
                return Ok(None);
            }
            serde_json::from_str(json)
                .map(Some)
                .map_err(|e| super::StoreError::Decode { what: format!("conversation {id}"), reason: e.to_string() })
        })
    }

    fn load_many<'a>(&'a self, keys: &'a [ConversationKey]) -> BoxFuture<'a, StoreResult<Vec<Option<Conversation>>>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                out.push(self.load(k).await?);
            }
            Ok(out)
        })
    }

    fn save<'a>(&'a self, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            self.write(conversation);
            Ok(())
        })
    }

    fn try_lock<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<bool>> {
        Box::pin(async move {
            let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
            let id = conversation_id(key);
            let now = Instant::now();
            if locks.get(&id).is_some_and(|(held, until)| *until > now && !super::supersedes(token, held)) {
                return Ok(false);
            }
            locks.insert(id, (token.to_string(), now + ttl));
            Ok(true)
        })
    }

    fn extend_lock<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<bool>> {
        Box::pin(async move {
            let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            match locks.get_mut(&conversation_id(key)) {
                Some((held, until)) if held == token && *until > now => {
                    *until = now + ttl;
                    Ok(true)
                }
                _ => Ok(false),
            }
        })
    }

    fn unlock<'a>(&'a self, key: &'a ConversationKey, token: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
            let id = conversation_id(key);
            if locks.get(&id).is_some_and(|(t, _)| t == token) {
                locks.remove(&id);
            }
            Ok(())
        })
    }

    fn finish<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        record: Option<&'a Conversation>,
        ack: Option<&'a str>,
    ) -> BoxFuture<'a, StoreResult<bool>> {
        Box::pin(async move {
            let ours = {
                let mut locks = self.locks.lock().unwrap_or_else(|e| e.into_inner());
                let id = conversation_id(key);
                let theirs = locks.get(&id).is_some_and(|(held, until)| held != token && *until > Instant::now());
                if !theirs {
                    // Written before the lock is freed, as on Redis.
                    if let Some(r) = record {
                        self.write(r);
                    }
                    locks.remove(&id);
                }
                !theirs
            };
            if let Some(entry) = ack {
                self.ack(&[entry.to_string()]).await?;
            }
            Ok(ours)
        })
    }

    fn next_case_id(&self) -> BoxFuture<'_, StoreResult<u64>> {
        Box::pin(async move {
            let mut cases = self.cases.lock().unwrap_or_else(|e| e.into_inner());
            cases.seq += 1;
            Ok(cases.seq)
        })
    }

    fn index_case<'a>(
        &'a self,
        id: u64,
        key: &'a ConversationKey,
        resolved_at_ms: Option<i64>,
    ) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut cases = self.cases.lock().unwrap_or_else(|e| e.into_inner());
            cases.location.insert(id, key.clone());
            match resolved_at_ms {
                None => {
                    cases.open.insert(id);
                }
                Some(at) => {
                    cases.open.remove(&id);
                    self.lock_queue().remove(id);
                    self.changed.notify_waiters();
                    cases.resolved.retain(|(_, i)| *i != id);
                    cases.resolved.insert((at, id));
                    while cases.resolved.len() > super::RESOLVED_CASES_LISTED {
                        if let Some((_, old)) = cases.resolved.pop_first() {
                            cases.location.remove(&old);
                        }
                    }
                }
            }
            Ok(())
        })
    }

    fn case_location(&self, id: u64) -> BoxFuture<'_, StoreResult<Option<ConversationKey>>> {
        Box::pin(async move { Ok(self.cases.lock().unwrap_or_else(|e| e.into_inner()).location.get(&id).cloned()) })
    }

    fn case_ids(&self, open: bool, limit: usize) -> BoxFuture<'_, StoreResult<Vec<(u64, ConversationKey)>>> {
        Box::pin(async move {
            let cases = self.cases.lock().unwrap_or_else(|e| e.into_inner());
            let ids: Vec<u64> = if open {
                cases.open.iter().copied().collect()
            } else {
                cases.resolved.iter().rev().take(limit).map(|(_, id)| *id).collect()
            };
            Ok(ids.into_iter().filter_map(|id| Some((id, cases.location.get(&id)?.clone()))).collect())
        })
    }

    fn queue_index<'a>(&'a self, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            self.index(conversation);
            Ok(())
        })
    }

    fn queue_remove(&self, id: u64) -> BoxFuture<'_, StoreResult<()>> {
        Box::pin(async move {
            self.lock_queue().remove(id);
            self.changed.notify_waiters();
            Ok(())
        })
    }

    fn queue_range<'a>(
        &'a self,
        team: &'a str,
        set: &'a str,
        after: Option<u64>,
        upto: Option<u64>,
        count: usize,
    ) -> BoxFuture<'a, StoreResult<Vec<(u64, u64)>>> {
        Box::pin(async move {
            let q = self.lock_queue();
            Ok(q.teams.get(team).map(|ix| ix.range(set, after, upto, count)).unwrap_or_default())
        })
    }

    fn queue_count<'a>(
        &'a self,
        team: &'a str,
        set: &'a str,
        after: Option<u64>,
        upto: Option<u64>,
    ) -> BoxFuture<'a, StoreResult<u64>> {
        Box::pin(async move {
            let q = self.lock_queue();
            Ok(q.teams.get(team).map_or(0, |ix| ix.count(set, after, upto)))
        })
    }

    fn queue_entries<'a>(
        &'a self,
        team: &'a str,
        ids: &'a [u64],
    ) -> BoxFuture<'a, StoreResult<Vec<Option<QueueEntry>>>> {
        Box::pin(async move {
            let q = self.lock_queue();
            let ix = q.teams.get(team);
            Ok(ids.iter().map(|id| ix.and_then(|ix| ix.entry(*id)).cloned()).collect())
        })
    }

    fn queue_teams(&self) -> BoxFuture<'_, StoreResult<Vec<String>>> {
        Box::pin(async move {
            let mut teams: Vec<String> = self.lock_queue().teams.keys().cloned().collect();
            teams.sort();
            Ok(teams)
        })
    }

    fn queue_changes_head<'a>(&'a self, team: &'a str) -> BoxFuture<'a, StoreResult<String>> {
        Box::pin(async move {
            let q = self.lock_queue();
            let newest = q.changes.get(team).and_then(|log| log.back()).map_or(0, |(seq, _)| *seq);
            Ok(format!("{newest}-0"))
        })
    }

    fn queue_changes<'a>(
        &'a self,
        team: &'a str,
        after: Option<&'a str>,
        count: usize,
        block: Option<Duration>,
    ) -> BoxFuture<'a, StoreResult<Vec<QueueChange>>> {
        Box::pin(async move {
            let mut after = after.and_then(parse_id);
            if after.is_none() {
                after = Some(self.lock_queue().seq);
            }
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let found = self.changes_after(team, after, count);
            match block {
                Some(wait) if found.is_empty() => {
                    let _ = tokio::time::timeout(wait, notified).await;
                    Ok(self.changes_after(team, after, count))
                }
                _ => Ok(found),
            }
        })
    }
}

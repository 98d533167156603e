//! `RedisStore`: the production store. Events go to one Redis stream read by
//! a consumer group; each conversation is one JSON record under a key whose
//! hash tag is the conversation, so every key of a conversation shares a
//! Redis Cluster slot.
//!
//! Keys (prefix `ah` by default):
//! - `ah:events`: the event stream, consumer group `workers`;
//! - `ah:dead`: entries that could not be read back, kept for a person
//!   (at most [`DEAD_LETTERS_KEPT`], for RETENTION_DAYS; `afterhours dead`
//!   lists, replays and purges them);
//! - `ah:{c:<channel>:<account>:<customer>}:conv`: the conversation record
//!   (`:`, `%`, braces and spaces inside an id are percent-escaped, so ids
//!   never run into each other; records written before are moved on start);
//! - `ah:{c:<channel>:<account>:<customer>}:lock`: who is handling it now;
//! - `ah:case-seq`: the last case number;
//! - `ah:cases:where`: case number -> conversation;
//! - `ah:cases:open` (by number), `ah:cases:resolved` (by resolution time):
//!   the case indexes. Each command touches one key, so all of this runs
//!   unchanged on Redis Cluster;
//! - the care queue's indexes ([`super::queue`]), per team under the team's
//!   hash tag: `ah:{q:<team>}:<set>` sorted sets (`all`, `st:waiting`,
//!   `lang:de`, `ch:whatsapp`, `kind:urgent`, `due`, `alert`, `window`,
//!   `age`, `promised`, `exp`), `ah:{q:<team>}:entries` (case id -> its
//!   entry, JSON) and `ah:{q:<team>}:changes`, the team's stream of case
//!   changes (capped at [`super::QUEUE_CHANGES_KEPT`]); `ah:cases:team`
//!   (case id -> team) and `ah:queue:teams`. One script per change keeps a
//!   team's keys consistent, in one slot.

use std::time::Duration;

use redis::aio::{ConnectionLike, ConnectionManager, ConnectionManagerConfig};
use redis::cluster::ClusterClient;
use redis::cluster_async::ClusterConnection;
use redis::streams::{StreamAutoClaimReply, StreamId, StreamReadReply};
use redis::{AsyncCommands, Value};
use redis::{Cmd, Pipeline, RedisFuture};
use tokio::sync::Mutex;

mod escalation;

use super::queue::{self, QueueEntry};
use super::{conversation_id, key_part, QueueChange, Store, StoreError, StoreResult, StreamEntry};
use crate::channels::{BoxFuture, ConversationKey, Event};
use crate::service::conversation::Conversation;

const GROUP: &str = "workers";
/// Dead letters kept at most (about: Redis trims whole nodes); they also
/// expire after RETENTION_DAYS.
pub const DEAD_LETTERS_KEPT: usize = 10_000;
/// The field of a stream entry that holds the event's JSON.
const FIELD: &str = "e";

/// Every key name, from one prefix.
#[derive(Debug, Clone)]
pub struct Keys {
    prefix: String,
}

impl Keys {
    pub fn new(prefix: &str) -> Self {
        Self { prefix: prefix.to_string() }
    }

    pub fn events(&self) -> String {
        format!("{}:events", self.prefix)
    }

    pub fn dead(&self) -> String {
        format!("{}:dead", self.prefix)
    }

    /// `ah:{c:messenger:PAGE:PSID}:conv`: the braces are the Cluster hash tag.
    pub fn conversation(&self, key: &ConversationKey) -> String {
        format!("{}:{{c:{}}}:conv", self.prefix, conversation_id(key))
    }

    /// In the conversation's slot, beside its record.
    pub fn lock(&self, key: &ConversationKey) -> String {
        format!("{}:{{c:{}}}:lock", self.prefix, conversation_id(key))
    }

    pub fn case_seq(&self) -> String {
        format!("{}:case-seq", self.prefix)
    }

    pub fn case_where(&self) -> String {
        format!("{}:cases:where", self.prefix)
    }

    pub fn cases(&self, open: bool) -> String {
        format!("{}:cases:{}", self.prefix, if open { "open" } else { "resolved" })
    }

    /// The start of every key of a team's queue: `ah:{q:benelux}:`.
    pub fn queue(&self, team: &str) -> String {
        format!("{}:{{q:{}}}:", self.prefix, key_part(team))
    }

    pub fn case_team(&self) -> String {
        format!("{}:cases:team", self.prefix)
    }

    pub fn queue_teams(&self) -> String {
        format!("{}:queue:teams", self.prefix)
    }
}

/// One Redis server (reconnecting by itself), or a Redis Cluster (routing
/// each command to the node of its key's slot).
#[derive(Clone)]
enum Conn {
    Single(ConnectionManager),
    Cluster(ClusterConnection),
}

impl ConnectionLike for Conn {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a Cmd) -> RedisFuture<'a, Value> {
        match self {
            Conn::Single(c) => c.req_packed_command(cmd),
            Conn::Cluster(c) => c.req_packed_command(cmd),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        pipeline: &'a Pipeline,
        offset: usize,
        count: usize,
    ) -> RedisFuture<'a, Vec<Value>> {
        match self {
            Conn::Single(c) => c.req_packed_commands(pipeline, offset, count),
            Conn::Cluster(c) => c.req_packed_commands(pipeline, offset, count),
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Conn::Single(c) => c.get_db(),
            Conn::Cluster(c) => c.get_db(),
        }
    }
}

/// Opens more connections: each team's stream reader blocks on one of its own.
#[derive(Clone)]
enum Opener {
    Single(redis::Client),
    Cluster(Vec<String>),
}

impl Opener {
    async fn open(&self) -> StoreResult<Conn> {
        Ok(match self {
            Opener::Single(client) => {
                let config = ConnectionManagerConfig::new()
                    .set_connection_timeout(Some(Duration::from_secs(2)))
                    .set_response_timeout(Some(MAX_BLOCK + Duration::from_secs(2)))
                    .set_number_of_retries(2)
                    .set_max_delay(Duration::from_millis(500));
                Conn::Single(client.get_connection_manager_with_config(config).await?)
            }
            Opener::Cluster(seeds) => Conn::Cluster(
                ClusterClient::builder(seeds.clone())
                    .connection_timeout(Duration::from_secs(2))
                    .response_timeout(MAX_BLOCK + Duration::from_secs(2))
                    .retries(3)
                    .build()?
                    .get_async_connection()
                    .await?,
            ),
        })
    }
}

pub struct RedisStore {
    conn: Conn,
    opener: Opener,
    /// Per team, the connection its stream reader blocks on.
    change_readers: Mutex<std::collections::HashMap<String, Conn>>,
    /// Blocking reads get their own connection: a blocked XREADGROUP would
    /// hold up every command queued behind it on a shared one.
    reader: Mutex<Conn>,
    keys: Keys,
    retention: Duration,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore").field("keys", &self.keys).field("retention", &self.retention).finish()
    }
}

/// How long a blocking read may wait at most; the reader connection's
/// response timeout is set above it.
pub const MAX_BLOCK: Duration = Duration::from_secs(2);

/// Case ids read per round trip when listing the open cases.
const IDS_PER_PAGE: usize = 256;

impl RedisStore {
    /// A lock script over the conversation's lock key (KEYS[1]) with the
    /// token (ARGV[1]) and the expiry in ms (ARGV[2]).
    fn lock_call<'s>(
        &self,
        script: &'s redis::Script,
        key: &ConversationKey,
        token: &str,
        ttl: Duration,
    ) -> redis::ScriptInvocation<'s> {
        let mut call = script.key(self.keys.lock(key));
        call.arg(token).arg(ttl.as_millis().max(1) as u64);
        call
    }

    /// Connects and makes sure the stream and its consumer group exist.
    /// Several URLs separated by commas are the seed nodes of a Redis Cluster.
    pub async fn connect(url: &str, prefix: &str, retention: Duration) -> StoreResult<Self> {
        let seeds: Vec<&str> = url.split(',').map(str::trim).filter(|u| !u.is_empty()).collect();
        let (conn, reader, opener) = if seeds.len() > 1 {
            let cluster = |response: Duration| {
                ClusterClient::builder(seeds.clone())
                    .connection_timeout(Duration::from_secs(2))
                    .response_timeout(response)
                    .retries(3)
                    .build()
            };
            let conn = cluster(Duration::from_secs(2))?.get_async_connection().await?;
            let reader = cluster(MAX_BLOCK + Duration::from_secs(2))?.get_async_connection().await?;
            (Conn::Cluster(conn), Conn::Cluster(reader), Opener::Cluster(seeds.iter().map(|s| s.to_string()).collect()))
        } else {
            let client = redis::Client::open(url)?;
            let config = ConnectionManagerConfig::new()
                .set_connection_timeout(Some(Duration::from_secs(2)))
                .set_response_timeout(Some(Duration::from_secs(2)))
                .set_number_of_retries(2)
                .set_max_delay(Duration::from_millis(500));
            let conn = client.get_connection_manager_with_config(config.clone()).await?;
            let reader = client
                .get_connection_manager_with_config(
                    config.set_response_timeout(Some(MAX_BLOCK + Duration::from_secs(2))),
                )
                .await?;
            (Conn::Single(conn), Conn::Single(reader), Opener::Single(client))
        };
        let store = Self {
            conn,
            opener,
            change_readers: Mutex::default(),
            reader: Mutex::new(reader),
            keys: Keys::new(prefix),
            retention,
        };
        store.ensure_group().await?;
        let moved = store.migrate_unescaped_keys().await?;
        if moved > 0 {
            tracing::info!(moved, "conversation records moved to keys with escaped ids");
        }
        Ok(store)
    }

    /// Moves conversation records written under a key whose ids were not
    /// escaped (before `conversation_id` escaped them: an id holding `:`,
    /// a brace or a space) to their escaped key, keeping their expiry; a
    /// record already at its new key is not overwritten. Meta's ids (digits)
    /// have the same key either way, so this finds nothing on most stores and
    /// on every later start. One server only: on a Cluster SCAN sees one node.
    async fn migrate_unescaped_keys(&self) -> StoreResult<usize> {
        if let Conn::Cluster(_) = &self.conn {
            return Ok(0);
        }
        let mut conn = self.conn.clone();
        let (head, tail) = (format!("{}:{{c:", self.keys.prefix), "}:conv");
        let pattern = format!("{head}*{tail}");
        let (mut cursor, mut moved) = (0u64, 0usize);
        loop {
            let (next, names): (u64, Vec<String>) = redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(&pattern)
                .arg("COUNT")
                .arg(1000)
                .query_async(&mut conn)
                .await?;
            for name in names {
                let Some(inner) = name.strip_prefix(&head).and_then(|n| n.strip_suffix(tail)) else { continue };
                let unescaped = inner.matches(':').count() > 2 || inner.contains(['{', '}', ' ']);
                if !unescaped {
                    continue;
                }
                let (json, ttl_ms): (Option<String>, i64) =
                    redis::pipe().get(&name).pttl(&name).query_async(&mut conn).await?;
                let Some(json) = json else { continue };
                let key: Option<ConversationKey> = serde_json::from_str::<serde_json::Value>(&json)
                    .ok()
                    .and_then(|v| serde_json::from_value(v.get("key")?.clone()).ok());
                let Some(key) = key else {
                    tracing::warn!(key = %name, "a conversation record without a readable key: left where it is");
                    continue;
                };
                let target = self.keys.conversation(&key);
                if target == name {
                    continue;
                }
                let ttl_ms = if ttl_ms > 0 { ttl_ms } else { self.retention.as_millis().max(1) as i64 };
                let _: () = redis::pipe()
                    .atomic()
                    .cmd("SET")
                    .arg(&target)
                    .arg(&json)
                    .arg("PX")
                    .arg(ttl_ms)
                    .arg("NX")
                    .ignore()
                    .del(&name)
                    .ignore()
                    .query_async(&mut conn)
                    .await?;
                moved += 1;
            }
            if next == 0 {
                return Ok(moved);
            }
            cursor = next;
        }
    }

    async fn ensure_group(&self) -> StoreResult<()> {
        let mut conn = self.conn.clone();
        // From id 0: events appended before any worker ran are read too.
        let r: redis::RedisResult<()> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(self.keys.events())
            .arg(GROUP)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut conn)
            .await;
        match r {
            Err(e) if e.code() == Some("BUSYGROUP") => Ok(()),
            other => Ok(other?),
        }
    }

    /// Runs a group read; recreates the group if the stream vanished
    /// (a flushed Redis) and tries once more.
    async fn group_read(
        &self,
        consumer: &str,
        count: usize,
        block: Option<Duration>,
        from: &str,
    ) -> StoreResult<Vec<StreamEntry>> {
        for attempt in 0..2 {
            let mut cmd = redis::cmd("XREADGROUP");
            cmd.arg("GROUP").arg(GROUP).arg(consumer).arg("COUNT").arg(count);
            if let Some(b) = block {
                cmd.arg("BLOCK").arg(b.min(MAX_BLOCK).as_millis().max(1) as u64);
            }
            cmd.arg("STREAMS").arg(self.keys.events()).arg(from);
            let r: redis::RedisResult<Option<StreamReadReply>> = {
                let mut reader = self.reader.lock().await;
                cmd.query_async(&mut *reader).await
            };
            match r {
                Ok(reply) => {
                    let redelivered = from != ">";
                    return Ok(reply
                        .map(|r| {
                            r.keys.into_iter().flat_map(|k| k.ids).filter_map(|id| decode(id, redelivered)).collect()
                        })
                        .unwrap_or_default());
                }
                Err(e) if e.code() == Some("NOGROUP") && attempt == 0 => self.ensure_group().await?,
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Vec::new())
    }

    /// The dead letters, oldest first: id, then field -> value.
    pub async fn dead_letters(&self) -> StoreResult<Vec<DeadLetter>> {
        let mut conn = self.conn.clone();
        let r: redis::streams::StreamRangeReply = conn.xrange_all(self.keys.dead()).await?;
        Ok(r.ids
            .into_iter()
            .map(|id| {
                let text = |k: &str| match id.map.get(k) {
                    Some(Value::BulkString(b)) => String::from_utf8_lossy(b).into_owned(),
                    _ => String::new(),
                };
                DeadLetter { id: id.id.clone(), entry: text("entry"), reason: text("reason"), event: text(FIELD) }
            })
            .collect())
    }

    /// Removes dead letters (all when `ids` is empty); answers how many.
    pub async fn purge_dead_letters(&self, ids: &[String]) -> StoreResult<usize> {
        let mut conn = self.conn.clone();
        if ids.is_empty() {
            let n: usize = conn.xlen(self.keys.dead()).await?;
            let _: () = conn.del(self.keys.dead()).await?;
            return Ok(n);
        }
        Ok(conn.xdel(self.keys.dead(), ids).await?)
    }

    /// The queue's part of every write: see [`Store::queue_index`].
    async fn index_queue(&self, conversation: &Conversation) -> StoreResult<()> {
        let Some(mut entry) = queue::entry_of(conversation) else { return Ok(()) };
        let retention_ms = self.retention.as_millis().max(1) as u64;
        entry.sets.push((queue::EXPIRES.to_string(), now_ms().saturating_add(retention_ms)));
        let prefix = self.keys.queue(&entry.team);
        let json = serde_json::to_string(&entry).unwrap_or_default();
        let mut call = SCRIPTS.queue_upsert.key(format!("{prefix}entries"));
        call.key(format!("{prefix}changes"))
            .arg(entry.id)
            .arg(json)
            .arg(&prefix)
            .arg(super::QUEUE_CHANGES_KEPT)
            .arg(retention_ms);
        for (set, score) in &entry.sets {
            call.arg(set).arg(*score);
        }
        let mut conn = self.conn.clone();
        let new: i64 = call.invoke_async(&mut conn).await?;
        if new == 1 {
            // New in this team: out of the team it was in (a transfer).
            let before: Option<String> = conn.hget(self.keys.case_team(), entry.id).await?;
            if let Some(old) = before.filter(|t| *t != entry.team) {
                self.unindex_in(&old, entry.id).await?;
            }
            let _: () = conn.hset(self.keys.case_team(), entry.id, &entry.team).await?;
            let _: () = conn.sadd(self.keys.queue_teams(), &entry.team).await?;
        }
        Ok(())
    }

    /// Takes case `id` out of `team`'s sets and announces it there.
    async fn unindex_in(&self, team: &str, id: u64) -> StoreResult<()> {
        let prefix = self.keys.queue(team);
        let mut conn = self.conn.clone();
        let _: i64 = SCRIPTS
            .queue_remove
            .key(format!("{prefix}entries"))
            .key(format!("{prefix}changes"))
            .arg(id)
            .arg(&prefix)
            .arg(super::QUEUE_CHANGES_KEPT)
            .arg(self.retention.as_millis().max(1) as u64)
            .invoke_async(&mut conn)
            .await?;
        Ok(())
    }

    /// The connection `team`'s stream reader blocks on (opened once).
    async fn change_reader(&self, team: &str) -> StoreResult<Conn> {
        let mut readers = self.change_readers.lock().await;
        if let Some(c) = readers.get(team) {
            return Ok(c.clone());
        }
        let conn = self.opener.open().await?;
        readers.insert(team.to_string(), conn.clone());
        Ok(conn)
    }

    /// Where each case lives (ids whose place is gone are left out).
    /// The case indexes (where each case is, the open and resolved
    /// lists) expire as a record does, RETENTION_DAYS after the last case
    /// was written: when every case's record has expired, so have they.
    fn index_ttl_ms(&self) -> i64 {
        self.retention.as_millis().clamp(1, i64::MAX as u128) as i64
    }

    async fn case_places(&self, ids: Vec<u64>) -> StoreResult<Vec<(u64, ConversationKey)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut conn = self.conn.clone();
        let places: Vec<Option<String>> =
            redis::cmd("HMGET").arg(self.keys.case_where()).arg(&ids).query_async(&mut conn).await?;
        Ok(ids.into_iter().zip(places).filter_map(|(id, p)| Some((id, serde_json::from_str(&p?).ok()?))).collect())
    }
}

/// One entry of the dead-letter log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// Its id in `ah:dead` (the time it was set aside, in ms, and a counter).
    pub id: String,
    /// Its id in the event log it came from.
    pub entry: String,
    pub reason: String,
    /// The event's JSON as it was in the log.
    pub event: String,
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A stream entry back into an event. Entries deleted while pending come
/// back with no fields: there is nothing left to do for them.
fn decode(id: StreamId, redelivered: bool) -> Option<StreamEntry> {
    let raw = id.map.get(FIELD)?;
    let event = match raw {
        Value::BulkString(bytes) => serde_json::from_slice::<Event>(bytes).map_err(|e| e.to_string()),
        other => Err(format!("unexpected value {other:?}")),
    };
    Some(StreamEntry { id: id.id, event, deliveries: if redelivered { 2 } else { 1 } })
}

impl Store for RedisStore {
    fn kind(&self) -> &'static str {
        "redis"
    }

    fn escalations(&self) -> &dyn super::escalation::Escalations {
        self
    }

    fn ping(&self) -> BoxFuture<'_, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let _: String = redis::cmd("PING").query_async(&mut conn).await?;
            Ok(())
        })
    }

    fn append<'a>(&'a self, events: &'a [Event]) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            if events.is_empty() {
                return Ok(());
            }
            let key = self.keys.events();
            let mut pipe = redis::pipe();
            // MULTI/EXEC: all of the request's events or none of them (one
            // XADD is all or nothing by itself).
            if events.len() > 1 {
                pipe.atomic();
            }
            for e in events {
                let json = serde_json::to_vec(e).unwrap_or_default();
                pipe.cmd("XADD").arg(&key).arg("*").arg(FIELD).arg(json).ignore();
            }
            let mut conn = self.conn.clone();
            let _: () = pipe.query_async(&mut conn).await?;
            Ok(())
        })
    }

    fn read_new<'a>(
        &'a self,
        consumer: &'a str,
        count: usize,
        block: Duration,
    ) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>> {
        Box::pin(self.group_read(consumer, count, Some(block), ">"))
    }

    fn read_pending<'a>(&'a self, consumer: &'a str, count: usize) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>> {
        Box::pin(self.group_read(consumer, count, None, "0"))
    }

    fn claim_stale<'a>(
        &'a self,
        consumer: &'a str,
        min_idle: Duration,
        count: usize,
    ) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let reply: StreamAutoClaimReply = redis::cmd("XAUTOCLAIM")
                .arg(self.keys.events())
                .arg(GROUP)
                .arg(consumer)
                .arg(min_idle.as_millis() as u64)
                .arg("0-0")
                .arg("COUNT")
                .arg(count)
                .query_async(&mut conn)
                .await?;
            Ok(reply.claimed.into_iter().filter_map(|id| decode(id, true)).collect())
        })
    }

    fn ack<'a>(&'a self, ids: &'a [String]) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            if ids.is_empty() {
                return Ok(());
            }
            let key = self.keys.events();
            let mut conn = self.conn.clone();
            let _: () = redis::pipe()
                .cmd("XACK")
                .arg(&key)
                .arg(GROUP)
                .arg(ids)
                .ignore()
                .cmd("XDEL")
                .arg(&key)
                .arg(ids)
                .ignore()
                .query_async(&mut conn)
                .await?;
            Ok(())
        })
    }

    fn dead_letter<'a>(&'a self, entry_id: &'a str, reason: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let raw: Vec<StreamId> = {
                let r: redis::streams::StreamRangeReply = conn.xrange(self.keys.events(), entry_id, entry_id).await?;
                r.ids
            };
            let body = raw
                .first()
                .and_then(|id| id.map.get(FIELD))
                .map(|v| match v {
                    Value::BulkString(b) => String::from_utf8_lossy(b).into_owned(),
                    other => format!("{other:?}"),
                })
                .unwrap_or_default();
            // Capped and expiring: it holds customers' raw words, and a
            // flood of bad events must not fill Redis.
            let oldest_kept = now_ms().saturating_sub(self.retention.as_millis() as u64);
            let _: () = redis::pipe()
                .cmd("XADD")
                .arg(self.keys.dead())
                .arg("MAXLEN")
                .arg("~")
                .arg(DEAD_LETTERS_KEPT)
                .arg("*")
                .arg("entry")
                .arg(entry_id)
                .arg("reason")
                .arg(reason)
                .arg(FIELD)
                .arg(body)
                .ignore()
                .cmd("XTRIM")
                .arg(self.keys.dead())
                .arg("MINID")
                .arg("~")
                .arg(oldest_kept)
                .ignore()
                .cmd("PEXPIRE")
                .arg(self.keys.dead())
                .arg(self.retention.as_millis().max(1) as u64)
                .ignore()
                .query_async(&mut conn)
                .await?;
            self.ack(&[entry_id.to_string()]).await
        })
    }

    fn backlog(&self) -> BoxFuture<'_, StoreResult<u64>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            Ok(conn.xlen(self.keys.events()).await?)
        })
    }

    fn load<'a>(&'a self, key: &'a ConversationKey) -> BoxFuture<'a, StoreResult<Option<Conversation>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let raw: Option<Vec<u8>> = conn.get(self.keys.conversation(key)).await?;
            raw.map(|bytes| decode_conversation(key, &bytes)).transpose()
        })
    }

    fn load_many<'a>(&'a self, keys: &'a [ConversationKey]) -> BoxFuture<'a, StoreResult<Vec<Option<Conversation>>>> {
        Box::pin(async move {
            if keys.is_empty() {
                return Ok(Vec::new());
            }
            let mut conn = self.conn.clone();
            let raws: Vec<Option<Vec<u8>>> = match &self.conn {
                // One round trip.
                Conn::Single(_) => {
                    let mut pipe = redis::pipe();
                    for k in keys {
                        pipe.get(self.keys.conversation(k));
                    }
                    pipe.query_async(&mut conn).await?
                }
                // The keys live in different slots: one GET each.
                Conn::Cluster(_) => {
                    let mut out = Vec::with_capacity(keys.len());
                    for k in keys {
                        out.push(conn.get(self.keys.conversation(k)).await?);
                    }
                    out
                }
            };
            raws.into_iter()
                .zip(keys)
                .map(|(raw, key)| raw.map(|bytes| decode_conversation(key, &bytes)).transpose())
                .collect()
        })
    }

    fn save<'a>(&'a self, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let json = serde_json::to_vec(conversation).unwrap_or_default();
            let mut conn = self.conn.clone();
            let _: () =
                conn.set_ex(self.keys.conversation(&conversation.key), json, self.retention.as_secs().max(1)).await?;
            self.index_queue(conversation).await
        })
    }

    fn try_lock<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<bool>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let took: i64 = self.lock_call(&SCRIPTS.try_lock, key, token, ttl).invoke_async(&mut conn).await?;
            Ok(took == 1)
        })
    }

    fn try_lock_and_load<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<Option<Option<Conversation>>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            // The lock and the record share the conversation's hash slot.
            let (took, raw): (i64, Option<Vec<u8>>) = self
                .lock_call(&SCRIPTS.try_lock_and_load, key, token, ttl)
                .key(self.keys.conversation(key))
                .invoke_async(&mut conn)
                .await?;
            if took != 1 {
                return Ok(None);
            }
            Ok(Some(raw.map(|bytes| decode_conversation(key, &bytes)).transpose()?))
        })
    }

    fn extend_lock<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<bool>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let kept: i64 = self.lock_call(&SCRIPTS.extend, key, token, ttl).invoke_async(&mut conn).await?;
            Ok(kept == 1)
        })
    }

    fn unlock<'a>(&'a self, key: &'a ConversationKey, token: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let _: i64 = SCRIPTS.unlock.key(self.keys.lock(key)).arg(token).invoke_async(&mut conn).await?;
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
            // The record and the lock share the conversation's hash slot.
            let mut finish = redis::cmd("EVAL");
            finish.arg(FINISH).arg(2).arg(self.keys.lock(key)).arg(self.keys.conversation(key)).arg(token);
            match record {
                Some(r) => finish.arg(1).arg(serde_json::to_vec(r).unwrap_or_default()),
                None => finish.arg(0).arg(""),
            };
            finish.arg(self.retention.as_secs().max(1));
            let mut conn = self.conn.clone();
            let written: i64 = match (&self.conn, ack) {
                // One round trip: the script, then the acknowledgement.
                (Conn::Single(_), Some(entry)) => {
                    let mut pipe = redis::pipe();
                    pipe.add_command(finish);
                    let events = self.keys.events();
                    pipe.cmd("XACK").arg(&events).arg(GROUP).arg(entry).ignore();
                    pipe.cmd("XDEL").arg(&events).arg(entry).ignore();
                    let (written,): (i64,) = pipe.query_async(&mut conn).await?;
                    written
                }
                // The event log lives in another slot: two commands at once.
                (Conn::Cluster(_), Some(entry)) => {
                    let ids = [entry.to_string()];
                    let (written, ()) = tokio::try_join!(
                        async { Ok::<i64, StoreError>(finish.query_async(&mut conn).await?) },
                        self.ack(&ids)
                    )?;
                    written
                }
                (_, None) => finish.query_async(&mut conn).await?,
            };
            if let (1, Some(r)) = (written, record) {
                self.index_queue(r).await?;
            }
            Ok(written == 1)
        })
    }

    fn save_opening<'a>(&'a self, id: u64, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            if let Conn::Cluster(_) = &self.conn {
                // The case index and the record live in different slots.
                return super::save_opening_in_two_steps(self, id, conversation).await;
            }
            // All or nothing, the case indexed first, in one round trip.
            let location = serde_json::to_string(&conversation.key).unwrap_or_default();
            let json = serde_json::to_vec(conversation).unwrap_or_default();
            let mut conn = self.conn.clone();
            let _: () = redis::pipe()
                .atomic()
                .hset(self.keys.case_where(), id, location)
                .ignore()
                .zadd(self.keys.cases(true), id, id)
                .ignore()
                .set_ex(self.keys.conversation(&conversation.key), json, self.retention.as_secs().max(1))
                .ignore()
                .pexpire(self.keys.case_where(), self.index_ttl_ms())
                .ignore()
                .pexpire(self.keys.cases(true), self.index_ttl_ms())
                .ignore()
                .query_async(&mut conn)
                .await?;
            self.index_queue(conversation).await
        })
    }

    fn next_case_id(&self) -> BoxFuture<'_, StoreResult<u64>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            Ok(conn.incr(self.keys.case_seq(), 1).await?)
        })
    }

    fn index_case<'a>(
        &'a self,
        id: u64,
        key: &'a ConversationKey,
        resolved_at_ms: Option<i64>,
    ) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let location = serde_json::to_string(key).unwrap_or_default();
            // Where first: a listed case can always be found.
            let _: () = conn.hset(self.keys.case_where(), id, location).await?;
            match resolved_at_ms {
                None => {
                    let _: () = conn.zadd(self.keys.cases(true), id, id).await?;
                }
                Some(at) => {
                    let _: () = conn.zadd(self.keys.cases(false), id, at).await?;
                    let _: () = conn.zrem(self.keys.cases(true), id).await?;
                    self.queue_remove(id).await?;
                    let listed: usize = conn.zcard(self.keys.cases(false)).await?;
                    if listed > super::RESOLVED_CASES_LISTED {
                        let old: Vec<(u64, f64)> = conn
                            .zpopmin(self.keys.cases(false), (listed - super::RESOLVED_CASES_LISTED) as isize)
                            .await?;
                        let ids: Vec<u64> = old.into_iter().map(|(id, _)| id).collect();
                        let _: () = conn.hdel(self.keys.case_where(), ids).await?;
                    }
                }
            }
            // The indexes go with the records they point at: kept as long
            // as the newest case written, like a record (one key a
            // command: the keys may be on different Cluster nodes).
            let _: () = conn.pexpire(self.keys.case_where(), self.index_ttl_ms()).await?;
            let _: () = conn.pexpire(self.keys.cases(resolved_at_ms.is_none()), self.index_ttl_ms()).await?;
            Ok(())
        })
    }

    fn case_location(&self, id: u64) -> BoxFuture<'_, StoreResult<Option<ConversationKey>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let raw: Option<String> = conn.hget(self.keys.case_where(), id).await?;
            Ok(raw.and_then(|r| serde_json::from_str(&r).ok()))
        })
    }

    fn case_ids(&self, open: bool, limit: usize) -> BoxFuture<'_, StoreResult<Vec<(u64, ConversationKey)>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            if !open {
                let ids: Vec<u64> = conn.zrevrange(self.keys.cases(false), 0, limit.max(1) as isize - 1).await?;
                return self.case_places(ids).await;
            }
            // A page at a time, after the last id seen (the open cases are
            // scored by id): thousands of open cases never make one reply
            // so large that every command queued behind it on the shared
            // connection waits while it is read.
            let mut out = Vec::new();
            let mut after = 0u64;
            loop {
                let ids: Vec<u64> = redis::cmd("ZRANGEBYSCORE")
                    .arg(self.keys.cases(true))
                    .arg(format!("({after}"))
                    .arg("+inf")
                    .arg("LIMIT")
                    .arg(0)
                    .arg(IDS_PER_PAGE)
                    .query_async(&mut conn)
                    .await?;
                let Some(&last) = ids.last() else { break };
                let full = ids.len() == IDS_PER_PAGE;
                after = last;
                out.extend(self.case_places(ids).await?);
                if !full {
                    break;
                }
            }
            Ok(out)
        })
    }

    fn case_locations<'a>(&'a self, ids: &'a [u64]) -> BoxFuture<'a, StoreResult<Vec<Option<ConversationKey>>>> {
        Box::pin(async move {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let mut conn = self.conn.clone();
            let places: Vec<Option<String>> =
                redis::cmd("HMGET").arg(self.keys.case_where()).arg(ids).query_async(&mut conn).await?;
            Ok(places.into_iter().map(|p| p.and_then(|p| serde_json::from_str(&p).ok())).collect())
        })
    }

    fn queue_index<'a>(&'a self, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(self.index_queue(conversation))
    }

    fn queue_remove(&self, id: u64) -> BoxFuture<'_, StoreResult<()>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let team: Option<String> = conn.hget(self.keys.case_team(), id).await?;
            if let Some(team) = team {
                self.unindex_in(&team, id).await?;
                let _: () = conn.hdel(self.keys.case_team(), id).await?;
            }
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
            let mut conn = self.conn.clone();
            let raw: Vec<(u64, f64)> = redis::cmd("ZRANGEBYSCORE")
                .arg(format!("{}{set}", self.keys.queue(team)))
                .arg(after.map_or_else(|| "-inf".to_string(), |a| format!("({a}")))
                .arg(upto.map_or_else(|| "+inf".to_string(), |u| u.to_string()))
                .arg("WITHSCORES")
                .arg("LIMIT")
                .arg(0)
                .arg(count.max(1))
                .query_async(&mut conn)
                .await?;
            // Below 2^53: exact as a double.
            Ok(raw.into_iter().map(|(id, score)| (id, score as u64)).collect())
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
            let mut conn = self.conn.clone();
            let key = format!("{}{set}", self.keys.queue(team));
            if after.is_none() && upto.is_none() {
                return Ok(conn.zcard(key).await?);
            }
            Ok(redis::cmd("ZCOUNT")
                .arg(key)
                .arg(after.map_or_else(|| "-inf".to_string(), |a| format!("({a}")))
                .arg(upto.map_or_else(|| "+inf".to_string(), |u| u.to_string()))
                .query_async(&mut conn)
                .await?)
        })
    }

    fn queue_entries<'a>(
        &'a self,
        team: &'a str,
        ids: &'a [u64],
    ) -> BoxFuture<'a, StoreResult<Vec<Option<QueueEntry>>>> {
        Box::pin(async move {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let mut conn = self.conn.clone();
            let raw: Vec<Option<String>> = redis::cmd("HMGET")
                .arg(format!("{}entries", self.keys.queue(team)))
                .arg(ids)
                .query_async(&mut conn)
                .await?;
            Ok(raw.into_iter().map(|r| r.and_then(|j| serde_json::from_str(&j).ok())).collect())
        })
    }

    fn queue_teams(&self) -> BoxFuture<'_, StoreResult<Vec<String>>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let mut teams: Vec<String> = conn.smembers(self.keys.queue_teams()).await?;
            teams.sort();
            Ok(teams)
        })
    }

    fn queue_changes_head<'a>(&'a self, team: &'a str) -> BoxFuture<'a, StoreResult<String>> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let newest: redis::streams::StreamRangeReply = redis::cmd("XREVRANGE")
                .arg(format!("{}changes", self.keys.queue(team)))
                .arg("+")
                .arg("-")
                .arg("COUNT")
                .arg(1)
                .query_async(&mut conn)
                .await?;
            Ok(newest.ids.into_iter().next().map_or_else(|| "0-0".to_string(), |e| e.id))
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
            let mut cmd = redis::cmd("XREAD");
            cmd.arg("COUNT").arg(count.max(1));
            if let Some(b) = block {
                cmd.arg("BLOCK").arg(b.min(MAX_BLOCK).as_millis().max(1) as u64);
            }
            cmd.arg("STREAMS").arg(format!("{}changes", self.keys.queue(team))).arg(after.unwrap_or("$"));
            let reply: Option<StreamReadReply> = match block {
                // A blocked read holds its connection: the team's own.
                Some(_) => cmd.query_async(&mut self.change_reader(team).await?).await?,
                None => cmd.query_async(&mut self.conn.clone()).await?,
            };
            Ok(reply
                .map(|r| {
                    r.keys
                        .into_iter()
                        .flat_map(|k| k.ids)
                        .filter_map(|e| {
                            let case = match e.map.get("c")? {
                                Value::BulkString(b) => std::str::from_utf8(b).ok()?.parse().ok()?,
                                _ => return None,
                            };
                            Some(QueueChange { id: e.id, case })
                        })
                        .collect()
                })
                .unwrap_or_default())
        })
    }
}

/// Takes the lock when free, or when held by another incarnation of the
/// same owner (`owner#incarnation#n`, see [`super::supersedes`]).
const TRY_LOCK: &str = take_lock!("0", "return 1");

/// Takes the lock KEYS[1] for token ARGV[1] for ARGV[2] ms unless another
/// token holds it (the same owner's other incarnation does not count):
/// answers `$refused`, or runs `$then` once the lock is taken.
macro_rules! take_lock {
    ($refused:literal, $then:literal) => {
        concat!(
            "local held = redis.call('GET', KEYS[1])\n",
            "if held then\n",
            "  local o1, i1 = string.match(ARGV[1], '^([^#]*)#([^#]*)#')\n",
            "  local o2, i2 = string.match(held, '^([^#]*)#([^#]*)#')\n",
            "  if not (o1 and o2 and o1 == o2 and i1 ~= i2) then return ",
            $refused,
            " end\n",
            "end\n",
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n",
            $then
        )
    };
}
use take_lock;

/// The lock scripts, hashed once (EVALSHA, loaded on first use).
struct Scripts {
    queue_upsert: redis::Script,
    queue_remove: redis::Script,
    try_lock: redis::Script,
    try_lock_and_load: redis::Script,
    extend: redis::Script,
    unlock: redis::Script,
}

static SCRIPTS: std::sync::LazyLock<Scripts> = std::sync::LazyLock::new(|| Scripts {
    queue_upsert: redis::Script::new(QUEUE_UPSERT),
    queue_remove: redis::Script::new(QUEUE_REMOVE),
    try_lock: redis::Script::new(TRY_LOCK),
    try_lock_and_load: redis::Script::new(TRY_LOCK_AND_LOAD),
    extend: redis::Script::new(EXTEND),
    unlock: redis::Script::new(UNLOCK),
});

fn decode_conversation(key: &ConversationKey, bytes: &[u8]) -> StoreResult<Conversation> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Decode {
        what: format!("conversation {}", conversation_id(key)),
        reason: e.to_string(),
    })
}

/// [`TRY_LOCK`], answering `{1, record KEYS[2]}` when taken, `{0, nil}` when not.
const TRY_LOCK_AND_LOAD: &str = take_lock!("{0, false}", "return {1, redis.call('GET', KEYS[2])}");

/// Extends the lock only while the token still holds it.
const EXTEND: &str =
    r"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";

/// Writes the record KEYS[2] (when ARGV[2] is 1: ARGV[3], expiring after
/// ARGV[4] s) and frees the lock KEYS[1], unless another token than ARGV[1]
/// holds the lock: then answers 0 and changes nothing.
const FINISH: &str = r"local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4]) end
if held then redis.call('DEL', KEYS[1]) end
return 1";

/// Deletes the lock only when the token still holds it (not a lock that
/// expired and was taken by someone else).
const UNLOCK: &str =
    r"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/// Puts case ARGV[1] in the sets ARGV[6], ARGV[8], ... of its team (key
/// prefix ARGV[3]) with the scores ARGV[7], ARGV[9], ..., out of the sets it
/// left; keeps its entry ARGV[2] in KEYS[1] and announces the change on the
/// team's stream KEYS[2] (capped at ARGV[4], expiring after ARGV[5] ms).
/// Every key shares the team's hash tag. Answers 1 when the case is new here.
const QUEUE_UPSERT: &str = r"local old = redis.call('HGET', KEYS[1], ARGV[1])
local keep = {}
for i = 6, #ARGV, 2 do keep[ARGV[i]] = true end
if old then
  for _, s in ipairs(cjson.decode(old).sets) do
    if not keep[s[1]] then redis.call('ZREM', ARGV[3] .. s[1], ARGV[1]) end
  end
end
for i = 6, #ARGV, 2 do redis.call('ZADD', ARGV[3] .. ARGV[i], ARGV[i + 1], ARGV[1]) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'c', ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
if old then return 0 end
return 1";

/// Takes case ARGV[1] out of every set of its team (prefix ARGV[2]) and
/// announces it on the stream KEYS[2] (as [`QUEUE_UPSERT`] does).
const QUEUE_REMOVE: &str = r"local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
for _, s in ipairs(cjson.decode(old).sets) do redis.call('ZREM', ARGV[2] .. s[1], ARGV[1]) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'c', ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1";

//! The store port: the durable event log the webhook writes before it
//! answers 200, and the conversation records the workers keep. Redis in
//! production ([`RedisStore`]); an in-process [`MemoryStore`] for `chat` and
//! for trying `serve` without Redis. One contract suite
//! (`tests/store_contract.rs`) runs against both.

pub mod escalation;
pub mod memory;
pub mod queue;
pub mod redis;

use std::time::Duration;

pub use memory::MemoryStore;
pub use queue::QueueEntry;
pub use redis::RedisStore;

use crate::channels::{BoxFuture, ConversationKey, Event};
use crate::service::conversation::Conversation;

/// One entry of the event log, as a worker receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamEntry {
    /// The log's id of the entry (Redis stream id).
    pub id: String,
    /// The event, or why it could not be read back (kept aside, never dropped silently).
    pub event: Result<Event, String>,
    /// How many times this entry has been handed to a worker.
    pub deliveries: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("redis: {0}")]
    Redis(#[from] ::redis::RedisError),
    #[error("stored record of {what} could not be read: {reason}")]
    Decode { what: String, reason: String },
    /// Another worker or person holds the conversation for longer than we wait.
    #[error("conversation {0} is busy")]
    Busy(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// What the bot needs from its store, in its own terms.
pub trait Store: Send + Sync {
    /// `redis` or `memory`, for logs and `/readyz`.
    fn kind(&self) -> &'static str;

    /// The schedule of escalations and the complaints counted for bursts.
    fn escalations(&self) -> &dyn escalation::Escalations;

    /// Is the store reachable?
    fn ping(&self) -> BoxFuture<'_, StoreResult<()>>;

    /// Appends events to the log, durably, in order. Either all are
    /// written or an error is returned (and the webhook answers 5xx, so
    /// Meta sends them again; duplicates are dropped by message id).
    fn append<'a>(&'a self, events: &'a [Event]) -> BoxFuture<'a, StoreResult<()>>;

    /// Entries no worker has seen yet, waiting up to `block` for some.
    /// They stay pending for `consumer` until acknowledged.
    fn read_new<'a>(
        &'a self,
        consumer: &'a str,
        count: usize,
        block: Duration,
    ) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>>;

    /// Entries handed to `consumer` and never acknowledged (it crashed).
    fn read_pending<'a>(&'a self, consumer: &'a str, count: usize) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>>;

    /// Takes over entries pending with any consumer for at least `min_idle`.
    fn claim_stale<'a>(
        &'a self,
        consumer: &'a str,
        min_idle: Duration,
        count: usize,
    ) -> BoxFuture<'a, StoreResult<Vec<StreamEntry>>>;

    /// The entries are done with: they leave the log.
    fn ack<'a>(&'a self, ids: &'a [String]) -> BoxFuture<'a, StoreResult<()>>;

    /// Keeps an entry that cannot be handled aside for a person to look at,
    /// and acknowledges it.
    fn dead_letter<'a>(&'a self, entry_id: &'a str, reason: &'a str) -> BoxFuture<'a, StoreResult<()>>;

    /// Entries waiting in the log (not yet acknowledged), for `/metrics`.
    fn backlog(&self) -> BoxFuture<'_, StoreResult<u64>>;

    /// The conversation's record, if any.
    fn load<'a>(&'a self, key: &'a ConversationKey) -> BoxFuture<'a, StoreResult<Option<Conversation>>>;

    /// Several records at once (one round trip), in the order asked.
    fn load_many<'a>(&'a self, keys: &'a [ConversationKey]) -> BoxFuture<'a, StoreResult<Vec<Option<Conversation>>>>;

    /// Writes the record; it expires after the retention unless written again.
    fn save<'a>(&'a self, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>>;

    /// Takes the conversation's lock with `token` if nobody holds it; it
    /// frees itself after `ttl` (a holder that died does not block forever).
    /// Tokens read `owner#incarnation#n`: a lock held by another
    /// incarnation of the same owner (a process restarted under the same
    /// consumer name) is taken over at once: that holder is dead.
    fn try_lock<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<bool>>;

    /// [`Store::try_lock`], and when the lock is taken the record as
    /// [`Store::load`] reads it, in one round trip where the store can:
    /// `None` when somebody else holds the lock.
    fn try_lock_and_load<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<Option<Option<Conversation>>>> {
        Box::pin(async move {
            if !self.try_lock(key, token, ttl).await? {
                return Ok(None);
            }
            Ok(Some(self.load(key).await?))
        })
    }

    /// Pushes the lock's expiry to `ttl` from now if `token` still holds
    /// it; `false` when it does not.
    fn extend_lock<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, StoreResult<bool>>;

    /// Frees the lock if `token` still holds it.
    fn unlock<'a>(&'a self, key: &'a ConversationKey, token: &'a str) -> BoxFuture<'a, StoreResult<()>>;

    /// What the holder of a conversation's lock does when it is through, in
    /// one round trip where the store can: writes `record` and frees the
    /// lock, both only while `token` holds the lock or nobody does (a lock
    /// that expired and was taken by another holder is theirs, and so is
    /// the record); then acknowledges the log entry `ack`. Answers whether
    /// the record was written. Safe to repeat after an error.
    fn finish<'a>(
        &'a self,
        key: &'a ConversationKey,
        token: &'a str,
        record: Option<&'a Conversation>,
        ack: Option<&'a str>,
    ) -> BoxFuture<'a, StoreResult<bool>>;

    /// Writes the record that opens case `id`, the case indexed first (as
    /// [`Store::index_case`] does for an open case): in one round trip
    /// where the store can.
    fn save_opening<'a>(&'a self, id: u64, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>> {
        Box::pin(save_opening_in_two_steps(self, id, conversation))
    }

    /// A new case number: 1, 2, 3, ... never handed out twice.
    fn next_case_id(&self) -> BoxFuture<'_, StoreResult<u64>>;

    /// Records which conversation holds case `id` and whether it is open
    /// (listed in the queue) or resolved (listed by `resolved_at_ms`).
    fn index_case<'a>(
        &'a self,
        id: u64,
        key: &'a ConversationKey,
        resolved_at_ms: Option<i64>,
    ) -> BoxFuture<'a, StoreResult<()>>;

    /// The conversation that holds case `id`.
    fn case_location(&self, id: u64) -> BoxFuture<'_, StoreResult<Option<ConversationKey>>>;

    /// Where each of several cases lives, in the order asked, in one round
    /// trip where the store can.
    fn case_locations<'a>(&'a self, ids: &'a [u64]) -> BoxFuture<'a, StoreResult<Vec<Option<ConversationKey>>>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.push(self.case_location(*id).await?);
            }
            Ok(out)
        })
    }

    /// Open cases (all of them), or the `limit` most recently resolved, with
    /// their conversations.
    fn case_ids(&self, open: bool, limit: usize) -> BoxFuture<'_, StoreResult<Vec<(u64, ConversationKey)>>>;

    // The care queue's indexes ([`queue`]): kept by the store itself on every
    // write of a record with an open case, so every change of a case, from
    // any part of the bot, is indexed and announced on its team's stream.

    /// Indexes `conversation`'s open case (if any) in its team, out of
    /// another team it was in, and announces the change.
    fn queue_index<'a>(&'a self, conversation: &'a Conversation) -> BoxFuture<'a, StoreResult<()>>;

    /// Case `id` left the open queue (resolved, or its record is gone); announced.
    fn queue_remove(&self, id: u64) -> BoxFuture<'_, StoreResult<()>>;

    /// Case ids and scores of `team`'s `set` with a score above `after` and
    /// at most `upto`, lowest score first, at most `count`.
    fn queue_range<'a>(
        &'a self,
        team: &'a str,
        set: &'a str,
        after: Option<u64>,
        upto: Option<u64>,
        count: usize,
    ) -> BoxFuture<'a, StoreResult<Vec<(u64, u64)>>>;

    /// How many of `team`'s `set` have a score above `after` and at most `upto`.
    fn queue_count<'a>(
        &'a self,
        team: &'a str,
        set: &'a str,
        after: Option<u64>,
        upto: Option<u64>,
    ) -> BoxFuture<'a, StoreResult<u64>>;

    /// The indexed entries of `ids` in `team`, in the order asked.
    fn queue_entries<'a>(
        &'a self,
        team: &'a str,
        ids: &'a [u64],
    ) -> BoxFuture<'a, StoreResult<Vec<Option<QueueEntry>>>>;

    /// Every team that has (or had) indexed cases.
    fn queue_teams(&self) -> BoxFuture<'_, StoreResult<Vec<String>>>;

    /// The id of `team`'s newest change (`0-0` when there is none): where a
    /// reader that wants only what comes next starts.
    fn queue_changes_head<'a>(&'a self, team: &'a str) -> BoxFuture<'a, StoreResult<String>>;

    /// `team`'s changes after stream id `after` (`None`: only those still to
    /// come), waiting up to `block` for one when there are none.
    fn queue_changes<'a>(
        &'a self,
        team: &'a str,
        after: Option<&'a str>,
        count: usize,
        block: Option<Duration>,
    ) -> BoxFuture<'a, StoreResult<Vec<QueueChange>>>;
}

/// One change of a case on its team's stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueChange {
    /// The stream's id of the change (`<ms>-<n>`): increasing, resumable.
    pub id: String,
    pub case: u64,
}

/// Changes a team's stream keeps at most (about: Redis trims whole nodes).
pub const QUEUE_CHANGES_KEPT: usize = 10_000;

/// How many resolved cases the index keeps (their records live on with the
/// conversation until the retention ends).
pub const RESOLVED_CASES_LISTED: usize = 10_000;

/// Does `token` take over the lock `held`: same owner, another incarnation?
pub fn supersedes(token: &str, held: &str) -> bool {
    let mut mine = token.splitn(3, '#');
    let mut theirs = held.splitn(3, '#');
    match (mine.next(), mine.next(), theirs.next(), theirs.next()) {
        (Some(o1), Some(i1), Some(o2), Some(i2)) => o1 == o2 && i1 != i2,
        _ => false,
    }
}

/// What is escaped in an id of a key: the separator, the escape itself and
/// Redis Cluster's hash-tag braces. Meta's ids (digits, `US.1234`) pass as
/// they are, so their keys are the same as before the escaping.
pub(crate) const KEY_ESCAPED: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b':').add(b'%').add(b'{').add(b'}').add(b' ');

/// An id escaped for a key (see [`conversation_id`]).
pub fn key_part(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, KEY_ESCAPED).to_string()
}

/// The key string of one conversation, shared by both stores: ids joined by
/// `:` with every `:` inside an id escaped (`%3A`), so page `P:1` with
/// customer `2` and page `P` with customer `1:2` are two conversations.
pub fn conversation_id(key: &ConversationKey) -> String {
    let escaped = |id: &str| percent_encoding::utf8_percent_encode(id, KEY_ESCAPED).to_string();
    format!("{}:{}:{}", key.channel, escaped(&key.account), escaped(&key.customer))
}

/// The key string the store used before ids were escaped, for migrating.
pub fn unescaped_conversation_id(key: &ConversationKey) -> String {
    format!("{}:{}:{}", key.channel, key.account, key.customer)
}

/// [`Store::save_opening`] where one round trip cannot hold both writes
/// (the default; a Redis Cluster, whose case index lives in another slot):
/// the case indexed first, then the record.
async fn save_opening_in_two_steps<S: Store + ?Sized>(
    store: &S,
    id: u64,
    conversation: &Conversation,
) -> StoreResult<()> {
    store.index_case(id, &conversation.key, None).await?;
    store.save(conversation).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::Channel;

    fn id(account: &str, customer: &str) -> String {
        conversation_id(&ConversationKey {
            channel: Channel::Messenger,
            account: account.into(),
            customer: customer.into(),
        })
    }

    #[test]
    fn ids_with_the_separator_make_distinct_keys() {
        assert_ne!(id("P:1", "2"), id("P", "1:2"));
        assert_eq!(id("P:1", "2"), "messenger:P%3A1:2");
        assert_eq!(id("P", "1:2"), "messenger:P:1%3A2");
        // Braces would move the key to another Cluster slot; `%` is the escape.
        assert_eq!(id("{x}", "50%"), "messenger:%7Bx%7D:50%25");
    }

    #[test]
    fn metas_ids_keep_their_keys() {
        assert_eq!(id("104880000000001", "2490000000000028"), "messenger:104880000000001:2490000000000028");
        assert_eq!(
            id("106540000000004", "US.13491208655300000013"),
            "messenger:106540000000004:US.13491208655300000013"
        );
    }
}

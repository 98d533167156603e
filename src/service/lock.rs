//! One worker or person at a time per conversation, across processes: a
//! lock in the store with a token and an expiry. Handling a message and
//! every care action take it, so a claim, a reply and a customer message
//! arriving together never overwrite each other's changes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::conversation::Conversation;
use crate::channels::ConversationKey;
use crate::store::{Store, StoreError, StoreResult};

/// A lock lives this long unless its holder extends it; a live holder
/// extends it every third of that (a send with its retries may take
/// longer), so only a dead holder's lock expires. A holder restarted under
/// the same consumer name takes its old locks over at once (see
/// [`Store::try_lock`]).
pub const LOCK_TTL: Duration = Duration::from_secs(10);

/// How long [`Held::finish`] is tried while the store is away.
pub const FINISH_FOR: Duration = Duration::from_secs(60);

static NEXT: AtomicU64 = AtomicU64::new(0);
static OWNER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Names this process's locks after its consumer name (stable across
/// restarts of one instance). Call once at start.
pub fn set_owner(consumer: &str) {
    let clean: String = consumer.chars().filter(|c| *c != '#').collect();
    let _ = OWNER.set(clean);
}

/// `owner#incarnation#n`: the store lets a new incarnation of the same
/// owner take over what a dead one left locked.
fn new_token() -> String {
    let owner = OWNER.get().map(String::as_str).unwrap_or("afterhours");
    format!("{owner}#{}-{}#{}", std::process::id(), start_nanos(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A held lock. The holder runs its work inside [`Held::while_held`], which
/// keeps the lock alive in the holder's own task, then frees it with
/// [`Held::release`] or [`Held::finish`]; if the holder dies, it expires
/// after [`LOCK_TTL`].
#[must_use]
pub struct Held {
    store: Arc<dyn Store>,
    key: ConversationKey,
    token: String,
}

/// Takes the conversation's lock, waiting up to `wait` for it.
pub async fn lock(store: &Arc<dyn Store>, key: &ConversationKey, wait: Duration) -> StoreResult<Held> {
    Ok(take(store, key, wait, false).await?.0)
}

/// [`lock`], and the conversation's record read with it (one round trip
/// on Redis): what the holder works on.
pub async fn lock_and_load(
    store: &Arc<dyn Store>,
    key: &ConversationKey,
    wait: Duration,
) -> StoreResult<(Held, Option<Conversation>)> {
    take(store, key, wait, true).await
}

async fn take(
    store: &Arc<dyn Store>,
    key: &ConversationKey,
    wait: Duration,
    load: bool,
) -> StoreResult<(Held, Option<Conversation>)> {
    let token = new_token();
    let deadline = tokio::time::Instant::now() + wait;
    let mut pause = Duration::from_millis(2);
    loop {
        let taken = if load {
            store.try_lock_and_load(key, &token, LOCK_TTL).await?
        } else {
            store.try_lock(key, &token, LOCK_TTL).await?.then_some(None)
        };
        if let Some(record) = taken {
            return Ok((Held { store: store.clone(), key: key.clone(), token }, record));
        }
        if tokio::time::Instant::now() + pause > deadline {
            return Err(StoreError::Busy(crate::store::conversation_id(key)));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Pushes the lock's expiry on; false once the lock is lost.
async fn extend(store: &Arc<dyn Store>, key: &ConversationKey, token: &str, ttl: Duration) -> bool {
    match store.extend_lock(key, token, ttl).await {
        Ok(true) => true,
        Ok(false) => {
            tracing::warn!(conversation = %key, "a conversation lock was lost while held (taken over after a stall)");
            false
        }
        // Redis away for a moment: try again; the lock outlives a short outage.
        Err(e) => {
            tracing::warn!(conversation = %key, error = %e, "could not extend a conversation lock");
            true
        }
    }
}

impl Held {
    /// Runs `work` in the caller's task, extending the lock every third of
    /// [`LOCK_TTL`] while it runs (a send with its retries may take longer).
    pub async fn while_held<F: std::future::Future>(&self, work: F) -> F::Output {
        self.kept_alive(work, LOCK_TTL).await
    }

    async fn kept_alive<F: std::future::Future>(&self, work: F, ttl: Duration) -> F::Output {
        tokio::pin!(work);
        let every = ttl / 3;
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        let mut kept = true;
        loop {
            tokio::select! {
                out = &mut work => return out,
                _ = tick.tick(), if kept => kept = extend(&self.store, &self.key, &self.token, ttl).await,
            }
        }
    }

    /// Writes `record` (if any), frees the lock and acknowledges the log
    /// entry `ack` (if any), in one round trip where the store can. Tried
    /// again with backoff while the store is away (a Redis restart), for up
    /// to [`FINISH_FOR`]: a record that says a reply was sent must be
    /// written, or a re-read of the event would send it again. The lock is
    /// kept alive meanwhile.
    pub async fn finish(&self, record: Option<&Conversation>, ack: Option<&str>) -> StoreResult<()> {
        let op = || self.store.finish(&self.key, &self.token, record, ack);
        if !while_store_away(&self.key, "write a record and free its lock", FINISH_FOR, op).await? {
            tracing::warn!(conversation = %self.key, "a conversation lock was taken over while held: the record was not written");
        }
        Ok(())
    }

    /// Frees the lock; tried for a few seconds if the store is away, then
    /// left to expire (nothing is lost either way).
    pub async fn release(self) {
        let op = || self.store.unlock(&self.key, &self.token);
        if let Err(e) = while_store_away(&self.key, "free a conversation lock", LOCK_TTL, op).await {
            tracing::warn!(conversation = %self.key, error = %e, "could not free a conversation lock; it expires by itself");
        }
    }
}

/// Runs `op` until it succeeds, trying again with backoff (50 ms doubling
/// to 2 s) while the store is away (a Redis restart), for up to `trying`;
/// then answers the last error. `what` says in the warnings what waits.
pub async fn while_store_away<T, F, Fut>(
    key: &ConversationKey,
    what: &str,
    trying: Duration,
    mut op: F,
) -> StoreResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = StoreResult<T>>,
{
    let deadline = tokio::time::Instant::now() + trying;
    let mut pause = Duration::from_millis(50);
    loop {
        match op().await {
            Ok(v) => return Ok(v),
            Err(e) if tokio::time::Instant::now() + pause > deadline => return Err(e),
            Err(e) => {
                tracing::warn!(conversation = %key, error = %e, "could not {what} yet; trying again");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// Tells processes apart when their pids repeat (containers).
fn start_nanos() -> u128 {
    static START: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *START.get_or_init(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::Channel;
    use crate::store::MemoryStore;

    #[tokio::test]
    async fn work_that_outlasts_the_lock_keeps_it() {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::new(Duration::from_secs(60)));
        let key = ConversationKey { channel: Channel::Messenger, account: "p".into(), customer: "c".into() };
        let ttl = Duration::from_millis(300);
        assert!(store.try_lock(&key, "mine", ttl).await.unwrap());
        let held = Held { store: store.clone(), key: key.clone(), token: "mine".into() };
        // Three lifetimes of the lock: without extensions it would have expired twice.
        let other = store.clone();
        let taken = held
            .kept_alive(
                async {
                    tokio::time::sleep(ttl * 3).await;
                    other.try_lock(&key, "theirs", ttl).await.unwrap()
                },
                ttl,
            )
            .await;
        assert!(!taken, "the lock was still held at the end of the work");
        // Once the work is done nothing extends it: it expires.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !store.try_lock(&key, "theirs", ttl).await.unwrap() {
            assert!(std::time::Instant::now() < deadline, "the lock never expired");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

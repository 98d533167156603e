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

/// A held lock. Free it with [`Held::release`]; if the holder dies, it
/// expires after [`LOCK_TTL`].
#[must_use]
pub struct Held {
    store: Arc<dyn Store>,
    key: ConversationKey,
    token: String,
    keeper: tokio::task::JoinHandle<()>,
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
            let keeper = tokio::spawn(keep(store.clone(), key.clone(), token.clone()));
            return Ok((Held { store: store.clone(), key: key.clone(), token, keeper }, record));
        }
        if tokio::time::Instant::now() + pause > deadline {
            return Err(StoreError::Busy(crate::store::conversation_id(key)));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Extends the lock while its holder works.
async fn keep(store: Arc<dyn Store>, key: ConversationKey, token: String) {
    loop {
        tokio::time::sleep(LOCK_TTL / 3).await;
        match store.extend_lock(&key, &token, LOCK_TTL).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::warn!(conversation = %key, "a conversation lock was lost while held (taken over after a stall)");
                return;
            }
            // Redis away for a moment: try again; the lock outlives a short outage.
            Err(e) => tracing::warn!(conversation = %key, error = %e, "could not extend a conversation lock"),
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.keeper.abort();
    }
}

impl Held {
    /// Writes `record` (if any), frees the lock and acknowledges the log
    /// entry `ack` (if any), in one round trip where the store can. Tried
    /// again with backoff while the store is away (a Redis restart), for up
    /// to [`FINISH_FOR`]: a record that says a reply was sent must be
    /// written, or a re-read of the event would send it again. The lock is
    /// kept alive meanwhile.
    pub async fn finish(self, record: Option<&Conversation>, ack: Option<&str>) -> StoreResult<()> {
        let deadline = tokio::time::Instant::now() + FINISH_FOR;
        let mut pause = Duration::from_millis(50);
        loop {
            match self.store.finish(&self.key, &self.token, record, ack).await {
                Ok(true) => return Ok(()),
                Ok(false) => {
                    tracing::warn!(conversation = %self.key, "a conversation lock was taken over while held: the record was not written");
                    return Ok(());
                }
                Err(e) if tokio::time::Instant::now() + pause > deadline => return Err(e),
                Err(e) => {
                    tracing::warn!(conversation = %self.key, error = %e, "could not write a record or free its lock yet; trying again");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(2));
                }
            }
        }
    }

    /// Frees the lock; tried for a few seconds if the store is away, then
    /// left to expire (nothing is lost either way).
    pub async fn release(self) {
        self.keeper.abort();
        let mut pause = Duration::from_millis(50);
        let deadline = tokio::time::Instant::now() + LOCK_TTL;
        loop {
            match self.store.unlock(&self.key, &self.token).await {
                Ok(()) => return,
                Err(e) if tokio::time::Instant::now() + pause > deadline => {
                    tracing::warn!(conversation = %self.key, error = %e, "could not free a conversation lock; it expires by itself");
                    return;
                }
                Err(_) => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(1));
                }
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

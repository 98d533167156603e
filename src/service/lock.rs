//! One worker or person at a time per conversation, across processes: a
//! lock in the store with a token and an expiry. Handling a message and
//! every care action take it, so a claim, a reply and a customer message
//! arriving together never overwrite each other's changes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::channels::ConversationKey;
use crate::store::{Store, StoreError, StoreResult};

/// Longer than anything done under the lock (a send with its retries), so
/// it only expires when its holder died. A holder restarted under the same
/// consumer name takes its old locks over at once (see [`Store::try_lock`]).
pub const LOCK_TTL: Duration = Duration::from_secs(60);

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
pub struct Held<'a> {
    store: &'a dyn Store,
    key: ConversationKey,
    token: String,
}

/// Takes the conversation's lock, waiting up to `wait` for it.
pub async fn lock<'a>(store: &'a dyn Store, key: &ConversationKey, wait: Duration) -> StoreResult<Held<'a>> {
    let token = new_token();
    let deadline = tokio::time::Instant::now() + wait;
    let mut pause = Duration::from_millis(2);
    loop {
        if store.try_lock(key, &token, LOCK_TTL).await? {
            return Ok(Held { store, key: key.clone(), token });
        }
        if tokio::time::Instant::now() + pause > deadline {
            return Err(StoreError::Busy(crate::store::conversation_id(key)));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

impl Held<'_> {
    pub async fn release(self) {
        if let Err(e) = self.store.unlock(&self.key, &self.token).await {
            // It expires by itself; nothing is lost.
            tracing::warn!(conversation = %self.key, error = %e, "could not free a conversation lock");
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

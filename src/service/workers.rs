//! The workers: read the event log through the consumer group and hand each
//! event to the lane of its conversation, so one conversation's events are
//! handled one at a time, in the platform's timestamp order, while other
//! conversations go on in parallel.
//!
//! Start-up first finishes what this consumer left pending (a crash), and a
//! sweep takes over entries any consumer left pending for too long.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::handle::Handler;
use super::intake::IntakeGauge;
use crate::channels::Event;
use crate::store::{Store, StreamEntry};

/// How the workers run.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// This process's name in the consumer group. Keep it stable across
    /// restarts so a restarted process finishes its own pending entries at once.
    pub consumer: String,
    /// Conversations handled in parallel.
    pub lanes: usize,
    /// Entries read per call.
    pub batch: usize,
    /// An entry pending this long with another consumer is taken over.
    pub claim_idle: Duration,
    /// How often to look for such entries.
    pub claim_every: Duration,
    /// The webhooks' arrival rate: the workers give way to a burst.
    pub intake: Arc<IntakeGauge>,
    /// Beaten at every turn of the reading loop; `/readyz` looks at it.
    pub alive: Arc<Heartbeat>,
}

/// When the workers' loop last turned. It turns at least every second or so
/// (a read waits a second at most); one that has not turned for
/// [`Heartbeat::STALE`] is dead or stuck, and the process is not ready.
#[derive(Debug)]
pub struct Heartbeat {
    started: std::time::Instant,
    last_ms: std::sync::atomic::AtomicU64,
}

impl Default for Heartbeat {
    fn default() -> Self {
        Self { started: std::time::Instant::now(), last_ms: std::sync::atomic::AtomicU64::new(0) }
    }
}

impl Heartbeat {
    pub const STALE: Duration = Duration::from_secs(60);

    pub fn beat(&self) {
        self.last_ms.store(self.started.elapsed().as_millis() as u64, std::sync::atomic::Ordering::Relaxed);
    }

    /// Time since the last beat (or since creation, before the first).
    pub fn silent_for(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(std::sync::atomic::Ordering::Relaxed));
        self.started.elapsed().saturating_sub(last)
    }
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            consumer: "afterhours".into(),
            lanes: 16,
            batch: 256,
            claim_idle: Duration::from_secs(30),
            claim_every: Duration::from_secs(10),
            intake: Arc::default(),
            alive: Arc::default(),
        }
    }
}

/// Runs until `shutdown` turns true; then stops reading, finishes the
/// events in hand and returns. What is left stays in the log.
pub async fn run(handler: Arc<Handler>, settings: WorkerSettings, mut shutdown: watch::Receiver<bool>) {
    let store = handler.store.clone();
    let mut lanes = Vec::with_capacity(settings.lanes);
    let mut tasks = JoinSet::new();
    for _ in 0..settings.lanes.max(1) {
        let (tx, rx) = mpsc::channel::<StreamEntry>(1024);
        lanes.push(tx);
        tasks.spawn(lane(handler.clone(), rx));
    }

    let mut backoff = Duration::from_millis(50);
    // What this consumer left unfinished last time comes first.
    loop {
        match store.read_pending(&settings.consumer, settings.batch).await {
            Ok(entries) if entries.is_empty() => break,
            Ok(entries) => {
                tracing::info!(count = entries.len(), "finishing events left pending by the last run");
                dispatch(&lanes, entries).await;
                // Pending entries stay listed until their lane acknowledges
                // them; read new ones meanwhile and let the sweep catch the rest.
                break;
            }
            Err(e) => {
                tracing::warn!(error = %e, "store unavailable; retrying");
                if wait_or_stop(&mut shutdown, backoff).await {
                    break;
                }
                backoff = (backoff * 2).min(Duration::from_secs(2));
            }
        }
    }

    let mut last_sweep = tokio::time::Instant::now();
    while !*shutdown.borrow() {
        settings.alive.beat();
        if last_sweep.elapsed() >= settings.claim_every {
            last_sweep = tokio::time::Instant::now();
            match store.claim_stale(&settings.consumer, settings.claim_idle, settings.batch).await {
                Ok(entries) if !entries.is_empty() => {
                    tracing::info!(count = entries.len(), "took over events left pending too long");
                    dispatch(&lanes, entries).await;
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not sweep pending events"),
            }
        }
        // Under a burst of webhooks, answering Meta comes first: the workers
        // read a few events at a time and give way in between.
        let mut batch = settings.batch;
        if settings.intake.give_way().await {
            metrics::counter!("afterhours_workers_gave_way_total").increment(1);
            batch = batch.min(BUSY_BATCH);
        }
        let read = tokio::select! {
            r = store.read_new(&settings.consumer, batch, Duration::from_secs(1)) => r,
            _ = shutdown.changed() => break,
        };
        match read {
            Ok(entries) => {
                backoff = Duration::from_millis(50);
                dispatch(&lanes, entries).await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not read the event log; retrying");
                if wait_or_stop(&mut shutdown, backoff).await {
                    break;
                }
                backoff = (backoff * 2).min(Duration::from_secs(2));
            }
        }
    }
    // Closing the lanes lets each finish what it holds, then end.
    drop(lanes);
    while tasks.join_next().await.is_some() {}
}

/// Sleeps for `d` unless shutdown comes first; true when shutting down.
async fn wait_or_stop(shutdown: &mut watch::Receiver<bool>, d: Duration) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(d) => *shutdown.borrow(),
        _ = shutdown.changed() => true,
    }
}

/// Sends each entry to its conversation's lane, oldest platform timestamp
/// first within the batch (Meta may deliver out of order).
async fn dispatch(lanes: &[mpsc::Sender<StreamEntry>], mut entries: Vec<StreamEntry>) {
    entries.sort_by_key(|e| e.event.as_ref().map(|e| e.timestamp_ms()).unwrap_or(0));
    for e in entries {
        let lane = match e.event.as_ref().ok().and_then(|ev| ev.key()) {
            Some(key) => {
                let mut h = DefaultHasher::new();
                key.hash(&mut h);
                (h.finish() % lanes.len() as u64) as usize
            }
            None => 0,
        };
        // A closed lane means shutdown: the entry stays pending in the log.
        let _ = lanes[lane].send(e).await;
    }
}

/// One lane: its conversations' entries, one at a time. Each is handled in
/// a task of its own, so a panic while handling one (a bug, a crafted
/// event) costs that entry, which stays pending for the sweep, and never the
/// lane: work sent here is always done.
async fn lane(handler: Arc<Handler>, mut rx: mpsc::Receiver<StreamEntry>) {
    while let Some(entry) = rx.recv().await {
        let id = entry.id.clone();
        let handler = handler.clone();
        let handled = tokio::spawn(async move { process(&handler, &handler.store, entry).await }).await;
        if let Err(e) = handled {
            metrics::counter!("afterhours_worker_panics_total").increment(1);
            tracing::error!(entry = %id, error = %e, "handling an event panicked; it stays pending for the sweep");
        }
    }
}

/// Handles one entry, retrying store errors a few times; an entry that
/// still fails stays pending and is taken over by a later sweep.
async fn process(handler: &Handler, store: &Arc<dyn Store>, entry: StreamEntry) {
    let event = match &entry.event {
        Ok(event @ Event::Unreadable { channel, key, reason, .. }) => {
            // Part of a webhook body the parser could not read (its raw JSON is in the entry).
            metrics::counter!("afterhours_events_unreadable_total", "channel" => channel.to_string()).increment(1);
            if key.is_some() {
                // Its customer gets a case saying so; the entry is acknowledged with the set-aside.
                if let Err(e) = handler.handle(event, None).await {
                    tracing::warn!(entry = %entry.id, error = %e, "could not open a case for an unreadable message");
                }
            }
            return set_aside(store, &entry.id, reason).await;
        }
        Ok(e) => e,
        // An entry that cannot be read back.
        Err(reason) => return set_aside(store, &entry.id, reason).await,
    };
    // Store errors (Redis restarting, a conversation busy elsewhere) are
    // tried again for a while; after that the entry waits for the sweep.
    let mut delay = Duration::from_millis(20);
    let give_up = tokio::time::Instant::now() + RETRY_FOR;
    for attempt in 1.. {
        // Acknowledged by the handler with its last write, unless a reply must be tried again.
        match handler.handle(event, Some(&entry.id)).await {
            Ok(done) if done.retry_later() => {
                // Left pending: the sweep hands it out again after `claim_idle`.
                tracing::info!(entry = %entry.id, "a reply could not be sent yet; the event stays in the log");
                return;
            }
            Ok(_) => return,
            Err(e) if tokio::time::Instant::now() + delay < give_up => {
                tracing::warn!(entry = %entry.id, attempt, error = %e, "event not handled yet; retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 3).min(Duration::from_secs(2));
            }
            Err(e) => {
                tracing::error!(entry = %entry.id, attempt, error = %e, "event left pending for a later sweep");
                return;
            }
        }
    }
}

/// Moves an entry nobody can handle to the dead-letter log, for a person.
async fn set_aside(store: &Arc<dyn Store>, entry_id: &str, reason: &str) {
    tracing::error!(entry = %entry_id, reason, "unreadable event kept aside in the dead-letter log");
    if let Err(e) = store.dead_letter(entry_id, reason).await {
        tracing::warn!(entry = %entry_id, error = %e, "could not move an unreadable event aside");
    }
}

/// Entries read at a time while the workers give way to a burst.
const BUSY_BATCH: usize = 32;

/// How long one entry is retried in its lane before the sweep takes over.
const RETRY_FOR: Duration = Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::{
        BoxFuture, Channel, ConversationKey, CustomerMessage, Outbound, Profile, SendError, SendTag,
    };
    use crate::service::{Clock, CoreHandle};
    use crate::store::MemoryStore;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Panics on its first send, then sends.
    struct PanicsOnce(AtomicUsize);

    impl Outbound for PanicsOnce {
        fn send<'a>(
            &'a self,
            _: &'a ConversationKey,
            _: &'a str,
            _: SendTag,
        ) -> BoxFuture<'a, Result<Vec<String>, SendError>> {
            Box::pin(async move {
                let n = self.0.fetch_add(1, Ordering::SeqCst);
                assert!(n > 0, "a bug in a send");
                Ok(vec![format!("sent-{n}")])
            })
        }

        fn profile<'a>(&'a self, _: &'a ConversationKey) -> BoxFuture<'a, Result<Profile, SendError>> {
            Box::pin(async { Ok(Profile::default()) })
        }
    }

    fn message(customer: &str, mid: &str) -> Event {
        Event::Message(CustomerMessage {
            key: ConversationKey { channel: Channel::Messenger, account: "P".into(), customer: customer.into() },
            mid: mid.into(),
            timestamp_ms: 1_764_291_600_000,
            text: Some("Hallo, waar is mijn pakket?".into()),
            attachments: vec![],
            customer_name: None,
            reply_to: None,
        })
    }

    #[tokio::test]
    async fn a_panic_while_handling_an_event_costs_that_event_not_its_lane() {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::new(Duration::from_secs(3600)));
        let outbound = Arc::new(PanicsOnce(AtomicUsize::new(0)));
        let engine = crate::engine::Engine::load_default().unwrap();
        let clock = Clock::starting_at(chrono::DateTime::from_timestamp(1_764_291_600, 0).unwrap());
        let handler = Arc::new(Handler::new(CoreHandle::new(engine), store.clone(), outbound.clone(), clock));
        let settings = WorkerSettings { lanes: 1, ..Default::default() };
        let alive = settings.alive.clone();
        let (stop, stopped) = watch::channel(false);
        let workers = tokio::spawn(run(handler, settings, stopped));
        store.append(&[message("U1", "m1")]).await.unwrap();
        store.append(&[message("U2", "m2")]).await.unwrap();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while outbound.0.load(Ordering::SeqCst) < 2 {
            assert!(tokio::time::Instant::now() < deadline, "the lane stopped after the panic");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(alive.silent_for() < Heartbeat::STALE);
        let _ = stop.send(true);
        workers.await.unwrap();
    }
}

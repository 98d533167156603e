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

async fn lane(handler: Arc<Handler>, mut rx: mpsc::Receiver<StreamEntry>) {
    while let Some(entry) = rx.recv().await {
        process(&handler, &handler.store, entry).await;
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

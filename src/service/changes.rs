//! Case changes pushed to the care team: one reader task per team follows
//! the team's stream of changes in the store (a blocking read), builds each
//! changed case's list view once, and hands it to every agent of that team
//! through a bounded broadcast buffer. A reader stops when its last agent
//! has gone. An agent that falls behind, or comes back with the id of the
//! last change it saw, catches up from the store's stream: nothing is lost
//! while the stream keeps it ([`crate::store::QUEUE_CHANGES_KEPT`] per team).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::broadcast;

use super::care::{Care, CaseView};
use crate::store::QueueChange;

/// Changes one agent may be behind before it catches up from the store.
pub const AGENT_BUFFER: usize = 256;
/// How long a reader's blocking read waits before it looks whether anyone still listens.
const READ_BLOCK: Duration = Duration::from_millis(1500);
/// Changes read per round trip.
const READ_COUNT: usize = 200;

/// One change as an agent receives it: the stream id and the case's list view (JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Pushed {
    pub id: String,
    pub case: Arc<str>,
}

/// The team readers of this process.
#[derive(Default)]
pub struct Hub {
    teams: Mutex<HashMap<String, broadcast::Sender<Pushed>>>,
}

/// A stream id (`<ms>-<n>`) as a pair that orders like the ids.
pub fn order_of(id: &str) -> (u64, u64) {
    let mut parts = id.splitn(2, '-');
    let ms = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let n = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (ms, n)
}

impl Hub {
    /// Changes of `team` from now on; starts the team's reader when it is
    /// the first to listen.
    pub async fn subscribe(
        self: &Arc<Self>,
        care: &Arc<Care>,
        team: &str,
    ) -> Result<broadcast::Receiver<Pushed>, crate::store::StoreError> {
        if let Some(tx) = self.lock().get(team) {
            return Ok(tx.subscribe());
        }
        // Where a new reader starts: after the newest change there is now.
        let head = care.store.queue_changes_head(team).await?;
        let mut teams = self.lock();
        if let Some(tx) = teams.get(team) {
            return Ok(tx.subscribe());
        }
        let (tx, rx) = broadcast::channel(AGENT_BUFFER);
        teams.insert(team.to_string(), tx.clone());
        tokio::spawn(read_team(self.clone(), care.clone(), team.to_string(), head, tx));
        Ok(rx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, broadcast::Sender<Pushed>>> {
        self.teams.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Team readers running now (for tests and the benchmark).
    pub fn readers(&self) -> usize {
        self.lock().len()
    }
}

/// Follows `team`'s stream from `after` and broadcasts each change, until
/// nobody listens.
async fn read_team(hub: Arc<Hub>, care: Arc<Care>, team: String, mut after: String, tx: broadcast::Sender<Pushed>) {
    loop {
        {
            // Under the hub's lock: a new agent either finds this reader
            // running or starts the next one.
            let mut teams = hub.lock();
            if tx.receiver_count() == 0 {
                teams.remove(&team);
                return;
            }
        }
        let changes = match care.store.queue_changes(&team, Some(&after), READ_COUNT, Some(READ_BLOCK)).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(team = %team, error = %e, "case stream: the store could not be read; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        for change in changes {
            after = change.id.clone();
            match view_of(&care, &change).await {
                Ok(Some(p)) => {
                    let _ = tx.send(p);
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(team = %team, case = change.case, error = %e, "case stream: a changed case could not be read")
                }
            }
        }
    }
}

/// The change as pushed: the case's list view now (`None` when its record is gone).
pub async fn view_of(care: &Care, change: &QueueChange) -> Result<Option<Pushed>, super::care::CareError> {
    let Some(view) = care.list_view(change.case).await? else { return Ok(None) };
    let json = serde_json::to_string(&view).unwrap_or_default();
    Ok(Some(Pushed { id: change.id.clone(), case: Arc::from(json) }))
}

/// The changes of `team` after `after` from the store (an agent catching
/// up), at most `count`.
pub async fn since(care: &Care, team: &str, after: &str, count: usize) -> Result<Vec<Pushed>, super::care::CareError> {
    let changes = care.store.queue_changes(team, Some(after), count, None).await?;
    let mut out = Vec::with_capacity(changes.len());
    for c in &changes {
        if let Some(p) = view_of(care, c).await? {
            out.push(p);
        }
    }
    Ok(out)
}

impl Care {
    /// Case `id` as a page of the queue shows it.
    pub async fn list_view(&self, id: u64) -> Result<Option<CaseView>, super::care::CareError> {
        let Some(key) = self.store.case_location(id).await? else { return Ok(None) };
        let Some(conv) = self.store.load(&key).await? else { return Ok(None) };
        let Some(case) = conv.find_case(id) else { return Ok(None) };
        Ok(Some(CaseView::build(&conv, case, &self.core.current(), self.clock.now(), self.grace, false)))
    }
}

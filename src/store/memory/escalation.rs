//! [`Escalations`] inside the process, for `chat` and `serve` without Redis.

use std::collections::HashMap;

use super::MemoryStore;
use crate::channels::BoxFuture;
use crate::store::escalation::Escalations;
use crate::store::StoreResult;

/// The schedule, the complaints per scope and the open incidents.
#[derive(Debug, Default)]
pub(super) struct EscalationState {
    due: HashMap<String, i64>,
    complaints: HashMap<String, HashMap<String, i64>>,
    /// scope -> open until (ms, the bot's clock)
    incidents: HashMap<String, i64>,
}

impl MemoryStore {
    fn esc(&self) -> std::sync::MutexGuard<'_, EscalationState> {
        self.escalations.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Escalations for MemoryStore {
    fn schedule<'a>(&'a self, member: &'a str, due_ms: i64) -> BoxFuture<'a, StoreResult<()>> {
        self.esc().due.insert(member.to_string(), due_ms);
        Box::pin(async { Ok(()) })
    }

    fn take_due(&self, now_ms: i64, lease_until_ms: i64, limit: usize) -> BoxFuture<'_, StoreResult<Vec<String>>> {
        let mut state = self.esc();
        let mut due: Vec<(i64, String)> =
            state.due.iter().filter(|(_, t)| **t <= now_ms).map(|(m, t)| (*t, m.clone())).collect();
        due.sort();
        due.truncate(limit.max(1));
        for (_, m) in &due {
            state.due.insert(m.clone(), lease_until_ms);
        }
        let taken = due.into_iter().map(|(_, m)| m).collect();
        Box::pin(async { Ok(taken) })
    }

    fn unschedule<'a>(&'a self, member: &'a str) -> BoxFuture<'a, StoreResult<()>> {
        self.esc().due.remove(member);
        Box::pin(async { Ok(()) })
    }

    fn note_complaint<'a>(
        &'a self,
        scope: &'a str,
        customer: &'a str,
        at_ms: i64,
        window_ms: i64,
    ) -> BoxFuture<'a, StoreResult<Vec<i64>>> {
        let mut state = self.esc();
        let times = state.complaints.entry(scope.to_string()).or_default();
        times.insert(customer.to_string(), at_ms);
        times.retain(|_, t| *t > at_ms - window_ms);
        let out = times.values().copied().collect();
        Box::pin(async { Ok(out) })
    }

    fn incident_open<'a>(&'a self, scope: &'a str, now_ms: i64) -> BoxFuture<'a, StoreResult<bool>> {
        let open = self.esc().incidents.get(scope).is_some_and(|until| *until > now_ms);
        Box::pin(async move { Ok(open) })
    }

    fn open_incident<'a>(&'a self, scope: &'a str, now_ms: i64, ttl_ms: i64) -> BoxFuture<'a, StoreResult<bool>> {
        let mut state = self.esc();
        let opened = state.incidents.get(scope).is_none_or(|until| *until <= now_ms);
        state.incidents.insert(scope.to_string(), now_ms + ttl_ms);
        Box::pin(async move { Ok(opened) })
    }
}

//! The escalation port: the schedule of chain steps and incident alerts
//! (due times that survive a restart and are shared by every process), and
//! the complaints of the last minutes per page or post, for bursts.

use crate::channels::BoxFuture;

use super::StoreResult;

/// What the escalation runner needs from the store.
pub trait Escalations: Send + Sync {
    /// Puts `member` on the schedule at `due_ms`, or moves it there.
    fn schedule<'a>(&'a self, member: &'a str, due_ms: i64) -> BoxFuture<'a, StoreResult<()>>;

    /// Up to `limit` members due at `now_ms`, each leased to the caller:
    /// moved to `lease_until_ms`, so another process does not take it
    /// meanwhile, and it comes back by itself if the caller dies.
    fn take_due(&self, now_ms: i64, lease_until_ms: i64, limit: usize) -> BoxFuture<'_, StoreResult<Vec<String>>>;

    /// Takes `member` off the schedule (its chain is over).
    fn unschedule<'a>(&'a self, member: &'a str) -> BoxFuture<'a, StoreResult<()>>;

    /// Records that `customer` complained about `scope` at `at_ms`, forgets
    /// complaints older than `window_ms`, and answers the times of those
    /// left (one per customer, the latest).
    fn note_complaint<'a>(
        &'a self,
        scope: &'a str,
        customer: &'a str,
        at_ms: i64,
        window_ms: i64,
    ) -> BoxFuture<'a, StoreResult<Vec<i64>>>;

    /// Is an incident open on `scope` at `now_ms`?
    fn incident_open<'a>(&'a self, scope: &'a str, now_ms: i64) -> BoxFuture<'a, StoreResult<bool>>;

    /// Opens the incident of `scope` unless one is open, and keeps it open
    /// for `ttl_ms` more; answers whether this call opened it (of several
    /// processes, one does).
    fn open_incident<'a>(&'a self, scope: &'a str, now_ms: i64, ttl_ms: i64) -> BoxFuture<'a, StoreResult<bool>>;
}

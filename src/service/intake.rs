//! How fast webhooks are arriving, so the workers can give way to them.
//!
//! Meta wants each webhook answered within seconds and retries (and in the
//! end unsubscribes) when it is not; an event is safe once it is in the log,
//! and its reply can follow a little later. So while webhooks arrive faster
//! than [`BUSY_PER_SECOND`], the workers read less often and leave the CPU
//! to the webhook handler; at ordinary rates they read as soon as an event
//! is there.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// From this many webhooks a second (in one process) the intake comes first.
pub const BUSY_PER_SECOND: u64 = 5_000;

/// The longest a worker waits for a burst to pass before it reads anyway:
/// replies slow down under a burst, they never stop.
pub const MAX_GIVE_WAY: Duration = Duration::from_millis(250);

/// The width of one counting window.
const WINDOW_MS: u64 = 100;

/// Webhooks counted in windows of [`WINDOW_MS`]; lock-free.
#[derive(Debug)]
pub struct IntakeGauge {
    started: Instant,
    /// The index of the window being counted.
    window: AtomicU64,
    /// Webhooks in that window so far.
    count: AtomicU64,
    /// Webhooks in the window before it.
    previous: AtomicU64,
}

impl Default for IntakeGauge {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            window: AtomicU64::new(0),
            count: AtomicU64::new(0),
            previous: AtomicU64::new(0),
        }
    }
}

impl IntakeGauge {
    fn window_now(&self) -> u64 {
        self.started.elapsed().as_millis() as u64 / WINDOW_MS
    }

    /// One webhook arrived.
    pub fn record(&self) {
        let now = self.window_now();
        let current = self.window.load(Ordering::Relaxed);
        if now != current && self.window.compare_exchange(current, now, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            let finished = self.count.swap(1, Ordering::AcqRel);
            self.previous.store(if now == current + 1 { finished } else { 0 }, Ordering::Release);
        } else {
            self.count.fetch_add(1, Ordering::AcqRel);
        }
    }

    /// Webhooks a second, over the last full window (or the current one
    /// when it already holds more); zero after a quiet window.
    pub fn per_second(&self) -> u64 {
        let now = self.window_now();
        let current = self.window.load(Ordering::Acquire);
        let per_window = if now == current {
            self.previous.load(Ordering::Acquire).max(self.count.load(Ordering::Acquire))
        } else if now == current + 1 {
            self.count.load(Ordering::Acquire)
        } else {
            0
        };
        per_window * (1000 / WINDOW_MS)
    }

    pub fn busy(&self) -> bool {
        self.per_second() >= BUSY_PER_SECOND
    }

    /// Waits while webhooks arrive faster than [`BUSY_PER_SECOND`], for at
    /// most [`MAX_GIVE_WAY`]; answers whether it waited at all.
    pub async fn give_way(&self) -> bool {
        let started = tokio::time::Instant::now();
        let mut waited = false;
        while self.busy() && started.elapsed() < MAX_GIVE_WAY {
            tokio::time::sleep(Duration::from_millis(WINDOW_MS / 4)).await;
            waited = true;
        }
        waited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_gauge_is_not_busy() {
        let g = IntakeGauge::default();
        assert_eq!(g.per_second(), 0);
        assert!(!g.busy());
    }

    #[test]
    fn a_burst_makes_it_busy() {
        let g = IntakeGauge::default();
        for _ in 0..BUSY_PER_SECOND {
            g.record();
        }
        // However the windows fell, a whole second's worth at once is a burst.
        assert!(g.per_second() >= BUSY_PER_SECOND, "{}", g.per_second());
        assert!(g.busy());
    }

    #[tokio::test]
    async fn a_quiet_gauge_does_not_hold_the_workers_back() {
        assert!(!IntakeGauge::default().give_way().await);
    }

    #[test]
    fn a_few_webhooks_are_not_a_burst() {
        let g = IntakeGauge::default();
        for _ in 0..(BUSY_PER_SECOND / 10 / 2) {
            g.record();
        }
        assert!(!g.busy(), "{}", g.per_second());
    }
}

//! The application: wires the decision core to the store and the channels.
//! [`CoreHandle`] holds the loaded flows and locales (swapped on reload),
//! [`handle::Handler`] handles one event, [`workers`] read the event log.

pub mod billing;
pub mod care;
pub mod cases;
pub mod changes;
pub mod comments;
pub mod conversation;
pub mod escalation;
pub mod handle;
pub mod intake;
pub mod labels;
pub mod link_views;
pub mod links;
pub mod lock;
pub mod overdue;
pub mod queue;
pub mod reload;
pub mod templates;
pub mod workers;

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};

use crate::engine::Engine;

/// The current flows and locales. Each event takes the `Arc` once, so a
/// reload never mixes two versions in the handling of one message.
#[derive(Debug, Clone)]
pub struct CoreHandle(Arc<RwLock<Arc<Engine>>>);

impl CoreHandle {
    pub fn new(engine: Engine) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(engine))))
    }

    pub fn current(&self) -> Arc<Engine> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts a new version live; requests in flight finish on the old one.
    pub fn replace(&self, engine: Engine) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(engine);
    }
}

/// The bot's clock: real time, or real time shifted so that it starts at a
/// chosen moment (`chat --at`, `serve --at` for demos and tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    pub fn real() -> Self {
        Self::default()
    }

    /// A clock that reads `at` now and runs on from there.
    pub fn starting_at(at: DateTime<Utc>) -> Self {
        Self { offset: at - Utc::now() }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

//! afterhours: the after-hours care bot for Messenger, Instagram and WhatsApp.
//!
//! A tour of `src/`:
//! - [`domain`]: the pure decision core: opening hours ([`domain::hours`]),
//!   holiday calendars ([`domain::calendar`]), language detection, message
//!   kinds, FAQ intents, the acknowledgement policy and the escalation plans
//!   ([`domain::escalation`]). No I/O; the clock is an argument.
//! - [`flows`]: reads and checks the human-edited `flows/*.toml` into a
//!   [`domain::Playbook`], with `file:line: field` errors.
//! - [`i18n`]: the Fluent catalog of `locales/`, and the rendering of a
//!   decision into labelled text in the customer's language and time zone;
//!   `i18n::check` and `i18n::status` are the translators' checks.
//! - [`engine`]: flows + locales + detector loaded together; `handle()` turns
//!   one message into a decision and the replies to send.
//! - [`channels`]: Meta's webhooks in (signature, payloads) and the Graph
//!   API out; the terminal channel of `chat`.
//! - [`store`]: the event log, conversation records, locks and the case
//!   index: Redis in production, in-process for `chat`.
//! - [`service`]: handling events (workers), the care team's cases and
//!   actions, the overdue watcher, the escalation chains, live reload.
//! - [`http`]: the webhook, the agent API, `/metrics` and health.
//! - [`cli`]: the commands of the binary (`preview`, `eval`, `locales`,
//!   `serve`, `chat`, `dead`).

pub mod channels;
pub mod cli;
pub mod config;
pub mod domain;
pub mod engine;
pub mod flows;
pub mod http;
pub mod i18n;
pub mod service;
pub mod startup;
pub mod store;
pub mod telemetry;

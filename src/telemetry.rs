//! Logging: human-readable text or one JSON object per line, filtered by
//! `RUST_LOG` (default `info` for `serve`, `warn` for `chat`). Customer text is only ever logged at debug.
//!
//! Metrics: counters and histograms are recorded where things happen
//! (through the `metrics` facade) into a Prometheus recorder; gauges of the
//! queue are refreshed in the background (never by a scrape, whose cost
//! stays the same however long the queue). Every family of [`FAMILIES`] is
//! described (HELP, TYPE) and present from the start, at zero for the
//! labels known then. The names are in the README.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;

/// `default_level` applies when `RUST_LOG` is not set.
pub fn init(format: &str, default_level: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests) keeps the first subscriber.
    let _ = if format == "json" { builder.json().try_init() } else { builder.try_init() };
}

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Seconds: from a few milliseconds (webhooks) to days (a person's first
/// reply after a holiday weekend).
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];
const RESPONSE_BUCKETS: [f64; 12] =
    [1.0, 5.0, 30.0, 60.0, 300.0, 900.0, 1800.0, 3600.0, 14400.0, 28800.0, 86400.0, 259200.0];

/// Installs the recorder once per process; later calls get the same handle.
pub fn install_metrics() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full("afterhours_webhook_seconds".into()), &LATENCY_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full("afterhours_first_response_seconds".into()),
                        &RESPONSE_BUCKETS,
                    )
                })
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full("afterhours_escalation_ack_seconds".into()),
                        &RESPONSE_BUCKETS,
                    )
                });
            match builder.and_then(|b| b.install_recorder()) {
                Ok(h) => {
                    keep_up(h.clone());
                    Some(h)
                }
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed; /metrics will be empty");
                    None
                }
            }
        })
        .clone()
}

/// Drains the histograms' samples into their buckets every few seconds.
/// Without it every sample is kept until `/metrics` is scraped, so a bot
/// nobody scrapes would grow by a few bytes per message for ever.
fn keep_up(handle: PrometheusHandle) {
    let spawned = std::thread::Builder::new().name("metrics-upkeep".into()).spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(5));
        handle.run_upkeep();
    });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "metrics upkeep not started; histograms are drained only when /metrics is scraped");
    }
}

/// What a family counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Counter,
    Gauge,
    Histogram,
}

/// Every metric family: name, type, HELP text, and its label (if any).
pub const FAMILIES: &[(&str, Family, &str, &[&str])] = &[
    ("afterhours_webhooks_total", Family::Counter, "Webhook POSTs by outcome.", &["outcome"]),
    ("afterhours_webhook_seconds", Family::Histogram, "Seconds from receipt to answer of a webhook POST.", &[]),
    (
        "afterhours_events_unreadable_total",
        Family::Counter,
        "Webhook events kept in the dead-letter log, by channel.",
        &["channel"],
    ),
    (
        "afterhours_messages_received_total",
        Family::Counter,
        "Customer messages handled, by channel and language.",
        &["channel", "language"],
    ),
    ("afterhours_acknowledgements_total", Family::Counter, "Acknowledgements sent, by kind of message.", &["kind"]),
    ("afterhours_faq_answers_total", Family::Counter, "Frequent questions answered, by intent.", &["intent"]),
    ("afterhours_thanks_total", Family::Counter, "Thanks answered.", &[]),
    ("afterhours_comments_received_total", Family::Counter, "Public comments of customers received, by channel.", &["channel"]),
    ("afterhours_comment_public_replies_total", Family::Counter, "Public replies the bot posted under comments, by channel.", &["channel"]),
    ("afterhours_comment_private_replies_total", Family::Counter, "Private Replies the bot sent to comments, by channel.", &["channel"]),
    ("afterhours_comments_hidden_total", Family::Counter, "Spam comments hidden, by channel.", &["channel"]),
    (
        "afterhours_comment_replies_capped_total",
        Family::Counter,
        "Public replies not posted because of a cap (one per customer per post per closed period; the page's per-post hourly cap): left to a person.",
        &["reason"],
    ),
    ("afterhours_handoffs_total", Family::Counter, "Cases opened, by team.", &["team"]),
    ("afterhours_queue_depth", Family::Gauge, "Cases waiting for a person, by team.", &["team"]),
    ("afterhours_queue_oldest_waiting_seconds", Family::Gauge, "Age of the oldest waiting case, by team.", &["team"]),
    ("afterhours_overdue_cases", Family::Gauge, "Waiting cases past their due time, by team.", &["team"]),
    ("afterhours_overdue_cases_total", Family::Counter, "Cases that became overdue, by team.", &["team"]),
    ("afterhours_promises_total", Family::Counter, "Promised reply times kept or broken.", &["outcome"]),
    (
        "afterhours_first_response_seconds",
        Family::Histogram,
        "Seconds from a customer message to the first reply, by bot or human.",
        &["by"],
    ),
    (
        "afterhours_graph_errors_total",
        Family::Counter,
        "Graph API errors by Meta error code (none: timeouts, 5xx).",
        &["code"],
    ),
    ("afterhours_event_log_backlog", Family::Gauge, "Events accepted and not handled yet.", &[]),
    ("afterhours_workers_gave_way_total", Family::Counter, "Times the workers held back for a burst of webhooks.", &[]),
    (
        "afterhours_worker_panics_total",
        Family::Counter,
        "Events whose handling panicked (left pending for the sweep).",
        &[],
    ),
    (
        "afterhours_floods_total",
        Family::Counter,
        "Conversations flagged for a flood of messages, by channel.",
        &["channel"],
    ),
    (
        "afterhours_replays_refused_total",
        Family::Counter,
        "Messages older than the store remembers, not answered, by channel.",
        &["channel"],
    ),
    ("afterhours_closer_replies_total", Family::Counter, "Closing messages (\"ok thanks\") answered with one short line.", &[]),
    (
        "afterhours_write_again_total",
        Family::Counter,
        "After-hours acknowledgements that asked the customer to write again because the reply window closes before a person is back, by channel.",
        &["channel"],
    ),
    (
        "afterhours_windows_closed_unanswered_total",
        Family::Counter,
        "Cases whose customer's reply window closed before a person answered, by channel (counted once per case).",
        &["channel"],
    ),
    (
        "afterhours_templates_sent_total",
        Family::Counter,
        "WhatsApp templates people sent from the console or the agent API, by purpose and outcome (sent, refused).",
        &["purpose", "outcome"],
    ),
    (
        "afterhours_escalations_total",
        Family::Counter,
        "Escalations started, by trigger (urgent_after_hours, repeat_writer, incident).",
        &["trigger"],
    ),
    (
        "afterhours_escalation_alerts_total",
        Family::Counter,
        "Escalation and incident alerts, by outcome (sent, failed after retries, not_configured).",
        &["outcome"],
    ),
    ("afterhours_escalations_acknowledged_total", Family::Counter, "Escalation chains stopped by a person taking the case.", &[]),
    (
        "afterhours_escalation_ack_seconds",
        Family::Histogram,
        "Seconds from a case escalating to a person acknowledging it.",
        &[],
    ),
    (
        "afterhours_escalation_chains_exhausted_total",
        Family::Counter,
        "Escalation chains whose every contact was alerted and nobody acknowledged in time.",
        &[],
    ),
    (
        crate::service::billing::SENT,
        Family::Counter,
        "WhatsApp messages sent, as Meta's `sent` status reports them, by number (page), pricing category and pricing type.",
        &["page", "category", "pricing_type"],
    ),
    (
        crate::service::billing::BILLED,
        Family::Counter,
        "WhatsApp messages Meta bills (pricing type `regular`), by number (page) and pricing category.",
        &["page", "category"],
    ),
    (
        crate::service::billing::TEMPLATE_STATUS,
        Family::Counter,
        "WhatsApp template status updates from Meta (APPROVED, PAUSED, DISABLED, …), by template, language and event.",
        &["name", "language", "event"],
    ),
];

/// The label values known at start: every family appears at once (a
/// dashboard or an alert on `rate()` needs the series before the first event).
pub struct KnownLabels<'a> {
    pub teams: &'a [String],
    pub intents: &'a [String],
    pub kinds: &'a [String],
    pub languages: &'a [String],
    /// The WhatsApp numbers of pages.toml.
    pub whatsapp_pages: &'a [String],
    /// The template purposes, names and Meta language codes of templates.toml.
    pub purposes: &'a [String],
    pub templates: &'a [String],
    pub template_codes: &'a [String],
}

/// Describes every family and sets its known series to zero; once the
/// recorder is installed.
pub fn announce_families(known: &KnownLabels<'_>) {
    for &(name, family, help, labels) in FAMILIES {
        match family {
            Family::Counter => metrics::describe_counter!(name, help),
            Family::Gauge => metrics::describe_gauge!(name, help),
            Family::Histogram => metrics::describe_histogram!(name, help),
        }
        // Every combination of the known values of the family's labels.
        let mut series: Vec<Vec<metrics::Label>> = vec![Vec::new()];
        for &label in labels {
            let values = known_values(name, label, known);
            series = series
                .into_iter()
                .flat_map(|s| {
                    values.iter().map(move |v| {
                        let mut s = s.clone();
                        s.push(metrics::Label::new(label, v.clone()));
                        s
                    })
                })
                .collect();
        }
        for labels in series {
            match family {
                Family::Counter => metrics::counter!(name, labels).increment(0),
                Family::Gauge => metrics::gauge!(name, labels).set(0.0),
                // Registered without a sample: it shows with empty buckets.
                Family::Histogram => drop(metrics::histogram!(name, labels)),
            }
        }
    }
}

fn known_values(family: &str, label: &str, known: &KnownLabels<'_>) -> Vec<String> {
    let fixed = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    match label {
        "outcome" if family == "afterhours_promises_total" => fixed(&["kept", "broken"]),
        "outcome" if family == "afterhours_templates_sent_total" => fixed(&["sent", "refused"]),
        "outcome" if family == "afterhours_escalation_alerts_total" => fixed(&["sent", "failed", "not_configured"]),
        "trigger" => fixed(&["urgent_after_hours", "repeat_writer", "incident"]),
        "language" if family == crate::service::billing::TEMPLATE_STATUS => known.template_codes.to_vec(),
        "page" => known.whatsapp_pages.to_vec(),
        "category" => fixed(&["service", "utility", "marketing", "authentication"]),
        "pricing_type" => fixed(&["regular", "free_customer_service", "free_entry_point"]),
        "purpose" => known.purposes.to_vec(),
        "name" => known.templates.to_vec(),
        "event" => fixed(&["APPROVED", "PAUSED", "DISABLED"]),
        "reason" if family == "afterhours_comment_replies_capped_total" => fixed(&["customer_post", "post_hour"]),
        "outcome" => fixed(&["accepted", "bad_signature", "malformed", "unavailable"]),
        "channel" => fixed(&["messenger", "instagram", "whatsapp"]),
        "by" => fixed(&["bot", "human"]),
        "code" => fixed(&["none"]),
        "team" => known.teams.to_vec(),
        "intent" => known.intents.to_vec(),
        "kind" => known.kinds.to_vec(),
        "language" => known.languages.to_vec(),
        _ => Vec::new(),
    }
}

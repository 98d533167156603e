//! Logging: human-readable text or one JSON object per line, filtered by
//! `RUST_LOG` (default `info` for `serve`, `warn` for `chat`). Customer text is only ever logged at debug.
//!
//! Metrics: counters and histograms are recorded where things happen
//! (through the `metrics` facade) into a Prometheus recorder; gauges of the
//! queue are computed when `/metrics` is scraped. The names are in the README.

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
                });
            match builder.and_then(|b| b.install_recorder()) {
                Ok(h) => {
                    keep_up(h.clone());
                    describe();
                    crate::service::billing::describe();
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

/// The HELP lines of `/metrics`.
fn describe() {
    metrics::describe_counter!(
        "afterhours_windows_closed_unanswered_total",
        "Cases whose customer's reply window closed before a person answered, by channel (counted once per case)"
    );
    metrics::describe_counter!(
        "afterhours_write_again_total",
        "After-hours acknowledgements that asked the customer to write again because the reply window closes before a person is back, by channel"
    );
}

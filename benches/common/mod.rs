//! What the load benchmarks share: the bot's settings, starting it in
//! process, percentiles.
#![allow(dead_code)]

use std::collections::HashMap;
use std::time::Duration;

use afterhours::config::Secret;
use afterhours::startup::Application;

pub const SECRET: &str = "bench-secret";
pub const PAGE: &str = "104880000000001";

pub fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Agents `agent0`..`agentN` with tokens `token-agent0`...
pub fn settings(redis_url: &str, graph_url: &str, prefix: &str, agents: usize) -> afterhours::config::Settings {
    afterhours::config::Settings {
        flows: afterhours::engine::default_dir("flows"),
        locales: afterhours::engine::default_dir("locales"),
        redis_url: Some(redis_url.to_string()),
        redis_prefix: prefix.to_string(),
        retention: Duration::from_secs(86400),
        app_secret: Secret::new(SECRET),
        verify_token: Secret::new("v"),
        app_id: None,
        page_token: Some(Secret::new("bench-token")),
        whatsapp_token: None,
        account_tokens: HashMap::new(),
        graph_url: graph_url.to_string(),
        graph_timeout: Duration::from_secs(10),
        bind: "127.0.0.1:0".parse().unwrap(),
        consumer: format!("bench-{prefix}"),
        claim_idle: Duration::from_secs(30),
        agents: (0..agents).map(|i| (format!("agent{i}"), Secret::new(format!("token-agent{i}")))).collect(),
        trusted_proxies: Vec::new(),
        metrics_token: None,
        queue_gauges: std::time::Duration::from_secs(15),
        overdue_grace: chrono::Duration::minutes(15),
        alert_url: None,
        public_url: None,
        overdue_check: Duration::from_secs(30),
        // Saturday 02:00 in Amsterdam: every message gets an acknowledgement.
        at: Some("2026-11-28T01:00:00Z".parse().unwrap()),
    }
}

/// `afterhours serve` running in this process.
pub struct Bot {
    /// Its base URL.
    pub url: String,
    stop: tokio::sync::oneshot::Sender<()>,
    running: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Bot {
    /// Stops it as SIGTERM would, so an idle bot (its overdue watcher, its
    /// workers' reads) does not share the CPU with the next measurement.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(30), self.running).await;
    }
}

/// Starts `afterhours serve` in this process.
pub async fn start_bot(settings: afterhours::config::Settings) -> Bot {
    // Lingua's models are loaded once per process: load them before timing.
    afterhours::engine::Engine::load_default().expect("shipped flows").warm_up(chrono::Utc::now());
    let app = Application::build(settings).await.expect("build afterhours");
    let url = format!("http://127.0.0.1:{}", app.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    Bot { url, stop, running }
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

pub fn num_cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// CPU time counters of the whole machine (`/proc/stat`): (stolen by the
/// host, all). On a shared VM a noisy neighbour shows as steal; figures
/// measured under heavy steal say more about the neighbour than about us.
pub fn cpu_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<u64> =
        stat.lines().next().unwrap_or("").split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
    (fields.get(7).copied().unwrap_or(0), fields.iter().take(8).sum())
}

/// The share of CPU time the host took since `before` (from [`cpu_ticks`]).
pub fn steal_since(before: (u64, u64)) -> String {
    let now = cpu_ticks();
    let (steal, all) = (now.0.saturating_sub(before.0), now.1.saturating_sub(before.1));
    if all == 0 {
        return "steal unknown".into();
    }
    format!("{:.0}% of the CPU stolen by the host", 100.0 * steal as f64 / all as f64)
}

/// CPU time (user + system, seconds) process `pid` has used so far, from
/// `/proc/<pid>/stat` (in ticks of 1/100 s, the Linux default).
pub fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line; the state (field 3) comes first after the name.
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (ticks(11) + ticks(12)) as f64 / 100.0
}

//! Builds the running bot from its settings: loads flows and locales,
//! opens the store, binds the listener and starts the workers.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::channels::meta::{GraphClient, GraphSettings};
use crate::config::Settings;
use crate::engine::Engine;
use crate::http::agent::AgentAuth;
use crate::http::{router, AppState};
use crate::service::care::Care;
use crate::service::handle::Handler;
use crate::service::overdue::Watcher;
use crate::service::reload;
use crate::service::workers::{self, WorkerSettings};
use crate::service::{Clock, CoreHandle};
use crate::store::{MemoryStore, RedisStore, Store};

/// How often `flows/` and `locales/` are looked at for changes.
const RELOAD_POLL: Duration = Duration::from_secs(1);

/// Opens Redis when a URL is given, else the in-process store (and says
/// that nothing survives a restart).
pub async fn open_store(redis_url: Option<&str>, prefix: &str, retention: Duration) -> anyhow::Result<Arc<dyn Store>> {
    match redis_url {
        Some(url) => {
            let store = RedisStore::connect(url, prefix, retention)
                .await
                .with_context(|| format!("connecting to Redis at REDIS_URL ({})", redact_url(url)))?;
            tracing::info!(url = %redact_url(url), "store: Redis");
            Ok(Arc::new(store))
        }
        None => {
            tracing::warn!("REDIS_URL is not set: using an in-process store; nothing survives a restart");
            Ok(Arc::new(MemoryStore::new(retention)))
        }
    }
}

/// A Redis URL without its password, for logs and errors.
pub fn redact_url(url: &str) -> String {
    url.split(',')
        .map(|url| match (url.find("://"), url.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => format!("{}://***@{}", &url[..scheme], &url[at + 1..]),
            _ => url.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub struct Application {
    listener: TcpListener,
    /// The directories watched for live reload.
    content: (std::path::PathBuf, std::path::PathBuf),
    state: AppState,
    handler: Arc<Handler>,
    workers: WorkerSettings,
    watcher: Watcher,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let engine = Engine::load(&settings.flows, &settings.locales).map_err(|e| {
            anyhow::anyhow!(
                "the configuration has problems:\n{e}\n(flows: {}, locales: {})",
                settings.flows.display(),
                settings.locales.display()
            )
        })?;
        let core = CoreHandle::new(engine);
        let store = open_store(settings.redis_url.as_deref(), &settings.redis_prefix, settings.retention).await?;
        let graph = GraphClient::new(GraphSettings {
            base_url: settings.graph_url.clone(),
            page_token: settings.page_token.as_ref().map(|s| s.expose().to_string()),
            whatsapp_token: settings.whatsapp_token.as_ref().map(|s| s.expose().to_string()),
            account_tokens: settings.account_tokens.iter().map(|(k, v)| (k.clone(), v.expose().to_string())).collect(),
            ..GraphSettings::default()
        })
        .context("building the Graph API client")?;
        crate::service::lock::set_owner(&settings.consumer);
        let clock = settings.at.map(Clock::starting_at).unwrap_or_default();
        let graph: Arc<dyn crate::channels::Outbound> = Arc::new(graph);
        let mut handler = Handler::new(core.clone(), store.clone(), graph.clone(), clock);
        handler.app_id = settings.app_id.clone();
        handler.overdue_grace = settings.overdue_grace;
        let listener =
            TcpListener::bind(settings.bind).await.with_context(|| format!("binding BIND_ADDR {}", settings.bind))?;
        let care = Arc::new(Care {
            core: core.clone(),
            store: store.clone(),
            outbound: graph,
            clock,
            grace: settings.overdue_grace,
        });
        if settings.agents.is_empty() {
            tracing::warn!("no AGENT_TOKENS or AGENT_TOKENS_FILE: the agent API and the console refuse everyone");
        } else {
            let names: Vec<&str> = settings.agents.iter().map(|(n, _)| n.as_str()).collect();
            tracing::info!(agents = %names.join(","), "care staff who may sign in");
        }
        let watcher = Watcher::new(care.clone(), settings.alert_url.clone(), settings.overdue_check);
        let intake = Arc::new(crate::service::intake::IntakeGauge::default());
        let state = AppState {
            intake: intake.clone(),
            core,
            store,
            app_secret: settings.app_secret.clone(),
            verify_token: settings.verify_token.clone(),
            care,
            agents: Arc::new(AgentAuth::new(settings.agents.clone())),
            metrics: crate::telemetry::install_metrics(),
        };
        let workers = WorkerSettings {
            consumer: settings.consumer.clone(),
            claim_idle: settings.claim_idle,
            claim_every: settings.claim_idle.min(Duration::from_secs(10)),
            intake,
            ..Default::default()
        };
        Ok(Self {
            listener,
            content: (settings.flows.clone(), settings.locales.clone()),
            state,
            handler: Arc::new(handler),
            workers,
            watcher,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until `shutdown` completes: then stops accepting, lets the
    /// requests in flight finish, and lets the workers finish the events in
    /// hand. Events not yet read stay in the log for the next process.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        // Lingua loads its models on first use: load them now, beside the
        // first requests, instead of inside the first customers' replies.
        let (core, now) = (self.state.core.clone(), self.handler.clock.now());
        tokio::task::spawn_blocking(move || core.current().warm_up(now));
        let workers = tokio::spawn(workers::run(self.handler.clone(), self.workers.clone(), stop_rx.clone()));
        let (flows, locales) = self.content.clone();
        tokio::spawn(reload::watch_files(self.state.core.clone(), flows, locales, RELOAD_POLL, stop_rx.clone()));
        tokio::spawn(self.watcher.run(stop_rx));
        tracing::info!(addr = %self.listener.local_addr()?, consumer = %self.workers.consumer, "afterhours serving");
        let app = router(self.state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, app).with_graceful_shutdown(shutdown).await.context("serving HTTP")?;
        tracing::info!("stopping: finishing the events in hand");
        let _ = stop_tx.send(true);
        let _ = workers.await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_redis_urls_are_not_shown() {
        assert_eq!(redact_url("redis://:hunter2@cache:6379/0"), "redis://***@cache:6379/0");
        assert_eq!(redact_url("redis://127.0.0.1:6379"), "redis://127.0.0.1:6379");
        assert_eq!(redact_url("redis://:a@n1:6379,redis://:b@n2:6379"), "redis://***@n1:6379,redis://***@n2:6379");
    }
}

//! Builds the running bot from its settings: loads flows and locales,
//! opens the store, binds the listener and starts the workers.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::channels::meta::{GraphClient, GraphSettings};
pub use crate::config::redact_url;
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

pub struct Application {
    listener: TcpListener,
    /// The directories watched for live reload.
    content: (std::path::PathBuf, std::path::PathBuf),
    state: AppState,
    handler: Arc<Handler>,
    workers: WorkerSettings,
    /// How the workers' thread opens connections of its own.
    own: OwnConnections,
    watcher: Watcher,
    escalator: Arc<crate::service::escalation::Escalator>,
    /// How often the queue's gauges are refreshed.
    queue_gauges: Duration,
}

/// What the workers' thread needs to open its own store connection and
/// Graph API client: with them, one event's steps (read, lock, send, write)
/// stay on that thread instead of waking the server's threads at each one.
#[derive(Clone)]
struct OwnConnections {
    redis_url: Option<String>,
    prefix: String,
    retention: Duration,
    graph: GraphSettings,
}

impl OwnConnections {
    /// A handler like `shared` on connections made on the calling runtime;
    /// the in-process store is shared as it is (it has no connection).
    async fn handler(&self, shared: &Handler) -> anyhow::Result<Handler> {
        let store: Arc<dyn Store> = match &self.redis_url {
            Some(url) => Arc::new(RedisStore::connect(url, &self.prefix, self.retention).await?),
            None => shared.store.clone(),
        };
        let outbound: Arc<dyn crate::channels::Outbound> = Arc::new(GraphClient::new(self.graph.clone())?);
        Ok(Handler {
            core: shared.core.clone(),
            store,
            outbound,
            clock: shared.clock,
            app_id: shared.app_id.clone(),
            handled: shared.handled.clone(),
            overdue_grace: shared.overdue_grace,
            remembers_for: shared.remembers_for,
            escalator: shared.escalator.clone(),
        })
    }
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
        crate::engine::return_freed_memory();
        let core = CoreHandle::new(engine);
        let store = open_store(settings.redis_url.as_deref(), &settings.redis_prefix, settings.retention).await?;
        let graph_settings = GraphSettings {
            base_url: settings.graph_url.clone(),
            page_token: settings.page_token.as_ref().map(|s| s.expose().to_string()),
            whatsapp_token: settings.whatsapp_token.as_ref().map(|s| s.expose().to_string()),
            account_tokens: settings.account_tokens.iter().map(|(k, v)| (k.clone(), v.expose().to_string())).collect(),
            timeout: settings.graph_timeout,
            ..GraphSettings::default()
        };
        let graph = GraphClient::new(graph_settings.clone()).context("building the Graph API client")?;
        crate::service::lock::set_owner(&settings.consumer);
        let clock = settings.at.map(Clock::starting_at).unwrap_or_default();
        let graph: Arc<dyn crate::channels::Outbound> = Arc::new(graph);
        let mut handler = Handler::new(core.clone(), store.clone(), graph.clone(), clock);
        handler.app_id = settings.app_id.clone();
        handler.overdue_grace = settings.overdue_grace;
        handler.remembers_for = chrono::Duration::from_std(settings.retention).unwrap_or(chrono::Duration::MAX);
        let escalator = Arc::new(crate::service::escalation::Escalator::new(
            core.clone(),
            store.clone(),
            clock,
            settings.public_url.clone(),
        ));
        handler.escalator = Some(escalator.clone());
        for c in core.current().playbook.escalation.unconfigured() {
            tracing::warn!(contact = %c.id, variable = %c.url_env, "escalation contact not configured: its alerts are recorded as not sent until the variable is set");
        }
        let listener =
            TcpListener::bind(settings.bind).await.with_context(|| format!("binding BIND_ADDR {}", settings.bind))?;
        let care = Arc::new(Care {
            core: core.clone(),
            store: store.clone(),
            outbound: graph,
            clock,
            grace: settings.overdue_grace,
        });
        // Open cases written before the queue's indexes existed join them.
        let indexed = care.migrate_queue().await.context("indexing the open cases of the care queue")?;
        if indexed > 0 {
            tracing::info!(cases = indexed, "open cases added to the queue's indexes");
        }
        if settings.agents.is_empty() {
            tracing::warn!("no AGENT_TOKENS or AGENT_TOKENS_FILE: the agent API and the console refuse everyone");
        } else {
            let names: Vec<&str> = settings.agents.iter().map(|(n, _)| n.as_str()).collect();
            tracing::info!(agents = %names.join(","), "care staff who may sign in");
        }
        let watcher = Watcher::new(care.clone(), settings.alert_url.clone(), settings.overdue_check);
        let intake = Arc::new(crate::service::intake::IntakeGauge::default());
        let workers_alive = Arc::new(crate::service::workers::Heartbeat::default());
        let state = AppState {
            changes: Arc::default(),
            intake: intake.clone(),
            core,
            store,
            app_secret: settings.app_secret.clone(),
            verify_token: settings.verify_token.clone(),
            care,
            agents: Arc::new(AgentAuth::behind(settings.agents.clone(), settings.trusted_proxies.clone())),
            metrics: crate::telemetry::install_metrics(),
            metrics_token: settings.metrics_token.clone(),
            bodies: crate::http::webhook::BodyBudget::default(),
            workers_alive: workers_alive.clone(),
        };
        if state.metrics.is_some() {
            announce_metrics(&state.core.current().playbook);
        }
        let workers = WorkerSettings {
            consumer: settings.consumer.clone(),
            claim_idle: settings.claim_idle,
            claim_every: settings.claim_idle.min(Duration::from_secs(10)),
            intake,
            alive: workers_alive,
            ..Default::default()
        };
        Ok(Self {
            listener,
            content: (settings.flows.clone(), settings.locales.clone()),
            state,
            handler: Arc::new(handler),
            workers,
            own: OwnConnections {
                redis_url: settings.redis_url.clone(),
                prefix: settings.redis_prefix.clone(),
                retention: settings.retention,
                graph: graph_settings,
            },
            watcher,
            escalator,
            queue_gauges: settings.queue_gauges,
        })
    }

    /// The webhook rate the workers give way to (read by tests).
    pub fn intake(&self) -> Arc<crate::service::intake::IntakeGauge> {
        self.state.intake.clone()
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
        let workers = self.spawn_workers(stop_rx.clone())?;
        let (flows, locales) = self.content.clone();
        tokio::spawn(reload::watch_files(self.state.core.clone(), flows, locales, RELOAD_POLL, stop_rx.clone()));
        let care = self.state.care.clone();
        tokio::spawn(crate::http::scrape::refresh_queue_gauges(care, self.queue_gauges, stop_rx.clone()));
        tokio::spawn(self.escalator.clone().run(stop_rx.clone()));
        tokio::spawn(self.watcher.run(stop_rx));
        tracing::info!(addr = %self.listener.local_addr()?, consumer = %self.workers.consumer, "afterhours serving");
        let app = router(self.state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        // `tap_io` keeps the peer's address available to the handlers.
        let listener = crate::http::listener::Capped::new(self.listener, crate::http::listener::MAX_CONNECTIONS);
        let listener = axum::serve::ListenerExt::tap_io(listener, |_| {});
        axum::serve(listener, app).with_graceful_shutdown(shutdown).await.context("serving HTTP")?;
        tracing::info!("stopping: finishing the events in hand");
        let _ = stop_tx.send(true);
        let _ = workers.await;
        tracing::info!("stopped");
        Ok(())
    }

    /// The workers run on a thread of their own, on a one-thread runtime
    /// with their own connections: an event's steps then never wake another
    /// thread, which on a small machine costs more than the steps
    /// themselves. The server's threads answer webhooks meanwhile. Completes
    /// when the workers have stopped.
    fn spawn_workers(&self, stop: watch::Receiver<bool>) -> anyhow::Result<tokio::sync::oneshot::Receiver<()>> {
        let (done, stopped) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (shared, settings) = (self.handler.clone(), self.workers.clone());
        let own = self.own.clone();
        std::thread::Builder::new().name("afterhours-workers".into()).spawn(move || {
            runtime.block_on(async move {
                let handler = match own.handler(&shared).await {
                    Ok(h) => Arc::new(h),
                    Err(e) => {
                        // The server's connections work from here too, only less cheaply.
                        tracing::warn!(error = %e, "workers: no connections of their own; sharing the server's");
                        shared
                    }
                };
                // A panic in the reading loop restarts it (the lanes contain
                // their own); until then /readyz says the workers stopped.
                loop {
                    let run = tokio::spawn(workers::run(handler.clone(), settings.clone(), stop.clone())).await;
                    match run {
                        Err(e) if e.is_panic() && !*stop.borrow() => {
                            tracing::error!(error = %e, "the workers panicked; restarting them");
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        }
                        _ => break,
                    }
                }
            });
            let _ = done.send(());
        })?;
        Ok(stopped)
    }
}

/// Every metric family with its HELP, at zero for the teams, intents,
/// kinds and languages of the playbook.
fn announce_metrics(playbook: &crate::domain::Playbook) {
    let teams: Vec<String> = playbook.teams.iter().map(|t| t.id.to_string()).collect();
    let intents: Vec<String> = playbook.intents.iter().map(|i| i.id.to_string()).collect();
    let kinds: Vec<String> = crate::domain::Kind::ALL.iter().map(|k| format!("{k:?}").to_lowercase()).collect();
    let languages: Vec<String> = playbook.langs().iter().map(|l| l.to_string()).collect();
    let mut whatsapp_pages: Vec<String> = playbook
        .pages
        .values()
        .filter(|p| p.platform == Some(crate::domain::Platform::Whatsapp))
        .map(|p| p.id.clone())
        .collect();
    whatsapp_pages.sort();
    let book = &playbook.templates;
    let all: Vec<&crate::domain::templates::Template> =
        book.default.values().chain(book.pages.values().flat_map(|p| p.values())).collect();
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    let purposes = sorted(all.iter().map(|t| t.purpose.clone()).collect());
    let templates = sorted(all.iter().map(|t| t.name.clone()).collect());
    let template_codes = sorted(all.iter().flat_map(|t| t.languages.values().map(|r| r.code.clone())).collect());
    crate::telemetry::announce_families(&crate::telemetry::KnownLabels {
        teams: &teams,
        intents: &intents,
        kinds: &kinds,
        languages: &languages,
        whatsapp_pages: &whatsapp_pages,
        purposes: &purposes,
        templates: &templates,
        template_codes: &template_codes,
    });
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

//! `serve` and `chat` settings: flags and environment variables (the
//! README's table is their `--help`), checked once into [`Settings`] with
//! an error that names every wrong or missing variable.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::cli::ContentArgs;

/// A secret: never printed, not even by `{:?}`. Cheap to clone (every
/// request's state holds the app secret).
#[derive(Clone, Default)]
pub struct Secret(std::sync::Arc<str>);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into().into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The Meta and Redis settings shared by `serve` and `chat`.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// Redis URL (`redis://host:6379/0`); for Redis Cluster, the seed nodes
    /// separated by commas. Without it, an in-process store that loses
    /// everything on restart.
    #[arg(long, env = "REDIS_URL", value_name = "URL")]
    pub redis_url: Option<String>,
    /// Prefix of every Redis key.
    #[arg(long, env = "REDIS_PREFIX", default_value = "ah", value_name = "PREFIX")]
    pub redis_prefix: String,
    /// Days a conversation's transcript and state are kept after its last event.
    #[arg(long, env = "RETENTION_DAYS", default_value_t = 30, value_name = "DAYS")]
    pub retention_days: u64,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub store: StoreArgs,
    /// The Meta app secret: checks `X-Hub-Signature-256` of every webhook.
    #[arg(long, env = "META_APP_SECRET", hide_env_values = true, value_name = "SECRET")]
    pub app_secret: Option<String>,
    /// The token Meta sends back in the webhook verification handshake.
    #[arg(long, env = "META_VERIFY_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub verify_token: Option<String>,
    /// Our Meta app id: echoes of messages sent by another app id mean a
    /// person answered from another inbox.
    #[arg(long, env = "META_APP_ID", value_name = "ID")]
    pub app_id: Option<String>,
    /// Page access token for every Page and Instagram account without its own.
    #[arg(long, env = "META_PAGE_ACCESS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub page_token: Option<String>,
    /// Access token for every WhatsApp number without its own.
    #[arg(long, env = "WHATSAPP_ACCESS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub whatsapp_token: Option<String>,
    /// Tokens of single Pages, Instagram accounts and WhatsApp numbers:
    /// `ACCOUNT_ID=TOKEN` pairs separated by commas.
    #[arg(long, env = "META_ACCOUNT_TOKENS", hide_env_values = true, value_name = "ID=TOKEN,...")]
    pub account_tokens: Option<String>,
    /// The Graph API base URL, with its version.
    #[arg(long, env = "META_GRAPH_URL", default_value = "https://graph.facebook.com/v25.0", value_name = "URL")]
    pub graph_url: String,
    /// Address to listen on.
    #[arg(long, env = "BIND_ADDR", default_value = "0.0.0.0:8080", value_name = "ADDR")]
    pub bind: String,
    /// This process's name in the Redis consumer group; keep it stable
    /// across restarts of the same instance (default: the host name).
    #[arg(long, env = "AFTERHOURS_CONSUMER", value_name = "NAME")]
    pub consumer: Option<String>,
    /// Seconds an event may stay unfinished with another process before
    /// this one takes it over.
    #[arg(long, env = "CLAIM_IDLE_SECS", default_value_t = 30, value_name = "SECS")]
    pub claim_idle_secs: u64,
    /// Care staff and their API tokens: `name:token` pairs separated by commas.
    #[arg(long, env = "AGENT_TOKENS", hide_env_values = true, value_name = "NAME:TOKEN,...")]
    pub agent_tokens: Option<String>,
    /// A file of `name:token` lines (`#` starts a comment), instead of or beside AGENT_TOKENS.
    #[arg(long, env = "AGENT_TOKENS_FILE", value_name = "PATH")]
    pub agent_tokens_file: Option<PathBuf>,
    /// Minutes a case may wait past the time the bot promised before it is overdue.
    #[arg(long, env = "OVERDUE_GRACE_MINUTES", default_value_t = 15, value_name = "MINUTES")]
    pub overdue_grace_minutes: u64,
    /// Where overdue alerts are POSTed as JSON (a chat tool's incoming webhook).
    #[arg(long, env = "ALERT_WEBHOOK_URL", value_name = "URL")]
    pub alert_url: Option<String>,
    /// Seconds between two looks for overdue cases.
    #[arg(long, env = "OVERDUE_CHECK_SECS", default_value_t = 30, value_name = "SECS")]
    pub overdue_check_secs: u64,
    /// Pretend the clock starts at this moment (RFC 3339), for demos and tests.
    #[arg(long, value_name = "TIME")]
    pub at: Option<DateTime<Utc>>,
    /// Log format: `text` or `json`. The level is RUST_LOG's (default `info`).
    #[arg(long, env = "LOG_FORMAT", default_value = "text", value_name = "FORMAT")]
    pub log_format: String,
    /// Threads that answer webhooks and the console (0: one per core); the
    /// workers run on a thread of their own.
    #[arg(long, env = "AFTERHOURS_THREADS", default_value_t = 0, value_name = "N")]
    pub threads: usize,
}

/// Checked settings of `serve`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub flows: PathBuf,
    pub locales: PathBuf,
    pub redis_url: Option<String>,
    pub redis_prefix: String,
    pub retention: Duration,
    pub app_secret: Secret,
    pub verify_token: Secret,
    pub app_id: Option<String>,
    pub page_token: Option<Secret>,
    pub whatsapp_token: Option<Secret>,
    pub account_tokens: HashMap<String, Secret>,
    pub graph_url: String,
    pub bind: SocketAddr,
    pub consumer: String,
    pub claim_idle: Duration,
    /// Care staff: (name, token).
    pub agents: Vec<(String, Secret)>,
    pub overdue_grace: chrono::Duration,
    pub alert_url: Option<String>,
    pub overdue_check: Duration,
    pub at: Option<DateTime<Utc>>,
}

/// `name:token` entries from AGENT_TOKENS (commas) and AGENT_TOKENS_FILE
/// (lines); problems name the place, never the token.
pub fn parse_agents(
    inline: Option<&str>,
    file: Option<&std::path::Path>,
    problems: &mut Vec<String>,
) -> Vec<(String, Secret)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for (i, e) in inline.unwrap_or("").split(',').enumerate() {
        if !e.trim().is_empty() {
            entries.push((format!("AGENT_TOKENS: entry {}", i + 1), e.trim().to_string()));
        }
    }
    if let Some(path) = file {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                for (i, line) in text.lines().enumerate() {
                    let line = line.split('#').next().unwrap_or("").trim();
                    if !line.is_empty() {
                        entries.push((format!("AGENT_TOKENS_FILE {}:{}", path.display(), i + 1), line.to_string()));
                    }
                }
            }
            Err(e) => problems.push(format!("AGENT_TOKENS_FILE {}: {e}", path.display())),
        }
    }
    let mut agents: Vec<(String, Secret)> = Vec::new();
    for (place, entry) in entries {
        match entry.split_once(':') {
            Some((name, token)) if !name.trim().is_empty() && !token.trim().is_empty() => {
                let (name, token) = (name.trim(), token.trim());
                if agents.iter().any(|(_, t)| t.expose() == token) {
                    problems.push(format!("{place}: the token of `{name}` is already someone else's"));
                } else if agents.iter().any(|(n, _)| n == name) {
                    problems.push(format!("{place}: `{name}` has a token already"));
                } else {
                    agents.push((name.to_string(), Secret::new(token)));
                }
            }
            _ => problems.push(format!("{place} is not NAME:TOKEN")),
        }
    }
    agents
}

impl ServeArgs {
    /// Checks every setting; the error lists each problem with the variable's name.
    pub fn settings(&self) -> Result<Settings, Vec<String>> {
        let mut problems = Vec::new();
        let mut required = |v: &Option<String>, name: &str, what: &str| match v.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => Secret::new(s),
            _ => {
                problems.push(format!("{name} is not set: {what}"));
                Secret::default()
            }
        };
        let app_secret = required(&self.app_secret, "META_APP_SECRET", "the app secret that signs Meta's webhooks");
        let verify_token =
            required(&self.verify_token, "META_VERIFY_TOKEN", "the token of the webhook verification handshake");
        let bind = self.bind.parse::<SocketAddr>().unwrap_or_else(|e| {
            problems.push(format!("BIND_ADDR `{}` is not an address such as 0.0.0.0:8080: {e}", self.bind));
            SocketAddr::from(([0, 0, 0, 0], 8080))
        });
        let graph_url = self.graph_url.trim_end_matches('/').to_string();
        if !(graph_url.starts_with("https://") || graph_url.starts_with("http://")) {
            problems.push(format!("META_GRAPH_URL `{graph_url}` is not an http(s) URL"));
        } else if let Err(e) = reqwest::Url::parse(&graph_url) {
            problems.push(format!("META_GRAPH_URL `{graph_url}` is not a URL: {e}"));
        }
        if let Some(urls) = &self.store.redis_url {
            // Several URLs, comma-separated: the seed nodes of a Redis Cluster.
            for url in urls.split(',').map(str::trim).filter(|u| !u.is_empty()) {
                if let Err(e) = redis::Client::open(url) {
                    problems
                        .push(format!("REDIS_URL `{}` is not a Redis URL (redis://host:port/db): {e}", redact(url)));
                }
            }
        }
        let mut account_tokens = HashMap::new();
        for (i, pair) in self.account_tokens.as_deref().unwrap_or("").split(',').enumerate() {
            let pair = pair.trim();
            if pair.is_empty() {
                continue;
            }
            match pair.split_once('=') {
                Some((id, token)) if !id.trim().is_empty() && !token.trim().is_empty() => {
                    account_tokens.insert(id.trim().to_string(), Secret::new(token.trim()));
                }
                // The pair holds a token: name its place, never its text.
                _ => problems.push(format!("META_ACCOUNT_TOKENS: pair {} is not ACCOUNT_ID=TOKEN", i + 1)),
            }
        }
        let page_token = self.page_token.as_deref().filter(|t| !t.trim().is_empty()).map(Secret::new);
        let whatsapp_token = self.whatsapp_token.as_deref().filter(|t| !t.trim().is_empty()).map(Secret::new);
        if page_token.is_none() && whatsapp_token.is_none() && account_tokens.is_empty() {
            problems.push(
                "no access token: set META_PAGE_ACCESS_TOKEN (Pages and Instagram), WHATSAPP_ACCESS_TOKEN \
                 or META_ACCOUNT_TOKENS, or the bot cannot reply"
                    .into(),
            );
        }
        let agents = parse_agents(self.agent_tokens.as_deref(), self.agent_tokens_file.as_deref(), &mut problems);
        if let Some(url) = &self.alert_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                problems.push(format!("ALERT_WEBHOOK_URL `{url}` is not an http(s) URL"));
            }
        }
        if !["text", "json"].contains(&self.log_format.as_str()) {
            problems.push(format!("LOG_FORMAT `{}` is neither `text` nor `json`", self.log_format));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Settings {
            flows: self.content.flows_dir(),
            locales: self.content.locales_dir(),
            redis_url: self.store.redis_url.clone(),
            redis_prefix: self.store.redis_prefix.clone(),
            retention: Duration::from_secs(self.store.retention_days.max(1) * 86400),
            app_secret,
            verify_token,
            app_id: self.app_id.clone(),
            page_token,
            whatsapp_token,
            account_tokens,
            graph_url,
            bind,
            consumer: self.consumer.clone().unwrap_or_else(default_consumer),
            claim_idle: Duration::from_secs(self.claim_idle_secs.max(1)),
            agents,
            overdue_grace: chrono::Duration::minutes(self.overdue_grace_minutes as i64),
            alert_url: self.alert_url.clone(),
            overdue_check: Duration::from_secs(self.overdue_check_secs.max(1)),
            at: self.at,
        })
    }
}

/// A URL without its password.
fn redact(url: &str) -> String {
    crate::startup::redact_url(url)
}

/// The host name: stable across restarts of one machine or pod.
fn default_consumer() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "afterhours".into())
}

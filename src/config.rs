//! `serve` and `chat` settings: flags and environment variables (the
//! README's table is their `--help`), checked once into [`Settings`] with
//! an error that names every wrong or missing variable.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};

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

/// Where the configuration lives; shared by every command. (Its loading
/// into an engine is the commands' business: `cli` adds `load`.)
#[derive(Debug, Clone, clap::Args)]
pub struct ContentArgs {
    /// The flows directory (teams, hours, languages, intents, word lists).
    #[arg(long, env = "AFTERHOURS_FLOWS", value_name = "DIR")]
    pub flows: Option<PathBuf>,
    /// The locales directory (`<lang>/*.ftl`).
    #[arg(long, env = "AFTERHOURS_LOCALES", value_name = "DIR")]
    pub locales: Option<PathBuf>,
}

impl ContentArgs {
    pub fn flows_dir(&self) -> PathBuf {
        self.flows.clone().unwrap_or_else(|| default_dir("flows"))
    }

    pub fn locales_dir(&self) -> PathBuf {
        self.locales.clone().unwrap_or_else(|| default_dir("locales"))
    }
}

/// `name` in the current directory when it is there, else beside the crate
/// (so `cargo run` and the tests work from anywhere in the checkout).
pub fn default_dir(name: &str) -> PathBuf {
    let here = PathBuf::from(name);
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
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
    /// Milliseconds a Graph API send may take before it counts as
    /// unanswered (perhaps sent: not sent again; Meta's statuses and
    /// echoes settle it).
    #[arg(long, env = "GRAPH_TIMEOUT_MS", default_value_t = 10_000, value_name = "MS")]
    pub graph_timeout_ms: u64,
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
    /// Proxies in front of the bot whose `X-Forwarded-For` names the
    /// client (addresses or CIDR ranges, commas between); from anyone else
    /// the header is ignored. Wrong agent tokens are counted per client.
    #[arg(long, env = "TRUSTED_PROXIES", value_name = "ADDR,...")]
    pub trusted_proxies: Option<String>,
    /// A file of `name:token` lines (`#` starts a comment), instead of or beside AGENT_TOKENS.
    #[arg(long, env = "AGENT_TOKENS_FILE", value_name = "PATH")]
    pub agent_tokens_file: Option<PathBuf>,
    /// Minutes a case may wait past the time the bot promised before it is overdue.
    #[arg(long, env = "OVERDUE_GRACE_MINUTES", default_value_t = 15, value_name = "MINUTES")]
    pub overdue_grace_minutes: u64,
    /// Where overdue alerts are POSTed as JSON (a chat tool's incoming webhook).
    #[arg(long, env = "ALERT_WEBHOOK_URL", value_name = "URL")]
    pub alert_url: Option<String>,
    /// The address people reach the console at (`https://care.example.com`):
    /// escalation alerts link to `<PUBLIC_URL>/console`.
    #[arg(long, env = "PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Seconds between two looks for overdue cases.
    #[arg(long, env = "OVERDUE_CHECK_SECS", default_value_t = 30, value_name = "SECS")]
    pub overdue_check_secs: u64,
    /// A bearer token `/metrics` asks for; without it `/metrics` is open
    /// (keep the port private then).
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub metrics_token: Option<String>,
    /// Seconds between two refreshes of the queue's gauges on `/metrics`.
    #[arg(long, env = "QUEUE_GAUGES_SECS", default_value_t = 15, value_name = "SECS")]
    pub queue_gauges_secs: u64,
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
    pub graph_timeout: Duration,
    pub bind: SocketAddr,
    pub consumer: String,
    pub claim_idle: Duration,
    /// Care staff: (name, token).
    pub agents: Vec<(String, Secret)>,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub metrics_token: Option<Secret>,
    pub queue_gauges: Duration,
    pub overdue_grace: chrono::Duration,
    pub alert_url: Option<String>,
    pub public_url: Option<String>,
    pub overdue_check: Duration,
    pub at: Option<DateTime<Utc>>,
}

/// Shorter agent tokens can be guessed: the bot refuses to start with one.
pub const MIN_AGENT_TOKEN_CHARS: usize = 24;

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
                let length = token.chars().count();
                if length < MIN_AGENT_TOKEN_CHARS {
                    problems.push(format!(
                        "{place}: the token of `{name}` has {length} characters; at least {MIN_AGENT_TOKEN_CHARS} are needed (e.g. `openssl rand -hex 16`)"
                    ));
                } else if agents.iter().any(|(_, t)| t.expose() == token) {
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
        if let Some(url) = self.public_url.as_deref().filter(|u| !u.is_empty()) {
            if !(url.starts_with("https://") || url.starts_with("http://")) || reqwest::Url::parse(url).is_err() {
                problems.push(format!("PUBLIC_URL `{url}` is not an http(s) URL such as https://care.example.com"));
            }
        }
        let trusted_proxies = parse_proxies(self.trusted_proxies.as_deref(), &mut problems);
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
            trusted_proxies,
            metrics_token: self.metrics_token.as_deref().filter(|t| !t.is_empty()).map(Secret::new),
            queue_gauges: Duration::from_secs(self.queue_gauges_secs.max(1)),
            graph_timeout: Duration::from_millis(self.graph_timeout_ms.max(1)),
            overdue_grace: chrono::Duration::minutes(self.overdue_grace_minutes as i64),
            alert_url: self.alert_url.clone(),
            public_url: self.public_url.clone().filter(|u| !u.is_empty()),
            overdue_check: Duration::from_secs(self.overdue_check_secs.max(1)),
            at: self.at,
        })
    }
}

/// TRUSTED_PROXIES: addresses (`10.0.0.5`) or ranges (`10.0.0.0/8`).
fn parse_proxies(value: Option<&str>, problems: &mut Vec<String>) -> Vec<ipnet::IpNet> {
    let mut proxies = Vec::new();
    for (i, item) in value.unwrap_or("").split(',').map(str::trim).enumerate() {
        if item.is_empty() {
            continue;
        }
        match item.parse::<ipnet::IpNet>().or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from)) {
            Ok(net) => proxies.push(net),
            Err(_) => problems.push(format!(
                "TRUSTED_PROXIES: entry {} `{item}` is neither an IP address nor a CIDR range (10.0.0.0/8)",
                i + 1
            )),
        }
    }
    proxies
}

/// A URL without its password.
fn redact(url: &str) -> String {
    redact_url(url)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_agent_token_is_refused_by_place_and_length_never_shown() {
        let mut problems = Vec::new();
        let agents =
            parse_agents(Some("anna:short-secret-123,bob:0123456789abcdef0123456789abcdef"), None, &mut problems);
        assert_eq!(agents.len(), 1);
        assert_eq!(agents[0].0, "bob");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("AGENT_TOKENS: entry 1: the token of `anna` has 16 characters; at least 24"),
            "{}",
            problems[0]
        );
        assert!(!problems[0].contains("short-secret"), "the token is never shown: {}", problems[0]);
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges_and_a_wrong_one_is_named() {
        let mut problems = Vec::new();
        let proxies = parse_proxies(Some("127.0.0.1, 10.0.0.0/8,::1,proxy.local"), &mut problems);
        assert_eq!(proxies.len(), 3);
        assert!(proxies[1].contains(&"10.2.3.4".parse::<std::net::IpAddr>().unwrap()));
        assert_eq!(
            problems,
            vec!["TRUSTED_PROXIES: entry 4 `proxy.local` is neither an IP address nor a CIDR range (10.0.0.0/8)"]
        );
    }

    #[test]
    fn passwords_in_redis_urls_are_not_shown() {
        assert_eq!(redact_url("redis://:hunter2@cache:6379/0"), "redis://***@cache:6379/0");
        assert_eq!(redact_url("redis://127.0.0.1:6379"), "redis://127.0.0.1:6379");
        assert_eq!(redact_url("redis://:a@n1:6379,redis://:b@n2:6379"), "redis://***@n1:6379,redis://***@n2:6379");
    }
}

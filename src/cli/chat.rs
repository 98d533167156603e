//! `afterhours chat`: talk to the bot in a terminal. Each line goes through
//! the same pipeline as a webhook event (event log, worker, conversation
//! record, policy); replies are printed instead of sent to Meta.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tokio::sync::watch;

use super::preview::{parse_at, parse_tz};
use super::ContentArgs;
use crate::channels::terminal::TerminalOutbound;
use crate::channels::{Channel, ConversationKey, CustomerMessage, Event};
use crate::config::StoreArgs;
use crate::service::conversation::{Conversation, TzKnownFrom};
use crate::service::handle::{Handled, Handler};
use crate::service::workers::{self, WorkerSettings};
use crate::service::{Clock, CoreHandle};
use crate::startup::open_store;
use crate::store::{MemoryStore, Store};

#[derive(Debug, clap::Args)]
pub struct ChatArgs {
    /// Pretend the conversation starts at this moment (RFC 3339, e.g.
    /// 2026-11-28T02:00:00+01:00); the clock runs on from there.
    #[arg(long)]
    pub at: Option<String>,
    /// The channel whose limits apply: messenger, instagram or whatsapp.
    #[arg(long, default_value = "messenger")]
    pub channel: String,
    /// Your first name, as the platform would give it.
    #[arg(long)]
    pub name: Option<String>,
    /// Your time zone (IANA), as Messenger's profile would give it.
    #[arg(long)]
    pub tz: Option<String>,
    /// The Page / account written to (its market language from flows/pages.toml).
    #[arg(long, default_value = "terminal")]
    pub page: String,
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

const HELP: &str = "Type a message as a customer and press Enter. /state shows what the bot keeps of the conversation; /help this; Ctrl-D ends.";

/// The moment chat starts, on the clock the user thinks in: the customer's
/// zone when given, else the offset `--at` was written with, else this
/// machine's local time.
fn banner_time(now: DateTime<Utc>, tz: Option<Tz>, at: Option<&str>) -> String {
    const FORMAT: &str = "%a %d %b %Y %H:%M %:z";
    if let Some(tz) = tz {
        return format!("{} {}", now.with_timezone(&tz).format(FORMAT), tz.name());
    }
    match at.and_then(|a| DateTime::parse_from_rfc3339(a).ok()) {
        Some(written) => now.with_timezone(written.offset()).format(FORMAT).to_string(),
        None => now.with_timezone(&chrono::Local).format(FORMAT).to_string(),
    }
}

pub fn run(args: ChatArgs) -> anyhow::Result<ExitCode> {
    crate::telemetry::init("text", "warn");
    let channel = Channel::parse(&args.channel)
        .with_context(|| format!("`channel`: `{}` is not messenger, instagram or whatsapp", args.channel))?;
    let clock = match args.at.as_deref() {
        Some(at) => Clock::starting_at(parse_at(Some(at))?),
        None => Clock::real(),
    };
    let tz = parse_tz(args.tz.as_deref())?;
    let engine = args.content.load()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        let retention = Duration::from_secs(args.store.retention_days.max(1) * 86400);
        // Chat needs no Redis: in memory unless REDIS_URL names one, without the serve warning.
        let store: Arc<dyn Store> = match args.store.redis_url.as_deref() {
            Some(url) => open_store(Some(url), &args.store.redis_prefix, retention).await?,
            None => Arc::new(MemoryStore::new(retention)),
        };
        let kept =
            if args.store.redis_url.is_some() { "kept in Redis" } else { "in memory: nothing is kept after you quit" };
        let handler = Arc::new(Handler::new(
            CoreHandle::new(engine),
            store.clone(),
            Arc::new(TerminalOutbound::new(channel)),
            clock,
        ));
        let key = ConversationKey {
            channel,
            account: args.page.clone(),
            customer: format!("terminal-{}", std::process::id()),
        };
        if let Some(tz) = tz {
            let mut conv = store.load(&key).await?.unwrap_or_else(|| Conversation::new(key.clone()));
            conv.time_zone = Some(tz.name().to_string());
            conv.tz_known_from = Some(TzKnownFrom::Given);
            store.save(&conv).await?;
        }
        let (stop_tx, stop_rx) = watch::channel(false);
        let settings =
            WorkerSettings { consumer: format!("chat-{}", std::process::id()), lanes: 1, ..Default::default() };
        let mut handled = handler.handled.subscribe();
        let workers = tokio::spawn(workers::run(handler.clone(), settings, stop_rx));

        eprintln!("afterhours chat on {channel}, {} ({kept}).", banner_time(clock.now(), tz, args.at.as_deref()));
        eprintln!("{HELP}");
        let (line_tx, mut line_rx) = tokio::sync::mpsc::channel::<String>(16);
        std::thread::spawn(move || {
            for line in std::io::stdin().lock().lines().map_while(Result::ok) {
                if line_tx.blocking_send(line).is_err() {
                    break;
                }
            }
        });
        let mut n = 0u64;
        while let Some(line) = line_rx.recv().await {
            let text = line.trim();
            if text.is_empty() {
                continue;
            }
            if text == "/state" {
                let conv = store.load(&key).await?;
                println!("{}", serde_json::to_string_pretty(&conv)?);
                continue;
            }
            if let Some(command) = text.strip_prefix('/').filter(|c| !c.is_empty() && !c.contains(char::is_whitespace))
            {
                // A command is for the terminal, never a message to the bot.
                if command != "help" {
                    eprintln!("unknown command `/{command}`.");
                }
                eprintln!("{HELP}");
                continue;
            }
            n += 1;
            let mid = format!("{}-{n}", key.customer);
            let event = Event::Message(CustomerMessage {
                key: key.clone(),
                mid: mid.clone(),
                timestamp_ms: clock.now().timestamp_millis(),
                text: Some(text.to_string()),
                attachments: vec![],
                customer_name: args.name.clone(),
                reply_to: None,
            });
            store.append(std::slice::from_ref(&event)).await?;
            let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
            loop {
                match tokio::time::timeout_at(deadline, handled.recv()).await {
                    Ok(Ok(Handled::Message { mid: m, sent, reason, .. })) if m == mid => {
                        if sent == 0 {
                            println!("     (no reply: {reason})");
                        } else {
                            eprintln!("     ({reason})");
                        }
                        break;
                    }
                    Ok(Ok(_)) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => continue,
                    Ok(Err(_)) => anyhow::bail!("the worker stopped"),
                    Err(_) => {
                        eprintln!("     (no answer within 10 s; the message stays in the log)");
                        break;
                    }
                }
            }
            let _ = std::io::stdout().flush();
        }
        let _ = stop_tx.send(true);
        let _ = workers.await;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_shows_the_time_on_the_users_clock() {
        let at = "2026-11-28T02:00:00+01:00";
        let now = parse_at(Some(at)).unwrap();
        assert_eq!(banner_time(now, None, Some(at)), "Sat 28 Nov 2026 02:00 +01:00");
        let tz: Tz = "America/New_York".parse().unwrap();
        assert_eq!(banner_time(now, Some(tz), Some(at)), "Fri 27 Nov 2026 20:00 -05:00 America/New_York");
    }
}

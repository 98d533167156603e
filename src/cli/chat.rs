//! `afterhours chat`: talk to the bot in a terminal. Each line goes through
//! the same pipeline as a webhook event (event log, worker, conversation
//! record, policy); replies are printed instead of sent to Meta.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
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
        let store = open_store(args.store.redis_url.as_deref(), &args.store.redis_prefix, retention).await?;
        let handler =
            Arc::new(Handler::new(CoreHandle::new(engine), store.clone(), Arc::new(TerminalOutbound::new(channel)), clock));
        let key = ConversationKey { channel, account: args.page.clone(), customer: format!("terminal-{}", std::process::id()) };
        if let Some(tz) = tz {
            let mut conv = store.load(&key).await?.unwrap_or_else(|| Conversation::new(key.clone()));
            conv.time_zone = Some(tz.name().to_string());
            conv.tz_known_from = Some(TzKnownFrom::Given);
            store.save(&conv).await?;
        }
        let (stop_tx, stop_rx) = watch::channel(false);
        let settings = WorkerSettings { consumer: format!("chat-{}", std::process::id()), lanes: 1, ..Default::default() };
        let mut handled = handler.handled.subscribe();
        let workers = tokio::spawn(workers::run(handler.clone(), settings, stop_rx));

        eprintln!(
            "afterhours chat on {channel} at {} (UTC). Type a message and press Enter; /state shows what the bot keeps; Ctrl-D ends.",
            clock.now().format("%Y-%m-%d %H:%M")
        );
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

//! `afterhours dead`: the operator's look at the dead-letter log (`ah:dead`):
//! events the workers set aside because they could not be read. `list`
//! shows them, `replay` puts them back in the event log (after a release
//! whose parser reads them; a part of a webhook body is read again within a
//! body of its own), `purge` removes them. Needs REDIS_URL.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use serde_json::{json, Value};

use crate::channels::meta::parse_webhook;
use crate::channels::{Channel, ConversationKey, Event};
use crate::config::{redact_url, StoreArgs};
use crate::store::redis::DeadLetter;
use crate::store::{RedisStore, Store};

#[derive(Debug, clap::Args)]
pub struct DeadArgs {
    #[command(subcommand)]
    pub action: DeadAction,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum DeadAction {
    /// One line per dead letter: its id, when, why, and the start of its JSON.
    List {
        /// The whole JSON of each, one per line after its summary.
        #[arg(long)]
        full: bool,
    },
    /// Back into the event log: the ids given, or every one with --all.
    /// Those read now are handled by the running bot; the others stay.
    Replay {
        ids: Vec<String>,
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
    /// Removes the ids given, or every one with --all.
    Purge {
        ids: Vec<String>,
        #[arg(long, conflicts_with = "ids")]
        all: bool,
    },
}

pub fn run(args: DeadArgs) -> anyhow::Result<ExitCode> {
    crate::telemetry::init("text", "warn");
    let url = args.store.redis_url.as_deref().context("`afterhours dead` needs REDIS_URL (the bot's Redis)")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let retention = Duration::from_secs(args.store.retention_days.max(1) * 86400);
        let store = RedisStore::connect(url, &args.store.redis_prefix, retention)
            .await
            .with_context(|| format!("connecting to Redis at REDIS_URL ({})", redact_url(url)))?;
        let letters = store.dead_letters().await?;
        match args.action {
            DeadAction::List { full } => {
                println!("{} dead letter(s)", letters.len());
                for d in &letters {
                    let start: String = d.event.chars().take(100).collect();
                    println!("{}  {}  {}  {start}", d.id, set_aside_at(&d.id), d.reason);
                    if full {
                        println!("{}", d.event);
                    }
                }
                Ok(ExitCode::SUCCESS)
            }
            DeadAction::Replay { ids, all } => {
                let chosen = choose(&letters, &ids, all)?;
                let (mut replayed, mut kept) = (0, 0);
                for d in chosen {
                    match readable_again(&d.event) {
                        Ok(events) => {
                            store.append(&events).await?;
                            store.purge_dead_letters(std::slice::from_ref(&d.id)).await?;
                            println!("{}: replayed ({} event(s))", d.id, events.len());
                            replayed += 1;
                        }
                        Err(why) => {
                            println!("{}: kept, {why}", d.id);
                            kept += 1;
                        }
                    }
                }
                println!("{replayed} replayed, {kept} kept");
                Ok(if kept == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
            }
            DeadAction::Purge { ids, all } => {
                let chosen: Vec<String> = choose(&letters, &ids, all)?.into_iter().map(|d| d.id.clone()).collect();
                let n = if chosen.is_empty() { 0 } else { store.purge_dead_letters(&chosen).await? };
                println!("{n} purged");
                Ok(ExitCode::SUCCESS)
            }
        }
    })
}

/// The letters named, or all; an id that is not there is an error.
fn choose<'a>(letters: &'a [DeadLetter], ids: &[String], all: bool) -> anyhow::Result<Vec<&'a DeadLetter>> {
    if all {
        return Ok(letters.iter().collect());
    }
    anyhow::ensure!(!ids.is_empty(), "name the dead letters (their ids, from `afterhours dead list`) or use --all");
    ids.iter().map(|id| letters.iter().find(|d| &d.id == id).with_context(|| format!("no dead letter {id}"))).collect()
}

/// `1764300000000-0` -> its time, RFC 3339.
fn set_aside_at(id: &str) -> String {
    let ms = id.split('-').next().and_then(|ms| ms.parse::<i64>().ok());
    ms.and_then(chrono::DateTime::from_timestamp_millis).map_or_else(|| "?".into(), |t| t.to_rfc3339())
}

/// The events of a dead letter as this version reads them, or why not.
pub fn readable_again(stored: &str) -> Result<Vec<Event>, String> {
    let event: Event = serde_json::from_str(stored).map_err(|e| format!("still not an event: {e}"))?;
    let Event::Unreadable { channel, key, raw, .. } = event else { return Ok(vec![event]) };
    let part: Value = serde_json::from_str(&raw).map_err(|e| format!("its JSON is broken: {e}"))?;
    let body = body_around(channel, key.as_ref(), part).ok_or("a part that cannot be put back into a body")?;
    let events = parse_webhook(body.to_string().as_bytes()).map_err(|e| e.to_string())?;
    if let Some(Event::Unreadable { reason, .. }) = events.iter().find(|e| matches!(e, Event::Unreadable { .. })) {
        return Err(format!("still unreadable: {reason}"));
    }
    Ok(events.into_iter().filter(|e| !matches!(e, Event::Ignored { .. })).collect())
}

/// A webhook body holding `part` where it came from: an entry, a WhatsApp
/// change, or one event of the conversation `key`.
fn body_around(channel: Channel, key: Option<&ConversationKey>, part: Value) -> Option<Value> {
    let object = match channel {
        Channel::Messenger => "page",
        Channel::Instagram => "instagram",
        Channel::Whatsapp => "whatsapp_business_account",
    };
    let entry = if part.get("messaging").is_some() || part.get("standby").is_some() || part.get("changes").is_some() {
        part
    } else if part.get("field").is_some() && part.get("value").is_some() {
        json!({"id": "replay", "changes": [part]})
    } else {
        let account = &key?.account;
        match channel {
            Channel::Whatsapp => json!({"id": "replay", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp", "metadata": {"phone_number_id": account}, "messages": [part]}}]}),
            Channel::Messenger | Channel::Instagram => json!({"id": account, "messaging": [part]}),
        }
    };
    Some(json!({"object": object, "entry": [entry]}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_fixed_by_a_new_release_is_read_again_within_a_body_of_its_own() {
        let key = ConversationKey { channel: Channel::Messenger, account: "P".into(), customer: "U".into() };
        let fixed = r#"{"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":1,"message":{"mid":"m1","text":"hi"}}"#;
        let stored = serde_json::to_string(&Event::Unreadable {
            channel: Channel::Messenger,
            key: Some(key.clone()),
            reason: "entry[0].messaging[0]: an old parser's complaint".into(),
            raw: fixed.into(),
        })
        .unwrap();
        let events = readable_again(&stored).unwrap();
        assert!(matches!(&events[..], [Event::Message(m)] if m.key == key && m.mid == "m1"), "{events:?}");

        let broken = serde_json::to_string(&Event::Unreadable {
            channel: Channel::Messenger,
            key: Some(key),
            reason: "x".into(),
            raw: r#"{"recipient":{"id":"P"},"timestamp":1,"message":{"mid":"m2","text":"hi"}}"#.into(),
        })
        .unwrap();
        assert_eq!(readable_again(&broken).unwrap_err(), "still unreadable: entry[0].messaging[0].sender: missing");
    }
}

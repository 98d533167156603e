//! `TerminalOutbound`: "sends" replies by printing them, split at the
//! chosen channel's limit as the real channel would split them (`chat`).

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use super::meta::split_text;
use super::{BoxFuture, Channel, ConversationKey, Outbound, Profile, SendError, SendTag};

#[derive(Debug)]
pub struct TerminalOutbound {
    channel: Channel,
    sent: AtomicU64,
}

impl TerminalOutbound {
    pub fn new(channel: Channel) -> Self {
        Self { channel, sent: AtomicU64::new(0) }
    }
}

impl Outbound for TerminalOutbound {
    fn send<'a>(
        &'a self,
        _to: &'a ConversationKey,
        text: &'a str,
        _tag: SendTag,
    ) -> BoxFuture<'a, Result<Vec<String>, SendError>> {
        Box::pin(async move {
            let mut ids = Vec::new();
            let mut out = std::io::stdout().lock();
            for part in split_text(self.channel, text) {
                let n = self.sent.fetch_add(1, Ordering::Relaxed) + 1;
                let _ = writeln!(out, "bot> {}", part.replace('\n', "\n     "));
                ids.push(format!("terminal-{n}"));
            }
            let _ = out.flush();
            Ok(ids)
        })
    }

    fn profile<'a>(&'a self, _who: &'a ConversationKey) -> BoxFuture<'a, Result<Profile, SendError>> {
        Box::pin(async { Ok(Profile::default()) })
    }
}

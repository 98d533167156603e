//! What the bot may send where every message is billed (WhatsApp, from
//! 1 October 2026): nothing that carries nothing the customer needs, and,
//! where the page asks for it, one reply per closed period.

use super::message::{ConversationView, Inbound};
use super::playbook::Playbook;
use super::policy::{Analysis, Decision, ReplyPlan};

/// A WhatsApp number's `whatsapp_replies` setting in `flows/pages.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhatsappReplies {
    /// Every reply that tells the customer something (the return time, an
    /// answer); no thanks-only messages.
    #[default]
    Needed,
    /// At most one automated reply per closed period: after the first, the
    /// customer's further messages wait for a person without a reply.
    OnePerClosedPeriod,
}

impl WhatsappReplies {
    pub const NAMES: [&'static str; 2] = ["needed", "one_per_closed_period"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "needed" => Some(Self::Needed),
            "one_per_closed_period" => Some(Self::OnePerClosedPeriod),
            _ => None,
        }
    }
}

/// `decision` as it may go out on a billed channel. Not on WhatsApp, or
/// inside hours, it is unchanged.
pub fn thrifty(
    decision: Decision,
    a: &Analysis,
    convo: &ConversationView,
    inbound: &Inbound,
    playbook: &Playbook,
) -> Decision {
    if !inbound.whatsapp || a.open_now || decision.reply.is_none() {
        return decision;
    }
    let setting =
        inbound.page_id.as_deref().and_then(|p| playbook.pages.get(p)).map(|p| p.whatsapp_replies).unwrap_or_default();
    // Thanks for praise (or a closing "thank you, bye") tells nothing new
    // and is billed like any other message.
    if decision.reply == Some(ReplyPlan::Thanks) {
        return Decision {
            reply: None,
            promise: None,
            reason: "whatsapp: no billed message that only thanks",
            ..decision
        };
    }
    // A promise still ahead means this closed period was answered already.
    let answered = convo.promised.is_some_and(|p| p > a.at);
    if setting == WhatsappReplies::OnePerClosedPeriod && answered {
        return Decision {
            reply: None,
            promise: None,
            reason: "whatsapp: one reply per closed period, sent already",
            ..decision
        };
    }
    decision
}

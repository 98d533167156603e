//! What the bot may send where every message is billed (WhatsApp, from
//! 1 October 2026): nothing that carries nothing the customer needs, and,
//! where the page asks for it, one reply per closed period.

use super::message::{ConversationView, Inbound};
pub use super::playbook::WhatsappReplies;
use super::policy::{Analysis, Decision, ReplyPlan};

/// `decision` as it may go out on a billed channel, under the number's
/// `setting`. Not on WhatsApp, or inside hours, it is unchanged.
pub fn thrifty(
    decision: Decision,
    a: &Analysis,
    convo: &ConversationView,
    inbound: &Inbound,
    setting: WhatsappReplies,
) -> Decision {
    if !inbound.whatsapp || a.open_now || decision.reply.is_none() {
        return decision;
    }
    // Thanks for praise, or "you're welcome" to a closing "ok thanks",
    // tells nothing new and is billed like any other message.
    if matches!(decision.reply, Some(ReplyPlan::Thanks | ReplyPlan::Closer)) {
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

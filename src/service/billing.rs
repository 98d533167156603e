//! What WhatsApp bills: every status webhook's `pricing` counted per
//! number and category, so a brand sees what its nights cost.
//!
//! Since 1 July 2025 Meta bills per delivered message (`pricing_model:
//! PMP`); from 1 October 2026 service messages (free-form replies inside
//! the customer-service window, the bot's included) are billed too.

use crate::channels::{ConversationKey, Pricing};

pub const SENT: &str = "afterhours_whatsapp_messages_total";
pub const BILLED: &str = "afterhours_whatsapp_billed_messages_total";
pub const TEMPLATE_STATUS: &str = "afterhours_whatsapp_template_status_total";

/// Counts one status webhook. Meta repeats `pricing` on `sent`, `delivered`
/// and `read`, and may skip `delivered` when the message is read at once:
/// only `sent` comes once for every message, so each is counted there.
pub fn count(key: &ConversationKey, status: &str, pricing: Option<&Pricing>) {
    let Some(p) = pricing.filter(|_| status == "sent") else { return };
    let category = p.category.clone().unwrap_or_else(|| "unknown".into());
    let kind = p.kind.clone().unwrap_or_else(|| "unknown".into());
    metrics::counter!(SENT, "page" => key.account.clone(), "category" => category.clone(), "pricing_type" => kind)
        .increment(1);
    if p.billed() {
        metrics::counter!(BILLED, "page" => key.account.clone(), "category" => category).increment(1);
    }
}

/// A template's status changed in WhatsApp Manager. A paused or disabled
/// template is refused at send time (132015, 132016): the operator hears
/// of it here first, in the log and the metric.
pub fn template_status(name: &str, language: &str, event: &str, reason: Option<&str>) {
    metrics::counter!(TEMPLATE_STATUS, "name" => name.to_owned(), "language" => language.to_owned(), "event" => event.to_owned())
        .increment(1);
    match event {
        "PAUSED" | "DISABLED" | "REJECTED" | "FLAGGED" | "LOCKED" | "DELETED" | "PENDING_DELETION" => {
            tracing::warn!(template = name, language, event, reason, "a WhatsApp template can no longer be sent as is")
        }
        _ => tracing::info!(template = name, language, event, reason, "WhatsApp template status"),
    }
}

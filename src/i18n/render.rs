//! Puts a [`ReplyPlan`] into words: greeting, body, and the label that says
//! the message is automated and how to reach a person.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;

use super::when::back_time;
use super::Catalog;
use crate::domain::{Availability, Kind, Lang, ReplyPlan};

/// What the words depend on besides the plan.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    pub lang: Lang,
    pub name: Option<&'a str>,
    pub now: DateTime<Utc>,
    pub customer_tz: Tz,
    pub availability: Option<&'a Availability>,
    pub open_now: bool,
    /// The payment methods of the customer's market (`$local` of the answers).
    pub payment_methods: &'a [String],
}

/// One message as sent to the customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RenderedReply {
    pub text: String,
    /// Always true for what the bot writes; the label says so in the text.
    pub automated: bool,
}

/// The Fluent message id of an acknowledgement.
pub fn ack_message(kind: Kind) -> &'static str {
    match kind {
        Kind::Complaint => "ack-complaint",
        Kind::Urgent => "ack-urgent",
        Kind::Question => "ack-question",
        Kind::Greeting => "ack-greeting",
        Kind::Praise | Kind::Spam | Kind::Other => "ack-other",
    }
}

/// Every message id the renderer may use, so the loader and
/// `locales check` can insist the reference locale has them.
pub const USED_MESSAGES: [&str; 26] = [
    "automated-label",
    "hello",
    "hello-name",
    "ack-complaint",
    "ack-urgent",
    "ack-question",
    "ack-greeting",
    "ack-other",
    "thanks-praise",
    "faq-back-note",
    "list-and",
    "weekday",
    "month",
    "date",
    "time",
    "when-today",
    "when-tomorrow",
    "when-weekday",
    "when-date",
    "in-minutes",
    "in-hours",
    "in-days",
    "back",
    "back-two-zones",
    "back-unknown",
    "city",
];

/// A first name fit to greet with: trimmed, one word, at most 40 characters.
fn first_name(name: Option<&str>) -> Option<String> {
    let first = name?.split_whitespace().next()?;
    let clean: String = first.chars().filter(|c| c.is_alphabetic() || *c == '-' || *c == '\'').take(40).collect();
    (!clean.is_empty()).then_some(clean)
}

/// The market's payment methods as one phrase ("iDEAL en Bancontact"), or
/// `none` for the answer's variant without them.
fn local_list(c: &Catalog, lang: Lang, methods: &[String]) -> String {
    match methods {
        [] => "none".into(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let mut a = FluentArgs::new();
            a.set("first", rest.join(", "));
            a.set("second", last.clone());
            c.format(lang, "list-and", &a).unwrap_or_else(|| format!("{}, {last}", rest.join(", ")))
        }
    }
}

pub fn render(c: &Catalog, plan: &ReplyPlan, ctx: &RenderContext<'_>) -> RenderedReply {
    let lang = ctx.lang;
    let back = back_time(c, lang, ctx.availability, ctx.now, ctx.customer_tz);
    let mut args = FluentArgs::new();
    args.set("back", back.phrase.clone());
    args.set("open", if ctx.open_now { "yes" } else { "no" });
    args.set("local", local_list(c, lang, ctx.payment_methods));
    // An upset customer is greeted soberly where the locale's greeting is
    // casual (Polish "Cześć" becomes "Dzień dobry").
    let upset = matches!(plan, ReplyPlan::Acknowledge(Kind::Complaint | Kind::Urgent));
    let body = match plan {
        ReplyPlan::Acknowledge(kind) => c.format(lang, ack_message(*kind), &args).unwrap_or_default(),
        ReplyPlan::Thanks => c.format(lang, "thanks-praise", &args).unwrap_or_default(),
        ReplyPlan::Answer { message, back_note, .. } => {
            let mut text = c.format(lang, message, &args).unwrap_or_default();
            if *back_note {
                let note = c.format(lang, "faq-back-note", &args).unwrap_or_default();
                if !note.is_empty() {
                    text.push(' ');
                    text.push_str(&note);
                }
            }
            text
        }
    };
    let hello = match first_name(ctx.name) {
        Some(name) => {
            let mut a = FluentArgs::new();
            a.set("name", name);
            a.set("tone", if upset { "upset" } else { "other" });
            c.format(lang, "hello-name", &a)
        }
        None => {
            let mut a = FluentArgs::new();
            a.set("tone", if upset { "upset" } else { "other" });
            c.format(lang, "hello", &a)
        }
    }
    .unwrap_or_default();
    let label = c.format(lang, "automated-label", &FluentArgs::new()).unwrap_or_default();
    let mut text = String::new();
    for part in [hello.trim(), body.trim()] {
        if !part.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(part);
        }
    }
    text.push_str("\n\n");
    text.push_str(label.trim());
    RenderedReply { text, automated: true }
}

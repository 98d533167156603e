//! Puts a [`ReplyPlan`] into words: greeting, body, and the label that says
//! the message is automated and how to reach a person.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;

use super::opening::hours_words;
use super::when::back_time;
use super::Catalog;
use crate::domain::schedule::Schedule;
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
    /// The page's other contact (`flows/pages.toml`), offered when the
    /// customer is asked to write again.
    pub contact: Option<&'a str>,
    /// The opening hours of the teams serving the language, for the FAQ
    /// answers (`$schedule`, `$exceptions`); `None` for other replies.
    pub schedule: Option<&'a Schedule>,
    /// The payment methods of the customer's market (`$local` of the answers).
    pub payment_methods: &'a [String],
    /// The customer complained or wrote something urgent: greeted soberly,
    /// whatever the reply (an answer to a damaged item too).
    pub upset: bool,
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

/// The Fluent message id of the acknowledgement that asks the customer to
/// write again (`locales/<lang>/window.ftl`).
pub fn write_again_message(kind: Kind) -> &'static str {
    match kind {
        Kind::Complaint => "write-again-complaint",
        Kind::Urgent => "write-again-urgent",
        _ => "write-again",
    }
}

/// Every message id the renderer may use, so the loader and
/// `locales check` can insist the reference locale has them.
pub const USED_MESSAGES: [&str; 40] = [
    "automated-label",
    "ack-urgent-on-call",
    "hello",
    "hello-name",
    "ack-complaint",
    "ack-urgent",
    "ack-question",
    "ack-greeting",
    "ack-other",
    "thanks-praise",
    "closer-reply",
    "faq-back-note",
    "list-and",
    "weekday",
    "month",
    "date",
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
    "write-again-complaint",
    "write-again-urgent",
    "write-again",
    "write-again-contact",
    "write-again-note",
    "write-again-back-note",
    "hours-days",
    "hours-day",
    "hours-two-zones",
    "hours-closed-day",
    "hours-short-day",
    "hours-exceptions",
    "hours-separator",
];

/// `text` and, when the page offers one, the sentence with its other contact.
fn with_contact(c: &Catalog, lang: Lang, mut text: String, contact: Option<&str>) -> String {
    if let Some(contact) = contact {
        let mut a = FluentArgs::new();
        a.set("contact", contact.to_string());
        if let Some(more) = c.format(lang, "write-again-contact", &a).filter(|m| !m.trim().is_empty()) {
            text.push(' ');
            text.push_str(more.trim());
        }
    }
    text
}

/// A first name fit to greet with: trimmed, one word, at most 40 characters.
fn first_name(name: Option<&str>) -> Option<String> {
    let first = name?.split_whitespace().next()?;
    let clean: String = first.chars().filter(|c| c.is_alphabetic() || *c == '-' || *c == '\'').take(40).collect();
    (!clean.is_empty()).then_some(clean)
}

/// Runs of spaces made one, as an empty variable (no coming closed days)
/// leaves two.
fn single_spaced(s: &str) -> String {
    s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
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
    let upset = ctx.upset
        || matches!(
            plan,
            ReplyPlan::Acknowledge(Kind::Complaint | Kind::Urgent)
                | ReplyPlan::WriteAgain(Kind::Complaint | Kind::Urgent)
                | ReplyPlan::OnCall { .. }
        );
    let body = match plan {
        ReplyPlan::Acknowledge(kind) => c.format(lang, ack_message(*kind), &args).unwrap_or_default(),
        ReplyPlan::WriteAgain(kind) => {
            let text = c.format(lang, write_again_message(*kind), &args).unwrap_or_default();
            with_contact(c, lang, text, ctx.contact)
        }
        ReplyPlan::OnCall { minutes } => {
            // "within the hour", "within 2 hours", "within 30 minutes".
            args.set("minutes", *minutes);
            if minutes % 60 == 0 {
                args.set("hours", minutes / 60);
            } else {
                args.set("hours", "none");
            }
            c.format(lang, "ack-urgent-on-call", &args).unwrap_or_default()
        }
        ReplyPlan::Thanks => c.format(lang, "thanks-praise", &args).unwrap_or_default(),
        ReplyPlan::Closer => c.format(lang, "closer-reply", &args).unwrap_or_default(),
        ReplyPlan::Answer { message, back_note, write_again, .. } => {
            let hours = ctx.schedule.map(|s| hours_words(c, lang, s)).unwrap_or_default();
            args.set("schedule", hours.schedule);
            args.set("exceptions", hours.exceptions);
            args.set("back_in", if back.relative.is_empty() { back.phrase.clone() } else { back.relative.clone() });
            let mut text = single_spaced(&c.format(lang, message, &args).unwrap_or_default());
            // The return time is stated once: an answer that already says
            // when a person is back ("a person will update it tomorrow at
            // 08:30", "a person will be back in about 7 hours") gets no note
            // saying it again.
            let states_return =
                text.contains(&back.when) || (!back.relative.is_empty() && text.contains(&back.relative));
            // The note of when a person is back, or (the window closing
            // first) the one that asks the customer to write again then;
            // an answer that itself says when gets only the request.
            let note = match (*back_note && !states_return, *write_again) {
                (true, false) => Some("faq-back-note"),
                (true, true) => Some("write-again-back-note"),
                (false, true) => Some("write-again-note"),
                (false, false) => None,
            };
            if let Some(note) = note.and_then(|id| c.format(lang, id, &args)).filter(|n| !n.trim().is_empty()) {
                text.push(' ');
                text.push_str(note.trim());
            }
            if *write_again {
                text = with_contact(c, lang, text, ctx.contact);
            }
            text
        }
    };
    // "You're welcome!" stands alone: a greeting before it would be odd.
    let hello = match first_name(ctx.name) {
        _ if matches!(plan, ReplyPlan::Closer) => Some(String::new()),
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

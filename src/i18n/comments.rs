//! The words of the bot's public reply under a customer's comment: short,
//! labelled as automated, nothing private in it.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;

use super::when::back_time;
use super::Catalog;
use crate::domain::{Availability, Kind, Lang};

/// The messages the public reply uses (`locales/<lang>/comments.ftl`).
pub const COMMENT_MESSAGES: [&str; 4] =
    ["comment-public-complaint", "comment-public-praise", "comment-public-other", "comment-label"];

/// The public reply to a comment of `kind`: an apology for a complaint
/// (never thanks), thanks for praise, otherwise a word that a person will
/// look; `private_sent` points to the private message, else the reply says
/// when the team is back.
pub fn public_reply(
    c: &Catalog,
    lang: Lang,
    kind: Kind,
    private_sent: bool,
    availability: Option<&Availability>,
    now: DateTime<Utc>,
    tz: Tz,
) -> String {
    let id = match kind {
        Kind::Complaint | Kind::Urgent => "comment-public-complaint",
        Kind::Praise => "comment-public-praise",
        _ => "comment-public-other",
    };
    let mut args = FluentArgs::new();
    args.set("private", if private_sent { "yes" } else { "no" });
    args.set("back", back_time(c, lang, availability, now, tz).phrase);
    let body = c.format(lang, id, &args).unwrap_or_default();
    let label = c.format(lang, "comment-label", &FluentArgs::new()).unwrap_or_default();
    format!("{} {}", body.trim(), label.trim()).trim().to_string()
}

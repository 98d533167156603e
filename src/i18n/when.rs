//! "When a person is back", in the customer's words: the day relative to
//! theirs, the time on their clock, how long that is from now and, when the
//! team's clock reads differently, the team's time too.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;

use super::clock::time_of_day;
use super::Catalog;
use crate::domain::{Availability, Lang};

/// Beyond this many days ahead the date is written out, not just the weekday.
const WEEKDAY_ONLY_DAYS: i64 = 6;

/// The city of an IANA zone, for "09:30 in Warsaw".
pub fn city(tz: Tz) -> String {
    tz.name().rsplit('/').next().unwrap_or(tz.name()).replace('_', " ")
}

/// The team's city in `lang`: the locale's `city` message picks a name by
/// `$zone` (the IANA name with `/` written as `-`, e.g. `Europe-Warsaw`),
/// with `$name`, the English city, as its default.
pub(super) fn city_name(c: &Catalog, lang: Lang, tz: Tz) -> String {
    let mut a = FluentArgs::new();
    a.set("zone", tz.name().replace('/', "-"));
    a.set("name", city(tz));
    c.format(lang, "city", &a).unwrap_or_else(|| city(tz))
}

/// The pieces of the sentence, each already in the customer's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackTime {
    /// "tomorrow at 08:30"
    pub when: String,
    /// "in about 7 hours"
    pub relative: String,
    /// The full phrase for `$back`: "tomorrow at 08:30 (in about 7 hours)".
    pub phrase: String,
}

fn msg(c: &Catalog, lang: Lang, id: &str, args: &FluentArgs) -> String {
    c.format(lang, id, args).unwrap_or_default()
}

/// The time of day as the language writes it (CLDR, not a translator's
/// guess), the same as the opening hours show it.
fn clock(lang: Lang, t: DateTime<Tz>) -> String {
    time_of_day(lang, (t.hour() * 60 + t.minute()) as u16)
}

fn weekday(c: &Catalog, lang: Lang, t: DateTime<Tz>) -> String {
    let mut a = FluentArgs::new();
    a.set("day", t.weekday().number_from_monday());
    msg(c, lang, "weekday", &a)
}

fn date(c: &Catalog, lang: Lang, t: DateTime<Tz>) -> String {
    let mut m = FluentArgs::new();
    m.set("month", t.month());
    let month = msg(c, lang, "month", &m);
    let mut a = FluentArgs::new();
    a.set("day", t.day());
    a.set("month", month);
    msg(c, lang, "date", &a)
}

/// "today at 08:30", "tomorrow at 08:30", "on Monday at 08:30" or
/// "on Monday 4 January at 08:30", relative to `now` on the same clock.
fn when(c: &Catalog, lang: Lang, t: DateTime<Tz>, now: DateTime<Tz>) -> String {
    let days = (t.date_naive() - now.date_naive()).num_days();
    let mut a = FluentArgs::new();
    a.set("time", clock(lang, t));
    let id = match days {
        ..=0 => "when-today",
        1 => "when-tomorrow",
        2..=WEEKDAY_ONLY_DAYS => {
            a.set("weekday", weekday(c, lang, t));
            "when-weekday"
        }
        _ => {
            a.set("weekday", weekday(c, lang, t));
            a.set("date", date(c, lang, t));
            "when-date"
        }
    };
    msg(c, lang, id, &a)
}

/// [`when`] for a moment on the customer's clock `tz`: "tomorrow at 09:00".
pub fn on_clock(c: &Catalog, lang: Lang, at: DateTime<Utc>, tz: Tz, now: DateTime<Utc>) -> String {
    when(c, lang, at.with_timezone(&tz), now.with_timezone(&tz))
}

/// "in about 20 minutes", "in about 7 hours" (under two days), "in 3 days".
fn relative(c: &Catalog, lang: Lang, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (at - now).num_minutes().max(1);
    let mut a = FluentArgs::new();
    if minutes < 60 {
        a.set("minutes", minutes);
        msg(c, lang, "in-minutes", &a)
    } else if minutes < 48 * 60 {
        // Round to the nearest hour: 7 h 20 min is "about 7 hours".
        a.set("hours", ((minutes + 30) / 60).max(1));
        msg(c, lang, "in-hours", &a)
    } else {
        a.set("days", (minutes + 12 * 60) / (24 * 60));
        msg(c, lang, "in-days", &a)
    }
}

/// The back time in `lang`, on the customer's clock, and on the team's
/// when it reads differently. `None` availability: nobody is scheduled, and
/// the phrase says so without inventing a time.
pub fn back_time(
    c: &Catalog,
    lang: Lang,
    availability: Option<&Availability>,
    now: DateTime<Utc>,
    customer_tz: Tz,
) -> BackTime {
    let Some(av) = availability else {
        let phrase = msg(c, lang, "back-unknown", &FluentArgs::new());
        return BackTime { when: phrase.clone(), relative: String::new(), phrase };
    };
    let local = av.at.with_timezone(&customer_tz);
    let local_now = now.with_timezone(&customer_tz);
    let when_text = when(c, lang, local, local_now);
    let relative_text = relative(c, lang, av.at, now);
    let team_local = av.at.with_timezone(&av.team_tz);
    let same_clock = team_local.naive_local() == local.naive_local();
    let mut a = FluentArgs::new();
    a.set("when", when_text.clone());
    a.set("relative", relative_text.clone());
    let phrase = if same_clock {
        msg(c, lang, "back", &a)
    } else {
        let team_time = if team_local.date_naive() == local.date_naive() {
            clock(lang, team_local)
        } else {
            format!("{} {}", weekday(c, lang, team_local), clock(lang, team_local))
        };
        a.set("team_time", team_time);
        a.set("team_city", city_name(c, lang, av.team_tz));
        msg(c, lang, "back-two-zones", &a)
    };
    BackTime { when: when_text, relative: relative_text, phrase }
}

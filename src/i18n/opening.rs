//! The opening hours in the customer's words, for `faq-opening-hours`:
//! "Monday to Friday 08:30–20:00, Saturday 10:00–16:00", on their clock and
//! the team's, and the coming days that differ. Weekday names, dates and
//! times come from CLDR ([`super::clock`]); the frames that join them are the
//! translators' (`hours-*` in main.ftl).

use chrono::{Datelike, NaiveDate};
use fluent_bundle::FluentArgs;

use super::clock::{day_and_date, time_of_day, weekday_name};
use super::when::city_name;
use super::Catalog;

use crate::domain::schedule::{DayHours, OpeningHours, Schedule, Span};
use crate::domain::Lang;

/// The rendered parts the FAQ answers receive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HoursWords {
    /// `$schedule`: the week, on one clock or two.
    pub schedule: String,
    /// `$exceptions`: a sentence on the coming closed or short days, or "".
    pub exceptions: String,
}

fn msg(c: &Catalog, lang: Lang, id: &str, args: &FluentArgs) -> String {
    c.format(lang, id, args).unwrap_or_default()
}

/// "08:30–20:00, 21:00–23:00"
fn times(lang: Lang, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| format!("{}–{}", time_of_day(lang, s.start), time_of_day(lang, s.end)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The week with equal neighbouring days grouped: "Monday to Friday
/// 08:30–20:00, Saturday 10:00–16:00". Closed weekdays are left out.
fn week(c: &Catalog, lang: Lang, h: &OpeningHours) -> String {
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for d in 0..7 {
        if h.week[d].is_empty() {
            continue;
        }
        match groups.last_mut() {
            Some((_, last)) if *last + 1 == d && h.week[*last] == h.week[d] => *last = d,
            _ => groups.push((d, d)),
        }
    }
    let several_a_day = h.week.iter().any(|d| d.len() > 1);
    groups
        .iter()
        .map(|&(first, last)| {
            let days = if first == last {
                weekday_name(lang, first)
            } else {
                let mut a = FluentArgs::new();
                a.set("first", weekday_name(lang, first));
                a.set("last", weekday_name(lang, last));
                msg(c, lang, "hours-days", &a)
            };
            let mut a = FluentArgs::new();
            a.set("weekdays", days);
            a.set("times", times(lang, &h.week[first]));
            msg(c, lang, "hours-day", &a)
        })
        .collect::<Vec<_>>()
        .join(if several_a_day { "; " } else { ", " })
}

fn exceptions(c: &Catalog, lang: Lang, h: &OpeningHours) -> String {
    if h.exceptions.is_empty() {
        return String::new();
    }
    // Closed days in a row (weekly days off between them included) read as
    // one span: a two-week closure is "Monday 3 August to Friday 14 August:
    // closed", not ten lines.
    let mut runs: Vec<(&DayHours, &DayHours)> = Vec::new();
    for e in &h.exceptions {
        match runs.last_mut() {
            Some((first, last))
                if e.open.is_empty() && first.open.is_empty() && only_days_off_between(h, last.date, e.date) =>
            {
                *last = e
            }
            _ => runs.push((e, e)),
        }
    }
    let days: Vec<String> = runs
        .iter()
        .map(|(first, last)| {
            let mut a = FluentArgs::new();
            if first.date == last.date {
                a.set("date", day_and_date(lang, first.date));
            } else {
                let mut span = FluentArgs::new();
                span.set("first", day_and_date(lang, first.date));
                span.set("last", day_and_date(lang, last.date));
                a.set("date", msg(c, lang, "hours-days", &span));
            }
            if first.open.is_empty() {
                msg(c, lang, "hours-closed-day", &a)
            } else {
                a.set("times", times(lang, &first.open));
                msg(c, lang, "hours-short-day", &a)
            }
        })
        .collect();
    let mut a = FluentArgs::new();
    // A date may hold a comma ("piątek, 25 grudnia"): the locale's separator
    // is a semicolon, spaced as the language spaces it.
    let separator = c.format(lang, "hours-separator", &FluentArgs::new()).unwrap_or_else(|| "; ".into());
    a.set("dates", days.join(&separator));
    msg(c, lang, "hours-exceptions", &a)
}

/// Every day strictly between `a` and `b` is a weekly day off.
fn only_days_off_between(h: &OpeningHours, a: NaiveDate, b: NaiveDate) -> bool {
    a.iter_days().skip(1).take_while(|d| *d < b).all(|d| h.week[d.weekday().num_days_from_monday() as usize].is_empty())
}

/// The schedule in `lang`.
pub fn hours_words(c: &Catalog, lang: Lang, s: &Schedule) -> HoursWords {
    let mine = week(c, lang, &s.customer);
    let hours = match &s.team {
        None => mine,
        Some((team, tz)) => {
            let mut a = FluentArgs::new();
            a.set("schedule", mine);
            a.set("team_schedule", week(c, lang, team));
            a.set("team_city", city_name(c, lang, *tz));
            msg(c, lang, "hours-two-zones", &a)
        }
    };
    HoursWords { schedule: hours, exceptions: exceptions(c, lang, &s.customer) }
}

//! Weekday names, dates and clock times in a language, from CLDR through
//! ICU4X's compiled data, so no translator types them and every language
//! writes them as its readers expect ("08:30", "08.30", "lundi").

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use icu_calendar::types::Weekday as IcuWeekday;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{E, MDE, T};
use icu_datetime::input::Time;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_locale_core::Locale;

use crate::domain::Lang;

/// The CLDR locale a language's customers read: the brand serves Europe,
/// so English is British English (24-hour clock, "Friday 25 December") and
/// Portuguese is European Portuguese.
fn cldr_locale(lang: Lang) -> Locale {
    let tag = match lang.as_str() {
        "en" => "en-GB",
        "pt" => "pt-PT",
        other => other,
    };
    tag.parse().unwrap_or(Locale::UNKNOWN)
}

/// The formatters of one language, made once per thread.
struct Formatters {
    weekday: Option<FixedCalendarDateTimeFormatter<Gregorian, E>>,
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, MDE>>,
    time: Option<NoCalendarFormatter<T>>,
}

impl Formatters {
    fn new(lang: Lang) -> Self {
        let prefs = DateTimeFormatterPreferences::from(&cldr_locale(lang));
        Self {
            weekday: FixedCalendarDateTimeFormatter::try_new(prefs, E::long()).ok(),
            date: FixedCalendarDateTimeFormatter::try_new(prefs, MDE::long()).ok(),
            time: NoCalendarFormatter::try_new(prefs, T::hm()).ok(),
        }
    }
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<Lang, std::rc::Rc<Formatters>>> = RefCell::new(HashMap::new());
}

fn with<R>(lang: Lang, f: impl FnOnce(&Formatters) -> R) -> R {
    let fm = FORMATTERS
        .with(|m| m.borrow_mut().entry(lang).or_insert_with(|| std::rc::Rc::new(Formatters::new(lang))).clone());
    f(&fm)
}

/// "Monday", "lundi", "poniedziałek": the weekday on its own (CLDR's
/// stand-alone form), `day` 0 for Monday to 6 for Sunday.
pub fn weekday_name(lang: Lang, day: usize) -> String {
    const DAYS: [IcuWeekday; 7] = [
        IcuWeekday::Monday,
        IcuWeekday::Tuesday,
        IcuWeekday::Wednesday,
        IcuWeekday::Thursday,
        IcuWeekday::Friday,
        IcuWeekday::Saturday,
        IcuWeekday::Sunday,
    ];
    with(lang, |f| match &f.weekday {
        Some(fmt) => fmt.format(&DAYS[day % 7]).to_string(),
        None => format!("{:?}", DAYS[day % 7]),
    })
}

/// "Friday 25 December", "vendredi 25 décembre", "piątek, 25 grudnia".
pub fn day_and_date(lang: Lang, date: NaiveDate) -> String {
    with(lang, |f| {
        let d = Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8).ok();
        match (&f.date, d) {
            (Some(fmt), Some(d)) => fmt.format(&d).to_string(),
            _ => date.format("%Y-%m-%d").to_string(),
        }
    })
}

/// "08:30", "08.30": a time of day on the 24-hour clock of the language.
/// 24:00, the end of a day, is written as midnight (00:00).
pub fn time_of_day(lang: Lang, minute_of_day: u16) -> String {
    let (h, m) = (((minute_of_day / 60) % 24) as u8, (minute_of_day % 60) as u8);
    with(lang, |f| match (&f.time, Time::try_new(h, m, 0, 0).ok()) {
        (Some(fmt), Some(t)) => fmt.format(&t).to_string(),
        _ => format!("{h:02}:{m:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    #[test]
    fn names_and_times_come_from_cldr() {
        assert_eq!(weekday_name(l("en"), 0), "Monday");
        assert_eq!(weekday_name(l("fr"), 0), "lundi");
        assert_eq!(weekday_name(l("pl"), 4), "piątek");
        assert_eq!(time_of_day(l("en"), 8 * 60 + 30), "08:30");
        assert_eq!(time_of_day(l("de"), 20 * 60), "20:00");
        assert_eq!(time_of_day(l("da"), 8 * 60 + 30), "08.30");
        let xmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        assert_eq!(day_and_date(l("en"), xmas), "Friday 25 December");
    }
}

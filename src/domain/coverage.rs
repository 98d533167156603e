//! Coverage: for one ISO week, the stretches in which nobody who speaks a
//! language is at work, and the longest a customer can wait for someone.
//!
//! Exact, with no sampling: a team's open or closed state only changes at an
//! instant whose wall clock reads a boundary of its schedule (an interval's
//! start or end, midnight for holidays, a closure's ends) or where the clock
//! itself jumps (a DST change). The week is cut at those instants and each
//! piece is asked [`Team::is_open`] once, so the rule of `hours` (schedules
//! mean the team's wall clock) is the only rule here too.
//!
//! The week is the customer's: Monday 00:00 to the next Monday 00:00 on the
//! language's typical clock, so a week with a DST change has 167 or 169 hours.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::calendar::DayPart;
use super::hours::{first_instant, instants_at_or_after, next_available, teams_for, transitions_on, Team, DAY_MINUTES};
use super::ids::{Lang, TeamId};
use super::playbook::Playbook;

/// An ISO 8601 week (`2026-W52`): Monday to Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoWeek {
    year: i32,
    week: u32,
}

impl IsoWeek {
    /// The years a week may be in: the week, the days around it and every
    /// time zone's view of them stay far inside what dates can hold.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

    /// `None` when the year has no such week (only some years have a W53),
    /// or lies outside [`Self::YEARS`].
    pub fn new(year: i32, week: u32) -> Option<Self> {
        if !Self::YEARS.contains(&year) {
            return None;
        }
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|_| Self { year, week })
    }

    /// Parses `2026-W52` (or `2026-w52`).
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not an ISO week such as 2026-W52");
        let (year, week) = s.trim().split_once(['W', 'w']).ok_or_else(bad)?;
        let year: i32 = year.strip_suffix('-').ok_or_else(bad)?.parse().map_err(|_| bad())?;
        if week.len() != 2 {
            return Err(bad());
        }
        let week: u32 = week.parse().map_err(|_| bad())?;
        if !Self::YEARS.contains(&year) {
            let (first, last) = (Self::YEARS.start(), Self::YEARS.end());
            return Err(format!("`{s}`: the year must be between {first} and {last}"));
        }
        Self::new(year, week).ok_or_else(|| format!("{year} has no week {week}"))
    }

    /// The week that holds `date`.
    pub fn containing(date: NaiveDate) -> Self {
        let w = date.iso_week();
        Self { year: w.year(), week: w.week() }
    }

    pub fn monday(&self) -> NaiveDate {
        // Checked in `new`.
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }

    /// Monday 00:00 to the next Monday 00:00 on `tz`'s clock (the first
    /// instant after the gap when a clock skips midnight).
    pub fn bounds(&self, tz: Tz) -> Span {
        let start = |d: NaiveDate| first_instant(tz, d.and_time(NaiveTime::MIN)).unwrap_or(DateTime::<Utc>::MIN_UTC);
        let monday = self.monday();
        Span { from: start(monday), to: start(monday + Duration::days(7)) }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// A half-open stretch of time, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Span {
    pub fn length(&self) -> Duration {
        self.to - self.from
    }
}

/// The longest wait of a week: a customer who writes at `from` first meets
/// a person at `until`, which may lie after the week; `None` when nobody is
/// scheduled within the engine's horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub from: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

impl Wait {
    pub fn length(&self) -> Option<Duration> {
        self.until.map(|u| u - self.from)
    }

    /// Strictly longer; a wait with no end is longer than any other.
    fn longer_than(&self, other: &Wait) -> bool {
        match (self.length(), other.length()) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => a > b,
            _ => false,
        }
    }
}

/// One language's week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCoverage {
    pub lang: Lang,
    /// The clock the week is read on: the language's typical customer zone.
    pub time_zone: Tz,
    /// The teams that answer this language.
    pub teams: Vec<TeamId>,
    /// No team speaks the language; `teams` are those of the fallback.
    pub via_fallback: bool,
    /// The week on that clock.
    pub week: Span,
    /// The stretches with nobody, in order, cut at the week's ends.
    pub uncovered: Vec<Span>,
    /// `None` when someone is at work all week.
    pub longest_wait: Option<Wait>,
}

impl LanguageCoverage {
    pub fn uncovered_time(&self) -> Duration {
        self.uncovered.iter().map(Span::length).sum()
    }
}

/// Every language of the playbook, in its order, for `week`.
pub fn coverage(playbook: &Playbook, week: IsoWeek) -> Vec<LanguageCoverage> {
    playbook
        .languages
        .iter()
        .map(|l| language_coverage(&playbook.teams, l.lang, playbook.fallback, l.time_zone, week))
        .collect()
}

/// The week of `lang` on the clock `tz`: served by [`teams_for`], so a
/// language no team speaks is covered by the teams of `fallback`.
pub fn language_coverage(teams: &[Team], lang: Lang, fallback: Lang, tz: Tz, week: IsoWeek) -> LanguageCoverage {
    let within = week.bounds(tz);
    let serving = teams_for(teams, lang, fallback);
    let uncovered = uncovered(&serving, within);
    // The wait from the start of each stretch is the longest within it; the
    // last stretch may go on past the week, so ask when someone next opens.
    let mut longest_wait: Option<Wait> = None;
    for gap in &uncovered {
        let until = if gap.to < within.to {
            Some(gap.to)
        } else {
            next_available(teams, lang, fallback, within.to).map(|a| a.at)
        };
        let wait = Wait { from: gap.from, until };
        if longest_wait.as_ref().is_none_or(|best| wait.longer_than(best)) {
            longest_wait = Some(wait);
        }
    }
    LanguageCoverage {
        lang,
        time_zone: tz,
        teams: serving.iter().map(|t| t.id.clone()).collect(),
        via_fallback: !teams.iter().any(|t| t.speaks(lang)),
        week: within,
        uncovered,
        longest_wait,
    }
}

/// The stretches of `within` in which none of `teams` is open.
pub fn uncovered(teams: &[&Team], within: Span) -> Vec<Span> {
    let mut open: Vec<Span> = teams.iter().flat_map(|t| open_spans(t, within)).collect();
    open.sort_by_key(|s| s.from);
    let mut gaps = Vec::new();
    let mut cursor = within.from;
    for s in open {
        if s.from > cursor {
            gaps.push(Span { from: cursor, to: s.from });
        }
        cursor = cursor.max(s.to);
    }
    if cursor < within.to {
        gaps.push(Span { from: cursor, to: within.to });
    }
    gaps
}

/// The stretches of `within` in which `team` is open, in order and merged.
pub fn open_spans(team: &Team, within: Span) -> Vec<Span> {
    let cuts = cuts(team, within);
    let mut spans: Vec<Span> = Vec::new();
    for (i, &at) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(within.to);
        if !team.is_open(at) {
            continue;
        }
        match spans.last_mut() {
            Some(last) if last.to == at => last.to = end,
            _ => spans.push(Span { from: at, to: end }),
        }
    }
    spans
}

/// `within.from` and every instant of `within` at which `team` may open or
/// close, sorted: between two of them its state cannot change.
fn cuts(team: &Team, within: Span) -> Vec<DateTime<Utc>> {
    let tz = team.tz;
    let mut clock: Vec<u16> = vec![0];
    for iv in team.week.days.iter().flatten() {
        clock.push(iv.start);
        clock.push(iv.end % DAY_MINUTES);
    }
    // A half-day holiday closes or opens the team at its ends.
    for h in &team.holidays {
        if let DayPart::Part { from, to } = h.closed {
            clock.push(from);
            clock.push(to % DAY_MINUTES);
        }
    }
    clock.sort_unstable();
    clock.dedup();
    let clock: Vec<NaiveTime> =
        clock.into_iter().filter_map(|m| NaiveTime::from_hms_opt((m / 60) as u32, (m % 60) as u32, 0)).collect();
    let mut cuts = vec![within.from];
    // A day of margin each side: a clock that fell back repeats wall times.
    let first = within.from.with_timezone(&tz).date_naive() - Duration::days(1);
    let last = within.to.with_timezone(&tz).date_naive() + Duration::days(1);
    for date in first.iter_days().take_while(|d| *d <= last) {
        for t in &clock {
            cuts.extend(instants_at_or_after(tz, date.and_time(*t)));
        }
        cuts.extend(transitions_on(tz, date));
    }
    for c in &team.closures {
        cuts.extend(instants_at_or_after(tz, c.from));
        cuts.extend(instants_at_or_after(tz, c.to));
    }
    cuts.retain(|t| within.from <= *t && *t < within.to);
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hours::{Closure, Holiday, Interval, Week};
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn lang(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    /// A team open `hours` on the weekdays listed (0 = Monday).
    fn team(id: &str, tz: Tz, langs: &[&str], days: &[usize], hours: &str) -> Team {
        let mut week = Week::default();
        for &d in days {
            week.days[d] = vec![Interval::parse(hours).unwrap()];
        }
        Team {
            id: TeamId(id.into()),
            name: id.into(),
            tz,
            languages: langs.iter().map(|l| lang(l)).collect(),
            week,
            holidays: vec![],
            closures: vec![],
        }
    }

    fn central() -> Team {
        let mut t = team("central", chrono_tz::Europe::Warsaw, &["pl", "en"], &[0, 1, 2, 3, 4], "08:00-18:00");
        t.week.days[5] = vec![Interval::parse("09:00-13:00").unwrap()];
        t.holidays = vec![Holiday::parse("12-25").unwrap(), Holiday::parse("12-26").unwrap()];
        t
    }

    #[test]
    fn iso_weeks_parse_print_and_refuse() {
        let w = IsoWeek::parse("2026-W52").unwrap();
        assert_eq!(w.to_string(), "2026-W52");
        assert_eq!(w.monday(), NaiveDate::from_ymd_opt(2026, 12, 21).unwrap());
        assert_eq!(IsoWeek::parse("2026-w01").unwrap().monday(), NaiveDate::from_ymd_opt(2025, 12, 29).unwrap());
        // Near the end of what dates can hold, the week after would not exist.
        assert_eq!(IsoWeek::parse("262142-W52").unwrap_err(), "`262142-W52`: the year must be between 1 and 9999");
        assert!(IsoWeek::parse("-5-W01").is_err());
        assert_eq!(IsoWeek::containing(NaiveDate::from_ymd_opt(2027, 1, 3).unwrap()).to_string(), "2026-W53");
        for bad in ["2026-52", "2026W52", "2026-W5", "2026-W00", "2025-W53", "W52", "2026-Wxx"] {
            assert!(IsoWeek::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_week_on_a_clock_that_changes_is_an_hour_short_or_long() {
        let warsaw = chrono_tz::Europe::Warsaw;
        assert_eq!(IsoWeek::parse("2026-W13").unwrap().bounds(warsaw).length(), Duration::hours(167));
        assert_eq!(IsoWeek::parse("2026-W43").unwrap().bounds(warsaw).length(), Duration::hours(169));
        let w52 = IsoWeek::parse("2026-W52").unwrap().bounds(warsaw);
        assert_eq!(w52, Span { from: utc("2026-12-20T23:00:00Z"), to: utc("2026-12-27T23:00:00Z") });
    }

    #[test]
    fn christmas_leaves_polish_customers_alone_from_thursday_evening_to_monday() {
        let teams = [central()];
        let c = language_coverage(
            &teams,
            lang("pl"),
            lang("en"),
            chrono_tz::Europe::Warsaw,
            IsoWeek::parse("2026-W52").unwrap(),
        );
        assert_eq!(c.teams, vec![TeamId("central".into())]);
        assert!(!c.via_fallback);
        // Mon-Thu 08:00-18:00 open; Fri 25 and Sat 26 are holidays; Sunday closed.
        assert_eq!(c.uncovered.len(), 5);
        assert_eq!(c.uncovered[0], Span { from: utc("2026-12-20T23:00:00Z"), to: utc("2026-12-21T07:00:00Z") });
        assert_eq!(c.uncovered[4], Span { from: utc("2026-12-24T17:00:00Z"), to: utc("2026-12-27T23:00:00Z") });
        assert_eq!(c.uncovered_time(), Duration::hours(128));
        // The wait runs on past Sunday to Monday 28 December 08:00.
        assert_eq!(
            c.longest_wait,
            Some(Wait { from: utc("2026-12-24T17:00:00Z"), until: Some(utc("2026-12-28T07:00:00Z")) })
        );
    }

    #[test]
    fn a_language_nobody_speaks_is_covered_by_the_fallback_teams() {
        let teams = [central(), team("nordics", chrono_tz::Europe::Oslo, &["nb"], &[6], "00:00-24:00")];
        let c = language_coverage(
            &teams,
            lang("fi"),
            lang("en"),
            chrono_tz::Europe::Helsinki,
            IsoWeek::parse("2026-W10").unwrap(),
        );
        assert!(c.via_fallback);
        assert_eq!(c.teams, vec![TeamId("central".into())]);
        // Helsinki is an hour ahead of Warsaw: 09:00-19:00 and Saturday 10:00-14:00.
        assert_eq!(c.uncovered_time(), Duration::hours(168 - 54));
        assert_eq!(c.uncovered[0].to, utc("2026-03-02T07:00:00Z"));
    }

    #[test]
    fn nobody_at_all_means_a_wait_with_no_end_and_always_open_means_none() {
        let closed = team("closed", chrono_tz::Europe::Rome, &["it"], &[], "08:00-09:00");
        let week = IsoWeek::parse("2026-W20").unwrap();
        let c = language_coverage(&[closed], lang("it"), lang("en"), chrono_tz::Europe::Rome, week);
        assert_eq!(c.uncovered, vec![c.week]);
        assert_eq!(c.longest_wait, Some(Wait { from: c.week.from, until: None }));
        let always = team("always", chrono_tz::Asia::Tokyo, &["it"], &[0, 1, 2, 3, 4, 5, 6], "00:00-24:00");
        let c = language_coverage(&[always], lang("it"), lang("en"), chrono_tz::Europe::Rome, week);
        assert!(c.uncovered.is_empty());
        assert_eq!(c.longest_wait, None);
    }

    #[test]
    fn teams_on_either_side_of_a_clock_change_are_cut_where_their_own_clock_jumps() {
        // A night team in New York (DST from 8 March) and a day team in Lisbon
        // (DST from 29 March) overlap differently across W11..W14.
        let ny = team("ny", chrono_tz::America::New_York, &["pt"], &[0, 1, 2, 3, 4, 5, 6], "20:00-02:00");
        let lis = team("lis", chrono_tz::Europe::Lisbon, &["pt"], &[0, 1, 2, 3, 4], "01:30-09:00");
        for week in ["2026-W11", "2026-W13", "2026-W14"] {
            let week = IsoWeek::parse(week).unwrap();
            let c =
                language_coverage(&[ny.clone(), lis.clone()], lang("pt"), lang("en"), chrono_tz::Europe::Lisbon, week);
            let brute = brute_uncovered(&[&ny, &lis], c.week);
            assert_eq!(c.uncovered, brute, "{week}");
        }
    }

    #[test]
    fn the_repeated_autumn_hour_closes_and_opens_again_where_the_clock_falls_back() {
        // Amsterdam 2026-10-25: 03:00 CEST falls back to 02:00 CET at 01:00 UTC.
        // Open 02:30-04:00 on Sundays: open from 02:30 CEST, closed again from
        // 02:00 CET to 02:30 CET, then open to 04:00 CET.
        let t = team("night", chrono_tz::Europe::Amsterdam, &["nl"], &[6], "02:30-04:00");
        let week = IsoWeek::parse("2026-W43").unwrap();
        let c = language_coverage(std::slice::from_ref(&t), lang("nl"), lang("en"), chrono_tz::Europe::Amsterdam, week);
        assert_eq!(
            c.uncovered,
            vec![
                Span { from: c.week.from, to: utc("2026-10-25T00:30:00Z") },
                Span { from: utc("2026-10-25T01:00:00Z"), to: utc("2026-10-25T01:30:00Z") },
                Span { from: utc("2026-10-25T03:00:00Z"), to: c.week.to },
            ]
        );
        assert_eq!(c.uncovered, brute_uncovered(&[&t], c.week));
    }

    // --- property test: against a minute-by-minute scan ---

    /// Whole minutes from `within.from`: is one of `teams` open?
    fn scan(teams: &[&Team], from: DateTime<Utc>, minutes: i64) -> Vec<bool> {
        (0..minutes).map(|m| teams.iter().any(|t| t.is_open(from + Duration::minutes(m)))).collect()
    }

    fn brute_uncovered(teams: &[&Team], within: Span) -> Vec<Span> {
        let open = scan(teams, within.from, within.length().num_minutes());
        let mut gaps: Vec<Span> = Vec::new();
        for (m, is_open) in open.iter().enumerate() {
            let at = within.from + Duration::minutes(m as i64);
            if *is_open {
                continue;
            }
            match gaps.last_mut() {
                Some(g) if g.to == at => g.to = at + Duration::minutes(1),
                _ => gaps.push(Span { from: at, to: at + Duration::minutes(1) }),
            }
        }
        gaps
    }

    const ZONES: [Tz; 8] = [
        chrono_tz::Europe::Warsaw,
        chrono_tz::Europe::London,
        chrono_tz::America::New_York,
        chrono_tz::America::Santiago,    // clocks change at midnight
        chrono_tz::Australia::Lord_Howe, // a 30-minute change
        chrono_tz::Asia::Kathmandu,      // +05:45
        chrono_tz::Pacific::Chatham,     // +12:45 / +13:45
        chrono_tz::Africa::Casablanca,   // Ramadan changes
    ];

    fn arb_interval() -> impl Strategy<Value = Interval> {
        // Often near the night hours in which clocks change.
        let start = prop_oneof![0u16..DAY_MINUTES, 0u16..5 * 60];
        (start, prop_oneof![1u16..DAY_MINUTES, 1u16..3 * 60]).prop_map(|(start, len)| {
            let end = (start + len) % DAY_MINUTES;
            Interval { start, end: if end == 0 { DAY_MINUTES } else { end } }
        })
    }

    prop_compose! {
        fn arb_team(week: IsoWeek, zone: usize)(
            zone in prop_oneof![Just(zone), 0..ZONES.len()],
            speaks_pl in any::<bool>(),
            days in proptest::collection::vec(proptest::collection::vec(arb_interval(), 0..3), 7),
            holidays in proptest::collection::vec(-2i64..9, 0..3),
            half_days in proptest::collection::vec((-2i64..9, 0u16..DAY_MINUTES, 1u16..DAY_MINUTES), 0..2),
            closures in proptest::collection::vec((-2 * 24 * 60i64..9 * 24 * 60, 1i64..4 * 24 * 60), 0..2),
        ) -> Team {
            let mut schedule = Week::default();
            for (d, ivs) in days.into_iter().enumerate() {
                for iv in ivs {
                    let mut trial = schedule.clone();
                    trial.days[d].push(iv);
                    if trial.first_overlap().is_none() {
                        schedule = trial;
                    }
                }
            }
            let monday = week.monday();
            let midnight = monday.and_time(NaiveTime::MIN);
            Team {
                id: TeamId(format!("z{zone}")),
                name: String::new(),
                tz: ZONES[zone],
                languages: if speaks_pl { vec![lang("pl")] } else { vec![lang("en")] },
                week: schedule,
                holidays: holidays
                    .into_iter()
                    .map(|d| Holiday::once(monday + Duration::days(d)))
                    .chain(half_days.into_iter().map(|(d, from, len)| {
                        let mut h = Holiday::once(monday + Duration::days(d));
                        h.closed = DayPart::Part { from, to: (from + len).min(DAY_MINUTES) };
                        h
                    }))
                    .collect(),
                closures: closures
                    .into_iter()
                    .map(|(from, len)| {
                        let from = midnight + Duration::minutes(from);
                        Closure { from, to: from + Duration::minutes(len) }
                    })
                    .collect(),
            }
        }
    }

    /// The weeks of 2026 in which `tz` changes its clock.
    fn clock_change_weeks(tz: Tz) -> Vec<u32> {
        use chrono::{Offset, TimeZone};
        let offset = |d: NaiveDate| tz.offset_from_utc_date(&d).fix();
        (1..=53)
            .filter(|&w| {
                let monday = IsoWeek::new(2026, w).unwrap().monday();
                offset(monday) != offset(monday + Duration::days(7))
            })
            .collect()
    }

    /// Teams in several zones, often one in the customer's zone in a week in
    /// which that zone changes its clock.
    fn arb_case() -> impl Strategy<Value = (IsoWeek, Vec<Team>, Tz)> {
        (0..ZONES.len()).prop_flat_map(|zone| {
            let weeks = clock_change_weeks(ZONES[zone]);
            let changes = proptest::sample::select(if weeks.is_empty() { (1..=53).collect() } else { weeks });
            (prop_oneof![1u32..=53, changes], Just(zone)).prop_flat_map(|(w, zone)| {
                let week = IsoWeek::new(2026, w).unwrap();
                (Just(week), proptest::collection::vec(arb_team(week, zone), 1..4), Just(ZONES[zone]))
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
            ..ProptestConfig::default()
        })]
        /// Any `week=` a browser sends is a week or a reason, never a panic,
        /// and a parsed week has a Monday and a next Monday.
        #[test]
        fn any_week_text_parses_or_is_refused(s in "\\PC{0,12}", year in -300_000i32..300_000, week in 0u32..60) {
            let _ = IsoWeek::parse(&s);
            if let Ok(w) = IsoWeek::parse(&format!("{year}-W{week:02}")) {
                let _ = w.bounds(chrono_tz::Tz::Pacific__Kiritimati);
                let _ = w.bounds(chrono_tz::Tz::Etc__GMTPlus12);
            }
        }

        #[test]
        fn coverage_matches_a_minute_by_minute_scan((week, teams, tz) in arb_case()) {
            let (pl, en) = (lang("pl"), lang("en"));
            let c = language_coverage(&teams, pl, en, tz, week);
            let serving = teams_for(&teams, pl, en);
            // The week's ends on the customer's clock.
            let monday = week.monday();
            prop_assert!(c.week.from.with_timezone(&tz).date_naive() == monday);
            prop_assert!((c.week.from - Duration::minutes(1)).with_timezone(&tz).date_naive() < monday);
            prop_assert!(c.week.to.with_timezone(&tz).date_naive() == monday + Duration::days(7));
            prop_assert!((c.week.to - Duration::minutes(1)).with_timezone(&tz).date_naive() < monday + Duration::days(7));

            prop_assert_eq!(&c.uncovered, &brute_uncovered(&serving, c.week));

            // The longest wait: from every minute of the week to the next open one.
            let week_minutes = c.week.length().num_minutes();
            let beyond = 8 * 24 * 60;
            let open = scan(&serving, c.week.from, week_minutes + beyond);
            let mut next: Option<i64> = None;
            let mut longest: Option<(i64, Option<i64>)> = None; // (from, wait) in minutes
            for m in (0..week_minutes + beyond).rev() {
                if open[m as usize] {
                    next = Some(m);
                }
                if m < week_minutes {
                    let wait = next.map(|n| n - m);
                    let longer = match (longest, wait) {
                        (None, _) => true,
                        (Some((_, Some(best))), Some(w)) => w >= best, // ties: the earlier start
                        (Some((_, Some(_))), None) | (Some((_, None)), None) => true,
                        (Some((_, None)), Some(_)) => false,
                    };
                    if longer {
                        longest = Some((m, wait));
                    }
                }
            }
            match longest {
                Some((_, Some(0))) => prop_assert_eq!(c.longest_wait, None),
                Some((from, Some(wait))) => {
                    let w = c.longest_wait.unwrap();
                    prop_assert_eq!(w.from, c.week.from + Duration::minutes(from));
                    prop_assert_eq!(w.length(), Some(Duration::minutes(wait)));
                }
                // Nobody in the scanned stretch: the engine may still find someone later.
                Some((from, None)) => {
                    let w = c.longest_wait.unwrap();
                    prop_assert_eq!(w.from, c.week.from + Duration::minutes(from));
                    prop_assert!(w.length().is_none_or(|l| l > Duration::minutes(week_minutes + beyond - from)));
                }
                None => unreachable!("a week has minutes"),
            }
        }
    }
}

//! Opening hours as a customer reads them: the regular week of the teams
//! that serve their language, on any clock, and the coming days that differ
//! from it (holidays, closures). Derived from the teams themselves, asking
//! only [`Team::is_open`] what a given moment is, so whatever rules make a
//! team closed (yearly or movable holidays, half days, closures) show here.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use super::hours::{first_instant, Team, DAY_MINUTES};

/// How many days ahead the coming closed days are looked for.
pub const EXCEPTION_DAYS: i64 = 14;

/// Closures are found to the minute by probing every this many minutes and
/// bisecting where the answer changes; a closure shorter than this between
/// two probes can be missed (none such is useful to tell a customer).
const PROBE_MINUTES: i64 = 15;

/// Part of one local day, in minutes after midnight; `end` may be 1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u16,
    pub end: u16,
}

/// The hours of one date that differs from the regular week: no spans means
/// closed all day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayHours {
    pub date: NaiveDate,
    pub open: Vec<Span>,
}

/// When a person can be reached, on one clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningHours {
    /// The regular hours of each weekday, Monday first.
    pub week: [Vec<Span>; 7],
    /// The coming days (from now, [`EXCEPTION_DAYS`] ahead) whose hours
    /// differ from the week: holidays and closures.
    pub exceptions: Vec<DayHours>,
}

impl OpeningHours {
    /// No hours at all: nobody is scheduled.
    pub fn is_empty(&self) -> bool {
        self.week.iter().all(Vec::is_empty)
    }
}

/// The hours a customer is told: on their clock, and on the team's when it
/// reads differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub customer: OpeningHours,
    /// The same hours on the team's clock, with its zone; `None` when both
    /// clocks read alike.
    pub team: Option<(OpeningHours, Tz)>,
}

/// The [`Schedule`] of the teams serving a language, for a customer on
/// `customer_tz` whose case goes to a team on `team_tz`.
pub fn schedule(teams: &[&Team], customer_tz: Tz, team_tz: Tz, now: DateTime<Utc>) -> Schedule {
    let customer = opening_hours(teams, customer_tz, now);
    let team = (team_tz != customer_tz)
        .then(|| opening_hours(teams, team_tz, now))
        .filter(|t| t.week != customer.week)
        .map(|t| (t, team_tz));
    Schedule { customer, team }
}

/// A UTC instant span `[start, end)`.
type Instants = (DateTime<Utc>, DateTime<Utc>);

/// The opening hours of `teams` together (a person of any of them will do),
/// on the clock of `zone`, as of `now`.
pub fn opening_hours(teams: &[&Team], zone: Tz, now: DateTime<Utc>) -> OpeningHours {
    let mut hours = opening_hours_ahead(teams, zone, now, EXCEPTION_DAYS);
    let window_end = now.with_timezone(&zone).date_naive() + Duration::days(EXCEPTION_DAYS - 1);
    let days_off = |h: &OpeningHours, a: NaiveDate, b: NaiveDate| {
        a.iter_days()
            .skip(1)
            .take_while(|d| *d <= b)
            .all(|d| h.week[d.weekday().num_days_from_monday() as usize].is_empty())
    };
    let Some(last) = hours.exceptions.last().filter(|e| e.open.is_empty()).map(|e| e.date) else {
        return hours;
    };
    if days_off(&hours, last, window_end) {
        // A closure running past the window is told to its end ("3 to 21
        // August"), not cut where the window ends.
        let longer = opening_hours_ahead(teams, zone, now, EXCEPTION_DAYS + LONGEST_CLOSURE_DAYS);
        let mut last = last;
        for e in longer.exceptions.into_iter().filter(|e| e.date > window_end) {
            if !e.open.is_empty() || !days_off(&hours, last, e.date - Duration::days(1)) {
                break;
            }
            last = e.date;
            hours.exceptions.push(e);
        }
    }
    hours
}

/// How far past the window a closure that runs on is followed.
const LONGEST_CLOSURE_DAYS: i64 = 62;

fn opening_hours_ahead(teams: &[&Team], zone: Tz, now: DateTime<Utc>, days: i64) -> OpeningHours {
    let from = now - Duration::days(2);
    let to = now + Duration::days(days + 2);
    let regular = merge(teams.iter().flat_map(|t| scheduled(t, from, to)).collect());
    let actual: Vec<Instants> = merge(regular.iter().flat_map(|&s| open_parts(teams, s)).collect());

    let today = now.with_timezone(&zone).date_naive();
    let regular_days = by_local_date(&regular, zone);
    let mut week: [Vec<Span>; 7] = Default::default();
    for offset in 0..7 {
        let date = today + Duration::days(offset);
        week[date.weekday().num_days_from_monday() as usize] = regular_days.spans(date);
    }

    // The past does not differ from anything: compare what is still ahead.
    let clip = |spans: &[Instants]| -> Vec<Instants> {
        spans.iter().filter(|s| s.1 > now).map(|&(a, b)| (a.max(now), b)).collect()
    };
    let (regular_ahead, actual_ahead) = (by_local_date(&clip(&regular), zone), by_local_date(&clip(&actual), zone));
    let exceptions = (0..days)
        .map(|d| today + Duration::days(d))
        .filter(|&date| regular_ahead.spans(date) != actual_ahead.spans(date))
        .map(|date| DayHours { date, open: actual_days_of(&actual, zone, date) })
        .collect();
    OpeningHours { week, exceptions }
}

/// The whole open spans of `date` (not clipped to now): "only 08:30–15:00".
fn actual_days_of(actual: &[Instants], zone: Tz, date: NaiveDate) -> Vec<Span> {
    by_local_date(actual, zone).spans(date)
}

/// The team's weekly intervals as instants, for the local dates around `[from, to)`.
fn scheduled(team: &Team, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Instants> {
    let first = from.with_timezone(&team.tz).date_naive() - Duration::days(1);
    let last = to.with_timezone(&team.tz).date_naive();
    let mut out = Vec::new();
    let mut date = first;
    while date <= last {
        let midnight = date.and_time(NaiveTime::MIN);
        for iv in &team.week.days[date.weekday().num_days_from_monday() as usize] {
            let start = midnight + Duration::minutes(iv.start.into());
            let end = start + Duration::minutes(iv.minutes().into());
            if let (Some(s), Some(e)) = (first_instant(team.tz, start), first_instant(team.tz, end)) {
                if s < e {
                    out.push((s, e));
                }
            }
        }
        date += Duration::days(1);
    }
    out
}

/// Sorted, overlapping and touching spans joined.
fn merge(mut spans: Vec<Instants>) -> Vec<Instants> {
    spans.sort();
    let mut out: Vec<Instants> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The parts of a scheduled span in which one of the teams is open.
fn open_parts(teams: &[&Team], (start, end): Instants) -> Vec<Instants> {
    let open = |t: DateTime<Utc>| teams.iter().any(|team| team.is_open(t));
    let step = Duration::minutes(PROBE_MINUTES);
    let mut parts = Vec::new();
    let mut t = start;
    let mut state = open(t);
    let mut since = t;
    while t < end {
        let next = (t + step).min(end);
        let probe = if next < end { open(next) } else { state };
        if probe != state {
            // The first minute in (t, next] with the new state.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::minutes(1) {
                let mid = lo + Duration::minutes((hi - lo).num_minutes() / 2);
                if open(mid) == state {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if state {
                parts.push((since, hi));
            }
            since = hi;
            state = probe;
        }
        t = next;
    }
    if state && since < end {
        parts.push((since, end));
    }
    parts
}

/// Spans split at local midnight of `zone`, by local date.
struct LocalDays(Vec<(NaiveDate, Span)>);

impl LocalDays {
    fn spans(&self, date: NaiveDate) -> Vec<Span> {
        let mut v: Vec<Span> = self.0.iter().filter(|(d, _)| *d == date).map(|(_, s)| *s).collect();
        v.sort_by_key(|s| s.start);
        // Two teams' spans that touch across a split read as one.
        let mut out: Vec<Span> = Vec::with_capacity(v.len());
        for s in v {
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        out
    }
}

fn by_local_date(spans: &[Instants], zone: Tz) -> LocalDays {
    let minute_of = |t: NaiveDateTime| (t.hour() * 60 + t.minute()) as u16;
    let mut out = Vec::new();
    for &(mut s, e) in spans {
        while s < e {
            let local = s.with_timezone(&zone).naive_local();
            let date = local.date();
            let next_midnight = date.succ_opt().and_then(|d| first_instant(zone, d.and_time(NaiveTime::MIN)));
            let piece_end = next_midnight.map_or(e, |m| m.min(e));
            let end_minute = if Some(piece_end) == next_midnight {
                DAY_MINUTES
            } else {
                minute_of(piece_end.with_timezone(&zone).naive_local())
            };
            let start_minute = minute_of(local);
            if start_minute < end_minute {
                out.push((date, Span { start: start_minute, end: end_minute }));
            }
            if piece_end <= s {
                break;
            }
            s = piece_end;
        }
    }
    LocalDays(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hours::{Closure, Holiday, Interval, Week};
    use crate::domain::ids::{Lang, TeamId};

    fn team(tz: Tz, days: [&[&str]; 7]) -> Team {
        let mut week = Week::default();
        for (d, ivs) in days.iter().enumerate() {
            week.days[d] = ivs.iter().map(|s| Interval::parse(s).unwrap()).collect();
        }
        Team {
            id: TeamId("t".into()),
            name: "t".into(),
            tz,
            languages: vec![Lang::parse("en").unwrap()],
            week,
            holidays: vec![],
            closures: vec![],
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn span(s: &str) -> Span {
        let iv = Interval::parse(s).unwrap();
        Span { start: iv.start, end: iv.end }
    }

    const BENELUX: [&[&str]; 7] = [
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["10:00-16:00"],
        &[],
    ];

    #[test]
    fn the_week_on_the_team_clock_and_on_another() {
        let t = team(chrono_tz::Europe::Amsterdam, BENELUX);
        let h = opening_hours(&[&t], chrono_tz::Europe::Amsterdam, utc("2026-11-24T02:00:00Z"));
        assert_eq!(h.week[0], vec![span("08:30-20:00")]);
        assert_eq!(h.week[5], vec![span("10:00-16:00")]);
        assert!(h.week[6].is_empty());
        assert!(h.exceptions.is_empty());
        let london = opening_hours(&[&t], chrono_tz::Europe::London, utc("2026-11-24T02:00:00Z"));
        assert_eq!(london.week[4], vec![span("07:30-19:00")]);
        // New York: Saturday 10:00 Amsterdam is 04:00.
        let ny = opening_hours(&[&t], chrono_tz::America::New_York, utc("2026-11-24T02:00:00Z"));
        assert_eq!(ny.week[5], vec![span("04:00-10:00")]);
    }

    #[test]
    fn two_teams_serving_one_language_read_as_their_union() {
        let a = team(chrono_tz::Europe::Amsterdam, BENELUX);
        let b = team(chrono_tz::Europe::Warsaw, [&["08:00-18:00"]; 7]);
        let h = opening_hours(&[&a, &b], chrono_tz::Europe::Warsaw, utc("2026-11-24T02:00:00Z"));
        assert_eq!(h.week[2], vec![span("08:00-20:00")]);
        assert_eq!(h.week[5], vec![span("08:00-18:00")]);
    }

    #[test]
    fn holidays_and_closures_in_the_coming_days_are_exceptions() {
        let mut t = team(chrono_tz::Europe::Amsterdam, BENELUX);
        t.holidays = vec![Holiday::parse("12-25").unwrap()];
        t.closures = vec![Closure::parse("2026-12-24T15:00", "2026-12-24T20:00").unwrap()];
        let h = opening_hours(&[&t], chrono_tz::Europe::Amsterdam, utc("2026-12-20T12:00:00Z"));
        assert_eq!(
            h.exceptions,
            vec![
                DayHours { date: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), open: vec![span("08:30-15:00")] },
                DayHours { date: NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(), open: vec![] },
            ]
        );
        // The week stays the regular week.
        assert_eq!(h.week[3], vec![span("08:30-20:00")]);
        // A holiday three weeks out is not "coming".
        let h = opening_hours(&[&t], chrono_tz::Europe::Amsterdam, utc("2026-12-01T12:00:00Z"));
        assert!(h.exceptions.is_empty());
    }

    #[test]
    fn a_closure_running_past_the_window_is_followed_to_its_end() {
        let mut t = team(chrono_tz::Europe::Oslo, BENELUX);
        t.week.days[5].clear();
        t.closures = vec![Closure::parse("2026-08-03", "2026-08-21").unwrap()];
        let h = opening_hours(&[&t], chrono_tz::Europe::Oslo, utc("2026-07-31T10:00:00Z"));
        let dates: Vec<NaiveDate> = h.exceptions.iter().map(|e| e.date).collect();
        // Weekdays 3 August to 21 August; the weekends are days off anyway.
        assert_eq!(dates.first(), NaiveDate::from_ymd_opt(2026, 8, 3).as_ref());
        assert_eq!(dates.last(), NaiveDate::from_ymd_opt(2026, 8, 21).as_ref());
        assert_eq!(dates.len(), 15);
    }

    #[test]
    fn a_holiday_of_one_team_is_no_exception_while_another_covers_it() {
        let mut a = team(chrono_tz::Europe::Oslo, [&["09:00-17:00"]; 7]);
        a.holidays = vec![Holiday::parse("05-17").unwrap()];
        let b = team(chrono_tz::Europe::Amsterdam, [&["08:30-20:00"]; 7]);
        let h = opening_hours(&[&a, &b], chrono_tz::Europe::Oslo, utc("2027-05-14T12:00:00Z"));
        assert!(h.exceptions.is_empty());
        let h = opening_hours(&[&a], chrono_tz::Europe::Oslo, utc("2027-05-14T12:00:00Z"));
        assert_eq!(h.exceptions.len(), 1);
    }
}

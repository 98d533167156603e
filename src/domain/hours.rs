//! Opening hours: when a team is open, and the next instant a person who
//! speaks a language is available.
//!
//! Schedules are written in the team's wall-clock time, and that is what they
//! mean: a team with "08:30-20:00" is open at every instant whose local time
//! reads 08:30 or later and before 20:00. From that one rule follow the DST
//! cases: an opening at 02:30 on a spring-forward day (a time that never
//! reads on the clock) happens at the first instant after the gap, and during
//! the repeated autumn hour an interval holds for both passes of the clock.
//! Holidays close the local calendar day, or the part of it a half day names
//! (see `calendar`); closures close a local time span.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

pub use super::calendar::Holiday;
use super::calendar::{closed_days, closed_on, ClosedDay, DayPart};
use super::ids::{Lang, TeamId};

use super::wall_clock::parse_clock;
pub use super::wall_clock::DAY_MINUTES;

/// How far ahead the engine looks for an opening. Past this, nobody is
/// scheduled and the bot says so rather than inventing a time.
pub const HORIZON_DAYS: i64 = 400;

/// One opening interval of a weekday, in minutes after local midnight.
/// `end <= start` means it crosses midnight and ends the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: u16,
    pub end: u16,
}

impl Interval {
    /// Parses `"08:30-20:00"`, `"22:00-06:00"` or `"00:00-24:00"`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let (a, b) = s.split_once('-').ok_or_else(|| format!("`{s}` is not an interval like \"08:30-17:00\""))?;
        let start = parse_clock(a.trim(), false)?;
        let end = parse_clock(b.trim(), true)?;
        if start == end {
            return Err(format!("`{s}` is empty: start and end are the same"));
        }
        if start == DAY_MINUTES {
            return Err(format!("`{s}` starts at 24:00; write 00:00 of the next day"));
        }
        Ok(Self { start, end })
    }

    pub fn crosses_midnight(&self) -> bool {
        self.end <= self.start
    }

    /// Length in minutes.
    pub fn minutes(&self) -> u16 {
        if self.crosses_midnight() {
            DAY_MINUTES - self.start + self.end
        } else {
            self.end - self.start
        }
    }
}

/// A week of intervals, Monday first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Week {
    pub days: [Vec<Interval>; 7],
}

impl Week {
    /// Finds two intervals that overlap, including one that crosses midnight
    /// into the next day's first interval (and Sunday into Monday).
    /// Returns the weekday indices and intervals of the first clash.
    pub fn first_overlap(&self) -> Option<((usize, Interval), (usize, Interval))> {
        const WEEK: u32 = 7 * DAY_MINUTES as u32;
        let mut spans: Vec<(u32, u32, usize, Interval)> = Vec::new();
        for (d, ivs) in self.days.iter().enumerate() {
            for iv in ivs {
                let s = d as u32 * DAY_MINUTES as u32 + iv.start as u32;
                spans.push((s, s + iv.minutes() as u32, d, *iv));
            }
        }
        for (i, a) in spans.iter().enumerate() {
            for b in &spans[i + 1..] {
                let overlaps = |x: &(u32, u32, usize, Interval), y: &(u32, u32, usize, Interval)| {
                    [0, WEEK].iter().any(|shift| {
                        let (ys, ye) = (y.0 + shift, y.1 + shift);
                        x.0 < ye && ys < x.1
                    })
                };
                if overlaps(a, b) || overlaps(b, a) {
                    return Some(((a.2, a.3), (b.2, b.3)));
                }
            }
        }
        None
    }
}

impl Week {
    /// Does the wall-clock moment `local` fall in one of the intervals (an
    /// interval crossing midnight holds into the next day's early hours)?
    pub fn covers(&self, local: NaiveDateTime) -> bool {
        let minute = (local.hour() * 60 + local.minute()) as u16;
        let today = local.date().weekday().num_days_from_monday() as usize;
        let yesterday = (today + 6) % 7;
        self.days[today].iter().any(|iv| {
            if iv.crosses_midnight() {
                minute >= iv.start
            } else {
                iv.start <= minute && minute < iv.end
            }
        }) || self.days[yesterday].iter().any(|iv| iv.crosses_midnight() && minute < iv.end)
    }
}

/// A one-off closure in local time, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closure {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Closure {
    /// Parses local date-times (`2026-12-24T15:00`) or whole days
    /// (`2026-08-03` to `2026-08-14`, both days included).
    pub fn parse(from: &str, to: &str) -> Result<Self, String> {
        let from_t = parse_local(from, false)?;
        let to_t = parse_local(to, true)?;
        if to_t <= from_t {
            return Err(format!("closure ends ({to}) before it starts ({from})"));
        }
        Ok(Self { from: from_t, to: to_t })
    }

    fn covers(&self, at: NaiveDateTime) -> bool {
        self.from <= at && at < self.to
    }
}

fn parse_local(s: &str, is_end: bool) -> Result<NaiveDateTime, String> {
    for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(t);
        }
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        // A whole day: an end date includes that day.
        Ok(d) if is_end => Ok(d.succ_opt().unwrap_or(d).and_time(NaiveTime::MIN)),
        Ok(d) => Ok(d.and_time(NaiveTime::MIN)),
        Err(_) => Err(format!("`{s}` is not a local date (2026-12-24) or date and time (2026-12-24T15:00)")),
    }
}

/// A care team: who they are, where, when, and which languages they speak.
#[derive(Debug, Clone)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub tz: Tz,
    pub languages: Vec<Lang>,
    pub week: Week,
    pub holidays: Vec<Holiday>,
    pub closures: Vec<Closure>,
}

impl Team {
    /// Is a person of this team at work at instant `at`?
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        self.is_open_local(at.with_timezone(&self.tz).naive_local())
    }

    /// The rule of the module head, on the team's wall clock.
    fn is_open_local(&self, local: NaiveDateTime) -> bool {
        let date = local.date();
        let minute = (local.hour() * 60 + local.minute()) as u16;
        if closed_on(&self.holidays, date).is_some_and(|part| part.covers(minute))
            || self.closures.iter().any(|c| c.covers(local))
        {
            return false;
        }
        self.week.covers(local)
    }

    /// The first instant at or after `at` when the team is open, or `None`
    /// when it is closed for the whole [`HORIZON_DAYS`].
    pub fn next_open(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.is_open(at) {
            return Some(at);
        }
        // The team can only open at a wall-clock moment where something
        // changes (an interval starts, a day starts, a closure ends) or when
        // the clock itself jumps (a DST transition). Try those in order, day
        // by day, and keep the earliest that is open.
        let start_date = at.with_timezone(&self.tz).date_naive();
        let mut best: Option<DateTime<Utc>> = None;
        let consider = |instant: DateTime<Utc>, best: &mut Option<DateTime<Utc>>| {
            if instant >= at && best.is_none_or(|b| instant < b) && self.is_open(instant) {
                *best = Some(instant);
            }
        };
        // Start a day early: an interval crossing midnight, or a clock that
        // fell back, can put yesterday's wall-clock moments after `at`.
        for offset in -1..=HORIZON_DAYS {
            let Some(date) = start_date.checked_add_signed(Duration::days(offset)) else {
                break;
            };
            if let Some(b) = best {
                // Every candidate below lies on or after this date's first
                // instant; a whole day of margin covers any clock shift.
                if let Some(first) = first_instant(self.tz, date.pred_opt().unwrap_or(date).and_time(NaiveTime::MIN)) {
                    if b < first {
                        break;
                    }
                }
            }
            let weekday = date.weekday().num_days_from_monday() as usize;
            let mut times: Vec<NaiveDateTime> = vec![date.and_time(NaiveTime::MIN)];
            for iv in &self.week.days[weekday] {
                times.push(date.and_time(minute_time(iv.start)));
            }
            for c in &self.closures {
                if c.to.date() == date {
                    times.push(c.to);
                }
            }
            // A half day that closes the morning opens the team at its end.
            if let Some(DayPart::Part { to, .. }) = closed_on(&self.holidays, date) {
                if to < DAY_MINUTES {
                    times.push(date.and_time(minute_time(to)));
                }
            }
            for t in times {
                for instant in instants_at_or_after(self.tz, t) {
                    consider(instant, &mut best);
                }
            }
            for instant in transitions_on(self.tz, date) {
                consider(instant, &mut best);
            }
        }
        best
    }

    /// The days of `year` (the team's local calendar) its holiday rules
    /// close, whole or in part, in date order: for the CLI and the console.
    pub fn closed_days(&self, year: i32) -> Vec<ClosedDay> {
        closed_days(&self.holidays, year)
    }

    /// What the holiday rules close of the local day `date` (`None`: an
    /// ordinary day; closures are apart, see [`Closure`]).
    pub fn closed_on(&self, date: NaiveDate) -> Option<DayPart> {
        closed_on(&self.holidays, date)
    }

    pub fn speaks(&self, lang: Lang) -> bool {
        self.languages.contains(&lang)
    }
}

fn minute_time(m: u16) -> NaiveTime {
    NaiveTime::from_hms_opt((m / 60) as u32, (m % 60) as u32, 0).unwrap_or(NaiveTime::MIN)
}

/// The instants whose wall clock reads `local` (two in the repeated autumn
/// hour); for a time in a spring-forward gap, the first instant after the gap.
pub(super) fn instants_at_or_after(tz: Tz, local: NaiveDateTime) -> Vec<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => vec![t.with_timezone(&Utc)],
        LocalResult::Ambiguous(a, b) => vec![a.with_timezone(&Utc), b.with_timezone(&Utc)],
        LocalResult::None => first_instant(tz, local).into_iter().collect(),
    }
}

/// The earliest instant whose wall clock reads `local` or, inside a gap, the
/// end of the gap.
pub(super) fn first_instant(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let mut probe = local;
    // Gaps are whole minutes and at most a day long in the tz database.
    for _ in 0..=DAY_MINUTES {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(t) => return Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(a, _) => return Some(a.with_timezone(&Utc)),
            LocalResult::None => probe += Duration::minutes(1),
        }
    }
    None
}

/// The UTC offset changes (DST transitions) during the local day `date`.
pub(super) fn transitions_on(tz: Tz, date: NaiveDate) -> Vec<DateTime<Utc>> {
    use chrono::Offset;
    let offset_at = |t: DateTime<Utc>| t.with_timezone(&tz).offset().fix().local_minus_utc();
    let Some(lo) = first_instant(tz, date.and_time(NaiveTime::MIN)) else {
        return vec![];
    };
    let hi = lo + Duration::hours(26);
    if offset_at(lo) == offset_at(hi) {
        return vec![];
    }
    // Binary search for the first whole second with the later offset.
    let (mut a, mut b) = (lo.timestamp(), hi.timestamp());
    let target = offset_at(hi);
    let at = |secs: i64| DateTime::<Utc>::from_timestamp(secs, 0).unwrap_or(hi);
    while b - a > 1 {
        let mid = a + (b - a) / 2;
        if offset_at(at(mid)) == target {
            b = mid;
        } else {
            a = mid;
        }
    }
    let b = at(b);
    vec![b]
}

/// When a person who speaks the customer's language is next at work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    /// The instant; equal to "now" when a team is open now.
    pub at: DateTime<Utc>,
    /// The team that is (or will first be) open.
    pub team: TeamId,
    /// That team's time zone, to show the time on its clock too.
    pub team_tz: Tz,
}

/// The teams that serve `lang`, or, when none does, those that serve
/// `fallback` (the reference language).
pub fn teams_for(teams: &[Team], lang: Lang, fallback: Lang) -> Vec<&Team> {
    let serving: Vec<&Team> = teams.iter().filter(|t| t.speaks(lang)).collect();
    if serving.is_empty() {
        teams.iter().filter(|t| t.speaks(fallback)).collect()
    } else {
        serving
    }
}

/// The earliest instant at or after `at` when one of the teams serving
/// `lang` is open: a Polish team open at 08:00 Warsaw beats a Dutch one at
/// 08:30 Amsterdam. Ties go to the team listed first.
pub fn next_available(teams: &[Team], lang: Lang, fallback: Lang, at: DateTime<Utc>) -> Option<Availability> {
    let mut best: Option<Availability> = None;
    for team in teams_for(teams, lang, fallback) {
        if let Some(t) = team.next_open(at) {
            if best.as_ref().is_none_or(|b| t < b.at) {
                best = Some(Availability { at: t, team: team.id.clone(), team_tz: team.tz });
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    const WEEKDAYS: [&[&str]; 7] = [
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["08:30-20:00"],
        &["10:00-16:00"],
        &[],
    ];

    #[test]
    fn open_and_closed_on_the_wall_clock() {
        let t = team(chrono_tz::Europe::Amsterdam, WEEKDAYS);
        assert!(t.is_open(utc("2026-11-23T07:30:00Z"))); // Mon 08:30 CET
        assert!(!t.is_open(utc("2026-11-23T07:29:59Z")));
        assert!(!t.is_open(utc("2026-11-23T19:00:00Z"))); // 20:00 CET: closed
        assert!(!t.is_open(utc("2026-11-29T12:00:00Z"))); // Sunday
    }

    #[test]
    fn saturday_night_waits_for_saturday_or_monday() {
        let t = team(chrono_tz::Europe::Amsterdam, WEEKDAYS);
        // Saturday 28 Nov 02:00 CET -> Saturday 10:00 CET.
        assert_eq!(t.next_open(utc("2026-11-28T01:00:00Z")), Some(utc("2026-11-28T09:00:00Z")));
        // Saturday 17:00 -> Monday 08:30.
        assert_eq!(t.next_open(utc("2026-11-28T16:00:00Z")), Some(utc("2026-11-30T07:30:00Z")));
    }

    #[test]
    fn interval_crossing_midnight_opens_the_night() {
        let t = team(chrono_tz::Europe::Oslo, [&["22:00-06:00"], &[], &[], &[], &[], &[], &[]]);
        assert!(t.is_open(utc("2026-11-23T21:30:00Z"))); // Mon 22:30
        assert!(t.is_open(utc("2026-11-24T04:59:00Z"))); // Tue 05:59
        assert!(!t.is_open(utc("2026-11-24T05:00:00Z"))); // Tue 06:00
        assert!(!t.is_open(utc("2026-11-24T21:30:00Z"))); // Tue 22:30
        assert_eq!(t.next_open(utc("2026-11-24T06:00:00Z")), Some(utc("2026-11-30T21:00:00Z")));
        // Sunday night into Monday: a Sunday interval crossing midnight.
        let s = team(chrono_tz::Europe::Oslo, [&[], &[], &[], &[], &[], &[], &["23:00-01:00"]]);
        assert!(s.is_open(utc("2026-11-29T23:30:00Z"))); // Mon 00:30
    }

    #[test]
    fn opening_inside_the_spring_forward_gap_happens_when_the_clock_jumps() {
        // Amsterdam 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        let t = team(chrono_tz::Europe::Amsterdam, [&[], &[], &[], &[], &[], &[], &["02:30-04:00"]]);
        assert_eq!(t.next_open(utc("2026-03-28T23:00:00Z")), Some(utc("2026-03-29T01:00:00Z")));
        assert!(t.is_open(utc("2026-03-29T01:00:00Z"))); // 03:00 CEST
        assert!(!t.is_open(utc("2026-03-29T02:00:00Z"))); // 04:00 CEST
                                                          // An ordinary Sunday: 02:30 CET.
        assert_eq!(t.next_open(utc("2026-03-30T00:00:00Z")), Some(utc("2026-04-05T00:30:00Z")));
    }

    #[test]
    fn the_repeated_autumn_hour_is_open_on_both_passes() {
        // Amsterdam 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC).
        let t = team(chrono_tz::Europe::Amsterdam, [&[], &[], &[], &[], &[], &[], &["01:00-02:30"]]);
        assert!(t.is_open(utc("2026-10-24T23:00:00Z"))); // 01:00 CEST
        assert!(t.is_open(utc("2026-10-25T00:15:00Z"))); // 02:15 CEST
        assert!(!t.is_open(utc("2026-10-25T00:45:00Z"))); // 02:45 CEST
                                                          // Closed at 02:45 CEST; the clock falls back to 02:00 CET, which is open again.
        assert_eq!(t.next_open(utc("2026-10-25T00:45:00Z")), Some(utc("2026-10-25T01:00:00Z")));
        assert!(!t.is_open(utc("2026-10-25T01:30:00Z"))); // 02:30 CET
    }

    #[test]
    fn holidays_and_closures_push_the_opening_out() {
        let mut t = team(chrono_tz::Europe::Warsaw, WEEKDAYS);
        t.holidays = vec![
            Holiday::parse("12-24").unwrap(),
            Holiday::parse("12-25").unwrap(),
            Holiday::parse("2026-12-28").unwrap(),
        ];
        // Wed 23 Dec 21:00 -> Thu 24 (holiday), Fri 25 (holiday), Sat 26 10:00.
        assert_eq!(t.next_open(utc("2026-12-23T20:00:00Z")), Some(utc("2026-12-26T09:00:00Z")));
        assert_eq!(t.closed_on(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()), Some(DayPart::Whole));
        assert_eq!(t.closed_on(NaiveDate::from_ymd_opt(2026, 12, 23).unwrap()), None);
        assert_eq!(t.closed_days(2026).len(), 3);
        t.closures = vec![Closure::parse("2026-12-26", "2027-01-03").unwrap()];
        // ... and with a closure to 3 January (a Sunday): Monday 4 January.
        assert_eq!(t.next_open(utc("2026-12-23T20:00:00Z")), Some(utc("2027-01-04T07:30:00Z")));
        // A closure for part of a day ends mid-interval.
        t.closures = vec![Closure::parse("2027-01-05T08:00", "2027-01-05T11:15").unwrap()];
        assert!(!t.is_open(utc("2027-01-05T09:00:00Z")));
        assert_eq!(t.next_open(utc("2027-01-05T08:00:00Z")), Some(utc("2027-01-05T10:15:00Z")));
    }

    #[test]
    fn a_team_closed_for_ever_has_no_next_opening() {
        let t = team(chrono_tz::Europe::Madrid, [&[], &[], &[], &[], &[], &[], &[]]);
        assert_eq!(t.next_open(utc("2026-11-23T00:00:00Z")), None);
    }

    #[test]
    fn earliest_team_for_the_language_wins() {
        let mut pl = team(chrono_tz::Europe::Warsaw, [&["08:00-18:00"]; 7]);
        pl.id = TeamId("central".into());
        let mut nl = team(chrono_tz::Europe::Amsterdam, [&["08:30-20:00"]; 7]);
        nl.id = TeamId("benelux".into());
        let en = Lang::parse("en").unwrap();
        let ru = Lang::parse("ru").unwrap();
        let a = next_available(&[nl.clone(), pl.clone()], en, en, utc("2026-11-24T02:00:00Z")).unwrap();
        assert_eq!(a.team, TeamId("central".into()));
        assert_eq!(a.at, utc("2026-11-24T07:00:00Z"));
        // A language nobody speaks goes to the teams of the fallback language.
        nl.languages = vec![ru];
        let a = next_available(&[nl, pl], Lang::parse("fi").unwrap(), en, utc("2026-11-24T02:00:00Z")).unwrap();
        assert_eq!(a.team, TeamId("central".into()));
    }

    #[test]
    fn overlapping_intervals_are_found_across_midnight_and_the_week_end() {
        let mut w = Week::default();
        w.days[0] = vec![Interval::parse("08:00-12:00").unwrap(), Interval::parse("11:00-13:00").unwrap()];
        assert!(w.first_overlap().is_some());
        let mut w = Week::default();
        w.days[6] = vec![Interval::parse("22:00-02:00").unwrap()];
        w.days[0] = vec![Interval::parse("01:00-05:00").unwrap()];
        assert!(w.first_overlap().is_some());
        w.days[0] = vec![Interval::parse("02:00-05:00").unwrap()];
        assert!(w.first_overlap().is_none());
    }

    #[test]
    fn bad_intervals_and_holidays_are_refused() {
        assert!(Interval::parse("8:30").is_err());
        assert!(Interval::parse("25:00-26:00").is_err());
        assert!(Interval::parse("09:00-09:00").is_err());
        assert!(Interval::parse("24:00-02:00").is_err());
        assert_eq!(Interval::parse("00:00-24:00").unwrap().minutes(), DAY_MINUTES);
        assert!(Holiday::parse("13-01").is_err());
        assert!(Holiday::parse("2026-02-30").is_err());
        assert!(Closure::parse("2026-12-24T15:00", "2026-12-24T14:00").is_err());
    }

    // --- property test: next_open against a minute-by-minute scan ---

    const ZONES: [Tz; 7] = [
        chrono_tz::Europe::Amsterdam,
        chrono_tz::America::New_York,
        chrono_tz::Australia::Lord_Howe, // 30-minute DST shift
        chrono_tz::Asia::Kolkata,        // +05:30, no DST
        chrono_tz::Pacific::Chatham,     // +12:45 / +13:45
        chrono_tz::America::Santiago,    // southern DST, transitions at midnight
        chrono_tz::Europe::London,
    ];

    fn arb_interval() -> impl Strategy<Value = Interval> {
        // Whole quarter-hours keep schedules realistic; any minute works.
        (0u16..96, 1u16..40).prop_map(|(s, len)| {
            let start = s * 15;
            let end = (start + len * 15) % DAY_MINUTES;
            Interval { start, end: if end == 0 { DAY_MINUTES } else { end } }
        })
    }

    prop_compose! {
        fn arb_team()(
            zone in 0..ZONES.len(),
            days in proptest::collection::vec(proptest::collection::vec(arb_interval(), 0..3), 7),
            holidays in proptest::collection::vec(0i64..40, 0..4),
            half_days in proptest::collection::vec((0i64..40, 0u16..DAY_MINUTES, 1u16..DAY_MINUTES), 0..3),
            closure in proptest::option::of((0i64..30 * 24, 1i64..20 * 24)),
        ) -> Team {
            let mut week = Week::default();
            for (d, ivs) in days.into_iter().enumerate() {
                for iv in ivs {
                    let mut trial = week.clone();
                    trial.days[d].push(iv);
                    if trial.first_overlap().is_none() {
                        week = trial;
                    }
                }
            }
            let base = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
            Team {
                id: TeamId("p".into()),
                name: "p".into(),
                tz: ZONES[zone],
                languages: vec![],
                week,
                holidays: holidays
                    .into_iter()
                    .map(|d| Holiday::once(base + Duration::days(d)))
                    .chain(half_days.into_iter().map(|(d, from, len)| {
                        let mut h = Holiday::once(base + Duration::days(d));
                        h.closed = DayPart::Part { from, to: (from + len).min(DAY_MINUTES) };
                        h
                    }))
                    .collect(),
                closures: closure.into_iter().map(|(from_h, len_h)| {
                    let from = base.and_time(NaiveTime::MIN) + Duration::hours(from_h);
                    Closure { from, to: from + Duration::hours(len_h) }
                }).collect(),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128),
            ..ProptestConfig::default()
        })]
        #[test]
        fn next_open_matches_a_minute_by_minute_scan(
            team in arb_team(),
            // Start minutes spread over March and April 2026, which hold the
            // DST changes of both hemispheres.
            start_min in 0i64..(60 * 24 * 45),
        ) {
            let at = utc("2026-03-01T00:00:00Z") + Duration::minutes(start_min);
            let scan_days = 30;
            let mut expected = None;
            for m in 0..=(scan_days * 24 * 60) {
                let t = at + Duration::minutes(m);
                if team.is_open(t) {
                    expected = Some(t);
                    break;
                }
            }
            let got = team.next_open(at);
            match expected {
                Some(e) => prop_assert_eq!(got, Some(e)),
                // Nothing within the scan: the engine must not find anything earlier.
                None => prop_assert!(got.is_none_or(|g| g > at + Duration::days(scan_days))),
            }
        }
    }
}

//! Holiday calendars: the rules that name a team's closed days, and the days
//! they give in a year.
//!
//! A rule is a date (a fixed day every year, a date once, or a day counted
//! from Western Easter), optionally moved (to the first given weekday on or
//! after it, or off a weekend day where a country's law moves it), limited to
//! some years, and closing the whole local day or a part of it (a half day).
//! Rules are written in flows/teams.toml; the syntax is documented there.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::wall_clock::{parse_clock, DAY_MINUTES};

/// The day a rule names, before any move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// Every year on this month and day (`"12-25"`).
    Yearly { month: u32, day: u32 },
    /// Once (`"2030-05-05"`).
    Once(NaiveDate),
    /// Days after (or, negative, before) Western Easter Sunday (`"easter+39"`).
    Easter(i64),
}

impl DateRule {
    /// Parses `"MM-DD"`, `"YYYY-MM-DD"`, `"easter"`, `"easter+N"` or `"easter-N"`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{s}` is not a holiday date: write \"MM-DD\" for every year, \"YYYY-MM-DD\" for once, \
                 or \"easter\", \"easter+N\", \"easter-N\" for days from Easter Sunday"
            )
        };
        let t = s.trim();
        if let Some(rest) = t.strip_prefix("easter") {
            if rest.is_empty() {
                return Ok(Self::Easter(0));
            }
            let (sign, digits) = match rest.split_at(1) {
                ("+", d) => (1, d),
                ("-", d) => (-1, d),
                _ => return Err(bad()),
            };
            // Digits only: `easter+-3` or `easter+ 3` is a typo, not a rule.
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let n: i64 = digits.parse().map_err(|_| bad())?;
            // Every movable feast lies within a few months of Easter; more is a typo.
            if n > 300 {
                return Err(format!("`{s}`: {n} days from Easter is more than the 300 a holiday rule allows"));
            }
            return Ok(Self::Easter(sign * n));
        }
        if t.len() == 10 {
            return NaiveDate::parse_from_str(t, "%Y-%m-%d").map(Self::Once).map_err(|_| bad());
        }
        let (m, d) = t.split_once('-').ok_or_else(bad)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (month, day): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        // 2024 is a leap year, so 02-29 is accepted (it closes only in leap years).
        NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
        Ok(Self::Yearly { month, day })
    }

    /// The day in `year`, before any move; `None` when there is none
    /// (a once-date of another year, 29 February of a common year).
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        match *self {
            Self::Yearly { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            Self::Once(d) => (d.year() == year).then_some(d),
            Self::Easter(n) => easter(year).and_then(|e| e.checked_add_signed(Duration::days(n))),
        }
    }
}

/// Western (Gregorian) Easter Sunday of `year`; `None` outside 1583..=9999.
pub fn easter(year: i32) -> Option<NaiveDate> {
    let d = computus::gregorian(year).ok()?;
    NaiveDate::from_ymd_opt(d.year, d.month, d.day)
}

/// Parses `mon` … `sun` (as the weekly hours are written).
pub fn parse_weekday(s: &str) -> Result<Weekday, String> {
    match s.trim() {
        "mon" => Ok(Weekday::Mon),
        "tue" => Ok(Weekday::Tue),
        "wed" => Ok(Weekday::Wed),
        "thu" => Ok(Weekday::Thu),
        "fri" => Ok(Weekday::Fri),
        "sat" => Ok(Weekday::Sat),
        "sun" => Ok(Weekday::Sun),
        _ => Err(format!("`{s}` is not a weekday: use mon, tue, wed, thu, fri, sat or sun")),
    }
}

/// How much of the local day a holiday closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Whole,
    /// From `from` to `to`, minutes after local midnight (`to` may be 24:00).
    Part {
        from: u16,
        to: u16,
    },
}

impl DayPart {
    /// Parses a half day, `"13:00-24:00"`; it must not cross midnight.
    pub fn parse(s: &str) -> Result<Self, String> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("`{s}` is not a closed span like \"13:00-24:00\" (closed from 13:00)"))?;
        let from = parse_clock(a.trim(), false)?;
        let to = parse_clock(b.trim(), true)?;
        if to <= from {
            return Err(format!("closed span `{s}` ends before it starts (a half day stays within its day)"));
        }
        if from == 0 && to == DAY_MINUTES {
            return Ok(Self::Whole);
        }
        Ok(Self::Part { from, to })
    }

    /// Is minute `m` of the day inside?
    pub fn covers(&self, m: u16) -> bool {
        match *self {
            Self::Whole => true,
            Self::Part { from, to } => from <= m && m < to,
        }
    }

    /// The union of two closures of one day. Two part spans that leave a gap
    /// between them cannot be one span; the wider hull is kept, so the
    /// calendar errs towards "closed" rather than promising a person.
    fn union(self, other: Self) -> Self {
        match (self, other) {
            (Self::Part { from: a, to: b }, Self::Part { from: c, to: d }) => {
                Self::Part { from: a.min(c), to: b.max(d) }
            }
            _ => Self::Whole,
        }
    }
}

/// Where a day that falls on a weekend day goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// To the nearest day with this weekday (Dutch King's Day: a Sunday 27
    /// April moves to Saturday the 26th).
    To(Weekday),
    /// Nowhere: that year it is no holiday (Spain's national days on a Sunday).
    Lapse,
}

impl Move {
    /// Parses a weekday (`"mon"`) or `"none"`.
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.trim() == "none" {
            return Ok(Self::Lapse);
        }
        parse_weekday(s).map(Self::To).map_err(|e| format!("{e}, or none to drop the day that year"))
    }
}

/// One holiday rule of a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// What the CLI and the console call it ("Easter Monday").
    pub name: String,
    pub date: DateRule,
    /// Moves the day to the first of this weekday on or after it
    /// (Swedish Midsummer Eve: the Friday from 19 June).
    pub weekday: Option<Weekday>,
    /// What law does with the day when it falls on a Saturday or Sunday.
    pub if_saturday: Option<Move>,
    pub if_sunday: Option<Move>,
    /// The first and last year the rule holds, both included.
    pub from_year: Option<i32>,
    pub until_year: Option<i32>,
    /// Only in these years, when not empty.
    pub years: Vec<i32>,
    pub closed: DayPart,
    /// A day the brand closes that is no public holiday of the location.
    pub brand: bool,
}

impl Holiday {
    /// A whole-day rule with nothing else to it, named after its date.
    pub fn new(date: DateRule, name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            date,
            weekday: None,
            if_saturday: None,
            if_sunday: None,
            from_year: None,
            until_year: None,
            years: vec![],
            closed: DayPart::Whole,
            brand: false,
        }
    }

    /// Parses the plain string form (`"12-25"`, `"2026-04-27"`, `"easter+1"`).
    pub fn parse(s: &str) -> Result<Self, String> {
        Ok(Self::new(DateRule::parse(s)?, s.trim()))
    }

    /// Closed all day on `date`, once.
    pub fn once(date: NaiveDate) -> Self {
        Self::new(DateRule::Once(date), date.to_string())
    }

    fn holds_in(&self, year: i32) -> bool {
        self.from_year.is_none_or(|f| year >= f)
            && self.until_year.is_none_or(|u| year <= u)
            && (self.years.is_empty() || self.years.contains(&year))
    }

    /// The day the rule gives for `year`, after its moves. The year is the
    /// rule's: a move may carry the day into the next or previous year.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if !self.holds_in(year) {
            return None;
        }
        let mut d = self.date.in_year(year)?;
        if let Some(w) = self.weekday {
            let ahead = (7 + w.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
            d = d.checked_add_signed(Duration::days(ahead as i64))?;
        }
        let target = match d.weekday() {
            Weekday::Sat => self.if_saturday,
            Weekday::Sun => self.if_sunday,
            _ => None,
        };
        match target {
            Some(Move::To(w)) => d = d.checked_add_signed(Duration::days(nearest_shift(d.weekday(), w)))?,
            Some(Move::Lapse) => return None,
            None => {}
        }
        Some(d)
    }

    /// Does the rule close (part of) `date`?
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        let y = date.year();
        if self.date_in(y) == Some(date) {
            return true;
        }
        // `is_open` asks this for every rule, so look at the neighbouring
        // years only when their day can land here: moves are under ten days,
        // and only a day far from Easter leaves Easter's year.
        let near_new_year = date.ordinal() <= 10 || date.ordinal() + 10 > 365;
        let far_from_easter = matches!(self.date, DateRule::Easter(n) if n.abs() > 60);
        (near_new_year || far_from_easter) && [y - 1, y + 1].iter().any(|&year| self.date_in(year) == Some(date))
    }
}

/// Days from `from` to the nearest day with weekday `to` (-3..=3).
fn nearest_shift(from: Weekday, to: Weekday) -> i64 {
    let ahead = (7 + to.num_days_from_monday() as i64 - from.num_days_from_monday() as i64) % 7;
    if ahead > 3 {
        ahead - 7
    } else {
        ahead
    }
}

/// One closed day of a team's year, all rules for it merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedDay {
    pub date: NaiveDate,
    /// The names of the rules that close it, joined with "; ".
    pub name: String,
    pub closed: DayPart,
    /// Only brand rules close it: no public holiday.
    pub brand: bool,
}

/// The closed days of `year` under `rules`, in date order, one per date.
pub fn closed_days(rules: &[Holiday], year: i32) -> Vec<ClosedDay> {
    let mut days: Vec<ClosedDay> = Vec::new();
    for rule in rules {
        for y in year - 1..=year + 1 {
            let Some(date) = rule.date_in(y).filter(|d| d.year() == year) else { continue };
            match days.iter_mut().find(|c| c.date == date) {
                Some(c) => {
                    if !c.name.split("; ").any(|n| n == rule.name) {
                        c.name = format!("{}; {}", c.name, rule.name);
                    }
                    c.closed = c.closed.union(rule.closed);
                    c.brand &= rule.brand;
                }
                None => days.push(ClosedDay { date, name: rule.name.clone(), closed: rule.closed, brand: rule.brand }),
            }
        }
    }
    days.sort_by_key(|c| c.date);
    days
}

/// What the rules close of `date`: `None` when it is an ordinary day.
pub fn closed_on(rules: &[Holiday], date: NaiveDate) -> Option<DayPart> {
    rules.iter().filter(|h| h.falls_on(date)).map(|h| h.closed).reduce(DayPart::union)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_matches_published_dates() {
        // Published Western Easter Sundays, including the extremes
        // (22 March 1818, 25 April 1943 and 2038).
        let published = [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2031, 4, 13),
            (2032, 3, 28),
            (2033, 4, 17),
            (2034, 4, 9),
            (2035, 3, 25),
            (2038, 4, 25),
        ];
        for (y, m, d) in published {
            assert_eq!(easter(y), Some(ymd(y, m, d)), "Easter {y}");
        }
        assert_eq!(easter(1200), None);
    }

    #[test]
    fn date_rules_parse_and_place() {
        assert_eq!(DateRule::parse("easter-2").unwrap().in_year(2026), Some(ymd(2026, 4, 3)));
        assert_eq!(DateRule::parse("easter+39").unwrap().in_year(2026), Some(ymd(2026, 5, 14)));
        assert_eq!(DateRule::parse("easter+60").unwrap().in_year(2026), Some(ymd(2026, 6, 4)));
        assert_eq!(DateRule::parse("easter").unwrap().in_year(2027), Some(ymd(2027, 3, 28)));
        assert_eq!(DateRule::parse("02-29").unwrap().in_year(2027), None);
        assert_eq!(DateRule::parse("2030-05-05").unwrap().in_year(2031), None);
        for bad in
            ["easter+abc", "easter+", "easter*2", "easter+-1", "easter+400", "13-01", "02-30", "2026-02-30", "1-1"]
        {
            let e = DateRule::parse(bad).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
    }

    #[test]
    fn midsummer_eve_is_the_friday_from_19_june() {
        let mut h = Holiday::parse("06-19").unwrap();
        h.weekday = Some(Weekday::Fri);
        assert_eq!(h.date_in(2026), Some(ymd(2026, 6, 19))); // a Friday itself
        assert_eq!(h.date_in(2027), Some(ymd(2027, 6, 25)));
        assert_eq!(h.date_in(2028), Some(ymd(2028, 6, 23)));
    }

    #[test]
    fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
        let mut h = Holiday::parse("04-27").unwrap();
        h.if_sunday = Some(Move::To(Weekday::Sat));
        assert_eq!(h.date_in(2031), Some(ymd(2031, 4, 26)));
        assert_eq!(h.date_in(2030), Some(ymd(2030, 4, 27))); // a Saturday stays
        assert!(h.falls_on(ymd(2031, 4, 26)) && !h.falls_on(ymd(2031, 4, 27)));
        // Sunday to Monday, Saturday to Monday: the nearest such weekday.
        h.if_sunday = Some(Move::To(Weekday::Mon));
        h.if_saturday = Some(Move::To(Weekday::Mon));
        assert_eq!(h.date_in(2031), Some(ymd(2031, 4, 28)));
        assert_eq!(h.date_in(2030), Some(ymd(2030, 4, 29)));
        // Spain: a national day on a Sunday is no holiday that year.
        h.if_sunday = Some(Move::parse("none").unwrap());
        assert_eq!(h.date_in(2031), None);
        assert!(Move::parse("sonntag").unwrap_err().contains("`sonntag`"));
    }

    #[test]
    fn a_move_across_new_year_counts_in_the_year_it_lands() {
        let mut h = Holiday::parse("01-01").unwrap();
        h.if_saturday = Some(Move::To(Weekday::Fri));
        // 1 January 2028 is a Saturday: closed Friday 31 December 2027.
        assert!(h.falls_on(ymd(2027, 12, 31)));
        assert_eq!(closed_days(&[h.clone()], 2027).last().map(|c| c.date), Some(ymd(2027, 12, 31)));
        assert!(closed_days(&[h], 2028).iter().all(|c| c.date != ymd(2028, 1, 1)));
    }

    #[test]
    fn falls_on_agrees_with_the_days_of_the_years_around_it() {
        let mut rules = vec![];
        for on in ["12-31", "01-01", "12-28", "easter+270", "easter-100", "easter+1"] {
            for (w, sat, sun) in [
                (None, None, None),
                (Some(Weekday::Mon), None, None),
                (None, Some(Move::To(Weekday::Mon)), Some(Move::To(Weekday::Mon))),
            ] {
                let mut h = Holiday::parse(on).unwrap();
                (h.weekday, h.if_saturday, h.if_sunday) = (w, sat, sun);
                rules.push(h);
            }
        }
        for rule in &rules {
            for year in 2026..2036 {
                let listed: Vec<NaiveDate> =
                    closed_days(std::slice::from_ref(rule), year).iter().map(|c| c.date).collect();
                let mut day = ymd(year, 1, 1);
                while day.year() == year {
                    assert_eq!(rule.falls_on(day), listed.contains(&day), "{} on {day}", rule.name);
                    day = day.succ_opt().unwrap();
                }
            }
        }
    }

    #[test]
    fn validity_years_limit_a_rule() {
        let mut h = Holiday::new(DateRule::parse("12-24").unwrap(), "Christmas Eve");
        h.from_year = Some(2025);
        assert_eq!(h.date_in(2024), None);
        assert_eq!(h.date_in(2025), Some(ymd(2025, 12, 24)));
        h.years = vec![2030];
        assert_eq!(h.date_in(2029), None);
        assert_eq!(h.date_in(2030), Some(ymd(2030, 12, 24)));
        h.until_year = Some(2029);
        assert_eq!(h.date_in(2030), None);
    }

    #[test]
    fn half_days_close_a_span_and_merge_with_whole_days() {
        let half = DayPart::parse("13:00-24:00").unwrap();
        assert!(!half.covers(12 * 60 + 59) && half.covers(13 * 60) && half.covers(DAY_MINUTES - 1));
        assert_eq!(DayPart::parse("00:00-24:00").unwrap(), DayPart::Whole);
        assert!(DayPart::parse("14:00-13:00").unwrap_err().contains("ends before it starts"));
        assert!(DayPart::parse("13:00").is_err());
        let mut eve = Holiday::new(DateRule::parse("12-24").unwrap(), "Christmas Eve afternoon");
        eve.closed = half;
        eve.brand = true;
        let public = Holiday::new(DateRule::parse("12-24").unwrap(), "Christmas Eve");
        let days = closed_days(&[eve.clone(), public], 2026);
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].closed, DayPart::Whole);
        assert_eq!(days[0].name, "Christmas Eve afternoon; Christmas Eve");
        assert!(!days[0].brand);
        assert_eq!(closed_on(&[eve], ymd(2026, 12, 24)), Some(half));
    }
}

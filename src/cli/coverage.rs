//! `afterhours coverage`: for care leads, the hours of a week in which nobody
//! who speaks a language is at work, on the clock of that language's typical
//! customer, and the longest wait a customer can meet.

use std::process::ExitCode;

use chrono::{DateTime, Duration, LocalResult, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::ContentArgs;
use crate::domain::coverage::{coverage, IsoWeek, LanguageCoverage, Span, Wait};
use crate::domain::{Lang, TeamId};

#[derive(Debug, clap::Args)]
pub struct CoverageArgs {
    /// The ISO week, such as 2026-W52 (default: the current week).
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<String>,
    /// Print one JSON object (the shape is in the README).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub content: ContentArgs,
}

pub fn run(args: CoverageArgs) -> anyhow::Result<ExitCode> {
    let week = match &args.week {
        Some(w) => IsoWeek::parse(w).map_err(anyhow::Error::msg)?,
        None => IsoWeek::containing(Utc::now().date_naive()),
    };
    let engine = args.content.load()?;
    let playbook = &engine.playbook;
    let report = coverage(playbook, week);
    let names = playbook.languages.iter().map(|l| l.name.as_str());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&Report::new(playbook, week))?);
    } else {
        print_text(week, playbook.fallback, &report, names);
    }
    Ok(ExitCode::SUCCESS)
}

// --- the JSON form, stable for the console's week grid ---

/// The coverage of a week as `coverage --json` prints it and the agent
/// API's `GET /api/coverage` answers it.
#[derive(Serialize)]
pub struct Report {
    week: String,
    languages: Vec<LanguageJson>,
}

impl Report {
    pub fn new(playbook: &crate::domain::Playbook, week: IsoWeek) -> Self {
        let names = playbook.languages.iter().map(|l| l.name.as_str());
        Self {
            week: week.to_string(),
            languages: coverage(playbook, week).iter().zip(names).map(|(c, name)| LanguageJson::new(c, name)).collect(),
        }
    }
}

#[derive(Serialize)]
struct LanguageJson {
    language: Lang,
    name: String,
    time_zone: String,
    teams: Vec<TeamId>,
    via_fallback: bool,
    week_from: String,
    week_to: String,
    week_hours: f64,
    uncovered: Vec<SpanJson>,
    uncovered_hours: f64,
    longest_wait: Option<WaitJson>,
}

#[derive(Serialize)]
struct SpanJson {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct WaitJson {
    from: String,
    /// `null` when nobody is scheduled within the engine's horizon.
    to: Option<String>,
    hours: Option<f64>,
}

impl LanguageJson {
    fn new(c: &LanguageCoverage, name: &str) -> Self {
        let tz = c.time_zone;
        let span = |s: &Span| SpanJson { from: rfc3339(s.from, tz), to: rfc3339(s.to, tz) };
        Self {
            language: c.lang,
            name: name.to_string(),
            time_zone: tz.name().to_string(),
            teams: c.teams.clone(),
            via_fallback: c.via_fallback,
            week_from: rfc3339(c.week.from, tz),
            week_to: rfc3339(c.week.to, tz),
            week_hours: hours(c.week.length()),
            uncovered: c.uncovered.iter().map(span).collect(),
            uncovered_hours: hours(c.uncovered_time()),
            longest_wait: c.longest_wait.map(|w| WaitJson {
                from: rfc3339(w.from, tz),
                to: w.until.map(|u| rfc3339(u, tz)),
                hours: w.length().map(hours),
            }),
        }
    }
}

fn rfc3339(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Hours to two decimals (a minute is 0.0166…).
fn hours(d: Duration) -> f64 {
    (d.num_minutes() as f64 / 60.0 * 100.0).round() / 100.0
}

// --- the text form ---

fn print_text<'a>(week: IsoWeek, fallback: Lang, report: &[LanguageCoverage], names: impl Iterator<Item = &'a str>) {
    let monday = week.monday();
    println!(
        "Coverage, week {week} ({} – {})",
        monday.format("%a %-d %b"),
        (monday + Duration::days(6)).format("%a %-d %b %Y")
    );
    println!("Hours with nobody at work who speaks the language, read on the clock where its");
    println!("customers typically live (time_zone in flows/languages.toml).");
    for (c, name) in report.iter().zip(names) {
        let tz = c.time_zone;
        println!();
        let teams: Vec<&str> = c.teams.iter().map(|t| t.0.as_str()).collect();
        let teams = if teams.is_empty() { "none".to_string() } else { teams.join(", ") };
        println!("{}  {name}, {}; teams: {teams}", c.lang, tz.name());
        if c.via_fallback {
            println!("  (no team speaks {}: its customers are routed to the {fallback} teams)", c.lang);
        }
        for s in &c.uncovered {
            println!("  {} {}", range(s, tz), tz.name());
        }
        let of = duration(c.week.length());
        let note = if c.week.length() == Duration::hours(168) { "" } else { ", the clocks change this week" };
        if c.uncovered.is_empty() {
            println!("  someone is at work all week ({of}{note})");
        } else {
            println!("  uncovered: {} of {of}{note}", duration(c.uncovered_time()));
        }
        if let Some(w) = c.longest_wait {
            println!("  longest wait: {}", wait(&w, tz));
        }
    }
}

/// "Mon 18:00–Tue 08:00", "Mon 00:00–08:00", "Thu 18:00–Sun 24:00".
fn range(s: &Span, tz: Tz) -> String {
    let (from_day, from_time) = clock(s.from, tz, false);
    let (to_day, to_time) = clock(s.to, tz, true);
    if from_day == to_day {
        format!("{from_day} {from_time}–{to_time}")
    } else {
        format!("{from_day} {from_time}–{to_day} {to_time}")
    }
}

/// The weekday and wall-clock time of `t` on `tz`; an end at midnight reads
/// 24:00 of the day before, and a time the clock shows twice (the autumn
/// hour) carries its abbreviation.
fn clock(t: DateTime<Utc>, tz: Tz, is_end: bool) -> (String, String) {
    let local = t.with_timezone(&tz);
    let mut time = local.format("%H:%M").to_string();
    if let LocalResult::Ambiguous(..) = tz.from_local_datetime(&local.naive_local()) {
        time = format!("{time} {}", local.format("%Z"));
    }
    if is_end && local.hour() == 0 && local.minute() == 0 {
        let day = (local.date_naive() - Duration::days(1)).format("%a").to_string();
        return (day, "24:00".into());
    }
    (local.format("%a").to_string(), time)
}

fn wait(w: &Wait, tz: Tz) -> String {
    let day = |t: DateTime<Utc>| t.with_timezone(&tz).format("%a %-d %b %H:%M").to_string();
    match (w.until, w.length()) {
        (Some(until), Some(len)) => {
            format!("{}, from {} to {} {}", duration(len), day(w.from), day(until), tz.name())
        }
        _ => format!("from {} {}: nobody is scheduled after that", day(w.from), tz.name()),
    }
}

/// "86 h", "12 h 30 min", "45 min".
fn duration(d: Duration) -> String {
    let m = d.num_minutes();
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

//! `afterhours holidays`: for care leads, the days a team is closed in a
//! year (public holidays and the brand's own days, whole or in part), as its
//! rules in flows/teams.toml give them; `--json` for scripts such as
//! .ci/check-holidays.

use std::process::ExitCode;

use chrono::{Datelike, Utc};
use serde::Serialize;

use super::ContentArgs;
use crate::domain::{ClosedDay, DayPart, Team};

#[derive(Debug, clap::Args)]
pub struct HolidaysArgs {
    /// The team id, as in flows/teams.toml (default: every team).
    #[arg(long)]
    pub team: Option<String>,
    /// The year, on the team's local calendar (default: this year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Print one JSON object: {"year", "teams": [{"team", "name",
    /// "time_zone", "days": [{"date", "weekday", "name", "whole_day",
    /// "closed_from", "closed_until", "brand"}]}]}.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub content: ContentArgs,
}

pub fn run(args: HolidaysArgs) -> anyhow::Result<ExitCode> {
    let year = args.year.unwrap_or_else(|| Utc::now().year());
    // Easter, and so the calendar, is defined for 1583 to 9999.
    if !(1583..=9999).contains(&year) {
        anyhow::bail!("`year`: {year} is outside 1583 to 9999");
    }
    let engine = args.content.load()?;
    let teams = &engine.playbook.teams;
    let chosen: Vec<&Team> = match &args.team {
        None => teams.iter().collect(),
        Some(id) => match teams.iter().find(|t| t.id.0 == *id) {
            Some(t) => vec![t],
            None => anyhow::bail!(
                "`team`: no team `{id}` (teams: {})",
                teams.iter().map(|t| t.id.0.as_str()).collect::<Vec<_>>().join(", ")
            ),
        },
    };
    if args.json {
        let report = Report { year, teams: chosen.iter().map(|t| TeamJson::new(t, year)).collect() };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for (i, t) in chosen.iter().enumerate() {
            if i > 0 {
                println!();
            }
            print!("{}", human(t, year));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Report {
    year: i32,
    teams: Vec<TeamJson>,
}

#[derive(Serialize)]
struct TeamJson {
    team: String,
    name: String,
    time_zone: &'static str,
    days: Vec<DayJson>,
}

impl TeamJson {
    fn new(t: &Team, year: i32) -> Self {
        Self {
            team: t.id.0.clone(),
            name: t.name.clone(),
            time_zone: t.tz.name(),
            days: t.closed_days(year).iter().map(DayJson::new).collect(),
        }
    }
}

#[derive(Serialize)]
struct DayJson {
    date: String,
    weekday: String,
    name: String,
    whole_day: bool,
    /// Local "HH:MM" of a half day; null for a whole day.
    closed_from: Option<String>,
    closed_until: Option<String>,
    brand: bool,
}

impl DayJson {
    fn new(d: &ClosedDay) -> Self {
        let (from, until) = match d.closed {
            DayPart::Whole => (None, None),
            DayPart::Part { from, to } => (Some(clock(from)), Some(clock(to))),
        };
        Self {
            date: d.date.to_string(),
            weekday: d.date.format("%a").to_string(),
            name: d.name.clone(),
            whole_day: d.closed == DayPart::Whole,
            closed_from: from,
            closed_until: until,
            brand: d.brand,
        }
    }
}

fn clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn human(t: &Team, year: i32) -> String {
    let days = t.closed_days(year);
    let mut s = format!("{} ({}, {}): {} closed days in {year}\n", t.id.0, t.name, t.tz.name(), days.len());
    let width = days.iter().map(|d| d.name.chars().count()).max().unwrap_or(0);
    for d in &days {
        let part = match d.closed {
            DayPart::Whole => "all day".to_string(),
            DayPart::Part { from, to } => format!("closed {}-{}", clock(from), clock(to)),
        };
        let brand = if d.brand { "  (brand's own day)" } else { "" };
        s += &format!("  {}  {}  {:width$}  {part}{brand}\n", d.date, d.date.format("%a"), d.name);
    }
    s
}

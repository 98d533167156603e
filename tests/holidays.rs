//! Holiday calendars through the real binary: `afterhours holidays` lists a
//! team's closed days, and `afterhours preview` at noon on every public
//! holiday of 2026-2028 says the team is closed and names its next working
//! moment. (Whether the days are true is .ci/check-holidays' job.)

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde_json::Value;

#[path = "support/copy_dir.rs"]
mod support;

fn repo(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

fn run(args: &[&str], flows: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(args)
        .arg("--flows")
        .arg(flows)
        .arg("--locales")
        .arg(repo("locales"))
        .output()
        .unwrap();
    assert!(out.status.success(), "afterhours {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn calendar(year: i32, flows: &Path) -> Value {
    let out = run(&["holidays", "--json", "--year", &year.to_string()], flows);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn days_of<'a>(cal: &'a Value, team: &str) -> &'a [Value] {
    cal["teams"].as_array().unwrap().iter().find(|t| t["team"] == team).unwrap()["days"].as_array().unwrap()
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v["date"].as_str().unwrap(), "%Y-%m-%d").unwrap()
}

fn preview_batch(lines: &[String], flows: &Path) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(["preview", "--batch", "--flows"])
        .arg(flows)
        .arg("--locales")
        .arg(repo("locales"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(lines.join("\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A demo team, a language only it speaks (so the preview routes to it),
/// and its opening time per weekday, written out here as an independent
/// reading of flows/teams.toml.
struct Demo {
    team: &'static str,
    lang: &'static str,
    tz: Tz,
    opens: fn(Weekday) -> Option<(u32, u32)>,
}

const DEMOS: [Demo; 4] = [
    Demo {
        team: "benelux",
        lang: "nl",
        tz: chrono_tz::Europe::Amsterdam,
        opens: |w| match w {
            Weekday::Sat => Some((10, 0)),
            Weekday::Sun => None,
            _ => Some((8, 30)),
        },
    },
    Demo {
        team: "nordics",
        lang: "nb",
        tz: chrono_tz::Europe::Oslo,
        opens: |w| match w {
            Weekday::Sat | Weekday::Sun => None,
            _ => Some((9, 0)),
        },
    },
    Demo {
        team: "central",
        lang: "pl",
        tz: chrono_tz::Europe::Warsaw,
        opens: |w| match w {
            Weekday::Sat => Some((9, 0)),
            Weekday::Sun => None,
            _ => Some((8, 0)),
        },
    },
    Demo {
        team: "south",
        lang: "es",
        tz: chrono_tz::Europe::Madrid,
        opens: |w| match w {
            Weekday::Sat | Weekday::Sun => None,
            _ => Some((9, 0)),
        },
    },
];

fn local(tz: Tz, d: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    tz.from_local_datetime(&d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())).single().unwrap().with_timezone(&Utc)
}

#[test]
fn preview_at_noon_on_every_public_holiday_of_2026_to_2028_says_closed_and_names_the_next_working_moment() {
    let flows = repo("flows");
    let years = [2025, 2026, 2027, 2028, 2029];
    let cals: Vec<Value> = years.iter().map(|&y| calendar(y, &flows)).collect();
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for demo in &DEMOS {
        let closed: Vec<NaiveDate> = cals.iter().flat_map(|c| days_of(c, demo.team)).map(date).collect();
        for day in cals[1..4].iter().flat_map(|c| days_of(c, demo.team)) {
            assert_eq!(day["whole_day"], true, "{day}");
            let holiday = date(day);
            // The next day that is no closed day and has opening hours.
            let mut next = holiday + Duration::days(1);
            let opening = loop {
                match (demo.opens)(next.weekday()) {
                    Some((h, m)) if !closed.contains(&next) => break local(demo.tz, next, h, m),
                    _ => next += Duration::days(1),
                }
            };
            let noon = local(demo.tz, holiday, 12, 0);
            lines.push(
                serde_json::json!({
                    "text": "hallo",
                    "lang": demo.lang,
                    "tz": demo.tz.name(),
                    "at": noon.to_rfc3339(),
                })
                .to_string(),
            );
            expected.push((demo.team, holiday, day["name"].clone(), opening));
        }
    }
    // Each country has at least 9 public holidays a year.
    assert!(expected.len() >= 4 * 3 * 9, "{}", expected.len());
    let results = preview_batch(&lines, &flows);
    assert_eq!(results.len(), expected.len());
    for (r, (team, holiday, name, opening)) in results.iter().zip(&expected) {
        let what = format!("{team} on {holiday} ({name})");
        assert_eq!(r["open_now"], false, "{what}: {r}");
        assert_eq!(r["team"], *team, "{what}: {r}");
        let next = DateTime::parse_from_rfc3339(r["next_available"].as_str().unwrap()).unwrap();
        assert_eq!(next.with_timezone(&Utc), *opening, "{what}: {r}");
        assert!(!r["replies"].as_array().unwrap().is_empty(), "{what}: the customer gets no answer");
    }
}

#[test]
fn holidays_lists_a_year_with_names_weekdays_and_moved_days() {
    let flows = repo("flows");
    let cal = calendar(2031, &flows);
    assert_eq!(cal["year"], 2031);
    let benelux = days_of(&cal, "benelux");
    // King's Day: 27 April 2031 is a Sunday, so the Saturday before.
    let kings = benelux.iter().find(|d| d["name"] == "King's Day").unwrap();
    assert_eq!(kings["date"], "2031-04-26");
    assert_eq!(kings["weekday"], "Sat");
    // Easter 2031 is 13 April: Ascension is 39 days on, Whit Monday 50.
    let on = |name: &str| benelux.iter().find(|d| d["name"] == name).map(|d| d["date"].clone());
    assert_eq!(on("Ascension Day"), Some("2031-05-22".into()));
    assert_eq!(on("Whit Monday"), Some("2031-06-02".into()));
    // Spain has no 26 December; Poland closes on 24 December since 2025.
    assert!(days_of(&cal, "south").iter().all(|d| d["date"] != "2031-12-26"));
    assert!(days_of(&cal, "central").iter().any(|d| d["date"] == "2031-12-24" && d["name"] == "Christmas Eve"));

    let out = run(&["holidays", "--team", "nordics", "--year", "2027"], &flows);
    let text = String::from_utf8(out.stdout).unwrap();
    // Twelve rules, eleven days: Whit Monday falls on 17 May, and one line names both.
    assert!(text.starts_with("nordics (Nordics care, Europe/Oslo): 11 closed days in 2027"), "{text}");
    assert!(text.contains("2027-03-25  Thu  Maundy Thursday"), "{text}");
    assert!(text.contains("2027-05-17  Mon  Constitution Day; Whit Monday  all day"), "{text}");
    assert!(!text.contains("benelux"), "{text}");
}

#[test]
fn an_unknown_team_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(["holidays", "--team", "mars", "--year", "2027"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no team `mars`") && err.contains("benelux"), "{err}");
}

#[test]
fn half_days_close_only_their_span_and_shared_days_reach_every_team() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    support::copy_dir(&repo("flows"), &flows);
    let teams = std::fs::read_to_string(flows.join("teams.toml")).unwrap();
    let edited = teams.replacen(
        "[every_team]\nholidays = []",
        "[every_team]\nholidays = [\n  { on = \"12-31\", closed = \"13:00-24:00\", name = \"New Year's Eve afternoon\", brand = true },\n  { on = \"2027-02-01\", closed = \"00:00-11:00\", name = \"Training morning\", brand = true },\n  \"08-14\",\n]",
        1,
    );
    assert_ne!(teams, edited, "the shipped teams.toml changed: update this test");
    std::fs::write(flows.join("teams.toml"), edited).unwrap();

    let cal = calendar(2026, &flows);
    for team in ["benelux", "nordics", "central", "south"] {
        let eve = days_of(&cal, team).iter().find(|d| d["date"] == "2026-12-31").unwrap();
        assert_eq!(eve["whole_day"], false);
        assert_eq!(eve["closed_from"], "13:00");
        assert_eq!(eve["closed_until"], "24:00");
        assert_eq!(eve["brand"], true);
    }
    // The plain string form still works, named after itself.
    let plain = days_of(&cal, "south").iter().find(|d| d["date"] == "2026-08-14").unwrap();
    assert_eq!((&plain["name"], &plain["whole_day"], &plain["brand"]), (&"08-14".into(), &true.into(), &false.into()));
    let out = run(&["holidays", "--team", "benelux", "--year", "2026"], &flows);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("New Year's Eve afternoon  closed 13:00-24:00  (brand's own day)"), "{text}");

    let at =
        |t: &str| serde_json::json!({"text": "hallo", "lang": "nl", "tz": "Europe/Amsterdam", "at": t}).to_string();
    let r = preview_batch(
        &[at("2026-12-31T12:59:00+01:00"), at("2026-12-31T13:00:00+01:00"), at("2027-02-01T09:00:00+01:00")],
        &flows,
    );
    assert_eq!(r[0]["open_now"], true, "{}", r[0]);
    // Closed from 13:00; 1 January is a holiday; Saturday 2 January 10:00.
    assert_eq!(r[1]["open_now"], false, "{}", r[1]);
    assert_eq!(r[1]["next_available"], "2027-01-02T10:00:00+01:00");
    // A morning closed until 11:00 opens at 11:00 that day.
    assert_eq!(r[2]["open_now"], false, "{}", r[2]);
    assert_eq!(r[2]["next_available"], "2027-02-01T11:00:00+01:00");
}

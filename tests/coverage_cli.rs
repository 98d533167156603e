//! `afterhours coverage` with the shipped flows: the hours of a week with
//! nobody who speaks a language, on that language's customer clock, as text
//! for care leads and as the JSON the console draws its week grid from.

#[path = "support/copy_dir.rs"]
mod copy_dir;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, Datelike, Duration, FixedOffset, Utc};
use serde_json::Value;

use copy_dir::copy_dir;

fn repo(dir: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

fn coverage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .arg("coverage")
        .args(args)
        .env_remove("AFTERHOURS_FLOWS")
        .env_remove("AFTERHOURS_LOCALES")
        .arg("--flows")
        .arg(repo("flows"))
        .arg("--locales")
        .arg(repo("locales"))
        .output()
        .unwrap()
}

fn text(args: &[&str]) -> String {
    let out = coverage(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&text(&all)).unwrap()
}

fn language<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["languages"].as_array().unwrap().iter().find(|l| l["language"] == code).unwrap()
}

fn time(v: &Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap()
}

/// The lines of one language's block in the text form.
fn block<'a>(out: &'a str, code: &str) -> Vec<&'a str> {
    let mut lines = out.lines().skip_while(|l| !l.starts_with(&format!("{code}  ")));
    let head = lines.next().unwrap_or_else(|| panic!("no block for {code} in:\n{out}"));
    std::iter::once(head).chain(lines.take_while(|l| l.starts_with("  "))).collect()
}

#[test]
fn christmas_leaves_polish_customers_alone_from_wednesday_evening_to_monday_morning() {
    let out = text(&["--week", "2026-W52"]);
    assert!(out.starts_with("Coverage, week 2026-W52 (Mon 21 Dec – Sun 27 Dec 2026)"), "{out}");
    let pl = block(&out, "pl");
    assert_eq!(
        pl,
        [
            "pl  Polski, Europe/Warsaw; teams: central",
            "  Mon 00:00–08:00 Europe/Warsaw",
            "  Mon 18:00–Tue 08:00 Europe/Warsaw",
            "  Tue 18:00–Wed 08:00 Europe/Warsaw",
            // 24 December is a public holiday in Poland since 2025.
            "  Wed 18:00–Sun 24:00 Europe/Warsaw",
            "  uncovered: 138 h of 168 h",
            "  longest wait: 110 h, from Wed 23 Dec 18:00 to Mon 28 Dec 08:00 Europe/Warsaw",
        ],
        "{out}"
    );
}

#[test]
fn the_json_form_holds_the_same_week_in_rfc3339_on_the_customers_clock() {
    let report = json(&["--week", "2026-W52"]);
    assert_eq!(report["week"], "2026-W52");
    let codes: Vec<&str> =
        report["languages"].as_array().unwrap().iter().map(|l| l["language"].as_str().unwrap()).collect();
    assert_eq!(codes, ["da", "de", "en", "es", "fr", "it", "nb", "nl", "pl", "pt", "ru", "sv"]);
    let pl = language(&report, "pl");
    assert_eq!(pl["time_zone"], "Europe/Warsaw");
    assert_eq!(pl["teams"], serde_json::json!(["central"]));
    assert_eq!(pl["via_fallback"], false);
    assert_eq!(pl["week_from"], "2026-12-21T00:00:00+01:00");
    assert_eq!(pl["week_to"], "2026-12-28T00:00:00+01:00");
    assert_eq!(
        pl["uncovered"][3],
        serde_json::json!({"from": "2026-12-23T18:00:00+01:00", "to": "2026-12-28T00:00:00+01:00"})
    );
    assert_eq!(pl["uncovered_hours"], 138.0);
    assert_eq!(
        pl["longest_wait"],
        serde_json::json!({"from": "2026-12-23T18:00:00+01:00", "to": "2026-12-28T08:00:00+01:00", "hours": 110.0})
    );
    // Every language: its stretches in order, apart, inside its week, and
    // adding up to its total; the longest wait starts at one of them.
    for l in report["languages"].as_array().unwrap() {
        let (from, to) = (time(&l["week_from"]), time(&l["week_to"]));
        let spans = l["uncovered"].as_array().unwrap();
        let mut cursor = from;
        let mut minutes = 0;
        for s in spans {
            let (a, b) = (time(&s["from"]), time(&s["to"]));
            assert!(cursor <= a && a < b && b <= to, "{l}");
            // Touching stretches would be one.
            assert!(a > cursor || a == from, "{l}");
            minutes += (b - a).num_minutes();
            cursor = b;
        }
        assert_eq!(l["uncovered_hours"].as_f64().unwrap(), minutes as f64 / 60.0, "{l}");
        let wait = &l["longest_wait"];
        assert!(spans.iter().any(|s| s["from"] == wait["from"]), "{l}");
        let hours = (time(&wait["to"]) - time(&wait["from"])).num_minutes() as f64 / 60.0;
        assert_eq!(wait["hours"].as_f64().unwrap(), hours, "{l}");
    }
}

#[test]
fn a_week_when_the_clocks_go_forward_has_167_hours() {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST across the EU.
    let report = json(&["--week", "2026-W13"]);
    let pl = language(&report, "pl");
    assert_eq!(pl["week_from"], "2026-03-23T00:00:00+01:00");
    assert_eq!(pl["week_to"], "2026-03-30T00:00:00+02:00");
    // Central care is open 5 x 10 h + 4 h on Saturday.
    assert_eq!(pl["uncovered_hours"], 167.0 - 54.0);
    let last = pl["uncovered"].as_array().unwrap().last().unwrap();
    assert_eq!(*last, serde_json::json!({"from": "2026-03-28T13:00:00+01:00", "to": "2026-03-30T00:00:00+02:00"}));
    // Saturday 13:00 to Monday 08:00 is an hour shorter than usual.
    assert_eq!(
        pl["longest_wait"],
        serde_json::json!({"from": "2026-03-28T13:00:00+01:00", "to": "2026-03-30T08:00:00+02:00", "hours": 42.0})
    );
    let out = text(&["--week", "2026-W13"]);
    let pl = block(&out, "pl");
    assert!(pl.contains(&"  Sat 13:00–Sun 24:00 Europe/Warsaw"), "{out}");
    assert!(pl.contains(&"  uncovered: 113 h of 167 h, the clocks change this week"), "{out}");
    // The week after is an ordinary one.
    let w14 = json(&["--week", "2026-W14"]);
    assert_eq!(language(&w14, "pl")["uncovered_hours"], 168.0 - 54.0);
}

#[test]
fn a_week_when_the_clocks_go_back_has_169_hours() {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET.
    let report = json(&["--week", "2026-W43"]);
    let pl = language(&report, "pl");
    assert_eq!(pl["week_to"], "2026-10-26T00:00:00+01:00");
    assert_eq!(pl["uncovered_hours"], 169.0 - 54.0);
    assert_eq!(pl["longest_wait"]["hours"], 44.0);
}

#[test]
fn english_is_covered_by_three_teams_on_the_london_clock() {
    let report = json(&["--week", "2026-W52"]);
    let en = language(&report, "en");
    assert_eq!(en["time_zone"], "Europe/London");
    assert_eq!(en["teams"], serde_json::json!(["benelux", "central", "nordics"]));
    // Monday: Central opens 07:00 London; Benelux closes 19:00 London.
    assert_eq!(
        en["uncovered"][0],
        serde_json::json!({"from": "2026-12-21T00:00:00+00:00", "to": "2026-12-21T07:00:00+00:00"})
    );
    assert_eq!(en["uncovered"][1]["from"], "2026-12-21T19:00:00+00:00");
}

#[test]
fn a_language_no_team_speaks_is_routed_to_the_english_teams() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    copy_dir(&repo("flows"), &flows);
    let teams = std::fs::read_to_string(flows.join("teams.toml")).unwrap();
    let edited = teams.replace(r#"languages = ["pl", "ru", "en"]"#, r#"languages = ["pl", "en"]"#);
    assert_ne!(teams, edited, "the shipped teams.toml changed: update this test");
    std::fs::write(flows.join("teams.toml"), edited).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(["coverage", "--week", "2026-W52", "--json", "--flows"])
        .arg(&flows)
        .arg("--locales")
        .arg(repo("locales"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ru = language(&report, "ru");
    assert_eq!(ru["via_fallback"], true);
    assert_eq!(ru["teams"], serde_json::json!(["benelux", "central", "nordics"]));
    assert_eq!(ru["time_zone"], "Europe/Moscow");
    // Monday: Central opens at 08:00 Warsaw, 10:00 in Moscow.
    assert_eq!(ru["uncovered"][0]["to"], "2026-12-21T10:00:00+03:00");
    let text = Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(["coverage", "--week", "2026-W52", "--flows"])
        .arg(&flows)
        .arg("--locales")
        .arg(repo("locales"))
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(block(&text, "ru").contains(&"  (no team speaks ru: its customers are routed to the en teams)"), "{text}");
}

#[test]
fn without_a_week_it_reports_the_current_one() {
    let before = Utc::now().date_naive().iso_week();
    let report = json(&[]);
    let after = Utc::now().date_naive().iso_week();
    let label = |w: chrono::IsoWeek| format!("{:04}-W{:02}", w.year(), w.week());
    let week = report["week"].as_str().unwrap();
    assert!(week == label(before) || week == label(after), "{week}");
    let pl = language(&report, "pl");
    assert!(time(&pl["week_to"]) - time(&pl["week_from"]) >= Duration::hours(167));
}

#[test]
fn a_week_that_does_not_exist_is_refused() {
    for bad in ["2025-W53", "2026-52", "next"] {
        let out = coverage(&["--week", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(bad.split('-').next().unwrap()), "{err}");
    }
}

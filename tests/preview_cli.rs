//! `afterhours preview` as localisation teams, care leads and scripts use it:
//! the real binary, its human output, and the stable JSON contract.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_afterhours"))
}

fn run(args: &[&str]) -> Output {
    let out = bin().args(args).output().unwrap();
    assert!(out.status.success(), "afterhours {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn batch(input: &str) -> (Output, Vec<serde_json::Value>) {
    let mut child = bin()
        .args(["preview", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (out, lines)
}

const KEYS: [&str; 10] = [
    "language",
    "language_confidence",
    "kind",
    "intent",
    "customer_time_zone",
    "open_now",
    "team",
    "next_available",
    "replies",
    "handoff",
];

#[test]
fn json_output_has_exactly_the_documented_fields() {
    let out = run(&["preview", "--json", "--text", "waar blijft mijn pakket", "--at", "2026-11-28T02:00:00+01:00"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
    keys.sort();
    let mut expected = KEYS.to_vec();
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(v["language"], "nl");
    assert_eq!(v["customer_time_zone"], "Europe/Amsterdam");
    assert_eq!(v["open_now"], false);
    assert_eq!(v["team"], "benelux");
    assert_eq!(v["next_available"], "2026-11-28T10:00:00+01:00");
    assert_eq!(v["intent"], "order_status");
    assert_eq!(v["replies"][0]["automated"], true);
    assert!(v["language_confidence"].as_f64().unwrap() > 0.5);
}

#[test]
fn next_available_is_null_when_a_team_is_open() {
    let out = run(&["preview", "--json", "--text", "where is my order?", "--at", "2026-11-30T12:00:00+01:00"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["open_now"], true);
    assert!(v["next_available"].is_null());
}

#[test]
fn human_output_shows_the_reply_the_decision_and_the_label() {
    let out = run(&[
        "preview",
        "--text",
        "this is ridiculous, my parcel never arrived",
        "--at",
        "2026-11-28T02:00:00+01:00",
        "--name",
        "Anna",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("kind          complaint"), "{text}");
    assert!(text.contains("Hi Anna!"), "{text}");
    assert!(text.contains("🤖"), "{text}");
    assert!(text.contains("handoff       yes"), "{text}");
}

#[test]
fn lang_forces_the_reply_language_and_tz_sets_the_customer_clock() {
    let out = run(&[
        "preview",
        "--json",
        "--text",
        "where is my order",
        "--lang",
        "pl",
        "--tz",
        "America/New_York",
        "--at",
        "2026-11-28T02:00:00+01:00",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["language"], "pl");
    assert_eq!(v["customer_time_zone"], "America/New_York");
    // central opens Saturday 09:00 Warsaw = 03:00 New York.
    assert_eq!(v["next_available"], "2026-11-28T03:00:00-05:00");
}

#[test]
fn batch_answers_every_line_in_order() {
    let input = [
        r#"{"text": "hej, jeg har stadig ikke modtaget min pakke", "at": "2026-11-28T02:00:00+01:00"}"#,
        r#"{"text": "Boost your page with 10k followers! Click here: https://x.example", "at": "2026-11-28T02:00:00+01:00"}"#,
        r#"{"text": "можно оплатить картой?", "at": "2026-11-28T02:00:00+01:00", "tz": "Europe/Moscow"}"#,
        r#"{"text": "hola, ¿cuánto tarda el envío a Sevilla?"}"#,
    ]
    .join("\n");
    let (out, lines) = batch(&input);
    assert!(out.status.success());
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["kind"], "complaint");
    assert_eq!(lines[1]["kind"], "spam");
    assert_eq!(lines[1]["replies"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["handoff"], false);
    assert_eq!(lines[2]["language"], "ru");
    assert_eq!(lines[2]["customer_time_zone"], "Europe/Moscow");
    assert_eq!(lines[3]["language"], "es");
    for l in &lines {
        assert_eq!(l.as_object().unwrap().len(), KEYS.len());
    }
}

#[test]
fn a_bad_batch_line_gets_an_error_line_in_place_and_the_rest_still_answered() {
    let input = "{\"text\": \"hello\", \"at\": \"2026-11-28T02:00:00+01:00\"}\n{\"text\": 5}\n{\"text\": \"hallo\", \"tz\": \"Mars/Olympus\"}\n{\"text\": \"thanks!\", \"at\": \"2026-11-28T02:00:00+01:00\"}\n";
    let (out, lines) = batch(input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines.len(), 4);
    assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
    assert!(lines[2]["error"].as_str().unwrap().contains("unknown time zone `Mars/Olympus`"));
    assert_eq!(lines[3]["kind"], "praise");
}

#[test]
fn a_bad_flag_value_is_a_clear_error() {
    let out = bin().args(["preview", "--text", "hi", "--at", "tomorrow"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`at`: `tomorrow` is not an RFC 3339 time"));
    let out = bin().args(["preview", "--text", "hi", "--lang", "xx"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("`xx` is not a configured language"));
}

/// A figure from `eval`'s output, such as "complaint recall" → 95.7.
fn figure(report: &str, name: &str) -> f64 {
    let line = report.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no {name:?} in:\n{report}"));
    let value = line[name.len()..].split_whitespace().next().unwrap();
    value.trim_end_matches('%').parse().unwrap()
}

#[test]
fn eval_scores_the_corpora_and_they_hold_the_line() {
    for (corpus, complaint_recall, language) in [("dms", 93.0, 96.0), ("holdout", 80.0, 96.0)] {
        let dir = format!("{}/tests/data/{corpus}", env!("CARGO_MANIFEST_DIR"));
        let out = run(&["eval", &dir]);
        let report = String::from_utf8(out.stdout).unwrap();
        // The two errors that are never acceptable.
        assert_eq!(figure(&report, "complainants thanked"), 0.0, "{corpus}:\n{report}");
        assert_eq!(figure(&report, "real messages marked spam"), 0.0, "{corpus}:\n{report}");
        // Regression guards, a little below today's figures (README).
        assert!(figure(&report, "complaint recall") >= complaint_recall, "{corpus}:\n{report}");
        assert!(figure(&report, "language accuracy, 3+ words") >= language, "{corpus}:\n{report}");
    }
}

#[test]
fn eval_reads_lines_on_their_files_market_page_unless_told_none_and_scores_urgent() {
    let dir = format!("{}/tests/data/dms", env!("CARGO_MANIFEST_DIR"));
    let with_page = String::from_utf8(run(&["eval", &dir]).stdout).unwrap();
    let without = String::from_utf8(run(&["eval", &dir, "--market", "none"]).stdout).unwrap();
    assert!(with_page.contains("the file's language (--market file)"), "{with_page}");
    assert!(without.contains("none (--market none)"), "{without}");
    // "hej", "ok", "hallo" are placed by the page's market, not without it.
    let short = "language accuracy, 1-2 words";
    assert!(figure(&with_page, short) > figure(&without, short), "{with_page}\n{without}");
    // The urgent class of the hard-classes corpus is read as urgent.
    let dir = format!("{}/tests/data/classes", env!("CARGO_MANIFEST_DIR"));
    let report = String::from_utf8(run(&["eval", &dir]).stdout).unwrap();
    let urgent = report.lines().find(|l| l.trim_start().starts_with("urgent ")).expect("an urgent class row");
    let kind: f64 = urgent.split_whitespace().nth(2).unwrap().trim_end_matches('%').parse().unwrap();
    assert!(kind >= 95.0, "{report}");
    assert_eq!(figure(&report, "complainants thanked"), 0.0, "{report}");
}

//! The opening-hours answer comes from flows/teams.toml, in every locale,
//! and no reply states a time twice: through `afterhours preview --batch`,
//! the real binary a care lead or translator runs, with a controlled clock
//! (`at`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// A weeknight with no holiday in the coming two weeks of any team
/// (Tuesday 24 November 2026, 02:00 in Amsterdam).
const QUIET_NIGHT: &str = "2026-11-24T02:00:00+01:00";

/// An opening-hours question per locale, the team serving it, and how the
/// language writes Saturday, Sunday and a time of day (CLDR, written out here
/// so the test does not trust the code it checks).
struct Locale {
    lang: &'static str,
    question: &'static str,
    saturday: &'static str,
    sunday: &'static str,
    /// Between hours and minutes: "10:00" or "10.00".
    sep: char,
}

const LOCALES: [Locale; 12] = [
    Locale { lang: "en", question: "what are your opening hours?", saturday: "Saturday", sunday: "Sunday", sep: ':' },
    Locale {
        lang: "nl",
        question: "wat zijn jullie openingstijden?",
        saturday: "zaterdag",
        sunday: "zondag",
        sep: ':',
    },
    Locale { lang: "de", question: "wann habt ihr geöffnet?", saturday: "Samstag", sunday: "Sonntag", sep: ':' },
    Locale {
        lang: "fr",
        question: "quels sont vos horaires d'ouverture ?",
        saturday: "samedi",
        sunday: "dimanche",
        sep: ':',
    },
    Locale {
        lang: "es",
        question: "¿cuál es vuestro horario de atención?",
        saturday: "sábado",
        sunday: "domingo",
        sep: ':',
    },
    Locale {
        lang: "it",
        question: "quali sono i vostri orari di apertura?",
        saturday: "sabato",
        sunday: "domenica",
        sep: ':',
    },
    Locale {
        lang: "pt",
        question: "qual é o vosso horário de atendimento?",
        saturday: "sábado",
        sunday: "domingo",
        sep: ':',
    },
    Locale { lang: "sv", question: "vilka är era öppettider?", saturday: "lördag", sunday: "söndag", sep: ':' },
    Locale { lang: "nb", question: "hva er åpningstidene deres?", saturday: "lørdag", sunday: "søndag", sep: ':' },
    Locale { lang: "da", question: "hvad er jeres åbningstider?", saturday: "lørdag", sunday: "søndag", sep: '.' },
    Locale {
        lang: "pl",
        question: "w jakich godzinach pracujecie?",
        saturday: "sobota",
        sunday: "niedziela",
        sep: ':',
    },
    Locale {
        lang: "ru", question: "какие у вас часы работы?", saturday: "суббота", sunday: "воскресенье", sep: ':'
    },
];

fn batch(flows: &Path, lines: &[Value]) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_afterhours"))
        .args(["preview", "--batch", "--flows"])
        .arg(flows)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    // Written from another thread: the replies fill the pipe while the
    // questions are still going in.
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "preview --batch failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn shipped_flows() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("flows")
}

/// The opening-hours answer of every locale, on the clock `tz` gives (the
/// language's typical zone when `None`), keyed by language.
fn answers(flows: &Path, at: &str, tz: impl Fn(&str) -> Option<String>) -> BTreeMap<&'static str, String> {
    let input: Vec<Value> = LOCALES
        .iter()
        .map(|l| {
            let mut v = json!({"text": l.question, "lang": l.lang, "at": at});
            if let Some(tz) = tz(l.lang) {
                v["tz"] = json!(tz);
            }
            v
        })
        .collect();
    let out = batch(flows, &input);
    LOCALES
        .iter()
        .zip(out)
        .map(|(l, v)| {
            assert_eq!(
                v["intent"], "opening_hours",
                "{}: {:?} not read as an opening-hours question",
                l.lang, l.question
            );
            (l.lang, v["replies"][0]["text"].as_str().unwrap().to_string())
        })
        .collect()
}

/// "10:00–14:00" as `l` writes it.
fn range(l: &Locale, from: &str, to: &str) -> String {
    format!("{}–{}", from.replace(':', &l.sep.to_string()), to.replace(':', &l.sep.to_string()))
}

// ---- (b) every locale states exactly the shipped hours ----

#[derive(serde::Deserialize)]
struct TeamsFile {
    teams: BTreeMap<String, TeamSpec>,
}

#[derive(serde::Deserialize)]
struct TeamSpec {
    time_zone: String,
    languages: Vec<String>,
    hours: BTreeMap<String, Vec<String>>,
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn minutes(s: &str) -> u32 {
    let (h, m) = s.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

fn clock(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The hours of each weekday of the teams speaking `lang`, merged (all demo
/// teams keep Central European time, so their clocks add up).
fn expected_week(teams: &TeamsFile, lang: &str) -> ([Vec<(u32, u32)>; 7], String) {
    let serving: Vec<&TeamSpec> = teams.teams.values().filter(|t| t.languages.iter().any(|x| x == lang)).collect();
    assert!(!serving.is_empty(), "no team speaks {lang}");
    let mut week: [Vec<(u32, u32)>; 7] = Default::default();
    for (d, key) in DAY_KEYS.iter().enumerate() {
        let mut spans: Vec<(u32, u32)> = serving
            .iter()
            .flat_map(|t| t.hours.get(*key).into_iter().flatten())
            .map(|iv| {
                let (a, b) = iv.split_once('-').unwrap();
                (minutes(a), minutes(b))
            })
            .collect();
        spans.sort();
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        week[d] = merged;
    }
    (week, serving[0].time_zone.clone())
}

/// The time ranges in `text`, in order, as ("08:30", "20:00") on a colon clock.
fn ranges_in(text: &str) -> Vec<(usize, String, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let is_clock = |i: usize| -> Option<String> {
        let s: String = chars.get(i..i + 5)?.iter().map(|(_, c)| *c).collect();
        let b = s.as_bytes();
        (s.len() == 5
            && b[0].is_ascii_digit()
            && b[1].is_ascii_digit()
            && (b[2] == b':' || b[2] == b'.')
            && b[3].is_ascii_digit()
            && b[4].is_ascii_digit())
        .then(|| s.replace('.', ":"))
    };
    for i in 0..chars.len() {
        if let (Some(a), Some((_, '–')), Some(b)) = (is_clock(i), chars.get(i + 5), is_clock(i + 6)) {
            out.push((chars[i].0, a, b));
        }
    }
    out
}

#[test]
fn every_locale_states_exactly_the_shipped_hours_of_its_team() {
    let teams: TeamsFile =
        toml::from_str(&std::fs::read_to_string(shipped_flows().join("teams.toml")).unwrap()).unwrap();
    let zones: BTreeMap<&str, String> = LOCALES.iter().map(|l| (l.lang, expected_week(&teams, l.lang).1)).collect();
    // On the team's own clock, so the answer holds one schedule.
    let got = answers(&shipped_flows(), QUIET_NIGHT, |lang| Some(zones[lang].clone()));
    for l in &LOCALES {
        let text = &got[l.lang];
        let (week, _) = expected_week(&teams, l.lang);
        // Every range stated is one of the team's, and every one of the team's is stated.
        let stated: Vec<(String, String)> = ranges_in(text).into_iter().map(|(_, a, b)| (a, b)).collect();
        let mut expected: Vec<(String, String)> =
            week.iter().flatten().map(|&(a, b)| (clock(a), clock(b))).collect::<Vec<_>>();
        expected.dedup();
        for e in &expected {
            assert!(stated.contains(e), "{}: {}–{} missing from {text}", l.lang, e.0, e.1);
        }
        for s in &stated {
            assert!(expected.contains(s), "{}: {}–{} is not in teams.toml: {text}", l.lang, s.0, s.1);
        }
        // Saturday is named exactly when the team works on Saturday, with
        // its own hours next; Sunday (nobody works) never.
        let sat = &week[5];
        match text.find(l.saturday) {
            Some(at) => {
                assert!(!sat.is_empty(), "{}: Saturday service claimed without Saturday hours: {text}", l.lang);
                let next = ranges_in(text).into_iter().find(|(p, _, _)| *p > at).unwrap();
                assert_eq!((next.1, next.2), (clock(sat[0].0), clock(sat[0].1)), "{}: {text}", l.lang);
            }
            None => assert!(sat.is_empty(), "{}: Saturday hours not stated: {text}", l.lang),
        }
        assert!(!text.contains(l.sunday), "{}: Sunday named: {text}", l.lang);
    }
}

// ---- (a) an edited copy of the flows changes every locale's answer ----

fn copy_flows() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("cp").arg("-r").arg(shipped_flows()).arg(dir.path()).status().unwrap();
    assert!(status.success());
    dir
}

#[test]
fn editing_teams_toml_changes_the_answer_in_every_locale() {
    let tmp = copy_flows();
    let flows = tmp.path().join("flows");
    let before = answers(&flows, QUIET_NIGHT, |_| None);

    // Nordics and South start working Saturdays; Benelux and Central close
    // early on Fridays.
    let teams = std::fs::read_to_string(flows.join("teams.toml")).unwrap();
    let edited = teams
        .replace("[teams.nordics.hours]\n", "[teams.nordics.hours]\nsat = [\"10:00-14:00\"]\n")
        .replace("[teams.south.hours]\n", "[teams.south.hours]\nsat = [\"10:00-14:00\"]\n")
        .replace("fri = [\"08:30-20:00\"]", "fri = [\"08:30-17:00\"]")
        .replace("fri = [\"08:00-18:00\"]", "fri = [\"08:00-16:00\"]");
    assert_ne!(edited, teams);
    std::fs::write(flows.join("teams.toml"), edited).unwrap();
    let after = answers(&flows, QUIET_NIGHT, |_| None);

    for l in &LOCALES {
        let (old, new) = (&before[l.lang], &after[l.lang]);
        assert_ne!(old, new, "{}: the answer did not change", l.lang);
        // What must now be stated, on the team's clock (shown beside the
        // customer's where they differ).
        let must: Vec<String> = match l.lang {
            "nl" | "de" | "fr" => vec![range(l, "08:30", "17:00")],
            "nb" | "sv" | "da" | "es" | "it" | "pt" => vec![l.saturday.to_string(), range(l, "10:00", "14:00")],
            "pl" | "ru" => vec![range(l, "08:00", "16:00")],
            // English goes to three teams: Friday now ends at 17:00 (Nordics).
            "en" => vec![range(l, "08:00", "17:00")],
            other => unreachable!("{other}"),
        };
        for m in must {
            assert!(new.contains(&m), "{}: {m:?} missing after the edit: {new}", l.lang);
            assert!(!old.contains(&m) || m == l.saturday, "{}: {m:?} already there before the edit: {old}", l.lang);
        }
        if ["nb", "sv", "da", "es", "it", "pt"].contains(&l.lang) {
            assert!(!old.contains(l.saturday), "{}: Saturday claimed before the edit: {old}", l.lang);
        }
    }
}

// ---- (c) no reply states a clock time twice ----

/// Single clock times ("08:30", "09.00") in `text`, ranges left out.
fn single_times(text: &str) -> Vec<String> {
    let ranges = ranges_in(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= chars.len() {
        let s: String = chars[i..i + 5].iter().map(|(_, c)| *c).collect();
        let b = s.as_bytes();
        let before_ok = i == 0 || !chars[i - 1].1.is_ascii_digit();
        let after_ok = chars.get(i + 5).is_none_or(|(_, c)| !c.is_ascii_digit());
        let is_time = s.len() == 5
            && b[0].is_ascii_digit()
            && b[1].is_ascii_digit()
            && (b[2] == b':' || b[2] == b'.')
            && b[3].is_ascii_digit()
            && b[4].is_ascii_digit();
        if is_time && before_ok && after_ok {
            let pos = chars[i].0;
            let in_range = ranges.iter().any(|(p, _, _)| pos == *p || pos == p + "00:00–".len());
            if !in_range {
                out.push(s.replace('.', ":"));
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn no_reply_in_any_locale_states_the_same_time_twice() {
    let dms = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dms");
    let mut input = Vec::new();
    for entry in std::fs::read_dir(&dms).unwrap() {
        let path = entry.unwrap().path();
        for line in std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            // A weeknight, a Friday night before a Saturday team, a Saturday
            // night before Monday, and Christmas Eve before the holidays;
            // each on the language's typical clock.
            for at in
                [QUIET_NIGHT, "2026-11-27T21:30:00+01:00", "2026-11-28T23:00:00+01:00", "2026-12-24T22:00:00+01:00"]
            {
                input.push(json!({"text": v["text"], "lang": v["lang"], "at": at}));
            }
        }
    }
    assert!(input.len() > 1000, "the corpus is smaller than expected: {}", input.len());
    let out = batch(&shipped_flows(), &input);
    assert_eq!(out.len(), input.len());
    let (mut replies, mut with_time, mut opening) = (0, 0, 0);
    for (i, v) in input.iter().zip(&out) {
        let Some(text) = v["replies"][0]["text"].as_str() else { continue };
        replies += 1;
        let singles = single_times(text);
        let mut seen = std::collections::BTreeSet::new();
        for t in &singles {
            assert!(seen.insert(t), "{} at {}: {t} stated twice: {text}", v["language"], i["at"]);
        }
        if !singles.is_empty() {
            with_time += 1;
        }
        // The opening-hours answer says when a person is back in hours from
        // now: its clock times are the schedule's.
        if v["intent"] == "opening_hours" && v["open_now"] == false {
            opening += 1;
            assert!(singles.is_empty(), "{}: a single time beside the schedule: {text}", v["language"]);
            assert!(!ranges_in(text).is_empty(), "{}: no schedule: {text}", v["language"]);
        }
    }
    // The check saw what it is about: replies stating a return time, and
    // opening-hours answers in the corpus.
    assert!(replies > 1000 && with_time > 500 && opening > 12, "{replies} replies, {with_time} with a time, {opening}");
}

#[test]
fn a_summer_closure_is_one_span_told_to_its_end() {
    let tmp = copy_flows();
    let flows = tmp.path().join("flows");
    let teams = std::fs::read_to_string(flows.join("teams.toml")).unwrap();
    let closure = "\n[[teams.nordics.closures]]\nfrom = \"2026-08-03\"\nto = \"2026-08-21\"\n";
    std::fs::write(flows.join("teams.toml"), format!("{teams}{closure}")).unwrap();
    // Friday 31 July: the closure starts on Monday and runs past the two
    // weeks ahead that the answer looks at.
    let got = answers(&flows, "2026-07-31T12:00:00+02:00", |_| None);
    for (lang, closed) in [("nb", "stengt"), ("sv", "stängt"), ("da", "lukket")] {
        let text = &got[lang];
        assert_eq!(text.matches(closed).count(), 1, "{lang}: one span, not a line per day: {text}");
        assert!(text.contains(" 3") && text.contains("21"), "{lang}: from the 3rd to the 21st: {text}");
    }
}

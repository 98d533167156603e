//! `flows/escalation.toml`: the escalation plans for the night, a default
//! and one per team (who is on call when, the chain of contacts, the
//! promise, repeat writers, bursts), checked into an [`EscalationBook`].
//! The webhook URLs are secrets: the file names the environment variable
//! that holds each, and whether it is set is read here, once per load.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::schema::S;
use super::{parse_tz, read, show, FileCtx, FlowsError, WEEKDAYS};
use crate::domain::escalation::{Burst, Contact, ContactKind, EscalationBook, Plan, Slot, Step, DEFAULT_PLAN};
use crate::domain::{Interval, Team, Week};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EscalationFile {
    #[serde(default)]
    contacts: IndexMap<String, S<ContactSpec>>,
    #[serde(default)]
    plans: IndexMap<String, S<PlanSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactSpec {
    name: Option<String>,
    kind: S<String>,
    url_env: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanSpec {
    time_zone: Option<S<String>>,
    #[serde(default)]
    rota: Vec<S<SlotSpec>>,
    response_minutes: Option<S<i64>>,
    pr: Option<S<String>>,
    repeat_writes: Option<S<i64>>,
    burst: Option<S<BurstSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotSpec {
    days: S<Vec<S<String>>>,
    hours: S<String>,
    chain: S<Vec<S<StepSpec>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepSpec {
    contact: S<String>,
    ack_minutes: S<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BurstSpec {
    complaints: S<i64>,
    minutes: S<i64>,
}

/// Days accepted besides the names: every day, and the working week.
const DAY_GROUPS: [(&str, &[usize]); 3] =
    [("every", &[0, 1, 2, 3, 4, 5, 6]), ("weekdays", &[0, 1, 2, 3, 4]), ("weekend", &[5, 6])];

/// Reads `dir/escalation.toml` (optional: without it nothing escalates).
pub(super) fn load(dir: &Path, teams: &[Team], errors: &mut Vec<FlowsError>) -> EscalationBook {
    load_with(dir, teams, errors, &|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// [`load`] with the question "is this variable set?" as an argument.
pub(super) fn load_with(
    dir: &Path,
    teams: &[Team],
    errors: &mut Vec<FlowsError>,
    is_set: &dyn Fn(&str) -> bool,
) -> EscalationBook {
    let path = dir.join("escalation.toml");
    let mut book = EscalationBook::default();
    let Some((file, src)) = read::<EscalationFile>(&path, errors, false) else { return book };
    let mut cx = FileCtx { path, src, errors };
    for (id, spec) in &file.contacts {
        let c = spec.get_ref();
        let field = |f: &str| format!("contacts.{id}.{f}");
        let kind = ContactKind::parse(c.kind.get_ref()).unwrap_or_else(|| {
            cx.err(
                c.kind.span(),
                field("kind"),
                format!("`{}`: use {}", c.kind.get_ref(), ContactKind::NAMES.join(" or ")),
            );
            ContactKind::Json
        });
        let var = c.url_env.get_ref().trim();
        if var.contains("://") {
            // Never repeat the value: it is a secret pasted in the wrong place.
            cx.err(
                c.url_env.span(),
                field("url_env"),
                "this looks like a URL: put the URL in an environment variable and write the variable's name here",
            );
        } else if var.is_empty()
            || var.starts_with(|ch: char| ch.is_ascii_digit())
            || !var.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
        {
            cx.err(
                c.url_env.span(),
                field("url_env"),
                format!("`{var}` is not an environment variable name (capitals, digits, _: ESCALATION_PHONE_URL)"),
            );
        }
        book.contacts.push(Contact {
            id: id.clone(),
            name: c.name.clone().unwrap_or_else(|| id.clone()),
            kind,
            url_env: var.to_string(),
            configured: is_set(var),
        });
    }
    let known_contact = |cx: &mut FileCtx, name: &S<String>, field: String| -> bool {
        if book.contacts.iter().any(|c| c.id == *name.get_ref()) {
            return true;
        }
        let ids: Vec<&str> = file.contacts.keys().map(String::as_str).collect();
        cx.err(
            name.span(),
            field,
            format!("no contact `{}` under [contacts] (contacts: {})", name.get_ref(), ids.join(", ")),
        );
        false
    };
    for (id, spec) in &file.plans {
        let p = spec.get_ref();
        let field = |f: &str| format!("plans.{id}.{f}");
        let team = teams.iter().find(|t| t.id.0 == *id);
        if team.is_none() && id != DEFAULT_PLAN {
            let ids: Vec<String> = teams.iter().map(|t| t.id.to_string()).collect();
            cx.err(
                spec.span(),
                format!("plans.{id}"),
                format!("no team `{id}` in teams.toml (teams: {}; or `{DEFAULT_PLAN}`)", ids.join(", ")),
            );
            continue;
        }
        let tz = match (&p.time_zone, team) {
            (Some(z), _) => parse_tz(z.get_ref()).unwrap_or_else(|e| {
                cx.err(z.span(), field("time_zone"), e);
                chrono_tz::UTC
            }),
            (None, Some(t)) => t.tz,
            (None, None) => {
                cx.err(
                    spec.span(),
                    field("time_zone"),
                    "the default plan needs its clock: time_zone = \"Europe/Amsterdam\"",
                );
                chrono_tz::UTC
            }
        };
        let mut rota: Vec<(Slot, usize, Week)> = Vec::new();
        for slot in &p.rota {
            let s = slot.get_ref();
            let line = cx.line(slot.span());
            let interval =
                Interval::parse(s.hours.get_ref()).map_err(|e| cx.err(s.hours.span(), field("rota.hours"), e));
            let mut week = Week::default();
            if s.days.get_ref().is_empty() {
                cx.err(
                    s.days.span(),
                    field("rota.days"),
                    "no days: name at least one (mon … sun, weekdays, weekend, every)",
                );
            }
            for d in s.days.get_ref() {
                let name = d.get_ref().trim().to_lowercase();
                let days: Vec<usize> = match WEEKDAYS.iter().position(|w| *w == name) {
                    Some(i) => vec![i],
                    None => {
                        match DAY_GROUPS.iter().find(|(g, _)| *g == name) {
                            Some((_, ds)) => ds.to_vec(),
                            None => {
                                cx.err(
                                d.span(),
                                field("rota.days"),
                                format!("`{}` is not a day: mon, tue, wed, thu, fri, sat, sun, weekdays, weekend or every", d.get_ref()),
                            );
                                continue;
                            }
                        }
                    }
                };
                if let Ok(iv) = interval {
                    for day in days {
                        week.days[day].push(iv);
                    }
                }
            }
            if let Some(((da, a), (db, b))) = week.first_overlap() {
                cx.err(
                    slot.span(),
                    field("rota"),
                    format!("the slot overlaps itself: {} {} and {} {}", WEEKDAYS[da], show(a), WEEKDAYS[db], show(b)),
                );
            }
            for (other, other_line, other_week) in &rota {
                let mut both = other_week.clone();
                for (d, ivs) in week.days.iter().enumerate() {
                    both.days[d].extend(ivs.iter().copied());
                }
                if let Some(((da, a), (db, b))) = both.first_overlap() {
                    let _ = other;
                    cx.err(
                        slot.span(),
                        field("rota"),
                        format!(
                            "overlaps the slot at line {other_line}: {} {} and {} {} (one slot per moment: who is on call must be one answer)",
                            WEEKDAYS[da],
                            show(a),
                            WEEKDAYS[db],
                            show(b)
                        ),
                    );
                    break;
                }
            }
            let mut chain = Vec::new();
            for st in s.chain.get_ref() {
                let st_ref = st.get_ref();
                let minutes = *st_ref.ack_minutes.get_ref();
                if !(1..=24 * 60).contains(&minutes) {
                    cx.err(
                        st_ref.ack_minutes.span(),
                        field("rota.chain.ack_minutes"),
                        format!("`{minutes}`: minutes to acknowledge, from 1 to 1440"),
                    );
                }
                if known_contact(&mut cx, &st_ref.contact, field("rota.chain.contact")) {
                    chain.push(Step {
                        contact: st_ref.contact.get_ref().clone(),
                        ack_minutes: minutes.clamp(1, 1440) as u32,
                    });
                }
            }
            rota.push((Slot { week: week.clone(), chain }, line, week));
        }
        let positive = |cx: &mut FileCtx, v: &Option<S<i64>>, name: &str, min: i64, what: &str| -> Option<u32> {
            let v = v.as_ref()?;
            let n = *v.get_ref();
            if n < min || n > 100_000 {
                cx.err(v.span(), field(name), format!("`{n}`: {what}"));
                return None;
            }
            Some(n as u32)
        };
        let response_minutes = positive(
            &mut cx,
            &p.response_minutes,
            "response_minutes",
            1,
            "the minutes promised to the customer, 1 or more",
        );
        let repeat_writes = positive(
            &mut cx,
            &p.repeat_writes,
            "repeat_writes",
            2,
            "messages waiting for a person before the case escalates: 2 or more",
        );
        let pr = p.pr.as_ref().filter(|c| known_contact(&mut cx, c, field("pr"))).map(|c| c.get_ref().clone());
        let burst = p.burst.as_ref().and_then(|b| {
            let b = b.get_ref();
            let complaints =
                positive(&mut cx, &Some(b.complaints.clone()), "burst.complaints", 2, "2 complaints or more");
            let minutes = positive(&mut cx, &Some(b.minutes.clone()), "burst.minutes", 1, "1 minute or more");
            Some(Burst { complaints: complaints?, minutes: minutes? })
        });
        if burst.is_some() && pr.is_none() {
            cx.err(spec.span(), field("pr"), "a burst rule needs the contact its incident alert goes to: pr = \"…\"");
        }
        book.plans.push(Plan {
            id: id.clone(),
            tz,
            rota: rota.into_iter().map(|(s, _, _)| s).collect(),
            response_minutes,
            pr,
            repeat_writes,
            burst,
        });
    }
    book
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TeamId;

    fn team(id: &str) -> Team {
        Team {
            id: TeamId(id.into()),
            name: id.into(),
            tz: chrono_tz::Europe::Amsterdam,
            languages: vec![],
            week: Week::default(),
            holidays: vec![],
            closures: vec![],
        }
    }

    fn load_text(text: &str) -> (EscalationBook, Vec<String>) {
        let dir = std::env::temp_dir().join(format!("ah-esc-{}-{}", std::process::id(), text.len()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("escalation.toml"), text).unwrap();
        let mut errors = Vec::new();
        let book = load_with(&dir, &[team("benelux")], &mut errors, &|v| v == "SET_URL");
        let _ = std::fs::remove_dir_all(&dir);
        (book, errors.iter().map(|e| e.to_string().rsplit_once("escalation.toml").unwrap().1.to_string()).collect())
    }

    const CONTACTS: &str = r#"
[contacts.phone]
name = "On-call phone"
kind = "slack"
url_env = "SET_URL"

[contacts.manager]
kind = "json"
url_env = "UNSET_URL"
"#;

    #[test]
    fn a_plan_loads_with_its_rota_chain_and_rules() {
        let (book, errors) = load_text(&format!(
            "{CONTACTS}
[plans.default]
time_zone = \"Europe/Amsterdam\"
response_minutes = 60
pr = \"manager\"
repeat_writes = 3
burst = {{ complaints = 20, minutes = 10 }}

[[plans.default.rota]]
days = [\"weekend\"]
hours = \"00:00-24:00\"
chain = [{{ contact = \"phone\", ack_minutes = 15 }}, {{ contact = \"manager\", ack_minutes = 30 }}]

[[plans.benelux.rota]]
days = [\"fri\"]
hours = \"22:00-06:00\"
chain = []
"
        ));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(book.plans.len(), 2);
        let d = book.plans.iter().find(|p| p.id == DEFAULT_PLAN).unwrap();
        assert_eq!(d.rota[0].chain.len(), 2);
        assert_eq!(d.burst, Some(Burst { complaints: 20, minutes: 10 }));
        assert_eq!(
            book.plan("benelux").unwrap().tz,
            chrono_tz::Europe::Amsterdam,
            "a team's plan is on the team's clock"
        );
        assert!(book.contact("phone").unwrap().configured);
        assert!(!book.contact("manager").unwrap().configured);
        assert_eq!(book.contact("manager").unwrap().name, "manager");
    }

    #[test]
    fn overlapping_slots_an_unknown_team_and_a_url_in_the_file_are_named_with_their_line() {
        let (_, errors) = load_text(&format!(
            "{CONTACTS}
[contacts.leak]
kind = \"pager\"
url_env = \"https://hooks.example/secret\"

[[plans.default.rota]]
days = [\"sat\"]
hours = \"00:00-24:00\"
chain = [{{ contact = \"phone\", ack_minutes = 15 }}]

[[plans.default.rota]]
days = [\"fri\"]
hours = \"22:00-06:00\"
chain = [{{ contact = \"nobody-here\", ack_minutes = 0 }}]

[plans.nordics]
response_minutes = 30
"
        ));
        let all = errors.join("\n");
        assert!(all.contains(":12: contacts.leak.kind: `pager`: use slack or json"), "{all}");
        assert!(all.contains(":13: contacts.leak.url_env: this looks like a URL"), "{all}");
        assert!(!all.contains("secret"), "the value of a URL is never repeated: {all}");
        assert!(all.contains(":15: plans.default.time_zone: the default plan needs its clock"), "{all}");
        assert!(
            all.contains(":20: plans.default.rota: overlaps the slot at line 15: fri 22:00-06:00 and sat 00:00-24:00"),
            "{all}"
        );
        assert!(all.contains("plans.default.rota.chain.contact: no contact `nobody-here`"), "{all}");
        assert!(all.contains("plans.default.rota.chain.ack_minutes: `0`"), "{all}");
        assert!(
            all.contains(":25: plans.nordics: no team `nordics` in teams.toml (teams: benelux; or `default`)"),
            "{all}"
        );
    }
}

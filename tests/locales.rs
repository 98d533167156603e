//! The shipped locales: plural forms, per-message fallback to English, and
//! every locale rendering every reply the bot can send.

use std::sync::OnceLock;

use afterhours::domain::{ConversationView, Inbound, Kind, Lang, ReplyPlan};
use afterhours::engine::Engine;
use afterhours::i18n::render::{render, RenderContext};
use chrono::{DateTime, Utc};
use fluent_bundle::FluentArgs;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load_default().unwrap())
}

fn lang(s: &str) -> Lang {
    Lang::parse(s).unwrap()
}

fn in_hours(l: &str, n: i64) -> String {
    let mut a = FluentArgs::new();
    a.set("hours", n);
    engine().catalog.format_exact(lang(l), "in-hours", &a).unwrap()
}

#[test]
fn polish_and_russian_plurals_are_right_for_1_2_5_21_22() {
    let expect = [
        ("pl", [(1, "1 godzinę"), (2, "2 godziny"), (5, "5 godzin"), (21, "21 godzin"), (22, "22 godziny")]),
        ("ru", [(1, "1 час"), (2, "2 часа"), (5, "5 часов"), (21, "21 час"), (22, "22 часа")]),
    ];
    for (l, cases) in expect {
        for (n, words) in cases {
            let text = in_hours(l, n);
            assert!(text.ends_with(words), "{l} {n}: {text}");
        }
    }
    // The other "in N …" messages take the same forms.
    let expect = [
        ("pl", "in-minutes", "minutes", ["1 minutę", "2 minuty", "5 minut", "21 minut", "22 minuty"]),
        ("pl", "in-days", "days", ["1 dzień", "2 dni", "5 dni", "21 dni", "22 dni"]),
        ("ru", "in-minutes", "minutes", ["1 минуту", "2 минуты", "5 минут", "21 минуту", "22 минуты"]),
        ("ru", "in-days", "days", ["1 день", "2 дня", "5 дней", "21 день", "22 дня"]),
    ];
    for (l, id, var, words) in expect {
        for (n, words) in [1, 2, 5, 21, 22].into_iter().zip(words) {
            let mut a = FluentArgs::new();
            a.set(var, n);
            let text = engine().catalog.format_exact(lang(l), id, &a).unwrap();
            assert!(text.ends_with(words), "{l} {id} {n}: {text}");
        }
    }
    assert_eq!(in_hours("en", 1), "in about an hour");
    assert_eq!(in_hours("en", 7), "in about 7 hours");
}

#[test]
fn every_locale_renders_every_reply_without_raw_ids_or_placeholders() {
    let e = engine();
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-28T02:00:00+01:00").unwrap().with_timezone(&Utc);
    let mut plans: Vec<ReplyPlan> = [Kind::Complaint, Kind::Urgent, Kind::Question, Kind::Greeting, Kind::Other]
        .into_iter()
        .map(ReplyPlan::Acknowledge)
        .collect();
    plans.extend([Kind::Complaint, Kind::Urgent, Kind::Question].into_iter().map(ReplyPlan::WriteAgain));
    plans.push(ReplyPlan::Thanks);
    // The on-call promise: within the hour, in whole hours, in minutes.
    plans.extend([60, 120, 30, 45].map(|minutes| ReplyPlan::OnCall { minutes }));
    for i in &e.playbook.intents {
        for write_again in [false, true] {
            let (intent, message) = (i.id.clone(), i.answer.clone());
            plans.push(ReplyPlan::Answer { intent, message, back_note: !i.handoff, write_again });
        }
    }
    for l in e.playbook.langs() {
        let analysis = e
            .handle(
                &Inbound { text: "x".into(), forced_lang: Some(l), ..Inbound::default() },
                &ConversationView::default(),
                at,
            )
            .analysis;
        let schedule = e.schedule(l, analysis.customer_tz, analysis.availability.as_ref(), at);
        for open_now in [false, true] {
            for plan in &plans {
                let ctx = RenderContext {
                    lang: l,
                    name: Some("Anna"),
                    now: at,
                    customer_tz: analysis.customer_tz,
                    availability: analysis.availability.as_ref(),
                    open_now,
                    contact: Some("help@northwind.example"),
                    schedule: Some(&schedule),
                    payment_methods: &[],
                    upset: false,
                };
                let text = render(&e.catalog, plan, &ctx).text;
                assert!(!text.contains('{') && !text.contains('}') && !text.contains('$'), "{l} {plan:?}: {text}");
                let raw_id = afterhours::i18n::render::USED_MESSAGES
                    .iter()
                    .copied()
                    .chain(e.playbook.intents.iter().map(|i| i.answer.as_str()))
                    .find(|id| id.contains('-') && text.contains(*id));
                assert!(raw_id.is_none(), "{l} {plan:?}: raw message id {raw_id:?} in {text}");
                assert!(text.contains("Anna"), "{l} {plan:?}: the name is missing: {text}");
                if matches!(plan, ReplyPlan::WriteAgain(_) | ReplyPlan::Answer { write_again: true, .. }) {
                    assert!(text.contains("help@northwind.example"), "{l}: the page's contact is missing: {text}");
                }
                if let ReplyPlan::OnCall { minutes } = plan {
                    let said = if minutes % 60 == 0 { minutes / 60 } else { *minutes };
                    assert!(
                        *minutes == 60 && !text.contains("60") || text.contains(&said.to_string()),
                        "{l}: the on-call response time ({minutes} min) is not said right: {text}"
                    );
                }
                assert!(text.contains('🤖'), "{l} {plan:?}: the label is missing: {text}");
                assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'), "{l}: isolation marks in {text}");
            }
        }
    }
}

#[test]
fn a_message_missing_from_a_locale_falls_back_to_english_alone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for sub in ["flows", "locales"] {
        let status = std::process::Command::new("cp").arg("-r").arg(root.join(sub)).arg(dir.path()).status().unwrap();
        assert!(status.success());
    }
    let nl = dir.path().join("locales/nl/main.ftl");
    let src = std::fs::read_to_string(&nl).unwrap();
    let kept: Vec<&str> = src.lines().filter(|l| !l.starts_with("thanks-praise")).collect();
    std::fs::write(&nl, kept.join("\n")).unwrap();
    let e = Engine::load(&dir.path().join("flows"), &dir.path().join("locales")).unwrap();
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-28T02:00:00+01:00").unwrap().with_timezone(&Utc);
    let o = e.handle(
        &Inbound { text: "super service, bedankt!".into(), forced_lang: Some(lang("nl")), ..Inbound::default() },
        &ConversationView::default(),
        at,
    );
    let text = &o.replies[0].text;
    assert!(text.contains("Thank you so much"), "{text}");
    assert!(text.contains("Automatisch bericht"), "the Dutch label stays Dutch: {text}");
}

//! Deciding and rendering one message: the whole core path a webhook worker
//! runs per customer message, against the language detectors alone as
//! baselines in the same run.

use std::hint::black_box;

use afterhours::domain::text::tokenize;
use afterhours::domain::{ConversationView, Inbound, LanguageHints, Strategy};
use afterhours::engine::Engine;
use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};

const MESSAGES: [&str; 8] = [
    "waar blijft mijn pakket?? al 2 weken niks gehoord",
    "hej, jeg har stadig ikke modtaget min pakke",
    "great service, 3 weeks and still nothing 👏",
    "można zapłacić blikiem?",
    "здравствуйте, мой заказ до сих пор не пришёл",
    "la lampada è arrivata rotta",
    "hola",
    "Boost your page with 10k followers! Click here: https://x.example",
];

fn bench(c: &mut Criterion) {
    let engine = Engine::load_default().expect("shipped flows and locales");
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-28T02:00:00+01:00").unwrap().with_timezone(&Utc);
    engine.warm_up(at);
    let inbounds: Vec<Inbound> =
        MESSAGES.iter().map(|t| Inbound { text: t.to_string(), ..Inbound::default() }).collect();
    let convo = ConversationView::default();

    let mut g = c.benchmark_group("per message (8 mixed DMs)");
    g.bench_function("decide + render (shipped)", |b| {
        b.iter(|| {
            for m in &inbounds {
                black_box(engine.handle(black_box(m), &convo, at));
            }
        })
    });
    for (name, strategy) in [
        ("language only: combined (shipped)", Strategy::Combined),
        ("language only: whatlang baseline", Strategy::WhatlangOnly),
        ("language only: lingua's models alone (our scorer)", Strategy::LinguaOnly),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for m in &inbounds {
                    let words = tokenize(&m.text).word_count;
                    black_box(engine.detector.detect(&m.text, words, LanguageHints::default(), strategy, &|| {
                        afterhours::domain::language::WordEvidence::NONE
                    }));
                }
            })
        });
    }
    // The lingua crate itself over the same 13 models: what our scorer replaces.
    let languages: Vec<lingua::Language> = afterhours::domain::ngrams::MODELED
        .iter()
        .map(|m| lingua::Language::from_iso_code_639_3(&m.code3().parse().expect("lingua knows our codes")))
        .collect();
    let lingua = lingua::LanguageDetectorBuilder::from_languages(&languages).with_preloaded_language_models().build();
    g.bench_function("language only: the lingua crate, same models", |b| {
        b.iter(|| {
            for m in &inbounds {
                black_box(lingua.compute_language_confidence_values(black_box(m.text.as_str())));
            }
        })
    });
    g.bench_function("next availability only", |b| {
        let en = afterhours::domain::Lang::parse("en").unwrap();
        b.iter(|| {
            for l in engine.playbook.langs() {
                black_box(afterhours::domain::next_available(&engine.playbook.teams, l, en, at));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

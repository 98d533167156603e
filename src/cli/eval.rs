//! `afterhours eval`: score the core on a labelled corpus of DMs.
//!
//! Each line: `{"text": "...", "lang": "nl", "kind": "complaint", "intent": "order_status"|null}`,
//! optionally with `"class": "sarcasm"` (a hard case the corpus gathers: the
//! figures are then also reported per class).
//! Messages are read at an instant when every team is closed, so every reply
//! path that needs words is rendered. Every DM in production arrives on a
//! page, and every page names its market language, a hint `serve` gives the
//! detector: a line of `<lang>.jsonl` that names no `market` is read as a DM
//! to the page of the `<lang>` market (`--market file`, the default), or with
//! no page hint at all (`--market none`, the hardest case).
//! A line may say what a real conversation would tell the detector:
//! `"market": "de"` (the market language of the page written to, given as a
//! page gives it) and `"conversation": "ru"` (the conversation's language so
//! far); `lang` is then the language the reply must be in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use serde::Deserialize;

use super::ContentArgs;
use crate::domain::text::tokenize;
use crate::domain::{ConversationView, Inbound, Kind, Lang, LanguageHints, Strategy};
use crate::i18n::thanks::thanks_in;
use crate::i18n::when::back_time;

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// A JSON-lines file, or a directory of `*.jsonl` files.
    pub path: PathBuf,
    /// The instant to evaluate at (default: Saturday 2026-11-28 02:00 CET, all teams closed).
    #[arg(long, default_value = "2026-11-28T02:00:00+01:00")]
    pub at: String,
    /// Also measure whatlang alone, lingua alone, and detection with a correct hint.
    #[arg(long)]
    pub compare: bool,
    /// Print every message the core got wrong.
    #[arg(long)]
    pub errors: bool,
    /// The page's market for a line that names none: the market of the
    /// file's language (`de.jsonl`: a page of the German market), or none.
    #[arg(long, value_enum, default_value_t = MarketOfLine::File)]
    pub market: MarketOfLine,
    #[command(flatten)]
    pub content: ContentArgs,
}

/// Where a corpus line's page market comes from when the line names none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MarketOfLine {
    /// The language of the file's name (`sv.jsonl`: the Swedish market's page).
    File,
    /// No page hint: a page that names no market language.
    None,
}

/// The market language a file's name gives (`tests/data/dms/sv.jsonl`: sv).
fn market_of_file(file: &str) -> Option<Lang> {
    Path::new(file).file_stem().and_then(|s| s.to_str()).and_then(|s| Lang::parse(s).ok())
}

#[derive(Debug, Deserialize)]
struct Labelled {
    text: String,
    lang: String,
    kind: String,
    intent: Option<String>,
    /// The hard case the message stands for (`sarcasm`, `closer`, …).
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    market: Option<String>,
    #[serde(default)]
    conversation: Option<String>,
}

/// A hint field of a corpus line, checked like the labels.
fn hint(file: &str, line: usize, field: &str, value: &Option<String>) -> anyhow::Result<Option<Lang>> {
    value
        .as_deref()
        .map(|v| Lang::parse(v).map_err(|e| anyhow::anyhow!("{file}:{line}: {field}: `{v}`: {e}")))
        .transpose()
}

/// Word-count buckets of the language accuracy by length.
const LENGTHS: [(&str, usize, usize); 4] =
    [("1 word", 1, 1), ("2 words", 2, 2), ("3-4 words", 3, 4), ("5+ words", 5, usize::MAX)];

fn read_corpus(path: &Path) -> anyhow::Result<Vec<(String, usize, Labelled)>> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut f: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("reading {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        f.sort();
        f
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = Vec::new();
    for file in files {
        let src = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        for (i, line) in src.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let l: Labelled = serde_json::from_str(line).with_context(|| format!("{}:{}", file.display(), i + 1))?;
            if Kind::parse(&l.kind).is_none() {
                anyhow::bail!("{}:{}: unknown kind `{}`", file.display(), i + 1, l.kind);
            }
            out.push((file.display().to_string(), i + 1, l));
        }
    }
    Ok(out)
}

#[derive(Default, Debug, Clone, Copy)]
struct Ratio {
    hit: usize,
    all: usize,
}

impl Ratio {
    fn add(&mut self, ok: bool) {
        self.all += 1;
        self.hit += ok as usize;
    }
    fn pct(&self) -> String {
        if self.all == 0 {
            "   -  ".into()
        } else {
            format!("{:5.1}%", 100.0 * self.hit as f64 / self.all as f64)
        }
    }
    fn show(&self) -> String {
        format!("{} ({}/{})", self.pct(), self.hit, self.all)
    }
}

#[derive(Default, Debug)]
struct Scores {
    lang_long: Ratio,
    lang_short: Ratio,
    /// Per bucket of [`LENGTHS`].
    lang_by_length: [Ratio; 4],
    /// Lines asking for a person in one or two words (the label's keyword):
    /// read as `talk_to_human` and handed to a person.
    keyword: Ratio,
    kind: Ratio,
    complaint_recall: Ratio,
    complaint_or_urgent_recall: Ratio,
    intent: Ratio,
    tz: Ratio,
    spam_false: usize,
    thanked_complainants: usize,
    /// Messages labelled `other` that were read as praise or thanked.
    closers_praised: usize,
    /// Replies of a handed-off message that state when a person is back.
    handoff_time: Ratio,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let engine = args.content.load()?;
    let corpus = read_corpus(&args.path)?;
    let at = super::preview::parse_at(Some(&args.at))?;
    let mut total = Scores::default();
    let mut per_lang: BTreeMap<String, Scores> = BTreeMap::new();
    let mut per_class: BTreeMap<String, Scores> = BTreeMap::new();
    let mut compare: BTreeMap<&str, (Ratio, Ratio)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (file, line, l) in &corpus {
        let market = match hint(file, *line, "market", &l.market)? {
            Some(m) => Some(m),
            None if args.market == MarketOfLine::File => market_of_file(file),
            None => None,
        };
        let inbound = Inbound { text: l.text.clone(), lang_hint: market, ..Inbound::default() };
        let convo =
            ConversationView { language: hint(file, *line, "conversation", &l.conversation)?, ..Default::default() };
        let outcome = engine.handle(&inbound, &convo, at);
        let a = &outcome.analysis;
        let words = tokenize(&l.text).word_count;
        let long = words >= 3;
        let lang_ok = a.language.lang.as_str() == l.lang;
        let kind = a.kind.as_str();
        let intent = a.intent.as_ref().map(|i| i.id.0.as_str());
        let is_complaint = l.kind == "complaint";
        let expected_tz = Lang::parse(&l.lang).ok().map(|x| engine.playbook.typical_time_zone(x));
        let thanked: Vec<String> = if matches!(l.kind.as_str(), "complaint" | "urgent") {
            outcome.replies.iter().flat_map(|r| thanks_in(&l.lang, &r.text)).collect()
        } else {
            vec![]
        };
        let closer_praised = l.class.as_deref() == Some("closer")
            && (kind == "praise" || outcome.decision.reply == Some(crate::domain::ReplyPlan::Thanks));
        // A handed-off customer is told when a person is back, in words.
        let back = back_time(&engine.catalog, a.language.lang, a.availability.as_ref(), a.at, a.customer_tz).phrase;
        let handoff_time: Vec<bool> = if outcome.decision.handoff {
            outcome.replies.iter().map(|r| r.text.contains(back.trim())).collect()
        } else {
            vec![]
        };
        let mut scopes = vec![&mut total, per_lang.entry(l.lang.clone()).or_default()];
        if let Some(class) = &l.class {
            scopes.push(per_class.entry(class.clone()).or_default());
        }
        for s in scopes {
            if long {
                s.lang_long.add(lang_ok);
            } else {
                s.lang_short.add(lang_ok);
            }
            if let Some(b) = LENGTHS.iter().position(|(_, lo, hi)| (*lo..=*hi).contains(&words)) {
                s.lang_by_length[b].add(lang_ok);
            }
            if words <= 2 && l.intent.as_deref() == Some("talk_to_human") {
                s.keyword.add(intent == Some("talk_to_human") && outcome.decision.handoff);
            }
            s.kind.add(kind == l.kind);
            if is_complaint {
                s.complaint_recall.add(kind == "complaint");
                s.complaint_or_urgent_recall.add(kind == "complaint" || kind == "urgent");
            }
            s.intent.add(intent == l.intent.as_deref());
            if l.lang != "en" {
                s.tz.add(Some(a.customer_tz) == expected_tz);
            }
            if kind == "spam" && l.kind != "spam" {
                s.spam_false += 1;
            }
            if !thanked.is_empty() {
                s.thanked_complainants += 1;
            }
            if closer_praised {
                s.closers_praised += 1;
            }
            for ok in &handoff_time {
                s.handoff_time.add(*ok);
            }
        }
        if args.compare {
            let truth = Lang::parse(&l.lang).ok();
            for (name, strategy, hints) in [
                ("whatlang only", Strategy::WhatlangOnly, LanguageHints::default()),
                ("lingua only", Strategy::LinguaOnly, LanguageHints::default()),
                ("combined (shipped)", Strategy::Combined, LanguageHints::default()),
                (
                    "combined + correct market hint",
                    Strategy::Combined,
                    LanguageHints { market: truth, ..Default::default() },
                ),
                (
                    "combined + wrong market hint (en)",
                    Strategy::Combined,
                    LanguageHints { market: Lang::parse("en").ok(), ..Default::default() },
                ),
            ] {
                let tokens = tokenize(&l.text);
                let evidence = || engine.playbook.lexicon.evidence(&tokens.words);
                let d = engine.detector.detect(&l.text, words, hints, strategy, &evidence);
                let e = compare.entry(name).or_default();
                if long {
                    e.0.add(d.lang.as_str() == l.lang);
                } else {
                    e.1.add(d.lang.as_str() == l.lang);
                }
            }
        }
        let wrong = !lang_ok
            || kind != l.kind
            || intent != l.intent.as_deref()
            || !thanked.is_empty()
            || handoff_time.contains(&false);
        if args.errors && wrong {
            errors.push(format!(
                "{file}:{line}: {:?}\n    expected {} {} {}  got {} {} {}{}",
                l.text,
                l.lang,
                l.kind,
                l.intent.as_deref().unwrap_or("-"),
                a.language.lang,
                kind,
                intent.unwrap_or("-"),
                if thanked.is_empty() { String::new() } else { format!("  THANKED: {thanked:?}") }
            ));
            if handoff_time.contains(&false) {
                errors.push("    handed off, but the reply does not say when a person is back".to_string());
            }
        }
    }

    println!("afterhours eval: {} messages from {}", corpus.len(), args.path.display());
    println!(
        "page market of a line that names none: {}\n",
        match args.market {
            MarketOfLine::File => "the file's language (--market file)",
            MarketOfLine::None => "none (--market none)",
        }
    );
    println!("language accuracy, 3+ words     {}", total.lang_long.show());
    println!("language accuracy, 1-2 words    {}", total.lang_short.show());
    println!("kind accuracy                   {}", total.kind.show());
    println!("complaint recall                {}", total.complaint_recall.show());
    println!("complaint recall (or urgent)    {}", total.complaint_or_urgent_recall.show());
    println!("intent accuracy                 {}", total.intent.show());
    println!("time zone right (non-English)   {}", total.tz.show());
    println!("keyword for a person handled    {}", total.keyword.show());
    println!("real messages marked spam       {}", total.spam_false);
    println!("complainants thanked            {}", total.thanked_complainants);
    println!("closers answered as praise      {}", total.closers_praised);
    println!("handoff replies with the time   {}", total.handoff_time.show());
    println!("\nper language   lang3+   lang1-2  kind     intent   complaint-recall  spam-fp  thanked");
    for (lang, s) in &per_lang {
        println!(
            "  {lang:<11} {}   {}   {}   {}   {}            {:<7}  {}",
            s.lang_long.pct(),
            s.lang_short.pct(),
            s.kind.pct(),
            s.intent.pct(),
            s.complaint_recall.pct(),
            s.spam_false,
            s.thanked_complainants
        );
    }
    if !per_class.is_empty() {
        println!("\nper class         n    kind     intent   complaint-recall  thanked  closers-praised  handoff-time");
        for (class, s) in &per_class {
            println!(
                "  {class:<15} {:<4} {}   {}   {}            {:<7}  {:<15}  {}",
                s.kind.all,
                s.kind.pct(),
                s.intent.pct(),
                s.complaint_recall.pct(),
                s.thanked_complainants,
                s.closers_praised,
                s.handoff_time.pct()
            );
        }
    }
    println!("\nlanguage by length              {}", LENGTHS.map(|b| format!("{:<10}", b.0)).join(" "));
    println!("  all                           {}", total.lang_by_length.map(|r| format!("{:<10}", r.pct())).join(" "));
    for (lang, s) in &per_lang {
        println!("  {lang:<29} {}", s.lang_by_length.map(|r| format!("{:<10}", r.pct())).join(" "));
    }
    if args.compare {
        println!("\nlanguage detectors compared        3+ words          1-2 words");
        for (name, (long, short)) in &compare {
            println!("  {name:<34} {:<17} {}", long.show(), short.show());
        }
    }
    if args.errors && !errors.is_empty() {
        println!("\nwrong:");
        for e in &errors {
            println!("{e}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

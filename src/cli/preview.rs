//! `afterhours preview`: run the core on one message, or a batch of JSON
//! lines, at a chosen instant, and print exactly what the customer receives.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::ContentArgs;
use crate::domain::{ConversationView, Inbound, Lang, Window};
use crate::engine::{Engine, Outcome};
use crate::i18n::render::RenderedReply;

#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// The customer's message.
    #[arg(long, required_unless_present = "batch")]
    pub text: Option<String>,
    /// When the message arrives (RFC 3339, e.g. 2026-11-28T02:00:00+01:00); default now.
    #[arg(long)]
    pub at: Option<String>,
    /// The customer's IANA time zone, when known; otherwise inferred from the language.
    #[arg(long)]
    pub tz: Option<String>,
    /// The customer's name (the first name is used).
    #[arg(long)]
    pub name: Option<String>,
    /// A hint for the language, as the page's market language would give.
    #[arg(long)]
    pub lang_hint: Option<String>,
    /// Force the reply language (skips detection), e.g. to review a locale.
    #[arg(long)]
    pub lang: Option<String>,
    /// The page / account id written to (its market language is a hint).
    #[arg(long)]
    pub page: Option<String>,
    /// Print the result as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Read JSON lines {"text", "at", "tz", "name", "lang_hint", "lang", "page"} from
    /// stdin and write one JSON result per line, in order.
    #[arg(long, conflicts_with = "text")]
    pub batch: bool,
    #[command(flatten)]
    pub content: ContentArgs,
}

/// One line of `--batch` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    text: String,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    tz: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    lang_hint: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

/// The stable JSON contract of `preview --json` and `--batch` (see README).
#[derive(Debug, Serialize)]
pub struct PreviewJson<'a> {
    pub language: String,
    pub language_confidence: f64,
    pub kind: &'static str,
    pub intent: Option<String>,
    pub customer_time_zone: &'a str,
    pub open_now: bool,
    pub team: Option<String>,
    pub next_available: Option<String>,
    pub replies: &'a [RenderedReply],
    pub handoff: bool,
}

pub fn to_json(o: &Outcome) -> PreviewJson<'_> {
    let a = &o.analysis;
    PreviewJson {
        language: a.language.lang.to_string(),
        language_confidence: (a.language.confidence * 100.0).round() / 100.0,
        kind: a.kind.as_str(),
        intent: a.intent.as_ref().map(|i| i.id.0.clone()),
        customer_time_zone: a.customer_tz.name(),
        open_now: a.open_now,
        team: a.team.as_ref().map(|t| t.0.clone()),
        next_available: if a.open_now {
            None
        } else {
            a.availability.as_ref().map(|v| v.at.with_timezone(&a.customer_tz).to_rfc3339())
        },
        replies: &o.replies,
        handoff: o.decision.handoff,
    }
}

pub fn parse_at(s: Option<&str>) -> anyhow::Result<DateTime<Utc>> {
    match s {
        None => Ok(Utc::now()),
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .with_context(|| format!("`at`: `{s}` is not an RFC 3339 time such as 2026-11-28T02:00:00+01:00")),
    }
}

pub fn parse_tz(s: Option<&str>) -> anyhow::Result<Option<Tz>> {
    s.map(|s| {
        s.parse::<Tz>()
            .map_err(|_| anyhow::anyhow!("`tz`: unknown time zone `{s}` (use an IANA name such as Europe/Amsterdam)"))
    })
    .transpose()
}

fn parse_lang(field: &str, s: Option<&str>, engine: &Engine) -> anyhow::Result<Option<Lang>> {
    let Some(s) = s else { return Ok(None) };
    let lang = Lang::parse(s).map_err(|e| anyhow::anyhow!("`{field}`: {e}"))?;
    if engine.playbook.language(lang).is_none() {
        anyhow::bail!(
            "`{field}`: `{lang}` is not a configured language (configured: {})",
            engine.playbook.langs().iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(Some(lang))
}

struct Request<'a> {
    text: &'a str,
    at: Option<&'a str>,
    tz: Option<&'a str>,
    name: Option<&'a str>,
    lang_hint: Option<&'a str>,
    lang: Option<&'a str>,
    page: Option<&'a str>,
}

fn handle(engine: &Engine, r: Request<'_>) -> anyhow::Result<Outcome> {
    let inbound = Inbound {
        text: r.text.to_string(),
        page_id: r.page.map(str::to_string),
        customer_tz: parse_tz(r.tz)?,
        customer_name: r.name.map(str::to_string),
        forced_lang: parse_lang("lang", r.lang, engine)?,
        lang_hint: parse_lang("lang_hint", r.lang_hint, engine)?,
        has_attachment: false,
        window: None,
        whatsapp: false,
    };
    let at = parse_at(r.at)?;
    // A page whose channel flows/pages.toml names: the window its message opens.
    let platform = r.page.and_then(|p| engine.playbook.pages.get(p)).and_then(|p| p.platform);
    let window = r.page.zip(platform).map(|(p, pl)| Window::after(at, engine.playbook.window_rules(p, pl)));
    let inbound = Inbound { window, ..inbound };
    Ok(engine.handle(&inbound, &ConversationView::default(), at))
}

pub fn run(args: PreviewArgs) -> anyhow::Result<ExitCode> {
    let engine = args.content.load()?;
    if args.batch {
        return run_batch(&engine);
    }
    let text = args.text.as_deref().unwrap_or_default();
    let outcome = handle(
        &engine,
        Request {
            text,
            at: args.at.as_deref(),
            tz: args.tz.as_deref(),
            name: args.name.as_deref(),
            lang_hint: args.lang_hint.as_deref(),
            lang: args.lang.as_deref(),
            page: args.page.as_deref(),
        },
    )?;
    if args.json {
        println!("{}", serde_json::to_string(&to_json(&outcome))?);
    } else {
        print!("{}", human(&engine, &outcome));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_batch(engine: &Engine) -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for (n, line) in stdin.lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let result = serde_json::from_str::<BatchLine>(&line).map_err(|e| anyhow::anyhow!("{e}")).and_then(|b| {
            handle(
                engine,
                Request {
                    text: &b.text,
                    at: b.at.as_deref(),
                    tz: b.tz.as_deref(),
                    name: b.name.as_deref(),
                    lang_hint: b.lang_hint.as_deref(),
                    lang: b.lang.as_deref(),
                    page: b.page.as_deref(),
                },
            )
        });
        match result {
            Ok(o) => serde_json::to_writer(&mut out, &to_json(&o))?,
            Err(e) => {
                failed += 1;
                let msg = format!("line {}: {e:#}", n + 1);
                eprintln!("preview --batch: {msg}");
                serde_json::to_writer(&mut out, &serde_json::json!({ "error": msg }))?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Who an urgent message outside hours would alert (`flows/escalation.toml`).
fn on_call(engine: &Engine, a: &crate::domain::Analysis) -> String {
    let book = &engine.playbook.escalation;
    let team = a.team.as_ref().map(|t| t.0.as_str()).unwrap_or_default();
    let Some(plan) = book.plan(team) else { return "no escalation plan".into() };
    let Some(chain) = plan.on_call(a.at) else { return format!("nobody (plan {}): no alert", plan.id) };
    let steps: Vec<String> = chain
        .iter()
        .map(|s| match book.contact(&s.contact) {
            Some(c) if c.configured => format!("{} ({} min)", c.name, s.ack_minutes),
            Some(c) => format!("{} ({} min; {} not set)", c.name, s.ack_minutes, c.url_env),
            None => s.contact.clone(),
        })
        .collect();
    format!("{} (plan {})", steps.join(" → "), plan.id)
}

/// The human-readable form: what was understood, what was decided, and the
/// reply exactly as the customer would see it.
pub fn human(engine: &Engine, o: &Outcome) -> String {
    let a = &o.analysis;
    let d = &o.decision;
    let fmt_local = |t: DateTime<Utc>, tz: Tz| t.with_timezone(&tz).format("%a %d %b %Y %H:%M %Z").to_string();
    let mut s = String::new();
    let lang_name = engine.playbook.language(a.language.lang).map(|l| l.name.as_str()).unwrap_or("");
    s += &format!(
        "language      {} {} (confidence {:.2}, {:?})\n",
        a.language.lang, lang_name, a.language.confidence, a.language.source
    );
    s += &format!("kind          {}\n", a.kind.as_str());
    if !a.signals.hits.is_empty() {
        let hits: Vec<String> = a.signals.hits.iter().map(|(l, e)| format!("{}: {e}", l.name())).collect();
        s += &format!("matched       {}\n", hits.join(" · "));
    }
    s += &format!(
        "intent        {}\n",
        a.intent.as_ref().map(|i| format!("{} (score {})", i.id, i.score)).unwrap_or("none".into())
    );
    s += &format!(
        "customer      {} ({}), local time {}\n",
        a.customer_tz.name(),
        match a.tz_source {
            crate::domain::TzSource::Given => "given",
            crate::domain::TzSource::Language => "typical for the language",
            crate::domain::TzSource::Page => "the page's market",
        },
        fmt_local(a.at, a.customer_tz)
    );
    match (&a.availability, a.open_now) {
        (Some(v), true) => s += &format!("open now      yes: team {}\n", v.team),
        (Some(v), false) => {
            s += &format!(
                "open now      no: next available {} (team {}: {})\n",
                fmt_local(v.at, a.customer_tz),
                v.team,
                fmt_local(v.at, v.team_tz)
            )
        }
        (None, _) => s += "open now      no: no team is scheduled in the coming months\n",
    }
    s += &format!(
        "handoff       {}\n",
        if d.handoff { format!("yes, priority {:?}", d.priority).to_lowercase() } else { "no".into() }
    );
    if a.kind == crate::domain::Kind::Urgent && !a.open_now {
        s += &format!("on call       {}\n", on_call(engine, a));
    }
    s += &format!("decision      {}\n", d.reason);
    if o.replies.is_empty() {
        s += "\n(no reply)\n";
    }
    for r in &o.replies {
        s += "\n--- reply (automated) ---\n";
        s += &r.text;
        s += "\n-------------------------\n";
    }
    s
}

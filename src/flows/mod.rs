//! The `flows/` directory: languages, teams, pages, intents and word lists,
//! read from human-edited TOML and checked into a [`Playbook`].
//!
//! Every problem is reported as `file:line: field: reason`, all of them at
//! once, so a care lead fixing a schedule sees everything in one go.

mod escalation;
mod replies;
pub mod schema;
mod templates;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::de::DeserializeOwned;

use crate::domain::calendar::{parse_weekday, Move};
use crate::domain::keyword::LabelKeywords;
use crate::domain::paid_replies::WhatsappReplies;
use crate::domain::templates::REOPENING_PURPOSE;
use crate::domain::CommentSettings;
use crate::domain::{
    Closure, DateRule, DayPart, Holiday, Intent, IntentId, IntentWords, Interval, Lang, LangWords, Language, Lexicon,
    List, Page, Pattern, PatternSet, Platform, Playbook, Team, TeamId, Week,
};
use crate::i18n::line_col;
use schema::*;

/// One problem in a flows file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowsError {
    pub file: PathBuf,
    /// 1-based; `None` when the whole file is at fault (missing).
    pub line: Option<usize>,
    /// The dotted path of the field (`teams.benelux.time_zone`).
    pub field: String,
    pub reason: String,
}

impl fmt::Display for FlowsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for FlowsError {}

/// A whole list of problems, printed one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowsErrors(pub Vec<FlowsError>);

impl fmt::Display for FlowsErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FlowsErrors {}

/// An intent's answer message, to be checked against the locales.
#[derive(Debug, Clone)]
pub struct AnswerRef {
    pub intent: IntentId,
    pub message: String,
    pub file: PathBuf,
    pub line: usize,
}

/// What loading produced: the playbook and the references to check later.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub playbook: Playbook,
    pub answers: Vec<AnswerRef>,
    /// Languages without a `flows/words/<lang>.toml` (the bot can answer in
    /// them but understands them only through the borrowed English words).
    pub languages_without_words: Vec<Lang>,
}

/// Collects errors for one file and turns spans into lines.
struct FileCtx<'a> {
    path: PathBuf,
    src: String,
    errors: &'a mut Vec<FlowsError>,
}

impl FileCtx<'_> {
    fn err(&mut self, span: std::ops::Range<usize>, field: impl Into<String>, reason: impl Into<String>) {
        let (line, _) = line_col(&self.src, span.start);
        self.errors.push(FlowsError {
            file: self.path.clone(),
            line: Some(line),
            field: field.into(),
            reason: reason.into(),
        });
    }

    fn line(&self, span: std::ops::Range<usize>) -> usize {
        line_col(&self.src, span.start).0
    }
}

fn read<T: DeserializeOwned>(path: &Path, errors: &mut Vec<FlowsError>, required: bool) -> Option<(T, String)> {
    let src = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            errors.push(FlowsError {
                file: path.to_path_buf(),
                line: None,
                field: String::new(),
                reason: format!("cannot read: {e}"),
            });
            return None;
        }
    };
    match toml::from_str::<T>(&src) {
        Ok(v) => Some((v, src)),
        Err(e) => {
            let line = e.span().map(|s| line_col(&src, s.start).0);
            errors.push(FlowsError {
                file: path.to_path_buf(),
                line,
                field: String::new(),
                reason: e.message().trim().to_string(),
            });
            None
        }
    }
}

fn parse_tz(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| format!("unknown time zone `{name}` (use an IANA name such as Europe/Amsterdam)"))
}

/// The most public replies per post and hour a page may allow.
const MAX_PUBLIC_REPLIES_PER_POST_HOUR: i64 = 60;

/// A page's comment settings, checked: none on a WhatsApp number (it has no
/// posts), a per-post cap from 1 to [`MAX_PUBLIC_REPLIES_PER_POST_HOUR`].
fn page_comments(cx: &mut FileCtx<'_>, id: &str, spec: &PageSpec, platform: Option<Platform>) -> CommentSettings {
    let field = |f: &str| format!("pages.{id}.{f}");
    let mut settings = CommentSettings::default();
    let flags =
        [("comments", &spec.comments), ("public_replies", &spec.public_replies), ("hide_spam", &spec.hide_spam)];
    for (name, flag) in flags {
        let Some(flag) = flag else { continue };
        if platform == Some(Platform::Whatsapp) && *flag.get_ref() {
            cx.err(flag.span(), field(name), "`true` on a WhatsApp number, which has no posts to comment on");
            continue;
        }
        match name {
            "comments" => settings.enabled = *flag.get_ref(),
            "public_replies" => settings.public_replies = *flag.get_ref(),
            _ => settings.hide_spam = *flag.get_ref(),
        }
    }
    if let Some(cap) = &spec.public_replies_per_post_hour {
        match u32::try_from(*cap.get_ref()) {
            Ok(n) if (1..=MAX_PUBLIC_REPLIES_PER_POST_HOUR).contains(cap.get_ref()) => settings.per_post_per_hour = n,
            _ => cx.err(
                cap.span(),
                field("public_replies_per_post_hour"),
                format!("`{}`: a number from 1 to {MAX_PUBLIC_REPLIES_PER_POST_HOUR}", cap.get_ref()),
            ),
        }
    }
    if platform == Some(Platform::Whatsapp) {
        settings.enabled = false;
    }
    settings
}

/// The longest contact a page may offer (it is quoted in a chat message).
const CONTACT_MAX_CHARS: usize = 100;

/// A page's reply-window settings, checked: `HUMAN_AGENT` only on a
/// Messenger or Instagram page that says which it is, templates only on a
/// WhatsApp number, a contact on one short line.
fn page_reach(cx: &mut FileCtx<'_>, id: &str, spec: &PageSpec) -> (Option<Platform>, bool, bool, Option<String>) {
    let field = |f: &str| format!("pages.{id}.{f}");
    let platform = match &spec.channel {
        Some(c) => match Platform::parse(c.get_ref()) {
            Some(p) => Some(p),
            None => {
                cx.err(
                    c.span(),
                    field("channel"),
                    format!("unknown channel `{}` (messenger, instagram or whatsapp)", c.get_ref()),
                );
                None
            }
        },
        None => None,
    };
    let mut human_agent = false;
    if let Some(h) = spec.human_agent.as_ref().filter(|h| *h.get_ref()) {
        let is_meta_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_digit());
        match platform {
            _ if !is_meta_id => cx.err(
                h.span(),
                field("human_agent"),
                format!("`true` for `{id}`, which is not a Page or Instagram account id (digits, as Meta sends them)"),
            ),
            Some(Platform::Whatsapp) => cx.err(
                h.span(),
                field("human_agent"),
                "`true` on a WhatsApp number: HUMAN_AGENT exists only on Messenger and Instagram",
            ),
            None => cx.err(
                h.span(),
                field("human_agent"),
                "`true` on a page whose channel is unknown: add channel = \"messenger\" or \"instagram\"",
            ),
            Some(_) => human_agent = true,
        }
    }
    let mut templates = false;
    if let Some(t) = spec.templates.as_ref().filter(|t| *t.get_ref()) {
        match platform {
            Some(Platform::Whatsapp) => templates = true,
            _ => cx.err(
                t.span(),
                field("templates"),
                "`true` on a page that is not a WhatsApp number: add channel = \"whatsapp\" (templates exist only there)",
            ),
        }
    }
    let contact = spec.contact.as_ref().and_then(|c| {
        let text = c.get_ref().trim();
        if text.is_empty() || text.chars().count() > CONTACT_MAX_CHARS || text.contains(['\n', '\r']) {
            cx.err(
                c.span(),
                field("contact"),
                format!("`{}`: a contact is one line of 1 to {CONTACT_MAX_CHARS} characters", c.get_ref()),
            );
            None
        } else {
            Some(text.to_string())
        }
    });
    (platform, human_agent, templates, contact)
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Loads and checks `dir`. `locales_dir` is only looked at to check that each
/// language has a locale directory.
pub fn load(dir: &Path, locales_dir: &Path) -> Result<Loaded, FlowsErrors> {
    let mut errors = Vec::new();

    // languages.toml
    let lang_path = dir.join("languages.toml");
    let mut languages = Vec::new();
    let mut fallback = None;
    // Checked once the intents are known: (name, line).
    let mut keyword_intent: Option<(String, usize)> = None;
    if let Some((file, src)) = read::<LanguagesFile>(&lang_path, &mut errors, true) {
        let mut cx = FileCtx { path: lang_path.clone(), src, errors: &mut errors };
        if let Some(k) = &file.keyword_intent {
            keyword_intent = Some((k.get_ref().clone(), cx.line(k.span())));
        }
        for (code, spec) in &file.languages {
            let field = format!("languages.{code}");
            if let Some(a) = &spec.get_ref().address {
                if !ADDRESS_FORMS.contains(&a.get_ref().as_str()) {
                    cx.err(
                        a.span(),
                        format!("{field}.address"),
                        format!("`{}`: use one of {}", a.get_ref(), ADDRESS_FORMS.join(", ")),
                    );
                }
            }
            if let Some(k) = &spec.get_ref().keyword {
                if k.get_ref().split_whitespace().count() != 1 {
                    cx.err(
                        k.span(),
                        format!("{field}.keyword"),
                        format!("`{}`: one word customers can type", k.get_ref()),
                    );
                }
            }
            let lang = match Lang::parse(code) {
                Ok(l) => l,
                Err(e) => {
                    cx.err(spec.span(), field, e);
                    continue;
                }
            };
            let tz = match parse_tz(spec.get_ref().time_zone.get_ref()) {
                Ok(tz) => tz,
                Err(e) => {
                    cx.err(spec.get_ref().time_zone.span(), format!("{field}.time_zone"), e);
                    continue;
                }
            };
            if !locales_dir.join(lang.as_str()).is_dir() {
                cx.err(
                    spec.span(),
                    field.clone(),
                    format!("language `{lang}` has no locale: create {}", locales_dir.join(lang.as_str()).display()),
                );
            }
            languages.push(Language {
                lang,
                name: spec.get_ref().name.clone(),
                time_zone: tz,
                keyword: spec.get_ref().keyword.as_ref().map(|k| k.get_ref().clone()),
                payment_methods: spec.get_ref().payment_methods.clone(),
            });
        }
        match Lang::parse(file.fallback.get_ref()) {
            Ok(l) if languages.iter().any(|x| x.lang == l) => fallback = Some(l),
            Ok(l) => {
                cx.err(file.fallback.span(), "fallback", format!("`{l}` is not one of the languages listed below"))
            }
            Err(e) => cx.err(file.fallback.span(), "fallback", e),
        }
    }
    let known = |code: &str| -> Result<Lang, String> {
        let l = Lang::parse(code)?;
        if languages.iter().any(|x| x.lang == l) {
            Ok(l)
        } else {
            Err(format!("language `{l}` is not in {}", lang_path.display()))
        }
    };

    // teams.toml
    let teams_path = dir.join("teams.toml");
    let mut teams = Vec::new();
    if let Some((file, src)) = read::<TeamsFile>(&teams_path, &mut errors, true) {
        let mut cx = FileCtx { path: teams_path.clone(), src, errors: &mut errors };
        let mut shared = Vec::new();
        if let Some(every) = &file.every_team {
            for h in &every.holidays {
                if let Some(x) = holiday(&mut cx, h, "every_team.holidays") {
                    shared.push(x);
                }
            }
        }
        if file.teams.is_empty() {
            cx.err(0..0, "teams", "no teams: the bot could never say when a person is back");
        }
        for (id, spec) in &file.teams {
            let t = spec.get_ref();
            let field = format!("teams.{id}");
            let tz = match parse_tz(t.time_zone.get_ref()) {
                Ok(tz) => tz,
                Err(e) => {
                    cx.err(t.time_zone.span(), format!("{field}.time_zone"), e);
                    chrono_tz::UTC
                }
            };
            let mut langs = Vec::new();
            for l in t.languages.get_ref() {
                match known(l.get_ref()) {
                    Ok(x) => langs.push(x),
                    Err(e) => cx.err(l.span(), format!("{field}.languages"), e),
                }
            }
            if langs.is_empty() && t.languages.get_ref().is_empty() {
                cx.err(t.languages.span(), format!("{field}.languages"), "a team must speak at least one language");
            }
            let mut week = Week::default();
            for (day, ivs) in t.hours.get_ref() {
                let Some(d) = WEEKDAYS.iter().position(|w| w == day) else {
                    cx.err(
                        ivs.span(),
                        format!("{field}.hours.{day}"),
                        "unknown day: use mon, tue, wed, thu, fri, sat, sun",
                    );
                    continue;
                };
                for iv in ivs.get_ref() {
                    match Interval::parse(iv.get_ref()) {
                        Ok(x) => week.days[d].push(x),
                        Err(e) => cx.err(iv.span(), format!("{field}.hours.{day}"), e),
                    }
                }
            }
            if let Some(((da, a), (db, b))) = week.first_overlap() {
                cx.err(
                    t.hours.span(),
                    format!("{field}.hours"),
                    format!("overlapping intervals: {} {} and {} {}", WEEKDAYS[da], show(a), WEEKDAYS[db], show(b)),
                );
            }
            let mut holidays = shared.clone();
            for h in &t.holidays {
                if let Some(x) = holiday(&mut cx, h, &format!("{field}.holidays")) {
                    holidays.push(x);
                }
            }
            let mut closures = Vec::new();
            for c in &t.closures {
                match Closure::parse(c.get_ref().from.get_ref(), c.get_ref().to.get_ref()) {
                    Ok(x) => closures.push(x),
                    Err(e) => cx.err(c.span(), format!("{field}.closures"), e),
                }
            }
            teams.push(Team {
                id: TeamId(id.clone()),
                name: t.name.clone().unwrap_or_else(|| id.clone()),
                tz,
                languages: langs,
                week,
                holidays,
                closures,
            });
        }
    }

    // pages.toml (optional)
    let pages_path = dir.join("pages.toml");
    let mut pages = HashMap::new();
    // Pages that say a template can reach their customers, with the line
    // that says so: templates.toml must then hold the one that does.
    let mut relies_on_templates: Vec<(String, usize)> = Vec::new();
    if let Some((file, src)) = read::<PagesFile>(&pages_path, &mut errors, false) {
        let mut cx = FileCtx { path: pages_path.clone(), src, errors: &mut errors };
        for (id, spec) in &file.pages {
            let language = match &spec.get_ref().language {
                Some(l) => match known(l.get_ref()) {
                    Ok(x) => Some(x),
                    Err(e) => {
                        cx.err(l.span(), format!("pages.{id}.language"), e);
                        None
                    }
                },
                None => None,
            };
            let (platform, human_agent, templates, contact) = page_reach(&mut cx, id, spec.get_ref());
            if let (true, Some(t)) = (templates, &spec.get_ref().templates) {
                relies_on_templates.push((id.clone(), cx.line(t.span())));
            }
            let whatsapp_replies = match &spec.get_ref().whatsapp_replies {
                Some(w) => WhatsappReplies::parse(w.get_ref()).unwrap_or_else(|| {
                    cx.err(
                        w.span(),
                        format!("pages.{id}.whatsapp_replies"),
                        format!("`{}`: use {}", w.get_ref(), WhatsappReplies::NAMES.join(" or ")),
                    );
                    WhatsappReplies::default()
                }),
                None => WhatsappReplies::default(),
            };
            let time_zone = match &spec.get_ref().time_zone {
                Some(z) => match parse_tz(z.get_ref()) {
                    Ok(tz) => Some(tz),
                    Err(e) => {
                        cx.err(z.span(), format!("pages.{id}.time_zone"), e);
                        None
                    }
                },
                None => language.and_then(|l| languages.iter().find(|x: &&Language| x.lang == l)).map(|x| x.time_zone),
            };
            let comments = page_comments(&mut cx, id, spec.get_ref(), platform);
            pages.insert(
                id.clone(),
                Page {
                    id: id.clone(),
                    name: spec.get_ref().name.clone().unwrap_or_default(),
                    language,
                    platform,
                    human_agent,
                    templates,
                    contact,
                    whatsapp_replies,
                    time_zone,
                    comments,
                },
            );
        }
    }

    // templates.toml (optional)
    let langs: Vec<Lang> = languages.iter().map(|l| l.lang).collect();
    let known_now = templates::Known { languages: &langs, teams: &teams, pages: &pages };
    let templates = templates::load(dir, &known_now, &mut errors);
    // replies.toml (optional)
    let replies = replies::load(dir, &langs, &mut errors);
    for (id, line) in relies_on_templates {
        if !templates.for_page(&id).iter().any(|t| t.purpose == REOPENING_PURPOSE) {
            errors.push(FlowsError {
                file: pages_path.clone(),
                line: Some(line),
                field: format!("pages.{id}.templates"),
                reason: format!(
                    "`true`, but flows/templates.toml has no `{REOPENING_PURPOSE}` template for this number: \
                     register one there or the bot would promise replies nobody can send"
                ),
            });
        }
    }

    // escalation.toml (optional)
    let escalation = escalation::load(dir, &teams, &mut errors);

    // intents.toml
    let intents_path = dir.join("intents.toml");
    let mut intents = Vec::new();
    let mut answers = Vec::new();
    let mut threshold = 2.0;
    let mut when_waiting = None;
    let mut when_day_off = None;
    let mut when_wrong_item = None;
    if let Some((file, src)) = read::<IntentsFile>(&intents_path, &mut errors, true) {
        let mut cx = FileCtx { path: intents_path.clone(), src, errors: &mut errors };
        for (field, given, to) in [
            ("when_waiting", &file.when_waiting, &mut when_waiting),
            ("when_day_off", &file.when_day_off, &mut when_day_off),
            ("when_wrong_item", &file.when_wrong_item, &mut when_wrong_item),
        ] {
            if let Some(w) = given {
                if file.intents.contains_key(w.get_ref()) {
                    *to = Some(IntentId(w.get_ref().clone()));
                } else {
                    cx.err(w.span(), field, format!("no intent `{}` below", w.get_ref()));
                }
            }
        }
        threshold = *file.threshold.get_ref();
        if threshold.is_nan() || threshold <= 0.0 {
            cx.err(file.threshold.span(), "threshold", "must be above 0, or every message would claim an intent");
        }
        for (id, spec) in &file.intents {
            let s = spec.get_ref();
            if s.answer.get_ref().trim().is_empty() {
                cx.err(s.answer.span(), format!("intents.{id}.answer"), "an intent needs an answer message");
            }
            answers.push(AnswerRef {
                intent: IntentId(id.clone()),
                message: s.answer.get_ref().clone(),
                file: intents_path.clone(),
                line: cx.line(s.answer.span()),
            });
            // Another intent of this file, named by `field`.
            let mut target = |field: &str, given: &Option<S<String>>| {
                let to = given.as_ref()?;
                if file.intents.contains_key(to.get_ref()) {
                    return Some(IntentId(to.get_ref().clone()));
                }
                cx.err(to.span(), format!("intents.{id}.{field}"), format!("no intent `{}` here", to.get_ref()));
                None
            };
            let once_shipped = target("once_shipped", &s.once_shipped);
            let waits_for = target("waits_for", &s.waits_for);
            intents.push(Intent {
                id: IntentId(id.clone()),
                answer: s.answer.get_ref().clone(),
                handoff: s.handoff,
                fits_complaints: s.fits_complaints,
                is_complaint: s.complaint,
                waiting: s.waiting,
                urgent: s.urgent,
                same_day: s.same_day,
                once_shipped,
                waits_for,
            });
        }
    }

    // words/<lang>.toml
    let words_dir = dir.join("words");
    let mut lexicon = HashMap::new();
    let mut without_words = Vec::new();
    for language in &languages {
        let path = words_dir.join(format!("{}.toml", language.lang));
        let Some((file, src)) = read::<WordsFile>(&path, &mut errors, false) else {
            if !path.exists() {
                without_words.push(language.lang);
            }
            continue;
        };
        let mut cx = FileCtx { path: path.clone(), src, errors: &mut errors };
        let mut words = LangWords::default();
        let compile = |cx: &mut FileCtx, field: &str, entries: &[S<String>]| -> PatternSet {
            let mut patterns = Vec::new();
            for e in entries {
                match Pattern::parse(e.get_ref()) {
                    Ok(p) => patterns.push(p),
                    Err(reason) => cx.err(e.span(), field.to_string(), reason),
                }
            }
            PatternSet::new(patterns)
        };
        // Markers match exactly: a typo'd marker is too often a word of the
        // neighbour language it is meant to tell apart.
        let markers = compile(&mut cx, "markers", &file.markers);
        words.markers = PatternSet::new(markers.patterns().iter().cloned().map(Pattern::exact).collect());
        for (name, entries) in &file.kinds {
            let field = format!("kinds.{name}");
            match List::parse(name) {
                Some(list) => {
                    let set = compile(&mut cx, &field, entries.get_ref());
                    words.lists.insert(list, set);
                }
                None => cx.err(
                    entries.span(),
                    field,
                    format!(
                        "unknown list: use one of {}",
                        List::ALL.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ")
                    ),
                ),
            }
        }
        for (id, spec) in &file.intents {
            let field = format!("intents.{id}");
            if !intents.iter().any(|i| i.id.0 == *id) {
                cx.err(spec.span(), field, format!("no intent `{id}` in {}", intents_path.display()));
                continue;
            }
            let s = spec.get_ref();
            words.intents.push(IntentWords {
                id: IntentId(id.clone()),
                strong: compile(&mut cx, &format!("{field}.strong"), &s.strong),
                keywords: compile(&mut cx, &format!("{field}.keywords"), &s.keywords),
                beyond: compile(&mut cx, &format!("{field}.beyond"), &s.beyond),
                examples: s.examples.clone(),
            });
        }
        lexicon.insert(language.lang, words);
    }
    if let Ok(entries) = std::fs::read_dir(&words_dir) {
        for e in entries.flatten() {
            let p = e.path();
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            if p.extension().is_some_and(|x| x == "toml") && !languages.iter().any(|l| l.lang.as_str() == stem) {
                errors.push(FlowsError {
                    file: p.clone(),
                    line: None,
                    field: String::new(),
                    reason: format!("language `{stem}` is not in {}: add its line there", lang_path.display()),
                });
            }
        }
    }

    let keyword_intent = match keyword_intent {
        Some((name, _)) if intents.iter().any(|i: &Intent| i.id.0 == name) => Some(IntentId(name)),
        Some((name, line)) => {
            errors.push(FlowsError {
                file: lang_path.clone(),
                line: Some(line),
                field: "keyword_intent".into(),
                reason: format!("no intent `{name}` in {}", intents_path.display()),
            });
            None
        }
        None => None,
    };
    let keywords = LabelKeywords::new(languages.iter().filter_map(|l| l.keyword.as_deref().map(|k| (l.lang, k))));
    let Some(fallback) = fallback else {
        if errors.is_empty() {
            errors.push(FlowsError { file: lang_path, line: None, field: "fallback".into(), reason: "missing".into() });
        }
        return Err(FlowsErrors(errors));
    };
    if !errors.is_empty() {
        return Err(FlowsErrors(errors));
    }
    let lexicon = Lexicon::new(lexicon, fallback)
        .with_complaint_intents(intents.iter().filter(|i| i.is_complaint).map(|i| &i.id));
    let playbook = Playbook {
        fallback,
        languages,
        teams,
        pages,
        intents,
        intent_threshold: threshold,
        when_waiting,
        when_day_off,
        when_wrong_item,
        lexicon,
        templates,
        keyword_intent,
        keywords,
        escalation,
        replies,
    };
    Ok(Loaded { playbook, answers, languages_without_words: without_words })
}

/// One holiday rule, checked field by field; `None` after reporting.
fn holiday(cx: &mut FileCtx, spec: &S<HolidaySpec>, field: &str) -> Option<Holiday> {
    let r = match spec.get_ref() {
        HolidaySpec::Plain(s) => {
            return Holiday::parse(s).map_err(|e| cx.err(spec.span(), field, e)).ok();
        }
        HolidaySpec::Rule(r) => r,
    };
    let mut ok = true;
    let mut check = |cx: &mut FileCtx, span: std::ops::Range<usize>, name: &str, res: Result<(), String>| {
        if let Err(e) = res {
            cx.err(span, format!("{field}.{name}"), e);
            ok = false;
        }
    };
    let mut h = Holiday::new(DateRule::Yearly { month: 1, day: 1 }, String::new());
    match DateRule::parse(r.on.get_ref()) {
        Ok(d) => h.date = d,
        Err(e) => check(cx, r.on.span(), "on", Err(e)),
    }
    h.name = r.name.clone().unwrap_or_else(|| r.on.get_ref().trim().to_string());
    if let Some(v) = &r.weekday {
        match parse_weekday(v.get_ref()) {
            Ok(w) => h.weekday = Some(w),
            Err(e) => check(cx, v.span(), "weekday", Err(e)),
        }
    }
    for (name, value, slot) in
        [("if_saturday", &r.if_saturday, &mut h.if_saturday), ("if_sunday", &r.if_sunday, &mut h.if_sunday)]
    {
        if let Some(v) = value {
            match Move::parse(v.get_ref()) {
                Ok(m) => *slot = Some(m),
                Err(e) => check(cx, v.span(), name, Err(e)),
            }
        }
    }
    h.from_year = r.from_year.as_ref().map(|y| *y.get_ref());
    h.until_year = r.until_year.as_ref().map(|y| *y.get_ref());
    if let (Some(f), Some(u)) = (&r.from_year, &r.until_year) {
        if u.get_ref() < f.get_ref() {
            let msg = format!("until_year {} is before from_year {}", u.get_ref(), f.get_ref());
            check(cx, u.span(), "until_year", Err(msg));
        }
    }
    h.years = r.years.iter().map(|y| *y.get_ref()).collect();
    if let Some(c) = &r.closed {
        match DayPart::parse(c.get_ref()) {
            Ok(p) => h.closed = p,
            Err(e) => check(cx, c.span(), "closed", Err(e)),
        }
    }
    h.brand = r.brand;
    ok.then_some(h)
}

/// The values of `languages.<code>.address`.
pub const ADDRESS_FORMS: [&str; 3] = ["formal", "informal", "none"];

fn show(iv: Interval) -> String {
    format!("{:02}:{:02}-{:02}:{:02}", iv.start / 60, iv.start % 60, iv.end / 60, iv.end % 60)
}

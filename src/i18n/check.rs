//! `locales check`: every problem in `locales/` (and what `flows/` asks of
//! it) as a finding at `file:line:column`, for translators, CI and the
//! server's live reload. A library function: it prints nothing and never
//! panics, whatever the files hold.
//!
//! Severities follow one rule: what only makes a customer read the `en` text
//! (a missing message, an extra one, an unknown variable) is a warning; what
//! would break a reply or drop information the customer needs (a syntax
//! error, a dropped `$time`, a message used but defined nowhere, a flows
//! error) is an error, and a reload refuses it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::parser::ErrorKind;
use serde::Serialize;

use super::examples::variables_of;
use super::line_col;
use super::render::USED_MESSAGES;
use super::source::{locale_dirs, SourceLocale, DEFAULT_REFERENCE, PLURAL_CATEGORIES};
use crate::flows::schema::{IntentsFile, LanguagesFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub severity: Severity,
    /// A stable name for tools: `syntax`, `no-default-variant`, `duplicate-message`,
    /// `missing-message`, `missing-attribute`, `extra-message`, `variables-differ`,
    /// `unknown-variable`, `unknown-reference`, `plural-forms`, `unknown-message`,
    /// `no-word-lists`, `unlisted-locale`, `missing-locale`, `unreadable`, `flows`,
    /// `address-form`, `label-keyword`.
    pub code: &'static str,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.file.display(), self.line, self.column, self.severity, self.message)
    }
}

/// Everything `check` found, errors first, then by file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }
}

/// What `flows/` says about the languages, read leniently so that a broken
/// flows file still leaves the locales checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct FlowsView {
    pub reference: Option<String>,
    /// Code and line in `languages.toml`.
    pub languages: Vec<(String, usize)>,
    pub languages_file: PathBuf,
    /// Answer message, file, line.
    pub answers: Vec<(String, PathBuf, usize)>,
    /// Code, address form (`formal`, `informal`, `none`) and keyword, with
    /// their lines in `languages.toml`.
    pub address: Vec<(String, String, usize)>,
    pub keywords: Vec<(String, String, usize)>,
}

impl FlowsView {
    pub fn read(flows_dir: &Path) -> Self {
        let languages_file = flows_dir.join("languages.toml");
        let mut view = FlowsView { languages_file: languages_file.clone(), ..Self::default() };
        if let Ok(src) = std::fs::read_to_string(&languages_file) {
            if let Ok(file) = toml::from_str::<LanguagesFile>(&src) {
                view.reference = Some(file.fallback.get_ref().trim().to_ascii_lowercase());
                for (code, spec) in &file.languages {
                    let code = code.to_ascii_lowercase();
                    view.languages.push((code.clone(), line_col(&src, spec.span().start).0));
                    if let Some(a) = &spec.get_ref().address {
                        view.address.push((code.clone(), a.get_ref().clone(), line_col(&src, a.span().start).0));
                    }
                    if let Some(k) = &spec.get_ref().keyword {
                        view.keywords.push((code.clone(), k.get_ref().clone(), line_col(&src, k.span().start).0));
                    }
                }
            }
        }
        let intents_file = flows_dir.join("intents.toml");
        if let Ok(src) = std::fs::read_to_string(&intents_file) {
            if let Ok(file) = toml::from_str::<IntentsFile>(&src) {
                for spec in file.intents.values() {
                    let a = &spec.get_ref().answer;
                    view.answers.push((a.get_ref().clone(), intents_file.clone(), line_col(&src, a.span().start).0));
                }
            }
        }
        view
    }

    pub fn reference(&self) -> &str {
        self.reference.as_deref().unwrap_or(DEFAULT_REFERENCE)
    }

    fn answer_ids(&self) -> Vec<String> {
        self.answers.iter().map(|(m, _, _)| m.clone()).collect()
    }
}

/// Checks `locales_dir` against itself and against `flows_dir`.
pub fn check(locales_dir: &Path, flows_dir: &Path) -> CheckReport {
    let mut out = Vec::new();
    let flows = FlowsView::read(flows_dir);
    if let Err(errs) = crate::flows::load(flows_dir, locales_dir) {
        for e in errs.0 {
            let missing_locale = e.reason.contains("has no locale");
            out.push(Finding {
                file: e.file.clone(),
                line: e.line.unwrap_or(1),
                column: 1,
                severity: Severity::Error,
                code: if missing_locale { "missing-locale" } else { "flows" },
                message: if e.field.is_empty() { e.reason } else { format!("{}: {}", e.field, e.reason) },
            });
        }
    }

    let reference = flows.reference().to_string();
    let mut codes: BTreeSet<String> = locale_dirs(locales_dir).into_iter().collect();
    codes.extend(flows.languages.iter().map(|(c, _)| c.clone()));
    codes.insert(reference.clone());
    let locales: Vec<SourceLocale> = codes.iter().map(|c| SourceLocale::read(locales_dir, c)).collect();
    let Some(reference_locale) = locales.iter().find(|l| l.lang == reference) else {
        return finish(out);
    };
    if reference_locale.files.is_empty() {
        out.push(Finding {
            file: reference_locale.dir.clone(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            code: "missing-locale",
            message: format!("the reference locale `{reference}` has no .ftl files: every message falls back to it"),
        });
    }

    let answers = flows.answer_ids();
    for locale in &locales {
        file_findings(locale, &mut out);
        if locale.files.is_empty() {
            // A missing folder is reported by flows; an empty one only here,
            // and the catalog refuses it just the same.
            let listed = flows.languages.iter().any(|(c, _)| *c == locale.lang);
            if listed && locale.dir.is_dir() && locale.lang != reference {
                out.push(Finding {
                    file: locale.dir.clone(),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    code: "missing-locale",
                    message: format!("locale `{}` has no .ftl files: the bot cannot load it", locale.lang),
                });
            }
            continue;
        }
        let listed = flows.languages.iter().any(|(c, _)| *c == locale.lang);
        if !listed && !flows.languages.is_empty() {
            out.push(Finding {
                file: locale.dir.clone(),
                line: 1,
                column: 1,
                severity: Severity::Warning,
                code: "unlisted-locale",
                message: format!(
                    "locale `{}` is not in {}: the bot never answers in it (add its line there)",
                    locale.lang,
                    flows.languages_file.display()
                ),
            });
        }
        plural_findings(locale, &mut out);
        brand_voice_findings(locale, &flows, &mut out);
        if locale.lang != reference {
            compare(reference_locale, locale, &answers, &mut out);
        }
    }

    // Messages the bot uses that the reference does not define: a reply
    // would lose its body or its label, whatever the customer's language.
    let defined = reference_locale.messages();
    let broken = reference_locale.broken_ids();
    let elsewhere = |id: &str| -> Vec<&str> {
        locales.iter().filter(|l| l.messages().contains_key(id)).map(|l| l.lang.as_str()).collect()
    };
    let used = USED_MESSAGES
        .iter()
        .chain(super::comments::COMMENT_MESSAGES.iter())
        .map(|id| (id.to_string(), reference_locale.dir.clone(), 1, "the bot's code"));
    let from_flows = flows.answers.iter().map(|(m, f, l)| (m.clone(), f.clone(), *l, "an FAQ intent"));
    for (id, file, line, by) in used.chain(from_flows) {
        if defined.contains_key(id.as_str()) || broken.contains(id.as_str()) {
            continue;
        }
        let others = elsewhere(&id);
        let where_ = if others.is_empty() {
            "no locale defines it".to_string()
        } else {
            format!("the reference locale `{reference}` lacks it (only {} define it)", others.join(", "))
        };
        out.push(Finding {
            file,
            line,
            column: 1,
            severity: Severity::Error,
            code: "unknown-message",
            message: format!("message `{id}` is used by {by} but {where_}"),
        });
    }

    // A language the bot can answer in but not understand.
    let words_dir = flows_dir.join("words");
    for (code, line) in &flows.languages {
        if !words_dir.join(format!("{code}.toml")).exists() {
            out.push(Finding {
                file: flows.languages_file.clone(),
                line: *line,
                column: 1,
                severity: Severity::Warning,
                code: "no-word-lists",
                message: format!(
                    "language `{code}` has no kind word lists or intent phrasings ({}): the bot answers in it but \
                     reads it only through the `{reference}` words",
                    words_dir.join(format!("{code}.toml")).display()
                ),
            });
        }
    }
    finish(out)
}

/// The brand choices of `languages.toml` kept by the locale: no word of the
/// other address form (`address-form`), and the label names the keyword the
/// bot listens for (`label-keyword`).
fn brand_voice_findings(locale: &SourceLocale, flows: &FlowsView, out: &mut Vec<Finding>) {
    let form = flows.address.iter().find(|(c, _, _)| *c == locale.lang);
    let keyword = flows.keywords.iter().find(|(c, _, _)| *c == locale.lang);
    for file in &locale.files {
        for msg in &file.messages {
            if let Some((_, form, line)) = form {
                let wrong = super::address::wrong_words(&locale.lang, form, &msg.text);
                if !wrong.is_empty() {
                    out.push(Finding {
                        file: file.path.clone(),
                        line: msg.line,
                        column: msg.column,
                        severity: Severity::Warning,
                        code: "address-form",
                        message: format!(
                            "message `{}` says {}, but the brand's address form in `{}` is {form} ({}:{line})",
                            msg.id,
                            wrong.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", "),
                            locale.lang,
                            flows.languages_file.display()
                        ),
                    });
                }
            }
            if let Some((_, keyword, line)) = keyword.filter(|_| msg.id == "automated-label") {
                if !msg.text.to_lowercase().contains(&keyword.to_lowercase()) {
                    out.push(Finding {
                        file: file.path.clone(),
                        line: msg.line,
                        column: msg.column,
                        severity: Severity::Warning,
                        code: "label-keyword",
                        message: format!(
                            "the label does not name `{keyword}`, the word the bot listens for in `{}` ({}:{line}): \
                             customers would type a word it does not know as the keyword",
                            locale.lang,
                            flows.languages_file.display()
                        ),
                    });
                }
            }
        }
    }
}

fn finish(mut findings: Vec<Finding>) -> CheckReport {
    findings.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column, a.code).cmp(&(b.severity, &b.file, b.line, b.column, b.code))
    });
    findings.dedup();
    CheckReport { findings }
}

/// Problems inside one locale's files: unreadable files, syntax errors, duplicates.
fn file_findings(locale: &SourceLocale, out: &mut Vec<Finding>) {
    let mut seen: BTreeMap<&str, (&Path, usize)> = BTreeMap::new();
    for f in &locale.files {
        if let Some(why) = &f.unreadable {
            out.push(Finding {
                file: f.path.clone(),
                line: 1,
                column: 1,
                severity: Severity::Error,
                code: "unreadable",
                message: why.clone(),
            });
        }
        for e in &f.errors {
            let inside = match &e.entry {
                Some((id, line)) if *line != e.line => format!(" (in message `{id}`, which starts at line {line})"),
                Some((id, _)) => format!(" (in message `{id}`)"),
                None => String::new(),
            };
            let (code, message) = match e.error.kind {
                ErrorKind::MissingDefaultVariant => (
                    "no-default-variant",
                    format!(
                        "this selector has no default variant{inside}: mark one with `*`, e.g. `*[other]`; \
                         the message is unusable until then"
                    ),
                ),
                _ => (
                    "syntax",
                    format!("syntax error{inside}: {}; the message is unusable until it is fixed", e.error.kind),
                ),
            };
            out.push(Finding {
                file: f.path.clone(),
                line: e.line,
                column: e.column,
                severity: Severity::Error,
                code,
                message,
            });
        }
        for m in &f.messages {
            if let Some((first, first_line)) = seen.get(m.id.as_str()) {
                out.push(Finding {
                    file: f.path.clone(),
                    line: m.line,
                    column: m.column,
                    severity: Severity::Error,
                    code: "duplicate-message",
                    message: format!(
                        "message `{}` is defined twice (first at {}:{first_line}); the locale is refused",
                        m.id,
                        first.display()
                    ),
                });
            } else {
                seen.insert(m.id.as_str(), (f.path.as_path(), m.line));
            }
        }
    }
}

/// The file of `locale` a message of `reference_file` belongs in (same name).
fn counterpart(locale: &SourceLocale, reference_file: &Path) -> PathBuf {
    locale.dir.join(reference_file.file_name().unwrap_or_default())
}

/// A translation against the reference.
fn compare(reference: &SourceLocale, locale: &SourceLocale, answers: &[String], out: &mut Vec<Finding>) {
    let theirs = reference.messages();
    let ours = locale.messages();
    let broken = locale.broken_ids();
    let ref_lang = &reference.lang;
    let lang = &locale.lang;
    for (id, (rfile, rmsg)) in &theirs {
        let Some((file, msg)) = ours.get(id) else {
            if !broken.contains(id) {
                out.push(Finding {
                    file: counterpart(locale, &rfile.path),
                    line: 1,
                    column: 1,
                    severity: Severity::Warning,
                    code: "missing-message",
                    message: format!(
                        "message `{id}` is missing in `{lang}` (see {}:{}): customers get the `{ref_lang}` text",
                        rfile.path.display(),
                        rmsg.line
                    ),
                });
            }
            continue;
        };
        for attr in &rmsg.attributes {
            if !msg.attributes.contains(attr) {
                out.push(Finding {
                    file: file.path.clone(),
                    line: msg.line,
                    column: msg.column,
                    severity: Severity::Warning,
                    code: "missing-attribute",
                    message: format!("message `{id}` has no `.{attr}` attribute, which `{ref_lang}` has"),
                });
            }
        }
        let variables_differ = |message: String| Finding {
            file: file.path.clone(),
            line: msg.line,
            column: msg.column,
            severity: Severity::Error,
            code: "variables-differ",
            message,
        };
        let dropped: Vec<String> = rmsg.variables.difference(&msg.variables).map(|v| format!("${v}")).collect();
        if !dropped.is_empty() {
            out.push(variables_differ(format!(
                "message `{id}` does not use {} which `{ref_lang}` uses: the customer would not be told what it holds",
                dropped.join(", ")
            )));
        }
        // Per variant too: a customer reads one variant, and a `$schedule`
        // kept in `[yes]` but dropped from `*[no]` is dropped for them.
        for (key, wanted) in &rmsg.variant_variables {
            let Some(have) = msg.variant_variables.get(key) else { continue };
            // Dropped from the whole message is reported above, once.
            let dropped: Vec<String> =
                wanted.difference(have).filter(|v| msg.variables.contains(*v)).map(|v| format!("${v}")).collect();
            if !dropped.is_empty() {
                out.push(variables_differ(format!(
                    "message `{id}` does not use {} in its `[{key}]` variant, which `{ref_lang}` uses there: the \
                     customer would not be told what it holds",
                    dropped.join(", ")
                )));
            }
        }
        let passed = variables_of(id, answers);
        let unknown: Vec<String> = msg
            .variables
            .iter()
            .filter(|v| !rmsg.variables.contains(*v) && !passed.is_some_and(|p| p.contains(&v.as_str())))
            .map(|v| format!("${v}"))
            .collect();
        if !unknown.is_empty() {
            out.push(Finding {
                file: file.path.clone(),
                line: msg.line,
                column: msg.column,
                severity: Severity::Warning,
                code: "unknown-variable",
                message: format!(
                    "message `{id}` uses {}, which the bot does not pass to it: customers get the `{ref_lang}` text{}",
                    unknown.join(", "),
                    passed.map(|p| format!(" (it receives: {})", list_vars(p))).unwrap_or_default()
                ),
            });
        }
    }
    for (id, (file, msg)) in &ours {
        if !theirs.contains_key(id) {
            out.push(Finding {
                file: file.path.clone(),
                line: msg.line,
                column: msg.column,
                severity: Severity::Warning,
                code: "extra-message",
                message: format!(
                    "message `{id}` exists only in `{lang}`, not in `{ref_lang}`: the bot never sends it \
                     (a misspelt id?)"
                ),
            });
        }
    }
}

fn list_vars(vars: &[&str]) -> String {
    if vars.is_empty() {
        return "nothing".into();
    }
    vars.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ")
}

/// Plural selectors that miss a form the language has for whole numbers,
/// and references to messages or terms the locale does not define.
fn plural_findings(locale: &SourceLocale, out: &mut Vec<Finding>) {
    let ids: BTreeSet<&str> = locale.messages().keys().copied().chain(locale.broken_ids()).collect();
    let terms: BTreeSet<&str> = locale.files.iter().flat_map(|f| f.terms.iter().map(String::as_str)).collect();
    let forms = integer_plural_forms(&locale.lang);
    for f in &locale.files {
        for m in &f.messages {
            let missing_refs: Vec<String> = m
                .message_refs
                .iter()
                .filter(|r| !ids.contains(r.as_str()))
                .map(|r| format!("`{r}`"))
                .chain(m.term_refs.iter().filter(|t| !terms.contains(t.as_str())).map(|t| format!("`-{t}`")))
                .collect();
            if !missing_refs.is_empty() {
                out.push(Finding {
                    file: f.path.clone(),
                    line: m.line,
                    column: m.column,
                    severity: Severity::Warning,
                    code: "unknown-reference",
                    message: format!(
                        "message `{}` refers to {}, not defined in `{}`: customers get the reference text",
                        m.id,
                        missing_refs.join(", "),
                        locale.lang
                    ),
                });
            }
            let Some(forms) = &forms else { continue };
            for (var, keys) in &m.plural_selectors {
                let lacking: Vec<String> = forms
                    .iter()
                    .filter(|(cat, _)| !keys.contains(*cat))
                    .map(|(cat, examples)| format!("[{cat}] (e.g. {examples})"))
                    .collect();
                if !lacking.is_empty() {
                    out.push(Finding {
                        file: f.path.clone(),
                        line: m.line,
                        column: m.column,
                        severity: Severity::Warning,
                        code: "plural-forms",
                        message: format!(
                            "message `{}` selects on ${var} without the `{}` plural form {}: those numbers get the \
                             default variant",
                            m.id,
                            locale.lang,
                            lacking.join(", ")
                        ),
                    });
                }
            }
        }
    }
}

/// The CLDR cardinal categories `lang` uses for whole numbers, each with a
/// few numbers that take it (the bot only ever passes whole numbers).
/// `None` for a language the plural rules do not know.
pub fn integer_plural_forms(lang: &str) -> Option<Vec<(&'static str, String)>> {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let langid: unic_langid::LanguageIdentifier = lang.parse().ok()?;
    let rules = PluralRules::create(langid, PluralRuleType::CARDINAL).ok()?;
    let mut found: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for n in 0..=1000u32 {
        let cat = match rules.select(n) {
            Ok(c) => c,
            Err(_) => continue,
        };
        let i = match cat {
            PluralCategory::ZERO => 0,
            PluralCategory::ONE => 1,
            PluralCategory::TWO => 2,
            PluralCategory::FEW => 3,
            PluralCategory::MANY => 4,
            PluralCategory::OTHER => 5,
        };
        let seen = found.entry(i).or_default();
        if seen.len() < 4 {
            seen.push(n);
        }
    }
    Some(
        found
            .into_iter()
            .map(|(i, ns)| (PLURAL_CATEGORIES[i], ns.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn polish_and_russian_whole_numbers_take_one_few_and_many() {
        for lang in ["pl", "ru"] {
            let forms: Vec<&str> = integer_plural_forms(lang).unwrap().into_iter().map(|(c, _)| c).collect();
            assert_eq!(forms, ["one", "few", "many"], "{lang}");
        }
        let en: Vec<&str> = integer_plural_forms("en").unwrap().into_iter().map(|(c, _)| c).collect();
        assert_eq!(en, ["one", "other"]);
    }

    fn write_tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        }
        dir
    }

    #[test]
    fn garbage_files_are_findings_not_panics() {
        let garbage: [&[u8]; 6] = [
            b"\xff\xfe\x00garbage",
            b"= = = {{{ $ -> *[",
            b"x = { $a ->\n  [one] a\n}\n",
            b"\n\n\r\r\n\t-",
            b"a = {\"\\u{110000}\"}",
            b"",
        ];
        for g in garbage {
            let dir = write_tree(&[("locales/en/main.ftl", b"hello = Hi\n"), ("locales/xx/main.ftl", g)]);
            let r = check(&dir.path().join("locales"), &dir.path().join("no-flows"));
            assert!(!r.findings.is_empty(), "{:?}", String::from_utf8_lossy(g));
        }
    }

    #[test]
    fn a_variable_dropped_from_one_variant_is_an_error_at_the_message() {
        let en = b"faq-opening-hours =\n    { $open ->\n        [yes] Online. We answer { $schedule }.\n       *[no] We answer { $schedule }. Back { $back_in }.\n    }\n";
        let fr = b"# French\nfaq-opening-hours =\n    { $open ->\n        [yes] En ligne. Nous r\xc3\xa9pondons { $schedule }.\n       *[no] De retour { $back_in }.\n    }\n";
        let dir = write_tree(&[("locales/en/faq.ftl", en), ("locales/fr/faq.ftl", fr)]);
        let r = check(&dir.path().join("locales"), &dir.path().join("no-flows"));
        let f = r.findings.iter().find(|f| f.code == "variables-differ").expect("the dropped $schedule is found");
        assert_eq!((f.line, f.severity), (2, Severity::Error));
        assert!(f.message.contains("$schedule") && f.message.contains("[no]"), "{}", f.message);
        // Kept in both variants: nothing to report.
        let fr_ok = b"faq-opening-hours =\n    { $open ->\n        [yes] En ligne : { $schedule }.\n       *[no] Nous r\xc3\xa9pondons { $schedule }. De retour { $back_in }.\n    }\n";
        let dir = write_tree(&[("locales/en/faq.ftl", en), ("locales/fr/faq.ftl", fr_ok)]);
        let r = check(&dir.path().join("locales"), &dir.path().join("no-flows"));
        assert!(!r.findings.iter().any(|f| f.code == "variables-differ"), "{:?}", r.findings);
    }

    #[test]
    fn a_configured_language_with_an_empty_folder_is_an_error() {
        let dir = write_tree(&[
            ("locales/en/main.ftl", b"hello = Hi\n"),
            ("flows/languages.toml", b"fallback = \"en\"\n[languages]\nen = { name = \"English\", time_zone = \"Europe/London\" }\nfi = { name = \"Suomi\", time_zone = \"Europe/Helsinki\" }\n"),
        ]);
        std::fs::create_dir_all(dir.path().join("locales/fi")).unwrap();
        let r = check(&dir.path().join("locales"), &dir.path().join("flows"));
        let f = r.findings.iter().find(|f| f.code == "missing-locale").unwrap();
        assert_eq!(f.file, dir.path().join("locales/fi"));
        assert!(r.has_errors());
        // And the missing word lists are a warning at the language's line.
        let w = r.findings.iter().find(|f| f.code == "no-word-lists" && f.message.contains("`fi`")).unwrap();
        assert_eq!((w.line, w.severity), (4, Severity::Warning));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn check_never_panics_on_any_ftl(src in "(\\PC|[\\n {}$*\\[\\]=>.-]){0,200}") {
            let dir = write_tree(&[
                ("locales/en/main.ftl", b"hello = Hi { $name }\nsel = { $n ->\n [one] a\n *[other] b\n}\n"),
                ("locales/xx/main.ftl", src.as_bytes()),
            ]);
            let _ = check(&dir.path().join("locales"), &dir.path().join("flows"));
        }
    }
}

//! WhatsApp message templates as the brand registered them in WhatsApp
//! Manager: per purpose (`follow_up`), the template's name, its parameters
//! and, per language, Meta's language code and the body text as approved.
//!
//! Outside the 24-hour customer-service window WhatsApp accepts only an
//! approved template. The body is kept here, word for word as registered,
//! so a person sees exactly what the customer will read before sending;
//! Meta fills the placeholders with the values we send.

use std::collections::{BTreeMap, HashMap};

use super::ids::Lang;

/// The purpose whose template brings a customer back after the 24-hour
/// window: a page with `templates = true` in pages.toml must register it.
pub const REOPENING_PURPOSE: &str = "follow_up";

/// The longest body Meta accepts for a template (characters).
pub const MAX_BODY_CHARS: usize = 1024;

/// How the template's placeholders are written, chosen when it was created
/// (`parameter_format`): `{{1}}`, `{{2}}`, … or `{{first_name}}`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParamFormat {
    #[default]
    Positional,
    Named,
}

/// What fills one parameter: values the bot knows of every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateParam {
    /// The customer's first name, from the name their WhatsApp profile gives.
    FirstName,
    /// The case's number, as the console shows it.
    CaseReference,
}

impl TemplateParam {
    pub const ALL: [TemplateParam; 2] = [TemplateParam::FirstName, TemplateParam::CaseReference];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateParam::FirstName => "first_name",
            TemplateParam::CaseReference => "case_reference",
        }
    }
}

/// One approved translation of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// Meta's language code (`pt_PT`, `en_US`, `nb`): not BCP 47.
    pub code: String,
    /// The body text as registered, placeholders included.
    pub body: String,
}

/// A template the brand registered, for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// What it is for (`follow_up`).
    pub purpose: String,
    /// The template's name in WhatsApp Manager.
    pub name: String,
    pub format: ParamFormat,
    /// The parameters in placeholder order (`{{1}}` is the first).
    pub params: Vec<TemplateParam>,
    pub languages: BTreeMap<Lang, Registered>,
}

/// A placeholder in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    Index(usize),
    Name(String),
}

impl std::fmt::Display for Placeholder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Placeholder::Index(i) => write!(f, "{{{{{i}}}}}"),
            Placeholder::Name(n) => write!(f, "{{{{{n}}}}}"),
        }
    }
}

/// The placeholders of `body` in order of appearance; `{{ 1 }}` is read as
/// `{{1}}`. Text between braces that is neither a number nor a name is not
/// a placeholder (Meta would refuse the template, so the check says so).
pub fn placeholders(body: &str) -> Result<Vec<Placeholder>, String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err("a `{{` without its `}}`".into());
        };
        let inner = after[..end].trim();
        if let Ok(i) = inner.parse::<usize>() {
            out.push(Placeholder::Index(i));
        } else if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            out.push(Placeholder::Name(inner.to_string()));
        } else {
            return Err(format!(
                "`{{{{{inner}}}}}` is not a placeholder: use {{{{1}}}}, {{{{2}}}}, … or {{{{a_name}}}}"
            ));
        }
        rest = &after[end + 2..];
    }
    Ok(out)
}

impl Template {
    /// Checks one registered body against the parameters: a positional
    /// template numbers its placeholders 1..=n, one per parameter; a named
    /// one uses each parameter's name. `Err` says what differs.
    pub fn check_body(&self, body: &str) -> Result<(), String> {
        if body.trim().is_empty() {
            return Err("the body is empty".into());
        }
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(format!("the body is longer than WhatsApp's {MAX_BODY_CHARS} characters"));
        }
        let found = placeholders(body)?;
        let n = self.params.len();
        match self.format {
            ParamFormat::Positional => {
                let mut seen: Vec<usize> = Vec::new();
                for p in &found {
                    match p {
                        Placeholder::Index(i) if !seen.contains(i) => seen.push(*i),
                        Placeholder::Index(_) => {}
                        Placeholder::Name(name) => {
                            return Err(format!(
                                "`{{{{{name}}}}}` is a named placeholder, but parameter_format is positional"
                            ))
                        }
                    }
                }
                seen.sort_unstable();
                let expected: Vec<usize> = (1..=n).collect();
                if seen != expected {
                    let shown: Vec<String> = seen.iter().map(|i| format!("{{{{{i}}}}}")).collect();
                    return Err(format!(
                        "{n} parameter(s) listed, but the body has {} ({}); it needs {{{{1}}}} to {{{{{n}}}}}",
                        seen.len(),
                        if shown.is_empty() { "none".to_string() } else { shown.join(", ") }
                    ));
                }
            }
            ParamFormat::Named => {
                let mut names: Vec<&str> = Vec::new();
                for p in &found {
                    match p {
                        Placeholder::Name(name) if !names.contains(&name.as_str()) => names.push(name),
                        Placeholder::Name(_) => {}
                        Placeholder::Index(i) => {
                            return Err(format!("`{{{{{i}}}}}` is positional, but parameter_format is named"))
                        }
                    }
                }
                names.sort_unstable();
                let mut expected: Vec<&str> = self.params.iter().map(|p| p.as_str()).collect();
                expected.sort_unstable();
                if names != expected {
                    return Err(format!(
                        "the parameters are {}, but the body's placeholders are {}",
                        expected.join(", "),
                        if names.is_empty() { "none".to_string() } else { names.join(", ") }
                    ));
                }
            }
        }
        Ok(())
    }

    /// The template in `lang`, filled with `value(param)` for each
    /// parameter. Parameters without a value are listed in the error.
    pub fn fill(&self, lang: Lang, value: impl Fn(TemplateParam) -> Option<String>) -> Result<Filled, Unfilled> {
        let Some(reg) = self.languages.get(&lang) else {
            return Err(Unfilled::Language { lang, registered: self.languages.keys().copied().collect() });
        };
        let mut parameters = Vec::new();
        let mut missing = Vec::new();
        for p in &self.params {
            match value(*p).map(|v| parameter_text(&v)).filter(|v| !v.is_empty()) {
                Some(v) => parameters.push((*p, v)),
                None => missing.push(*p),
            }
        }
        if !missing.is_empty() {
            return Err(Unfilled::Values(missing));
        }
        let mut text = reg.body.clone();
        for (i, (p, v)) in parameters.iter().enumerate() {
            let key = match self.format {
                ParamFormat::Positional => (i + 1).to_string(),
                ParamFormat::Named => p.as_str().to_string(),
            };
            text = replace_placeholder(&text, &key, v);
        }
        Ok(Filled {
            purpose: self.purpose.clone(),
            name: self.name.clone(),
            lang,
            code: reg.code.clone(),
            format: self.format,
            parameters,
            text,
        })
    }
}

/// Replaces `{{key}}` (spaces inside the braces allowed) with `value`.
fn replace_placeholder(body: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push_str(&rest[..start]);
        if after[..end].trim() == key {
            out.push_str(value);
        } else {
            out.push_str(&rest[start..start + 2 + end + 2]);
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Meta refuses text parameters with line breaks, tabs or runs of more
/// than four spaces: whitespace is folded to single spaces.
pub fn parameter_text(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first name in a profile name ("Sanne de Vries" → "Sanne").
pub fn first_name(profile_name: &str) -> Option<String> {
    profile_name.split_whitespace().next().map(str::to_string)
}

/// A template ready to send, and the text the customer will read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub purpose: String,
    pub name: String,
    pub lang: Lang,
    pub code: String,
    pub format: ParamFormat,
    /// The values in placeholder order.
    pub parameters: Vec<(TemplateParam, String)>,
    pub text: String,
}

/// Why a template cannot be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfilled {
    /// Not registered in that language.
    Language { lang: Lang, registered: Vec<Lang> },
    /// No value known for these parameters.
    Values(Vec<TemplateParam>),
}

impl std::fmt::Display for Unfilled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unfilled::Language { lang, registered } => {
                let r: Vec<String> = registered.iter().map(|l| l.to_string()).collect();
                write!(f, "the template is not registered in `{lang}` (registered: {})", r.join(", "))
            }
            Unfilled::Values(missing) => {
                let m: Vec<&str> = missing.iter().map(|p| p.as_str()).collect();
                write!(f, "no value for {}: give it in `parameters`", m.join(", "))
            }
        }
    }
}

/// Every template of the brand: the defaults, and a page's own where it
/// registered different ones (a page's entry for a purpose replaces the
/// default's whole).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateBook {
    pub default: BTreeMap<String, Template>,
    pub pages: HashMap<String, BTreeMap<String, Template>>,
}

impl TemplateBook {
    /// The template for `purpose` on `page`.
    pub fn find(&self, page: &str, purpose: &str) -> Option<&Template> {
        self.pages.get(page).and_then(|p| p.get(purpose)).or_else(|| self.default.get(purpose))
    }

    /// Every purpose `page` can send, the page's own first.
    pub fn for_page(&self, page: &str) -> Vec<&Template> {
        let own = self.pages.get(page);
        let mut out: Vec<&Template> = own.map(|p| p.values().collect()).unwrap_or_default();
        out.extend(self.default.values().filter(|t| own.is_none_or(|p| !p.contains_key(&t.purpose))));
        out
    }

    /// Can a template reopen a closed window on `page`?
    pub fn any_for(&self, page: &str) -> bool {
        !self.for_page(page).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    fn follow_up(format: ParamFormat, body: &str) -> Template {
        Template {
            purpose: "follow_up".into(),
            name: "northwind_follow_up".into(),
            format,
            params: vec![TemplateParam::FirstName, TemplateParam::CaseReference],
            languages: [(lang("pt"), Registered { code: "pt_PT".into(), body: body.into() })].into(),
        }
    }

    #[test]
    fn placeholders_are_read_in_order() {
        let p = placeholders("Olá {{1}}, caso {{ 2 }} e {{first_name}}").unwrap();
        assert_eq!(p, vec![Placeholder::Index(1), Placeholder::Index(2), Placeholder::Name("first_name".into())]);
        assert!(placeholders("Olá {{1}, caso").is_err());
        assert!(placeholders("Olá {{Nome}}").is_err());
    }

    #[test]
    fn a_body_must_use_exactly_the_listed_parameters() {
        let t = follow_up(ParamFormat::Positional, "");
        assert!(t.check_body("Olá {{1}}, o seu caso {{2}}.").is_ok());
        let e = t.check_body("Olá {{1}}.").unwrap_err();
        assert!(e.contains("2 parameter(s) listed, but the body has 1"), "{e}");
        assert!(t.check_body("Olá {{1}}, caso {{3}}.").is_err());
        assert!(t.check_body("Olá {{first_name}}, caso {{2}}.").is_err());
        let named = follow_up(ParamFormat::Named, "");
        assert!(named.check_body("Olá {{first_name}}, caso {{case_reference}}.").is_ok());
        assert!(named.check_body("Olá {{first_name}}.").is_err());
        assert!(t.check_body(&"a".repeat(MAX_BODY_CHARS + 1)).is_err());
    }

    #[test]
    fn filling_puts_each_value_in_its_place_and_folds_whitespace() {
        let t = follow_up(ParamFormat::Positional, "Olá {{1}}, o seu caso {{2}} foi lido.");
        let f = t
            .fill(lang("pt"), |p| match p {
                TemplateParam::FirstName => Some("Ana\n Maria".into()),
                TemplateParam::CaseReference => Some("42".into()),
            })
            .unwrap();
        assert_eq!(f.text, "Olá Ana Maria, o seu caso 42 foi lido.");
        assert_eq!(f.code, "pt_PT");
        assert_eq!(f.parameters[0], (TemplateParam::FirstName, "Ana Maria".into()));
        let named = follow_up(ParamFormat::Named, "Olá {{first_name}}, caso {{case_reference}}.");
        let f = named.fill(lang("pt"), |p| Some(p.as_str().to_uppercase())).unwrap();
        assert_eq!(f.text, "Olá FIRST_NAME, caso CASE_REFERENCE.");
    }

    #[test]
    fn a_missing_value_or_language_is_named() {
        let t = follow_up(ParamFormat::Positional, "Olá {{1}}, caso {{2}}.");
        let e = t.fill(lang("pt"), |p| (p == TemplateParam::CaseReference).then(|| "7".into())).unwrap_err();
        assert_eq!(e, Unfilled::Values(vec![TemplateParam::FirstName]));
        let e = t.fill(lang("es"), |_| Some("x".into())).unwrap_err();
        assert!(e.to_string().contains("not registered in `es`"), "{e}");
    }

    #[test]
    fn a_page_entry_replaces_the_default_for_its_purpose() {
        let mut book = TemplateBook::default();
        book.default.insert("follow_up".into(), follow_up(ParamFormat::Positional, "a {{1}} {{2}}"));
        let mut own = follow_up(ParamFormat::Positional, "b {{1}} {{2}}");
        own.name = "page_follow_up".into();
        book.pages.insert("p1".into(), [("follow_up".to_string(), own)].into());
        assert_eq!(book.find("p1", "follow_up").unwrap().name, "page_follow_up");
        assert_eq!(book.find("p2", "follow_up").unwrap().name, "northwind_follow_up");
        assert_eq!(book.for_page("p1").len(), 1);
        assert!(book.find("p2", "other").is_none());
        assert_eq!(first_name("  Sanne de Vries"), Some("Sanne".into()));
    }
}

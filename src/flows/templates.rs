//! `flows/templates.toml`: the WhatsApp templates the brand registered in
//! WhatsApp Manager, per purpose, for every WhatsApp number (`[default]`)
//! or one number (`[pages."<phone_number_id>"]`), checked into a
//! [`TemplateBook`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::schema::S;
use super::{read, FileCtx, FlowsError};
use crate::domain::templates::{ParamFormat, Registered, Template, TemplateBook, TemplateParam};
use crate::domain::{Lang, Page, Team};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatesFile {
    #[serde(default)]
    default: IndexMap<String, S<TemplateSpec>>,
    #[serde(default)]
    pages: IndexMap<String, S<IndexMap<String, S<TemplateSpec>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateSpec {
    name: S<String>,
    #[serde(default)]
    parameter_format: Option<S<String>>,
    #[serde(default)]
    parameters: Vec<S<String>>,
    languages: S<IndexMap<String, S<RegisteredSpec>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisteredSpec {
    code: S<String>,
    body: S<String>,
}

/// What the check needs to know of the rest of the flows.
pub(super) struct Known<'a> {
    pub languages: &'a [Lang],
    pub teams: &'a [Team],
    pub pages: &'a std::collections::HashMap<String, Page>,
}

/// Reads `dir/templates.toml` (optional: without it no template can be sent).
pub(super) fn load(dir: &Path, known: &Known<'_>, errors: &mut Vec<FlowsError>) -> TemplateBook {
    let path = dir.join("templates.toml");
    let mut book = TemplateBook::default();
    let Some((file, src)) = read::<TemplatesFile>(&path, errors, false) else { return book };
    let mut cx = FileCtx { path: path.clone(), src, errors };
    for (purpose, spec) in &file.default {
        let field = format!("default.{purpose}");
        let needed = needed_languages(known, None);
        if let Some(t) = template(&mut cx, known, &field, purpose, spec, &needed) {
            book.default.insert(purpose.clone(), t);
        }
    }
    for (page, purposes) in &file.pages {
        let Some(p) = known.pages.get(page) else {
            let ids: Vec<&str> = known.pages.keys().map(String::as_str).collect();
            cx.err(
                purposes.span(),
                format!("pages.{page}"),
                format!("no page `{page}` in pages.toml (pages: {})", sorted(ids).join(", ")),
            );
            continue;
        };
        let needed = needed_languages(known, p.language);
        let mut own = BTreeMap::new();
        for (purpose, spec) in purposes.get_ref() {
            let field = format!("pages.{page}.{purpose}");
            if let Some(t) = template(&mut cx, known, &field, purpose, spec, &needed) {
                own.insert(purpose.clone(), t);
            }
        }
        book.pages.insert(page.clone(), own);
    }
    book
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v
}

/// The languages a template must be registered in, each with a team that
/// speaks it: those of every team serving the page's market language (every
/// team, for `[default]` or a page without one), since any of their
/// customers may need it.
fn needed_languages(known: &Known<'_>, market: Option<Lang>) -> BTreeMap<Lang, String> {
    let mut out = BTreeMap::new();
    for team in known.teams.iter().filter(|t| market.is_none_or(|m| t.languages.contains(&m))) {
        for l in &team.languages {
            out.entry(*l).or_insert_with(|| team.id.to_string());
        }
    }
    out
}

fn template(
    cx: &mut FileCtx<'_>,
    known: &Known<'_>,
    field: &str,
    purpose: &str,
    spec: &S<TemplateSpec>,
    needed: &BTreeMap<Lang, String>,
) -> Option<Template> {
    let s = spec.get_ref();
    let before = cx.errors.len();
    let name = s.name.get_ref();
    if name.is_empty()
        || name.len() > 512
        || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        cx.err(
            s.name.span(),
            format!("{field}.name"),
            format!("`{name}` is not a template name: WhatsApp's are lowercase letters, digits and _"),
        );
    }
    let format = match s.parameter_format.as_ref().map(|f| (f, f.get_ref().as_str())) {
        None | Some((_, "positional")) => ParamFormat::Positional,
        Some((_, "named")) => ParamFormat::Named,
        Some((f, other)) => {
            cx.err(f.span(), format!("{field}.parameter_format"), format!("`{other}`: use positional or named"));
            ParamFormat::Positional
        }
    };
    let mut params = Vec::new();
    for p in &s.parameters {
        match TemplateParam::parse(p.get_ref()) {
            Some(x) if params.contains(&x) => {
                cx.err(p.span(), format!("{field}.parameters"), format!("`{}` is listed twice", p.get_ref()))
            }
            Some(x) => params.push(x),
            None => {
                let names: Vec<&str> = TemplateParam::ALL.iter().map(|p| p.as_str()).collect();
                cx.err(
                    p.span(),
                    format!("{field}.parameters"),
                    format!("unknown parameter `{}`: use {}", p.get_ref(), names.join(" or ")),
                );
            }
        }
    }
    let mut t =
        Template { purpose: purpose.to_string(), name: name.clone(), format, params, languages: BTreeMap::new() };
    for (code_key, reg) in s.languages.get_ref() {
        let lfield = format!("{field}.languages.{code_key}");
        let lang = match Lang::parse(code_key) {
            Ok(l) if known.languages.contains(&l) => l,
            Ok(l) => {
                cx.err(reg.span(), lfield, format!("language `{l}` is not in languages.toml"));
                continue;
            }
            Err(e) => {
                cx.err(reg.span(), lfield, e);
                continue;
            }
        };
        let r = reg.get_ref();
        if let Err(e) = check_code(lang, r.code.get_ref()) {
            cx.err(r.code.span(), format!("{lfield}.code"), e);
        }
        if let Err(e) = t.check_body(r.body.get_ref()) {
            cx.err(r.body.span(), format!("{lfield}.body"), e);
        }
        t.languages.insert(lang, Registered { code: r.code.get_ref().clone(), body: r.body.get_ref().clone() });
    }
    let missing: BTreeSet<(&Lang, &String)> = needed.iter().filter(|(l, _)| !t.languages.contains_key(l)).collect();
    for (lang, team) in missing {
        cx.err(
            s.languages.span(),
            format!("{field}.languages"),
            format!("no `{lang}`, which team `{team}` speaks: register the template in it and add it here"),
        );
    }
    (cx.errors.len() == before).then_some(t)
}

/// Meta's language codes are its own (`pt_PT`, `en_US`, `nb`), not BCP 47:
/// the language, then `_` and a region in capitals.
fn check_code(lang: Lang, code: &str) -> Result<(), String> {
    let (base, region) = match code.split_once(['_', '-']) {
        Some((b, r)) => (b, Some(r)),
        None => (code, None),
    };
    let shaped = base.len() >= 2
        && base.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| (2..=3).contains(&r.len()) && r.chars().all(|c| c.is_ascii_uppercase()));
    if !shaped {
        return Err(format!("`{code}` is not a WhatsApp language code (such as `en_US`, `pt_PT`, `nb`)"));
    }
    if code.contains('-') {
        return Err(format!("`{code}`: WhatsApp writes `{}`, with `_`", code.replace('-', "_")));
    }
    if base != lang.as_str() {
        return Err(format!("`{code}` is not a code of `{lang}`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_metas() {
        let pt = Lang::parse("pt").unwrap();
        assert!(check_code(pt, "pt_PT").is_ok());
        assert!(check_code(pt, "pt").is_ok());
        assert!(check_code(pt, "pt-PT").unwrap_err().contains("pt_PT"));
        assert!(check_code(pt, "es").unwrap_err().contains("not a code of `pt`"));
        assert!(check_code(pt, "PT").is_err());
    }
}

//! The Fluent catalog: `locales/<lang>/*.ftl` loaded into one bundle per
//! language, with per-message fallback to the reference language.

pub mod address;
pub mod check;
pub mod clock;
pub mod comments;
pub mod examples;
pub mod opening;
pub mod render;
pub mod source;
pub mod status;
pub mod thanks;
pub mod when;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::domain::Lang;

/// A problem in a `.ftl` file, as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LocaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file.display(), self.line, self.column, self.message)
    }
}

impl std::error::Error for LocaleError {}

/// 1-based line and column of byte `offset` in `src`.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..src.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, col)
}

/// One locale's messages.
struct Locale {
    bundle: FluentBundle<FluentResource>,
    ids: BTreeSet<String>,
}

/// Every locale the bot speaks.
pub struct Catalog {
    locales: HashMap<Lang, Locale>,
    reference: Lang,
    dir: PathBuf,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog").field("dir", &self.dir).field("reference", &self.reference).finish_non_exhaustive()
    }
}

/// The `.ftl` files of one locale directory, sorted.
pub fn ftl_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    Ok(files)
}

impl Catalog {
    /// Loads `dir/<lang>/*.ftl` for each language. Any syntax error, a
    /// message defined twice, or a missing locale directory is an error.
    pub fn load(dir: &Path, langs: &[Lang], reference: Lang) -> Result<Self, Vec<LocaleError>> {
        let mut errors = Vec::new();
        let mut locales = HashMap::new();
        for &lang in langs {
            let ldir = dir.join(lang.as_str());
            let files = match ftl_files(&ldir) {
                Ok(f) if !f.is_empty() => f,
                Ok(_) => {
                    errors.push(LocaleError {
                        file: ldir,
                        line: 1,
                        column: 1,
                        message: format!("locale `{lang}` has no .ftl files"),
                    });
                    continue;
                }
                Err(e) => {
                    errors.push(LocaleError {
                        file: ldir,
                        line: 1,
                        column: 1,
                        message: format!("cannot read locale `{lang}`: {e}"),
                    });
                    continue;
                }
            };
            let langid: unic_langid::LanguageIdentifier = lang.as_str().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode isolation marks: DMs show them as stray characters.
            bundle.set_use_isolating(false);
            let mut ids = BTreeSet::new();
            for file in files {
                let src = match std::fs::read_to_string(&file) {
                    Ok(s) => s,
                    Err(e) => {
                        errors.push(LocaleError { file, line: 1, column: 1, message: format!("cannot read: {e}") });
                        continue;
                    }
                };
                let res = match FluentResource::try_new(src.clone()) {
                    Ok(r) => r,
                    Err((r, errs)) => {
                        for e in errs {
                            let (line, column) = line_col(&src, e.pos.start);
                            errors.push(LocaleError { file: file.clone(), line, column, message: e.kind.to_string() });
                        }
                        r
                    }
                };
                for entry in res.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        if !ids.insert(m.id.name.to_string()) {
                            let off = src.find(&format!("\n{} ", m.id.name)).map(|o| o + 1).unwrap_or(0);
                            let (line, column) = line_col(&src, off);
                            errors.push(LocaleError {
                                file: file.clone(),
                                line,
                                column,
                                message: format!("message `{}` is defined twice in locale `{lang}`", m.id.name),
                            });
                        }
                    }
                }
                // Duplicates were reported above; keep the first definition.
                let _ = bundle.add_resource(res);
            }
            locales.insert(lang, Locale { bundle, ids });
        }
        if !locales.contains_key(&reference) && errors.is_empty() {
            errors.push(LocaleError {
                file: dir.join(reference.as_str()),
                line: 1,
                column: 1,
                message: format!("the reference locale `{reference}` is missing"),
            });
        }
        if errors.is_empty() {
            Ok(Self { locales, reference, dir: dir.to_path_buf() })
        } else {
            Err(errors)
        }
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.locales.get(&lang).is_some_and(|l| l.ids.contains(id))
    }

    /// Whether message `id`, as `lang` would send it (the reference
    /// language's when `lang` lacks it), uses variable `var` in any variant.
    pub fn uses_variable(&self, lang: Lang, id: &str, var: &str) -> bool {
        let pattern = |l: Lang| self.locales.get(&l)?.bundle.get_message(id)?.value();
        pattern(lang).or_else(|| pattern(self.reference)).is_some_and(|p| source::pattern_variables(p).contains(var))
    }

    /// Formats message `id` in `lang`, or in the reference language when
    /// `lang` lacks it or it fails to format there. `None` only when no
    /// locale has it (which loading the flows rules out for the bot's own
    /// messages).
    pub fn format(&self, lang: Lang, id: &str, args: &FluentArgs) -> Option<String> {
        self.format_exact(lang, id, args).or_else(|| self.format_exact(self.reference, id, args))
    }

    /// Formats in `lang` only; `None` when missing or when formatting it
    /// reported an error (such as an unknown variable).
    pub fn format_exact(&self, lang: Lang, id: &str, args: &FluentArgs) -> Option<String> {
        let locale = self.locales.get(&lang)?;
        let msg = locale.bundle.get_message(id)?;
        let pattern = msg.value()?;
        let mut errors = vec![];
        let text = locale.bundle.format_pattern(pattern, Some(args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

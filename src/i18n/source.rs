//! The `.ftl` files of `locales/` read as source text, for the translators'
//! tools (`check`, `status`, `render`): each message with its place in the
//! file, the variables it uses and its own source text. Never panics on any
//! input: a file that cannot be parsed still yields what can be read.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser::ParserError;

use super::line_col;

/// The reference locale when `flows/languages.toml` cannot say.
pub const DEFAULT_REFERENCE: &str = "en";

/// One message of one `.ftl` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMessage {
    pub id: String,
    /// 1-based place of the id in the file.
    pub line: usize,
    pub column: usize,
    /// Every `$variable` the value and attributes use, selectors included.
    pub variables: BTreeSet<String>,
    pub attributes: Vec<String>,
    /// Messages (`{ other }`) and terms (`{ -brand }`) it refers to.
    pub message_refs: BTreeSet<String>,
    pub term_refs: BTreeSet<String>,
    /// Selectors whose variant keys are CLDR plural categories, with the
    /// variable they select on and the keys given (for the plural check).
    pub plural_selectors: Vec<(String, BTreeSet<String>)>,
    /// For a selector on text (`$open`: `[yes]`, `*[no]`), the variables
    /// each variant uses, by key: a customer gets one variant, so a variable
    /// dropped from one is dropped for them.
    pub variant_variables: BTreeMap<String, BTreeSet<String>>,
    /// The message's text as written, whitespace collapsed: what the
    /// staleness hash is taken of, so re-indenting is not a change.
    pub text: String,
}

/// One `.ftl` file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub messages: Vec<SourceMessage>,
    pub terms: BTreeSet<String>,
    /// Ids of entries the parser had to skip (junk), so a broken message is
    /// reported once, as a syntax error, and not again as missing.
    pub broken_ids: BTreeSet<String>,
    /// Parser errors, at the place the parser stopped.
    pub errors: Vec<SyntaxError>,
    /// Set when the file could not be read at all (not UTF-8, permissions).
    pub unreadable: Option<String>,
}

/// A parser error with its place, and the entry it broke: the parser often
/// stops at the next line (an unclosed `{` is noticed there), so the
/// message that holds the mistake is named as well.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub error: ParserError,
    /// The id of the broken entry and the line it starts on, when known.
    pub entry: Option<(String, usize)>,
}

/// All `.ftl` files of one locale directory.
#[derive(Debug, Clone)]
pub struct SourceLocale {
    pub lang: String,
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
}

impl SourceLocale {
    /// Reads `locales_dir/<lang>/*.ftl`; an absent directory gives no files.
    pub fn read(locales_dir: &Path, lang: &str) -> Self {
        let dir = locales_dir.join(lang);
        let files = super::ftl_files(&dir).unwrap_or_default().into_iter().map(|p| read_file(&p)).collect();
        Self { lang: lang.to_string(), dir, files }
    }

    /// The first definition of each message, with its file.
    pub fn messages(&self) -> BTreeMap<&str, (&SourceFile, &SourceMessage)> {
        let mut out = BTreeMap::new();
        for f in &self.files {
            for m in &f.messages {
                out.entry(m.id.as_str()).or_insert((f, m));
            }
        }
        out
    }

    /// Messages in file order (the order a translator reads them in).
    pub fn ordered(&self) -> Vec<&SourceMessage> {
        let mut seen = BTreeSet::new();
        self.files.iter().flat_map(|f| &f.messages).filter(|m| seen.insert(m.id.as_str())).collect()
    }

    pub fn broken_ids(&self) -> BTreeSet<&str> {
        self.files.iter().flat_map(|f| f.broken_ids.iter().map(String::as_str)).collect()
    }
}

/// The locale directories under `locales_dir` (those holding `.ftl` files), sorted.
pub fn locale_dirs(locales_dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(locales_dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|name| !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Reads and parses one file.
pub fn read_file(path: &Path) -> SourceFile {
    let mut file = SourceFile {
        path: path.to_path_buf(),
        messages: vec![],
        terms: BTreeSet::new(),
        broken_ids: BTreeSet::new(),
        errors: vec![],
        unreadable: None,
    };
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(src) => parse_into(&src, &mut file),
            Err(e) => {
                let (line, col) = line_col(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
                file.unreadable = Some(format!("not UTF-8 text (first bad byte at line {line}, column {col})"));
            }
        },
        Err(e) => file.unreadable = Some(format!("cannot read: {e}")),
    }
    file
}

/// Parses `src` as if it were the content of `path`.
pub fn parse_source(path: &Path, src: &str) -> SourceFile {
    let mut file = SourceFile {
        path: path.to_path_buf(),
        messages: vec![],
        terms: BTreeSet::new(),
        broken_ids: BTreeSet::new(),
        errors: vec![],
        unreadable: None,
    };
    parse_into(src, &mut file);
    file
}

fn parse_into(src: &str, file: &mut SourceFile) {
    let resource = match fluent_syntax::parser::parse(src) {
        Ok(r) => r,
        Err((r, errs)) => {
            for e in errs {
                let (line, column) = line_col(src, e.pos.start);
                let entry = e.slice.as_ref().and_then(|r| {
                    let junk = src.get(r.clone())?;
                    let id = junk_id(junk)?;
                    let at = junk.find(&id).map(|o| r.start + o).unwrap_or(r.start);
                    Some((id, line_col(src, at).0))
                });
                file.errors.push(SyntaxError { line, column, error: e, entry });
            }
            r
        }
    };
    let slices = message_slices(src);
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                let id = m.id.name.to_string();
                // The n-th definition of an id matches the n-th slice of it.
                let nth = file.messages.iter().filter(|x| x.id == id).count();
                let range = slices.iter().filter(|(sid, _)| *sid == id).nth(nth).map(|(_, r)| r.clone());
                let (line, column) = range.as_ref().map(|r| line_col(src, r.start)).unwrap_or((1, 1));
                let text = range.map(|r| collapse(&src[r])).unwrap_or_default();
                let mut walk = Walk::default();
                if let Some(v) = &m.value {
                    walk.pattern(v);
                }
                for a in &m.attributes {
                    walk.pattern(&a.value);
                }
                file.messages.push(SourceMessage {
                    id,
                    line,
                    column,
                    variables: walk.variables,
                    attributes: m.attributes.iter().map(|a| a.id.name.to_string()).collect(),
                    message_refs: walk.message_refs,
                    term_refs: walk.term_refs,
                    plural_selectors: walk.plural_selectors,
                    variant_variables: walk.variant_variables,
                    text,
                });
            }
            Entry::Term(t) => {
                file.terms.insert(t.id.name.to_string());
            }
            Entry::Junk { content } => {
                if let Some(id) = junk_id(content) {
                    file.broken_ids.insert(id);
                }
            }
            _ => {}
        }
    }
}

/// The CLDR plural category names, as Fluent variant keys.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The variables a message's pattern uses, in every variant.
pub(crate) fn pattern_variables(p: &Pattern<&str>) -> BTreeSet<String> {
    let mut walk = Walk::default();
    walk.pattern(p);
    walk.variables
}

#[derive(Default)]
struct Walk {
    variables: BTreeSet<String>,
    message_refs: BTreeSet<String>,
    term_refs: BTreeSet<String>,
    plural_selectors: Vec<(String, BTreeSet<String>)>,
    variant_variables: BTreeMap<String, BTreeSet<String>>,
}

impl Walk {
    fn pattern(&mut self, p: &Pattern<&str>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, e: &Expression<&str>) {
        match e {
            Expression::Inline(i) => self.inline(i),
            Expression::Select { selector, variants } => {
                self.inline(selector);
                let keys: BTreeSet<String> = variants
                    .iter()
                    .filter_map(|v| match &v.key {
                        fluent_syntax::ast::VariantKey::Identifier { name } => Some(name.to_string()),
                        fluent_syntax::ast::VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                // "other" alone is a plain default (`*[other]`), as in `city`;
                // a plural selector names at least one more category.
                let plural = keys.iter().any(|k| PLURAL_CATEGORIES.contains(&k.as_str()) && k != "other");
                if let (true, InlineExpression::VariableReference { id }) = (plural, selector) {
                    self.plural_selectors.push((id.name.to_string(), keys));
                }
                for v in variants {
                    self.pattern(&v.value);
                    if let (false, fluent_syntax::ast::VariantKey::Identifier { name }) = (plural, &v.key) {
                        let used = pattern_variables(&v.value);
                        self.variant_variables.entry(name.to_string()).or_default().extend(used);
                    }
                }
            }
        }
    }

    fn inline(&mut self, i: &InlineExpression<&str>) {
        match i {
            InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_string());
            }
            InlineExpression::MessageReference { id, .. } => {
                self.message_refs.insert(id.name.to_string());
            }
            InlineExpression::TermReference { id, arguments, .. } => {
                self.term_refs.insert(id.name.to_string());
                if let Some(args) = arguments {
                    args.positional.iter().for_each(|a| self.inline(a));
                    args.named.iter().for_each(|a| self.inline(&a.value));
                }
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| self.inline(a));
                arguments.named.iter().for_each(|a| self.inline(&a.value));
            }
            InlineExpression::Placeable { expression } => self.expression(expression),
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
        }
    }
}

/// The id a junk entry was meant to define, if it starts like a message.
fn junk_id(content: &str) -> Option<String> {
    content.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).find_map(entry_id).map(str::to_string)
}

/// `id` when `line` starts a message (`id =`, at column 0).
fn entry_id(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(line.len());
    line[end..].trim_start_matches([' ', '\t']).starts_with('=').then(|| &line[..end])
}

/// Each message's id and byte range in `src`, found from the text alone (the
/// AST has no spans): a message starts with `id =` at column 0 and goes on
/// over indented and blank lines; trailing blank lines are not part of it.
pub fn message_slices(src: &str) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = vec![];
    let mut current: Option<(String, usize, usize)> = None;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let continues = body.trim().is_empty() || body.starts_with([' ', '\t']);
        if let Some((_, _, end)) = current.as_mut() {
            if continues {
                if !body.trim().is_empty() {
                    *end = start + body.len();
                }
                continue;
            }
        }
        if let Some((id, s, e)) = current.take() {
            out.push((id, s..e));
        }
        if let Some(id) = entry_id(body) {
            current = Some((id.to_string(), start, start + body.len()));
        }
    }
    if let Some((id, s, e)) = current {
        out.push((id, s..e));
    }
    out
}

/// Whitespace runs collapsed to one space, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "# comment\nhello = Hi { $name }!\n\nin-hours =\n    { $hours ->\n        [one] an hour\n\n       *[other] { $hours } hours\n    }\n\n-brand = Northwind\nlabel = { -brand } { hello }\n    .title = T\n";

    #[test]
    fn messages_come_with_their_line_variables_and_text() {
        let f = parse_source(Path::new("x.ftl"), SRC);
        let ids: Vec<&str> = f.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["hello", "in-hours", "label"]);
        assert_eq!((f.messages[1].line, f.messages[1].column), (4, 1));
        assert_eq!(f.messages[0].variables, BTreeSet::from(["name".to_string()]));
        assert_eq!(f.messages[1].text, "in-hours = { $hours -> [one] an hour *[other] { $hours } hours }");
        assert_eq!(f.messages[1].plural_selectors.len(), 1);
        assert_eq!(f.messages[2].attributes, ["title"]);
        assert!(f.messages[2].term_refs.contains("brand") && f.messages[2].message_refs.contains("hello"));
        assert!(f.terms.contains("brand"));
    }

    #[test]
    fn a_broken_message_is_junk_with_its_id_and_its_error_line() {
        let f = parse_source(Path::new("x.ftl"), "ok = fine\nbad = { $x\nnext = fine\n");
        assert!(f.broken_ids.contains("bad"), "{:?}", f.broken_ids);
        assert_eq!(f.errors.len(), 1);
        // The parser notices the missing `}` at the next entry, line 3.
        assert_eq!((f.errors[0].line, f.errors[0].column), (3, 1));
        assert_eq!(f.errors[0].entry, Some(("bad".to_string(), 2)));
        assert_eq!(f.messages.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["ok", "next"]);
    }
}

//! `flows/replies.toml`: the saved replies leads keep for the care team,
//! checked into [`SavedReply`]s: an id, a title and bodies in the
//! languages of the flows, with only the known placeholders.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::schema::S;
use super::{read, FileCtx, FlowsError};
use crate::domain::replies::{placeholders_of, SavedReply};
use crate::domain::Lang;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RepliesFile {
    #[serde(default)]
    replies: IndexMap<String, S<ReplySpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplySpec {
    title: S<String>,
    body: S<IndexMap<String, S<String>>>,
}

/// The longest body (a reply is a chat message).
const MAX_BODY_CHARS: usize = 1000;

/// Reads `dir/replies.toml` (optional: without it there are no saved replies).
pub(super) fn load(dir: &Path, languages: &[Lang], errors: &mut Vec<FlowsError>) -> Vec<SavedReply> {
    let path = dir.join("replies.toml");
    let mut out = Vec::new();
    let Some((file, src)) = read::<RepliesFile>(&path, errors, false) else { return out };
    let mut cx = FileCtx { path: path.clone(), src, errors };
    for (id, spec) in &file.replies {
        let field = format!("replies.{id}");
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
            cx.err(spec.span(), field.clone(), format!("`{id}`: an id is lower-case letters, digits, `-` and `_`"));
            continue;
        }
        let s = spec.get_ref();
        let before = cx.errors.len();
        if s.title.get_ref().trim().is_empty() {
            cx.err(s.title.span(), format!("{field}.title"), "empty: the console lists replies by their title");
        }
        let mut bodies = BTreeMap::new();
        for (code, body) in s.body.get_ref() {
            let f = format!("{field}.body.{code}");
            let lang = match Lang::parse(code) {
                Ok(l) if languages.contains(&l) => l,
                Ok(l) => {
                    cx.err(body.span(), f, format!("language `{l}` is not in languages.toml"));
                    continue;
                }
                Err(e) => {
                    cx.err(body.span(), f, e);
                    continue;
                }
            };
            let text = body.get_ref();
            if text.trim().is_empty() {
                cx.err(body.span(), f, "empty");
                continue;
            }
            if text.chars().count() > MAX_BODY_CHARS {
                cx.err(body.span(), f, format!("longer than {MAX_BODY_CHARS} characters"));
                continue;
            }
            if let Err(e) = placeholders_of(text) {
                cx.err(body.span(), f, format!("\"{text}\": {e}"));
                continue;
            }
            bodies.insert(lang, text.trim().to_string());
        }
        // A language without a body (one just added, not translated yet)
        // is offered the fallback language's body, marked as such: not an
        // error, as a message missing in a locale is not.
        if cx.errors.len() == before {
            out.push(SavedReply { id: id.clone(), title: s.title.get_ref().trim().to_string(), bodies });
        }
    }
    out
}

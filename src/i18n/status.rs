//! `locales status`: per locale, how many messages are translated, missing
//! (the customer gets the reference text) or stale (the reference text
//! changed after the translation was confirmed).
//!
//! Staleness is tracked, as translation tools do, with a lock file per
//! locale, `locales/<lang>/sources.lock`: one line `message-id = hash` per
//! message, the hash being the first 16 hex digits of the SHA-256 of the
//! reference message's source text (whitespace collapsed, comments left out)
//! as it was when the translation was last confirmed. `locales accept <lang>`
//! writes it. A message with no line in the lock is "unconfirmed". One file
//! per locale keeps a translator's change and its confirmation in one folder
//! and one review, and two translators never touch the same file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::check::FlowsView;
use super::source::{locale_dirs, SourceLocale};

/// The lock file's name inside `locales/<lang>/`.
pub const LOCK_FILE: &str = "sources.lock";

const LOCK_HEADER: &str = "\
# The reference (en) text each message of this locale was translated from:
# `message-id = ` the first 16 hex digits of the SHA-256 of the reference
# message's source, whitespace collapsed. `afterhours locales status` calls a
# message stale when the reference no longer hashes the same.
# Written by `afterhours locales accept <lang> [--message ID]...` after a review; do not edit.
";

/// One locale's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocaleStatus {
    pub lang: String,
    /// Messages of the reference locale.
    pub total: usize,
    /// Reference messages this locale defines (stale and unconfirmed ones included).
    pub translated: usize,
    /// Reference messages it lacks: customers get the reference text.
    pub missing: Vec<String>,
    /// Translated, but the reference changed since the translation was confirmed.
    pub stale: Vec<String>,
    /// Translated, with no confirmation in the lock file.
    pub unconfirmed: Vec<String>,
    /// Messages only this locale has.
    pub extra: Vec<String>,
    pub is_reference: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusReport {
    pub reference: String,
    pub locales: Vec<LocaleStatus>,
}

/// The staleness hash of a message's source text.
pub fn source_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    hex::encode(&digest[..8])
}

/// Reads a lock file; a missing or unreadable one is empty.
pub fn read_lock(path: &Path) -> BTreeMap<String, String> {
    let src = std::fs::read_to_string(path).unwrap_or_default();
    src.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(id, h)| (id.trim().to_string(), h.trim().to_string()))
        .filter(|(id, h)| !id.is_empty() && !h.is_empty())
        .collect()
}

fn lock_text(entries: &BTreeMap<String, String>) -> String {
    let mut s = LOCK_HEADER.to_string();
    for (id, h) in entries {
        s += &format!("{id} = {h}\n");
    }
    s
}

/// The hash of every reference message, by id.
fn reference_hashes(reference: &SourceLocale) -> BTreeMap<String, String> {
    reference.messages().into_iter().map(|(id, (_, m))| (id.to_string(), source_hash(&m.text))).collect()
}

/// Coverage of every locale under `locales_dir` (and every language in
/// `flows_dir/languages.toml`), the reference first.
pub fn status(locales_dir: &Path, flows_dir: &Path) -> StatusReport {
    let flows = FlowsView::read(flows_dir);
    let reference_code = flows.reference().to_string();
    let reference = SourceLocale::read(locales_dir, &reference_code);
    let hashes = reference_hashes(&reference);
    let mut codes: Vec<String> = locale_dirs(locales_dir);
    for (c, _) in &flows.languages {
        if !codes.contains(c) {
            codes.push(c.clone());
        }
    }
    codes.sort_by_key(|c| (*c != reference_code, c.clone()));
    let locales = codes
        .into_iter()
        .map(|code| {
            if code == reference_code {
                return LocaleStatus {
                    lang: code,
                    total: hashes.len(),
                    translated: hashes.len(),
                    missing: vec![],
                    stale: vec![],
                    unconfirmed: vec![],
                    extra: vec![],
                    is_reference: true,
                };
            }
            let locale = SourceLocale::read(locales_dir, &code);
            let ours = locale.messages();
            let lock = read_lock(&locale.dir.join(LOCK_FILE));
            let mut st = LocaleStatus {
                lang: code,
                total: hashes.len(),
                translated: 0,
                missing: vec![],
                stale: vec![],
                unconfirmed: vec![],
                extra: ours.keys().filter(|id| !hashes.contains_key(**id)).map(|s| s.to_string()).collect(),
                is_reference: false,
            };
            for (id, hash) in &hashes {
                if !ours.contains_key(id.as_str()) {
                    st.missing.push(id.clone());
                    continue;
                }
                st.translated += 1;
                match lock.get(id) {
                    None => st.unconfirmed.push(id.clone()),
                    Some(h) if h != hash => st.stale.push(id.clone()),
                    Some(_) => {}
                }
            }
            st
        })
        .collect();
    StatusReport { reference: reference_code, locales }
}

/// Why `accept` could not write.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("`{0}` is the reference locale: it is the source, there is nothing to confirm")]
    Reference(String),
    #[error("locale `{lang}` has no .ftl files in {dir}")]
    NoLocale { lang: String, dir: PathBuf },
    #[error("`{lang}` does not define {ids}: translate them first")]
    NotTranslated { lang: String, ids: String },
    #[error("writing {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// Records that `lang`'s translations of `ids` (all its messages when
/// empty) match the reference as it is now; returns the lock file and how
/// many entries were written or changed.
pub fn accept(
    locales_dir: &Path,
    flows_dir: &Path,
    lang: &str,
    ids: &[String],
) -> Result<(PathBuf, usize), AcceptError> {
    let flows = FlowsView::read(flows_dir);
    let reference_code = flows.reference();
    if lang == reference_code {
        return Err(AcceptError::Reference(lang.to_string()));
    }
    let reference = SourceLocale::read(locales_dir, reference_code);
    let hashes = reference_hashes(&reference);
    let locale = SourceLocale::read(locales_dir, lang);
    if locale.files.is_empty() {
        return Err(AcceptError::NoLocale { lang: lang.to_string(), dir: locale.dir });
    }
    let ours = locale.messages();
    let not_there: Vec<&str> =
        ids.iter().map(String::as_str).filter(|id| !ours.contains_key(id) || !hashes.contains_key(*id)).collect();
    if !not_there.is_empty() {
        return Err(AcceptError::NotTranslated { lang: lang.to_string(), ids: not_there.join(", ") });
    }
    let path = locale.dir.join(LOCK_FILE);
    let mut lock = read_lock(&path);
    // Entries for messages that are gone from either side mean nothing any more.
    lock.retain(|id, _| ours.contains_key(id.as_str()) && hashes.contains_key(id));
    let mut changed = 0;
    for (id, hash) in &hashes {
        let wanted = if ids.is_empty() { ours.contains_key(id.as_str()) } else { ids.contains(id) };
        if wanted && lock.get(id) != Some(hash) {
            lock.insert(id.clone(), hash.clone());
            changed += 1;
        }
    }
    std::fs::write(&path, lock_text(&lock)).map_err(|source| AcceptError::Write { path: path.clone(), source })?;
    Ok((path, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable_and_short() {
        // A fixed value: changing the hash would make every shipped lock stale.
        assert_eq!(source_hash("hello = Hi!"), "13c003d451fae2e0");
        assert_eq!(source_hash("hello = Hi!").len(), 16);
    }

    #[test]
    fn the_lock_reads_back_what_it_writes() {
        let entries = BTreeMap::from([("a-b".to_string(), "0123".to_string()), ("c".to_string(), "ff".to_string())]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(LOCK_FILE);
        std::fs::write(&p, lock_text(&entries)).unwrap();
        assert_eq!(read_lock(&p), entries);
    }
}

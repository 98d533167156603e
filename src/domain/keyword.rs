//! The word each language's label tells customers to type to reach a person.
//!
//! "Type 'agent' at any time": a customer may do that as their very first
//! message, in any case, with a typo, without its accents, on a phone that
//! autocorrects. One or two words say little to the language detector
//! ("medarbeider" is Danish typed by a Norwegian hand), so the keywords of
//! every language are known here (`flows/languages.toml`, `keyword`), and
//! a message that is one of them asks for a person, in the language whose
//! label the customer read.

use super::ids::Lang;
use super::text::normalize_word;
use super::translit;

/// A message is a keyword request when it has at most this many words and
/// one of them is a keyword: "agent", "agent please", "medewerker graag".
pub const MAX_WORDS: usize = 3;

/// The keywords of the configured languages, normalised as the tokenizer
/// normalises words (lower case, accents dropped).
#[derive(Debug, Clone, Default)]
pub struct LabelKeywords {
    words: Vec<(Lang, String)>,
}

impl LabelKeywords {
    pub fn new<'a>(keywords: impl IntoIterator<Item = (Lang, &'a str)>) -> Self {
        Self { words: keywords.into_iter().map(|(l, w)| (l, normalize_word(w))).collect() }
    }

    /// The languages whose keyword `words` (the tokenizer's) hold, closest
    /// first (edits from the keyword); empty when the message is longer than
    /// [`MAX_WORDS`] or names none.
    pub fn find(&self, words: &[String]) -> Vec<(Lang, usize)> {
        let mut found: Vec<(Lang, usize)> = Vec::new();
        if words.is_empty() || words.len() > MAX_WORDS {
            return found;
        }
        for word in words {
            // Russian keywords are also typed in Latin letters ("operator").
            let cyrillic = normalize_word(&translit::to_cyrillic(word));
            for (lang, keyword) in &self.words {
                let d = [word.as_str(), cyrillic.as_str()].into_iter().filter_map(|w| typos(w, keyword)).min();
                if let Some(d) = d {
                    match found.iter_mut().find(|(l, _)| l == lang) {
                        Some(f) => f.1 = f.1.min(d),
                        None => found.push((*lang, d)),
                    }
                }
            }
        }
        found.sort_by_key(|(_, d)| *d);
        found
    }
}

/// The typos between `word` and `keyword` when few enough for its length:
/// none on four letters or fewer, one from five (on five letters only a
/// dropped or swapped letter: "argent" is a word, not "agent" misspelt),
/// two from nine ("Mitarbeiterin", "konsultantka").
fn typos(word: &str, keyword: &str) -> Option<usize> {
    let len = keyword.chars().count();
    let allowed = match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    let d = strsim::osa_distance(word, keyword);
    (d <= allowed && (d == 0 || len > 5 || dropped_or_swapped(word, keyword))).then_some(d)
}

/// `word` is `keyword` with one letter dropped ("agen") or two letters
/// swapped ("agnet"); a letter changed is another word ("åbent", "argent").
fn dropped_or_swapped(word: &str, keyword: &str) -> bool {
    let (w, k): (Vec<char>, Vec<char>) = (word.chars().collect(), keyword.chars().collect());
    if w.len() + 1 == k.len() {
        return true;
    }
    let (mut ws, mut ks) = (w.clone(), k.clone());
    ws.sort_unstable();
    ks.sort_unstable();
    w.len() == k.len() && ws == ks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::tokenize;

    fn keywords() -> LabelKeywords {
        let l = |s: &str| Lang::parse(s).unwrap();
        LabelKeywords::new([
            (l("en"), "agent"),
            (l("nl"), "medewerker"),
            (l("da"), "medarbejder"),
            (l("es"), "agente"),
            (l("ru"), "оператор"),
            (l("it"), "operatore"),
        ])
    }

    fn first(text: &str) -> Option<String> {
        keywords().find(&tokenize(text).words).first().map(|(l, _)| l.to_string())
    }

    #[test]
    fn finds_the_keyword_in_any_case_with_a_typo_or_no_accents() {
        for (text, lang) in [
            ("agent", "en"),
            ("AGENT!!", "en"),
            ("agnet", "en"),
            ("agen", "en"),
            ("agente", "es"),
            ("Medewerkr aub", "nl"),
            ("medarbeider", "da"),
            ("operator", "ru"),
            ("ОПЕРАТОР", "ru"),
            ("operatore pls", "it"),
        ] {
            assert_eq!(first(text).as_deref(), Some(lang), "{text}");
        }
    }

    #[test]
    fn a_longer_message_or_a_mere_neighbour_is_no_keyword() {
        for text in
            ["argent", "mon argent", "agenda", "åbent", "abent", "can I talk to an agent about my order", "hello"]
        {
            assert_eq!(first(text), None, "{text}");
        }
    }
}

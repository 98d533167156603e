//! Words of thanks per language, to prove a complainant is never thanked
//! (the American Airlines failure, playbook rule 3). Used by tests and by
//! `afterhours eval` on the rendered replies; independent of `flows/`.

use crate::domain::text::{tokenize, Pattern, PatternSet};

/// Thanks in each shipped language (stems; see `domain::text` for `*`).
const THANKS: [(&str, &[&str]); 12] = [
    ("en", &["thank*", "thx", "ty", "cheers", "grateful", "appreciate*"]),
    ("nl", &["bedank*", "dank*"]),
    ("de", &["dank*"]),
    ("fr", &["merci*", "remerci*"]),
    ("es", &["gracias", "agradec*"]),
    ("it", &["grazie", "ringrazi*"]),
    ("pt", &["obrigad*", "agradec*", "grat*"]),
    ("sv", &["tack*"]),
    ("nb", &["takk*"]),
    ("da", &["tak", "takk*"]),
    ("pl", &["dziek*", "dzieki"]),
    ("ru", &["спасиб*", "благодар*"]),
];

/// The thanks words of `lang` (English for other languages) found in
/// `text`, or an empty list. The automated label is not excluded: it must
/// not thank either.
pub fn thanks_in(lang: &str, text: &str) -> Vec<String> {
    let entries = THANKS.iter().find(|(l, _)| *l == lang).map(|(_, e)| *e).unwrap_or(THANKS[0].1);
    let set = PatternSet::new(entries.iter().filter_map(|e| Pattern::parse(e).ok()).collect());
    let words = tokenize(text).words;
    let mut found = Vec::new();
    set.for_each_match(&words, |_, pos| found.push(words[pos].clone()));
    // "grat*" would also match Portuguese "grátis"; only gratitude counts.
    found.retain(|w| !w.starts_with("gratis") && !w.starts_with("gratuit"));
    found
}

#[cfg(test)]
mod tests {
    use super::thanks_in;

    #[test]
    fn finds_thanks_in_every_language() {
        assert_eq!(thanks_in("en", "Thanks for your support!"), ["thanks"]);
        assert_eq!(thanks_in("pl", "Dziękujemy za wsparcie"), ["dziekujemy"]);
        assert_eq!(thanks_in("ru", "Спасибо за поддержку"), ["спасибо"]);
        assert!(thanks_in("da", "Vi beklager meget").is_empty());
        assert!(thanks_in("pl", "tak, przepraszamy").is_empty());
    }
}

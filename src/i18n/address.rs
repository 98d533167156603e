//! The brand's address form per language (`address` in
//! `flows/languages.toml`): the words that give away the other form, for
//! `locales check` to flag ("du" in a German "Sie" voice).

/// The words of each form: lower-case entries match in any case; an entry
/// written with a capital matches only so written and not opening a sentence
/// (German "Ihnen", Danish "De": lower case they are other words).
fn forms(lang: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    // (informal, formal)
    Some(match lang {
        "de" => (
            &["du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines", "euch", "euer", "eure"],
            &["Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"],
        ),
        "fr" => (&["tu", "te", "toi", "ton", "ta", "tes", "t"], &["vous", "votre", "vos"]),
        "es" => (&["tú", "ti", "contigo", "tus", "te", "vosotros", "os", "vuestro", "vuestra"], &["usted", "ustedes"]),
        "it" => (&["tu", "ti", "te", "tuo", "tua", "tuoi", "tue"], &["Lei", "Le", "Suo", "Sua", "Suoi", "Sue"]),
        "pt" => (&["tu", "te", "teu", "tua", "teus", "tuas", "contigo"], &["você", "vocês", "senhor", "senhora"]),
        "nl" => (&["je", "jij", "jou", "jouw"], &["u", "uw"]),
        "pl" => (
            &["ty", "cię", "ciebie", "ci", "tobie", "twój", "twoja", "twoje", "twojego", "twojej", "twoim", "twoich"],
            &["pan", "pani", "pana", "panu", "panią", "państwo", "państwa", "państwu"],
        ),
        "ru" => (
            &[
                "ты",
                "тебя",
                "тебе",
                "тобой",
                "твой",
                "твоя",
                "твоё",
                "твое",
                "твои",
                "твоего",
                "твоей",
                "твоим",
                "твоих",
            ],
            &["вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "вашего", "вашей", "вашим", "ваших"],
        ),
        "sv" => (&["du", "dig", "din", "ditt", "dina"], &["Ni", "Er", "Ert", "Era"]),
        "nb" => (&["du", "deg", "din", "ditt", "dine"], &["De", "Dem", "Deres"]),
        "da" => (&["du", "dig", "din", "dit", "dine"], &["De", "Dem", "Deres"]),
        _ => return None,
    })
}

/// The words of `text` (a message as written, with its placeables) that
/// belong to the other form than `form` (`formal` or `informal`) in `lang`;
/// empty for a form or language without a table.
pub fn wrong_words(lang: &str, form: &str, text: &str) -> Vec<String> {
    let Some((informal, formal)) = forms(lang) else {
        return Vec::new();
    };
    let other = match form {
        "formal" => informal,
        "informal" => formal,
        _ => return Vec::new(),
    };
    let mut found = Vec::new();
    let mut sentence_start = true;
    let mut word = String::new();
    let mut in_name = false;
    // A sentinel space flushes the last word.
    for c in text.chars().chain([' ']) {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        // `$back`, `[yes]`: the names of variables and variants are no words.
        let skip = in_name || c == ']';
        if !word.is_empty() && !skip {
            let hit = other.iter().any(|w| {
                let cased = w.chars().next().is_some_and(char::is_uppercase);
                if cased {
                    !sentence_start && word == *w
                } else {
                    word.to_lowercase() == *w
                }
            });
            if hit && !found.contains(&word) {
                found.push(word.clone());
            }
        }
        if !word.is_empty() {
            sentence_start = false;
        }
        word.clear();
        in_name = matches!(c, '$' | '[' | '-');
        if matches!(c, '.' | '!' | '?' | ':' | '¡' | '¿' | '«' | '„' | '“' | '"' | '–' | '\n') || c == '}' {
            sentence_start = true;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_other_form() {
        assert_eq!(wrong_words("de", "formal", "Schreib mir, dann antwortet dir jemand { $back }."), ["dir"]);
        assert!(wrong_words("de", "formal", "Sie können Ihr Paket verfolgen. Ihre Bank { $back }").is_empty());
        assert_eq!(wrong_words("de", "informal", "Wir melden uns bei Ihnen."), ["Ihnen"]);
        // Sentence-initial "De" in Danish is "they"-free only by position: not flagged.
        assert!(wrong_words("da", "informal", "De fleste pakker kommer frem.").is_empty());
        assert_eq!(wrong_words("fr", "formal", "Écris-moi, je te réponds."), ["te"]);
        assert!(wrong_words("en", "formal", "you").is_empty());
        // Variable and variant names are not words of the text.
        assert!(wrong_words("nl", "formal", "{ $u -> [u] U kunt *[je] dat }").is_empty());
    }
}

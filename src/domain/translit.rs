//! Russian typed in Latin letters ("privet, gde moy zakaz?"), back in Cyrillic.
//!
//! Customers without a Cyrillic keyboard write Russian the way they say it,
//! in the informal romanisation of chats: `sh`/`ch`/`zh`/`kh`, `ya`/`ja`,
//! `y` for both `ы` and `й`, an apostrophe or nothing for `ь`, digits for
//! the letters they look like (`4to`). No standard covers that, so the
//! mapping is ours; it aims at text the Russian n-gram model recognises, not
//! at perfect spelling: the detector compares how Russian the Cyrillic reads
//! with how much the Latin text reads like any language we speak
//! ([`super::language`]), and the word lists then read the Cyrillic.

/// Latin sequences and their Cyrillic, longest first within each first letter.
const MULTI: [(&str, &str); 28] = [
    ("shch", "щ"),
    ("sch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("tz", "ц"),
    ("yo", "ё"),
    ("jo", "ё"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ja", "я"),
    ("ia", "я"),
    ("ye", "е"),
    ("je", "е"),
    ("yy", "ый"),
    ("iy", "ий"),
    ("ij", "ий"),
    ("yj", "ый"),
    ("ay", "ай"),
    ("ey", "ей"),
    ("oy", "ой"),
    ("uy", "уй"),
    ("ai", "ай"),
    ("ei", "ей"),
];

/// One Latin letter (or chat digit) on its own.
fn single(c: char, prev_vowel: bool) -> Option<&'static str> {
    Some(match c {
        'a' => "а",
        'b' => "б",
        'v' | 'w' => "в",
        'g' => "г",
        'd' => "д",
        'e' => "е",
        'z' => "з",
        'i' => "и",
        'j' => "й",
        'k' | 'q' => "к",
        'l' => "л",
        'm' => "м",
        'n' => "н",
        'o' => "о",
        'p' => "п",
        'r' => "р",
        's' => "с",
        't' => "т",
        'u' => "у",
        'f' => "ф",
        'h' => "х",
        'c' => "ц",
        'x' => "кс",
        // After a vowel `y` is the short `й` ("moy", "day"); after a consonant, `ы`.
        'y' if prev_vowel => "й",
        'y' => "ы",
        '\'' | '’' => "ь",
        // Chat digits inside a word: "4to", "ho4u", "6kola".
        '4' => "ч",
        '6' => "ш",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Whether `c` belongs to a word for the transliteration (letters, the
/// apostrophe of a soft sign, the chat digits).
fn in_word(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '4' | '6')
}

/// The share of `text`'s letters that are plain ASCII Latin: romanised
/// Russian has no accents, no ß, no å.
pub fn plain_latin_share(text: &str) -> f64 {
    let (mut latin, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        latin += c.is_ascii_alphabetic() as usize;
    }
    if letters == 0 {
        0.0
    } else {
        latin as f64 / letters as f64
    }
}

/// `text` (lower-cased) with each Latin word written in Cyrillic; anything
/// else is kept as it is.
pub fn to_cyrillic(text: &str) -> String {
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        if !in_word(c) {
            out.push(c);
            i += 1;
            continue;
        }
        // A digit is a letter only next to letters ("4to"), never in "24".
        if c.is_ascii_digit() {
            let next_letter = lower.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic());
            let prev_letter = i > 0 && lower[i - 1].is_ascii_alphabetic();
            let next_digit = lower.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            let prev_digit = i > 0 && lower[i - 1].is_ascii_digit();
            if !(next_letter || prev_letter) || next_digit || prev_digit {
                out.push(c);
                i += 1;
                continue;
            }
        }
        let word_start = i == 0 || !in_word(lower[i - 1]);
        let prev_vowel = i > 0 && is_vowel(lower[i - 1]);
        let rest: String = lower[i..lower.len().min(i + 4)].iter().collect();
        // "e" opening a word is "э" in the few words customers write that way.
        if word_start && (rest.starts_with("eto") || rest.starts_with("eta") || rest.starts_with("eti")) {
            out.push('э');
            i += 1;
            continue;
        }
        if let Some((from, to)) = MULTI.iter().find(|(from, _)| rest.starts_with(from)) {
            // "ia"/"iu" are "я"/"ю" only after a vowel or a word's start
            // ("moia"); after a consonant they are two letters ("dialog").
            let needs_start = from.starts_with('i') && from.len() == 2 && !matches!(*from, "iy" | "ij");
            // "ay", "ai", … are a vowel and "й" only before a non-vowel
            // ("moy zakaz", "daite"); "ayo" is not "айо" in the middle of a word.
            let before_vowel = lower.get(i + from.chars().count()).is_some_and(|n| is_vowel(*n));
            let diphthong = matches!(*from, "ay" | "ey" | "oy" | "uy" | "ai" | "ei");
            let ok = (!needs_start || word_start || prev_vowel) && !(diphthong && before_vowel);
            if ok {
                out.push_str(to);
                i += from.chars().count();
                continue;
            }
        }
        match single(c, prev_vowel) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
        i += 1;
    }
    soften_infinitives(&out)
}

/// Chat Russian drops the soft sign of infinitives ("vernut", "oformit"):
/// a word of five letters or more ending in "-ит", "-ут", "-ыт" (or "-ат" of a verb) gets
/// it back ("вернуть", "оформить"), which the word lists and the n-gram
/// model know; "-ет" ("работает") is left alone.
fn soften_infinitives(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        let n = word.len();
        // "-ат" only after the consonants of verbs ("сделать", "заказать",
        // "написать"), not of nouns ("возврат", "формат", "результат").
        let soft = n >= 5
            && word[n - 1] == 'т'
            && (matches!(word[n - 2], 'и' | 'у' | 'ы')
                || word[n - 2] == 'а' && matches!(word[n - 3], 'л' | 'з' | 'с' | 'н' | 'д' | 'ж' | 'ш'));
        out.extend(word.iter());
        if soft {
            out.push('ь');
        }
        word.clear();
    };
    for c in text.chars() {
        if ('а'..='я').contains(&c) || c == 'ё' || c == 'ь' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_chat_romanisation_in_cyrillic() {
        for (latin, cyrillic) in [
            ("privet", "привет"),
            ("gde moy zakaz?", "где мой заказ?"),
            ("zdravstvuyte", "здравствуйте"),
            ("spasibo bolshoe", "спасибо болшое"),
            ("pozhaluysta", "пожалуйста"),
            ("eto uzhas", "это ужас"),
            ("ya zhdu uzhe nedelyu", "я жду уже неделю"),
            ("4to s zakazom", "что с заказом"),
            ("ne prishla posylka", "не пришла посылка"),
            ("hochu vernut' den'gi", "хочу вернуть деньги"),
            ("zakaz 12345", "заказ 12345"),
            ("kak oformit vozvrat", "как оформить возврат"),
            ("hochu vernut tovar, on ne rabotaet", "хочу вернуть товар, он не работает"),
        ] {
            assert_eq!(to_cyrillic(latin), cyrillic, "{latin}");
        }
    }

    #[test]
    fn measures_plain_latin() {
        assert_eq!(plain_latin_share("gde moy zakaz"), 1.0);
        assert!(plain_latin_share("où est ma commande") < 1.0);
        assert_eq!(plain_latin_share("где"), 0.0);
        assert_eq!(plain_latin_share("123"), 0.0);
    }
}

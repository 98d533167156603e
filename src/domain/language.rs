//! Language detection on short DM text, with the hints a real conversation has.
//!
//! Two detectors, used where each is best: lingua's high-accuracy n-gram
//! models (scored as lingua does by [`super::ngrams`], which is faster) are
//! right on short text and on the close neighbours Norwegian, Danish and
//! Swedish; whatlang also knows the languages we do not speak, and is right
//! on longer text in languages it tells apart well. On three words or more
//! the n-gram models decide when they are confident and whatlang finds no
//! language we do not speak; otherwise whatlang answers when it is sure and
//! the message is long enough, and the n-gram models decide the rest. Hints (the language the
//! conversation already has, the page's market language, the customer's time
//! zone) are priors: they tip an unsure detection, never a confident one.

use std::collections::HashMap;

use super::ids::Lang;
use super::ngrams::{self, Candidates, Model};
use super::translit;

/// A detection at or above this lingua confidence is not re-weighted by hints.
pub const CONFIDENT: f64 = 0.9;

/// Each marker word of a language multiplies its weight by this (see
/// [`crate::domain::LangWords::markers`]): on a short message before lingua's
/// confidence is judged, on a longer one only when lingua is unsure.
const MARKER_WEIGHT: f64 = 2.5;

/// On a message shorter than [`SUBSET_MIN_WORDS`], each entry of a
/// language's own word lists found in it multiplies lingua's score for that
/// language by this, before lingua's confidence is judged: a word or two say
/// little to an n-gram model ("konsultant", "retur?").
const OWN_HIT_WEIGHT: f64 = 3.0;

/// Added to each language's lingua score on a short message before the word
/// lists weigh it: lingua's near-zero on one word is not a verdict.
const SHORT_FLOOR: f64 = 0.05;

/// Romanised Russian: the Russian model must explain the text written in
/// Cyrillic by this much more (mean log-probability per letter) than the
/// best model of a language written in Latin letters explains the original.
/// One or two words say less ("no" reads as "но" about as well as Italian):
/// they need a wider margin. When the conversation or the page is Russian,
/// the margin is lowered: "da", "net" there are Russian.
const ROMANISED_MARGIN: f64 = 0.05;
const ROMANISED_SHORT_MARGIN: f64 = 0.4;
const ROMANISED_HINTED_BONUS: f64 = 1.0;
/// Added to the margin per entry of another language's word lists in the text.
const ROMANISED_KNOWN_WORD: f64 = 1.0;
/// Whatlang's confidence in a language we do not speak that rules romanised
/// Russian out (it stays below 0.15 on romanised Russian).
const ROMANISED_OTHER_CONFIDENCE: f64 = 0.2;
/// Romanised Russian has no letters beyond plain ASCII: "où", "año" are not it.
const ROMANISED_MIN_PLAIN_LATIN: f64 = 1.0;

/// On one or two words a hinted language (the conversation's, then the
/// page's market) wins when lingua and the word lists give it at least this
/// share of the leader's score: "hallo" to a German page is German, "tak" to
/// a Danish one Danish; an unrelated word ("dzień dobry") stays its own.
const SHORT_TIE_WORDS: usize = 2;
const SHORT_TIE_SHARE: f64 = 0.05;

/// How much each hint multiplies the prior of its language.
const CONVERSATION_WEIGHT: f64 = 4.0;
const MARKET_WEIGHT: f64 = 2.0;
const TIME_ZONE_WEIGHT: f64 = 1.5;

/// Whatlang is trusted alone only on this many words or more, with this
/// confidence, and outside the languages it confuses.
const WHATLANG_MIN_WORDS: usize = 5;
const WHATLANG_MIN_CONFIDENCE: f64 = 0.98;
/// Whatlang and the word lists agreeing decide without lingua: on messages
/// of this many words, when the guessed language's lists recognise this many
/// entries and this many more than any other language's.
const AGREE_MIN_WORDS: usize = 3;
const AGREE_MIN_HITS: usize = 2;
const AGREE_MARGIN: usize = 2;
const AGREED_CONFIDENCE: f64 = 0.9;

/// From this many words on, whatlang's guess is good enough to narrow
/// lingua to it and its neighbours.
const SUBSET_MIN_WORDS: usize = 5;

/// Languages whatlang mistakes for each other; lingua then decides among
/// them. English is added to every set: customers mix it in.
const NEIGHBOURS: [&[&str]; 7] = [
    &["nb", "nn", "da", "sv"],
    &["es", "pt", "it", "fr", "ca", "gl"],
    &["nl", "de", "af", "da"],
    &["fr", "it", "es"],
    &["pl", "cs", "sk"],
    &["ru", "uk", "bg", "be"],
    &["en", "nl", "de", "fr"],
];
const WHATLANG_CONFUSED: [&str; 6] = ["nb", "nn", "da", "sv", "pt", "es"];

/// What the word lists of `flows/words/` find in a message, per language
/// (see [`crate::domain::Lexicon::evidence`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordEvidence {
    /// Per language that has any: (language, entries of its own lists,
    /// marker entries: words its neighbours do not use).
    pub found: Vec<(Lang, usize, usize)>,
}

impl WordEvidence {
    /// No evidence: detection from the text alone.
    pub const NONE: WordEvidence = WordEvidence { found: Vec::new() };

    /// Entries of the language's own lists found in the message.
    pub fn own_hits(&self, lang: Lang) -> usize {
        self.found.iter().find(|(l, _, _)| *l == lang).map_or(0, |x| x.1)
    }

    /// Marker entries of the language found in the message.
    pub fn markers(&self, lang: Lang) -> usize {
        self.found.iter().find(|(l, _, _)| *l == lang).map_or(0, |x| x.2)
    }
}

/// What a conversation tells us about its language before we read the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LanguageHints {
    /// The language of this conversation so far.
    pub conversation: Option<Lang>,
    /// The market language of the page or account written to.
    pub market: Option<Lang>,
    /// The language whose typical time zone is the customer's.
    pub time_zone: Option<Lang>,
}

impl LanguageHints {
    /// The strongest hint, for text with no words at all ("👍").
    pub fn best(&self) -> Option<Lang> {
        self.conversation.or(self.market).or(self.time_zone)
    }
}

/// How the language was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LangSource {
    /// Forced by the caller (`preview --lang`).
    Forced,
    /// Whatlang, confident on a long message.
    Whatlang,
    /// Whatlang's guess confirmed by the word lists of `flows/words/`.
    Agreed,
    /// Lingua, confident.
    Lingua,
    /// Lingua unsure; the hints decided between close candidates.
    LinguaWithHints,
    /// Russian typed in Latin letters, read in Cyrillic ([`super::translit`]).
    Romanised,
    /// The message is the label keyword of this language ("medewerker").
    Keyword,
    /// A language we do not speak: the conversation's or the page's
    /// language, else the fallback language.
    Unsupported,
    /// No words to read: the strongest hint.
    Hint,
    /// Nothing to go on: the fallback language.
    Fallback,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Detected {
    pub lang: Lang,
    /// 0 to 1; 0 when nothing was read from the text.
    pub confidence: f64,
    pub source: LangSource,
}

/// Which detector to run; the product uses [`Strategy::Combined`], the others
/// are baselines for `afterhours eval --compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Combined,
    WhatlangOnly,
    /// Lingua's models and scores over every language, without whatlang,
    /// word lists or hints.
    LinguaOnly,
}

pub struct LanguageDetector {
    langs: Vec<Lang>,
    fallback: Lang,
    /// The configured languages lingua's models know; n-gram scoring runs
    /// when there are two or more.
    modeled: Candidates,
    lingua_langs: HashMap<Lang, Vec<Model>>,
    from_lingua: HashMap<Model, Lang>,
    whatlang: whatlang::Detector,
    /// Clearly different languages we do not speak, which whatlang also
    /// considers, to notice a customer writing in one of them.
    others: Vec<whatlang::Lang>,
    from_whatlang: HashMap<whatlang::Lang, Lang>,
    /// Per language whatlang knows, whatlang over it and the `others`: is a
    /// text the n-gram models read as that language in one of them instead?
    others_check: HashMap<Lang, whatlang::Detector>,
}

impl std::fmt::Debug for LanguageDetector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageDetector").field("langs", &self.langs).finish_non_exhaustive()
    }
}

/// One marker word of ours in this many words keeps a text ours when whatlang
/// takes it for a language we do not speak.
const OWN_WORD_SHARE: usize = 5;

/// Whatlang must be this sure that a text is in a language we do not speak.
const OTHERS_MIN_CONFIDENCE: f64 = 0.9;

/// Or this sure, when the text also holds letters that language writes and
/// none we speak does ("siparişim", "kellő"), and lingua's models were not
/// sure of any of ours.
const OTHERS_WITH_LETTERS_MIN_CONFIDENCE: f64 = 0.2;

/// Or this sure, when our word lists know hardly a word of the text
/// ("kargom ne zaman gelir acaba", "Jó napot, hol van a rendelésem?"): the
/// n-gram models of our languages then only half-match a language they do
/// not know, and whatlang, which knows it, is the better judge.
const OTHERS_UNKNOWN_WORDS_MIN_CONFIDENCE: f64 = 0.15;

/// At most one word in this many is an entry of any one of our languages'
/// word lists: the text is in words our lexicons do not know.
const UNKNOWN_WORDS_SHARE: usize = 3;

/// The languages we do not speak whose letters whatlang tells from ours
/// even when unsure: none is a close neighbour of one of ours (Romanian is
/// of Italian, Czech of Polish, so they need letters of their own).
const UNKNOWN_WORDS_OTHERS: [whatlang::Lang; 3] = [whatlang::Lang::Tur, whatlang::Lang::Hun, whatlang::Lang::Fin];

/// Letters of a language we do not speak that none of the languages we
/// might configure write (Turkish ı ğ ş, Hungarian ő ű, Czech ř ě ů ý,
/// Romanian ș ț ă); Finnish has none of its own.
fn writes_own_letters(lang: whatlang::Lang, text: &str) -> bool {
    let letters: &[char] = match lang {
        whatlang::Lang::Tur => &['ı', 'ğ', 'ş', 'İ', 'Ğ', 'Ş'],
        whatlang::Lang::Hun => &['ő', 'ű', 'Ő', 'Ű'],
        whatlang::Lang::Ces => &['ř', 'ě', 'ů', 'ý', 'Ř', 'Ě', 'Ů', 'Ý'],
        whatlang::Lang::Ron => &['ș', 'ț', 'ş', 'ţ', 'ă', 'Ș', 'Ț', 'Ş', 'Ţ', 'Ă'],
        _ => return false,
    };
    text.contains(letters)
}

/// Languages clearly apart from any we might configure's close neighbours,
/// which whatlang recognises well: a message in one of them is answered in
/// the fallback language.
const OTHER_LANGUAGES: [(&str, &str); 11] = [
    ("fi", "fin"),
    ("tr", "tur"),
    ("cs", "ces"),
    ("hu", "hun"),
    ("ro", "ron"),
    // Other scripts cost whatlang next to nothing on Latin text.
    ("el", "ell"),
    ("ar", "ara"),
    ("he", "heb"),
    ("hi", "hin"),
    ("ja", "jpn"),
    ("ko", "kor"),
];

/// ISO 639-3 codes for whatlang, for languages lingua is not built with.
const ISO_639_3: [(&str, &str); 24] = [
    ("fi", "fin"),
    ("tr", "tur"),
    ("ar", "ara"),
    ("cs", "ces"),
    ("sk", "slk"),
    ("hu", "hun"),
    ("ro", "ron"),
    ("bg", "bul"),
    ("uk", "ukr"),
    ("el", "ell"),
    ("hr", "hrv"),
    ("sr", "srp"),
    ("sl", "slv"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("et", "est"),
    ("ja", "jpn"),
    ("zh", "cmn"),
    ("ko", "kor"),
    ("hi", "hin"),
    ("he", "heb"),
    ("id", "ind"),
    ("vi", "vie"),
    ("th", "tha"),
];

impl LanguageDetector {
    /// A detector over exactly the configured languages. Languages lingua is
    /// not built with are left to whatlang; a language neither knows can
    /// still be chosen by hints and `--lang`.
    pub fn new(langs: &[Lang], fallback: Lang) -> Self {
        let mut from_lingua = HashMap::new();
        for l in ngrams::MODELED {
            let ours = match l.code() {
                // Nynorsk text is read as Norwegian when only Bokmål is configured.
                "nn" if !langs.iter().any(|x| x.as_str() == "nn") => "nb",
                c => c,
            };
            if let Some(lang) = langs.iter().find(|x| x.as_str() == ours) {
                from_lingua.insert(l, *lang);
            }
        }
        let modeled = Candidates::of(from_lingua.keys().copied());
        let mut by_lang: HashMap<Lang, Vec<Model>> = HashMap::new();
        for (l, ours) in &from_lingua {
            by_lang.entry(*ours).or_default().push(*l);
        }

        let mut from_whatlang = HashMap::new();
        for lang in langs {
            let code3 = ngrams::MODELED
                .iter()
                .find(|l| l.code() == lang.as_str())
                .map(|l| l.code3())
                .or_else(|| ISO_639_3.iter().find(|(a, _)| *a == lang.as_str()).map(|(_, b)| *b));
            if let Some(w) = code3.and_then(whatlang::Lang::from_code) {
                from_whatlang.insert(w, *lang);
            }
        }
        let others: Vec<whatlang::Lang> = OTHER_LANGUAGES
            .iter()
            .filter(|(code1, _)| !langs.iter().any(|l| l.as_str() == *code1))
            .filter_map(|(_, code3)| whatlang::Lang::from_code(*code3))
            .collect();
        let whatlang =
            whatlang::Detector::with_allowlist(from_whatlang.keys().copied().chain(others.iter().copied()).collect());
        let others_check = from_whatlang
            .iter()
            .map(|(w, l)| {
                (*l, whatlang::Detector::with_allowlist([*w].into_iter().chain(others.iter().copied()).collect()))
            })
            .collect();
        Self {
            langs: langs.to_vec(),
            fallback,
            modeled,
            lingua_langs: by_lang,
            from_lingua,
            whatlang,
            others,
            others_check,
            from_whatlang,
        }
    }

    /// Detects the language of `text` (`words`: its word count, from the
    /// tokenizer), with what the word lists found in it as evidence.
    pub fn detect(
        &self,
        text: &str,
        words: usize,
        hints: LanguageHints,
        strategy: Strategy,
        read_evidence: &dyn Fn() -> WordEvidence,
    ) -> Detected {
        if words == 0 {
            return self.by_hints(hints);
        }
        // Read on first need: a message whatlang is sure of needs none.
        let cell = std::cell::OnceCell::new();
        let evidence = || cell.get_or_init(read_evidence);
        if strategy == Strategy::Combined {
            if let Some(romanised) = self.romanised_russian(text, words, hints, &evidence) {
                return romanised;
            }
        }
        // On three words or more, the n-gram models over every language
        // first: when they are confident, whatlang is asked only whether the
        // text is in a language we do not speak rather than in theirs (and
        // not at all when a hint names the language to fall back on).
        let mut all_scores = None;
        if strategy == Strategy::Combined && words >= AGREE_MIN_WORDS && self.modeled.len() >= 2 {
            let scores = self.per_lang(ngrams::confidences(text, self.modeled));
            if let Some((lang, score)) = top(&scores).filter(|t| t.1 >= CONFIDENT) {
                let confident = Detected { lang, confidence: score, source: LangSource::Lingua };
                // A hinted language is also what a language we do not speak
                // gets: no need to ask whatlang.
                if [hints.conversation, hints.market].contains(&Some(lang)) {
                    return confident;
                }
                if let Some(check) = self.others_check.get(&lang) {
                    // Words its lists mark as its own ("jag", "ikke") say it is
                    // that language, whatever whatlang makes of an "ä", when
                    // they are one word in five or more (Hungarian "meg" is
                    // also Norwegian's).
                    let own_word = evidence().markers(lang) * OWN_WORD_SHARE >= words;
                    let other = !own_word
                        && check.detect(text).is_some_and(|info| {
                            self.others.contains(&info.lang())
                                && (info.is_reliable() && info.confidence() >= OTHERS_MIN_CONFIDENCE
                                    || self.unknown_words_fit(&info, evidence(), words))
                        });
                    if !other {
                        return confident;
                    }
                    return self.unsupported(hints);
                }
            }
            all_scores = Some(scores);
        }
        let mut guess = None;
        // Whatlang has nothing to add on one or two words when lingua is
        // there: it is trusted from five words, agrees or spots a language
        // we do not speak from three.
        let whatlang_of_use = strategy != Strategy::Combined || words >= AGREE_MIN_WORDS || self.modeled.len() < 2;
        if strategy == Strategy::Combined && !whatlang_of_use && self.other_by_letters(text) {
            return self.unsupported(hints);
        }
        if strategy != Strategy::LinguaOnly && whatlang_of_use {
            if let Some(info) = self.whatlang.detect(text) {
                if self.others.contains(&info.lang()) {
                    // Clearly a language we do not speak (Finnish, Czech, …):
                    // answer in the fallback language, not a wrong neighbour.
                    let sure = words >= 3
                        && (info.is_reliable() && info.confidence() >= OTHERS_MIN_CONFIDENCE
                            || info.confidence() >= OTHERS_WITH_LETTERS_MIN_CONFIDENCE
                                && writes_own_letters(info.lang(), text)
                            || self.unknown_words_fit(&info, evidence(), words));
                    // Marker words of one of ours ("jag", "ikke") say it is ours.
                    let ours = self.langs.iter().any(|l| evidence().markers(*l) * OWN_WORD_SHARE >= words);
                    if sure && !ours && strategy == Strategy::Combined {
                        return self.unsupported(hints);
                    }
                }
                guess = self.from_whatlang.get(&info.lang()).copied();
                if let Some(&lang) = self.from_whatlang.get(&info.lang()) {
                    let trusted = words >= WHATLANG_MIN_WORDS
                        && info.confidence() >= WHATLANG_MIN_CONFIDENCE
                        && !WHATLANG_CONFUSED.contains(&lang.as_str());
                    if strategy == Strategy::WhatlangOnly || trusted || self.modeled.len() < 2 {
                        return Detected { lang, confidence: info.confidence(), source: LangSource::Whatlang };
                    }
                    // Two independent readings agree: whatlang's guess is also the
                    // language whose word lists clearly recognise the most words.
                    if strategy == Strategy::Combined && words >= AGREE_MIN_WORDS {
                        let hits = evidence().own_hits(lang);
                        // The rivals that matter: its close neighbours and the fallback.
                        let rival = self
                            .langs
                            .iter()
                            .filter(|l| **l != lang)
                            .filter(|l| {
                                **l == self.fallback
                                    || NEIGHBOURS.iter().any(|g| g.contains(&lang.as_str()) && g.contains(&l.as_str()))
                            })
                            .map(|l| evidence().own_hits(*l))
                            .max();
                        if hits >= AGREE_MIN_HITS && rival.is_none_or(|r| hits >= r + AGREE_MARGIN) {
                            return Detected { lang, confidence: AGREED_CONFIDENCE, source: LangSource::Agreed };
                        }
                    }
                }
            }
            if strategy == Strategy::WhatlangOnly || self.modeled.len() < 2 {
                return self.by_hints(hints);
            }
        }
        let subset = match guess {
            _ if strategy != Strategy::Combined => None,
            Some(g) if words >= SUBSET_MIN_WORDS => self.subset_for(g, hints, evidence()),
            _ => None,
        };
        if self.modeled.len() < 2 {
            return self.by_hints(hints);
        }
        let mut scores = if let (None, Some(all)) = (subset, all_scores) {
            all
        } else {
            self.per_lang(ngrams::confidences(text, subset.unwrap_or(self.modeled)))
        };
        if strategy == Strategy::Combined
            && scores.iter().all(|(_, s)| *s == 0.0)
            && text.chars().any(char::is_alphabetic)
        {
            // Letters none of our languages write (Japanese, Greek on one
            // word): a language we do not speak, not the first of equals.
            return self.unsupported(hints);
        }
        let short = strategy == Strategy::Combined && words < SUBSET_MIN_WORDS;
        let marker_weight = |lang: Lang| MARKER_WEIGHT.powi(evidence().markers(lang).min(4) as i32);
        if short {
            // Lingua reads little from a few words: what the word lists
            // recognise in them counts as much, even for a language lingua
            // all but rules out on one word ("hoi", "oké dankje").
            for (l, s) in &mut scores {
                *s =
                    (*s + SHORT_FLOOR) * OWN_HIT_WEIGHT.powi(evidence().own_hits(*l).min(3) as i32) * marker_weight(*l);
            }
            normalise(&mut scores);
        }
        let Some((top_lang, top_score)) = top(&scores) else {
            return self.by_hints(hints);
        };
        if short && words <= SHORT_TIE_WORDS {
            // One or two words often read the same in two of our languages
            // ("hallo", "hej", "tak"): the conversation's language, then the
            // page's market, takes them when they are plausible at all.
            for hint in [hints.conversation, hints.market].into_iter().flatten() {
                if let Some(&(_, score)) = scores.iter().find(|(l, _)| *l == hint) {
                    if score > 0.0 && score >= SHORT_TIE_SHARE * top_score {
                        let source = if hint == top_lang { LangSource::Lingua } else { LangSource::LinguaWithHints };
                        return Detected { lang: hint, confidence: score, source };
                    }
                }
            }
        }
        if top_score >= CONFIDENT {
            return Detected { lang: top_lang, confidence: top_score, source: LangSource::Lingua };
        }
        // Unsure: weigh the candidates by marker words and hints, and renormalise.
        let weight = |lang: Lang| {
            let mut w = if short { 1.0 } else { marker_weight(lang) };
            if hints.conversation == Some(lang) {
                w *= CONVERSATION_WEIGHT;
            }
            if hints.market == Some(lang) {
                w *= MARKET_WEIGHT;
            }
            if hints.time_zone == Some(lang) {
                w *= TIME_ZONE_WEIGHT;
            }
            w
        };
        let total: f64 = scores.iter().map(|(l, s)| s * weight(*l)).sum();
        let (lang, score) =
            scores
                .iter()
                .map(|(l, s)| (*l, s * weight(*l)))
                .fold((top_lang, 0.0), |b, x| if x.1 > b.1 { x } else { b });
        let confidence = if total > 0.0 { score / total } else { top_score };
        let source = if lang == top_lang { LangSource::Lingua } else { LangSource::LinguaWithHints };
        Detected { lang, confidence, source }
    }

    /// Lingua's confidence values (its models, scored by [`ngrams`]) per
    /// configured language. A language lingua knows as two (Norwegian:
    /// Bokmål and Nynorsk) gets the better of the two, not their sum, so it
    /// is not twice as likely as any other on text that says little ("ok");
    /// then the scores are renormalised.
    fn per_lang(&self, values: Vec<(Model, f64)>) -> Vec<(Lang, f64)> {
        let mut scores: Vec<(Lang, f64)> = Vec::with_capacity(self.langs.len());
        for (l, c) in values {
            if let Some(&lang) = self.from_lingua.get(&l) {
                match scores.iter_mut().find(|(x, _)| *x == lang) {
                    Some((_, s)) => *s = s.max(c),
                    None => scores.push((lang, c)),
                }
            }
        }
        normalise(&mut scores);
        scores
    }

    /// The candidates `guess`, its neighbours, English, the hinted languages
    /// and those whose marker words appear; `None` when that is not smaller
    /// than the full set.
    fn subset_for(&self, guess: Lang, hints: LanguageHints, evidence: &WordEvidence) -> Option<Candidates> {
        let mut set: Vec<Lang> = vec![guess, self.fallback];
        set.extend(self.langs.iter().copied().filter(|l| evidence.markers(*l) > 0));
        for group in NEIGHBOURS.iter().filter(|g| g.contains(&guess.as_str())) {
            set.extend(self.langs.iter().filter(|l| group.contains(&l.as_str())));
        }
        set.extend([hints.conversation, hints.market, hints.time_zone].into_iter().flatten());
        self.subset(set)
    }

    /// The candidates in `set` the models know; `None` when that is not
    /// fewer than all of them.
    fn subset(&self, set: Vec<Lang>) -> Option<Candidates> {
        let subset =
            Candidates::of(set.iter().filter_map(|l| self.lingua_langs.get(l)).flat_map(|ls| ls.iter().copied()));
        (subset.len() >= 2 && subset.len() < self.modeled.len()).then_some(subset)
    }

    /// Russian typed in Latin letters: the text written back in Cyrillic
    /// reads more like Russian, to lingua's Russian model, than the text
    /// itself reads like any language we speak that is written in Latin
    /// letters. Only when Russian is configured and the text is plain ASCII.
    fn romanised_russian<'e>(
        &self,
        text: &str,
        words: usize,
        hints: LanguageHints,
        evidence: &dyn Fn() -> &'e WordEvidence,
    ) -> Option<Detected> {
        let ru = *self.from_lingua.get(&Model::Russian)?;
        if translit::plain_latin_share(text) < ROMANISED_MIN_PLAIN_LATIN {
            return None;
        }
        let mut needed = if words <= SHORT_TIE_WORDS { ROMANISED_SHORT_MARGIN } else { ROMANISED_MARGIN };
        if [hints.conversation, hints.market].contains(&Some(ru)) {
            needed -= ROMANISED_HINTED_BONUS;
        }
        let latin = Candidates::of(self.from_lingua.keys().copied().filter(|m| *m != Model::Russian));
        let best_latin =
            ngrams::log_likelihoods(text, latin).into_iter().filter_map(|(_, ll)| ll).fold(f64::NEG_INFINITY, f64::max);
        let cyrillic = translit::to_cyrillic(text);
        let russian = ngrams::log_likelihoods(&cyrillic, Candidates::of([Model::Russian])).first()?.1?;
        let margin = russian - best_latin;
        if margin <= needed {
            return None;
        }
        // A language we do not speak that whatlang, over all it knows, puts
        // first with some confidence (Finnish, Turkish) is not Russian either:
        // on romanised Russian whatlang hesitates between Slavic neighbours.
        if words >= AGREE_MIN_WORDS
            && whatlang::detect(text).is_some_and(|info| {
                self.others.contains(&info.lang()) && info.confidence() >= ROMANISED_OTHER_CONFIDENCE
            })
        {
            return None;
        }
        // Words another language's lists know ("servus", "jasne", "tjena")
        // are that language's before they are Russian. On a longer text only
        // marker words count ("u vas" is Polish too), unless they are words
        // of the conversation's or the page's language ("got it, ta" to an
        // English page).
        let short = words <= SHORT_TIE_WORDS;
        let hinted = |l: Lang| [hints.conversation, hints.market].contains(&Some(l));
        let known = evidence()
            .found
            .iter()
            .filter(|(l, _, _)| *l != ru)
            .map(|(l, own, markers)| if short || hinted(*l) { own + markers } else { *markers })
            .max()
            .unwrap_or(0);
        needed += if short { ROMANISED_KNOWN_WORD } else { ROMANISED_KNOWN_WORD / 2.0 } * known as f64;
        (margin > needed).then(|| Detected {
            lang: ru,
            confidence: 1.0 / (1.0 + (-4.0 * margin).exp()),
            source: LangSource::Romanised,
        })
    }

    /// Whatlang, even unsure, reads Turkish, Hungarian or Finnish in a text
    /// whose words our lists hardly know.
    fn unknown_words_fit(&self, info: &whatlang::Info, evidence: &WordEvidence, words: usize) -> bool {
        let known = evidence.found.iter().map(|(_, own, markers)| own + markers).max().unwrap_or(0);
        UNKNOWN_WORDS_OTHERS.contains(&info.lang())
            && self.others.contains(&info.lang())
            && info.confidence() >= OTHERS_UNKNOWN_WORDS_MIN_CONFIDENCE
            && known * UNKNOWN_WORDS_SHARE <= words
    }

    /// A short text whatlang reads as a language we do not speak, holding
    /// letters only that language writes ("teşekkürler").
    fn other_by_letters(&self, text: &str) -> bool {
        self.whatlang
            .detect(text)
            .is_some_and(|info| self.others.contains(&info.lang()) && writes_own_letters(info.lang(), text))
    }

    /// What a message in a language we do not speak is answered in: the
    /// conversation's language, else the page's, else the fallback language;
    /// never a neighbour the detectors half-matched.
    fn unsupported(&self, hints: LanguageHints) -> Detected {
        let lang = hints.conversation.or(hints.market).unwrap_or(self.fallback);
        Detected { lang, confidence: 0.0, source: LangSource::Unsupported }
    }

    fn by_hints(&self, hints: LanguageHints) -> Detected {
        match hints.best() {
            Some(lang) => Detected { lang, confidence: 0.0, source: LangSource::Hint },
            None => Detected { lang: self.fallback, confidence: 0.0, source: LangSource::Fallback },
        }
    }
}

/// The best-scored language (the first of equals).
fn top(scores: &[(Lang, f64)]) -> Option<(Lang, f64)> {
    scores.iter().copied().fold(None, |best: Option<(Lang, f64)>, x| match best {
        Some(b) if b.1 >= x.1 => Some(b),
        _ => Some(x),
    })
}

/// Scales the scores to add up to 1 (when any is above 0).
fn normalise(scores: &mut [(Lang, f64)]) {
    let total: f64 = scores.iter().map(|(_, s)| s).sum();
    if total > 0.0 {
        for (_, s) in scores {
            *s /= total;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    fn detector() -> LanguageDetector {
        let langs: Vec<Lang> =
            ["en", "nl", "de", "fr", "es", "it", "pt", "sv", "nb", "da", "pl", "ru"].iter().map(|s| l(s)).collect();
        LanguageDetector::new(&langs, l("en"))
    }

    fn detect(d: &LanguageDetector, text: &str, hints: LanguageHints) -> Detected {
        let words = crate::domain::text::tokenize(text).word_count;
        d.detect(text, words, hints, Strategy::Combined, &|| WordEvidence::NONE)
    }

    #[test]
    fn detects_each_language_on_a_typical_dm() {
        let d = detector();
        for (text, lang) in [
            ("where is my order, it has been two weeks", "en"),
            ("waar blijft mijn pakket, ik wacht al een week", "nl"),
            ("wo bleibt meine bestellung, ich warte schon seit einer woche", "de"),
            ("bonjour, ma commande n'est toujours pas arrivée", "fr"),
            ("hola, mi pedido todavía no ha llegado", "es"),
            ("ciao, il mio ordine non è ancora arrivato", "it"),
            ("olá, a minha encomenda ainda não chegou", "pt"),
            ("hej, min beställning har inte kommit än", "sv"),
            ("hei, pakken min har ikke kommet ennå", "nb"),
            ("hej, jeg har stadig ikke modtaget min pakke", "da"),
            ("dzień dobry, moje zamówienie jeszcze nie dotarło", "pl"),
            ("здравствуйте, мой заказ до сих пор не пришёл", "ru"),
        ] {
            let got = detect(&d, text, LanguageHints::default());
            assert_eq!(got.lang.as_str(), lang, "{text}: {got:?}");
            assert!(got.confidence > 0.0);
        }
    }

    #[test]
    fn hints_tip_an_unsure_detection_but_never_a_confident_one() {
        let d = detector();
        let nb_hint = LanguageHints { market: Some(l("nb")), conversation: Some(l("nb")), time_zone: None };
        // "takk" alone is Norwegian or Danish: the conversation decides.
        assert_eq!(detect(&d, "takk", nb_hint).lang.as_str(), "nb");
        // A clearly Polish message stays Polish on a Norwegian page.
        let got = detect(&d, "dzień dobry, moje zamówienie jeszcze nie dotarło", nb_hint);
        assert_eq!(got.lang.as_str(), "pl");
    }

    #[test]
    fn text_without_words_takes_the_strongest_hint_or_the_fallback() {
        let d = detector();
        let got = detect(&d, "👍👍", LanguageHints { market: Some(l("pl")), ..Default::default() });
        assert_eq!((got.lang.as_str(), got.source), ("pl", LangSource::Hint));
        let got = detect(&d, "123", LanguageHints::default());
        assert_eq!((got.lang.as_str(), got.source), ("en", LangSource::Fallback));
    }
}

//! Lingua's n-gram scoring, fast enough to run on every message.
//!
//! Lingua's high-accuracy mode reads the log-probabilities of every 1- to
//! 5-gram of a text from one finite-state map per language. Each look-up
//! walks a compressed automaton (about 150 ns) and lingua does one per
//! n-gram, per backed-off shorter n-gram and per candidate language: some
//! 200 µs a short message over five languages, most of the time the core
//! spent on a message.
//!
//! This module reads the same model files (the `lingua-*-language-model`
//! crates) and computes the same scores, with two differences that make it
//! cheap: an n-gram is looked up in every model at once and the result kept
//! in a bounded per-thread cache (a DM stream reuses the same few thousand
//! n-grams), and n-grams are packed into an integer so that a shorter
//! n-gram is a mask of a longer one.
//!
//! The scores are lingua's: for each n, the sum over the text's distinct
//! n-grams of the log-probability of the n-gram or, when a language has not
//! seen it, of its longest prefix it has seen; summed over n, divided by the
//! number of the text's letters the language knows, exponentiated and
//! normalised over the candidates. Lingua's rules before the scores are kept
//! too: a letter only one language writes (German `ß`, Polish `ł`) decides
//! when most words have one; the script most letters are in narrows the
//! candidates to those writing it; letters a few languages share (`å`, `ñ`,
//! `ã` …) narrow them to those languages when at least half of the words
//! have one, from our own table of the modelled languages' spelling.
//! `tests/ngrams.rs` compares the verdicts with lingua's over every labelled
//! message and three candidate sets.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

/// A language whose n-gram model is compiled in (lingua's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Model {
    Danish,
    Dutch,
    English,
    French,
    German,
    Italian,
    Bokmal,
    Nynorsk,
    Polish,
    Portuguese,
    Russian,
    Spanish,
    Swedish,
}

/// Every compiled-in model, in the order a [`Candidates`] mask and a cache
/// entry index them.
pub const MODELED: [Model; 13] = {
    use Model::*;
    [Danish, Dutch, English, French, German, Italian, Bokmal, Nynorsk, Polish, Portuguese, Russian, Spanish, Swedish]
};

impl Model {
    /// ISO 639-1 code (`nb` and `nn` for the two Norwegians).
    pub fn code(self) -> &'static str {
        ["da", "nl", "en", "fr", "de", "it", "nb", "nn", "pl", "pt", "ru", "es", "sv"][self as usize]
    }

    /// ISO 639-3 code.
    pub fn code3(self) -> &'static str {
        ["dan", "nld", "eng", "fra", "deu", "ita", "nob", "nno", "pol", "por", "rus", "spa", "swe"][self as usize]
    }
}

const N: usize = MODELED.len();

/// Texts of this many letters or more are scored on trigrams alone, as
/// lingua does.
const LONG_TEXT_LETTERS: usize = 120;

/// At most this many n-grams are cached per thread (about 9 MB); when the
/// cache is full it starts again.
const CACHE_CAPACITY: usize = 1 << 17;

/// Letters only one of the modelled languages writes; lingua's "unique
/// characters" of these languages.
const UNIQUE_LETTERS: [(Model, &str); 2] = [(Model::German, "ß"), (Model::Polish, "łńśź")];

/// Letters a few of the modelled languages write, by their spelling rules
/// (lowercase: the text is lowercased first). When at least half of the
/// words have one, the candidates narrow to the languages that write it, as
/// lingua's rules do.
const SHARED_LETTERS: [(char, &[Model]); 31] = {
    use Model::*;
    [
        ('ã', &[Portuguese]),
        ('õ', &[Portuguese]),
        ('ą', &[Polish]),
        ('ę', &[Polish]),
        ('ż', &[Polish]),
        ('ć', &[Polish]),
        ('ó', &[Polish, Portuguese, Spanish]),
        ('ñ', &[Spanish]),
        ('ä', &[German, Swedish]),
        ('ö', &[German, Swedish]),
        ('ü', &[German]),
        ('å', &[Danish, Bokmal, Nynorsk, Swedish]),
        ('æ', &[Danish, Bokmal, Nynorsk]),
        ('ø', &[Danish, Bokmal, Nynorsk]),
        ('á', &[Portuguese, Spanish]),
        ('é', &[French, Italian, Portuguese, Spanish]),
        ('è', &[French, Italian]),
        ('ê', &[French, Portuguese]),
        ('â', &[French, Portuguese]),
        ('ô', &[French, Portuguese]),
        ('à', &[French, Italian, Portuguese]),
        ('ù', &[French, Italian]),
        ('ì', &[Italian]),
        ('ò', &[Italian]),
        ('í', &[Portuguese, Spanish]),
        ('ú', &[Portuguese, Spanish]),
        ('ç', &[French, Portuguese]),
        ('î', &[French]),
        ('ï', &[French, Dutch]),
        ('ë', &[French, Dutch]),
        ('û', &[French]),
    ]
};

/// A set of candidate languages, as bits over [`MODELED`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Candidates(u16);

impl Candidates {
    pub fn of(languages: impl IntoIterator<Item = Model>) -> Self {
        let mut bits = 0;
        for l in languages {
            bits |= 1 << index(l);
        }
        Candidates(bits)
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn contains(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }

    /// The candidates whose index passes `keep`.
    fn filter(self, keep: impl Fn(usize) -> bool) -> Candidates {
        Candidates(self.indices().filter(|i| keep(*i)).fold(0, |bits, i| bits | (1 << i)))
    }

    fn indices(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                i
            })
        })
    }
}

fn index(model: Model) -> usize {
    model as usize
}

fn model_bytes(language: Model) -> &'static [u8] {
    use Model::*;
    let dir = match language {
        Danish => &lingua_danish_language_model::DANISH_MODELS_DIRECTORY,
        Dutch => &lingua_dutch_language_model::DUTCH_MODELS_DIRECTORY,
        English => &lingua_english_language_model::ENGLISH_MODELS_DIRECTORY,
        French => &lingua_french_language_model::FRENCH_MODELS_DIRECTORY,
        German => &lingua_german_language_model::GERMAN_MODELS_DIRECTORY,
        Italian => &lingua_italian_language_model::ITALIAN_MODELS_DIRECTORY,
        Bokmal => &lingua_bokmal_language_model::BOKMAL_MODELS_DIRECTORY,
        Nynorsk => &lingua_nynorsk_language_model::NYNORSK_MODELS_DIRECTORY,
        Polish => &lingua_polish_language_model::POLISH_MODELS_DIRECTORY,
        Portuguese => &lingua_portuguese_language_model::PORTUGUESE_MODELS_DIRECTORY,
        Russian => &lingua_russian_language_model::RUSSIAN_MODELS_DIRECTORY,
        Spanish => &lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY,
        Swedish => &lingua_swedish_language_model::SWEDISH_MODELS_DIRECTORY,
    };
    dir.get_file("ngrams.fst").expect("every lingua model crate ships ngrams.fst").contents()
}

/// The n-gram models of [`MODELED`], mapped from the binary (no I/O).
struct Models {
    maps: Vec<fst::Map<&'static [u8]>>,
}

fn models() -> &'static Models {
    static MODELS: std::sync::LazyLock<Models> = std::sync::LazyLock::new(|| Models {
        maps: MODELED
            .iter()
            .map(|l| fst::Map::new(model_bytes(*l)).expect("lingua's model files are valid finite-state maps"))
            .collect(),
    });
    &MODELS
}

/// An n-gram of one to five letters packed 21 bits a letter, first letter
/// lowest: its prefix of `k` letters is `key & prefix_mask(k)`.
type Key = u128;

fn prefix_mask(k: usize) -> Key {
    (1u128 << (21 * k)) - 1
}

fn pack(letters: &[char]) -> Key {
    letters.iter().enumerate().fold(0, |key, (i, c)| key | (*c as Key) << (21 * i))
}

/// Log-probabilities of one n-gram in each model, and which models have
/// seen it (the others' entries are 0).
#[derive(Clone, Copy)]
struct Row {
    seen: u16,
    p: [f32; N],
}

struct Cache {
    rows: FxHashMap<Key, Row>,
    utf8: String,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache { rows: FxHashMap::default(), utf8: String::new() });
}

/// The rows one thread read while warming up, frozen and shared by every
/// thread: the first messages a worker thread reads find the common n-grams
/// without going to the models (see [`share_warm_rows`]).
static SHARED: std::sync::OnceLock<FxHashMap<Key, Row>> = std::sync::OnceLock::new();

/// Shares the rows this thread's cache holds with every thread, once per
/// process; answers how many rows are shared. Called after a warm-up, on
/// the thread that ran it.
pub fn share_warm_rows() -> usize {
    CACHE.with_borrow(|c| {
        let _ = SHARED.set(c.rows.clone());
    });
    SHARED.get().map_or(0, FxHashMap::len)
}

impl Cache {
    fn row(&mut self, key: Key) -> Row {
        if let Some(row) = SHARED.get().and_then(|rows| rows.get(&key)) {
            return *row;
        }
        // Full is checked first: a hit then costs one look-up.
        if self.rows.len() >= CACHE_CAPACITY && !self.rows.contains_key(&key) {
            self.rows.clear();
        }
        let utf8 = &mut self.utf8;
        *self.rows.entry(key).or_insert_with(|| {
            utf8.clear();
            let mut k = key;
            while k != 0 {
                utf8.push(char::from_u32((k & 0x1f_ffff) as u32).unwrap_or('\u{fffd}'));
                k >>= 21;
            }
            let mut row = Row { seen: 0, p: [0.0; N] };
            for (i, map) in models().maps.iter().enumerate() {
                if let Some(bits) = map.get(utf8.as_bytes()) {
                    row.p[i] = f64::from_bits(bits) as f32;
                    row.seen |= 1 << i;
                }
            }
            row
        })
    }
}

/// Lingua's confidence values for `text` over `candidates`: one per
/// candidate, adding up to 1 (all 0 when the text has no letters or no
/// candidate has seen any of them).
pub fn confidences(text: &str, candidates: Candidates) -> Vec<(Model, f64)> {
    let mut values: Vec<(Model, f64)> = candidates.indices().map(|i| (MODELED[i], 0.0)).collect();
    let lower = text.to_lowercase();
    let words: Vec<Vec<char>> =
        lower.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    if words.is_empty() || candidates.is_empty() {
        return values;
    }
    if let Some(i) = decided_by_letters(&words, candidates) {
        set(&mut values, MODELED[i], 1.0);
        return values;
    }
    let candidates = by_letters(&words, by_script(&words, candidates));
    if candidates.is_empty() {
        return values;
    }
    if candidates.len() == 1 {
        let only = candidates.indices().next().expect("one candidate");
        set(&mut values, MODELED[only], 1.0);
        return values;
    }
    let (sums, trigram_sums) = per_letter_sums(&words, candidates);
    let mut exps = [0f64; N];
    for i in candidates.indices() {
        if sums[i] != 0.0 {
            exps[i] = sums[i].exp();
        }
    }
    let total: f64 = exps.iter().sum();
    if total == 0.0 {
        // Too long for exp: the most likely on trigrams takes all, as in lingua.
        if let Some(best) = candidates
            .indices()
            .filter(|i| trigram_sums[*i] < 0.0)
            .max_by(|a, b| trigram_sums[*a].total_cmp(&trigram_sums[*b]))
        {
            set(&mut values, MODELED[best], 1.0);
        }
        return values;
    }
    for (l, v) in &mut values {
        let i = index(*l);
        *v = exps[i] / total;
    }
    values
}

/// Lingua's log-likelihood of `words` per candidate, per letter the model
/// knows (0 where it knows none), and the trigram sums lingua falls back on.
fn per_letter_sums(words: &[Vec<char>], candidates: Candidates) -> ([f64; N], [f64; N]) {
    let letters: usize = words.iter().map(Vec::len).sum();
    let lengths = if letters >= LONG_TEXT_LETTERS { 3..=3 } else { 1..=5 };

    // Per n, per model: lingua sums each n apart, then adds the sums.
    let mut sums = [[0f64; N]; 5];
    let mut known_letters = [0u32; N];
    let mut keys: Vec<Key> = Vec::with_capacity(letters);
    CACHE.with_borrow_mut(|cache| {
        for n in lengths {
            keys.clear();
            for w in words {
                keys.extend(w.windows(n).map(pack));
            }
            keys.sort_unstable();
            keys.dedup();
            for &key in &keys {
                // The longest prefix each candidate has seen counts.
                let mut open = candidates;
                for k in (1..=n).rev() {
                    let row = cache.row(key & prefix_mask(k));
                    let found = Candidates(open.0 & row.seen);
                    for i in found.indices() {
                        sums[n - 1][i] += f64::from(row.p[i]);
                        if n == 1 {
                            known_letters[i] += 1;
                        }
                    }
                    open.0 &= !found.0;
                    if open.is_empty() {
                        break;
                    }
                }
            }
        }
    });
    let trigram_sums = sums[2];
    let mut sums: [f64; N] = std::array::from_fn(|i| sums.iter().map(|by_n| by_n[i]).sum());
    for i in candidates.indices() {
        if known_letters[i] > 0 {
            sums[i] /= f64::from(known_letters[i]);
        }
    }
    (sums, trigram_sums)
}

/// How well each candidate's model explains `text`: lingua's mean
/// log-probability per known letter (higher is likelier; `None` for a model
/// that knows none of its letters), with none of lingua's letter or script
/// rules, so that texts in different scripts can be compared (romanised
/// Russian in Cyrillic against the Latin original).
pub fn log_likelihoods(text: &str, candidates: Candidates) -> Vec<(Model, Option<f64>)> {
    let lower = text.to_lowercase();
    let words: Vec<Vec<char>> =
        lower.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    if words.is_empty() {
        return candidates.indices().map(|i| (MODELED[i], None)).collect();
    }
    let (sums, _) = per_letter_sums(&words, candidates);
    candidates.indices().map(|i| (MODELED[i], (sums[i] != 0.0).then_some(sums[i]))).collect()
}

fn set(values: &mut [(Model, f64)], language: Model, value: f64) {
    if let Some(v) = values.iter_mut().find(|(l, _)| *l == language) {
        v.1 = value;
    }
}

/// The candidate whose unique letters most words have, when more than half
/// of the words have such letters and one language leads (lingua's rule).
fn decided_by_letters(words: &[Vec<char>], candidates: Candidates) -> Option<usize> {
    let mut votes: Vec<(Option<usize>, usize)> = Vec::new();
    let mut vote = |who: Option<usize>| match votes.iter_mut().find(|(w, _)| *w == who) {
        Some(v) => v.1 += 1,
        None => votes.push((who, 1)),
    };
    for word in words {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for (language, letters) in UNIQUE_LETTERS {
            let i = index(language);
            let c = word.iter().filter(|ch| letters.contains(**ch)).count();
            if c > 0 {
                counts.push((i, c));
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        match counts.as_slice() {
            [] => vote(None),
            [(i, _)] => vote(candidates.contains(*i).then_some(*i)),
            [(i, a), (_, b), ..] => vote((a > b && candidates.contains(*i)).then_some(*i)),
        }
    }
    let unknown = votes.iter().find(|(w, _)| w.is_none()).map_or(0, |v| v.1);
    if (unknown as f64) < words.len() as f64 * 0.5 {
        votes.retain(|(w, _)| w.is_some());
    }
    votes.sort_by_key(|v| std::cmp::Reverse(v.1));
    match votes.as_slice() {
        [] => None,
        [(who, _)] => *who,
        [(who, a), (_, b), ..] => (a != b).then_some(*who).flatten(),
    }
}

/// The candidates writing the shared letters at least half of the words
/// have (counted once per letter and word); all of them when none does.
fn by_letters(words: &[Vec<char>], candidates: Candidates) -> Candidates {
    let mut counts = [0usize; N];
    for (letter, languages) in SHARED_LETTERS {
        let with = words.iter().filter(|w| w.contains(&letter)).count();
        if with > 0 {
            for l in languages {
                let i = index(*l);
                if candidates.contains(i) {
                    counts[i] += with;
                }
            }
        }
    }
    let half = words.len() as f64 * 0.5;
    let kept = candidates.filter(|i| counts[i] > 0 && counts[i] as f64 >= half);
    if kept.is_empty() {
        candidates
    } else {
        kept
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
}

fn script_of(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' => Some(Script::Latin),
        '\u{c0}'..='\u{24f}' if c != '\u{d7}' && c != '\u{f7}' => Some(Script::Latin),
        '\u{1e00}'..='\u{1eff}' => Some(Script::Latin),
        '\u{400}'..='\u{52f}' => Some(Script::Cyrillic),
        _ => None,
    }
}

fn script(language: Model) -> Script {
    if language == Model::Russian {
        Script::Cyrillic
    } else {
        Script::Latin
    }
}

/// The candidates that write the script most of the text's letters are in
/// (words written wholly in one script count): none when no candidate does,
/// all of them when no script leads.
fn by_script(words: &[Vec<char>], candidates: Candidates) -> Candidates {
    let (mut latin, mut cyrillic) = (0, 0);
    for w in words {
        let first = script_of(w[0]);
        if first.is_some() && w.iter().all(|c| script_of(*c) == first) {
            match first {
                Some(Script::Latin) => latin += w.len(),
                Some(Script::Cyrillic) => cyrillic += w.len(),
                None => {}
            }
        }
    }
    let lead = match (latin, cyrillic) {
        (0, 0) => return candidates,
        (l, c) if l == c => return candidates,
        (l, c) if l > c => Script::Latin,
        _ => Script::Cyrillic,
    };
    candidates.filter(|i| script(MODELED[i]) == lead)
}

#[cfg(test)]
mod tests {
    use super::Model::*;
    use super::*;

    #[test]
    fn a_prefix_is_a_mask_of_the_packed_ngram() {
        let key = pack(&['p', 'a', 'k', 'k', 'e']);
        assert_eq!(key & prefix_mask(3), pack(&['p', 'a', 'k']));
        assert_eq!(key & prefix_mask(5), key);
    }

    #[test]
    fn the_values_add_up_to_one_and_pick_the_language() {
        let all = Candidates::of(MODELED);
        let v = confidences("waar blijft mijn pakket", all);
        let total: f64 = v.iter().map(|x| x.1).sum();
        assert!((total - 1.0).abs() < 1e-9, "{v:?}");
        let best = v.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert_eq!(best.0, Dutch, "{v:?}");
    }

    #[test]
    fn rows_shared_after_a_warm_up_give_every_thread_the_same_values() {
        let all = Candidates::of(MODELED);
        let texts = ["waar blijft mijn pakket", "hvor er pakken min", "where is my parcel", "gdzie jest paczka"];
        // A thread warms up and shares its rows; fresh threads read them.
        let cold: Vec<_> = std::thread::spawn(move || {
            let v: Vec<_> = texts.iter().map(|t| confidences(t, all)).collect();
            assert!(share_warm_rows() > 0);
            v
        })
        .join()
        .unwrap();
        let shared: Vec<_> =
            std::thread::spawn(move || texts.iter().map(|t| confidences(t, all)).collect()).join().unwrap();
        assert_eq!(cold, shared);
    }

    #[test]
    fn a_letter_only_one_language_writes_decides_when_most_words_have_it() {
        let v = confidences("łódź śnieg", Candidates::of(MODELED));
        assert!(v.contains(&(Polish, 1.0)), "{v:?}");
    }

    #[test]
    fn cyrillic_leaves_only_russian() {
        let v = confidences("где мой заказ", Candidates::of([English, Russian, Polish]));
        assert!(v.contains(&(Russian, 1.0)), "{v:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_gets_values_that_add_up_to_one_or_none(text in "\\PC{0,200}") {
            let v = confidences(&text, Candidates::of(MODELED));
            proptest::prop_assert_eq!(v.len(), MODELED.len());
            let total: f64 = v.iter().map(|x| x.1).sum();
            proptest::prop_assert!(total == 0.0 || (total - 1.0).abs() < 1e-9, "{:?}", v);
        }
    }

    #[test]
    fn no_letters_no_verdict() {
        let v = confidences("👍 123 !!", Candidates::of([English, Dutch]));
        assert!(v.iter().all(|x| x.1 == 0.0), "{v:?}");
    }
}

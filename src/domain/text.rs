//! Text as the classifiers see it: normalised tokens, and word-list patterns
//! that match them with stems, number wildcards and one typo.
//!
//! Customers type in lower case or ALL CAPS, drop diacritics and make typos, so
//! both the message and every word-list entry go through the same
//! [`normalize_word`]: lower case, accents removed, apostrophes dropped.

use rustc_hash::FxHashMap as HashMap;

use unicode_normalization::UnicodeNormalization;

/// One message, tokenised for matching.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Normalised tokens: words, numbers, and each emoji on its own.
    pub words: Vec<String>,
    /// Indices in `words` where a sentence starts (0 and after `.`, `!`, `?`).
    pub sentence_starts: Vec<usize>,
    /// Indices in `words` where a clause starts: the sentence starts and the
    /// words after `,`, `;`, `:`, a dash or an ellipsis ("super, the chair
    /// came without a leg" has two clauses).
    pub clause_starts: Vec<usize>,
    /// The message contains a question mark (`?`, `¿`, `;` is not one).
    pub question_mark: bool,
    /// `??`, `?!` or `!?` somewhere: exasperation rather than a question.
    pub exasperated_marks: bool,
    /// Count of `!`.
    pub exclamations: usize,
    /// Letters in the message, and how many of them were upper case.
    pub letters: usize,
    pub upper: usize,
    /// Word tokens (not emoji, not numbers) as the customer wrote them.
    pub word_count: usize,
    /// The message holds a link.
    pub has_link: bool,
    /// The longest run of consecutive words written in capitals (two letters
    /// or more each): "ВЫ ВООБЩЕ ОТВЕЧАЕТЕ?? ..." shouts in part of a message.
    pub caps_run: usize,
    /// A few words set in quotation marks: the shop's or carrier's words
    /// cited back ("left in a 'safe place'", «в пути», „in Bearbeitung“).
    pub cites: bool,
    /// Cited words that start in lower case: scare quotes ("thanks for the
    /// 'fast' delivery"), not a product's name ("the 'Oslo' sofa").
    pub scare_quotes: bool,
}

impl Tokens {
    /// Which clause holds word `at`, counted from 1.
    pub fn clause_of(&self, at: usize) -> usize {
        self.clause_starts.iter().filter(|&&c| c <= at).count()
    }

    /// Where the clause that goes on at word `at` ends: the next clause's
    /// first word, or the end of the message.
    pub fn clause_end(&self, at: usize) -> usize {
        self.clause_starts.iter().copied().filter(|&c| c >= at).min().unwrap_or(self.words.len())
    }

    /// Shouting: at least three words and ten letters, nearly all upper case.
    pub fn is_shouting(&self) -> bool {
        self.word_count >= 3 && self.letters >= 10 && self.upper * 10 >= self.letters * 8
    }

    /// Part of the message shouted: three words or more in a row in capitals.
    pub fn shouts_in_part(&self) -> bool {
        self.caps_run >= CAPS_RUN_WORDS
    }

    /// Only emoji, numbers and punctuation: nothing to detect a language from.
    pub fn has_no_words(&self) -> bool {
        self.word_count == 0
    }
}

/// Consecutive words in capitals that make a shout inside a message.
const CAPS_RUN_WORDS: usize = 3;

/// A letter written this many times in a row or more is an elongation
/// ("sooo", "pleeease", "hiii", "dankeee"): it is read once.
const ELONGATION: usize = 3;

/// Lower case, accents removed, letters that do not decompose mapped by hand,
/// elongations ("sooo", "nieee") read as one letter.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last: Option<char> = None;
    let mut run = 0usize;
    for c in word.nfd() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        if c.is_alphabetic() && Some(lower) == last {
            run += 1;
            if run >= ELONGATION - 1 {
                // The third letter of a run: drop it and the one before.
                if run == ELONGATION - 1 {
                    out.pop();
                }
                continue;
            }
        } else if !is_combining_mark(c) {
            last = Some(lower);
            run = 0;
        }
        match c {
            '\'' | '’' | '`' | '´' => {}
            c if is_combining_mark(c) => {}
            'ß' | 'ẞ' => out.push_str("ss"),
            'Ł' | 'ł' => out.push('l'),
            'Ø' | 'ø' => out.push('o'),
            'Æ' | 'æ' => out.push_str("ae"),
            'Œ' | 'œ' => out.push_str("oe"),
            'Đ' | 'đ' => out.push('d'),
            'Þ' | 'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Emoji and pictographs that carry meaning (😡, 👏, ❤). Variation selectors
/// and skin tones are dropped by the tokenizer.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF | 0x2190..=0x21FF | 0x1F000..=0x1F2FF)
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0F | 0xFE0E | 0x200D | 0x1F3FB..=0x1F3FF | 0x20E3)
}

/// `https://…`, `www.…` or a bare domain such as `meta-verify.support/x`.
fn looks_like_link(chunk: &str) -> bool {
    let chunk = chunk.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | ',' | '!' | '?' | ':' | ';'));
    if chunk.contains("://") || chunk.starts_with("www.") {
        return true;
    }
    let host = chunk.split('/').next().unwrap_or_default().trim_end_matches('.');
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.len() <= 12 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A citation is at most this many words long: longer quoted text is a
/// message forwarded, not words cited back.
const CITED_WORDS_MAX: usize = 6;

/// The few words the text sets in quotation marks: an opening mark at the
/// start or after a space or bracket, a closing one before a space,
/// punctuation or the end, one to [`CITED_WORDS_MAX`] words between. An
/// apostrophe inside a word ("don't", "l'ordine") opens or closes nothing.
fn cited_words(text: &str) -> Vec<String> {
    let mut cited = Vec::new();
    const OPENING: &[char] = &['\'', '"', '‘', '“', '„', '‚', '«', '»', '‹', '›', '「'];
    const CLOSING: &[char] = &['\'', '’', '"', '”', '“', '‘', '»', '«', '›', '‹', '」'];
    let chars: Vec<char> = text.chars().collect();
    // French guillemets take a space inside: « en cours ».
    let spaced = |i: usize| matches!(chars[i], '«' | '»');
    let word_at = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut at = 0;
    while at < chars.len() {
        let opens = OPENING.contains(&chars[at])
            && (at == 0 || chars[at - 1].is_whitespace() || matches!(chars[at - 1], '(' | '['))
            && (word_at(at + 1) || (spaced(at) && chars.get(at + 1) == Some(&' ') && word_at(at + 2)));
        if opens {
            let close = (at + 2..chars.len()).find(|&i| {
                let before = if spaced(i) && chars[i - 1] == ' ' { chars[i - 2] } else { chars[i - 1] };
                CLOSING.contains(&chars[i])
                    && (before.is_alphanumeric() || matches!(before, '.' | '!' | '?' | '…'))
                    && chars.get(i + 1).is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation() || *c == '…')
            });
            if let Some(close) = close {
                let inside: String = chars[at + 1..close].iter().collect();
                if (1..=CITED_WORDS_MAX).contains(&inside.split_whitespace().count()) {
                    cited.push(inside);
                }
                at = close;
            }
        }
        at += 1;
    }
    cited
}

/// Splits a message into normalised tokens and the signals around them.
pub fn tokenize(text: &str) -> Tokens {
    let mut t = Tokens { sentence_starts: vec![0], clause_starts: vec![0], ..Tokens::default() };
    let lower = text.to_lowercase();
    t.has_link = lower.split_whitespace().any(looks_like_link);
    let mut current = String::new();
    let mut current_is_word = false;
    let mut caps_run = 0usize;
    let mut flush = |current: &mut String, is_word: &mut bool, t: &mut Tokens| {
        if !current.is_empty() {
            let norm = normalize_word(current);
            if !norm.is_empty() {
                if *is_word {
                    t.word_count += 1;
                    let letters = current.chars().filter(|c| c.is_alphabetic()).count();
                    if letters >= 2 && current.chars().all(|c| !c.is_lowercase()) {
                        caps_run += 1;
                        t.caps_run = t.caps_run.max(caps_run);
                    } else {
                        caps_run = 0;
                    }
                }
                t.words.push(norm);
            }
            current.clear();
        }
        *is_word = false;
    };
    t.exasperated_marks = text.contains("??") || text.contains("?!") || text.contains("!?");
    let cited = cited_words(text);
    t.cites = !cited.is_empty();
    t.scare_quotes = cited.iter().any(|c| c.chars().find(|ch| ch.is_alphabetic()).is_some_and(char::is_lowercase));
    for c in text.chars() {
        if c.is_alphabetic() || c.is_numeric() || is_combining_mark(c) {
            if c.is_alphabetic() {
                t.letters += 1;
                if c.is_uppercase() {
                    t.upper += 1;
                }
                current_is_word = true;
            }
            current.push(c);
        } else if matches!(c, '\'' | '’') && !current.is_empty() {
            // "don't", "l'ordine": keep the word whole; the apostrophe is dropped.
            current.push(c);
        } else if is_emoji_modifier(c) {
            continue;
        } else {
            flush(&mut current, &mut current_is_word, &mut t);
            if is_emoji(c) {
                t.words.push(c.to_string());
            }
            match c {
                '?' | '¿' => t.question_mark = true,
                '!' | '¡' => t.exclamations += 1,
                _ => {}
            }
            if matches!(c, '.' | '!' | '?' | '\n') && t.sentence_starts.last() != Some(&t.words.len()) {
                t.sentence_starts.push(t.words.len());
            }
            let breaks_clause = matches!(c, '.' | '!' | '?' | '\n' | ',' | ';' | ':' | '–' | '—' | '…');
            if breaks_clause && t.clause_starts.last() != Some(&t.words.len()) {
                t.clause_starts.push(t.words.len());
            }
        }
    }
    flush(&mut current, &mut current_is_word, &mut t);
    let n = t.words.len();
    t.sentence_starts.retain(|&s| s < n || s == 0);
    t.clause_starts.retain(|&s| s < n || s == 0);
    t
}

/// Numbers written as words, two to ten and a dozen, in the supported
/// languages (normalised: no accents), so `#` in "# weeks" also matches
/// "three weeks", "drei Wochen", "dos semanas", "три недели".
const NUMBER_WORDS: &[&str] = &[
    "acht",
    "atte",
    "cinco",
    "cinq",
    "cztery",
    "deux",
    "dieci",
    "diez",
    "dix",
    "dois",
    "dos",
    "dozen",
    "drei",
    "drie",
    "due",
    "duas",
    "dutzend",
    "dwa",
    "dwie",
    "dziesiec",
    "dziewiec",
    "eight",
    "fem",
    "femten",
    "fire",
    "five",
    "four",
    "fyra",
    "funf",
    "huit",
    "kilka",
    "negen",
    "neuf",
    "nine",
    "nio",
    "nove",
    "nueve",
    "ni",
    "oito",
    "osiem",
    "otte",
    "otto",
    "piec",
    "quatre",
    "quattro",
    "quatro",
    "sechs",
    "sei",
    "seis",
    "seks",
    "sept",
    "sete",
    "seven",
    "sette",
    "sex",
    "sieben",
    "siedem",
    "siete",
    "six",
    "sju",
    "syv",
    "szesc",
    "ten",
    "tien",
    "tio",
    "to",
    "tre",
    "tres",
    "three",
    "trois",
    "trzy",
    "twee",
    "two",
    "tva",
    "vier",
    "vijf",
    "zehn",
    "zes",
    "zeven",
    "zwei",
    "два",
    "две",
    "девять",
    "десять",
    "neun",
    "несколько",
    "пять",
    "семь",
    "восемь",
    "три",
    "четыре",
    "шесть",
    "dez",
    "cuatro",
    "cinque",
    "dodici",
];

/// A number in digits ("3") or in words ("three", "drei", "три").
fn is_number(token: &str) -> bool {
    if token.is_empty() {
        return false;
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    token.len() <= 20 && SET.get_or_init(|| NUMBER_WORDS.iter().copied().collect()).contains(token)
}

/// One token of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A whole word; words of six letters or more also match with one typo.
    Word(String),
    /// A stem written with a trailing `*`.
    Prefix(String),
    /// `#`: any number.
    Number,
}

/// Fewest letters for a word to be matched with one typo: shorter words have
/// too many neighbours ("great" and "treat").
const FUZZY_MIN_CHARS: usize = 6;

impl Tok {
    fn matches(&self, token: &str, fuzzy: bool) -> bool {
        match self {
            Tok::Word(w) => {
                w == token
                    || (fuzzy
                        && w.chars().count() >= FUZZY_MIN_CHARS
                        && token.chars().count() + 1 >= FUZZY_MIN_CHARS
                        && is_typo_of(w, token))
            }
            Tok::Prefix(p) => token.starts_with(p.as_str()),
            Tok::Number => is_number(token),
        }
    }
}

/// A word-list entry: one or more consecutive tokens, and optionally more
/// such parts joined by ` + ` that must all appear somewhere in the message
/// (`"charged + twice"` matches "you charged my card twice").
#[derive(Debug, Clone)]
pub struct Pattern {
    toks: Vec<Tok>,
    also: Vec<Vec<Tok>>,
    /// Words of six letters or more match with one typo. Off for borrowed
    /// entries: a typo'd English word is too often a real word of another
    /// language ("finner", "winner").
    fuzzy: bool,
    /// The entry as written in the file, for explanations and errors.
    pub source: String,
}

impl Pattern {
    /// Parses an entry such as `"still waiting"`, `"refund*"`, `"# weeks"`
    /// or `"charged + twice"`.
    pub fn parse(entry: &str) -> Result<Self, String> {
        let mut parts = entry.split(" + ");
        let toks = Self::parse_part(entry, parts.next().unwrap_or_default())?;
        let also = parts.map(|p| Self::parse_part(entry, p)).collect::<Result<Vec<_>, _>>()?;
        Ok(Self { toks, also, fuzzy: true, source: entry.to_string() })
    }

    /// The same entry, matched without typos.
    pub fn exact(mut self) -> Self {
        self.fuzzy = false;
        self
    }

    fn parse_part(entry: &str, part: &str) -> Result<Vec<Tok>, String> {
        let mut toks = Vec::new();
        for raw in part.split_whitespace() {
            if raw == "#" {
                toks.push(Tok::Number);
                continue;
            }
            let (stem, prefix) = match raw.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (raw, false),
            };
            // Entries are tokenised like messages, so "l'ordine" or "e-mail" work.
            let inner = tokenize(stem).words;
            if inner.is_empty() {
                // Punctuation between words ("track & trace") is skipped, as
                // it is in messages.
                continue;
            }
            let last = inner.len() - 1;
            for (i, w) in inner.into_iter().enumerate() {
                if prefix && i == last {
                    if w.chars().count() < 2 {
                        return Err(format!("entry `{entry}`: the stem before `*` needs at least two letters"));
                    }
                    toks.push(Tok::Prefix(w));
                } else {
                    toks.push(Tok::Word(w));
                }
            }
        }
        if toks.is_empty() {
            return Err(format!("entry `{entry}` has no letters, digits or emoji in `{}`", part.trim()));
        }
        Ok(toks)
    }

    /// How many consecutive words the entry covers where it matches; `None`
    /// for entries of several parts (`"charged + twice"`).
    pub fn span(&self) -> Option<usize> {
        self.also.is_empty().then_some(self.toks.len())
    }

    /// Number of words; phrases of two or more count more for intents.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    fn matches_at(&self, words: &[String], at: usize) -> bool {
        let fuzzy = self.fuzzy;
        seq_at(&self.toks, words, at, fuzzy)
            && self.also.iter().all(|part| (0..words.len()).any(|i| seq_at(part, words, i, fuzzy)))
    }
}

fn seq_at(toks: &[Tok], words: &[String], at: usize, fuzzy: bool) -> bool {
    at + toks.len() <= words.len() && toks.iter().zip(&words[at..]).all(|(tok, w)| tok.matches(w, fuzzy))
}

/// A list of patterns with an index on their first token, so matching a
/// message costs a few hash look-ups per word rather than a scan of the list.
///
/// The index is keyed by a hash of the text ([`Fnv`]), not the text: a
/// word's prefixes and one-letter deletions are hashed without building a
/// string each, and a collision only adds a candidate that
/// [`Pattern::matches_at`] then rejects.
///
/// The index is built on the first match: most sets are only lists the
/// word files are read into and later merged into one set per language
/// (see `domain::lexicon`), and are never matched themselves.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    index: std::sync::OnceLock<FirstTokenIndex>,
}

/// The look-ups of a [`PatternSet`]'s first tokens.
#[derive(Debug, Clone, Default)]
struct FirstTokenIndex {
    /// First token is a word: exact look-up.
    by_word: IdsByHash,
    /// One-deletion variants of long first words (symmetric-delete typo index).
    by_deletion: IdsByHash,
    /// First token is a stem: keyed by the whole stem; a word looks up each
    /// of its own prefixes.
    by_prefix: IdsByHash,
    /// The lengths (in bytes) of the stems in `by_prefix`, shortest first.
    stem_lengths: Vec<usize>,
    /// First token is `#`.
    by_number: Vec<u32>,
}

/// Pattern ids by a hash, packed: one table entry (the hash and a range)
/// per hash and one `u32` per id, instead of a vector allocated per hash
/// (the word files' deletion variants alone are hundreds of thousands).
#[derive(Debug, Clone, Default)]
struct IdsByHash {
    /// Hash -> `start << 32 | len` in `ids`.
    ranges: HashMap<u64, u64>,
    ids: Vec<u32>,
}

impl IdsByHash {
    /// From (hash, id) pairs; an id is listed once per hash, in order.
    fn build(mut pairs: Vec<(u64, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut out = Self { ranges: HashMap::default(), ids: Vec::with_capacity(pairs.len()) };
        out.ranges.reserve(pairs.len());
        for chunk in pairs.chunk_by(|a, b| a.0 == b.0) {
            let start = out.ids.len() as u64;
            out.ids.extend(chunk.iter().map(|(_, id)| *id));
            out.ranges.insert(chunk[0].0, start << 32 | chunk.len() as u64);
        }
        out.ranges.shrink_to_fit();
        out
    }

    fn get(&self, hash: u64) -> &[u32] {
        match self.ranges.get(&hash) {
            Some(&r) => &self.ids[(r >> 32) as usize..][..(r & 0xffff_ffff) as usize],
            None => &[],
        }
    }

    fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

impl FirstTokenIndex {
    fn build(patterns: &[Pattern]) -> Self {
        let (mut words, mut deletions, mut prefixes) = (Vec::new(), Vec::new(), Vec::new());
        let mut index = Self::default();
        for (i, p) in patterns.iter().enumerate() {
            let i = i as u32;
            match &p.toks[0] {
                Tok::Word(w) => {
                    words.push((Fnv::of(w), i));
                    if p.fuzzy && w.chars().count() >= FUZZY_MIN_CHARS {
                        deletions.extend(deletion_hashes(w).map(|d| (d, i)));
                    }
                }
                Tok::Prefix(s) => {
                    prefixes.push((Fnv::of(s), i));
                    if !index.stem_lengths.contains(&s.len()) {
                        index.stem_lengths.push(s.len());
                    }
                }
                Tok::Number => index.by_number.push(i),
            }
        }
        index.stem_lengths.sort_unstable();
        index.by_word = IdsByHash::build(words);
        index.by_deletion = IdsByHash::build(deletions);
        index.by_prefix = IdsByHash::build(prefixes);
        index
    }
}

/// FNV-1a over bytes: hashing `a` then `b` gives the hash of `a` + `b`, so
/// a word's prefixes and deletions are hashed as they are read.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const START: Fnv = Fnv(0xcbf2_9ce4_8422_2325);

    fn add(self, bytes: &[u8]) -> Fnv {
        Fnv(bytes.iter().fold(self.0, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)))
    }

    fn of(text: &str) -> u64 {
        Fnv::START.add(text.as_bytes()).0
    }
}

/// The hashes of `word` with one letter left out, in order.
fn deletion_hashes(word: &str) -> impl Iterator<Item = u64> + '_ {
    word.char_indices()
        .map(move |(at, c)| Fnv::START.add(&word.as_bytes()[..at]).add(&word.as_bytes()[at + c.len_utf8()..]).0)
}

impl PatternSet {
    pub fn new(patterns: Vec<Pattern>) -> Self {
        Self { patterns, index: std::sync::OnceLock::new() }
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Calls `hit(pattern index, word position)` for every match; a pattern
    /// may match at several positions.
    pub fn for_each_match(&self, words: &[String], mut hit: impl FnMut(usize, usize)) {
        let index = self.index.get_or_init(|| FirstTokenIndex::build(&self.patterns));
        let mut candidates: Vec<u32> = Vec::new();
        for (pos, w) in words.iter().enumerate() {
            candidates.clear();
            let whole = Fnv::of(w);
            candidates.extend(index.by_word.get(whole));
            if !index.stem_lengths.is_empty() {
                // Each stem length's prefix hash, from one pass over the word.
                let mut h = Fnv::START;
                let mut done = 0;
                for &n in &index.stem_lengths {
                    if n > w.len() {
                        break;
                    }
                    h = h.add(&w.as_bytes()[done..n]);
                    done = n;
                    if w.is_char_boundary(n) {
                        candidates.extend(index.by_prefix.get(h.0));
                    }
                }
            }
            if !index.by_number.is_empty() && is_number(w) {
                candidates.extend(&index.by_number);
            }
            if !index.by_deletion.is_empty() && w.chars().count() + 1 >= FUZZY_MIN_CHARS {
                // w itself may be a deletion of a pattern word (a letter missing),
                // or share a deletion with it (a letter wrong or swapped) ...
                candidates.extend(index.by_deletion.get(whole));
                for d in deletion_hashes(w) {
                    // ... or have one letter too many.
                    candidates.extend(index.by_word.get(d));
                    candidates.extend(index.by_deletion.get(d));
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            for &id in &candidates {
                if self.patterns[id as usize].matches_at(words, pos) {
                    hit(id as usize, pos);
                }
            }
        }
    }

    /// The distinct patterns that match somewhere in `words`.
    pub fn matched(&self, words: &[String]) -> Vec<usize> {
        let mut ids = Vec::new();
        self.for_each_match(words, |id, _| ids.push(id));
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// True when `token` is `word` with one typo inside it: a letter missing,
/// doubled, wrong or swapped, but neither at the first letter ("winner" is
/// not "finner") nor a letter added or dropped at the end, which is how
/// words inflect ("please" is not "pleased"; stems with `*` cover endings).
pub fn is_typo_of(word: &str, token: &str) -> bool {
    if !within_one_edit(word, token) || word == token {
        return word == token;
    }
    let a: Vec<char> = word.chars().collect();
    let b: Vec<char> = token.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // A letter added, dropped or changed at the end is how words inflect
    // ("kansellert", "kansellere"): the words must end alike.
    let same_end = a.last() == b.last();
    prefix > 0 && same_end
}

/// True when `a` and `b` differ by at most one insertion, deletion,
/// substitution or swap of two neighbouring letters.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (la - prefix - suffix.min(la - prefix), lb - prefix - suffix.min(lb - prefix));
    match (ra, rb) {
        (0, 1) | (1, 0) | (1, 1) => true,
        (2, 2) => a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(entries: &[&str]) -> PatternSet {
        PatternSet::new(entries.iter().map(|e| Pattern::parse(e).unwrap()).collect())
    }

    #[test]
    fn a_few_words_in_quotation_marks_are_cited_and_apostrophes_are_not() {
        for cited in [
            "left in a 'safe place'. the bin.",
            "die rückerstattung ist „in bearbeitung“... seit wann?",
            "трекинг показывает «прибыло в сортировочный центр».",
            "tracking says \"in transit\" since monday",
            "'några bankdagar' sa ni",
            "sporingen har sagt «under transport» hele uka",
            "« en cours d'acheminement » depuis trois semaines",
        ] {
            assert!(tokenize(cited).cites, "{cited}");
        }
        for plain in [
            "don't worry, it's fine",
            "l'ordine non e' arrivato",
            "the kids' room looks great",
            "i got a mail 'you have won a voucher, click the link below to claim your prize today'",
            "5' 11\" tall",
        ] {
            assert!(!tokenize(plain).cites, "{plain}");
        }
        assert!(tokenize("thanks for the 'fast' delivery").scare_quotes);
        assert!(!tokenize("love the 'Oslo' sofa").scare_quotes);
        assert!(tokenize("love the 'Oslo' sofa").cites);
    }

    #[test]
    fn a_deletion_hash_is_the_hash_of_the_word_with_that_letter_left_out() {
        for word in ["bestelling", "zamówienie", "ab", "посылка"] {
            let chars: Vec<char> = word.chars().collect();
            let expected: Vec<u64> = (0..chars.len())
                .map(|skip| {
                    let d: String = chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c).collect();
                    super::Fnv::of(&d)
                })
                .collect();
            assert_eq!(super::deletion_hashes(word).collect::<Vec<_>>(), expected, "{word}");
        }
        assert_eq!(super::Fnv::START.add(b"best").add(b"elling").0, super::Fnv::of("bestelling"));
    }

    #[test]
    fn normalising_removes_case_accents_and_apostrophes() {
        assert_eq!(normalize_word("Zamówienie"), "zamowienie");
        assert_eq!(normalize_word("NÃO"), "nao");
        assert_eq!(normalize_word("Straße"), "strasse");
        assert_eq!(normalize_word("don't"), "dont");
        assert_eq!(normalize_word("ØDELAGT"), "odelagt");
        assert_eq!(normalize_word("Łódź"), "lodz");
    }

    #[test]
    fn tokenizer_splits_words_numbers_and_emoji() {
        let t = tokenize("Great service, 3 weeks and still NOTHING 👏👏🏽! Where is it?");
        assert_eq!(
            t.words,
            ["great", "service", "3", "weeks", "and", "still", "nothing", "👏", "👏", "where", "is", "it"]
        );
        assert!(t.question_mark);
        assert_eq!(t.exclamations, 1);
        assert_eq!(t.sentence_starts, [0, 9]);
        assert!(!t.is_shouting());
        assert!(tokenize("WHERE IS MY ORDER").is_shouting());
        assert!(tokenize("👍👍").has_no_words());
        assert!(tokenize("verify here: meta-page-appeal.com/verify").has_link);
        assert!(tokenize("see https://x.example").has_link);
        assert!(!tokenize("it costs 2.50 e.g. for the lamp").has_link);
    }

    #[test]
    fn patterns_match_phrases_stems_numbers_and_one_typo() {
        let s = set(&["still waiting", "refund*", "# weeks", "received", "😡"]);
        let m = |text: &str| -> Vec<String> {
            s.matched(&tokenize(text).words).iter().map(|&i| s.patterns()[i].source.clone()).collect()
        };
        assert_eq!(m("I am STILL waiting"), ["still waiting"]);
        assert_eq!(m("refunded?"), ["refund*"]);
        assert_eq!(m("it has been 3 weeks"), ["# weeks"]);
        assert_eq!(m("never recieved it"), ["received"]);
        assert_eq!(m("never receivd it"), ["received"]);
        assert_eq!(m("😡😡"), ["😡"]);
        assert!(m("still here, waiting").is_empty());
        let both = set(&["charged + twice"]);
        assert_eq!(both.matched(&tokenize("twice?? you charged my card").words).len(), 1);
        assert!(both.matched(&tokenize("you charged my card").words).is_empty());
        assert!(m("reserved").is_empty());
    }

    #[test]
    fn typos_inside_a_word_match_but_endings_and_first_letters_do_not() {
        assert!(is_typo_of("received", "recieved"));
        assert!(is_typo_of("damaged", "damagd"));
        assert!(is_typo_of("package", "packkage"));
        assert!(!is_typo_of("pleased", "please"));
        assert!(!is_typo_of("winner", "finner"));
        assert!(!is_typo_of("broken", "brokens"));
        assert!(!is_typo_of("kansellert", "kansellere"));
    }

    #[test]
    fn one_edit_distance_is_exact() {
        assert!(within_one_edit("received", "recieved"));
        assert!(within_one_edit("package", "pakage"));
        assert!(within_one_edit("damaged", "damagedd"));
        assert!(within_one_edit("broken", "brokan"));
        assert!(!within_one_edit("broken", "brkoen1"));
        assert!(!within_one_edit("package", "pack"));
        assert!(!within_one_edit("abcdef", "badcef"));
    }

    #[test]
    fn elongations_are_read_once_and_double_letters_kept() {
        assert_eq!(normalize_word("sooo"), "so");
        assert_eq!(normalize_word("PLEEEASE"), "please");
        assert_eq!(normalize_word("hiiii"), "hi");
        assert_eq!(normalize_word("good"), "good");
        assert_eq!(normalize_word("Zaaamówienie"), "zamowienie");
        let s = set(&["so long", "still waiting"]);
        assert_eq!(s.matched(&tokenize("SOOOO LONG, stiiill waaaiting").words).len(), 2);
    }

    #[test]
    fn numbers_in_words_match_the_number_wildcard() {
        let s = set(&["# weeks", "# недели", "# semanas", "# uker"]);
        for text in ["three weeks now", "уже три недели", "dos semanas y nada", "to uker"] {
            assert_eq!(s.matched(&tokenize(text).words).len(), 1, "{text}");
        }
        assert!(s.matched(&tokenize("the weeks go by").words).is_empty());
    }

    #[test]
    fn three_words_in_capitals_are_a_shout_inside_a_message() {
        assert!(tokenize("ВЫ ВООБЩЕ ОТВЕЧАЕТЕ?? пишу уже пятый раз").shouts_in_part());
        assert!(!tokenize("Order NW 20488, the IKEA one").shouts_in_part());
        assert!(!tokenize("I need it ASAP please").shouts_in_part());
    }

    #[test]
    fn accents_in_entries_are_optional_in_messages() {
        let s = set(&["não chegou", "zamówienie*"]);
        assert_eq!(s.matched(&tokenize("pedido nao chegou").words).len(), 1);
        assert_eq!(s.matched(&tokenize("gdzie moje zamowienie").words).len(), 1);
    }
}

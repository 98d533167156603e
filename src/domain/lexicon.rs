//! The word lists of `flows/words/<lang>.toml`, compiled for matching, and the
//! signals they find in one message.

use std::collections::HashMap;

use super::ids::{IntentId, Lang};
use super::text::{Pattern, PatternSet, Tokens};

/// The lists a language file may hold under `[kinds]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    Complaint,
    Urgent,
    Praise,
    Greeting,
    Question,
    Spam,
    Delay,
    Negation,
}

impl List {
    pub const ALL: [List; 8] = [
        List::Complaint,
        List::Urgent,
        List::Praise,
        List::Greeting,
        List::Question,
        List::Spam,
        List::Delay,
        List::Negation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            List::Complaint => "complaint",
            List::Urgent => "urgent",
            List::Praise => "praise",
            List::Greeting => "greeting",
            List::Question => "question",
            List::Spam => "spam",
            List::Delay => "delay",
            List::Negation => "negation",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Lists that are borrowed from the reference language for every other
    /// language (customers mix in English words). Short function words are
    /// not borrowed: English "fire" is Norwegian "four".
    fn borrowed(self) -> bool {
        matches!(self, List::Complaint | List::Urgent | List::Praise | List::Spam)
    }
}

/// The phrasings of one FAQ intent in one language.
#[derive(Debug, Clone)]
pub struct IntentWords {
    pub id: IntentId,
    /// Enough on their own: 2 points each.
    pub strong: PatternSet,
    /// 1 point each.
    pub keywords: PatternSet,
    /// Real-style messages the intent must recognise (checked by tests).
    pub examples: Vec<String>,
}

/// Everything the bot recognises in one language.
#[derive(Debug, Clone, Default)]
pub struct LangWords {
    pub lists: HashMap<List, PatternSet>,
    pub intents: Vec<IntentWords>,
    /// Words typical of this language and rare in its close neighbours
    /// (Danish "uger" against Norwegian "uker"): evidence for detection.
    pub markers: PatternSet,
}

impl LangWords {
    /// Keeps only what is safe to borrow into another language: entries of
    /// several words, words of seven letters or more ("stolen" is a Norwegian
    /// chair), and emoji; all matched without typos.
    fn borrowable(&self) -> LangWords {
        let keep = |set: &PatternSet| {
            PatternSet::exact(
                set.patterns()
                    .iter()
                    .filter(|p| p.len() >= 2 || p.source.chars().count() >= 7 || !p.source.is_ascii())
                    .cloned()
                    .collect::<Vec<Pattern>>(),
            )
        };
        LangWords {
            lists: self.lists.iter().filter(|(l, _)| l.borrowed()).map(|(l, s)| (*l, keep(s))).collect(),
            intents: self
                .intents
                .iter()
                .map(|i| IntentWords {
                    id: i.id.clone(),
                    strong: keep(&i.strong),
                    keywords: keep(&i.keywords),
                    examples: vec![],
                })
                .collect(),
            markers: PatternSet::default(),
        }
    }
}

/// All languages' word lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    langs: HashMap<Lang, LangWords>,
    /// The reference language's borrowable entries, consulted for all others.
    borrowed: Option<(Lang, LangWords)>,
}

/// How often each list matched in a message, and the intent scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    counts: HashMap<List, usize>,
    /// Question words found at the start of a sentence.
    pub question_words: usize,
    /// Every entry that matched, by list, to explain a decision.
    pub hits: Vec<(List, String)>,
    /// (intent, score), best first.
    pub intents: Vec<(IntentId, f64)>,
}

impl Signals {
    pub fn count(&self, list: List) -> usize {
        self.counts.get(&list).copied().unwrap_or(0)
    }
}

/// Question words count only near the start of a sentence ("how", "kan ik"):
/// later in a sentence they are usually not asking anything.
const QUESTION_WORD_REACH: usize = 3;

/// Greetings count only where a sentence starts ("hallo, …"), so Dutch
/// "morgen" (tomorrow) later in a sentence is not "good morning".
const GREETING_REACH: usize = 1;

impl Lexicon {
    pub fn new(langs: HashMap<Lang, LangWords>, reference: Lang) -> Self {
        let borrowed = langs.get(&reference).map(|w| (reference, w.borrowable()));
        Self { langs, borrowed }
    }

    pub fn words(&self, lang: Lang) -> Option<&LangWords> {
        self.langs.get(&lang)
    }

    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.langs.keys().copied()
    }

    /// How many of `lang`'s marker entries appear in the message.
    pub fn marker_hits(&self, lang: Lang, words: &[String]) -> usize {
        self.langs.get(&lang).map_or(0, |w| w.markers.matched(words).len())
    }

    /// The signals of `tokens`, read with the lists of `lang` (and the
    /// borrowed reference entries when `lang` is another language).
    pub fn signals(&self, lang: Lang, tokens: &Tokens) -> Signals {
        let mut sig = Signals::default();
        let mut sources: Vec<&LangWords> = Vec::with_capacity(2);
        if let Some(w) = self.langs.get(&lang) {
            sources.push(w);
        }
        if let Some((reference, w)) = &self.borrowed {
            if *reference != lang {
                sources.push(w);
            }
        }
        let words = &tokens.words;
        for list in List::ALL {
            let mut seen: Vec<&str> = Vec::new();
            for src in &sources {
                let Some(set) = src.lists.get(&list) else { continue };
                let reach = match list {
                    List::Question => Some(QUESTION_WORD_REACH),
                    List::Greeting => Some(GREETING_REACH),
                    _ => None,
                };
                if let Some(reach) = reach {
                    set.for_each_match(words, |id, pos| {
                        let near_start = tokens.sentence_starts.iter().any(|&s| pos >= s && pos - s < reach);
                        if near_start {
                            seen.push(&set.patterns()[id].source);
                        }
                    });
                } else {
                    for id in set.matched(words) {
                        seen.push(&set.patterns()[id].source);
                    }
                }
            }
            seen.sort_unstable();
            seen.dedup();
            if list == List::Question {
                sig.question_words = seen.len();
            }
            if !seen.is_empty() {
                sig.counts.insert(list, seen.len());
                sig.hits.extend(seen.iter().map(|s| (list, s.to_string())));
            }
        }
        let mut scores: HashMap<&IntentId, f64> = HashMap::new();
        for src in &sources {
            for intent in &src.intents {
                let score = 2.0 * intent.strong.matched(words).len() as f64
                    + intent.keywords.matched(words).len() as f64;
                if score > 0.0 {
                    let s = scores.entry(&intent.id).or_default();
                    // The language's own lists and the borrowed ones may find
                    // the same words: keep the better reading, do not add.
                    *s = s.max(score);
                }
            }
        }
        let mut intents: Vec<(IntentId, f64)> = scores.into_iter().map(|(k, v)| (k.clone(), v)).collect();
        intents.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        sig.intents = intents;
        sig
    }
}

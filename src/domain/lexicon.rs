//! The word lists of `flows/words/<lang>.toml`, compiled for matching, and the
//! signals they find in one message.

use std::collections::HashMap;

use super::ids::{IntentId, Lang};
use super::language::WordEvidence;
use super::text::{Pattern, PatternSet, Tokens};

/// The lists a language file may hold under `[kinds]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    Complaint,
    Urgent,
    Praise,
    Greeting,
    Question,
    Spam,
    Delay,
    Negation,
    Closing,
    /// Thanks or loyalty with a word of waiting in it ("thanks again",
    /// "will order again"): its delay word tells of no wait.
    Again,
    /// Words that close a conversation ("ok", "that's all", "got it",
    /// "bye"): a message made only of these and thanks is a closer.
    Closer,
    /// Ironic set phrases and emoji ("just what I needed", "can't wait",
    /// 🙃): next to praise or a bad event, the praise is sarcasm.
    Irony,
    /// Bad events that are no complaint alone ("without", "lost", "another
    /// month"): next to a word of praise, the praise is sarcasm.
    Mishap,
    /// The order has left ("already shipped", "on its way"): a cancellation
    /// then takes the path the intent's `once_shipped` names.
    Shipped,
    /// Words that put a matter on this very day ("today", "this afternoon",
    /// "right now", "out for delivery"): with a same-day topic (an address
    /// to change) the message is urgent.
    Today,
    /// Words of placing the order ("ordered", "bestellt"): a `today` word
    /// next to one tells when the order was placed, not when it comes.
    Ordered,
    /// Words of a thing done more than once ("twice", "two payments",
    /// "duplicate"): next to a word of money, a double charge.
    Twice,
    /// Words of money taken ("charged", "payment", "debited", "card"): next
    /// to a word of `twice`, a double charge.
    Money,
    /// Complaint words of the commonest languages we have no lists for
    /// (Turkish, Finnish, Hungarian, Czech, Romanian, Greek, Arabic), kept in
    /// the reference language's file: a message read as a language we do
    /// not speak that holds one is a complaint.
    Foreign,
    /// Ordinals past the first and words of one more ("second", "fifth",
    /// "another", "umpteenth"): right before a `unit` word, a wait or a
    /// failure told again ("the fifth week", "la tercera vez").
    Ordinal,
    /// Spans of waiting and occasions ("week", "month", "time", "attempt"):
    /// after an `ordinal`, a repeat that counts as a word of waiting and a
    /// bad event.
    Unit,
    /// Days a team may be away: weekends, weekday names, holidays ("sunday",
    /// "boxing day", "semana santa"): with a word of `presence` in a question,
    /// a question about opening hours.
    Off,
    /// A person being there or answering ("anyone", "answer", "reachable",
    /// "open"): with a word of `off`, a question about opening hours.
    Presence,
    /// Forms of waiting ("wait*", "wacht*", "жд*"): next to a `unit` or a
    /// word of `delay` ("a week to wait", "ждать неделю", "vänta i
    /// evigheter"), one more word of waiting.
    Wait,
    /// Colours ("grey", "beige", "серый"): two different ones with a word
    /// of ordering ("ordered a grey sofa and got a beige one") tell of a
    /// wrong item.
    Colour,
    /// Months, seasons and holidays ("march", "autumn", "easter"): one
    /// next to a word of ordering and another one in a later clause with a
    /// word of `now` ("ordered in March, now it's October") tell of a long
    /// wait.
    Date,
    /// Words of the present ("now", "already", "inzwischen", "на дворе"):
    /// in the clause of a later `date`, it is the date of today.
    Now,
    /// Worry before the fact ("I was afraid", "hatte Angst", "боялась"): what
    /// follows it up to a word of `contrast` is feared, not told.
    Worry,
    /// "but", "aber", "men", "но": where a feared outcome gives way to what
    /// happened.
    Contrast,
    /// A problem put right, told as done ("replaced it", "sent a new one",
    /// "hat sich sofort gekümmert", "löste allt"): in a message of thanks
    /// with no question, the bad words told before it are settled.
    Resolved,
}

impl List {
    pub const ALL: [List; 30] = [
        List::Complaint,
        List::Urgent,
        List::Praise,
        List::Greeting,
        List::Question,
        List::Spam,
        List::Delay,
        List::Negation,
        List::Closing,
        List::Again,
        List::Closer,
        List::Irony,
        List::Mishap,
        List::Shipped,
        List::Today,
        List::Ordered,
        List::Twice,
        List::Money,
        List::Foreign,
        List::Ordinal,
        List::Unit,
        List::Off,
        List::Presence,
        List::Wait,
        List::Colour,
        List::Date,
        List::Now,
        List::Worry,
        List::Contrast,
        List::Resolved,
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
            List::Closing => "closing",
            List::Again => "again",
            List::Closer => "closer",
            List::Irony => "irony",
            List::Mishap => "mishap",
            List::Shipped => "shipped",
            List::Today => "today",
            List::Ordered => "ordered",
            List::Twice => "twice",
            List::Money => "money",
            List::Foreign => "foreign",
            List::Ordinal => "ordinal",
            List::Unit => "unit",
            List::Off => "off",
            List::Presence => "presence",
            List::Wait => "wait",
            List::Colour => "colour",
            List::Date => "date",
            List::Now => "now",
            List::Worry => "worry",
            List::Contrast => "contrast",
            List::Resolved => "resolved",
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

    /// Lists whose one-word entries match only as written: they turn praise
    /// into a complaint, and a one-letter typo of a bad event is too often
    /// an ordinary word (Spanish "perdido", lost, against "pedido", order).
    fn without_typos(self) -> bool {
        matches!(
            self,
            List::Mishap
                | List::Irony
                | List::Ordinal
                | List::Unit
                | List::Wait
                | List::Colour
                | List::Date
                | List::Now
                | List::Worry
                | List::Contrast
                | List::Resolved
        )
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
    /// Words that take a question beyond what the answer covers (Saturday
    /// delivery for the delivery time): the intent is then not claimed.
    pub beyond: PatternSet,
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

/// What a pattern of the combined index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Tag {
    List(List),
    /// A `strong` entry of intent number n.
    Strong(usize),
    /// A `keywords` entry of intent number n.
    Keyword(usize),
    /// A `beyond` entry of intent number n.
    Beyond(usize),
}

/// All of one language's entries (and the borrowed reference entries) in
/// one index, so a message is matched in a single pass.
#[derive(Debug, Clone, Default)]
struct LangIndex {
    set: PatternSet,
    tags: Vec<Tag>,
    /// How many of the patterns (the first ones) are the language's own.
    own: usize,
}

impl LangIndex {
    fn build(own: Option<&LangWords>, borrowed: Option<&LangWords>, intents: &[IntentId]) -> Self {
        let mut patterns = Vec::new();
        let mut tags = Vec::new();
        let add = |patterns: &mut Vec<Pattern>, tags: &mut Vec<Tag>, w: &LangWords, borrowed: bool| {
            // Borrowed: entries of several words, words of seven letters or
            // more ("stolen" is a Norwegian chair), emoji; without typos.
            let keep = |p: &Pattern| !borrowed || p.len() >= 2 || p.source.chars().count() >= 7 || !p.source.is_ascii();
            let fix = |p: &Pattern, typos: bool| {
                if borrowed || (!typos && p.len() == 1) {
                    p.clone().exact()
                } else {
                    p.clone()
                }
            };
            for (list, set) in &w.lists {
                // Emoji mean the same in every language: borrow them from every list.
                let emoji_only = borrowed && !list.borrowed();
                for p in set.patterns().iter().filter(|p| {
                    keep(p) && (!emoji_only || !p.source.is_ascii() && p.source.chars().all(|c| !c.is_alphabetic()))
                }) {
                    patterns.push(fix(p, !list.without_typos()));
                    tags.push(Tag::List(*list));
                }
            }
            for iw in &w.intents {
                let Some(n) = intents.iter().position(|i| *i == iw.id) else {
                    continue;
                };
                for p in iw.strong.patterns().iter().filter(|p| keep(p)) {
                    patterns.push(fix(p, true));
                    tags.push(Tag::Strong(n));
                }
                for p in iw.keywords.patterns().iter().filter(|p| keep(p)) {
                    patterns.push(fix(p, true));
                    tags.push(Tag::Keyword(n));
                }
                for p in iw.beyond.patterns().iter().filter(|p| keep(p)) {
                    patterns.push(fix(p, true));
                    tags.push(Tag::Beyond(n));
                }
            }
        };
        if let Some(w) = own {
            add(&mut patterns, &mut tags, w, false);
        }
        let own = tags.len();
        if let Some(w) = borrowed {
            add(&mut patterns, &mut tags, w, true);
        }
        Self { set: PatternSet::new(patterns), tags, own }
    }
}

/// All languages' word lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    langs: HashMap<Lang, LangWords>,
    /// Per language, its entries and the reference language's borrowable ones.
    index: HashMap<Lang, LangIndex>,
    /// For languages with no word lists of their own: the borrowed entries.
    borrowed_only: LangIndex,
    /// Every language's own entries and marker words in one index, so the
    /// evidence for language detection takes one pass over a message.
    evidence: PatternSet,
    /// Per pattern of `evidence`: its language, and whether it is a marker.
    evidence_tags: Vec<(Lang, bool)>,
    intents: Vec<IntentId>,
    /// Per intent of `intents`: a complaint by nature (a damaged item),
    /// whose words a friendly phrase denies ("not a single scratch").
    complaint_intents: Vec<bool>,
    /// The reference language's `foreign` list, matched exactly.
    foreign: PatternSet,
}

/// How well a message matches one intent.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentScore {
    pub id: IntentId,
    /// 2 per strong entry, 1 per keyword.
    pub score: f64,
    /// How many strong entries matched.
    pub strong: usize,
    /// A `beyond` entry matched: the question goes past the answer, so the
    /// intent is not claimed (it may still name a complaint's topic).
    pub beyond: bool,
}

/// How often each list matched in a message, and the intent scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    counts: HashMap<List, usize>,
    /// Question words found at the start of a sentence.
    pub question_words: usize,
    /// Every entry that matched, by list, to explain a decision.
    pub hits: Vec<(List, String)>,
    /// Word positions where praise matched (to tell a closing "thanks"
    /// from praise).
    pub praise_at: Vec<usize>,
    /// Intent scores, best first.
    pub intents: Vec<IntentScore>,
    /// The words each list entry of consecutive words covered: (list,
    /// first word, number of words), to tell a message made only of
    /// closing words.
    pub spans: Vec<(List, usize, usize)>,
    /// The intents whose `beyond` words matched, scored or not ("do you
    /// deliver on Sunday" names a delivery past the opening hours' answer
    /// even when no opening-hours word scored).
    pub beyond: Vec<IntentId>,
    /// Two different colours told with a word of ordering: a wrong item.
    pub wrong_item: bool,
    /// Bad words the message settles before telling more: feared before a
    /// "but", put right, or turned by a "but" into warm praise. Thanks
    /// with nothing bad left of them are praise at any length.
    pub settled: bool,
}

impl Signals {
    pub fn count(&self, list: List) -> usize {
        self.counts.get(&list).copied().unwrap_or(0)
    }

    /// One more hit of `list` that no single entry made ("the fifth week",
    /// "grey ≠ beige"), told as `told`.
    fn tell(&mut self, list: List, told: String) {
        *self.counts.entry(list).or_default() += 1;
        self.hits.push((list, told));
    }
}

/// Where the entries of `list` matched, as word ranges.
pub fn spans_in(spans: &[(List, usize, usize)], list: List) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans.iter().filter(move |&&(l, _, _)| l == list).map(|&(_, at, len)| (at, at + len))
}

/// Whether the words `span` lie inside one of `outer` (strictly: inside a
/// longer one).
fn within((f, t): (usize, usize), outer: &[(usize, usize)], strictly: bool) -> bool {
    outer.iter().any(|&(of, ot)| of <= f && t <= ot && (!strictly || ot - of > t - f))
}

/// A negation at most this many words before a word of putting right, or
/// less than this many after it, takes it back ("still not replaced", "nie
/// wymienili", "löste det inte").
const UNSETTLED_REACH: usize = 2;

/// The words a problem put right settles: from the message's start to the
/// end of the last word of putting right that no negation takes back, in a
/// message with thanks, no irony and no question ("can you send a new one?
/// thanks" asks for it, "thanks for nothing, you promised a new one" mocks
/// it). Bad words after it are told ("you sent a new one and it is broken
/// too, great").
fn settled_span(
    resolved: &[(usize, usize)],
    negations: &[(usize, usize)],
    praises: &[(usize, usize)],
    irony: &[(usize, usize)],
    tokens: &Tokens,
) -> Option<(usize, usize)> {
    if praises.is_empty() || !irony.is_empty() || tokens.question_mark {
        return None;
    }
    // In its own clause: "the lamp did not work, you sent a new one".
    let taken_back = |(f, t): (usize, usize)| {
        negations.iter().any(|&(nf, nt)| {
            let near = (nt <= f && f - nt <= UNSETTLED_REACH) || (nf >= t && nf - t < UNSETTLED_REACH);
            near && tokens.clause_of(nf) == tokens.clause_of(f)
        })
    };
    let (_, to) = resolved.iter().copied().filter(|&span| !taken_back(span)).max_by_key(|&(f, _)| f)?;
    Some((0, to))
}

/// Words of praise a "but" must be followed by to settle what came before.
const TURNED_PRAISE_MIN: usize = 2;

/// What a "but" settles: the words before the last word of `contrast`,
/// when warm praise follows it and nothing bad does, in a message with no irony
/// and no question, and no scare quotes ("the first one came cracked, but
/// the new one is perfect, great service, thank you"). Praise before the
/// "but" and a bad event after it ("lovely colour, but it came broken")
/// stays a complaint.
fn turned_span(
    contrasts: &[(usize, usize)],
    praises: &[(usize, usize)],
    irony: &[(usize, usize)],
    tokens: &Tokens,
    bad_after: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    if !irony.is_empty() || tokens.question_mark || tokens.scare_quotes {
        return None;
    }
    let (at, _) = contrasts.iter().copied().max_by_key(|&(f, _)| f)?;
    // Warmly: one word of praise after a "but" is as often the silver
    // lining of sarcasm ("but nice that someone got some joy out of it").
    // Counted by where they start: "dejlig*" and "dejligt" are one word.
    let mut after: Vec<usize> = praises.iter().map(|&(f, _)| f).filter(|&f| f > at).collect();
    after.sort_unstable();
    after.dedup();
    let praised_after = after.len() >= TURNED_PRAISE_MIN;
    (praised_after && !bad_after(at)).then_some((0, at))
}

/// The rest of the clause of a word of putting right, where a span of time
/// tells how quickly it was done ("sent a new one within two days", "löste
/// det på en dag"), not how long the customer waited.
fn quickly_span(settled: Option<(usize, usize)>, tokens: &Tokens) -> Option<(usize, usize)> {
    let (_, to) = settled?;
    Some((to, tokens.clause_end(to)))
}

/// A `date` at most this many words from a word of ordering tells when the
/// order was placed ("bestellt im März", "lo pedí en primavera").
const ORDER_DATE_REACH: usize = 3;

/// "ordered in March, now it's October": a `date` next to a word of
/// ordering and a later one that a word of `now` makes today ("will it come
/// before Christmas?" tells of no wait). Returns the two, as told.
fn dated_wait(spans: &[(List, usize, usize)], tokens: &Tokens) -> Option<String> {
    let of = |list: List| spans_in(spans, list);
    let clause = |at: usize| tokens.clause_of(at);
    let told = |(f, t): (usize, usize)| tokens.words[f..t].join(" ");
    let placed = of(List::Date).find(|&d| of(List::Ordered).any(|o| gap(o, d) <= ORDER_DATE_REACH))?;
    // A word of `now` in the later date's clause, which is another clause
    // or follows that word ("y ya estamos en octubre").
    let today = |d: (usize, usize)| {
        of(List::Now)
            .any(|n| n.0 >= placed.1 && clause(n.0) == clause(d.0) && (clause(d.0) > clause(placed.0) || n.0 < d.0))
    };
    let now = of(List::Date).find(|&d| d.0 >= placed.1 && told(d) != told(placed) && today(d))?;
    Some(format!("{} → {}", told(placed), told(now)))
}

/// Words between two entries' spans (0 when they touch or overlap).
pub fn gap((af, at): (usize, usize), (bf, bt): (usize, usize)) -> usize {
    if bf >= at {
        bf - at
    } else {
        af.saturating_sub(bt)
    }
}

/// Words at most between an `ordinal` and its `unit` ("the third whole
/// week", "quinta semana").
const REPEAT_REACH: usize = 1;

/// A repeat at most this many words from a word of ordering tells of
/// loyalty, not of a wait ("ordering for the third time, love it",
/// "заказываю уже третий раз").
const LOYAL_REACH: usize = 3;

/// The first `ordinal` followed by a `unit` within [`REPEAT_REACH`] words,
/// as (first word, number of words), unless it counts orders placed.
fn repeat_span(spans: &[(List, usize, usize)]) -> Option<(usize, usize)> {
    let ordering = |from: usize, to: usize| {
        spans.iter().any(|&(l, at, len)| l == List::Ordered && gap((at, at + len), (from, to)) <= LOYAL_REACH)
    };
    spans.iter().filter(|&&(l, _, _)| l == List::Ordinal).find_map(|&(_, at, len)| {
        let end = at + len;
        spans
            .iter()
            .filter(|&&(l, u, _)| l == List::Unit && u >= end && u - end <= REPEAT_REACH)
            .map(|&(_, u, ulen)| (at, u + ulen - at))
            .min_by_key(|&(_, n)| n)
            .filter(|&(from, n)| !ordering(from, from + n))
    })
}

/// Words at most between a word of waiting and its span or word of delay.
const WAIT_REACH: usize = 3;

/// A `wait` word within [`WAIT_REACH`] words of a `unit` or a `delay`
/// entry, as (first word, number of words) of the two together.
fn waited_span(spans: &[(List, usize, usize)]) -> Option<(usize, usize)> {
    spans.iter().filter(|&&(l, _, _)| l == List::Wait).find_map(|&(_, at, len)| {
        spans
            .iter()
            .filter(|&&(l, _, _)| matches!(l, List::Unit | List::Delay))
            .find(|&&(_, u, ulen)| {
                let apart = u + ulen <= at || u >= at + len;
                apart && gap((at, at + len), (u, u + ulen)) <= WAIT_REACH
            })
            .map(|&(_, u, ulen)| (at.min(u), (at + len).max(u + ulen) - at.min(u)))
    })
}

/// Question words count only near the start of a sentence ("how", "kan ik"):
/// later in a sentence they are usually not asking anything.
const QUESTION_WORD_REACH: usize = 3;

/// Greetings count only where a sentence starts ("hallo, …"), so Dutch
/// "morgen" (tomorrow) later in a sentence is not "good morning".
const GREETING_REACH: usize = 1;

impl Lexicon {
    pub fn new(langs: HashMap<Lang, LangWords>, reference: Lang) -> Self {
        let mut intents: Vec<IntentId> = langs.values().flat_map(|w| w.intents.iter().map(|i| i.id.clone())).collect();
        intents.sort();
        intents.dedup();
        let reference_words = langs.get(&reference);
        let index: HashMap<Lang, LangIndex> = langs
            .iter()
            .map(|(lang, w)| {
                let borrowed = if *lang == reference { None } else { reference_words };
                (*lang, LangIndex::build(Some(w), borrowed, &intents))
            })
            .collect();
        let borrowed_only = LangIndex::build(None, reference_words, &intents);
        let mut patterns = Vec::new();
        let mut evidence_tags = Vec::new();
        for (lang, index) in &index {
            for p in &index.set.patterns()[..index.own] {
                patterns.push(p.clone());
                evidence_tags.push((*lang, false));
            }
            for p in langs[lang].markers.patterns() {
                patterns.push(p.clone());
                evidence_tags.push((*lang, true));
            }
        }
        let evidence = PatternSet::new(patterns);
        let foreign = PatternSet::new(
            reference_words
                .and_then(|w| w.lists.get(&List::Foreign))
                .map(|set| set.patterns().iter().cloned().map(Pattern::exact).collect())
                .unwrap_or_default(),
        );
        let complaint_intents = vec![false; intents.len()];
        Self { langs, index, borrowed_only, evidence, evidence_tags, intents, complaint_intents, foreign }
    }

    /// Marks the intents that are complaints by nature: their words inside
    /// a friendly phrase ("not a single scratch") are denied, not told.
    pub fn with_complaint_intents<'a>(mut self, ids: impl IntoIterator<Item = &'a IntentId>) -> Self {
        for id in ids {
            if let Some(n) = self.intents.iter().position(|i| i == id) {
                self.complaint_intents[n] = true;
            }
        }
        self
    }

    /// Whether the message holds a complaint word of a language we do not
    /// speak (the `foreign` list): "ürün kırık geldi", "tilaus tuli rikki".
    pub fn foreign_complaint(&self, tokens: &Tokens) -> bool {
        let mut found = false;
        self.foreign.for_each_match(&tokens.words, |_, _| found = true);
        found
    }

    pub fn words(&self, lang: Lang) -> Option<&LangWords> {
        self.langs.get(&lang)
    }

    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.langs.keys().copied()
    }

    /// Per language, how many distinct entries of its own lists (not the
    /// borrowed ones) and of its marker words appear in the message:
    /// evidence that it is written in that language.
    pub fn evidence(&self, words: &[String]) -> WordEvidence {
        let mut ids = Vec::new();
        self.evidence.for_each_match(words, |id, _| ids.push(id));
        ids.sort_unstable();
        ids.dedup();
        let mut found: Vec<(Lang, usize, usize)> = Vec::new();
        for id in ids {
            let (lang, marker) = self.evidence_tags[id];
            let at = match found.iter().position(|(l, _, _)| *l == lang) {
                Some(at) => at,
                None => {
                    found.push((lang, 0, 0));
                    found.len() - 1
                }
            };
            if marker {
                found[at].2 += 1;
            } else {
                found[at].1 += 1;
            }
        }
        WordEvidence { found }
    }

    /// `own` with the `closer` and `praise` entries of every language added.
    /// A closer is often mixed ("helder, thanks", "alles klar, merci") and
    /// too short for its language to be more than a guess, so whether a
    /// message only closes must not hang on the language detected.
    pub fn with_closers_of_all(&self, own: &Signals, tokens: &Tokens) -> Signals {
        let mut all = own.clone();
        for lang in self.index.keys() {
            for &(list, at, len) in &self.signals(*lang, tokens).spans {
                if matches!(list, List::Closer | List::Praise) && !all.spans.contains(&(list, at, len)) {
                    all.spans.push((list, at, len));
                    *all.counts.entry(list).or_default() += 1;
                }
            }
        }
        all
    }

    /// The signals of `tokens`, read with the lists of `lang` (and the
    /// borrowed reference entries when `lang` is another language).
    pub fn signals(&self, lang: Lang, tokens: &Tokens) -> Signals {
        let index = self.index.get(&lang).unwrap_or(&self.borrowed_only);
        let mut seen: Vec<(Tag, &str)> = Vec::new();
        let mut praise_at = Vec::new();
        let mut spans = Vec::new();
        let mut occurrences: Vec<(Tag, usize, usize)> = Vec::new();
        index.set.for_each_match(&tokens.words, |id, pos| {
            let tag = index.tags[id];
            let reach = match tag {
                Tag::List(List::Question) => Some(QUESTION_WORD_REACH),
                Tag::List(List::Greeting) => Some(GREETING_REACH),
                _ => None,
            };
            let placed = reach.is_none_or(|r| tokens.sentence_starts.iter().any(|&s| pos >= s && pos - s < r));
            if placed {
                occurrences.push((tag, id, pos));
            }
        });
        let span_of = |id: usize, pos: usize| index.set.patterns()[id].span().map(|len| (pos, pos + len));
        let of = |list: List| -> Vec<(usize, usize)> {
            occurrences.iter().filter(|o| o.0 == Tag::List(list)).filter_map(|&(_, id, pos)| span_of(id, pos)).collect()
        };
        // "arrived without a scratch", "llegó sin un arañazo", "eilt nicht",
        // "ne vous inquiétez pas", "have a good one": a complaint, urgent,
        // mishap, irony or negation word, or a word of an intent that is a
        // complaint by nature (the damaged item), inside a friendly phrase
        // (`closing`) is none; "too late to cancel?" still asks to cancel.
        let closings = of(List::Closing);
        // A praise entry inside a longer one ("super" in "super service") is
        // the same praise, not a second word of it.
        let praises = of(List::Praise);
        // "I was afraid the glass would arrive broken, but not a scratch":
        // from a word of worry to the next word of contrast, the bad words
        // are feared, not told.
        let contrasts = of(List::Contrast);
        let feared: Vec<(usize, usize)> = of(List::Worry)
            .into_iter()
            .filter_map(|(_, w)| contrasts.iter().map(|&(c, _)| c).filter(|&c| c >= w).min().map(|c| (w, c)))
            .collect();
        // "the first chair came scratched, you sent a new one the next day,
        // thank you!": a problem put right and thanked for is settled.
        let irony = of(List::Irony);
        let negations = of(List::Negation);
        let settled = settled_span(&of(List::Resolved), &negations, &praises, &irony, tokens);
        let quickly: Vec<(usize, usize)> = quickly_span(settled, tokens).into_iter().collect();
        // "the lamp came broken, but Mette rang me the same day and a new
        // one was here two days later. Well handled!": a bad event before a
        // "but", and after it only praise, nothing bad.
        let bad_after = |from: usize| {
            [List::Complaint, List::Mishap, List::Urgent, List::Delay]
                .into_iter()
                .flat_map(&of)
                .chain(negations.iter().copied().filter(|&n| !within(n, &closings, false)))
                .any(|(f, _)| f >= from)
        };
        let turned = turned_span(&contrasts, &praises, &irony, tokens, bad_after);
        // Feared, put right or turned: not told as happening.
        let untold: Vec<(usize, usize)> = feared.into_iter().chain(settled).chain(turned).collect();
        let complaint_intent = |n: usize| self.complaint_intents.get(n).copied().unwrap_or(false);
        occurrences.retain(|&(tag, id, pos)| {
            let inside = |outer: &[(usize, usize)], strictly: bool| {
                span_of(id, pos).is_some_and(|span| within(span, outer, strictly))
            };
            match tag {
                Tag::List(List::Complaint | List::Mishap) => !inside(&closings, false) && !inside(&untold, false),
                Tag::List(List::Irony) => !inside(&closings, false),
                Tag::List(List::Urgent) => !inside(&closings, false),
                Tag::List(List::Negation) => !inside(&closings, false) && !inside(&untold, false),
                Tag::List(List::Delay) => !inside(&untold, false) && !inside(&quickly, false),
                Tag::Strong(n) | Tag::Keyword(n) if complaint_intent(n) => {
                    !inside(&closings, false) && !inside(&untold, false)
                }
                Tag::List(List::Praise) => !inside(&praises, true),
                _ => true,
            }
        });
        for &(tag, id, pos) in &occurrences {
            let pattern = &index.set.patterns()[id];
            seen.push((tag, &pattern.source));
            if tag == Tag::List(List::Praise) {
                praise_at.push(pos);
            }
            if let (Tag::List(list), Some(len)) = (tag, pattern.span()) {
                spans.push((list, pos, len));
            }
        }
        let repeat = repeat_span(&spans);
        seen.sort_unstable();
        seen.dedup();
        let mut sig = Signals { praise_at, spans, settled: !untold.is_empty(), ..Signals::default() };
        if let Some((at, len)) = repeat {
            // "the fifth week", "die dritte Woche", "la tercera vez": told
            // again, a wait and a bad event whatever the ordinal.
            for list in [List::Delay, List::Mishap] {
                sig.tell(list, tokens.words[at..at + len].join(" "));
                sig.spans.push((list, at, len));
            }
        }
        let mut scores = vec![0.0f64; self.intents.len()];
        let mut strong = vec![0usize; self.intents.len()];
        let mut beyond = vec![false; self.intents.len()];
        for (tag, source) in &seen {
            match tag {
                Tag::List(list) => {
                    *sig.counts.entry(*list).or_default() += 1;
                    if *list == List::Question {
                        sig.question_words += 1;
                    }
                    sig.hits.push((*list, source.to_string()));
                }
                Tag::Strong(n) => {
                    scores[*n] += 2.0;
                    strong[*n] += 1;
                }
                Tag::Keyword(n) => scores[*n] += 1.0,
                Tag::Beyond(n) => beyond[*n] = true,
            }
        }
        let mut intents: Vec<IntentScore> = scores
            .into_iter()
            .enumerate()
            .filter(|(_, s)| *s > 0.0)
            .map(|(n, score)| IntentScore { id: self.intents[n].clone(), score, strong: strong[n], beyond: beyond[n] })
            .collect();
        intents.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        sig.intents = intents;
        if let Some((at, len)) = waited_span(&sig.spans) {
            // "sta ik een week te wachten", "ждать неделю": waiting told with
            // its span or a word of delay is one more word of waiting.
            sig.tell(List::Delay, tokens.words[at..at + len].join(" "));
        }
        let colours: Vec<&str> = sig.hits.iter().filter(|(l, _)| *l == List::Colour).map(|(_, c)| c.as_str()).collect();
        if colours.len() >= 2 && sig.count(List::Ordered) > 0 {
            // "ordered the green sofa and got a mustard one": a wrong item,
            // a bad event praise next to it turns to sarcasm.
            let told = colours.join(" ≠ ");
            sig.wrong_item = true;
            sig.tell(List::Mishap, told);
        }
        if let Some(told) = dated_wait(&sig.spans, tokens) {
            // "ordered in March, now it's October": a wait told by dates, as
            // long as two words of waiting, and a bad event.
            for list in [List::Delay, List::Delay, List::Mishap] {
                sig.tell(list, told.clone());
            }
        }
        sig.beyond = beyond.iter().zip(&self.intents).filter(|(b, _)| **b).map(|(_, id)| id.clone()).collect();
        sig
    }
}

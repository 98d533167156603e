//! Message kinds: complaint, urgent, question, praise, greeting, spam, other.
//!
//! The rules read the word-list signals of the message's language. They lean
//! towards complaint (a complainant thanked is the American Airlines failure)
//! and away from spam (a real customer marked spam is lost).

use super::intent::IntentMatch;
use super::lexicon::{gap, spans_in, List, Signals};
use super::text::Tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Complaint,
    Urgent,
    Question,
    Praise,
    Greeting,
    Spam,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Complaint, Kind::Urgent, Kind::Question, Kind::Praise, Kind::Greeting, Kind::Spam, Kind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Complaint => "complaint",
            Kind::Urgent => "urgent",
            Kind::Question => "question",
            Kind::Praise => "praise",
            Kind::Greeting => "greeting",
            Kind::Spam => "spam",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A question about a wait this long (in words) tells of waiting too long.
const WAIT_STORY_WORDS: usize = 10;

/// "Thanks, no problem!": praise with a negation in at most this many words.
const STOCK_CLOSER_WORDS: usize = 5;

/// From this many words on, a message with a negation is read as a complaint.
const LONG_MESSAGE_WORDS: usize = 12;

/// A message with one word of praise is praise only up to this many words.
const PRAISE_ONE_WORD_MAX: usize = 10;

/// Greetings longer than this are not "only a greeting".
const GREETING_MAX_WORDS: usize = 5;

/// A closer ("ok perfect, thanks a lot, bye") is at most this many words.
const CLOSER_MAX_WORDS: usize = 8;

/// "ok thanks", "that's all, thanks", "perfect, thank you 👍": a message made
/// only of the `closer` list's words, holding two separate entries of it or
/// one that is not praise. A bare "thanks!" or "thank you so much!" stays
/// praise (its entries overlap); "ok love it, thanks" is praise too, since
/// "love it" closes nothing. One short last word no list holds is allowed
/// after two closing entries ("alright, cheers then"). Closers are `other`: they need no gushing reply
/// and no person.
pub fn is_closer(tokens: &Tokens, s: &Signals) -> bool {
    let n = tokens.words.len();
    if n == 0 || tokens.question_mark || tokens.word_count > CLOSER_MAX_WORDS {
        return false;
    }
    let troubled = [List::Complaint, List::Urgent, List::Irony, List::Spam, List::Shipped, List::Twice];
    // "ок, без проблем, спасибо": a bad event inside a friendly phrase is
    // none (the lexicon drops it).
    let mishap = s.count(List::Mishap);
    if s.count(List::Closer) == 0 || mishap > 0 || troubled.into_iter().any(|l| s.count(l) > 0) {
        return false;
    }
    let mut closer = vec![false; n];
    let mut praise = vec![false; n];
    // Which words each list covers, and the closer entries' spans.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &(list, at, len) in &s.spans {
        // A friendly phrase with a negation closes as well ("no worries,
        // thanks", "kein Problem, danke").
        let mark = match list {
            List::Closer | List::Closing => {
                spans.push((at, at + len));
                &mut closer
            }
            List::Praise => &mut praise,
            _ => continue,
        };
        for m in mark.iter_mut().skip(at).take(len) {
            *m = true;
        }
    }
    // Entries that overlap ("thank you", "thank you so much") are one.
    spans.sort_unstable();
    let mut separate = 0;
    let mut end = 0;
    for (from, to) in spans {
        if separate == 0 || from >= end {
            separate += 1;
        }
        end = end.max(to);
    }
    // One word the lists do not hold ("alright cheers then", "ok thanks
    // mate") leaves two closing entries a closer, when it names no topic
    // and praises nothing.
    let open: Vec<usize> = (0..n).filter(|&i| !closer[i]).collect();
    let all_closing = match open.as_slice() {
        [] => true,
        [i] => {
            let word = &tokens.words[*i];
            let last_word = tokens.words[*i + 1..].iter().all(|w| !w.chars().any(char::is_alphanumeric));
            separate >= 2
                && last_word
                && !praise[*i]
                && s.intents.is_empty()
                && word.chars().all(char::is_alphabetic)
                && word.chars().count() <= TAG_WORD_LETTERS
        }
        _ => false,
    };
    // An entry that shares no word with praise is an acknowledgement ("ok").
    let ack = s.spans.iter().any(|&(l, at, len)| {
        matches!(l, List::Closer | List::Closing) && !praise.iter().skip(at).take(len).any(|p| *p)
    });
    let more_than_thanks = separate >= 2 || ack;
    all_closing && more_than_thanks
}

/// A word the closing lists do not hold may end a closer when it is this
/// short: a tag ("then", "mate", "dann"), not a thing praised ("service").
const TAG_WORD_LETTERS: usize = 5;

/// A first clause of at most this many words can frame a message in praise
/// ("great,", "thanks a lot,", "qué maravilla,").
const FRAME_WORDS: usize = 4;

/// The rest of a framed message tells something in at least this many words.
const FRAMED_REST_WORDS: usize = 3;

/// The story, as a range of words, when praise only frames it: every word
/// of praise sits in a short first clause ("toll, jetzt warte ich schon die
/// fünfte Woche", "thanks a lot, the rug arrived with a huge stain on it")
/// or opens the message ("thanks for delivering my table to the
/// neighbours"), maybe with a short verdict in a last sentence of its own
/// ("... excelente trabalho."), the rest praising nothing. Said with a smile
/// or through the teeth, the frame does not tell which: the story does.
/// Praise that ends the story's own sentence ("... and works perfectly")
/// is part of the story.
pub fn praise_frame(tokens: &Tokens, s: &Signals) -> Option<(usize, usize)> {
    let n = tokens.words.len();
    let praise: Vec<(usize, usize)> = spans_of(s, List::Praise).collect();
    if praise.is_empty() {
        return None;
    }
    let story_words = |(from, to): (usize, usize)| {
        tokens.words[from..to].iter().filter(|w| w.chars().any(char::is_alphabetic)).count()
    };
    let framed = |(from, to): (usize, usize)| {
        praise.iter().all(|&(f, t)| t <= from || f >= to) && story_words((from, to)) >= FRAMED_REST_WORDS
    };
    // Praise in a short first clause ("great, ...").
    if let Some(&rest) = tokens.clause_starts.get(1).filter(|&&r| r <= FRAME_WORDS) {
        if framed((rest, n)) {
            return Some((rest, n));
        }
    }
    // Praise opening the message with no clause of its own ("thanks for
    // ..."), and maybe a short last sentence of praise ("... excelente
    // trabalho"): a closing verdict in a sentence of its own frames too.
    let head = praise.iter().filter(|&&(f, _)| f <= OPENING_PRAISE_AT).map(|&(_, t)| t).max()?;
    let last_sentence = tokens.sentence_starts.iter().copied().filter(|&at| at < n).max();
    let verdict = last_sentence.filter(|&last| last > head && n - last <= FRAME_WORDS);
    [Some(n), verdict].into_iter().flatten().map(|to| (head, to)).find(|&story| framed(story))
}

/// Praise that starts at most this many words in opens the message
/// ("thanks for", "muchas gracias por", "so kind of you to").
const OPENING_PRAISE_AT: usize = 1;

/// "pas top", "nicht so toll", "no es perfecto": a negation at most this
/// many words before a word of praise takes the praise back.
const NEGATED_PRAISE_REACH: usize = 1;

/// Praise taken back by a negation just before it (a friendly phrase's
/// negation, "no problem, great", is none: the lexicon dropped it): however
/// short, it is no praise. A closer ("no thanks", "nein danke") is the
/// caller's to rule out.
fn negated_praise(s: &Signals) -> bool {
    spans_of(s, List::Negation)
        .any(|(_, nt)| spans_of(s, List::Praise).any(|(pf, _)| nt <= pf && pf - nt <= NEGATED_PRAISE_REACH))
}

/// What the configuration says about the matched intent.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntentTraits {
    /// A complaint by nature (a damaged item, however politely reported).
    pub is_complaint: bool,
    /// About something the customer waits for (a parcel, a refund): with a
    /// word of waiting ("still", "3 weeks") it is a complaint.
    pub waiting: bool,
    /// The message names, among its topics, one that cannot wait past this
    /// very day (an address to change): with a word of `today` it is urgent.
    pub same_day_topic: bool,
}

/// "charged me twice", "two payments taken from my card": a word of
/// repetition at most this many words from a word of money is a double
/// charge; further apart they are two things ("asked twice about my money"
/// is close enough to count, "I wrote twice and still nothing, paid by card"
/// is not).
const DOUBLE_CHARGE_REACH: usize = 3;

/// A word of this very day at most this many words from a word of ordering
/// tells when the order was placed ("Bestellung ist von heute früh").
const ORDERED_REACH: usize = 3;

/// Where the entries of `list` matched, as word spans.
fn spans_of(s: &Signals, list: List) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans_in(&s.spans, list)
}

/// A payment taken twice, told in any order of words: an entry of `twice`
/// and one of `money` at most [`DOUBLE_CHARGE_REACH`] words apart ("I paid
/// twice", "dos cobros en la tarjeta").
fn double_charge(s: &Signals) -> bool {
    spans_of(s, List::Twice).any(|t| spans_of(s, List::Money).any(|m| gap(t, m) <= DOUBLE_CHARGE_REACH))
}

/// A word of this very day that is not the day the order was placed.
pub fn names_today(s: &Signals) -> bool {
    spans_of(s, List::Today).any(|t| spans_of(s, List::Ordered).all(|o| gap(t, o) > ORDERED_REACH))
}

/// Urgent by its parts, not by a listed phrase: a same-day topic told with a
/// word of this very day ("can you change the address, it arrives this
/// afternoon"), or a payment taken twice. The `urgent` list keeps what one
/// phrase says alone (sparks, fraud, "asap").
pub fn urgent_by_parts(s: &Signals, traits: IntentTraits) -> bool {
    (traits.same_day_topic && names_today(s)) || double_charge(s)
}

/// Classifies one message.
pub fn classify(tokens: &Tokens, s: &Signals, intent: Option<&IntentMatch>, traits: IntentTraits) -> Kind {
    let complaint = s.count(List::Complaint);
    let urgent = s.count(List::Urgent);
    // A "thanks" that only closes a request ("cancel my order, thanks") is
    // politeness, not praise.
    // An order number after it changes nothing ("refund status thanks, order 77104").
    let words_after =
        |p: usize| tokens.words.iter().skip(p + 1).filter(|w| !w.chars().any(|c| c.is_ascii_digit())).count();
    let closing = intent.is_some() && s.praise_at.iter().all(|&p| words_after(p) <= 1);
    let praise = if closing { 0 } else { s.count(List::Praise) };
    let greeting = s.count(List::Greeting);
    let spam = s.count(List::Spam);
    // "thanks again", "will order again": the "again" tells of no wait.
    let delay = s.count(List::Delay).saturating_sub(s.count(List::Again));
    // "no problem", "kein Problem": friendly phrases whose negation is no complaint.
    // Every negation inside one ("ne vous inquiétez pas", "il ne manque
    // rien") the lexicon dropped.
    let negation = s.count(List::Negation);
    let questions = s.question_words;
    // Praise that happens to name a topic ("lovely packaging, quick delivery")
    // is not asking about it.
    // A question word without a question mark next to praise is part of the
    // praise ("toller Service wie immer").
    let question_words = questions > 0 && (praise == 0 || tokens.question_mark);
    let asks_topic = intent.is_some() && (praise == 0 || question_words || tokens.question_mark);
    let asks = asks_topic || question_words || tokens.question_mark;

    // Spam only on clear evidence and nothing a customer would say.
    // A question about a link ("got a mail saying I won, link xy.net, is
    // that you?") is a customer asking whether something is genuine.
    let spam_evidence =
        if tokens.question_mark { spam >= 2 && !tokens.has_link } else { spam >= 2 || (spam >= 1 && tokens.has_link) };
    if spam_evidence && complaint == 0 && urgent == 0 && intent.is_none() {
        return Kind::Spam;
    }
    if urgent > 0 || urgent_by_parts(s, traits) {
        return Kind::Urgent;
    }
    // Praise next to any word of waiting or negation is read as sarcasm
    // ("great service, 3 weeks and still nothing"): thanking a complainant is
    // the worst mistake here, apologising to a happy customer a mild one.
    // "Danke, kein Problem!" is still praise: a negation counts only in a
    // message longer than a stock closer.
    // One bare time word next to warm praise is no sarcasm ("perfect, my
    // cat already loves it 😍"); next to a single word of praise it is
    // ("bravo la qualité, au bout de 2 semaines"), as are two time words, a
    // negation or a sarcastic emoji ("great quality 👏👏").
    let emoji_delay = s.hits.iter().any(|(l, src)| *l == List::Delay && !src.chars().any(char::is_alphabetic));
    let sarcastic_delay = delay >= 2 || emoji_delay || (delay >= 1 && (negation >= 1 || praise <= 1));
    // Praise next to a bad event that is no complaint alone ("super, the
    // chair came without a leg", "wonderful, another month") or next to an
    // ironic phrase or emoji ("love how ...", 🙃) is sarcasm: no digits or
    // durations needed. "arrived without problems" is in `closing`.
    let mishap = s.count(List::Mishap);
    let irony = s.count(List::Irony);
    // "best customer service ever... not": praise taken back by a closing "not".
    let last = tokens.words.len().saturating_sub(1);
    // A last "nicht" of a friendly phrase ("mehr brauch ich nicht") is none.
    let taken_back =
        tokens.words.len() > 1 && s.spans.iter().any(|&(l, at, len)| l == List::Negation && len == 1 && at == last);
    // "thanks for the 'express' delivery": praise beside scare quotes.
    let sarcasm = praise > 0
        && (sarcastic_delay
            || tokens.scare_quotes
            || (negated_praise(s) && !is_closer(tokens, s))
            || mishap > 0
            || irony > 0
            || taken_back
            || tokens.exasperated_marks
            || (negation >= 1 && tokens.word_count > STOCK_CLOSER_WORDS));
    // Irony without a word of praise: two ironic signs ("can't wait to get
    // it next year 🙃"), or one next to a bad event, waiting or a negation.
    let ironic = irony >= 2 || (irony >= 1 && (s.count(List::Praise) > 0 || mishap > 0 || delay > 0 || negation > 0));
    let waiting_topic = intent.is_some() && traits.waiting;
    // "my parcel still hasn't come", "it's been 3 weeks": waiting is a complaint.
    // A short question with one time word is not yet a complaint ("can you
    // deliver in 3 days?"); stated, or told at length, it is ("hi, where is
    // my parcel? I ordered it over a week ago and have heard nothing").
    // A question word counts as a question mark: "returned the lamp on
    // monday, how long till I get the money" asks, it does not complain.
    let asking = tokens.question_mark || questions > 0;
    let told_at_length = !asking || tokens.word_count >= WAIT_STORY_WORDS;
    let long_wait = delay >= 2 || (waiting_topic && (negation >= 1 || (delay >= 1 && told_at_length)));
    // "tracking says 'in transit' all week", "refund 'in progress' for
    // ages 😂", "left in a 'safe place'. The bin.": the shop's or the
    // carrier's words cited back about a parcel, a refund or a bad event,
    // told rather than asked (or asked beside a word of waiting or a bad
    // event), are scorn. "What does 'label created' mean?" asks.
    let cited_back = tokens.cites
        && (waiting_topic || traits.is_complaint || mishap > 0)
        && (!asking || delay > 0 || mishap > 0 || irony > 0);
    // After hours, a long message with a "not" in it is far more often a
    // complaint than a neutral question; reading it so costs an apology,
    // missing it costs a complainant.
    let long_and_negative = tokens.word_count >= LONG_MESSAGE_WORDS && negation >= 1;
    // "ВЫ ВООБЩЕ ОТВЕЧАЕТЕ?? ...": three words shouted, and exasperated.
    // Praise shouted ("THANK YOU SO MUCH!!") is joy, unless it tells of
    // waiting or holds a negation.
    let loud_praise = praise > 0 && negation == 0 && delay == 0;
    let shouting = !loud_praise
        && (tokens.is_shouting() && (asks || tokens.exclamations > 0 || negation > 0)
            || tokens.shouts_in_part()
                && (tokens.exasperated_marks || tokens.exclamations >= 2 || negation > 0 || delay > 0));
    let exasperated = (tokens.exclamations >= 3 || tokens.exasperated_marks)
        && (negation > 0 || delay > 0 || (asks && tokens.exclamations >= 3));
    if complaint > 0
        || (intent.is_some() && traits.is_complaint)
        || sarcasm
        || ironic
        || long_wait
        || cited_back
        || long_and_negative
        || (s.wrong_item && !tokens.question_mark)
        || shouting
        || exasperated
    {
        return Kind::Complaint;
    }
    // "hallo, is er iemand?" is a greeting, question mark or not.
    let only_greeting = greeting > 0 && intent.is_none() && praise == 0 && tokens.word_count <= GREETING_MAX_WORDS;
    if only_greeting {
        return Kind::Greeting;
    }
    if asks {
        return Kind::Question;
    }
    // Thanks go only to clear praise: a long message with a single word of
    // praise in it is more often something else (sarcasm we did not catch),
    // unless the lexicon settled what was bad: a problem put right, a fear
    // that came to nothing ("I was nervous about buying a mattress online,
    // but it is perfect"), a bad start turned by a "but".
    if praise >= 2 || (praise == 1 && (tokens.word_count <= PRAISE_ONE_WORD_MAX || s.settled)) {
        return Kind::Praise;
    }
    if greeting > 0 && tokens.word_count <= GREETING_MAX_WORDS {
        return Kind::Greeting;
    }
    Kind::Other
}

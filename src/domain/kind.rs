//! Message kinds: complaint, urgent, question, praise, greeting, spam, other.
//!
//! The rules read the word-list signals of the message's language. They lean
//! towards complaint (a complainant thanked is the American Airlines failure)
//! and away from spam (a real customer marked spam is lost).

use super::intent::IntentMatch;
use super::lexicon::{List, Signals};
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

/// What the configuration says about the matched intent.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntentTraits {
    /// A complaint by nature (a damaged item, however politely reported).
    pub is_complaint: bool,
    /// About something the customer waits for (a parcel, a refund): with a
    /// word of waiting ("still", "3 weeks") it is a complaint.
    pub waiting: bool,
}

/// Classifies one message.
pub fn classify(tokens: &Tokens, s: &Signals, intent: Option<&IntentMatch>, traits: IntentTraits) -> Kind {
    let complaint = s.count(List::Complaint);
    let urgent = s.count(List::Urgent);
    // A "thanks" that only closes a request ("cancel my order, thanks") is
    // politeness, not praise.
    let closing = intent.is_some() && s.praise_at.iter().all(|&p| p + 2 >= tokens.words.len());
    let praise = if closing { 0 } else { s.count(List::Praise) };
    let greeting = s.count(List::Greeting);
    let spam = s.count(List::Spam);
    // "thanks again", "will order again": the "again" tells of no wait.
    let delay = s.count(List::Delay).saturating_sub(s.count(List::Again));
    // "no problem", "kein Problem": friendly phrases whose negation is no complaint.
    let negation = s.count(List::Negation).saturating_sub(s.count(List::Closing));
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
    if urgent > 0 {
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
    let sarcasm = praise > 0
        && (sarcastic_delay || tokens.exasperated_marks || (negation >= 1 && tokens.word_count > STOCK_CLOSER_WORDS));
    let waiting_topic = intent.is_some() && traits.waiting;
    // "my parcel still hasn't come", "it's been 3 weeks": waiting is a complaint.
    // A short question with one time word is not yet a complaint ("can you
    // deliver in 3 days?"); stated, or told at length, it is ("hi, where is
    // my parcel? I ordered it over a week ago and have heard nothing").
    let told_at_length = !tokens.question_mark || tokens.word_count >= WAIT_STORY_WORDS;
    let long_wait = delay >= 2 || (waiting_topic && (negation >= 1 || (delay >= 1 && told_at_length)));
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
        || long_wait
        || long_and_negative
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
    // praise in it is more often something else (sarcasm we did not catch).
    if praise >= 2 || (praise == 1 && tokens.word_count <= PRAISE_ONE_WORD_MAX) {
        return Kind::Praise;
    }
    if greeting > 0 && tokens.word_count <= GREETING_MAX_WORDS {
        return Kind::Greeting;
    }
    Kind::Other
}

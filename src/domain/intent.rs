//! FAQ intents: which frequent question a message asks, if the bot is sure.

use super::ids::IntentId;
use super::lexicon::{IntentScore, Signals};
use super::text::Tokens;

/// One FAQ intent as configured in `flows/intents.toml`.
#[derive(Debug, Clone)]
pub struct Intent {
    pub id: IntentId,
    /// The Fluent message id of the answer.
    pub answer: String,
    /// A person must still act after the answer.
    pub handoff: bool,
    /// The answer apologises and fits a complaint (a damaged item), so it is
    /// sent to complainants instead of the plain apology.
    pub fits_complaints: bool,
    /// Messages with this intent are complaints whatever their words.
    pub is_complaint: bool,
    /// About something the customer waits for: with a word of waiting it is
    /// a complaint ("3 weeks and my parcel ...").
    pub waiting: bool,
    /// The topic still matters in an urgent message: the person who takes
    /// it over acts on it (a courier at the old address, dangerous damage).
    pub urgent: bool,
    /// Urgent when the message puts it on this very day (a word of the
    /// `today` list): an address changed after the courier left is too late.
    pub same_day: bool,
    /// Answered instead when the message says the order has already left
    /// ("cancel my order, it has shipped" is a return).
    pub once_shipped: Option<IntentId>,
    /// A complaint of waiting on this topic is about this intent instead
    /// ("my return arrived weeks ago and nothing" is about the refund).
    pub waits_for: Option<IntentId>,
}

/// The intent a message asks about, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentMatch {
    pub id: IntentId,
    pub score: f64,
}

/// Messages of at most this many words that ask (or are one bare word)
/// need only one keyword: "paczka??" or "refund?" is all about that word.
/// "order number 48213" is not: it gives, it does not ask.
pub const SHORT_MESSAGE_WORDS: usize = 2;

/// The best-scoring intent, when it reaches `threshold` and no other intent
/// ties with it. Below the threshold nothing is claimed: an off-FAQ question
/// goes to a person rather than getting a wrong answer.
///
/// `is_complaint(id)`: intents that make a message a complaint (a damaged
/// item). Such an intent needs a strong entry, not keywords alone ("the box
/// arrived" is not damage), and wins a tie ("the drawer does not close, can
/// I swap it?" is about the damage before the return).
pub fn best_intent(
    signals: &Signals,
    threshold: f64,
    tokens: &Tokens,
    is_complaint: &dyn Fn(&IntentId) -> bool,
) -> Option<IntentMatch> {
    let has_number = tokens.words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let short_ask =
        tokens.word_count <= SHORT_MESSAGE_WORDS && !has_number && (tokens.question_mark || tokens.word_count == 1);
    let threshold = if short_ask { threshold.min(1.0) } else { threshold };
    let eligible: Vec<&IntentScore> = signals
        .intents
        .iter()
        .filter(|i| !i.beyond && i.score >= threshold && (i.strong > 0 || short_ask || !is_complaint(&i.id)))
        .collect();
    let best = eligible.first()?;
    let tied: Vec<&&IntentScore> = eligible.iter().filter(|i| i.score >= best.score).collect();
    let winner = match tied.as_slice() {
        [one] => **one,
        many => {
            // A complaint intent wins a tie on a strong entry only: "colis ?"
            // names the parcel, it does not report damage to it.
            let mut complaints = many.iter().filter(|i| is_complaint(&i.id) && i.strong > 0);
            let mut others = many.iter().filter(|i| !is_complaint(&i.id));
            match (complaints.next(), complaints.next(), others.next(), others.next()) {
                (Some(c), None, _, _) => **c,
                (None, None, Some(o), None) => **o,
                _ => return None,
            }
        }
    };
    Some(IntentMatch { id: winner.id.clone(), score: winner.score })
}

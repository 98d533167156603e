//! The acknowledgement policy: from what a message is and when it came, what
//! the bot says and whether a person must take over. Pure: the clock, the
//! conversation and the configuration are arguments.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::hours::{next_available, teams_for, Availability};
use super::ids::{IntentId, Lang, TeamId};
use super::intent::{best_intent, IntentMatch};
use super::kind::{classify, is_closer, names_today, praise_frame, IntentTraits, Kind};
use super::language::{Detected, LangSource, LanguageDetector, LanguageHints, Strategy};
use super::lexicon::{List, Signals};
use super::message::{ConversationView, Inbound};
use super::playbook::Playbook;
use super::text::{tokenize, Tokens};
use super::window::Window;

/// Never more than this many automated replies to one person without a
/// human in between (Jay Baer's rule, playbook rule 6).
pub const MAX_AUTOMATED_REPLIES: u32 = 2;

/// How the customer's time zone was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TzSource {
    /// Given by the platform or the caller.
    Given,
    /// The typical zone of the customer's language.
    Language,
    /// The zone of the market of the page written to.
    Page,
}

/// Everything read from one message before deciding.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub language: Detected,
    pub tokens: Tokens,
    /// What the word lists found, to explain the kind and intent.
    pub signals: Signals,
    pub kind: Kind,
    /// "ok thanks", "that's all": the conversation is closing (kind `other`).
    pub closer: bool,
    pub intent: Option<IntentMatch>,
    pub customer_tz: Tz,
    pub tz_source: TzSource,
    /// A team that speaks the language is open now.
    pub open_now: bool,
    /// The team open now, or the one that opens first.
    pub team: Option<TeamId>,
    /// When a person is next available (now, when open).
    pub availability: Option<Availability>,
    /// The customer's reply window after this message, when known.
    pub window: Option<Window>,
    pub at: DateTime<Utc>,
}

/// Reads a message: language, kind, intent, the customer's zone and when a
/// person is available.
pub fn analyse(
    playbook: &Playbook,
    detector: &LanguageDetector,
    inbound: &Inbound,
    convo: &ConversationView,
    at: DateTime<Utc>,
) -> Analysis {
    let tokens = tokenize(&inbound.text);
    let keyword_langs =
        if playbook.keyword_intent.is_some() { playbook.keywords.find(&tokens.words) } else { Vec::new() };
    let language = match inbound.forced_lang {
        Some(lang) => Detected { lang, confidence: 1.0, source: LangSource::Forced },
        None => {
            let market = inbound
                .lang_hint
                .or_else(|| inbound.page_id.as_ref().and_then(|p| playbook.pages.get(p)).and_then(|p| p.language));
            let hints = LanguageHints {
                conversation: convo.language,
                market,
                time_zone: inbound.customer_tz.and_then(|tz| playbook.language_of_time_zone(tz)),
            };
            let evidence = || playbook.lexicon.evidence(&tokens.words);
            let detected = detector.detect(&inbound.text, tokens.word_count, hints, Strategy::Combined, &evidence);
            keyword_language(&keyword_langs, hints, detected)
        }
    };
    // Russian typed in Latin letters is read, like any Russian, in Cyrillic.
    let tokens = if language.source == LangSource::Romanised {
        tokenize(&super::translit::to_cyrillic(&inbound.text))
    } else {
        tokens
    };
    analyse_in(playbook, inbound, tokens, language, !keyword_langs.is_empty(), at)
}

/// The language of a message that is a label keyword: the language whose
/// label the customer read. That is the conversation's or the page's when
/// their keyword is the one typed ("medarbeider" on the Danish page is
/// Danish); with a hint whose keyword it is not, the detection (which
/// weighed the hint) stands; with no hint, the keyword's own language
/// ("medewerker" is Dutch, "operator" Russian typed in Latin letters).
fn keyword_language(found: &[(Lang, usize)], hints: LanguageHints, detected: Detected) -> Detected {
    let keyword = |lang| Detected { lang, confidence: 1.0, source: LangSource::Keyword };
    if found.is_empty() {
        return detected;
    }
    if let Some(hint) = hints.conversation.or(hints.market) {
        return if found.iter().any(|(l, _)| *l == hint) { keyword(hint) } else { detected };
    }
    if found.iter().any(|(l, _)| *l == detected.lang) {
        return detected;
    }
    keyword(found[0].0)
}

/// A message this short, with a closing word of the detected language, may
/// close in the words of any other ("helder, thanks"); the troubled lists
/// (complaint, irony…) stay the detected language's, and a greeting of the
/// detected language ("ciao") stays a greeting.
const CLOSER_ANY_LANGUAGE_WORDS: usize = 4;

/// The rest of [`analyse`] once the language is known.
fn analyse_in(
    playbook: &Playbook,
    inbound: &Inbound,
    tokens: Tokens,
    language: Detected,
    keyword: bool,
    at: DateTime<Utc>,
) -> Analysis {
    let lang = language.lang;
    let signals = playbook.lexicon.signals(lang, &tokens);
    let mut intent = best_intent(&signals, playbook.intent_threshold, &tokens, &|id| {
        playbook.intent(id).is_some_and(|i| i.is_complaint)
    });
    if let Some(to) = once_shipped(playbook, &signals) {
        intent = Some(IntentMatch { id: to, score: playbook.intent_threshold });
    }
    if let Some(to) = day_off_asked(playbook, &signals, &tokens, intent.as_ref()) {
        intent = Some(IntentMatch { id: to, score: playbook.intent_threshold });
    }
    let traits = intent
        .as_ref()
        .and_then(|m| playbook.intent(&m.id))
        .map(|i| IntentTraits { is_complaint: i.is_complaint, waiting: i.waiting, same_day_topic: false })
        .unwrap_or_default();
    // A same-day topic counts when its words reach the threshold, whichever
    // intent wins: "the courier comes today and the address is wrong" names
    // the delivery too.
    let same_day_topic = signals
        .intents
        .iter()
        .any(|i| i.score >= playbook.intent_threshold && playbook.intent(&i.id).is_some_and(|x| x.same_day));
    let traits = IntentTraits { same_day_topic, ..traits };
    let mut kind = if tokens.words.is_empty() && inbound.has_attachment {
        // A photo or voice note with no text: a message to acknowledge.
        Kind::Other
    } else {
        classify(&tokens, &signals, intent.as_ref(), traits)
    };
    if kind == Kind::Praise && framed_story_of_a_topic(playbook, lang, &tokens, &signals) {
        kind = Kind::Other;
    }
    // A language we do not speak has no word lists: its commonest complaint
    // words (`foreign`), or exasperation ("!!!"), still make a
    // complaint, so that it gets an apology and not thanks.
    let foreign_upset = language.source == LangSource::Unsupported
        && (playbook.lexicon.foreign_complaint(&tokens) || tokens.exclamations >= 3);
    if foreign_upset && !matches!(kind, Kind::Urgent | Kind::Spam) {
        kind = Kind::Complaint;
    }
    let closer = !keyword
        && !matches!(kind, Kind::Complaint | Kind::Urgent | Kind::Spam)
        && (is_closer(&tokens, &signals)
            || kind != Kind::Greeting
                && signals.count(List::Closer) > 0
                && tokens.word_count <= CLOSER_ANY_LANGUAGE_WORDS
                && is_closer(&tokens, &playbook.lexicon.with_closers_of_all(&signals, &tokens)));
    if closer {
        kind = Kind::Other;
        intent = None;
    }
    // The label's keyword asks for a person, however few its words.
    let keyword_intent = playbook.keyword_intent.as_ref().filter(|_| keyword);
    if keyword_intent.is_some() && !matches!(kind, Kind::Complaint | Kind::Urgent) {
        kind = Kind::Question;
    }
    if let Some(id) = keyword_intent {
        intent = Some(IntentMatch { id: id.clone(), score: playbook.intent_threshold });
    }
    if matches!(kind, Kind::Praise | Kind::Spam | Kind::Greeting) {
        // Praise that names the delivery is not a delivery question.
        intent = None;
    }
    if kind == Kind::Complaint && signals.intents.iter().any(|i| i.beyond) {
        // "beyond" words keep a question from a wrong answer; a complaint
        // ("the Saturday delivery came on Wednesday") is still about the topic.
        let mut all = signals.clone();
        all.intents.iter_mut().for_each(|i| i.beyond = false);
        intent = best_intent(&all, playbook.intent_threshold, &tokens, &|id| {
            playbook.intent(id).is_some_and(|i| i.is_complaint)
        });
    }
    if kind == Kind::Complaint {
        // A complaint that reports damage is about the damage, whatever else
        // it asks ("broken, can I exchange it?"): its answer fits complainants.
        let damage = signals.intents.iter().find(|i| {
            i.strong > 0
                && i.score >= playbook.intent_threshold
                && playbook.intent(&i.id).is_some_and(|x| x.is_complaint)
        });
        if let Some(d) = damage {
            intent = Some(IntentMatch { id: d.id.clone(), score: d.score });
        }
    }
    if kind == Kind::Complaint && intent.is_none() {
        // A complaint whose words point, if weakly, to one topic is about
        // that topic ("bought a grey rug and got a beige one... how do I
        // return it?"): the person who takes it over needs the topic more
        // than the bot needs certainty. Damage needs a strong entry.
        // Sarcasm that tells of waiting ("super fast delivery haha still
        // nothing") praises a topic and complains of the wait: the event
        // decides, so a weak topic named only beside the praise gives way
        // to what the customer waits for.
        let beside_praise = (signals.count(List::Praise) > 0 && tells_of_waiting(&signals))
            .then(|| playbook.lexicon.signals(lang, &without_praised(&tokens, &signals)));
        let hinted: Vec<&super::lexicon::IntentScore> = signals
            .intents
            .iter()
            .filter(|i| {
                let outside_praise = beside_praise.as_ref().is_none_or(|m| m.intents.iter().any(|x| x.id == i.id));
                i.strong > 0 || outside_praise && !playbook.intent(&i.id).is_some_and(|x| x.is_complaint)
            })
            .collect();
        let weak_hint = match hinted.as_slice() {
            [first, second, ..] if second.score >= first.score => None,
            [first, ..] => Some(IntentMatch { id: first.id.clone(), score: first.score }),
            [] => None,
        };
        // "3 weeks and still nothing": a customer complaining of waiting
        // without naming what for is waiting for their order.
        intent = weak_hint.or_else(|| {
            playbook
                .when_waiting
                .as_ref()
                .filter(|_| tells_of_waiting(&signals))
                .map(|id| IntentMatch { id: id.clone(), score: 0.0 })
        });
    }
    if kind == Kind::Complaint {
        // "ordered the green sofa and got a mustard one": a wrong item is the
        // topic, when nothing else is.
        // A topic named by keywords alone ("reçu", "arrived") gives way to it.
        let weak = intent.as_ref().is_none_or(|m| signals.intents.iter().all(|i| i.id != m.id || i.strong == 0));
        if signals.wrong_item && weak {
            if let Some(id) = &playbook.when_wrong_item {
                intent = Some(IntentMatch { id: id.clone(), score: playbook.intent_threshold });
            }
        }
        // "delivery postponed again" is about the order; "returned weeks ago
        // and still nothing", about the refund.
        let instead = intent.as_ref().and_then(|m| playbook.intent(&m.id)).and_then(|i| i.waits_for.clone());
        if let (true, Some(id)) = (tells_of_waiting(&signals), instead) {
            intent = Some(IntentMatch { id, score: playbook.intent_threshold });
        }
    }
    if kind == Kind::Urgent {
        // An urgent message goes to a person whatever it asks; only a topic
        // that person acts on is kept ("the driver is at my old address"),
        // not an FAQ its words brush against ("charged twice on PayPal" is
        // no question about payment methods). Damage that makes it urgent
        // (sparks, a broken chair leg) is about the damaged item.
        // A same-day topic that made it urgent ("the driver comes in an hour
        // and the postcode is wrong") is the topic, even when the delivery
        // words tie with it.
        let kept = intent.filter(|m| playbook.intent(&m.id).is_some_and(|i| i.urgent));
        let same_day_urgent = traits.same_day_topic && names_today(&signals);
        let same_day = signals.intents.iter().find(|i| {
            same_day_urgent
                && i.score >= playbook.intent_threshold
                && playbook.intent(&i.id).is_some_and(|x| x.same_day)
        });
        let damage = signals.intents.iter().find(|i| playbook.intent(&i.id).is_some_and(|x| x.is_complaint));
        intent = same_day
            .map(|d| IntentMatch { id: d.id.clone(), score: d.score })
            .or(kept)
            .or_else(|| damage.map(|d| IntentMatch { id: d.id.clone(), score: d.score }));
    }
    // A Russian speaker writing to the Polish page most likely lives in
    // Poland: the page's market zone comes before the language's.
    let page_tz = inbound.page_id.as_ref().and_then(|p| playbook.pages.get(p)).and_then(|p| p.time_zone);
    let (customer_tz, tz_source) = match (inbound.customer_tz, page_tz) {
        (Some(tz), _) => (tz, TzSource::Given),
        (None, Some(tz)) => (tz, TzSource::Page),
        (None, None) => (playbook.typical_time_zone(lang), TzSource::Language),
    };
    let open_team = teams_for(&playbook.teams, lang, playbook.fallback).into_iter().find(|t| t.is_open(at));
    let availability = match open_team {
        Some(t) => Some(Availability { at, team: t.id.clone(), team_tz: t.tz }),
        None => next_available(&playbook.teams, lang, playbook.fallback, at),
    };
    Analysis {
        language,
        tokens,
        signals,
        kind,
        closer,
        intent,
        customer_tz,
        tz_source,
        open_now: open_team.is_some(),
        team: availability.as_ref().map(|a| a.team.clone()),
        availability,
        window: inbound.window,
        at,
    }
}

/// A negation this many words or fewer before "shipped" negates it.
const SHIPPED_NEGATION_REACH: usize = 2;

/// "Cancel my order, it has already shipped": a message that names an intent
/// with `once_shipped` (even by one keyword) and says the order has left is
/// about the intent it names (the return). A complaint ("cancelled and you
/// still shipped it") stays about the cancellation.
fn once_shipped(playbook: &Playbook, signals: &Signals) -> Option<IntentId> {
    // "it has not shipped yet", "den är inte skickad än": a negation just
    // before the word takes it back.
    let negated = |at: usize| {
        signals
            .spans
            .iter()
            .any(|&(l, n, len)| l == List::Negation && n + len <= at && at - (n + len) < SHIPPED_NEGATION_REACH)
    };
    let shipped = signals.spans.iter().any(|&(l, at, _)| l == List::Shipped && !negated(at));
    if !shipped || signals.count(List::Complaint) > 0 {
        return None;
    }
    signals.intents.iter().find_map(|i| playbook.intent(&i.id).and_then(|x| x.once_shipped.clone()))
}

/// Praise that frames a story about an order, a delivery, a refund or an
/// item ("vielen Dank, Lieferung schon wieder verschoben", "thanks a lot, the
/// rug arrived with a huge stain on it"), the story praising nothing and
/// holding no word of loyalty and no friendly phrase: it may be sarcasm the
/// lists do not know, so it is not thanked; it is acknowledged plainly and
/// read by a person.
/// A frame of praise around anything else ("Muy buena atención, Laura me
/// ayudó un montón") stays praise.
fn framed_story_of_a_topic(playbook: &Playbook, lang: Lang, tokens: &Tokens, signals: &Signals) -> bool {
    let Some((from, to)) = praise_frame(tokens, signals) else {
        return false;
    };
    let mut story = tokens.clone();
    story.words[..from].iter_mut().for_each(|w| w.clear());
    story.words[to..].iter_mut().for_each(|w| w.clear());
    let told = playbook.lexicon.signals(lang, &story);
    let topic = told.intents.iter().any(|i| playbook.intent(&i.id).is_some_and(|x| x.waiting || x.is_complaint));
    // "todo perfecto, ningún problema con la entrega": a friendly phrase
    // in the story is good news told, and so is a problem put right ("for
    // the quick exchange of the damaged chair").
    topic && [List::Praise, List::Again, List::Closing, List::Resolved].into_iter().all(|l| told.count(l) == 0)
}

/// A message of at most this many words asks without a question mark or a
/// question word ("contesta alguien los domingos").
const DAY_OFF_ASK_WORDS: usize = 8;

/// "Will someone answer on boxing day", "ist am Neujahrstag jemand da",
/// "contesta alguien los domingos": a day a team may be away (`off`) and a
/// person being there (`presence`), asked, is a question about the opening
/// hours (`when_day_off`), whatever else its words brush against ("talk to
/// someone on new year's day"). Not a complaint's topic, not a damage
/// report, and not when the hours' `beyond` words take it elsewhere ("do
/// you deliver on Saturdays").
fn day_off_asked(
    playbook: &Playbook,
    signals: &Signals,
    tokens: &Tokens,
    intent: Option<&IntentMatch>,
) -> Option<IntentId> {
    let to = playbook.when_day_off.as_ref()?;
    let named = signals.count(List::Off) > 0 && signals.count(List::Presence) > 0;
    let asks = tokens.question_mark
        || signals.question_words > 0
        || (tokens.word_count <= DAY_OFF_ASK_WORDS && signals.count(List::Negation) == 0);
    let elsewhere = signals.beyond.contains(to);
    let complaint_topic = intent.and_then(|m| playbook.intent(&m.id)).is_some_and(|i| i.is_complaint);
    (named && asks && !elsewhere && !complaint_topic && signals.count(List::Complaint) == 0).then(|| to.clone())
}

/// `tokens` without the words of praise and the word on either side of
/// each (what is praised: "fast delivery", "entrega rápida").
fn without_praised(tokens: &Tokens, signals: &Signals) -> Tokens {
    let mut masked = tokens.clone();
    for &(l, at, len) in &signals.spans {
        if l == List::Praise {
            let from = at.saturating_sub(1);
            let to = (at + len + 1).min(masked.words.len());
            masked.words[from..to].iter_mut().for_each(|w| w.clear());
        }
    }
    masked
}

/// The message tells of waiting: a word of time or waiting ("still", "3
/// weeks"), not only a sarcastic emoji ("great quality 👏👏" is about the
/// quality, not a parcel).
fn tells_of_waiting(signals: &Signals) -> bool {
    signals.hits.iter().any(|(l, src)| *l == List::Delay && src.chars().any(char::is_alphabetic))
}

/// What the reply says, before it is put into words by the locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyPlan {
    /// The after-hours acknowledgement for this kind of message, with the
    /// next-availability time (an apology for complaints and urgent ones).
    Acknowledge(Kind),
    /// The acknowledgement when the customer's reply window closes before
    /// a person is back and nothing can reopen it: no reply "here" is
    /// promised; the customer is told when the team is back and asked to
    /// write again then (or to use the page's other contact).
    WriteAgain(Kind),
    /// The acknowledgement of an urgent message while a plan has someone on
    /// call: the on-call team is alerted and someone looks within
    /// `minutes` (the plan's `response_minutes`).
    OnCall { minutes: u32 },
    /// Warm thanks for praise.
    Thanks,
    /// One short line for a closer with thanks ("ok thanks"): it does not
    /// count against [`MAX_AUTOMATED_REPLIES`].
    Closer,
    /// The FAQ answer; outside hours with a note of when a person is back
    /// when no acknowledgement was sent in this closed period yet.
    /// `write_again`: the reply window closes before a person is back and
    /// nothing can reopen it, so the answer's promise of a person (or the
    /// note) asks the customer to write again then.
    Answer { intent: IntentId, message: String, back_note: bool, write_again: bool },
}

impl ReplyPlan {
    /// Whether the reply counts against [`MAX_AUTOMATED_REPLIES`]: a
    /// "you're welcome" to a closer must not leave the customer's next
    /// real question unanswered.
    pub fn uses_budget(&self) -> bool {
        !matches!(self, ReplyPlan::Closer)
    }
}

pub use super::priority::Priority;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// At most one automated message per customer message.
    pub reply: Option<ReplyPlan>,
    /// A person must take the conversation.
    pub handoff: bool,
    pub priority: Priority,
    /// The next-availability time this reply states; the server stores it
    /// as the conversation's promise.
    pub promise: Option<DateTime<Utc>>,
    /// Why, in a few words, for logs and `preview`.
    pub reason: &'static str,
}

impl Decision {
    fn quiet(handoff: bool, priority: Priority, reason: &'static str) -> Self {
        Self { reply: None, handoff, priority, promise: None, reason }
    }
}

/// The policy. Reads top to bottom as the care playbook does.
pub fn decide(a: &Analysis, convo: &ConversationView, playbook: &Playbook) -> Decision {
    let priority = match a.kind {
        _ if a.closer => Priority::Low,
        Kind::Urgent => Priority::Urgent,
        Kind::Complaint => Priority::Complaint,
        Kind::Praise | Kind::Greeting => Priority::Low,
        _ => Priority::Normal,
    };
    let intent = a.intent.as_ref().and_then(|m| playbook.intent(&m.id));
    let needs_person = match a.kind {
        Kind::Spam => false,
        // "ok thanks": nothing for a person to do.
        _ if a.closer => false,
        Kind::Complaint | Kind::Urgent | Kind::Greeting | Kind::Other => true,
        // Praise outside hours gets thanks; inside hours a person thanks.
        Kind::Praise => a.open_now,
        Kind::Question => intent.is_none_or(|i| i.handoff),
    };

    // Spam: nothing, and nobody is bothered with it.
    if a.kind == Kind::Spam {
        return Decision::quiet(false, priority, "spam: no reply, no handoff");
    }
    // A person owns the conversation: the bot stays out of it.
    if convo.human_owns {
        return Decision::quiet(true, priority, "a person is handling this conversation");
    }
    // Never more than two automated replies without a human in between.
    if convo.automated_since_human >= MAX_AUTOMATED_REPLIES {
        return Decision::quiet(needs_person, priority, "two automated replies already: waiting for a person");
    }
    if a.closer {
        // One short line when the customer thanks, after hours only; never
        // the gushing thanks for praise, nor a new case.
        let thanks = a.signals.count(List::Praise) > 0;
        if a.open_now || !thanks {
            return Decision::quiet(false, priority, "closer: nothing to answer");
        }
        return Decision {
            reply: Some(ReplyPlan::Closer),
            handoff: false,
            priority,
            promise: None,
            reason: "closer: one short line, not counted as an automated reply",
        };
    }
    let promise = a.availability.as_ref().map(|v| v.at);
    // One after-hours acknowledgement per closed period: a new one only when
    // the promised time changed or has passed.
    let acked = convo.promised.is_some_and(|p| Some(p) == promise && p > a.at);

    // FAQ answers, in and out of hours. A complainant gets the answer only
    // when it is written for complaints (a damaged item); otherwise the apology.
    if let (Some(m), Some(i)) = (&a.intent, intent) {
        let complaint = matches!(a.kind, Kind::Complaint | Kind::Urgent);
        // Urgent messages always get the urgent apology, even about a damaged item.
        if !complaint || (i.fits_complaints && a.kind == Kind::Complaint) {
            let back_note = !a.open_now && !acked && !i.handoff;
            let write_again = !a.open_now && (i.handoff || back_note) && window_closes_first(a, promise);
            return Decision {
                reply: Some(ReplyPlan::Answer {
                    intent: m.id.clone(),
                    message: i.answer.clone(),
                    back_note,
                    write_again,
                }),
                handoff: needs_person || complaint,
                priority,
                promise: if a.open_now || (i.handoff || back_note) && !acked {
                    promise.filter(|_| !a.open_now)
                } else {
                    None
                },
                reason: "frequent question: answered",
            };
        }
    }
    // Inside hours people answer: no after-hours message.
    if a.open_now {
        return Decision::quiet(needs_person, priority, "open now: handed to the team");
    }
    if let Some(d) = on_call(a, convo, playbook, priority) {
        return d;
    }
    if a.kind == Kind::Praise {
        return Decision {
            reply: Some(ReplyPlan::Thanks),
            handoff: false,
            priority,
            promise: None,
            reason: "praise: thanked",
        };
    }
    if acked {
        return Decision::quiet(needs_person, priority, "already acknowledged in this closed period");
    }
    // A person back after the window closed could not answer: no promise
    // of a reply here.
    if window_closes_first(a, promise) {
        return Decision {
            reply: Some(ReplyPlan::WriteAgain(a.kind)),
            handoff: needs_person,
            priority,
            promise,
            reason: "outside hours, and the reply window closes before a person is back: asked to write again then",
        };
    }
    Decision {
        reply: Some(ReplyPlan::Acknowledge(a.kind)),
        handoff: needs_person,
        priority,
        promise,
        reason: match a.kind {
            Kind::Complaint => "complaint outside hours: apology and the real time a person is back",
            Kind::Urgent => "urgent outside hours: apology, marked urgent, the real time a person is back",
            _ => "outside hours: acknowledged with the real time a person is back",
        },
    }
}

/// An urgent message while the team is closed and a plan has someone on
/// call whom an alert reaches, with a response target: the customer is
/// told the on-call team is alerted, and that response is the promise
/// (once, while it stands). `None`: the usual acknowledgement, with the
/// true return time.
fn on_call(a: &Analysis, convo: &ConversationView, playbook: &Playbook, priority: Priority) -> Option<Decision> {
    if a.kind != Kind::Urgent {
        return None;
    }
    let minutes = playbook.escalation.promise(&a.team.as_ref()?.0, a.at)?;
    // On the minute: "by 03:00", not by 03:00:00.047.
    let by = a.at + chrono::Duration::minutes(minutes as i64);
    let by = by
        - chrono::Duration::nanoseconds(by.timestamp_subsec_nanos() as i64)
        - chrono::Duration::seconds(by.timestamp() % 60);
    if window_closes_first(a, Some(by)) {
        return None;
    }
    if convo.promised.is_some_and(|p| p > a.at && p <= by) {
        return Some(Decision::quiet(true, priority, "already told: the on-call team is alerted"));
    }
    Some(Decision {
        reply: Some(ReplyPlan::OnCall { minutes }),
        handoff: true,
        priority,
        promise: Some(by),
        reason: "urgent outside hours: the on-call contact is alerted and the plan's response time promised",
    })
}

/// The customer's reply window closes before a person is back at
/// `promise`, and nothing (a template) can reopen it.
fn window_closes_first(a: &Analysis, promise: Option<DateTime<Utc>>) -> bool {
    a.window.zip(promise).is_some_and(|(w, p)| w.unreachable_at(p))
}

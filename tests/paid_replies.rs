//! On WhatsApp every message the bot sends is billed: no thanks-only
//! replies, and with `whatsapp_replies = "one_per_closed_period"` one reply
//! per closed period. Messenger and Instagram are unchanged.

use afterhours::domain::paid_replies::WhatsappReplies;
use afterhours::domain::{ConversationView, Inbound, ReplyPlan};
use afterhours::engine::Engine;
use chrono::{DateTime, Utc};

const WA_NUMBER: &str = "106540000000004";
/// Saturday 28 November 2026, 02:00 in Madrid: the south team is closed until Monday 09:00.
const NIGHT: &str = "2026-11-28T01:00:00Z";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn inbound(text: &str, whatsapp: bool) -> Inbound {
    Inbound { text: text.into(), page_id: Some(WA_NUMBER.into()), whatsapp, ..Inbound::default() }
}

#[test]
fn praise_is_thanked_on_messenger_but_not_on_whatsapp() {
    let engine = Engine::load_default().unwrap();
    let text = "¡Muchas gracias, sois geniales!";
    let messenger = engine.handle(&inbound(text, false), &ConversationView::default(), at(NIGHT));
    assert_eq!(messenger.decision.reply, Some(ReplyPlan::Thanks));
    let whatsapp = engine.handle(&inbound(text, true), &ConversationView::default(), at(NIGHT));
    assert_eq!(whatsapp.decision.reply, None, "{}", whatsapp.decision.reason);
    assert!(whatsapp.replies.is_empty());
    assert_eq!(whatsapp.decision.promise, None);
}

#[test]
fn a_closer_gets_a_short_line_on_messenger_and_nothing_billed_on_whatsapp() {
    let engine = Engine::load_default().unwrap();
    let text = "vale, muchas gracias";
    let messenger = engine.handle(&inbound(text, false), &ConversationView::default(), at(NIGHT));
    assert_eq!(messenger.decision.reply, Some(ReplyPlan::Closer));
    let whatsapp = engine.handle(&inbound(text, true), &ConversationView::default(), at(NIGHT));
    assert_eq!(whatsapp.decision.reply, None, "{}", whatsapp.decision.reason);
    assert!(whatsapp.replies.is_empty());
}

#[test]
fn one_reply_per_closed_period_keeps_later_messages_for_a_person() {
    let mut engine = Engine::load_default().unwrap();
    let question = inbound("¿Qué métodos de pago aceptáis?", true);
    let first = engine.handle(&question, &ConversationView::default(), at(NIGHT));
    let promised = first.decision.promise.expect("the first reply states the return time");
    let answered = ConversationView { promised: Some(promised), automated_since_human: 1, ..Default::default() };

    // Default ("needed"): the FAQ answer still goes out after the acknowledgement.
    let later = engine.handle(&question, &answered, at("2026-11-28T02:00:00Z"));
    assert!(later.decision.reply.is_some(), "{}", later.decision.reason);

    engine.playbook.pages.get_mut(WA_NUMBER).unwrap().whatsapp_replies = WhatsappReplies::OnePerClosedPeriod;
    let later = engine.handle(&question, &answered, at("2026-11-28T02:00:00Z"));
    assert_eq!(later.decision.reply, None, "{}", later.decision.reason);
    assert!(later.replies.is_empty());
    let complaint = engine.handle(
        &inbound("Mi paquete llegó roto, es una vergüenza.", true),
        &answered,
        at("2026-11-28T02:00:00Z"),
    );
    assert_eq!(complaint.decision.reply, None);
    assert!(complaint.decision.handoff, "a person still gets it");
    // Once the promised time has passed a new closed period may be answered.
    let next_night = engine.handle(&question, &answered, at("2026-12-05T01:00:00Z"));
    assert!(next_night.decision.reply.is_some(), "{}", next_night.decision.reason);
    // Not on Messenger.
    let messenger =
        engine.handle(&inbound("¿Qué métodos de pago aceptáis?", false), &answered, at("2026-11-28T02:00:00Z"));
    assert!(messenger.decision.reply.is_some());
}

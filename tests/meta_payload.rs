//! Meta webhook fixtures (shaped as Meta's documentation shows them) parsed into events.

use afterhours::channels::meta::{parse_webhook, sign, verify_signature};
use afterhours::channels::{Channel, ConversationKey, CustomerMessage, Event, Pricing};

const PAGE: &str = "110200300400500";
const IG_ACCOUNT: &str = "17841400000000001";
const WA_NUMBER: &str = "106540352242922";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/meta/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str) -> Vec<Event> {
    parse_webhook(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The reasons of the fixture's unreadable events, and how many customer
/// messages were read around them.
fn unreadable(name: &str) -> (Vec<String>, usize) {
    let events = parse(name);
    let reasons = events
        .iter()
        .filter_map(|e| match e {
            Event::Unreadable { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .collect();
    (reasons, events.iter().filter(|e| matches!(e, Event::Message(_))).count())
}

fn key(channel: Channel, account: &str, customer: &str) -> ConversationKey {
    ConversationKey { channel, account: account.into(), customer: customer.into() }
}

fn message(event: &Event) -> &CustomerMessage {
    match event {
        Event::Message(m) => m,
        other => panic!("not a message: {other:?}"),
    }
}

fn ignored_what(event: &Event) -> &str {
    match event {
        Event::Ignored { what, .. } => what,
        other => panic!("not ignored: {other:?}"),
    }
}

#[test]
fn messenger_text_messages_from_two_pages() {
    let events = parse("messenger_text");
    assert_eq!(events.len(), 3);

    let first = message(&events[0]);
    assert_eq!(first.key, key(Channel::Messenger, PAGE, "7100000000000001"));
    assert_eq!(first.mid, "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P");
    assert_eq!(first.timestamp_ms, 1_767_225_600_123);
    assert_eq!(first.text.as_deref(), Some("Hi, my order #4521 hasn't arrived — can someone help?"));
    assert!(first.attachments.is_empty());
    assert_eq!(first.customer_name, None);
    assert_eq!(first.reply_to, None);

    let quick = message(&events[1]);
    assert_eq!(quick.mid, "m_quickreply0001");
    assert_eq!(quick.text.as_deref(), Some("Track my order"));

    let reply = message(&events[2]);
    assert_eq!(reply.key, key(Channel::Messenger, "110200300400999", "7100000000000002"));
    assert_eq!(reply.reply_to.as_deref(), Some("m_earlier0001"));
    assert_eq!(reply.timestamp_ms, 1_767_225_699_000);
}

#[test]
fn messenger_attachments_without_text_are_still_messages() {
    let events = parse("messenger_attachments");
    assert_eq!(events.len(), 4);
    let photo = message(&events[0]);
    assert_eq!(photo.text, None);
    assert_eq!(photo.attachments, vec!["image"]);
    assert!(!photo.is_sticker_only());

    let voice = message(&events[1]);
    assert_eq!(voice.attachments, vec!["audio"]);

    // The old double form (an `image` with a sticker_id, then a `sticker`) reads as one sticker.
    let sticker = message(&events[2]);
    assert_eq!(sticker.attachments, vec!["sticker"]);
    assert!(sticker.is_sticker_only());

    let file = message(&events[3]);
    assert_eq!(file.text.as_deref(), Some("Here is the receipt"));
    assert_eq!(file.attachments, vec!["file", "video"]);
}

#[test]
fn a_postback_is_a_message_with_its_title() {
    let events = parse("messenger_postback");
    assert_eq!(events.len(), 1);
    let m = message(&events[0]);
    assert_eq!(m.key, key(Channel::Messenger, PAGE, "7100000000000003"));
    assert_eq!(m.mid, "m_postback0001");
    assert_eq!(m.text.as_deref(), Some("Talk to a person"));
    assert_eq!(m.timestamp_ms, 1_767_226_099_000);
}

#[test]
fn a_postback_without_a_mid_is_still_a_message_with_a_stable_id() {
    let mut body: serde_json::Value = serde_json::from_slice(&fixture("messenger_postback")).unwrap();
    body["entry"][0]["messaging"][0]["postback"].as_object_mut().unwrap().remove("mid");
    let bytes = serde_json::to_vec(&body).unwrap();
    let first = parse_webhook(&bytes).expect("an older-shaped postback is accepted");
    let again = parse_webhook(&bytes).unwrap();
    let m = message(&first[0]);
    assert_eq!(m.text.as_deref(), Some("Talk to a person"));
    assert_eq!(m.mid, "postback:7100000000000003:1767226099000");
    assert_eq!(message(&again[0]).mid, m.mid, "a redelivery is the same message");
}

#[test]
fn echoes_are_keyed_on_the_recipient_and_keep_the_app_id() {
    let events = parse("messenger_echo");
    assert_eq!(
        events,
        vec![
            Event::Echo {
                key: key(Channel::Messenger, PAGE, "7100000000000001"),
                mid: "m_echo_ours0001".into(),
                app_id: Some("1517776481860111".into()),
                text: Some("Thanks for writing \u{2014} we're closed now and will answer at 9:00.".into()),
                timestamp_ms: 1_767_226_200_100,
            },
            Event::Echo {
                key: key(Channel::Messenger, PAGE, "7100000000000001"),
                mid: "m_echo_inbox0002".into(),
                app_id: Some("263902037430900".into()),
                text: Some("Hi, it's Sam from support, looking into it now.".into()),
                timestamp_ms: 1_767_226_260_200,
            },
        ]
    );
}

#[test]
fn an_edit_carries_the_new_text() {
    let events = parse("messenger_edit");
    assert_eq!(
        events,
        vec![Event::Edit {
            key: key(Channel::Messenger, PAGE, "7100000000000001"),
            mid: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P".into(),
            text: "Hi, my order #4512 hasn't arrived".into(),
            timestamp_ms: 1_767_226_300_500,
        }]
    );
}

#[test]
fn receipts_reactions_and_unknown_kinds_are_ignored_with_what_they_were() {
    let events = parse("messenger_receipts");
    let whats: Vec<&str> = events.iter().map(ignored_what).collect();
    assert_eq!(whats, vec!["messenger delivery", "messenger read", "messenger reaction", "messenger unknown event"]);
    for event in &events {
        assert_eq!(event.key(), Some(&key(Channel::Messenger, PAGE, "7100000000000001")));
    }
}

#[test]
fn standby_messages_say_someone_else_has_the_thread() {
    let events = parse("messenger_standby");
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0],
        Event::Standby { key: key(Channel::Messenger, PAGE, "7100000000000004"), timestamp_ms: 1_767_226_500_100 }
    );
    assert_eq!(ignored_what(&events[1]), "messenger standby read");
}

#[test]
fn instagram_messages_of_every_kind() {
    let events = parse("instagram_messages");
    assert_eq!(events.len(), 12);
    let customer = key(Channel::Instagram, IG_ACCOUNT, "9200000000000001");

    let text = message(&events[0]);
    assert_eq!(text.key, customer);
    assert_eq!(text.text.as_deref(), Some("Do you ship to België?"));
    assert_eq!(text.timestamp_ms, 1_767_227_000_001);

    let mention = message(&events[1]);
    assert_eq!(mention.text, None);
    assert_eq!(mention.attachments, vec!["story_mention"]);

    let story_reply = message(&events[2]);
    assert_eq!(story_reply.text.as_deref(), Some("Love this one!"));
    assert_eq!(story_reply.reply_to, None);

    let reply = message(&events[3]);
    assert_eq!(reply.reply_to.as_deref(), Some("aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAx"));

    assert_eq!(ignored_what(&events[4]), "instagram message deleted");
    // A GIF or voice clip the API cannot show: the customer wrote, and is acknowledged.
    let unsupported = message(&events[5]);
    assert_eq!((unsupported.mid.as_str(), unsupported.text.as_deref()), ("aWdfUnsupported0001", None));
    assert_eq!(unsupported.attachments, vec!["unsupported"]);
    assert_eq!(ignored_what(&events[6]), "instagram read");
    assert_eq!(ignored_what(&events[7]), "instagram reaction");
    for event in &events[4..8] {
        assert_eq!(event.key(), Some(&customer));
    }

    assert_eq!(
        events[8],
        Event::Echo {
            key: customer.clone(),
            mid: "aWdfEcho0001".into(),
            app_id: None,
            text: Some("We ship everywhere in the EU.".into()),
            timestamp_ms: 1_767_227_000_009
        }
    );

    let share = message(&events[9]);
    assert_eq!(share.attachments, vec!["share", "ig_reel"]);

    let quick = message(&events[10]);
    assert_eq!(quick.text.as_deref(), Some("Opening hours"));

    // A comment under a post is a customer's public comment now (issue 23).
    let Event::Comment(comment) = &events[11] else { panic!("a comment: {:?}", events[11]) };
    assert_eq!(comment.text.as_deref(), Some("nice"));
    assert_eq!(comment.key.customer, "9200000000000009");
    assert_eq!(comment.post_id, "18000000000000003");
}

#[test]
fn whatsapp_text_messages_take_the_contact_name_and_context() {
    let events = parse("whatsapp_text");
    assert_eq!(
        events,
        vec![
            Event::Message(CustomerMessage {
                key: key(Channel::Whatsapp, WA_NUMBER, "16505551234"),
                mid: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=".into(),
                timestamp_ms: 1_767_229_200_000,
                text: Some("Does it still come in 8 ounce size?".into()),
                attachments: vec![],
                customer_name: Some("Sheena Nelson".into()),
                reply_to: None,
            }),
            Event::Message(CustomerMessage {
                key: key(Channel::Whatsapp, WA_NUMBER, "5511987654321"),
                mid: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQUFBQUFBQUFBQUFBQUFBQUFBAA==".into(),
                timestamp_ms: 1_767_229_260_000,
                text: Some("Obrigado!".into()),
                attachments: vec![],
                customer_name: Some("João Silva".into()),
                reply_to: Some("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA".into()),
            }),
        ]
    );
}

#[test]
fn whatsapp_media_carry_their_caption_as_text() {
    let events = parse("whatsapp_media");
    let got: Vec<(Option<&str>, Vec<String>)> =
        events.iter().map(message).map(|m| (m.text.as_deref(), m.attachments.clone())).collect();
    assert_eq!(
        got,
        vec![
            (Some("The box arrived like this"), vec!["image".to_owned()]),
            (None, vec!["audio".to_owned()]),
            (Some("my invoice"), vec!["document".to_owned()]),
            (None, vec!["sticker".to_owned()]),
            (None, vec!["video".to_owned()]),
        ]
    );
    assert!(message(&events[3]).is_sticker_only());
    assert!(events.iter().all(|e| message(e).customer_name.as_deref() == Some("Sheena Nelson")));
}

#[test]
fn whatsapp_replies_buttons_locations_and_the_ignored_kinds() {
    let events = parse("whatsapp_interactive");
    assert_eq!(events.len(), 8);
    let button_reply = message(&events[0]);
    assert_eq!(button_reply.text.as_deref(), Some("Talk to a person"));
    assert_eq!(button_reply.reply_to.as_deref(), Some("wamid.ourbuttons0001"));
    assert_eq!(message(&events[1]).text.as_deref(), Some("Returns"));
    assert_eq!(message(&events[2]).text.as_deref(), Some("Stop promotions"));
    assert_eq!(message(&events[3]).attachments, vec!["location"]);
    assert_eq!(message(&events[4]).attachments, vec!["contacts"]);
    assert_eq!(message(&events[4]).mid, "wamid.contacts0001");
    let customer = key(Channel::Whatsapp, WA_NUMBER, "16505551234");
    assert_eq!(events[5], Event::Ignored { key: Some(customer.clone()), what: "whatsapp reaction".into() });
    // A poll (unsupported) and a cart from the catalog are the customer writing to the brand.
    assert_eq!(message(&events[6]).attachments, vec!["unsupported"]);
    assert_eq!(message(&events[6]).key, customer);
    let order = message(&events[7]);
    assert_eq!((order.mid.as_str(), order.attachments.clone()), ("wamid.order0001", vec!["order".to_owned()]));
    assert_eq!(order.text.as_deref(), Some(""));
    assert!(!order.is_sticker_only());
}

#[test]
fn whatsapp_business_app_echoes_are_a_person_answering() {
    let events = parse("whatsapp_smb_echoes");
    assert_eq!(
        events,
        vec![
            Event::Echo {
                key: key(Channel::Whatsapp, WA_NUMBER, "16505551234"),
                mid: "wamid.smbecho0001".into(),
                app_id: None,
                text: Some("Hi Sheena, yes, the 8 ounce size is back in stock.".into()),
                timestamp_ms: 1_767_229_500_000,
            },
            // A user with a username: only the business-scoped id.
            Event::Echo {
                key: key(Channel::Whatsapp, WA_NUMBER, "US.13491208655302741999"),
                mid: "wamid.smbecho0002".into(),
                app_id: None,
                text: None,
                timestamp_ms: 1_767_229_501_000,
            },
        ]
    );
}

#[test]
fn handover_passes_the_thread_back_or_takes_it() {
    let events = parse("messenger_handover");
    assert_eq!(
        events[0],
        Event::ControlPassed {
            key: key(Channel::Messenger, PAGE, "7100000000000004"),
            app_id: Some("1517776481860111".into()),
            timestamp_ms: 1_767_226_600_100,
        }
    );
    assert_eq!(
        events[1],
        Event::Standby { key: key(Channel::Messenger, PAGE, "7100000000000005"), timestamp_ms: 1_767_226_600_200 }
    );
    assert_eq!(ignored_what(&events[2]), "messenger request_thread_control");
    assert_eq!(events.len(), 3);
}

fn with_pricing(mut event: Event, given: Pricing) -> Event {
    if let Event::Status { pricing, .. } = &mut event {
        *pricing = Some(given);
    }
    event
}

#[test]
fn whatsapp_statuses_with_the_failure_reason() {
    let events = parse("whatsapp_statuses");
    let customer = key(Channel::Whatsapp, WA_NUMBER, "16505551234");
    let status = |status: &str, ts: i64| Event::Status {
        key: customer.clone(),
        mid: "wamid.ourreply0001".into(),
        status: status.into(),
        error_code: None,
        error_title: None,
        timestamp_ms: ts,
        pricing: None,
        reference: None,
    };
    assert_eq!(
        events,
        vec![
            with_pricing(
                status("sent", 1_767_229_500_000),
                Pricing {
                    billable: Some(false),
                    pricing_model: Some("PMP".into()),
                    category: Some("service".into()),
                    kind: Some("free_customer_service".into()),
                },
            ),
            status("delivered", 1_767_229_502_000),
            status("read", 1_767_229_510_000),
            Event::Status {
                key: key(Channel::Whatsapp, WA_NUMBER, "16505550000"),
                mid: "wamid.ourreply0002".into(),
                status: "failed".into(),
                error_code: Some(131047),
                error_title: Some("Re-engagement message".into()),
                timestamp_ms: 1_767_229_600_000,
                pricing: None,
                // What we sent it with: names our reply without its wamid.
                reference: Some("ah1:wamid.customer0002:0".into()),
            },
        ]
    );
}

#[test]
fn whatsapp_username_users_are_keyed_on_their_business_scoped_id() {
    let events = parse("whatsapp_bsuid");
    let customer = key(Channel::Whatsapp, WA_NUMBER, "NL.8800112233445566");
    let m = message(&events[0]);
    assert_eq!(m.key, customer);
    assert_eq!(m.customer_name.as_deref(), Some("Kim"));
    assert_eq!(m.text.as_deref(), Some("Hoi, is de winkel morgen open?"));
    assert!(matches!(&events[1], Event::Status { key, status, .. } if *key == customer && status == "delivered"));
}

#[test]
fn whatsapp_several_numbers_and_other_fields_in_one_post() {
    let events = parse("whatsapp_multi_entry");
    assert_eq!(events.len(), 4);
    let first = message(&events[0]);
    assert_eq!(first.key, key(Channel::Whatsapp, WA_NUMBER, "16505551234"));
    assert_eq!(
        events[1],
        Event::TemplateStatus {
            name: "order_update".into(),
            language: "en_US".into(),
            event: "APPROVED".into(),
            reason: None
        }
    );
    let second = message(&events[2]);
    assert_eq!(second.key, key(Channel::Whatsapp, "207651463353033", "4915112345678"));
    assert_eq!(second.customer_name.as_deref(), Some("Lena"));
    assert!(matches!(&events[3], Event::Status { key, .. } if key.account == "207651463353033"));
}

#[test]
fn a_missing_sender_is_named_by_its_path_and_the_other_message_is_read() {
    let (reasons, read) = unreadable("error_missing_sender");
    assert_eq!(reasons, ["entry[1].messaging[1].sender: missing"]);
    assert_eq!(read, 1);
}

#[test]
fn a_missing_phone_number_id_is_named_by_its_path() {
    let (reasons, read) = unreadable("error_missing_phone_number_id");
    assert_eq!(reasons, ["entry[0].changes[0].value.metadata.phone_number_id: missing"]);
    assert_eq!(read, 0);
}

#[test]
fn a_missing_wamid_is_named_by_its_path_and_the_other_message_is_read() {
    let (reasons, read) = unreadable("error_missing_wamid");
    assert_eq!(reasons, ["entry[0].changes[0].value.messages[1].id: missing"]);
    assert_eq!(read, 1);
}

#[test]
fn an_unknown_object_is_an_error_naming_it() {
    let err = parse_webhook(br#"{"object":"permissions","entry":[]}"#).unwrap_err();
    assert_eq!(err.reason, r#"object: unknown value "permissions""#);
    assert!(err.to_string().contains("permissions"));
}

#[test]
fn truncated_json_is_an_error_with_its_position() {
    let body = fixture("messenger_text");
    let err = parse_webhook(&body[..body.len() / 2]).unwrap_err();
    assert!(err.reason.contains("line"), "{}", err.reason);
}

#[test]
fn an_empty_entry_list_is_no_events() {
    assert_eq!(parse_webhook(br#"{"object":"page","entry":[]}"#).unwrap(), vec![]);
}

#[test]
fn every_fixture_verifies_when_signed_and_parses() {
    // What the webhook handler does: verify the raw bytes, then parse them.
    for name in ["messenger_text", "instagram_messages", "whatsapp_text", "whatsapp_statuses"] {
        let body = fixture(name);
        let header = sign(b"secret", &body);
        verify_signature(b"secret", &body, Some(&header)).unwrap();
        assert!(!parse_webhook(&body).unwrap().is_empty());
    }
}

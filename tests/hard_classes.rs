//! The hard classes of messages, per language, through `Engine` with the
//! shipped flows: the rules that compose `flows/words/<lang>.toml` lists
//! (an ordinal before a unit, a day off beside a person being there, a
//! friendly negation closing a conversation, praise framing a story).

use afterhours::domain::{ConversationView, Inbound, Kind, Lang};
use afterhours::engine::{Engine, Outcome};
use afterhours::i18n::thanks::thanks_in;
use chrono::{DateTime, Utc};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load_default().expect("shipped flows and locales load"))
}

/// Saturday 28 November 2026, 02:00 in Amsterdam: every team is closed.
fn saturday_night() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-28T02:00:00+01:00").unwrap().with_timezone(&Utc)
}

fn handle_in(text: &str, l: &str) -> Outcome {
    let inbound = Inbound { text: text.into(), forced_lang: Some(Lang::parse(l).unwrap()), ..Inbound::default() };
    engine().handle(&inbound, &ConversationView::default(), saturday_night())
}

fn intent_of(o: &Outcome) -> Option<&str> {
    o.analysis.intent.as_ref().map(|i| i.id.0.as_str())
}

#[test]
fn praise_beside_a_repeat_told_by_an_ordinal_is_sarcasm_in_every_language() {
    // No digits, no word of waiting: only "the sixth week" tells it.
    for (l, text) in [
        ("en", "brilliant, that's the sixth week for one chair"),
        ("nl", "top hoor, de zesde week voor één stoel"),
        ("de", "spitze, die sechste woche für einen stuhl"),
        ("fr", "génial, la sixième semaine pour une chaise"),
        ("es", "estupendo, la sexta semana para una silla"),
        ("it", "fantastico, la sesta settimana per una sedia"),
        ("pt", "excelente, a sexta semana por uma cadeira"),
        ("pl", "świetnie, szósty tydzień na jedno krzesło"),
        ("ru", "отлично, шестая неделя ради одного стула"),
        ("nb", "flott, sjette uka for én stol"),
        ("da", "fantastisk, sjette uge for én stol"),
        ("sv", "toppen, sjätte veckan för en stol"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Complaint, "{l}: {text}");
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
    }
}

#[test]
fn a_person_being_there_on_a_day_off_is_an_opening_hours_question_in_every_language() {
    for (l, text) in [
        ("en", "is anyone answering on easter monday"),
        ("nl", "is er iemand bereikbaar op tweede paasdag"),
        ("de", "ist an ostermontag jemand erreichbar"),
        ("fr", "quelqu'un répond le lundi de pâques"),
        ("es", "alguien contesta el lunes de pascua"),
        ("it", "risponde qualcuno a pasquetta"),
        ("pt", "alguém responde na segunda-feira de páscoa"),
        ("pl", "czy ktoś odpowiada w poniedziałek wielkanocny"),
        ("ru", "кто-нибудь отвечает в новогодние праздники"),
        ("nb", "svarer noen i påsken"),
        ("da", "svarer nogen i påsken"),
        ("sv", "svarar någon under påsken"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Question, "{l}: {text}");
        assert_eq!(intent_of(&o), Some("opening_hours"), "{l}: {text}");
    }
}

#[test]
fn a_delivery_on_a_day_off_is_no_opening_hours_question() {
    let o = handle_in("do you deliver on saturdays, is anyone there to help", "en");
    assert_ne!(intent_of(&o), Some("opening_hours"));
}

#[test]
fn a_friendly_negation_with_thanks_closes_the_conversation_in_every_language() {
    for (l, text) in [
        ("en", "no worries, thanks"),
        ("nl", "geen zorgen, bedankt"),
        ("de", "kein problem, danke"),
        ("fr", "pas de souci, merci"),
        ("es", "no pasa nada, gracias"),
        ("it", "nessun problema, grazie"),
        ("pt", "sem problema, obrigado"),
        ("pl", "nie ma sprawy, dzięki"),
        ("ru", "ничего страшного, спасибо"),
        ("nb", "ingen fare, takk"),
        ("da", "ingen problem, tak"),
        ("sv", "inga problem, tack"),
    ] {
        let o = handle_in(text, l);
        assert!(o.analysis.closer, "{l}: {text} is not read as a closer ({:?})", o.analysis.kind);
        assert_eq!(o.analysis.kind, Kind::Other, "{l}: {text}");
    }
}

#[test]
fn praise_framing_a_story_about_an_order_is_not_thanked_but_praise_of_a_person_is() {
    // The story names the delivery and praises nothing: said through the
    // teeth or not, it gets no thanks.
    for (l, text) in [
        ("en", "great, the wardrobe was delivered to the neighbours"),
        ("de", "super, die lieferung wurde beim nachbarn abgegeben"),
        ("es", "genial, el pedido lo dejaron en casa del vecino"),
    ] {
        let o = handle_in(text, l);
        assert_ne!(o.analysis.kind, Kind::Praise, "{l}: {text}");
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
    }
    for (l, text) in
        [("es", "Muy buena atención, Laura me ayudó un montón"), ("en", "amazing, Chloe sorted it out for me")]
    {
        assert_eq!(handle_in(text, l).analysis.kind, Kind::Praise, "{l}: {text}");
    }
}

#[test]
fn thanks_after_an_answer_that_did_not_help_close_the_conversation_in_every_language() {
    for (l, text) in [
        ("en", "ah ok, thanks anyway"),
        ("de", "ok, trotzdem danke"),
        ("nl", "oké, toch bedankt"),
        ("fr", "d'accord, merci quand même"),
        ("es", "vale, gracias de todos modos"),
        ("it", "va bene, grazie lo stesso"),
        ("pt", "ok, obrigada mesmo assim"),
        ("pl", "okej, dzięki mimo wszystko"),
        ("ru", "ладно, всё равно спасибо"),
        ("nb", "ok, takk uansett"),
        ("da", "okay, tak alligevel"),
        ("sv", "okej, tack ändå"),
    ] {
        let o = handle_in(text, l);
        assert!(o.analysis.closer, "{l}: {text} is a closer, read as {:?}", o.analysis.kind);
        assert_eq!(o.analysis.kind, Kind::Other, "{l}: {text}");
    }
}

#[test]
fn an_item_that_came_without_a_scratch_is_praise_and_no_damaged_item_in_every_language() {
    for (l, text) in [
        ("en", "the bookcase came without a scratch, really lovely packing"),
        ("de", "das regal kam ohne einen kratzer an, sehr schön verpackt"),
        ("nl", "de boekenkast kwam zonder krasje aan, heel mooi ingepakt"),
        ("fr", "bibliothèque reçue sans une rayure, emballage magnifique"),
        ("es", "la estantería llegó sin un arañazo, muy bien embalada, genial"),
        ("it", "la libreria è arrivata senza un graffio, imballaggio perfetto"),
        ("pt", "a estante chegou sem um arranhão, muito bem embalada, adorei"),
        ("pl", "regał dotarł bez jednej rysy, świetnie zapakowany"),
        ("ru", "стеллаж приехал без единой царапины, отлично упакован"),
        ("nb", "bokhylla kom uten en skramme, kjempefint pakket"),
        ("da", "reolen kom uden en ridse, super flot pakket"),
        ("sv", "bokhyllan kom utan en repa, jättefint packad"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Praise, "{l}: {text}");
        assert_ne!(intent_of(&o), Some("damaged_item"), "{l}: {text}");
    }
}

#[test]
fn praise_a_negation_takes_back_is_never_thanked_in_every_language() {
    for (l, text) in [
        ("en", "not great tbh"),
        ("de", "nicht so toll"),
        ("nl", "niet zo mooi eigenlijk"),
        ("fr", "pas top du tout"),
        ("es", "no es perfecto"),
        ("it", "non è bello"),
        ("pl", "nie jest ładny"),
        ("ru", "не очень удобный"),
        ("nb", "ikke så flott"),
        ("da", "ikke så flot"),
        ("sv", "inte så snyggt"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Complaint, "{l}: {text}");
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
    }
    // A "no" that declines with thanks is a closer, not praise taken back.
    for (l, text) in
        [("en", "no thanks"), ("de", "nein danke"), ("nl", "nee dank je"), ("es", "no gracias"), ("sv", "nej tack")]
    {
        let o = handle_in(text, l);
        assert!(o.analysis.closer, "{l}: {text} is a closer, read as {:?}", o.analysis.kind);
    }
}

#[test]
fn thanks_for_a_delivery_to_the_wrong_address_are_sarcasm_in_every_language() {
    // Thanks opening the story and a verdict closing it: the story is a misdelivery.
    for (l, text) in [
        ("en", "thanks for taking my wardrobe to the wrong address. great service"),
        ("de", "danke, dass ihr meinen schrank an die falsche adresse gebracht habt. toller service"),
        ("nl", "bedankt dat jullie mijn kast op het verkeerde adres hebben afgeleverd. top service"),
        ("fr", "merci d'avoir livré mon armoire à la mauvaise adresse. super service"),
        ("es", "gracias por llevar mi armario a otra dirección. gran servicio"),
        ("it", "grazie per aver portato il mio armadio all'indirizzo sbagliato. ottimo servizio"),
        ("pt", "obrigado por levarem o meu roupeiro para o endereço errado. excelente serviço"),
        ("pl", "dzięki za wysłanie mojej szafy pod zły adres. świetna obsługa"),
        ("ru", "спасибо, что отвезли мой шкаф не по адресу. отличный сервис"),
        ("nb", "takk for at dere kjørte skapet mitt til feil adresse. topp service"),
        ("da", "tak fordi I kørte mit skab til en forkert adresse. god service"),
        ("sv", "tack för att ni körde min garderob till fel adress. toppenservice"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Complaint, "{l}: {text}");
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
    }
}

#[test]
fn an_order_dated_months_ago_is_a_wait_and_praise_beside_it_is_sarcasm_in_every_language() {
    for (l, text) in [
        ("en", "ordered the sofa in march, now it's october. brilliant"),
        ("de", "das sofa im märz bestellt, jetzt ist oktober. super"),
        ("nl", "bank besteld in maart, inmiddels is het oktober. top"),
        ("fr", "canapé commandé en mars, on est en octobre. génial"),
        ("es", "pedí el sofá en marzo y ya estamos en octubre. genial"),
        ("it", "divano ordinato a marzo, ormai siamo a ottobre. fantastico"),
        ("pt", "encomendei o sofá em março, já estamos em outubro. ótimo"),
        ("pl", "zamówiłam kanapę w marcu, a teraz mamy październik. super"),
        ("ru", "заказала диван в марте, а на дворе уже октябрь. отлично"),
        ("nb", "bestilte sofaen i mars, nå er det oktober. flott"),
        ("da", "bestilte sofaen i marts, nu er det oktober. fantastisk"),
        ("sv", "beställde soffan i mars, nu är det oktober. toppen"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Complaint, "{l}: {text}");
        assert_eq!(intent_of(&o), Some("order_status"), "{l}: {text}");
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
    }
    // A date to come is no wait.
    for (l, text) in [
        ("en", "I ordered in November, will it arrive before Christmas?"),
        ("de", "im november bestellt, kommt es vor weihnachten?"),
        ("es", "en noviembre pedí una mesa, ¿llegará antes de navidad?"),
    ] {
        assert_eq!(handle_in(text, l).analysis.kind, Kind::Question, "{l}: {text}");
    }
}

#[test]
fn damage_feared_before_a_but_is_no_complaint_in_every_language() {
    // "I was worried it would arrive broken, but not a scratch": the broken is feared, not told.
    for (l, text) in [
        ("en", "i was worried the glass top would arrive broken, but not a scratch. lovely packing"),
        ("de", "hatte angst, dass die glasplatte kaputt ankommt, aber kein kratzer. super verpackt"),
        ("nl", "was bang dat het glas kapot zou aankomen maar geen krasje. top ingepakt"),
        ("fr", "j'avais peur que le verre arrive cassé mais pas une rayure. emballage parfait"),
        ("es", "tenía miedo de que el cristal llegara roto pero ni un rasguño. genial"),
        ("it", "avevo paura che il vetro arrivasse rotto ma neanche un graffio. perfetto"),
        ("pt", "tinha medo que o vidro chegasse partido mas nem um arranhão. perfeito"),
        ("pl", "bałam się, że szkło przyjdzie stłuczone, ale ani jednej rysy. super"),
        ("ru", "боялась, что стекло приедет разбитым, но ни одной царапины. отлично"),
        ("nb", "var redd glasset skulle komme knust, men ikke en ripe. supert"),
        ("da", "var bange for at glasset ville gå i stykker, men ikke en ridse. super"),
        ("sv", "var rädd att glaset skulle gå sönder men inte en repa. toppen"),
    ] {
        let kind = handle_in(text, l).analysis.kind;
        assert!(!matches!(kind, Kind::Complaint | Kind::Urgent), "{l}: {text} read as {kind:?}");
    }
    // Without the "but", the fear came true.
    assert_eq!(handle_in("i was worried it would arrive broken and it did", "en").analysis.kind, Kind::Complaint);
}

#[test]
fn a_problem_put_right_and_thanked_for_is_praise_in_every_language() {
    // The damage is told, then settled: the thanks are for the fix.
    for (l, text) in [
        ("en", "the lamp shade came dented but you sent a new one within two days, thank you so much"),
        ("nl", "de lampenkap kwam gedeukt aan maar jullie hebben meteen een nieuwe gestuurd, heel erg bedankt"),
        ("de", "der lampenschirm kam verbeult an, aber sie haben sofort einen neuen geschickt, vielen dank"),
        ("fr", "l'abat-jour est arrivé cabossé mais vous m'en avez renvoyé un nouveau tout de suite, merci beaucoup"),
        ("es", "la pantalla de la lámpara llegó abollada pero me mandaron otra enseguida, muchas gracias"),
        ("it", "il paralume è arrivato ammaccato ma me ne avete mandato subito un altro, grazie mille"),
        ("pt", "o candeeiro chegou amolgado mas enviaram-me logo um novo, muito obrigada"),
        ("pl", "klosz przyszedł wgnieciony, ale od razu wysłaliście nowy, bardzo dziękuję"),
        ("ru", "плафон пришёл помятый, но вы сразу прислали новый, большое спасибо"),
        ("nb", "lampeskjermen kom bulkete, men dere sendte en ny med en gang, tusen takk"),
        ("da", "lampeskærmen kom bulet, men I sendte en ny med det samme, tusind tak"),
        ("sv", "lampskärmen kom buckligt men ni skickade en ny direkt, stort tack"),
    ] {
        assert_eq!(handle_in(text, l).analysis.kind, Kind::Praise, "{l}: {text}");
    }
}

#[test]
fn a_new_one_broken_too_is_no_problem_put_right_and_is_never_thanked_in_every_language() {
    for (l, text) in [
        ("en", "you sent a new one and that one is broken too, great, thanks"),
        ("nl", "jullie stuurden een nieuwe en die is ook kapot, top hoor, bedankt"),
        ("de", "sie haben einen neuen geschickt und der ist auch kaputt, super, danke"),
        ("fr", "vous m'en avez renvoyé un nouveau et il est cassé aussi, génial, merci"),
        ("es", "me mandaron otra y también llegó rota, genial, gracias"),
        ("it", "me ne avete mandato un altro ed è rotto anche questo, fantastico, grazie"),
        ("pt", "enviaram-me outro e também veio partido, ótimo, obrigada"),
        ("pl", "wysłaliście nowy i też jest zepsuty, super, dzięki"),
        ("ru", "прислали новый, и он тоже сломан, супер, спасибо"),
        ("nb", "dere sendte en ny og den er også ødelagt, flott, takk"),
        ("da", "I sendte en ny og den er også i stykker, super, tak"),
        ("sv", "ni skickade en ny och den är också trasig, toppen, tack"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Complaint, "{l}: {text}");
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
    }
}

#[test]
fn the_shops_words_cited_back_about_a_refund_are_a_complaint_in_every_language() {
    // No time word, no bad word: only the quotation marks tell the scorn.
    for (l, text) in [
        ("en", "my refund is 'in progress' apparently"),
        ("nl", "mijn terugbetaling is 'in behandeling' blijkbaar"),
        ("de", "meine erstattung ist angeblich „in bearbeitung“"),
        ("fr", "mon remboursement est « en cours de traitement » apparemment"),
        ("es", "mi reembolso está 'en proceso', según parece"),
        ("it", "il mio rimborso è 'in lavorazione', a quanto pare"),
        ("pt", "o meu reembolso está 'em processamento', pelos vistos"),
        ("pl", "mój zwrot jest podobno 'w realizacji'"),
        ("ru", "мой возврат, видите ли, «в обработке»"),
        ("nb", "refusjonen min er visst «under behandling»"),
        ("da", "min refusion er åbenbart 'under behandling'"),
        ("sv", "min återbetalning är tydligen 'under behandling'"),
    ] {
        let o = handle_in(text, l);
        assert_eq!(o.analysis.kind, Kind::Complaint, "{l}: {text}");
        assert_eq!(intent_of(&o), Some("refund_status"), "{l}: {text}");
    }
    // Asked about, the same words are a question.
    let asked = handle_in("what does 'in progress' mean for my refund?", "en");
    assert_eq!(asked.analysis.kind, Kind::Question);
}

#[test]
fn a_bad_start_turned_by_a_but_into_warm_praise_is_praise_and_a_silver_lining_is_not() {
    // A span of time after the "but" is read as waiting, not as speed.
    for (l, text) in [
        ("en", "the first lamp came cracked, but the new one is perfect. really great service, thank you"),
        ("de", "die erste lampe kam mit sprung, aber die neue ist perfekt. wirklich toller service, danke"),
        ("fr", "la première lampe est arrivée fêlée, mais la nouvelle est parfaite. service vraiment top, merci"),
        ("sv", "första lampan kom sprucken, men den nya är perfekt. riktigt bra service, tack"),
    ] {
        assert_eq!(handle_in(text, l).analysis.kind, Kind::Praise, "{l}: {text}");
    }
    for (l, text) in [
        // The bad event after the "but": a complaint however warm the start.
        ("en", "lovely colour, really great, thank you, but it came cracked"),
        // One word of praise after the "but" is a silver lining, said through the teeth.
        ("en", "they left my lamp with a stranger across town, but nice that someone enjoys it"),
    ] {
        let o = handle_in(text, l);
        assert!(thanks_in(l, &o.replies[0].text).is_empty(), "{l} thanks: {}", o.replies[0].text);
        assert_ne!(o.analysis.kind, Kind::Praise, "{l}: {text}");
    }
}

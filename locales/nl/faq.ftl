### Dutch answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "morgen om 08:30 (over ongeveer 7 uur)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: informal "je"/"jij".

faq-order-status = Je kunt je pakket volgen via de track-and-tracelink in je verzendmail. Staat die er niet in of zie je geen voortgang? Stuur me hier je bestelnummer, dan zoekt een collega het voor je uit.
faq-delivery-time = Bestel je op een werkdag vóór 20:00, dan verlaat je bestelling ons magazijn nog dezelfde dag. De levering duurt 1–3 werkdagen in de Benelux en 2–5 werkdagen in de rest van Europa. Zodra je pakket onderweg is, krijg je een track-and-tracelink per mail.
faq-returns =
    { $open ->
        [yes] Je kunt alles binnen 30 dagen gratis retourneren: meld je retour aan in je account onder ‘Mijn bestellingen’, print het label en lever het pakket af bij een pakketpunt naar keuze. Wil je hulp van een collega? Laat het me hier weten.
       *[no] Je kunt alles binnen 30 dagen gratis retourneren: meld je retour aan in je account onder ‘Mijn bestellingen’, print het label en lever het pakket af bij een pakketpunt naar keuze. Wil je hulp van een collega? Laat het me hier weten, dan reageren we { $back }.
    }
faq-refund-status = We betalen je terug binnen 5 werkdagen nadat je retour in ons magazijn is aangekomen, via de betaalmethode die je hebt gebruikt. Je bank heeft soms nog 2–3 dagen extra nodig. Duurt het langer? Stuur me je bestelnummer, dan zoekt een collega het uit.
faq-opening-hours =
    { $open ->
        [yes] Onze klantenservice is nu online en reageert hier zo. We zijn er { $schedule }. { $exceptions }
       *[no] We zijn er { $schedule }. { $exceptions } Op dit moment zijn we offline: we zijn er { $back_in } weer.
    }
faq-payment-methods =
    { $local ->
        [none] Je kunt betalen met je kaart (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay en Klarna.
       *[other] Je kunt betalen met je kaart (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay en Klarna, en ook met { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } en { $second }
faq-change-address =
    { $open ->
        [yes] We kunnen het adres aanpassen zolang je bestelling ons magazijn nog niet heeft verlaten. Stuur me hier het nieuwe adres en je bestelnummer, dan wijzigt een collega het meteen.
       *[no] We kunnen het adres aanpassen zolang je bestelling ons magazijn nog niet heeft verlaten. Stuur me hier het nieuwe adres en je bestelnummer, dan wijzigt een collega het { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Een bestelling kun je annuleren zolang die ons magazijn nog niet heeft verlaten. Stuur me je bestelnummer, dan annuleert een collega je bestelling meteen.
       *[no] Een bestelling kun je annuleren zolang die ons magazijn nog niet heeft verlaten. Stuur me hier je bestelnummer, dan annuleert een collega je bestelling { $back }. Is je pakket al onderweg? Dan kun je het gewoon gratis retourneren.
    }
faq-talk-to-human =
    { $open ->
        [yes] Natuurlijk! Ik heb het team laten weten dat je iemand wilt spreken; een collega komt zo bij je in deze chat.
       *[no] Natuurlijk. Onze klantenservice is nu offline; ik heb ons gesprek doorgestuurd en een collega reageert hier { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Wat vervelend dat je bestelling beschadigd is aangekomen, dat spijt me echt. Kun je hier een foto sturen van het artikel en van de doos? Een collega regelt dan zo snel mogelijk een vervanging of terugbetaling.
       *[no] Wat vervelend dat je bestelling beschadigd is aangekomen, dat spijt me echt. Kun je hier een foto sturen van het artikel en van de doos? Dan regelt een collega een vervanging of terugbetaling { $back }.
    }

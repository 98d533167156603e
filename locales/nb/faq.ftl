### Norwegian (Bokmål) answers to frequent questions (FAQ intents, see
### flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "i morgen kl. 08.30 (om omtrent 7 timer)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.

faq-order-status = Du kan følge pakken din med sporingslenken i e-posten om at bestillingen er sendt. Finner du ikke lenken, eller står sporingen stille? Send meg ordrenummeret ditt her, så sjekker en rådgiver det for deg.
faq-delivery-time = Bestillinger som legges inn før kl. 20.00 på en virkedag, sendes fra lageret vårt samme dag. Leveringen tar 1–3 virkedager i Benelux og 2–5 virkedager i resten av Europa, og du får en sporingslenke på e-post så snart pakken er sendt.
faq-returns =
    { $open ->
        [yes] Du kan returnere alt innen 30 dager, helt gratis. Start returen under «Mine bestillinger» på kontoen din, skriv ut etiketten og lever pakken på et valgfritt innleveringssted. Si fra her hvis du vil ha hjelp av en rådgiver.
       *[no] Du kan returnere alt innen 30 dager, helt gratis. Start returen under «Mine bestillinger» på kontoen din, skriv ut etiketten og lever pakken på et valgfritt innleveringssted. Si fra her hvis du vil ha hjelp av en rådgiver, så svarer vi deg { $back }.
    }
faq-refund-status = Vi betaler tilbake til samme betalingsmåte som du brukte, innen 5 virkedager etter at returen din har kommet fram til lageret vårt. Banken din kan trenge 2–3 dager ekstra. Har det gått lenger tid? Send meg ordrenummeret ditt, så ser en rådgiver på det.
faq-opening-hours =
    { $open ->
        [yes] Kundeservice er på nett akkurat nå og svarer deg her om kort tid. Vi svarer på meldinger { $schedule }. { $exceptions }
       *[no] Vi svarer på meldinger { $schedule }. { $exceptions } Akkurat nå har vi stengt, men vi er tilbake { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Du kan betale med kort (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay og Klarna.
       *[other] Du kan betale med kort (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay og Klarna, og også med { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } og { $second }
faq-change-address =
    { $open ->
        [yes] Vi kan endre adressen så lenge bestillingen ikke har forlatt lageret. Send meg den nye adressen og ordrenummeret ditt her, så oppdaterer en rådgiver den med en gang.
       *[no] Vi kan endre adressen så lenge bestillingen ikke har forlatt lageret. Send meg den nye adressen og ordrenummeret ditt her, så oppdaterer en rådgiver den { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Bestillinger kan kanselleres helt til de forlater lageret vårt. Send meg ordrenummeret ditt, så kansellerer en rådgiver bestillingen med en gang.
       *[no] Bestillinger kan kanselleres helt til de forlater lageret vårt. Send meg ordrenummeret ditt her, så kansellerer en rådgiver bestillingen { $back }. Er den allerede sendt, kan du bare returnere den gratis.
    }
faq-talk-to-human =
    { $open ->
        [yes] Selvfølgelig! Jeg har gitt beskjed til teamet, og en rådgiver blir med i chatten om litt.
       *[no] Selvfølgelig. Kundeservice har stengt akkurat nå, men jeg har sendt samtalen vår videre, og en rådgiver svarer deg her { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Så leit at bestillingen din kom fram skadet, det beklager jeg virkelig. Kan du sende et bilde av varen og esken her? En rådgiver ordner en ny vare eller tilbakebetaling om kort tid.
       *[no] Så leit at bestillingen din kom fram skadet, det beklager jeg virkelig. Kan du sende et bilde av varen og esken her? En rådgiver ordner en ny vare eller tilbakebetaling { $back }.
    }

### Danish answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "i morgen kl. 08.30 (om cirka 7 timer)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.

faq-order-status = Du kan følge din pakke via sporingslinket i den mail, du fik, da din ordre blev sendt. Mangler linket, eller står sporingen stille? Send mig dit ordrenummer her, så tjekker en medarbejder det for dig.
faq-delivery-time = Bestillinger, der afgives inden kl. 20.00 på en hverdag, forlader vores lager samme dag. Levering tager 1–3 hverdage i Benelux-landene og 2–5 hverdage i resten af Europa, og du får et sporingslink på mail, så snart pakken er sendt.
faq-returns =
    { $open ->
        [yes] Du kan returnere alt inden for 30 dage, helt gratis. Start returneringen på din konto under »Mine ordrer«, print labelen, og aflever pakken i en hvilken som helst pakkeshop. Skriv her, hvis du gerne vil have hjælp af en medarbejder.
       *[no] Du kan returnere alt inden for 30 dage, helt gratis. Start returneringen på din konto under »Mine ordrer«, print labelen, og aflever pakken i en hvilken som helst pakkeshop. Skriv her, hvis du gerne vil have hjælp af en medarbejder, så svarer vi dig { $back }.
    }
faq-refund-status = Vi tilbagebetaler beløbet til den betalingsmetode, du brugte, senest 5 hverdage efter, at din returpakke er nået frem til vores lager. Din bank kan være yderligere 2–3 dage om det. Har det taget længere tid? Send mig dit ordrenummer, så kigger en medarbejder på det.
faq-opening-hours =
    { $open ->
        [yes] Vores kundeservice er online lige nu og svarer dig her om lidt. Vi besvarer beskeder { $schedule }. { $exceptions }
       *[no] Vi besvarer beskeder { $schedule }. { $exceptions } Lige nu har vi lukket, men vi er tilbage { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Du kan betale med kort (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay og Klarna.
       *[other] Du kan betale med kort (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay og Klarna – og også med { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } og { $second }
faq-change-address =
    { $open ->
        [yes] Vi kan ændre adressen, så længe din ordre ikke har forladt lageret. Send mig den nye adresse og dit ordrenummer her, så opdaterer en medarbejder den med det samme.
       *[no] Vi kan ændre adressen, så længe din ordre ikke har forladt lageret. Send mig den nye adresse og dit ordrenummer her, så opdaterer en medarbejder den { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Ordrer kan annulleres, indtil de forlader vores lager. Send mig dit ordrenummer, så annullerer en medarbejder ordren med det samme.
       *[no] Ordrer kan annulleres, indtil de forlader vores lager. Send mig dit ordrenummer her, så annullerer en medarbejder ordren { $back }. Er den allerede sendt, kan du bare returnere den gratis.
    }
faq-talk-to-human =
    { $open ->
        [yes] Selvfølgelig! Jeg har givet teamet besked, og en medarbejder kommer ind i chatten om lidt.
       *[no] Selvfølgelig. Vores kundeservice har lukket lige nu, men jeg har sendt vores samtale videre, og en medarbejder svarer dig her { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Hvor er det ærgerligt, at din ordre er kommet beskadiget frem – det er jeg virkelig ked af. Vil du sende et billede af varen og kassen her? En medarbejder sørger for en ny vare eller en refusion om lidt.
       *[no] Hvor er det ærgerligt, at din ordre er kommet beskadiget frem – det er jeg virkelig ked af. Vil du sende et billede af varen og kassen her? En medarbejder sørger for en ny vare eller en refusion { $back }.
    }

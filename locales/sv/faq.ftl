### Swedish answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "i morgon kl. 08.30 (om ungefär 7 timmar)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.

faq-order-status = Du kan följa ditt paket med spårningslänken i mejlet du fick när ordern skickades. Hittar du ingen länk, eller står spårningen still? Skicka ditt ordernummer här, så kollar en medarbetare upp det åt dig.
faq-delivery-time = Beställningar som görs före kl. 20.00 en vardag lämnar vårt lager samma dag. Leveransen tar 1–3 vardagar inom Benelux och 2–5 vardagar till övriga Europa, och du får en spårningslänk via mejl så snart paketet har skickats.
faq-returns =
    { $open ->
        [yes] Du kan returnera allt inom 30 dagar, helt kostnadsfritt. Starta returen under ”Mina beställningar” på ditt konto, skriv ut fraktsedeln och lämna paketet hos valfritt paketombud. Säg till här om du vill ha hjälp av en medarbetare.
       *[no] Du kan returnera allt inom 30 dagar, helt kostnadsfritt. Starta returen under ”Mina beställningar” på ditt konto, skriv ut fraktsedeln och lämna paketet hos valfritt paketombud. Säg till här om du vill ha hjälp av en medarbetare, så svarar vi dig { $back }.
    }
faq-refund-status = Vi betalar tillbaka pengarna till samma betalsätt som du använde, inom 5 vardagar från att din retur har kommit fram till vårt lager. Banken kan behöva 2–3 dagar till. Har det gått längre tid än så? Skicka ditt ordernummer, så tittar en medarbetare på det.
faq-opening-hours =
    { $open ->
        [yes] Vår kundtjänst är på plats just nu och svarar dig här inom kort. Vi svarar på meddelanden { $schedule }. { $exceptions }
       *[no] Vi svarar på meddelanden { $schedule }. { $exceptions } Just nu har vi stängt, men vi är tillbaka { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Du kan betala med kort (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay och Klarna.
       *[other] Du kan betala med kort (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay och Klarna, och även med { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } och { $second }
faq-change-address =
    { $open ->
        [yes] Vi kan ändra adressen så länge ordern inte har lämnat lagret. Skicka den nya adressen och ditt ordernummer här, så uppdaterar en medarbetare den direkt.
       *[no] Vi kan ändra adressen så länge ordern inte har lämnat lagret. Skicka den nya adressen och ditt ordernummer här, så uppdaterar en medarbetare den { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Du kan avbryta en beställning fram tills den lämnar vårt lager. Skicka ditt ordernummer, så avbryter en medarbetare den direkt.
       *[no] Du kan avbryta en beställning fram tills den lämnar vårt lager. Skicka ditt ordernummer här, så avbryter en medarbetare den { $back }. Har den redan skickats kan du helt enkelt returnera den kostnadsfritt.
    }
faq-talk-to-human =
    { $open ->
        [yes] Självklart! Jag har meddelat teamet, och en medarbetare ansluter till chatten alldeles strax.
       *[no] Självklart. Vår kundtjänst har stängt just nu, men jag har lämnat över vår konversation, och en medarbetare svarar dig här { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Vad tråkigt att din beställning kom fram skadad, det beklagar jag verkligen. Kan du skicka en bild på varan och kartongen här? En medarbetare ordnar en ny vara eller återbetalning inom kort.
       *[no] Vad tråkigt att din beställning kom fram skadad, det beklagar jag verkligen. Kan du skicka en bild på varan och kartongen här? En medarbetare ordnar en ny vara eller återbetalning { $back }.
    }

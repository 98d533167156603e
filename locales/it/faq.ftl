### Italian answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "domani alle 08:30 (tra circa 7 ore)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: informal "tu".

faq-order-status = Puoi seguire il tuo pacco con il link di tracciamento che trovi nell'email di spedizione. Se il link non c'è o non mostra aggiornamenti, mandami qui il numero d'ordine e una persona del team controllerà per te.
faq-delivery-time = Gli ordini effettuati prima delle 20:00 di un giorno lavorativo partono dal nostro magazzino in giornata. La consegna richiede 1–3 giorni lavorativi nel Benelux e 2–5 giorni lavorativi nel resto d'Europa; riceverai un link di tracciamento via email appena il pacco parte.
faq-returns =
    { $open ->
        [yes] Puoi restituire qualsiasi articolo entro 30 giorni, gratuitamente: avvia il reso dal tuo account in “I miei ordini”, stampa l'etichetta e consegna il pacco in un punto di ritiro qualsiasi. Se preferisci farti aiutare da una persona, scrivimelo qui.
       *[no] Puoi restituire qualsiasi articolo entro 30 giorni, gratuitamente: avvia il reso dal tuo account in “I miei ordini”, stampa l'etichetta e consegna il pacco in un punto di ritiro qualsiasi. Se preferisci farti aiutare da una persona, scrivimelo qui: ti risponderemo { $back }.
    }
faq-refund-status = Effettuiamo il rimborso entro 5 giorni lavorativi dall'arrivo del reso nel nostro magazzino, sullo stesso metodo di pagamento che hai usato; la tua banca potrebbe impiegare altri 2–3 giorni. Se è passato più tempo, mandami il numero d'ordine e una persona del team verificherà.
faq-opening-hours =
    { $open ->
        [yes] Il nostro servizio clienti è online in questo momento e ti risponderà qui a breve. Rispondiamo ai messaggi { $schedule }. { $exceptions }
       *[no] Rispondiamo ai messaggi { $schedule }. { $exceptions } In questo momento non siamo disponibili: torniamo { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Puoi pagare con carta (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay e Klarna.
       *[other] Puoi pagare con carta (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay e Klarna, e anche con { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } e { $second }
faq-change-address =
    { $open ->
        [yes] Possiamo cambiare l'indirizzo finché l'ordine non ha lasciato il magazzino. Mandami qui il nuovo indirizzo e il numero d'ordine, e una persona del team lo aggiornerà subito.
       *[no] Possiamo cambiare l'indirizzo finché l'ordine non ha lasciato il magazzino. Mandami qui il nuovo indirizzo e il numero d'ordine; una persona del team lo aggiornerà { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Puoi annullare un ordine finché non ha lasciato il nostro magazzino. Mandami il numero d'ordine e una persona del team lo annullerà subito.
       *[no] Puoi annullare un ordine finché non ha lasciato il nostro magazzino. Mandami qui il numero d'ordine e una persona del team lo annullerà { $back }; se è già stato spedito, puoi semplicemente restituirlo gratis.
    }
faq-talk-to-human =
    { $open ->
        [yes] Certo! Ho avvisato il team: una persona si unirà a questa chat a breve.
       *[no] Certo. Il nostro servizio clienti non è disponibile in questo momento; ho inoltrato la conversazione e una persona ti risponderà qui { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Mi dispiace davvero che il tuo ordine sia arrivato danneggiato. Puoi mandarmi qui una foto dell'articolo e della scatola? Una persona del team organizzerà a breve una sostituzione o un rimborso.
       *[no] Mi dispiace davvero che il tuo ordine sia arrivato danneggiato. Puoi mandarmi qui una foto dell'articolo e della scatola? Una persona del team organizzerà una sostituzione o un rimborso { $back }.
    }

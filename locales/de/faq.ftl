### German answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "morgen um 08:30 Uhr (in ungefähr 7 Stunden)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: formal "Sie" (see main.ftl).

faq-order-status = Sie können Ihr Paket über den Tracking-Link in Ihrer Versandbestätigung verfolgen. Falls der Link fehlt oder keinen Fortschritt zeigt, schicken Sie mir hier Ihre Bestellnummer – dann prüft jemand aus unserem Team das für Sie.
faq-delivery-time = Bestellungen, die an einem Werktag vor 20:00 Uhr eingehen, verlassen unser Lager noch am selben Tag. Die Lieferung dauert in den Benelux-Ländern 1–3 Werktage und im restlichen Europa 2–5 Werktage. Sobald Ihr Paket unterwegs ist, bekommen Sie einen Tracking-Link per E-Mail.
faq-returns =
    { $open ->
        [yes] Sie können alles innerhalb von 30 Tagen kostenlos zurückschicken: Starten Sie die Rücksendung in Ihrem Konto unter „Meine Bestellungen“, drucken Sie das Etikett aus und geben Sie das Paket bei einer beliebigen Paketannahmestelle ab. Sagen Sie mir einfach hier Bescheid, wenn Ihnen jemand aus unserem Team dabei helfen soll.
       *[no] Sie können alles innerhalb von 30 Tagen kostenlos zurückschicken: Starten Sie die Rücksendung in Ihrem Konto unter „Meine Bestellungen“, drucken Sie das Etikett aus und geben Sie das Paket bei einer beliebigen Paketannahmestelle ab. Soll Ihnen jemand aus unserem Team dabei helfen? Sagen Sie mir hier Bescheid, wir melden uns { $back } bei Ihnen.
    }
faq-refund-status = Wir erstatten Ihnen den Betrag innerhalb von 5 Werktagen, nachdem Ihre Rücksendung in unserem Lager angekommen ist, auf das Zahlungsmittel, mit dem Sie bezahlt haben. Ihre Bank braucht eventuell noch 2–3 Tage länger. Dauert es schon länger? Dann schicken Sie mir Ihre Bestellnummer, und jemand aus unserem Team schaut sich das an.
faq-opening-hours =
    { $open ->
        [yes] Unser Kundenservice ist gerade online und antwortet Ihnen gleich hier im Chat. Wir sind für Sie da: { $schedule }. { $exceptions }
       *[no] Wir sind für Sie da: { $schedule }. { $exceptions } Gerade sind wir nicht erreichbar, { $back_in } sind wir wieder für Sie da.
    }
faq-payment-methods =
    { $local ->
        [none] Sie können mit Karte (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay und Klarna bezahlen.
       *[other] Sie können mit Karte (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay und Klarna bezahlen, außerdem mit { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } und { $second }
faq-change-address =
    { $open ->
        [yes] Wir können die Adresse ändern, solange Ihre Bestellung unser Lager noch nicht verlassen hat. Schicken Sie mir hier die neue Adresse und Ihre Bestellnummer, dann ändert jemand aus unserem Team sie sofort.
       *[no] Wir können die Adresse ändern, solange Ihre Bestellung unser Lager noch nicht verlassen hat. Schicken Sie mir hier die neue Adresse und Ihre Bestellnummer, dann ändert jemand aus unserem Team sie { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Bestellungen können storniert werden, bis sie unser Lager verlassen. Schicken Sie mir Ihre Bestellnummer, dann storniert jemand aus unserem Team sie sofort.
       *[no] Bestellungen können storniert werden, bis sie unser Lager verlassen. Schicken Sie mir hier Ihre Bestellnummer, dann storniert jemand aus unserem Team sie { $back }. Falls sie schon verschickt wurde, können Sie sie einfach kostenlos zurückschicken.
    }
faq-talk-to-human =
    { $open ->
        [yes] Gern! Ich habe dem Team Bescheid gegeben – gleich meldet sich jemand hier im Chat.
       *[no] Gern. Unser Kundenservice ist gerade nicht erreichbar; ich habe unser Gespräch weitergeleitet, und jemand aus unserem Team antwortet Ihnen { $back } hier im Chat.
    }
faq-damaged-item =
    { $open ->
        [yes] Es tut mir sehr leid, dass Ihre Bestellung beschädigt angekommen ist. Können Sie mir hier ein Foto vom Artikel und vom Karton schicken? Jemand aus unserem Team kümmert sich dann gleich um Ersatz oder eine Erstattung.
       *[no] Es tut mir sehr leid, dass Ihre Bestellung beschädigt angekommen ist. Können Sie mir hier ein Foto vom Artikel und vom Karton schicken? Jemand aus unserem Team kümmert sich dann { $back } um Ersatz oder eine Erstattung.
    }

### German answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "morgen um 08:30 Uhr (in ungefähr 7 Stunden)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: informal "du".

faq-order-status = Du kannst dein Paket über den Tracking-Link in deiner Versandbestätigung verfolgen. Falls der Link fehlt oder keinen Fortschritt zeigt, schick mir hier deine Bestellnummer – dann prüft jemand aus unserem Team das für dich.
faq-delivery-time = Bestellungen, die an einem Werktag vor 20:00 Uhr eingehen, verlassen unser Lager noch am selben Tag. Die Lieferung dauert in den Benelux-Ländern 1–3 Werktage und im restlichen Europa 2–5 Werktage. Sobald dein Paket unterwegs ist, bekommst du einen Tracking-Link per E-Mail.
faq-returns =
    { $open ->
        [yes] Du kannst alles innerhalb von 30 Tagen kostenlos zurückschicken: Starte die Rücksendung in deinem Konto unter „Meine Bestellungen“, druck das Etikett aus und gib das Paket bei einer beliebigen Paketannahmestelle ab. Sag mir einfach hier Bescheid, wenn dir jemand aus unserem Team dabei helfen soll.
       *[no] Du kannst alles innerhalb von 30 Tagen kostenlos zurückschicken: Starte die Rücksendung in deinem Konto unter „Meine Bestellungen“, druck das Etikett aus und gib das Paket bei einer beliebigen Paketannahmestelle ab. Soll dir jemand aus unserem Team dabei helfen? Sag mir hier Bescheid, wir melden uns { $back } bei dir.
    }
faq-refund-status = Wir erstatten dir den Betrag innerhalb von 5 Werktagen, nachdem deine Rücksendung in unserem Lager angekommen ist, auf das Zahlungsmittel, mit dem du bezahlt hast. Deine Bank braucht eventuell noch 2–3 Tage länger. Dauert es schon länger? Dann schick mir deine Bestellnummer, und jemand aus unserem Team schaut sich das an.
faq-opening-hours =
    { $open ->
        [yes] Unser Kundenservice ist gerade online und antwortet dir gleich hier im Chat. Wir sind für dich da: { $schedule }. { $exceptions }
       *[no] Wir sind für dich da: { $schedule }. { $exceptions } Gerade sind wir nicht erreichbar: Jemand aus unserem Team meldet sich { $back_in } bei dir.
    }
faq-payment-methods = Du kannst mit Karte (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay und Klarna bezahlen, in den Niederlanden und Belgien außerdem mit iDEAL und Bancontact.
faq-change-address =
    { $open ->
        [yes] Wir können die Adresse ändern, solange deine Bestellung unser Lager noch nicht verlassen hat. Schick mir hier die neue Adresse und deine Bestellnummer, dann ändert jemand aus unserem Team sie sofort.
       *[no] Wir können die Adresse ändern, solange deine Bestellung unser Lager noch nicht verlassen hat. Schick mir hier die neue Adresse und deine Bestellnummer, dann ändert jemand aus unserem Team sie { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Bestellungen können storniert werden, bis sie unser Lager verlassen. Schick mir deine Bestellnummer, dann storniert jemand aus unserem Team sie sofort.
       *[no] Bestellungen können storniert werden, bis sie unser Lager verlassen. Schick mir hier deine Bestellnummer, dann storniert jemand aus unserem Team sie { $back }. Falls sie schon verschickt wurde, kannst du sie einfach kostenlos zurückschicken.
    }
faq-talk-to-human =
    { $open ->
        [yes] Klar! Ich habe dem Team Bescheid gegeben – gleich meldet sich jemand hier im Chat.
       *[no] Klar. Unser Kundenservice ist gerade nicht erreichbar; ich habe unser Gespräch weitergeleitet, und jemand aus unserem Team antwortet dir { $back } hier im Chat.
    }
faq-damaged-item =
    { $open ->
        [yes] Es tut mir sehr leid, dass deine Bestellung beschädigt angekommen ist. Kannst du mir hier ein Foto vom Artikel und vom Karton schicken? Jemand aus unserem Team kümmert sich dann gleich um Ersatz oder eine Erstattung.
       *[no] Es tut mir sehr leid, dass deine Bestellung beschädigt angekommen ist. Kannst du mir hier ein Foto vom Artikel und vom Karton schicken? Jemand aus unserem Team kümmert sich dann { $back } um Ersatz oder eine Erstattung.
    }

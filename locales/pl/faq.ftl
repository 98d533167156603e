### Polish answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "jutro o 08:30 (za około 7 godzin)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.

faq-order-status = Paczkę możesz śledzić za pomocą linku w e-mailu z potwierdzeniem wysyłki. Jeśli nie ma tam linku albo status przesyłki się nie zmienia, wyślij mi tutaj numer zamówienia, a konsultant to dla Ciebie sprawdzi.
faq-delivery-time = Zamówienia złożone w dzień roboczy do godz. 20:00 wysyłamy z magazynu jeszcze tego samego dnia. Dostawa trwa 1–3 dni robocze w krajach Beneluksu i 2–5 dni roboczych w pozostałych krajach Europy. Link do śledzenia przesyłki dostaniesz e-mailem, gdy tylko paczka zostanie nadana.
faq-returns =
    { $open ->
        [yes] Każdy produkt możesz bezpłatnie zwrócić w ciągu 30 dni. Rozpocznij zwrot na swoim koncie w zakładce „Moje zamówienia”, wydrukuj etykietę i nadaj paczkę w dowolnym punkcie nadania. Jeśli chcesz, żeby pomógł Ci konsultant, napisz tutaj.
       *[no] Każdy produkt możesz bezpłatnie zwrócić w ciągu 30 dni. Rozpocznij zwrot na swoim koncie w zakładce „Moje zamówienia”, wydrukuj etykietę i nadaj paczkę w dowolnym punkcie nadania. Jeśli chcesz, żeby pomógł Ci konsultant, napisz tutaj – odpowiemy { $back }.
    }
faq-refund-status = Pieniądze zwracamy w ciągu 5 dni roboczych od dotarcia zwrotu do naszego magazynu, tą samą metodą płatności, której użyto przy zamówieniu. Twój bank może potrzebować jeszcze 2–3 dni. Jeśli trwa to dłużej, wyślij mi numer zamówienia, a konsultant to sprawdzi.
faq-opening-hours =
    { $open ->
        [yes] Nasz zespół jest teraz dostępny i wkrótce odpowie Ci tutaj. Na wiadomości odpowiadamy: { $schedule }. { $exceptions }
       *[no] Na wiadomości odpowiadamy: { $schedule }. { $exceptions } W tej chwili jesteśmy niedostępni, ale wracamy { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Dostępne metody płatności to karta (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay i Klarna.
       *[other] Dostępne metody płatności to karta (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay i Klarna, a także { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } i { $second }
faq-change-address =
    { $open ->
        [yes] Możemy zmienić adres, dopóki zamówienie nie opuści magazynu. Wyślij mi tutaj nowy adres i numer zamówienia, a konsultant od razu go zaktualizuje.
       *[no] Możemy zmienić adres, dopóki zamówienie nie opuści magazynu. Wyślij mi tutaj nowy adres i numer zamówienia, a konsultant zaktualizuje go { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Zamówienie można anulować, dopóki nie opuści naszego magazynu. Wyślij mi numer zamówienia, a konsultant od razu je anuluje.
       *[no] Zamówienie można anulować, dopóki nie opuści naszego magazynu. Wyślij mi tutaj numer zamówienia, a konsultant anuluje je { $back }. Jeśli paczka została już wysłana, możesz ją po prostu bezpłatnie zwrócić.
    }
faq-talk-to-human =
    { $open ->
        [yes] Oczywiście! Zespół już wie, że czekasz, i konsultant za chwilę dołączy do tej rozmowy.
       *[no] Oczywiście. Nasz zespół jest w tej chwili niedostępny, ale przekazuję mu naszą rozmowę i konsultant odpowie Ci tutaj { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Bardzo mi przykro, że zamówienie dotarło uszkodzone. Czy możesz przesłać tutaj zdjęcie produktu i opakowania? Konsultant wkrótce zorganizuje wymianę lub zwrot pieniędzy.
       *[no] Bardzo mi przykro, że zamówienie dotarło uszkodzone. Czy możesz przesłać tutaj zdjęcie produktu i opakowania? Konsultant zorganizuje wymianę lub zwrot pieniędzy { $back }.
    }

### Swedish messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Vad tråkigt, det beklagar jag verkligen. Vår kundtjänst har stängt just nu och är tillbaka { $back }. Då kan vi tyvärr inte längre svara på ditt meddelande här i chatten, så skriv gärna till oss här igen när vi är tillbaka. Då ser en medarbetare allt du har skrivit och svarar dig direkt.
write-again-urgent = Jag beklagar – jag förstår att det här är brådskande. Vår kundtjänst har stängt just nu och är tillbaka { $back }. Då kan vi tyvärr inte längre svara på ditt meddelande här i chatten, så skriv till oss här igen så snart vi är tillbaka. Då svarar en medarbetare dig direkt.
write-again = Vår kundtjänst har stängt just nu och är tillbaka { $back }. Då kan vi tyvärr inte längre svara på ditt meddelande här i chatten, så skriv gärna till oss här igen när vi är tillbaka. Då svarar en medarbetare dig direkt.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Då kan vi tyvärr inte längre svara på ditt meddelande här i chatten, så skriv gärna till oss här igen när vi är tillbaka.
write-again-back-note = Behöver du hjälp av en person? Vårt team är tillbaka { $back }. Då kan vi tyvärr inte längre svara på ditt meddelande här i chatten, så skriv gärna till oss här igen när vi är tillbaka.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Du kan också nå oss på { $contact }.

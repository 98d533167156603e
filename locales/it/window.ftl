### Italian messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Mi dispiace davvero tanto. Il nostro servizio clienti non è disponibile in questo momento e tornerà { $back }. A quel punto, però, questa chat non ci permetterà più di rispondere al tuo messaggio: scrivici di nuovo qui quando saremo tornati e una persona del team, che vedrà tutto quello che hai scritto, ti risponderà subito.
write-again-urgent = Mi dispiace, vedo che è urgente. Il nostro servizio clienti non è disponibile in questo momento e tornerà { $back }. A quel punto, però, questa chat non ci permetterà più di rispondere al tuo messaggio: scrivici di nuovo qui appena saremo tornati e una persona del team ti risponderà subito.
write-again = Il nostro servizio clienti non è disponibile in questo momento e tornerà { $back }. A quel punto, però, questa chat non ci permetterà più di rispondere al tuo messaggio: scrivici di nuovo qui quando saremo tornati e una persona del team ti risponderà subito.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = A quel punto, però, questa chat non ci permetterà più di rispondere al tuo messaggio: scrivici di nuovo qui quando saremo tornati.
write-again-back-note = Se vuoi parlare con una persona, il nostro team tornerà { $back }. A quel punto, però, questa chat non ci permetterà più di rispondere al tuo messaggio: scrivici di nuovo qui quando saremo tornati.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Puoi anche contattarci tramite { $contact }.

### Dutch messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Wat vervelend, dat spijt me echt. Onze klantenservice is nu offline en is { $back } weer bereikbaar. Via deze chat kunnen we dan helaas niet meer op je bericht reageren, dus stuur ons hier opnieuw een bericht zodra we terug zijn: een collega ziet dan alles wat je schreef en reageert meteen.
write-again-urgent = Het spijt me, ik zie dat het dringend is. Onze klantenservice is nu offline en is { $back } weer bereikbaar. Via deze chat kunnen we dan helaas niet meer op je bericht reageren, dus stuur ons hier opnieuw een bericht zodra we terug zijn: een collega reageert dan meteen.
write-again = Onze klantenservice is nu offline en is { $back } weer bereikbaar. Via deze chat kunnen we dan helaas niet meer op je bericht reageren, dus stuur ons hier opnieuw een bericht zodra we terug zijn: een collega reageert dan meteen.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Via deze chat kunnen we dan helaas niet meer op je bericht reageren, dus stuur ons hier opnieuw een bericht zodra we terug zijn.
write-again-back-note = Wil je iemand van ons team spreken? We zijn { $back } weer bereikbaar. Via deze chat kunnen we dan helaas niet meer op je bericht reageren, dus stuur ons hier opnieuw een bericht zodra we terug zijn.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Je kunt ons ook bereiken via { $contact }.

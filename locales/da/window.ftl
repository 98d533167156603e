### Danish messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Det er jeg virkelig ked af. Vores kundeservice har lukket lige nu og er tilbage { $back }. Til den tid kan vi desværre ikke længere svare på din besked her i chatten, så skriv gerne til os her igen, når vi er tilbage. Så ser en medarbejder alt, hvad du har skrevet, og svarer dig med det samme.
write-again-urgent = Det beklager jeg – jeg kan godt se, at det haster. Vores kundeservice har lukket lige nu og er tilbage { $back }. Til den tid kan vi desværre ikke længere svare på din besked her i chatten, så skriv til os her igen, så snart vi er tilbage. Så svarer en medarbejder dig med det samme.
write-again = Vores kundeservice har lukket lige nu og er tilbage { $back }. Til den tid kan vi desværre ikke længere svare på din besked her i chatten, så skriv gerne til os her igen, når vi er tilbage. Så svarer en medarbejder dig med det samme.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Til den tid kan vi desværre ikke længere svare på din besked her i chatten, så skriv gerne til os her igen, når vi er tilbage.
write-again-back-note = Har du brug for hjælp fra en person? Vores team er tilbage { $back }. Til den tid kan vi desværre ikke længere svare på din besked her i chatten, så skriv gerne til os her igen, når vi er tilbage.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Du kan også kontakte os på { $contact }.

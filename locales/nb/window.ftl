### Norwegian (Bokmål) messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Så leit å høre, det beklager jeg virkelig. Kundeservice har stengt akkurat nå og er tilbake { $back }. Da kan vi dessverre ikke lenger svare på meldingen din her i chatten, så send oss gjerne en ny melding her når vi er tilbake. En rådgiver ser da alt du har skrevet, og svarer deg med en gang.
write-again-urgent = Beklager, jeg ser at dette haster. Kundeservice har stengt akkurat nå og er tilbake { $back }. Da kan vi dessverre ikke lenger svare på meldingen din her i chatten, så send oss en ny melding her så snart vi er tilbake. Da svarer en rådgiver deg med en gang.
write-again = Kundeservice har stengt akkurat nå og er tilbake { $back }. Da kan vi dessverre ikke lenger svare på meldingen din her i chatten, så send oss gjerne en ny melding her når vi er tilbake. Da svarer en rådgiver deg med en gang.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Da kan vi dessverre ikke lenger svare på meldingen din her i chatten, så send oss gjerne en ny melding her når vi er tilbake.
write-again-back-note = Trenger du hjelp fra en person? Teamet vårt er tilbake { $back }. Da kan vi dessverre ikke lenger svare på meldingen din her i chatten, så send oss gjerne en ny melding her når vi er tilbake.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Du kan også nå oss på { $contact }.

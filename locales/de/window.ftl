### German messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Das tut mir wirklich leid. Unser Kundenservice ist gerade nicht erreichbar und { $back } wieder für Sie da. Über diesen Chat können wir dann aber nicht mehr auf Ihre Nachricht antworten. Schreiben Sie uns deshalb bitte hier noch einmal, sobald wir wieder da sind: Jemand aus unserem Team sieht dann alles, was Sie geschrieben haben, und antwortet Ihnen sofort.
write-again-urgent = Das tut mir leid, ich sehe, dass es dringend ist. Unser Kundenservice ist gerade nicht erreichbar und { $back } wieder für Sie da. Über diesen Chat können wir dann aber nicht mehr auf Ihre Nachricht antworten. Schreiben Sie uns deshalb bitte hier noch einmal, sobald wir wieder da sind, dann antwortet Ihnen jemand aus unserem Team sofort.
write-again = Unser Kundenservice ist gerade nicht erreichbar und { $back } wieder für Sie da. Über diesen Chat können wir dann aber nicht mehr auf Ihre Nachricht antworten. Schreiben Sie uns deshalb bitte hier noch einmal, sobald wir wieder da sind, dann antwortet Ihnen jemand aus unserem Team sofort.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Über diesen Chat können wir dann aber nicht mehr auf Ihre Nachricht antworten. Schreiben Sie uns deshalb bitte hier noch einmal, sobald wir wieder da sind.
write-again-back-note = Falls Sie mit jemandem aus unserem Team sprechen möchten: Wir sind { $back } wieder für Sie da. Über diesen Chat können wir dann aber nicht mehr auf Ihre Nachricht antworten. Schreiben Sie uns deshalb bitte hier noch einmal, sobald wir wieder da sind.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Sie erreichen uns auch unter { $contact }.

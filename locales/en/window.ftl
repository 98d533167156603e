### English messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = I'm really sorry about this. Our care team is offline right now and will be back { $back }. By then this chat will no longer let us reply to your message, so please write to us here again once we're back: a person will see everything you've written and answer straight away.
write-again-urgent = I'm sorry, I can see this is urgent. Our care team is offline right now and will be back { $back }. By then this chat will no longer let us reply to your message, so please write to us here again as soon as we're back and a person will answer straight away.
write-again = Our care team is offline right now and will be back { $back }. By then this chat will no longer let us reply to your message, so please write to us here again once we're back and a person will answer straight away.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = By then this chat will no longer let us reply to your message, so please write to us here again once we're back.
write-again-back-note = If you need a person, our team is back { $back }. By then this chat will no longer let us reply to your message, so please write to us here again once we're back.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = You can also reach us at { $contact }.

### French messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Nous sommes vraiment désolés pour ce qui s'est passé. Notre service client est fermé pour le moment et sera de retour { $back }. D'ici là, cette messagerie ne nous permettra plus de répondre à votre message : merci de nous écrire à nouveau ici dès notre retour. Un conseiller verra tout ce que vous avez écrit et vous répondra immédiatement.
write-again-urgent = Toutes nos excuses, je vois bien que c'est urgent. Notre service client est fermé pour le moment et sera de retour { $back }. D'ici là, cette messagerie ne nous permettra plus de répondre à votre message : merci de nous écrire à nouveau ici dès notre retour, un conseiller vous répondra immédiatement.
write-again = Notre service client est fermé pour le moment et sera de retour { $back }. D'ici là, cette messagerie ne nous permettra plus de répondre à votre message : merci de nous écrire à nouveau ici dès notre retour, un conseiller vous répondra immédiatement.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = D'ici là, cette messagerie ne nous permettra plus de répondre à votre message : merci de nous écrire à nouveau ici dès notre retour.
write-again-back-note = Si vous souhaitez parler à un conseiller, notre équipe sera de retour { $back }. D'ici là, cette messagerie ne nous permettra plus de répondre à votre message : merci de nous écrire à nouveau ici dès notre retour.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Vous pouvez aussi nous contacter via { $contact }.

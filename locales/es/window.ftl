### Spanish messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Lo siento muchísimo, de verdad. Nuestro equipo de atención al cliente no está disponible ahora mismo y volverá { $back }. Para entonces este chat ya no nos permitirá responder a tu mensaje, así que escríbenos de nuevo por aquí cuando hayamos vuelto: una persona del equipo verá todo lo que has escrito y te responderá enseguida.
write-again-urgent = Lo siento, veo que es urgente. Nuestro equipo no está disponible ahora mismo y volverá { $back }. Para entonces este chat ya no nos permitirá responder a tu mensaje, así que escríbenos de nuevo por aquí en cuanto hayamos vuelto y una persona del equipo te responderá enseguida.
write-again = Nuestro equipo no está disponible ahora mismo y volverá { $back }. Para entonces este chat ya no nos permitirá responder a tu mensaje, así que escríbenos de nuevo por aquí cuando hayamos vuelto y una persona del equipo te responderá enseguida.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Para entonces este chat ya no nos permitirá responder a tu mensaje, así que escríbenos de nuevo por aquí cuando hayamos vuelto.
write-again-back-note = Si quieres hablar con una persona, nuestro equipo volverá { $back }. Para entonces este chat ya no nos permitirá responder a tu mensaje, así que escríbenos de nuevo por aquí cuando hayamos vuelto.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = También puedes contactarnos en { $contact }.

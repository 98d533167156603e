### Portuguese messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Peço imensa desculpa pelo sucedido. A nossa equipa de apoio ao cliente não está disponível neste momento e volta { $back }. Nessa altura, esta conversa já não nos vai permitir responder à sua mensagem, por isso escreva-nos novamente aqui quando estivermos de volta: uma pessoa da equipa vai ver tudo o que escreveu e responder-lhe de imediato.
write-again-urgent = Peço desculpa, vejo que é urgente. A nossa equipa não está disponível neste momento e volta { $back }. Nessa altura, esta conversa já não nos vai permitir responder à sua mensagem, por isso escreva-nos novamente aqui assim que estivermos de volta e uma pessoa da equipa responde-lhe de imediato.
write-again = A nossa equipa não está disponível neste momento e volta { $back }. Nessa altura, esta conversa já não nos vai permitir responder à sua mensagem, por isso escreva-nos novamente aqui quando estivermos de volta e uma pessoa da equipa responde-lhe de imediato.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Nessa altura, esta conversa já não nos vai permitir responder à sua mensagem, por isso escreva-nos novamente aqui quando estivermos de volta.
write-again-back-note = Se precisar de falar com uma pessoa, a nossa equipa volta { $back }. Nessa altura, esta conversa já não nos vai permitir responder à sua mensagem, por isso escreva-nos novamente aqui quando estivermos de volta.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Também nos pode contactar através de { $contact }.

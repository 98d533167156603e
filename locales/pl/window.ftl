### Polish messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Bardzo mi przykro, to nie powinno się zdarzyć. Nasz zespół jest w tej chwili niedostępny i wróci { $back }. Wtedy ten czat nie pozwoli nam już odpowiedzieć na Twoją wiadomość, dlatego napisz do nas tutaj ponownie, gdy już wrócimy. Konsultant zobaczy całą dotychczasową rozmowę i od razu odpowie.
write-again-urgent = Przepraszam, widzę, że to pilna sprawa. Nasz zespół jest w tej chwili niedostępny i wróci { $back }. Wtedy ten czat nie pozwoli nam już odpowiedzieć na Twoją wiadomość, dlatego napisz do nas tutaj ponownie, gdy tylko wrócimy. Konsultant od razu odpowie.
write-again = Nasz zespół jest w tej chwili niedostępny i wróci { $back }. Wtedy ten czat nie pozwoli nam już odpowiedzieć na Twoją wiadomość, dlatego napisz do nas tutaj ponownie, gdy już wrócimy. Konsultant od razu odpowie.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = Wtedy ten czat nie pozwoli nam już odpowiedzieć na Twoją wiadomość, dlatego napisz do nas tutaj ponownie, gdy już wrócimy.
write-again-back-note = Jeśli potrzebujesz pomocy konsultanta, nasz zespół wróci { $back }. Wtedy ten czat nie pozwoli nam już odpowiedzieć na Twoją wiadomość, dlatego napisz do nas tutaj ponownie, gdy już wrócimy.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Możesz też skontaktować się z nami: { $contact }.

### Russian messages for reply windows. A chat platform lets the care team
### answer only for a while after the customer's last message (24 hours on
### WhatsApp, and on Messenger and Instagram unless the page may answer for
### 7 days). When the team is back only after that, the bot must not promise
### a reply "here": it says when the team is back and asks the customer to
### write again then, when a person answers at once.

## Sent instead of the usual acknowledgement (ack-*) in that case.
## $back: when a person is back, from main.ftl ("back" or "back-two-zones").
## write-again-complaint apologises, write-again-urgent says it sees the urgency.

write-again-complaint = Мне очень жаль, что так вышло. Сейчас у нашей службы поддержки нерабочее время — мы вернёмся { $back }. К тому времени этот чат уже не позволит нам ответить на Ваше сообщение, поэтому, пожалуйста, напишите нам здесь ещё раз, когда мы вернёмся: сотрудник увидит всю переписку и сразу ответит.
write-again-urgent = Извините, я вижу, что дело срочное. Сейчас у нашей службы поддержки нерабочее время — мы вернёмся { $back }. К тому времени этот чат уже не позволит нам ответить на Ваше сообщение, поэтому, пожалуйста, напишите нам здесь ещё раз, как только мы вернёмся, и сотрудник сразу ответит.
write-again = Сейчас у нашей службы поддержки нерабочее время — мы вернёмся { $back }. К тому времени этот чат уже не позволит нам ответить на Ваше сообщение, поэтому, пожалуйста, напишите нам здесь ещё раз, когда мы вернёмся, и сотрудник сразу ответит.

## FAQ answers, in the same case. write-again-note follows an answer that
## itself says when a person takes over ("a person will arrange a
## replacement on Monday"); write-again-back-note replaces faq-back-note.

write-again-note = К тому времени этот чат уже не позволит нам ответить на Ваше сообщение, поэтому, пожалуйста, напишите нам здесь ещё раз, когда мы вернёмся.
write-again-back-note = Если Вам нужна помощь сотрудника, мы вернёмся { $back }. К тому времени этот чат уже не позволит нам ответить на Ваше сообщение, поэтому, пожалуйста, напишите нам здесь ещё раз, когда мы вернёмся.

## Added after write-again* (and after an FAQ answer that asks to write again)
## when the page offers another way to reach the team.
## $contact: an e-mail address or a phone number ("help@northwind.example").

write-again-contact = Также Вы можете связаться с нами: { $contact }.

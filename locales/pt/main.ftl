### European Portuguese messages of the Northwind care bot: labels,
### acknowledgements and the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### Address: polite third person ("a sua encomenda", "pode", "diga-me"),
### without the pronoun "você", as is usual for brands in Portugal.
### { $back } always stands at the end of a clause, so that both a time
### ("amanhã às 08:30 (daqui a cerca de 7 horas)") and back-unknown read
### naturally.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Resposta automática da Northwind. Para falar com alguém da nossa equipa, escreva «pessoa» a qualquer momento.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Olá!
hello-name = Olá, { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "amanhã às 08:30 (daqui a cerca de 7 horas)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Peço imensa desculpa pelo sucedido. A nossa equipa de apoio ao cliente não está disponível neste momento, por isso reencaminhei a sua mensagem com tudo o que escreveu: uma pessoa da equipa vai tratar do assunto { $back }. Não vai precisar de explicar tudo outra vez.
ack-urgent = Peço desculpa, vejo que é urgente. A nossa equipa não está disponível neste momento; marquei a sua mensagem como urgente e uma pessoa da equipa vai tratar dela em primeiro lugar, { $back }.
ack-question = A nossa equipa não está disponível neste momento, por isso reencaminhei a sua pergunta. Uma pessoa vai responder-lhe aqui { $back }.
ack-greeting = A nossa equipa não está disponível neste momento. Diga-me do que se trata e uma pessoa vai responder-lhe aqui { $back }.
ack-other = A nossa equipa não está disponível neste momento. Uma pessoa vai ler a sua mensagem e responder-lhe aqui { $back }.
thanks-praise = Muito obrigado pelas suas palavras, é ótimo saber isso! Vou partilhá-las com a equipa.
faq-back-note = Se precisar de falar com uma pessoa, escreva-nos aqui: respondemos-lhe { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).
## Weekday and month names are written in lower case in European Portuguese.
## when-weekday and when-date use no article before the weekday ("segunda-feira
## às 08:30"): the article would be "na" for segunda-feira to sexta-feira but
## "no" for sábado and domingo, and $weekday is an already formatted string.

weekday =
    { $day ->
        [1] segunda-feira
        [2] terça-feira
        [3] quarta-feira
        [4] quinta-feira
        [5] sexta-feira
        [6] sábado
       *[7] domingo
    }
month =
    { $month ->
        [1] janeiro
        [2] fevereiro
        [3] março
        [4] abril
        [5] maio
        [6] junho
        [7] julho
        [8] agosto
        [9] setembro
        [10] outubro
        [11] novembro
       *[12] dezembro
    }
date = { $day } de { $month }

## $time, $weekday and $date come from the messages above.
when-today = hoje às { $time }
when-tomorrow = amanhã às { $time }
when-weekday = { $weekday } às { $time }
when-date = { $weekday }, { $date }, às { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] daqui a cerca de um minuto
       *[other] daqui a cerca de { $minutes } minutos
    }
in-hours =
    { $hours ->
        [one] daqui a cerca de uma hora
       *[other] daqui a cerca de { $hours } horas
    }
in-days =
    { $days ->
        [one] daqui a um dia
       *[other] daqui a { $days } dias
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "segunda-feira 09:30" when the day differs) and
## $team_city the team's city ("Madrid"). Customers in Lisbon are one hour
## behind the Southern Europe team in Madrid, so this form is common in pt.
back-two-zones = { $when } no seu fuso horário ({ $team_time } em { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = assim que estivermos de volta

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Varsóvia
        [Europe-Amsterdam] Amesterdão
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = De nada!
## Opening hours, for faq-opening-hours ($schedule, $exceptions). The bot writes
## weekday names, dates and times as your language writes them (from CLDR,
## the Unicode locale data: "Monday", "Friday 25 December", "08:30"); these
## frames only join them.
## hours-days: a run of days; $first and $last are weekday names.
## hours-day: $weekdays (one weekday, or hours-days) and $times ("08:30–20:00").
## hours-two-zones: the week on the customer's clock ($schedule) and on the
## team's ($team_schedule), with $team_city from `city`.
## hours-closed-day, hours-short-day: a coming day that differs from the week;
## $date is weekday and date ("Friday 25 December"), $times as above.
## hours-exceptions: $dates are those days, each two apart by hours-separator
## (a semicolon: a date may hold a comma). Quote it to keep its spaces.
hours-days = de { $first } a { $last }
hours-day = { $weekdays } { $times }
hours-two-zones = { $schedule } no seu fuso horário ({ $team_schedule }, hora de { $team_city })
hours-closed-day = { $date }: encerrado
hours-short-day = { $date }: apenas { $times }
hours-exceptions = Atenção aos próximos dias: { $dates }.
hours-separator = { "; " }

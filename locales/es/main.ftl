### Spanish messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### Address: informal "tú", as Spanish web shops write in chats.
### { $back } always stands at the end of a clause, so that both a time
### ("mañana a las 08:30 (en unas 7 horas)") and back-unknown read naturally.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Respuesta automática de Northwind. Escribe «agente» en cualquier momento para hablar con una persona de nuestro equipo.

## Greeting line. hello-name receives $name, the customer's first name.

hello = ¡Hola!
hello-name = ¡Hola, { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "mañana a las 08:30 (en unas 7 horas)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Lo siento muchísimo, de verdad. Nuestro equipo de atención al cliente no está disponible ahora mismo, así que he trasladado tu mensaje con todo lo que has escrito: una persona del equipo lo revisará { $back }. No tendrás que volver a explicarlo.
ack-urgent = Lo siento, veo que es urgente. Nuestro equipo no está disponible ahora mismo; he marcado tu mensaje como urgente y será lo primero que atienda una persona del equipo, { $back }.
ack-question = Nuestro equipo no está disponible ahora mismo, así que he trasladado tu pregunta. Una persona te responderá aquí { $back }.
ack-greeting = Nuestro equipo no está disponible ahora mismo. Cuéntame de qué se trata y una persona te responderá aquí { $back }.
ack-other = Nuestro equipo no está disponible ahora mismo. Una persona leerá tu mensaje y te responderá aquí { $back }.
thanks-praise = ¡Muchísimas gracias, qué ilusión leer esto! Se lo paso ahora mismo al equipo.
faq-back-note = Si quieres hablar con una persona, escríbenos aquí y te responderemos { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).
## Weekday and month names are written in lower case in Spanish.

weekday =
    { $day ->
        [1] lunes
        [2] martes
        [3] miércoles
        [4] jueves
        [5] viernes
        [6] sábado
       *[7] domingo
    }
month =
    { $month ->
        [1] enero
        [2] febrero
        [3] marzo
        [4] abril
        [5] mayo
        [6] junio
        [7] julio
        [8] agosto
        [9] septiembre
        [10] octubre
        [11] noviembre
       *[12] diciembre
    }
date = { $day } de { $month }

## $time, $weekday and $date come from the messages above.
when-today = hoy a las { $time }
when-tomorrow = mañana a las { $time }
when-weekday = el { $weekday } a las { $time }
when-date = el { $weekday } { $date } a las { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] en aproximadamente un minuto
       *[other] en unos { $minutes } minutos
    }
in-hours =
    { $hours ->
        [one] en aproximadamente una hora
       *[other] en unas { $hours } horas
    }
in-days =
    { $days ->
        [one] en un día
       *[other] en { $days } días
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "lunes 09:30" when the day differs) and $team_city
## the team's city ("Warsaw").
back-two-zones = { $when } en tu zona horaria ({ $team_time } en { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = en cuanto volvamos

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Varsovia
        [Europe-Amsterdam] Ámsterdam
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = ¡De nada!
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
hours-two-zones = { $schedule } en tu zona horaria ({ $team_schedule } en { $team_city })
hours-closed-day = { $date }: cerrado
hours-short-day = { $date }: solo { $times }
hours-exceptions = Ten en cuenta estos próximos días: { $dates }.
hours-separator = { "; " }

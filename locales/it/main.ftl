### Italian messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### Address: informal "tu", as Italian web shops write in chats.
### { $back } always stands at the end of a clause, so that both a time
### ("domani alle 08:30 (tra circa 7 ore)") and back-unknown read naturally.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Risposta automatica di Northwind. Scrivi “operatore” in qualsiasi momento per parlare con una persona del nostro team.

## Greeting line. hello-name receives $name, the customer's first name.

hello =
    { $tone ->
        [upset] Salve!
       *[other] Ciao!
    }
hello-name =
    { $tone ->
        [upset] Salve { $name }!
       *[other] Ciao { $name }!
    }

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "domani alle 08:30 (tra circa 7 ore)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Mi dispiace davvero tanto. Il nostro servizio clienti non è disponibile in questo momento, quindi ho inoltrato il tuo messaggio con tutto quello che hai scritto: una persona del team se ne occuperà { $back }. Non dovrai rispiegare nulla.
ack-urgent = Mi dispiace, vedo che è urgente. Il nostro servizio clienti non è disponibile in questo momento; ho segnalato il tuo messaggio come urgente e una persona del team se ne occuperà per prima cosa, { $back }.
ack-question = Il nostro servizio clienti non è disponibile in questo momento, quindi ho inoltrato la tua domanda. Una persona ti risponderà qui { $back }.
ack-greeting = Il nostro servizio clienti non è disponibile in questo momento. Dimmi di cosa si tratta e una persona ti risponderà qui { $back }.
ack-other = Il nostro servizio clienti non è disponibile in questo momento. Una persona leggerà il tuo messaggio e ti risponderà qui { $back }.
thanks-praise = Grazie di cuore, che bello leggerlo! Lo giro subito a tutto il team.
faq-back-note = Se vuoi parlare con una persona, scrivici qui: ti risponderemo { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).
## Weekday and month names are written in lower case in Italian.

weekday =
    { $day ->
        [1] lunedì
        [2] martedì
        [3] mercoledì
        [4] giovedì
        [5] venerdì
        [6] sabato
       *[7] domenica
    }
month =
    { $month ->
        [1] gennaio
        [2] febbraio
        [3] marzo
        [4] aprile
        [5] maggio
        [6] giugno
        [7] luglio
        [8] agosto
        [9] settembre
        [10] ottobre
        [11] novembre
       *[12] dicembre
    }
date = { $day } { $month }

## $time, $weekday and $date come from the messages above.
when-today = oggi alle { $time }
when-tomorrow = domani alle { $time }
when-weekday = { $weekday } alle { $time }
when-date = { $weekday } { $date } alle { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] tra circa un minuto
       *[other] tra circa { $minutes } minuti
    }
in-hours =
    { $hours ->
        [one] tra circa un'ora
       *[other] tra circa { $hours } ore
    }
in-days =
    { $days ->
        [one] tra un giorno
       *[other] tra { $days } giorni
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "lunedì 09:30" when the day differs) and $team_city
## the team's city ("Warsaw").
back-two-zones = { $when } nel tuo fuso orario ({ $team_time } a { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = appena saremo di nuovo operativi

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Varsavia
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Prego!
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
hours-days = da { $first } a { $last }
hours-day = { $weekdays } { $times }
hours-two-zones = { $schedule } nel tuo fuso orario ({ $team_schedule } ora di { $team_city })
hours-closed-day = { $date }: chiuso
hours-short-day = { $date }: solo { $times }
hours-exceptions = Nei prossimi giorni, tieni presente: { $dates }.
hours-separator = { "; " }

### Dutch messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### Address: informal "je"/"jij", as Dutch web shops write in chats.
### { $back } always stands at the end of a clause, so that both a time
### ("morgen om 08:30 (over ongeveer 7 uur)") and back-unknown read naturally.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automatisch bericht van Northwind. Typ op elk moment “medewerker” om iemand van ons team te spreken.

## Greeting line. hello-name receives $name, the customer's first name.

hello =
    { $tone ->
        [upset] Hallo!
       *[other] Hoi!
    }
hello-name =
    { $tone ->
        [upset] Hallo { $name }!
       *[other] Hoi { $name }!
    }

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "morgen om 08:30 (over ongeveer 7 uur)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Wat vervelend, dat spijt me echt. Onze klantenservice is nu offline, dus ik heb je bericht met alles wat je schreef doorgestuurd: een collega bekijkt het { $back }. Je hoeft niets opnieuw uit te leggen.
ack-urgent = Het spijt me, ik zie dat het dringend is. Onze klantenservice is nu offline; ik heb je bericht als dringend gemarkeerd en een collega pakt het als eerste op, { $back }.
ack-question = Onze klantenservice is nu offline, dus ik heb je vraag doorgestuurd. Een collega reageert hier { $back }.
ack-greeting = Onze klantenservice is nu offline. Vertel me waar het over gaat, dan reageert een collega hier { $back }.
ack-other = Onze klantenservice is nu offline. Een collega leest je bericht en reageert hier { $back }.
thanks-praise = Dank je wel, wat ontzettend fijn om te horen! Ik geef het meteen door aan het team.
faq-back-note = Wil je toch iemand van ons team spreken? Laat het me hier weten, dan reageert een collega { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).
## Weekday and month names are written in lower case in Dutch.

weekday =
    { $day ->
        [1] maandag
        [2] dinsdag
        [3] woensdag
        [4] donderdag
        [5] vrijdag
        [6] zaterdag
       *[7] zondag
    }
month =
    { $month ->
        [1] januari
        [2] februari
        [3] maart
        [4] april
        [5] mei
        [6] juni
        [7] juli
        [8] augustus
        [9] september
        [10] oktober
        [11] november
       *[12] december
    }
date = { $day } { $month }

## $time, $weekday and $date come from the messages above.
when-today = vandaag om { $time }
when-tomorrow = morgen om { $time }
when-weekday = { $weekday } om { $time }
when-date = { $weekday } { $date } om { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] over ongeveer een minuut
       *[other] over ongeveer { $minutes } minuten
    }
in-hours =
    { $hours ->
        [one] over ongeveer een uur
       *[other] over ongeveer { $hours } uur
    }
in-days =
    { $days ->
        [one] over een dag
       *[other] over { $days } dagen
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "maandag 09:30" when the day differs) and $team_city
## the team's city ("Warsaw").
back-two-zones = { $when } bij jou ({ $team_time } in { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = zodra we er weer zijn

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Warschau
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Graag gedaan!
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
hours-days = { $first } t/m { $last }
hours-day = { $weekdays } { $times }
hours-two-zones = { $schedule } jouw tijd (in { $team_city }: { $team_schedule })
hours-closed-day = { $date }: gesloten
hours-short-day = { $date }: alleen { $times }
hours-exceptions = Let op, de komende dagen: { $dates }.
hours-separator = { "; " }

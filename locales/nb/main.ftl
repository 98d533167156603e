### Norwegian (Bokmål) messages of the Northwind care bot: labels,
### acknowledgements and the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon. We say "du".

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automatisk svar fra Northwind. Skriv «rådgiver» når som helst for å snakke med en person.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Hei!
hello-name = Hei, { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "i morgen kl. 08.30 (om omtrent 7 timer)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Så leit å høre, det beklager jeg virkelig. Kundeservice har stengt akkurat nå, så jeg har sendt meldingen din videre med alt du skrev. En rådgiver tar saken { $back }, og du trenger ikke forklare noe på nytt.
ack-urgent = Beklager, jeg ser at dette haster. Kundeservice har stengt akkurat nå, men jeg har merket meldingen din som hastesak, så en rådgiver tar den aller først, { $back }.
ack-question = Kundeservice har stengt akkurat nå, så jeg har sendt spørsmålet ditt videre. En rådgiver svarer deg her { $back }.
ack-greeting = Kundeservice har stengt akkurat nå. Fortell meg hva det gjelder, så svarer en rådgiver deg her { $back }.
ack-other = Kundeservice har stengt akkurat nå. En rådgiver leser meldingen din og svarer deg her { $back }.
thanks-praise = Tusen takk, så hyggelig å høre! Jeg skal gi beskjed til teamet.
faq-back-note = Trenger du hjelp fra en person? Da når du teamet vårt { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

# Translator note: plain lower-case weekday names ("mandag"), also used alone
# in $team_time ("mandag 09:30"). The bot writes times as CLDR writes
# Norwegian ("kl. 08:30"); the words around them are yours.
weekday =
    { $day ->
        [1] mandag
        [2] tirsdag
        [3] onsdag
        [4] torsdag
        [5] fredag
        [6] lørdag
       *[7] søndag
    }
month =
    { $month ->
        [1] januar
        [2] februar
        [3] mars
        [4] april
        [5] mai
        [6] juni
        [7] juli
        [8] august
        [9] september
        [10] oktober
        [11] november
       *[12] desember
    }
date = { $day }. { $month }

## $time, $weekday and $date come from the messages above.
when-today = i dag kl. { $time }
when-tomorrow = i morgen kl. { $time }
when-weekday = på { $weekday } kl. { $time }
when-date = { $weekday } { $date } kl. { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] om et minutts tid
       *[other] om omtrent { $minutes } minutter
    }
in-hours =
    { $hours ->
        [one] om en times tid
       *[other] om omtrent { $hours } timer
    }
in-days =
    { $days ->
        [one] om én dag
       *[other] om { $days } dager
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "mandag 09:30" when the day differs) and $team_city
## the team's city ("Oslo").
back-two-zones = { $when } din tid ({ $team_time } i { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = så snart vi er tilbake

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Warszawa
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Bare hyggelig!
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
hours-days = { $first }–{ $last }
hours-day = { $weekdays } { $times }
hours-two-zones = { $schedule } din tid ({ $team_city }: { $team_schedule })
hours-closed-day = { $date }: stengt
hours-short-day = { $date }: bare { $times }
hours-exceptions = Merk deg de nærmeste dagene: { $dates }.
hours-separator = { "; " }

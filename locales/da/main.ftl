### Danish messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon. We say "du".

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automatisk svar fra Northwind. Skriv »medarbejder« når som helst for at tale med en person.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Hej!
hello-name = Hej { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "i morgen kl. 08.30 (om cirka 7 timer)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Det er jeg virkelig ked af. Vores kundeservice har lukket lige nu, så jeg har sendt din besked videre med alt, hvad du har skrevet. En medarbejder tager sig af den { $back }, og du behøver ikke at forklare det hele igen.
ack-urgent = Det beklager jeg – jeg kan godt se, at det haster. Vores kundeservice har lukket lige nu, men jeg har markeret din besked som hastende, så en medarbejder tager den som det allerførste, { $back }.
ack-question = Vores kundeservice har lukket lige nu, så jeg har sendt dit spørgsmål videre. En medarbejder svarer dig her { $back }.
ack-greeting = Vores kundeservice har lukket lige nu. Fortæl mig, hvad det drejer sig om, så svarer en medarbejder dig her { $back }.
ack-other = Vores kundeservice har lukket lige nu. En medarbejder læser din besked og svarer dig her { $back }.
thanks-praise = Tusind tak, hvor er det dejligt at høre! Jeg giver det videre til teamet.
faq-back-note = Har du brug for hjælp fra en person? Så kan du få fat i vores team { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

# Translator note: plain lower-case weekday names ("mandag"), also used alone
# in $team_time ("mandag 09.30"). Danish times use a period: "kl. 08.30"
# (the bot writes them as CLDR writes Danish).
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
        [3] marts
        [4] april
        [5] maj
        [6] juni
        [7] juli
        [8] august
        [9] september
        [10] oktober
        [11] november
       *[12] december
    }
date = { $day }. { $month }

## $time, $weekday and $date come from the messages above.
when-today = i dag kl. { $time }
when-tomorrow = i morgen kl. { $time }
when-weekday = på { $weekday } kl. { $time }
when-date = { $weekday } den { $date } kl. { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] om et minuts tid
       *[other] om cirka { $minutes } minutter
    }
in-hours =
    { $hours ->
        [one] om en times tid
       *[other] om cirka { $hours } timer
    }
in-days =
    { $days ->
        [one] om en dag
       *[other] om { $days } dage
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09.30", or "mandag 09.30" when the day differs) and $team_city
## the team's city ("Oslo").
back-two-zones = { $when } din tid ({ $team_time } i { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = så snart vi er tilbage

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Warszawa
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Selv tak!
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
hours-day = { $weekdays } kl. { $times }
hours-two-zones = { $schedule } din tid ({ $team_city }: { $team_schedule })
hours-closed-day = { $date }: lukket
hours-short-day = { $date }: kun kl. { $times }
hours-exceptions = Bemærk de kommende dage: { $dates }.
hours-separator = { "; " }

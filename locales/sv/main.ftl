### Swedish messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon. We say "du".

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automatiskt svar från Northwind. Skriv ”person” när som helst för att prata med en medarbetare.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Hej!
hello-name = Hej { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "i morgon kl. 08.30 (om ungefär 7 timmar)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Vad tråkigt, det beklagar jag verkligen. Vår kundtjänst har stängt just nu, så jag har skickat vidare ditt meddelande med allt du har skrivit. En medarbetare tar hand om det { $back }, och du behöver inte förklara något igen.
ack-urgent = Jag beklagar – jag förstår att det här är brådskande. Vår kundtjänst har stängt just nu, men jag har markerat ditt meddelande som akut så att en medarbetare tar det allra först, { $back }.
ack-question = Vår kundtjänst har stängt just nu, så jag har skickat vidare din fråga. En medarbetare svarar dig här { $back }.
ack-greeting = Vår kundtjänst har stängt just nu. Berätta vad det gäller, så svarar en medarbetare dig här { $back }.
ack-other = Vår kundtjänst har stängt just nu. En medarbetare läser ditt meddelande och svarar dig här { $back }.
thanks-praise = Tusen tack, vad glad jag blir av att höra det! Jag ser till att teamet får veta.
faq-back-note = Behöver du hjälp av en person? Då når du vårt team { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

# Translator note: plain lower-case weekday names ("måndag"), also used alone
# in $team_time ("måndag 09:30"). when-date adds the definite ending "-en"
# ("måndagen den 30 november"), which works because every name ends in "-dag".
# The bot writes times as CLDR writes Swedish ("kl. 08:30").
weekday =
    { $day ->
        [1] måndag
        [2] tisdag
        [3] onsdag
        [4] torsdag
        [5] fredag
        [6] lördag
       *[7] söndag
    }
month =
    { $month ->
        [1] januari
        [2] februari
        [3] mars
        [4] april
        [5] maj
        [6] juni
        [7] juli
        [8] augusti
        [9] september
        [10] oktober
        [11] november
       *[12] december
    }
date = { $day } { $month }

## $time, $weekday and $date come from the messages above.
when-today = i dag kl. { $time }
when-tomorrow = i morgon kl. { $time }
when-weekday = på { $weekday } kl. { $time }
when-date = { $weekday }en den { $date } kl. { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] om ungefär en minut
       *[other] om ungefär { $minutes } minuter
    }
in-hours =
    { $hours ->
        [one] om ungefär en timme
       *[other] om ungefär { $hours } timmar
    }
in-days =
    { $days ->
        [one] om en dag
       *[other] om { $days } dagar
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "måndag 09:30" when the day differs) and $team_city
## the team's city ("Oslo").
back-two-zones = { $when } din tid ({ $team_time } i { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = så snart vi är tillbaka

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Warszawa
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Ingen orsak!
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
hours-two-zones = { $schedule } din tid (i { $team_city }: { $team_schedule })
hours-closed-day = { $date }: stängt
hours-short-day = { $date }: bara { $times }
hours-exceptions = Observera de närmaste dagarna: { $dates }.
hours-separator = { "; " }

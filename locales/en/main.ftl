### English messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automated reply from Northwind. Type “agent” at any time to reach a person.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Hi!
hello-name = Hi { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "tomorrow at 08:30 (in about 7 hours)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = I'm really sorry about this. Our care team is offline right now, so I've passed your message on with everything you wrote: a person will pick it up { $back }. You won't need to explain it again.
ack-urgent = I'm sorry, I can see this is urgent. Our care team is offline right now; I've marked your message urgent and a person will pick it up first thing, { $back }.
ack-question = Our care team is offline right now, so I've passed your question on. A person will answer it here { $back }.
ack-greeting = Our care team is offline right now. Tell me what it's about and a person will reply here { $back }.
ack-other = Our care team is offline right now. A person will read your message and reply here { $back }.
thanks-praise = Thank you so much, that's lovely to hear! I'll pass it on to the team.
faq-back-note = If you need a person, our team is back { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

weekday =
    { $day ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }
month =
    { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
date = { $day } { $month }

## $time, $weekday and $date come from the messages above.
when-today = today at { $time }
when-tomorrow = tomorrow at { $time }
when-weekday = on { $weekday } at { $time }
when-date = on { $weekday } { $date } at { $time }

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] in about a minute
       *[other] in about { $minutes } minutes
    }
in-hours =
    { $hours ->
        [one] in about an hour
       *[other] in about { $hours } hours
    }
in-days =
    { $days ->
        [one] in a day
       *[other] in { $days } days
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "Monday 09:30" when the day differs) and $team_city
## the team's city ("Warsaw").
back-two-zones = { $when } your time ({ $team_time } in { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = as soon as our team is back

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
## Add a variant where your language names the city differently.
city = { $name }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = You're welcome!
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
hours-days = { $first } to { $last }
hours-day = { $weekdays } { $times }
hours-two-zones = { $schedule } your time ({ $team_schedule } { $team_city } time)
hours-closed-day = { $date }: closed
hours-short-day = { $date }: only { $times }
hours-exceptions = Heads-up for the coming days: { $dates }.
hours-separator = { "; " }

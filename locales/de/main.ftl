### German messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### Address: formal "Sie" (Sie, Ihnen, Ihr, capitalised), the brand's choice for
### German (`address` in flows/languages.toml; `locales check` flags any "du").
### { $back } may stand inside a sentence ("meldet sich { $back } bei Ihnen"),
### so back-unknown must be an adverbial phrase, not a clause that needs commas.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automatische Antwort von Northwind. Schreiben Sie jederzeit „Mitarbeiter“, um mit einem Menschen aus unserem Team zu sprechen.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Hallo!
hello-name = Hallo { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "morgen um 08:30 Uhr (in ungefähr 7 Stunden)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Das tut mir wirklich leid. Unser Kundenservice ist gerade nicht erreichbar, deshalb habe ich Ihre Nachricht mit allem, was Sie geschrieben haben, weitergeleitet: Jemand aus unserem Team kümmert sich { $back } darum. Sie müssen nichts noch einmal erklären.
ack-urgent = Das tut mir leid, ich sehe, dass es dringend ist. Unser Kundenservice ist gerade nicht erreichbar; ich habe Ihre Nachricht als dringend markiert und ganz oben auf die Liste gesetzt: Jemand aus unserem Team kümmert sich { $back } darum.
ack-question = Unser Kundenservice ist gerade nicht erreichbar, deshalb habe ich Ihre Frage weitergeleitet. Jemand aus unserem Team antwortet Ihnen { $back } hier im Chat.
ack-greeting = Unser Kundenservice ist gerade nicht erreichbar. Schreiben Sie mir einfach, worum es geht, dann antwortet Ihnen jemand aus unserem Team { $back } hier im Chat.
ack-other = Unser Kundenservice ist gerade nicht erreichbar. Jemand aus unserem Team liest Ihre Nachricht und antwortet Ihnen { $back } hier im Chat.
thanks-praise = Herzlichen Dank, das freut uns sehr! Ich gebe es gleich ans Team weiter.
faq-back-note = Falls Sie doch mit jemandem aus unserem Team sprechen möchten: Schreiben Sie uns einfach hier, wir melden uns { $back } bei Ihnen.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

weekday =
    { $day ->
        [1] Montag
        [2] Dienstag
        [3] Mittwoch
        [4] Donnerstag
        [5] Freitag
        [6] Samstag
       *[7] Sonntag
    }
month =
    { $month ->
        [1] Januar
        [2] Februar
        [3] März
        [4] April
        [5] Mai
        [6] Juni
        [7] Juli
        [8] August
        [9] September
        [10] Oktober
        [11] November
       *[12] Dezember
    }
date = { $day }. { $month }

## $time, $weekday and $date come from the messages above.
## "Uhr" is added here: $time is the bare time ("08:30", from CLDR).
when-today = heute um { $time } Uhr
when-tomorrow = morgen um { $time } Uhr
when-weekday = am { $weekday } um { $time } Uhr
when-date = am { $weekday }, { $date }, um { $time } Uhr

## The relative part. $minutes, $hours and $days are numbers.
in-minutes =
    { $minutes ->
        [one] in ungefähr einer Minute
       *[other] in ungefähr { $minutes } Minuten
    }
in-hours =
    { $hours ->
        [one] in ungefähr einer Stunde
       *[other] in ungefähr { $hours } Stunden
    }
in-days =
    { $days ->
        [one] in einem Tag
       *[other] in { $days } Tagen
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "Montag 09:30" when the day differs) and $team_city
## the team's city ("Warsaw").
back-two-zones = { $when } Ihrer Ortszeit ({ $team_time } in { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
## An adverbial phrase (see the file comment), so it fits inside any sentence.
back-unknown = so schnell wie möglich

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Warschau
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Gern geschehen!
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
hours-days = { $first } bis { $last }
hours-day = { $weekdays } { $times } Uhr
hours-two-zones = { $schedule } Ihrer Ortszeit (in { $team_city }: { $team_schedule })
hours-closed-day = { $date }: geschlossen
hours-short-day = { $date }: nur { $times } Uhr
hours-exceptions = Bitte beachten Sie in den nächsten Tagen: { $dates }.
hours-separator = { "; " }

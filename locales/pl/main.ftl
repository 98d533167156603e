### Polish messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### We use the informal "Ty" form, capitalised (Ty, Ci, Twój), and avoid
### gendered past-tense forms for the customer and for the bot ("przekazuję",
### not "przekazałem/przekazałam"), as we know neither gender.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Automatyczna odpowiedź od Northwind. Aby porozmawiać z konsultantem, w każdej chwili napisz „konsultant”.

## Greeting line. hello-name receives $name, the customer's first name.
## No vocative: the name stays in the form the customer gave.
## $tone is `upset` when the reply apologises: an angry customer is not greeted
## with a casual "Cześć".

hello =
    { $tone ->
        [upset] Dzień dobry!
       *[other] Cześć!
    }
hello-name =
    { $tone ->
        [upset] Dzień dobry, { $name }!
       *[other] Cześć, { $name }!
    }

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "jutro o 08:30 (za około 7 godzin)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Bardzo mi przykro, to nie powinno się zdarzyć. Nasz zespół jest w tej chwili niedostępny, dlatego przekazuję dalej Twoją wiadomość w całości. Konsultant zajmie się nią { $back }. Nie trzeba będzie niczego wyjaśniać od nowa.
ack-urgent = Przepraszam, widzę, że to pilna sprawa. Nasz zespół jest w tej chwili niedostępny, ale oznaczam Twoją wiadomość jako pilną, więc konsultant zajmie się nią w pierwszej kolejności, { $back }.
ack-question = Nasz zespół jest w tej chwili niedostępny, więc przekazuję dalej Twoje pytanie. Konsultant odpowie Ci tutaj { $back }.
ack-greeting = Nasz zespół jest w tej chwili niedostępny. Napisz, czego dotyczy sprawa, a konsultant odpowie Ci tutaj { $back }.
ack-other = Nasz zespół jest w tej chwili niedostępny. Konsultant przeczyta Twoją wiadomość i odpowie Ci tutaj { $back }.
thanks-praise = Bardzo dziękuję, aż miło się to czyta! Przekażę to całemu zespołowi.
faq-back-note = Jeśli potrzebujesz pomocy konsultanta, nasz zespół odpowie Ci tutaj { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

# Translator note: `weekday` gives the day WITH its preposition, in the
# accusative ("w poniedziałek", "we wtorek", "w środę", …), because Polish
# needs that form after "w/we" and the preposition itself changes ("we
# wtorek"); a message cannot inflect the nominative. when-weekday and when-date
# therefore add no preposition of their own. $team_time then reads
# "w poniedziałek 09:30", which back-two-zones places after "Warszawa:".
# `month` is in the genitive, as used in a date ("30 listopada").
weekday =
    { $day ->
        [1] w poniedziałek
        [2] we wtorek
        [3] w środę
        [4] w czwartek
        [5] w piątek
        [6] w sobotę
       *[7] w niedzielę
    }
month =
    { $month ->
        [1] stycznia
        [2] lutego
        [3] marca
        [4] kwietnia
        [5] maja
        [6] czerwca
        [7] lipca
        [8] sierpnia
        [9] września
        [10] października
        [11] listopada
       *[12] grudnia
    }
date = { $day } { $month }

## $time, $weekday and $date come from the messages above.
when-today = dziś o { $time }
when-tomorrow = jutro o { $time }
when-weekday = { $weekday } o { $time }
when-date = { $weekday }, { $date }, o { $time }

## The relative part. $minutes, $hours and $days are numbers.
## CLDR plural categories: one (1), few (2–4, 22–24, …), many (0, 5–21, 25–31, …),
## other (fractions).
in-minutes =
    { $minutes ->
        [one] za około { $minutes } minutę
        [few] za około { $minutes } minuty
       *[many] za około { $minutes } minut
        [other] za około { $minutes } minuty
    }
in-hours =
    { $hours ->
        [one] za około { $hours } godzinę
        [few] za około { $hours } godziny
       *[many] za około { $hours } godzin
        [other] za około { $hours } godziny
    }
in-days =
    { $days ->
        [one] za { $days } dzień
        [few] za { $days } dni
       *[many] za { $days } dni
        [other] za { $days } dnia
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "w poniedziałek 09:30" when the day differs) and
## $team_city the team's city ("Warszawa"). The city goes before a colon so it
## needs no case ending.
back-two-zones = { $when } Twojego czasu ({ $team_city }: { $team_time }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = od razu, gdy tylko wrócimy

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Warszawa
        [Europe-Madrid] Madryt
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Nie ma za co!
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
hours-two-zones = { $schedule } według Twojego czasu ({ $team_city }: { $team_schedule })
hours-closed-day = { $date }: nieczynne
hours-short-day = { $date }: tylko { $times }
hours-exceptions = W najbliższych dniach: { $dates }.
hours-separator = { "; " }

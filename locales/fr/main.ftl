### French messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### Address: "vous". The spaces before ! ? : ; and inside « » are no-break
### spaces (U+00A0), so that the sign never wraps onto a line of its own.
### { $back } always stands at the end of a clause, so that both a time
### ("demain à 08:30 (dans environ 7 heures)") and back-unknown read naturally.

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Réponse automatique de Northwind. Écrivez « conseiller » à tout moment pour parler à une personne de notre équipe.

## Greeting line. hello-name receives $name, the customer's first name.

hello = Bonjour !
hello-name = Bonjour { $name } !

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "demain à 08:30 (dans environ 7 heures)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Nous sommes vraiment désolés pour ce qui s'est passé. Notre service client est fermé pour le moment, alors j'ai transmis votre message avec tout ce que vous avez écrit : un conseiller le prendra en charge { $back }. Vous n'aurez pas besoin de tout réexpliquer.
ack-urgent = Toutes nos excuses, je vois bien que c'est urgent. Notre service client est fermé pour le moment ; j'ai signalé votre message comme urgent et un conseiller le traitera en tout premier, { $back }.
ack-question = Notre service client est fermé pour le moment, j'ai donc transmis votre question. Un conseiller vous répondra ici { $back }.
ack-greeting = Notre service client est fermé pour le moment. Dites-moi de quoi il s'agit, et un conseiller vous répondra ici { $back }.
ack-other = Notre service client est fermé pour le moment. Un conseiller lira votre message et vous répondra ici { $back }.
thanks-praise = Merci beaucoup, ça nous fait vraiment plaisir ! Je transmets votre message à toute l'équipe.
faq-back-note = Si vous souhaitez parler à un conseiller, écrivez-nous ici : nous vous répondrons { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`; the first of the month is written "1er". $time in the
## when-messages is the time of day, written by the bot as CLDR writes French ("08:30").
## Weekday and month names are written in lower case in French.

weekday =
    { $day ->
        [1] lundi
        [2] mardi
        [3] mercredi
        [4] jeudi
        [5] vendredi
        [6] samedi
       *[7] dimanche
    }
month =
    { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
date =
    { $day ->
        [1] 1er
       *[other] { $day }
    } { $month }

## $time, $weekday and $date come from the messages above.
when-today = aujourd'hui à { $time }
when-tomorrow = demain à { $time }
when-weekday = { $weekday } à { $time }
when-date = { $weekday } { $date } à { $time }

## The relative part. $minutes, $hours and $days are numbers.
## In French the category "one" covers 0 and 1.
in-minutes =
    { $minutes ->
        [one] dans environ une minute
       *[other] dans environ { $minutes } minutes
    }
in-hours =
    { $hours ->
        [one] dans environ une heure
       *[other] dans environ { $hours } heures
    }
in-days =
    { $days ->
        [one] dans un jour
       *[other] dans { $days } jours
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "lundi 09:30" when the day differs) and $team_city
## the team's city ("Warsaw").
back-two-zones = { $when }, heure de chez vous ({ $team_time } à { $team_city }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = dès que nous serons de retour

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Varsovie
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Avec plaisir !
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
hours-days = du { $first } au { $last }
hours-day = { $weekdays } { $times }
hours-two-zones = { $schedule }, heure de chez vous ({ $team_schedule }, heure de { $team_city })
hours-closed-day = { $date } : fermé
hours-short-day = { $date } : uniquement { $times }
hours-exceptions = À noter pour les prochains jours : { $dates }.
hours-separator = { " ; " }

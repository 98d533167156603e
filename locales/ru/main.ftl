### Russian messages of the Northwind care bot: labels, acknowledgements and
### the words for "when a person is back".
###
### Every message here is sent to a customer, or is a piece of one. Variables
### (the $names) are filled in by the bot; keep each one a message uses.
### Tone: a friendly person of the brand, short sentences, no jargon.
### We address the customer as "Вы" (capitalised: Вы, Вам, Ваш) and avoid
### gendered past-tense forms for the bot ("передаю", not "передал/передала").

## Label of every automated message. It must say the message is automated and
## how to reach a person.

automated-label = 🤖 Автоматический ответ от Northwind. Чтобы связаться с сотрудником, в любой момент напишите «оператор».

## Greeting line. hello-name receives $name, the customer's first name.

hello = Здравствуйте!
hello-name = Здравствуйте, { $name }!

## Acknowledgements sent outside opening hours.
## $back: when a person is back, built from the "when" messages below,
##   e.g. "завтра в 08:30 (примерно через 7 часов)".
## Never thank a complainant: ack-complaint and ack-urgent apologise instead.

ack-complaint = Мне очень жаль, что так вышло. Сейчас у нашей службы поддержки нерабочее время, поэтому я передаю Ваше сообщение целиком нашей команде. Сотрудник займётся им { $back }, и Вам не придётся ничего объяснять заново.
ack-urgent = Извините, я вижу, что дело срочное. Сейчас у нашей службы поддержки нерабочее время, но я отмечаю Ваше сообщение как срочное: сотрудник займётся им в первую очередь, { $back }.
ack-question = Сейчас у нашей службы поддержки нерабочее время, поэтому я передаю Ваш вопрос сотрудникам. Вам ответят здесь { $back }.
ack-greeting = Сейчас у нашей службы поддержки нерабочее время. Напишите, пожалуйста, в чём вопрос, и сотрудник ответит Вам здесь { $back }.
ack-other = Сейчас у нашей службы поддержки нерабочее время. Сотрудник прочитает Ваше сообщение и ответит Вам здесь { $back }.
thanks-praise = Огромное спасибо, очень приятно это слышать! Обязательно передам Ваши слова команде.
faq-back-note = Если Вам нужна помощь сотрудника, напишите здесь: Вам ответят { $back }.

## When a person is back.
## weekday: $day is 1 (Monday) to 7 (Sunday). month: $month is 1 to 12, in the
## form used inside a date. date: $day is the day of the month, $month the month
## name from `month`. $time in the
## when-messages is the time of day, written by the bot as your language writes it (CLDR).

# Translator note: `weekday` gives the day WITH its preposition, in the
# accusative ("в понедельник", "во вторник", "в среду", …), because Russian
# needs that form after "в/во" and the preposition itself changes ("во
# вторник"); a message cannot inflect the nominative. when-weekday and
# when-date therefore add no preposition of their own. $team_time then reads
# "в понедельник 09:30", which back-two-zones places after "Варшава:".
# `month` is in the genitive, as used in a date ("30 ноября").
weekday =
    { $day ->
        [1] в понедельник
        [2] во вторник
        [3] в среду
        [4] в четверг
        [5] в пятницу
        [6] в субботу
       *[7] в воскресенье
    }
month =
    { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    }
date = { $day } { $month }

## $time, $weekday and $date come from the messages above.
when-today = сегодня в { $time }
when-tomorrow = завтра в { $time }
when-weekday = { $weekday } в { $time }
when-date = { $weekday }, { $date }, в { $time }

## The relative part. $minutes, $hours and $days are numbers.
## CLDR plural categories: one (1, 21, 31, …), few (2–4, 22–24, …),
## many (0, 5–20, 25–30, …), other (fractions).
in-minutes =
    { $minutes ->
        [one] примерно через { $minutes } минуту
        [few] примерно через { $minutes } минуты
       *[many] примерно через { $minutes } минут
        [other] примерно через { $minutes } минуты
    }
in-hours =
    { $hours ->
        [one] примерно через { $hours } час
        [few] примерно через { $hours } часа
       *[many] примерно через { $hours } часов
        [other] примерно через { $hours } часа
    }
in-days =
    { $days ->
        [one] через { $days } день
        [few] через { $days } дня
       *[many] через { $days } дней
        [other] через { $days } дня
    }

## $when and $relative are the two parts above.
back = { $when } ({ $relative })
## When the customer's clock and the team's differ: $team_time is the team's
## local time ("09:30", or "в понедельник 09:30" when the day differs) and
## $team_city the team's city ("Варшава"). The city goes before a colon so it
## needs no case ending.
back-two-zones = { $when } по Вашему времени ({ $team_city }: { $team_time }, { $relative })
## When no team is scheduled in the coming months: never invent a time.
back-unknown = сразу, как только мы снова будем на связи

## The city of a team, shown beside its local time. $zone is the team's time
## zone with "/" written as "-" (Europe-Warsaw); $name is the English city.
city =
    { $zone ->
        [Europe-Warsaw] Варшава
        [Europe-Madrid] Мадрид
        [Europe-Oslo] Осло
        [Europe-Amsterdam] Амстердам
       *[other] { $name }
    }

## closer-reply: the one short line answering a customer who closes with thanks
## ("ok thanks", "that's all, thanks"). No greeting is added before it.
closer-reply = Пожалуйста!
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
hours-two-zones = { $schedule } по Вашему времени ({ $team_city }: { $team_schedule })
hours-closed-day = { $date }: выходной
hours-short-day = { $date }: только { $times }
hours-exceptions = Обратите внимание на ближайшие дни: { $dates }.
hours-separator = { "; " }

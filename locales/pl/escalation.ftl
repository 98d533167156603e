### Polish message for escalation plans (flows/escalation.toml). When an
### urgent message arrives while the team is closed and a plan has someone on
### call with a response target, the bot alerts them and tells the customer
### so, instead of the return time of ack-urgent. Never sent when nobody is on
### call: then ack-urgent says when the team is back.

## $minutes: the plan's response_minutes (30, 60, 90…).
## $hours: the same in whole hours (1, 2…), or "none" when it is not a whole
## number of hours. Apologise as ack-urgent does; never thank.

ack-urgent-on-call = Przepraszam, widzę, że to pilna sprawa. Nasz zespół jest w tej chwili niedostępny, dlatego powiadomiliśmy już dyżurnego konsultanta: ktoś zajmie się tym { $hours ->
        [1] w ciągu godziny
        [none] w ciągu { $minutes } { $minutes ->
            [one] minuty
            [few] minut
            [many] minut
           *[other] minut
        }
       *[other] w ciągu { $hours } godzin
    }.

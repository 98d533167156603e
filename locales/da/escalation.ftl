### Danish message for escalation plans (flows/escalation.toml). When an
### urgent message arrives while the team is closed and a plan has someone on
### call with a response target, the bot alerts them and tells the customer
### so, instead of the return time of ack-urgent. Never sent when nobody is on
### call: then ack-urgent says when the team is back.

## $minutes: the plan's response_minutes (30, 60, 90…).
## $hours: the same in whole hours (1, 2…), or "none" when it is not a whole
## number of hours. Apologise as ack-urgent does; never thank.

ack-urgent-on-call = Det beklager jeg – jeg kan godt se, at det haster. Vores kundeservice har lukket lige nu, så jeg har givet vores vagthavende kollega besked: Nogen kigger på det { $hours ->
        [1] inden for en time
        [none] inden for { $minutes } minutter
       *[other] inden for { $hours } timer
    }.

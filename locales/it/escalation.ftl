### Italian message for escalation plans (flows/escalation.toml). When an
### urgent message arrives while the team is closed and a plan has someone on
### call with a response target, the bot alerts them and tells the customer
### so, instead of the return time of ack-urgent. Never sent when nobody is on
### call: then ack-urgent says when the team is back.

## $minutes: the plan's response_minutes (30, 60, 90…).
## $hours: the same in whole hours (1, 2…), or "none" when it is not a whole
## number of hours. Apologise as ack-urgent does; never thank.

ack-urgent-on-call = Mi dispiace, vedo che è urgente. Il nostro servizio clienti non è disponibile in questo momento, quindi ho avvisato il collega reperibile: qualcuno se ne occuperà { $hours ->
        [1] entro un'ora
        [none] entro { $minutes } minuti
       *[other] entro { $hours } ore
    }.

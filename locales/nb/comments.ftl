### Norsk bokmål: botens offentlige svar under en kundes kommentar.
### Alle ser det: kort, ikke noe privat, merket som automatisk.
### $private: "yes" når det også er sendt en privat melding.
### $back: når noen i teamet er tilbake.

comment-public-complaint =
    { $private ->
        [yes] Så leit å høre, det beklager vi virkelig. Vi har sendt deg en privat melding, så vi kan ordne opp i det der.
       *[no] Så leit å høre, det beklager vi virkelig. Teamet vårt er ikke på jobb akkurat nå og tar saken { $back }.
    }
comment-public-praise = Tusen takk for de hyggelige ordene! Vi gir dem videre til teamet.
comment-public-other =
    { $private ->
        [yes] Vi har sendt deg en privat melding om dette.
       *[no] Teamet vårt er ikke på jobb akkurat nå og svarer deg { $back }.
    }
comment-label = (🤖 automatisk svar)

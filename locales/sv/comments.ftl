### Svenska: botens offentliga svar under en kunds kommentar.
### Alla ser det: kort, inget privat, märkt som automatiskt.
### $private: "yes" när ett privat meddelande också har skickats.
### $back: när någon i teamet är tillbaka.

comment-public-complaint =
    { $private ->
        [yes] Vad tråkigt, det beklagar vi verkligen. Vi har skickat ett privat meddelande till dig så att vi kan reda ut det där.
       *[no] Vad tråkigt, det beklagar vi verkligen. Vårt team är inte på plats just nu och tar hand om det { $back }.
    }
comment-public-praise = Tack så mycket för de fina orden! Vi skickar dem vidare till teamet.
comment-public-other =
    { $private ->
        [yes] Vi har skickat ett privat meddelande till dig om det här.
       *[no] Vårt team är inte på plats just nu och återkommer till dig { $back }.
    }
comment-label = (🤖 automatiskt svar)

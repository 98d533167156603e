### Dansk: bottens offentlige svar under en kundes kommentar.
### Alle kan se det: kort, intet privat, markeret som automatisk.
### $private: "yes", når der også er sendt en privat besked.
### $back: hvornår der er en fra teamet tilbage.

comment-public-complaint =
    { $private ->
        [yes] Det er vi virkelig kede af. Vi har sendt dig en privat besked, så vi kan få det løst sammen med dig der.
       *[no] Det er vi virkelig kede af. Vores team er ikke på arbejde lige nu og tager sig af det { $back }.
    }
comment-public-praise = Tusind tak for de søde ord! Vi giver dem videre til teamet.
comment-public-other =
    { $private ->
        [yes] Vi har sendt dig en privat besked om det.
       *[no] Vores team er ikke på arbejde lige nu og vender tilbage til dig { $back }.
    }
comment-label = (🤖 automatisk svar)

### Italiano: la risposta pubblica del bot sotto il commento di un cliente.
### La leggono tutti: breve, niente di privato, indicata come automatica.
### $private: "yes" quando è stato inviato anche un messaggio privato.
### $back: quando torna qualcuno del team.

comment-public-complaint =
    { $private ->
        [yes] Ci dispiace davvero. Ti abbiamo scritto in privato per risolvere la cosa insieme a te.
       *[no] Ci dispiace davvero. Il nostro team al momento non è disponibile e se ne occuperà { $back }.
    }
comment-public-praise = Grazie di cuore per le belle parole! Le giriamo subito al team.
comment-public-other =
    { $private ->
        [yes] Ti abbiamo scritto in privato a questo proposito.
       *[no] Il nostro team al momento non è disponibile e ti risponderà { $back }.
    }
comment-label = (🤖 risposta automatica)

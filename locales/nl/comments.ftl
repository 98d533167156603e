### Nederlands: het openbare antwoord van de bot onder een reactie op een bericht.
### Iedereen leest mee: kort, niets privés, gemarkeerd als automatisch.
### $private: "yes" als er ook een privébericht is gestuurd.
### $back: wanneer er weer iemand is.

comment-public-complaint =
    { $private ->
        [yes] Wat vervelend, dat spijt ons echt. We hebben je een privébericht gestuurd, zodat we het daar samen kunnen oplossen.
       *[no] Wat vervelend, dat spijt ons echt. Ons team is nu offline en pakt het { $back } op.
    }
comment-public-praise = Wat ontzettend lief, dank je wel! We geven het door aan het team.
comment-public-other =
    { $private ->
        [yes] We hebben je hierover een privébericht gestuurd.
       *[no] Ons team is nu offline en komt { $back } bij je terug.
    }
comment-label = (🤖 automatisch antwoord)

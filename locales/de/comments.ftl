### Deutsch: die öffentliche Antwort des Bots unter einem Kommentar zu einem Beitrag.
### Für alle sichtbar: kurz, nichts Privates, als automatisch gekennzeichnet.
### $private: "yes", wenn zusätzlich eine private Nachricht verschickt wurde.
### $back: wann wieder jemand da ist.

comment-public-complaint =
    { $private ->
        [yes] Das tut uns sehr leid. Wir haben Ihnen eine private Nachricht geschickt, damit wir das dort mit Ihnen klären können.
       *[no] Das tut uns sehr leid. Unser Team ist gerade nicht erreichbar und kümmert sich { $back } darum.
    }
comment-public-praise = Vielen Dank für die netten Worte! Wir geben sie gern an das Team weiter.
comment-public-other =
    { $private ->
        [yes] Wir haben Ihnen dazu eine private Nachricht geschickt.
       *[no] Unser Team ist gerade nicht erreichbar und meldet sich { $back } bei Ihnen.
    }
comment-label = (🤖 automatische Antwort)

### Français : la réponse publique du bot sous le commentaire d'un client.
### Visible de tous : courte, sans rien de privé, signalée comme automatique.
### $private : "yes" quand un message privé a aussi été envoyé.
### $back : quand quelqu'un sera de retour.

comment-public-complaint =
    { $private ->
        [yes] Nous sommes vraiment désolés. Nous vous avons envoyé un message privé pour régler cela avec vous.
       *[no] Nous sommes vraiment désolés. Notre équipe est absente pour le moment et s'en occupera { $back }.
    }
comment-public-praise = Merci beaucoup pour ce gentil message ! Nous le transmettons à l'équipe.
comment-public-other =
    { $private ->
        [yes] Nous vous avons envoyé un message privé à ce sujet.
       *[no] Notre équipe est absente pour le moment et vous répondra { $back }.
    }
comment-label = (🤖 réponse automatique)

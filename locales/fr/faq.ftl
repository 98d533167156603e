### French answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "demain à 08h30 (dans environ 7 heures)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: "vous". No-break spaces (U+00A0) before ! ? : ; and inside « ».

faq-order-status = Vous pouvez suivre votre colis grâce au lien de suivi indiqué dans votre e-mail d'expédition. S'il n'y figure pas ou si le suivi n'avance pas, envoyez-moi ici votre numéro de commande : un conseiller vérifiera pour vous.
faq-delivery-time = Les commandes passées avant 20h un jour ouvré quittent notre entrepôt le jour même. La livraison prend 1 à 3 jours ouvrés au Benelux et 2 à 5 jours ouvrés dans le reste de l'Europe ; vous recevrez un lien de suivi par e-mail dès l'expédition.
faq-returns =
    { $open ->
        [yes] Vous pouvez nous retourner n'importe quel article sous 30 jours, gratuitement : lancez le retour depuis votre compte, rubrique « Mes commandes », imprimez l'étiquette et déposez le colis dans le point relais de votre choix. Dites-moi ici si vous souhaitez l'aide d'un conseiller.
       *[no] Vous pouvez nous retourner n'importe quel article sous 30 jours, gratuitement : lancez le retour depuis votre compte, rubrique « Mes commandes », imprimez l'étiquette et déposez le colis dans le point relais de votre choix. Si vous souhaitez l'aide d'un conseiller, dites-le-moi ici : nous vous répondrons { $back }.
    }
faq-refund-status = Nous vous remboursons sous 5 jours ouvrés après la réception de votre retour dans notre entrepôt, sur le moyen de paiement utilisé ; votre banque peut avoir besoin de 2 à 3 jours de plus. Si ce délai est dépassé, envoyez-moi votre numéro de commande et un conseiller s'en occupera.
faq-opening-hours =
    { $open ->
        [yes] Notre service client est en ligne en ce moment et va vous répondre ici très vite. Nous répondons aux messages { $schedule }. { $exceptions }
       *[no] Nous répondons aux messages { $schedule }. { $exceptions } Pour l'instant, nous sommes fermés : nous serons de retour { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Vous pouvez payer par carte (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay et Klarna.
       *[other] Vous pouvez payer par carte (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay et Klarna, ainsi qu'avec { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } et { $second }
faq-change-address =
    { $open ->
        [yes] Nous pouvons modifier l'adresse tant que votre commande n'a pas quitté notre entrepôt. Envoyez-moi ici la nouvelle adresse et votre numéro de commande, et un conseiller la mettra à jour tout de suite.
       *[no] Nous pouvons modifier l'adresse tant que votre commande n'a pas quitté notre entrepôt. Envoyez-moi ici la nouvelle adresse et votre numéro de commande ; un conseiller la mettra à jour { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Une commande peut être annulée tant qu'elle n'a pas quitté notre entrepôt. Envoyez-moi votre numéro de commande et un conseiller l'annulera tout de suite.
       *[no] Une commande peut être annulée tant qu'elle n'a pas quitté notre entrepôt. Envoyez-moi ici votre numéro de commande et un conseiller l'annulera { $back } ; si elle est déjà partie, vous pourrez tout simplement nous la retourner gratuitement.
    }
faq-talk-to-human =
    { $open ->
        [yes] Bien sûr ! J'ai prévenu l'équipe : un conseiller va vous rejoindre dans cette conversation d'ici quelques instants.
       *[no] Bien sûr. Notre service client est fermé pour le moment ; j'ai transmis notre conversation et un conseiller vous répondra ici { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Nous sommes vraiment désolés que votre commande soit arrivée abîmée. Pourriez-vous nous envoyer ici une photo de l'article et du carton ? Un conseiller organisera rapidement un remplacement ou un remboursement.
       *[no] Nous sommes vraiment désolés que votre commande soit arrivée abîmée. Pourriez-vous nous envoyer ici une photo de l'article et du carton ? Un conseiller organisera un remplacement ou un remboursement { $back }.
    }

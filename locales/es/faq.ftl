### Spanish answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "mañana a las 08:30 (en unas 7 horas)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: informal "tú".

faq-order-status = Puedes seguir tu paquete con el enlace de seguimiento que aparece en el correo de envío. Si no lo encuentras o el seguimiento no avanza, mándame aquí tu número de pedido y una persona del equipo lo revisará.
faq-delivery-time = Los pedidos que se hacen antes de las 20:00 en un día laborable salen de nuestro almacén ese mismo día. La entrega tarda de 1 a 3 días laborables en el Benelux y de 2 a 5 días laborables en el resto de Europa; recibirás un enlace de seguimiento por correo en cuanto salga tu pedido.
faq-returns =
    { $open ->
        [yes] Puedes devolver cualquier artículo en un plazo de 30 días, sin coste: inicia la devolución desde tu cuenta, en «Mis pedidos», imprime la etiqueta y deja el paquete en cualquier punto de recogida. Si quieres que te ayude una persona del equipo, dímelo aquí.
       *[no] Puedes devolver cualquier artículo en un plazo de 30 días, sin coste: inicia la devolución desde tu cuenta, en «Mis pedidos», imprime la etiqueta y deja el paquete en cualquier punto de recogida. Si quieres que te ayude una persona del equipo, dímelo aquí y te responderemos { $back }.
    }
faq-refund-status = Hacemos el reembolso en un plazo de 5 días laborables desde que tu devolución llega a nuestro almacén, con el mismo método de pago que usaste; tu banco puede tardar 2 o 3 días más. Si ha pasado más tiempo, mándame tu número de pedido y una persona del equipo lo revisará.
faq-opening-hours =
    { $open ->
        [yes] Nuestro equipo está conectado ahora mismo y te responderá aquí en breve. Atendemos los mensajes { $schedule }. { $exceptions }
       *[no] Atendemos los mensajes { $schedule }. { $exceptions } Ahora mismo no estamos disponibles: volvemos { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Puedes pagar con tarjeta (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay y Klarna.
       *[other] Puedes pagar con tarjeta (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay y Klarna, y también con { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } y { $second }
faq-change-address =
    { $open ->
        [yes] Podemos cambiar la dirección mientras tu pedido no haya salido del almacén. Mándame aquí la nueva dirección y tu número de pedido, y una persona del equipo la cambiará enseguida.
       *[no] Podemos cambiar la dirección mientras tu pedido no haya salido del almacén. Mándame aquí la nueva dirección y tu número de pedido; una persona del equipo la cambiará { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Puedes cancelar un pedido mientras no haya salido de nuestro almacén. Mándame tu número de pedido y una persona del equipo lo cancelará enseguida.
       *[no] Puedes cancelar un pedido mientras no haya salido de nuestro almacén. Mándame aquí tu número de pedido y una persona del equipo lo cancelará { $back }; si ya se ha enviado, puedes devolverlo gratis sin problema.
    }
faq-talk-to-human =
    { $open ->
        [yes] ¡Claro! Ya he avisado al equipo y una persona se unirá a este chat en breve.
       *[no] Claro. Nuestro equipo no está disponible ahora mismo; he trasladado la conversación y una persona te responderá aquí { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Siento mucho que tu pedido haya llegado dañado. ¿Puedes enviarme aquí una foto del artículo y de la caja? Una persona del equipo gestionará la sustitución o el reembolso en breve.
       *[no] Siento mucho que tu pedido haya llegado dañado. ¿Puedes enviarme aquí una foto del artículo y de la caja? Una persona del equipo gestionará la sustitución o el reembolso { $back }.
    }

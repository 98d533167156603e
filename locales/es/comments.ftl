### Español: la respuesta pública del bot bajo el comentario de un cliente.
### La ve todo el mundo: breve, nada privado, marcada como automática.
### $private: "yes" cuando también se envió un mensaje privado.
### $back: cuándo vuelve alguien del equipo.

comment-public-complaint =
    { $private ->
        [yes] Sentimos mucho lo ocurrido. Te hemos enviado un mensaje privado para resolverlo contigo por ahí.
       *[no] Sentimos mucho lo ocurrido. Nuestro equipo no está disponible ahora mismo y se encargará { $back }.
    }
comment-public-praise = ¡Muchísimas gracias por tus palabras! Se las haremos llegar al equipo.
comment-public-other =
    { $private ->
        [yes] Te hemos enviado un mensaje privado sobre esto.
       *[no] Nuestro equipo no está disponible ahora mismo y te responderá { $back }.
    }
comment-label = (🤖 respuesta automática)

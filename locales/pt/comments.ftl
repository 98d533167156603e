### Português: a resposta pública do bot ao comentário de um cliente.
### Todos a veem: curta, nada de privado, identificada como automática.
### $private: "yes" quando também foi enviada uma mensagem privada.
### $back: quando volta alguém da equipa.

comment-public-complaint =
    { $private ->
        [yes] Lamentamos imenso. Enviámos-lhe uma mensagem privada para resolvermos isto consigo.
       *[no] Lamentamos imenso. A nossa equipa não está disponível neste momento e vai tratar do assunto { $back }.
    }
comment-public-praise = Muito obrigado pelas palavras simpáticas! Vamos passá-las à equipa.
comment-public-other =
    { $private ->
        [yes] Enviámos-lhe uma mensagem privada sobre isto.
       *[no] A nossa equipa não está disponível neste momento e vai responder-lhe { $back }.
    }
comment-label = (🤖 resposta automática)

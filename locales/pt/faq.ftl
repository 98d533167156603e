### European Portuguese answers to frequent questions (FAQ intents, see
### flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "amanhã às 08:30 (daqui a cerca de 7 horas)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.
### Address: polite third person, without the pronoun "você".

faq-order-status = Pode acompanhar a sua encomenda através do link de seguimento que está no e-mail de envio. Se não o encontrar ou se o seguimento não mostrar avanços, envie-me aqui o número da encomenda e uma pessoa da equipa vai verificar.
faq-delivery-time = As encomendas feitas antes das 20:00 de um dia útil saem do nosso armazém no próprio dia. A entrega demora 1 a 3 dias úteis no Benelux e 2 a 5 dias úteis no resto da Europa; vai receber um link de seguimento por e-mail assim que a encomenda for expedida.
faq-returns =
    { $open ->
        [yes] Pode devolver qualquer artigo no prazo de 30 dias, sem custos: inicie a devolução na sua conta, em «As minhas encomendas», imprima a etiqueta e entregue a encomenda em qualquer ponto de recolha. Se quiser ajuda de uma pessoa da equipa, diga-me aqui.
       *[no] Pode devolver qualquer artigo no prazo de 30 dias, sem custos: inicie a devolução na sua conta, em «As minhas encomendas», imprima a etiqueta e entregue a encomenda em qualquer ponto de recolha. Se quiser ajuda de uma pessoa da equipa, diga-me aqui: respondemos-lhe { $back }.
    }
faq-refund-status = Fazemos o reembolso no prazo de 5 dias úteis após a sua devolução chegar ao nosso armazém, para o mesmo método de pagamento que utilizou; o seu banco pode precisar de mais 2 a 3 dias. Se já passou mais tempo, envie-me o número da encomenda e uma pessoa da equipa vai analisar a situação.
faq-opening-hours =
    { $open ->
        [yes] A nossa equipa está online neste momento e vai responder-lhe aqui em breve. Respondemos às mensagens { $schedule }. { $exceptions }
       *[no] Respondemos às mensagens { $schedule }. { $exceptions } Neste momento não estamos disponíveis: voltamos { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] Pode pagar com cartão (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay e Klarna.
       *[other] Pode pagar com cartão (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay e Klarna, e também com { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } e { $second }
faq-change-address =
    { $open ->
        [yes] Podemos alterar a morada enquanto a encomenda não tiver saído do armazém. Envie-me aqui a nova morada e o número da encomenda, e uma pessoa da equipa atualiza-a de imediato.
       *[no] Podemos alterar a morada enquanto a encomenda não tiver saído do armazém. Envie-me aqui a nova morada e o número da encomenda; uma pessoa da equipa vai atualizá-la { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] As encomendas podem ser canceladas até saírem do nosso armazém. Envie-me o número da encomenda e uma pessoa da equipa cancela-a de imediato.
       *[no] As encomendas podem ser canceladas até saírem do nosso armazém. Envie-me aqui o número da encomenda e uma pessoa da equipa vai cancelá-la { $back }; se já tiver sido expedida, pode simplesmente devolvê-la sem custos.
    }
faq-talk-to-human =
    { $open ->
        [yes] Claro! Já avisei a equipa e uma pessoa vai juntar-se a esta conversa dentro de momentos.
       *[no] Claro. A nossa equipa não está disponível neste momento; reencaminhei a conversa e uma pessoa vai responder-lhe aqui { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] Lamento muito que a sua encomenda tenha chegado danificada. Pode enviar-me aqui uma fotografia do artigo e da caixa? Uma pessoa da equipa vai tratar da substituição ou do reembolso em breve.
       *[no] Lamento muito que a sua encomenda tenha chegado danificada. Pode enviar-me aqui uma fotografia do artigo e da caixa? Uma pessoa da equipa vai tratar da substituição ou do reembolso { $back }.
    }

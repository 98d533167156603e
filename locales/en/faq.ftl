### English answers to frequent questions (FAQ intents, see flows/intents.toml).
###
### Every answer receives:
###   $back  when a person is back (see main.ftl), e.g. "tomorrow at 08:30 (in about 7 hours)"
###   $open  "yes" when the care team is online right now, "no" otherwise
### Answers are about Northwind, a web shop for home goods across Europe.

faq-order-status = You can follow your parcel with the tracking link in your shipping email. If it isn't there or the link shows no progress, send me your order number here and a person will check it for you.
faq-delivery-time = Orders placed before 20:00 on a working day leave our warehouse the same day. Delivery takes 1–3 working days in the Benelux and 2–5 working days elsewhere in Europe; you'll get a tracking link by email as soon as it ships.
faq-returns =
    { $open ->
        [yes] You can return anything within 30 days, free of charge: start the return in your account under “My orders”, print the label, and drop the parcel at any parcel point. Tell me here if you'd like a person to help.
       *[no] You can return anything within 30 days, free of charge: start the return in your account under “My orders”, print the label, and drop the parcel at any parcel point. If you'd like a person to help, tell me here: our team is back { $back }.
    }
faq-refund-status = We refund within 5 working days of your return reaching our warehouse, to the payment method you used; your bank may need 2–3 more days. If it's been longer, send me your order number and a person will look into it.
faq-opening-hours =
    { $open ->
        [yes] Our care team is online right now and will reply here shortly. We answer messages { $schedule }. { $exceptions }
       *[no] We answer messages { $schedule }. { $exceptions } Right now we're offline: a person will be back { $back_in }.
    }
faq-payment-methods =
    { $local ->
        [none] You can pay by card (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay and Klarna.
       *[other] You can pay by card (Visa, Mastercard, American Express), PayPal, Apple Pay, Google Pay and Klarna, and also with { $local }.
    }
# Two payment methods of the customer's market ($local above, from
# flows/languages.toml) joined.
list-and = { $first } and { $second }
faq-change-address =
    { $open ->
        [yes] We can change the address as long as your order hasn't left the warehouse. Send me the new address and your order number here, and a person will update it right away.
       *[no] We can change the address as long as your order hasn't left the warehouse. Send me the new address and your order number here; a person will update it { $back }.
    }
faq-cancel-order =
    { $open ->
        [yes] Orders can be cancelled until they leave our warehouse. Send me your order number and a person will cancel it right away.
       *[no] Orders can be cancelled until they leave our warehouse. Send me your order number here and a person will cancel it { $back }; if it has already shipped, you can simply return it for free.
    }
faq-talk-to-human =
    { $open ->
        [yes] Of course: I've let the team know, and a person will join this chat shortly.
       *[no] Of course. Our care team is offline right now; I've passed your conversation on and a person will reply here { $back }.
    }
faq-damaged-item =
    { $open ->
        [yes] I'm so sorry your order arrived damaged. Could you send a photo of the item and the box here? A person will arrange a replacement or a refund shortly.
       *[no] I'm so sorry your order arrived damaged. Could you send a photo of the item and the box here? A person will arrange a replacement or a refund { $back }.
    }

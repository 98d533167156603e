### English: the bot's public reply under a customer's comment on a post.
### Seen by everyone who reads the post: short, nothing private, labelled.
### $private: "yes" when a private message was sent to the commenter too.
### $back: when a person is back, e.g. "tomorrow at 08:30 (in about 7 hours)".
### Never thank a complainant: comment-public-complaint apologises.

comment-public-complaint =
    { $private ->
        [yes] We're sorry to read this. We've sent you a private message so we can sort it out with you there.
       *[no] We're sorry to read this. Our team is offline right now and will pick it up { $back }.
    }
comment-public-praise = Thank you so much for the kind words! We'll pass them on to the team.
comment-public-other =
    { $private ->
        [yes] We've sent you a private message about this.
       *[no] Our team is offline right now and will get back to you { $back }.
    }
## Label of every public reply: says that it is automated.
comment-label = (🤖 automated reply)

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Tak for din tålmodighed, og undskyld at du måtte vente.
agent-opener-name = Hej { $name }! Tak for din tålmodighed, og undskyld at du måtte vente.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Det er jeg virkelig ked af, og undskyld at du måtte vente.
agent-opener-complaint-name = Hej { $name }, det er jeg virkelig ked af, og undskyld at du måtte vente.

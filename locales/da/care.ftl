### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Tak for din tålmodighed, og undskyld at du måtte vente.
agent-opener-name = Hej { $name }! Tak for din tålmodighed, og undskyld at du måtte vente.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Merci de votre patience, et désolés pour l'attente.
agent-opener-name = Bonjour { $name }, merci de votre patience, et désolés pour l'attente.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Toutes nos excuses pour ce problème, et pour l'attente.
agent-opener-complaint-name = Bonjour { $name }, toutes nos excuses pour ce problème, et pour l'attente.

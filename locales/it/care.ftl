### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Grazie per la pazienza, e scusa per l'attesa.
agent-opener-name = Ciao { $name }, grazie per la pazienza e scusa per l'attesa.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Mi dispiace davvero per quello che è successo, e scusa per l'attesa.
agent-opener-complaint-name = Ciao { $name }, mi dispiace davvero per quello che è successo, e scusa per l'attesa.

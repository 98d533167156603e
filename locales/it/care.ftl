### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Grazie per la pazienza, e scusa per l'attesa.
agent-opener-name = Ciao { $name }, grazie per la pazienza e scusa per l'attesa.

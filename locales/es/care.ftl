### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Gracias por tu paciencia, y perdona la espera.
agent-opener-name = Hola, { $name }: gracias por tu paciencia, y perdona la espera.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Siento mucho lo ocurrido, y perdona la espera.
agent-opener-complaint-name = Hola, { $name }: siento mucho lo ocurrido, y perdona la espera.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Gracias por tu paciencia, y perdona la espera.
agent-opener-name = Hola, { $name }: gracias por tu paciencia, y perdona la espera.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Obrigado pela sua paciência, e desculpe a espera.
agent-opener-name = Olá, { $name }! Obrigado pela sua paciência, e desculpe a espera.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Obrigado pela sua paciência, e desculpe a espera.
agent-opener-name = Olá, { $name }! Obrigado pela sua paciência, e desculpe a espera.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Lamentamos muito o sucedido, e pedimos desculpa pela espera.
agent-opener-complaint-name = Olá, { $name }. Lamentamos muito o sucedido, e pedimos desculpa pela espera.

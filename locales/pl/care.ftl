### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Dziękuję za cierpliwość i przepraszam, że trzeba było czekać.
agent-opener-name = Cześć, { $name }! Dziękuję za cierpliwość i przepraszam, że trzeba było czekać.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Dziękuję za cierpliwość i przepraszam, że trzeba było czekać.
agent-opener-name = Cześć, { $name }! Dziękuję za cierpliwość i przepraszam, że trzeba było czekać.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Bardzo przepraszam za ten kłopot i za to, że trzeba było czekać.
agent-opener-complaint-name = Dzień dobry, { $name }. Bardzo przepraszam za ten kłopot i za to, że trzeba było czekać.

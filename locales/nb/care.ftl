### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Takk for tålmodigheten, og beklager at du måtte vente.
agent-opener-name = Hei, { $name }! Takk for tålmodigheten, og beklager at du måtte vente.

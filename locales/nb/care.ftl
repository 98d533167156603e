### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Takk for tålmodigheten, og beklager at du måtte vente.
agent-opener-name = Hei, { $name }! Takk for tålmodigheten, og beklager at du måtte vente.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Det er jeg virkelig lei meg for, og beklager at du måtte vente.
agent-opener-complaint-name = Hei { $name }, det er jeg virkelig lei meg for, og beklager at du måtte vente.

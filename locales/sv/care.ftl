### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Tack för ditt tålamod, och förlåt att du fick vänta.
agent-opener-name = Hej { $name }! Tack för ditt tålamod, och förlåt att du fick vänta.

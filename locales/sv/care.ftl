### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Tack för ditt tålamod, och förlåt att du fick vänta.
agent-opener-name = Hej { $name }! Tack för ditt tålamod, och förlåt att du fick vänta.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Det är jag verkligen ledsen för, och förlåt att du fick vänta.
agent-opener-complaint-name = Hej { $name }, det är jag verkligen ledsen för, och förlåt att du fick vänta.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Bedankt voor je geduld, en sorry dat je moest wachten.
agent-opener-name = Hoi { $name }, bedankt voor je geduld en sorry dat je moest wachten.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Wat vervelend, het spijt me echt, en sorry dat je moest wachten.
agent-opener-complaint-name = Hallo { $name }, wat vervelend, het spijt me echt, en sorry dat je moest wachten.

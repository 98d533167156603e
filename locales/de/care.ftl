### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Danke für deine Geduld, und entschuldige bitte die Wartezeit.
agent-opener-name = Hallo { $name }, danke für deine Geduld und entschuldige bitte die Wartezeit.

### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Vielen Dank für Ihre Geduld, und entschuldigen Sie bitte die Wartezeit.
agent-opener-name = Hallo { $name }, vielen Dank für Ihre Geduld, und entschuldigen Sie bitte die Wartezeit.

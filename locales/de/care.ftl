### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Vielen Dank für Ihre Geduld, und entschuldigen Sie bitte die Wartezeit.
agent-opener-name = Hallo { $name }, vielen Dank für Ihre Geduld, und entschuldigen Sie bitte die Wartezeit.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Das tut mir wirklich leid, und entschuldigen Sie bitte die Wartezeit.
agent-opener-complaint-name = Hallo { $name }, das tut mir wirklich leid, und entschuldigen Sie bitte die Wartezeit.

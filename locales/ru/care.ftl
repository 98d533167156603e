### Lines offered to care staff in the console: the opening of a person's reply
### to a customer who waited overnight. agent-opener-name receives $name.

agent-opener = Спасибо за терпение, и простите, что Вам пришлось ждать.
agent-opener-name = Здравствуйте, { $name }! Спасибо за терпение, и простите, что Вам пришлось ждать.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = Нам очень жаль, что так получилось, и простите, что Вам пришлось ждать.
agent-opener-complaint-name = Здравствуйте, { $name }. Нам очень жаль, что так получилось, и простите, что Вам пришлось ждать.

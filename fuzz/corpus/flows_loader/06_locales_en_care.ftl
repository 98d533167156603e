### Lines offered to care staff in the console (not sent by the bot).
###
### agent-opener: the first line of a person's reply to a customer who waited
### overnight (care playbook: thank them for their patience). Written as the
### person, not the bot: no automated label. agent-opener-name receives $name,
### the customer's first name.

agent-opener = Thank you for your patience, and sorry for the wait.
agent-opener-name = Hi { $name }, thank you for your patience, and sorry for the wait.

### Lines offered to care staff in the console (not sent by the bot).
###
### agent-opener: the first line of a person's reply to a customer who waited
### overnight (care playbook: thank them for their patience). Written as the
### person, not the bot: no automated label. agent-opener-name receives $name,
### the customer's first name.

agent-opener = Thank you for your patience, and sorry for the wait.
agent-opener-name = Hi { $name }, thank you for your patience, and sorry for the wait.

### agent-opener-complaint: the same first line for a customer who complained
### (or wrote something urgent): an apology first, never thanks.

agent-opener-complaint = I'm really sorry about this, and sorry you had to wait.
agent-opener-complaint-name = Hi { $name }, I'm really sorry about this, and sorry you had to wait.

"""Accounts in the web pages: the organizer creates, deactivates and resets its desks' and units' accounts (one-time
passwords, login slips), every user changes their own password, and the password policy."""

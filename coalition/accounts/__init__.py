"""User accounts: creating them and checking passwords (`users`, `passwords`), throttling
logins (`throttle`) and the security log (`security_log`).
"""

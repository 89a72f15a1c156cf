"""Backups of the database (`operations`) and the `flask backup` and `flask restore` commands
(`commands`).
"""

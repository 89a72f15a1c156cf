"""Surveys to chosen organisations (issue 17): preparing them, answering them, and what the answers add up to.

`building` prepares a survey (texts, questions in order, recipients and their links, open and
close); `answering` keeps an answer given through a personal link or typed in by staff;
`results` sums the answers up by question, sector and neighbourhood.
"""

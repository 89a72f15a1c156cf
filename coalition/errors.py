"""The one error that domain operations raise when a rule is broken, and how they gather several."""
from datetime import date

from . import dates


class DomainError(Exception):
    """A rule of the programme office was broken; the message is shown to the user.

    `field` names the form field the message belongs beside; `existing` is the record that
    a refused duplicate would have repeated, so the page can link to it. `others` are the
    further rules the same operation found broken, so that a form shows them all at once.
    """

    def __init__(self, message: str, field: str | None = None, existing: object | None = None,
                 others: tuple["DomainError", ...] = ()):
        super().__init__(message)
        self.message = message
        self.field = field
        self.existing = existing
        self.others = others

    @property
    def every(self) -> tuple["DomainError", ...]:
        """This broken rule and the others found with it."""
        return (self, *self.others)

    @property
    def messages(self) -> list[str]:
        return [error.message for error in self.every]


class Refusals:
    """Gather every rule an operation finds broken, then refuse them together.

    One message per field: the first found there is the one to fix first.

    >>> refusals = Refusals()
    >>> refusals.add("Give a title.", "title")
    >>> refusals.add("Give a shorter title.", "title")
    >>> refusals.add("Give a date.", "starts_on")
    >>> try:
    ...     refusals.refuse()
    ... except DomainError as error:
    ...     [(e.field, e.message) for e in error.every]
    [('title', 'Give a title.'), ('starts_on', 'Give a date.')]
    """

    def __init__(self):
        self.found: list[DomainError] = []

    def __contains__(self, field: str) -> bool:
        return any(error.field == field for error in self.found)

    def __bool__(self) -> bool:
        return bool(self.found)

    def add(self, message, field: str | None = None, existing: object | None = None) -> None:
        self.add_error(DomainError(message, field, existing))

    def add_error(self, error: DomainError) -> None:
        for one in error.every:
            if one.field is None or one.field not in self:
                self.found.append(DomainError(one.message, one.field, one.existing))

    def date(self, day: date | None, window: dates.Window, field: str) -> bool:
        """Refuse a day outside its window (see dates.py); say whether it was inside (or none was given)."""
        refusal = window.refusal(day) if day is not None else None
        if refusal is not None:
            self.add(refusal, field)
        return refusal is None

    def known(self, session, model, record_id: int | None, message, field: str):
        """Return the `model` record with this id, refusing the field when none is stored; None for no id."""
        if record_id is None:
            return None
        record = session.get(model, record_id)
        if record is None:
            self.add(message, field)
        return record

    def refuse(self) -> None:
        """Raise what was found, the first broken rule carrying the others; nothing when all were kept."""
        if self.found:
            first, *others = self.found
            raise DomainError(first.message, first.field, first.existing, tuple(others))

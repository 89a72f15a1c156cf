"""The one error that domain operations raise when a rule is broken."""


class DomainError(Exception):
    """A rule of the programme office was broken; the message is shown to the user.

    `field` names the form field the message belongs beside; `existing` is the record that
    a refused duplicate would have repeated, so the page can link to it.
    """

    def __init__(self, message: str, field: str | None = None, existing: object | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.existing = existing

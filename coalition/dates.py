"""The dates Coalition keeps: a real day or time, in the years its kind of record can fall in.

Every way in checks here: the forms' date and time fields (`web/forms/fields.py`), the domain
operations (`Refusals.date`, below in `errors.py`), and the imports (`imports/register_file.py`).
A year outside its window is a typing slip (206 for 2026, 9999 for "no end"): kept, it would
top a sorted list for ever, and date arithmetic at the calendar's end fails.

======================  ===================================================  ====================
window                  the dates it holds                                   years
======================  ===================================================  ====================
``PROGRAMME``           meetings and their follow-up actions, commitments    1990 to 10 ahead
                        made and their status changes, initiatives,
                        neighbourhood stages, stakeholder assessments,
                        consent, the day an actor joined
``DUE``                 the day a commitment is due                          1990 to 30 ahead
``KPI``                 KPI baselines, targets and measurements              1960 to 30 ahead
``TIES``                memberships and relationships between organisations  1900 to 30 ahead
``SEARCH``              a filter's from and until                            1900 to 100 ahead
======================  ===================================================  ====================

Why these: the office records its own work, so nothing of it is older than 1990 and nothing is
planned more than ten years ahead. A social investment or a KPI target may aim at 2050; a
statistics series that a baseline is taken from may go back to the 1960s; a membership of a
federation or a lease may have started in the 1950s. Whether a date may lie in the future at all
is a rule of its own record (a promise cannot be made tomorrow), checked by its operation.
"""
import re
from dataclasses import dataclass
from datetime import date, time

from .i18n import lazy_gettext as _l

__all__ = ["DUE", "KPI", "PROGRAMME", "SEARCH", "TIES", "Window", "read_date", "read_time"]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Browsers send HH:MM, or HH:MM:SS when a step asks for seconds; a Swede may type 18.00.
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")


@dataclass(frozen=True)
class Window:
    """The years a kind of date can fall in: from a first year to some years after today's."""

    first_year: int
    years_ahead: int

    def earliest(self) -> date:
        return date(self.first_year, 1, 1)

    def latest(self, today: date | None = None) -> date:
        return date((today or date.today()).year + self.years_ahead, 12, 31)

    def refusal(self, day: date, today: date | None = None):
        """Say why a day is outside the window, or None when it is inside."""
        if self.earliest() <= day <= self.latest(today):
            return None
        return _l("Give a date between %(earliest)s and %(latest)s.",
                  earliest=self.earliest().isoformat(), latest=self.latest(today).isoformat())


PROGRAMME = Window(1990, 10)
DUE = Window(1990, 30)
KPI = Window(1960, 30)
TIES = Window(1900, 30)
SEARCH = Window(1900, 100)


def not_a_date(text: str):
    return _l("“%(value)s” is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-14.", value=text)


def not_a_time(text: str):
    return _l("“%(value)s” is not a valid time. Write it as HH:MM, e.g. 18:00.", value=text)


def read_date(text: str, window: Window, today: date | None = None) -> tuple[date | None, object]:
    """Read a day written YYYY-MM-DD in the window; (None, None) for no text, (None, why) for a wrong one.

    >>> read_date("2026-03-14", PROGRAMME)
    (datetime.date(2026, 3, 14), None)
    >>> str(read_date("2026-02-30", PROGRAMME)[1])
    '“2026-02-30” is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-14.'
    """
    day, wrong = _read_numbers(text, _ISO_DATE, date, not_a_date)
    if day is None:
        return None, wrong
    refusal = window.refusal(day, today)
    return (None, refusal) if refusal else (day, None)


def read_time(text: str) -> tuple[time | None, object]:
    """Read a time of day written HH:MM; (None, None) for no text, (None, why) for a wrong one.

    >>> read_time("18:00")
    (datetime.time(18, 0), None)
    >>> str(read_time("25:99")[1])
    '“25:99” is not a valid time. Write it as HH:MM, e.g. 18:00.'
    """
    return _read_numbers(text, _TIME, time, not_a_time)


def _read_numbers(text: str, pattern: re.Pattern, make, wrong) -> tuple[object, object]:
    """Make a day or time from the numbers ``pattern`` finds; (None, None) for no text, (None, wrong(text)) else."""
    text = text.strip()
    if not text:
        return None, None
    match = pattern.fullmatch(text)
    try:
        value = make(*(int(part) for part in match.groups() if part is not None)) if match else None
    except ValueError:
        value = None
    return (None, wrong(text)) if value is None else (value, None)

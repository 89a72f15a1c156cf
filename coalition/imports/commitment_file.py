"""Reading a commitments register saved from a spreadsheet: one row per commitment.

The file is read like every register (`register_file.py`); this module says what its columns
are and checks each row's cells on their own. Whether its organisations, neighbourhood and
initiative exist, and whether the commitment keeps the register's rules, is for
`imports/commitments.py` to find out.
"""
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import dates
from ..i18n import lazy_gettext as _l
from ..models import CommitmentKind, CommitmentStatus, Unit
from ..text import match_key
from .cell_words import enum_value
from .progress import SILENT, Progress
from .register_file import FileFormat, Register, date_value, read_table, too_long

COMMITMENTS = FileFormat(
    columns=("organisations", "kind", "description", "amount", "unit", "neighbourhood", "initiative", "status",
             "due_date", "made_on", "delivered_on"),
    required=("organisations", "kind", "description"),
    # Keys as a header cell reads without case, accents, spaces, hyphens and underscores.
    aliases={"organisation": "organisations", "organizations": "organisations", "organization": "organisations",
             "parties": "organisations", "parter": "organisations", "organisationer": "organisations",
             "typ": "kind", "beskrivning": "description", "belopp": "amount", "enhet": "unit",
             "omrade": "neighbourhood", "stadsdel": "neighbourhood", "initiativ": "initiative",
             "duedate": "due_date", "klartsenast": "due_date", "madeon": "made_on", "lovat": "made_on",
             "deliveredon": "delivered_on", "infriat": "delivered_on"},
    longest={"unit": 80, "neighbourhood": 200, "initiative": 200},
)
# Several parties of a joint commitment share one cell.
_PARTY_SEPARATOR = re.compile(r"[;|]")
# 1250000, 1 250 000, 1250000,50 or 1 250 000.50: spaces group thousands, comma or dot for decimals.
_AMOUNT = re.compile(r"(?:\d{1,3}(?: \d{3})+|\d+)(?:[,.]\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# What a unit cell may say; anything else names what is counted ("sommarjobb").
_UNIT_NAMES = {
    Unit.SEK: ("sek", "kr", "kronor", "krona"),
    Unit.HOURS: ("hours", "hour", "h", "timmar", "timme", "tim"),
    Unit.SQUARE_METRES: ("square metres", "square meters", "square_metres", "m2", "m²", "sqm", "kvm",
                         "kvadratmeter"),
    Unit.COUNT: ("count", "antal", "st"),  # a count that does not say of what: refused as a commitment
}
_UNITS = {match_key(name).replace("_", ""): unit for unit, names in _UNIT_NAMES.items() for name in names}


@dataclass
class CommitmentRow:
    """One row of a commitments register, checked and in the right types."""

    line: int
    organisations: list[str]
    kind: CommitmentKind
    description: str
    amount: Decimal | None = None
    unit: Unit | None = None
    unit_label: str = ""  # what is counted, when unit is a count
    neighbourhood: str = ""
    initiative: str = ""
    status: CommitmentStatus = CommitmentStatus.PROPOSED
    due_on: date | None = None
    made_on: date | None = None
    delivered_on: date | None = None


def amount_value(text: str) -> tuple[Decimal | None, str | None]:
    """The amount a cell gives (None for an empty cell), or None and why the cell is wrong.

    Whether it is positive and has at most two decimals is the commitment's rule, checked there.
    """
    spaced = _SPACES.sub(" ", text).strip()
    if not spaced:
        return None, None
    if not _AMOUNT.fullmatch(spaced):
        return None, _l("“%(value)s” is not an amount. Write it like 1 250 000,50 or 1250000.50.", value=text)
    return Decimal(spaced.replace(" ", "").replace(",", ".")), None


def unit_value(text: str) -> tuple[Unit | None, str]:
    """The unit a cell names and, for a count, what is counted."""
    if not text:
        return None, ""
    unit = _UNITS.get(match_key(text).replace("_", ""))
    if unit is None:
        return Unit.COUNT, text
    return unit, ""


def party_names(text: str) -> list[str]:
    """The organisations a cell names, each once, in the order given."""
    names: dict[str, str] = {}
    for name in _PARTY_SEPARATOR.split(text):
        name = " ".join(name.split())
        if name:
            names.setdefault(match_key(name), name)
    return list(names.values())


def _read_row(line: int, cell) -> tuple[CommitmentRow | None, list]:
    """Check one row's cells; return the row, or None and every reason it is bad."""
    problems = []
    parties = party_names(cell("organisations"))
    if not parties:
        problems.append(_l("Name the organisation that makes the promise (several for a joint one)."))
    if not cell("kind"):
        problems.append(_l("The kind of commitment is missing."))
    if not cell("description"):
        problems.append(_l("Describe what is promised."))
    problems += too_long(cell, COMMITMENTS.longest)
    kind, kind_problem = enum_value(CommitmentKind, cell("kind"))
    status, status_problem = enum_value(CommitmentStatus, cell("status"))
    amount, amount_problem = amount_value(cell("amount"))
    due_on, due_problem = date_value(cell("due_date"), dates.DUE)
    made_on, made_problem = date_value(cell("made_on"), dates.PROGRAMME)
    delivered_on, delivered_problem = date_value(cell("delivered_on"), dates.PROGRAMME)
    problems += [p for p in (kind_problem, status_problem, amount_problem, due_problem, made_problem,
                             delivered_problem) if p]
    if delivered_on is not None and status not in (None, CommitmentStatus.DELIVERED):
        problems.append(_l("A delivery date is given, but the status is not delivered."))
    if problems:
        return None, problems
    unit, unit_label = unit_value(cell("unit"))
    return CommitmentRow(
        line=line, organisations=parties, kind=kind, description=cell("description"), amount=amount, unit=unit,
        unit_label=unit_label, neighbourhood=cell("neighbourhood"), initiative=cell("initiative"),
        status=status or CommitmentStatus.PROPOSED, due_on=due_on, made_on=made_on, delivered_on=delivered_on,
    ), []


def read_commitments(text: str, progress: Progress = SILENT) -> Register:
    """Read and check every row of a commitments register."""
    return read_table(text, COMMITMENTS, _read_row, progress)

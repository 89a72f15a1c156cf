"""Reading KPI measurements saved from a spreadsheet: one row per value measured.

The file is read like every register (`register_file.py`); this module says what its columns
are and checks each row's cells on their own. Whether its neighbourhood and KPI exist, and
whether the value is new, is for `imports/kpis.py` to find out.
"""
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import dates
from ..i18n import lazy_gettext as _l
from .register_file import FileFormat, Register, date_value, read_table, too_long

KPI_MEASUREMENTS = FileFormat(
    columns=("neighbourhood", "kpi", "date", "value", "source"),
    required=("neighbourhood", "kpi", "date", "value"),
    # Keys as a header cell reads without case, accents, spaces, hyphens and underscores.
    aliases={"omrade": "neighbourhood", "stadsdel": "neighbourhood", "neighborhood": "neighbourhood",
             "indikator": "kpi", "nyckeltal": "kpi", "indicator": "kpi", "datum": "date", "measuredon": "date",
             "matdatum": "date", "varde": "value", "kalla": "source"},
    longest={"neighbourhood": 402, "kpi": 200, "source": 300},
)
# 12.5, 12,5, -3, 1 234,5 or −0,25: spaces group thousands, comma or dot for decimals.
_NUMBER = re.compile(r"-?(?:\d{1,3}(?: \d{3})+|\d+)(?:[,.]\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def number_value(text: str) -> tuple[Decimal | None, str | None]:
    """The number a cell gives (None for an empty cell), or None and why the cell is wrong.

    >>> number_value("12,5"), number_value("1 234.50"), number_value("−3")
    ((Decimal('12.5'), None), (Decimal('1234.50'), None), (Decimal('-3'), None))
    """
    spaced = _SPACES.sub(" ", text.replace("\u2212", "-")).strip()
    if not spaced:
        return None, None
    if not _NUMBER.fullmatch(spaced):
        return None, _l("“%(value)s” is not a number. Write it like 12,5 or 12.5.", value=text)
    return Decimal(spaced.replace(" ", "").replace(",", ".")), None


@dataclass
class MeasurementRow:
    """One row of a KPI measurements file, checked and in the right types."""

    line: int
    neighbourhood: str
    kpi: str
    measured_on: date
    value: Decimal
    source: str = ""


def _read_row(line: int, cell) -> tuple[MeasurementRow | None, list]:
    """Check one row's cells; return the row, or None and every reason it is bad."""
    required = {"neighbourhood": _l("The neighbourhood is missing."), "kpi": _l("The KPI is missing."),
                "date": _l("The date is missing."), "value": _l("The value is missing.")}
    problems = [message for column, message in required.items() if not cell(column)]
    problems += too_long(cell, KPI_MEASUREMENTS.longest)
    measured_on, date_problem = date_value(cell("date"), dates.KPI)
    value, value_problem = number_value(cell("value"))
    problems += [p for p in (date_problem, value_problem) if p]
    if problems:
        return None, problems
    return MeasurementRow(line=line, neighbourhood=cell("neighbourhood"), kpi=cell("kpi"), measured_on=measured_on,
                          value=value, source=cell("source")), []


def read_measurements(text: str) -> Register:
    """Read and check every row of a KPI measurements file."""
    return read_table(text, KPI_MEASUREMENTS, _read_row)

"""Reading area companies' local jobs saved from a spreadsheet: one row per company, neighbourhood and quarter.

The file is read like every register (`register_file.py`); this module says what its columns
are and checks each row's cells on their own. Whether the company and neighbourhood exist, and
whether the quarter is new, is for `imports/local_jobs.py` to find out.
"""
import re
from dataclasses import dataclass
from decimal import Decimal

from ..i18n import lazy_gettext as _l
from .kpi_file import number_value
from .register_file import FileFormat, Register, read_table, too_long

LOCAL_JOBS = FileFormat(
    columns=("organisation", "neighbourhood", "quarter", "positions", "fte", "residents"),
    required=("organisation", "neighbourhood", "quarter", "positions", "fte", "residents"),
    # Keys as a header cell reads without case, accents, spaces, hyphens and underscores.
    aliases={"omradesforetag": "organisation", "foretag": "organisation", "organization": "organisation",
             "omrade": "neighbourhood", "stadsdel": "neighbourhood", "neighborhood": "neighbourhood",
             "kvartal": "quarter", "tjanster": "positions", "anstallda": "positions", "heltidsekvivalenter": "fte",
             "fulltimeequivalents": "fte", "arsarbetare": "fte", "boende": "residents",
             "residentpositions": "residents", "varavboende": "residents"},
    longest={"organisation": 200, "neighbourhood": 402},
)
# 2026-Q3, 2026 Q3, 2026Q3 or 2026-3.
_QUARTER = re.compile(r"(\d{4})\s*-?\s*[Qq]?\s*([1-4])")
_WHOLE = re.compile(r"\d{1,9}")


@dataclass
class JobsRow:
    """One row of a local jobs file, checked and in the right types."""

    line: int
    organisation: str
    neighbourhood: str
    year: int
    quarter: int
    positions: int
    full_time_equivalents: Decimal
    resident_positions: int


def _whole(text: str, column: str) -> tuple[int | None, str | None]:
    spaced = text.replace(" ", "").replace("\u00a0", "")
    if not _WHOLE.fullmatch(spaced):
        return None, _l("The column %(column)s holds “%(value)s”, which is not a whole number of 0 or more.",
                        column=column, value=text)
    return int(spaced), None


def _read_row(line: int, cell) -> tuple[JobsRow | None, list]:
    """Check one row's cells; return the row, or None and every reason it is bad."""
    problems = [_l("The column %(column)s is empty.", column=column)
                for column in LOCAL_JOBS.required if not cell(column)]
    if problems:
        return None, problems
    problems += too_long(cell, LOCAL_JOBS.longest)
    quarter = _QUARTER.fullmatch(cell("quarter"))
    if quarter is None:
        problems.append(_l("“%(value)s” is not a quarter: write it like 2026-Q3.", value=cell("quarter")))
    positions, positions_problem = _whole(cell("positions"), "positions")
    residents, residents_problem = _whole(cell("residents"), "residents")
    fte, fte_problem = number_value(cell("fte"))
    problems += [p for p in (positions_problem, residents_problem, fte_problem) if p]
    if problems:
        return None, problems
    return JobsRow(line, cell("organisation"), cell("neighbourhood"), int(quarter.group(1)), int(quarter.group(2)),
                   positions, fte, residents), []


def read_local_jobs(text: str) -> Register:
    """Read and check every row of a local jobs file."""
    return read_table(text, LOCAL_JOBS, _read_row)

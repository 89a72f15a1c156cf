"""Reading a register saved from a spreadsheet: CSV with a header row, in UTF-8.

Either comma or semicolon separates the cells (Excel in Swedish saves with semicolons); the
separator is the one the header line uses most. Every row is read and checked on its own here;
whether what it names exists is for the import (`imports/attendance.py`,
`imports/commitments.py`) to find out. Line numbers are the file's own, counting the header as
line 1, so that a row whose quoted cell runs over several lines is reported at the line where
it starts. `read_table` reads any format; `read_register` is the attendance register.
"""
import csv
import io
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email

from .. import dates
from ..attendance import default_status
from ..i18n import lazy_gettext as _l
from ..models import MeetingKind, ParticipationRole, ParticipationStatus, Sector
from ..models.meetings import LARGEST_HEADCOUNT
from ..text import control_characters, tidy
from .cell_words import enum_value, value_key
from .progress import READING, SILENT, Progress

COLUMNS = ("meeting", "date", "kind", "name", "email", "organisation", "sector", "role", "status", "count")
# The organisation is required on a person's row; a group's row (with a count) has none.
REQUIRED_COLUMNS = ("meeting", "date", "name")
# Header names in Swedish mean the same columns.
_COLUMN_ALIASES = {
    "mote": "meeting", "datum": "date", "typ": "kind", "motestyp": "kind", "namn": "name", "epost": "email",
    "mejl": "email", "organization": "organisation", "sektor": "sector", "roll": "role", "antal": "count",
}
_LONGEST = {"meeting": 300, "name": 200, "organisation": 200, "email": 254}
_WHOLE_NUMBER = re.compile(r"-?\d{1,9}")

@dataclass(frozen=True)
class FileFormat:
    """The columns a kind of register has, which of them a file must have, and what else they may be called."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)  # header name (as value_key has it) -> column
    longest: dict[str, int] = field(default_factory=dict)  # column -> most characters a cell may hold


ATTENDANCE = FileFormat(COLUMNS, REQUIRED_COLUMNS, _COLUMN_ALIASES, _LONGEST)


@dataclass
class RowError:
    line: int | None  # None: the file as a whole
    reason: str


@dataclass(slots=True)  # a migration's register holds 200,000 of them
class RegisterRow:
    """One row of the register, checked and in the right types."""

    line: int
    meeting: str
    day: date
    name: str
    organisation: str
    email: str | None = None
    kind: MeetingKind | None = None  # None: as the meeting is (a new one is a workshop)
    sector: Sector | None = None  # needed only for an organisation that is not registered
    role: ParticipationRole = ParticipationRole.PARTICIPANT
    status: ParticipationStatus = ParticipationStatus.ATTENDED
    count: int | None = None  # a group's row: `name` names the group, counted without names

    @property
    def is_headcount(self) -> bool:
        return self.count is not None


@dataclass
class Register:
    rows: list = field(default_factory=list)  # the rows that passed, as the format's row reader made them
    row_count: int = 0  # every row below the header that is not empty
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    unreadable: bool = False  # the file as a whole cannot be read: no row was checked


class UnreadableRegister(Exception):
    def __init__(self, error: RowError):
        super().__init__(error.reason)
        self.error = error


def decode_register(data: bytes) -> str:
    """Return the text of an uploaded register, which must be UTF-8 (a byte-order mark is fine)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise UnreadableRegister(RowError(line, _l(
            "The file is not UTF-8 text (this line is the first that is not). In Excel, save it as "
            "“CSV UTF-8”; a workbook (.xlsx) must be saved as CSV first."))) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _read_header(cells: list[str], file_format: FileFormat, register: Register) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, cell in enumerate(cells):
        key = value_key(cell)
        name = file_format.aliases.get(key, key)
        if name in file_format.columns:
            if name in positions:
                register.errors.append(RowError(1, _l("The column “%(name)s” appears twice in the header.", name=name)))
            positions[name] = position
        elif tidy(cell):
            register.ignored_columns.append(tidy(cell))
    missing = [name for name in file_format.required if name not in positions]
    if missing:
        register.errors.append(RowError(1, _l(
            "The header row lacks the columns %(missing)s. The first row must name the columns: %(columns)s.",
            missing=", ".join(missing), columns=", ".join(file_format.columns))))
    return positions


def _checked_email(text: str) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    try:
        return validate_email(text, check_deliverability=False).normalized.lower(), None
    except EmailNotValidError:
        return None, _l("“%(value)s” is not an e-mail address.", value=text)


def date_value(text: str, window: dates.Window) -> tuple[date | None, str | None]:
    """The day a cell gives as YYYY-MM-DD within its window of years (None for an empty cell), or None and why
    the cell is wrong."""
    return dates.read_date(text, window)


def too_long(cell: Callable[[str], str], longest: dict[str, int]) -> list:
    """Why the cells that hold more than their column allows are wrong."""
    return [_l("The column %(column)s holds more than %(num)d characters.", column=column, num=most)
            for column, most in longest.items() if len(cell(column)) > most]


def _count_value(text: str) -> tuple[int | None, str | None]:
    """The headcount a cell gives (None for an empty cell), or None and why the cell is wrong."""
    if not text:
        return None, None
    if not _WHOLE_NUMBER.fullmatch(text.replace(" ", "")):
        return None, _l("“%(value)s” is not a number of people.", value=text)
    count = int(text.replace(" ", ""))
    if count < 0:
        return None, _l("A headcount cannot be negative.")
    if count > LARGEST_HEADCOUNT:
        return None, _l("At most %(most)s people can be counted in one group: check the number.", most="100 000")
    return count, None


_MISSING = {"meeting": _l("The meeting's title is missing."), "date": _l("The date is missing."),
            "name": _l("The name is missing."), "organisation": _l("The organisation is missing.")}
_MISSING_IN_A_GROUP_ROW = {**_MISSING, "name": _l("The group is missing.")}
del _MISSING_IN_A_GROUP_ROW["organisation"]


def _read_row(line: int, cell: Callable[[str], str], email_cache: dict, date_cache: dict
              ) -> tuple[RegisterRow | None, list]:
    """Check one row's cells; return the row, or None and every reason it is bad.

    A row with a count is a group's: its name is the group's, and it names no person or organisation.
    The caches hold what the e-mail addresses and dates met so far were found to be.
    """
    problems = []
    count, count_problem = _count_value(cell("count"))
    group = bool(cell("count"))
    for column, message in (_MISSING_IN_A_GROUP_ROW if group else _MISSING).items():
        if not cell(column):
            problems.append(message)
    if group and (cell("email") or cell("organisation")):
        problems.append(_l("A row with a count counts a group without names: leave its e-mail and organisation "
                           "empty."))
    if count_problem:
        problems.append(count_problem)
    problems += too_long(cell, _LONGEST)
    if cell("date") not in date_cache:
        date_cache[cell("date")] = date_value(cell("date"), dates.PROGRAMME)
    day, day_problem = date_cache[cell("date")]
    if cell("email") not in email_cache:
        email_cache[cell("email")] = _checked_email(cell("email"))
    email, email_problem = email_cache[cell("email")]
    kind, kind_problem = enum_value(MeetingKind, cell("kind"))
    sector, sector_problem = enum_value(Sector, cell("sector"))
    role, role_problem = enum_value(ParticipationRole, cell("role"))
    status, status_problem = enum_value(ParticipationStatus, cell("status"))
    problems += [p for p in (day_problem, email_problem, kind_problem, sector_problem, role_problem, status_problem) if p]
    if problems:
        return None, problems
    # A title or organisation repeats on every row of its meeting or people: one copy each.
    return RegisterRow(
        line=line, meeting=sys.intern(cell("meeting")), day=day, name=cell("name"),
        organisation=sys.intern(cell("organisation")),
        email=email, kind=kind, sector=sector, role=role or ParticipationRole.PARTICIPANT,
        status=status or default_status(day, date.today()), count=count,
    ), []


def _records(text: str, delimiter: str):
    """Yield (line where the record starts, its cells) for every record of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last_line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise UnreadableRegister(RowError(last_line + 1, _l(
                "The file cannot be read as CSV from here on (%(detail)s). Check the quotes on this line.",
                detail=str(error)))) from None
        yield last_line + 1, cells
        last_line = reader.line_num


RowReader = Callable[[int, Callable[[str], str]], tuple[object | None, list]]


def read_table(text: str, file_format: FileFormat, read_row: RowReader, progress: Progress = SILENT) -> Register:
    """Read and check every row of a file in a format; the rows that pass and the reasons the others fail.

    `read_row(line, cell)` checks one row, where `cell(column)` is that column's tidied text,
    and returns the row, or None and every reason it is bad.
    """
    register = Register()
    if "\x00" in text:  # a binary file, not a spreadsheet saved as CSV (and PostgreSQL cannot store it)
        register.errors.append(RowError(text[:text.index("\x00")].count("\n") + 1, _l(
            "The file holds a NUL character on this line, so it is not a spreadsheet saved as CSV.")))
        register.unreadable = True
        return register
    delimiter = _delimiter(text)
    # Every cell's text as read, tidied, and the control characters in it: the same few names,
    # titles and values fill row after row of a register, and are checked once each.
    seen_cells: dict[str, tuple[str, list[str]]] = {}
    try:
        records = _records(text, delimiter)
        header = next(records, None)
        if header is None or not any(tidy(cell) for cell in header[1]):
            register.errors.append(RowError(1, _l("The file is empty. The first row must name the columns: %(columns)s.",
                                                  columns=", ".join(file_format.columns))))
            register.unreadable = True
            return register
        positions = _read_header(header[1], file_format, register)
        if register.errors:
            register.unreadable = True
            return register
        for line, cells in progress.track(READING, records, total=text.count("\n")):
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets save empty rows as a line of separators
            register.row_count += 1
            if any(cell.strip() for cell in cells[len(header[1]):]):
                register.errors.append(RowError(line, _l(
                    "This row has more cells than the header. A value with a “%(separator)s” in it must be "
                    "in double quotes.", separator=delimiter)))
                continue
            values, control_problems = _cells_by_column(cells, positions, file_format.columns, seen_cells)
            row, problems = read_row(line, values.__getitem__)
            problems = control_problems + problems
            if not problems:
                register.rows.append(row)
            else:
                register.errors.append(RowError(line, " ".join(str(problem) for problem in problems)))
    except UnreadableRegister as unreadable:
        register.errors.append(unreadable.error)
        register.unreadable = True
    if not register.row_count and not register.errors:
        register.errors.append(RowError(None, _l("The file has a header but no rows below it.")))
    return register


def _control_problem(column: str, found: list[str]):
    return _l("The column %(column)s holds an invisible control character (%(codes)s), which text cannot hold.",
              column=column, codes=", ".join(f"U+{ord(character):04X}" for character in found))


def _cells_by_column(cells: list[str], positions: dict[str, int], columns: tuple[str, ...],
                     seen_cells: dict[str, tuple[str, list[str]]]) -> tuple[dict[str, str], list]:
    """Each column's tidied text ("" when the row lacks it), and why the cells holding a control character are wrong.

    Line breaks and tabs become spaces; no other control character may stay. Text is composed
    (NFC), as the forms store it: "Åsa" from a Mac's file matches "Åsa" typed in.
    """
    values = dict.fromkeys(columns, "")
    problems = []
    for column, position in positions.items():
        if position >= len(cells):
            continue
        raw = cells[position]
        known = seen_cells.get(raw)
        if known is None:
            known = seen_cells[raw] = (tidy(unicodedata.normalize("NFC", raw)),
                                       control_characters(raw, multiline=True))
        values[column], found = known
        if found:
            problems.append(_control_problem(column, found))
    return values, problems


def read_register(text: str, progress: Progress = SILENT) -> Register:
    """Read and check every row of an attendance register."""
    email_cache: dict = {}
    date_cache: dict = {}
    return read_table(text, ATTENDANCE, lambda line, cell: _read_row(line, cell, email_cache, date_cache), progress)

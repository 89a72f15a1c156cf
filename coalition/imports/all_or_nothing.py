"""What every import of a register shares: the problems found by line, and all or nothing.

An import reads its file (`register_file.py`), then does its work in a savepoint: every row is
tried, and if any row is bad, or on a dry run, the savepoint is rolled back, so that nothing it
created is kept. Nothing is committed here: the caller commits when the result has no errors.
"""
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..errors import DomainError
from .register_file import Register, RowError


class Problems:
    """Every bad line's reasons, kept in file order and merged into one message per line."""

    def __init__(self, errors: Iterable[RowError] = ()):
        self._reasons: dict[int | None, list[str]] = defaultdict(list)
        for error in errors:
            self.add(error.line, error.reason)

    def add(self, line: int | None, reason) -> None:
        self._reasons[line].append(reason)

    def refused(self, line: int | None, error: DomainError) -> None:
        """Note every rule an operation found broken by the line's row."""
        for message in error.messages:
            self.add(line, message)

    def __contains__(self, line: int) -> bool:
        return line in self._reasons

    def errors(self) -> list[RowError]:
        return [RowError(line, " ".join(str(reason) for reason in reasons))
                for line, reasons in sorted(self._reasons.items(), key=lambda item: item[0] or 0)]


@dataclass
class ImportCounts:
    """What an import did (or, on a dry run or with errors, would do) and what stopped it."""

    rows: int = 0
    added: int = 0
    already_recorded: int = 0  # rows whose record was already there (left as it is)
    repeated: int = 0  # rows that repeat an earlier row of the file
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_all_or_nothing(session: Session, register: Register, result: ImportCounts,
                          work: Callable[[list, Problems], None], *, dry_run: bool):
    """Run `work(rows, problems)` over the register's good rows; keep what it did only if no line has a problem."""
    result.rows, result.ignored_columns = register.row_count, register.ignored_columns
    problems = Problems(register.errors)
    if register.unreadable:
        result.errors = problems.errors()
        return result
    rows = [row for row in register.rows if row.line not in problems]
    savepoint = session.begin_nested()
    try:
        with session.no_autoflush:
            work(rows, problems)
        result.errors = problems.errors()
        if result.errors or dry_run:
            savepoint.rollback()
        else:
            session.flush()
            savepoint.commit()
            result.written = True
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise
    return result

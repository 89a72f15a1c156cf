"""Writing many new rows at once, for an import of a whole register.

The ORM's flush costs about a millisecond a row at design scale: on SQLite it sends one INSERT
per object (it needs each new id back in order, which SQLite's RETURNING does not promise),
and the audit hook reads every object's attribute history. `insert_new` sends one statement
per few hundred rows instead, with the same values the ORM would write (the model's own
column defaults, version 1) and the same audit record per row. On PostgreSQL the rows go in
with COPY, which the server takes several times faster than an INSERT per row; they are the
same rows, converted by the columns' own types as an INSERT's parameters are. Either way the
network's change counter (collaboration/changes.py) counts the writes. What a flush hook
does besides (joining.py's joining days) is the caller's to do.
"""
import itertools
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from .audit import bulk_insert_records
from .collaboration.changes import count_copied_rows
from .models import AuditRecord

__all__ = ["insert_links", "insert_new"]

_BATCH = 5_000  # rows per call: bounds the parameters and audit records held at once


def _with_defaults(table: sa.Table, rows: list[dict], versioned: bool) -> list[dict]:
    """Fill in what the ORM would: the columns' Python-side defaults and the first version."""
    defaults = {}
    for column in table.columns:
        default = column.default
        if default is None or column.primary_key:
            continue
        # The callable defaults of the models are clocks (utcnow): one instant for the whole batch.
        if default.is_scalar:
            defaults[column.key] = default.arg
        elif default.is_callable:
            defaults[column.key] = default.arg(None)
    if versioned:
        defaults["version"] = 1
    return [{**defaults, **row} for row in rows]


def _copy(session: Session, table: sa.Table, rows: list[dict]) -> None:
    """Write rows with PostgreSQL's COPY, in the session's transaction."""
    connection = session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    columns = [table.c[key] for key in keys]
    # Each column's type converts a value as it would for an INSERT (an enum to its name, JSON to a document).
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    converted = [(position, process) for position, process in enumerate(processors) if process is not None]
    quote = dialect.identifier_preparer
    statement = (f"COPY {quote.format_table(table)} ({', '.join(quote.format_column(c) for c in columns)}) "
                 "FROM STDIN")
    driver_error = dialect.loaded_dbapi.Error
    try:
        with connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = [row[key] for key in keys]
                for position, process in converted:
                    if values[position] is not None:
                        values[position] = process(values[position])
                copy.write_row(values)
    except driver_error as error:
        # As SQLAlchemy's own error, as for a statement: a unique index's refusal is an IntegrityError,
        # which the pages answer as a clash with another writer.
        raise sa.exc.DBAPIError.instance(statement, None, error, driver_error, dialect=dialect) from error
    # COPY is no statement of the session's, which the change counter would see.
    count_copied_rows(session, table)


def _write(session: Session, table: sa.Table, rows: list[dict]) -> None:
    """Insert rows that each give the same columns (their ids, or none for the table's own)."""
    if session.get_bind().dialect.name == "postgresql":
        _copy(session, table, rows)
    else:
        session.execute(sa.insert(table), rows)


def _new_ids(session: Session, table: sa.Table, rows: list[dict]) -> list[int]:
    """Insert rows; their new ids, in the rows' order."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        # SQLAlchemy falls back to a statement per row for ordered RETURNING on SQLite. Unordered
        # is batched, and SQLite gives each new row one more than the largest id before it
        # (https://sqlite.org/autoinc.html), so the ids in ascending order are the rows' order.
        return sorted(session.execute(sa.insert(table).returning(table.c.id), rows).scalars())
    if dialect == "postgresql":
        # The ids are taken from the table's sequence first, as its default would (safe beside
        # other writers), so that the rows can go in with COPY, which returns nothing.
        sequence = session.scalar(sa.select(sa.func.pg_get_serial_sequence(table.name, "id")))
        ids = list(session.execute(sa.select(sa.func.nextval(sequence))
                                   .select_from(sa.func.generate_series(1, len(rows)))).scalars())
        _copy(session, table, [{"id": new_id, **row} for row, new_id in zip(rows, ids, strict=True)])
        return ids
    return list(session.execute(sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars())


def insert_new(session: Session, model, rows: Iterable[dict]) -> list[int]:
    """Insert new rows of a model, audited as a flush would; return their ids in the rows' order.

    Each row gives its column values by column name; what it leaves out gets the column's default.
    """
    table = model.__table__
    versioned = "version" in table.columns
    ids: list[int] = []
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, _BATCH)):
        chunk = _with_defaults(table, chunk, versioned)
        new_ids = _new_ids(session, table, chunk)
        for row, new_id in zip(chunk, new_ids, strict=True):
            row["id"] = new_id
        records = bulk_insert_records(session, model, chunk)
        _write(session, AuditRecord.__table__, _with_defaults(AuditRecord.__table__, records, versioned=False))
        ids += new_ids
    return ids


def insert_links(session: Session, table: sa.Table, rows: Iterable[dict]) -> None:
    """Insert rows of a link table (such as a commitment's parties), which the audit trail leaves out."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, _BATCH)):
        _write(session, table, chunk)

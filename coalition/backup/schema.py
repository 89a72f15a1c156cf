"""The schema a backup holds, compared with the one this code's migrations build.

A backup of this code's revision holds exactly the models' tables, columns, indexes and unique
constraints (``tests/test_database.py`` checks that the migrations build what the models say),
and no trigger, view, function or rule: Coalition makes none, so one found was planted. Both
kinds of backup are read without running anything in them: a SQLite file through its catalogue,
a PostgreSQL dump through `pg_restore --list` and the schema's SQL text.
"""
import re
import sqlite3
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..db import db

__all__ = ["Schema", "differences", "dump_schema", "expected_schema", "sqlite_schema"]

_ALEMBIC = "alembic_version"


@dataclass
class Schema:
    """Tables with their columns, indexes, unique constraints, and whatever else a database holds."""

    tables: dict[str, set[str]] = field(default_factory=dict)
    indexes: dict[str, tuple[str, tuple[str, ...], bool]] = field(default_factory=dict)  # name: table, columns, unique
    uniques: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)  # table, columns
    others: list[str] = field(default_factory=list)  # triggers, views, functions...: described


def expected_schema() -> Schema:
    """Return the schema this code's models (and so its migrations' head) have."""
    schema = Schema(tables={_ALEMBIC: {"version_num"}})
    for table in db.metadata.tables.values():
        schema.tables[table.name] = {column.name for column in table.columns}
        for index in table.indexes:
            schema.indexes[index.name] = (table.name, tuple(column.name for column in index.columns), bool(index.unique))
        schema.uniques |= {(table.name, tuple(column.name for column in constraint.columns))
                           for constraint in table.constraints if isinstance(constraint, sa.UniqueConstraint)}
    return schema


def sqlite_schema(connection: sqlite3.Connection) -> Schema:
    """Read the schema of an open SQLite database from its catalogue."""
    schema = Schema()
    for kind, name, table in connection.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"):
        schema.others.append(f"{kind} {name} on {table}")
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    for table in tables:
        schema.tables[table] = {row[1] for row in connection.execute("SELECT * FROM pragma_table_info(?)", (table,))}
        for _seq, index, unique, origin, _partial in connection.execute(
                "SELECT * FROM pragma_index_list(?)", (table,)):
            columns = tuple(row[2] for row in connection.execute(
                "SELECT * FROM pragma_index_info(?) ORDER BY seqno", (index,)))
            if origin == "c":
                schema.indexes[index] = (table, columns, bool(unique))
            elif origin == "u":
                schema.uniques.add((table, columns))
    return schema


# What `pg_restore --list` may show for a database these migrations made; anything else was added.
_DUMP_ENTRIES = ("FK CONSTRAINT", "SEQUENCE OWNED BY", "SEQUENCE SET", "TABLE DATA", "CONSTRAINT", "DEFAULT",
                 "INDEX", "SEQUENCE", "TABLE")
_TOC_ENTRY = re.compile(r"^\d+; \d+ \d+ (.+)$")
_CREATE_TABLE = re.compile(r"^CREATE TABLE public\.(\S+) \((.*?)^\);", re.M | re.S)
_CREATE_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX (\S+) ON public\.(\S+) USING \w+ \((.*?)\);", re.M)
_UNIQUE = re.compile(r"^ALTER TABLE ONLY public\.(\S+)\s+ADD CONSTRAINT \S+ UNIQUE \((.*?)\);", re.M)


def _names(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip('"') for part in text.split(","))


def _toc_others(listing: str) -> list[str]:
    others = []
    for line in listing.splitlines():
        entry = _TOC_ENTRY.match(line)
        if entry is None:
            continue  # a comment of the listing
        described = entry.group(1)
        if described.startswith(("SCHEMA - public ", "COMMENT - SCHEMA public ")):
            continue  # the schema every PostgreSQL database has
        kind = next((kind for kind in _DUMP_ENTRIES if described.startswith(f"{kind} public ")), None)
        if kind is None:
            others.append(described.rsplit(" ", 1)[0].lower())  # without the owner
    return others


def dump_schema(listing: str, schema_sql: str) -> Schema:
    """Read a PostgreSQL dump's schema from its table of contents and the SQL of its schema."""
    schema = Schema(others=_toc_others(listing))
    for table, body in _CREATE_TABLE.findall(schema_sql):
        lines = [line.strip() for line in body.strip().splitlines()]
        schema.tables[table.strip('"')] = {line.split()[0].strip('"') for line in lines
                                            if line and not line.startswith("CONSTRAINT ")}
    for unique, name, table, columns in _CREATE_INDEX.findall(schema_sql):
        schema.indexes[name.strip('"')] = (table.strip('"'), _names(columns), bool(unique))
    schema.uniques = {(table.strip('"'), _names(columns)) for table, columns in _UNIQUE.findall(schema_sql)}
    return schema


def differences(expected: Schema, found: Schema) -> list[str]:
    """Say, one line each, how the found schema differs from the expected one."""
    said = [f"it holds a {other}, which Coalition never makes" for other in found.others]
    for table in sorted(expected.tables.keys() - found.tables.keys()):
        said.append(f"it lacks the table {table}")
    for table in sorted(found.tables.keys() - expected.tables.keys()):
        said.append(f"it has a table {table} that this version does not")
    for table in sorted(expected.tables.keys() & found.tables.keys()):
        for column in sorted(expected.tables[table] - found.tables[table]):
            said.append(f"its table {table} lacks the column {column}")
        for column in sorted(found.tables[table] - expected.tables[table]):
            said.append(f"its table {table} has a column {column} that this version does not")
    for name in sorted(expected.indexes.keys() | found.indexes.keys()):
        wanted, held = expected.indexes.get(name), found.indexes.get(name)
        if held is None:
            said.append(f"it lacks the index {name}")
        elif wanted is None:
            said.append(f"it has an index {name} on {held[0]} that this version does not")
        elif wanted != held:
            said.append(f"its index {name} is not the one this version has")
    for table, columns in sorted(expected.uniques - found.uniques):
        said.append(f"its table {table} lacks the unique constraint on {', '.join(columns)}")
    for table, columns in sorted(found.uniques - expected.uniques):
        said.append(f"its table {table} has a unique constraint on {', '.join(columns)} that this version does not")
    return said

"""Record every insert, update and delete of domain data, once, from the session's flushes.

Inserts and updates are read from the session in after_flush. Deletes are caught row by row
by the mappers' after_delete event: ``session.deleted`` misses the objects a flush deletes
itself (orphans of a ``delete-orphan`` collection, such as a membership taken off a person).
"""
import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, object_session

from .json_values import json_value
from .models import AuditRecord

# Bookkeeping columns that change on every write and say nothing on their own. A login is not a
# change to the data: it goes to the security log (login.succeeded), not here.
_IGNORED_FIELDS = {"id", "version", "updated_at", "created_at", "name_key", "municipality_key", "title_key",
                   "description_key", "last_login_at"}
# Accounts audit themselves without their secrets.
_SECRET_FIELDS = {"password_hash", "session_generation", "calendar_feed_token_hash"}


def set_actor(session: Session, user_id: int | None, origin: str = "web") -> None:
    """Attribute the session's coming changes to a user, or to an origin such as "cli"."""
    session.info["audit_user_id"] = user_id
    session.info["audit_origin"] = origin


# Values JSON holds as they are; checked first, as an import records hundreds of thousands.
_AS_THEY_ARE = frozenset({str, int, float, bool, type(None)})


def _plain(value):
    """Turn a column value into something JSON can hold."""
    if type(value) in _AS_THEY_ARE:
        return value
    if hasattr(value, "__table__"):  # a related object in a collection: its id
        key = inspect(value).mapper.primary_key_from_instance(value)
        return key[0] if len(key) == 1 else list(key)
    return json_value(value)


def _entity_id(obj) -> str:
    # Read from the columns: a new object's identity key is only set after the flush.
    return ",".join(str(part) for part in inspect(obj).mapper.primary_key_from_instance(obj))


def _changes(obj, action: str) -> dict:
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.attrs:
        key = attr.key
        if key in _IGNORED_FIELDS or key in _SECRET_FIELDS:
            continue
        if isinstance(attr, sa.orm.RelationshipProperty) and not attr.uselist:
            continue  # many-to-one: its foreign key column is already recorded
        history = state.attrs[key].history
        if action == "update" and not history.has_changes():
            continue
        if isinstance(attr, sa.orm.RelationshipProperty):
            if action == "update":
                changes[key] = [sorted(_plain(o) for o in history.deleted), sorted(_plain(o) for o in history.added)]
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else (history.unchanged[0] if history.unchanged else None)
        if action == "insert":
            if after is not None and after != "":
                changes[key] = [None, _plain(after)]
        elif action == "delete":
            changes[key] = [_plain(history.unchanged[0] if history.unchanged else before), None]
        elif before != after:
            changes[key] = [_plain(before), _plain(after)]
    for key in _SECRET_FIELDS & set(state.mapper.columns.keys()):
        if action == "update" and state.attrs[key].history.has_changes():
            changes[key] = ["…", "…"]
    return changes


def _row(session: Session, obj, action: str, changes: dict) -> dict:
    return {
        "user_id": session.info.get("audit_user_id"), "origin": session.info.get("audit_origin", "system"),
        "action": action, "entity": type(obj).__name__, "entity_id": _entity_id(obj), "changes": changes,
    }


def bulk_insert_records(session: Session, model, rows: list[dict]) -> list[dict]:
    """The audit records of rows a bulk statement inserts, as the flush hook records each inserted object.

    `rows` are the inserted rows' column values, each with its id; an import that writes many
    rows with one statement keeps its audit trail record by record this way (bulk.py writes them).
    """
    if not rows:
        return []
    entity = model.__name__
    user_id, origin = session.info.get("audit_user_id"), session.info.get("audit_origin", "system")
    recorded = [key for key in dict.fromkeys(key for row in rows for key in row)
                if key not in _IGNORED_FIELDS and key not in _SECRET_FIELDS]
    return [{"user_id": user_id, "origin": origin, "action": "insert", "entity": entity, "entity_id": str(row["id"]),
             "changes": {key: [None, _plain(row[key])] for key in recorded if row.get(key) is not None and row[key] != ""}}
            for row in rows]


def _open_flush(session: Session, _flush_context, _instances) -> None:
    # Marks the session as audited and forgets deletions a failed earlier flush left behind.
    session.info["audit_deletions"] = {}


def _record_deletion(_mapper, _connection, obj) -> None:
    """Keep a deleted row's old values, whatever made the flush delete it."""
    session = object_session(obj)
    deletions = session.info.get("audit_deletions") if session is not None else None
    if deletions is None or isinstance(obj, AuditRecord):
        return  # a session without an audit trail
    deletions[inspect(obj)] = _row(session, obj, "delete", _changes(obj, "delete"))


def _record_flush(session: Session, _flush_context) -> None:
    deletions = session.info.pop("audit_deletions", None) or {}
    rows = []
    for action, objects in (("insert", session.new), ("update", session.dirty)):
        for obj in objects:
            if isinstance(obj, AuditRecord) or inspect(obj) in deletions:
                continue  # an orphan is also dirty: its removal from the collection
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append(_row(session, obj, action, changes))
    rows.extend(deletions.values())
    if rows:
        # Core insert on the flush's own connection: same transaction, no second flush.
        session.connection().execute(sa.insert(AuditRecord), rows)


def init_app(app) -> None:
    from .db import db

    if not event.contains(db.session, "after_flush", _record_flush):
        event.listen(db.session, "before_flush", _open_flush)
        event.listen(db.session, "after_flush", _record_flush)
    if not event.contains(db.Model, "after_delete", _record_deletion):
        event.listen(db.Model, "after_delete", _record_deletion, propagate=True)

"""Erasure by anonymisation (GDPR Art. 17): a person's identifying data removed everywhere, the statistics kept.

What is erased: the person's name, e-mail, phone, title, notes and consent wording; the
titles of their memberships; the text of the interactions logged with them (a call's notes are
about the person even where they do not name them: the interaction's day and kind stay); every mention of their name, e-mail or phone in free text anywhere
in the database (minutes, agendas, notes, descriptions, comments...: `mentions.py` says where and
how they are found), replaced by ``TOKEN``; the values the audit trail kept of all of these (the
record that a change happened stays, its values become ``SCRUBBED``); and any stored network
result that holds their label. What stays: the person row itself, with its dates and lawful
basis, and their participations and memberships, so that network figures and attendance counts
do not change. Files are not changed: the attachments of their meetings are listed for an admin
to review (``attachments.attachments_to_review``).

The rewrites are Core statements, not ORM changes: the automatic audit trail would otherwise
record the old values once more. One audit record says who anonymised whom and why.
Organisation names are left alone (they are keyed and matched), and so are user accounts.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..collaboration import forget_results_naming, forget_shared_figures, network_cache
from ..db import checkpoint_after_commit, db
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import AuditRecord, Person, StoredReport
from ..models.base import utcnow
from ..text import match_key, tidy
from .mentions import DERIVED_KEYS, MentionSearch, audit_records_mentioning, find_mentions

__all__ = ["Erasure", "TOKEN", "anonymise_people", "anonymise_person", "identifying_strings", "linked_record_ids"]

TOKEN = "[anonymised]"
SCRUBBED = "…"
REASON_LENGTH = 500
# Shorter values (initials, "Bo") would match inside ordinary text.
MIN_LENGTH = 3
IDENTIFYING_FIELDS = ("name", "email", "phone", "title", "notes", "consent_method", "consent_text_version",
                      "restriction_reason")
# Where the audit trail names the person by id: (entity, field of the person's id, fields to scrub).
_LINKED_ENTITIES = (("Membership", "person_id", ("title",)), ("Participation", "person_id", ()),
                    ("FollowUpAction", "responsible_person_id", ()), ("Interaction", "person_id", ("text",)))


@dataclass(frozen=True)
class Erasure:
    """What an anonymisation changed, in counts (never the values)."""

    people: int
    mentions: int
    audit_records: int
    snapshots: int


def identifying_strings(person: Person) -> list[str]:
    """Return the person's name, e-mail and phone: what is searched for in free text."""
    values = {tidy(v) for v in (person.name, person.email, person.phone) if v}
    return sorted((v for v in values if len(v) >= MIN_LENGTH), key=len, reverse=True)


def _scrub_free_text(session: Session, search: MentionSearch, now) -> int:
    tables = {table.name: table for table in db.metadata.sorted_tables}
    by_column: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for mention in find_mentions(session, search):
        scrubbed = search.scrubbed(mention.text, TOKEN)
        by_column[(mention.table, mention.column)].append(
            {"row_id": mention.row_id, "scrubbed": scrubbed, "scrubbed_key": match_key(scrubbed)})
    for (table_name, column), rows in by_column.items():
        table = tables[table_name]
        values = {column: sa.bindparam("scrubbed")}
        if (table_name, column) in DERIVED_KEYS:  # the search key must not keep the erased name either
            values[DERIVED_KEYS[(table_name, column)]] = sa.bindparam("scrubbed_key")
        if "version" in table.c:  # an edit form opened before this must not write the name back
            values["version"] = table.c.version + 1
        if "updated_at" in table.c:
            values["updated_at"] = now
        key = next(iter(table.primary_key.columns))
        # One statement per column, many rows: each statement run through the session is counted as a change.
        session.execute(sa.update(table).where(key == sa.bindparam("row_id")).values(**values), rows)
    return sum(len(rows) for rows in by_column.values())


def linked_record_ids(session: Session, entity: str, field: str, person_id: int) -> set[str]:
    """Return the ids of records of an entity whose audit trail links them to the person, deleted ones too."""
    text = sa.cast(AuditRecord.changes, sa.Text)
    # A narrow first cut on the stored JSON ({"person_id": [null, 5], ...}); the loop below decides.
    mentioned = sa.or_(text.contains(f'"{field}": [null, {person_id}]'), text.contains(f'"{field}": [{person_id}, '),
                       sa.and_(text.contains(f'"{field}": ['), text.contains(f", {person_id}]")))
    rows = session.execute(
        sa.select(AuditRecord.entity_id, AuditRecord.changes).where(AuditRecord.entity == entity, mentioned)
    )
    return {entity_id for entity_id, changes in rows if person_id in (changes or {}).get(field, ())}


def _replace_in(value, search: MentionSearch):
    if isinstance(value, str):
        return search.scrubbed(value, TOKEN)
    if isinstance(value, list):
        return [_replace_in(v, search) for v in value]
    if isinstance(value, dict):
        return {k: _replace_in(v, search) for k, v in value.items()}
    return value


def _blanked(pair) -> list:
    return [SCRUBBED if v not in (None, "") else v for v in pair]


def _linked_audit_records(session: Session, fields_of: dict[tuple[str, str], tuple[str, ...]]) -> list[tuple]:
    conditions = [sa.and_(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
                  for entity, entity_id in fields_of]
    rows = []
    for chunk_start in range(0, len(conditions), 200):
        rows += session.execute(sa.select(AuditRecord.id, AuditRecord.entity, AuditRecord.entity_id,
                                          AuditRecord.changes)
                                .where(sa.or_(*conditions[chunk_start:chunk_start + 200]))).all()
    return rows


def _scrub_audit_trail(session: Session, people: list[Person], search: MentionSearch) -> int:
    fields_of: dict[tuple[str, str], tuple[str, ...]] = {}
    for person in people:
        fields_of[("Person", str(person.id))] = IDENTIFYING_FIELDS
        for entity, field, fields in _LINKED_ENTITIES:
            if fields:
                for entity_id in linked_record_ids(session, entity, field, person.id):
                    fields_of[(entity, entity_id)] = fields
    records = {row[0]: row for row in _linked_audit_records(session, fields_of)}
    records.update((row[0], row) for row in audit_records_mentioning(session, search))
    changed: list[dict] = []
    for record_id, entity, entity_id, changes in records.values():
        blanked = dict(changes or {})
        for field in fields_of.get((entity, entity_id), ()):
            if field in blanked:
                blanked[field] = _blanked(blanked[field])
        scrubbed = _replace_in(blanked, search)
        if scrubbed != changes:
            changed.append({"record_id": record_id, "scrubbed": scrubbed})
    if changed:
        table = AuditRecord.__table__
        session.execute(sa.update(table).where(table.c.id == sa.bindparam("record_id"))
                        .values(changes=sa.bindparam("scrubbed", type_=table.c.changes.type)), changed)
    return len(changed)


def anonymise_people(session: Session, people: list[Person], reason: str) -> Erasure:
    """Erase the identifying data of each person everywhere, keeping what they took part in, anonymously."""
    reason = tidy(reason)
    if not reason:
        raise DomainError(_l("Say why the personal data is erased."), field="reason")
    if len(reason) > REASON_LENGTH:
        raise DomainError(_l("Keep the reason under %(count)d characters.", count=REASON_LENGTH), field="reason")
    if any(person.anonymised_at is not None for person in people):
        raise DomainError(_l("This person has already been anonymised."), field="reason")
    if not people:
        return Erasure(0, 0, 0, 0)
    session.flush()
    strings = sorted({s for person in people for s in identifying_strings(person)}, key=len, reverse=True)
    search = MentionSearch(strings)
    ids = [person.id for person in people]
    today, now = date.today(), utcnow()
    persons, memberships = Person.__table__, db.metadata.tables["memberships"]
    session.execute(sa.update(persons).where(persons.c.id.in_(ids)).values(
        name="", name_key="", email=None, phone="", title="", notes="", consent_method="", consent_text_version="",
        restriction_reason="", anonymised_at=today, version=persons.c.version + 1, updated_at=now,
    ))
    session.execute(sa.update(memberships).where(memberships.c.person_id.in_(ids), memberships.c.title != "")
                    .values(title="", version=memberships.c.version + 1, updated_at=now))
    interactions = db.metadata.tables["interactions"]
    session.execute(sa.update(interactions).where(interactions.c.person_id.in_(ids), interactions.c.text != "")
                    .values(text=TOKEN, version=interactions.c.version + 1, updated_at=now))
    mentions = _scrub_free_text(session, search, now)
    audit_records = _scrub_audit_trail(session, people, search)
    snapshots = forget_results_naming(session, strings) if strings else 0
    # A stored report PDF may quote a follow-up or a note naming them: render anew, without.
    session.execute(sa.delete(StoredReport.__table__))
    logged_reason = search.scrubbed(reason, TOKEN)
    session.execute(sa.insert(AuditRecord.__table__), [{
        "user_id": session.info.get("audit_user_id"), "origin": session.info.get("audit_origin", "system"),
        "action": "update", "entity": "Person", "entity_id": str(person_id),
        "changes": {"anonymised_at": [None, today.isoformat()], "anonymisation_reason": [None, logged_reason]},
    } for person_id in ids])
    session.expire_all()
    network_cache.clear()
    forget_shared_figures()
    checkpoint_after_commit(session)
    return Erasure(len(ids), mentions, audit_records, snapshots)


def anonymise_person(session: Session, person: Person, reason: str) -> Erasure:
    """Erase one person's identifying data everywhere (see ``anonymise_people``)."""
    return anonymise_people(session, [person], reason)

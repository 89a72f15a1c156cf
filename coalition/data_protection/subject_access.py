"""Everything held about one person, for access and portability requests (GDPR Art. 15 and 20).

Every table that refers to a person has a section in ``SECTIONS``; a test compares it with the
foreign keys of the schema, so a new table about people cannot be left out of the export.
Besides those: the person's own row (every column), the free text that mentions them, and
the audit-trail entries about them and their linked records.
"""
import json
import unicodedata
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..json_values import json_value
from ..models import (
    AuditRecord,
    FollowUpAction,
    Interaction,
    Meeting,
    Membership,
    Organisation,
    Participation,
    Person,
    Survey,
    SurveyRecipient,
)
from ..models.base import utcnow
from .anonymisation import identifying_strings, linked_record_ids
from .mentions import MentionSearch, audit_records_mentioning, find_mentions

__all__ = ["SECTIONS", "person_links", "subject_access_json", "subject_access_report"]

EXCERPT = 80


def person_links(metadata: sa.MetaData) -> set[tuple[str, str]]:
    """Return (table, column) of every foreign key that points at a person."""
    return {(table.name, fk.parent.name) for table in metadata.tables.values() for fk in table.foreign_keys
            if fk.column.table.name == Person.__tablename__}


def _memberships(session: Session, person: Person) -> list[dict]:
    rows = session.execute(
        sa.select(Membership.id, Organisation.name, Membership.title, Membership.from_date, Membership.until_date)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.person_id == person.id).order_by(Membership.from_date, Membership.id)
    )
    return [{"id": r.id, "organisation": r.name, "title": r.title, "from": json_value(r.from_date),
             "until": json_value(r.until_date)} for r in rows]


def _participations(session: Session, person: Person) -> list[dict]:
    rows = session.execute(
        sa.select(Participation.id, Meeting.id.label("meeting_id"), Meeting.title, Meeting.kind, Meeting.starts_at,
                  Organisation.name.label("organisation"), Participation.role, Participation.status)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.person_id == person.id).order_by(Meeting.starts_at, Participation.id)
    )
    return [{"id": r.id, "meeting_id": r.meeting_id, "meeting": r.title, "kind": json_value(r.kind),
             "starts_at": json_value(r.starts_at), "organisation": r.organisation, "role": json_value(r.role),
             "status": json_value(r.status)} for r in rows]


def _actions(session: Session, person: Person) -> list[dict]:
    rows = session.execute(
        sa.select(FollowUpAction.id, Meeting.title, FollowUpAction.description, FollowUpAction.due_on,
                  FollowUpAction.done_on)
        .join(Meeting, Meeting.id == FollowUpAction.meeting_id)
        .where(FollowUpAction.responsible_person_id == person.id).order_by(FollowUpAction.id)
    )
    return [{"id": r.id, "meeting": r.title, "description": r.description, "due_on": json_value(r.due_on),
             "done_on": json_value(r.done_on)} for r in rows]


def _surveys_addressed(session: Session, person: Person) -> list[dict]:
    rows = session.execute(
        sa.select(SurveyRecipient.id, Survey.title_sv, Organisation.name, SurveyRecipient.submitted_at)
        .join(Survey, Survey.id == SurveyRecipient.survey_id)
        .join(Organisation, Organisation.id == SurveyRecipient.organisation_id)
        .where(SurveyRecipient.contact_person_id == person.id).order_by(SurveyRecipient.id)
    )
    return [{"id": r.id, "survey": r.title_sv, "organisation": r.name, "answered_at": json_value(r.submitted_at)}
            for r in rows]


def _interactions(session: Session, person: Person) -> list[dict]:
    rows = session.execute(
        sa.select(Interaction.id, Interaction.kind, Interaction.happened_on, Organisation.name, Interaction.text,
                  Interaction.joint_work)
        .join(Organisation, Organisation.id == Interaction.organisation_id)
        .where(Interaction.person_id == person.id).order_by(Interaction.happened_on, Interaction.id)
    )
    return [{"id": r.id, "kind": json_value(r.kind), "on": json_value(r.happened_on), "organisation": r.name,
             "text": r.text, "joint_work": r.joint_work} for r in rows]


# (table, column referring to the person) -> (section name, audit entity, reader)
SECTIONS: dict[tuple[str, str], tuple[str, str, Callable[[Session, Person], list[dict]]]] = {
    ("memberships", "person_id"): ("memberships", "Membership", _memberships),
    ("participations", "person_id"): ("participations", "Participation", _participations),
    ("follow_up_actions", "responsible_person_id"): ("follow_up_actions", "FollowUpAction", _actions),
    # The person a survey was addressed to, for an organisation (what it answered is the organisation's).
    ("survey_recipients", "contact_person_id"): ("surveys_addressed", "SurveyRecipient", _surveys_addressed),
    ("interactions", "person_id"): ("interactions", "Interaction", _interactions),
}


# Records since deleted are found only by searching the audit trail's JSON: affordable for
# memberships (tens of thousands), not for participations (hundreds of thousands, ids only).
DELETED_RECORDS_SEARCHED = {"Membership", "FollowUpAction", "Interaction"}


def _audit_trail(session: Session, person: Person, sections: dict[str, list[dict]]) -> list[dict]:
    wanted = [sa.and_(AuditRecord.entity == "Person", AuditRecord.entity_id == str(person.id))]
    for (_table, column), (name, entity, _reader) in SECTIONS.items():
        ids = {str(row["id"]) for row in sections[name]}
        if entity in DELETED_RECORDS_SEARCHED:
            ids |= linked_record_ids(session, entity, column, person.id)
        ids = sorted(ids)
        for start in range(0, len(ids), 500):
            wanted.append(sa.and_(AuditRecord.entity == entity, AuditRecord.entity_id.in_(ids[start:start + 500])))
    rows = session.execute(
        sa.select(AuditRecord.at, AuditRecord.action, AuditRecord.entity, AuditRecord.entity_id, AuditRecord.origin,
                  AuditRecord.changes).where(sa.or_(*wanted)).order_by(AuditRecord.at, AuditRecord.id)
    )
    return [{"at": json_value(r.at), "action": r.action, "entity": r.entity, "entity_id": r.entity_id,
             "origin": r.origin, "changes": r.changes} for r in rows]


def _excerpt(text: str, search: MentionSearch) -> str:
    found = search.first(text)
    at = found.start() if found else 0
    text = unicodedata.normalize("NFC", text)  # where the search found it
    start = max(at - EXCERPT, 0)
    return ("…" if start else "") + text[start:at + EXCERPT] + ("…" if at + EXCERPT < len(text) else "")


def _mentions(session: Session, person: Person, search: MentionSearch) -> list[dict]:
    """The free texts that mention the person, and the audit trail's values that did (every version of a text).

    Their own record's history is left out here: the audit trail section holds it whole.
    """
    mentions = [{"table": m.table, "column": m.column, "id": json_value(m.row_id), "excerpt": _excerpt(m.text, search)}
                for m in find_mentions(session, search)]
    for record_id, entity, entity_id, changes in audit_records_mentioning(session, search):
        if (entity, entity_id) == ("Person", str(person.id)):
            continue
        for field, values in (changes or {}).items():
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and search.first(value):
                    mentions.append({"table": "audit_records", "column": f"{entity}.{field}", "id": record_id,
                                     "record": f"{entity} {entity_id}", "excerpt": _excerpt(value, search)})
    return mentions


def subject_access_report(session: Session, person: Person) -> dict:
    """Gather everything held about the person, as plain data ready for JSON."""
    sections = {name: reader(session, person) for name, _entity, reader in SECTIONS.values()}
    search = MentionSearch(identifying_strings(person) if person.anonymised_at is None else [])
    mentions = _mentions(session, person, search)
    return {
        "generated_at": utcnow().isoformat(timespec="seconds"),
        "person": {column.name: json_value(getattr(person, column.key))
                   for column in Person.__table__.columns if column.key != "name_key"},
        **sections,
        "mentions": mentions,
        "audit_trail": _audit_trail(session, person, sections),
    }


def subject_access_json(session: Session, person: Person) -> str:
    """Return the report as indented JSON, readable by a person and by another system."""
    return json.dumps(subject_access_report(session, person), ensure_ascii=False, indent=2, default=str)

"""Bulk writes for imports (coalition/bulk.py) leave the rows and audit trail a flush would leave.

On PostgreSQL they go in with COPY, on SQLite with INSERT statements: each test runs on both,
against the ORM's own write as the yardstick.
"""
from datetime import datetime

import pytest
import sqlalchemy as sa

from coalition.bulk import insert_links, insert_new
from coalition.collaboration.changes import data_version
from coalition.db import db
from coalition.models import (
    AuditRecord,
    MeetingKind,
    Organisation,
    OrganisationKind,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Sector,
)
from coalition.models.meetings import meeting_neighbourhoods
from coalition.text import match_key

_CLOCKS = {"id", "created_at", "updated_at"}
# What COPY's text format must escape: a tab, a line break, a backslash and its NULL marker.
AWKWARD_NOTES = "Tab\there, new\nline, back\\slash, \\N and a quote's \"end\""


def _columns(obj, *, leave_out=frozenset()) -> dict:
    return {column.key: getattr(obj, column.key) for column in obj.__table__.columns
            if column.key not in _CLOCKS | leave_out}


def _audited_changes(entity: str, entity_id: int) -> dict:
    record = db.session.scalars(db.select(AuditRecord).where(AuditRecord.entity == entity,
                                                             AuditRecord.entity_id == str(entity_id))).one()
    return {"origin": record.origin, "action": record.action, "changes": record.changes}


def test_a_bulk_written_organisation_equals_one_the_orm_writes(app):
    fields = {"sector": Sector.PRIVATE, "notes": AWKWARD_NOTES, "org_number": None}
    flushed = Organisation(name="Flushed AB", kind=OrganisationKind.OTHER, **fields)
    db.session.add(flushed)
    db.session.flush()
    [bulk_id] = insert_new(db.session, Organisation, [{"name": "Bulk AB", "name_key": match_key("Bulk AB"), **fields}])
    db.session.commit()

    bulk = db.session.get(Organisation, bulk_id)
    assert bulk.notes == AWKWARD_NOTES
    # The joining day is joining.py's flush hook's, which an import works out itself (new_records.py).
    differ = {"name", "name_key", "joined_on"}
    assert _columns(bulk, leave_out=differ) == _columns(flushed, leave_out=differ)
    flushed_audit, bulk_audit = _audited_changes("Organisation", flushed.id), _audited_changes("Organisation", bulk_id)
    assert bulk_audit["changes"].pop("name") == [None, "Bulk AB"]
    assert flushed_audit["changes"].pop("name") == [None, "Flushed AB"]
    assert bulk_audit == flushed_audit


def test_bulk_written_participations_equal_those_the_orm_writes(app, make_meeting, make_person, make_organisation):
    club = make_organisation("Backens IF")
    meeting = make_meeting("Samråd", datetime(2026, 3, 10, 18, 0), MeetingKind.COORDINATION)
    anna, omar = make_person("Anna Berg", organisation=club), make_person("Omar Haddad", organisation=club)
    flushed = Participation(meeting_id=meeting.id, person_id=anna.id, organisation_id=club.id,
                            role=ParticipationRole.ORGANISER, status=ParticipationStatus.NO_SHOW)
    db.session.add(flushed)
    db.session.flush()
    [bulk_id] = insert_new(db.session, Participation, [{
        "meeting_id": meeting.id, "person_id": omar.id, "organisation_id": club.id,
        "role": ParticipationRole.ORGANISER, "status": ParticipationStatus.NO_SHOW}])
    db.session.commit()

    bulk = db.session.get(Participation, bulk_id)
    assert bulk.person_id == omar.id
    assert _columns(bulk, leave_out={"person_id"}) == _columns(flushed, leave_out={"person_id"})
    flushed_audit = _audited_changes("Participation", flushed.id)
    bulk_audit = _audited_changes("Participation", bulk_id)
    assert bulk_audit["changes"].pop("person_id") == [None, omar.id]
    assert flushed_audit["changes"].pop("person_id") == [None, anna.id]
    assert bulk_audit == flushed_audit


def test_bulk_writes_raise_the_networks_data_version(app, make_meeting, make_neighbourhood):
    meeting = make_meeting("Samråd", datetime(2026, 3, 10, 18, 0), MeetingKind.COORDINATION)
    neighbourhood = make_neighbourhood("Backen")
    before = data_version(db.session)
    insert_links(db.session, meeting_neighbourhoods,
                 [{"meeting_id": meeting.id, "neighbourhood_id": neighbourhood.id}])
    db.session.commit()

    assert data_version(db.session) != before
    assert [n.name for n in meeting.neighbourhoods] == ["Backen"]


def test_bulk_writes_are_undone_with_the_transaction(app):
    before = db.session.scalar(db.select(db.func.count()).select_from(AuditRecord))
    insert_new(db.session, Organisation, [{"name": f"Förening {n}", "name_key": f"forening {n}",
                                           "sector": Sector.CIVIL} for n in range(3)])
    db.session.rollback()

    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditRecord)) == before


def test_a_bulk_write_that_a_unique_index_refuses_is_an_integrity_error(app, make_organisation):
    make_organisation("Backens IF")
    with pytest.raises(sa.exc.IntegrityError):
        insert_new(db.session, Organisation, [{"name": "Backens IF", "name_key": match_key("Backens IF"),
                                               "sector": Sector.CIVIL}])
    db.session.rollback()

    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 1

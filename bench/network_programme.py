"""Build (or reuse) a design-scale programme database for the network benchmark.

5,000 organisations, 20,000 persons, 10,000 meetings with 200,000 participations, 100
neighbourhoods, 20,000 commitments, 400 initiatives and 2,000 declared relationships, drawn
with a fixed random seed by SQLAlchemy Core bulk inserts. Meetings draw most of their people
from one "area" of 100 organisations, and each area holds two neighbourhoods, so the network is
clustered and a neighbourhood filter keeps a few hundred actors, as in a real programme.

``Scale(share)`` draws the same programme at a share of that size (every count but the 100
neighbourhoods and 50 areas scaled), for bench/growth.py.
"""
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_migrate import upgrade

from coalition.db import db
from coalition.models import (
    Commitment,
    Initiative,
    Meeting,
    MeetingKind,
    Membership,
    Neighbourhood,
    Organisation,
    Participation,
    Person,
)
from coalition.models.commitments import commitment_parties, initiative_neighbourhoods, initiative_participants
from coalition.models.meetings import meeting_neighbourhoods
from coalition.models.places import organisation_neighbourhoods
from coalition.models.relationships import Relationship
from coalition.text import match_key

__all__ = ["FULL", "MEETINGS", "NEIGHBOURHOODS", "ORGANISATIONS", "PARTICIPATIONS", "Scale", "prepare"]

ORGANISATIONS, PERSONS, MEETINGS, PARTICIPATIONS = 5_000, 20_000, 10_000, 200_000
AREAS, NEIGHBOURHOODS, COMMITMENTS, INITIATIVES, RELATIONSHIPS = 50, 100, 20_000, 400, 2_000


@dataclass(frozen=True)
class Scale:
    """The design-scale programme, or a share of it (0.25: 1,250 organisations)."""

    share: float = 1.0

    def of(self, count: int) -> int:
        return round(count * self.share)

    @property
    def organisations(self) -> int:
        return self.of(ORGANISATIONS)

    @property
    def area_size(self) -> int:  # organisations per area
        return self.organisations // AREAS


FULL = Scale()
SECTORS = ("private", "public", "civil", "academic")
FIRST_DAY = datetime(2017, 1, 1, 9)


def prepare(*, rebuild: bool = False, scale: Scale = FULL) -> str:
    """Migrate and fill the app's database unless it already holds the programme; say which."""
    if rebuild:
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade()
    count = db.session.execute(sa.select(sa.func.count()).select_from(Organisation)).scalar()
    db.session.rollback()
    if count == scale.organisations:
        return "reused"
    if count:
        raise SystemExit(f"the database holds {count} organisations, not {scale.organisations}: use --rebuild")
    with db.engine.begin() as connection:
        fill(connection, scale)
        if connection.dialect.name == "postgresql":  # ids were given: move the sequences past them
            for table in (Organisation, Person, Membership, Meeting, Participation, Neighbourhood, Commitment,
                          Initiative, Relationship):
                name = table.__tablename__
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
    with db.engine.begin() as connection:  # planner statistics, as autovacuum would gather them in time
        connection.exec_driver_sql("ANALYZE")
    return "built"


def fill(connection, scale: Scale = FULL) -> None:
    """Insert the design-scale programme, or its share (fixed seed: the same rows every time)."""
    rng = random.Random(2026)
    organisations, persons, meetings = scale.organisations, scale.of(PERSONS), scale.of(MEETINGS)
    now = datetime(2026, 11, 24)
    common = {"version": 1, "created_at": now, "updated_at": now}
    insert = lambda table, rows: connection.execute(sa.insert(table), rows)  # noqa: E731
    insert(Organisation.__table__, [
        {"id": i, "name": f"Organisation {i}", "name_key": match_key(f"Organisation {i}"), "sector": SECTORS[i % 4], **common}
        for i in range(1, organisations + 1)])
    insert(Person.__table__, [
        {"id": i, "name": f"Person {i}", "name_key": match_key(f"Person {i}"), "lawful_basis": "legitimate_interest", **common}
        for i in range(1, persons + 1)])
    organisation_of = {p: 1 + (p - 1) % organisations for p in range(1, persons + 1)}
    insert(Membership.__table__, [{"id": p, "person_id": p, "organisation_id": o, **common}
                                  for p, o in organisation_of.items()])
    kinds = [str(kind) for kind in MeetingKind]
    insert(Meeting.__table__, [
        {"id": i, "kind": kinds[i % len(kinds)], "title": f"Meeting {i}", "title_key": match_key(f"Meeting {i}"),
         "starts_at": FIRST_DAY + timedelta(days=rng.randrange(3650)), **common} for i in range(1, meetings + 1)])
    rows, per_meeting, area_of = [], PARTICIPATIONS // MEETINGS, {}
    for meeting in range(1, meetings + 1):
        area = area_of[meeting] = rng.randrange(AREAS)
        people = set()
        while len(people) < per_meeting:
            if rng.random() < 0.9:
                organisation = _area_organisation(rng, area, scale)
                people.add(organisation + organisations * rng.randrange(4))
            else:
                people.add(1 + rng.randrange(persons))
        rows += [{"meeting_id": meeting, "person_id": p, "organisation_id": organisation_of[p],
                  "status": "attended", "role": "participant", **common} for p in people]
    insert(Participation.__table__, [{"id": i, **row} for i, row in enumerate(rows, 1)])
    _fill_places_and_joint_work(insert, rng, common, area_of, scale)


def _area_organisation(rng, area: int, scale: Scale) -> int:
    return 1 + area * scale.area_size + rng.randrange(scale.area_size)


def _fill_places_and_joint_work(insert, rng, common: dict, area_of: dict, scale: Scale) -> None:
    """Two neighbourhoods per area; commitments, initiatives and relationships mostly within an area."""
    insert(Neighbourhood.__table__, [
        {"id": n, "name": f"Neighbourhood {n}", "name_key": match_key(f"Neighbourhood {n}"), "municipality": "Malmö",
         "municipality_key": match_key("Malmö"), "stage": "acting", "description": "", **common}
        for n in range(1, NEIGHBOURHOODS + 1)])
    per_area = NEIGHBOURHOODS // AREAS
    insert(organisation_neighbourhoods, [
        {"organisation_id": o, "neighbourhood_id": 1 + min((o - 1) // scale.area_size, AREAS - 1) * per_area
         + (o % per_area)} for o in range(1, scale.organisations + 1)])
    insert(meeting_neighbourhoods, [
        {"meeting_id": m, "neighbourhood_id": 1 + area * per_area + rng.randrange(per_area)}
        for m, area in area_of.items() if rng.random() < 0.95])
    insert(Initiative.__table__, [
        {"id": i, "name": f"Initiative {i}", "name_key": match_key(f"Initiative {i}"), "status": "active",
         "started_on": date(2017, 1, 1) + timedelta(days=rng.randrange(3650)), **common}
        for i in range(1, scale.of(INITIATIVES) + 1)])
    participants, places = set(), []
    for initiative in range(1, scale.of(INITIATIVES) + 1):
        area = rng.randrange(AREAS)
        participants.update((initiative, _area_organisation(rng, area, scale)) for _ in range(rng.randrange(2, 7)))
        places.append({"initiative_id": initiative, "neighbourhood_id": 1 + area * per_area + rng.randrange(per_area)})
    insert(initiative_participants, [{"initiative_id": i, "organisation_id": o} for i, o in sorted(participants)])
    insert(initiative_neighbourhoods, places)
    statuses = ("proposed", "agreed", "in_progress", "withdrawn", "lapsed")
    commitments, parties = [], set()
    for commitment in range(1, scale.of(COMMITMENTS) + 1):
        area = rng.randrange(AREAS)
        placed = rng.random() < 0.8
        commitments.append({
            "id": commitment, "kind": "staff_time", "description": f"Commitment {commitment}",
            "description_key": match_key(f"Commitment {commitment}"),
            "status": statuses[rng.randrange(len(statuses))],
            "neighbourhood_id": 1 + area * per_area + rng.randrange(per_area) if placed else None,
            "made_on": date(2017, 1, 1) + timedelta(days=rng.randrange(3650)), **common})
        parties.update((commitment, _area_organisation(rng, area, scale)) for _ in range(rng.randrange(1, 4)))
    insert(Commitment.__table__, commitments)
    insert(commitment_parties, [{"commitment_id": c, "organisation_id": o} for c, o in sorted(parties)])
    relationships = []
    for relationship in range(1, scale.of(RELATIONSHIPS) + 1):
        area = rng.randrange(AREAS)
        first, second = _area_organisation(rng, area, scale), _area_organisation(rng, area, scale)
        if first != second:
            start = date(2017, 1, 1) + timedelta(days=rng.randrange(3650))
            relationships.append({"id": relationship, "from_organisation_id": first, "to_organisation_id": second,
                                  "kind": "partnership", "from_date": start, "until_date": None, **common})
    insert(Relationship.__table__, relationships)

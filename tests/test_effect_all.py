"""The effect table of every neighbourhood, read in one pass, holds exactly what each neighbourhood's own view holds.

``every_neighbourhood_effect`` reads each kind of figure once for all neighbourhoods and the
collaboration network's rows once; ``neighbourhood_effect`` reads one neighbourhood's. Both are
compared here on a small programme built to hit the network's scoping rules, and on the demo.
"""
import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from coalition import kpis, neighbourhoods
from coalition.collaboration import network_cache
from coalition.commitments import CommitmentDetails, create_commitment
from coalition.db import db
from coalition.interactions import InteractionDetails, create_interaction
from coalition.models import (
    CommitmentKind,
    CommitmentStatus,
    Direction,
    InteractionKind,
    Membership,
    Neighbourhood,
    RelationshipKind,
    Sector,
    Stage,
    Unit,
)
from coalition.models.base import utcnow
from coalition.neighbourhood_effect import every_neighbourhood_effect, neighbourhood_effect
from coalition.relationships import RelationshipDetails, create_relationship


def _one_by_one(places):
    network_cache.clear()  # each path computes its own figures
    return [neighbourhood_effect(db.session, place) for place in places]


def _all_at_once(places):
    network_cache.clear()
    return every_neighbourhood_effect(db.session, places)


@pytest.fixture
def two_places(app, make_neighbourhood, make_organisation, make_person, make_meeting):
    """Väst and Öst share an organisation and a meeting; Tom has nobody.

    What each scoping rule decides, in Väst:
    - Norrbo (private, registered in Öst) is Väst's actor only by coming to its meeting;
    - a placeless commitment of the municipality, the club and Norrbo ties them in 2025-Q1;
    - in 2025-Q3 the municipality meets Öst's university, and the club meets alone; the declared
      relationship between the club and the university ties them, but a joint visit whose parties
      are the club, the municipality and Fjärran (never active in Väst) ties nobody there: a
      neighbourhood's network reads placeless joint interactions only when all their parties are its actors;
    - an archived organisation registered in Väst that never took part is no actor.
    """
    vast = make_neighbourhood("Väst", population=2000)
    ost = make_neighbourhood("Öst")
    empty = make_neighbourhood("Tom", population=300)
    neighbourhoods.change_stage(db.session, vast, Stage.MOBILISING, changed_on=date(2025, 1, 5))
    neighbourhoods.change_stage(db.session, vast, Stage.ACTING, changed_on=date(2025, 7, 1))
    town = make_organisation("Västra kommun", Sector.PUBLIC, neighbourhoods=[vast])
    club = make_organisation("Väst IF", Sector.CIVIL, neighbourhoods=[vast])
    company = make_organisation("Norrbo AB", Sector.PRIVATE, neighbourhoods=[ost])
    university = make_organisation("Östra högskolan", Sector.ACADEMIC, neighbourhoods=[ost])
    faraway = make_organisation("Fjärran", Sector.CIVIL, neighbourhoods=[ost])
    make_organisation("Gamla föreningen", Sector.CIVIL, neighbourhoods=[vast], archived_at=utcnow())
    make_meeting("Trygghetsvandring", datetime(2025, 2, 10, 18), neighbourhood_ids=[vast.id],
                 attendees=[(make_person(), town), (make_person(), club), (make_person(), company)])
    make_meeting("Forskarträff", datetime(2025, 5, 10, 18), neighbourhood_ids=[ost.id],
                 attendees=[(make_person(), company), (make_person(), university)])
    make_meeting("Gemensam dialog", datetime(2025, 8, 1, 18), neighbourhood_ids=[vast.id, ost.id],
                 attendees=[(make_person(), town), (make_person(), university)])
    make_meeting("Klubbkväll", datetime(2025, 8, 20, 18), neighbourhood_ids=[vast.id], attendees=[(make_person(), club)])
    create_commitment(db.session, CommitmentDetails(
        CommitmentKind.FUNDING, "Gemensam pott", [town.id, club.id, company.id], D("30000"), Unit.SEK,
        made_on=date(2025, 3, 1)), status=CommitmentStatus.AGREED)
    create_commitment(db.session, CommitmentDetails(
        CommitmentKind.FUNDING, "Läxhjälp", [town.id], D("50000"), Unit.SEK, neighbourhood_id=vast.id,
        made_on=date(2025, 2, 1)), status=CommitmentStatus.AGREED)
    guest = make_person("Gäst", town)
    db.session.add(Membership(person_id=guest.id, organisation_id=faraway.id))
    db.session.commit()
    create_interaction(db.session, InteractionDetails(club.id, InteractionKind.VISIT, date(2025, 8, 2),
                                                      person_id=guest.id, joint_work=True))
    create_relationship(db.session, RelationshipDetails(club.id, university.id, RelationshipKind.PARTNERSHIP,
                                                        from_date=date(2025, 1, 1)))
    kpi = kpis.create_kpi(db.session, kpis.KpiDetails("Otrygghet", "%", Direction.LOWER_IS_BETTER))
    kpis.set_target(db.session, kpi, kpis.TargetDetails(ost.id, D("40"), date(2025, 1, 1), D("30"), date(2028, 1, 1)))
    kpis.record_measurement(db.session, kpi, kpis.MeasurementDetails(ost.id, date(2025, 6, 30), D("38")))
    db.session.commit()
    return [vast, ost, empty]


def test_every_neighbourhood_at_once_equals_each_on_its_own(two_places):
    vast, ost, empty = two_places
    together = _all_at_once(two_places)
    assert together == _one_by_one(two_places)
    by_quarter = {q.label: q for q in together[0].quarters}
    first, third = by_quarter["2025-Q1"], by_quarter["2025-Q3"]
    # The meeting and the placeless commitment: the municipality, the club and Norrbo, all tied.
    assert (first.collaboration.figures.actors, first.collaboration.figures.ties) == (3, 3)
    assert first.collaboration.sectors_present == ("private", "public", "civil")
    # The meeting and the declared relationship tie the university to both; the visit ties nobody.
    assert (third.collaboration.figures.actors, third.collaboration.figures.ties) == (3, 2)
    assert first.committed == {"sek": D("50000.00")} and first.stage == "mobilising" and third.stage == "acting"
    assert [k.kpi.name for k in together[1].kpis] == ["Otrygghet"]
    assert all(q.collaboration is None or q.collaboration.figures.actors == 0 for q in together[2].quarters)


def test_the_export_of_every_neighbourhood_is_each_neighbourhoods_export_one_after_another(two_places, client_as):
    client = client_as("viewer")
    assert _export_rows(client, _prepared(client)) == [
        row for place in sorted(two_places, key=lambda p: p.name_key)
        for row in _export_rows(client, f"/effect/neighbourhoods/{place.id}.csv")]


def _prepared(client) -> str:
    """Start the export of every neighbourhood (a background job, run at once in tests) and return its file's address."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/effect/effect.csv").text).group(1)
    response = client.post("/effect/effect.csv", data={"csrf_token": token})
    assert response.status_code == 303
    return response.headers["Location"] + "/effect.csv"


def _export_rows(client, url: str) -> list[dict]:
    """The CSV's rows, without the columns left empty (a KPI followed elsewhere has a column in the full table)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))]


def test_on_the_demo_every_neighbourhood_at_once_equals_each_on_its_own(demo, demo_viewer):
    places = list(db.session.scalars(sa.select(Neighbourhood).where(Neighbourhood.archived_at.is_(None))
                                     .order_by(Neighbourhood.name_key)))
    together = _all_at_once(places)
    assert together == _one_by_one(places)
    assert sum(q.collaboration.figures.ties for e in together for q in e.quarters if q.collaboration) > 100
    full = _export_rows(demo_viewer, _prepared(demo_viewer))
    assert full == [row for place in places for row in _export_rows(demo_viewer, f"/effect/neighbourhoods/{place.id}.csv")]

"""Initiatives: what the coalition sets out to do, who joins, and what is pledged and delivered for it."""
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from coalition import commitments, initiatives
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import (
    CommitmentKind,
    CommitmentStatus,
    Initiative,
    InitiativeStatus,
    Meeting,
    MeetingKind,
    Sector,
    Unit,
)

MADE_ON = date.today() - timedelta(days=30)


@pytest.fixture
def make_initiative(app):
    def build(name: str = "Sommarjobb 2026", **fields) -> Initiative:
        initiative = initiatives.create_initiative(db.session, initiatives.InitiativeDetails(name=name, **fields))
        db.session.commit()
        return initiative

    return build


def _initiative(name: str) -> Initiative | None:
    return db.session.scalar(db.select(Initiative).where(Initiative.name == name))


def test_staff_record_an_initiative_from_a_workshop_with_its_lead_and_participants(
        client_as, make_organisation, make_neighbourhood):
    lead = make_organisation("Norrvik kommun", sector=Sector.PUBLIC)
    bank = make_organisation("Sparbanken", sector=Sector.PRIVATE)
    backen = make_neighbourhood("Backen")
    workshop = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop: Sommarjobb", starts_at=datetime(2026, 2, 12, 9))
    db.session.add(workshop)
    db.session.commit()
    response = client_as("staff").post("/initiatives/new", data={
        "name": "  Sommarjobb   2026 ", "status": "active", "description": "Jobb för unga",
        "lead_organisation_id": lead.id, "participant_ids": [bank.id], "neighbourhood_ids": [backen.id],
        "origin_meeting_id": workshop.id, "started_on": "2026-03-01",
    })
    initiative = _initiative("Sommarjobb 2026")
    assert response.status_code == 302
    assert initiative.status is InitiativeStatus.ACTIVE
    assert initiative.lead_organisation == lead
    assert [o.name for o in initiative.participants] == ["Norrvik kommun", "Sparbanken"]  # the lead takes part
    assert [n.name for n in initiative.neighbourhoods] == ["Backen"]
    assert initiative.origin_meeting == workshop and initiative.started_on == date(2026, 3, 1)


def test_an_initiative_needs_a_name_of_its_own(app, make_initiative):
    make_initiative("Läxhjälp för alla")
    with pytest.raises(DomainError) as refused:
        initiatives.create_initiative(db.session, initiatives.InitiativeDetails(name="läxhjälp FÖR alla"))
    assert refused.value.field == "name" and "already" in refused.value.message
    db.session.rollback()
    with pytest.raises(DomainError) as refused:
        initiatives.create_initiative(db.session, initiatives.InitiativeDetails(name="   "))
    assert refused.value.field == "name"


def test_a_duplicate_name_is_explained_in_the_form(client_as, make_initiative):
    make_initiative("Trygga stråk")
    response = client_as("staff").post("/initiatives/new", data={"name": "Trygga Stråk", "status": "proposed"})
    assert response.status_code == 200
    assert "There is already an initiative called Trygga stråk." in response.get_data(as_text=True)


def test_the_initiative_page_shows_its_commitments_totals_and_participants_by_sector(
        client_as, make_initiative, make_organisation):
    bank = make_organisation("Sparbanken", sector=Sector.PRIVATE)
    stad = make_organisation("Norrvik kommun", sector=Sector.PUBLIC)
    initiative = make_initiative("Sommarjobb 2026", participant_ids=[bank.id, stad.id])

    def record(description, amount, unit, status, unit_label=""):
        commitment = commitments.create_commitment(db.session, commitments.CommitmentDetails(
            kind=CommitmentKind.FUNDING, description=description, party_ids=[bank.id], amount=amount, unit=unit,
            unit_label=unit_label, initiative_id=initiative.id, made_on=MADE_ON), status=CommitmentStatus.AGREED)
        if status is not CommitmentStatus.AGREED:
            commitments.record_status_change(db.session, commitment, status, changed_on=date.today(),
                                             comment="Enligt plan")
        return commitment

    record("Lönemedel", Decimal("400000"), Unit.SEK, CommitmentStatus.DELIVERED)
    record("Mer lönemedel", Decimal("100000"), Unit.SEK, CommitmentStatus.AGREED)
    record("Återtaget bidrag", Decimal("999"), Unit.SEK, CommitmentStatus.WITHDRAWN)
    record("Sommarjobb", Decimal("25"), Unit.COUNT, CommitmentStatus.DELIVERED, unit_label="sommarjobb")
    db.session.commit()
    page = client_as("viewer").get(f"/initiatives/{initiative.id}").get_data(as_text=True).replace("\xa0", " ")
    assert "Lönemedel" in page and "Återtaget bidrag" in page
    totals = page[page.index('id="initiative-totals"'):page.index("</table>", page.index('id="initiative-totals"'))]
    sek_row = totals[totals.index("<th scope=\"row\" class=\"fw-normal\">SEK"):]
    assert sek_row.index("500,000 SEK") < sek_row.index("400,000 SEK")  # pledged, then delivered
    assert "999" not in totals
    assert "sommarjobb" in totals
    private = page[page.index('id="participants-private"'):page.index('id="participants-public"')]
    assert "Sparbanken" in private and "Norrvik kommun" not in private


def test_the_initiative_shows_its_newest_commitments_and_counts_them_all(make_initiative, make_organisation):
    bank = make_organisation("Sparbanken", sector=Sector.PRIVATE)
    initiative = make_initiative("Läxhjälp")
    other = make_initiative("Annat")
    for days, description, chosen in [(30, "Äldst", initiative), (10, "Nyast", initiative), (20, "Mitten", initiative),
                                      (5, "Annans", other)]:
        commitments.create_commitment(db.session, commitments.CommitmentDetails(
            kind=CommitmentKind.FUNDING, description=description, party_ids=[bank.id], amount=Decimal(1000),
            unit=Unit.SEK, initiative_id=chosen.id, made_on=date.today() - timedelta(days=days)),
            status=CommitmentStatus.AGREED)
    db.session.commit()
    found = initiatives.initiative_commitments(db.session, initiative, shown=2)
    assert [c.description for c in found.latest] == ["Nyast", "Mitten"]
    assert [party.name for party in found.latest[0].parties] == ["Sparbanken"]
    assert found.total == 3
    [sek] = found.pledged
    assert (sek.unit, sek.pledged) == (Unit.SEK, Decimal(3000))


def test_the_list_filters_by_status_neighbourhood_and_organisation(
        client_as, make_initiative, make_neighbourhood, make_organisation):
    backen = make_neighbourhood("Backen")
    bank = make_organisation("Sparbanken")
    make_initiative("Aktiv på Backen", status=InitiativeStatus.ACTIVE, neighbourhood_ids=[backen.id])
    make_initiative("Bankens idé", lead_organisation_id=bank.id)
    viewer = client_as("viewer")
    active = viewer.get("/initiatives/?status=active").get_data(as_text=True)
    assert "Aktiv på Backen" in active and "Bankens idé" not in active
    on_backen = viewer.get(f"/initiatives/?neighbourhood={backen.id}").get_data(as_text=True)
    assert "Aktiv på Backen" in on_backen and "Bankens idé" not in on_backen
    with_bank = viewer.get(f"/initiatives/?organisation={bank.id}").get_data(as_text=True)
    assert "Bankens idé" in with_bank and "Aktiv på Backen" not in with_bank


def test_a_viewer_reads_initiatives_but_cannot_change_them(client_as, make_initiative):
    initiative = make_initiative("Trygga stråk")
    viewer = client_as("viewer")
    assert "Trygga stråk" in viewer.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert viewer.get("/initiatives/new").status_code == 403
    assert viewer.post("/initiatives/new", data={"name": "Nytt", "status": "proposed"}).status_code == 403
    assert viewer.post(f"/initiatives/{initiative.id}/edit", data={
        "name": "Ändrat", "status": "active", "version": initiative.version}).status_code == 403
    assert _initiative("Nytt") is None and _initiative("Trygga stråk") is not None


def test_a_conflicting_edit_of_an_initiative_is_refused(client_as, make_initiative):
    initiative = make_initiative("Original")
    version = initiative.version
    first, second = client_as("staff"), client_as("staff")
    url = f"/initiatives/{initiative.id}/edit"
    assert first.post(url, data={"name": "Först", "status": "active", "version": version}).status_code == 302
    response = second.post(url, data={"name": "Sist", "status": "active", "version": version})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).name == "Först"


def test_the_edit_form_shows_the_initiative_as_it_is(client_as, make_initiative, make_organisation):
    member = make_organisation("Läxhjälpen")
    initiative = make_initiative("Läxhjälp", participant_ids=[member.id], started_on=date(2026, 8, 17),
                                 status=InitiativeStatus.PAUSED)
    page = client_as("staff").get(f"/initiatives/{initiative.id}/edit").get_data(as_text=True)
    assert 'value="2026-08-17"' in page
    assert f'<input type="hidden" name="participant_ids" value="{member.id}" data-name="Läxhjälpen">' in page
    assert '<option selected value="paused">' in page

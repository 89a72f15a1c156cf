"""Organisation pickers at 5,000 organisations: a type-ahead that suggests a few, and forms that
resolve a typed name on the server, so that they work without JavaScript too."""
import re
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from coalition import commitments
from coalition.commitments import CommitmentDetails
from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    Initiative,
    Meeting,
    MeetingKind,
    Organisation,
    OrganisationKind,
    Relationship,
    RelationshipKind,
    Sector,
)
from coalition.text import match_key


def _suggested(client, q, **params):
    response = client.get("/api/organisations/suggestions", query_string={"q": q, **params})
    assert response.status_code == 200
    return [row["name"] for row in response.get_json()["results"]]


def _commitment_form(parties_text: str, **fields) -> dict:
    return {"kind": "funding", "description": "Bidrag till läxhjälpen", "amount": "1000", "unit": "sek",
            "status": "proposed", "party_ids-names": parties_text, **fields}


def _field_errors(page: str) -> list[str]:
    return re.findall(r'<div class="invalid-feedback d-block">(.*?)</div>', page, re.S)


def test_suggestions_ignore_case_accents_and_spacing(client_as, make_organisation):
    make_organisation("Malmö  Stad", sector=Sector.PUBLIC)
    make_organisation("Hyresgästföreningen")
    staff = client_as("staff")
    assert _suggested(staff, "MALMO stad") == ["Malmö Stad"]
    assert _suggested(staff, "gastforen") == ["Hyresgästföreningen"]
    result = staff.get("/api/organisations/suggestions?q=malmo").get_json()["results"][0]
    assert result["sector"] == "Public sector" and isinstance(result["id"], int)


def test_names_that_start_with_the_text_come_first(client_as, make_organisation):
    make_organisation("Bostäder i Malmö")
    make_organisation("Malmö universitet")
    make_organisation("Alfa Malmö")
    assert _suggested(client_as("staff"), "malmö") == ["Malmö universitet", "Alfa Malmö", "Bostäder i Malmö"]


def test_archived_organisations_are_suggested_only_when_already_chosen(client_as, make_organisation):
    gone = make_organisation("Gamla föreningen", archived_at=datetime(2025, 1, 1))
    make_organisation("Gamla stan förening")
    staff = client_as("staff")
    assert _suggested(staff, "gamla") == ["Gamla stan förening"]
    assert _suggested(staff, "gamla", keep=gone.id) == ["Gamla föreningen", "Gamla stan förening"]


def test_an_organisation_number_finds_the_organisation(client_as, make_organisation):
    make_organisation("Stiftelsen Fryshuset", org_number="212000-1124")
    make_organisation("Annan förening")
    assert _suggested(client_as("staff"), "2120001") == ["Stiftelsen Fryshuset"]


def test_at_most_fifteen_are_suggested(client_as, make_organisation):
    for number in range(20):
        make_organisation(f"Idrottsförening {number:02d}")
    assert len(_suggested(client_as("staff"), "idrott")) == 15


def test_the_type_ahead_is_for_logged_in_users_only(client, client_as, make_organisation):
    make_organisation("Malmö stad")
    assert client.get("/api/organisations/suggestions?q=malm").status_code == 302
    assert _suggested(client_as("viewer"), "malm") == ["Malmö stad"]  # the lists' filters use it too


def test_a_list_is_filtered_by_a_typed_organisation_name(client_as, make_organisation):
    city = make_organisation("Malmö stad")
    tenants = make_organisation("Hyresgästföreningen")
    db.session.add_all([
        Meeting(kind=MeetingKind.WORKSHOP, title="Stadens verkstad", starts_at=datetime(2026, 3, 4, 18),
                organiser=city),
        Meeting(kind=MeetingKind.WORKSHOP, title="Föreningens stämma", starts_at=datetime(2026, 3, 5, 18),
                organiser=tenants),
    ])
    db.session.commit()
    viewer = client_as("viewer")
    page = viewer.get("/meetings/", query_string={"organisation-name": "malmo stad"}).text
    assert "Stadens verkstad" in page and "Föreningens stämma" not in page
    assert 'name="organisation-name" value="malmo stad"' in page
    unknown = viewer.get("/meetings/", query_string={"organisation-name": "Okänd"}).text
    assert any("No organisation is called “Okänd”." in error for error in _field_errors(unknown))
    assert "Stadens verkstad" in unknown and "Föreningens stämma" in unknown


def test_the_commitments_register_is_filtered_by_a_typed_organisation_name(client_as, make_organisation):
    city, tenants = make_organisation("Malmö stad"), make_organisation("Hyresgästföreningen")
    for party, description in ((city, "Stadens bidrag"), (tenants, "Föreningens lokal")):
        commitments.create_commitment(db.session, CommitmentDetails(
            party_ids=[party.id], kind=CommitmentKind.FUNDING, description=description))
    db.session.commit()
    viewer = client_as("viewer")
    page = viewer.get("/commitments/", query_string={"organisation-name": "malmo stad"}).text
    assert "Stadens bidrag" in page and "Föreningens lokal" not in page
    by_id = viewer.get("/commitments/", query_string={"organisation": tenants.id}).text  # the organisation page's link
    assert "Föreningens lokal" in by_id and "Stadens bidrag" not in by_id
    assert 'value="Hyresgästföreningen"' in by_id


def test_typed_party_names_without_javascript_are_resolved(client_as, make_organisation):
    city = make_organisation("Malmö stad", sector=Sector.PUBLIC)
    tenants = make_organisation("Hyresgästföreningen")
    typed = "  malmo STAD \nHyresgastforeningen\n"
    response = client_as("staff").post("/commitments/new", data=_commitment_form(typed))
    assert response.status_code == 302
    commitment = db.session.scalar(sa.select(Commitment))
    assert {party.id for party in commitment.parties} == {city.id, tenants.id}


def test_an_unknown_party_is_explained_beside_the_field_and_the_text_is_kept(client_as, make_organisation):
    make_organisation("Malmö stad")
    response = client_as("staff").post("/commitments/new", data=_commitment_form("Malmö stad\nOkänd förening"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert any("No organisation is called “Okänd förening”." in error and 'href="/organisations/new"' in error
               for error in _field_errors(page))
    assert "Malmö stad\nOkänd förening</textarea>" in page
    assert db.session.scalar(sa.select(sa.func.count(Commitment.id))) == 0


def test_a_name_longer_than_any_organisation_can_have_is_refused_not_searched(client_as, make_organisation):
    """A pasted page of text once made SQLite refuse the near-miss search as "pattern too complex"."""
    make_organisation("Malmö stad")
    response = client_as("staff").post("/commitments/new", data=_commitment_form("x" * 100_000))
    assert response.status_code == 200
    assert any("No organisation is called “" + "x" * 200 + "…”." in error for error in _field_errors(response.text))
    assert _suggested(client_as("staff"), "x" * 100_000) == []
    assert db.session.scalar(sa.select(sa.func.count(Commitment.id))) == 0


def test_a_part_of_several_names_lists_them_and_keeps_the_input(client_as, make_organisation):
    make_organisation("Malmö stad")
    make_organisation("Malmö FF")
    make_organisation("Lund kommun")
    response = client_as("staff").post("/relationships/new", data={
        "from_organisation_id-name": "Malmö", "to_organisation_id-name": "Lund kommun", "kind": "partnership"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    errors = _field_errors(page)
    assert len(errors) == 1 and "Malmö FF" in errors[0] and "Malmö stad" in errors[0]
    assert 'name="from_organisation_id-name" value="Malmö"' in page
    assert db.session.scalar(sa.select(sa.func.count(Relationship.id))) == 0


def test_the_typed_name_wins_over_the_id_of_the_earlier_choice(client_as, make_organisation):
    first, second, third = (make_organisation(name) for name in ("Malmö stad", "Lund kommun", "Hyresgästföreningen"))
    tie = Relationship(from_organisation=first, to_organisation=second, kind=RelationshipKind.PARTNERSHIP)
    db.session.add(tie)
    db.session.commit()
    # Without JavaScript the hidden id of the earlier choice is sent with the name typed over it.
    response = client_as("staff").post(f"/relationships/{tie.id}/edit", data={
        "from_organisation_id": first.id, "from_organisation_id-name": "Hyresgästföreningen",
        "to_organisation_id": second.id, "to_organisation_id-name": "Lund kommun",
        "kind": "partnership", "version": tie.version})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Relationship, tie.id).from_organisation_id == third.id


def test_the_edit_forms_show_the_organisations_chosen_by_name(client_as, make_organisation):
    city = make_organisation("Malmö stad")
    tenants = make_organisation("Hyresgästföreningen")
    tie = Relationship(from_organisation=city, to_organisation=tenants, kind=RelationshipKind.PARTNERSHIP)
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Verkstad", starts_at=datetime(2026, 3, 4, 18),
                      organiser=tenants)
    db.session.add_all([tie, meeting])
    db.session.commit()
    commitment = commitments.create_commitment(db.session, CommitmentDetails(
        kind=CommitmentKind.POLICY_CHANGE, description="Löfte", party_ids=[city.id, tenants.id]))
    db.session.commit()
    staff = client_as("staff")
    page = staff.get(f"/relationships/{tie.id}/edit").get_data(as_text=True)
    assert 'name="from_organisation_id-name" value="Malmö stad"' in page
    assert 'name="to_organisation_id-name" value="Hyresgästföreningen"' in page
    assert 'name="organiser_id-name" value="Hyresgästföreningen"' in staff.get(f"/meetings/{meeting.id}/edit").text
    commitment_page = staff.get(f"/commitments/{commitment.id}/edit").text
    names = re.search(r'name="party_ids-names"[^>]*>\s*(.*?)</textarea>', commitment_page, re.S)[1]
    assert sorted(names.splitlines()) == ["Hyresgästföreningen", "Malmö stad"]


def test_an_archived_party_stays_on_its_commitment_but_cannot_be_newly_chosen(client_as, make_organisation):
    former = make_organisation("Nedlagda föreningen")
    commitment = commitments.create_commitment(db.session, CommitmentDetails(
        kind=CommitmentKind.POLICY_CHANGE, description="Löfte", party_ids=[former.id]))
    db.session.commit()
    former.archived_at = datetime(2026, 1, 1)
    db.session.commit()
    staff = client_as("staff")
    kept = staff.post(f"/commitments/{commitment.id}/edit", data={
        "kind": "policy_change", "description": "Löfte, ändrat", "party_ids-names": "Nedlagda föreningen",
        "version": commitment.version})
    assert kept.status_code == 302
    refused = staff.post("/commitments/new", data=_commitment_form("Nedlagda föreningen"))
    assert any("Nedlagda föreningen is archived" in error for error in _field_errors(refused.text))


def test_a_membership_is_added_by_typing_the_organisation(client_as, make_organisation, make_person):
    tenants = make_organisation("Hyresgästföreningen")
    person = make_person("Amira Hassan")
    staff = client_as("staff")
    response = staff.post(f"/people/{person.id}/memberships", data={"organisation_id-name": "hyresgästföreningen",
                                                                   "from_date": "2024-02-01"})
    assert response.status_code == 302
    db.session.expire_all()
    assert [m.organisation_id for m in db.session.get(type(person), person.id).memberships] == [tenants.id]
    empty = staff.post(f"/people/{person.id}/memberships", data={"organisation_id-name": " "})
    assert "Name the organisation." in empty.text


@pytest.fixture
def two_thousand_organisations(app):
    rows = [{"name": f"Förening {number:04d}", "name_key": match_key(f"Förening {number:04d}"),
             "sector": Sector.CIVIL, "kind": OrganisationKind.ASSOCIATION, "version": 1, "website": "", "notes": "",
             "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1)} for number in range(2000)]
    db.session.execute(sa.insert(Organisation), rows)
    db.session.commit()


def test_the_forms_stay_small_with_two_thousand_organisations(client_as, two_thousand_organisations):
    staff = client_as("staff")
    for url in ("/commitments/new", "/initiatives/new", "/relationships/new", "/meetings/new", "/commitments/",
                "/meetings/", "/initiatives/", "/people/", "/relationships/"):
        page = staff.get(url).get_data(as_text=True)
        assert page.count("<option") < 100, url
        assert "Förening 1999" not in page, url
        assert len(page.encode()) < 60_000, url
    assert _suggested(staff, "förening 19") == [f"Förening {n}" for n in range(1900, 1915)]


def test_an_initiative_takes_its_lead_and_participants_by_name(client_as, make_organisation):
    lead = make_organisation("Malmö stad")
    bank = make_organisation("Sparbanken Skåne")
    response = client_as("staff").post("/initiatives/new", data={
        "name": "Sommarjobb", "status": "active", "lead_organisation_id-name": "malmö stad",
        "participant_ids-names": "Sparbanken Skåne", "started_on": date(2026, 6, 1).isoformat()})
    assert response.status_code == 302
    initiative = db.session.scalar(sa.select(Initiative))
    assert initiative.lead_organisation_id == lead.id
    assert bank.id in {o.id for o in initiative.participants}


def test_part_of_one_name_is_offered_but_never_taken_silently(client_as, make_organisation):
    make_organisation("Stiftelsen Fryshuset")
    make_organisation("Lund kommun")
    response = client_as("staff").post("/relationships/new", data={
        "from_organisation_id-name": "Fryshuset", "to_organisation_id-name": "Lund kommun", "kind": "partnership"})
    assert response.status_code == 200
    assert any("Did you mean: Stiftelsen Fryshuset?" in error for error in _field_errors(response.text))
    assert db.session.scalar(sa.select(sa.func.count(Relationship.id))) == 0


def test_a_commitment_started_from_an_organisations_page_names_it_already(client_as, make_organisation):
    bank = make_organisation("Sparbanken Skåne")
    page = client_as("staff").get(f"/commitments/new?organisation={bank.id}").text
    assert re.search(r'name="party_ids-names"[^>]*>\s*Sparbanken Skåne</textarea>', page)
    assert f'<input type="hidden" name="party_ids" value="{bank.id}" data-name="Sparbanken Skåne">' in page

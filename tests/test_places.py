"""The meeting places register: list, page, create, edit, archive and stages, as staff and viewers use it."""
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from coalition.db import db
from coalition.meeting_places import PlaceDetails, create_place
from coalition.meetings import MeetingDetails, create_meeting
from coalition.models import AuditRecord, Meeting, MeetingKind, MeetingPlace, OrganisationKind, PlaceStage, Sector


def _count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(MeetingPlace))


def _place(name="Träffpunkt Rosengård", stage=PlaceStage.OPEN, **fields) -> MeetingPlace:
    place = create_place(db.session, PlaceDetails(name, **fields), stage=stage, stage_on=date(2025, 3, 1))
    db.session.commit()
    return place


def _hidden_version(page: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', page).group(1)


def test_staff_register_a_place_run_by_an_area_company(client_as, make_organisation, make_neighbourhood):
    neighbourhood = make_neighbourhood("Rosengård")
    make_organisation("Rosengårds områdesföretag", Sector.PRIVATE, kind=OrganisationKind.AREA_COMPANY)
    make_organisation("MKB Fastighets AB", Sector.PRIVATE)
    staff = client_as("staff")
    assert "organisation-picker" in staff.get("/places/new").text
    response = staff.post("/places/new", data={
        "name": "Träffpunkt Rosengård", "address": "Amiralsgatan 1", "neighbourhood_id": neighbourhood.id,
        "run_by_id-name": "Rosengårds områdesföretag", "owner_ids-names": "MKB Fastighets AB",
        "stage": "being_built", "opened_on": "2027-03-01", "description": "Kök, studierum och scen.",
    }, follow_redirects=True)
    assert "Träffpunkt Rosengård was registered." in response.text
    place = db.session.scalar(db.select(MeetingPlace))
    assert (place.run_by.name, [o.name for o in place.owners], place.stage) == (
        "Rosengårds områdesföretag", ["MKB Fastighets AB"], PlaceStage.BEING_BUILT)
    assert "Being built" in response.text and "Amiralsgatan 1" in response.text
    assert db.session.scalar(db.select(AuditRecord).where(AuditRecord.entity == "MeetingPlace")).user_id == staff.user.id


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": " "}, "name", "This field is required."),
    ({"digital": "y", "web_address": ""}, "web_address", "A digital place needs its web address."),
    ({"stage": "open", "opened_on": (date.today() + timedelta(days=3)).isoformat()}, "opened_on",
     "An open place cannot open in the future"),
    ({"web_address": "forum"}, "web_address", "Enter a full address"),
])
def test_bad_input_is_refused_beside_its_field_with_the_input_kept(client_as, data, field, message):
    form = {"name": "Lokalen", "stage": "idea", "address": "Torget 4", **data}
    response = client_as("staff").post("/places/new", data=form)
    assert response.status_code == 200
    feedback = re.search(rf'id="{field}"[^>]*>.*?<div class="invalid-feedback[^"]*">([^<]*)', response.text, re.DOTALL)
    assert feedback and message in feedback.group(1)
    assert 'value="Torget 4"' in response.text, "what was typed is kept"
    assert _count() == 0


def test_a_stage_going_back_needs_a_note(client_as):
    place = _place(stage=PlaceStage.BEING_BUILT)
    staff = client_as("staff")
    response = staff.post(f"/places/{place.id}/stage", data={"stage": "design", "changed_on": date.today().isoformat()})
    assert "write in the note why" in response.text
    assert db.session.get(MeetingPlace, place.id).stage is PlaceStage.BEING_BUILT
    response = staff.post(f"/places/{place.id}/stage", data={
        "stage": "design", "changed_on": date.today().isoformat(), "note": "The residents want a kitchen."},
        follow_redirects=True)
    assert "is now at the stage Design" in response.text and "The residents want a kitchen." in response.text


def test_an_edit_from_a_stale_form_is_refused_and_not_saved_over(client_as):
    place = _place()
    staff = client_as("staff")
    version = _hidden_version(staff.get(f"/places/{place.id}/edit").text)
    staff.post(f"/places/{place.id}/edit", data={"name": "Första namnet", "version": version})
    response = staff.post(f"/places/{place.id}/edit", data={"name": "Andra namnet", "version": version})
    assert response.status_code == 409
    assert db.session.get(MeetingPlace, place.id).name == "Första namnet"


def test_the_steering_group_reads_places_but_cannot_change_them(client_as):
    place = _place()
    viewer = client_as("viewer")
    assert "Träffpunkt Rosengård" in viewer.get("/places/").text
    page = viewer.get(f"/places/{place.id}").text
    assert "Träffpunkt Rosengård" in page and 'id="stage-form"' not in page
    assert viewer.get("/places/new").status_code == 403
    assert viewer.post(f"/places/{place.id}/archive").status_code == 403


def test_archiving_a_place_hides_it_from_the_list_and_keeps_it_on_old_meetings(client_as):
    place = _place()
    meeting = create_meeting(db.session, MeetingDetails(kind=MeetingKind.WORKSHOP, title="Dialog",
                                                        starts_at=datetime(2026, 5, 4, 18), place_id=place.id))
    db.session.commit()
    staff = client_as("staff")
    response = staff.post(f"/places/{place.id}/archive", follow_redirects=True)
    assert "Its history is kept" in response.text
    assert "Träffpunkt Rosengård" not in staff.get("/places/").text
    assert "Träffpunkt Rosengård" in staff.get("/places/?archived=y").text
    assert f'href="/places/{place.id}"' in staff.get(f"/meetings/{meeting.id}").text


def test_the_list_filters_by_kind_stage_and_neighbourhood(client_as, make_neighbourhood):
    here = make_neighbourhood("Rosengård")
    _place("Kvarterslokalen", neighbourhood_id=here.id)
    _place("Rosengård online", digital=True, web_address="https://forum.example.se", stage=PlaceStage.DESIGN)
    viewer = client_as("viewer")
    digital = viewer.get("/places/?kind=digital").text
    assert "Rosengård online" in digital and "Kvarterslokalen" not in digital
    assert "Rosengård online" not in viewer.get("/places/?stage=open").text
    assert "Rosengård online" not in viewer.get(f"/places/?neighbourhood={here.id}").text


def test_the_register_speaks_swedish(client_as):
    place = _place()
    viewer = client_as("viewer")
    viewer.post("/language", data={"language": "sv"})
    page = viewer.get(f"/places/{place.id}").text
    assert "Mötesplatser" in page and "Öppen" in page


# Meetings held at a place, and the place's use by sector

def _meeting_form(**fields) -> dict:
    return {"kind": "workshop", "title": "Framtidsverkstad", "starts_on": "2026-11-03", "starts_at_time": "18:00",
            **fields}


def test_a_meeting_picks_its_place_by_name_and_counts_in_the_places_neighbourhood(client_as, make_neighbourhood):
    neighbourhood = make_neighbourhood("Rosengård")
    place = _place(neighbourhood_id=neighbourhood.id)
    staff = client_as("staff")
    assert "/api/places/suggestions" in staff.get(f"/meetings/new?place={place.id}").text
    response = staff.post("/meetings/new", data=_meeting_form(**{"place_id-name": "träffpunkt rosengård",
                                                                  "place": "Stora salen"}), follow_redirects=True)
    assert "Framtidsverkstad was recorded." in response.text
    meeting = db.session.scalar(db.select(Meeting))
    assert (meeting.meeting_place, meeting.place, meeting.neighbourhoods) == (place, "Stora salen", [neighbourhood])
    assert f'href="/places/{place.id}"' in response.text


def test_a_place_no_one_registered_or_two_namesakes_are_explained_beside_the_field(client_as, make_neighbourhood):
    for name in ("Rosengård", "Fosie"):
        _place("Kvarterslokalen", neighbourhood_id=make_neighbourhood(name).id)
    staff = client_as("staff")
    unknown = staff.post("/meetings/new", data=_meeting_form(**{"place_id-name": "Biblioteket"})).text
    assert "No meeting place is called “Biblioteket”." in unknown and 'value="Biblioteket"' in unknown
    namesakes = staff.post("/meetings/new", data=_meeting_form(**{"place_id-name": "Kvarterslokalen"})).text
    assert "Several meeting places are called" in namesakes
    chosen = staff.post("/meetings/new", data=_meeting_form(**{"place_id-name": "Kvarterslokalen (Fosie)"}))
    assert chosen.status_code == 302
    assert db.session.scalar(db.select(Meeting)).meeting_place.neighbourhood.name == "Fosie"


def test_an_archived_place_cannot_be_chosen_for_a_new_meeting(client_as):
    place = _place()
    place.archive()
    db.session.commit()
    response = client_as("staff").post("/meetings/new", data=_meeting_form(**{"place_id-name": place.name}))
    assert "is archived" in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_the_type_ahead_suggests_places_names_that_start_with_the_text_first(client_as, make_neighbourhood):
    _place("Biblioteket i Rosengård")
    _place("Rosengårds bibliotek", neighbourhood_id=make_neighbourhood("Rosengård").id)
    results = client_as("viewer").get("/api/places/suggestions?q=rosengard").json["results"]
    assert [r["name"] for r in results] == ["Rosengårds bibliotek (Rosengård)", "Biblioteket i Rosengård"]


def test_a_places_use_by_sector_counts_meetings_people_and_headcounts_per_quarter(
        client_as, make_organisation, make_person, headcount_groups):
    from coalition.attendance import add_participant
    from coalition.headcounts import set_headcounts

    place = _place()
    city, club = make_organisation(sector=Sector.PUBLIC), make_organisation(sector=Sector.CIVIL)
    for day, people in ((datetime(2026, 10, 6, 18), [city, club, club]), (datetime(2026, 11, 3, 18), [club]),
                        (datetime(2026, 5, 4, 18), [city])):
        meeting = create_meeting(db.session, MeetingDetails(kind=MeetingKind.WORKSHOP, title=f"Möte {day:%m}",
                                                            starts_at=day, place_id=place.id))
        for organisation in people:
            add_participant(db.session, meeting, make_person(organisation=organisation), organisation=organisation)
    set_headcounts(db.session, meeting, {headcount_groups["Residents"].id: 35})
    db.session.commit()
    page = client_as("viewer").get(f"/places/{place.id}").text
    q4 = re.search(r'<tr data-quarter="2026 Q4">(.*?)</tr>', page, re.DOTALL).group(1)
    figures = dict(re.findall(r'data-figure="([a-z]+)"[^>]*>(\d+)<', q4))
    assert figures == {"meetings": "2", "private": "0", "public": "1", "civil": "3", "academic": "0",
                       "counted": "0", "total": "4"}
    q2 = dict(re.findall(r'data-figure="([a-z]+)"[^>]*>(\d+)<',
                         re.search(r'<tr data-quarter="2026 Q2">(.*?)</tr>', page, re.DOTALL).group(1)))
    assert (q2["meetings"], q2["public"], q2["counted"], q2["total"]) == ("1", "1", "35", "36")
    assert 'data-quarter="2026 Q3"' in page, "a quarter without meetings is shown with zeros"


# Investments in a place

def test_staff_record_a_commitment_for_a_place_and_its_page_adds_up_what_was_pledged_and_delivered(
        client_as, make_organisation, make_neighbourhood):
    from coalition.commitments import CommitmentDetails, create_commitment, record_status_change
    from coalition.models import Commitment, CommitmentKind, CommitmentStatus, Unit

    neighbourhood = make_neighbourhood("Rosengård")
    place = _place(neighbourhood_id=neighbourhood.id)
    housing = make_organisation("MKB Fastighets AB", Sector.PRIVATE)
    staff = client_as("staff")
    assert "Träffpunkt Rosengård" in staff.get(f"/commitments/new?place={place.id}").text
    response = staff.post("/commitments/new", data={
        "party_ids-names": "MKB Fastighets AB", "kind": "funding", "description": "Kök till träffpunkten",
        "amount": "250 000", "unit": "sek", "place_id-name": "Träffpunkt Rosengård", "made_on": "2026-09-01",
        "status": "agreed"}, follow_redirects=True)
    assert "The commitment was recorded." in response.text and f'href="/places/{place.id}"' in response.text
    commitment = db.session.scalar(db.select(Commitment))
    assert (commitment.place, commitment.neighbourhood) == (place, neighbourhood)
    delivered = create_commitment(db.session, CommitmentDetails(
        kind=CommitmentKind.PREMISES, description="Lokalen på bottenvåningen", party_ids=[housing.id],
        amount=Decimal(120), unit=Unit.SQUARE_METRES, place_id=place.id, made_on=date(2026, 6, 1)),
        status=CommitmentStatus.AGREED)
    record_status_change(db.session, delivered, CommitmentStatus.DELIVERED, changed_on=date(2026, 8, 1))
    db.session.commit()
    page = client_as("viewer").get(f"/places/{place.id}").text
    sek = re.search(r'<tr data-unit="sek">(.*?)</tr>', page, re.DOTALL).group(1)
    assert "250,000\xa0SEK" in sek
    area = re.search(r'<tr data-unit="square_metres">(.*?)</tr>', page, re.DOTALL).group(1)
    assert re.findall(r">(120)<", area) == ["120", "120"], "pledged and delivered"
    assert "Kök till träffpunkten" in page and "Lokalen på bottenvåningen" in page

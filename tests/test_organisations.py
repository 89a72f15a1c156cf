"""Registering, finding, editing and archiving organisations."""
import re
from datetime import datetime

from coalition.db import db
from coalition.models import Organisation, Sector


def _organisation(name: str) -> Organisation | None:
    return db.session.scalar(db.select(Organisation).where(Organisation.name == name))


def test_staff_registers_an_organisation_with_a_valid_organisation_number(client_as):
    response = client_as("staff").post("/organisations/new", data={
        "name": "  Norrvik   stad ", "sector": "public", "kind": "municipality", "org_number": "2120001124",
    })
    organisation = _organisation("Norrvik stad")
    assert response.status_code == 302
    assert organisation.org_number == "212000-1124"
    assert organisation.sector is Sector.PUBLIC


def test_a_wrong_check_digit_is_refused_beside_the_field_and_the_input_is_kept(client_as):
    response = client_as("staff").post("/organisations/new", data={
        "name": "Felnummer AB", "sector": "private", "kind": "company", "org_number": "212000-1125",
        "notes": "Met them at the fair",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "correct check digit" in page
    assert 'value="212000-1125"' in page
    assert "Met them at the fair" in page
    assert _organisation("Felnummer AB") is None


def test_a_duplicate_organisation_number_is_refused_with_a_link_to_the_existing_one(client_as, make_organisation):
    existing = make_organisation("Bostadsbolaget", sector=Sector.PUBLIC, org_number="212000-1124")
    response = client_as("staff").post("/organisations/new", data={
        "name": "Bostadsbolaget i Norrvik", "sector": "public", "kind": "housing_company", "org_number": "212000-1124",
    })
    page = response.get_data(as_text=True)
    assert "already has this organisation number" in page
    assert f"/organisations/{existing.id}" in page


def test_the_same_name_with_other_case_and_spacing_is_a_duplicate(client_as, make_organisation):
    existing = make_organisation("Malmö Stadsmission")
    response = client_as("staff").post("/organisations/new", data={"name": "malmo  stadsmission", "sector": "civil", "kind": "association"})
    assert "There is already an organisation called Malmö Stadsmission" in response.get_data(as_text=True)
    assert f"/organisations/{existing.id}" in response.get_data(as_text=True)


def test_a_missing_sector_is_shown_beside_the_field(client_as):
    response = client_as("staff").post("/organisations/new", data={"name": "Utan Sektor", "kind": "other"})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


def test_the_list_searches_ignoring_accents_and_filters_by_sector(client_as, make_organisation):
    make_organisation("Föreningen Gårdstånga", sector=Sector.CIVIL)
    make_organisation("Gårdstånga Bygg AB", sector=Sector.PRIVATE)
    make_organisation("Helt Annat")
    page = client_as("viewer").get("/organisations/?q=gardstanga&sector=civil").get_data(as_text=True)
    assert "Föreningen Gårdstånga" in page
    assert "Gårdstånga Bygg AB" not in page
    assert "Helt Annat" not in page


def test_the_list_filters_by_neighbourhood_and_tag(client_as, make_organisation, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    staff = client_as("staff")
    staff.post("/organisations/new", data={"name": "Läxhjälpen", "sector": "civil", "kind": "association",
                                           "neighbourhood_ids": [backen.id], "tags": "youth, school"})
    make_organisation("Någon Annan")
    by_place = staff.get(f"/organisations/?neighbourhood={backen.id}").get_data(as_text=True)
    by_tag = staff.get("/organisations/?tag=youth").get_data(as_text=True)
    assert "Läxhjälpen" in by_place and "Någon Annan" not in by_place
    assert "Läxhjälpen" in by_tag and "Någon Annan" not in by_tag


def test_the_list_is_paginated_and_sorted(client_as, make_organisation):
    for number in range(30):
        make_organisation(f"Org {number:02d}")
    viewer = client_as("viewer")
    first = viewer.get("/organisations/").get_data(as_text=True)
    second = viewer.get("/organisations/?page=2").get_data(as_text=True)
    descending = viewer.get("/organisations/?sort=-name").get_data(as_text=True)
    assert "Org 00" in first and "Org 29" not in first
    assert "Org 29" in second
    assert "30 results" in first
    assert descending.index("Org 29") < descending.index("Org 28")


def test_a_stale_edit_is_refused_and_the_newer_data_stays(client_as, make_organisation):
    organisation = make_organisation("Delad Förening")
    opened_version = organisation.version
    alice, bob = client_as("staff"), client_as("staff")
    first = alice.post(f"/organisations/{organisation.id}/edit", data={
        "version": opened_version, "name": "Alices namn", "sector": "civil", "kind": "association"})
    second = bob.post(f"/organisations/{organisation.id}/edit", data={
        "version": opened_version, "name": "Bobs namn", "sector": "civil", "kind": "association"})
    assert first.status_code == 302
    assert second.status_code == 409
    assert "someone else changed this record" in second.get_data(as_text=True)
    assert 'value="Bobs namn"' in second.get_data(as_text=True)
    db.session.refresh(organisation)
    assert organisation.name == "Alices namn"


def test_archiving_hides_an_organisation_from_the_list_but_keeps_its_page(client_as, make_organisation):
    organisation = make_organisation("Vilande Förening")
    staff = client_as("staff")
    staff.post(f"/organisations/{organisation.id}/archive", follow_redirects=True)
    assert "Vilande Förening" not in staff.get("/organisations/").get_data(as_text=True)
    assert "Vilande Förening" in staff.get("/organisations/?archived=y").get_data(as_text=True)
    assert staff.get(f"/organisations/{organisation.id}").status_code == 200
    staff.post(f"/organisations/{organisation.id}/archive", data={"restore": "1"}, follow_redirects=True)
    assert "Vilande Förening" in staff.get("/organisations/").get_data(as_text=True)


def test_a_viewer_cannot_create_edit_or_archive(client_as, make_organisation):
    organisation = make_organisation("Orörd Förening")
    viewer = client_as("viewer")
    assert viewer.post("/organisations/new", data={"name": "Ny", "sector": "civil", "kind": "other"}).status_code == 403
    assert viewer.post(f"/organisations/{organisation.id}/archive").status_code == 403
    db.session.refresh(organisation)
    assert organisation.archived_at is None
    assert _organisation("Ny") is None


def test_editing_keeps_the_link_to_a_neighbourhood_archived_since(client_as, make_organisation, make_neighbourhood):
    old_area = make_neighbourhood("Gamla Området")
    organisation = make_organisation("Trogen Förening", neighbourhoods=[old_area])
    old_area.archived_at = old_area.created_at
    db.session.commit()
    staff = client_as("staff")
    form_page = staff.get(f"/organisations/{organisation.id}/edit").get_data(as_text=True)
    assert "Gamla Området" in form_page
    staff.post(f"/organisations/{organisation.id}/edit", data={
        "version": organisation.version, "name": "Trogen Förening", "sector": "civil", "kind": "association",
        "neighbourhood_ids": [old_area.id], "notes": "new note"})
    saved = db.session.get(Organisation, organisation.id)
    assert saved.notes == "new note"
    assert [n.name for n in saved.neighbourhoods] == ["Gamla Området"]


def _names_listed(page: str) -> set[str]:
    return set(re.findall(r'<a href="/organisations/\d+">([^<]+)</a>', page))


def _results(page: str) -> int:
    return int(re.search(r"(\d+) results?\b", page).group(1))


def test_the_list_filters_by_the_day_registered_in_utc_both_days_included(client_as, make_organisation):
    make_organisation("Före starten", created_at=datetime(2025, 3, 31, 23, 59, 59))
    make_organisation("Vid starten", created_at=datetime(2025, 4, 1, 0, 0))
    make_organisation("Sent sista kvällen", sector=Sector.PRIVATE, created_at=datetime(2025, 6, 30, 23, 30))
    make_organisation("Vid midnatt efter", created_at=datetime(2025, 7, 1, 0, 0))
    viewer = client_as("viewer")
    page = viewer.get("/organisations/?joined_from=2025-04-01&joined_to=2025-06-30").get_data(as_text=True)
    assert _names_listed(page) == {"Vid starten", "Sent sista kvällen"}
    assert _results(page) == 2
    only_end = viewer.get("/organisations/?joined_to=2025-03-31").get_data(as_text=True)
    assert _names_listed(only_end) == {"Före starten"}
    private = viewer.get("/organisations/?joined_from=2025-04-01&joined_to=2025-06-30&sector=private")
    assert _names_listed(private.get_data(as_text=True)) == {"Sent sista kvällen"}


def test_archived_organisations_registered_in_the_dates_are_listed_when_asked(client_as, make_organisation):
    closed = make_organisation("Nedlagd", created_at=datetime(2025, 5, 5, 12))
    closed.archive()
    db.session.commit()
    viewer = client_as("viewer")
    dates = "joined_from=2025-04-01&joined_to=2025-06-30"
    assert _results(viewer.get(f"/organisations/?{dates}").get_data(as_text=True)) == 0
    assert _names_listed(viewer.get(f"/organisations/?{dates}&archived=y").get_data(as_text=True)) == {"Nedlagd"}


def test_a_registered_until_before_the_start_is_explained_beside_the_field_with_the_dates_kept(client_as,
                                                                                           make_organisation):
    make_organisation("Någon", created_at=datetime(2025, 5, 5, 12))
    response = client_as("viewer").get("/organisations/?joined_from=2025-05-01&joined_to=2025-04-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    field = re.search(r'<input class="form-control is-invalid" id="joined_to"[^>]*value="2025-04-01">\s*'
                      r'<div class="invalid-feedback[^"]*">([^<]+)</div>', page)
    assert field and field.group(1) == "The end date must not be before the start date."
    assert re.search(r'id="joined_from"[^>]*value="2025-05-01"', page)
    assert _names_listed(page) == {"Någon"}  # the wrong end is left out, the start still applies


def test_an_unreadable_registration_date_is_ignored_rather_than_crashing(client_as, make_organisation):
    make_organisation("Någon")
    response = client_as("viewer").get("/organisations/?joined_from=2025-02-30")
    assert response.status_code == 200
    assert "Någon" in response.get_data(as_text=True)

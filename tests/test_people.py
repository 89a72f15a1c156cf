"""Registering people with a lawful basis, finding them, and keeping their memberships over time."""
import re
from datetime import date, timedelta

import pytest

from coalition.db import db
from coalition.errors import DomainError
from coalition.models import LawfulBasis, Membership, Person, Sector
from coalition.people import PersonDetails, add_membership, create_person, may_be_processed, update_person

PUBLIC_TASK = {"lawful_basis": "public_task"}


def _person(name: str) -> Person | None:
    return db.session.scalar(db.select(Person).where(Person.name == name))


def _memberships(person: Person) -> list[Membership]:
    return list(db.session.scalars(db.select(Membership).where(Membership.person_id == person.id)))


def _hidden_version(response) -> str:
    match = re.search(r'<input[^>]*name="version"[^>]*>', response.text)
    return re.search(r'value="(\d+)"', match.group(0)).group(1)


def test_staff_registers_a_person_with_consent(client_as):
    staff = client_as("staff")
    response = staff.post("/people/new", data={
        "name": "  Åke   Lind ", "email": "Ake.Lind@Example.SE", "title": "Volontär",
        "lawful_basis": "consent", "consent_given_on": "2025-03-01",
        "consent_method": "Skriftlig blankett", "consent_text_version": "v1",
    })
    person = _person("Åke Lind")
    assert response.status_code == 302
    assert person.email == "ake.lind@example.se"
    assert person.lawful_basis is LawfulBasis.CONSENT
    assert person.consent_given_on == date(2025, 3, 1)
    page = staff.get(response.headers["Location"]).text
    assert "Åke Lind" in page and "2025-03-01" in page and "Skriftlig blankett" in page


def test_consent_without_a_date_is_refused_beside_the_date_field(client_as):
    response = client_as("staff").post("/people/new", data={"name": "Utan Datum", "lawful_basis": "consent"})
    assert response.status_code == 200
    assert re.search(r'id="consent_given_on"[^>]*>\s*<div class="invalid-feedback[^"]*"[^>]*>\s*Consent needs the date',
                     response.text)
    assert _person("Utan Datum") is None


def test_consent_cannot_be_dated_in_the_future(client_as):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client_as("staff").post("/people/new", data={
        "name": "Framtida Samtycke", "lawful_basis": "consent", "consent_given_on": tomorrow})
    assert "Consent cannot be given in the future." in response.text
    assert _person("Framtida Samtycke") is None


def test_a_missing_lawful_basis_is_shown_beside_the_field(client_as):
    response = client_as("staff").post("/people/new", data={"name": "Ingen Grund"})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert _person("Ingen Grund") is None


def test_an_email_that_is_not_an_address_is_refused(client_as):
    response = client_as("staff").post("/people/new", data={"name": "Fel Adress", "email": "fel.adress@", **PUBLIC_TASK})
    assert "Enter an e-mail address such as name@example.se." in response.text
    assert _person("Fel Adress") is None


def test_duplicate_email_is_refused_with_a_link_to_the_existing_person(client_as, make_person):
    existing = make_person("Anna Berg", email="anna.berg@example.se")
    response = client_as("staff").post("/people/new", data={
        "name": "Anna Berg-Ek", "email": " ANNA.BERG@example.se ", **PUBLIC_TASK})
    assert response.status_code == 200
    assert "Anna Berg already has this e-mail address." in response.text
    assert f'href="/people/{existing.id}"' in response.text
    assert _person("Anna Berg-Ek") is None


def test_a_name_in_a_refusal_is_shown_as_text_not_run_as_html(client_as, make_person):
    make_person("<img src=x onerror=alert(1)>", email="delad@example.se")
    response = client_as("staff").post("/people/new", data={"name": "Någon", "email": "delad@example.se", **PUBLIC_TASK})
    assert "&lt;img src=x onerror=alert(1)&gt; already has this e-mail address." in response.text
    assert "<img src=x" not in response.text


def test_refused_form_keeps_what_was_typed(client_as, make_person):
    make_person("Först Registrerad", email="delad@example.se")
    response = client_as("staff").post("/people/new", data={
        "name": "Andra Personen", "email": "delad@example.se", "phone": "070-123 45 67", "title": "Rektor",
        "notes": "Träffades på mässan", "lawful_basis": "legitimate_interest",
    })
    for typed in ('value="Andra Personen"', 'value="070-123 45 67"', 'value="Rektor"', "Träffades på mässan"):
        assert typed in response.text
    assert re.search(r'<option selected value="legitimate_interest"|<option value="legitimate_interest" selected',
                     response.text)


def test_a_person_keeps_their_own_email_when_edited(client_as, make_person):
    person = make_person("Egen Adress", email="egen@example.se")
    staff = client_as("staff")
    version = _hidden_version(staff.get(f"/people/{person.id}/edit"))
    response = staff.post(f"/people/{person.id}/edit", data={
        "version": version, "name": "Egen Adress", "email": "egen@example.se", "title": "Ny titel", **PUBLIC_TASK})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.title == "Ny titel" and person.lawful_basis is LawfulBasis.PUBLIC_TASK


def test_stale_edit_is_refused_and_nothing_is_overwritten(client_as, make_person):
    person = make_person("Delad Kontakt")
    alice, bob = client_as("staff"), client_as("staff")
    alice_version = _hidden_version(alice.get(f"/people/{person.id}/edit"))
    bob_version = _hidden_version(bob.get(f"/people/{person.id}/edit"))
    first = alice.post(f"/people/{person.id}/edit", data={
        "version": alice_version, "name": "Alices stavning", **PUBLIC_TASK})
    second = bob.post(f"/people/{person.id}/edit", data={
        "version": bob_version, "name": "Bobs stavning", **PUBLIC_TASK})
    assert first.status_code == 302
    assert second.status_code == 409
    assert "someone else changed this record" in second.text
    assert 'value="Bobs stavning"' in second.text
    db.session.refresh(person)
    assert person.name == "Alices stavning"


def test_viewer_cannot_create_edit_or_archive_a_person(client_as, make_person):
    person = make_person("Orörd Kontakt")
    viewer = client_as("viewer")
    assert viewer.post("/people/new", data={"name": "Ny Kontakt", **PUBLIC_TASK}).status_code == 403
    assert viewer.post(f"/people/{person.id}/edit", data={"version": person.version, "name": "Ändrad",
                                                          **PUBLIC_TASK}).status_code == 403
    assert viewer.post(f"/people/{person.id}/archive").status_code == 403
    db.session.refresh(person)
    assert person.name == "Orörd Kontakt" and person.archived_at is None
    assert _person("Ny Kontakt") is None


def _private_details(make_person) -> tuple[Person, tuple[str, ...]]:
    person = make_person("Privat Kontakt", email="privat@example.se", phone="070-000 00 00", notes="Ring efter fem")
    return person, ("privat@example.se", "070-000 00 00", "Ring efter fem", "Add membership", f"/people/{person.id}/edit")


def test_viewer_sees_no_contact_details_or_change_buttons(client_as, make_person):
    person, details = _private_details(make_person)
    response = client_as("viewer").get(f"/people/{person.id}")
    assert response.status_code == 403  # people's pages are staff's: see tests/test_viewer_privacy.py
    assert "Privat Kontakt" not in response.text
    assert [detail for detail in details if detail in response.text] == []


def test_staff_sees_contact_details_and_change_buttons(client_as, make_person):
    person, details = _private_details(make_person)
    page = client_as("staff").get(f"/people/{person.id}").text
    assert [detail for detail in details if detail not in page] == []


def test_list_filters_by_organisation_and_searches_accents(client_as, make_person, make_organisation):
    forening = make_organisation("Föreningen Gården", sector=Sector.CIVIL)
    bolaget = make_organisation("Bostadsbolaget", sector=Sector.PUBLIC)
    make_person("Åke Öst", organisation=forening)
    make_person("Åsa Väst", organisation=bolaget)
    make_person("Helt Annan")
    staff = client_as("staff")
    by_search = staff.get("/people/?q=ake").text
    by_organisation = staff.get(f"/people/?organisation={forening.id}").text
    by_sector = staff.get("/people/?sector=public").text
    assert "Åke Öst" in by_search and "Åsa Väst" not in by_search and "Helt Annan" not in by_search
    assert "Åke Öst" in by_organisation and "Åsa Väst" not in by_organisation
    assert "Åsa Väst" in by_sector and "Åke Öst" not in by_sector


def test_list_searches_email_and_filters_by_lawful_basis(client_as, make_person):
    make_person("Med Samtycke", email="boende@example.se", lawful_basis=LawfulBasis.CONSENT,
                consent_given_on=date(2025, 1, 10))
    make_person("Tjänsteperson", lawful_basis=LawfulBasis.PUBLIC_TASK)
    staff = client_as("staff")
    by_email = staff.get("/people/?q=boende@").text
    by_basis = staff.get("/people/?basis=public_task").text
    assert "Med Samtycke" in by_email and "Tjänsteperson" not in by_email
    assert "Tjänsteperson" in by_basis and "Med Samtycke" not in by_basis


def test_a_search_for_a_percent_sign_is_taken_literally(client_as, make_person):
    make_person("Vem Som Helst")
    assert "Vem Som Helst" not in client_as("staff").get("/people/?q=%25").text


def test_the_organisation_filter_shows_only_current_members(client_as, make_person, make_organisation):
    forening = make_organisation("Kvarnens Vänner")
    former = make_person("Före Detta")
    add_membership(db.session, former, forening, from_date=date(2019, 1, 1), until_date=date(2021, 12, 31))
    make_person("Nuvarande", organisation=forening)
    db.session.commit()
    page = client_as("staff").get(f"/people/?organisation={forening.id}").text
    assert "Nuvarande" in page and "Före Detta" not in page


def test_the_list_is_paginated_and_sorted(client_as, make_person):
    for number in range(30):
        make_person(f"Kontakt {number:02d}")
    staff = client_as("staff")
    first = staff.get("/people/").text
    second = staff.get("/people/?page=2").text
    descending = staff.get("/people/?sort=-name").text
    assert "Kontakt 00" in first and "Kontakt 29" not in first
    assert "Kontakt 29" in second
    assert "30 results" in first
    assert descending.index("Kontakt 29") < descending.index("Kontakt 28")


def test_staff_adds_a_membership_and_the_organisation_page_lists_the_person(client_as, make_person, make_organisation):
    person = make_person("Sara Nyberg")
    organisation = make_organisation("Mötesplats Kvarnen")
    staff = client_as("staff")
    response = staff.post(f"/people/{person.id}/memberships", data={
        "organisation_id": organisation.id, "title": "Verksamhetsledare", "from_date": "2024-02-01"})
    assert response.status_code == 302
    [membership] = _memberships(person)
    assert membership.title == "Verksamhetsledare" and membership.from_date == date(2024, 2, 1)
    organisation_page = staff.get(f"/organisations/{organisation.id}").text
    assert f'href="/people/{person.id}"' in organisation_page


def test_viewer_cannot_add_a_membership(client_as, make_person, make_organisation):
    person = make_person()
    organisation = make_organisation()
    response = client_as("viewer").post(f"/people/{person.id}/memberships", data={"organisation_id": organisation.id})
    assert response.status_code == 403
    assert _memberships(person) == []


def test_a_membership_cannot_end_before_it_starts(client_as, make_person, make_organisation):
    person = make_person("Bakvänd Period")
    organisation = make_organisation()
    response = client_as("staff").post(f"/people/{person.id}/memberships", data={
        "organisation_id": organisation.id, "from_date": "2024-05-01", "until_date": "2024-04-30"})
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in response.text
    assert 'value="2024-04-30"' in response.text
    assert _memberships(person) == []


def test_a_second_open_membership_in_the_same_organisation_is_refused(client_as, make_person, make_organisation):
    organisation = make_organisation("Folkets Hus")
    person = make_person("Dubbel Plats", organisation=organisation)
    staff = client_as("staff")
    refused = staff.post(f"/people/{person.id}/memberships", data={"organisation_id": organisation.id})
    earlier = staff.post(f"/people/{person.id}/memberships", data={
        "organisation_id": organisation.id, "from_date": "2015-01-01", "until_date": "2018-06-30"})
    assert "is already a current member of Folkets Hus" in refused.text
    assert earlier.status_code == 302
    assert len(_memberships(person)) == 2


def test_ending_a_membership_keeps_it_in_the_history(client_as, make_person, make_organisation):
    organisation = make_organisation("Läxhjälpen")
    person = make_person("Slutat Nyss", organisation=organisation)
    [membership] = _memberships(person)
    staff = client_as("staff")
    response = staff.post(f"/people/{person.id}/memberships/{membership.id}/end", data={"until_date": "2025-06-30"})
    assert response.status_code == 302
    db.session.refresh(membership)
    assert membership.until_date == date(2025, 6, 30)
    page = staff.get(f"/people/{person.id}").text
    assert "Läxhjälpen" in page and "2025-06-30" in page
    assert person.name not in staff.get(f"/people/?organisation={organisation.id}").text


def test_an_end_date_before_the_start_is_shown_beside_that_membership(client_as, make_person, make_organisation):
    person = make_person()
    add_membership(db.session, person, make_organisation(), from_date=date(2024, 1, 1))
    db.session.commit()
    [membership] = _memberships(person)
    response = client_as("staff").post(f"/people/{person.id}/memberships/{membership.id}/end",
                                       data={"until_date": "2023-12-31"})
    assert response.status_code == 200
    assert re.search(rf'id="end-{membership.id}-error">A membership cannot end before it starts.', response.text)
    db.session.refresh(membership)
    assert membership.until_date is None


def test_removing_a_membership_recorded_by_mistake_deletes_it(client_as, make_person, make_organisation):
    person = make_person(organisation=make_organisation())
    [membership] = _memberships(person)
    response = client_as("staff").post(f"/people/{person.id}/memberships/{membership.id}/remove")
    assert response.status_code == 302
    assert _memberships(person) == []


def test_a_membership_is_only_reached_through_its_own_person(client_as, make_person, make_organisation):
    owner = make_person(organisation=make_organisation())
    other = make_person()
    [membership] = _memberships(owner)
    response = client_as("staff").post(f"/people/{other.id}/memberships/{membership.id}/remove")
    assert response.status_code == 404
    assert len(_memberships(owner)) == 1


def test_archive_keeps_history(client_as, make_person, make_organisation):
    person = make_person("Vilande Kontakt", organisation=make_organisation("Gamla Föreningen"))
    staff = client_as("staff")
    archived = staff.post(f"/people/{person.id}/archive", follow_redirects=True)
    assert "was archived. Their memberships and meetings are kept." in archived.text
    assert "Vilande Kontakt" not in staff.get("/people/").text
    assert "Vilande Kontakt" in staff.get("/people/?archived=y").text
    page = staff.get(f"/people/{person.id}")
    assert page.status_code == 200 and "Gamla Föreningen" in page.text
    assert len(_memberships(person)) == 1
    staff.post(f"/people/{person.id}/archive", data={"restore": "1"}, follow_redirects=True)
    assert "Vilande Kontakt" in staff.get("/people/").text


def test_an_anonymised_person_is_never_listed_and_cannot_be_edited(client_as, make_person):
    person = make_person("Raderad Person", anonymised_at=date(2026, 1, 15))
    staff = client_as("staff")
    assert "Raderad Person" not in staff.get("/people/?q=raderad&archived=y").text
    page = staff.get(f"/people/{person.id}").text
    assert "Anonymised participant" in page and "Raderad Person" not in page
    assert f"/people/{person.id}/edit" not in page
    edit = staff.get(f"/people/{person.id}/edit")
    assert edit.status_code == 302 and edit.headers["Location"].endswith(f"/people/{person.id}")
    with pytest.raises(DomainError):
        update_person(db.session, person, PersonDetails("Tillbaka", LawfulBasis.PUBLIC_TASK))


def test_the_seed_loader_api_obeys_the_same_rules(app, make_organisation):
    person = create_person(db.session, PersonDetails(" Kim  Ek ", LawfulBasis.PUBLIC_TASK, email="Kim@Example.se"))
    organisation = make_organisation()
    add_membership(db.session, person, organisation, title="Rektor", from_date=date(2020, 1, 1))
    with pytest.raises(DomainError) as consent:
        create_person(db.session, PersonDetails("Utan Datum", LawfulBasis.CONSENT))
    with pytest.raises(DomainError) as duplicate:
        create_person(db.session, PersonDetails("Kim Andra", LawfulBasis.PUBLIC_TASK, email="kim@example.se"))
    assert (person.name, person.email) == ("Kim Ek", "kim@example.se")
    assert consent.value.field == "consent_given_on"
    assert duplicate.value.field == "email" and duplicate.value.existing is person


def test_only_people_neither_anonymised_nor_restricted_may_be_processed(client_as, make_person):
    make_person("Kvar Person")
    make_person("Begränsad Person", restricted_at=date.today())
    make_person("Anonym Person", anonymised_at=date.today())
    assert db.session.scalars(db.select(Person.name).where(may_be_processed())).all() == ["Kvar Person"]
    page = client_as("staff").get("/people/?q=person").text
    assert "Kvar Person" in page and "Begränsad Person" not in page and "Anonym Person" not in page

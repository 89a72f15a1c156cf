"""The duplicates pages: staff find a pair, compare it side by side, preview the merge and confirm it."""
import pytest
import sqlalchemy as sa

from coalition.db import db
from coalition.models import Organisation, Person


@pytest.fixture
def norrvik_twice(make_organisation, make_person, make_meeting):
    registered = make_organisation("Norrviks Bostäder AB", notes="Äger 1 200 lägenheter")
    pasted = make_organisation("Norrviks Bostäder", website="https://norrviksbostader.se", notes="Från en närvarolista")
    make_meeting("Samråd 1", attendees=[(make_person(organisation=registered), registered)])
    make_meeting("Samråd 2", attendees=[(make_person(organisation=pasted), pasted)])
    return registered, pasted


def test_staff_see_the_pair_with_its_score_and_why(client_as, norrvik_twice):
    registered, pasted = norrvik_twice
    page = client_as("staff").get("/duplicates/?kind=organisation").get_data(as_text=True)
    assert f'data-pair="{registered.id}-{pasted.id}"' in page
    assert "100&nbsp;%" in page and "same name" in page


def test_viewers_cannot_reach_the_duplicates(client_as, make_person):
    make_person("Åsa Berg")
    make_person("Åsa Berg")
    viewer = client_as("viewer")
    assert viewer.get("/duplicates/?kind=person").status_code == 403
    assert viewer.get("/duplicates/person/1/2").status_code == 403


def test_the_merge_screen_previews_then_merges_with_the_chosen_values(client_as, norrvik_twice):
    registered, pasted = norrvik_twice
    registered_id, pasted_id = registered.id, pasted.id
    staff = client_as("staff")
    url = f"/duplicates/organisation/{registered.id}/{pasted.id}"
    screen = staff.get(url).get_data(as_text=True)
    assert "Norrviks Bostäder AB" in screen and "1 participation in meetings" in screen
    choices = {"keep": "first", "first_version": registered.version, "second_version": pasted.version,
               "name": "first", "sector": "first", "kind": "first", "org_number": "first", "website": "second",
               "notes": "both"}
    preview = staff.post(url, data={**choices, "step": "preview"}).get_data(as_text=True)
    assert "What the merge will do" in preview and "https://norrviksbostader.se" in preview
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 2  # nothing done yet
    response = staff.post(url, data={**choices, "step": "merge"})
    assert response.status_code == 302 and response.location.endswith(f"/organisations/{registered_id}")
    db.session.expire_all()
    kept = db.session.get(Organisation, registered_id)
    assert kept.notes == "Äger 1 200 lägenheter\n\nFrån en närvarolista"
    assert db.session.get(Organisation, pasted_id) is None
    page = staff.get(response.location).get_data(as_text=True)
    assert "Samråd 1" in page and "Samråd 2" in page


def test_a_pair_merged_by_someone_else_meanwhile_is_refused_with_a_message(client_as, norrvik_twice):
    registered, pasted = norrvik_twice
    staff = client_as("staff")
    url = f"/duplicates/organisation/{registered.id}/{pasted.id}"
    data = {"keep": "first", "first_version": registered.version - 1, "second_version": pasted.version,
            "step": "merge"}
    page = staff.post(url, data=data).get_data(as_text=True)
    assert "changed or merged since you opened this page" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 2


def test_an_anonymised_person_is_refused_before_anything_is_chosen(client_as, make_person):
    kept, erased = make_person("Åsa Berg"), make_person("Åsa Berg")
    erased.anonymised_at = erased.created_at.date()
    db.session.commit()
    page = client_as("staff").get(f"/duplicates/person/{kept.id}/{erased.id}").get_data(as_text=True)
    assert "An anonymised person cannot be merged" in page and 'value="merge"' not in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 2


def test_not_a_duplicate_takes_the_pair_off_the_list(client_as, norrvik_twice):
    registered, pasted = norrvik_twice
    staff = client_as("staff")
    response = staff.post(f"/duplicates/organisation/{registered.id}/{pasted.id}/not-duplicate")
    assert response.status_code == 302
    page = staff.get("/duplicates/?kind=organisation").get_data(as_text=True)
    assert "No likely duplicates found." in page


def test_registering_a_namesake_warns_with_a_link_and_asks_to_confirm(client_as, make_person):
    registered = make_person("Åsa Berg")
    staff = client_as("staff")
    data = {"name": "Asa Berg", "lawful_basis": "legitimate_interest", "phone": "070-111 22 33"}
    response = staff.post("/people/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone of this name is already registered." in page and f"/people/{registered.id}" in page
    assert "This is another person of the same name" in page and 'value="070-111 22 33"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 1
    response = staff.post("/people/new", data={**data, "another_person": "y"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 2


def test_a_namesake_with_another_e_mail_address_is_registered_without_a_question(client_as, make_person):
    make_person("Åsa Berg", email="asa@norrvik.se")
    response = client_as("staff").post("/people/new", data={
        "name": "Åsa Berg", "email": "asa.berg@malmo.se", "lawful_basis": "legitimate_interest"})
    assert response.status_code == 302


def test_the_merge_reads_in_the_audit_trail_with_both_ids(client_as, norrvik_twice):
    from coalition import merging

    registered, pasted = norrvik_twice
    kept_id, gone_id = registered.id, pasted.id
    merging.merge(db.session, Organisation, kept_id, gone_id)
    db.session.commit()
    page = client_as("admin").get(f"/admin/audit?entity=Organisation&entity_id={kept_id}").get_data(as_text=True)
    assert "Merged from" in page and "Moved by the merge" in page and "1 × participations.organisation_id" in page
    assert f"{gone_id}" in page


def test_keeping_the_right_record_with_the_left_ones_name(client_as, make_organisation, make_person):
    club = make_organisation("Kvarnängens IF")
    left = make_person("Åsa Berg", organisation=club, phone="070-111 22 33")
    right = make_person("Asa Berg", organisation=club, email="asa@kvarnangen.se")
    left_id, right_id = left.id, right.id
    staff = client_as("staff")
    response = staff.post(f"/duplicates/person/{left_id}/{right_id}", data={
        "keep": "second", "first_version": left.version, "second_version": right.version, "name": "first",
        "email": "second", "phone": "first", "title": "first", "notes": "first", "lawful_basis": "second",
        "step": "merge"})
    assert response.status_code == 302 and response.location.endswith(f"/people/{right_id}")
    db.session.expire_all()
    kept = db.session.get(Person, right_id)
    assert (kept.name, kept.email, kept.phone) == ("Åsa Berg", "asa@kvarnangen.se", "070-111 22 33")
    assert db.session.get(Person, left_id) is None

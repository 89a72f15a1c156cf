"""Two people saving the same thing at the same moment: the second is told, never shown a server error.

On PostgreSQL two requests can both pass a duplicate check before either commits; the unique
index then refuses the second. These tests make the check miss the other record, as it does
in that race, and look at what the second person sees.
"""
from datetime import datetime

import pytest

from coalition import attendance, organisations
from coalition.db import db
from coalition.models import Organisation, Participation
from coalition.text import tidy


def _organisations_called(name: str) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Organisation).where(Organisation.name == name))


@pytest.fixture
def check_misses_once(monkeypatch):
    """The name check passes once without looking, as it does for the slower of two simultaneous requests."""
    real = organisations._checked_name
    calls = []

    def racing(session, name, organisation_id):
        calls.append(name)
        return tidy(name) if len(calls) == 1 else real(session, name, organisation_id)

    monkeypatch.setattr(organisations, "_checked_name", racing)
    return calls


def test_a_name_registered_at_the_same_moment_is_refused_beside_the_field_with_a_link(
        client_as, make_organisation, check_misses_once):
    existing = make_organisation("Kvarnängens IF")
    response = client_as("staff").post("/organisations/new", data={
        "name": "Kvarnängens IF", "sector": "civil", "kind": "association", "notes": "Tränar på måndagar"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is already an organisation called Kvarnängens IF" in page
    assert f"/organisations/{existing.id}" in page
    assert "Tränar på måndagar" in page  # what was typed is kept
    assert _organisations_called("Kvarnängens IF") == 1
    assert len(check_misses_once) == 2  # refused by the index, then checked again


def test_a_clash_the_checks_cannot_name_is_explained_on_the_form(client_as, make_organisation, monkeypatch):
    make_organisation("Kvarnängens IF")
    monkeypatch.setattr(organisations, "_checked_name", lambda session, name, organisation_id: tidy(name))
    response = client_as("staff").post("/organisations/new", data={
        "name": "Kvarnängens IF", "sector": "civil", "kind": "association"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "clashes with something saved at the same moment" in page
    assert 'value="Kvarnängens IF"' in page
    assert _organisations_called("Kvarnängens IF") == 1


@pytest.fixture
def added_at_the_same_moment(make_person, make_meeting, monkeypatch):
    """A meeting Anna is already on, and a request that read its list before she was added."""
    person = make_person("Anna Berg")
    workshop = make_meeting("Framtidsverkstad", datetime(2026, 5, 12, 18, 0), attendees=[person])
    monkeypatch.setattr(attendance, "participations_by_person", lambda session, meeting: {})
    return f"/meetings/{workshop.id}/participants", {
        "add-person_ids": [person.id], "add-role": "participant", "add-status": "attended"}


def test_a_person_added_to_a_meeting_by_two_people_at_once_is_refused_with_an_explanation(
        client_as, added_at_the_same_moment):
    url, form = added_at_the_same_moment
    response = client_as("staff").post(url, data=form)
    assert response.status_code == 409
    assert "someone else changed the same thing at the same moment" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Participation)) == 1


def test_the_explanation_is_in_swedish_too(client_as, added_at_the_same_moment):
    url, form = added_at_the_same_moment
    staff = client_as("staff")
    staff.post("/language", data={"language": "sv"})
    response = staff.post(url, data=form)
    assert response.status_code == 409
    assert "någon annan ändrade samma sak samtidigt" in response.get_data(as_text=True)

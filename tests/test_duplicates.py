"""Finding likely duplicates of organisations and people, and marking a pair as not one."""
import pytest

from coalition import duplicates
from coalition.db import db
from coalition.errors import DomainError


def _pairs(kind):
    return [(p.first_name, p.second_name, p.score, p.reasons) for p in duplicates.find_pairs(db.session, kind)]


def test_an_organisation_pasted_without_its_legal_form_is_offered_with_the_registered_one(make_organisation):
    registered = make_organisation("Norrviks Bostäder AB")
    pasted = make_organisation("Norrviks Bostäder")
    make_organisation("Kvarnängens IF")
    pairs = duplicates.find_pairs(db.session, "organisation")
    assert [(p.first_id, p.second_id) for p in pairs] == [(registered.id, pasted.id)]
    assert pairs[0].score == 100 and pairs[0].reasons == ["same_name"]


def test_a_slip_in_a_name_is_offered_with_a_score_below_a_hundred(make_organisation):
    make_organisation("Stiftelsen Kvarnängen")
    make_organisation("Stiftelsen Kvarngen")
    make_organisation("Hyresgästföreningen")
    [(first, second, score, reasons)] = _pairs("organisation")
    assert {first, second} == {"Stiftelsen Kvarnängen", "Stiftelsen Kvarngen"}
    assert 88 <= score < 100 and reasons == ["similar_name"]


def test_the_same_person_twice_without_an_e_mail_is_offered_at_the_same_organisation(make_organisation, make_person):
    club = make_organisation("Kvarnängens IF")
    make_person("Åsa Berg", organisation=club)
    make_person("Asa  Berg", organisation=club)
    [(_first, _second, score, reasons)] = _pairs("person")
    assert score == 100 and reasons == ["same_name", "same_organisation"]


def test_namesakes_with_different_e_mail_addresses_are_two_people(make_person):
    make_person("Åsa Berg", email="asa@norrvik.se")
    make_person("Åsa Berg", email="asa.berg@malmo.se")
    assert _pairs("person") == []


def test_people_sharing_a_phone_number_are_offered_whatever_their_names(make_person):
    make_person("Åsa Berg", phone="+46 70-123 45 67")
    make_person("Å. Berg-Lind", phone="070 123 45 67")
    [(_first, _second, score, reasons)] = _pairs("person")
    assert score == 100 and reasons == ["phone"]


def test_anonymised_people_are_never_offered(make_person):
    make_person("Åsa Berg")
    gone = make_person("Åsa Berg")
    gone.anonymised_at = gone.created_at.date()
    db.session.commit()
    assert _pairs("person") == []


def test_a_pair_marked_not_a_duplicate_is_not_offered_again(make_organisation, make_user):
    first = make_organisation("Norrviks Bostäder AB")
    second = make_organisation("Norrviks Bostäder")
    staff = make_user("staff")
    duplicates.mark_not_duplicate(db.session, "organisation", second.id, first.id, staff.id)
    duplicates.mark_not_duplicate(db.session, "organisation", first.id, second.id, staff.id)  # twice is once
    db.session.commit()
    assert _pairs("organisation") == []
    assert db.session.scalar(db.select(db.func.count()).select_from(duplicates.NotDuplicate)) == 1


@pytest.mark.parametrize("kind, same", [("organisation", True), ("person", False), ("meeting", False)])
def test_a_mark_needs_two_existing_records_of_one_kind(make_organisation, kind, same):
    organisation = make_organisation()
    with pytest.raises(DomainError):
        duplicates.mark_not_duplicate(db.session, kind, organisation.id, organisation.id if same else organisation.id + 999,
                                      None)


def test_namesakes_are_those_at_the_same_organisation_or_without_an_e_mail(make_organisation, make_person):
    from coalition import people

    club = make_organisation("Kvarnängens IF")
    at_club = make_person("Åsa Berg", organisation=club, email="asa@kvarnangen.se")
    without_email = make_person("Asa Berg")
    make_person("Åsa Berg", email="asa@malmo.se")
    assert people.namesakes(db.session, "åsa berg", "ny@example.se", club.id) == [at_club, without_email]
    assert len(people.namesakes(db.session, "Åsa Berg")) == 3


def test_namesakes_working_for_different_organisations_are_two_people(make_organisation, make_person):
    make_person("Anna Andersson", organisation=make_organisation("Kvarnängens IF"))
    make_person("Anna Andersson", organisation=make_organisation("Norrvik kommun"))
    assert _pairs("person") == []
    make_person("Anna Andersson")  # pasted from a sign-in list without an organisation
    assert len(_pairs("person")) == 2


def test_numbered_siblings_are_not_slips_of_one_name(make_organisation):
    make_organisation("Förening 12")
    make_organisation("Förening 13")
    assert _pairs("organisation") == []

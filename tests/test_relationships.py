"""Declared relationships: the rules staff work under, and the pages they use."""
from datetime import date

import pytest

from coalition.db import db
from coalition.errors import DomainError
from coalition.models import Relationship, RelationshipKind, Sector
from coalition.relationships import (
    CURRENT,
    ENDED,
    RelationshipDetails,
    create_relationship,
    end_relationship,
    relationship_query,
    update_relationship,
)

TODAY = date(2026, 3, 1)


@pytest.fixture
def pair(make_organisation):
    return make_organisation("Malmö stad", sector=Sector.PUBLIC), make_organisation("Hyresgästföreningen")


def _declare(first, second, kind=RelationshipKind.PARTNERSHIP, **fields) -> Relationship:
    tie = create_relationship(db.session, RelationshipDetails(first.id, second.id, kind, **fields), today=TODAY)
    db.session.commit()
    return tie


def _form(first, second, kind="partnership", **fields):
    return {"from_organisation_id": first.id, "to_organisation_id": second.id, "kind": kind, **fields}


def test_a_tie_joins_two_different_organisations(pair):
    with pytest.raises(DomainError) as refused:
        _declare(pair[0], pair[0])
    assert refused.value.field == "to_organisation_id"


def test_a_tie_cannot_end_before_it_began(pair):
    with pytest.raises(DomainError) as refused:
        _declare(*pair, from_date=date(2025, 5, 1), until_date=date(2025, 4, 30))
    assert refused.value.field == "until_date"


def test_a_second_current_tie_of_the_same_kind_is_refused_whichever_way_round(pair):
    _declare(*pair)
    with pytest.raises(DomainError) as refused:
        _declare(pair[1], pair[0])
    assert refused.value.field == "kind"


def test_another_kind_or_an_ended_tie_is_no_duplicate(pair):
    _declare(*pair, until_date=date(2025, 12, 31))
    _declare(*pair)
    _declare(pair[1], pair[0], kind=RelationshipKind.FUNDING)
    assert db.session.query(Relationship).count() == 3


def test_editing_a_tie_does_not_count_itself_as_a_duplicate(pair):
    tie = _declare(*pair)
    update_relationship(db.session, tie, RelationshipDetails(pair[1].id, pair[0].id, RelationshipKind.PARTNERSHIP,
                                                             notes="Swapped"), today=TODAY)
    db.session.commit()
    assert tie.from_organisation_id == pair[1].id and tie.notes == "Swapped"


def test_ending_a_tie_moves_it_from_current_to_ended(pair):
    tie = _declare(*pair, from_date=date(2024, 1, 1))
    end_relationship(db.session, tie, date(2025, 6, 30), today=TODAY)
    db.session.commit()
    assert db.session.scalars(relationship_query(state=CURRENT, today=TODAY)).all() == []
    assert db.session.scalars(relationship_query(state=ENDED, today=TODAY)).all() == [tie]
    with pytest.raises(DomainError):
        end_relationship(db.session, tie, date(2025, 7, 1), today=TODAY)


def test_staff_declare_a_tie_and_see_it_in_the_list_and_on_both_organisations(client_as, pair):
    staff = client_as("staff")
    response = staff.post("/relationships/new", data=_form(*pair, kind="funding", from_date="2025-01-01"))
    assert response.status_code == 302
    listing = staff.get(f"/relationships/?organisation={pair[1].id}&kind=funding&state=current").get_data(as_text=True)
    listing = listing.split('id="relationships"')[1]
    assert "Malmö stad" in listing and "2025-01-01" in listing
    for organisation, partner in (pair, pair[::-1]):
        page = staff.get(f"/organisations/{organisation.id}").get_data(as_text=True)
        assert 'id="declared-relationships"' in page and partner.name in page


def test_the_list_filters_out_ended_ties(client_as, pair, make_organisation):
    third = make_organisation("Lunds universitet", sector=Sector.ACADEMIC)
    _declare(pair[0], third, until_date=date(2020, 1, 1))
    _declare(*pair)
    page = client_as("viewer").get("/relationships/?state=current").get_data(as_text=True)
    table = page.split('id="relationships"')[1]
    assert "Hyresgästföreningen" in table and "Lunds universitet" not in table


def test_a_duplicate_is_refused_beside_the_kind(client_as, pair):
    _declare(*pair)
    response = client_as("staff").post("/relationships/new", data=_form(pair[1], pair[0]))
    assert response.status_code == 200
    assert "already have a current tie of this kind" in response.get_data(as_text=True)
    assert db.session.query(Relationship).count() == 1


def test_a_viewer_cannot_declare_change_or_delete_a_tie(client_as, pair):
    tie = _declare(*pair)
    viewer = client_as("viewer")
    assert viewer.post("/relationships/new", data=_form(pair[1], pair[0], kind="contract")).status_code == 403
    assert viewer.post(f"/relationships/{tie.id}/edit",
                       data=_form(*pair, notes="x", version=tie.version)).status_code == 403
    assert viewer.post(f"/relationships/{tie.id}/delete").status_code == 403
    assert viewer.post(f"/relationships/{tie.id}/end", data={"until_date": "2026-01-01",
                                                             "version": tie.version}).status_code == 403
    assert "Edit" not in viewer.get("/relationships/").get_data(as_text=True).split('id="relationships"')[1]
    assert db.session.query(Relationship).count() == 1


def test_a_stale_edit_gets_409_and_the_first_edit_stays(client_as, pair):
    tie = _declare(*pair)
    version = tie.version
    first, second = client_as("staff"), client_as("staff")
    assert first.post(f"/relationships/{tie.id}/edit", data=_form(*pair, notes="Först", version=version)).status_code == 302
    response = second.post(f"/relationships/{tie.id}/edit", data=_form(*pair, notes="Sist", version=version))
    assert response.status_code == 409
    assert "someone else changed this record" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Relationship, tie.id).notes == "Först"


def test_a_stale_end_is_refused_too(client_as, pair):
    tie = _declare(*pair)
    version = tie.version
    staff = client_as("staff")
    assert staff.post(f"/relationships/{tie.id}/edit", data=_form(*pair, notes="Ändrad", version=version)).status_code == 302
    response = staff.post(f"/relationships/{tie.id}/end", data={"until_date": "2026-02-01", "version": version})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Relationship, tie.id).until_date is None


def test_staff_end_and_delete_a_tie(client_as, pair):
    tie = _declare(*pair, from_date=date(2024, 1, 1))
    staff = client_as("staff")
    early = staff.post(f"/relationships/{tie.id}/end", data={"until_date": "2023-01-01", "version": tie.version})
    assert early.status_code == 200 and "must not be before the start date" in early.get_data(as_text=True)
    assert staff.post(f"/relationships/{tie.id}/end",
                      data={"until_date": "2025-06-30", "version": tie.version}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Relationship, tie.id).until_date == date(2025, 6, 30)
    assert staff.post(f"/relationships/{tie.id}/delete").status_code == 302
    db.session.expunge_all()
    assert db.session.query(Relationship).count() == 0


def test_bad_input_is_explained_not_a_crash(client_as, pair):
    staff = client_as("staff")
    response = staff.post("/relationships/new", data=_form(*pair, from_date="2025-13-40"))
    assert response.status_code == 200
    assert staff.get("/relationships/?organisation=abc&kind=nonsense&state=maybe").status_code == 200
    assert staff.get("/relationships/999999/edit").status_code == 404


def test_the_network_page_links_to_the_declared_relationships(client_as):
    page = client_as("viewer").get("/network/").get_data(as_text=True)
    assert 'href="/relationships/"' in page

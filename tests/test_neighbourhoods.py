"""Neighbourhoods: registering them, their programme stage over time, and who is active there."""
import re
from datetime import date, timedelta

import pytest

from coalition.db import db
from coalition.errors import DomainError
from coalition.models import Neighbourhood, Sector, Stage, StageChange
from coalition.models.base import utcnow
from coalition.neighbourhoods import NeighbourhoodDetails, change_stage, create_neighbourhood, update_neighbourhood


def _hidden_version(response) -> str:
    match = re.search(r'<input[^>]*name="version"[^>]*>', response.text)
    return re.search(r'value="(\d+)"', match.group(0)).group(1)


def _neighbourhood(name="Rosengård", municipality="Malmö", population=None, **kwargs) -> Neighbourhood:
    neighbourhood = create_neighbourhood(db.session, NeighbourhoodDetails(name, municipality, population), **kwargs)
    db.session.commit()
    return neighbourhood


def test_staff_creates_a_neighbourhood_and_its_first_stage_is_recorded(client_as):
    staff = client_as("staff")
    assert "Programme stage" in staff.get("/neighbourhoods/new").text
    response = staff.post("/neighbourhoods/new", data={
        "name": "  Rosengård ", "municipality": "Malmö", "population": "24000",
        "description": "Five housing areas.", "stage": "mobilising", "stage_on": "2024-03-01",
    }, follow_redirects=True)
    assert response.status_code == 200
    assert "Rosengård was registered." in response.text
    assert "Mobilising" in response.text
    assert "2024-03-01" in response.text
    neighbourhood = db.session.scalar(db.select(Neighbourhood))
    assert neighbourhood.name == "Rosengård"
    assert [(c.stage, c.changed_on, c.changed_by_id) for c in neighbourhood.stage_changes] == [
        (Stage.MOBILISING, date(2024, 3, 1), staff.user.id)
    ]


def test_a_neighbourhood_registered_without_a_date_reached_its_stage_today(app):
    neighbourhood = _neighbourhood()
    assert neighbourhood.stage is Stage.MAPPING
    assert [c.changed_on for c in neighbourhood.stage_changes] == [date.today()]


def test_the_first_stage_keeps_why_it_was_reached(app):
    neighbourhood = _neighbourhood(stage=Stage.MOBILISING, stage_on=date(2025, 4, 9),
                                   stage_note="  The municipality joined the programme. ")
    assert [(c.stage, c.note) for c in neighbourhood.stage_changes] == [
        (Stage.MOBILISING, "The municipality joined the programme.")
    ]


def test_same_name_in_same_municipality_is_refused_with_a_link(client_as):
    existing = _neighbourhood("Rosengård", "Malmö")
    response = client_as("staff").post("/neighbourhoods/new", data={
        "name": "rosengard", "municipality": " MALMÖ ", "stage": "mapping",
    })
    assert response.status_code == 200
    assert "Malmö already has a neighbourhood called Rosengård." in response.text
    assert f'href="/neighbourhoods/{existing.id}"' in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(Neighbourhood)) == 1


def test_same_name_in_another_municipality_is_fine(app):
    _neighbourhood("Centrum", "Malmö")
    _neighbourhood("Centrum", "Lund")
    assert db.session.scalar(db.select(db.func.count()).select_from(Neighbourhood)) == 2


def test_renaming_into_a_neighbour_that_exists_is_refused(app):
    _neighbourhood("Fosie", "Malmö")
    other = _neighbourhood("Hyllie", "Malmö")
    with pytest.raises(DomainError) as refused:
        update_neighbourhood(db.session, other, NeighbourhoodDetails("FOSIE", "Malmo"))
    assert refused.value.field == "name"
    assert refused.value.existing.name == "Fosie"


@pytest.mark.parametrize("details, field", [
    (NeighbourhoodDetails("  ", "Malmö"), "name"),
    (NeighbourhoodDetails("Fosie", ""), "municipality"),
    (NeighbourhoodDetails("Fosie", "Malmö", population=-1), "population"),
    (NeighbourhoodDetails("Fosie", "Malmö", population=99_999_999_999), "population"),
])
def test_a_neighbourhood_needs_a_name_a_municipality_and_a_sensible_population(app, details, field):
    with pytest.raises(DomainError) as refused:
        create_neighbourhood(db.session, details)
    assert refused.value.field == field


def test_a_population_too_large_to_be_true_is_refused_beside_the_field_and_kept(client_as):
    neighbourhood = _neighbourhood()
    db.session.commit()
    response = client_as("staff").post(f"/neighbourhoods/{neighbourhood.id}/edit", data={
        "version": neighbourhood.version, "name": "Rosengård", "municipality": "Malmö", "population": "99999999999"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Number must be between 0 and 10000000." in page
    assert 'value="99999999999"' in page
    db.session.refresh(neighbourhood)
    assert neighbourhood.population is None


def test_stage_history_is_kept_in_order(client_as):
    neighbourhood = _neighbourhood(stage_on=date(2023, 1, 10))
    change_stage(db.session, neighbourhood, Stage.MOBILISING, changed_on=date(2023, 6, 1), note="Kick-off workshop")
    change_stage(db.session, neighbourhood, Stage.ACTING, changed_on=date(2024, 2, 1))
    db.session.commit()

    page = client_as("viewer").get(f"/neighbourhoods/{neighbourhood.id}").text
    history = page[page.index("Stage history"):]
    positions = [history.index(d) for d in ("2024-02-01", "2023-06-01", "2023-01-10")]
    assert positions == sorted(positions), "the latest change comes first"
    assert "Kick-off workshop" in history
    assert neighbourhood.stage is Stage.ACTING


# Two days ahead when collected: still the future if the run passes midnight before this test.
@pytest.mark.parametrize("changed_on", [date(2022, 12, 31), date.today() + timedelta(days=2)])
def test_a_stage_cannot_be_reached_before_the_previous_change_or_in_the_future(app, changed_on):
    neighbourhood = _neighbourhood(stage_on=date(2023, 1, 10))
    with pytest.raises(DomainError) as refused:
        change_stage(db.session, neighbourhood, Stage.MOBILISING, changed_on=changed_on)
    assert refused.value.field == "changed_on"


def test_moving_to_the_stage_it_already_has_is_refused_on_the_page(client_as):
    neighbourhood = _neighbourhood()
    response = client_as("staff").post(f"/neighbourhoods/{neighbourhood.id}/stage", data={
        "stage": "mapping", "changed_on": date.today().isoformat(), "note": "",
    })
    assert response.status_code == 200
    assert "The neighbourhood is already at this stage." in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(StageChange)) == 1


def test_staff_moves_a_neighbourhood_to_the_next_stage(client_as):
    neighbourhood = _neighbourhood(stage_on=date(2023, 1, 10))
    staff = client_as("staff")
    page = staff.get(f"/neighbourhoods/{neighbourhood.id}").text
    assert '<option selected value="mobilising">' in page or 'value="mobilising" selected' in page
    response = staff.post(f"/neighbourhoods/{neighbourhood.id}/stage", data={
        "stage": "mobilising", "changed_on": "2024-05-02", "note": "Agreed at the steering group",
    }, follow_redirects=True)
    assert "Rosengård is now at the stage Mobilising." in response.text
    assert "Agreed at the steering group" in response.text
    assert neighbourhood.stage is Stage.MOBILISING
    assert neighbourhood.stage_changes[0].changed_by_id == staff.user.id


def test_viewer_cannot_change_the_stage(client_as):
    neighbourhood = _neighbourhood()
    viewer = client_as("viewer")
    assert "Change the stage" not in viewer.get(f"/neighbourhoods/{neighbourhood.id}").text
    response = viewer.post(f"/neighbourhoods/{neighbourhood.id}/stage", data={
        "stage": "acting", "changed_on": date.today().isoformat(),
    })
    assert response.status_code == 403
    db.session.expire_all()
    assert neighbourhood.stage is Stage.MAPPING


def test_stale_edit_is_refused_and_nothing_is_overwritten(client_as):
    neighbourhood = _neighbourhood("Seved", "Malmö")
    first, second = client_as("staff"), client_as("staff")
    url = f"/neighbourhoods/{neighbourhood.id}/edit"
    first_version = _hidden_version(first.get(url))
    second_version = _hidden_version(second.get(url))
    assert first_version == second_version

    saved = first.post(url, data={"version": first_version, "name": "Seved", "municipality": "Malmö",
                                  "population": "3000"})
    assert saved.status_code == 302
    refused = second.post(url, data={"version": second_version, "name": "Södra Sofielund",
                                     "municipality": "Malmö", "population": "9999"})
    assert refused.status_code == 409
    assert "someone else changed this record" in refused.text
    assert 'value="Södra Sofielund"' in refused.text, "the second editor's input is kept"
    db.session.expire_all()
    assert (neighbourhood.name, neighbourhood.population) == ("Seved", 3000)


def test_refused_form_keeps_what_was_typed(client_as):
    response = client_as("staff").post("/neighbourhoods/new", data={
        "name": "Holma", "municipality": "", "population": "many", "description": "Near Hyllie", "stage": "acting",
    })
    assert response.status_code == 200
    assert 'value="Holma"' in response.text
    assert 'value="many"' in response.text
    assert "Near Hyllie" in response.text
    assert '<option selected value="acting">' in response.text or 'value="acting" selected' in response.text
    assert "This field is required." in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(Neighbourhood)) == 0


def test_page_flags_a_missing_sector(client_as, make_organisation):
    neighbourhood = _neighbourhood()
    for sector in (Sector.PRIVATE, Sector.PUBLIC, Sector.CIVIL):
        make_organisation(sector=sector, neighbourhoods=[neighbourhood])
    make_organisation("Malmö universitet", sector=Sector.ACADEMIC, neighbourhoods=[neighbourhood],
                      archived_at=utcnow())

    page = client_as("viewer").get(f"/neighbourhoods/{neighbourhood.id}").text
    assert "Quadruple-helix coverage: 3 of 4 sectors." in page
    academia = page[page.index('id="sector-academic"'):]
    assert "No actor from this sector is active here." in academia[:academia.index("</section>")]
    assert "Malmö universitet" not in page, "an archived organisation is not an active actor"


def test_page_says_when_all_four_sectors_are_present(client_as, make_organisation):
    neighbourhood = _neighbourhood()
    for sector in Sector:
        make_organisation(sector=sector, neighbourhoods=[neighbourhood])
    page = client_as("viewer").get(f"/neighbourhoods/{neighbourhood.id}").text
    assert "all four sectors are represented" in page
    assert "No actor from this sector" not in page


def test_list_filters_by_stage_and_municipality_and_counts_active_organisations(client_as, make_organisation):
    rosengard = _neighbourhood("Rosengård", "Malmö", stage=Stage.ACTING)
    _neighbourhood("Norra Fäladen", "Lund", stage=Stage.ACTING)
    _neighbourhood("Seved", "Malmö")
    make_organisation("MKB", sector=Sector.PRIVATE, neighbourhoods=[rosengard])
    make_organisation("Rosens röda", neighbourhoods=[rosengard])
    make_organisation("Gammal förening", neighbourhoods=[rosengard], archived_at=utcnow())
    viewer = client_as("viewer")

    page = viewer.get("/neighbourhoods/?stage=acting&municipality=Malmö").text
    assert "Rosengård" in page and "Norra Fäladen" not in page and "Seved" not in page
    row = page[page.index("Rosengård"):]
    row = row[:row.index("</tr>")]
    assert re.search(r">\s*2\s*</a>", row), "two active organisations, the archived one not counted"
    assert "1 result" in page

    found = viewer.get("/neighbourhoods/?q=rosengard").text
    assert "Rosengård" in found and "Seved" not in found


def test_list_sorts_stages_in_programme_order(client_as):
    _neighbourhood("A-stad", stage=Stage.SUSTAINED)
    _neighbourhood("B-stad", stage=Stage.MAPPING)
    _neighbourhood("C-stad", stage=Stage.ACTING)
    viewer = client_as("viewer")
    for sort, expected in [("stage", ["B-stad", "C-stad", "A-stad"]), ("-stage", ["A-stad", "C-stad", "B-stad"])]:
        page = viewer.get(f"/neighbourhoods/?sort={sort}").text
        positions = [page.index(name) for name in expected]
        assert positions == sorted(positions), sort


@pytest.mark.parametrize("sort", ["population", "-population", "organisations", "-organisations", "municipality",
                                  "updated", "nonsense"])
def test_every_sort_of_the_list_works(client_as, sort):
    _neighbourhood("Seved", population=3000)
    _neighbourhood("Holma")
    response = client_as("viewer").get(f"/neighbourhoods/?sort={sort}")
    assert response.status_code == 200
    assert "Seved" in response.text and "Holma" in response.text


def test_archived_neighbourhood_leaves_the_list_until_restored(client_as):
    neighbourhood = _neighbourhood("Kroksbäck")
    staff = client_as("staff")
    response = staff.post(f"/neighbourhoods/{neighbourhood.id}/archive", follow_redirects=True)
    assert "Kroksbäck was archived." in response.text
    assert "Kroksbäck" not in staff.get("/neighbourhoods/").text
    assert "Kroksbäck" in staff.get("/neighbourhoods/?archived=y").text

    staff.post(f"/neighbourhoods/{neighbourhood.id}/archive", data={"restore": "1"})
    assert "Kroksbäck" in staff.get("/neighbourhoods/").text


def test_home_page_links_to_neighbourhoods_at_each_stage(client_as):
    _neighbourhood(stage=Stage.MOBILISING)
    page = client_as("viewer").get("/").text
    assert 'href="/neighbourhoods/?stage=mobilising"' in page


def test_staff_see_who_recorded_each_stage_change_and_since_when_the_stage_holds(client_as):
    staff = client_as("staff")
    neighbourhood = _neighbourhood(stage_on=date(2023, 1, 10))
    change_stage(db.session, neighbourhood, Stage.MOBILISING, changed_on=date(2024, 4, 2), note="Kick-off",
                 changed_by_id=staff.user.id)
    db.session.commit()
    page = staff.get(f"/neighbourhoods/{neighbourhood.id}").text
    assert "since 2024-04-02" in page
    history = page[page.index("Stage history"):page.index("Change the stage")]
    assert f"Recorded by {staff.user.email}" in history
    assert "Kick-off" in history

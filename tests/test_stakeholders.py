"""Stakeholder analysis: staff record dated assessments, the steering group reads the power-interest grid."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from coalition.db import db
from coalition.errors import DomainError
from coalition.models import Engagement, Sector, StakeholderAssessment
from coalition.models.base import utcnow
from coalition.stakeholders import Quadrant, grid, quadrant_of, record_assessment


def _assess(organisation, on, influence, interest, engagement=Engagement.INFORMED, note=""):
    assessment = record_assessment(db.session, organisation, assessed_on=on, influence=influence, interest=interest,
                                   engagement=engagement, note=note)
    db.session.commit()
    return assessment


def _count_assessments() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(StakeholderAssessment))


@pytest.mark.parametrize("influence, interest, quadrant", [
    (5, 5, Quadrant.MANAGE_CLOSELY), (4, 4, Quadrant.MANAGE_CLOSELY), (4, 3, Quadrant.KEEP_SATISFIED),
    (3, 4, Quadrant.KEEP_INFORMED), (3, 3, Quadrant.MONITOR), (1, 1, Quadrant.MONITOR),
])
def test_each_score_pair_falls_in_one_quadrant(influence, interest, quadrant):
    assert quadrant_of(influence, interest) is quadrant


def test_staff_record_an_assessment_and_the_earlier_one_is_kept(client_as, make_organisation):
    housing = make_organisation("Norrviks Bostäder AB", sector=Sector.PRIVATE)
    _assess(housing, date(2026, 1, 15), 4, 2, note="Cautious at the first meeting")
    staff = client_as("staff")

    response = staff.post(f"/stakeholders/organisations/{housing.id}/assess", data={
        "assessed_on": "2026-06-20", "influence": "5", "interest": "4", "engagement": "collaborating",
        "note": "Now co-funds the summer jobs",
    }, follow_redirects=True)

    assert "The assessment of Norrviks Bostäder AB on 2026-06-20 was recorded." in response.text
    current = response.text[response.text.index('id="current-assessment"'):]
    current = current[:current.index("</dl>")]
    assert "5 / 5" in current and "4 / 5" in current and "Manage closely" in current and "Collaborating" in current
    history = response.text[response.text.index('id="assessment-history"'):]
    assert history.index("2026-06-20") < history.index("2026-01-15"), "the latest comes first"
    assert "Cautious at the first meeting" in history and "Now co-funds the summer jobs" in history
    rows = db.session.execute(db.select(StakeholderAssessment.assessed_on, StakeholderAssessment.influence,
                                        StakeholderAssessment.assessed_by_id)
                              .order_by(StakeholderAssessment.assessed_on)).all()
    assert rows == [(date(2026, 1, 15), 4, None), (date(2026, 6, 20), 5, staff.user.id)]


def test_the_same_date_twice_is_refused_with_a_clear_message(client_as, make_organisation):
    housing = make_organisation("Stenbacka Förvaltning AB", sector=Sector.PRIVATE)
    _assess(housing, date(2026, 3, 1), 4, 2)
    response = client_as("staff").post(f"/stakeholders/organisations/{housing.id}/assess", data={
        "assessed_on": "2026-03-01", "influence": "2", "interest": "2", "engagement": "informed", "note": "Second go",
    })
    assert response.status_code == 200
    assert "Stenbacka Förvaltning AB already has an assessment dated 2026-03-01." in response.text
    assert "Second go" in response.text, "what was typed is kept"
    assert _count_assessments() == 1
    db.session.expire_all()
    assert db.session.scalar(db.select(StakeholderAssessment.influence)) == 4, "the first one is not overwritten"


@pytest.mark.parametrize("data, field, message", [
    ({"influence": "7"}, "influence", "Give a score from 1 (low) to 5 (high)."),
    ({"interest": "0"}, "interest", "Give a score from 1 (low) to 5 (high)."),
    ({"influence": "many"}, "influence", "Give a score from 1 (low) to 5 (high)."),
    ({"assessed_on": ""}, "assessed_on", "Give the date of the assessment."),
    # Two days ahead when collected: still the future if the run passes midnight before this test.
    ({"assessed_on": (date.today() + timedelta(days=2)).isoformat()}, "assessed_on",
     "An assessment cannot be dated in the future."),
])
def test_bad_input_shows_a_message_beside_the_field_and_keeps_the_input(client_as, make_organisation, data, field,
                                                                       message):
    organisation = make_organisation("Kvarnängens IF")
    typed = {"assessed_on": "2026-05-05", "influence": "3", "interest": "4", "engagement": "consulted",
             "note": "Met the board", **data}
    response = client_as("staff").post(f"/stakeholders/organisations/{organisation.id}/assess", data=typed)
    assert response.status_code == 200
    field_html = re.search(rf'<input[^>]*name="{field}"[^>]*>', response.text).group(0)
    assert "is-invalid" in field_html
    assert f'value="{typed[field]}"' in field_html or typed[field] == ""
    after = response.text[response.text.index(field_html):]
    assert message in after[:after.index("</div>") + 200]
    assert "Met the board" in response.text
    assert _count_assessments() == 0


def test_the_domain_refuses_scores_outside_the_scale(app, make_organisation):
    organisation = make_organisation()
    with pytest.raises(DomainError) as refused:
        record_assessment(db.session, organisation, assessed_on=date(2026, 1, 1), influence=6, interest=3,
                          engagement=Engagement.INFORMED)
    assert refused.value.field == "influence"


def test_viewer_reads_assessments_but_cannot_record_one(client_as, make_organisation):
    organisation = make_organisation("Hyresgästföreningen Kvarnängen")
    _assess(organisation, date(2026, 2, 1), 2, 5, Engagement.INVOLVED)
    viewer = client_as("viewer")
    page = viewer.get(f"/organisations/{organisation.id}").text
    assert "Keep informed" in page and "Involved" in page
    assert "Record a new assessment" not in page
    response = viewer.post(f"/stakeholders/organisations/{organisation.id}/assess", data={
        "assessed_on": "2026-05-05", "influence": "3", "interest": "3", "engagement": "informed",
    })
    assert response.status_code == 403
    assert viewer.get(f"/stakeholders/organisations/{organisation.id}/assess").status_code == 403
    assert _count_assessments() == 1


def test_an_organisation_never_assessed_says_so(client_as, make_organisation):
    organisation = make_organisation()
    page = client_as("staff").get(f"/organisations/{organisation.id}").text
    assert "This organisation has not been assessed yet." in page
    assert "Record a new assessment" in page


def _cell(page: str, influence: int, interest: int) -> str:
    start = page.index(f'data-influence="{influence}" data-interest="{interest}"')
    return page[start:page.index("</td>", start)]


def test_grid_places_each_organisation_by_its_latest_assessment(client_as, make_organisation):
    moved = make_organisation("Ekhöjden Fastigheter AB", sector=Sector.PRIVATE)
    _assess(moved, date(2026, 3, 20), 4, 3)
    _assess(moved, date(2026, 10, 10), 4, 5)
    university = make_organisation("Norrviks universitet", sector=Sector.ACADEMIC)
    _assess(university, date(2026, 4, 1), 2, 5)
    gone = make_organisation("Nedlagda föreningen", archived_at=utcnow())
    _assess(gone, date(2026, 4, 1), 4, 5)
    make_organisation("Ännu inte bedömd")

    page = client_as("viewer").get("/stakeholders/").text
    assert f'href="/organisations/{moved.id}"' in _cell(page, 4, 5)
    assert "Ekhöjden" not in _cell(page, 4, 3), "only the latest assessment places it"
    assert "Manage closely" in _cell(page, 4, 5)
    assert "badge-sector-private" in _cell(page, 4, 5)
    assert "Norrviks universitet" in _cell(page, 2, 5) and "Keep informed" in _cell(page, 2, 5)
    assert "Nedlagda föreningen" not in page, "archived organisations are not placed"
    assert "2 organisations assessed" in page
    assert "1 active organisation has no assessment yet" in page


def test_grid_filters_by_sector_and_neighbourhood(client_as, make_organisation, make_neighbourhood):
    kvarnangen = make_neighbourhood("Kvarnängen")
    city = make_organisation("Norrvik kommun", sector=Sector.PUBLIC, neighbourhoods=[kvarnangen])
    club = make_organisation("Kvarnängens IF", sector=Sector.CIVIL, neighbourhoods=[kvarnangen])
    elsewhere = make_organisation("Solbacka BK", sector=Sector.CIVIL)
    for organisation in (city, club, elsewhere):
        _assess(organisation, date(2026, 1, 1), 3, 3)
    viewer = client_as("viewer")

    civil = viewer.get("/stakeholders/?sector=civil").text
    assert "Kvarnängens IF" in civil and "Solbacka BK" in civil and "Norrvik kommun" not in civil
    here = viewer.get(f"/stakeholders/?neighbourhood={kvarnangen.id}").text
    assert "Kvarnängens IF" in here and "Norrvik kommun" in here and "Solbacka BK" not in here
    both = viewer.get(f"/stakeholders/?neighbourhood={kvarnangen.id}&sector=civil").text
    assert "Kvarnängens IF" in both and "Norrvik kommun" not in both and "Solbacka BK" not in both


def test_a_crowded_cell_names_a_few_and_links_to_the_rest(client_as, make_organisation):
    for n in range(8):
        _assess(make_organisation(f"Förening {n:02d}"), date(2026, 1, 1), 2, 2)
    viewer = client_as("viewer")
    cell = _cell(viewer.get("/stakeholders/?sector=civil").text, 2, 2)
    assert "Förening 00" in cell and "Förening 04" in cell and "Förening 05" not in cell
    more = re.search(r'<a class="small" href="([^"]+)">and 3 more</a>', cell)
    assert more, cell
    listed = viewer.get(more.group(1).replace("&amp;", "&")).text
    assert all(f"Förening {n:02d}" in listed for n in range(8))
    assert "8 results" in listed


def test_the_table_lists_the_same_placements_for_screen_readers(client_as, make_organisation):
    city = make_organisation("Norrvik kommun", sector=Sector.PUBLIC)
    _assess(city, date(2026, 1, 1), 5, 2, Engagement.CONSULTED)
    _assess(make_organisation("Kvarnängens IF"), date(2026, 1, 1), 2, 5)
    viewer = client_as("viewer")
    table = viewer.get("/stakeholders/table").text
    row = table[table.index("Norrvik kommun"):]
    row = row[:row.index("</tr>")]
    assert "Keep satisfied" in row and "Consulted" in row and "2026-01-01" in row
    satisfied = viewer.get("/stakeholders/table?quadrant=keep_satisfied").text
    assert "Norrvik kommun" in satisfied and "Kvarnängens IF" not in satisfied


def test_nonsense_filters_do_not_break_the_pages(client_as):
    viewer = client_as("viewer")
    for url in ("/stakeholders/?sector=nobody&neighbourhood=x", "/stakeholders/table?influence=9&interest=a&quadrant=z"):
        assert viewer.get(url).status_code == 200


def test_grid_is_one_query_whatever_the_number_of_organisations(app, make_organisation):
    for n in range(30):
        _assess(make_organisation(sector=list(Sector)[n % 4]), date(2026, 1, 1), 1 + n % 5, 1 + (n // 5) % 5)
    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        placed = grid(db.session)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    assert len([s for s in statements if s.startswith("SELECT")]) == 1
    assert placed.total == 30 and sum(placed.by_quadrant.values()) == 30
    assert placed.counts[(1, 1)] == 2

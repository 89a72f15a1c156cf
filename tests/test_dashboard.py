"""The programme dashboard: each figure agrees with the database and with the page it links to."""
import html as html_text
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from coalition.collaboration import network_cache, view
from coalition.collaboration.job import refresh_whole_network
from coalition.commitments import OPEN_STATUSES, CommitmentDetails, create_commitment, record_status_change
from coalition.config import ConfigError, load_config
from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Meeting,
    MeetingKind,
    Membership,
    Neighbourhood,
    Organisation,
    Participation,
    ParticipationStatus,
    Person,
    Sector,
    Stage,
    Unit,
)
from coalition.neighbourhoods import NeighbourhoodDetails, change_stage, create_neighbourhood
from coalition.reporting.period_figures import Period

TODAY = date.today()
QUARTER = Period.quarter_containing(TODAY)
BEFORE = QUARTER.starts_on - timedelta(days=1)  # the last day of the previous quarter

def figure(page: str, name: str) -> str:
    """Return the text of the dashboard's figure called ``name``."""
    found = re.search(rf'data-figure="{name}"[^>]*>(.*?)</a>', page, re.S)
    return " ".join(html_text.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def link(page: str, name: str) -> str:
    """Return where the figure called ``name`` links to."""
    found = re.search(rf'<a[^>]*href="([^"]+)"[^>]*data-figure="{name}"', page)
    return html_text.unescape(found.group(1))


def number(text: str) -> int:
    return int(re.sub(r"[^\d-]", "", text.split()[0]))


def results_on(page: str) -> int:
    """Read the "N results" a list page writes under its table."""
    return int(re.search(r"(\d+) results?\b", page).group(1))


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


@pytest.fixture
def programme(app, make_organisation, make_person, make_neighbourhood, make_meeting):
    """Activity this quarter and the one before, commitments due and overdue, neighbourhoods at each stage."""
    kommun = make_organisation("Norrvik kommun", Sector.PUBLIC, created_at=at(BEFORE - timedelta(days=200)))
    forening = make_organisation("Kvarnängens IF", Sector.CIVIL, created_at=at(BEFORE))
    bolag = make_organisation("Norrviks Bostäder", Sector.PRIVATE, created_at=at(QUARTER.starts_on))
    anna, bo, cecilia = (make_person(organisation=o) for o in (kommun, forening, bolag))
    absent = make_person(organisation=bolag)
    for day, kind, people, no_show in ((QUARTER.starts_on, MeetingKind.WORKSHOP, (anna, bo, cecilia), ()),
                                       (TODAY, MeetingKind.COORDINATION, (anna, bo), ()),
                                       (BEFORE, MeetingKind.WORKSHOP, (anna, bo), (absent,))):
        make_meeting(f"Möte {day}", at(day, 8), kind, attendees=people, no_show=no_show)

    def promise(description, due_on, status=CommitmentStatus.AGREED, made_on=QUARTER.starts_on):
        create_commitment(db.session, CommitmentDetails(
            kind=CommitmentKind.FUNDING, description=description, party_ids=[kommun.id], amount=Decimal("1000"),
            unit=Unit.SEK, made_on=made_on, due_on=due_on), status=status)

    promise("Försenad lokal", TODAY - timedelta(days=3))
    promise("Försenad lön", TODAY - timedelta(days=40), CommitmentStatus.IN_PROGRESS, made_on=BEFORE)
    promise("Snart dags", TODAY + timedelta(days=10))
    promise("Långt fram", TODAY + timedelta(days=90))
    promise("Bara förslag, förfallet", TODAY - timedelta(days=1), CommitmentStatus.PROPOSED)
    kvarnangen = create_neighbourhood(db.session, NeighbourhoodDetails("Kvarnängen", "Norrvik"), stage_on=BEFORE)
    change_stage(db.session, kvarnangen, Stage.MOBILISING, changed_on=QUARTER.starts_on)
    create_neighbourhood(db.session, NeighbourhoodDetails("Solbacka", "Norrvik"), stage=Stage.ACTING, stage_on=BEFORE)
    archived = make_neighbourhood("Gamla stan", stage=Stage.ACTING)
    archived.archive()
    db.session.commit()
    return {"kvarnangen": kvarnangen, "kommun": kommun}


def test_neighbourhoods_by_stage_agree_with_the_lists_they_link_to(client_as, programme):
    viewer = client_as("viewer")
    page = viewer.get("/").text
    for stage in Stage:
        expected = db.session.scalar(select(func.count()).select_from(Neighbourhood).where(
            Neighbourhood.stage == stage, Neighbourhood.archived_at.is_(None)))
        assert number(figure(page, f"stage-{stage.value}")) == expected
        assert link(page, f"stage-{stage.value}") == f"/neighbourhoods/?stage={stage.value}"
        assert results_on(viewer.get(link(page, f"stage-{stage.value}")).text) == expected
    assert [number(figure(page, f"stage-{s}")) for s in ("mapping", "mobilising", "acting")] == [0, 1, 1]
    assert "of 100 neighbourhoods in the programme" in page
    assert re.search(r'id="in-programme">2<', page)


def test_this_quarters_activity_agrees_with_the_database_and_the_meetings_list(client_as, programme):
    viewer = client_as("viewer")
    page = viewer.get("/").text
    start, end = at(QUARTER.starts_on, 0), at(QUARTER.ends_on + timedelta(days=1), 0)
    meetings = db.session.scalar(select(func.count()).select_from(Meeting).where(
        Meeting.starts_at >= start, Meeting.starts_at < end))
    attended = db.session.execute(
        select(Organisation.sector).select_from(Participation).join(Meeting)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.status == ParticipationStatus.ATTENDED, Meeting.starts_at >= start,
               Meeting.starts_at < end)).scalars().all()
    new_actors = db.session.scalar(select(func.count()).select_from(Organisation).where(
        Organisation.joined_on.between(QUARTER.starts_on, QUARTER.ends_on)))
    assert number(figure(page, "meetings")) == meetings == 2
    assert number(figure(page, "attendances")) == len(attended) == 5
    assert number(figure(page, "new-actors")) == new_actors == 1
    assert link(page, "meetings") == f"/meetings/?date_from={QUARTER.starts_on}&date_to={QUARTER.ends_on}"
    assert results_on(viewer.get(link(page, "meetings")).text) == meetings
    by_sector = re.search(r'id="participants-by-sector".*?</table>', page, re.S).group(0)
    for sector in Sector:
        row = re.search(rf"badge-sector-{sector.value}.*?</tr>", by_sector, re.S).group(0)
        assert re.findall(r'<td class="text-end">(\d+)</td>', row)[0] == str(attended.count(sector))
    assert link(page, "new-actors") == (f"/organisations/?joined_from={QUARTER.starts_on}"
                                        f"&joined_to={QUARTER.ends_on}&archived=y")
    assert "Norrviks Bostäder" in viewer.get(link(page, "new-actors")).text


def test_new_actors_and_commitments_this_quarter_agree_with_the_lists_they_link_to(client_as, programme,
                                                                                  make_organisation):
    archived = make_organisation("Nedlagd förening", Sector.CIVIL, created_at=at(TODAY, 0))
    archived.archive()
    make_organisation("Sent anmäld", Sector.CIVIL, created_at=at(QUARTER.starts_on, 0))
    make_organisation("Dagen före", Sector.CIVIL, created_at=at(BEFORE, 23))
    delivered = create_commitment(db.session, CommitmentDetails(
        kind=CommitmentKind.FUNDING, description="Levererat i kvartalet", party_ids=[programme["kommun"].id],
        amount=Decimal("500"), unit=Unit.SEK, made_on=BEFORE, due_on=TODAY), status=CommitmentStatus.AGREED)
    record_status_change(db.session, delivered, CommitmentStatus.DELIVERED, changed_on=QUARTER.starts_on)
    db.session.commit()
    viewer = client_as("viewer")
    page = viewer.get("/").text
    assert number(figure(page, "new-actors")) == 3  # the archived one too
    for name in ("new-actors", "new-actors-civil", "new-actors-private", "commitments-made", "commitments-delivered"):
        assert results_on(viewer.get(link(page, name)).text) == number(figure(page, name)), name
    assert [number(figure(page, name)) for name in ("new-actors-civil", "commitments-made", "commitments-delivered")] \
        == [2, 4, 1]


def test_commitments_due_and_overdue_agree_with_the_register_they_link_to(client_as, programme):
    viewer = client_as("viewer")
    page = viewer.get("/").text
    overdue = db.session.scalar(select(func.count()).select_from(Commitment).where(
        Commitment.status.in_(OPEN_STATUSES), Commitment.due_on < TODAY))
    due_soon = db.session.scalar(select(func.count()).select_from(Commitment).where(
        Commitment.status.in_(OPEN_STATUSES), Commitment.due_on.between(TODAY, TODAY + timedelta(days=30))))
    assert number(figure(page, "overdue")) == overdue == 3
    assert number(figure(page, "due-soon")) == due_soon == 1
    for name, expected in (("overdue", overdue), ("due-soon", due_soon)):
        register = viewer.get(link(page, name)).text
        total_line = re.search(r'id="total-line">\s*(\d+) commitments?', register)
        assert int(total_line.group(1)) == expected


def test_network_figures_agree_with_the_network_pages_quarter_table(client_as, programme):
    viewer = client_as("viewer")
    page = viewer.get("/").text
    label = QUARTER.quarter_label
    network_page = viewer.get(link(page, "network-actors")).text
    row = re.search(rf"<tr><td>{label}</td>(.*?)</tr>", network_page).group(1)
    cells = re.findall(r'<td class="text-end">(.*?)</td>', row)
    assert [figure(page, "network-actors"), figure(page, "network-ties")] == cells[:2] == ["3", "3"]
    assert figure(page, "network-cross_sector_share") == cells[2] == "100 %"
    assert float(figure(page, "network-ei_index")) == float(cells[3]) == 1.0
    assert figure(page, "network-largest_component_share") == cells[4]
    # Last quarter two actors met once: one more actor and two more ties since.
    changes = re.search(r'id="network-figures".*?</table>', page, re.S).group(0)
    assert "▲ +1" in changes and "▲ +2" in changes


def test_a_stage_change_this_quarter_links_to_the_neighbourhood(client_as, programme):
    page = client_as("viewer").get("/").text
    assert f'<a href="/neighbourhoods/{programme["kvarnangen"].id}">Kvarnängen</a>' in page


def test_at_scale_the_dashboard_reads_the_network_from_the_background_jobs_result(client_as, programme, make_person,
                                                                                  make_organisation, make_meeting,
                                                                                  monkeypatch):
    monkeypatch.setattr(view, "JOB_ABOVE_ORGANISATIONS", 0)
    viewer = client_as("viewer")
    assert "The whole network has not been computed yet." in viewer.get("/").text
    refresh_whole_network()
    db.session.commit()
    page = viewer.get("/").text
    assert figure(page, "network-ties") == "3"
    assert "From the stored computation of" in page
    # A newcomer meets the municipality this quarter: the dashboard keeps the stored figures and says they are old.
    college = make_organisation("Norrviks högskola", Sector.ACADEMIC)
    someone_at_kommun = db.session.scalars(select(Person).join(Membership).where(
        Membership.organisation_id == programme["kommun"].id)).first()
    make_meeting("Samtal", at(TODAY, 9), MeetingKind.INTERVIEW,
                 attendees=[make_person(organisation=college), someone_at_kommun])
    page = viewer.get("/").text
    assert figure(page, "network-ties") == "3"
    assert "Data has changed since." in page


def test_the_dashboard_reads_the_stored_quarters_without_the_rest_of_the_stored_network(client_as, programme,
                                                                                        statements, monkeypatch):
    monkeypatch.setattr(view, "JOB_ABOVE_ORGANISATIONS", 0)
    refresh_whole_network()
    db.session.commit()
    viewer = client_as("viewer")
    network_cache.clear()  # as in a new process: nothing read yet
    statements.clear()
    page = viewer.get("/").text
    assert [figure(page, "network-actors"), figure(page, "network-ties")] == ["3", "3"]
    read = [s for s in statements if "network_results" in s]
    assert read, "the figures come from the stored result"
    assert not any("summary" in s or "graph_with_ties" in s for s in read), \
        "a quarter's figures are read without the actors and ties (tens of MB at design scale)"


def test_the_goal_comes_from_the_configuration(app, client_as, monkeypatch, tmp_path):
    monkeypatch.setenv("PROGRAMME_GOAL", "40")
    assert load_config(tmp_path)["PROGRAMME_GOAL"] == 40
    monkeypatch.setenv("PROGRAMME_GOAL", "many")
    with pytest.raises(ConfigError):
        load_config(tmp_path)
    app.config["PROGRAMME_GOAL"] = 40
    assert "of 40 neighbourhoods in the programme" in client_as("viewer").get("/").text


def test_an_empty_programme_shows_zeros_not_an_error(client_as):
    page = client_as("viewer").get("/").text
    assert number(figure(page, "meetings")) == 0 and number(figure(page, "overdue")) == 0
    assert figure(page, "network-actors") == "0"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_two_sections_of_the_dashboard_share_a_heading(client_as, language):
    page = client_as("staff").get("/", headers={"Accept-Language": language}).text
    headings = [" ".join(re.sub(r"<[^>]+>", "", h).split()) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.DOTALL)]
    assert len(headings) >= 5
    assert len(set(headings)) == len(headings), headings

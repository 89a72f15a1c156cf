"""The steering group's report: every figure checked against the database and the page it summarises."""
import io
import re
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from html.parser import HTMLParser
from itertools import combinations

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from coalition.collaboration import drawing
from coalition.commitments import CommitmentDetails, create_commitment, record_status_change
from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Meeting,
    MeetingKind,
    Neighbourhood,
    Organisation,
    Participation,
    ParticipationStatus,
    Sector,
    Stage,
    StageChange,
    Unit,
)
from coalition.models.commitments import commitment_parties
from coalition.models.relationships import Relationship, RelationshipKind
from coalition.neighbourhoods import NeighbourhoodDetails, change_stage, create_neighbourhood
from coalition.network import reduce_for_drawing
from coalition.reporting import steering_report
from coalition.reporting.period_figures import Period

QUARTER = {"from": "2025-04-01", "to": "2025-06-30"}
START, END = date(2025, 4, 1), date(2025, 6, 30)
PREVIOUS_START, PREVIOUS_END = date(2025, 1, 1), date(2025, 3, 31)

class FigureRows(HTMLParser):
    """Collect the cells of every table row marked data-figure, as the reader sees them, and where they link."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.links: dict[str, dict[int, str]] = {}  # row -> {column: href}
        self._row, self._cell = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-figure" in attrs:
            self._row = attrs["data-figure"]
            self.rows[self._row] = []
            self.links[self._row] = {}
        elif tag in ("td", "th") and self._row:
            self._cell = []
        elif tag == "a" and self._cell is not None:
            self.links[self._row][len(self.rows[self._row])] = attrs["href"]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row and self._cell is not None:
            self.rows[self._row].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def shown(html: str, figure: str, column: int = 1) -> str:
    """Return what a figure's row shows in a column (1: this period, 2: the previous one)."""
    return FigureRows(html).rows[figure][column]


def linked(html: str, figure: str, column: int = 1) -> str:
    """Return where a figure's cell links to (1: this period)."""
    return FigureRows(html).links[figure][column]


def results_on(page: str) -> int:
    """Read the "N results" a list page writes under its table."""
    return int(re.search(r"(\d+) results?\b", page).group(1))


def as_number(text: str) -> int:
    return int(re.sub(r"[^\d-]", "", text))


def as_amount(text: str) -> Decimal:
    """Read an amount as the English page writes it: 120,000.50 SEK."""
    return Decimal(re.sub(r"[^\d.]", "", text))


def _person(make_person, organisation):
    return make_person(organisation=organisation) if organisation else make_person()


def _commitment(kind, parties, made_on, amount=None, unit=None, delivered_on=None):
    commitment = create_commitment(db.session, CommitmentDetails(
        description=f"{kind} {made_on}", party_ids=[p.id for p in parties], kind=kind, amount=amount, unit=unit,
        made_on=made_on, due_on=date(2025, 12, 31)), status=CommitmentStatus.AGREED)
    if delivered_on:
        record_status_change(db.session, commitment, CommitmentStatus.DELIVERED, changed_on=delivered_on)
    db.session.commit()
    return commitment


def build_programme(make_organisation, make_person, make_meeting):
    """A small programme with something in 2025-Q2 (the report's quarter) and in the quarter before."""
    def move(day: date) -> date:
        return day

    def at(day: date, hour: int = 10) -> datetime:
        return datetime.combine(move(day), datetime.min.time()).replace(hour=hour)

    kommun = make_organisation("Norrvik kommun", Sector.PUBLIC, created_at=at(date(2024, 6, 1)))
    forening = make_organisation("Kvarnängens IF", Sector.CIVIL, created_at=at(date(2024, 6, 1)))
    bolag = make_organisation("Norrviks Bostäder", Sector.PRIVATE, created_at=at(date(2024, 6, 1)))
    hogskola = make_organisation("Norrviks högskola", Sector.ACADEMIC, created_at=at(date(2025, 5, 2)))
    kyrka = make_organisation("Norrviks församling", Sector.CIVIL, created_at=at(date(2025, 2, 1)))
    anna, bo, cecilia, dan = (_person(make_person, o) for o in (kommun, forening, bolag, hogskola))
    eva = make_person("Eva utan organisation")
    for kind, starts_at, came, no_show in [
        (MeetingKind.WORKSHOP, at(date(2025, 4, 10)), [(anna, kommun), (bo, forening), (cecilia, bolag)],
         [(dan, hogskola)]),
        (MeetingKind.COORDINATION, at(date(2025, 6, 30), 18), [(anna, kommun), eva], []),
        (MeetingKind.WORKSHOP, at(date(2025, 7, 1), 9), [(anna, kommun), (dan, hogskola)], []),
        (MeetingKind.INFORMATION, at(date(2025, 3, 31), 16), [(anna, kommun), (bo, forening)], []),
    ]:
        make_meeting(f"{kind} {starts_at:%Y-%m-%d}", starts_at, kind, attendees=came, no_show=no_show)
    _commitment(CommitmentKind.FUNDING, [kommun, forening], move(date(2025, 4, 15)), Decimal("100000"), Unit.SEK)
    _commitment(CommitmentKind.STAFF_TIME, [bolag], move(date(2025, 5, 20)), Decimal("40"), Unit.HOURS)
    _commitment(CommitmentKind.FUNDING, [kommun], move(date(2025, 1, 20)), Decimal("50000"), Unit.SEK,
                delivered_on=move(date(2025, 6, 1)))
    _commitment(CommitmentKind.FUNDING, [bolag], move(date(2025, 6, 30)), Decimal("20000.50"), Unit.SEK)
    _commitment(CommitmentKind.PREMISES, [kyrka], move(date(2025, 7, 1)), Decimal("5000"), Unit.SEK)
    kvarnangen = create_neighbourhood(db.session, NeighbourhoodDetails("Kvarnängen", "Norrvik"),
                                      stage_on=move(date(2025, 1, 10)))
    change_stage(db.session, kvarnangen, Stage.MOBILISING, changed_on=move(date(2025, 5, 5)))
    create_neighbourhood(db.session, NeighbourhoodDetails("Solbacka", "Norrvik"), stage_on=move(date(2025, 2, 1)))
    ekhojden = create_neighbourhood(db.session, NeighbourhoodDetails("Ekhöjden", "Norrvik"), stage=Stage.ACTING,
                                    stage_on=move(date(2024, 12, 1)))
    change_stage(db.session, ekhojden, Stage.SUSTAINED, changed_on=move(date(2025, 7, 10)))
    db.session.commit()
    return {"kvarnangen": kvarnangen, "ekhojden": ekhojden}


# --- what the database says, asked independently of the report's own code -------------------

def _moment(day: date, next_day=False) -> datetime:
    return datetime.combine(day, datetime.min.time()) if not next_day else datetime.combine(
        date.fromordinal(day.toordinal() + 1), datetime.min.time())


def meetings_in(start, end, kind=None) -> int:
    query = select(func.count()).select_from(Meeting).where(
        Meeting.starts_at >= _moment(start), Meeting.starts_at < _moment(end, next_day=True))
    if kind:
        query = query.where(Meeting.kind == kind)
    return db.session.scalar(query)


def attendances_in(start, end) -> list[tuple]:
    """(meeting kind, sector or None, person id, organisation id) of everyone who attended."""
    return db.session.execute(
        select(Meeting.kind, Organisation.sector, Participation.person_id, Participation.organisation_id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.status == ParticipationStatus.ATTENDED, Meeting.starts_at >= _moment(start),
               Meeting.starts_at < _moment(end, next_day=True))).all()


def new_organisations_in(start, end, sector=None) -> int:
    query = select(func.count()).select_from(Organisation).where(
        Organisation.created_at >= _moment(start), Organisation.created_at < _moment(end, next_day=True))
    if sector:
        query = query.where(Organisation.sector == sector)
    return db.session.scalar(query)


def commitments_in(start, end, delivered=False) -> tuple[int, Decimal]:
    if delivered:
        condition = (Commitment.status == CommitmentStatus.DELIVERED) & Commitment.delivered_on.between(start, end)
    else:
        condition = Commitment.made_on.between(start, end)
    rows = db.session.scalars(select(Commitment).where(condition)).all()
    return len(rows), sum((c.amount for c in rows if c.unit == Unit.SEK), Decimal("0.00"))


def network_in(start, end) -> dict:
    """Who met or worked jointly in the period and the ties between them, counted by hand."""
    sector = dict(db.session.execute(select(Organisation.id, Organisation.sector)).all())
    by_meeting: dict[int, set] = {}
    for meeting_id, organisation_id in db.session.execute(
            select(Participation.meeting_id, Participation.organisation_id)
            .join(Meeting, Meeting.id == Participation.meeting_id)
            .where(Participation.status == ParticipationStatus.ATTENDED, Participation.organisation_id.is_not(None),
                   Meeting.starts_at >= _moment(start), Meeting.starts_at < _moment(end, next_day=True))):
        by_meeting.setdefault(meeting_id, set()).add(organisation_id)
    groups = list(by_meeting.values())
    parties: dict[int, set] = {}
    for commitment_id, organisation_id in db.session.execute(
            select(commitment_parties.c.commitment_id, commitment_parties.c.organisation_id)
            .join(Commitment, Commitment.id == commitment_parties.c.commitment_id)
            .where(Commitment.made_on.between(start, end))):
        parties.setdefault(commitment_id, set()).add(organisation_id)
    groups += [members for members in parties.values() if len(members) > 1]
    actors = set().union(*groups) if groups else set()
    ties = {tuple(sorted(pair)) for members in groups for pair in combinations(members, 2)}
    cross = sum(1 for a, b in ties if sector[a] != sector[b])
    return {"actors": len(actors), "ties": len(ties), "cross": cross}


# --- the report ---------------------------------------------------------------------------------

@pytest.fixture
def programme(app, make_organisation, make_person, make_meeting):
    return build_programme(make_organisation, make_person, make_meeting)


def test_every_figure_in_the_report_agrees_with_the_database(client_as, programme):
    page = client_as("viewer").get("/reports/steering", query_string=QUARTER)
    assert page.status_code == 200
    html = page.text
    for column, (start, end) in ((1, (START, END)), (2, (PREVIOUS_START, PREVIOUS_END))):
        attended = attendances_in(start, end)
        assert as_number(shown(html, "meetings", column)) == meetings_in(start, end)
        assert as_number(shown(html, "attendances", column)) == len(attended)
        assert as_number(shown(html, "people", column)) == len({row.person_id for row in attended})
        assert as_number(shown(html, "new-actors", column)) == new_organisations_in(start, end)
        made, made_sek = commitments_in(start, end)
        delivered, delivered_sek = commitments_in(start, end, delivered=True)
        assert as_number(shown(html, "commitments-made", column)) == made
        assert as_number(shown(html, "commitments-delivered", column)) == delivered
        assert as_amount(shown(html, "commitments-made-sek", column)) == made_sek
        assert as_amount(shown(html, "commitments-delivered-sek", column)) == delivered_sek
        for sector in Sector:
            assert as_number(shown(html, f"new-actors-{sector.value}", column)) == new_organisations_in(
                start, end, sector)
    # The hand-checked values, so that a query wrong in the same way on both sides still fails.
    assert [shown(html, name) for name in ("meetings", "attendances", "people", "new-actors")] == ["2", "5", "4", "1"]
    assert shown(html, "commitments-made-sek") == "120,000.50 SEK"
    assert shown(html, "commitments-delivered-sek") == "50,000 SEK"


def test_participation_by_kind_and_sector_adds_up_to_who_attended(client_as, programme):
    rows = FigureRows(client_as("viewer").get("/reports/steering", query_string=QUARTER).text).rows
    attended = attendances_in(START, END)
    sectors = [*Sector, None]
    for kind in (MeetingKind.WORKSHOP, MeetingKind.COORDINATION):
        cells = rows[f"meetings-{kind.value}"]
        assert as_number(cells[1]) == meetings_in(START, END, kind)
        expected = [sum(1 for row in attended if row.kind == kind and row.sector == s) for s in sectors]
        assert [as_number(c) for c in cells[2:7]] == expected
        assert as_number(cells[7]) == 0, "nobody was counted without a name"
        assert as_number(cells[8]) == sum(expected)
    assert "meetings-information" not in rows  # held the quarter before
    total = rows["meetings-total"]
    assert [as_number(c) for c in total[1:]] == [
        meetings_in(START, END), *[sum(1 for row in attended if row.sector == s) for s in sectors], 0, len(attended)]


def test_commitments_by_kind_in_the_report_agree_with_the_register_rows(client_as, programme):
    rows = FigureRows(client_as("viewer").get("/reports/steering", query_string=QUARTER).text).rows
    funding = rows["commitments-funding"]
    made = db.session.scalars(select(Commitment).where(Commitment.kind == CommitmentKind.FUNDING,
                                                       Commitment.made_on.between(START, END))).all()
    assert as_number(funding[1]) == len(made) == 2
    assert funding[2] == "120,000.50 SEK"
    assert as_number(funding[3]) == 1 and funding[4] == "50,000 SEK"
    assert as_number(rows["commitments-staff_time"][1]) == 1 and rows["commitments-staff_time"][2] == "40 hours"
    assert rows["commitments-total"][2] == "120,000.50 SEK40 hours"  # each unit on its own line, hours not lost


def test_meeting_counts_in_the_report_agree_with_the_meetings_list_it_links_to(client_as, programme):
    viewer = client_as("viewer")
    html = viewer.get("/reports/steering", query_string=QUARTER).text
    assert 'href="/meetings/?date_from=2025-04-01&amp;date_to=2025-06-30"' in html
    listed = viewer.get("/meetings/", query_string={"date_from": "2025-04-01", "date_to": "2025-06-30"}).text
    assert f"{shown(html, 'meetings')} results" in listed
    workshops = viewer.get("/meetings/", query_string={"date_from": "2025-04-01", "date_to": "2025-06-30",
                                                        "kind": "workshop"}).text
    assert f"{as_number(FigureRows(html).rows['meetings-workshop'][1])} result" in workshops


def test_commitment_figures_link_to_the_register_filtered_to_exactly_those_commitments(client_as, programme,
                                                                                      make_organisation):
    later = make_organisation("Sent bolag", Sector.PRIVATE, created_at=datetime(2025, 1, 5, 10))
    _commitment(CommitmentKind.FUNDING, [later], date(2025, 3, 1), Decimal("7000"), Unit.SEK,
                delivered_on=date(2025, 6, 30))  # delivered on the last day: counts
    _commitment(CommitmentKind.FUNDING, [later], date(2025, 3, 2), Decimal("9000"), Unit.SEK,
                delivered_on=date(2025, 7, 1))  # the day after: does not
    viewer = client_as("viewer")
    html = viewer.get("/reports/steering", query_string=QUARTER).text
    assert linked(html, "commitments-made") == "/commitments/?made_from=2025-04-01&made_to=2025-06-30"
    assert linked(html, "commitments-delivered") == "/commitments/?delivered_from=2025-04-01&delivered_to=2025-06-30"
    assert [as_number(shown(html, name)) for name in ("commitments-made", "commitments-delivered")] == [3, 2]
    made = viewer.get(linked(html, "commitments-made")).text
    assert "funding 2025-06-30" in made and "premises 2025-07-01" not in made  # the last day counts, the next not
    delivered = viewer.get(linked(html, "commitments-delivered")).text
    assert "funding 2025-03-01" in delivered and "funding 2025-03-02" not in delivered
    rows = FigureRows(html)
    for figure, column in (("commitments-made", 1), ("commitments-delivered", 1), ("commitments-funding", 1),
                           ("commitments-funding", 3), ("commitments-staff_time", 1), ("commitments-total", 1),
                           ("commitments-total", 3)):
        listed = viewer.get(rows.links[figure][column]).text
        assert results_on(listed) == as_number(rows.rows[figure][column]), (figure, column)
    funding = rows.links["commitments-funding"][3]
    assert "kind=funding" in funding and "delivered_from=2025-04-01" in funding


def test_new_actors_link_to_the_organisations_registered_in_the_period_boundaries_and_archived_included(
        client_as, programme, make_organisation):
    make_organisation("Kvällsanmäld", Sector.ACADEMIC, created_at=datetime(2025, 6, 30, 23, 30))  # counts
    make_organisation("Vid midnatt", Sector.ACADEMIC, created_at=datetime(2025, 7, 1, 0, 0))  # does not
    make_organisation("Sista sekunden före", Sector.CIVIL, created_at=datetime(2025, 3, 31, 23, 59, 59))  # does not
    make_organisation("Första sekunden", Sector.CIVIL, created_at=datetime(2025, 4, 1, 0, 0))  # counts
    closed = make_organisation("Nedlagd", Sector.CIVIL, created_at=datetime(2025, 5, 5, 12))  # counts, though archived
    closed.archive()
    db.session.commit()
    viewer = client_as("viewer")
    html = viewer.get("/reports/steering", query_string=QUARTER).text
    assert as_number(shown(html, "new-actors")) == new_organisations_in(START, END) == 4
    assert linked(html, "new-actors") == (
        "/organisations/?joined_from=2025-04-01&joined_to=2025-06-30&archived=y")
    listed = viewer.get(linked(html, "new-actors")).text
    assert results_on(listed) == 4
    assert "Kvällsanmäld" in listed and "Nedlagd" in listed and "Vid midnatt" not in listed
    for sector, expected in ((Sector.ACADEMIC, 2), (Sector.CIVIL, 2), (Sector.PUBLIC, 0)):
        figure = f"new-actors-{sector.value}"
        assert as_number(shown(html, figure)) == expected
        assert f"sector={sector.value}" in linked(html, figure)
        assert results_on(viewer.get(linked(html, figure)).text) == expected


def test_network_figures_agree_with_a_count_by_hand_and_with_the_network_page(client_as, programme):
    viewer = client_as("viewer")
    rows = FigureRows(viewer.get("/reports/steering", query_string=QUARTER).text).rows
    for column, (start, end) in ((1, (START, END)), (2, (PREVIOUS_START, PREVIOUS_END))):
        counted = network_in(start, end)
        assert as_number(rows["network-actors"][column]) == counted["actors"]
        assert as_number(rows["network-ties"][column]) == counted["ties"]
        assert rows["network-cross_sector_share"][column] == f"{100 * counted['cross'] / counted['ties']:.0f} %"
        ei = (counted["cross"] - (counted["ties"] - counted["cross"])) / counted["ties"]
        assert rows["network-ei_index"][column] == f"{ei:+.2f}"
    assert [rows["network-actors"][1], rows["network-ties"][1]] == ["3", "3"]
    assert rows["network-ties"][3] == "▲ +2"
    # The network page's quarter-by-quarter table shows the same quarter alike.
    network_page = viewer.get("/network/").text
    quarter_row = re.search(r"<tr><td>2025-Q2</td>(.*?)</tr>", network_page).group(1)
    cells = re.findall(r'<td class="text-end">(.*?)</td>', quarter_row)
    assert cells[:3] == [rows["network-actors"][1], rows["network-ties"][1], rows["network-cross_sector_share"][1]]
    assert float(cells[3]) == float(rows["network-ei_index"][1])
    assert cells[4] == rows["network-largest_component_share"][1]


def test_network_figures_of_any_period_agree_with_a_count_by_hand(client_as, programme, statements):
    html = client_as("viewer").get("/reports/steering", query_string={"from": "2025-04-10", "to": "2025-06-30"}).text
    # The social-effect section reads each neighbourhood's own rows over the programme's span, by design.
    attendances = [s for s in statements if "FROM participations JOIN meetings" in s
                   and "meeting_neighbourhoods.neighbourhood_id = " not in s]
    assert attendances and all("meetings.starts_at >=" in s for s in attendances), \
        "a period's figures read only the period's meetings, never every attendance of the programme"
    rows = FigureRows(html).rows
    for column, (start, end) in ((1, (date(2025, 4, 10), END)), (2, (date(2025, 1, 18), date(2025, 4, 9)))):
        counted = network_in(start, end)
        assert as_number(rows["network-actors"][column]) == counted["actors"]
        assert as_number(rows["network-ties"][column]) == counted["ties"]
        assert rows["network-cross_sector_share"][column] == f"{100 * counted['cross'] / counted['ties']:.0f} %"
    assert [rows["network-actors"][1], rows["network-ties"][1]] == ["3", "3"]
    assert [rows["network-actors"][2], rows["network-ties"][2]] == ["2", "1"]


# A drawn actor (or group) of the network's picture, and its id.
DRAWN_ACTOR = r'class="node [^"]*" data-id="(\d+)"'


def test_the_network_picture_is_drawn_without_computing_every_figure(client_as, programme):
    html = client_as("viewer").get("/reports/steering", query_string=QUARTER).text
    picture = html[html.index("<svg"):html.index("</svg>")]
    drawn = set(re.findall(DRAWN_ACTOR, picture))
    period = steering_report.network_picture(db.session, Period(START, END)).graph
    assert drawn == {str(node) for node in period if period[node]}  # as the network page draws it: actors with a tie
    assert "Too many" not in html[html.index('id="network-caption"'):]
    # The picture needs the graph, degrees and communities: not betweenness and the rest (most of the seconds).
    pictured = steering_report.network_picture(db.session, Period(START, END))
    assert {key for figures in pictured.figures.actors.values() for key in figures} == {"degree"}
    assert pictured.figures.communities


def test_a_network_too_large_to_draw_is_drawn_by_community_and_the_caption_says_so(client_as, programme,
                                                                                  monkeypatch):
    # The two actors without a tie in the quarter declare a partnership: a second community.
    college, parish = (db.session.scalar(select(Organisation).where(Organisation.name == name))
                       for name in ("Norrviks högskola", "Norrviks församling"))
    db.session.add(Relationship(from_organisation=college, to_organisation=parish, kind=RelationshipKind.PARTNERSHIP))
    monkeypatch.setattr(drawing, "reduce_for_drawing", partial(reduce_for_drawing, max_nodes=2))
    html = client_as("viewer").get("/reports/steering", query_string=QUARTER).text
    caption = " ".join(re.search(r'id="network-caption">(.*?)</figcaption>', html, re.S).group(1).split())
    organisations = db.session.scalar(select(func.count()).select_from(Organisation))
    assert f"each of the 2 largest communities is one node ({organisations} actors in all" in caption
    picture = html[html.index("<svg"):html.index("</svg>")]
    assert len(re.findall(DRAWN_ACTOR, picture)) == 2
    # A community opens on the network page under the period's dates, numbered as there.
    assert "/network/?from=2025-04-01&amp;to=2025-06-30&amp;community=1" in picture


def test_a_period_too_large_to_draw_leaves_out_the_actors_without_a_tie_and_counts_them(client_as, programme,
                                                                                        monkeypatch):
    period = steering_report.network_picture(db.session, Period(START, END)).graph
    tied = {node for node in period if period[node]}
    untied = period.number_of_nodes() - len(tied)
    assert tied and untied  # the programme has actors who took no part in the quarter
    monkeypatch.setattr(drawing, "reduce_for_drawing", partial(reduce_for_drawing, max_nodes=len(tied)))
    html = client_as("viewer").get("/reports/steering", query_string=QUARTER).text
    picture = html[html.index("<svg"):html.index("</svg>")]
    assert set(re.findall(DRAWN_ACTOR, picture)) == {str(node) for node in tied}
    caption = " ".join(re.search(r'id="network-caption">(.*?)</figcaption>', html, re.S).group(1).split())
    assert f"{untied} actors without a tie in the period are not drawn." in caption
    assert "Too many" not in caption


def test_a_long_list_of_new_actors_names_the_first_and_counts_the_rest(client_as, programme, make_organisation,
                                                                      monkeypatch):
    monkeypatch.setattr(steering_report, "NEW_ACTORS_NAMED", 2)
    for name in ("Citykyrkan", "Ankarets förskola", "Bryggans café"):
        make_organisation(name, Sector.CIVIL, created_at=datetime(2025, 5, 3, 10))
    html = client_as("viewer").get("/reports/steering", query_string=QUARTER).text
    assert as_number(shown(html, "new-actors")) == new_organisations_in(START, END) == 4
    names = re.search(r'id="new-actor-names">(.*?)</ul>', html, re.S).group(1)
    assert "Ankarets förskola" in names and "Bryggans café" in names  # civil before academic, by name
    assert "Citykyrkan" not in names and "Norrviks högskola" not in names
    assert "and 2 more, counted by sector above" in names


def test_neighbourhood_progress_shows_stage_changes_and_stages_at_the_end_of_the_period(client_as, programme):
    html = client_as("viewer").get("/reports/steering", query_string=QUARTER).text
    changes = db.session.execute(select(Neighbourhood.name, StageChange.stage).join(StageChange.neighbourhood)
                                 .where(StageChange.changed_on.between(START, END))).all()
    assert as_number(shown(html, "stage-changes")) == len(changes) == 1
    assert f'href="/neighbourhoods/{programme["kvarnangen"].id}"' in html
    latest = {}
    for neighbourhood_id, stage in db.session.execute(
            select(StageChange.neighbourhood_id, StageChange.stage).where(StageChange.changed_on <= END)
            .order_by(StageChange.changed_on, StageChange.id)):
        latest[neighbourhood_id] = stage
    for stage in Stage:
        expected = sum(1 for s in latest.values() if s == stage)
        assert as_number(shown(html, f"stage-{stage.value}")) == expected
    assert shown(html, "stage-acting") == "1"  # Ekhöjden was acting then, whatever it is now


def test_the_report_defaults_to_this_quarter_and_links_to_the_previous_one(client_as):
    html = client_as("viewer").get("/reports/steering").text
    today = date.today()
    quarter = (today.month - 1) // 3 + 1
    assert f"{today.year}-Q{quarter}" in html
    assert 'rel="prev"' in html and "Previous quarter" in html
    assert "Next quarter" not in html  # nothing after the current quarter yet


@pytest.mark.parametrize("query, message", [
    ({"from": "2026-13-01"}, "“2026-13-01” is not a valid date."),
    ({"from": "9999-10-01"}, "Give a date between 1900-01-01 and"),
    ({"from": "2026-10-01", "to": "2026-09-01"}, "The period ends (2026-09-01) before it starts (2026-10-01)."),
    ({"from": "first of may"}, "“first of may” is not a valid date."),
])
def test_bad_dates_are_explained_and_kept_not_a_crash(client_as, query, message):
    response = client_as("viewer").get("/reports/steering", query_string=query)
    assert response.status_code == 400
    assert message in response.text
    assert f'value="{query["from"]}"' in response.text


def test_a_viewer_can_read_the_report_and_a_stranger_cannot(client, client_as):
    assert client_as("viewer").get("/reports/steering").status_code == 200
    assert client.get("/reports/steering").headers["Location"].startswith("/login")


def test_the_report_comes_in_swedish_when_asked(client_as, programme):
    html = client_as("viewer").get("/reports/steering", query_string={**QUARTER, "lang": "sv"}).text
    assert '<html lang="sv">' in html
    assert "120\xa0000,50\xa0kr" in html


def test_the_swedish_report_calls_a_delivered_commitment_infriat_as_the_register_does(client_as, programme):
    html = client_as("viewer").get("/reports/steering", query_string={**QUARTER, "lang": "sv"}).text
    assert "Infriade åtaganden" in html and "Infriat, kr" in html
    assert "everer" not in html  # levererad, levererat, leveransdatum


def test_the_pdf_holds_the_same_figures_as_the_page(client_as, programme):
    viewer = client_as("viewer")
    html = viewer.get("/reports/steering", query_string=QUARTER).text
    response = viewer.get("/reports/steering", query_string={**QUARTER, "format": "pdf", "lang": "en"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "steering-report_2025-04-01_2025-06-30.pdf" in response.headers["Content-Disposition"]
    # Words as a reader sees them: any run of spaces (the amounts' no-break ones too) as one.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages).split())
    assert "2025-Q2: 2025-04-01 – 2025-06-30" in text
    # The page's account strip is not the report's: no language buttons, log-out or form tokens on paper.
    assert "Log out" not in text and "format=pdf" not in text and "Svenska" not in text
    rows = FigureRows(html).rows
    for name in ("meetings", "attendances", "people", "new-actors", "commitments-made", "commitments-delivered",
                 "commitments-made-sek", "commitments-delivered-sek"):
        label, now, before = rows[name]
        assert f"{label} {now} {before}" in text
    for name in ("network-actors", "network-ties", "network-cross_sector_share", "network-ei_index"):
        label, now, before, change = rows[name]
        assert f"{label} {now} {before}" in text
    assert "Norrviks högskola" in text  # the new actor, by name
    assert "Kvarnängen" in text  # the stage change
    # The figures stay links in the PDF, to the same lists as on the page.
    targets = {annotation.get_object()["/A"].get("/URI") for page in PdfReader(io.BytesIO(response.data)).pages
               for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()}
    for figure in ("commitments-made", "commitments-delivered", "new-actors"):
        assert f"http://localhost{linked(html, figure)}" in targets, figure


def test_the_pdf_fetches_nothing_but_the_apps_own_files(client_as, app, monkeypatch):
    from coalition.web import reports

    asked = []
    real = reports._static_file
    monkeypatch.setattr(reports, "_static_file", lambda url: asked.append(url) or real(url))
    response = client_as("viewer").get("/reports/steering", query_string={"format": "pdf"})
    assert response.status_code == 200
    assert asked and all(url.startswith("http://localhost/") for url in asked)
    with app.test_request_context("/"):
        assert reports._static_file("http://localhost/static/css/report.css")[1] == "text/css"
        assert reports._static_file("http://localhost/reports/steering") is None
        assert reports._static_file("http://example.com/static/css/report.css") is None
        assert reports._static_file("http://localhost/static/../coalition/config.py") is None


def test_kpis_show_the_values_measured_up_to_the_end_of_the_period_with_a_chart(client_as, make_neighbourhood):
    from coalition.models import Direction, Kpi, KpiMeasurement, KpiTarget

    place = make_neighbourhood("Kvarnängen")
    kpi = Kpi(name="Otrygghet kvällstid", unit="%", direction=Direction.LOWER_IS_BETTER)
    db.session.add_all([kpi, KpiTarget(kpi=kpi, neighbourhood=place, baseline_value=Decimal("41"),
                                       baseline_on=date(2024, 1, 1), target_value=Decimal("25"),
                                       target_on=date(2027, 12, 31))])
    for day, value in ((date(2024, 12, 1), "38"), (date(2025, 5, 1), "31"), (date(2025, 9, 1), "20")):
        db.session.add(KpiMeasurement(kpi=kpi, neighbourhood=place, measured_on=day, value=Decimal(value)))
    db.session.commit()
    html = client_as("viewer").get("/reports/steering", query_string=QUARTER).text
    section = html[html.index('id="kpis"'):]
    latest = db.session.scalars(select(KpiMeasurement).where(KpiMeasurement.measured_on <= END)
                                .order_by(KpiMeasurement.measured_on.desc())).first()
    assert "Otrygghet kvällstid" in section and "1 measurement in the period" in section
    assert latest.value == Decimal("31")
    assert '31 <span class="text-secondary">(2025-05-01)</span>' in section
    assert "(2025-09-01)" not in section  # measured after the period
    assert "62.5 %" in section  # from 41 towards 25, at 31
    assert "<svg" in section[:section.index("</table>")]

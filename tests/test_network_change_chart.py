"""The network page's change-over-time chart, and communities that open on click."""
import functools
from datetime import date, datetime

import pytest

from coalition.collaboration import drawing as network_drawing
from coalition.db import db
from coalition.models import Meeting, MeetingKind, Participation, RelationshipKind, Sector
from coalition.network import reduce_for_drawing
from coalition.relationships import RelationshipDetails, create_relationship
from coalition.web.change_chart import change_chart


@pytest.fixture
def two_triangles(make_organisation):
    """Two tight groups of three, joined by one bridge: Louvain finds two communities."""
    names = ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
    sectors = [Sector.PUBLIC, Sector.CIVIL, Sector.PRIVATE, Sector.ACADEMIC, Sector.CIVIL, Sector.PUBLIC]
    orgs = [make_organisation(name, sector=sector) for name, sector in zip(names, sectors)]
    for a, b in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]:
        create_relationship(db.session, RelationshipDetails(orgs[a].id, orgs[b].id, RelationshipKind.PARTNERSHIP,
                                                            from_date=date(2025, 1, 10)))
    db.session.commit()
    return orgs


def test_the_change_chart_draws_one_line_per_measure_beside_the_table(client_as, two_triangles, make_person):
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Verkstad", starts_at=datetime(2025, 2, 3, 18, 0))
    for organisation in two_triangles[:3]:
        meeting.participations.append(Participation(person=make_person(organisation=organisation),
                                                    organisation=organisation))
    db.session.add(meeting)
    db.session.commit()
    page = client_as("viewer").get("/network/?from=2025-01-01&to=2025-06-30").get_data(as_text=True)
    chart = page.split('class="change-chart')[1].split("</svg>")[0]
    assert "Change over time, by quarter" in chart and "<desc" in chart
    assert "2025-Q1 · Actors: 3" in chart and "2025-Q2 · Actors: 0" in chart
    assert "2025-Q1 · Cross-sector ties: 100 %" in chart
    assert chart.count("<polyline") == 2 + 3  # actors and ties both quarters; shares only where there are ties
    assert "<table" in page.split('class="change-chart')[1]  # the table stays as the data


def test_the_chart_breaks_its_line_where_a_quarter_has_no_value():
    class Quarter:
        def __init__(self, label, ei):
            self.quarter, self.actors, self.ties = label, 2, 1
            self.cross_sector_share = self.largest_component_share = self.ei_index = ei

    chart = change_chart([Quarter("2025-Q1", 1.0), Quarter("2025-Q2", None), Quarter("2025-Q3", -1.0)])
    ei = next(panel for panel in chart["panels"] if panel.title == "E-I index")
    assert len(ei.lines) == 2
    assert ei.points[0][1] < ei.points[1][1]  # +1 is drawn above -1


def test_a_community_node_opens_the_drawing_of_that_community(client_as, two_triangles, monkeypatch):
    monkeypatch.setattr(network_drawing, "reduce_for_drawing", functools.partial(reduce_for_drawing, max_nodes=2))
    viewer = client_as("viewer")
    page = viewer.get("/network/?level=organisations").get_data(as_text=True)
    drawing = page.split('class="network-drawing ')[1].split("</svg>")[0]
    assert "community=1" in drawing and "community=2" in drawing
    assert "focus=" not in drawing  # groups, not actors

    opened = viewer.get("/network/?level=organisations&community=1").get_data(as_text=True)
    assert "Showing group 1 only: 3 actors." in opened
    drawing = opened.split('class="network-drawing ')[1].split("</svg>")[0]
    assert drawing.count('class="node ') == 3
    assert 'href="/network/?level=organisations"' in opened  # back to the whole network


@pytest.mark.parametrize("asked", ["9", "abc", "0"])
def test_a_community_that_does_not_exist_says_so_and_shows_the_whole_network(client_as, two_triangles, asked):
    response = client_as("viewer").get(f"/network/?community={asked}")
    assert response.status_code == 200
    assert f"There is no group {asked} under these filters" in response.get_data(as_text=True)

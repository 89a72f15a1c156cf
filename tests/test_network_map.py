"""The network's map without the script: find and focus an actor, colour it, pick a quarter; and at scale,
the job's stored whole programme opens a group or a focus without reading every tie."""
import functools
import re

import pytest

from coalition.collaboration import drawing as network_drawing
from coalition.collaboration import store, view
from coalition.db import db
from coalition.models import Relationship, RelationshipKind, Sector
from coalition.network import reduce_for_drawing

from .test_network_web import coalition  # noqa: F401 (fixtures)


def _drawing(page: str) -> str:
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="network-drawing')
    return page[start:page.index("</svg>", start)]


def _node_classes(svg: str) -> dict[int, str]:
    return {int(node): classes for classes, node in re.findall(r'class="node ([^"]*)" data-id="(\d+)"', svg)}


def test_finding_an_actor_by_part_of_its_name_focuses_on_it(client_as, coalition):  # noqa: F811
    viewer = client_as("viewer")
    found = viewer.get("/network/?find=backens&colour=community")
    assert found.status_code == 302
    assert found.location == f"/network/?colour=community&focus={coalition['club'].id}"
    page = viewer.get(found.location).get_data(as_text=True)
    assert "Focused on <strong>Backens IF</strong>" in page
    svg = _drawing(page)
    assert 'class="network-drawing by-community focusing"' in svg
    classes = _node_classes(svg)
    assert "focus" in classes[coalition["club"].id].split()
    assert "near" in classes[coalition["city"].id].split()  # its partner stands out, the rest fades
    assert not {"focus", "near", "far"} & set(classes[coalition["homes"].id].split())
    partners = page[page.index('id="map-partners"'):]
    assert "Norrvik stad" in partners[:partners.index("</ol>")]
    assert "joint commitments or initiatives" in partners  # the tie's most binding kind


def test_finding_ignores_case_accents_and_spaces_as_the_pickers_do(client_as, coalition):  # noqa: F811
    found = client_as("viewer").get("/network/?find=NORRVIKS+HOGSKOLA")
    assert found.location == f"/network/?focus={coalition['college'].id}"


def test_a_name_several_actors_share_offers_each_of_them(client_as, coalition):  # noqa: F811
    page = client_as("viewer").get("/network/?find=norrvik").get_data(as_text=True)
    offered = page[page.index('id="map-found"'):]
    offered = offered[:offered.index("</div>")]
    assert "Several actors have a name like “norrvik”" in offered
    assert f'focus={coalition["city"].id}">Norrvik stad</a>' in offered
    assert f'focus={coalition["college"].id}">Norrviks högskola</a>' in offered


def test_a_name_no_actor_has_says_so_and_the_map_stays(client_as, coalition):  # noqa: F811
    page = client_as("viewer").get("/network/?find=Okänd").get_data(as_text=True)
    assert "No actor in this network has a name like “Okänd”." in page
    assert 'class="node ' in page


def test_an_actor_outside_the_network_or_a_broken_link_still_shows_the_map(client_as, coalition):  # noqa: F811
    viewer = client_as("viewer")
    missing = viewer.get(f"/network/?neighbourhood={coalition['dalen'].id}&focus={coalition['club'].id}")
    assert "The actor asked for is not in the network under these filters." in missing.get_data(as_text=True)
    for broken in ("focus=abc", "quarter=soon"):
        page = viewer.get(f"/network/?{broken}").get_data(as_text=True)
        assert 'class="node ' in page and "Correct the filters" not in page


def test_colouring_and_a_quarter_work_without_the_script(client_as, coalition):  # noqa: F811
    viewer = client_as("viewer")
    page = viewer.get("/network/?colour=neighbourhood").get_data(as_text=True)
    assert 'class="network-drawing by-neighbourhood"' in page
    legend = page[page.index('data-legend="neighbourhood"'):]
    assert legend.index("Backen") < legend.index("</ul>") and "hidden" not in legend[:legend.index(">")]
    assert "Active in several neighbourhoods" in legend[:legend.index("</ul>")]  # Norrvik stad works in both

    svg = _drawing(viewer.get("/network/").get_data(as_text=True))
    assert re.search(r'data-quarters="2025-Q1 2025-Q2 2025-Q3"', svg)
    first = _drawing(viewer.get("/network/?quarter=2025-Q1").get_data(as_text=True))
    assert 'class="network-drawing by-sector in-quarter"' in first
    classes = _node_classes(first)
    assert "off" not in classes[coalition["club"].id] and "off" in classes[coalition["homes"].id]
    where = re.compile(r'<circle cx="([\d.]+)" cy="([\d.]+)"')
    assert where.findall(first) == where.findall(svg)  # everyone in the same place


def test_actors_without_a_tie_are_counted_below_the_map_not_drawn(client_as, coalition, make_organisation):  # noqa: F811
    loner = make_organisation("Ensamma föreningen", Sector.CIVIL)
    page = client_as("viewer").get("/network/").get_data(as_text=True)
    assert f'data-id="{loner.id}"' not in _drawing(page)
    assert "1 actor without a tie under these filters is not drawn; the table lists it." in page


def test_the_downloaded_picture_writes_only_the_names_shown(client_as, coalition):  # noqa: F811
    svg = client_as("viewer").get("/network/export.svg").get_data(as_text=True)
    assert svg.count("<text ") == len(re.findall(r'class="node ', svg)) == 4  # a small network: every name
    assert 'class="hidden"' not in svg


@pytest.fixture
def two_groups(make_organisation, monkeypatch):
    """Two triangles of declared partners on a programme treated as large, drawn as two groups by the job."""
    monkeypatch.setattr(view, "JOB_ABOVE_ORGANISATIONS", 0)
    monkeypatch.setattr(network_drawing, "reduce_for_drawing", functools.partial(reduce_for_drawing, max_nodes=2))
    actors = [make_organisation(f"Aktör {n}", Sector.CIVIL) for n in range(6)]
    for first, second in ((0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)):
        db.session.add(Relationship(from_organisation=actors[first], to_organisation=actors[second],
                                    kind=RelationshipKind.PARTNERSHIP))
    db.session.commit()
    return actors


def test_at_scale_a_group_and_a_focus_open_from_the_jobs_drawings_without_reading_every_tie(
        client_as, two_groups, monkeypatch):
    client_as("staff").post("/network/refresh")
    monkeypatch.setattr(store, "read_with_ties", lambda *args: pytest.fail("read every tie"))
    viewer = client_as("viewer")
    whole = _drawing(viewer.get("/network/").get_data(as_text=True))
    assert len(_node_classes(whole)) == 2 and "community=1" in whole

    opened = viewer.get("/network/?community=1").get_data(as_text=True)
    assert "Showing group 1 only: 3 actors." in opened and len(_node_classes(_drawing(opened))) == 3

    focused = viewer.get(f"/network/?focus={two_groups[4].id}").get_data(as_text=True)
    assert "Showing group" in focused  # its group opened, so that it is drawn
    classes = _node_classes(_drawing(focused))
    assert "focus" in classes[two_groups[4].id] and "near" in classes[two_groups[3].id]
    partners = focused[focused.index('id="map-partners"'):]
    assert "Aktör 3" in partners and "Aktör 5" in partners

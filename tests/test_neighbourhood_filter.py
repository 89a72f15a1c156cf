"""Who is active in a neighbourhood: one definition, so its page and its network name the same organisations."""
import re
from datetime import datetime

import sqlalchemy as sa

from coalition.db import db
from coalition.models import Meeting, MeetingKind, Neighbourhood, Participation, Sector
from coalition.models.base import utcnow


def _active_count(page: str) -> int:
    found = re.search(r'id="active-count">\s*(\d+)', page)
    assert found, "the neighbourhood page says how many organisations are active there"
    return int(found.group(1))


def _network_organisations(client, neighbourhood_id: int) -> set[int]:
    data = client.get(f"/api/network?neighbourhood={neighbourhood_id}").get_json()
    return {node["id"] for node in data["nodes"] if node["kind"] == "organisation"}


def test_every_demo_neighbourhood_counts_the_organisations_its_network_shows(demo, demo_viewer):
    neighbourhoods = db.session.scalars(sa.select(Neighbourhood).order_by(Neighbourhood.id)).all()
    assert len(neighbourhoods) == 7
    whole = {node["id"] for node in demo_viewer.get("/api/network").get_json()["nodes"]}
    listed = demo_viewer.get("/neighbourhoods/").text
    for neighbourhood in neighbourhoods:
        page = demo_viewer.get(f"/neighbourhoods/{neighbourhood.id}").text
        in_network = _network_organisations(demo_viewer, neighbourhood.id)
        assert _active_count(page) == len(in_network), neighbourhood.name
        row = listed[listed.index(f"/neighbourhoods/{neighbourhood.id}\""):]
        row = row[:row.index("</tr>")]
        assert re.search(rf">\s*{len(in_network)}\s*</a>", row), f"the list counts as the page does: {neighbourhood.name}"
        assert len(in_network) < len(whole) / 2 + 1, f"the filter narrows the picture: {neighbourhood.name}"


def test_a_visitor_counts_where_it_took_part_and_an_archived_organisation_only_for_what_it_did(
        client_as, make_neighbourhood, make_organisation, make_person):
    here, elsewhere = make_neighbourhood("Kvarnängen"), make_neighbourhood("Solbacka")
    school = make_organisation("Kvarnängsskolan", sector=Sector.PUBLIC, neighbourhoods=[here])
    tenants = make_organisation("Hyresgästföreningen Kvarnängen", neighbourhoods=[here])
    visitor = make_organisation("Solbacka BK", neighbourhoods=[elsewhere])
    gone = make_organisation("Nedlagd förening", neighbourhoods=[here], archived_at=utcnow())
    make_organisation("Solbackaskolan", sector=Sector.PUBLIC, neighbourhoods=[elsewhere])
    for title, place, attendees in (("Trygghetsvandring", here, (school, tenants, visitor)),
                                    ("Föreningsmöte", elsewhere, (gone, visitor))):
        meeting = Meeting(kind=MeetingKind.WORKSHOP, title=title, starts_at=datetime(2026, 3, 4, 18),
                          neighbourhoods=[place])
        for organisation in attendees:
            meeting.participations.append(Participation(person=make_person(organisation=organisation),
                                                        organisation=organisation))
        db.session.add(meeting)
    db.session.commit()
    viewer = client_as("viewer")

    page = viewer.get(f"/neighbourhoods/{here.id}").text
    assert _active_count(page) == 3
    assert "Solbacka BK" in page and "Nedlagd förening" not in page
    assert "2 registered here, 1 more took part in meetings or joint work here" in page
    assert "Who counts as active in a neighbourhood?" in page
    assert _network_organisations(viewer, here.id) == {school.id, tenants.id, visitor.id}
    network_page = viewer.get(f"/network/?neighbourhood={here.id}").text
    assert 'id="neighbourhood-definition" open' in network_page

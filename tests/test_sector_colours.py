"""Each sector keeps one colour wherever it is shown: badges, charts and the tab's icon."""
import re
from datetime import datetime

from coalition.db import db
from coalition.models import Meeting, MeetingKind, Participation, Sector
from coalition.vocabulary import SECTOR_COLOURS


def test_a_neighbourhood_chart_draws_each_sector_in_its_badge_colour(client_as, make_neighbourhood,
                                                                     make_organisation, make_person):
    place = make_neighbourhood("Kvarnängen")
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Framtidsverkstad", starts_at=datetime(2025, 2, 1, 18),
                      neighbourhoods=[place])
    for sector in Sector:
        organisation = make_organisation(sector=sector)
        meeting.participations.append(Participation(person=make_person(organisation=organisation),
                                                    organisation=organisation))
    db.session.add(meeting)
    db.session.commit()

    page = client_as("viewer").get(f"/neighbourhoods/{place.id}").text
    badge_colours = dict(re.findall(r"--sector-(\w+): (#[0-9a-f]{6});", page))
    chart = page[page.index("<svg ", page.index('id="participation"')):page.index("</svg>", page.index('id="participation"'))]
    drawn = {colour.lower() for colour in re.findall(r'fill="(#[0-9a-fA-F]{6})"', chart)}
    assert badge_colours == {sector.value: SECTOR_COLOURS[sector] for sector in Sector}
    assert set(badge_colours.values()) <= drawn
    assert "#cc79a7" not in drawn  # academia was pink in the chart and purple in its badge


def test_every_page_has_our_icon_in_the_sectors_colours(client):
    page = client.get("/login").text
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page).group(1)
    response = client.get(icon)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert set(SECTOR_COLOURS.values()) <= set(re.findall(r'fill="(#[0-9a-f]{6})"', response.text))

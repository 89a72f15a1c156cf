"""A neighbourhood's page as the steering group reads it: which sectors are there and tied, how
participation went quarter by quarter, and what was promised and delivered there."""
import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Meeting,
    MeetingKind,
    ParticipationStatus,
    Sector,
    Unit,
)
from coalition.models.relationships import Relationship, RelationshipKind
from coalition.neighbourhood_profile import commitment_summary, helix_standing, meetings_by_quarter


@pytest.fixture
def held(make_meeting, make_person):
    """Hold a workshop in the neighbourhoods, where one new person came for each organisation listed."""

    def build(when: datetime, neighbourhoods, organisations, status=ParticipationStatus.ATTENDED) -> Meeting:
        return make_meeting(f"Verkstad {when:%Y-%m-%d}", when, neighbourhood_ids=[n.id for n in neighbourhoods],
                            attendees=[(make_person(organisation=o), o, status) for o in organisations])

    return build


def _commitment(neighbourhood, status, amount=None, unit=None, parties=(), **fields) -> Commitment:
    if status is CommitmentStatus.DELIVERED:
        fields.setdefault("delivered_on", date(2026, 5, 1))
    commitment = Commitment(kind=fields.pop("kind", CommitmentKind.FUNDING), description="Sommarjobb", status=status,
                            amount=None if amount is None else Decimal(amount), unit=unit,
                            neighbourhood=neighbourhood, parties=list(parties), **fields)
    db.session.add(commitment)
    db.session.commit()
    return commitment


def _ids(organisations) -> dict:
    grouped = {sector: [] for sector in Sector}
    for organisation in organisations:
        grouped[organisation.sector].append(organisation.id)
    return grouped


def test_three_sectors_where_one_has_no_tie_are_flagged(client_as, make_neighbourhood, make_organisation, held):
    kvarnangen, solbacka = make_neighbourhood("Kvarnängen"), make_neighbourhood("Solbacka")
    city = make_organisation("Norrvik kommun", sector=Sector.PUBLIC, neighbourhoods=[kvarnangen])
    tenants = make_organisation("Hyresgästföreningen Kvarnängen", sector=Sector.CIVIL, neighbourhoods=[kvarnangen])
    shop = make_organisation("Kvarnängens Livs", sector=Sector.PRIVATE, neighbourhoods=[kvarnangen, solbacka])
    held(datetime(2026, 3, 4, 18), [kvarnangen], [city, tenants])
    # The shop met the city, but in another neighbourhood: no tie here.
    held(datetime(2026, 3, 5, 18), [solbacka], [city, shop])

    helix = helix_standing(db.session, kvarnangen.id, _ids([city, tenants, shop]))
    assert helix.missing == (Sector.ACADEMIC,)
    assert helix.unconnected == (Sector.PRIVATE,)
    assert set(helix.untied_pairs) == {(Sector.PRIVATE, Sector.PUBLIC), (Sector.PRIVATE, Sector.CIVIL)}
    assert not helix.complete

    page = client_as("viewer").get(f"/neighbourhoods/{kvarnangen.id}").text
    coverage = page[page.index('id="helix-coverage"'):]
    coverage = coverage[:coverage.index("</div>")]
    assert "Quadruple-helix coverage: 3 of 4 sectors." in coverage
    assert 'data-flag="missing-academic"' in coverage
    assert "Without academia nobody follows up the effects with research." in coverage
    assert 'data-flag="unconnected-private"' in coverage
    assert "stands beside the coalition rather than in it" in coverage
    assert 'data-flag="unconnected-public"' not in coverage and 'data-flag="unconnected-civil"' not in coverage
    civil_card = page[page.index('id="sector-civil"'):]
    assert "Tied here to: Public sector" in civil_card[:civil_card.index("</section>")]


def test_joint_commitments_and_declared_relationships_tie_sectors_too(app, make_neighbourhood, make_organisation):
    place = make_neighbourhood("Ekhöjden")
    city = make_organisation("Norrvik kommun", sector=Sector.PUBLIC, neighbourhoods=[place])
    housing = make_organisation("Ekhöjden Fastigheter AB", sector=Sector.PRIVATE, neighbourhoods=[place])
    club = make_organisation("Ekhöjdens IF", sector=Sector.CIVIL, neighbourhoods=[place])
    research = make_organisation("Norrviks universitet", sector=Sector.ACADEMIC, neighbourhoods=[place])
    _commitment(place, CommitmentStatus.AGREED, parties=[city, housing])
    db.session.add(Relationship(from_organisation_id=club.id, to_organisation_id=research.id,
                                kind=RelationshipKind.PARTNERSHIP, from_date=date(2025, 1, 1)))
    db.session.commit()

    helix = helix_standing(db.session, place.id, _ids([city, housing, club, research]))
    assert helix.missing == () and helix.unconnected == ()
    assert (Sector.PRIVATE, Sector.PUBLIC) not in helix.untied_pairs
    assert (Sector.CIVIL, Sector.ACADEMIC) not in helix.untied_pairs
    assert (Sector.PUBLIC, Sector.CIVIL) in helix.untied_pairs
    assert not helix.complete


def test_all_four_sectors_tied_to_each_other_is_complete(client_as, make_neighbourhood, make_organisation, held):
    place = make_neighbourhood("Strandparken")
    actors = [make_organisation(sector=sector, neighbourhoods=[place]) for sector in Sector]
    held(datetime(2026, 2, 2, 9), [place], actors)
    page = client_as("viewer").get(f"/neighbourhoods/{place.id}").text
    assert "all four sectors are represented" in page
    assert "Every pair of sectors is tied" in page
    assert "data-flag=" not in page


def test_meetings_and_attendances_by_quarter_with_empty_quarters_filled(client_as, make_neighbourhood,
                                                                       make_organisation, make_person, make_meeting,
                                                                       held):
    place, elsewhere = make_neighbourhood("Kvarnängen"), make_neighbourhood("Tallbo")
    city = make_organisation(sector=Sector.PUBLIC)
    club = make_organisation(sector=Sector.CIVIL)
    held(datetime(2025, 1, 10, 18), [place], [city, club, club])
    held(datetime(2025, 3, 31, 18), [place], [club])
    held(datetime(2025, 3, 20, 18), [place], [city], status=ParticipationStatus.NO_SHOW)
    held(datetime(2025, 8, 1, 18), [place, elsewhere], [city])
    held(datetime(2025, 5, 5, 18), [elsewhere], [city, club])
    make_meeting("Öppet hus", datetime(2025, 8, 2, 12), MeetingKind.INFORMATION, neighbourhood_ids=[place.id],
                 attendees=[make_person()])  # came for no organisation

    quarters = meetings_by_quarter(db.session, place.id)
    assert [(q.label, q.meetings, q.total_attended) for q in quarters] == [
        ("2025 Q1", 3, 4), ("2025 Q2", 0, 0), ("2025 Q3", 2, 2)]
    assert quarters[0].attended == {Sector.PUBLIC: 1, Sector.CIVIL: 3}
    assert quarters[2].attended == {Sector.PUBLIC: 1, None: 1}

    page = client_as("viewer").get(f"/neighbourhoods/{place.id}").text
    table = page[page.index('id="quarters"'):page.index("</table>", page.index('id="quarters"'))]
    first = table[table.index('data-quarter="2025 Q1"'):]
    cells = re.findall(r"<td[^>]*>(\d+)</td>", first[:first.index("</tr>")])
    # meetings, private, public, civil, academic, no organisation, counted without names, all attendances
    assert cells == ["3", "0", "1", "3", "0", "0", "0", "4"]
    assert table.index("2025 Q3") < table.index("2025 Q2") < table.index("2025 Q1"), "the latest quarter first"
    chart = page[page.index('id="participation"'):]
    assert "<svg " in chart and "Attendances at meetings here, by sector" in chart


def test_commitment_totals_count_only_sek_and_pledged_statuses(client_as, make_neighbourhood, make_organisation):
    place, elsewhere = make_neighbourhood("Solbacka"), make_neighbourhood("Backen")
    funder = make_organisation("Norrviks Sparbank", sector=Sector.PRIVATE)
    _commitment(place, CommitmentStatus.AGREED, "100000", Unit.SEK, [funder])
    _commitment(place, CommitmentStatus.DELIVERED, "25000.50", Unit.SEK, [funder])
    _commitment(place, CommitmentStatus.IN_PROGRESS, "12000", Unit.SEK, [funder], kind=CommitmentKind.SOCIAL_INVESTMENT)
    _commitment(place, CommitmentStatus.PROPOSED, "40000", Unit.SEK, [funder])
    _commitment(place, CommitmentStatus.WITHDRAWN, "10000", Unit.SEK, [funder])
    _commitment(place, CommitmentStatus.IN_PROGRESS, "120", Unit.HOURS, [funder], kind=CommitmentKind.STAFF_TIME)
    _commitment(place, CommitmentStatus.AGREED, kind=CommitmentKind.POLICY_CHANGE)
    _commitment(elsewhere, CommitmentStatus.DELIVERED, "5000", Unit.SEK, [funder])

    summary = commitment_summary(db.session, place.id, today=date(2026, 11, 23))
    assert summary.total == 7
    assert summary.sek_pledged == Decimal("100000") + Decimal("25000.50") + Decimal("12000")
    assert summary.sek_delivered == Decimal("25000.50")
    assert {row.key: row.count for row in summary.by_status} == {
        CommitmentStatus.PROPOSED: 1, CommitmentStatus.AGREED: 2, CommitmentStatus.IN_PROGRESS: 2,
        CommitmentStatus.DELIVERED: 1, CommitmentStatus.WITHDRAWN: 1}

    page = client_as("viewer").get(f"/neighbourhoods/{place.id}").text
    section = page[page.index('id="commitments"'):page.index("</section>", page.index('id="commitments"'))]
    assert re.search(r'data-total="sek-pledged">137,000\.50\xa0SEK<', section), section
    assert re.search(r'data-total="sek-delivered">25,000\.50\xa0SEK<', section)
    assert 'data-total="count">7<' in section
    assert f'href="/commitments/?neighbourhood={place.id}"' in section
    assert f'href="/commitments/?neighbourhood={place.id}&amp;status=in_progress"' in section


def test_a_neighbourhood_with_nothing_recorded_says_so(client_as, make_neighbourhood):
    place = make_neighbourhood("Tornby")
    page = client_as("viewer").get(f"/neighbourhoods/{place.id}").text
    assert "No commitments are placed in this neighbourhood yet." in page
    assert "No meetings are recorded in this neighbourhood yet." in page
    assert "Quadruple-helix coverage: 0 of 4 sectors." in page


def test_a_long_list_of_actors_links_to_the_rest(client_as, make_neighbourhood, make_organisation):
    place = make_neighbourhood("Hagalund")
    for n in range(27):
        make_organisation(f"Förening {n:02d}", neighbourhoods=[place])
    page = client_as("viewer").get(f"/neighbourhoods/{place.id}").text
    civil = page[page.index('id="sector-civil"'):]
    civil = civil[:civil.index("</section>")]
    assert "Förening 24" in civil and "Förening 25" not in civil
    assert f'href="/organisations/?neighbourhood={place.id}&amp;sector=civil">and 2 more</a>' in civil

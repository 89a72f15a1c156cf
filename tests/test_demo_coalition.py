"""The demo coalition's story, as a user would find it: structure in the network, stages and KPIs
to compare, actors joining over time, and the gaps and alerts the product can show.

Read from one seeded database (the `demo` fixture); the demo's today is 2026-12-03.
"""
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import combinations

import networkx as nx
import pytest
import sqlalchemy as sa

from coalition.db import db
from coalition.identifiers import normalise_org_number
from coalition.models import (
    Commitment,
    CommitmentStatus,
    Initiative,
    Kpi,
    KpiMeasurement,
    LocalJobs,
    Meeting,
    MeetingHeadcount,
    MeetingKind,
    MeetingPlace,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Participation,
    ParticipationStatus,
    Person,
    PlaceStage,
    Proposal,
    ProposalStatus,
    Relationship,
    Sector,
    Stage,
    StakeholderAssessment,
    Unit,
)

DEMO_TODAY = date(2026, 12, 3)
LAST_YEAR = (DEMO_TODAY - timedelta(days=364), DEMO_TODAY)
QUARTER_ENDS = [date(2024, 12, 31), date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31),
                date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]


def _network(client, **params) -> nx.Graph:
    response = client.get("/api/network", query_string=params)
    assert response.status_code == 200, response.text
    return nx.node_link_graph(response.json, edges="links")


def _last_year(client, **params) -> nx.Graph:
    return _network(client, **{"from": LAST_YEAR[0].isoformat(), "to": LAST_YEAR[1].isoformat(), **params})


def _organisation(name_start: str) -> Organisation:
    return db.session.scalars(sa.select(Organisation).where(Organisation.name.startswith(name_start))).one()


def _neighbourhood(name: str) -> Neighbourhood:
    return db.session.scalars(sa.select(Neighbourhood).where(Neighbourhood.name == name)).one()


def _attended_meetings() -> dict[int, tuple[date, str, set[int]]]:
    """Meeting id -> (day, title, the organisations that attended)."""
    meetings: dict[int, tuple] = {}
    rows = db.session.execute(
        sa.select(Meeting.id, Meeting.starts_at, Meeting.title, Participation.organisation_id)
        .join(Participation, Participation.meeting_id == Meeting.id)
        .where(Participation.status == ParticipationStatus.ATTENDED))
    for meeting_id, starts_at, title, organisation_id in rows:
        meetings.setdefault(meeting_id, (starts_at.date(), title, set()))[2].add(organisation_id)
    return meetings


def _met(first: Organisation, second: Organisation) -> list[tuple[date, str]]:
    return sorted((day, title) for day, title, came in _attended_meetings().values() if {first.id, second.id} <= came)


# --- The network shows structure ---------------------------------------------------------------------

def test_most_pairs_of_organisations_never_met_in_the_last_year(demo_viewer):
    graph = _last_year(demo_viewer)
    assert graph.number_of_nodes() == db.session.scalar(sa.select(sa.func.count()).select_from(Organisation))
    assert graph.graph["density"] <= 0.15
    assert graph.graph["density"] == pytest.approx(nx.density(graph))


def test_the_whole_programme_map_is_not_a_hairball(demo_viewer):
    graph = _network(demo_viewer)
    assert graph.graph["density"] <= 0.2
    assert graph.graph["communities"] >= 5


def test_the_programme_office_sjobergas_coordinator_and_a_womens_association_hold_groups_together(demo_viewer):
    graph = _last_year(demo_viewer)
    brokers = {graph.nodes[node]["label"] for node in nx.articulation_points(graph)}
    assert {"Norrvik kommun, stadsledningskontoret", "Sjöberga kommun, kommunledningskontoret",
            "Kvinnor i Ekhöjden"} <= brokers
    # Kvinnor i Ekhöjden alone links the faith communities of Ekhöjden to the programme.
    women = _organisation("Kvinnor i Ekhöjden").id
    without = graph.subgraph(set(graph) - {women})
    held = nx.node_connected_component(without, _organisation("Afghanska föreningen Hopp").id)
    assert _organisation("Islamiska föreningen i Norrvik").id in held
    assert _organisation("Norrvik kommun, stadsledningskontoret").id not in held


def test_each_neighbourhood_has_its_own_local_actors(demo):
    only_here = Counter()
    for organisation in db.session.scalars(sa.select(Organisation)):
        if len(organisation.neighbourhoods) == 1:
            only_here[organisation.neighbourhoods[0].name] += 1
    assert set(only_here) == {n.name for n in db.session.scalars(sa.select(Neighbourhood))}
    assert min(only_here.values()) >= 5


def test_a_few_organisations_bridge_many_neighbourhoods(demo):
    spread = {o.name: len(o.neighbourhoods) for o in db.session.scalars(sa.select(Organisation))}
    bridges = {name for name, count in spread.items() if count >= 4}
    assert {"Norrvik kommun, stadsledningskontoret", "Norrviks universitet, samverkansenheten",
            "Region Västmark, folkhälsoenheten"} <= bridges
    assert len(bridges) <= 12
    assert sorted(o.name for o in _organisation("Kvarnängen Områdesbolag").neighbourhoods) == ["Ekhöjden", "Kvarnängen"]


def test_strandparken_alone_lacks_academia(demo_viewer):
    sectors_in = {n.name: {o.sector for o in n.organisations} for n in db.session.scalars(sa.select(Neighbourhood))}
    assert {name for name, sectors in sectors_in.items() if Sector.ACADEMIC not in sectors} == {"Strandparken"}
    assert sectors_in["Strandparken"] == {Sector.PUBLIC, Sector.PRIVATE, Sector.CIVIL}
    strandparken = _network(demo_viewer, neighbourhood=_neighbourhood("Strandparken").id)
    assert strandparken.number_of_nodes() >= 10
    assert "academic" not in {sector for _node, sector in strandparken.nodes(data="sector")}


def test_meetings_of_the_whole_programme_have_no_neighbourhood(demo):
    meetings = db.session.scalars(sa.select(Meeting)).all()
    for meeting in meetings:
        if meeting.kind in (MeetingKind.STEERING_GROUP, MeetingKind.WORKING_COMMITTEE) \
                or meeting.title.startswith("Programdag"):
            assert meeting.neighbourhoods == [], meeting.title
    every = db.session.scalar(sa.select(sa.func.count()).select_from(Neighbourhood))
    assert max(len(meeting.neighbourhoods) for meeting in meetings) < every
    assert sum(1 for meeting in meetings if not meeting.neighbourhoods) >= 25


def test_ties_went_dormant_during_the_last_year(demo):
    for first, second in (("Kvarnängens IF", "Solbacka BK"), ("Stenbacka Förvaltning", "Hyresgästföreningen Solbacka"),
                          ("Granlunda Förvaltning", "Kulturföreningen Granlunda")):
        days = [day for day, _title in _met(_organisation(first), _organisation(second))]
        assert len(days) >= 4, (first, second)
        assert max(days) < date(2026, 3, 1), (first, second, max(days))


def test_a_new_cross_sector_tie_appeared_after_a_workshop(demo):
    company, school = _organisation("Hamnkvarterets Logistik"), _organisation("Strandparksskolan")
    assert company.sector != school.sector
    met = _met(company, school)
    assert met[0] == (date(2026, 9, 26), "Framtidsverkstad Strandparken")
    assert len(met) >= 2
    joint = db.session.scalars(sa.select(Commitment).where(Commitment.parties.contains(company),
                                                           Commitment.parties.contains(school))).one()
    assert joint.made_on > met[0][0]


# --- Stages and KPIs for the comparison of effects -------------------------------------------------------

def _reached_acting() -> dict[str, date | None]:
    reached = {}
    for neighbourhood in db.session.scalars(sa.select(Neighbourhood)):
        days = [c.changed_on for c in neighbourhood.stage_changes if c.stage is Stage.ACTING]
        reached[neighbourhood.name] = min(days, default=None)
    return reached


def _quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def test_three_neighbourhoods_reach_acting_in_different_quarters_and_three_do_not(demo):
    reached = _reached_acting()
    within = {name: day for name, day in reached.items() if day is not None and day >= date(2025, 1, 1)}
    assert len({_quarter(day) for day in within.values()}) >= 3
    assert len([name for name, day in reached.items() if day is None]) >= 3


def _series(kpi: Kpi, neighbourhood: Neighbourhood) -> dict[date, float]:
    return {m.measured_on: float(m.value) for m in db.session.scalars(sa.select(KpiMeasurement).where(
        KpiMeasurement.kpi_id == kpi.id, KpiMeasurement.neighbourhood_id == neighbourhood.id))}


def test_every_kpi_is_measured_every_quarter_on_both_sides_of_acting(demo):
    reached = _reached_acting()
    kpis = db.session.scalars(sa.select(Kpi)).all()
    assert len(kpis) >= 4
    fully_measured = {name for name in reached
                      if all(set(QUARTER_ENDS) <= set(_series(kpi, _neighbourhood(name))) for kpi in kpis)}
    assert len({name for name in fully_measured if reached[name]}) >= 3
    assert len({name for name in fully_measured if not reached[name]}) >= 3
    # Nothing is made up: the quarter still running has no value, and a survey not run left a gap.
    assert db.session.scalar(sa.select(sa.func.max(KpiMeasurement.measured_on))) <= DEMO_TODAY
    assert len(fully_measured) < len(reached)


def _change_against_the_others(kpi_name: str, name: str) -> float:
    """The neighbourhood's change from the quarter before it acted to the last, less the never-acting ones' change."""
    kpi = db.session.scalars(sa.select(Kpi).where(Kpi.name == kpi_name)).one()
    reached = _reached_acting()
    before = max(end for end in QUARTER_ENDS if end < reached[name])
    last = QUARTER_ENDS[-1]
    own = _series(kpi, _neighbourhood(name))
    others = [_series(kpi, _neighbourhood(other)) for other, day in reached.items() if day is None]
    others = [series for series in others if before in series and last in series]
    return (own[last] - own[before]) - sum(s[last] - s[before] for s in others) / len(others)


def test_kvarnangens_kpis_improve_after_it_started_acting_and_granlundas_do_not(demo):
    assert _change_against_the_others("Sysselsättningsgrad 20–64 år", "Kvarnängen") > 2.5
    assert _change_against_the_others("Otrygghet utomhus kvällstid", "Kvarnängen") < -6
    assert abs(_change_against_the_others("Sysselsättningsgrad 20–64 år", "Granlunda")) < 1
    assert _change_against_the_others("Otrygghet utomhus kvällstid", "Granlunda") > -1


def test_every_neighbourhood_but_one_has_a_population(demo):
    without = [n.name for n in db.session.scalars(sa.select(Neighbourhood)) if n.population is None]
    assert without == ["Myrbacken"]


# --- Actors join over time; commitments and assessments tell the same story -------------------------------

def _first_seen() -> dict[int, date]:
    first: dict[int, date] = {}

    def seen(organisation_id: int, day: date | None) -> None:
        if day is not None:
            first[organisation_id] = min(first.get(organisation_id, day), day)

    for day, _title, came in _attended_meetings().values():
        for organisation_id in came:
            seen(organisation_id, day)
    for commitment in db.session.scalars(sa.select(Commitment)):
        for party in commitment.parties:
            seen(party.id, commitment.made_on)
    for relationship in db.session.scalars(sa.select(Relationship)):
        seen(relationship.from_organisation_id, relationship.from_date)
        seen(relationship.to_organisation_id, relationship.from_date)
    return first


def test_organisations_join_the_programme_over_time_not_all_at_once(demo):
    per_quarter = Counter(_quarter(day) for day in _first_seen().values() if day >= date(2025, 1, 1))
    organisations = db.session.scalar(sa.select(sa.func.count()).select_from(Organisation))
    assert max(per_quarter.values()) <= 0.4 * organisations
    assert len(per_quarter) >= 7  # new actors in nearly every quarter of the span
    assert len(_first_seen()) == organisations - 2  # two have taken part in nothing yet


def test_some_actors_attend_but_made_no_commitment_in_the_last_year(demo):
    attended = Counter()
    for day, _title, came in _attended_meetings().values():
        if LAST_YEAR[0] <= day <= LAST_YEAR[1]:
            attended.update(came)
    committed = {party.id for c in db.session.scalars(sa.select(Commitment).where(Commitment.made_on >= LAST_YEAR[0]))
                 for party in c.parties}
    regulars_without = {db.session.get(Organisation, o).name for o, n in attended.items() if n >= 4 and o not in committed}
    assert {"Väktarna Norrvik AB", "Region Västmark, folkhälsoenheten"} <= regulars_without
    assert len(regulars_without) <= 12


def test_commitments_come_in_every_kind_unit_and_status_some_joint_some_overdue(demo):
    commitments = db.session.scalars(sa.select(Commitment)).all()
    assert {c.unit for c in commitments} >= set(Unit)
    assert {c.status for c in commitments} == set(CommitmentStatus)
    assert sum(1 for c in commitments if len(c.parties) >= 2) >= 15
    assert sum(1 for c in commitments if c.initiative_id and c.meeting_id) >= 20
    overdue = [c for c in commitments if c.status in (CommitmentStatus.PROPOSED, CommitmentStatus.AGREED,
                                                        CommitmentStatus.IN_PROGRESS) and c.due_on < DEMO_TODAY]
    assert 5 <= len(overdue) <= 20
    for c in commitments:
        if c.status is CommitmentStatus.WITHDRAWN:
            assert c.status_changes[-1].comment


def test_initiatives_are_born_in_workshops(demo):
    initiatives = db.session.scalars(sa.select(Initiative)).all()
    born = [i for i in initiatives if i.origin_meeting and i.origin_meeting.kind is MeetingKind.WORKSHOP]
    assert len(born) >= len(initiatives) // 2


def test_a_dozen_proposals_come_from_the_workshops_with_votes_and_some_were_adopted_into_initiatives(demo):
    proposals = db.session.scalars(sa.select(Proposal)).all()
    assert len(proposals) >= 12
    assert all(p.meeting is not None and p.meeting.kind is MeetingKind.WORKSHOP for p in proposals)
    assert all(p.votes for p in proposals)
    adopted = [p for p in proposals if p.status is ProposalStatus.ADOPTED]
    assert len(adopted) >= 5 and all(p.initiative is not None for p in adopted)
    assert {p.status for p in proposals} == set(ProposalStatus)
    assert len({sector for p in proposals for sector in (o.sector for o in p.backers)}) == 4


def test_stated_influence_and_network_position_disagree_for_a_few_actors(demo_viewer):
    graph = _last_year(demo_viewer)
    latest = {}
    for assessment in db.session.scalars(sa.select(StakeholderAssessment).order_by(StakeholderAssessment.assessed_on)):
        latest[assessment.organisation_id] = assessment.influence
    powerful_but_peripheral = {db.session.get(Organisation, o).name for o, influence in latest.items()
                               if influence >= 5 and graph.degree(o) <= 3}
    assert {"Stiftelsen Norrviks Framtid", "Fastighets AB Sjöstjärnan"} <= powerful_but_peripheral
    central_but_modest = {db.session.get(Organisation, o).name for o, influence in latest.items()
                          if influence <= 2 and graph.degree(o) >= 10}
    assert {"Kvinnor i Ekhöjden", "Norrviks Volontärcentral"} <= central_but_modest


def test_the_two_area_companies_are_registered_as_area_companies(demo):
    area_companies = db.session.scalars(sa.select(Organisation.name).where(
        Organisation.kind == OrganisationKind.AREA_COMPANY)).all()
    assert sorted(area_companies) == ["Kvarnängen Områdesbolag AB", "Solbacka Områdesutveckling AB"]


def test_a_few_meetings_are_still_to_come_and_nobody_has_attended_them(demo):
    coming = db.session.scalars(sa.select(Meeting).where(Meeting.starts_at > DEMO_TODAY + timedelta(days=1))).all()
    assert 3 <= len(coming) <= 12
    assert all(p.status in (ParticipationStatus.REGISTERED, ParticipationStatus.INVITED)
               for meeting in coming for p in meeting.participations)


def test_everyone_and_everything_in_the_demo_is_fictional(demo):
    for person in db.session.scalars(sa.select(Person)):
        assert person.email is None or person.email.split("@")[1].split(".")[-2] == "example"
        digits = person.phone.replace(" ", "").replace("-", "")
        assert not digits or digits[:8] in ("07017406", "03139006")
    for number in db.session.scalars(sa.select(Organisation.org_number).where(Organisation.org_number.is_not(None))):
        assert normalise_org_number(number) == number
    for website in db.session.scalars(sa.select(Organisation.website)):
        assert website.split("/")[2].endswith(".example.se") or website.split("/")[2].endswith(".example.org")


def test_no_pair_of_organisations_shares_every_meeting(demo):
    """Ties have weights that differ: the map can tell strong ties from weak ones."""
    weights = defaultdict(int)
    for _day, _title, came in _attended_meetings().values():
        for pair in combinations(sorted(came), 2):
            weights[pair] += 1
    assert len(set(weights.values())) >= 8


def test_every_neighbourhood_has_a_meeting_place_and_strandparken_a_digital_one(demo):
    places = db.session.scalars(sa.select(MeetingPlace)).all()
    assert {place.neighbourhood.name for place in places} == {n.name for n in db.session.scalars(sa.select(Neighbourhood))}
    assert [place.name for place in places if place.digital] == ["Strandparken digitalt"]
    kvarnen = next(place for place in places if place.name == "Mötesplats Kvarnen")
    assert kvarnen.stage is PlaceStage.OPEN and kvarnen.run_by.name == "Kvarnängen Områdesbolag AB"
    held_there = db.session.scalar(sa.select(sa.func.count()).where(Meeting.place_id == kvarnen.id))
    assert held_there > 20 and all(kvarnen.neighbourhood in m.neighbourhoods for m in db.session.scalars(
        sa.select(Meeting).where(Meeting.place_id == kvarnen.id)))


def test_the_area_companies_report_local_jobs_over_time(demo):
    companies = {company.name: [n.name for n in company.area_company_of] for company in db.session.scalars(
        sa.select(Organisation).where(Organisation.kind == OrganisationKind.AREA_COMPANY))}
    assert companies == {"Kvarnängen Områdesbolag AB": ["Ekhöjden", "Kvarnängen"],
                         "Solbacka Områdesutveckling AB": ["Solbacka"]}
    kvarnangen = [(j.year, j.quarter, j.positions) for j in db.session.scalars(
        sa.select(LocalJobs).join(Neighbourhood).where(Neighbourhood.name == "Kvarnängen")
        .order_by(LocalJobs.year, LocalJobs.quarter))]
    assert len(kvarnangen) >= 6 and kvarnangen[-1][2] > kvarnangen[0][2], "the jobs grow"


def test_residents_are_counted_at_workshops_and_information_meetings_held_so_far(demo):
    counted = db.session.execute(
        sa.select(Meeting.kind, Meeting.starts_at, sa.func.sum(MeetingHeadcount.count))
        .join(MeetingHeadcount, MeetingHeadcount.meeting_id == Meeting.id).group_by(Meeting.id)).all()
    assert {kind for kind, _at, _n in counted} == {MeetingKind.WORKSHOP, MeetingKind.INFORMATION}
    assert all(at.date() <= DEMO_TODAY for _kind, at, _n in counted)
    assert sum(n for _kind, _at, n in counted) > 500

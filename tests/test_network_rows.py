"""Reading only what a filter needs gives the same network as reading every row and filtering here."""
import os
import random
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from coalition import neighbourhood_profile
from coalition.collaboration import computed, forget_shared_figures, network_cache, network_view, shared
from coalition.collaboration.computed import compute
from coalition.collaboration.rows import read_rows
from coalition.collaboration.signed import signed
from coalition.data_protection.anonymisation import anonymise_person
from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Initiative,
    LawfulBasis,
    Meeting,
    MeetingKind,
    Membership,
    Organisation,
    OrganisationKind,
    Participation,
    ParticipationStatus,
    Person,
    Sector,
)
from coalition.models.relationships import Relationship, RelationshipKind
from coalition.network import Level, NetworkFilter, Source, Weighting, build_network, quarterly_figures
from coalition.web import neighbourhoods as neighbourhood_pages
from coalition.web.figures_ahead import compute_figures_ahead

KINDS = (MeetingKind.WORKSHOP, MeetingKind.COORDINATION, MeetingKind.INTERVIEW)


@pytest.fixture
def programme(make_neighbourhood):
    """A small programme with every case the reading must keep: archived, anonymised and restricted
    actors, placeless and withdrawn commitments, initiatives with and without places, dated ties,
    meetings in two neighbourhoods or none, no-shows, people who changed organisation."""
    rng = random.Random(5)
    places = [make_neighbourhood(f"Område {i}") for i in range(4)]
    sectors = list(Sector)
    organisations = [Organisation(name=f"Aktör {i}", sector=sectors[i % 4], kind=OrganisationKind.OTHER,
                                  neighbourhoods=rng.sample(places, rng.randrange(0, 3))) for i in range(30)]
    organisations[3].archived_at = organisations[7].archived_at = datetime(2025, 1, 1)  # 7 takes part in nothing
    db.session.add_all(organisations)
    people = []
    for i in range(50):
        person = Person(name=f"Person {i}", lawful_basis=LawfulBasis.LEGITIMATE_INTEREST)
        person.memberships.append(Membership(organisation=organisations[i % 29], until_date=date(2024, 6, 30)
                                             if i % 9 == 0 else None))
        if i % 9 == 0:
            person.memberships.append(Membership(organisation=organisations[(i + 5) % 29], from_date=date(2024, 7, 1)))
        people.append(person)
    people[4].anonymised_at, people[5].restricted_at, people[6].archived_at = date(2025, 1, 2), date(2025, 1, 2), \
        datetime(2025, 1, 3)
    db.session.add_all(people)
    first = datetime(2023, 2, 1, 9)
    for i in range(40):
        meeting = Meeting(kind=KINDS[i % 3], title=f"Möte {i}", starts_at=first + timedelta(days=rng.randrange(900)),
                          neighbourhoods=rng.sample(places[:3], rng.choice((0, 1, 1, 2))))
        for person in rng.sample(people[:48], rng.randrange(2, 7)):
            membership = person.memberships[0]
            meeting.participations.append(Participation(
                person=person, organisation=membership.organisation if i % 7 else None,
                status=ParticipationStatus.NO_SHOW if rng.random() < 0.15 else ParticipationStatus.ATTENDED))
        db.session.add(meeting)
    db.session.flush()
    meetings = db.session.scalars(db.select(Meeting)).all()
    for i in range(25):
        db.session.add(Commitment(
            kind=CommitmentKind.STAFF_TIME, description=f"Löfte {i}", parties=rng.sample(organisations, rng.randrange(1, 4)),
            neighbourhood=rng.choice([None, *places]), meeting=rng.choice(meetings) if i % 4 == 0 else None,
            made_on=None if i % 4 == 0 else date(2023, 1, 1) + timedelta(days=rng.randrange(1000)),
            status=CommitmentStatus.WITHDRAWN if i % 6 == 0 else CommitmentStatus.AGREED))
    for i in range(8):
        db.session.add(Initiative(name=f"Satsning {i}", participants=rng.sample(organisations, rng.randrange(1, 5)),
                                  neighbourhoods=rng.sample(places, rng.randrange(0, 2)),
                                  started_on=None if i == 0 else date(2023, 3, 1) + timedelta(days=100 * i)))
    for place in places[:3]:  # placeless joint work between actors of one place: ties them there
        active = [organisation for organisation in organisations if place in organisation.neighbourhoods][:2]
        db.session.add(Commitment(kind=CommitmentKind.IN_KIND, description=f"Utan plats {place.name}",
                                  parties=active, made_on=date(2024, 2, 2)))
        db.session.add(Initiative(name=f"Utan plats {place.name}", participants=active, started_on=date(2024, 2, 3)))
    for i in range(12):
        first_org, second_org = rng.sample(organisations, 2)
        db.session.add(Relationship(from_organisation=first_org, to_organisation=second_org,
                                    kind=rng.choice(list(RelationshipKind)),
                                    from_date=date(2023, 1, 1) + timedelta(days=90 * i) if i % 2 else None,
                                    until_date=date(2024, 1, 1) + timedelta(days=60 * i) if i % 3 == 0 else None))
    db.session.commit()
    return places


def _filters(places) -> list[NetworkFilter]:
    here, there, empty = places[0].id, places[1].id, places[3].id
    return [
        NetworkFilter(neighbourhood_id=here),
        NetworkFilter(neighbourhood_id=there, weighting=Weighting.NEWMAN),
        NetworkFilter(neighbourhood_id=empty),
        NetworkFilter(neighbourhood_id=here, level=Level.PERSONS),
        NetworkFilter(neighbourhood_id=there, level=Level.PERSONS, weighting=Weighting.NEWMAN),
        NetworkFilter(date_from=date(2024, 1, 1)),
        NetworkFilter(date_to=date(2024, 3, 31), level=Level.PERSONS),
        NetworkFilter(date_from=date(2023, 6, 1), date_to=date(2024, 6, 1), neighbourhood_id=here),
        NetworkFilter(meeting_kinds={"workshop", "interview"}),
        NetworkFilter(meeting_kinds={"workshop"}, neighbourhood_id=there, sectors={"civil", "public"}),
        NetworkFilter(neighbourhood_id=here, sources={Source.JOINT_WORK, Source.DECLARED}),
        NetworkFilter(neighbourhood_id=there, sources={Source.CO_PARTICIPATION}, min_weight=2),
    ]


def _as_lists(graph):
    return sorted(graph.nodes(data=True)), sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True))


def test_a_filtered_read_builds_the_same_network_and_change_over_time_as_reading_everything(programme):
    everything = read_rows(db.session)
    ties = 0
    for network_filter in _filters(programme):
        narrowed = read_rows(db.session, network_filter)
        expected = build_network(everything.actors, everything.attendances, everything.joint_work,
                                 everything.relationships, network_filter)
        found = build_network(narrowed.actors, narrowed.attendances, narrowed.joint_work, narrowed.relationships,
                              network_filter)
        assert _as_lists(found) == _as_lists(expected), network_filter
        ties += found.number_of_edges()
        assert network_view(db.session, network_filter).quarters == quarterly_figures(
            everything.actors, everything.attendances, everything.joint_work, everything.relationships,
            network_filter), network_filter
        if network_filter.neighbourhood_id is not None:
            assert len(narrowed.attendances) < len(everything.attendances), "a neighbourhood reads fewer rows"
    assert ties > 100, "the filters keep enough of the programme to compare"


def test_a_neighbourhood_page_answers_from_its_own_rows_with_the_same_figures(programme, statements):
    network_filter = NetworkFilter(neighbourhood_id=programme[0].id)
    everything = read_rows(db.session)
    expected = compute(everything, network_filter)
    statements.clear()
    found = network_view(db.session, network_filter).computed
    assert found.figures.actors == expected.figures.actors
    assert found.graph.number_of_edges() > 0
    assert repr(found.figures.network) == repr(expected.figures.network)
    assert found.figures.communities == expected.figures.communities
    attendances = [s for s in statements if "FROM participations JOIN meetings" in s]
    assert attendances and all("meeting_neighbourhoods.neighbourhood_id =" in s for s in attendances), \
        "no read of every attendance for a neighbourhood"


def test_an_archived_organisation_registered_in_a_neighbourhood_leaves_it_when_it_took_part_only_elsewhere(programme):
    archived = db.session.scalar(db.select(Organisation).where(Organisation.name == "Aktör 3"))
    if programme[3] not in archived.neighbourhoods:
        archived.neighbourhoods.append(programme[3])
    db.session.commit()
    quiet_place = NetworkFilter(neighbourhood_id=programme[3].id)
    everything = read_rows(db.session)
    expected = build_network(everything.actors, everything.attendances, everything.joint_work,
                             everything.relationships, quiet_place)
    found = network_view(db.session, quiet_place).computed.graph
    # Archived, it is active nowhere: a neighbourhood keeps it only for what it took part in there.
    assert archived.id not in expected and archived.id not in found
    assert archived.id in network_view(db.session).computed.graph, "the whole programme keeps its history"
    assert _as_lists(found) == _as_lists(expected)


def test_a_date_range_keeps_the_quarters_of_the_whole_programme_when_one_end_is_open(programme):
    network_filter = replace(NetworkFilter(neighbourhood_id=programme[2].id), date_from=date(2024, 1, 1))
    everything = read_rows(db.session)
    quarters = network_view(db.session, network_filter).quarters
    assert quarters[0].quarter == "2024-Q1"
    assert quarters == quarterly_figures(everything.actors, everything.attendances, everything.joint_work,
                                         everything.relationships, network_filter)


def test_a_record_saved_outside_a_neighbourhood_keeps_its_figures_and_one_inside_is_in_them_at_once(programme):
    here = NetworkFilter(neighbourhood_id=programme[0].id)
    before = network_view(db.session, here)
    computed, quarters = before.computed, before.quarters
    db.session.add(Organisation(name="Ny aktör utan möten", sector=Sector.CIVIL, kind=OrganisationKind.OTHER))
    db.session.commit()
    unchanged = network_view(db.session, here)
    assert unchanged.version != before.version, "the save raised the data version"
    # Same rows, so the figures kept from before: not computed again for a save that is not in them.
    assert unchanged.computed is computed and unchanged.quarters is quarters

    newcomers = [Organisation(name=f"Nykomling {i}", sector=Sector.PRIVATE, kind=OrganisationKind.OTHER)
                 for i in range(2)]
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Första mötet", starts_at=datetime(2025, 6, 2, 9),
                      neighbourhoods=[programme[0]])
    for organisation in newcomers:
        person = Person(name=f"Företrädare för {organisation.name}", lawful_basis=LawfulBasis.LEGITIMATE_INTEREST)
        person.memberships.append(Membership(organisation=organisation))
        meeting.participations.append(Participation(person=person, organisation=organisation,
                                                    status=ParticipationStatus.ATTENDED))
    db.session.add(meeting)
    db.session.commit()
    changed = network_view(db.session, here)
    first, second = (organisation.id for organisation in newcomers)
    assert changed.computed.graph.has_edge(first, second), "a meeting held here ties its organisations at once"
    assert changed.quarters != quarters


@pytest.fixture
def sharing(app, monkeypatch):
    """The figures shared through Redis as under scripts/serve, under a prefix of this test's own."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run sets it)")
    # Database 13: tests/test_production.py empties the one it is given.
    monkeypatch.setitem(app.config, "FIGURES_REDIS_URL", urlsplit(url)._replace(path="/13").geturl())
    monkeypatch.setattr(shared, "PREFIX", f"coalition-test:{uuid.uuid4().hex}:")
    shared.init_app(app)
    yield app.extensions[shared.EXTENSION]
    forget_shared_figures()
    app.extensions.pop(shared.EXTENSION)


def _refuse(*_args, **_kwargs):
    raise AssertionError("computed again, not read from what another process shared")


def test_a_neighbourhood_one_web_process_computed_is_read_by_the_others_not_computed_again(programme, sharing,
                                                                                             monkeypatch):
    here = NetworkFilter(neighbourhood_id=programme[0].id)
    first = network_view(db.session, here)
    figures, quarters, collaboration = first.computed.figures, first.quarters, first.collaboration
    network_cache.clear()  # another process, which has computed nothing yet
    for name in ("read_rows", "compute", "quarterly_figures", "quarterly_graphs"):
        monkeypatch.setattr(computed, name, _refuse)
    other = network_view(db.session, here)
    assert other.computed.figures == figures and other.computed.graph.number_of_edges() > 0
    assert other.quarters == quarters and other.collaboration == collaboration


def test_after_the_worker_computed_ahead_a_neighbourhoods_first_visitor_waits_for_nothing(programme, sharing, client_as,
                                                                                         monkeypatch):
    staff = client_as("staff")
    assert compute_figures_ahead() == len(programme)
    network_cache.clear()  # a web process that has computed nothing yet
    for name in ("read_rows", "compute", "quarterly_figures", "quarterly_graphs"):
        monkeypatch.setattr(computed, name, _refuse)
    monkeypatch.setattr(neighbourhood_profile, "coverage_of_one_place", _refuse)
    monkeypatch.setattr(neighbourhood_pages, "bar_chart_svg", _refuse)
    for language, chart_title in (("en", "Attendances at meetings here, by sector"),
                                  ("sv", "Närvaro på möten här, per sektor")):
        with staff.session_transaction() as session:
            session["language"] = language
        page = staff.get(f"/neighbourhoods/{programme[0].id}")
        assert page.status_code == 200
        assert f'<svg role="img" aria-labelledby="' in page.text and chart_title in page.text
    # Its network's figures too, as the API gives them.
    assert staff.get(f"/api/network?neighbourhood={programme[0].id}").status_code == 200


def test_a_shared_figure_not_signed_with_this_installations_key_is_computed_afresh(app, programme, sharing,
                                                                                   monkeypatch):
    here = NetworkFilter(neighbourhood_id=programme[0].id)
    expected = network_view(db.session, here).computed.figures
    names = list(sharing.scan_iter(match=shared.PREFIX + "*"))
    assert names, "the figures were shared"
    with monkeypatch.context() as other_installation:
        other_installation.setitem(app.config, "SECRET_KEY", "another installation's key " + "x" * 40)
        for name in names:
            sharing.set(name, signed(("forged",)))
    network_cache.clear()
    assert network_view(db.session, here).computed.figures == expected


def test_without_redis_answering_a_page_computes_its_figures_itself(app, programme, monkeypatch):
    here = NetworkFilter(neighbourhood_id=programme[0].id)
    expected = network_view(db.session, here).computed.figures
    network_cache.clear()
    monkeypatch.setitem(app.config, "FIGURES_REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    monkeypatch.setattr(shared, "_resting_until", 0.0)
    shared.init_app(app)
    try:
        assert network_view(db.session, here).computed.figures == expected
        # Not asked again for a while: a page does not wait on Redis for each of its figures.
        asked = []
        monkeypatch.setattr(app.extensions[shared.EXTENSION], "get", lambda name: asked.append(name))
        network_cache.clear()
        assert network_view(db.session, here).computed.figures == expected and not asked
    finally:
        app.extensions.pop(shared.EXTENSION)


def test_anonymising_a_person_deletes_every_shared_figure(programme, sharing):
    people = network_view(db.session, NetworkFilter(neighbourhood_id=programme[0].id, level=Level.PERSONS)).computed
    assert "Person 1" in {label for _, label in people.graph.nodes(data="label")}
    assert list(sharing.scan_iter(match=shared.PREFIX + "*"))
    person = db.session.scalar(db.select(Person).where(Person.name == "Person 1"))
    anonymise_person(db.session, person, "asked to be forgotten")
    db.session.commit()
    assert not list(sharing.scan_iter(match=shared.PREFIX + "*")), "a shared figure may hold their name"

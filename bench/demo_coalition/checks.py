"""The promises the demo's story makes, checked on the generated plans before anything is written.

The network figures come from the app's own pure network code (``coalition.network``), fed the
same kinds of rows the app reads from the database, so what is printed here is what the network
page shows once `flask seed` has loaded the files (tests/test_demo_coalition.py checks it there).
"""
from collections import Counter
from datetime import date, timedelta

import networkx as nx

from coalition.network import (
    Actor,
    Attendance,
    DeclaredRelationship,
    JointKind,
    JointWork,
    NetworkFilter,
    build_network,
    figures,
)

from .actors import BY_ALIAS, NEVER_MET, SECTOR
from .story import LAST_DAY, NEIGHBOURHOODS, TODAY, P, acting_from, day

LAST_YEAR = NetworkFilter(date_from=TODAY - timedelta(days=364), date_to=TODAY)
HOOD_IDS = {row[0]: number for number, row in enumerate(NEIGHBOURHOODS, start=1)}
ALIAS_IDS = {alias: number for number, alias in enumerate(BY_ALIAS, start=1)}
ALIAS_OF = {number: alias for alias, number in ALIAS_IDS.items()}
DORMANT = [("KIF", "SBFC"), ("STB", "HGS"), ("GRF", "KFG")]
NEW_TIE = ("HAMN", "SKP", date(2026, 9, 26))


class StoryBroken(AssertionError):
    """The generated plans break a promise of the story."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise StoryBroken(message)


class Rows:
    """The plans as the rows the network package takes."""

    def __init__(self, drawn, commitments, initiatives, relationships):
        self.drawn = drawn  # [(plan, seats)]
        self.actors = [Actor(ALIAS_IDS[o["alias"]], o["alias"], o["sector"], "organisation",
                             {HOOD_IDS[h] for h in o["neighbourhoods"]}) for o in BY_ALIAS.values()]
        self.attendances = [
            Attendance(number, plan.day, plan.kind, {HOOD_IDS[h] for h in plan.neighbourhoods},
                       person_id=id(seat.member), organisation_id=ALIAS_IDS[seat.alias])
            for number, (plan, seats) in enumerate(drawn) for seat in seats if seat.status == "attended"]
        self.commitments = commitments
        self.joint_work = [
            JointWork({ALIAS_IDS[a] for a in c["parties"]}, c["made_on"], JointKind.COMMITMENT,
                      {HOOD_IDS[c["neighbourhood"]]} if c["neighbourhood"] else ())
            for c in commitments if len(c["parties"]) > 1 and c["status"] != "withdrawn"]
        self.joint_work += [
            JointWork({ALIAS_IDS[a] for a in i["participants"]}, day(i["started_on"]) if i["started_on"] else None,
                      JointKind.INITIATIVE, {HOOD_IDS[h] for h in i["neighbourhoods"]})
            for i in initiatives if len(i["participants"]) > 1]
        self.relationships = [DeclaredRelationship(ALIAS_IDS[r["from_organisation"]], ALIAS_IDS[r["to_organisation"]],
                                                   r["kind"], day(r["from_date"]),
                                                   day(r["until_date"]) if r["until_date"] else None)
                              for r in relationships]

    def network(self, network_filter: NetworkFilter) -> nx.Graph:
        return build_network(self.actors, self.attendances, self.joint_work, self.relationships, network_filter)

    def met(self, first: str, second: str) -> list[date]:
        """The days two organisations attended the same meeting."""
        return [plan.day for plan, seats in self.drawn
                if {first, second} <= {s.alias for s in seats if s.status == "attended"}]


def summary(graph: nx.Graph) -> dict:
    result = figures(graph)
    return {"actors": graph.number_of_nodes(), "ties": graph.number_of_edges(),
            "density": round(result.network["density"], 3), "communities": result.network["communities"],
            "isolates": result.network["isolates"],
            "articulation points": sorted(graph.nodes[n]["label"] for n in nx.articulation_points(graph))}


def check_story(rows: Rows) -> list[str]:
    """Check every promise; return the lines to print about the network and the stages."""
    lines = []
    for label, chosen in (("the last year", LAST_YEAR), ("2026", NetworkFilter(date_from=date(2026, 1, 1),
                                                                              date_to=LAST_DAY)),
                          ("the whole span", NetworkFilter())):
        figures_now = summary(rows.network(chosen))
        lines.append(f"Whole programme, {label}: {figures_now}")
        if chosen is LAST_YEAR:
            expect(figures_now["density"] <= 0.15, f"the last year's density is {figures_now['density']}")
    for name, number in HOOD_IDS.items():
        graph = rows.network(NetworkFilter(neighbourhood_id=number))
        cut = sorted(graph.nodes[n]["label"] for n in nx.articulation_points(graph))
        lines.append(f"  {name}: {graph.number_of_nodes()} actors, {graph.number_of_edges()} ties, "
                     f"brokers {cut}")
    _check_academia(rows)
    _check_dormant_and_new_ties(rows)
    _check_isolates(rows)
    _check_commitment_parties(rows)
    lines += _stages()
    lines.append(f"Organisations first seen per quarter: {first_seen_per_quarter(rows)}")
    lines.append(f"Attend but made no commitment in the last year: {attend_without_commitment(rows)}")
    return lines


def _check_academia(rows: Rows) -> None:
    academic_here = [a for a, o in BY_ALIAS.items() if o["sector"] == "academic" and P in o["neighbourhoods"]]
    expect(not academic_here, f"academic actors active in Strandparken: {academic_here}")
    for plan, seats in rows.drawn:
        if P in plan.neighbourhoods:
            came = {s.alias for s in seats if SECTOR[s.alias] == "academic"}
            expect(not came, f"{plan.title}: academia at a Strandparken meeting")
    for name in HOOD_IDS:
        if name != P:
            expect(any(o["sector"] == "academic" and name in o["neighbourhoods"] for o in BY_ALIAS.values()),
                   f"{name} lacks academia")


def _check_dormant_and_new_ties(rows: Rows) -> None:
    quiet_since = TODAY - timedelta(days=183)
    for first, second in DORMANT:
        days = rows.met(first, second)
        expect(len(days) >= 4 and max(days) < date(2026, 3, 1) and max(days) < quiet_since,
               f"{first}–{second} should have met often until early 2026 and not since: {days}")
        later = [c for c in rows.commitments if {first, second} <= set(c["parties"]) and c["made_on"] >= max(days)]
        expect(not later, f"{first}–{second} made a joint commitment after they stopped meeting")
    first, second, since = NEW_TIE
    days = rows.met(first, second)
    expect(days and min(days) == since and len(days) >= 2, f"{first}–{second} should first meet on {since}: {days}")


def _check_isolates(rows: Rows) -> None:
    came = {s.alias for _plan, seats in rows.drawn for s in seats}
    expect(not came & NEVER_MET, f"the isolates took part: {came & NEVER_MET}")
    parties = {a for c in rows.commitments for a in c["parties"]}
    expect(not parties & NEVER_MET, "an isolate made a commitment")


def _check_commitment_parties(rows: Rows) -> None:
    by_title = {plan.title: {s.alias for s in seats if s.status == "attended"} for plan, seats in rows.drawn}
    for c in rows.commitments:
        if c.get("meeting"):
            missing = set(c["parties"]) - by_title[c["meeting"]]
            expect(not missing, f"{c['description']}: {missing} made it at {c['meeting']} without being there")


def _stages() -> list[str]:
    acting = {name: acting_from(name) for name, *_rest in NEIGHBOURHOODS}
    quarters = {f"{on.year}-Q{(on.month - 1) // 3 + 1}" for on in acting.values() if on and on.year >= 2025}
    never = [name for name, on in acting.items() if on is None]
    expect(len(quarters) >= 3, f"fewer than three neighbourhoods reach acting in different quarters: {acting}")
    expect(len(never) >= 3, f"fewer than three neighbourhoods stay short of acting: {never}")
    return [f"  {name}: " + ", ".join(f"{stage} {when}" for stage, when, _note in stages)
            for name, _m, _p, _d, stages in NEIGHBOURHOODS]


def first_seen_per_quarter(rows: Rows) -> dict[str, int]:
    """When each organisation first took part: a meeting attended, a commitment made, a relationship begun."""
    first: dict[str, date] = {}

    def seen(alias: str, on: date) -> None:
        first[alias] = min(first.get(alias, on), on)

    for plan, seats in rows.drawn:
        for seat in seats:
            if seat.status == "attended":
                seen(seat.alias, plan.day)
    for c in rows.commitments:
        for alias in c["parties"]:
            seen(alias, c["made_on"])
    for r in rows.relationships:
        for number in (r.first_id, r.second_id):
            seen(ALIAS_OF[number], r.from_date)
    counts = Counter(f"{on.year}-Q{(on.month - 1) // 3 + 1}" for on in first.values())
    return dict(sorted(counts.items()))


def attend_without_commitment(rows: Rows) -> list[str]:
    since = LAST_YEAR.date_from
    attended = {s.alias for plan, seats in rows.drawn if since <= plan.day <= TODAY for s in seats
                if s.status == "attended"}
    committed = {a for c in rows.commitments if c["made_on"] >= since for a in c["parties"]}
    return sorted(attended - committed)


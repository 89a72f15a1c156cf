"""Write the demo coalition's YAML files, each under a header that says what it holds."""
from pathlib import Path

import yaml

HEADERS = {
    "neighbourhoods": """\
# The seven neighbourhoods of the demo programme: five in the fictional municipality of Norrvik,
# two in its neighbour Sjöberga. Written by bench/generate_seed_data.py: edit the story there.
# `stages` is the programme-stage history (stage reached on date), oldest first; the last entry
# is the current stage. Myrbacken's population is not known yet.
""",
    "organisations": """\
# The actors of the demo coalition, all fictional, in the four sectors. Written by
# bench/generate_seed_data.py. Organisation numbers are made up (they pass the Luhn check but
# belong to no one); municipal departments share one legal person and are listed without one.
# `neighbourhoods`: where each is active. Local actors are active in one; the programme office,
# Sjöberga's coordinator, Kvarnängen's area company, the university's outreach unit and the
# region's public-health unit bridge several. No academic actor is active in Strandparken.
""",
    "people": """\
# The people of the demo coalition, all fictional. Written by bench/generate_seed_data.py.
# E-mail addresses are under example.se/example.org and the organisations' fictional domains;
# phone numbers come from the ranges PTS keeps for fiction (070-174 06 05 to 99, 031-390 06 00 to 99).
# lawful_basis: public_task for public-sector contacts, legitimate_interest for other
# organisations' staff, consent (with date, method and consent-text version) for residents
# and volunteers. memberships: from/until dates; a missing `until` means it is current.
""",
    "places": """\
# Meeting places, area companies' local jobs and the groups counted at meetings without names.
# Written by bench/generate_seed_data.py. places: at least one per neighbourhood, Strandparken's
# digital forum among them; stages as reached on a date, oldest first. local_jobs: per area
# company, neighbourhood and quarter (numbers only). meetings.yaml names a place (meeting_place)
# and the residents and young people counted (headcounts, by the group's Swedish name).
""",
    "meetings": """\
# Two years of meetings (2025-2026) in the demo coalition; the demo's today is 2026-12-03 and the
# meetings after it are still to come. Written by bench/generate_seed_data.py.
# Titles are unique in this file; commitments.yaml and initiatives.yaml refer to meetings by title.
# neighbourhoods: where the meeting was held; none for the whole programme's meetings.
# participants: the person, the organisation they came `for` (as of that day), their `role`
# if not participant (organiser, facilitator, speaker) and their `status` if they did not
# simply attend (invited, registered, no_show, cancelled).
# actions: follow-ups with the person responsible, a due date and, when finished, done_on.
""",
    "initiatives": """\
# Initiatives the coalition formulated, most of them in a workshop (origin_meeting, by title
# from meetings.yaml), with the organisations that joined them. Written by bench/generate_seed_data.py.
""",
    "proposals": """\
# Proposals for missions and activities that the actors put forward in the workshops (meeting, by
# title from meetings.yaml), backed by organisations, with the votes (dots) they got at each meeting
# and what became of them: discussed, adopted into an initiative (by name from initiatives.yaml),
# merged into another proposal (by title) or set aside. Written by bench/generate_seed_data.py.
""",
    "commitments": """\
# What the organisations of the demo coalition promised, alone or jointly (parties).
# Written by bench/generate_seed_data.py. meeting: where it was made (by title from
# meetings.yaml); initiative: by name. history: each status with the date it was reached,
# oldest first; the first is the status it was made with, the last is the current status.
# amount and unit are left out where nothing is counted (most policy changes). place: the
# meeting place (from places.yaml) a commitment invests in.
""",
    "relationships": """\
# Ties that the office has declared between two organisations (from -> to): ownership of the
# area companies, grants, contracts and informal ties, with the day each began and, where it
# has, the day it ended. Written by bench/generate_seed_data.py.
""",
    "kpis": """\
# Indicators of social effect, with a baseline and a target per neighbourhood and the values
# measured at the end of each quarter since 2024-12-31. All values are invented for the demo.
# Written by bench/generate_seed_data.py. Neighbourhoods improve from the quarter they reach
# "acting" (Kvarnängen clearly, Granlunda not at all); the others stay roughly flat. Myrbacken
# has no target yet, and Granlunda's young people in associations were not counted in 2025-Q3.
""",
    "assessments": """\
# Stakeholder assessments: how the office judged an organisation's influence and interest
# (1–5) and engagement on a date. Some organisations were assessed more than once.
# Written by bench/generate_seed_data.py.
""",
}


def _str_block(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Dumper(yaml.SafeDumper):
    """Multi-line text as blocks, no anchors for repeated dates; everything else as SafeDumper writes it."""

    def ignore_aliases(self, data) -> bool:
        return True


_Dumper.add_representer(str, _str_block)


def dump(records: list[dict], header: str) -> str:
    body = "\n".join(
        yaml.dump([record], Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)
        for record in records
    )
    return header + "\n" + body


def write(directory: Path, topic: str, records: list[dict]) -> None:
    (directory / f"{topic}.yaml").write_text(dump(records, HEADERS[topic]), encoding="utf-8")

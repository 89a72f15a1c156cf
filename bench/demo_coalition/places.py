"""The meeting places the programme builds, the area companies' local jobs, and the residents counted at meetings.

Every neighbourhood has at least one meeting place, Strandparken a digital one too. A meeting
names a registered place when its free-text place is that place's and it was held for the
place's neighbourhood after the place opened; nothing else about the meetings changes, so the
network (which headcounts and places never touch) is the same as without them. Residents and
young people are counted at the neighbourhoods' workshops and information meetings that were
held by the demo's today, with a random generator of their own (seeded by the meeting's title),
so that the attendance the story draws is unchanged.
"""
import random
from datetime import date

from .actors import NAME
from .story import TODAY, B, E, G, K, M, P, S, day

# (Swedish, English): the groups counted at meetings, as the migration starts the office with.
HEADCOUNT_GROUPS = [("Boende", "Residents"), ("Unga", "Young people"), ("Övriga", "Others")]

# The neighbourhoods each area company serves.
AREA_COMPANIES = {"OBK": [K, E], "OBS": [S]}


def _place(name, neighbourhood, stages, *, address="", web_address="", run_by=None, owners=(), funders=(),
           opened_on=None, description="", free_text=None):
    return {"name": name, "neighbourhood": neighbourhood, "stages": stages, "address": address,
            "web_address": web_address, "run_by": run_by, "owners": list(owners), "funders": list(funders),
            "opened_on": opened_on, "description": description, "free_text": free_text}


PLACES = [
    _place("Mötesplats Kvarnen", K, [("design", "2019-10-01", ""), ("being_built", "2020-03-02", ""),
                                     ("open", "2020-09-11", "Invigning med boende och föreningar.")],
           address="Kvarnvägen 12", run_by="OBK", owners=["NB"], funders=["NB", "KVS", "PO"],
           description="Områdesbolagets mötesplats vid torget: kafé, studierum, föreningslokal och jobbspår. "
                       "Utformad i boendedialoger 2019.", free_text="Mötesplats Kvarnen"),
    _place("Träffpunkt Solbacka", S, [("idea", "2025-04-10", "Fastighetsägarna lovade en lokal när bolaget bildades."),
                                      ("design", "2025-05-05", "Två boendeworkshoppar om innehållet."),
                                      ("being_built", "2025-06-02", ""),
                                      ("open", "2025-08-28", "Öppnade med informationsmöte för boende.")],
           address="Solbackavägen 4", run_by="OBS", owners=["STB"], funders=["STB", "SPB"],
           description="Bottenvåningslokal med kök och läxhjälpsrum, driven av områdesutvecklingsbolaget.",
           free_text="Träffpunkt Solbacka"),
    _place("Mötesplats Ekhöjden", E, [("idea", "2026-03-11", "Framtidsverkstaden ville ha en mötesplats i centrum."),
                                      ("design", "2026-05-20", "Boende och föreningar ritade lokalen tillsammans."),
                                      ("being_built", "2026-09-16", "Styrgruppen antog planen; ombyggnaden började.")],
           address="Ekhöjdens centrum, lokal 4", run_by="OBK", owners=["EKF"], funders=["EKF", "PO", "SPB"],
           opened_on="2027-02-01",
           description="Den nya mötesplatsen i Ekhöjdens centrum, där fritidsgården låg till 2024."),
    _place("Strandparkens hamnmagasin", P, [("idea", "2026-06-15", "Boende föreslog magasinet vid piren.")],
           address="Hamnpiren 1", owners=["HAMN"],
           description="Ett gammalt hamnmagasin som boende vill göra till mötesplats; ingen driver det ännu."),
    _place("Strandparken digitalt", P, [("design", "2026-03-02", ""), ("open", "2026-04-06", "")],
           web_address="https://strandparken-digitalt.example.se", run_by="PO", funders=["PO"],
           description="Digitalt forum för boende i Strandparken medan en fysisk mötesplats saknas."),
    _place("Familjecentralen Björkhagen", B, [("open", "2018-01-15", "")],
           address="Björkvägen 2", run_by="FCB", owners=["BJF"], funders=["FCB", "SOC"],
           description="Regionens familjecentral, områdets naturliga mötesplats för barnfamiljer.",
           free_text="Familjecentralen Björkhagen"),
    _place("Kvarterslokalen Granlunda torg", G, [("open", "2024-05-02", "")],
           address="Granlunda torg 7", run_by="SJB", owners=["SJB"], funders=["SJB", "SJK"],
           description="Sjöberga Bostäders kvarterslokal som föreningarna bokar.",
           free_text="Granlunda torg 7, kvarterslokalen"),
    _place("Myrbackens bygdegård", M, [("open", "1998-06-06", "")],
           address="Bygdegårdsvägen 1", run_by="MBL", owners=["MBL"],
           description="Byalagets bygdegård, där det mesta i Myrbacken händer.", free_text="Myrbackens bygdegård"),
]

# (area company, neighbourhood, first quarter, positions each quarter from then, FTE share, residents' share)
_JOBS = [
    ("OBK", K, (2025, 1), [9, 10, 10, 12, 12, 13, 14], 0.8, 0.65),
    ("OBK", E, (2026, 2), [1, 2], 1.0, 0.5),
    ("OBS", S, (2025, 3), [3, 4, 5, 6, 7], 0.75, 0.7),
]


def _quarters(first: tuple[int, int], count: int):
    year, quarter = first
    for _ in range(count):
        yield year, quarter
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def local_jobs_records() -> list[dict]:
    """Return each area company's jobs per neighbourhood and quarter, as places.yaml writes them."""
    records = []
    for alias, neighbourhood, first, positions, fte_share, resident_share in _JOBS:
        for (year, quarter), count in zip(_quarters(first, len(positions)), positions):
            records.append({"organisation": NAME[alias], "neighbourhood": neighbourhood, "quarter": f"{year}-Q{quarter}",
                            "positions": count, "fte": round(count * fte_share * 4) / 4,
                            "residents": round(count * resident_share)})
    return records


def place_records() -> list[dict]:
    """Return the meeting places as places.yaml writes them."""
    records = []
    for place in PLACES:
        record = {"name": place["name"], "neighbourhood": place["neighbourhood"]}
        if place["web_address"]:
            record["digital"] = True
            record["web_address"] = place["web_address"]
        for key in ("address", "description"):
            if place[key]:
                record[key] = place[key]
        if place["run_by"]:
            record["run_by"] = NAME[place["run_by"]]
        for key in ("owners", "funders"):
            if place[key]:
                record[key] = [NAME[alias] for alias in place[key]]
        if place["opened_on"]:
            record["opened_on"] = day(place["opened_on"])
        record["stages"] = [{"stage": stage, "date": day(when), **({"note": note} if note else {})}
                            for stage, when, note in place["stages"]]
        records.append(record)
    return records


def _opened(place: dict) -> date | None:
    return next((day(when) for stage, when, _note in place["stages"] if stage == "open"), None)


def meeting_place_of(plan) -> str | None:
    """Return the registered place a meeting was held at, if its free text names one open in its neighbourhood."""
    for place in PLACES:
        opened = _opened(place)
        if (place["free_text"] and plan.place.startswith(place["free_text"]) and place["neighbourhood"] in
                plan.neighbourhoods and opened is not None and opened <= plan.day):
            return place["name"]
    return None


def headcounts_of(plan) -> dict[str, int]:
    """Return how many residents and young people were counted at a neighbourhood's workshop or information meeting."""
    if plan.kind not in ("workshop", "information") or not plan.neighbourhoods or plan.day > TODAY:
        return {}
    draw = random.Random(plan.title)  # a generator of its own: the story's draws stay as they were
    residents = draw.randint(25, 70) if plan.kind == "information" else draw.randint(8, 40)
    counts = {"Boende": residents}
    if draw.random() < 0.5:
        counts["Unga"] = draw.randint(3, 18)
    return counts


# What a commitment's description calls a place, for the commitments that invest in one.
_CALLED = {"Mötesplats Kvarnen": ("Mötesplats Kvarnen",), "Träffpunkt Solbacka": ("Träffpunkt Solbacka",)}


def place_invested_in(description: str, neighbourhood: str | None) -> str | None:
    """Return the place a commitment invests in, when its description names one of its neighbourhood."""
    for place in PLACES:
        names = _CALLED.get(place["name"], ())
        if place["neighbourhood"] == neighbourhood and any(name in description for name in names):
            return place["name"]
    return None

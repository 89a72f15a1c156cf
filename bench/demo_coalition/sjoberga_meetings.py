"""The meetings held in Sjöberga's two neighbourhoods, coordinated by the municipality's strategist.

Granlunda acts from August 2025, but its largest landlord, Granlunda Förvaltning, sold its
buildings in February 2026 and left every group it sat in; the new owner, Fastighets AB
Sjöstjärnan, came to one meeting. The language café that Granlunda Förvaltning housed with the
culture association paused (a dormant tie), and Granlunda's KPIs do not move. Myrbacken is being
mapped: its actors have met only Sjöberga's strategist, who holds them all (a lone broker), and
the university's outreach unit, active there, has not met anyone there yet.
"""
from .attendance import month_year, plan, rotation
from .norrvik_meetings import INTERVIEW_AGENDA, interviews, walks
from .programme_meetings import SJ_LEAD
from .story import G, M, at, day

TORGET = "Granlunda medborgarhus, Granlunda torg 3"
# Granlunda Förvaltning's last day in the programme's groups: it sold its buildings.
LANDLORD_SOLD = "2026-02-15"


def granlunda():
    landlord = lambda when: ["GRF"] if when < LANDLORD_SOLD else []  # noqa: E731
    meetings = interviews(SJ_LEAD, G, "SJK", [
        ("2025-04-29", "10:00", "ENERGI", "Sjöberga Energi AB", False),
        ("2025-06-10", "18:00", "GMK", "Granlunda moské- och kulturförening", True),
    ])
    meetings += [
        plan("information", "Informationsmöte: Granlunda i programmet", at("2025-04-24", "18:00"), 90, TORGET, "SJK",
             [G], SJ_LEAD, roles=[("SJK", "Kommundirektör", "speaker")],
             orgs=["SJB", "GRF", "HGG", "KFG", "GIK", "SKG", "SJF"],
             agenda="Vad programmet är och hur Granlunda kan delta.",
             notes="Ett femtiotal boende kom; trygghet på torget och ungas fritid dominerade."),
        plan("workshop", "Framtidsverkstad Granlunda", at("2025-05-24", "10:00"), 240, "Granlundaskolan, matsalen",
             "SJK", [G], SJ_LEAD, roles=[("SJK", "Kommunikatör", "facilitator")],
             orgs=["SJB*2", "GRF", "SKG", "SJS", "POS", "GIK", "KFG", "HGG", "ERI", "SJF", "GTH", "FH", "USV"],
             agenda="1. Hur ser Granlunda ut 2030?\n2. Vad står i vägen?\n3. Vad kan vi göra redan i år?",
             notes="Ett levande torg, språkträning för vuxna och ungas fritid prioriterades.",
             actions=[(*SJ_LEAD, "Skriv ihop förslag till handlingsplan för Granlunda.", 8)], weekend=True),
        plan("workshop", "Workshop: Granlunda torg", at("2025-06-12", "17:00"), 150, TORGET, "SJK", [G], SJ_LEAD,
             roles=[("USV", "Samverkansrådgivare Sjöberga", "speaker")],
             orgs=["GTH", "SJB", "GRF", "KFG", "HGG", "FH"],
             agenda="1. Torget i dag\n2. Exempel från andra torg\n3. Vad gör vi i sommar?",
             notes="Torghandeln, bostadsbolagen och föreningarna planerar torgdagar varje månad.",
             actions=[("GTH", "VD", "Ta fram schema för torgdagar under sommaren.", 3)]),
        plan("interview", "Möte med Fastighets AB Sjöstjärnan", at("2026-04-15", "10:00"), 60, "Sjöberga kommunhus",
             "SJK", [G], ("SJK", "Kommundirektör"), roles=[SJ_LEAD], orgs=["STJ", "SJB"], agenda=INTERVIEW_AGENDA,
             sure={"STJ"},
             notes="Den nya ägaren vill avvakta med engagemang i Granlunda tills renoveringsbehoven är utredda."),
    ]
    for when in ["2025-06-25", "2025-08-20", "2025-09-24", "2025-10-22", "2025-11-26", "2026-01-14", "2026-02-11"]:
        meetings.append(plan(
            "coordination", f"Språkcafégruppen Granlunda {month_year(day(when))}", at(when, "17:00"), 90,
            "Granlunda torg 7, kvarterslokalen", "KFG", [G], ("KFG", "Ordförande"),
            orgs=["GRF", "SJF", "ERI"] + (["KFG"] if when[5:7] in ("03", "09") else []),
            agenda="Schema för språkcaféet, volontärer och lokalen.",
            notes="Lokalen sägs upp när fastigheterna säljs; språkcaféet gör uppehåll."
            if when == "2026-02-11" else "Språkcaféet har ett trettiotal besökare i veckan."))
    for when in ["2025-06-04", "2025-09-10", "2025-10-29", "2025-12-10", "2026-02-04", "2026-03-25",
                 "2026-05-20", "2026-06-24", "2026-09-09", "2026-10-21", "2026-12-02"]:
        meetings.append(plan(
            "coordination", f"Samverkansgruppen Granlunda {month_year(day(when))}", at(when, "13:00"), 120, TORGET,
            "SJK", [G], SJ_LEAD,
            orgs=rotation(["SJB", "SKG", "SJS", "HGG"] + landlord(when), ["POS", "GIK", "KFG", "GTH"], 1),
            agenda="1. Lägesbild\n2. Handlingsplanens insatser\n3. Åtaganden att följa upp",
            notes="Den nya fastighetsägaren har inte svarat på inbjudan till samverkansgruppen."
            if when > LANDLORD_SOLD else "Genomgång av handlingsplanens insatser: torget, språkcaféet, ungas fritid."))
    meetings += walks(G, "SJS", ("SJS", "Fältsekreterare"), ["2025-09-25", "2026-09-24"],
                      lambda when: ["POS", "SJB", "HGG", "GIK", SJ_LEAD] + landlord(when), "Samling vid Granlunda torg",
                      ["Torget och gångtunneln mot skolan upplevs otrygga kvällstid.",
                       "Belysningen på Sjöstjärnans gårdar är fortfarande trasig."])
    for when in ["2025-09-17", "2026-03-18", "2026-09-16"]:
        meetings.append(plan(
            "coordination", f"Följeforskning Granlunda {month_year(day(when))}", at(when, "10:00"), 90,
            "Sjöberga kommunhus", "ISF", [G], ("ISF", "Föreståndare"), roles=[SJ_LEAD],
            orgs=["USV"], agenda="Intervjuer, KPI-data och delrapport.",
            notes="Samverkan i Granlunda är bred, men fastighetsägarnas medverkan avgör om insatserna når boende."))
    return meetings


def myrbacken():
    meetings = interviews(SJ_LEAD, M, "SJK", [
        ("2026-05-06", "18:00", "MBL", "Myrbackens byalag", True),
        ("2026-05-27", "13:00", "SKM", "Myrbackens skola", False),
        ("2026-06-10", "10:00", "MYF", "Fastighets AB Myrstacken", False),
        ("2026-09-02", "18:00", "MSK", "Myrbackens scoutkår", False),
        ("2026-10-07", "10:00", "MTC", "Myrbackens Trädgård & Café", False),
        ("2026-10-21", "18:00", "MIF", "Myrbackens IF", False),
        ("2026-11-11", "10:00", "LANT", "Myrbackens Lanthandel", False),
    ])
    meetings.append(plan(
        "information", "Informationsmöte: Programmet kommer till Myrbacken", at("2026-12-14", "18:00"), 90,
        "Myrbackens bygdegård", "SJK", [M], SJ_LEAD, orgs=["MBL*2", "SKM", "MYF", "MSK", "MTC", "SJF", "USV"],
        agenda="Vad programmet är, vad kartläggningen visat och hur boende kan delta."))
    return meetings


def sjoberga_meetings():
    return granlunda() + myrbacken()

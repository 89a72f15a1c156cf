"""The spine of the story: the demo's today, its span, and the neighbourhoods' stages.

Stages were chosen for issue 20's comparison: Kvarnängen, Granlunda, Solbacka and Ekhöjden
reach "acting" in four different quarters of the span; Björkhagen, Strandparken and Myrbacken
have not reached it by the end. Kvarnängen's KPIs improve once it acts; Granlunda's do not
(its largest landlord sold out in February 2026, see ``sjoberga_meetings``).
"""
from datetime import date, datetime

# Meetings after today are still to come; nothing is recorded as done, measured or changed after it.
TODAY = date(2026, 12, 3)
FIRST_DAY = date(2025, 1, 1)
LAST_DAY = date(2026, 12, 31)

K, S, E, P, B, G, M = ("Kvarnängen", "Solbacka", "Ekhöjden", "Strandparken", "Björkhagen", "Granlunda",
                       "Myrbacken")
NORRVIK, SJOBERGA = "Norrvik", "Sjöberga"


def at(day: str, clock: str = "00:00") -> datetime:
    return datetime.fromisoformat(f"{day} {clock}")


def day(text: str) -> date:
    return date.fromisoformat(text)


# name, municipality, population (None: not yet known), description, stages (stage, date, note).
NEIGHBOURHOODS = [
    (K, NORRVIK, 7400,
     "Flerbostadsområde från 1960-talet norr om centrum med cirka 2 600 lägenheter, de flesta hyresrätter hos "
     "Norrviks Bostäder och Fastighets AB Kvarnstenen. Områdesbolaget driver Mötesplats Kvarnen vid torget.",
     [("mapping", "2023-09-01", "Kartläggning av aktörer och boendedialog startade."),
      ("mobilising", "2024-03-15", "Första gemensamma workshopen; områdesbolaget bildades."),
      ("acting", "2025-04-09", "Styrgruppen antog Handlingsplan Kvarnängen 2025."),
      ("sustained", "2026-10-08", "Styrgruppen bedömer att samverkan bär sig själv med områdesbolaget som nav.")]),
    (S, NORRVIK, 5100,
     "Blandad bebyggelse med lamellhus och radhus söder om järnvägen. Stora renoveringar pågår hos Stenbacka "
     "Förvaltning; otrygga stråk mot stationen är en återkommande fråga i boendedialogen.",
     [("mapping", "2024-09-02", ""),
      ("mobilising", "2025-04-10", "Solbacka Områdesutveckling AB bildat av fastighetsägarna."),
      ("acting", "2025-11-12", "Styrgruppen antog handlingsplanen Trygga stråk Solbacka.")]),
    (E, NORRVIK, 4300,
     "Punkthus och loftgångshus på höjden väster om Norrvik, med en aktiv föreningsvärld men få mötesplatser "
     "sedan fritidsgården stängde 2024.",
     [("mapping", "2025-08-18", "Programkontoret började intervjua aktörerna i Ekhöjden."),
      ("mobilising", "2026-03-11", "Framtidsverkstaden samlade ett tjugotal aktörer."),
      ("acting", "2026-09-16", "Styrgruppen antog planen för Mötesplats Ekhöjden.")]),
    (P, NORRVIK, 2900,
     "Ett nyare område vid den gamla hamnen där bostadsrätter och hyresrätter blandas med logistikverksamhet. "
     "Programmet började här i februari 2026; ingen högskola eller forskningsaktör är engagerad ännu.",
     [("mapping", "2026-02-02", "Styrgruppen beslutade att ta in Strandparken i programmet.")]),
    (B, NORRVIK, 3600,
     "Småskaligt område med trevåningshus från 1950-talet öster om Norrvik, där många äldre bor kvar och "
     "barnfamiljer flyttar in. Familjecentralen är områdets naturliga mötesplats.",
     [("mapping", "2025-10-06", "Kartläggningen började med intervjuer hos fastighetsägaren och föreningarna."),
      ("mobilising", "2026-06-10", "Framtidsverkstaden gav tre prioriterade frågor.")]),
    (G, SJOBERGA, 6200,
     "Sjöbergas största hyresrättsområde, byggt 1968–1972 kring Granlunda torg. Kommunen gick med i "
     "programmet 2025 tillsammans med Sjöberga Bostäder.",
     [("mapping", "2024-10-01", "Sjöberga kommun kartlade Granlunda inför att gå med i programmet."),
      ("mobilising", "2025-04-09", "Sjöberga kommun och Sjöberga Bostäder gick med i programmet."),
      ("acting", "2025-08-27", "Styrgruppen antog Handlingsplan Granlunda.")]),
    (M, SJOBERGA, None,
     "Före detta bruksort i Sjöbergas norra del med egnahem och några hyreshus. Befolkningen i programmets "
     "avgränsning är inte framtagen ännu.",
     [("mapping", "2026-04-15", "Sjöberga kommun började kartlägga Myrbacken.")]),
]


def stage_on(neighbourhood: str, on: date) -> str | None:
    """Return the stage a neighbourhood had reached on a day (None before its first)."""
    stages = next(row[4] for row in NEIGHBOURHOODS if row[0] == neighbourhood)
    reached = [stage for stage, when, _note in stages if day(when) <= on]
    return reached[-1] if reached else None


def acting_from(neighbourhood: str) -> date | None:
    """Return the day a neighbourhood reached "acting" (None if it has not)."""
    stages = next(row[4] for row in NEIGHBOURHOODS if row[0] == neighbourhood)
    return next((day(when) for stage, when, _note in stages if stage == "acting"), None)

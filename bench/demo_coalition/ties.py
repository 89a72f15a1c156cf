"""Declared relationships and stakeholder assessments.

Relationships are the ties staff declare: ownership of the area companies, grants, contracts
and informal ties, each with the day it began and, if it has, the day it ended. Assessments are
chosen so that the alert "stated against measured influence" has something to say:
Stiftelsen Norrviks Framtid and Fastighets AB Sjöstjärnan are rated high in influence but sit at
the edge of the network (Strandgården Bostad, rated as high, has come in from the edge since
the future workshop); Norrviks Volontärcentral and Kvinnor i Ekhöjden are rated low and hold
many ties.
"""
from .actors import NAME
from .story import day


def tie(first, second, kind, since, until=None, notes=""):
    return dict(from_organisation=first, to_organisation=second, kind=kind, from_date=since, until_date=until,
                notes=notes)


RELATIONSHIPS = [
    tie("NB", "OBK", "membership", "2024-03-15", notes="Delägare (60 %) i områdesbolaget."),
    tie("KVS", "OBK", "membership", "2024-03-15", notes="Delägare (40 %) i områdesbolaget."),
    tie("STB", "OBS", "membership", "2025-04-10", notes="Grundare och delägare (70 %)."),
    tie("NB", "OBS", "membership", "2025-04-10", notes="Delägare (30 %)."),
    tie("STIFT", "LAX", "funding", "2025-05-15", "2027-12-31", "Verksamhetsbidrag i tre år."),
    tie("KUF", "VOL", "funding", "2025-01-01", notes="Årligt föreningsbidrag."),
    tie("SPB", "SBFC", "funding", "2025-01-01", "2025-12-31", "Sponsring av ungdomsverksamheten 2025."),
    tie("NB", "GLANS", "contract", "2025-04-01", "2027-03-31", "Trappstädning med krav på lokal rekrytering."),
    tie("PO", "ISF", "contract", "2025-09-01", "2027-08-31", "Följeforskning på programmet."),
    tie("SJK", "ISF", "contract", "2025-09-01", "2026-12-31", "Följeforskning i Granlunda."),
    tie("ISF", "USA", "partnership", "2025-01-01", notes="Gemensam forskarskola."),
    tie("PO", "SJK", "partnership", "2025-04-09", notes="Samverkansavtal om programmet."),
    tie("KIF", "SBFC", "partnership", "2025-01-22", "2026-03-31", "Fotbollsalliansen; vilar sedan mars 2026."),
    tie("HGK", "KIF", "informal", "2025-05-01", notes="Ordnar Kvarnängsdagen tillsammans varje år."),
    tie("FORS", "ISL", "informal", "2025-10-16", notes="Interreligiöst samråd och gemensamma insatser vid kriser."),
    tie("GRF", "KFG", "contract", "2025-04-01", "2026-03-31", "Hyresavtal för språkcaféets lokal; uppsagt vid "
        "försäljningen."),
    tie("SJB", "GTH", "contract", "2025-09-01", notes="Torghandelns lokaler och skötsel av torget."),
    tie("OBK", "EKF", "contract", "2026-05-20", "2027-12-31", "Områdesbolaget stöttar driften av Mötesplats Ekhöjden."),
    tie("HAMN", "SKP", "partnership", "2026-10-21", notes="Prao och studiebesök på terminalen."),
    tie("USV", "SJK", "partnership", "2025-05-24", notes="Avsiktsförklaring om studentsamarbeten i Sjöberga."),
]


def assessment(alias, assessed_on, influence, interest, engagement, note=""):
    return dict(organisation=alias, assessed_on=assessed_on, influence=influence, interest=interest,
                engagement=engagement, note=note)


ASSESSMENTS = [
    assessment("NB", "2025-02-10", 5, 5, "leading", "Driver sommarjobben och är delägare i båda områdesbolagen."),
    assessment("STB", "2025-02-10", 4, 2, "informed", "Fokus på renoveringen; svårt att nå beslutsfattare."),
    assessment("STB", "2025-11-20", 4, 4, "collaborating", "Tar ansvar för gårdsbelysningen längs stråken."),
    assessment("STB", "2026-03-25", 4, 3, "involved", "Dialogen med hyresgästföreningen har brutit samman."),
    assessment("HGS", "2026-03-25", 2, 5, "consulted", "Lämnade samverkansgruppen i protest; vill ha egen dialog."),
    assessment("STIFT", "2025-05-15", 5, 3, "consulted",
               "Största privata finansiären i Norrvik; deltar sällan i möten utan beslutar i sin styrelse."),
    assessment("STIFT", "2026-06-01", 5, 3, "consulted", "Oförändrat: stort inflytande, få kontakter med aktörerna."),
    assessment("SGB", "2026-03-05", 5, 2, "unaware", "Känner inte till programmet; största hyresvärden i Strandparken."),
    assessment("SGB", "2026-10-08", 5, 3, "consulted", "Erbjuder en lokal men deltar sällan."),
    assessment("STJ", "2026-04-15", 5, 1, "unaware",
               "Ny ägare till 900 lägenheter i Granlunda; avvaktar med engagemang."),
    assessment("GRF", "2025-06-04", 4, 4, "collaborating", "Upplåter lokalen till språkcaféet."),
    assessment("VOL", "2025-06-04", 2, 5, "collaborating",
               "Liten organisation men finns med i nästan alla stadsdelars föreningsarbete."),
    assessment("KIE", "2025-09-02", 2, 5, "involved", "Når familjer i Ekhöjden som kommunen inte når."),
    assessment("KIE", "2026-04-23", 2, 5, "leading", "Driver arbetet med Mötesplats Ekhöjden."),
    assessment("EKF", "2025-08-26", 4, 3, "consulted"),
    assessment("EKF", "2026-05-20", 4, 4, "involved", "Upplåter lokalen till Mötesplats Ekhöjden."),
    assessment("POL", "2025-02-10", 4, 4, "involved"),
    assessment("ISL", "2025-10-16", 3, 4, "informed", "Deltar i dialogkvällarna men inte i programmets möten."),
    assessment("PINGST", "2026-04-07", 2, 3, "informed"),
    assessment("ISF", "2025-03-12", 2, 5, "collaborating"),
    assessment("SJB", "2025-05-24", 5, 4, "collaborating", "Kommunalt bolag och största hyresvärden i Sjöberga."),
    assessment("HAMN", "2026-03-03", 3, 2, "informed", "Behöver arbetskraft; har inte samverkat med skolan."),
    assessment("HAMN", "2026-10-21", 3, 4, "involved", "Ordnar prao med Strandparksskolan."),
    assessment("AF", "2025-06-10", 4, 3, "involved"),
    assessment("MYF", "2026-06-10", 3, 2, "informed"),
]


def relationship_record(row: dict) -> dict:
    record = {"from_organisation": NAME[row["from_organisation"]], "to_organisation": NAME[row["to_organisation"]],
              "kind": row["kind"], "from_date": day(row["from_date"])}
    if row["until_date"]:
        record["until_date"] = day(row["until_date"])
    if row["notes"]:
        record["notes"] = row["notes"]
    return record


def assessment_record(row: dict) -> dict:
    record = {"organisation": NAME[row["organisation"]], "assessed_on": day(row["assessed_on"]),
              "influence": row["influence"], "interest": row["interest"], "engagement": row["engagement"]}
    if row["note"]:
        record["note"] = row["note"]
    return record

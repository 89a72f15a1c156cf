"""Meetings that concern the whole programme (no neighbourhood) or several neighbourhoods.

The whole programme's meetings are few and small, and their seats go to the bridging actors:
the steering group, the working committee, a programme day a year and the research network.
Networks of one kind of actor across neighbourhoods (the property owners, the summer jobs) are
tagged with the neighbourhoods they concern, not with all of them.
"""
from .attendance import month_year, plan
from .story import B, E, K, P, S, at, day

CITY_HALL = "Stadshuset, sal Norrviken"
COMMITTEE_ROOM = "Stadshuset, rum 3"
ONLINE = "Digitalt (Teams)"
KVARNEN = "Mötesplats Kvarnen, Kvarnvägen 12"

PO_KS = ("PO", "Processledare Kvarnängen och Solbacka")
PO_EP = ("PO", "Processledare Ekhöjden och Strandparken")
PO_B = ("PO", "Processledare Björkhagen")
SJ_LEAD = ("SJK", "Utvecklingsstrateg")

STEERING_GROUP = [("PO", "Analytiker"), ("SOC", "Avdelningschef förebyggande"),
                  ("UTB", "Verksamhetschef grundskola"), ("AMF", "Enhetschef"), ("KUF", "Avdelningschef fritid"),
                  ("NB", "VD"), ("POL", "Kommunpolis"), ("FH", "Folkhälsostrateg"), ("USV", "Samverkansrådgivare"),
                  ("SPB", "Kontorschef")]
STEERING_DECISIONS = {
    "2025-02-05": ("Budget och mötesplan för 2025. Sjöberga kommun har ansökt om att gå med i programmet.",
                   [("PO", "Programchef", "Ta fram förslag till samverkansavtal med Sjöberga kommun.", 6)]),
    "2025-04-09": ("Beslut: Handlingsplan Kvarnängen 2025 antas; Kvarnängen går över till genomförande. Sjöberga "
                   "kommun och Sjöberga Bostäder går med i programmet; Granlunda går in i mobiliseringsfasen.",
                   [("PO", "Analytiker", "Ta fram uppföljningsplan för handlingsplanen i Kvarnängen.", 4)]),
    "2025-06-11": ("Lägesrapport om sommarjobben och läxhjälpen. Budgetuppföljning per tertial.", []),
    "2025-08-27": ("Beslut: Handlingsplan Granlunda antas; Granlunda går över till genomförande.",
                   [("SJK", "Kommundirektör", "Förankra handlingsplanen i Sjöbergas kommunstyrelse.", 6)]),
    "2025-10-01": ("Beslut: Björkhagen tas in i programmet och kartläggs under hösten.",
                   [("PO", "Programchef", "Tillsätt processledare för Björkhagen.", 2)]),
    "2025-11-12": ("Beslut: handlingsplanen Trygga stråk Solbacka antas; Solbacka går över till genomförande.",
                   [("PO", "Analytiker", "Sammanställ KPI:erna per stadsdel inför programdagen.", 1)]),
    "2026-01-21": ("Beslut: Strandparken tas in i programmet från februari.",
                   [("PO", "Programchef", "Ta fram en kartläggningsplan för Strandparken.", 3)]),
    "2026-03-11": ("Beslut: Ekhöjden går över till mobiliseringsfasen efter framtidsverkstaden.",
                   [("PO", "Analytiker", "Sammanställ resultaten från framtidsverkstaden i Ekhöjden.", 4)]),
    "2026-04-08": ("Beslut: Myrbacken i Sjöberga kartläggs från den 15 april. Fastighetsbytet i Granlunda "
                   "diskuterades: den nya ägaren har inte svarat på inbjudningar.",
                   [("SJK", "Kommundirektör", "Bjud in Fastighets AB Sjöstjärnan till ett möte.", 2)]),
    "2026-06-10": ("Beslut: Björkhagen går över till mobiliseringsfasen. Lägesrapport om sommarjobben.",
                   [("AMF", "Enhetschef", "Rapportera utfallet av sommarjobben till styrgruppen i september.", 12)]),
    "2026-09-16": ("Beslut: planen för Mötesplats Ekhöjden antas; Ekhöjden går över till genomförande.",
                   [("PO", "Analytiker", "Presentera trygghetsmätningen för samverkansgrupperna.", 4)]),
    "2026-10-08": ("Beslut: Kvarnängen bedöms självbärande; områdesbolaget tar över samordningen.",
                   [("PO", "Programchef", "Förbered förslag till handlingsplan 2027.", 8)]),
    "2026-12-09": ("", []),
}


def steering_group():
    meetings = []
    for when, (notes, actions) in STEERING_DECISIONS.items():
        roles = STEERING_GROUP + ([("SJK", "Kommundirektör")] if when >= "2025-04-09" else [])
        meetings.append(plan(
            "steering_group", f"Styrgruppsmöte {month_year(day(when))}", at(when, "13:00"), 120, CITY_HALL, "PO", [],
            ("PO", "Programchef"), roles=roles, notes=notes, actions=actions,
            agenda="1. Föregående protokoll\n2. Lägesrapport per stadsdel\n3. Åtaganden och KPI:er\n4. Beslut"))
    return meetings


WORKING_COMMITTEE = ["2025-01-15", "2025-03-05", "2025-04-23", "2025-06-04", "2025-08-20", "2025-09-24",
                     "2025-10-29", "2025-12-10", "2026-01-28", "2026-03-04", "2026-04-22", "2026-06-03",
                     "2026-08-19", "2026-09-30", "2026-11-04", "2026-12-16"]
COMMITTEE_ACTIONS = {
    "2025-03-05": [("KUF", "Föreningskonsulent", "Skicka inbjudan till workshopen Föreningslyftet.", 6)],
    "2025-08-20": [("VOL", "Verksamhetsledare", "Samla volontärer till läxhjälpen i höst.", 3)],
    "2026-04-22": [("PO", "Samordnare", "Följ upp åtaganden med passerat slutdatum.", 3, False)],
    "2026-08-19": [("VOL", "Verksamhetsledare", "Samla volontärer till framtidsverkstaden i Strandparken.", 4)],
}


def working_committee():
    meetings = []
    for when in WORKING_COMMITTEE:
        roles = [PO_KS, PO_EP, ("SOC", "Enhetschef fältverksamheten"), ("KUF", "Föreningskonsulent"),
                 ("AMF", "Arbetsmarknadskonsulent"), ("NB", "Hållbarhetsstrateg"),
                 ("OBK", "Verksamhetsledare Mötesplats Kvarnen"), ("VOL", "Verksamhetsledare")]
        if when >= "2025-04-09":
            roles.append(SJ_LEAD)
        if when >= "2025-10-06":
            roles.append(PO_B)
        meetings.append(plan(
            "working_committee", f"Arbetsutskott {month_year(day(when))}", at(when, "09:00"), 90,
            ONLINE if when[5:7] in ("01", "08") else COMMITTEE_ROOM, "PO", [], ("PO", "Samordnare"), roles=roles,
            agenda="1. Aktuellt från stadsdelarna\n2. Kommande möten\n3. Åtaganden att följa upp",
            notes="Genomgång av aktuella frågor per stadsdel och av åtaganden att följa upp.",
            actions=COMMITTEE_ACTIONS.get(when, [])))
    return meetings


def programme_days():
    orgs = ["PO*2", "SOC", "UTB", "AMF", "KUF", "NB", "FH", "SJK*2", "USV", "ISF", "OBK", "VOL"]
    return [
        plan("information", "Programdag 2025: Handlingsplanerna i praktiken", at("2025-11-20", "09:00"), 360,
             "Norrviks konserthus, lilla salen", "PO", [], ("PO", "Programchef"),
             roles=[("PO", "Kommunikatör", "facilitator"), ("ISF", "Föreståndare", "speaker")], orgs=orgs,
             agenda="1. Ett år med handlingsplanerna\n2. Följeforskningens första resultat\n3. Erfarenheter från "
                    "Kvarnängen och Granlunda",
             notes="Följeforskningen visar att samverkan i Kvarnängen har gått från enskilda projekt till en gemensam "
                   "plan; Granlunda beskrev svårigheten att få med fastighetsägarna."),
        plan("information", "Programdag 2026: Vad har vi lärt oss?", at("2026-11-19", "09:00"), 360,
             "Sjöberga kommunhus, fullmäktigesalen", "SJK", [], ("SJK", "Kommundirektör"),
             roles=[("PO", "Programchef", "speaker"), ("PO", "Kommunikatör", "facilitator"),
                    ("PO", "Analytiker", "speaker")], orgs=orgs,
             agenda="1. KPI:erna per stadsdel\n2. Kvarnängen som självbärande\n3. Vart går vi 2027?",
             notes="KPI:erna förbättras i Kvarnängen och Solbacka men inte i Granlunda; styrgruppen ombads "
                   "prioritera fastighetsägarnas medverkan 2027.",
             actions=[("PO", "Analytiker", "Skicka KPI-sammanställningen till alla deltagare.", 1)]),
    ]


def research_network():
    days = {"2025-03-05": "", "2025-10-01": "", "2026-03-04": "", "2026-10-14": ""}
    return [plan(
        "coordination", f"Forskningsnätverket {month_year(day(when))}", at(when, "14:00"), 120,
        "Norrviks universitet, hus B", "ISF", [], ("ISF", "Föreståndare"),
        roles=[("PO", "Analytiker", "speaker"), ("USA", "Professor"), ("UKG", "Universitetslektor"),
               ("ULU", "Programansvarig"), ("USV", "Samverkansrådgivare")],
        agenda="1. Pågående studier\n2. Data från programmet\n3. Publiceringsplan",
        notes="Forskarna stämde av pågående studier och behovet av data från programmet.") for when in days]


PROPERTY_OWNERS = ["2025-02-04", "2025-05-06", "2025-09-02", "2025-11-25", "2026-02-03", "2026-05-05", "2026-09-01",
                   "2026-11-24"]


def property_owners():
    """The area companies' network of landlords: Kvarnängen and Solbacka, then the newer neighbourhoods' owners."""
    meetings = []
    for when in PROPERTY_OWNERS:
        orgs, hoods = ["NB", "KVS", "STB", "VAKT"], [K, S]
        if when >= "2025-04-10":
            orgs.append("OBS")
        if when >= "2025-09-01":
            orgs.append("EKF")
            hoods.append(E)
        if when >= "2026-02-01":
            orgs.append("BJF")
            hoods.append(B)
        if when >= "2026-11-01":
            orgs.append("SGB")
            hoods.append(P)
        meetings.append(plan(
            "coordination", f"Fastighetsägarnätverket {month_year(day(when))}", at(when, "08:30"), 90, KVARNEN, "OBK",
            hoods, ("OBK", "VD"), orgs=orgs,
            agenda="1. Trygghetsläget\n2. Gemensamma insatser i utemiljön\n3. Lokala anställningar",
            notes="Fastighetsägarna delade lägesbilder och samordnade insatser i utemiljön.",
            actions=[("OBS", "VD", "Sammanställ fastighetsägarnas gemensamma trygghetsinsatser.", 4)]
            if when == "2025-09-02" else []))
    return meetings


def summer_jobs():
    """The summer jobs of Kvarnängen and Solbacka: a workshop each February, a follow-up each October."""
    employers = ["AF", "NB*2", "BYGG", "OBK", "KVS", "SPB", "UNGR*2", "GY", "GLANS"]
    return [
        plan("workshop", "Workshop: Sommarjobb 2025", at("2025-02-13", "13:00"), 180, KVARNEN, "AMF", [K, S],
             ("AMF", "Enhetschef"), roles=[(*PO_KS, "facilitator"), ("AMF", "Feriejobbssamordnare", "speaker")],
             orgs=employers,
             agenda="1. Förra årets sommarjobb\n2. Hur många platser kan vi skapa tillsammans?\n3. Åtaganden",
             notes="Arbetsgivarna i Kvarnängen och Solbacka lovade tillsammans ett femtiotal sommarjobb.",
             actions=[("AMF", "Feriejobbssamordnare", "Skicka avsiktsförklaringar till alla arbetsgivare.", 2)]),
        plan("workshop", "Workshop: Uppföljning av sommarjobben 2025", at("2025-10-16", "13:00"), 120, KVARNEN, "AMF",
             [K, S], ("AMF", "Feriejobbssamordnare"), orgs=["AF", "NB", "BYGG", "OBK", "KVS", "UNGR", "GY", "OBS"],
             agenda="1. Utfall 2025\n2. Vad sa ungdomarna?\n3. Planering för 2026",
             notes="52 ungdomar fick sommarjobb; arbetsgivarna vill ha tidigare matchning."),
        plan("workshop", "Workshop: Sommarjobb 2026", at("2026-02-12", "13:00"), 180, KVARNEN, "AMF", [K, S],
             ("AMF", "Enhetschef"), roles=[(*PO_KS, "facilitator"), ("AMF", "Feriejobbssamordnare", "speaker")],
             orgs=["AF", "NB*2", "BYGG", "OBK", "KVS", "UNGR", "GLANS", "OBS", "STB"],
             agenda="1. Erfarenheter från 2025\n2. Platser 2026\n3. Åtaganden",
             notes="Arbetsgivarna lovade tillsammans över 60 sommarjobb; Solbacka Områdesutveckling och Stenbacka "
                   "Förvaltning är nya arbetsgivare.",
             actions=[("AMF", "Feriejobbssamordnare", "Skicka avsiktsförklaringar till alla arbetsgivare.", 2),
                      ("UNGR", "Ordförande", "Sprid ansökan om sommarjobb i skolor och på fritidsgården.", 4)]),
        plan("workshop", "Workshop: Uppföljning av sommarjobben 2026", at("2026-10-15", "13:00"), 120, KVARNEN, "AMF",
             [K, S], ("AMF", "Feriejobbssamordnare"),
             orgs=["AF", "NB", "BYGG", "OBK", "KVS", "GLANS", "SPB", "UNGR*2", "GY", "OBS"],
             agenda="1. Utfall 2026\n2. Vad sa ungdomarna?\n3. Planering för 2027",
             notes="64 ungdomar fick sommarjobb; arbetsgivarna vill ha tidigare matchning 2027.",
             actions=[("AMF", "Feriejobbssamordnare", "Skicka utvärderingen till alla arbetsgivare.", 3),
                      ("BYGG", "HR-ansvarig", "Anmäl antal platser för 2027.", 8, False)]),
    ]


def schools_and_associations():
    """The two cross-neighbourhood workshops that started Läxhjälp för alla and Föreningslyftet."""
    return [
        plan("workshop", "Workshop: Läxhjälp och studiero", at("2025-04-16", "15:00"), 150, "Kvarnängsskolan, aulan",
             "UTB", [K, S, E], ("UTB", "Utvecklingsledare"),
             roles=[(*PO_KS, "facilitator"), ("ULU", "Programansvarig", "speaker")],
             orgs=["SKK*2", "SKS", "SKE", "LAX*2", "STUD", "STIFT"],
             agenda="1. Vad behöver eleverna?\n2. Läxhjälp i dag\n3. Lärarstudenter som läxhjälpare",
             notes="Läxhjälpen utökas till tre skolor med lärarstudenter och stiftelsens stöd.",
             actions=[("LAX", "Verksamhetsledare", "Ta fram schema för läxhjälp på tre skolor.", 4)]),
        plan("workshop", "Workshop: Föreningslyftet", at("2025-05-13", "18:00"), 150,
             "Norrviks Volontärcentral, Storgatan 8", "KUF", [K, S, E], ("KUF", "Föreningskonsulent"),
             roles=[("VOL", "Verksamhetsledare", "speaker")], orgs=["STUD", "HGK", "SBFC", "SOMK", "BOX", "KIF"],
             agenda="1. Föreningarnas utmaningar\n2. Utbildning för styrelser\n3. Gemensam lokalbank",
             notes="Föreningarna vill ha styrelseutbildning och en gemensam lokalbank.",
             actions=[("KUF", "Föreningskonsulent", "Ta fram förslag på gemensam lokalbank.", 8)]),
        plan("workshop", "Föreningslyftet: styrelseutbildning", at("2025-10-08", "18:00"), 150,
             "Norrviks Volontärcentral, Storgatan 8", "STUD", [K, S, E], ("STUD", "Cirkelledare"),
             orgs=["HGK", "SOMK", "BOX", "VOL"],
             agenda="Styrelsens ansvar, ekonomi och att söka bidrag.",
             notes="Fyra föreningar gick utbildningen; fler vill gå våren 2026."),
        plan("workshop", "Föreningslyftet: styrelseutbildning våren 2026", at("2026-03-26", "18:00"), 150,
             "Norrviks Volontärcentral, Storgatan 8", "STUD", [E, B], ("STUD", "Cirkelledare"),
             orgs=["KIE", "HGB", "BFF", "VOL"],
             agenda="Styrelsens ansvar, ekonomi och att söka bidrag.",
             notes="Föreningar från Ekhöjden och Björkhagen deltog för första gången."),
    ]


def funders():
    """The county board's development funds: a meeting of the programme's leaders with the funder."""
    return [plan("interview", "Möte med Länsstyrelsen Västmark om utvecklingsmedel", at("2025-09-30", "10:00"), 90,
                 "Länsstyrelsen Västmark", "PO", [], ("PO", "Programchef"), roles=[("SJK", "Kommundirektör")],
                 orgs=["LST"], sure={"LST"}, agenda="Statens utvecklingsmedel 2026–2028 och hur programmet kan söka.",
                 notes="Programmet kan söka gemensamt för båda kommunerna; ansökan ska in i mars 2026.",
                 actions=[("PO", "Analytiker", "Ta fram underlag till ansökan om utvecklingsmedel.", 16)])]


def programme_meetings():
    return (funders() + steering_group() + working_committee() + programme_days() + research_network() + property_owners()
            + summer_jobs() + schools_and_associations())




"""The meetings held in Norrvik's five neighbourhoods, each with its own cluster of local actors.

What a steering group should find in them:

- Kvarnängen acts from April 2025: a standing coordination group, working groups, walks.
- Solbacka: the landlord Stenbacka and the tenants' association met every month about the
  renovation until January 2026, when the tenants left in protest; they have not met since
  (a dormant tie). Kvarnängens IF and Solbacka BK trained together in the football alliance
  until February 2026, when Solbacka BK's youth leader left (another).
- Ekhöjden: Kvinnor i Ekhöjden alone brings the faith communities and Hopp to the table (a lone
  broker in the neighbourhood's network).
- Strandparken: the logistics company and the school first met at the future workshop in
  September 2026, and now plan work experience together (a new cross-sector tie); no academic
  actor has come.
- Björkhagen: interviews, an information meeting, a future workshop, a new group.
"""
from .attendance import month_year, plan, rotation
from .programme_meetings import KVARNEN, PO_B, PO_EP, PO_KS
from .story import B, E, K, P, S, at, day

SOLBACKA_PLACE = "Träffpunkt Solbacka, Solbackavägen 4"
EKHOJDEN_PLACE = "Ekhöjdens centrum, lokal 4"
BJORKHAGEN_PLACE = "Familjecentralen Björkhagen, Björkvägen 2"
INTERVIEW_AGENDA = "Verksamheten i stadsdelen, behov som organisationen ser, intresse för samverkan."


def interviews(lead, neighbourhood, organiser, visits):
    """Mapping interviews: a process leader visits one organisation at a time."""
    return [plan("interview", f"Intervju: {name}", at(when, clock), 60, f"Hos {name}", organiser, [neighbourhood],
                 lead, orgs=[f"{alias}*2" if two else alias], agenda=INTERVIEW_AGENDA, sure={alias},
                 notes=f"Samtal om verksamheten i {neighbourhood}, vilka behov organisationen ser och vad den kan "
                       "bidra med.")
            for when, clock, alias, name, two in visits]


def walks(neighbourhood, organiser, lead, days, orgs, place, notes):
    return [plan("site_visit", f"Trygghetsvandring i {neighbourhood} {month_year(day(when))}", at(when, "19:00"), 120,
                 place, organiser, [neighbourhood], lead, orgs=orgs(when), notes=notes[i % len(notes)])
            for i, when in enumerate(days)]


# --- Kvarnängen ---------------------------------------------------------------------------------------

KVARNANGEN_GROUP = ["2025-05-21", "2025-06-18", "2025-08-27", "2025-10-08", "2025-11-19", "2026-01-28", "2026-03-11",
                    "2026-04-22", "2026-06-03", "2026-08-26", "2026-10-21", "2026-12-02"]


def kvarnangen():
    meetings = [
        plan("workshop", "Workshop: Handlingsplan Kvarnängen 2025", at("2025-03-19", "13:00"), 180, KVARNEN, "PO", [K],
             ("PO", "Programchef"), roles=[(*PO_KS, "facilitator"), ("ISF", "Forskare", "speaker")],
             orgs=["OBK*2", "NB", "KVS", "SKK", "HGK", "KIF", "UNGR*2", "SOC", "KUF", "POL", "LAX", "SOMK"],
             agenda="1. Vad har hänt sedan 2023?\n2. Tre prioriteringar för 2025\n3. Vem gör vad?",
             notes="Tre prioriteringar: trygga gårdar, lokala jobb och ungas fritid.",
             actions=[(*PO_KS, "Skriv ihop handlingsplanen till styrgruppen i april.", 3)]),
        plan("workshop", "Workshop: Ungas fritid i Kvarnängen", at("2025-06-05", "16:00"), 120, KVARNEN, "UNGR", [K],
             ("UNGR", "Ordförande"), roles=[("KUF", "Fritidsledare", "facilitator")],
             orgs=["UNGR*2", "KIF", "BOX", "SOC", "OBK", "HGK", "FORS", "SKK"],
             agenda="1. Vad saknar unga i Kvarnängen?\n2. Sommarlovet\n3. Hur når vi fler?",
             notes="Ungdomsrådet önskar längre öppettider på helger och fler tjejaktiviteter.",
             actions=[("KUF", "Fritidsledare", "Pröva helgöppet på fritidsgården under hösten.", 10)]),
        plan("information", "Informationsmöte: Mötesplats Kvarnen fyller fem år", at("2025-09-11", "17:00"), 120,
             KVARNEN, "OBK", [K], ("OBK", "Verksamhetsledare Mötesplats Kvarnen"),
             orgs=["HGK", "KIF", "BOX", "SOMK", "UNGR*2", "LIVS", "FORS", "NB"],
             agenda="Fem år av mötesplatsen, höstens program och hur föreningar bokar lokalen.",
             notes="Ett hundratal besökare; föreningarna vill ha fler kvällstider."),
        plan("coordination", "Överlämning: områdesbolaget samordnar Kvarnängen", at("2026-11-04", "10:00"), 90,
             KVARNEN, "OBK", [K], ("OBK", "VD"), roles=[("PO", "Programchef"), PO_KS],
             orgs=["NB", "KVS"], agenda="1. Vad områdesbolaget tar över\n2. Vad programkontoret fortsätter med",
             notes="Områdesbolaget kallar till samverkansgruppen från december; programkontoret finns kvar i "
                   "styrgruppen.",
             actions=[("OBK", "VD", "Skicka kallelse och mötesplan för 2027 till samverkansgruppen.", 3)]),
    ]
    for i, when in enumerate(KVARNANGEN_GROUP):
        handed_over = when >= "2026-11-01"
        meetings.append(plan(
            "coordination", f"Samverkansgruppen Kvarnängen {month_year(day(when))}", at(when, "13:00"), 120, KVARNEN,
            "OBK" if handed_over else "PO", [K], ("OBK", "VD") if handed_over else PO_KS,
            orgs=rotation(["OBK", "NB", "KVS", "SKK", "HGK", "SOC", "POL"], ["KIF", "UNGR", "LAX", "SOMK"], 1),
            agenda="1. Lägesbild\n2. Handlingsplanens insatser\n3. Åtaganden att följa upp",
            notes="Genomgång av handlingsplanens insatser: trygga gårdar, lokala jobb och ungas fritid.",
            actions=[("HGK", "Ordförande", "Samla boendes synpunkter på gårdsbelysningen.", 6)] if i == 1 else []))
    for when in ["2025-05-07", "2025-06-25", "2025-09-17", "2025-11-05", "2026-01-14", "2026-03-18"]:
        meetings.append(plan(
            "coordination", f"Arbetsgrupp Trygga gårdar {month_year(day(when))}", at(when, "10:00"), 90, KVARNEN,
            "OBK", [K], ("OBK", "Projektledare"), orgs=["KVS", "NB", "POL", "HGK", "VAKT"],
            agenda="Belysning, buskage och entréer på gårdarna.",
            notes="Gårdarna på Kvarnvägen är klara; Kvarnstenens gårdar står på tur."
            if when < "2026" else "Alla gårdar är klara; arbetsgruppen avslutas."))
    for when in ["2025-06-10", "2025-09-23", "2025-12-09", "2026-03-24", "2026-06-16", "2026-09-22", "2026-11-24"]:
        meetings.append(plan(
            "coordination", f"Kvarnängens jobbspår {month_year(day(when))}", at(when, "09:00"), 90, KVARNEN, "OBK", [K],
            ("OBK", "VD"), orgs=["AMF", "AF", "GLANS", "LIVS"] + (["BYGG"] if when[5:7] in ("03", "09") else []),
            agenda="Lokala anställningar, praktikplatser och matchning.",
            notes="Arbetsgivarna i jobbspåret har tillsammans anställt boende i Kvarnängen."))
    meetings += walks(K, "OBK", ("OBK", "Projektledare"), ["2025-04-24", "2025-10-23", "2026-04-23", "2026-10-22"],
                      lambda when: ["POL", "NB", "KVS", "HGK", "UNGR", "RTJ", "SOC"], "Samling vid Kvarnängstorget",
                      ["Mörka gångvägar mot skolan och en trasig grind vid parkeringen noterades.",
                       "Gårdarna upplevs tryggare; belysningen vid garaget behöver bytas."])
    for when in ["2025-03-12", "2025-06-11", "2025-09-10", "2025-12-10", "2026-01-21"]:
        meetings.append(plan(
            "coordination", f"Följeforskning Mötesplats Kvarnen {month_year(day(when))}", at(when, "14:00"), 90,
            KVARNEN, "ISF", [K], ("ISF", "Forskare"), orgs=["OBK", "USA"],
            agenda="Intervjuer med besökare, data från mötesplatsen och delrapport.",
            notes="Delresultat: mötesplatsen når unga och äldre men få i arbetsför ålder."))
    meetings += interviews(PO_KS, K, "PO", [
        ("2025-10-14", "18:00", "TAM", "Tamilska föreningen i Kvarnängen", False),
        ("2026-01-27", "10:00", "MISS", "Norrviks stadsmission", False),
    ])
    return meetings


# --- Solbacka -------------------------------------------------------------------------------------

SOLBACKA_GROUP = ["2025-06-11", "2025-09-03", "2025-10-22", "2025-12-03", "2026-01-28", "2026-03-25", "2026-05-13",
                  "2026-06-17", "2026-09-09", "2026-10-28", "2026-12-09"]
# The tenants' association left the renovation dialogue and the coordination group after this day.
TENANTS_LEFT = "2026-02-01"


def solbacka():
    meetings = interviews(PO_KS, S, "PO", [
        ("2025-01-21", "10:00", "SOMNAD", "Sömnadskollektivet i Solbacka ek. för.", False),
        ("2025-01-28", "13:00", "BAGERI", "Solbacka Bageri & Café", False),
        ("2025-02-11", "10:00", "ODL", "Stadsodlarna i Solbacka", False),
        ("2025-02-18", "14:30", "FNS", "Föräldranätverket Solbacka", True),
        ("2025-03-04", "13:00", "SKS", "Solbackaskolan", False),
        ("2025-03-25", "10:00", "FRIS", "Solbacka Frisör & Barber", False),
    ])
    meetings += [
        plan("information", "Informationsmöte: Renoveringen i Solbacka", at("2025-02-26", "18:00"), 90,
             "Solbackaskolan, aulan", "STB", [S], ("STB", "Kommunikationsansvarig"),
             roles=[("STB", "Förvaltare Solbacka", "speaker")], orgs=["HGS*2", "FNS", "ODL", PO_KS],
             agenda="Tidplan för renoveringen, evakuering och hyror efter renovering.",
             notes="Hyresgästföreningen efterfrågade bättre information om evakueringslägenheter.",
             actions=[("STB", "Kommunikationsansvarig", "Publicera frågor och svar om renoveringen.", 2)]),
        plan("workshop", "Framtidsverkstad Solbacka", at("2025-05-17", "10:00"), 240, "Solbackaskolan, matsalen", "PO",
             [S], ("PO", "Programchef"), roles=[(*PO_KS, "facilitator")],
             orgs=["STB", "OBS*2", "NB", "SKS", "HGS", "SBFC", "FNS", "ODL", "BAGERI", "SOMNAD", "SOC", "POL", "UKG"],
             agenda="1. Hur ser Solbacka ut 2030?\n2. Vad står i vägen?\n3. Vad kan vi göra redan i år?",
             notes="Otrygga stråk mot stationen och bristen på mötesplatser för unga var de tydligaste temana.",
             actions=[(*PO_KS, "Skicka sammanfattning till alla deltagare.", 2)], weekend=True),
        plan("information", "Informationsmöte: Träffpunkt Solbacka öppnar", at("2025-08-28", "17:00"), 120,
             SOLBACKA_PLACE, "OBS", [S], ("OBS", "Verksamhetsledare Träffpunkt Solbacka"),
             orgs=["HGS", "FNS", "ODL", "SOMNAD", "BAGERI", "SBFC"],
             agenda="Träffpunktens öppettider, föreningarnas bokningar och höstens program.",
             notes="Ett sjuttiotal besökare; föräldranätverket startar en läxhörna."),
        plan("workshop", "Workshop: Trygga stråk i Solbacka", at("2025-09-18", "17:30"), 150, SOLBACKA_PLACE, "SBK",
             [S], ("SBK", "Projektledare trygghet"),
             roles=[(*PO_KS, "facilitator"), ("UKG", "Universitetslektor", "speaker")],
             orgs=["POL*2", "STB", "NB", "OBS", "FNS*2", "HGS", "SBFC", "SKS", "VAKT", "BAGERI"],
             agenda="1. Boendes bild av otrygga platser\n2. Forskning om trygghet och belysning\n3. Prioriteringar",
             notes="Gångtunneln mot stationen och parkeringen vid Solbackavägen prioriteras.",
             actions=[("SBK", "Planarkitekt", "Ta fram skiss för ny belysning i gångtunneln.", 6),
                      ("STB", "Fastighetschef", "Se över buskage och belysning på gårdarna.", 6)]),
        plan("coordination", "Hyresgästmöte om hyrorna efter renoveringen", at("2026-04-09", "18:00"), 120,
             SOLBACKA_PLACE, "HGS", [S], ("HGS", "Ordförande"), orgs=["OBS", "FNS", PO_KS],
             agenda="Hyresförhandlingen, hyresnämnden och hur boende kan få stöd.",
             notes="Hyresgästföreningen har lämnat renoveringsdialogen och driver frågan i hyresnämnden."),
    ]
    for when in ["2025-03-19", "2025-04-16", "2025-05-21", "2025-06-18", "2025-08-20", "2025-09-17", "2025-10-15",
                 "2025-11-19", "2025-12-17", "2026-01-21"]:
        last = when == "2026-01-21"
        meetings.append(plan(
            "coordination", f"Renoveringsdialog Solbacka {month_year(day(when))}", at(when, "17:00"), 90,
            SOLBACKA_PLACE, "STB", [S], ("STB", "Förvaltare Solbacka"),
            roles=[("HGS", "Ordförande")], orgs=["HGS", PO_KS] + (["OBS"] if when >= "2025-04-10" else []),
            agenda="Etappindelning, evakuering och hyror efter renoveringen.",
            notes="Hyresgästföreningen lämnade dialogen efter beskedet om hyreshöjningarna."
            if last else "Stenbacka redogjorde för nästa etapp; hyresgästföreningen lämnade synpunkter."))
    for i, when in enumerate(SOLBACKA_GROUP):
        core = ["OBS", "STB", "NB", "SKS", "SOC", "POL"] + (["HGS"] if when < TENANTS_LEFT else [])
        meetings.append(plan(
            "coordination", f"Samverkansgruppen Solbacka {month_year(day(when))}", at(when, "13:00"), 120,
            SOLBACKA_PLACE, "PO", [S], PO_KS, orgs=rotation(core, ["FNS", "SBFC", "BAGERI", "SOMNAD"], 1),
            agenda="1. Lägesbild\n2. Trygga stråk\n3. Åtaganden att följa upp",
            notes="Hyresgästföreningen har meddelat att den inte deltar i samverkansgruppen tills vidare."
            if when == "2026-03-25" else "Genomgång av handlingsplanens insatser och trygghetsläget.",
            actions=[("OBS", "VD", "Bjud in hyresgästföreningen till ett eget samtal.", 3, False)]
            if when == "2026-03-25" else []))
    for when in ["2025-11-26", "2026-02-25", "2026-05-27", "2026-09-30"]:
        meetings.append(plan(
            "coordination", f"Arbetsgrupp Trygga stråk {month_year(day(when))}", at(when, "10:00"), 90, SOLBACKA_PLACE,
            "SBK", [S], ("SBK", "Projektledare trygghet"), orgs=["STB", "OBS", "POL", "UKG"],
            agenda="Belysningen i gångtunneln, gallring och vuxennärvaro.",
            notes="Belysningen i gångtunneln är klar; gallringen vid parkeringen pågår."))
    meetings += walks(S, "SBK", ("SBK", "Projektledare trygghet"), ["2025-10-09", "2026-04-16"],
                      lambda when: ["POL", "STB", "NB", "OBS", "FNS*2", "VAKT"] + (["HGS"] if when < TENANTS_LEFT
                                                                                     else []) + [PO_KS],
                      "Samling vid Solbacka station",
                      ["Tolv platser noterades; belysningen i gångtunneln är det mest akuta.",
                       "Gångtunneln upplevs tryggare; parkeringen vid Solbackavägen är kvar på listan."])
    return meetings


def football_alliance():
    """Kvarnängens IF and Solbacka BK trained their youth teams together until February 2026."""
    days = ["2025-01-22", "2025-03-05", "2025-04-23", "2025-06-04", "2025-08-20", "2025-10-01", "2025-11-12",
            "2026-01-14", "2026-02-18"]
    return [plan(
        "coordination", f"Fotbollsalliansen Kvarnängen–Solbacka {month_year(day(when))}", at(when, "18:00"), 90,
        "Kvarnängens IP, klubbstugan", "KIF", [K, S], ("KIF", "Ungdomsansvarig"), roles=[("SBFC", "Ungdomsansvarig")],
        orgs=["KUF"] if when[5:7] in ("01", "08") else [],
        agenda="Gemensamma träningar, domare och lovaktiviteter.",
        notes="Solbacka BK:s ungdomsansvarige slutar; alliansen vilar tills en efterträdare finns."
        if when == "2026-02-18" else "Lagen stämde av träningstider och lovaktiviteter.") for when in days]


# --- Ekhöjden ------------------------------------------------------------------------------------

def ekhojden():
    meetings = interviews(PO_EP, E, "PO", [
        ("2025-08-26", "10:00", "EKF", "Ekhöjden Fastigheter AB", False),
        ("2025-09-02", "13:00", "KIE", "Kvinnor i Ekhöjden", True),
        ("2025-09-16", "18:00", "NATT", "Nattvandrarna i Ekhöjden", False),
        ("2025-09-23", "14:30", "SKE", "Ekhöjdens skola", False),
        ("2025-10-07", "17:00", "BOX", "Norrviks Boxningsklubb", False),
        ("2025-10-21", "10:00", "NVARME", "Nordvärme Norrvik AB", False),
        ("2025-11-18", "14:30", "PIZZA", "Ekhöjdens Pizzeria & Grill", False),
    ])
    for when in ["2025-10-16", "2026-01-22", "2026-04-16", "2026-09-10", "2026-11-26"]:
        meetings.append(plan(
            "coordination", f"Dialogkväll i Ekhöjden {month_year(day(when))}", at(when, "18:00"), 120,
            "Ekhöjdens skola, matsalen", "KIE", [E], ("KIE", "Ordförande"),
            orgs=["KIE", "ISL*2", "SEFR", "HOPP"] + (["FORS"] if when >= "2026-04-01" else []),
            agenda="Vad händer i Ekhöjden, och vad vill föreningarna ta med till programmet?",
            notes="Kvinnor i Ekhöjden för föreningarnas synpunkter vidare till programkontoret."))
    meetings += [
        plan("workshop", "Framtidsverkstad Ekhöjden", at("2026-03-07", "10:00"), 240, "Ekhöjdens skola, matsalen",
             "PO", [E], PO_EP, roles=[("PO", "Kommunikatör", "facilitator")],
             orgs=["KIE*2", "EKF*2", "SKE*2", "NATT", "NVARME", "KUF", "SOC", "POL", "UKG", "OBK"],
             agenda="1. Hur ser Ekhöjden ut 2030?\n2. Vad står i vägen?\n3. Vad kan vi göra redan i år?",
             notes="Bristen på mötesplatser sedan fritidsgården stängde var det tydligaste temat.",
             actions=[(*PO_EP, "Skicka sammanfattning till alla deltagare.", 2),
                      ("KIE", "Ordförande", "Ta fram förslag på lokal för en mötesplats.", 6)], weekend=True),
        plan("workshop", "Workshop: Mötesplats Ekhöjden", at("2026-04-23", "17:00"), 150, "Ekhöjdens skola, matsalen",
             "KIE", [E], ("KIE", "Ordförande"), roles=[(*PO_EP, "facilitator"), ("OBK", "VD", "speaker")],
             orgs=["EKF*2", "KUF", "STUD", "NVARME"],
             agenda="1. Lokalen i Ekhöjdens centrum\n2. Drift och öppettider\n3. Vem gör vad?",
             notes="Ekhöjden Fastigheter erbjuder lokalen i centrum; områdesbolaget i Kvarnängen hjälper till med "
                   "driften.",
             actions=[("EKF", "VD", "Ta fram hyresavtal för lokalen i Ekhöjdens centrum.", 4),
                      ("KIE", "Ordförande", "Samla föreningarnas schema för mötesplatsen.", 6)]),
        plan("information", "Informationsmöte: Mötesplats Ekhöjden öppnar", at("2026-12-10", "18:00"), 90,
             EKHOJDEN_PLACE, "KIE", [E], ("KIE", "Ordförande"), roles=[("EKF", "VD", "speaker")],
             orgs=["ISL", "SEFR", "HOPP", "NATT", "KUF", "SKE", "OBK", PO_EP],
             agenda="Presentation av mötesplatsen, öppettider och hur föreningar bokar lokalen."),
    ]
    for when in ["2026-05-20", "2026-06-17", "2026-08-26", "2026-10-07", "2026-11-18"]:
        meetings.append(plan(
            "coordination", f"Arbetsgrupp Mötesplats Ekhöjden {month_year(day(when))}", at(when, "16:00"), 90,
            EKHOJDEN_PLACE, "KIE", [E], ("KIE", "+Verksamhetsledare"), orgs=["EKF", "OBK", "KUF"],
            agenda="Ombyggnad, möblering, schema och driftavtal.",
            notes="Ombyggnaden följer tidplanen; mötesplatsen öppnar i december."))
    meetings += walks(E, "SOC", ("SOC", "Fältassistent Ekhöjden"), ["2026-05-21"],
                      lambda when: ["POL", "EKF", "KIE", "NATT*2", "RTJ", PO_EP], "Samling vid Ekhöjdens centrum",
                      ["Nedsläckta entréer och en öde parkering mot skogen noterades."])
    for when in ["2026-09-30", "2026-11-11", "2026-12-16"]:
        meetings.append(plan(
            "coordination", f"Samverkansgruppen Ekhöjden {month_year(day(when))}", at(when, "13:00"), 120,
            EKHOJDEN_PLACE if when > "2026-12-01" else "Ekhöjdens skola, konferensrummet", "PO", [E], PO_EP,
            orgs=["KIE", "EKF", "OBK", "SKE", "KUF", "SOC", "POL", "NATT"],
            agenda="1. Mötesplatsens öppning\n2. Trygghetsvandringens åtgärder\n3. Åtaganden",
            notes="Samverkansgruppen följer planen för Mötesplats Ekhöjden."))
    return meetings


# --- Strandparken -----------------------------------------------------------------------------------

def strandparken():
    meetings = [
        plan("information", "Informationsmöte: Programmet kommer till Strandparken", at("2026-02-19", "18:00"), 90,
             "Strandparksskolan, aulan", "PO", [P], PO_EP, roles=[("PO", "Programchef", "speaker")],
             orgs=["SGB", "PENS*2", "BAT", "PINGST", "SKP", "POL"],
             agenda="Vad programmet för socialt hållbara stadsdelar är och hur boende kan delta.",
             notes="Ett fyrtiotal boende kom; många frågor om hamnområdets framtid."),
    ]
    meetings += interviews(PO_EP, P, "PO", [
        ("2026-02-26", "10:00", "SGB", "Strandgården Bostad AB", False),
        ("2026-03-03", "13:00", "HAMN", "Hamnkvarterets Logistik AB", False),
        ("2026-03-10", "14:30", "PENS", "Pensionärsföreningen Strandparken", True),
        ("2026-03-17", "18:00", "BAT", "Strandparkens båtklubb", False),
        ("2026-03-24", "10:00", "SKP", "Strandparksskolan", False),
        ("2026-04-07", "13:00", "PINGST", "Pingstkyrkan Norrvik", False),
        ("2026-04-14", "10:00", "MAR", "Marinan Strandparken AB", False),
        ("2026-04-21", "18:00", "BRF", "Brf Fyren i Strandparken", False),
    ])
    meetings += walks(P, "SBK", ("SBK", "Projektledare trygghet"), ["2026-05-20"],
                      lambda when: ["POL", "SGB", "PENS", "BAT", "MAR", PO_EP], "Samling vid hamnpiren",
                      ["Hamnpromenaden saknar belysning norr om piren."])
    meetings += [
        # The future workshop where the logistics company and the school met for the first time.
        plan("workshop", "Framtidsverkstad Strandparken", at("2026-09-26", "10:00"), 240,
             "Strandparksskolan, matsalen", "PO", [P], PO_EP, roles=[("PO", "Kommunikatör", "facilitator")],
             orgs=["SGB*2", "HAMN", "PENS*2", "BAT", "PINGST", "SKP*2", "SBK", "AMF", "POL"],
             agenda="1. Hur ser Strandparken ut 2030?\n2. Vad saknas i dag?\n3. Nästa steg",
             notes="Boende efterfrågar mötesplatser över generationsgränser och tryggare hamnpromenad; "
                   "Hamnkvarteret och skolan vill ordna prao tillsammans.",
             actions=[(*PO_EP, "Skicka sammanfattning och bjud in till uppföljning.", 2)], weekend=True,
             sure={"HAMN", "SKP"}),
        plan("coordination", "Planering av prao på Hamnkvarteret", at("2026-10-21", "14:00"), 90,
             "Hamnkvarterets Logistik AB, terminal 2", "HAMN", [P], ("HAMN", "HR-ansvarig"),
             roles=[("SKP", "Studie- och yrkesvägledare"), PO_EP], orgs=["AMF"],
             agenda="Hur många elever, vilka veckor, handledare och skyddsregler.",
             notes="Tolv elever i årskurs 8 gör prao på terminalen under vecka 11.",
             actions=[("SKP", "Studie- och yrkesvägledare", "Skicka elevlistan till Hamnkvarteret.", 4)]),
        plan("coordination", "Uppföljning: prao på Hamnkvarteret", at("2026-11-25", "14:00"), 60,
             "Strandparksskolan, konferensrummet", "SKP", [P], ("SKP", "Studie- och yrkesvägledare"),
             orgs=["HAMN"], agenda="Handledare och introduktion inför vecka 11.",
             notes="Handledarna är utsedda; introduktionen hålls i februari."),
        plan("information", "Informationsmöte: Vad hände på framtidsverkstaden?", at("2026-12-15", "18:00"), 90,
             "Strandparksskolan, aulan", "PO", [P], PO_EP, orgs=["SGB", "PENS", "BAT", "PINGST", "SKP", "HAMN"],
             agenda="Förslagen från framtidsverkstaden och hur arbetet går vidare."),
    ]
    return meetings


# --- Björkhagen -------------------------------------------------------------------------------------

def bjorkhagen():
    meetings = interviews(PO_B, B, "PO", [
        ("2025-10-14", "10:00", "BJF", "Björkhagens Fastighets AB", False),
        ("2025-10-28", "18:00", "HGB", "Hyresgästföreningen Björkhagen", False),
        ("2025-11-11", "13:00", "SKB", "Björkhagsskolan", False),
        ("2025-11-25", "10:00", "FCB", "Region Västmark, familjecentralen Björkhagen", False),
        ("2026-01-20", "18:00", "BFF", "Björkhagens FF", False),
        ("2026-02-03", "18:00", "GSB", "Grannsamverkan Björkhagen", False),
        ("2026-02-17", "10:00", "BBS", "Björkhagens Bilservice AB", False),
        ("2026-03-03", "14:00", "SPF", "Björkhagens pensionärsförening", False),
    ])
    meetings += [
        plan("information", "Informationsmöte: Programmet kommer till Björkhagen", at("2025-11-13", "18:00"), 90,
             BJORKHAGEN_PLACE, "PO", [B], PO_B, roles=[("PO", "Programchef", "speaker")],
             orgs=["NB", "BJF", "HGB", "FCB", "SKB", "POL"],
             agenda="Vad programmet är, hur kartläggningen går till och hur boende kan delta.",
             notes="Ett trettiotal boende kom; trafiken vid skolan och ensamheten bland äldre togs upp."),
        plan("workshop", "Framtidsverkstad Björkhagen", at("2026-05-30", "10:00"), 240, "Björkhagsskolan, matsalen",
             "PO", [B], PO_B, roles=[("PO", "Kommunikatör", "facilitator")],
             orgs=["NB", "BJF", "HGB*2", "BFF", "GSB", "SKB", "FCB", "KUF", "USV"],
             agenda="1. Hur ser Björkhagen ut 2030?\n2. Vad står i vägen?\n3. Tre frågor att börja med",
             notes="Tre frågor prioriterades: aktiva lov för barn, mötesplats för äldre och trafiken vid skolan.",
             actions=[(PO_B[0], PO_B[1], "Skicka sammanfattning och förslag på samverkansgrupp.", 2)], weekend=True),
    ]
    for when in ["2026-09-02", "2026-11-04"]:
        meetings.append(plan(
            "coordination", f"Samverkansgruppen Björkhagen {month_year(day(when))}", at(when, "13:00"), 120,
            BJORKHAGEN_PLACE, "PO", [B], PO_B, orgs=["NB", "BJF", "HGB", "SKB", "FCB", "USV", "KUF"],
            agenda="1. Aktiva lov\n2. Mötesplats för äldre\n3. Trafiken vid skolan",
            notes="Samverkansgruppen tar fram en plan för aktiva lov till sportlovet 2027."))
    return meetings


def norrvik_meetings():
    return kvarnangen() + solbacka() + football_alliance() + ekhojden() + strandparken() + bjorkhagen()

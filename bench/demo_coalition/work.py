"""Initiatives born in workshops, and the commitments organisations made, alone or jointly.

Each commitment is one line of the table below: where it was made (a meeting's title, or a
date), its parties, kind, amount and unit, what was promised, its initiative, its due date,
and its history after the status it was made with. A history reads
``"agreed 2025-03-11; in_progress 2025-06-15; delivered 2025-08-14: Alla platser tillsatta."``:
each step a status and a date, a comment after a colon (withdrawals and reopenings need one).
Open commitments past their due date are the overdue ones the follow-up list shows.
"""
import re
from datetime import date

from .actors import NAME
from .story import TODAY, B, E, G, K, M, P, S, day


def initiative(name, status, lead, origin, started_on, hoods, participants, description):
    return dict(name=name, status=status, lead=lead, origin_meeting=origin, started_on=started_on,
                neighbourhoods=list(hoods), participants=list(participants), description=description)


INITIATIVES = [
    initiative("Sommarjobb 2025", "completed", "AMF", "Workshop: Sommarjobb 2025", "2025-03-01", [K, S],
               ["AMF", "AF", "NB", "OBK", "KVS", "BYGG"],
               "Sommarjobb i fyra veckor för unga 16–19 år i Kvarnängen och Solbacka. 52 ungdomar fick jobb."),
    initiative("Sommarjobb 2026", "completed", "AMF", "Workshop: Sommarjobb 2026", "2026-03-01", [K, S],
               ["AMF", "AF", "NB", "OBK", "OBS", "BYGG", "STB"],
               "Sommarjobb i fyra veckor för unga 16–19 år, nu med arbetsgivare även i Solbacka. 64 ungdomar fick jobb."),
    initiative("Läxhjälp för alla", "active", "LAX", "Workshop: Läxhjälp och studiero", "2025-08-18", [K, S, E],
               ["LAX", "UTB", "SKK", "SKS", "SKE", "ULU"],
               "Läxhjälp fyra eftermiddagar i veckan på tre skolor, med lärarstudenter och volontärer."),
    initiative("Föreningslyftet", "active", "KUF", "Workshop: Föreningslyftet", "2025-06-01", [K, S, E, B],
               ["KUF", "VOL", "STUD"],
               "Styrelseutbildning och en gemensam lokalbank för föreningarna i programmets stadsdelar."),
    initiative("Trygga gårdar Kvarnängen", "completed", "OBK", "Workshop: Handlingsplan Kvarnängen 2025", "2025-04-15",
               [K], ["OBK", "KVS", "NB", "POL", "HGK"],
               "Belysning, gallring och låsbara entréer på gårdarna i Kvarnängen, prioriterade av de boende."),
    initiative("Kvarnängens jobbspår", "active", "OBK", "Workshop: Handlingsplan Kvarnängen 2025", "2025-05-01", [K],
               ["OBK", "AMF", "AF", "GLANS", "LIVS"],
               "Lokala anställningar och praktik hos arbetsgivarna i Kvarnängen, med matchning via områdesbolaget."),
    initiative("Fotbollsalliansen Kvarnängen–Solbacka", "closed", "KIF", None, "2025-01-22", [K, S], ["KIF", "SBFC"],
               "Gemensamma ungdomslag och lovaktiviteter för Kvarnängens IF och Solbacka BK. Vilar sedan mars 2026."),
    initiative("Trygga stråk Solbacka", "active", "SBK", "Workshop: Trygga stråk i Solbacka", "2025-11-12", [S],
               ["SBK", "STB", "OBS", "POL", "UKG", "FNS"],
               "Belysning, gallring och mer vuxennärvaro längs stråken mellan bostäderna och Solbacka station."),
    initiative("Ett levande Granlunda torg", "active", "SJK", "Workshop: Granlunda torg", "2025-06-01", [G],
               ["SJK", "GTH", "SJB", "HGG", "KFG"],
               "Torgdagar varje månad, bättre belysning och en kvarterslokal vid Granlunda torg."),
    initiative("Språkcafé Granlunda", "paused", "KFG", "Framtidsverkstad Granlunda", "2025-06-25", [G],
               ["KFG", "GRF", "SJF", "ERI"],
               "Språkträning för vuxna två kvällar i veckan. Uppehåll sedan lokalen sades upp i februari 2026."),
    initiative("Mötesplats Ekhöjden", "active", "KIE", "Workshop: Mötesplats Ekhöjden", "2026-05-01", [E],
               ["KIE", "EKF", "OBK", "KUF"],
               "En mötesplats i Ekhöjdens centrum som föreningarna driver tillsammans, med stöd av områdesbolaget i "
               "Kvarnängen. Öppnar i december 2026."),
    initiative("Strandparken framåt", "active", "PO", "Informationsmöte: Programmet kommer till Strandparken",
               "2026-03-01", [P], ["PO", "SGB", "PENS"],
               "Kartläggning och boendedialog i Strandparken, med förslag till handlingsplan 2027."),
    initiative("Hamnjobb för unga", "active", "HAMN", "Framtidsverkstad Strandparken", "2026-10-21", [P],
               ["HAMN", "SKP", "AMF"],
               "Prao, feriejobb och en kort lagerutbildning på Hamnkvarteret för unga i Strandparken."),
    initiative("Aktiva lov i Björkhagen", "proposed", "KUF", "Framtidsverkstad Björkhagen", None, [B],
               ["KUF", "BFF", "SKB"],
               "Gratis aktiviteter för barn på sport-, påsk- och sommarlov, med föreningarna och skolan."),
]


def commitment(hood, made, parties, kind, amount, unit, description, initiative=None, due=None, history="",
               status="proposed"):
    """One commitment; `made` is a meeting's title or a date, `unit` "sek", "hours", "square_metres" or a count label."""
    return dict(neighbourhood=hood, made=made, parties=parties.split(), kind=kind, amount=amount, unit=unit,
                description=description, initiative=initiative, due=due, history=history, status=status)


# A step starts with a status and a date; a comment may itself hold "; ".
STEP = re.compile(r"; (?=(?:proposed|agreed|in_progress|delivered|withdrawn|lapsed) \d)")
SJ25, SJ26 = "Workshop: Sommarjobb 2025", "Workshop: Sommarjobb 2026"
C = commitment
COMMITMENTS = [
    # --- Summer jobs in Kvarnängen and Solbacka -----------------------------------------------------
    C(K, SJ25, "NB", "in_kind", 20, "sommarjobb", "20 sommarjobb för unga i Kvarnängen och Solbacka 2025",
      "Sommarjobb 2025", "2025-08-31", "agreed 2025-02-26; in_progress 2025-06-16; delivered 2025-08-15"),
    C(K, SJ25, "KVS OBK", "in_kind", 10, "sommarjobb", "10 sommarjobb i utemiljön kring Kvarnängstorget 2025",
      "Sommarjobb 2025", "2025-08-31", "agreed 2025-03-05; in_progress 2025-06-16; delivered 2025-08-15"),
    C(S, SJ25, "BYGG", "in_kind", 6, "sommarjobb", "6 sommarjobb på byggarbetsplatser med handledare 2025",
      "Sommarjobb 2025", "2025-08-31", "agreed 2025-03-03; delivered 2025-08-15"),
    C(K, SJ25, "AMF", "funding", 950000, "sek", "Lönemedel för sommarjobb hos föreningar 2025", "Sommarjobb 2025",
      "2025-09-30", "agreed 2025-04-09: Ryms i nämndens budget för feriejobb.; delivered 2025-09-26"),
    C(S, SJ25, "AF", "staff_time", 100, "hours", "Matchning av sökande till sommarjobben 2025", "Sommarjobb 2025",
      "2025-06-15", "agreed 2025-03-05; delivered 2025-06-13"),
    C(K, SJ26, "NB", "in_kind", 25, "sommarjobb", "25 sommarjobb för unga i Kvarnängen och Solbacka 2026",
      "Sommarjobb 2026", "2026-08-31", "agreed 2026-03-11: Bekräftat i styrgruppen.; in_progress 2026-06-15; "
      "delivered 2026-08-14: Alla 25 platser tillsatta."),
    C(K, SJ26, "KVS OBK", "in_kind", 12, "sommarjobb", "12 sommarjobb i utemiljön kring Kvarnängstorget 2026",
      "Sommarjobb 2026", "2026-08-31", "agreed 2026-05-05: Bekräftat i fastighetsägarnätverket.; "
      "in_progress 2026-06-15; delivered 2026-08-14"),
    C(S, SJ26, "OBS STB", "in_kind", 8, "sommarjobb", "8 sommarjobb på gårdarna i Solbacka 2026", "Sommarjobb 2026",
      "2026-08-31", "agreed 2026-03-25; in_progress 2026-06-15; delivered 2026-08-14"),
    C(S, SJ26, "BYGG", "in_kind", 8, "sommarjobb", "8 sommarjobb på byggarbetsplatser med handledare 2026",
      "Sommarjobb 2026", "2026-08-31", "agreed 2026-03-02; in_progress 2026-06-22; delivered 2026-08-14"),
    C(K, SJ26, "AMF", "funding", 1200000, "sek", "Lönemedel för sommarjobb hos föreningar 2026", "Sommarjobb 2026",
      "2026-09-30", "agreed 2026-03-11: Ryms i nämndens budget för feriejobb.; in_progress 2026-06-15; "
      "delivered 2026-09-25: Slutredovisat; 19 föreningsjobb."),
    C(K, "2026-02-20", "SPB", "funding", 60000, "sek", "Handledarutbildning för arbetsgivare med sommarjobbare",
      "Sommarjobb 2026", "2026-06-01", "agreed 2026-02-20; delivered 2026-06-05"),
    C(S, SJ26, "AF AMF", "staff_time", 160, "hours", "Matchning av sökande till sommarjobben 2026", "Sommarjobb 2026",
      "2026-06-15", "agreed 2026-03-11; in_progress 2026-04-28; delivered 2026-06-12"),
    C(K, SJ26, "GLANS", "in_kind", 4, "sommarjobb", "4 sommarjobb inom städ och fastighetsservice 2026",
      "Sommarjobb 2026", "2026-08-31", "withdrawn 2026-05-20: Företaget kunde inte ordna handledning i sommar."),
    C(K, "Workshop: Uppföljning av sommarjobben 2026", "BYGG", "in_kind", 10, "sommarjobb",
      "10 sommarjobb på byggarbetsplatser 2027", None, "2027-08-31"),
    # --- Kvarnängen: the action plan ---------------------------------------------------------------------
    C(K, "Workshop: Handlingsplan Kvarnängen 2025", "OBK", "staff_time", 800, "hours",
      "Samordning av handlingsplanen i Kvarnängen 2025–2026", None, "2026-12-31",
      "agreed 2025-04-09; in_progress 2025-04-15"),
    C(K, "Workshop: Handlingsplan Kvarnängen 2025", "KVS NB", "social_investment", 2400000, "sek",
      "Belysning och låsbara entréer på gårdarna i Kvarnängen", "Trygga gårdar Kvarnängen", "2026-03-31",
      "agreed 2025-04-09; in_progress 2025-06-02; delivered 2026-03-18: Alla gårdar klara."),
    C(K, "Arbetsgrupp Trygga gårdar maj 2025", "POL", "staff_time", 120, "hours",
      "Områdespolisens kvällsnärvaro på gårdarna under sommaren 2025", "Trygga gårdar Kvarnängen", "2025-09-30",
      "agreed 2025-05-07; delivered 2025-09-30"),
    C(K, "Arbetsgrupp Trygga gårdar maj 2025", "HGK", "staff_time", 200, "hours",
      "Boendes trygghetsvandringar och gårdsråd", "Trygga gårdar Kvarnängen", "2026-03-31",
      "agreed 2025-05-07; in_progress 2025-06-01; delivered 2026-03-18"),
    C(K, "Kvarnängens jobbspår juni 2025", "GLANS LIVS", "in_kind", 6, "anställningar",
      "6 lokala anställningar av boende i Kvarnängen", "Kvarnängens jobbspår", "2026-06-30",
      "agreed 2025-06-10; in_progress 2025-09-23; delivered 2026-06-16: Fem anställda hos Glansen, en hos Livs."),
    C(K, "Kvarnängens jobbspår juni 2025", "AF", "staff_time", 240, "hours",
      "Arbetsförmedlare på plats på Mötesplats Kvarnen en dag i veckan", "Kvarnängens jobbspår", "2026-06-30",
      "agreed 2025-06-10; in_progress 2025-08-18; delivered 2026-06-30"),
    C(K, "Kvarnängens jobbspår december 2025", "AMF OBK", "funding", 850000, "sek",
      "Lönestöd för tio boende i praktik hos områdesbolaget 2026", "Kvarnängens jobbspår", "2026-12-31",
      "agreed 2025-12-09; in_progress 2026-01-12"),
    C(K, "Kvarnängens jobbspår september 2026", "BYGG", "in_kind", 4, "praktikplatser",
      "4 praktikplatser på byggen för boende i Kvarnängen 2027", "Kvarnängens jobbspår", "2027-06-30",
      "agreed 2026-10-01"),
    C(K, "Workshop: Ungas fritid i Kvarnängen", "KUF", "funding", 420000, "sek",
      "Helgöppen fritidsgård i Kvarnängen hösten 2025", None, "2025-12-31",
      "agreed 2025-06-18; in_progress 2025-08-30; delivered 2025-12-20"),
    C(K, "Workshop: Ungas fritid i Kvarnängen", "KIF BOX", "staff_time", 300, "hours",
      "Tjejträningar och öppen boxning på fredagskvällar", None, "2026-06-30",
      "agreed 2025-06-18; in_progress 2025-08-22; delivered 2026-06-12"),
    C(K, "Workshop: Ungas fritid i Kvarnängen", "UNGR", "policy_change", None, None,
      "Ungdomsrådet yttrar sig över fritidsgårdens öppettider varje termin", None, "2025-12-31",
      "agreed 2025-08-27; delivered 2025-11-19"),
    C(K, "Samverkansgruppen Kvarnängen oktober 2025", "NB", "premises", 120, "square_metres",
      "Lokal för läxhjälp och föreningar i Kvarnvägen 8", None, "2026-01-31",
      "agreed 2025-11-19; delivered 2026-01-28"),
    C(K, "Samverkansgruppen Kvarnängen april 2026", "KVS", "social_investment", 1500000, "sek",
      "Upprustning av lekplatsen och utegymmet vid Kvarnängstorget", None, "2026-10-31",
      "agreed 2026-06-03; in_progress 2026-08-10"),
    C(K, "Samverkansgruppen Kvarnängen juni 2026", "SKK", "premises", 200, "square_metres",
      "Skolans idrottshall öppen för föreningar på lördagar", None, "2026-08-31",
      "agreed 2026-06-03; delivered 2026-08-22"),
    C(K, "Samverkansgruppen Kvarnängen oktober 2026", "OBK", "staff_time", 1200, "hours",
      "Områdesbolaget samordnar samverkansgruppen i Kvarnängen 2027", None, "2027-12-31",
      "agreed 2026-11-04"),
    C(K, "Följeforskning Mötesplats Kvarnen mars 2025", "ISF USA", "staff_time", 400, "hours",
      "Följeforskning om Mötesplats Kvarnens besökare", None, "2026-01-31",
      "agreed 2025-03-12; in_progress 2025-04-01; delivered 2026-01-21: Slutrapporten presenterad."),
    C(K, "2025-10-08", "SPB", "funding", 150000, "sek",
      "Bidrag till Mötesplats Kvarnens kvällsöppna verksamhet 2026", None, "2026-12-31",
      "agreed 2025-10-08; in_progress 2026-01-15"),
    # --- Solbacka -----------------------------------------------------------------------------------------
    C(S, "Informationsmöte: Renoveringen i Solbacka", "STB", "in_kind", 40, "evakueringslägenheter",
      "Evakueringslägenheter i Solbacka under renoveringen", None, "2025-12-31",
      "agreed 2025-03-19; in_progress 2025-05-01; delivered 2025-12-17"),
    C(S, "Renoveringsdialog Solbacka maj 2025", "HGS", "staff_time", 80, "hours",
      "Boendeenkät om behoven efter renoveringen", None, "2025-10-31",
      "agreed 2025-05-21; lapsed 2026-01-21: Hyresgästföreningen lämnade dialogen."),
    C(S, "Framtidsverkstad Solbacka", "OBS", "premises", 180, "square_metres", "Lokal för Träffpunkt Solbacka",
      None, "2025-08-31", "agreed 2025-06-11; in_progress 2025-06-20; delivered 2025-08-28"),
    C(S, "Framtidsverkstad Solbacka", "FNS", "staff_time", 150, "hours", "Läxhörna på Träffpunkt Solbacka",
      None, "2026-06-30", "agreed 2025-08-28; in_progress 2025-09-01; delivered 2026-06-17"),
    C(S, "Framtidsverkstad Solbacka", "SOMNAD", "in_kind", 6, "platser i arbetsträning",
      "Arbetsträning för sex boende i Sömnadskollektivet", None, "2026-06-30",
      "agreed 2025-09-03; in_progress 2026-01-07"),
    C(S, "Workshop: Trygga stråk i Solbacka", "SBK", "social_investment", 1800000, "sek",
      "Ny belysning i gångtunneln och längs stråket mot Solbacka station", "Trygga stråk Solbacka", "2026-06-30",
      "agreed 2025-11-12; in_progress 2026-01-20; delivered 2026-05-27"),
    C(S, "Workshop: Trygga stråk i Solbacka", "STB", "social_investment", 650000, "sek",
      "Gallring och belysning på Stenbackas gårdar mot stationen", "Trygga stråk Solbacka", "2026-06-30",
      "agreed 2025-11-12; in_progress 2026-03-02"),
    C(S, "Workshop: Trygga stråk i Solbacka", "UKG", "staff_time", 160, "hours",
      "Före- och eftermätning av trygghet längs stråken", "Trygga stråk Solbacka", "2026-10-31",
      "agreed 2025-11-26; in_progress 2026-02-25"),
    C(S, "Workshop: Trygga stråk i Solbacka", "POL VAKT", "staff_time", 260, "hours",
      "Kvällsnärvaro längs stråket under vinterhalvåret", "Trygga stråk Solbacka", "2026-03-31",
      "agreed 2025-12-03; in_progress 2025-12-08; delivered 2026-03-31"),
    C(S, "Samverkansgruppen Solbacka december 2025", "SBFC", "staff_time", 120, "hours",
      "Öppen fotboll på Solbacka IP på fredagskvällar", None, "2026-06-30",
      "agreed 2025-12-03; withdrawn 2026-03-25: Ledaren slutade och ingen ersättare finns."),
    C(S, "Samverkansgruppen Solbacka maj 2026", "OBS", "funding", 300000, "sek",
      "Träffpunkt Solbackas kvällsöppna verksamhet 2026", None, "2026-12-31",
      "agreed 2026-05-13; in_progress 2026-06-01"),
    C(S, "Samverkansgruppen Solbacka september 2026", "NB", "social_investment", 900000, "sek",
      "Trygghetsbelysning i Norrviks Bostäders bestånd i Solbacka", None, "2027-03-31", "agreed 2026-10-28"),
    C(S, "Samverkansgruppen Solbacka oktober 2026", "SKS BAGERI", "in_kind", 6, "praoplatser",
      "Prao på bageriet för elever i åk 8", None, "2027-04-30"),
    # --- Football alliance (Kvarnängen and Solbacka) -----------------------------------------------------
    C(K, "Fotbollsalliansen Kvarnängen–Solbacka april 2025", "KIF SBFC", "staff_time", 180, "hours",
      "Gemensam fotbollsskola sommaren 2025", "Fotbollsalliansen Kvarnängen–Solbacka", "2025-08-15",
      "agreed 2025-04-23; delivered 2025-08-15"),
    C(S, "Fotbollsalliansen Kvarnängen–Solbacka november 2025", "KIF SBFC", "staff_time", 120, "hours",
      "Gemensamt sportlovsläger 2026", "Fotbollsalliansen Kvarnängen–Solbacka", "2026-02-28",
      "agreed 2025-11-12; delivered 2026-02-27"),
    # --- Programme-wide: schools, associations, research --------------------------------------------------
    C(K, "Workshop: Läxhjälp och studiero", "STIFT", "funding", 1800000, "sek",
      "Verksamhetsbidrag till Läxhjälpen 2025–2027", "Läxhjälp för alla", "2027-12-31",
      "agreed 2025-05-15; in_progress 2025-08-18"),
    C(K, "Workshop: Läxhjälp och studiero", "ULU LAX", "staff_time", 900, "hours",
      "Lärarstudenter som läxhjälpare på tre skolor", "Läxhjälp för alla", "2026-06-30",
      "agreed 2025-06-01; in_progress 2025-08-18; delivered 2026-06-12"),
    C(E, "2025-04-30", "FORS", "premises", 90, "square_metres",
      "Församlingshemmet för läxhjälp på lördagar", "Läxhjälp för alla", "2025-09-30",
      "agreed 2025-04-30; delivered 2025-09-06"),
    C(S, "Workshop: Läxhjälp och studiero", "UTB", "policy_change", None, None,
      "Läxhjälp räknas in i skolornas plan för studiero", "Läxhjälp för alla", "2025-12-31",
      "agreed 2025-06-11; delivered 2025-11-30"),
    C(None, "Workshop: Föreningslyftet", "STUD", "staff_time", 312.5, "hours",
      "Cirkelledare för föreningarnas styrelseutbildning", "Föreningslyftet", "2026-06-30",
      "agreed 2025-06-01; in_progress 2025-10-08; delivered 2026-03-26"),
    C(None, "Workshop: Föreningslyftet", "KUF", "policy_change", None, None,
      "Gemensam lokalbank för föreningar i kommunens lokaler", "Föreningslyftet", "2026-03-31",
      "agreed 2025-06-11; in_progress 2025-10-01"),
    C(None, "Forskningsnätverket mars 2025", "USV", "staff_time", 200, "hours",
      "Studenter som gör examensarbeten i programmets stadsdelar", None, "2026-06-30",
      "agreed 2025-03-05; in_progress 2025-09-01; delivered 2026-06-10"),
    C(None, "Programdag 2026: Vad har vi lärt oss?", "PO SJK", "funding", 400000, "sek",
      "Gemensam utvärdering av programmet 2027", None, "2027-12-31", status="agreed"),
    # --- Ekhöjden -------------------------------------------------------------------------------------------
    C(E, "Workshop: Mötesplats Ekhöjden", "EKF", "premises", 240, "square_metres",
      "Lokal i Ekhöjdens centrum för Mötesplats Ekhöjden", "Mötesplats Ekhöjden", "2026-11-30",
      "agreed 2026-05-20; in_progress 2026-08-26; delivered 2026-11-18"),
    C(E, "Workshop: Mötesplats Ekhöjden", "EKF OBK", "social_investment", 750000, "sek",
      "Ombyggnad och möblering av Mötesplats Ekhöjden", "Mötesplats Ekhöjden", "2026-11-30",
      "agreed 2026-05-20; in_progress 2026-08-26"),
    C(E, "Workshop: Mötesplats Ekhöjden", "KIE", "staff_time", 600, "hours",
      "Föreningarnas värdskap på mötesplatsen första året", "Mötesplats Ekhöjden", "2027-12-31",
      "agreed 2026-06-17"),
    C(E, "Arbetsgrupp Mötesplats Ekhöjden augusti 2026", "KUF", "funding", 350000, "sek",
      "Driftbidrag till Mötesplats Ekhöjden 2027", "Mötesplats Ekhöjden", "2027-12-31",
      "agreed 2026-09-16"),
    C(E, "Framtidsverkstad Ekhöjden", "NATT", "staff_time", 150, "hours", "Nattvandring fredagar och lördagar",
      None, "2026-12-31", "agreed 2026-03-20; in_progress 2026-04-03"),
    C(E, "Trygghetsvandring i Ekhöjden maj 2026", "EKF", "social_investment", 180000, "sek",
      "Ny entrébelysning i punkthusen", None, "2026-08-31", "agreed 2026-05-27; in_progress 2026-06-15"),
    C(E, "Framtidsverkstad Ekhöjden", "SKE", "premises", 150, "square_metres",
      "Skolans matsal för föreningsaktiviteter på kvällar", None, "2026-06-30",
      "agreed 2026-03-20; delivered 2026-04-16"),
    # --- Strandparken ---------------------------------------------------------------------------------------
    C(P, "2026-03-02", "AMF", "in_kind", 30, "feriejobb", "Feriejobb för unga i Strandparken sommaren 2026",
      "Strandparken framåt", "2026-08-31", "agreed 2026-03-11; delivered 2026-08-20"),
    C(P, "Framtidsverkstad Strandparken", "SGB", "premises", 80, "square_metres",
      "Lokal för en mötesplats i Strandgårdens bottenvåning", "Strandparken framåt", "2026-10-31",
      "agreed 2026-10-08"),
    C(P, "Planering av prao på Hamnkvarteret", "HAMN SKP", "in_kind", 12, "praoplatser",
      "Prao på terminalen för 12 elever i åk 8", "Hamnjobb för unga", "2027-03-20", "agreed 2026-10-21"),
    C(P, "Framtidsverkstad Strandparken", "PENS", "staff_time", 60, "hours", "Språkvänner för nyanlända familjer",
      "Strandparken framåt", "2027-06-30"),
    C(P, "Trygghetsvandring i Strandparken maj 2026", "SBK", "social_investment", 450000, "sek",
      "Belysning längs hamnpromenaden norr om piren", None, "2026-11-30", "agreed 2026-06-10"),
    # --- Björkhagen -----------------------------------------------------------------------------------------
    C(B, "Framtidsverkstad Björkhagen", "BFF KUF", "staff_time", 200, "hours", "Aktiva lov: fotboll och friluftsdagar",
      "Aktiva lov i Björkhagen", "2027-02-28", "agreed 2026-09-02"),
    C(B, "Framtidsverkstad Björkhagen", "BJF", "premises", 60, "square_metres", "Träfflokal för äldre i Björkvägen 5",
      None, "2026-12-31", "agreed 2026-09-02; in_progress 2026-11-04"),
    C(B, "Samverkansgruppen Björkhagen september 2026", "FCB", "staff_time", 80, "hours",
      "Öppen förskola en eftermiddag i veckan i träfflokalen", None, "2027-06-30"),
    C(B, "Informationsmöte: Programmet kommer till Björkhagen", "NB", "policy_change", None, None,
      "Norrviks Bostäder tar med Björkhagen i sin trygghetsplan", None, "2026-06-30",
      "agreed 2026-01-20; delivered 2026-05-30"),
    # --- Granlunda ------------------------------------------------------------------------------------------
    C(G, "Framtidsverkstad Granlunda", "GRF", "premises", 110, "square_metres",
      "Kvarterslokal på Granlunda torg 7 för språkcaféet", "Språkcafé Granlunda", "2025-06-30",
      "agreed 2025-06-04; delivered 2025-06-25; in_progress 2026-02-11: Lokalen sägs upp vid försäljningen.; "
      "lapsed 2026-03-31: Den nya ägaren tog inte över avtalet."),
    C(G, "Framtidsverkstad Granlunda", "KFG SJF", "staff_time", 400, "hours", "Volontärer till språkcaféet",
      "Språkcafé Granlunda", "2026-06-30", "agreed 2025-06-04; in_progress 2025-06-25"),
    C(G, "Workshop: Granlunda torg", "SJK", "funding", 600000, "sek", "Torgdagar och evenemang på Granlunda torg",
      "Ett levande Granlunda torg", "2026-12-31", "agreed 2025-06-18; in_progress 2025-06-26"),
    C(G, "Workshop: Granlunda torg", "SJB GTH", "social_investment", 1400000, "sek",
      "Ny belysning och sittplatser på Granlunda torg", "Ett levande Granlunda torg", "2026-05-31",
      "agreed 2025-09-10; in_progress 2025-10-29; delivered 2026-05-20"),
    C(G, "Workshop: Granlunda torg", "GRF", "social_investment", 2000000, "sek",
      "Upprustning av gårdarna runt torget", "Ett levande Granlunda torg", "2026-09-30",
      "agreed 2025-09-10; withdrawn 2026-02-11: Fastigheterna säljs; köparen har inte tagit över åtagandet."),
    C(G, "Samverkansgruppen Granlunda juni 2025", "SJS POS", "staff_time", 300, "hours",
      "Fältsekreterare och områdespolis på torget fredagskvällar", None, "2026-06-30",
      "agreed 2025-06-04; in_progress 2025-06-13; delivered 2026-06-24"),
    C(G, "Samverkansgruppen Granlunda september 2025", "GIK", "staff_time", 240, "hours",
      "Öppen idrottshall på lördagar för unga i Granlunda", None, "2026-06-30",
      "agreed 2025-09-10; in_progress 2025-09-20; delivered 2026-06-13"),
    C(G, "Samverkansgruppen Granlunda december 2025", "SKG", "premises", 300, "square_metres",
      "Skolans lokaler för föreningar på kvällar", None, "2026-01-31", "agreed 2025-12-10; delivered 2026-01-19"),
    C(G, "Samverkansgruppen Granlunda maj 2026", "SJB", "funding", 250000, "sek",
      "Hyresrabatt för föreningar i Sjöberga Bostäders lokaler 2026", None, "2026-12-31",
      "agreed 2026-05-20; in_progress 2026-06-01"),
    C(G, "Samverkansgruppen Granlunda september 2026", "HGG", "staff_time", 100, "hours",
      "Boendes gårdsvandringar med den nya fastighetsägaren", None, "2026-11-30"),
    C(G, "Följeforskning Granlunda september 2025", "ISF", "staff_time", 500, "hours",
      "Följeforskning om samverkan i Granlunda", None, "2026-12-31",
      "agreed 2025-09-17; in_progress 2025-10-01"),
    # --- 2026: what the regular participants took on ------------------------------------------------
    C(K, "Samverkansgruppen Kvarnängen januari 2026", "SOC", "staff_time", 400, "hours",
      "Fältassistenter på Kvarnängstorget fredagar och lördagar 2026", None, "2026-12-31",
      "agreed 2026-01-28; in_progress 2026-02-06"),
    C(S, "Samverkansgruppen Solbacka mars 2026", "POL", "staff_time", 150, "hours",
      "Områdespolis på Träffpunkt Solbacka en kväll i veckan", None, "2026-12-31",
      "agreed 2026-03-25; in_progress 2026-04-01"),
    C(E, "Trygghetsvandring i Ekhöjden maj 2026", "POL SOC", "staff_time", 200, "hours",
      "Gemensam kvällsnärvaro vid Ekhöjdens centrum sommaren 2026", None, "2026-09-30",
      "agreed 2026-05-27; in_progress 2026-06-12; delivered 2026-09-30"),
    C(B, "Samverkansgruppen Björkhagen september 2026", "USV", "staff_time", 120, "hours",
      "Studenter kartlägger äldres behov i Björkhagen", None, "2027-01-31", "agreed 2026-09-02"),
    C(None, "Arbetsutskott mars 2026", "VOL", "staff_time", 300, "hours",
      "Volontärer till läxhjälpen och mötesplatserna 2026", "Föreningslyftet", "2026-12-31",
      "agreed 2026-03-04; in_progress 2026-03-16"),
    C(G, "Samverkansgruppen Granlunda mars 2026", "SJS", "staff_time", 250, "hours",
      "Fältsekreterare på Granlunda torg kvällstid 2026", None, "2026-12-31",
      "agreed 2026-03-25; in_progress 2026-04-01"),
    C(K, "Samverkansgruppen Kvarnängen april 2026", "HGK", "staff_time", 60, "hours",
      "Boendedialog om lekplatsen och utegymmet", None, "2026-09-30", "agreed 2026-04-22; delivered 2026-09-15"),
    C(None, "Styrgruppsmöte juni 2026", "UTB", "policy_change", None, None,
      "Skolorna i programmets stadsdelar prioriteras i lovskolan 2026", None, "2026-08-31",
      "agreed 2026-06-10; delivered 2026-08-10"),
    C(G, "Följeforskning Granlunda mars 2026", "ISF", "staff_time", 200, "hours",
      "Delrapport om fastighetsägarnas roll i Granlunda", None, "2026-10-31",
      "agreed 2026-03-18; in_progress 2026-04-01; delivered 2026-09-16"),
    C(K, SJ26, "UNGR", "staff_time", 40, "hours", "Ungdomsrådet sprider ansökan om sommarjobb i skolorna",
      "Sommarjobb 2026", "2026-04-30", "agreed 2026-02-12; delivered 2026-04-28"),
    C(K, "Forskningsnätverket mars 2026", "USA", "staff_time", 160, "hours",
      "Masterstudenter utvärderar Kvarnängens jobbspår", "Kvarnängens jobbspår", "2026-12-31",
      "agreed 2026-03-04; in_progress 2026-09-01"),
    C(S, "Trygghetsvandring i Solbacka april 2026", "FNS", "staff_time", 100, "hours",
      "Föräldravandringar längs stråket fredagskvällar", "Trygga stråk Solbacka", "2026-10-31",
      "agreed 2026-04-16; in_progress 2026-05-01; delivered 2026-10-30"),
    C(G, "2026-06-01", "GTH", "in_kind", 3, "feriejobb", "3 feriejobb i torghandeln sommaren 2026",
      "Ett levande Granlunda torg", "2026-08-31", "agreed 2026-06-01; delivered 2026-08-21"),
    C(B, "Framtidsverkstad Björkhagen", "HGB", "staff_time", 80, "hours", "Grannfika för äldre varannan vecka",
      None, "2026-12-31", "agreed 2026-09-02; in_progress 2026-10-01"),
    C(B, "Samverkansgruppen Björkhagen november 2026", "SKB", "premises", 400, "square_metres",
      "Skolgården och idrottshallen öppna på loven", "Aktiva lov i Björkhagen", "2027-02-28"),
    # --- Myrbacken ------------------------------------------------------------------------------------------
    C(M, "Intervju: Myrbackens byalag", "MBL", "staff_time", 40, "hours", "Byalaget ordnar en bygdedag om programmet",
      None, "2026-09-30", "agreed 2026-06-10"),
]


def _steps(history: str):
    for step in filter(None, STEP.split(history)):
        head, _, comment = step.partition(": ")
        status, when = head.split()
        yield status, day(when), comment


def commitment_record(row: dict, meeting_days: dict[str, date]) -> dict:
    """Return the commitment as commitments.yaml writes it, checking its history against the demo's today."""
    made = row["made"]
    made_on = meeting_days[made] if made in meeting_days else day(made)
    record = {"description": row["description"], "kind": row["kind"]}
    if row["amount"] is not None:
        record["amount"] = row["amount"]
        if row["unit"] in ("sek", "hours", "square_metres"):
            record["unit"] = row["unit"]
        else:
            record["unit"], record["unit_label"] = "count", row["unit"]
    record["parties"] = [NAME[alias] for alias in row["parties"]]
    if row["neighbourhood"]:
        record["neighbourhood"] = row["neighbourhood"]
    if row["initiative"]:
        record["initiative"] = row["initiative"]
    if made in meeting_days:
        record["meeting"] = made
    record["made_on"] = made_on
    if row["due"]:
        record["due_on"] = day(row["due"])
    history = [{"status": row["status"], "date": made_on}]
    for status, when, comment in _steps(row["history"]):
        assert history[-1]["date"] <= when <= TODAY, (row["description"], status, when)
        history.append({"status": status, "date": when, **({"comment": comment} if comment else {})})
    assert made_on <= TODAY, row["description"]
    record["history"] = history
    return record


def initiative_record(row: dict) -> dict:
    record = {"name": row["name"], "status": row["status"], "lead": NAME[row["lead"]]}
    if row["origin_meeting"]:
        record["origin_meeting"] = row["origin_meeting"]
    if row["started_on"]:
        record["started_on"] = day(row["started_on"])
    record["neighbourhoods"] = row["neighbourhoods"]
    record["description"] = row["description"]
    record["participants"] = [NAME[alias] for alias in row["participants"]]
    return record

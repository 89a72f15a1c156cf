"""The organisations of the demo coalition: who they are, where they are active, who bridges.

Local actors (schools, landlords, associations, shops) are active in one neighbourhood. A few
organisations bridge neighbourhoods, and they are the brokers a steering group should see:
the programme office (``PO``) in Norrvik's five, Sjöberga's coordinator (``SJK``) in its two,
Kvarnängen's area company (``OBK``, which also helps build Mötesplats Ekhöjden), the university's
outreach unit (``USV``), and the region's public-health unit (``FH``) across both municipalities.
Strandparken has no academic actor. Two organisations have never taken part in anything: the
isolates counted below the map.
"""
from .story import B, E, G, K, M, P, S

# Municipal departments share one legal person and carry no organisation number.
NORRVIK_WEB = "https://norrvik.example.se"
SJOBERGA_WEB = "https://sjoberga.example.se"
UNIVERSITY_WEB = "https://norrviksuniversitet.example.se"
REGION_WEB = "https://vastmark.example.se"


def luhn_completed(nine_digits: str) -> str:
    """Add the Luhn check digit to the first nine digits of an organisation number (NNNNNN-NNN)."""
    digits = nine_digits.replace("-", "")
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{nine_digits}{(10 - total % 10) % 10}"


def org(alias, name, sector, kind, hoods, website, number="", tags=(), notes=""):
    return dict(alias=alias, name=name, sector=sector, kind=kind, neighbourhoods=list(hoods), website=website,
                org_number=luhn_completed(number) if len(number) == 10 else number, tags=list(tags), notes=notes)


# Where a few of them are reached (all made up): the programme office and the two area companies.
CONTACTS = {
    "PO": dict(address="Stadshusgatan 1", postcode="123 45", town="Norrvik", phone="0123-45 60 00",
               email="programkontoret@norrvik.example.se"),
    "OBK": dict(address="Kvarnängsvägen 12", postcode="123 52", town="Norrvik", phone="+46 123 45 61 20",
                email="info@kvarnangen.example.se"),
    "OBS": dict(address="Solbackatorget 3", postcode="123 60", town="Norrvik", phone="0123-45 62 30",
                email="kontakt@solbacka.example.se"),
}

ORGANISATIONS = [
    # --- Public sector: Norrvik's departments and agencies -----------------------------------------
    org("PO", "Norrvik kommun, stadsledningskontoret", "public", "municipality", [K, S, E, P, B], NORRVIK_WEB,
        tags=["programkontoret"], notes="Här sitter programkontoret för socialt hållbara stadsdelar; "
        "processledarna samordnar arbetet i Norrviks fem stadsdelar."),
    org("SOC", "Norrvik kommun, socialförvaltningen", "public", "municipality", [K, S, E, B], NORRVIK_WEB,
        tags=["trygghet", "unga"], notes="Fältgruppen och det förebyggande arbetet är programmets kontaktytor."),
    org("UTB", "Norrvik kommun, utbildningsförvaltningen", "public", "municipality", [K, S, E], NORRVIK_WEB,
        tags=["skola"]),
    org("AMF", "Norrvik kommun, arbetsmarknadsförvaltningen", "public", "municipality", [K, S, P], NORRVIK_WEB,
        tags=["arbete", "sommarjobb"]),
    org("KUF", "Norrvik kommun, kultur- och fritidsförvaltningen", "public", "municipality", [K, S, E, B],
        NORRVIK_WEB, tags=["föreningsliv", "unga"], notes="Ansvarar för föreningsbidrag och fritidsgårdarna."),
    org("SBK", "Norrvik kommun, stadsbyggnadskontoret", "public", "municipality", [S, P], NORRVIK_WEB,
        tags=["trygghet", "fysisk planering"]),
    org("RTJ", "Räddningstjänsten Norrvik", "public", "municipality", [K, E], NORRVIK_WEB, tags=["trygghet"]),
    org("NB", "Norrviks Bostäder AB", "public", "housing_company", [K, S, B], "https://norrviksbostader.example.se",
        "556852-6015", ["fastighetsägare", "sommarjobb"],
        "Det kommunala bostadsbolaget; största hyresvärden i Kvarnängen och Björkhagen."),
    org("VC", "Region Västmark, vårdcentralen Kvarnängen", "public", "region", [K], REGION_WEB, tags=["hälsa"],
        notes="Har inte deltagit i något ännu; kontakt via folkhälsoenheten."),
    org("FH", "Region Västmark, folkhälsoenheten", "public", "region", [K, S, G, M], REGION_WEB,
        tags=["hälsa"], notes="Arbetar i både Norrvik och Sjöberga."),
    org("POL", "Polisen, lokalpolisområde Norrvik", "public", "government_agency", [K, S, E, P, B],
        "https://polisen-norrvik.example.se", tags=["trygghet"]),
    org("AF", "Arbetsförmedlingen Norrvik", "public", "government_agency", [K, S, P], "https://af-norrvik.example.se",
        tags=["arbete"]),
    org("GY", "Norrviks gymnasium", "public", "school", [K, S], "https://norrviksgymnasium.example.se",
        tags=["skola"]),
    org("SKK", "Kvarnängsskolan", "public", "school", [K], "https://kvarnangsskolan.example.se", tags=["skola"]),
    org("SKS", "Solbackaskolan", "public", "school", [S], "https://solbackaskolan.example.se", tags=["skola"]),
    org("SKE", "Ekhöjdens skola", "public", "school", [E], "https://ekhojdensskola.example.se", tags=["skola"]),
    org("SKP", "Strandparksskolan", "public", "school", [P], "https://strandparksskolan.example.se", tags=["skola"]),
    org("SKB", "Björkhagsskolan", "public", "school", [B], "https://bjorkhagsskolan.example.se", tags=["skola"]),
    org("FCB", "Region Västmark, familjecentralen Björkhagen", "public", "region", [B], REGION_WEB,
        tags=["hälsa", "barnfamiljer"]),
    org("LST", "Länsstyrelsen Västmark", "public", "government_agency", [], "https://lansstyrelsen-vastmark.example.se",
        tags=["finansiär"], notes="Fördelar statens utvecklingsmedel för socialt hållbara stadsdelar."),
    # --- Public sector: Sjöberga ------------------------------------------------------------------------
    org("SJK", "Sjöberga kommun, kommunledningskontoret", "public", "municipality", [G, M], SJOBERGA_WEB,
        tags=["programkontoret"], notes="Sjöbergas utvecklingsstrateg samordnar programmet i Granlunda och Myrbacken."),
    org("SJS", "Sjöberga kommun, socialtjänsten", "public", "municipality", [G, M], SJOBERGA_WEB,
        tags=["trygghet", "unga"]),
    org("SJB", "Sjöberga Bostäder AB", "public", "housing_company", [G, M], "https://sjobergabostader.example.se",
        "556914-230", ["fastighetsägare"], "Det kommunala bostadsbolaget i Sjöberga."),
    org("SKG", "Granlundaskolan", "public", "school", [G], "https://granlundaskolan.example.se", tags=["skola"]),
    org("SKM", "Myrbackens skola", "public", "school", [M], "https://myrbackensskola.example.se", tags=["skola"]),
    org("POS", "Polisen, lokalpolisområde Sjöberga", "public", "government_agency", [G],
        "https://polisen-sjoberga.example.se", tags=["trygghet"]),
    # --- Private sector -----------------------------------------------------------------------------------
    org("KVS", "Fastighets AB Kvarnstenen", "private", "property_owner", [K], "https://kvarnstenen.example.se",
        "556881-5905", ["fastighetsägare"]),
    org("STB", "Stenbacka Förvaltning AB", "private", "property_owner", [S, E], "https://stenbacka.example.se",
        "556883-0169", ["fastighetsägare"], "Renoverar sitt bestånd i Solbacka 2025–2027."),
    org("EKF", "Ekhöjden Fastigheter AB", "private", "property_owner", [E], "https://ekhojdenfastigheter.example.se",
        "556861-3185", ["fastighetsägare"]),
    org("SGB", "Strandgården Bostad AB", "private", "property_owner", [P], "https://strandgarden.example.se",
        "556860-9134", ["fastighetsägare"], "Största hyresvärden i Strandparken."),
    org("BJF", "Björkhagens Fastighets AB", "private", "property_owner", [B], "https://bjorkhagensfastigheter.example.se",
        "556925-118", ["fastighetsägare"]),
    org("GRF", "Granlunda Förvaltning AB", "private", "property_owner", [G], "https://granlundaforvaltning.example.se",
        "556877-402", ["fastighetsägare"],
        "Sålde sina 900 lägenheter runt Granlunda torg till Fastighets AB Sjöstjärnan i februari 2026."),
    org("STJ", "Fastighets AB Sjöstjärnan", "private", "property_owner", [G], "https://sjostjarnan.example.se",
        "556931-877", ["fastighetsägare"], "Köpte Granlunda Förvaltnings bestånd i februari 2026."),
    org("MYF", "Fastighets AB Myrstacken", "private", "property_owner", [M], "https://myrstacken.example.se",
        "556902-664", ["fastighetsägare"]),
    org("OBK", "Kvarnängen Områdesbolag AB", "private", "area_company", [K, E], "https://kvarnangen-omrade.example.se",
        "556890-9963", ["områdesbolag"],
        "Driver Mötesplats Kvarnen och hjälper sedan 2026 till att bygga upp Mötesplats Ekhöjden."),
    org("OBS", "Solbacka Områdesutveckling AB", "private", "area_company", [S], "https://solbacka-omrade.example.se",
        "556803-0828", ["områdesbolag"], "Bildat av fastighetsägarna i Solbacka 2025; driver Träffpunkt Solbacka."),
    org("SPB", "Norrviks Sparbank", "private", "company", [K, S], "https://norrvikssparbank.example.se",
        "556846-2815", ["finansiär"]),
    org("BYGG", "Norrvik Bygg & Montage AB", "private", "company", [K, S], "https://norrvikbygg.example.se",
        "556819-4426", ["sommarjobb"]),
    org("GLANS", "Glansen Städ & Service AB", "private", "company", [K], "https://glansen.example.se", "556827-3303"),
    org("LIVS", "Kvarnängens Livs", "private", "company", [K], "https://kvarnangenslivs.example.se"),
    org("BAGERI", "Solbacka Bageri & Café", "private", "company", [S], "https://solbackabageri.example.se"),
    org("SOMNAD", "Sömnadskollektivet i Solbacka ek. för.", "private", "company", [S],
        "https://somnadskollektivet.example.se", "769694-8210", ["arbete"]),
    org("VAKT", "Väktarna Norrvik AB", "private", "company", [K, S], "https://vaktarna.example.se",
        tags=["trygghet"]),
    org("NVARME", "Nordvärme Norrvik AB", "private", "company", [E], "https://nordvarme.example.se"),
    org("HAMN", "Hamnkvarterets Logistik AB", "private", "company", [P], "https://hamnlogistik.example.se",
        "556874-5516", ["arbete"]),
    org("MAR", "Marinan Strandparken AB", "private", "company", [P], "https://marinanstrandparken.example.se",
        "556918-370"),
    org("BBS", "Björkhagens Bilservice AB", "private", "company", [B], "https://bjorkhagensbil.example.se",
        "556897-215"),
    org("GTH", "Granlunda Torghandel AB", "private", "company", [G], "https://granlundatorg.example.se",
        "556909-551"),
    org("BRF", "Brf Fyren i Strandparken", "private", "property_owner", [P], "https://brffyren.example.se",
        "769631-205", ["fastighetsägare"]),
    org("PIZZA", "Ekhöjdens Pizzeria & Grill", "private", "company", [E], "https://ekhojdenspizzeria.example.se"),
    org("FRIS", "Solbacka Frisör & Barber", "private", "company", [S], "https://solbackafrisor.example.se"),
    org("ENERGI", "Sjöberga Energi AB", "private", "company", [G], "https://sjobergaenergi.example.se", "556920-447",
        ["arbete"]),
    org("LANT", "Myrbackens Lanthandel", "private", "company", [M], "https://myrbackenslanthandel.example.se"),
    org("MTC", "Myrbackens Trädgård & Café", "private", "company", [M], "https://myrbackenstradgard.example.se"),
    # --- Civil society ---------------------------------------------------------------------------------------
    org("HGK", "Hyresgästföreningen Kvarnängen", "civil", "association", [K], "https://hgf-kvarnangen.example.org",
        "802481-9099"),
    org("HGS", "Hyresgästföreningen Solbacka", "civil", "association", [S], "https://hgf-solbacka.example.org",
        "802437-8658", notes="Lämnade samverkansgruppen i februari 2026 i protest mot hyreshöjningarna efter renoveringen."),
    org("KIF", "Kvarnängens IF", "civil", "association", [K], "https://kvarnangensif.example.org", "802479-7543",
        ["idrott", "unga"]),
    org("SBFC", "Solbacka BK", "civil", "association", [S], "https://solbackabk.example.org", "802432-3191",
        ["idrott", "unga"]),
    org("BOX", "Norrviks Boxningsklubb", "civil", "association", [K, E], "https://norrviksbk.example.org",
        tags=["idrott", "unga"]),
    org("FNS", "Föräldranätverket Solbacka", "civil", "association", [S], "https://foraldranatverket.example.org"),
    org("SOMK", "Somaliska kulturföreningen i Norrvik", "civil", "association", [K],
        "https://somaliskakultur.example.org", "802448-7574"),
    org("KIE", "Kvinnor i Ekhöjden", "civil", "association", [E], "https://kvinnoriekhojden.example.org",
        notes="Bjuder in trossamfunden och de mindre föreningarna till dialogkvällar."),
    org("LAX", "Läxhjälpen Norrvik", "civil", "association", [K, S, E], "https://laxhjalpen.example.org",
        "802449-1188", ["skola"]),
    org("STUD", "Studieförbundet Framsteg Norrvik", "civil", "association", [K, S, E, B],
        "https://framsteg.example.org", "802462-5272"),
    org("VOL", "Norrviks Volontärcentral", "civil", "association", [K, S, E, B],
        "https://volontarcentralen.example.org", "802460-1893", ["föreningsliv"]),
    org("STIFT", "Stiftelsen Norrviks Framtid", "civil", "foundation", [K, S, E, P, B],
        "https://norrviksframtid.example.org", "802055-5978", ["finansiär"]),
    org("FORS", "Norrviks församling", "civil", "faith_community", [K, S, E],
        "https://norrviksforsamling.example.org", "252274-6508"),
    org("ISL", "Islamiska föreningen i Norrvik", "civil", "faith_community", [E],
        "https://islamiskaforeningen.example.org", "802097-1142"),
    org("PINGST", "Pingstkyrkan Norrvik", "civil", "faith_community", [P], "https://pingstkyrkan-norrvik.example.org",
        "252275-2910"),
    org("SEFR", "Syrisk-ortodoxa församlingen S:t Efrem", "civil", "faith_community", [E],
        "https://sankt-efrem.example.org"),
    org("ODL", "Stadsodlarna i Solbacka", "civil", "association", [S], "https://stadsodlarna.example.org"),
    org("NATT", "Nattvandrarna i Ekhöjden", "civil", "association", [E], "https://nattvandrarna.example.org",
        tags=["trygghet"]),
    org("PENS", "Pensionärsföreningen Strandparken", "civil", "association", [P],
        "https://pensionarerna-strandparken.example.org"),
    org("UNGR", "Ungdomsrådet Kvarnängen", "civil", "association", [K], "https://ungdomsradet.example.org",
        tags=["unga"]),
    org("HOPP", "Afghanska föreningen Hopp", "civil", "association", [E], "https://foreningenhopp.example.org"),
    org("BAT", "Strandparkens båtklubb", "civil", "association", [P], "https://strandbatklubb.example.org",
        "802071-0490"),
    org("FHS", "Norrviks folkhögskola", "civil", "school", [K], "https://norrviksfolkhogskola.example.org",
        notes="Intresserad av att starta en kurs i Kvarnängen; inget möte ännu."),
    org("HGB", "Hyresgästföreningen Björkhagen", "civil", "association", [B], "https://hgf-bjorkhagen.example.org",
        "802488-306"),
    org("BFF", "Björkhagens FF", "civil", "association", [B], "https://bjorkhagensff.example.org", "802491-572",
        ["idrott", "unga"]),
    org("GSB", "Grannsamverkan Björkhagen", "civil", "association", [B], "https://grannsamverkan-bjorkhagen.example.org",
        tags=["trygghet"]),
    org("GIK", "Granlunda IK", "civil", "association", [G], "https://granlundaik.example.org", "802452-941",
        ["idrott", "unga"]),
    org("KFG", "Kulturföreningen Granlunda", "civil", "association", [G], "https://kulturgranlunda.example.org",
        "802493-118", notes="Driver Språkcafé Granlunda i lokaler som Granlunda Förvaltning upplät."),
    org("HGG", "Hyresgästföreningen Granlunda", "civil", "association", [G], "https://hgf-granlunda.example.org",
        "802440-287"),
    org("ERI", "Eritreanska föreningen i Sjöberga", "civil", "association", [G], "https://eritreanska-sjoberga.example.org"),
    org("SJF", "Sjöberga församling", "civil", "faith_community", [G, M], "https://sjobergaforsamling.example.org",
        "252276-114"),
    org("MBL", "Myrbackens byalag", "civil", "association", [M], "https://myrbackensbyalag.example.org"),
    org("MSK", "Myrbackens scoutkår", "civil", "association", [M], "https://myrbackensscouter.example.org",
        tags=["unga"]),
    org("SPF", "Björkhagens pensionärsförening", "civil", "association", [B], "https://spf-bjorkhagen.example.org"),
    org("MIF", "Myrbackens IF", "civil", "association", [M], "https://myrbackensif.example.org", "802465-830",
        ["idrott"]),
    org("GMK", "Granlunda moské- och kulturförening", "civil", "faith_community", [G],
        "https://granlundamoske.example.org"),
    org("TAM", "Tamilska föreningen i Kvarnängen", "civil", "association", [K], "https://tamilska-kvarnangen.example.org"),
    org("MISS", "Norrviks stadsmission", "civil", "association", [K, S], "https://norrviksstadsmission.example.org",
        "802414-963"),
    # --- Academia -----------------------------------------------------------------------------------------
    org("USA", "Norrviks universitet, institutionen för socialt arbete", "academic", "university", [K, S],
        UNIVERSITY_WEB, "202170-3422"),
    org("UKG", "Norrviks universitet, institutionen för kulturgeografi", "academic", "university", [S, E],
        UNIVERSITY_WEB),
    org("ULU", "Norrviks universitet, lärarutbildningen", "academic", "university", [K, S, E], UNIVERSITY_WEB),
    org("USV", "Norrviks universitet, samverkansenheten", "academic", "university", [K, S, E, B, G, M],
        UNIVERSITY_WEB, notes="Universitetets väg in för kommuner och föreningar i båda kommunerna."),
    org("ISF", "Institutet för stadsdelsforskning", "academic", "research_institute", [K, G],
        "https://stadsdelsforskning.example.se", "556811-2071", notes="Följeforskning i Kvarnängen och Granlunda."),
]
BY_ALIAS = {o["alias"]: o for o in ORGANISATIONS}
NAME = {alias: o["name"] for alias, o in BY_ALIAS.items()}
SECTOR = {alias: o["sector"] for alias, o in BY_ALIAS.items()}
# Organisations that have taken part in nothing: the isolates.
NEVER_MET = {"VC", "FHS"}


def domain(alias: str) -> str:
    return BY_ALIAS[alias]["website"].removeprefix("https://").rstrip("/")

"""Write seed_data/people.yaml and seed_data/meetings.yaml for the demo coalition.

The other seed files are written by hand. People and a year of meetings with their attendance
are too many to type, so this script draws them from the plans below with a fixed random seed:
running it again writes the same files. Run it from the project root:

    .venv/bin/python bench/generate_seed_data.py

Review the diff of the two files before committing them; `flask seed` reads only the YAML.
"""
import random
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

SEED_DATA = Path(__file__).resolve().parent.parent / "seed_data"
# The demo's "today": meetings after it are still to come, actions due before it are mostly done.
TODAY = date(2026, 11, 23)
rng = random.Random(2026)

ORGANISATIONS = {
    "PO": "Norrvik kommun, stadsledningskontoret",
    "SOC": "Norrvik kommun, socialförvaltningen",
    "UTB": "Norrvik kommun, utbildningsförvaltningen",
    "AMF": "Norrvik kommun, arbetsmarknadsförvaltningen",
    "KUF": "Norrvik kommun, kultur- och fritidsförvaltningen",
    "SBK": "Norrvik kommun, stadsbyggnadskontoret",
    "RTJ": "Räddningstjänsten Norrvik",
    "NB": "Norrviks Bostäder AB",
    "VC": "Region Västmark, vårdcentralen Kvarnängen",
    "FH": "Region Västmark, folkhälsoenheten",
    "POL": "Polisen, lokalpolisområde Norrvik",
    "AF": "Arbetsförmedlingen Norrvik",
    "SKK": "Kvarnängsskolan",
    "SKS": "Solbackaskolan",
    "SKE": "Ekhöjdens skola",
    "SKP": "Strandparksskolan",
    "GY": "Norrviks gymnasium",
    "KVS": "Fastighets AB Kvarnstenen",
    "STB": "Stenbacka Förvaltning AB",
    "EKF": "Ekhöjden Fastigheter AB",
    "SGB": "Strandgården Bostad AB",
    "OBK": "Kvarnängen Områdesbolag AB",
    "OBS": "Solbacka Områdesutveckling AB",
    "SPB": "Norrviks Sparbank",
    "BYGG": "Norrvik Bygg & Montage AB",
    "GLANS": "Glansen Städ & Service AB",
    "LIVS": "Kvarnängens Livs",
    "BAGERI": "Solbacka Bageri & Café",
    "HAMN": "Hamnkvarterets Logistik AB",
    "NVARME": "Nordvärme Norrvik AB",
    "SOMNAD": "Sömnadskollektivet i Solbacka ek. för.",
    "VAKT": "Väktarna Norrvik AB",
    "HGK": "Hyresgästföreningen Kvarnängen",
    "HGS": "Hyresgästföreningen Solbacka",
    "KIF": "Kvarnängens IF",
    "SBFC": "Solbacka BK",
    "BOX": "Norrviks Boxningsklubb",
    "FNS": "Föräldranätverket Solbacka",
    "SOMK": "Somaliska kulturföreningen i Norrvik",
    "KIE": "Kvinnor i Ekhöjden",
    "LAX": "Läxhjälpen Norrvik",
    "STUD": "Studieförbundet Framsteg Norrvik",
    "VOL": "Norrviks Volontärcentral",
    "STIFT": "Stiftelsen Norrviks Framtid",
    "FORS": "Norrviks församling",
    "ISL": "Islamiska föreningen i Norrvik",
    "PINGST": "Pingstkyrkan Norrvik",
    "SEFR": "Syrisk-ortodoxa församlingen S:t Efrem",
    "ODL": "Stadsodlarna i Solbacka",
    "NATT": "Nattvandrarna i Ekhöjden",
    "PENS": "Pensionärsföreningen Strandparken",
    "UNGR": "Ungdomsrådet Kvarnängen",
    "HOPP": "Afghanska föreningen Hopp",
    "BAT": "Strandparkens båtklubb",
    "FHS": "Norrviks folkhögskola",
    "USA": "Norrviks universitet, institutionen för socialt arbete",
    "UKG": "Norrviks universitet, institutionen för kulturgeografi",
    "ULU": "Norrviks universitet, lärarutbildningen",
    "USV": "Norrviks universitet, samverkansenheten",
    "ISF": "Institutet för stadsdelsforskning",
}

# Titles of the people each organisation has; "+" marks residents and volunteers, whose data
# the office holds on their consent. The first title is who goes to the steering group.
STAFF = {
    "PO": ["Programchef", "Processledare Kvarnängen och Solbacka", "Processledare Ekhöjden och Strandparken",
           "Samordnare", "Analytiker", "Kommunikatör", "Utredare"],
    "SOC": ["Avdelningschef förebyggande", "Enhetschef fältverksamheten", "Fältassistent Kvarnängen",
            "Fältassistent Ekhöjden", "Socialsekreterare", "Förebyggande samordnare"],
    "UTB": ["Verksamhetschef grundskola", "Utvecklingsledare", "Skolutvecklare", "Samordnare nyanlända"],
    "AMF": ["Enhetschef", "Arbetsmarknadskonsulent", "Feriejobbssamordnare", "Jobbcoach",
            "Arbetsmarknadskonsulent Ekhöjden"],
    "KUF": ["Avdelningschef fritid", "Föreningskonsulent", "Fritidsledare", "Kulturutvecklare"],
    "SBK": ["Planarkitekt", "Projektledare trygghet"],
    "RTJ": ["Brandinspektör"],
    "NB": ["VD", "Områdeschef Kvarnängen", "Områdeschef Solbacka", "Hållbarhetsstrateg", "Bovärd Kvarnängen",
           "Bovärd Ekhöjden", "Uthyrningschef", "Bovärd Solbacka"],
    "VC": ["Verksamhetschef", "Kurator"],
    "FH": ["Folkhälsostrateg", "Folkhälsoplanerare"],
    "POL": ["Kommunpolis", "Områdespolis Kvarnängen", "Områdespolis Ekhöjden", "Områdespolis Solbacka"],
    "AF": ["Sektionschef", "Arbetsförmedlare"],
    "SKK": ["Rektor", "Biträdande rektor", "Skolkurator", "Lärare åk 7–9"],
    "SKS": ["Rektor", "Skolkurator", "Förstelärare"],
    "SKE": ["Rektor", "Skolkurator"],
    "SKP": ["Rektor", "Fritidspedagog"],
    "GY": ["Rektor", "Studie- och yrkesvägledare", "Lärare"],
    "KVS": ["Fastighetschef", "Förvaltare"],
    "STB": ["Fastighetschef", "Förvaltare Solbacka", "Kommunikationsansvarig"],
    "EKF": ["VD", "Förvaltare"],
    "SGB": ["VD", "Förvaltare"],
    "OBK": ["VD", "Verksamhetsledare Mötesplats Kvarnen", "Projektledare"],
    "OBS": ["VD", "Verksamhetsledare Träffpunkt Solbacka", "Projektledare"],
    "SPB": ["Kontorschef", "Hållbarhetsansvarig"],
    "BYGG": ["VD", "HR-ansvarig"],
    "GLANS": ["VD"],
    "LIVS": ["Ägare"],
    "BAGERI": ["Ägare"],
    "HAMN": ["Platschef"],
    "NVARME": ["Samhällskontakt"],
    "SOMNAD": ["Verksamhetsledare"],
    "VAKT": ["Driftchef"],
    "HGK": ["Ordförande", "Ledamot", "Ledamot (bostadsfrågor)"],
    "HGS": ["Ordförande", "Ledamot", "Kassör"],
    "KIF": ["Ordförande", "Ungdomsansvarig", "Tränare"],
    "SBFC": ["Ordförande", "Ungdomsansvarig", "Tränare"],
    "BOX": ["Ordförande", "Tränare"],
    "FNS": ["+Samordnare", "+Förälder", "+Förälder och nattvandrare"],
    "SOMK": ["Ordförande", "Sekreterare", "Ungdomsledare"],
    "KIE": ["Ordförande", "+Verksamhetsledare", "Kassör"],
    "LAX": ["Verksamhetsledare", "Läxhjälpssamordnare"],
    "STUD": ["Verksamhetschef", "Cirkelledare"],
    "VOL": ["Verksamhetsledare", "+Volontär", "+Volontär och språkvän"],
    "STIFT": ["Ordförande", "Kanslichef"],
    "FORS": ["Kyrkoherde", "Diakon"],
    "ISL": ["Ordförande", "Imam", "Ungdomsledare"],
    "PINGST": ["Pastor"],
    "SEFR": ["Ordförande"],
    "ODL": ["+Ordförande"],
    "NATT": ["+Samordnare", "+Nattvandrare"],
    "PENS": ["+Ordförande", "+Kassör"],
    "UNGR": ["+Ordförande", "+Vice ordförande", "+Ledamot", "+Sekreterare", "+Ledamot (idrott)"],
    "HOPP": ["Ordförande"],
    "BAT": ["+Ordförande"],
    "FHS": ["Rektor", "Kursledare"],
    "USA": ["Professor", "Universitetslektor", "Doktorand"],
    "UKG": ["Universitetslektor", "Forskare"],
    "ULU": ["Programansvarig", "Universitetsadjunkt"],
    "USV": ["Samverkansrådgivare"],
    "ISF": ["Föreståndare", "Forskare", "Forskningsassistent"],
}

# People who changed organisation during the year: (org, title) -> (new org, new title, from).
JOB_CHANGES = {
    ("SOC", "Fältassistent Kvarnängen"): ("OBK", "Trygghetssamordnare", date(2026, 5, 1)),
    ("NB", "Områdeschef Solbacka"): ("STB", "Förvaltningschef", date(2026, 8, 17)),
    ("USA", "Doktorand"): ("ISF", "Forskare (stadsdelsutveckling)", date(2026, 9, 1)),
    ("SBFC", "Ungdomsansvarig"): ("VOL", "Volontärsamordnare", date(2026, 3, 1)),
}
# Their successors, who start when they leave.
SUCCESSORS = {
    ("SOC", "Fältassistent Kvarnängen"): date(2026, 6, 15),
    ("NB", "Områdeschef Solbacka"): date(2026, 9, 1),
}
# People who sit in a second organisation alongside their job: the brokers of the network.
SECOND_SEATS = {
    ("USA", "Universitetslektor"): ("LAX", "Styrelseledamot", date(2024, 3, 1)),
    ("OBK", "Verksamhetsledare Mötesplats Kvarnen"): ("KIF", "Styrelseledamot", date(2023, 4, 1)),
    ("HGK", "Ordförande"): ("UNGR", "+Vuxenstöd", date(2025, 9, 1)),
}

# (first names, surnames, weight): names are drawn mostly within one tradition, as in the
# neighbourhoods themselves; a few people carry names from two.
NAME_POOLS = [
    ("""Anna Erik Maria Johan Karin Lars Elin Anders Sara Mikael Emma Peter Linnea Fredrik Ida Henrik Sofia
     Jonas Hanna Magnus Maja Daniel Ebba Oskar Klara Gustav Frida Viktor Alva Mattias Ingrid Birgitta Kent Ulla
     Bengt Gunilla Rolf Marianne Göran Helena Patrik Jenny Kristian Malin Tobias Lina Robin Josefin Simon
     Rebecka Samuel Wilma Saga Tilde Hugo Ella Isak""",
     """Lindqvist Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
     Pettersson Jonsson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Lindström Olofsson Lindgren
     Axelsson Berg Bergström Lundberg Lind Lundgren Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg
     Sjöberg Wallin Engström Eklund Håkansson Lundin Björk Bergman Holm Wikström Isaksson Nyström Holmberg
     Löfgren Söderberg Blomqvist Nordström Mårtensson Sundberg Ekström Åberg Öberg""", 55),
    ("Amina Abdi Hodan Sahra Hawa Yusuf Khalid Mohamed Faduma Ayan Liban Warsame",
     "Hassan Abdullahi Warsame Farah Yusuf Jama Osman Ali Mohamud Nur", 10),
    ("Ahmed Fatima Leyla Hassan Nour Omar Zahra Ibrahim Mustafa Aisha Mariam Elias Rana Karim Yasmin Samir",
     "Haddad Khalil Saleh Nasser Aziz Mansour Hamdan Darwish Issa Kassab", 12),
    ("Dilan Aram Shirin Reza Parisa Farid Nadia Ali Sima Hamid Zainab Mohammad",
     "Rahimi Karimi Hosseini Ahmadi Mohammadi Sultani Barzani Amiri", 8),
    ("Mehmet Elif Emre Ayla Deniz Zeynep Can Selin", "Yilmaz Demir Kaya Şahin Çelik Aydın", 4),
    ("Jelena Dragan Amra Edin Ivana Goran Mirza Lejla", "Hodžić Kovačević Petrović Nikolić Begić Hadžić", 4),
    ("Tuula Mikko Aino Jukka Sari Pekka", "Virtanen Korhonen Mäkinen Nieminen Heikkinen", 3),
    ("Marta Tomasz Agnieszka Piotr Katarzyna", "Nowak Wójcik Mazur Krawczyk", 2),
    ("Carlos Lucia Andrés Teresa Valentina Diego", "García Rodríguez Morales Fuentes Rojas", 2),
]
WOMEN = set("""Anna Maria Karin Elin Sara Emma Linnea Ida Sofia Hanna Maja Ebba Klara Frida Alva Ingrid Birgitta Ulla
Gunilla Marianne Helena Jenny Malin Lina Josefin Rebecka Wilma Saga Tilde Ella Amina Hodan Sahra Hawa Faduma Ayan
Fatima Leyla Nour Zahra Aisha Mariam Rana Yasmin Shirin Parisa Nadia Sima Zainab Dilan Elif Ayla Zeynep Selin
Jelena Amra Ivana Lejla Tuula Aino Sari Marta Agnieszka Katarzyna Lucia Teresa Valentina""".split())
# Associations whose members are all women.
WOMENS_ASSOCIATIONS = {"KIE"}
CONSENT_METHODS = [
    "Skriftlig blankett på Mötesplats Kvarnen",
    "Digitalt formulär på norrvik.example.se",
    "Muntligt vid informationsmöte, bekräftat per e-post",
    "Skriftlig blankett vid workshop",
]
phone_numbers = iter(f"070-174 06 {n:02d}" for n in range(5, 100))  # PTS's range for fiction

used_names: set[str] = set()


def new_name(woman: bool = False) -> str:
    while True:
        firsts, lasts, _weight = rng.choices(NAME_POOLS, weights=[pool[2] for pool in NAME_POOLS])[0]
        if rng.random() < 0.1:
            lasts = rng.choice(NAME_POOLS)[1]
        name = f"{rng.choice(firsts.split())} {rng.choice(lasts.split())}"
        if woman and name.split()[0] not in WOMEN:
            continue
        if name not in used_names:
            used_names.add(name)
            return name


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def email_for(name: str, domain: str) -> str:
    first, last = name.split(" ", 1)
    return f"{ascii_fold(first)}.{ascii_fold(last)}@{domain}"


def random_day(start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def org_domain(alias: str) -> str:
    website = WEBSITES[ORGANISATIONS[alias]]
    return website.removeprefix("https://").removeprefix("http://").rstrip("/")


# --- People --------------------------------------------------------------------------------

class Member:
    """A person as the generator sees them: a name and their seats over time."""

    def __init__(self, name: str):
        self.name = name
        self.seats: list[tuple[str, str, date | None, date | None]] = []  # alias, title, from, until

    def aliases_on(self, day: date) -> list[str]:
        return [alias for alias, _t, start, end in self.seats
                if (start is None or start <= day) and (end is None or day <= end)]


def build_people() -> tuple[list[dict], dict[tuple[str, str], Member], list[Member]]:
    records, by_role, members = [], {}, []
    for alias, titles in STAFF.items():
        for position, raw_title in enumerate(titles):
            changes_job = (alias, raw_title) in JOB_CHANGES
            start = random_day(date(2006, 1, 1), date(2025, 6, 30)) if position == 0 else random_day(
                date(2012, 1, 1), date(2025, 12, 31))
            if raw_title == "Doktorand":
                start = random_day(date(2021, 9, 1), date(2023, 9, 1))
            member = Member(new_name(woman=alias in WOMENS_ASSOCIATIONS))
            member.seats.append((alias, raw_title, start, None))
            by_role[alias, raw_title.lstrip("+")] = member
            members.append(member)
            if changes_job:
                new_alias, new_title, moved_on = JOB_CHANGES[alias, raw_title]
                member.seats[0] = (alias, raw_title, start, moved_on - timedelta(days=1))
                member.seats.append((new_alias, new_title, moved_on, None))
                by_role[new_alias, new_title] = member
            if (alias, raw_title) in SUCCESSORS:
                successor = Member(new_name())
                successor.seats.append((alias, raw_title, SUCCESSORS[alias, raw_title], None))
                by_role[alias, raw_title.lstrip("+") + " (ny)"] = successor
                members.append(successor)
            if (alias, raw_title) in SECOND_SEATS:
                other, other_title, since = SECOND_SEATS[alias, raw_title]
                member.seats.append((other, other_title, since, None))
    for member in members:
        records.append(_person_record(member))
    return records, by_role, members


def _person_record(member: Member) -> dict:
    # The job they hold now: their first seat, or the one they moved to if it ended.
    alias, raw_title, _start, _end = member.seats[1] if member.seats[0][3] else member.seats[0]
    resident = raw_title.startswith("+")
    sector = SECTORS[ORGANISATIONS[alias]]
    record: dict = {"name": member.name}
    if resident:
        if rng.random() < 0.75:
            record["email"] = email_for(member.name, "example.org")
    else:
        record["email"] = email_for(member.name, org_domain(alias))
    if resident or rng.random() < 0.35:
        number = next(phone_numbers, None)
        if number:
            record["phone"] = number
    record["title"] = raw_title.lstrip("+")
    if resident:
        given = random_day(date(2025, 5, 1), date(2025, 12, 15))
        record["lawful_basis"] = "consent"
        record["consent"] = {
            "given_on": given,
            "method": rng.choice(CONSENT_METHODS),
            "text_version": "v2" if given >= date(2025, 10, 1) else "v1",
        }
    else:
        record["lawful_basis"] = "public_task" if sector == "public" else "legitimate_interest"
    record["memberships"] = []
    for seat_alias, seat_title, start, end in member.seats:
        seat = {"organisation": ORGANISATIONS[seat_alias], "title": seat_title.lstrip("+")}
        if start:
            seat["from"] = start
        if end:
            seat["until"] = end
        record["memberships"].append(seat)
    return record


# --- Meetings ------------------------------------------------------------------------------

K, S, E, P = "Kvarnängen", "Solbacka", "Ekhöjden", "Strandparken"
PO_KS = ("PO", "Processledare Kvarnängen och Solbacka")
PO_EP = ("PO", "Processledare Ekhöjden och Strandparken")
PO_KS_LEADS = (*PO_KS, "facilitator")
PO_EP_LEADS = (*PO_EP, "facilitator")


def at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day} {clock}")


def meeting(kind, title, starts_at, minutes, place, organiser, neighbourhoods, lead, roles=(), orgs=(),
            agenda="", notes="", actions=()):
    """Describe a meeting: `lead` organises it, `roles` are (alias, title) seats, `orgs` are
    aliases from which someone comes ("ALIAS*2" for two), actions are (alias, title, text, weeks)."""
    return dict(kind=kind, title=title, starts_at=starts_at, minutes=minutes, place=place, organiser=organiser,
                neighbourhoods=list(neighbourhoods), lead=lead, roles=list(roles), orgs=list(orgs),
                agenda=agenda, notes=notes, actions=list(actions))


STEERING_GROUP = [("PO", "Programchef"), ("PO", "Analytiker"), ("SOC", "Avdelningschef förebyggande"),
                  ("UTB", "Verksamhetschef grundskola"), ("AMF", "Enhetschef"), ("KUF", "Avdelningschef fritid"),
                  ("NB", "VD"), ("POL", "Kommunpolis"), ("FH", "Folkhälsostrateg"), ("STIFT", "Ordförande"),
                  ("USA", "Professor"), ("OBK", "VD"), ("SPB", "Kontorschef")]
WORKING_COMMITTEE = [("PO", "Samordnare"), PO_KS, PO_EP, ("SOC", "Enhetschef fältverksamheten"),
                     ("NB", "Hållbarhetsstrateg"), ("OBK", "Verksamhetsledare Mötesplats Kvarnen"), ("OBS", "VD"),
                     ("KUF", "Föreningskonsulent"), ("AMF", "Arbetsmarknadskonsulent"), ("VOL", "Verksamhetsledare"),
                     ("ISF", "Forskare")]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def month_of(day: str) -> str:
    return MONTHS[int(day[5:7]) - 1]


def steering_group_meetings() -> list[dict]:
    decisions = {
        "2026-01-21": ("Beslut: Strandparken tas in i programmet från februari.",
                       [("PO", "Programchef", "Ta fram en kartläggningsplan för Strandparken.", 3)]),
        "2026-03-11": ("Beslut: Ekhöjden går över till mobiliseringsfasen efter framtidsverkstaden.",
                       [("PO", "Analytiker", "Sammanställ resultaten från framtidsverkstaden i Ekhöjden.", 4)]),
        "2026-05-06": ("Beslut: handlingsplanen Trygga stråk Solbacka antas; Solbacka går över till genomförande.",
                       [("SBK", "Projektledare trygghet", "Ta fram tidplan för belysningsåtgärderna i Solbacka.", 4)]),
        "2026-06-10": ("Lägesrapport om sommarjobben och läxhjälpen. Budgetuppföljning per tertial.",
                       [("AMF", "Enhetschef", "Rapportera utfallet av sommarjobben till styrgruppen i augusti.", 8)]),
        "2026-08-26": ("Utfall sommarjobb: 64 ungdomar fick sommarjobb. Trygghetsmätningens första resultat.",
                       [("PO", "Analytiker", "Presentera trygghetsmätningen för referensgrupperna.", 3)]),
        "2026-10-08": ("Beslut: Kvarnängen bedöms självbärande; områdesbolaget tar över samordningen 2027.",
                       [("OBK", "VD", "Ta fram överlämningsplan för samordningen i Kvarnängen.", 6),
                        ("PO", "Programchef", "Förbered förslag till handlingsplan 2027.", 8)]),
        "2026-11-11": ("Första utkast till handlingsplan 2027 diskuterades. Uppföljning av åtaganden.",
                       [("PO", "Samordnare", "Följ upp åtaganden med passerat slutdatum.", 3)]),
        "2026-12-09": ("", []),
    }
    meetings = []
    for day, (notes, actions) in decisions.items():
        meetings.append(meeting(
            "steering_group", f"Styrgruppsmöte {month_of(day)}", at(day, "13:00"), 120,
            "Stadshuset, sal Norrviken", "PO", [], ("PO", "Programchef"), roles=STEERING_GROUP[1:],
            agenda="1. Föregående protokoll\n2. Lägesrapport per stadsdel\n3. Åtaganden och KPI:er\n4. Beslut",
            notes=notes, actions=actions,
        ))
    return meetings


def working_committee_meetings() -> list[dict]:
    days = ["2026-01-14", "2026-02-11", "2026-03-18", "2026-04-22", "2026-05-20", "2026-06-17", "2026-08-19",
            "2026-09-16", "2026-10-21", "2026-11-18"]
    actions = {
        "2026-02-11": [("PO", "Samordnare", "Boka lokal till workshopen om läxhjälp.", 2)],
        "2026-04-22": [("KUF", "Föreningskonsulent", "Skicka inbjudan till workshopen Föreningslyftet.", 2)],
        "2026-08-19": [("VOL", "Verksamhetsledare", "Samla volontärer till framtidsverkstaden i Strandparken.", 4)],
        "2026-10-21": [("ISF", "Forskare", "Leverera delrapport från följeforskningen.", 6)],
    }
    return [meeting(
        "working_committee", f"Arbetsutskott {month_of(day)}", at(day, "09:00"), 90, "Stadshuset, rum 3", "PO",
        [], ("PO", "Samordnare"), roles=WORKING_COMMITTEE[1:],
        agenda="1. Aktuellt från stadsdelarna\n2. Kommande möten\n3. Åtaganden att följa upp",
        notes="Genomgång av aktuella frågor per stadsdel." if at(day, "09:00").date() < TODAY else "",
        actions=actions.get(day, []),
    ) for day in days]


def coordination_meetings() -> list[dict]:
    meetings = []
    for day in ["2026-02-04", "2026-04-01", "2026-06-03", "2026-09-02", "2026-11-04"]:
        strand = ["SGB"] if day >= "2026-09-01" else []
        meetings.append(meeting(
            "coordination", f"Fastighetsägarnätverket {month_of(day)}", at(day, "08:30"), 90,
            "Mötesplats Kvarnen, Kvarnvägen 12", "OBK", [K, S, E] + ([P] if strand else []), ("OBK", "VD"),
            roles=[("NB", "Områdeschef Kvarnängen"), ("NB", "Områdeschef Solbacka"), ("STB", "Förvaltningschef"),
                   ("OBK", "Trygghetssamordnare")],
            orgs=["OBS", "KVS", "STB", "EKF", "VAKT", "GLANS"] + strand,
            agenda="1. Trygghetsläget\n2. Gemensamma insatser i utemiljön\n3. Sommarjobb och lokala anställningar",
            notes="Fastighetsägarna delade lägesbilder och samordnade insatser i utemiljön."
            if day < "2026-11-23" else "",
            actions=[("OBS", "VD", "Sammanställ fastighetsägarnas gemensamma trygghetsinsatser.", 4)]
            if day == "2026-06-03" else [],
        ))
    for day in ["2026-01-21", "2026-02-18", "2026-03-25", "2026-04-15", "2026-06-09", "2026-09-23", "2026-10-14",
                "2026-11-25"]:
        strand = ["PENS", "BAT"] if day >= "2026-09-01" else []
        meetings.append(meeting(
            "coordination", f"Föreningsrådet {month_of(day)}", at(day, "18:00"), 120,
            "Norrviks Volontärcentral, Storgatan 8", "VOL", [K, S, E] + ([P] if strand else []),
            ("VOL", "Verksamhetsledare"),
            roles=[("STUD", "Verksamhetschef"), ("SBFC", "Ungdomsansvarig"), ("VOL", "Volontärsamordnare")],
            orgs=rng.sample(["HGK", "HGS", "KIF", "SBFC", "BOX", "FNS", "SOMK", "KIE", "LAX", "ODL", "NATT", "UNGR",
                             "HOPP"], 9) + strand,
            agenda="1. Nytt från föreningarna\n2. Lokaler och bidrag\n3. Gemensamma aktiviteter",
            notes="Föreningarna stämde av lokalbehov och kommande aktiviteter." if day < "2026-11-23" else "",
            actions=[("STUD", "Verksamhetschef", "Ta fram ett gemensamt kursutbud för föreningarnas styrelser.", 6)]
            if day == "2026-04-15" else [],
        ))
    for day in ["2026-01-28", "2026-03-25", "2026-05-27", "2026-08-27", "2026-10-28"]:
        meetings.append(meeting(
            "coordination", f"Trygghetssamverkan {month_of(day)}", at(day, "10:00"), 90,
            "Polisstationen Norrvik, konferensrummet", "SOC", [K, S, E], ("SOC", "Enhetschef fältverksamheten"),
            roles=[("POL", "Kommunpolis"), ("SOC", "Fältassistent Kvarnängen")],
            orgs=["POL", "RTJ", "SBK", "KUF", "SKK", "SKS", "SKE", "NB", "VAKT"],
            agenda="1. Lägesbild\n2. Händelser sedan förra mötet\n3. Insatser kommande period",
            notes="Gemensam lägesbild; fältgruppen och polisen planerade närvaro vid skollov.",
            actions=[("SOC", "Enhetschef fältverksamheten", "Planera fältgruppens närvaro under sportlovet.", 2)]
            if day == "2026-01-28" else [],
        ))
    for day in ["2026-02-17", "2026-05-12", "2026-09-09", "2026-11-10"]:
        meetings.append(meeting(
            "coordination", f"Förvaltningssamrådet {month_of(day)}", at(day, "13:00"), 90, "Stadshuset, rum 5",
            "PO", [K, S, E, P] if day >= "2026-02-02" else [K, S, E], ("PO", "Utredare"),
            orgs=["SOC", "UTB", "AMF", "KUF", "SBK", "NB", "FH", "AF", "GY"],
            agenda="1. Förvaltningarnas insatser i stadsdelarna\n2. Budget och resurser\n3. Gemensamma uppdrag",
            notes="Förvaltningarna stämde av sina insatser i programmets stadsdelar." if day < "2026-11-23" else "",
        ))
    for day in ["2026-03-05", "2026-09-17"]:
        meetings.append(meeting(
            "coordination", f"Företagarfrukost {month_of(day)}", at(day, "07:30"), 90, "Solbacka Bageri & Café",
            "SPB", [K, S, E, P], ("SPB", "Kontorschef"),
            orgs=["BYGG", "GLANS", "LIVS", "BAGERI", "HAMN", "NVARME", "SOMNAD", "VAKT", "OBK", "OBS"],
            agenda="1. Lokala anställningar\n2. Trygghet kring butikerna\n3. Sommarjobb",
            notes="Företagarna efterfrågade en gemensam kontaktväg till kommunen.",
        ))
    for day in ["2026-03-04", "2026-06-02", "2026-10-14"]:
        meetings.append(meeting(
            "coordination", f"Forskningsnätverket {month_of(day)}", at(day, "14:00"), 120,
            "Norrviks universitet, hus B", "ISF", [K, S, E], ("ISF", "Föreståndare"),
            roles=[("PO", "Analytiker", "speaker"), ("USA", "Doktorand"), ("ISF", "Forskare (stadsdelsutveckling)")],
            orgs=["USA", "UKG", "ULU", "USV", "ISF"],
            agenda="1. Pågående studier\n2. Data från programmet\n3. Publiceringsplan",
            notes="Forskarna stämde av pågående studier och behovet av data från programmet.",
        ))
    for day in ["2026-04-09", "2026-10-01"]:
        meetings.append(meeting(
            "coordination", f"Trossamfundens samråd {month_of(day)}", at(day, "17:00"), 90,
            "Norrviks församlingshem", "FORS", [K, S, E], ("FORS", "Kyrkoherde"),
            orgs=["FORS", "ISL*2", "PINGST", "SEFR"],
            agenda="1. Samverkan vid högtider\n2. Unga och fritid\n3. Gemensamt stöd vid kriser",
            notes="Trossamfunden planerade gemensamma insatser under sommarlovet.",
        ))
    return meetings


INTERVIEWS = [
    ("2026-01-13", "EKF", E), ("2026-01-20", "KIE", E), ("2026-01-27", "ISL", E), ("2026-02-03", "SEFR", E),
    ("2026-02-09", "NATT", E), ("2026-02-23", "SKE", E), ("2026-02-26", "SGB", P),
    ("2026-03-03", "HAMN", P), ("2026-03-10", "PENS", P), ("2026-03-17", "BAT", P), ("2026-03-24", "SKP", P),
    ("2026-04-07", "PINGST", P), ("2026-05-05", "SPB", S), ("2026-05-19", "SOMNAD", S),
    ("2026-05-26", "BAGERI", S), ("2026-08-25", "UKG", E), ("2026-11-26", "AF", P),
]


def interviews() -> list[dict]:
    meetings = []
    for day, alias, neighbourhood in INTERVIEWS:
        lead = PO_KS if neighbourhood in (K, S) else PO_EP
        name = ORGANISATIONS[alias]
        meetings.append(meeting(
            "interview", f"Intervju: {name}", at(day, rng.choice(["09:00", "10:00", "13:00", "14:30"])), 60,
            f"Hos {name}", "PO", [neighbourhood], lead, orgs=[alias] + ([alias] if rng.random() < 0.3 else []),
            agenda="Verksamheten i stadsdelen, behov som organisationen ser, intresse för samverkan.",
            notes=f"Samtal om verksamheten i {neighbourhood}, vilka behov organisationen ser och vad den kan bidra med.",
        ))
    return meetings


def workshops() -> list[dict]:
    return [
        meeting("workshop", "Workshop: Sommarjobb 2026", at("2026-02-12", "13:00"), 180,
                "Mötesplats Kvarnen, Kvarnvägen 12", "AMF", [K, S], ("AMF", "Enhetschef"),
                roles=[PO_KS_LEADS, ("AMF", "Feriejobbssamordnare", "speaker")],
                orgs=["AF*2", "NB*2", "BYGG*2", "OBK*2", "KVS", "SPB", "KIF", "UNGR*2", "SKK", "GY"],
                agenda="1. Förra årets sommarjobb\n2. Hur många platser kan vi skapa tillsammans?\n3. Åtaganden",
                notes="Arbetsgivarna i Kvarnängen och Solbacka lovade tillsammans över 60 sommarjobb.",
                actions=[("AMF", "Feriejobbssamordnare", "Skicka avsiktsförklaringar till alla arbetsgivare.", 2),
                         ("UNGR", "Ordförande", "Sprid ansökan om sommarjobb i skolor och på fritidsgården.", 4)]),
        meeting("workshop", "Framtidsverkstad Ekhöjden", at("2026-03-07", "10:00"), 240,
                "Ekhöjdens skola, matsalen", "PO", [E], PO_EP, roles=[("PO", "Kommunikatör", "facilitator")],
                orgs=["KIE*2", "ISL*2", "SEFR", "NATT", "HOPP", "BOX", "EKF*2", "NB", "SKE*2", "KUF", "SOC",
                      "POL", "UKG", "ISF", "VOL"],
                agenda="1. Hur ser Ekhöjden ut 2030?\n2. Vad står i vägen?\n3. Vad kan vi göra redan i år?",
                notes="Bristen på mötesplatser sedan fritidsgården stängde var det tydligaste temat.",
                actions=[(PO_EP[0], PO_EP[1], "Skicka sammanfattning till alla deltagare.", 2),
                         ("KIE", "Ordförande", "Ta fram förslag på lokal för en mötesplats.", 8)]),
        meeting("workshop", "Workshop: Trygga stråk i Solbacka", at("2026-03-19", "17:30"), 150,
                "Träffpunkt Solbacka", "SBK", [S], ("SBK", "Projektledare trygghet"),
                roles=[PO_KS_LEADS, ("UKG", "Universitetslektor", "speaker")],
                orgs=["SBK", "POL*2", "STB*2", "NB", "OBS*2", "FNS*2", "HGS", "SBFC", "SKS", "VAKT", "BAGERI", "ODL",
                      "SOC"],
                agenda="1. Boendes bild av otrygga platser\n2. Forskning om trygghet och belysning\n3. Prioriteringar",
                notes="Gångtunneln mot stationen och parkeringen vid Solbackavägen prioriteras.",
                actions=[("SBK", "Planarkitekt", "Ta fram skiss för ny belysning i gångtunneln.", 6),
                         ("STB", "Fastighetschef", "Se över buskage och belysning på gårdarna.", 6)]),
        meeting("workshop", "Workshop: Läxhjälp och studiero", at("2026-04-16", "15:00"), 150,
                "Kvarnängsskolan, aulan", "UTB", [K, S, E], ("UTB", "Utvecklingsledare"),
                roles=[PO_KS_LEADS, ("ULU", "Programansvarig", "speaker")],
                orgs=["UTB", "SKK*2", "SKS*2", "SKE", "LAX*2", "STUD", "STIFT", "FORS", "SOMK", "ULU", "HGK", "FNS"],
                agenda="1. Vad behöver eleverna?\n2. Läxhjälp i dag\n3. Lärarstudenter som läxhjälpare",
                notes="Läxhjälpen utökas till tre skolor med lärarstudenter och stiftelsens stöd.",
                actions=[("LAX", "Verksamhetsledare", "Ta fram schema för läxhjälp på tre skolor.", 4)]),
        meeting("workshop", "Workshop: Föreningslyftet", at("2026-05-13", "18:00"), 150,
                "Norrviks Volontärcentral, Storgatan 8", "KUF", [K, S, E, P], ("KUF", "Föreningskonsulent"),
                roles=[PO_EP_LEADS, ("VOL", "Verksamhetsledare", "speaker")],
                orgs=["KUF", "VOL", "STUD", "HGK", "HGS", "KIF", "SBFC", "BOX", "SOMK", "KIE", "ODL", "NATT", "UNGR",
                      "HOPP", "PENS", "STIFT", "SPB"],
                agenda="1. Föreningarnas utmaningar\n2. Utbildning för styrelser\n3. Gemensam lokalbank",
                notes="Föreningarna vill ha styrelseutbildning och en gemensam lokalbank.",
                actions=[("KUF", "Föreningskonsulent", "Ta fram förslag på gemensam lokalbank.", 8)]),
        meeting("workshop", "Workshop: Ungas fritid i Kvarnängen", at("2026-06-04", "16:00"), 120,
                "Mötesplats Kvarnen, Kvarnvägen 12", "UNGR", [K], ("UNGR", "Ordförande"),
                roles=[("KUF", "Fritidsledare", "facilitator")],
                orgs=["UNGR*2", "KIF", "BOX", "SOC", "OBK", "HGK", "FORS", "SKK", "POL"],
                agenda="1. Vad saknar unga i Kvarnängen?\n2. Sommarlovet\n3. Hur når vi fler?",
                notes="Ungdomsrådet önskar längre öppettider på helger och fler tjejaktiviteter.",
                actions=[("KUF", "Fritidsledare", "Pröva helgöppet på fritidsgården under hösten.", 10)]),
        meeting("workshop", "Workshop: Mötesplats Ekhöjden", at("2026-09-10", "17:00"), 150,
                "Ekhöjdens skola, matsalen", "KIE", [E], ("KIE", "Ordförande"), roles=[PO_EP_LEADS, ("ISF", "Forskare", "speaker")],
                orgs=["KIE", "ISL", "SEFR", "HOPP", "EKF*2", "KUF", "SOC", "NB", "NVARME", "STUD"],
                agenda="1. Lokalen i Ekhöjdens centrum\n2. Drift och öppettider\n3. Vem gör vad?",
                notes="Ekhöjden Fastigheter erbjuder lokalen i centrum; föreningarna delar på driften.",
                actions=[("EKF", "VD", "Ta fram hyresavtal för lokalen i Ekhöjdens centrum.", 4),
                         ("KIE", "Ordförande", "Samla föreningarnas schema för mötesplatsen.", 6)]),
        meeting("workshop", "Framtidsverkstad Strandparken", at("2026-09-26", "10:00"), 240,
                "Strandparksskolan, matsalen", "PO", [P], PO_EP, roles=[("PO", "Kommunikatör", "facilitator")],
                orgs=["SGB*2", "HAMN", "PENS*2", "BAT", "PINGST", "SKP*2", "SBK", "KUF", "NB", "POL", "VOL"],
                agenda="1. Hur ser Strandparken ut 2030?\n2. Vad saknas i dag?\n3. Nästa steg",
                notes="Boende efterfrågar mötesplatser över generationsgränser och tryggare hamnpromenad.",
                actions=[(PO_EP[0], PO_EP[1], "Skicka sammanfattning och bjud in till uppföljning.", 2)]),
        meeting("workshop", "Workshop: Uppföljning av sommarjobben", at("2026-10-15", "13:00"), 150,
                "Mötesplats Kvarnen, Kvarnvägen 12", "AMF", [K, S], ("AMF", "Feriejobbssamordnare"),
                roles=[PO_KS_LEADS], orgs=["AMF", "AF", "NB", "BYGG", "OBK", "KVS", "GLANS", "SPB", "UNGR*2", "GY", "SOMNAD"],
                agenda="1. Utfall 2026\n2. Vad sa ungdomarna?\n3. Planering för 2027",
                notes="64 ungdomar fick sommarjobb; arbetsgivarna vill ha tidigare matchning 2027.",
                actions=[("AMF", "Feriejobbssamordnare", "Skicka utvärderingen till alla arbetsgivare.", 3),
                         ("BYGG", "HR-ansvarig", "Anmäl antal platser för 2027.", 8)]),
        meeting("workshop", "Workshop: Handlingsplan 2027", at("2026-12-03", "09:00"), 240,
                "Stadshuset, sal Norrviken", "PO", [], ("PO", "Programchef"),
                roles=[PO_KS_LEADS, PO_EP_LEADS, ("PO", "Analytiker", "speaker")],
                orgs=["SOC", "UTB", "AMF", "KUF", "NB", "OBK", "OBS", "STB", "EKF", "SGB", "VOL", "STUD", "LAX",
                      "KIE", "HGK", "ISF", "USA", "POL"],
                agenda="1. Vad har vi åstadkommit 2026?\n2. Prioriteringar per stadsdel\n3. Åtaganden 2027"),
    ]


def information_meetings() -> list[dict]:
    return [
        meeting("information", "Informationsmöte: Programmet kommer till Strandparken", at("2026-02-19", "18:00"),
                90, "Strandparksskolan, aulan", "PO", [P], PO_EP, roles=[("PO", "Programchef", "speaker")],
                orgs=["SGB", "PENS*2", "BAT", "PINGST", "SKP", "HAMN", "POL", "KUF"],
                agenda="Vad programmet för socialt hållbara stadsdelar är och hur boende kan delta.",
                notes="Ett fyrtiotal boende kom; många frågor om hamnområdets framtid."),
        meeting("information", "Informationsmöte: Renoveringen i Solbacka", at("2026-02-24", "18:00"), 90,
                "Träffpunkt Solbacka", "STB", [S], ("STB", "Kommunikationsansvarig"),
                roles=[("STB", "Förvaltare Solbacka", "speaker")],
                orgs=["NB", "HGS*2", "OBS", "FNS*2", "ODL", "SOMK", PO_KS[0]],
                agenda="Tidplan för renoveringen, evakuering och hyror efter renovering.",
                notes="Hyresgästföreningen efterfrågade bättre information om evakueringslägenheter.",
                actions=[("STB", "Kommunikationsansvarig", "Publicera frågor och svar om renoveringen.", 2)]),
        meeting("information", "Informationsmöte: Sommarjobb för unga", at("2026-04-28", "16:30"), 60,
                "Kvarnängsskolan, aulan", "AMF", [K, S], ("AMF", "Feriejobbssamordnare"),
                orgs=["AF", "UNGR*3", "SKK", "SKS", "GY*2", "KIF", "OBK"],
                agenda="Hur man söker sommarjobb, vilka arbetsgivare som finns och sista ansökningsdag.",
                notes="Drygt 120 ungdomar kom; ansökan öppnade samma kväll."),
        meeting("information", "Informationsmöte: Trygghetsmätningen 2026", at("2026-08-31", "15:00"), 90,
                "Stadshuset, sal Norrviken", "PO", [], ("PO", "Analytiker"),
                roles=[("PO", "Kommunikatör", "facilitator")],
                orgs=["SOC", "POL", "NB", "FH", "STB", "OBK", "HGK", "KIE"],
                agenda="Resultat från vårens trygghetsmätning per stadsdel.",
                notes="Otryggheten minskar i Kvarnängen och Solbacka men inte i Ekhöjden."),
        meeting("information", "Informationsmöte: Föreningsbidrag 2027", at("2026-10-20", "18:00"), 90,
                "Norrviks Volontärcentral, Storgatan 8", "KUF", [K, S, E, P], ("KUF", "Föreningskonsulent"),
                orgs=["VOL", "HGK", "KIF", "SBFC", "BOX", "SOMK", "KIE", "HOPP", "ODL", "PENS", "BAT", "UNGR"],
                agenda="Nya regler för föreningsbidrag och hur man söker.",
                notes="Ansökan om verksamhetsbidrag 2027 ska in senast 15 januari."),
        meeting("information", "Informationsmöte: Mötesplats Ekhöjden öppnar", at("2026-12-10", "18:00"), 90,
                "Ekhöjdens centrum, lokal 4", "KIE", [E], ("KIE", "Ordförande"),
                roles=[("EKF", "VD", "speaker")], orgs=["ISL", "SEFR", "HOPP", "NATT", "KUF", "SKE", PO_EP[0]],
                agenda="Presentation av mötesplatsen, öppettider och hur föreningar bokar lokalen."),
    ]


def site_visits() -> list[dict]:
    return [
        meeting("site_visit", "Trygghetsvandring i Solbacka", at("2026-04-23", "19:00"), 120,
                "Samling vid Solbacka station", "SBK", [S], ("SBK", "Projektledare trygghet"),
                orgs=["POL", "STB", "NB", "OBS", "FNS*2", "HGS", "VAKT", PO_KS[0]],
                notes="Tolv platser noterades; belysningen i gångtunneln är det mest akuta.",
                actions=[("SBK", "Projektledare trygghet", "Skicka protokoll med åtgärdslista till fastighetsägarna.",
                          2)]),
        meeting("site_visit", "Trygghetsvandring i Ekhöjden", at("2026-05-21", "19:00"), 120,
                "Samling vid Ekhöjdens centrum", "SBK", [E], ("SBK", "Projektledare trygghet"),
                orgs=["POL", "EKF", "NB", "KIE", "NATT*2", "HOPP", "RTJ", PO_EP[0]],
                notes="Nedsläckta entréer och en öde parkering mot skogen noterades.",
                actions=[("EKF", "Förvaltare", "Byt trasig entrébelysning i punkthusen.", 3)]),
        meeting("site_visit", "Studiebesök: Mötesplats Kvarnen", at("2026-06-16", "10:00"), 120,
                "Mötesplats Kvarnen, Kvarnvägen 12", "OBK", [K, E], ("OBK", "Verksamhetsledare Mötesplats Kvarnen"),
                roles=[PO_EP], orgs=["OBK", "KIE", "EKF", "SGB", "KUF", "ISF"],
                notes="Besökarna från Ekhöjden och Strandparken fick se hur driften av mötesplatsen är ordnad."),
        meeting("site_visit", "Studiebesök: Hamnkvarteret", at("2026-08-20", "13:00"), 90,
                "Hamnkvarterets Logistik AB, terminal 2", "HAMN", [P], ("HAMN", "Platschef"),
                roles=[PO_EP], orgs=["SGB", "AMF", "AF", "SBK"],
                notes="Logistikföretaget behöver 15 lagerarbetare och vill rekrytera lokalt.",
                actions=[("AMF", "Arbetsmarknadskonsulent", "Ta fram en kort lagerutbildning med Arbetsförmedlingen.",
                          6)]),
        meeting("site_visit", "Trygghetsvandring i Strandparken", at("2026-09-15", "19:00"), 120,
                "Samling vid hamnpiren", "SBK", [P], ("SBK", "Projektledare trygghet"),
                orgs=["POL", "SGB", "PENS", "BAT", "NB", PO_EP[0]],
                notes="Hamnpromenaden saknar belysning norr om piren."),
        meeting("site_visit", "Studiebesök: Sömnadskollektivet", at("2026-10-27", "10:00"), 90,
                "Sömnadskollektivet, Solbackavägen 30", "SOMNAD", [S], ("SOMNAD", "Verksamhetsledare"),
                roles=[PO_KS], orgs=["AMF", "AF", "SPB", "FH", "NB"],
                notes="Kollektivet kan ta emot sex personer i arbetsträning från januari."),
    ]


def attendance(plan: dict, members_of) -> list:
    """Pick who came, for which organisation, in which role, and whether they showed up."""
    day = plan["starts_at"].date()
    seats: list[tuple[Member, str, str]] = []  # member, alias, role

    def take(member: Member | None, alias: str, role: str) -> None:
        if member is not None and all(member is not taken for taken, _a, _r in seats):
            seats.append((member, alias, role))

    take(person(plan["lead"], day), plan["lead"][0], "organiser")
    for alias, title, *role in plan["roles"]:
        take(person((alias, title), day), alias, role[0] if role else "participant")
    for entry in plan["orgs"]:
        alias, _, count = entry.partition("*")
        candidates = [m for m in members_of(alias, day) if all(m is not t for t, _a, _r in seats)]
        for member in rng.sample(candidates, min(int(count or 1), len(candidates))):
            take(member, alias, "participant")
    return [_participant(member, alias, role, day, plan) for member, alias, role in seats]


def person(role: tuple[str, str], day: date) -> Member | None:
    alias, title = role
    member = PEOPLE_BY_ROLE.get((alias, title))
    if member is not None and alias not in member.aliases_on(day):
        member = PEOPLE_BY_ROLE.get((alias, f"{title} (ny)"))
    if member is None or alias not in member.aliases_on(day):
        return None
    return member


def _participant(member: Member, alias: str, role: str, day: date, plan: dict):
    status = "attended"
    if day >= TODAY:
        status = "registered" if role != "participant" or rng.random() < 0.7 else "invited"
    elif role == "participant":
        draw = rng.random()
        status = "no_show" if draw < 0.05 else "cancelled" if draw < 0.11 else "attended"
    entry: dict = {"person": member.name, "for": ORGANISATIONS[alias]}
    if role != "participant":
        entry["role"] = role
    if status != "attended":
        entry["status"] = status
    return entry


def meeting_record(plan: dict, members_of) -> dict:
    record = {
        "title": plan["title"],
        "kind": plan["kind"],
        "starts_at": plan["starts_at"].strftime("%Y-%m-%d %H:%M"),
        "duration_minutes": plan["minutes"],
        "place": plan["place"],
        "organiser": ORGANISATIONS[plan["organiser"]],
    }
    if plan["neighbourhoods"]:
        record["neighbourhoods"] = plan["neighbourhoods"]
    if plan["agenda"]:
        record["agenda"] = plan["agenda"]
    if plan["notes"] and plan["starts_at"].date() < TODAY:
        record["minutes"] = plan["notes"]
    record["participants"] = attendance(plan, members_of)
    actions = []
    for alias, title, text, weeks in plan["actions"]:
        responsible = person((alias, title), plan["starts_at"].date())
        due = plan["starts_at"].date() + timedelta(weeks=weeks)
        action = {"description": text, "responsible": responsible.name if responsible else None, "due_on": due}
        if due < TODAY and rng.random() < 0.8:
            action["done_on"] = due - timedelta(days=rng.randrange(0, 10))
        actions.append({k: v for k, v in action.items() if v is not None})
    if actions:
        record["actions"] = actions
    return record


# --- Writing -------------------------------------------------------------------------------

def _str_block(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


yaml.add_representer(str, _str_block, Dumper=yaml.SafeDumper)


def dump(records: list[dict], header: str) -> str:
    body = "\n".join(
        yaml.safe_dump([record], allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)
        for record in records
    )
    return header + "\n" + body


def main() -> None:
    global WEBSITES, SECTORS, PEOPLE_BY_ROLE
    organisations = yaml.safe_load((SEED_DATA / "organisations.yaml").read_text(encoding="utf-8"))
    WEBSITES = {o["name"]: o["website"] for o in organisations}
    SECTORS = {o["name"]: o["sector"] for o in organisations}
    assert set(ORGANISATIONS.values()) <= set(WEBSITES), set(ORGANISATIONS.values()) - set(WEBSITES)

    people, PEOPLE_BY_ROLE, members = build_people()

    def members_of(alias: str, day: date) -> list[Member]:
        return [m for m in members if alias in m.aliases_on(day)]

    plans = (steering_group_meetings() + working_committee_meetings() + coordination_meetings() + interviews()
             + workshops() + information_meetings() + site_visits())
    plans.sort(key=lambda plan: plan["starts_at"])
    titles = [plan["title"] for plan in plans]
    assert len(titles) == len(set(titles)), "meeting titles must be unique within the seed data"
    weekend = [p["title"] for p in plans if p["starts_at"].weekday() >= 5 and "Framtidsverkstad" not in p["title"]]
    assert not weekend, f"only the future workshops fall on a Saturday: {weekend}"
    meetings = [meeting_record(plan, members_of) for plan in plans]

    (SEED_DATA / "people.yaml").write_text(dump(people, PEOPLE_HEADER), encoding="utf-8")
    (SEED_DATA / "meetings.yaml").write_text(dump(meetings, MEETINGS_HEADER), encoding="utf-8")
    participations = sum(len(m["participants"]) for m in meetings)
    print(f"Wrote {len(people)} people, {len(meetings)} meetings, {participations} participations.")


PEOPLE_HEADER = """\
# The people of the demo coalition, all fictional. Written by bench/generate_seed_data.py.
# E-mail addresses are under example.se/example.org; phone numbers come from the range PTS
# keeps for fiction (070-174 06 05 to 070-174 06 99).
# lawful_basis: public_task for public-sector contacts, legitimate_interest for other
# organisations' staff, consent (with date, method and consent-text version) for residents
# and volunteers. memberships: from/until dates; a missing `until` means it is current.
"""
MEETINGS_HEADER = """\
# A year of meetings (2026) in the demo coalition. Written by bench/generate_seed_data.py.
# Titles are unique in this file; commitments.yaml and initiatives.yaml refer to meetings by title.
# participants: the person, the organisation they came `for` (as of that day), their `role`
# if not participant (organiser, facilitator, speaker) and their `status` if they did not
# simply attend (invited, registered, no_show, cancelled).
# actions: follow-ups with the person responsible, a due date and, when finished, done_on.
"""

if __name__ == "__main__":
    main()

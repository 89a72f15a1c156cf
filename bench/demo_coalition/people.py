"""The people of each organisation: titles, names, job changes and second seats.

Titles marked "+" are residents and volunteers, whose data the office holds on their consent.
The first title of an organisation is who represents it at most meetings.
"""
import random
import unicodedata
from datetime import date, timedelta

from .actors import NEVER_MET, SECTOR, domain

rng = random.Random(2026)

STAFF = {
    "PO": ["Programchef", "Processledare Kvarnängen och Solbacka", "Processledare Ekhöjden och Strandparken",
           "Samordnare", "Analytiker", "Kommunikatör", "Processledare Björkhagen"],
    "SOC": ["Avdelningschef förebyggande", "Enhetschef fältverksamheten", "Fältassistent Kvarnängen",
            "Fältassistent Ekhöjden", "Socialsekreterare"],
    "UTB": ["Verksamhetschef grundskola", "Utvecklingsledare", "Samordnare nyanlända"],
    "AMF": ["Enhetschef", "Arbetsmarknadskonsulent", "Feriejobbssamordnare", "Jobbcoach"],
    "KUF": ["Avdelningschef fritid", "Föreningskonsulent", "Fritidsledare", "Kulturutvecklare"],
    "SBK": ["Projektledare trygghet", "Planarkitekt"],
    "RTJ": ["Brandinspektör"],
    "NB": ["VD", "Områdeschef Kvarnängen", "Områdeschef Solbacka", "Hållbarhetsstrateg", "Bovärd Kvarnängen",
           "Områdeschef Björkhagen"],
    "VC": ["Verksamhetschef"],
    "FH": ["Folkhälsostrateg", "Folkhälsoplanerare Sjöberga"],
    "POL": ["Kommunpolis", "Områdespolis Kvarnängen", "Områdespolis Ekhöjden", "Områdespolis Solbacka"],
    "AF": ["Sektionschef", "Arbetsförmedlare"],
    "GY": ["Rektor", "Studie- och yrkesvägledare"],
    "SKK": ["Rektor", "Skolkurator", "Lärare åk 7–9"],
    "SKS": ["Rektor", "Skolkurator"],
    "SKE": ["Rektor", "Skolkurator"],
    "SKP": ["Rektor", "Studie- och yrkesvägledare"],
    "SKB": ["Rektor"],
    "FCB": ["Verksamhetschef", "Barnmorska"],
    "LST": ["Utvecklingsstrateg"],
    "BRF": ["+Ordförande"],
    "PIZZA": ["Ägare"],
    "FRIS": ["Ägare"],
    "ENERGI": ["HR-chef"],
    "LANT": ["Ägare"],
    "SPF": ["+Ordförande"],
    "MIF": ["Ordförande"],
    "GMK": ["Ordförande"],
    "TAM": ["Ordförande"],
    "MISS": ["Diakon"],
    "SJK": ["Utvecklingsstrateg", "Kommundirektör", "Kommunikatör"],
    "SJS": ["Enhetschef förebyggande", "Fältsekreterare"],
    "SJB": ["VD", "Områdeschef Granlunda"],
    "SKG": ["Rektor", "Skolkurator"],
    "SKM": ["Rektor"],
    "POS": ["Kommunpolis"],
    "KVS": ["Fastighetschef", "Förvaltare"],
    "STB": ["Fastighetschef", "Förvaltare Solbacka", "Kommunikationsansvarig"],
    "EKF": ["VD", "Förvaltare"],
    "SGB": ["VD", "Förvaltare"],
    "BJF": ["VD", "Förvaltare"],
    "GRF": ["VD", "Förvaltare Granlunda"],
    "STJ": ["Förvaltningschef"],
    "MYF": ["VD"],
    "OBK": ["VD", "Verksamhetsledare Mötesplats Kvarnen", "Projektledare"],
    "OBS": ["VD", "Verksamhetsledare Träffpunkt Solbacka"],
    "SPB": ["Kontorschef", "Hållbarhetsansvarig"],
    "BYGG": ["VD", "HR-ansvarig"],
    "GLANS": ["VD"],
    "LIVS": ["Ägare"],
    "BAGERI": ["Ägare"],
    "SOMNAD": ["Verksamhetsledare"],
    "VAKT": ["Driftchef"],
    "NVARME": ["Samhällskontakt"],
    "HAMN": ["Platschef", "HR-ansvarig"],
    "MAR": ["Ägare"],
    "BBS": ["Ägare"],
    "GTH": ["VD"],
    "MTC": ["Ägare"],
    "HGK": ["Ordförande", "Ledamot"],
    "HGS": ["Ordförande", "Ledamot"],
    "KIF": ["Ordförande", "Ungdomsansvarig", "Tränare"],
    "SBFC": ["Ordförande", "Ungdomsansvarig"],
    "BOX": ["Ordförande", "Tränare"],
    "FNS": ["+Samordnare", "+Förälder"],
    "SOMK": ["Ordförande", "Ungdomsledare"],
    "KIE": ["Ordförande", "+Verksamhetsledare", "Kassör"],
    "LAX": ["Verksamhetsledare", "Läxhjälpssamordnare"],
    "STUD": ["Verksamhetschef", "Cirkelledare"],
    "VOL": ["Verksamhetsledare", "+Volontär"],
    "STIFT": ["Ordförande", "Kanslichef"],
    "FORS": ["Kyrkoherde", "Diakon"],
    "ISL": ["Ordförande", "Imam"],
    "PINGST": ["Pastor"],
    "SEFR": ["Ordförande"],
    "ODL": ["+Ordförande"],
    "NATT": ["+Samordnare", "+Nattvandrare"],
    "PENS": ["+Ordförande", "+Kassör"],
    "UNGR": ["+Ordförande", "+Vice ordförande", "+Ledamot"],
    "HOPP": ["Ordförande"],
    "BAT": ["+Ordförande"],
    "FHS": ["Rektor"],
    "HGB": ["Ordförande", "Ledamot"],
    "BFF": ["Ordförande", "Ungdomsansvarig"],
    "GSB": ["+Samordnare"],
    "GIK": ["Ordförande", "Ungdomsansvarig"],
    "KFG": ["Ordförande", "+Språkcafévärd"],
    "HGG": ["Ordförande"],
    "ERI": ["Ordförande"],
    "SJF": ["Kyrkoherde", "Diakon"],
    "MBL": ["+Ordförande", "+Sekreterare"],
    "MSK": ["+Scoutledare"],
    "USA": ["Professor", "Universitetslektor", "Doktorand"],
    "UKG": ["Universitetslektor"],
    "ULU": ["Programansvarig"],
    "USV": ["Samverkansrådgivare", "Samverkansrådgivare Sjöberga"],
    "ISF": ["Föreståndare", "Forskare"],
}
assert set(STAFF) == set(SECTOR), set(SECTOR) ^ set(STAFF)

# People who changed organisation: (org, title) -> (new org, new title, from).
JOB_CHANGES = {
    ("SOC", "Fältassistent Kvarnängen"): ("OBK", "Trygghetssamordnare", date(2026, 5, 1)),
    ("NB", "Områdeschef Solbacka"): ("STB", "Förvaltningschef", date(2026, 8, 17)),
    ("USA", "Doktorand"): ("ISF", "Forskare (stadsdelsutveckling)", date(2026, 9, 1)),
    # Solbacka BK's youth leader left in March 2026; the football alliance with Kvarnängens IF lapsed.
    ("SBFC", "Ungdomsansvarig"): ("VOL", "Volontärsamordnare", date(2026, 3, 1)),
    # Granlunda Förvaltning sold its buildings; its property manager went to the municipal landlord.
    ("GRF", "Förvaltare Granlunda"): ("SJB", "Förvaltare", date(2026, 3, 1)),
}
SUCCESSORS = {
    ("SOC", "Fältassistent Kvarnängen"): date(2026, 6, 15),
    ("NB", "Områdeschef Solbacka"): date(2026, 9, 1),
}
# People who sit in a second organisation alongside their job: brokers at the persons level.
SECOND_SEATS = {
    ("USA", "Universitetslektor"): ("LAX", "Styrelseledamot", date(2024, 3, 1)),
    ("OBK", "Verksamhetsledare Mötesplats Kvarnen"): ("KIF", "Styrelseledamot", date(2023, 4, 1)),
    ("HGK", "Ordförande"): ("UNGR", "+Vuxenstöd", date(2025, 9, 1)),
}
WOMENS_ASSOCIATIONS = {"KIE"}

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
    ("Semhar Yonas Senait Dawit Helen Tesfay", "Tesfamariam Haile Gebremedhin Berhane Kidane", 2),
]
WOMEN = set("""Anna Maria Karin Elin Sara Emma Linnea Ida Sofia Hanna Maja Ebba Klara Frida Alva Ingrid Birgitta Ulla
Gunilla Marianne Helena Jenny Malin Lina Josefin Rebecka Wilma Saga Tilde Ella Amina Hodan Sahra Hawa Faduma Ayan
Fatima Leyla Nour Zahra Aisha Mariam Rana Yasmin Shirin Parisa Nadia Sima Zainab Dilan Elif Ayla Zeynep Selin
Jelena Amra Ivana Lejla Tuula Aino Sari Marta Agnieszka Katarzyna Lucia Teresa Valentina Semhar Senait
Helen""".split())
CONSENT_METHODS = [
    "Skriftlig blankett på Mötesplats Kvarnen",
    "Digitalt formulär på norrvik.example.se",
    "Muntligt vid informationsmöte, bekräftat per e-post",
    "Skriftlig blankett vid workshop",
]
# The ranges PTS keeps for fiction: 070-174 06 05 to 99, and 031-390 06 00 to 99.
PHONE_NUMBERS = iter([f"070-174 06 {n:02d}" for n in range(5, 100)] + [f"031-390 06 {n:02d}" for n in range(100)])

_used_names: set[str] = set()


def new_name(woman: bool = False) -> str:
    while True:
        firsts, lasts, _weight = rng.choices(NAME_POOLS, weights=[pool[2] for pool in NAME_POOLS])[0]
        if rng.random() < 0.1:
            lasts = rng.choice(NAME_POOLS)[1]
        name = f"{rng.choice(firsts.split())} {rng.choice(lasts.split())}"
        if woman and name.split()[0] not in WOMEN:
            continue
        if name not in _used_names:
            _used_names.add(name)
            return name


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def email_for(name: str, domain_name: str) -> str:
    first, last = name.split(" ", 1)
    return f"{ascii_fold(first)}.{ascii_fold(last)}@{domain_name}"


def random_day(start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


class Member:
    """A person as the generator sees them: a name and their seats over time."""

    def __init__(self, name: str):
        self.name = name
        self.seats: list[tuple[str, str, date | None, date | None]] = []  # alias, title, from, until
        self.first_attended: date | None = None

    def aliases_on(self, on: date) -> list[str]:
        return [alias for alias, _t, start, end in self.seats
                if (start is None or start <= on) and (end is None or on <= end)]

    @property
    def resident(self) -> bool:
        return self.current_seat[1].startswith("+")

    @property
    def current_seat(self):
        # The job they hold now: their first seat, or the one they moved to if it ended.
        return self.seats[1] if self.seats[0][3] else self.seats[0]


class Staff:
    """Everyone, and who holds which title at which organisation."""

    def __init__(self):
        self.members: list[Member] = []
        self.by_role: dict[tuple[str, str], Member] = {}
        for alias, titles in STAFF.items():
            for position, raw_title in enumerate(titles):
                self._hire(alias, position, raw_title)

    def _hire(self, alias: str, position: int, raw_title: str) -> None:
        start = random_day(date(2006, 1, 1), date(2024, 6, 30)) if position == 0 else random_day(
            date(2012, 1, 1), date(2024, 12, 31))
        if raw_title == "Doktorand":
            start = random_day(date(2021, 9, 1), date(2023, 9, 1))
        member = Member(new_name(woman=alias in WOMENS_ASSOCIATIONS))
        member.seats.append((alias, raw_title, start, None))
        self.by_role[alias, raw_title.lstrip("+")] = member
        self.members.append(member)
        if (alias, raw_title) in JOB_CHANGES:
            new_alias, new_title, moved_on = JOB_CHANGES[alias, raw_title]
            member.seats[0] = (alias, raw_title, start, moved_on - timedelta(days=1))
            member.seats.append((new_alias, new_title, moved_on, None))
            self.by_role[new_alias, new_title] = member
        if (alias, raw_title) in SUCCESSORS:
            successor = Member(new_name())
            successor.seats.append((alias, raw_title, SUCCESSORS[alias, raw_title], None))
            self.by_role[alias, raw_title.lstrip("+") + " (ny)"] = successor
            self.members.append(successor)
        if (alias, raw_title) in SECOND_SEATS:
            other, other_title, since = SECOND_SEATS[alias, raw_title]
            member.seats.append((other, other_title, since, None))

    def holding(self, alias: str, title: str, on: date) -> Member | None:
        """Return who holds a title at an organisation on a day (the successor after a job change)."""
        member = self.by_role.get((alias, title))
        if member is not None and alias not in member.aliases_on(on):
            member = self.by_role.get((alias, f"{title} (ny)"))
        if member is None or alias not in member.aliases_on(on):
            return None
        return member

    def of(self, alias: str, on: date) -> list[Member]:
        """Return the organisation's people on a day, its representative first."""
        return [m for m in self.members if alias in m.aliases_on(on)]


def person_record(member: Member, organisation_names: dict[str, str]) -> dict:
    alias, raw_title, _start, _end = member.current_seat
    record: dict = {"name": member.name}
    if member.resident:
        if rng.random() < 0.75:
            record["email"] = email_for(member.name, "example.org")
    else:
        record["email"] = email_for(member.name, domain(alias))
    if member.resident or rng.random() < 0.3:
        number = next(PHONE_NUMBERS, None)
        if number:
            record["phone"] = number
    record["title"] = raw_title.lstrip("+")
    if member.resident:
        # Residents gave their consent before (or on) the first meeting they came to.
        latest = member.first_attended or date(2026, 6, 30)
        given = latest - timedelta(days=rng.randrange(0, 40))
        record["lawful_basis"] = "consent"
        record["consent"] = {
            "given_on": given,
            "method": rng.choice(CONSENT_METHODS),
            "text_version": "v2" if given >= date(2025, 10, 1) else "v1",
        }
    else:
        record["lawful_basis"] = "public_task" if SECTOR[alias] == "public" else "legitimate_interest"
    record["memberships"] = []
    for seat_alias, seat_title, start, end in member.seats:
        seat = {"organisation": organisation_names[seat_alias], "title": seat_title.lstrip("+")}
        if start:
            seat["from"] = start
        if end:
            seat["until"] = end
        record["memberships"].append(seat)
    return record


assert not NEVER_MET - set(STAFF)

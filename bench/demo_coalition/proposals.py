"""The proposals the actors put forward in the demo's workshops, the dots they got, and what became of them.

Most come from the workshops where the coalition's initiatives were born and were adopted into
those initiatives; one was merged into a proposal that said the same, one set aside, and a few
from the autumn of 2026 are still open, so that the dashboard's quarter shows a process under way.
Votes are the dots each proposal got on the workshop's wall, by meeting title from meetings.yaml.
"""
from .actors import NAME


def _proposal(title, kind, meeting, backers, neighbourhoods, text, votes, history=()):
    return {"title": title, "kind": kind, "meeting": meeting, "backers": backers,
            "neighbourhoods": neighbourhoods, "text": text, "votes": votes, "history": list(history)}


def _adopted(on, initiative, note=""):
    return {"status": "adopted", "date": on, "initiative": initiative, **({"note": note} if note else {})}


PROPOSALS = [
    _proposal("Läxhjälp fyra eftermiddagar i veckan", "activity", "Workshop: Läxhjälp och studiero",
              ["LAX", "UTB", "ULU"], ["Kvarnängen", "Solbacka", "Ekhöjden"],
              "Läxhjälp på skolorna måndag till torsdag med lärarstudenter och volontärer, så att elever som "
              "inte får hjälp hemma kommer ikapp.",
              {"Workshop: Läxhjälp och studiero": 31},
              [_adopted("2025-06-10", "Läxhjälp för alla", "Skolorna upplåter lokaler; universitetet räknar "
                                                           "läxhjälpen som praktik.")]),
    _proposal("Studierum öppna efter skoltid", "activity", "Workshop: Läxhjälp och studiero",
              ["SKK", "SKS"], ["Kvarnängen", "Solbacka"],
              "Lugna rum på skolorna efter skoltid för den som saknar studiero hemma i trångboddheten.",
              {"Workshop: Läxhjälp och studiero": 9},
              [{"status": "merged", "date": "2025-05-05", "into": "Läxhjälp fyra eftermiddagar i veckan",
                "note": "Studierummen blir en del av läxhjälpen."}]),
    _proposal("Trygghetsvandringar med boende varje månad", "activity", "Workshop: Handlingsplan Kvarnängen 2025",
              ["HGK", "NB", "POL"], ["Kvarnängen"],
              "Boende, hyresvärdar och polis går området tillsammans en kväll i månaden och skriver upp vad "
              "som behöver åtgärdas.",
              {"Workshop: Handlingsplan Kvarnängen 2025": 27},
              [_adopted("2025-04-10", "Trygga gårdar Kvarnängen")]),
    _proposal("Jobbspår för unga vuxna i Kvarnängen", "mission", "Workshop: Handlingsplan Kvarnängen 2025",
              ["AMF", "AF", "OBK"], ["Kvarnängen"],
              "Fler unga vuxna i Kvarnängen i arbete eller studier: praktik hos fastighetsägarna och "
              "områdesbolaget som leder till anställning.",
              {"Workshop: Handlingsplan Kvarnängen 2025": 24},
              [_adopted("2025-05-02", "Kvarnängens jobbspår")]),
    _proposal("Lokalbank för föreningarna", "activity", "Workshop: Föreningslyftet",
              ["VOL", "KUF", "HGS"], ["Kvarnängen", "Solbacka", "Ekhöjden"],
              "En gemensam bokning av lokaler som står tomma kvällar och helger, så att föreningarna slipper "
              "hyra utanför området.",
              {"Workshop: Föreningslyftet": 18},
              [_adopted("2025-05-28", "Föreningslyftet")]),
    _proposal("Språkcafé på biblioteket", "activity", "Framtidsverkstad Granlunda",
              ["SJK", "STUD", "HOPP"], ["Granlunda"],
              "Ett språkcafé varje vecka där nyanlända övar svenska med grannar som vill hjälpa till.",
              {"Framtidsverkstad Granlunda": 15},
              [_adopted("2025-06-20", "Språkcafé Granlunda")]),
    _proposal("Lördagsmarknad på Granlunda torg", "activity", "Workshop: Granlunda torg",
              ["GTH", "GRF", "SJB"], ["Granlunda"],
              "Torghandel och föreningsbord varje lördag, så att torget blir en plats där olika grupper möts.",
              {"Workshop: Granlunda torg": 22},
              [_adopted("2025-06-30", "Ett levande Granlunda torg")]),
    _proposal("Belysning och röjd växtlighet längs gångstråket till centrum", "activity",
              "Workshop: Trygga stråk i Solbacka",
              ["HGS", "STB", "SBK"], ["Solbacka"],
              "Gångstråket mellan Solbacka och centrum upplevs otryggt efter mörkrets inbrott: bättre belysning "
              "och klippta buskar.",
              {"Workshop: Trygga stråk i Solbacka": 34},
              [_adopted("2025-10-01", "Trygga stråk Solbacka")]),
    _proposal("Kameror vid busshållplatsen", "activity", "Workshop: Trygga stråk i Solbacka",
              ["VAKT"], ["Solbacka"],
              "Kameraövervakning vid busshållplatsen vid Solbacka centrum.",
              {"Workshop: Trygga stråk i Solbacka": 6},
              [{"status": "set_aside", "date": "2025-10-01",
                "note": "Polisen och bostadsbolaget bedömer att belysning och vuxennärvaro ger mer. Tas upp igen "
                        "om otryggheten består."}]),
    _proposal("Nattvandring med föräldrar på helgerna", "activity", "Framtidsverkstad Solbacka",
              ["FNS", "FORS"], ["Solbacka"],
              "Föräldrar och församlingen går i området fredag och lördag kväll under sommarlovet.",
              {"Framtidsverkstad Solbacka": 12}),
    _proposal("En mötesplats i Ekhöjden som boende formar", "mission", "Framtidsverkstad Ekhöjden",
              ["KIE", "EKF", "OBK"], ["Ekhöjden"],
              "Ekhöjden saknar en plats där grannar möts över gränserna: en mötesplats som boende själva "
              "utformar och som områdesbolaget driver.",
              {"Framtidsverkstad Ekhöjden": 25, "Workshop: Mötesplats Ekhöjden": 30},
              [{"status": "discussed", "date": "2026-04-23"},
               _adopted("2026-05-05", "Mötesplats Ekhöjden")]),
    _proposal("Lovaktiviteter i idrottshallen", "activity", "Framtidsverkstad Björkhagen",
              ["BFF", "HGB", "KUF"], ["Björkhagen"],
              "Öppen idrottshall med ledare på sommar- och höstlovet för barn som inte reser bort.",
              {"Framtidsverkstad Björkhagen": 19},
              [{"status": "discussed", "date": "2026-06-15", "note": "Kultur- och fritid undersöker hallen."}]),
    _proposal("Sommarjobb i hamnen för unga i Strandparken", "activity", "Framtidsverkstad Strandparken",
              ["HAMN", "MAR", "PENS"], ["Strandparken"],
              "Hamnföretagen tar emot unga från Strandparken på sommarjobb och visar vägen till yrken i hamnen.",
              {"Framtidsverkstad Strandparken": 28},
              [_adopted("2026-10-05", "Hamnjobb för unga")]),
    _proposal("Mentorer från näringslivet för gymnasieelever", "activity", "Workshop: Uppföljning av sommarjobben 2026",
              ["SPB", "GY", "BYGG"], ["Kvarnängen", "Solbacka"],
              "Anställda på företagen blir mentorer åt gymnasieelever som haft sommarjobb, ett år i taget.",
              {"Workshop: Uppföljning av sommarjobben 2026": 16}),
    _proposal("Fler sommarjobb hos småföretagen i Solbacka", "mission", "Workshop: Uppföljning av sommarjobben 2026",
              ["BAGERI", "FRIS", "OBS"], ["Solbacka"],
              "Småföretagen i Solbacka tar emot fler sommarjobbare om kommunen står för handledarutbildningen.",
              {"Workshop: Uppföljning av sommarjobben 2026": 21},
              [{"status": "discussed", "date": "2026-11-10"}]),
    _proposal("Gratis busskort under sommarjobben", "activity", "Workshop: Uppföljning av sommarjobben 2026",
              ["HGK"], ["Kvarnängen", "Solbacka"],
              "Sommarjobbare får busskort för resorna till jobbet.",
              {"Workshop: Uppföljning av sommarjobben 2026": 7},
              [{"status": "set_aside", "date": "2026-11-20", "note": "Ryms inte i 2027 års budget."}]),
]


def proposal_records() -> list[dict]:
    """The proposals as seed_data/proposals.yaml holds them, organisations by name."""
    records = []
    for row in PROPOSALS:
        record = {"title": row["title"], "kind": row["kind"], "meeting": row["meeting"],
                  "backers": [NAME[alias] for alias in row["backers"]], "neighbourhoods": row["neighbourhoods"],
                  "text": row["text"], "votes": row["votes"]}
        if row["history"]:
            record["history"] = row["history"]
        records.append(record)
    return records

"""Importing commitments from a spreadsheet register: all or nothing, by command and by upload."""
import html
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coalition.db import db
from coalition.imports.commitments import import_commitments
from coalition.imports.register_file import decode_register
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Initiative,
    Sector,
    Unit,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "seed_data" / "commitments_example.csv"

# Comma-separated, English values; a joint commitment whose parties are written with other
# spacing and case than they are registered.
GOOD_REGISTER = """organisations,kind,description,amount,unit,neighbourhood,initiative,status,due_date,made_on,delivered_on
Backens IF,staff_time,Tränare för lovaktiviteter,120,hours,Backen,Lovlyftet,agreed,2026-12-31,2026-05-04,
"norrvik kommun,socialförvaltningen | BACKENS  IF",funding,Gemensam fritidsledare,450000.50,SEK,Backen,,in progress,,2026-05-10,
Backens IF,in_kind,Sommarjobb i föreningen,12,sommarjobb,,Lovlyftet,delivered,2026-08-31,2026-05-04,2026-08-20
"""

# The rows on lines 3, 4 and 5 are bad: an unknown organisation, three decimals, no delivery date.
REGISTER_WITH_THREE_BAD_ROWS = """organisations,kind,description,amount,unit,neighbourhood,initiative,status,due_date,made_on
Backens IF,staff_time,Tränare för lovaktiviteter,120,hours,Backen,,,,2026-05-04
Backens IF|Okända föreningen,funding,Gemensamt bidrag,1000,SEK,,,,,2026-05-04
Backens IF,funding,Bidrag med ören,10.125,SEK,,,,,2026-05-04
Backens IF,premises,Klubbstugan,80,m2,,,delivered,,2026-05-04
"""


@pytest.fixture
def registered(make_organisation, make_neighbourhood):
    """The organisations, neighbourhood and initiative that the registers above name."""
    social_services = make_organisation("Norrvik kommun, socialförvaltningen", sector=Sector.PUBLIC)
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    backen = make_neighbourhood("Backen", municipality="Norrvik")
    initiative = Initiative(name="Lovlyftet")
    db.session.add(initiative)
    db.session.commit()
    return {"social_services": social_services, "club": club, "backen": backen, "initiative": initiative}


@pytest.fixture
def example_coalition(make_organisation, make_neighbourhood):
    """The organisations, neighbourhoods and initiatives of the demo seed that the example file names."""
    for name in ("Norrviks Sparbank", "Norrviks Bostäder AB", "Kvarnängen Områdesbolag AB",
                 "Studieförbundet Framsteg Norrvik", "Norrvik kommun, arbetsmarknadsförvaltningen",
                 "Norrvik kommun, stadsbyggnadskontoret"):
        make_organisation(name)
    for name in ("Solbacka", "Kvarnängen", "Ekhöjden", "Strandparken"):
        make_neighbourhood(name, municipality="Norrvik")
    for name in ("Läxhjälp för alla", "Föreningslyftet", "Strandparken framåt", "Trygga stråk Solbacka"):
        db.session.add(Initiative(name=name))
    db.session.commit()


def _commitment(description: str) -> Commitment:
    return db.session.scalars(db.select(Commitment).where(Commitment.description == description)).one()


def _counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Commitment, CommitmentStatusChange)}


def test_a_good_register_records_its_commitments_with_their_history(registered):
    result = import_commitments(db.session, GOOD_REGISTER)
    db.session.commit()

    assert result.errors == []
    assert result.added == 3
    trainers = _commitment("Tränare för lovaktiviteter")
    assert (trainers.kind, trainers.amount, trainers.unit) == (CommitmentKind.STAFF_TIME, Decimal("120"), Unit.HOURS)
    assert trainers.neighbourhood_id == registered["backen"].id
    assert trainers.initiative_id == registered["initiative"].id
    assert (trainers.status, trainers.made_on, trainers.due_on) == (CommitmentStatus.AGREED, date(2026, 5, 4),
                                                                   date(2026, 12, 31))
    assert [(c.status, c.changed_on) for c in trainers.status_changes] == [(CommitmentStatus.AGREED, date(2026, 5, 4))]
    joint = _commitment("Gemensam fritidsledare")
    assert {party.id for party in joint.parties} == {registered["club"].id, registered["social_services"].id}
    assert joint.amount == Decimal("450000.50") and joint.status is CommitmentStatus.IN_PROGRESS
    jobs = _commitment("Sommarjobb i föreningen")
    assert (jobs.unit, jobs.unit_label) == (Unit.COUNT, "sommarjobb")
    assert (jobs.status, jobs.delivered_on) == (CommitmentStatus.DELIVERED, date(2026, 8, 20))
    assert [(c.status, c.changed_on) for c in jobs.status_changes] == [
        (CommitmentStatus.PROPOSED, date(2026, 5, 4)), (CommitmentStatus.DELIVERED, date(2026, 8, 20))]


def test_a_register_with_three_bad_rows_writes_nothing_and_names_each_bad_line(registered):
    before = _counts()

    result = import_commitments(db.session, REGISTER_WITH_THREE_BAD_ROWS)
    db.session.commit()

    assert [error.line for error in result.errors] == [3, 4, 5]
    reasons = [error.reason for error in result.errors]
    assert "No organisation is registered as “Okända föreningen”" in reasons[0]
    assert "An amount has at most two decimals." in reasons[1]
    assert "A delivered commitment needs its delivery date." in reasons[2]
    assert not result.written
    assert _counts() == before


def test_importing_the_same_register_twice_adds_nothing_the_second_time(registered):
    import_commitments(db.session, GOOD_REGISTER)
    db.session.commit()
    after_first = _counts()

    second = import_commitments(db.session, GOOD_REGISTER)
    db.session.commit()

    assert second.errors == []
    assert (second.added, second.already_recorded) == (0, 3)
    assert _counts() == after_first


def test_a_semicolon_register_with_swedish_characters_and_amounts_is_imported(example_coalition):
    text = decode_register(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert ";" in text.splitlines()[0]

    result = import_commitments(db.session, text)
    db.session.commit()

    assert result.errors == []
    assert result.added == 5
    grant = _commitment("Bidrag till läxhjälpens kvällspass i Solbacka")
    assert (grant.kind, grant.amount, grant.unit) == (CommitmentKind.FUNDING, Decimal("1250000.50"), Unit.SEK)
    assert grant.status is CommitmentStatus.AGREED  # "överenskommet"
    assert grant.neighbourhood.name == "Solbacka" and grant.initiative.name == "Läxhjälp för alla"
    premises = _commitment("Lokal för ungdomarnas kvällsöppna verksamhet vid Kvarnängstorget")
    assert [party.name for party in premises.parties] == ["Kvarnängen Områdesbolag AB", "Norrviks Bostäder AB"]
    assert (premises.unit, premises.status) == (Unit.SQUARE_METRES, CommitmentStatus.IN_PROGRESS)
    assert _commitment("Cirkelledare för föreningarnas styrelseutbildning hösten 2026").amount == Decimal("312.5")
    policy = _commitment("Trygghetsbelysning prioriteras i investeringsbudgeten för Solbacka")
    assert (policy.amount, policy.status) == (None, CommitmentStatus.PROPOSED)


# The command


def test_the_command_imports_a_register_and_says_what_it_added(runner, registered, tmp_path):
    register = tmp_path / "commitments.csv"
    register.write_text(GOOD_REGISTER, encoding="utf-8")

    result = runner.invoke(args=["import", "commitments", str(register)])

    assert result.exit_code == 0, result.output
    assert "3 commitments added" in result.output
    assert _counts()["Commitment"] == 3
    # Recorded from the command line: by nobody in particular.
    assert _commitment("Tränare för lovaktiviteter").status_changes[0].changed_by_id is None


def test_a_dry_run_of_the_command_writes_nothing(runner, registered, tmp_path):
    register = tmp_path / "commitments.csv"
    register.write_text(GOOD_REGISTER, encoding="utf-8")

    result = runner.invoke(args=["import", "commitments", str(register), "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "3 commitments to add" in result.output
    assert "nothing was written" in result.output
    assert _counts()["Commitment"] == 0


def test_the_command_lists_every_bad_line_exits_non_zero_and_writes_nothing(runner, registered, tmp_path):
    register = tmp_path / "commitments.csv"
    register.write_text(REGISTER_WITH_THREE_BAD_ROWS, encoding="utf-8")

    result = runner.invoke(args=["import", "commitments", str(register)])

    assert result.exit_code == 1
    assert "Nothing was imported: 3 lines have problems." in result.output
    assert re.findall(r"^line (\d+): ", result.output, flags=re.MULTILINE) == ["3", "4", "5"]
    assert _counts()["Commitment"] == 0


# The upload


def _upload(client, text: str):
    return client.post("/commitments/import/", data={"file": (io.BytesIO(text.encode("utf-8")), "commitments.csv")},
                       content_type="multipart/form-data")


def _text_to_confirm(page: str) -> str:
    """What the browser sends back from the preview's hidden field (it drops the first newline)."""
    found = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, flags=re.DOTALL)
    return html.unescape(found.group(1)).removeprefix("\r\n").removeprefix("\n")


def test_staff_preview_a_register_then_confirm_to_import_it(client_as, registered):
    staff = client_as("staff")

    assert "Import commitments" in staff.get("/commitments/").get_data(as_text=True)
    preview = _upload(staff, GOOD_REGISTER)
    page = preview.get_data(as_text=True)

    assert preview.status_code == 200
    assert "3 commitments will be added" in page
    assert "Gemensam fritidsledare" in page and "Backens IF; Norrvik kommun, socialförvaltningen" in page
    assert _counts()["Commitment"] == 0, "the preview imports nothing"

    confirmed = staff.post("/commitments/import/confirm", data={"text": _text_to_confirm(page)})

    assert confirmed.status_code == 302
    assert _counts()["Commitment"] == 3
    assert "3 commitments were added." in staff.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert _commitment("Tränare för lovaktiviteter").status_changes[0].changed_by_id is not None


def test_a_bad_register_uploaded_shows_its_line_numbers_and_writes_nothing(client_as, registered):
    response = _upload(client_as("staff"), REGISTER_WITH_THREE_BAD_ROWS)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert re.findall(r'<td class="text-nowrap">(\d+)</td>', page) == ["3", "4", "5"]
    assert 'action="/commitments/import/confirm"' not in page, "there is nothing to confirm"
    assert _counts()["Commitment"] == 0


def test_a_viewer_can_neither_open_the_import_nor_confirm_one(client_as, registered):
    viewer = client_as("viewer")

    assert "Import commitments" not in viewer.get("/commitments/").get_data(as_text=True)
    assert viewer.get("/commitments/import/").status_code == 403
    assert _upload(viewer, GOOD_REGISTER).status_code == 403
    assert viewer.post("/commitments/import/confirm", data={"text": GOOD_REGISTER}).status_code == 403
    assert _counts()["Commitment"] == 0

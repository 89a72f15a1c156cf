"""Importing attendance from a spreadsheet register: all or nothing, by command and by upload."""
import html
import io
import re
from datetime import datetime
from pathlib import Path

import pytest

from coalition import meetings
from coalition.attendance_import import import_attendance
from coalition.db import db
from coalition.models import (
    Meeting,
    MeetingKind,
    Organisation,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Person,
    Sector,
)
from coalition.register_file import decode_register

EXAMPLE = Path(__file__).resolve().parents[1] / "seed_data" / "attendance_example.csv"

# Comma-separated, English values; a quoted organisation with a comma in its name, written with
# other spacing than it is registered; the last row names an existing meeting in lower case.
GOOD_REGISTER = """meeting,date,kind,name,email,organisation,sector,role,status
Trygghetsvandring Backen,2026-03-04,site_visit,Anna Berg,anna.berg@example.se,"Norrvik kommun, socialförvaltningen",,organiser,
Trygghetsvandring Backen,2026-03-04,site_visit,Omar Haddad,,Backens IF,,,
Trygghetsvandring Backen,2026-03-04,site visit,Lisa Ek,lisa.ek@example.org,Nya Föreningen,civil,,no-show
samråd om  parken,2026-03-10,,Anna Berg,ANNA.BERG@example.se,"norrvik kommun,socialförvaltningen",public,participant,attended
"""

# Lines 3-4 and lines 7-8 are one row each (a quoted title over two lines); the rows starting on
# lines 5, 7 and 9 are bad.
REGISTER_WITH_THREE_BAD_ROWS = """meeting,date,kind,name,email,organisation,sector,role,status
Läxhjälp,2026-04-16,workshop,Anna Berg,anna.berg@example.se,"Norrvik kommun, socialförvaltningen",,,
"Läxhjälp
(kväll)",2026-04-16,workshop,Omar Haddad,,Backens IF,,,
Läxhjälp,16/4/2026,workshop,Lisa Ek,,Backens IF,,,
Läxhjälp,2026-04-16,workshop,Nils Nyman,nils@example.org,Nya Föreningen,civil,,
"Läxhjälp
(kväll)",2026-04-16,workshop,Omar Haddad,omar(at)example.se,Backens IF,,,
Läxhjälp,2026-04-16,workshop,Sara Lind,,Backens IF,,,
"""


@pytest.fixture
def registered(make_organisation, make_person):
    """The organisations, people and meeting that the registers above partly name."""
    social_services = make_organisation("Norrvik kommun, socialförvaltningen", sector=Sector.PUBLIC)
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    people = {
        "anna": make_person("Anna Berg", organisation=social_services, email="anna.berg@example.se"),
        "omar": make_person("Omar Haddad", organisation=club),
    }
    for _ in range(2):
        make_person("Sara Lind", organisation=club)  # namesakes: only an e-mail tells them apart
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.COORDINATION, title="Samråd om parken", starts_at=datetime(2026, 3, 10, 18, 0)))
    db.session.commit()
    return {"social_services": social_services, "club": club, "meeting": meeting, **people}


def _counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Meeting, Person, Organisation, Participation)}


def _participation(meeting_title: str, person_name: str) -> Participation:
    return db.session.scalars(
        db.select(Participation).join(Meeting).join(Person)
        .where(Meeting.title == meeting_title, Person.name == person_name)
    ).one()


def test_a_good_register_adds_its_meetings_people_and_participations(registered):
    result = import_attendance(db.session, GOOD_REGISTER)
    db.session.commit()

    assert result.errors == []
    assert (result.added, len(result.new_meetings), len(result.new_people), len(result.new_organisations)) == (4, 1, 1, 1)
    walk = db.session.scalars(db.select(Meeting).where(Meeting.title == "Trygghetsvandring Backen")).one()
    assert walk.kind is MeetingKind.SITE_VISIT
    assert walk.starts_at == datetime(2026, 3, 4, 9, 0)
    organiser = _participation("Trygghetsvandring Backen", "Anna Berg")
    assert organiser.person_id == registered["anna"].id
    assert organiser.role is ParticipationRole.ORGANISER
    assert organiser.organisation_id == registered["social_services"].id
    assert _participation("Trygghetsvandring Backen", "Omar Haddad").person_id == registered["omar"].id
    newcomer = _participation("Trygghetsvandring Backen", "Lisa Ek")
    assert newcomer.status is ParticipationStatus.NO_SHOW
    assert newcomer.person.email == "lisa.ek@example.org"
    assert newcomer.organisation.name == "Nya Föreningen" and newcomer.organisation.sector is Sector.CIVIL
    # Same title ignoring case and spacing, same day: the registered meeting, not a new one.
    assert _participation("Samråd om parken", "Anna Berg").meeting_id == registered["meeting"].id
    assert _counts() == {"Meeting": 2, "Person": 5, "Organisation": 3, "Participation": 4}


def test_a_register_with_three_bad_rows_writes_nothing_and_names_each_bad_line(registered):
    before = _counts()

    result = import_attendance(db.session, REGISTER_WITH_THREE_BAD_ROWS)
    db.session.commit()

    assert [error.line for error in result.errors] == [5, 7, 9]
    reasons = [error.reason for error in result.errors]
    assert "“16/4/2026” is not a date written YYYY-MM-DD." in reasons[0]
    assert "“omar(at)example.se” is not an e-mail address." in reasons[1]
    assert "several people named Sara Lind at Backens IF; add the e-mail" in reasons[2]
    assert not result.written
    assert _counts() == before


def test_importing_the_same_register_twice_adds_nothing_the_second_time(registered):
    import_attendance(db.session, GOOD_REGISTER)
    db.session.commit()
    after_first = _counts()

    second = import_attendance(db.session, GOOD_REGISTER)
    db.session.commit()

    assert second.errors == []
    assert (second.added, second.already_recorded) == (0, 4)
    assert (second.new_meetings, second.new_people, second.new_organisations) == ([], [], [])
    assert _counts() == after_first


def test_a_semicolon_register_with_swedish_characters_and_names_is_imported(app):
    # Excel's "CSV UTF-8" starts the file with a byte-order mark.
    text = decode_register(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert ";" in text.splitlines()[0]

    result = import_attendance(db.session, text)
    db.session.commit()

    assert result.errors == []
    assert result.added == 14
    dialogue = db.session.scalars(db.select(Meeting).where(Meeting.title == "Dialogmöte om Strandparkens torg")).one()
    assert dialogue.kind is MeetingKind.INFORMATION  # "informationsmöte"
    asa = _participation("Dialogmöte om Strandparkens torg", "Åsa Lindqvist")
    assert asa.organisation.name == "Torgföreningen i Strandparken"
    assert asa.organisation.sector is Sector.CIVIL  # "civilsamhälle"
    assert _participation("Dialogmöte om Strandparkens torg", "Ali Amiri").role is ParticipationRole.ORGANISER
    assert _participation("Dialogmöte om Strandparkens torg", "Malin Rojas").role is ParticipationRole.SPEAKER
    assert _participation("Dialogmöte om Strandparkens torg", "Mikael Holmberg").status is ParticipationStatus.NO_SHOW
    assert _participation("Dialogmöte om Strandparkens torg", "Faduma Warsame").status is ParticipationStatus.CANCELLED
    housing_company = db.session.scalars(db.select(Organisation).where(Organisation.name == "Strandgården Bostad AB")).one()
    assert housing_company.sector is Sector.PRIVATE  # "näringsliv"


# The command


def test_the_command_imports_a_register_and_says_what_it_added(runner, registered, tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(GOOD_REGISTER, encoding="utf-8")

    result = runner.invoke(args=["import", "attendance", str(register)])

    assert result.exit_code == 0, result.output
    assert "4 participations added" in result.output
    assert _counts()["Participation"] == 4


def test_a_dry_run_of_the_command_writes_nothing(runner, registered, tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(GOOD_REGISTER, encoding="utf-8")
    before = _counts()

    result = runner.invoke(args=["import", "attendance", str(register), "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "4 participations to add" in result.output
    assert "nothing was written" in result.output
    assert _counts() == before


def test_the_command_lists_every_bad_line_exits_non_zero_and_writes_nothing(runner, registered, tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(REGISTER_WITH_THREE_BAD_ROWS, encoding="utf-8")
    before = _counts()

    result = runner.invoke(args=["import", "attendance", str(register)])

    assert result.exit_code == 1
    assert "Nothing was imported: 3 lines have problems." in result.output
    assert re.findall(r"^line (\d+): ", result.output, flags=re.MULTILINE) == ["5", "7", "9"]
    assert _counts() == before


def test_the_command_refuses_a_file_that_is_not_utf8(runner, registered, tmp_path):
    register = tmp_path / "register.csv"
    register.write_bytes(GOOD_REGISTER.encode("cp1252"))

    result = runner.invoke(args=["import", "attendance", str(register)])

    assert result.exit_code == 1
    assert "line 2: The file is not UTF-8 text" in result.output


# The upload


def _upload(client, text: str):
    return client.post("/meetings/import/", data={"file": (io.BytesIO(text.encode("utf-8")), "register.csv")},
                       content_type="multipart/form-data")


def _text_to_confirm(page: str) -> str:
    """What the browser sends back from the preview's hidden field (it drops the first newline)."""
    found = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, flags=re.DOTALL)
    return html.unescape(found.group(1)).removeprefix("\r\n").removeprefix("\n")


def test_staff_preview_a_register_then_confirm_to_import_it(client_as, registered):
    staff = client_as("staff")
    before = _counts()

    preview = _upload(staff, GOOD_REGISTER)
    page = preview.get_data(as_text=True)

    assert preview.status_code == 200
    assert "4 participations will be added" in page
    assert "Nya Föreningen" in page and "Lisa Ek" in page and "Trygghetsvandring Backen" in page
    assert _counts() == before, "the preview imports nothing"

    confirmed = staff.post("/meetings/import/confirm", data={"text": _text_to_confirm(page)})

    assert confirmed.status_code == 302
    assert _counts()["Participation"] == 4
    assert "4 participations were added." in staff.get(confirmed.headers["Location"]).get_data(as_text=True)


def test_a_bad_register_uploaded_shows_its_line_numbers_and_writes_nothing(client_as, registered):
    staff = client_as("staff")
    before = _counts()

    response = _upload(staff, REGISTER_WITH_THREE_BAD_ROWS)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert re.findall(r'<td class="text-nowrap">(\d+)</td>', page) == ["5", "7", "9"]
    assert "is not a date written YYYY-MM-DD" in page
    assert 'action="/meetings/import/confirm"' not in page, "there is nothing to confirm"
    assert _counts() == before


def test_a_viewer_can_neither_open_the_import_nor_confirm_one(client_as, registered):
    viewer = client_as("viewer")
    before = _counts()

    assert viewer.get("/meetings/import/").status_code == 403
    assert _upload(viewer, GOOD_REGISTER).status_code == 403
    assert viewer.post("/meetings/import/confirm", data={"text": GOOD_REGISTER}).status_code == 403
    assert _counts() == before

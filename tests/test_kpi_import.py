"""Importing KPI measurements from a spreadsheet: all or nothing, by command and by upload."""
import html
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from coalition.db import db
from coalition.imports.kpis import import_kpi_measurements
from coalition.imports.register_file import decode_register
from coalition.kpis import neighbourhood_kpis
from coalition.models import Direction, Kpi, KpiMeasurement, Neighbourhood

EXAMPLE = Path(__file__).resolve().parents[1] / "seed_data" / "kpi_measurements_example.csv"

# Names written with other case and accents than they are registered; a Swedish decimal comma
# (quoted, since the comma also separates the cells); an ambiguous name given with its municipality.
GOOD_FILE = """neighbourhood,kpi,date,value,source
kvarnangen,Sysselsättningsgrad,2026-03-31,"58,9",SCB
Kvarnängen,SYSSELSATTNINGSGRAD,2026-06-30,60.2,
"Centrum, Norrvik",Otrygghet,2026-06-30,31,Trygghetsmätningen
"""

# Lines 3 to 9 are bad, each for one reason.
FILE_WITH_BAD_ROWS = f"""neighbourhood,kpi,date,value,source
Kvarnängen,Sysselsättningsgrad,2026-03-31,58.9,
Okända området,Sysselsättningsgrad,2026-03-31,1,
Kvarnängen,Okänd indikator,2026-03-31,1,
Kvarnängen,Sysselsättningsgrad,31/03/2026,1,
Kvarnängen,Otrygghet,2026-03-31,tolv,
Kvarnängen,Sysselsättningsgrad,2026-03-31,58.9,
Centrum,Otrygghet,2026-03-31,30,
Kvarnängen,Otrygghet,{(date.today() + timedelta(days=3)).isoformat()},30,
"""


@pytest.fixture
def registered(make_neighbourhood):
    """Two KPIs; Kvarnängen, and a Centrum in two municipalities."""
    kvarnangen = make_neighbourhood("Kvarnängen", municipality="Norrvik")
    centrum = make_neighbourhood("Centrum", municipality="Norrvik")
    make_neighbourhood("Centrum", municipality="Sundby")
    employment = Kpi(name="Sysselsättningsgrad", unit="%", direction=Direction.HIGHER_IS_BETTER)
    insecurity = Kpi(name="Otrygghet", unit="%", direction=Direction.LOWER_IS_BETTER)
    db.session.add_all([employment, insecurity])
    db.session.commit()
    return {"kvarnangen": kvarnangen, "centrum": centrum, "employment": employment, "insecurity": insecurity}


def _values() -> list[tuple[str, str, str, date, Decimal]]:
    rows = db.session.execute(
        db.select(KpiMeasurement, Kpi.name).join(Kpi).order_by(Kpi.name, KpiMeasurement.measured_on))
    return [(name, m.neighbourhood.name, m.neighbourhood.municipality, m.measured_on, m.value) for m, name in rows]


def _count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(KpiMeasurement))


def test_a_good_file_records_its_measurements(registered):
    result = import_kpi_measurements(db.session, GOOD_FILE)
    db.session.commit()

    assert result.errors == []
    assert (result.rows, result.added, result.already_recorded) == (3, 3, 0)
    assert _values() == [
        ("Otrygghet", "Centrum", "Norrvik", date(2026, 6, 30), Decimal("31")),
        ("Sysselsättningsgrad", "Kvarnängen", "Norrvik", date(2026, 3, 31), Decimal("58.9")),
        ("Sysselsättningsgrad", "Kvarnängen", "Norrvik", date(2026, 6, 30), Decimal("60.2")),
    ]
    assert db.session.scalars(db.select(KpiMeasurement.source).where(
        KpiMeasurement.measured_on == date(2026, 3, 31))).one() == "SCB"


def test_a_file_with_bad_rows_writes_nothing_and_names_each_bad_line(registered):
    result = import_kpi_measurements(db.session, FILE_WITH_BAD_ROWS)
    db.session.commit()

    assert [error.line for error in result.errors] == [3, 4, 5, 6, 7, 8, 9]
    reasons = dict((error.line, error.reason) for error in result.errors)
    assert reasons[3] == "No neighbourhood is registered as “Okända området”."
    assert reasons[4].startswith("No KPI is defined as “Okänd indikator”.")
    assert reasons[5] == "“31/03/2026” is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-14."
    assert reasons[6] == "“tolv” is not a number. Write it like 12,5 or 12.5."
    assert reasons[7] == "Line 2 already gives a value for this KPI, neighbourhood and date."
    assert "Several neighbourhoods are called “Centrum” (in Norrvik, Sundby)" in reasons[8]
    assert "“Centrum, Norrvik”" in reasons[8]
    assert reasons[9] == "A measurement cannot be dated in the future."
    assert not result.written
    assert _count() == 0


def test_importing_the_same_file_twice_adds_nothing_the_second_time(registered):
    import_kpi_measurements(db.session, GOOD_FILE)
    db.session.commit()

    second = import_kpi_measurements(db.session, GOOD_FILE)
    db.session.commit()

    assert second.errors == []
    assert (second.added, second.already_recorded) == (0, 3)
    assert _count() == 3


def test_a_different_value_for_a_recorded_date_is_a_bad_row_never_an_overwrite(registered):
    db.session.add(KpiMeasurement(kpi=registered["employment"], neighbourhood=registered["kvarnangen"],
                                  measured_on=date(2026, 3, 31), value=Decimal("57")))
    db.session.commit()

    result = import_kpi_measurements(db.session, GOOD_FILE)
    db.session.commit()

    assert [(error.line, error.reason) for error in result.errors] == [
        (2, "57 is already recorded for this date. If that is wrong, correct it on the KPI's page.")]
    assert _count() == 1
    assert _values()[0][-1] == Decimal("57")


def test_a_value_with_more_than_two_decimals_is_refused(registered):
    result = import_kpi_measurements(db.session, "neighbourhood;kpi;date;value\nKvarnängen;Otrygghet;2026-01-31;12,345\n")

    assert [(e.line, e.reason) for e in result.errors] == [(2, "A value has at most two decimals.")]


def test_the_example_file_imports_cleanly_into_the_demo_coalition(app):
    from coalition.seed import load_demo_coalition

    load_demo_coalition(db.session)
    db.session.commit()
    before = _count()

    result = import_kpi_measurements(db.session, decode_register(b"\xef\xbb\xbf" + EXAMPLE.read_bytes()))
    db.session.commit()

    assert result.errors == []
    assert (result.added, result.already_recorded) == (7, 1)
    assert _count() == before + 7
    # The new value counts in the progress: Otrygghet in Kvarnängen, 41 → 25, now 30.4: 10.6 / 16.
    kvarnangen = db.session.scalars(db.select(Neighbourhood).where(Neighbourhood.name == "Kvarnängen")).one()
    [insecurity] = [item for item in neighbourhood_kpis(db.session, kvarnangen.id)
                    if item.kpi.name == "Otrygghet utomhus kvällstid"]
    assert (insecurity.latest.value, insecurity.progress) == (Decimal("30.4"), Decimal("66.3"))


# The command


def test_the_command_imports_a_file_and_says_what_it_added(runner, registered, tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text(GOOD_FILE, encoding="utf-8")

    result = runner.invoke(args=["import", "kpis", str(path)])
    again = runner.invoke(args=["import", "kpis", str(path)])

    assert result.exit_code == 0, result.output
    assert "3 measurements added" in result.output
    assert again.exit_code == 0 and "3 rows already recorded" in again.output
    assert _count() == 3


def test_a_dry_run_of_the_command_writes_nothing(runner, registered, tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text(GOOD_FILE, encoding="utf-8")

    result = runner.invoke(args=["import", "kpis", str(path), "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "3 measurements to add" in result.output and "nothing was written" in result.output
    assert _count() == 0


def test_the_command_lists_every_bad_line_exits_non_zero_and_writes_nothing(runner, registered, tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text(FILE_WITH_BAD_ROWS, encoding="utf-8")

    result = runner.invoke(args=["import", "kpis", str(path)])

    assert result.exit_code == 1
    assert "Nothing was imported: 7 lines have problems." in result.output
    assert re.findall(r"^line (\d+): ", result.output, flags=re.MULTILINE) == ["3", "4", "5", "6", "7", "8", "9"]
    assert _count() == 0


# The upload


def _upload(client, text: str):
    return client.post("/kpis/import/", data={"file": (io.BytesIO(text.encode("utf-8")), "kpis.csv")},
                       content_type="multipart/form-data")


def _text_to_confirm(page: str) -> str:
    """What the browser sends back from the preview's hidden field (it drops the first newline)."""
    found = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, flags=re.DOTALL)
    return html.unescape(found.group(1)).removeprefix("\r\n").removeprefix("\n")


def test_staff_preview_a_file_then_confirm_to_import_it(client_as, registered):
    staff = client_as("staff")

    assert "Import measurements" in staff.get("/kpis/").get_data(as_text=True)
    preview = _upload(staff, GOOD_FILE)
    page = preview.get_data(as_text=True)

    assert preview.status_code == 200
    assert "3 measurements will be added" in page and "Centrum" in page and "58.9 %" in page
    assert _count() == 0, "the preview imports nothing"

    confirmed = staff.post("/kpis/import/confirm", data={"text": _text_to_confirm(page)})

    assert confirmed.status_code == 302
    assert _count() == 3
    assert "3 measurements were added." in staff.get(confirmed.headers["Location"]).get_data(as_text=True)


def test_a_bad_file_uploaded_shows_its_line_numbers_and_writes_nothing(client_as, registered):
    response = _upload(client_as("staff"), FILE_WITH_BAD_ROWS)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert re.findall(r'<td class="text-nowrap">(\d+)</td>', page) == ["3", "4", "5", "6", "7", "8", "9"]
    assert 'action="/kpis/import/confirm"' not in page, "there is nothing to confirm"
    assert _count() == 0


def test_the_example_file_can_be_downloaded(client_as):
    response = client_as("staff").get("/kpis/import/example.csv")

    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith("neighbourhood;kpi;date;value;source")

"""Area companies: the neighbourhoods they serve and the local jobs they report per quarter."""
import html
import io
import re
from datetime import date
from decimal import Decimal

import pytest

from coalition.area_companies import LocalJobsDetails, jobs_in_period, record_local_jobs
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import LocalJobs, Organisation, OrganisationKind, Sector

TODAY = date(2026, 12, 4)


@pytest.fixture
def area_company(make_organisation, make_neighbourhood):
    neighbourhood = make_neighbourhood("Rosengård")
    company = make_organisation("Rosengårds områdesföretag", Sector.PRIVATE, kind=OrganisationKind.AREA_COMPANY)
    company.area_company_of = [neighbourhood]
    db.session.commit()
    return company


def _record(company, year=2026, quarter=3, positions=10, fte="7.5", residents=6, neighbourhood_id=None):
    return record_local_jobs(db.session, company, LocalJobsDetails(
        neighbourhood_id or company.area_company_of[0].id, year, quarter, positions, Decimal(fte), residents),
        today=TODAY)


def _refused(operation, field: str) -> None:
    with pytest.raises(DomainError) as refusal:
        operation()
    db.session.rollback()
    assert refusal.value.field == field
    assert db.session.scalar(db.select(db.func.count()).select_from(LocalJobs)) == 0


def test_a_quarters_jobs_are_recorded_and_corrected_in_place(area_company):
    jobs, created = _record(area_company)
    assert created and (jobs.positions, jobs.full_time_equivalents, jobs.resident_positions) == (10, Decimal("7.50"), 6)
    again, created = _record(area_company, positions=11, residents=7)
    db.session.commit()
    assert not created and again.id == jobs.id and again.positions == 11


def test_jobs_with_more_residents_than_positions_are_refused(area_company):
    _refused(lambda: _record(area_company, positions=4, fte="4", residents=5), "resident_positions")


@pytest.mark.parametrize(("fields", "field"), [
    ({"positions": -1}, "positions"),
    ({"residents": -1}, "resident_positions"),
    ({"fte": "-0.5"}, "full_time_equivalents"),
    ({"fte": "12"}, "full_time_equivalents"),
    ({"quarter": 5}, "quarter"),
    ({"year": 2027, "quarter": 1}, "year"),
    ({"year": 1999}, "year"),
])
def test_figures_no_quarter_can_have_are_refused(area_company, fields, field):
    _refused(lambda: _record(area_company, **fields), field)


def test_only_a_neighbourhood_the_company_serves_can_be_reported_for(area_company, make_neighbourhood):
    elsewhere = make_neighbourhood("Fosie")
    _refused(lambda: _record(area_company, neighbourhood_id=elsewhere.id), "neighbourhood_id")


def test_a_periods_jobs_are_each_companys_latest_quarter_in_it(area_company, make_organisation):
    _record(area_company, quarter=2, positions=8, fte="6", residents=4)
    _record(area_company, quarter=3, positions=10, fte="7.5", residents=6)
    other = make_organisation("Fosie områdesföretag")
    other.area_company_of = area_company.area_company_of
    db.session.commit()
    _record(other, quarter=2, positions=3, fte="3", residents=3)
    totals = jobs_in_period(db.session, date(2026, 1, 1), date(2026, 12, 31))
    assert (totals.positions, totals.full_time_equivalents, totals.resident_positions) == (13, Decimal("10.50"), 9)
    assert jobs_in_period(db.session, date(2026, 4, 1), date(2026, 6, 30)).positions == 11
    assert jobs_in_period(db.session, date(2026, 10, 1), date(2026, 12, 31)).positions == 0


# On the pages, in the figures, and from a file

def test_staff_mark_an_area_company_on_the_organisation_form(client_as, make_neighbourhood):
    neighbourhood = make_neighbourhood("Rosengård")
    response = client_as("staff").post("/organisations/new", data={
        "name": "Rosengårds områdesföretag", "sector": "private", "kind": "area_company",
        "area_company_of": [neighbourhood.id]}, follow_redirects=True)
    assert "Area company of:" in response.text and 'id="jobs-form"' in response.text
    company = db.session.scalar(db.select(Organisation).where(Organisation.name == "Rosengårds områdesföretag"))
    assert company.area_company_of == [neighbourhood]


def test_staff_record_a_quarters_jobs_on_the_companys_page(client_as, area_company):
    neighbourhood = area_company.area_company_of[0]
    staff = client_as("staff")
    response = staff.post(f"/organisations/{area_company.id}/jobs", data={
        "jobs-neighbourhood_id": neighbourhood.id, "jobs-year": "2026", "jobs-quarter": "3", "jobs-positions": "10",
        "jobs-full_time_equivalents": "7,5", "jobs-resident_positions": "6"}, follow_redirects=True)
    assert "The jobs of 2026 Q3 were recorded." in response.text
    row = re.search(r'<tr data-quarter="2026 Q3">(.*?)</tr>', response.text, re.DOTALL).group(1)
    assert re.search(r'data-figure="positions">10<', row) and re.search(r'data-figure="fte">7.5<', row)
    page = client_as("viewer").get(f"/neighbourhoods/{neighbourhood.id}").text
    section = page[page.index('id="places-and-jobs"'):]
    assert "Rosengårds områdesföretag" in section and re.search(r'data-figure="residents">6 ', section)


def test_more_residents_than_positions_on_the_page_is_refused_beside_the_field(client_as, area_company):
    response = client_as("staff").post(f"/organisations/{area_company.id}/jobs", data={
        "jobs-neighbourhood_id": area_company.area_company_of[0].id, "jobs-year": "2026", "jobs-quarter": "3",
        "jobs-positions": "4", "jobs-full_time_equivalents": "4", "jobs-resident_positions": "5"})
    assert response.status_code == 200
    assert re.search(r'id="jobs-resident_positions"[^>]*value="5"|value="5"[^>]*id="jobs-resident_positions"',
                     response.text)
    assert "More positions went to residents (5) than there are (4)." in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(LocalJobs)) == 0


def test_jobs_appear_on_the_dashboard_and_in_the_report_next_to_the_kpis(client_as, area_company):
    today = date.today()
    quarter = (today.month - 1) // 3 + 1
    record_local_jobs(db.session, area_company, LocalJobsDetails(area_company.area_company_of[0].id, today.year,
                                                                 quarter, 12, Decimal("9.5"), 7))
    db.session.commit()
    viewer = client_as("viewer")
    dashboard = viewer.get("/").text
    assert re.search(r'data-figure="jobs-positions"><span class="display-6">12<', dashboard)
    report = viewer.get("/reports/steering").text
    assert re.search(r'data-figure="jobs-residents">.*?figure-now">7<', report, re.DOTALL)
    assert report.index('id="local-jobs"') < report.index('id="kpis"')


JOBS_FILE = """organisation;neighbourhood;quarter;positions;fte;residents
Rosengårds områdesföretag;Rosengård;2026-Q2;8;6,5;5
rosengårds OMRÅDESFÖRETAG;rosengard;2026 Q3;10;7,5;6
"""


def test_jobs_are_imported_from_a_file_all_or_nothing(app, area_company):
    from coalition.imports.local_jobs import import_local_jobs

    result = import_local_jobs(db.session, JOBS_FILE, today=TODAY)
    db.session.commit()
    assert (result.errors, result.added) == ([], 2)
    again = import_local_jobs(db.session, JOBS_FILE, today=TODAY)
    assert (again.errors, again.added, again.already_recorded) == ([], 0, 2)
    bad = import_local_jobs(db.session, JOBS_FILE.replace(";6\n", ";16\n") + "Okänt AB;Rosengård;2026-Q3;1;1;0\n"
                            + "Rosengårds områdesföretag;Rosengård;2026-Q1;3;3;0\n", today=TODAY)
    assert [error.line for error in bad.errors] == [3, 4]
    assert "Other figures are already recorded for 2026 Q3" in bad.errors[0].reason
    assert "More positions went to residents (16)" in bad.errors[0].reason
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(LocalJobs)) == 2, "the good row 5 is not kept"


def test_the_example_file_imports_through_the_upload_page(client_as, make_organisation, make_neighbourhood):
    from pathlib import Path

    neighbourhood = make_neighbourhood("Strandparken", "Norrvik")
    company = make_organisation("Strandparkens Områdesföretag AB", Sector.PRIVATE)
    company.area_company_of = [neighbourhood]
    db.session.commit()
    example = (Path(__file__).resolve().parents[1] / "seed_data" / "local_jobs_example.csv").read_bytes()
    staff = client_as("staff")
    preview = staff.post("/local-jobs/import/", data={"file": (io.BytesIO(example), "jobs.csv")},
                         content_type="multipart/form-data")
    assert preview.status_code == 200 and "2 quarters will be added" in preview.text
    text = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', preview.text, re.DOTALL).group(1)
    confirmed = staff.post("/local-jobs/import/confirm",
                           data={"text": html.unescape(text).removeprefix("\r\n").removeprefix("\n")})
    assert confirmed.status_code == 302, confirmed.text
    assert db.session.scalar(db.select(db.func.count()).select_from(LocalJobs)) == 2

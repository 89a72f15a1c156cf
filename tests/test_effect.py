"""The effect view on the database: a neighbourhood's quarters side by side, the comparison, the exports.

The small programme below is worked out by hand in ``_norra``'s docstring.
"""
import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from coalition import kpis, neighbourhoods
from coalition.commitments import CommitmentDetails, create_commitment, record_status_change
from coalition.db import db
from coalition.effect import NotAvailable, Reason
from coalition.models import CommitmentKind, CommitmentStatus, Direction, Sector, Stage, Unit
from coalition.neighbourhood_effect import across_neighbourhoods, neighbourhood_effect


@pytest.fixture
def norra(app, make_neighbourhood, make_organisation, make_person, make_meeting):
    """Norra, 1,000 residents: mobilising from 2025-01-10, acting from 2025-05-02.

    - 60,000 SEK agreed on 2025-02-01 and delivered on 2025-08-15; 40 hours agreed on 2025-04-10;
      10,000 SEK only proposed (not committed);
    - one workshop on 2025-02-20 where the municipality and an association met (one cross-sector tie);
    - insecurity (lower is better), baseline 40, target 30: 40 measured in 2025-Q1, nothing in Q2, 36 in Q3.

    So: Q1 mobilising, 60,000 SEK committed, 1 meeting, 2 actors, 1 tie, all cross-sector, KPI 40;
    Q2 acting, 40 hours committed, KPI not measured; Q3 acting, 60,000 SEK delivered, KPI 36.
    60 SEK per resident; 4 points of 10 towards the target (40 %): 15,000 SEK per point.
    """
    place = make_neighbourhood("Norra", population=1000)
    neighbourhoods.change_stage(db.session, place, Stage.MOBILISING, changed_on=date(2025, 1, 10))
    neighbourhoods.change_stage(db.session, place, Stage.ACTING, changed_on=date(2025, 5, 2))
    town = make_organisation("Norra kommun", Sector.PUBLIC)
    club = make_organisation("Norra IF", Sector.CIVIL)
    make_meeting("Verkstad", datetime(2025, 2, 20, 18), neighbourhood_ids=[place.id],
                 attendees=[(make_person(), town), (make_person(), club)])
    money = create_commitment(db.session, CommitmentDetails(
        CommitmentKind.FUNDING, "Läxhjälp", [town.id], D("60000"), Unit.SEK, neighbourhood_id=place.id,
        made_on=date(2025, 2, 1)), status=CommitmentStatus.AGREED)
    record_status_change(db.session, money, CommitmentStatus.DELIVERED, changed_on=date(2025, 8, 15))
    create_commitment(db.session, CommitmentDetails(
        CommitmentKind.STAFF_TIME, "Fältare", [town.id], D("40"), Unit.HOURS, neighbourhood_id=place.id,
        made_on=date(2025, 4, 10)), status=CommitmentStatus.AGREED)
    create_commitment(db.session, CommitmentDetails(
        CommitmentKind.FUNDING, "Kanske", [club.id], D("10000"), Unit.SEK, neighbourhood_id=place.id,
        made_on=date(2025, 2, 1)))
    kpi = kpis.create_kpi(db.session, kpis.KpiDetails("Otrygghet", "%", Direction.LOWER_IS_BETTER))
    kpis.set_target(db.session, kpi, kpis.TargetDetails(place.id, D("40"), date(2025, 1, 1), D("30"), date(2028, 1, 1)))
    for day, value in ((date(2025, 3, 31), D("40")), (date(2025, 9, 30), D("36"))):
        kpis.record_measurement(db.session, kpi, kpis.MeasurementDetails(place.id, day, value))
    db.session.commit()
    return place


def test_a_neighbourhoods_quarters_put_investment_engagement_network_and_kpi_side_by_side(norra):
    effect = neighbourhood_effect(db.session, norra)
    q1, q2, q3 = effect.quarters
    assert [q.label for q in effect.quarters] == ["2025-Q1", "2025-Q2", "2025-Q3"]
    assert [q.stage for q in effect.quarters] == ["mobilising", "acting", "acting"]
    assert q1.committed == {"sek": D("60000")} and q1.delivered == {}
    assert q2.committed == {"hours": D("40")}
    assert q3.delivered == {"sek": D("60000")}
    assert (q1.meetings, q1.attended) == (1, {"public": 1, "civil": 1})
    assert (q1.collaboration.figures.actors, q1.collaboration.figures.ties) == (2, 1)
    assert q1.collaboration.figures.cross_sector_share == 1.0
    assert q1.collaboration.sectors_present == q1.collaboration.sectors_tied == ("public", "civil")
    (kpi,) = effect.kpis
    assert [q.kpis[kpi.kpi.kpi_id] for q in effect.quarters] == [D("40"), None, D("36")]
    assert effect.acting_from == (2025, 2)
    assert effect.sek_per_resident == D("60")
    assert (kpi.progress, kpi.points, kpi.sek_per_point) == (D("40.0"), D("4"), D("15000"))


def test_missing_population_and_a_target_equal_to_its_baseline_say_why(norra, make_neighbourhood, client_as):
    place = make_neighbourhood("Södra")  # no population
    kpi = kpis.create_kpi(db.session, kpis.KpiDetails("Jämn", "%", Direction.HIGHER_IS_BETTER))
    kpis.set_target(db.session, kpi, kpis.TargetDetails(place.id, D("50"), date(2025, 1, 1), D("50"), date(2027, 1, 1)))
    kpis.record_measurement(db.session, kpi, kpis.MeasurementDetails(place.id, date(2025, 6, 30), D("52")))
    jobs = kpis.create_kpi(db.session, kpis.KpiDetails("Jobb", "%", Direction.HIGHER_IS_BETTER))
    kpis.set_target(db.session, jobs, kpis.TargetDetails(place.id, D("50"), date(2025, 1, 1), D("60"), date(2027, 1, 1)))
    kpis.record_measurement(db.session, jobs, kpis.MeasurementDetails(place.id, date(2025, 6, 30), D("52")))
    db.session.commit()
    effect = neighbourhood_effect(db.session, place)
    assert effect.sek_per_resident == NotAvailable(Reason.NO_POPULATION)
    by_name = {item.kpi.name: item for item in effect.kpis}
    assert by_name["Jämn"].progress == NotAvailable(Reason.TARGET_IS_BASELINE)
    assert by_name["Jobb"].sek_per_point == NotAvailable(Reason.NO_INVESTMENT)
    page = client_as("viewer").get(f"/neighbourhoods/{place.id}")
    assert page.status_code == 200
    assert "not available (the neighbourhood&#39;s population is not recorded)" in page.text
    assert "not available (the target equals the baseline: no distance to cover)" in page.text
    assert "not available (no SEK delivered)" in page.text  # nothing invested here: no SEK per point moved


def test_the_page_shows_the_effect_table_and_says_where_a_kpi_was_not_measured(norra, client_as):
    page = client_as("viewer").get(f"/neighbourhoods/{norra.id}").text
    table = page[page.index('id="effect-table-'):]
    q2 = table[table.index('data-quarter="2025-Q2"'):table.index('data-quarter="2025-Q3"')]
    assert "not measured" in q2
    assert "60\xa0SEK" in page[page.index('data-ratio="per-resident"'):][:200]


def _figures_on_page(page: str, quarter: str) -> dict:
    row = page[page.index(f'<tr data-quarter="{quarter}">'):]
    row = row[:row.index("</tr>")]
    return dict(re.findall(r'data-figure="([^"]+)">([^<]*)<', row))


def test_the_csv_export_reads_back_as_the_page_shows_it(norra, client_as):
    client = client_as("viewer")
    page = client.get(f"/neighbourhoods/{norra.id}").text
    response = client.get(f"/effect/neighbourhoods/{norra.id}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["quarter"] for row in rows] == ["2025-Q1", "2025-Q2", "2025-Q3"]
    for row in rows:
        shown = _figures_on_page(page, row["quarter"])
        assert row["meetings"] == shown["meetings"]
        assert row["actors"] == shown.get("actors", "0")
        assert (D(row["sek_delivered"]) if row["sek_delivered"] else None) == (
            D(re.sub(r"[^\d]", "", shown["sek-delivered"])) if shown["sek-delivered"] != "—" else None)
    q1, q2, q3 = rows
    assert (q1["stage"], q1["sek_committed"], q1["attended_public"], q1["cross_sector_share"]) == (
        "mobilising", "60000.00", "1", "1.0")
    assert (q2["hours_committed"], q2["Otrygghet: value"], q2["Otrygghet: baseline"]) == ("40.00", "", "40.00")
    assert (q3["sek_delivered"], q3["Otrygghet: value"], q3["Otrygghet: target"]) == ("60000.00", "36.00", "30.00")
    workbook = load_workbook(io.BytesIO(client.get(f"/effect/neighbourhoods/{norra.id}.xlsx").data))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:4] == ["neighbourhood", "municipality", "population", "quarter"]
    assert sheet.max_row == 4


def test_with_one_neighbourhood_the_comparison_says_it_cannot_compare_yet(norra, client_as):
    across = across_neighbourhoods(db.session)
    (item,) = across.kpis
    assert item.comparison.difference == NotAvailable(Reason.TOO_FEW)
    assert [row.neighbourhood.name for row in item.rows] == ["Norra"]
    client = client_as("viewer")
    page = client.get("/effect/")
    assert page.status_code == 200
    assert "Cannot compare yet" in page.text and "Association, not proof of effect." in page.text
    ranking = list(csv.DictReader(io.StringIO(client.get("/effect/comparison.csv").get_data(as_text=True))))
    assert [(r["neighbourhood"], r["progress_percent"], r["sek_delivered_per_resident"]) for r in ranking] == [
        ("Norra", "40.0", "60")]


def test_an_empty_programme_shows_the_pages_without_error(app, client_as, make_neighbourhood):
    place = make_neighbourhood("Tom")
    client = client_as("viewer")
    assert client.get(f"/neighbourhoods/{place.id}").status_code == 200
    assert client.get("/effect/").status_code == 200
    assert client.get(client.post("/effect/effect.csv").headers["Location"] + "/effect.csv").status_code == 200
    assert client.get("/effect/comparison.xlsx").status_code == 200


def test_the_demo_comparison_shows_kvarnangen_improving_and_granlunda_not(demo_viewer):
    across = across_neighbourhoods(db.session)
    insecurity = next(item for item in across.kpis if item.kpi.name == "Otrygghet utomhus kvällstid")
    assert insecurity.comparison.comparable
    assert len(insecurity.comparison.acting) >= 3 and len(insecurity.comparison.comparison) >= 3
    assert insecurity.comparison.difference > 0
    page = demo_viewer.get("/effect/")
    assert page.status_code == 200 and "Association, not proof of effect." in page.text
    by_name = {row.neighbourhood.name: row for row in insecurity.rows}
    assert by_name["Kvarnängen"].effect.progress > 50
    assert by_name["Granlunda"].effect.progress < 0
    kvarn = by_name["Kvarnängen"].neighbourhood
    assert 'id="effect-table-' in demo_viewer.get(f"/neighbourhoods/{kvarn.id}").text

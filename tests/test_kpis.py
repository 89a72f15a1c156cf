"""KPIs: staff define them and record baselines, targets and measurements; everyone reads the progress."""
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from coalition import kpis
from coalition.db import db
from coalition.kpis import progress_towards_target
from coalition.models import Direction, Kpi, KpiMeasurement, KpiTarget

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


@pytest.fixture
def make_kpi(app):
    def build(name: str = "Sysselsättningsgrad", direction: Direction = HIGHER, unit: str = "%", **fields) -> Kpi:
        kpi = Kpi(name=name, unit=unit, direction=direction, **fields)
        db.session.add(kpi)
        db.session.commit()
        return kpi

    return build


@pytest.fixture
def employment(make_kpi, make_neighbourhood):
    """Employment in Kvarnängen: from 55.8 % towards 66 %, measured twice."""
    kpi = make_kpi(description="Andel 20–64 år som förvärvsarbetar.", source="SCB")
    kvarnangen = make_neighbourhood("Kvarnängen", municipality="Norrvik")
    kpi.targets.append(KpiTarget(neighbourhood=kvarnangen, baseline_value=Decimal("55.8"),
                                 baseline_on=date(2023, 12, 31), target_value=Decimal("66"),
                                 target_on=date(2028, 12, 31)))
    for day, value in ((date(2024, 12, 31), "57.1"), (date(2025, 12, 31), "62.2")):
        db.session.add(KpiMeasurement(kpi=kpi, neighbourhood=kvarnangen, measured_on=day, value=Decimal(value)))
    db.session.commit()
    return kpi, kvarnangen


def _measurements(kpi: Kpi) -> list[tuple[date, Decimal]]:
    return [(m.measured_on, m.value) for m in db.session.scalars(
        db.select(KpiMeasurement).where(KpiMeasurement.kpi_id == kpi.id).order_by(KpiMeasurement.measured_on))]


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


# Progress towards the target, worked out by hand


@pytest.mark.parametrize(("baseline", "target", "latest", "direction", "expected"), [
    # (60.5 - 55.8) / (66.0 - 55.8) = 4.7 / 10.2 = 0.46078...
    ("55.8", "66.0", "60.5", HIGHER, "46.1"),
    # Lower is better: (41 - 31) / (41 - 25) = 10 / 16
    ("41", "25", "31", LOWER, "62.5"),
    # Still at the baseline, and exactly at the target.
    ("41", "25", "41", LOWER, "0.0"),
    ("55.8", "66.0", "66.0", HIGHER, "100.0"),
    # The target passed: (70 - 60) / (68 - 60) = 10 / 8
    ("60", "68", "70", HIGHER, "125.0"),
    ("46", "30", "28", LOWER, "112.5"),
    # Moved the wrong way: (38.5 - 39.8) / (38.5 - 28) = -1.3 / 10.5 = -0.1238...
    ("38.5", "28", "39.8", LOWER, "-12.4"),
    ("63.2", "70", "62.7", HIGHER, "-7.4"),
    # Negative values work the same way: (-2 - -5) / (0 - -5) = 3 / 5
    ("-5", "0", "-2", HIGHER, "60.0"),
    # A baseline equal to the target is a level to hold: held, or not.
    ("20", "20", "20", HIGHER, "100"),
    ("20", "20", "21", HIGHER, "100"),
    ("20", "20", "19", HIGHER, "0"),
    ("20", "20", "19", LOWER, "100"),
    ("20", "20", "21", LOWER, "0"),
    # A target on the worse side of the baseline is a limit: kept under it, or not.
    ("20", "25", "22", LOWER, "100"),
    ("20", "25", "26", LOWER, "0"),
])
def test_progress_towards_the_target_worked_by_hand(baseline, target, latest, direction, expected):
    assert progress_towards_target(Decimal(baseline), Decimal(target), Decimal(latest), direction) == Decimal(expected)


def test_no_progress_figure_without_a_measurement_or_a_target():
    assert progress_towards_target(Decimal("10"), Decimal("20"), None, HIGHER) is None
    assert progress_towards_target(None, None, Decimal("12"), HIGHER) is None


# The list and the KPI page


def test_a_viewer_reads_the_list_and_a_kpi_page_with_chart_table_and_progress(client_as, employment):
    kpi, kvarnangen = employment
    viewer = client_as("viewer")

    listing = _text(viewer.get("/kpis/"))
    page = _text(viewer.get(f"/kpis/{kpi.id}"))

    assert "Sysselsättningsgrad" in listing and "Higher is better" in listing and "2025-12-31" in listing
    assert "New KPI" not in listing and "Import measurements" not in listing
    assert 'href="/kpis/"' in _text(viewer.get("/")), "the navigation links to the KPIs"
    # (62.2 - 55.8) / (66 - 55.8) = 6.4 / 10.2 = 62.7 %
    assert "62.7 % of the way from baseline to target" in page
    assert "Kvarnängen" in page and "55.8 %" in page and "by 2028-12-31" in page
    assert '<svg role="img"' in page and "<!-- 62.2 -->" in page
    assert re.search(r"2025-12-31</td> <td class=\"text-end\"><span class=\"text-nowrap\">62.2&nbsp;%", page)
    assert "Record a measurement" not in page and "Correct" not in page


def test_the_kpi_page_reads_in_swedish_with_decimal_commas(client_as, employment):
    kpi, _ = employment
    viewer = client_as("viewer")

    page = _text(viewer.get(f"/kpis/{kpi.id}", headers={"Accept-Language": "sv"}))

    assert "62,2" in page and "62,7" in page


def test_a_hostile_kpi_name_is_escaped_on_every_page(client_as, make_kpi, make_neighbourhood):
    kpi = make_kpi(name='<script>alert("x")</script>', unit="<b>")
    place = make_neighbourhood("Solbacka")
    db.session.add(KpiMeasurement(kpi=kpi, neighbourhood=place, measured_on=date(2026, 1, 1), value=Decimal(3)))
    db.session.commit()
    viewer = client_as("viewer")

    for url in ("/kpis/", f"/kpis/{kpi.id}", f"/neighbourhoods/{place.id}"):
        page = viewer.get(url).get_data(as_text=True)
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;" in page, url


def test_the_neighbourhood_page_shows_its_kpis_with_latest_value_target_progress_and_chart(client_as, employment,
                                                                                            make_kpi):
    kpi, kvarnangen = employment
    unmeasured = make_kpi("Otrygghet", direction=LOWER)
    unmeasured.targets.append(KpiTarget(neighbourhood=kvarnangen, baseline_value=Decimal(41),
                                        baseline_on=date(2023, 12, 31), target_value=Decimal(25),
                                        target_on=date(2028, 12, 31)))
    db.session.commit()

    page = _text(client_as("viewer").get(f"/neighbourhoods/{kvarnangen.id}"))

    section = page[page.index('id="kpi-section-heading"'):]
    assert f'href="/kpis/{kpi.id}#neighbourhood-{kvarnangen.id}"' in section
    assert "62.2&nbsp;%" in section and "66&nbsp;%" in section and "by 2028-12-31" in section
    assert "62.7&nbsp;%</strong> <span class=\"text-secondary\">of the way to the target" in section
    assert "Otrygghet" in section and "No measurement yet" in section
    assert section.count('<svg role="img"') == 1, "a chart only where something was measured"


def test_neighbourhood_kpis_lists_what_the_partial_needs(employment):
    kpi, kvarnangen = employment

    [item] = kpis.neighbourhood_kpis(db.session, kvarnangen.id)

    assert (item.kpi.id, item.neighbourhood.id) == (kpi.id, kvarnangen.id)
    assert item.latest.value == Decimal("62.2") and item.target.target_value == Decimal("66")
    assert item.progress == Decimal("62.7")
    assert item.series == [(date(2024, 12, 31), Decimal("57.1")), (date(2025, 12, 31), Decimal("62.2"))]


# Defining and editing KPIs


def test_staff_define_a_kpi_and_edit_it(client_as):
    staff = client_as("staff")

    created = staff.post("/kpis/new", data={"name": " Unga  aktiva ", "unit": "%", "direction": "higher_is_better",
                                            "description": "Andel 13–19 år", "source": "Kultur och fritid"})
    kpi = db.session.scalars(db.select(Kpi)).one()
    edited = staff.post(f"/kpis/{kpi.id}/edit", data={
        "name": "Unga aktiva i föreningslivet", "unit": "%", "direction": "lower_is_better", "source": "",
        "version": kpi.version})

    assert created.status_code == 302 and edited.status_code == 302
    db.session.refresh(kpi)
    assert (kpi.name, kpi.direction, kpi.source) == ("Unga aktiva i föreningslivet", LOWER, "")


def test_a_kpi_name_in_use_is_refused_beside_the_name(client_as, make_kpi):
    make_kpi("Trygghet")

    response = client_as("staff").post("/kpis/new", data={"name": "trygghet", "unit": "%",
                                                         "direction": "higher_is_better"})

    page = _text(response)
    assert response.status_code == 200
    assert "There is already a KPI called Trygghet." in page and 'value="trygghet"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Kpi)) == 1


def test_a_conflicting_edit_is_refused_and_the_input_kept(client_as, make_kpi):
    kpi = make_kpi("Trygghet")
    staff = client_as("staff")
    opened_version = kpi.version
    staff.post(f"/kpis/{kpi.id}/edit", data={"name": "Trygghet kvällstid", "unit": "%",
                                             "direction": "higher_is_better", "version": opened_version})

    response = staff.post(f"/kpis/{kpi.id}/edit", data={"name": "Trygghet dagtid", "unit": "%",
                                                        "direction": "higher_is_better", "version": opened_version})

    page = _text(response)
    assert response.status_code == 409
    assert "someone else changed this record" in page and 'value="Trygghet dagtid"' in page
    db.session.refresh(kpi)
    assert kpi.name == "Trygghet kvällstid"


def test_a_viewer_is_refused_every_change(client_as, employment):
    kpi, kvarnangen = employment
    target = kpi.targets[0]
    measurement = db.session.scalars(db.select(KpiMeasurement)).first()
    viewer = client_as("viewer")
    before = _measurements(kpi)

    for url in ("/kpis/new", f"/kpis/{kpi.id}/edit", f"/kpis/{kpi.id}/targets/new", f"/kpis/targets/{target.id}/edit",
                f"/kpis/measurements/{measurement.id}/edit", "/kpis/import/"):
        assert viewer.get(url).status_code == 403, url
    for url, data in (
        ("/kpis/new", {"name": "X", "unit": "%", "direction": "higher_is_better"}),
        (f"/kpis/{kpi.id}/edit", {"name": "X", "unit": "%", "direction": "higher_is_better", "version": kpi.version}),
        (f"/kpis/{kpi.id}/targets/new", {}),
        (f"/kpis/targets/{target.id}/edit", {}),
        (f"/kpis/targets/{target.id}/delete", {}),
        (f"/kpis/{kpi.id}/measurements", {"neighbourhood_id": kvarnangen.id, "measured_on": "2026-01-01",
                                          "value": "1"}),
        (f"/kpis/measurements/{measurement.id}/edit", {}),
        (f"/kpis/measurements/{measurement.id}/delete", {}),
        ("/kpis/import/", {}),
        ("/kpis/import/confirm", {"text": "x"}),
    ):
        assert viewer.post(url, data=data).status_code == 403, url
    assert _measurements(kpi) == before
    assert db.session.scalar(db.select(Kpi.name).where(Kpi.id == kpi.id)) == "Sysselsättningsgrad"


# Baselines and targets


def test_staff_set_a_baseline_and_target_for_another_neighbourhood(client_as, employment, make_neighbourhood):
    kpi, _ = employment
    solbacka = make_neighbourhood("Solbacka", municipality="Norrvik")
    staff = client_as("staff")

    form = _text(staff.get(f"/kpis/{kpi.id}/targets/new"))
    response = staff.post(f"/kpis/{kpi.id}/targets/new", data={
        "neighbourhood_id": solbacka.id, "baseline_value": "60,1", "baseline_on": "2024-12-31",
        "target_value": "68", "target_on": "2028-12-31"})

    assert "Solbacka" in form and ">Kvarnängen (Norrvik)<" not in form, "a neighbourhood already followed is not offered"
    assert response.status_code == 302
    target = db.session.scalars(db.select(KpiTarget).where(KpiTarget.neighbourhood_id == solbacka.id)).one()
    assert (target.baseline_value, target.target_value) == (Decimal("60.10"), Decimal("68"))
    assert "Solbacka" in _text(staff.get(f"/kpis/{kpi.id}"))


def test_a_target_dated_before_its_baseline_is_refused(client_as, employment, make_neighbourhood):
    kpi, _ = employment
    solbacka = make_neighbourhood("Solbacka")

    response = client_as("staff").post(f"/kpis/{kpi.id}/targets/new", data={
        "neighbourhood_id": solbacka.id, "baseline_value": "60", "baseline_on": "2024-12-31",
        "target_value": "68", "target_on": "2024-01-01"})

    assert response.status_code == 200
    assert "The target date must come after the baseline date." in _text(response)
    assert db.session.scalar(db.select(db.func.count()).select_from(KpiTarget)) == 1


def test_staff_change_a_target_and_a_stale_form_is_refused(client_as, employment):
    kpi, kvarnangen = employment
    target = kpi.targets[0]
    staff = client_as("staff")
    data = {"neighbourhood_id": kvarnangen.id, "baseline_value": "55.8", "baseline_on": "2023-12-31",
            "target_value": "70", "target_on": "2029-12-31", "version": target.version}

    assert staff.post(f"/kpis/targets/{target.id}/edit", data=data).status_code == 302
    stale = staff.post(f"/kpis/targets/{target.id}/edit", data={**data, "target_value": "72"})

    assert stale.status_code == 409 and 'value="72"' in _text(stale)
    db.session.refresh(target)
    assert (target.target_value, target.target_on) == (Decimal("70"), date(2029, 12, 31))


# Measurements


def _record(client, kpi, neighbourhood, **fields):
    data = {"neighbourhood_id": neighbourhood.id, "measured_on": "2026-03-31", "value": "12,5", "source": ""}
    data.update(fields)
    return client.post(f"/kpis/{kpi.id}/measurements", data=data)


def test_staff_record_a_measurement_with_a_swedish_decimal_comma(client_as, employment):
    kpi, kvarnangen = employment

    response = _record(client_as("staff"), kpi, kvarnangen, value="63,4", source="SCB, extra uttag")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/kpis/{kpi.id}#neighbourhood-{kvarnangen.id}")
    assert _measurements(kpi)[-1] == (date(2026, 3, 31), Decimal("63.4"))


def test_a_second_value_for_the_same_date_is_refused_beside_the_date(client_as, employment):
    kpi, kvarnangen = employment

    response = _record(client_as("staff"), kpi, kvarnangen, measured_on="2025-12-31", value="63")

    page = _text(response)
    assert response.status_code == 422
    assert re.search(r'id="measured_on"[^>]*>.*?A value is already recorded for 2025-12-31 \(62.2\)', page)
    assert 'value="63"' in page, "what was typed is kept"
    assert len(_measurements(kpi)) == 2


@pytest.mark.parametrize(("fields", "message"), [
    ({"value": "tolv"}, "“tolv” is not a number. Write it like 12,5 or 12.5."),
    ({"value": ""}, "Give the value measured."),
    ({"value": "12,555"}, "A value has at most two decimals."),
    ({"measured_on": "31/03/2026"}, "“31/03/2026” is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-14."),
    ({"measured_on": (date.today() + timedelta(days=2)).isoformat()}, "A measurement cannot be dated in the future."),
    ({"neighbourhood_id": ""}, "Choose a neighbourhood."),
])
def test_a_bad_measurement_is_refused_with_the_reason_and_nothing_recorded(client_as, employment, fields, message):
    kpi, kvarnangen = employment

    response = _record(client_as("staff"), kpi, kvarnangen, **fields)

    assert response.status_code == 422
    assert message in _text(response)
    assert len(_measurements(kpi)) == 2


def test_staff_correct_a_wrong_measurement_and_a_stale_correction_is_refused(client_as, employment):
    kpi, kvarnangen = employment
    wrong = db.session.scalars(db.select(KpiMeasurement).where(KpiMeasurement.measured_on == date(2025, 12, 31))).one()
    staff = client_as("staff")
    data = {"neighbourhood_id": kvarnangen.id, "measured_on": "2025-12-31", "value": "58,6", "source": "SCB",
            "version": wrong.version}

    assert 'value="62.2"' in _text(staff.get(f"/kpis/measurements/{wrong.id}/edit"))
    assert staff.post(f"/kpis/measurements/{wrong.id}/edit", data=data).status_code == 302
    stale = staff.post(f"/kpis/measurements/{wrong.id}/edit", data={**data, "value": "59"})

    assert stale.status_code == 409 and 'value="59"' in _text(stale)
    assert _measurements(kpi)[-1] == (date(2025, 12, 31), Decimal("58.6"))


def test_moving_a_measurement_onto_a_recorded_date_is_refused(client_as, employment):
    kpi, kvarnangen = employment
    later = db.session.scalars(db.select(KpiMeasurement).where(KpiMeasurement.measured_on == date(2025, 12, 31))).one()

    response = client_as("staff").post(f"/kpis/measurements/{later.id}/edit", data={
        "neighbourhood_id": kvarnangen.id, "measured_on": "2024-12-31", "value": "62.2", "version": later.version})

    assert response.status_code == 422
    assert "A value is already recorded for 2024-12-31" in _text(response)


def test_staff_delete_a_measurement_recorded_by_mistake(client_as, employment):
    kpi, _ = employment
    mistake = db.session.scalars(db.select(KpiMeasurement).where(KpiMeasurement.measured_on == date(2025, 12, 31))).one()

    response = client_as("staff").post(f"/kpis/measurements/{mistake.id}/delete")

    assert response.status_code == 302
    assert _measurements(kpi) == [(date(2024, 12, 31), Decimal("57.10"))]


def test_missing_records_are_not_found(client_as):
    staff = client_as("staff")

    assert staff.get("/kpis/999").status_code == 404
    assert staff.get("/kpis/measurements/999/edit").status_code == 404
    assert staff.post("/kpis/targets/999/delete").status_code == 404


def test_the_kpi_page_draws_every_neighbourhood_on_one_scale_so_their_charts_compare(client_as, employment,
                                                                                      make_neighbourhood):
    kpi, _kvarnangen = employment  # 55.8 to 66 %
    granlunda = make_neighbourhood("Granlunda", municipality="Norrvik")
    for day, value in ((date(2024, 12, 31), "12.5"), (date(2025, 12, 31), "14")):
        db.session.add(KpiMeasurement(kpi=kpi, neighbourhood=granlunda, measured_on=day, value=Decimal(value)))
    db.session.commit()
    page = _text(client_as("viewer").get(f"/kpis/{kpi.id}"))
    charts = re.findall(r"<svg role=\"img\".*?</svg>", page)
    assert len(charts) == 2
    # The value axis' labels: the same on both charts, from Granlunda's 12.5 up to Kvarnängen's 66.
    axes = [{int(label) for label in re.findall(r"<!-- (\d+) -->", chart) if int(label) < 2000} - {14, 62}
            for chart in charts]
    assert axes[0] == axes[1] and min(axes[0]) <= 15 and max(axes[0]) >= 60

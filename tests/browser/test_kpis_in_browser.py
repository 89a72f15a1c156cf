"""KPIs in a real browser: staff record a measurement and import a file on the demo coalition,
and the KPI page and the neighbourhood page follow along."""
import shutil
from pathlib import Path

from playwright.sync_api import expect

from coalition.db import db
from coalition.models import Kpi, Neighbourhood
from coalition.seed import load_demo_coalition

from ..conftest import PASSWORD
from .conftest import log_in, screenshot

EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "kpi_measurements_example.csv"
SHOTS = Path("/tmp/shots-kpis")


def _keep(path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def test_staff_record_and_import_measurements_and_read_the_progress(page, make_user):
    load_demo_coalition(db.session)
    db.session.commit()
    insecurity = db.session.scalars(db.select(Kpi).where(Kpi.name == "Otrygghet utomhus kvällstid")).one()
    kvarnangen = db.session.scalars(db.select(Neighbourhood).where(Neighbourhood.name == "Kvarnängen")).one()
    staff = make_user("staff", name="Sara Staff")
    log_in(page, staff.email, PASSWORD)

    page.get_by_role("link", name="KPIs").click()
    page.get_by_role("link", name="Otrygghet utomhus kvällstid").click()
    # Kvarnängen: 41 → 25, latest 31.0: 10 / 16 of the way.
    section = page.locator(f"#neighbourhood-{kvarnangen.id}")
    expect(section).to_contain_text("62.5 % of the way from baseline to target")
    expect(section.locator("svg[role=img]")).to_have_count(1)

    # A second value for a recorded date is refused beside the date, with what was typed kept.
    page.get_by_label("Neighbourhood").select_option(label="Kvarnängen (Norrvik)")
    page.get_by_label("Date measured").fill("2026-09-30")
    page.get_by_label("Value").fill("29,5")
    page.get_by_role("button", name="Record the value").click()
    expect(page.locator("#measured_on ~ .invalid-feedback, .invalid-feedback")).to_contain_text(
        "A value is already recorded for 2026-09-30")
    expect(page.get_by_label("Value")).to_have_value("29,5")
    _keep(screenshot(page, "kpi-duplicate-date"))

    page.get_by_label("Date measured").fill("2026-10-15")
    page.get_by_role("button", name="Record the value").click()
    # (41 - 29.5) / 16 = 71.875
    expect(section).to_contain_text("71.9 % of the way from baseline to target")
    _keep(screenshot(page, "kpi-page"))

    # The import: preview, then confirm.
    page.get_by_role("link", name="KPIs", exact=True).first.click()
    page.get_by_role("link", name="Import measurements").click()
    page.get_by_label("Register (CSV file)").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".import-summary")).to_contain_text("7 measurements will be added")
    _keep(screenshot(page, "kpi-import-preview"))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".alert-success")).to_contain_text("7 measurements were added.")

    page.goto(f"/neighbourhoods/{kvarnangen.id}")
    kpi_section = page.locator("section", has=page.locator("#kpi-section-heading"))
    expect(kpi_section.locator("tbody tr")).to_have_count(4)
    row = kpi_section.locator("tr", has_text=insecurity.name)
    expect(row).to_contain_text("30.4 %")  # the imported value of 2026-10-31 is now the latest
    expect(row.locator("svg[role=img]")).to_have_count(1)
    kpi_section.scroll_into_view_if_needed()
    _keep(screenshot(page, "neighbourhood-with-kpis"))
    SHOTS.mkdir(exist_ok=True)
    kpi_section.screenshot(path=str(SHOTS / "neighbourhood-kpi-section.png"))

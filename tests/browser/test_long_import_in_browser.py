"""A long register in a real browser (issue 18): its check runs in the background behind a
progress page, which follows the check with its script and turns into the usual preview."""
from playwright.sync_api import expect

from coalition.db import db
from coalition.imports.progress import LONG_IMPORT_ROWS
from coalition.models import Organisation, Participation, Sector
from coalition.web.register_upload import _key

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, screenshot

ROWS = LONG_IMPORT_ROWS + 10


def _long_register() -> str:
    lines = [f"Stora mötet {number % 4},2026-02-0{1 + number % 4},Person {number},,Backens IF,,,"
             for number in range(ROWS)]
    return "meeting,date,name,email,organisation,sector,role,status\n" + "\n".join(lines) + "\n"


def test_a_long_register_shows_the_checks_progress_then_the_preview_and_is_imported(app, page, make_user, tmp_path):
    staff = make_user("staff")
    db.session.add(Organisation(name="Backens IF", sector=Sector.CIVIL))
    db.session.commit()
    text = _long_register()
    storage = app.extensions["background"].huey
    log_in(page, staff.email, PASSWORD)

    # The upload answers with the check's page; the tests run jobs at once, so it is done already.
    register = tmp_path / "register.csv"
    register.write_text(text, encoding="utf-8")
    page.goto("/meetings/import/")
    page.get_by_label("Register (CSV file)").set_input_files(str(register))
    page.get_by_role("button", name="Check the file").click(timeout=180_000)  # a loaded machine checks slowly
    expect(page.locator(".import-summary")).to_contain_text(f"{ROWS} participations will be added")
    assert "/meetings/import/checking/" in page.url
    job_id = page.url.rstrip("/").rsplit("/", 1)[1]
    screenshot(page, "long-import-preview")

    # A check under way, as a worker would leave it, set up by hand.
    storage.put(_key("under-way", "owner"), staff.id)
    storage.put(_key("under-way", "progress"), ("Checking", 1_200, ROWS))
    page.goto("/meetings/import/checking/under-way")
    expect(page.get_by_role("heading", name="Checking the file")).to_be_visible()
    expect(page.locator("#import-progress")).to_contain_text("Checking the rows against the register")
    expect(page.locator("#import-progress")).to_contain_text("1,200 of 3,010")
    screenshot(page, "long-import-progress")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_the_screen(page)
    screenshot(page, "long-import-progress-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The script follows the check: the bar moves, and once the result is there the page shows the preview.
    storage.put(_key("under-way", "progress"), ("Checking", 3_000, ROWS))
    expect(page.locator(".progress-bar")).to_contain_text("100 %")
    storage.put(_key("under-way", "result"), storage.get(_key(job_id, "result"), peek=True))
    expect(page.locator(".import-summary")).to_contain_text(f"{ROWS} participations will be added")

    page.get_by_role("button", name="Import").click(timeout=180_000)
    expect(page.locator(".alert-success")).to_contain_text(f"{ROWS} participations were added.")
    db.session.rollback()  # see what the server committed
    assert db.session.scalar(db.select(db.func.count()).select_from(Participation)) == ROWS

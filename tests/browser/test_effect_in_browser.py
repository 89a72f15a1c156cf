"""The effect views in a real browser, on the demo coalition: a neighbourhood's quarters side by side and
every neighbourhood compared, as the steering group reads them, on a desktop and a phone, in both languages."""
import io

import openpyxl
from playwright.sync_api import expect

from coalition.db import db
from coalition.seed import load_demo_coalition

from ..conftest import PASSWORD
from .conftest import ARTIFACTS, assert_fits_the_screen, log_in

WORDS = {
    "en": ("Compare all neighbourhoods", "Association, not proof of effect."),
    "sv": ("Jämför alla områden", "Samband, inte bevis för effekt."),
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _shot(locator, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_the_steering_group_reads_a_neighbourhoods_effect_and_the_comparison(chromium, live_server, make_user):
    load_demo_coalition(db.session)
    viewer = make_user("viewer")
    db.session.commit()
    for language, (compare, association) in WORDS.items():
        for size, viewport in SIZES.items():
            context = chromium.new_context(base_url=live_server, locale="sv-SE" if language == "sv" else "en-GB",
                                           viewport=viewport)
            page = context.new_page()
            page.set_default_timeout(30_000)
            log_in(page, viewer.email, PASSWORD, language)
            page.wait_for_url(lambda url: "/login" not in url)

            page.goto("/neighbourhoods/")
            page.get_by_role("link", name="Kvarnängen").first.click()
            effect = page.locator("#effect")
            expect(effect.locator("svg.effect-chart")).to_have_count(1)
            table = effect.locator("table.effect-table")
            expect(table.locator("tr[data-quarter='2025-Q2']")).to_have_count(1)
            expect(table.locator("tr[data-quarter='2024-Q4']")).to_have_count(1)  # the baseline quarter, before meetings
            assert_fits_the_screen(page)
            _shot(effect, f"effect-neighbourhood-{language}-{size}")

            effect.get_by_role("link", name=compare).click()
            expect(page.locator(".comparison").first).to_contain_text(association)
            expect(page.locator(".comparison[data-comparable=yes]")).to_have_count(4)  # each demo KPI compares
            expect(page.locator(".effect-multiples").first.locator("svg")).to_have_count(7)
            ranking = page.locator("table.ranking").first
            expect(ranking.locator("tbody tr").first).to_have_attribute("data-neighbourhood", "Kvarnängen")
            assert_fits_the_screen(page)
            _shot(page.locator("main, body").first, f"effect-comparison-{language}-{size}")
            context.close()


EXPORT_WORDS = {
    "en": ("Effect table as XLSX", "The file is ready.", "Download the effect table (XLSX)"),
    "sv": ("Effekttabellen som XLSX", "Filen är klar.", "Ladda ner effekttabellen (XLSX)"),
}


def test_the_effect_table_of_every_neighbourhood_is_prepared_then_downloaded(chromium, live_server, make_user):
    load_demo_coalition(db.session)
    viewer = make_user("viewer")
    db.session.commit()
    for language, (export, ready, download_link) in EXPORT_WORDS.items():
        context = chromium.new_context(base_url=live_server, locale="sv-SE" if language == "sv" else "en-GB",
                                       viewport=SIZES["desktop"])
        page = context.new_page()
        page.set_default_timeout(30_000)
        log_in(page, viewer.email, PASSWORD, language)
        page.wait_for_url(lambda url: "/login" not in url)

        page.goto("/effect/")
        page.get_by_role("button", name=export).click()
        page.wait_for_url("**/effect/exports/**")
        expect(page.locator("#export-ready")).to_have_text(ready)  # the tests' queue runs the job at once
        _shot(page.locator("main, body").first, f"effect-export-{language}")
        with page.expect_download() as download:
            page.get_by_role("link", name=download_link).click()
        sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        places = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert {"Kvarnängen", "Granlunda"} <= places
        context.close()

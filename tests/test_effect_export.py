"""The effect table of every neighbourhood is a background job: a page with its progress, for its owner only, then the file.

The tests run jobs at once (Huey's immediate mode), so a started export is ready when its page
opens; a job under way is staged by writing its progress where the job would.
"""
import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from coalition.web import effect_export


@pytest.fixture
def programme(make_neighbourhood, make_organisation, make_person, make_meeting):
    """Two neighbourhoods, one meeting in 2025-Q2: the table has one row per neighbourhood (one quarter)."""
    places = [make_neighbourhood("Norra", population=1000), make_neighbourhood("Södra")]
    town, club = make_organisation("Kommunen"), make_organisation("Klubben")
    make_meeting("Verkstad", datetime(2025, 5, 20, 18), neighbourhood_ids=[places[0].id],
                 attendees=[(make_person(), town), (make_person(), club)])
    return places


def started(client, fmt: str = "csv") -> str:
    response = client.post(f"/effect/effect.{fmt}")
    assert response.status_code == 303, "the button answers at once, with the job's page"
    return response.headers["Location"]


def test_the_export_is_prepared_in_the_background_and_downloaded_from_its_page(programme, client_as):
    viewer = client_as("viewer")
    explained = viewer.get("/effect/effect.csv").get_data(as_text=True)
    assert "prepared in the background" in explained and 'method="post"' in explained
    job_page = started(viewer)
    assert job_page.startswith("/effect/exports/")
    page = viewer.get(job_page).get_data(as_text=True)
    assert "The file is ready." in page
    assert viewer.get(job_page + "/status").get_json()["finished"] is True
    response = viewer.get(job_page + "/effect.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(row["neighbourhood"], row["quarter"], row["meetings"], row["actors"]) for row in rows] == [
        ("Norra", "2025-Q2", "1", "2"), ("Södra", "2025-Q2", "0", "0")]


def test_the_xlsx_export_has_the_same_rows(programme, client_as):
    viewer = client_as("viewer")
    job_page = started(viewer, "xlsx")
    assert viewer.get(job_page + "/effect.csv").status_code == 404, "the file is in the format asked for"
    sheet = load_workbook(io.BytesIO(viewer.get(job_page + "/effect.xlsx").data)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["neighbourhood", "Norra", "Södra"]


def test_only_who_started_the_export_sees_it(app, programme, client_as):
    job_page = started(client_as("viewer"))
    other = client_as("staff")
    for url in (job_page, job_page + "/status", job_page + "/effect.csv"):
        assert other.get(url).status_code == 404, url
    anonymous = app.test_client().get(job_page)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login")


def test_a_new_export_forgets_the_one_before(programme, client_as):
    viewer = client_as("viewer")
    first = started(viewer)
    second = started(viewer)
    assert viewer.get(first).status_code == 404
    assert viewer.get(second + "/effect.csv").status_code == 200


def _stage(app, client, job_id: str, progress) -> None:
    storage = app.extensions["background"].huey
    storage.put(effect_export._key(job_id, "owner"), (client.user.id, "csv"))
    if progress is not None:
        storage.put(effect_export._key(job_id, "progress"), progress)


def test_the_page_of_an_export_under_way_shows_how_many_neighbourhoods_are_done(app, client_as):
    viewer = client_as("viewer")
    _stage(app, viewer, "under-way", (37, 100))
    page = viewer.get("/effect/exports/under-way").get_data(as_text=True)
    assert 'aria-valuenow="37"' in page and 'http-equiv="refresh"' in page and "37 of 100" in page
    assert viewer.get("/effect/exports/under-way/status").get_json() == {
        "finished": False, "stage": "Working out each neighbourhood's collaboration quarter by quarter",
        "count": "37 of 100", "total": 100, "percent": 37}
    assert viewer.get("/effect/exports/under-way/effect.csv").status_code == 404, "nothing to download yet"
    _stage(app, viewer, "queued", None)
    assert viewer.get("/effect/exports/queued/status").get_json()["stage"] == "Waiting for its turn"


def test_the_pages_speak_swedish(app, programme, client_as):
    viewer = client_as("viewer")
    swedish = {"Accept-Language": "sv"}
    assert "tas filen fram i bakgrunden" in viewer.get("/effect/effect.csv", headers=swedish).get_data(as_text=True)
    _stage(app, viewer, "pågår", (3, 10))
    assert viewer.get("/effect/exports/pågår/status", headers=swedish).get_json()["count"] == "3 av 10"
    assert "Filen är klar." in viewer.get(started(viewer), headers=swedish).get_data(as_text=True)


def test_a_failed_export_says_so_and_offers_to_try_again(app, programme, client_as, monkeypatch):
    def broken(fmt, progress=None):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(effect_export, "effect_file", broken)
    viewer = client_as("viewer")
    job_page = started(viewer)
    response = viewer.get(job_page)
    assert response.status_code == 302 and response.headers["Location"] == "/effect/effect.csv"
    assert "could not be prepared" in viewer.get("/effect/effect.csv").get_data(as_text=True)
    assert viewer.get(job_page + "/effect.csv").status_code == 404

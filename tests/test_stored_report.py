"""The steering report's PDF is rendered once per period and data version, then served from
storage; a user cannot start more than a few renderings a minute."""
import sqlalchemy as sa

from coalition.data_protection.anonymisation import anonymise_person
from coalition.db import db
from coalition.models import StoredReport

Q2 = {"from": "2025-04-01", "to": "2025-06-30", "format": "pdf", "lang": "en"}


def _pdf(client, period=Q2):
    return client.get("/reports/steering", query_string=period)


def _stored_rows() -> list:
    return db.session.execute(sa.select(StoredReport.period_from, StoredReport.language, StoredReport.pdf)).all()


def _swap_stored_pdf(body: bytes) -> None:
    db.session.execute(sa.update(StoredReport).values(pdf=body))
    db.session.commit()


def test_a_second_download_is_served_from_storage_until_the_data_changes(client_as, make_organisation):
    make_organisation("Norrviks Bostäder")
    viewer = client_as("viewer")
    first = _pdf(viewer)
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    assert len(_stored_rows()) == 1

    # What storage holds is what the next viewer gets: no second rendering.
    _swap_stored_pdf(b"%PDF-1.7 as stored")
    assert _pdf(client_as("viewer")).data == b"%PDF-1.7 as stored"

    # A change to the data makes a new rendering, which replaces the period's old one.
    make_organisation("Sjöberga Bostäder")
    renewed = _pdf(viewer)
    assert renewed.data.startswith(b"%PDF") and renewed.data != b"%PDF-1.7 as stored"
    assert [row.pdf for row in _stored_rows()] == [renewed.data]


def test_each_language_is_kept_apart(client_as):
    viewer = client_as("viewer")
    _pdf(viewer, {**Q2, "lang": "sv"})
    _pdf(viewer, {**Q2, "lang": "en"})
    assert sorted(row.language for row in _stored_rows()) == ["en", "sv"]


def test_a_user_cannot_start_more_than_a_few_renderings_a_minute(app, client_as):
    app.config["REPORT_RENDERS_PER_USER"] = "2 per minute"
    viewer = client_as("viewer")
    assert _pdf(viewer, {**Q2, "from": "2025-01-01", "to": "2025-03-31"}).status_code == 200
    assert _pdf(viewer, Q2).status_code == 200
    refused = _pdf(viewer, {**Q2, "from": "2025-07-01", "to": "2025-09-30"})
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert "Too many attempts" in refused.text
    # A stored rendering costs nothing and is still served.
    assert _pdf(viewer, Q2).status_code == 200
    # Another user has a count of their own.
    assert _pdf(client_as("staff"), {**Q2, "from": "2025-07-01", "to": "2025-09-30"}).status_code == 200


def test_an_anonymisation_drops_every_stored_pdf(client_as, make_person):
    person = make_person()
    _pdf(client_as("viewer"))
    assert len(_stored_rows()) == 1
    anonymise_person(db.session, person, "Asked to be forgotten")
    db.session.commit()
    assert _stored_rows() == []


def test_opening_a_quarters_report_makes_its_pdf_ahead_so_the_download_is_served_from_storage(app, client_as):
    app.config.update(REPORT_PDF_AHEAD=True, REPORT_RENDERS_PER_USER="1 per minute")
    viewer = client_as("viewer")
    page = viewer.get("/reports/steering", query_string={"from": Q2["from"], "to": Q2["to"], "lang": "sv"})
    assert page.status_code == 200
    assert [(row.language, row.pdf[:4]) for row in _stored_rows()] == [("sv", b"%PDF")]
    # The one render a minute went on the PDF made ahead: the download is still served, from storage.
    _swap_stored_pdf(b"%PDF-1.7 made ahead")
    assert _pdf(viewer, {**Q2, "lang": "sv"}).data == b"%PDF-1.7 made ahead"
    # Made ahead, it counted: a quarter not yet kept is refused for now.
    assert _pdf(viewer, {**Q2, "from": "2025-07-01", "to": "2025-09-30"}).status_code == 429


def test_a_period_that_is_no_quarter_is_not_made_ahead(app, client_as):
    app.config["REPORT_PDF_AHEAD"] = True
    page = client_as("viewer").get("/reports/steering", query_string={"from": "2025-04-01", "to": "2025-05-15"})
    assert page.status_code == 200 and _stored_rows() == []

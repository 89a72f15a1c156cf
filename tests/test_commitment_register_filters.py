"""The register's made and delivered date filters: what they find, how a wrong range is explained, and the exports."""
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from coalition import commitments
from coalition.commitments import CommitmentDetails, record_status_change
from coalition.db import db
from coalition.models import CommitmentKind, CommitmentStatus, Unit


@pytest.fixture
def register(app, make_organisation):
    """Five commitments of 2025, made and delivered on each side of April's edges."""
    party = make_organisation("Läxhjälpen")

    def promise(description, made_on, delivered_on=None, kind=CommitmentKind.FUNDING):
        commitment = commitments.create_commitment(db.session, CommitmentDetails(
            description=description, party_ids=[party.id], kind=kind, amount=Decimal("1000"), unit=Unit.SEK,
            made_on=made_on), status=CommitmentStatus.AGREED)
        if delivered_on:
            record_status_change(db.session, commitment, CommitmentStatus.DELIVERED, changed_on=delivered_on)
        db.session.commit()

    promise("Gjort sista mars", date(2025, 3, 31), delivered_on=date(2025, 4, 1))
    promise("Gjort första april", date(2025, 4, 1), delivered_on=date(2025, 5, 1))
    promise("Gjort sista april", date(2025, 4, 30), delivered_on=date(2025, 4, 30), kind=CommitmentKind.PREMISES)
    promise("Gjort första maj", date(2025, 5, 1))
    promise("Gjort i juni", date(2025, 6, 10))


def _page(client, query: str) -> str:
    return client.get(f"/commitments/?{query}").get_data(as_text=True)


def _listed(page: str) -> set[str]:
    table = page[page.index('id="register"'):]
    return set(re.findall(r"Gjort [^<]+", table))


def _results(page: str) -> int:
    return int(re.search(r"(\d+) results?\b", page).group(1))


def test_the_register_finds_what_was_made_within_the_dates_both_days_included(client_as, register):
    page = _page(client_as("viewer"), "made_from=2025-04-01&made_to=2025-04-30")
    assert _listed(page) == {"Gjort första april", "Gjort sista april"}
    assert _results(page) == 2
    assert re.search(r'id="total-line">\s*2 commitments', page)


def test_only_a_start_or_only_an_end_narrows_one_side(client_as, register):
    viewer = client_as("viewer")
    assert _listed(_page(viewer, "made_from=2025-05-01")) == {"Gjort första maj", "Gjort i juni"}
    assert _listed(_page(viewer, "made_to=2025-03-31")) == {"Gjort sista mars"}


def test_the_delivered_dates_find_only_commitments_delivered_within_them(client_as, register):
    viewer = client_as("viewer")
    page = _page(viewer, "delivered_from=2025-04-01&delivered_to=2025-04-30")
    assert _listed(page) == {"Gjort sista mars", "Gjort sista april"}
    assert _results(page) == 2
    # Open commitments have no delivery date: a start date alone still leaves them out.
    assert _listed(_page(viewer, "delivered_from=2025-01-01")) == {
        "Gjort sista mars", "Gjort första april", "Gjort sista april"}


def test_made_and_delivered_dates_combine_with_the_other_filters(client_as, register):
    viewer = client_as("viewer")
    assert _listed(_page(viewer, "made_from=2025-04-01&made_to=2025-06-30&kind=premises")) == {"Gjort sista april"}
    assert _listed(_page(viewer, "made_from=2025-04-01&delivered_to=2025-05-31")) == {
        "Gjort första april", "Gjort sista april"}


@pytest.mark.parametrize("start, end", [("made_from", "made_to"), ("delivered_from", "delivered_to"),
                                        ("due_from", "due_to")])
def test_an_end_before_the_start_is_explained_beside_the_field_with_the_dates_kept(client_as, register, start, end):
    response = client_as("viewer").get(f"/commitments/?{start}=2025-05-01&{end}=2025-04-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    field = re.search(rf'<input class="form-control is-invalid" id="{end}"[^>]*>\s*'
                      r'<div class="invalid-feedback[^"]*">([^<]+)</div>', page)
    assert field and field.group(1) == "The end date must not be before the start date."
    assert 'value="2025-04-01"' in field.group(0)
    assert re.search(rf'id="{start}"[^>]*value="2025-05-01"', page)


def test_an_unreadable_date_is_ignored_rather_than_crashing(client_as, register):
    response = client_as("viewer").get("/commitments/?made_from=2025-13-40&made_to=2025-04-30")
    assert response.status_code == 200
    assert _listed(response.get_data(as_text=True)) == {"Gjort sista mars", "Gjort första april", "Gjort sista april"}


def test_the_downloads_hold_exactly_the_filtered_commitments(client_as, register):
    viewer = client_as("viewer")
    query = "made_from=2025-04-01&made_to=2025-04-30"
    page = _page(viewer, query)
    assert f"/commitments/export.csv?{query.replace('&', '&amp;')}" in page
    assert f"/commitments/export.xlsx?{query.replace('&', '&amp;')}" in page
    text = viewer.get(f"/commitments/export.csv?{query}").get_data(as_text=True)
    assert set(re.findall(r"Gjort [a-zåäö ]+", text)) == {"Gjort första april", "Gjort sista april"}
    delivered = viewer.get("/commitments/export.xlsx?delivered_from=2025-04-01&delivered_to=2025-04-30")
    sheet = load_workbook(io.BytesIO(delivered.data))["Commitments"]
    described = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert described == {"Gjort sista mars", "Gjort sista april"}

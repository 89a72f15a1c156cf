"""Where an organisation is reached: address, postcode, town, phone, e-mail and website (issue 15, item 3)."""
import io

import pytest
from openpyxl import load_workbook

from coalition.contact_details import ContactDetails
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import Organisation, OrganisationKind, Sector
from coalition.organisations import OrganisationDetails, create_organisation

GOOD = {"name": "Kvarnängens fritidsgård", "sector": "public", "kind": "municipality",
        "address": "Kvarnvägen  4", "postcode": "12345", "town": "Norrvik", "phone": "+46 8 123 456 78",
        "email": "Info@Fritidsgarden.example.se", "website": "https://fritidsgarden.example.se"}


def _organisation(name: str) -> Organisation | None:
    return db.session.scalar(db.select(Organisation).where(Organisation.name == name))


def test_staff_record_where_an_organisation_is_reached_and_see_it_on_its_page(client_as):
    staff = client_as("staff")
    response = staff.post("/organisations/new", data=GOOD)
    assert response.status_code == 302
    organisation = _organisation("Kvarnängens fritidsgård")
    assert (organisation.address, organisation.postcode, organisation.town) == ("Kvarnvägen 4", "123 45", "Norrvik")
    assert organisation.email == "info@fritidsgarden.example.se"
    page = staff.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "Kvarnvägen 4" in page and "123 45 Norrvik" in page
    assert 'href="mailto:info@fritidsgarden.example.se"' in page
    assert 'href="tel:+46812345678"' in page
    assert 'href="https://fritidsgarden.example.se" rel="noopener noreferrer"' in page


@pytest.mark.parametrize("phone", ["08-123 456 78", "0123-45 60 00", "+46 70 123 45 67", "(08) 123 45 67"])
def test_a_phone_number_starting_with_0_or_plus_46_is_accepted(client_as, phone):
    response = client_as("staff").post("/organisations/new", data={**GOOD, "phone": phone})
    assert response.status_code == 302
    assert _organisation("Kvarnängens fritidsgård").phone == phone


def test_every_wrong_contact_detail_is_refused_beside_its_field_at_once_with_the_input_kept(client_as):
    response = client_as("staff").post("/organisations/new", data={
        **GOOD, "postcode": "1234", "phone": "123 456", "email": "info(at)example.se",
        "website": "javascript:alert(1)"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A Swedish postcode has five digits" in page
    assert "starting with +46 or 0" in page
    assert "Enter an e-mail address" in page
    assert "starting with http:// or https://" in page
    assert 'value="info(at)example.se"' in page and 'value="1234"' in page
    assert _organisation("Kvarnängens fritidsgård") is None


@pytest.mark.parametrize(("field", "value"), [
    ("website", "ftp://example.se"), ("website", "www.example.se"), ("website", "https://"),
    ("website", "http://exa mple.se"), ("postcode", "012 34"), ("postcode", "123456"), ("postcode", "12 345"),
    ("postcode", "abc de"), ("phone", "46 70 123 45 67"), ("phone", "070-12"), ("email", "info@"),
])
def test_a_contact_detail_of_the_wrong_form_is_refused_wherever_it_comes_from(app, field, value):
    details = OrganisationDetails(name="Felskriven", sector=Sector.CIVIL, contact=ContactDetails(**{field: value}))
    with pytest.raises(DomainError) as refused:
        create_organisation(db.session, details)
    assert [e.field for e in refused.value.every] == [field]


def test_contact_details_can_be_emptied_again(app, client_as):
    staff = client_as("staff")
    staff.post("/organisations/new", data=GOOD)
    organisation = _organisation("Kvarnängens fritidsgård")
    emptied = {**GOOD, "version": organisation.version, "address": "", "postcode": "", "town": "", "phone": "",
               "email": "", "website": ""}
    assert staff.post(f"/organisations/{organisation.id}/edit", data=emptied).status_code == 302
    db.session.expire_all()
    assert (organisation.address, organisation.postcode, organisation.phone, organisation.email) == ("", "", "", "")


def test_the_export_lists_where_each_organisation_is_reached_as_filtered(client_as, make_organisation):
    make_organisation("Norrviks bibliotek", sector=Sector.PUBLIC, kind=OrganisationKind.MUNICIPALITY,
                      address="Torget 1", postcode="123 45", town="Norrvik", phone="08-123 456 78",
                      email="bibliotek@norrvik.example.se")
    make_organisation("Solbacka IF", sector=Sector.CIVIL)
    viewer = client_as("viewer")
    csv_text = viewer.get("/organisations/export.csv?sector=public").get_data(as_text=True)
    assert "Postcode" in csv_text.splitlines()[0]
    assert "Norrviks bibliotek" in csv_text and "bibliotek@norrvik.example.se" in csv_text and "123 45" in csv_text
    assert "Solbacka IF" not in csv_text
    sheet = load_workbook(io.BytesIO(viewer.get("/organisations/export.xlsx").data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:10] == ["Name", "Sector", "Kind", "Organisation number", "Street address", "Postcode", "Town",
                            "Phone", "E-mail", "Website"]
    assert ["Norrviks bibliotek", "Torget 1", "123 45"] == [rows[1][0], rows[1][4], rows[1][5]]


def test_the_organisation_list_offers_its_downloads(client_as):
    page = client_as("viewer").get("/organisations/?sector=civil").get_data(as_text=True)
    assert "/organisations/export.csv?sector=civil" in page and "/organisations/export.xlsx?sector=civil" in page


def test_the_demo_import_sets_contact_details_given_in_its_file(demo):
    office = db.session.scalar(db.select(Organisation).where(Organisation.name == "Norrvik kommun, stadsledningskontoret"))
    assert (office.postcode, office.town) == ("123 45", "Norrvik")
    assert office.email == "programkontoret@norrvik.example.se"

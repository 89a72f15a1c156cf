"""The interface speaks Swedish and English."""
from datetime import datetime
from decimal import Decimal

from coalition.db import db
from coalition.i18n import sek
from coalition.models import Meeting, MeetingKind, Participation, Sector


def test_the_language_follows_the_browser(client_as):
    viewer = client_as("viewer")
    swedish = viewer.get("/organisations/", headers={"Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5"})
    english = viewer.get("/organisations/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "<h1>Organisationer</h1>" in swedish.get_data(as_text=True)
    assert "<h1>Organisations</h1>" in english.get_data(as_text=True)


def test_the_language_chosen_in_the_header_wins_over_the_browser(client_as):
    staff = client_as("staff")
    response = staff.post("/language", data={"language": "sv", "next": "/organisations/"},
                           headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/organisations/"
    page = staff.get("/organisations/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "Ny organisation" in page


def test_sector_names_in_both_languages(client_as, make_organisation):
    for sector in Sector:
        make_organisation(f"Aktör {sector.value}", sector=sector)
    viewer = client_as("viewer")
    swedish = viewer.get("/organisations/", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    english = viewer.get("/organisations/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    for name in ("Näringsliv", "Offentlig sektor", "Civilsamhälle", "Akademi"):
        assert name in swedish
    for name in ("Private sector", "Public sector", "Civil society", "Academia"):
        assert name in english


def test_the_login_page_is_translated_before_login(client):
    page = client.get("/login", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Logga in" in page


def test_a_list_of_several_pages_names_its_page_links_in_swedish(app, client_as, make_organisation):
    app.config["PAGE_SIZE"] = 2
    for number in range(3):
        make_organisation(f"Förening {number}")
    page = client_as("viewer").get("/organisations/", headers={"Accept-Language": "sv"}).text
    assert '<nav aria-label="Sidor">' in page
    assert "Page navigation" not in page


def test_the_network_drawing_is_named_in_swedish(client_as, make_organisation, make_person):
    club, city = make_organisation("Backens IF"), make_organisation("Norrviks kommun")
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Verkstad", starts_at=datetime(2026, 3, 4, 18))
    meeting.participations += [Participation(person=make_person(organisation=club), organisation=club),
                               Participation(person=make_person(organisation=city), organisation=city)]
    db.session.add(meeting)
    db.session.commit()
    page = client_as("viewer").get("/network/", headers={"Accept-Language": "sv"}).text
    assert 'aria-label="Samverkansnätverket"' in page
    assert "The collaboration network" not in page


def test_amounts_in_sek_follow_the_language(app):
    # Each in its own app context, as each request has: Flask-Babel keeps the locale there.
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "sv"}):
        assert sek(Decimal("1234567")) == "1\xa0234\xa0567\xa0kr"
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        assert sek(Decimal("1234567.50")) == "1,234,567.50\xa0SEK"


def test_every_interface_text_has_a_swedish_translation(tmp_path):
    """A new or changed text without its Swedish translation would show up in English."""
    import subprocess
    import sys
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[1]
    template = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "--no-location", "-o", str(template), "."],
                   cwd=root, check=True, capture_output=True)
    with template.open("rb") as file:
        wanted = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file) if message.id}
    with (root / "coalition/translations/sv/LC_MESSAGES/messages.po").open("rb") as file:
        catalogue = read_po(file)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert len(wanted) > 100
    assert sorted(wanted - translated) == []
    problems = [(message.id, errors) for message, errors in catalogue.check() if errors]
    assert problems == []

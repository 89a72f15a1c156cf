"""The pages issue 14 changed, as staff, the steering group and an admin see them, on a desk and a phone."""
import io
from datetime import datetime

import pytest
from playwright.sync_api import expect

from coalition import meetings
from coalition.attachments import store_attachment
from coalition.db import db
from coalition.models import MeetingKind, Participation

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, screenshot

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def workshop(app, make_person, make_organisation, make_user):
    """A workshop with a participant, a signed sign-in list and an agenda attached."""
    club = make_organisation("Backens IF")
    person = make_person("Greta Gustafsson", organisation=club)
    uploader = make_user("staff")
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.WORKSHOP, title="Framtidsverkstad Backen", starts_at=datetime(2026, 3, 4, 18, 0)))
    db.session.add(Participation(meeting=meeting, person=person, organisation=club))
    store_attachment(db.session, meeting, io.BytesIO(PDF), "Närvarolista 4 mars.pdf", uploaded_by_id=uploader.id,
                     holds_personal_data=False)  # named like one: marked all the same
    store_attachment(db.session, meeting, io.BytesIO(PDF), "Dagordning.pdf", uploaded_by_id=uploader.id,
                     holds_personal_data=False)
    db.session.commit()
    return {"meeting": meeting, "person": person}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en-GB", "sv-SE"])
def test_the_meeting_page_keeps_a_sign_in_list_from_the_steering_group(
        chromium, live_server, make_user, workshop, size, language):
    meeting_url = f"/meetings/{workshop['meeting'].id}"
    users = {role: make_user(role) for role in ("staff", "viewer")}  # before the server's first write
    for role, user in users.items():
        context = chromium.new_context(base_url=live_server, locale=language, viewport=SIZES[size],
                                       is_mobile=size == "phone")
        page = context.new_page()
        if language == "en-GB":
            log_in(page, user.email, PASSWORD)
        else:
            _log_in_in_swedish(page, user)
        page.goto(meeting_url)
        attachments = page.locator("#attachments")
        expect(attachments.get_by_role("link", name="Dagordning.pdf")).to_be_visible()
        if role == "viewer":
            expect(attachments.get_by_text("Närvarolista 4 mars.pdf")).to_have_count(0)
        else:
            expect(attachments.get_by_role("link", name="Närvarolista 4 mars.pdf")).to_be_visible()
            expect(page.locator("#signed-list-form")).to_be_visible()
        assert_fits_the_screen(page, f"{role} {size} {language}")
        page.locator("#participants").scroll_into_view_if_needed()
        screenshot(page, f"trust-meeting-{role}-{size}-{language[:2]}")
        context.close()


def _log_in_in_swedish(page, user) -> None:
    page.goto("/login")
    page.get_by_label("E-post").fill(user.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


@pytest.mark.parametrize("size", SIZES)
def test_an_admin_lifts_a_pause_and_reviews_attachments_before_erasing(
        chromium, live_server, make_user, workshop, size):
    paused, admin = make_user("staff"), make_user("admin")
    context = chromium.new_context(base_url=live_server, locale="en-GB", viewport=SIZES[size],
                                   is_mobile=size == "phone")
    page = context.new_page()
    for _attempt in range(5):
        log_in(page, paused.email, "a wrong password, mistyped")
    log_in(page, paused.email, PASSWORD)
    expect(page.get_by_text("Too many attempts")).to_be_visible()
    assert_fits_the_screen(page)
    screenshot(page, f"trust-login-paused-{size}")

    log_in(page, admin.email, PASSWORD)
    page.goto(f"/admin/users/{paused.id}/edit")
    expect(page.get_by_role("button", name="Lift the pause")).to_be_visible()
    assert_fits_the_screen(page)
    screenshot(page, f"trust-admin-user-paused-{size}")
    page.get_by_role("button", name="Lift the pause").click()
    expect(page.get_by_text("is no longer paused")).to_be_visible()

    page.goto(f"/people/{workshop['person'].id}/data-protection")
    expect(page.get_by_role("heading", name="Attachments to review")).to_be_visible()
    expect(page.get_by_role("link", name="Närvarolista 4 mars.pdf")).to_be_visible()
    assert_fits_the_screen(page)
    screenshot(page, f"trust-data-protection-{size}")
    context.close()

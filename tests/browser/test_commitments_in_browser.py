"""A joint commitment made at a meeting, followed from proposed to delivered in a real browser,
with the register's totals and both parties' pages following along."""
from datetime import date, datetime

from playwright.sync_api import Page, expect

from coalition import commitments, meetings
from coalition.db import db
from coalition.models import Commitment, CommitmentKind, CommitmentStatus, MeetingKind, Sector, Unit

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, pick_organisation, screenshot

DUE_ON = date(date.today().year + 1, 8, 31)  # delivered today, so on time


def _status_row(page: Page, status: str):
    return page.locator("#totals-by-status tr", has_text=status)


def _record_status(page: Page, status: str) -> None:
    page.get_by_label("New status").select_option(label=status)
    page.get_by_label("On", exact=True).fill(date.today().isoformat())
    page.get_by_role("button", name="Record the status change").click()


def test_staff_follow_a_joint_commitment_from_the_meeting_to_delivery(page, make_user, make_organisation,
                                                                      make_neighbourhood):
    bostader = make_organisation("Norrviks Bostäder", sector=Sector.PUBLIC)
    bank = make_organisation("Norrviks Sparbank", sector=Sector.PRIVATE)
    make_neighbourhood("Kvarnängen", municipality="Norrvik")
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.WORKSHOP, title="Workshop: Sommarjobb", starts_at=datetime(2026, 2, 12, 9, 0)))
    db.session.commit()
    staff = make_user("staff", name="Sara Staff")
    log_in(page, staff.email, PASSWORD)

    page.goto("/commitments/")
    expect(page.locator("#total-line")).to_contain_text("0 commitments")

    # At the meeting: a promise made jointly by a housing company and a bank.
    page.goto(f"/meetings/{meeting.id}")
    page.get_by_role("link", name="Record a commitment made here").click()
    expect(page.get_by_label("Made at meeting")).to_have_value(str(meeting.id))
    pick_organisation(page, "Parties", "norrviks bo")
    pick_organisation(page, "Parties", "sparbank")
    page.get_by_label("Kind").select_option("funding")
    page.get_by_label("What is promised").fill("Lönemedel för 25 sommarjobb i Kvarnängen")
    page.get_by_label("Amount").fill("300 000")
    page.get_by_label("Unit", exact=True).select_option("sek")
    page.get_by_label("Neighbourhood").select_option(label="Kvarnängen (Norrvik)")
    page.get_by_label("Due", exact=True).fill(DUE_ON.isoformat())
    screenshot(page, "commitment-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The commitment was recorded.")).to_be_visible()
    expect(page.get_by_text("Joint commitment")).to_be_visible()
    expect(page.locator("#status-history")).to_contain_text("Proposed")

    page.get_by_role("link", name="Commitments", exact=True).first.click()
    expect(page.locator("#total-line")).to_contain_text("1 commitment")
    expect(page.locator("#stage-totals")).to_contain_text("300,000\xa0SEK proposed")
    screenshot(page, "commitments-headline")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot(page, "commitments-headline-phone")
    assert_fits_the_screen(page)
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("#stage-totals")).to_contain_text("föreslaget · 0\xa0kr överenskommet eller pågående · 0\xa0kr infriat")
    screenshot(page, "commitments-headline-phone-sv")
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot(page, "commitments-headline-sv")
    page.get_by_role("button", name="English").click()
    expect(_status_row(page, "Proposed")).to_contain_text("300,000\xa0SEK")
    expect(page.locator("#totals-by-sector tr", has_text="Several sectors")).to_contain_text("300,000\xa0SEK")
    expect(page.locator("#totals-by-neighbourhood tr", has_text="Kvarnängen")).to_contain_text("300,000\xa0SEK")

    # Agreed, then delivered, each recorded on the commitment's page.
    page.get_by_role("link", name="Lönemedel för 25 sommarjobb i Kvarnängen").click()
    expect(page.get_by_label("New status")).to_have_value("agreed")
    _record_status(page, "Agreed")
    expect(page.get_by_text("New status “Agreed” for: Lönemedel")).to_be_visible()
    page.goto("/commitments/")
    expect(_status_row(page, "Agreed")).to_contain_text("300,000\xa0SEK")
    expect(_status_row(page, "Proposed")).to_have_count(0)

    page.get_by_role("link", name="Lönemedel för 25 sommarjobb i Kvarnängen").click()
    _record_status(page, "Delivered")
    expect(page.get_by_text("New status “Delivered” for: Lönemedel")).to_be_visible()
    history = page.locator("#status-history li")
    expect(history).to_have_count(3)
    expect(history.first).to_contain_text("Delivered")
    expect(history.first).to_contain_text("Recorded by Sara Staff")
    screenshot(page, "commitment-delivered")

    page.goto("/commitments/")
    expect(_status_row(page, "Delivered")).to_contain_text("300,000\xa0SEK")
    expect(_status_row(page, "Agreed")).to_have_count(0)
    screenshot(page, "commitments-register")

    # Both parties' pages count the delivery, on time, and the full amount (it is joint).
    for party in (bostader, bank):
        page.goto(f"/organisations/{party.id}")
        section = page.locator("#commitments")
        expect(section).to_contain_text("Lönemedel för 25 sommarjobb i Kvarnängen")
        expect(page.locator("#delivery-record")).to_contain_text("Delivered on time: 1 of 1")
        expect(page.locator("#organisation-pledged tr", has_text="SEK")).to_contain_text("300,000\xa0SEK")
    screenshot(page, "organisation-commitments")

    db.session.rollback()  # end the test's own read snapshot, to see what the server wrote
    commitment = db.session.scalar(db.select(Commitment))
    assert commitment.status is CommitmentStatus.DELIVERED and commitment.delivered_on == date.today()
    assert {p.name for p in commitment.parties} == {"Norrviks Bostäder", "Norrviks Sparbank"}


def test_one_click_on_the_start_page_moves_an_overdue_commitment_on(page, make_user, make_organisation):
    party = make_organisation("Läxhjälpen")
    commitments.create_commitment(db.session, commitments.CommitmentDetails(
        kind=CommitmentKind.PREMISES, description="Klassrum fyra eftermiddagar", party_ids=[party.id],
        amount=80, unit=Unit.SQUARE_METRES, made_on=date(2026, 3, 1), due_on=date(2026, 8, 17)),
        status=CommitmentStatus.AGREED)
    db.session.commit()
    staff = make_user("staff")
    log_in(page, staff.email, PASSWORD)

    overdue = page.locator("#overdue")
    expect(overdue).to_contain_text("Klassrum fyra eftermiddagar")
    screenshot(page, "follow-up-on-the-start-page")
    overdue.get_by_role("button", name="Record change").click()
    expect(page.get_by_text("New status “In progress” for: Klassrum")).to_be_visible()
    expect(page.locator("#overdue")).to_contain_text("Klassrum fyra eftermiddagar")
    expect(page.locator("#overdue")).to_contain_text("In progress")

"""Logging a 40-person workshop from a sign-in sheet in a real browser, counting what the user does."""
from dataclasses import dataclass, field
from datetime import datetime

from playwright.sync_api import Locator, Page, expect

from coalition import meetings
from coalition.db import db
from coalition.models import MeetingKind, Participation, ParticipationStatus, Sector

from ..conftest import PASSWORD
from .conftest import log_in, screenshot


@dataclass
class CountedUser:
    """Drives the page as a person would and counts their actions: clicks, Enter/Tab presses and
    pastes. A click on a submit button counts once (it is the submission); a drop-down counts
    two (open it, pick the option); typing letters is not counted."""

    page: Page
    actions: list[str] = field(default_factory=list)

    def click(self, target: Locator, what: str) -> None:
        target.click()
        self.actions.append(f"click {what}")

    def paste(self, target: Locator, text: str, what: str) -> None:
        target.click()
        target.fill(text)
        self.actions += [f"click {what}", f"paste into {what}"]

    def type_text(self, target: Locator, text: str, what: str) -> None:
        target.click()
        target.press_sequentially(text)
        self.actions.append(f"click {what} and type")

    def press(self, target: Locator, key: str, what: str) -> None:
        target.press(key)
        self.actions.append(f"{key} in {what}")

    def choose(self, target: Locator, value: str, what: str) -> None:
        target.select_option(value)
        self.actions += [f"open {what}", f"pick {value}"]


def _sign_in_sheet(make_person, make_organisation) -> str:
    """40 lines: 26 registered, 11 new (at 2 new organisations), 1 namesake, 2 known by e-mail."""
    stad = make_organisation("Norrviks stad", sector=Sector.PUBLIC)
    bostader = make_organisation("Norrviks Bostäder", sector=Sector.PUBLIC)
    idrott = make_organisation("Backens IF", sector=Sector.CIVIL)
    lines = []
    for n in range(26):
        organisation = (stad, bostader, idrott)[n % 3]
        make_person(f"Registrerad Person{n:02d}", organisation=organisation)
        lines.append(f"registrerad person{n:02d}, {organisation.name.upper()}")
    for n in range(2):
        make_person(f"Känd Epost{n}", email=f"kand{n}@example.se", organisation=idrott)
        lines.append(f"K. Epost <kand{n}@example.se>, Backens IF")
    make_person("Maria Svensson", organisation=stad)
    make_person("Maria Svensson", organisation=idrott)
    lines.append("Maria Svensson, Norrvik Energi")  # a namesake: which Maria, or somebody new?
    for n in range(11):
        organisation = ("Norrvik Energi", "Studiefrämjandet Norrvik")[n % 2]
        lines.append(f"Ny Deltagare{n:02d} <ny{n}@example.se>, {organisation}")
    return "\n".join(lines)


def test_staff_log_a_40_person_workshop_in_under_20_actions(page, make_user, make_person, make_organisation):
    sheet = _sign_in_sheet(make_person, make_organisation)
    staff = make_user("staff", name="Sara Staff")
    log_in(page, staff.email, PASSWORD)

    page.goto("/meetings/new")
    page.get_by_label("Title").fill("Framtidsverkstad Backen")
    page.get_by_label("Date").fill("2026-11-20")
    page.get_by_label("Start time").fill("18:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Framtidsverkstad Backen")).to_be_visible()

    user = CountedUser(page)
    user.paste(page.get_by_label("Sign-in list"), sheet, "the sign-in list")
    user.click(page.get_by_role("button", name="Preview the list"), "Preview")
    expect(page.get_by_text("28 registered, 11 new, 1 to choose, 0 already on the list.")).to_be_visible()
    screenshot(page, "sign-in-preview")

    # The namesake was at Backens IF before; the new organisations need their sector.
    maria = page.get_by_label("Who is Maria Svensson?")
    backens_maria = maria.locator("option", has_text="Backens IF").get_attribute("value")
    user.choose(maria, backens_maria, "which Maria")
    user.choose(page.get_by_label("Norrvik Energi"), "private", "Norrvik Energi's sector")
    user.choose(page.get_by_label("Studiefrämjandet Norrvik"), "civil", "Studiefrämjandet's sector")
    user.click(page.get_by_role("button", name="Add them to the meeting"), "Add")
    expect(page.get_by_text("40 added to the list (11 new people, 2 new organisations).")).to_be_visible()

    user.click(page.get_by_role("checkbox", name="Ny Deltagare03"), "a tick box")
    user.click(page.get_by_role("checkbox", name="Registrerad Person07"), "a tick box")
    user.choose(page.get_by_label("Set status"), "no_show", "Set status")
    user.click(page.get_by_role("button", name="Apply to ticked"), "Apply")

    counts = page.get_by_test_id("participant-counts")
    expect(counts).to_contain_text("38 attended")
    expect(counts).to_contain_text("2 no-show")
    screenshot(page, "workshop-with-40-participants")
    print(f"\n{len(user.actions)} actions for 40 people: " + "; ".join(user.actions))
    assert len(user.actions) < 20

    db.session.rollback()  # end the test's own read snapshot, to see what the server wrote
    statuses = db.session.scalars(db.select(Participation.status)).all()
    assert len(statuses) == 40 and statuses.count(ParticipationStatus.NO_SHOW) == 2


def test_the_type_ahead_adds_several_people_from_the_keyboard(page, make_user, make_person, make_organisation):
    idrott = make_organisation("Backens IF")
    make_person("Karin Holm", organisation=idrott)
    make_person("Omar Haddad")
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.INTERVIEW, title="Intervju", starts_at=datetime(2026, 11, 2, 10, 0)))
    db.session.commit()
    staff = make_user("staff")
    log_in(page, staff.email, PASSWORD)
    page.goto(f"/meetings/{meeting.id}")

    search = page.get_by_role("combobox", name="Find registered people")
    search.press_sequentially("karin")
    expect(page.get_by_role("option", name="Karin Holm · Backens IF")).to_be_visible()
    search.press("Enter")
    search.press_sequentially("omar")
    expect(page.get_by_role("option", name="Omar Haddad")).to_be_visible()
    search.press("Enter")
    screenshot(page, "type-ahead-chosen")
    search.press("Enter")  # the empty box: save the chosen people

    expect(page.get_by_text("2 people were added.")).to_be_visible()
    expect(page.get_by_test_id("participant-counts")).to_contain_text("2 attended")
    expect(page.locator("#participants").get_by_text("Karin Holm")).to_be_visible()

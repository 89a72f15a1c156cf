"""The steering group opens the power-interest grid and an organisation from it; staff record a new assessment;
the neighbourhood page shows its sectors, participation over time and commitments."""
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import expect

from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Engagement,
    Meeting,
    MeetingKind,
    Participation,
    Sector,
    StakeholderAssessment,
    Unit,
)

from ..conftest import PASSWORD
from .conftest import log_in, screenshot

SHOTS = Path("/tmp/shots-neighbourhoods")


def _keep(path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def _programme(make_neighbourhood, make_organisation, make_person):
    place = make_neighbourhood("Kvarnängen", municipality="Norrvik", population=8200)
    names = {
        Sector.PUBLIC: ["Norrvik kommun, socialförvaltningen", "Kvarnängsskolan", "Polisen, lokalpolisområde Norrvik"],
        Sector.PRIVATE: ["Norrviks Bostäder AB", "Kvarnängens Livs", "Norrviks Sparbank"],
        Sector.CIVIL: ["Hyresgästföreningen Kvarnängen", "Kvarnängens IF", "Föräldranätverket Kvarnängen"],
    }
    organisations = {sector: [make_organisation(name, sector=sector, neighbourhoods=[place]) for name in group]
                     for sector, group in names.items()}
    scores = [(5, 5), (4, 2), (2, 5), (3, 3), (5, 4), (1, 2), (4, 4), (2, 4), (3, 5)]
    everyone = [o for group in organisations.values() for o in group]
    for organisation, (influence, interest) in zip(everyone, scores):
        db.session.add(StakeholderAssessment(organisation=organisation, assessed_on=date(2026, 3, 1),
                                             influence=influence, interest=interest, engagement=Engagement.CONSULTED))
    # Public and civil meet; the private sector takes part only through a commitment of its own.
    for month in (2, 3, 5, 9, 10):
        meeting = Meeting(kind=MeetingKind.WORKSHOP, title=f"Trygga stråk {month}", starts_at=datetime(2026, month, 5, 18),
                          neighbourhoods=[place])
        for organisation in organisations[Sector.PUBLIC][: 1 + month % 3] + organisations[Sector.CIVIL][: month % 4]:
            meeting.participations.append(Participation(person=make_person(organisation=organisation),
                                                        organisation=organisation))
        db.session.add(meeting)
    for amount, status in (("250000", CommitmentStatus.AGREED), ("80000", CommitmentStatus.DELIVERED),
                           ("40000", CommitmentStatus.PROPOSED)):
        db.session.add(Commitment(kind=CommitmentKind.FUNDING, description="Sommarjobb", amount=Decimal(amount),
                                  unit=Unit.SEK, status=status, neighbourhood=place,
                                  delivered_on=date(2026, 8, 1) if status is CommitmentStatus.DELIVERED else None,
                                  parties=[organisations[Sector.PRIVATE][0]]))
    db.session.commit()
    return place, organisations


def test_viewer_opens_the_grid_and_an_organisation_and_reads_the_neighbourhood(page, make_user, make_neighbourhood,
                                                                              make_organisation, make_person):
    place, _organisations = _programme(make_neighbourhood, make_organisation, make_person)
    viewer = make_user("viewer")
    log_in(page, viewer.email, PASSWORD)

    page.get_by_role("link", name="Stakeholders").click()
    expect(page.get_by_role("heading", name="Power-interest grid")).to_be_visible()
    cell = page.locator('td[data-influence="5"][data-interest="5"]')
    expect(cell).to_contain_text("Manage closely")
    _keep(screenshot(page, "stakeholders-grid"))
    cell.get_by_role("link", name="Norrvik kommun, socialförvaltningen").click()
    expect(page.get_by_role("heading", name="Norrvik kommun, socialförvaltningen")).to_be_visible()
    expect(page.locator("#current-assessment")).to_contain_text("Manage closely")
    expect(page.get_by_text("Record a new assessment")).to_have_count(0)

    page.goto(f"/neighbourhoods/{place.id}")
    expect(page.locator('[data-flag="missing-academic"]')).to_be_visible()
    expect(page.locator('[data-flag="unconnected-private"]')).to_be_visible()
    expect(page.locator('[data-total="sek-pledged"]')).to_have_text("330,000\xa0SEK")
    expect(page.locator("#participation svg")).to_be_visible()
    _keep(screenshot(page, "neighbourhood-page"))


def test_staff_record_an_assessment_after_fixing_a_score(page, make_user, make_organisation):
    tenants = make_organisation("Hyresgästföreningen Solbacka", sector=Sector.CIVIL)
    db.session.add(StakeholderAssessment(organisation=tenants, assessed_on=date(2026, 1, 15), influence=2, interest=4,
                                         engagement=Engagement.INFORMED))
    db.session.commit()
    staff = make_user("staff")
    log_in(page, staff.email, PASSWORD)

    page.goto("/stakeholders/")
    page.locator('td[data-influence="2"][data-interest="4"]').get_by_role(
        "link", name="Hyresgästföreningen Solbacka").click()
    section = page.locator("#stakeholder-assessment")
    section.get_by_text("Record a new assessment").click()
    section.get_by_label("Assessed on").fill("2026-06-20")
    section.get_by_label("Influence").fill("7")
    section.get_by_label("Interest").fill("5")
    section.get_by_label("Engagement").select_option(label="Collaborating")
    section.get_by_label("Note").fill("Runs the homework club with the school")
    section.get_by_role("button", name="Record the assessment").click()

    expect(page.get_by_text("Give a score from 1 (low) to 5 (high).")).to_be_visible()
    expect(section.get_by_label("Note")).to_have_value("Runs the homework club with the school")
    _keep(screenshot(page, "stakeholder-assessment-error"))
    section.get_by_label("Influence").fill("4")
    section.get_by_role("button", name="Record the assessment").click()

    expect(page.get_by_text("The assessment of Hyresgästföreningen Solbacka on 2026-06-20 was recorded.")).to_be_visible()
    expect(page.locator("#current-assessment")).to_contain_text("Manage closely")
    expect(page.locator("#assessment-history tbody tr")).to_have_count(2)
    _keep(screenshot(page, "organisation-with-assessments"))

    page.get_by_role("link", name="Stakeholders").click()
    expect(page.locator('td[data-influence="4"][data-interest="5"]')).to_contain_text("Hyresgästföreningen Solbacka")
    expect(page.locator('td[data-influence="2"][data-interest="4"]')).not_to_contain_text("Hyresgästföreningen Solbacka")

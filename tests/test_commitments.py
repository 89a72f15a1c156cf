"""Recording commitments, moving them through their statuses, and the register that adds them up."""
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from coalition import commitments
from coalition.commitment_register import RegisterFilter, ids_of, register_query, register_totals
from coalition.commitments import CommitmentDetails, record_status_change
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Initiative,
    Meeting,
    MeetingKind,
    Sector,
    Unit,
)

today = date.today  # called each time: a run of the suite may pass midnight
PROPOSED, AGREED, IN_PROGRESS, DELIVERED, WITHDRAWN, LAPSED = (
    CommitmentStatus.PROPOSED, CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.DELIVERED, CommitmentStatus.WITHDRAWN, CommitmentStatus.LAPSED,
)


@pytest.fixture
def make_commitment(app, make_organisation):
    """Record a commitment through the domain operation, by default 1,000 SEK from a new association."""

    def build(description: str = "Bidrag till läxhjälpen", parties=None, status: CommitmentStatus = PROPOSED,
              **fields) -> Commitment:
        fields.setdefault("kind", CommitmentKind.FUNDING)
        if "amount" not in fields and "unit" not in fields:
            fields.update(amount=Decimal("1000"), unit=Unit.SEK)
        fields.setdefault("made_on", today() - timedelta(days=60))
        party_ids = [party.id for party in (parties or [make_organisation()])]
        commitment = commitments.create_commitment(
            db.session, CommitmentDetails(description=description, party_ids=party_ids, **fields), status=status)
        db.session.commit()
        return commitment

    return build


def _refusal(operation, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        operation(*args, **kwargs)
    db.session.rollback()
    return refused.value


def _details(party, **fields) -> CommitmentDetails:
    fields.setdefault("kind", CommitmentKind.FUNDING)
    fields.setdefault("description", "Något utlovat")
    return CommitmentDetails(party_ids=[party.id], **fields)


# --- the rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-500")])
def test_an_amount_must_be_more_than_zero(app, make_organisation, amount):
    refused = _refusal(commitments.create_commitment, db.session, _details(make_organisation(), amount=amount, unit=Unit.SEK))
    assert refused.field == "amount"
    assert db.session.scalar(db.select(db.func.count()).select_from(Commitment)) == 0


def test_an_amount_needs_a_unit(app, make_organisation):
    refused = _refusal(commitments.create_commitment, db.session, _details(make_organisation(), amount=Decimal("500")))
    assert refused.field == "unit"


def test_a_unit_without_an_amount_is_refused(app, make_organisation):
    refused = _refusal(commitments.create_commitment, db.session, _details(make_organisation(), unit=Unit.HOURS))
    assert refused.field == "amount"


def test_a_count_says_what_is_counted(app, make_organisation):
    party = make_organisation()
    refused = _refusal(commitments.create_commitment, db.session,
                       _details(party, amount=Decimal("25"), unit=Unit.COUNT, unit_label="  "))
    assert refused.field == "unit_label"
    commitment = commitments.create_commitment(
        db.session, _details(party, amount=Decimal("25"), unit=Unit.COUNT, unit_label="sommarjobb"))
    assert commitment.unit_label == "sommarjobb"


def test_an_amount_keeps_its_ore_exactly_and_refuses_a_third_decimal(app, make_organisation):
    party = make_organisation()
    refused = _refusal(commitments.create_commitment, db.session,
                       _details(party, amount=Decimal("10.005"), unit=Unit.SEK))
    assert refused.field == "amount"
    for amount in ("0.10", "0.20", "1234567.35"):
        commitments.create_commitment(db.session, _details(party, description=amount, amount=Decimal(amount),
                                                           unit=Unit.SEK))
    db.session.commit()
    db.session.expire_all()
    assert sum(c.amount for c in db.session.scalars(db.select(Commitment))) == Decimal("1234567.65")


def test_a_policy_change_needs_no_amount(app, make_organisation):
    commitment = commitments.create_commitment(
        db.session, _details(make_organisation(), kind=CommitmentKind.POLICY_CHANGE))
    assert (commitment.amount, commitment.unit) == (None, None)


def test_a_commitment_needs_a_party_and_a_description(app, make_organisation):
    refused = _refusal(commitments.create_commitment, db.session,
                       CommitmentDetails(kind=CommitmentKind.FUNDING, description="Pengar", party_ids=[]))
    assert refused.field == "party_ids"
    refused = _refusal(commitments.create_commitment, db.session, _details(make_organisation(), description="   "))
    assert refused.field == "description"


def test_the_due_date_cannot_come_before_the_promise(app, make_organisation):
    refused = _refusal(commitments.create_commitment, db.session, _details(
        make_organisation(), made_on=date(2026, 5, 1), due_on=date(2026, 4, 30)))
    assert refused.field == "due_on"


def test_a_commitment_made_at_a_meeting_is_dated_by_the_meeting(app, make_organisation):
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Framtidsverkstad", starts_at=datetime(2026, 3, 4, 18, 0))
    db.session.add(meeting)
    db.session.commit()
    commitment = commitments.create_commitment(db.session, _details(make_organisation(), meeting_id=meeting.id))
    assert commitment.made_on == date(2026, 3, 4)
    assert [(c.status, c.changed_on) for c in commitment.status_changes] == [(PROPOSED, date(2026, 3, 4))]


def test_a_new_commitment_starts_open(app, make_organisation):
    refused = _refusal(commitments.create_commitment, db.session, _details(make_organisation()), status=DELIVERED)
    assert refused.field == "status"


def test_statuses_move_forward_and_each_change_is_kept_with_date_user_and_comment(app, make_commitment, make_user):
    sara = make_user("staff", name="Sara Staff")
    commitment = make_commitment()
    record_status_change(db.session, commitment, AGREED, changed_on=today() - timedelta(days=30),
                         comment="Beslut i styrelsen", changed_by_id=sara.id)
    record_status_change(db.session, commitment, IN_PROGRESS, changed_on=today() - timedelta(days=20))
    record_status_change(db.session, commitment, DELIVERED, changed_on=today() - timedelta(days=1))
    db.session.commit()
    history = commitments.status_history(db.session, commitment)
    assert [change.status for change, _by in history] == [DELIVERED, IN_PROGRESS, AGREED, PROPOSED]
    agreed, recorded_by = history[2]
    assert (agreed.changed_on, agreed.comment, recorded_by) == (today() - timedelta(days=30), "Beslut i styrelsen",
                                                                "Sara Staff")
    assert commitment.delivered_on == today() - timedelta(days=1)


def test_a_step_may_be_skipped_but_an_open_commitment_never_goes_back(app, make_commitment):
    commitment = make_commitment()
    record_status_change(db.session, commitment, IN_PROGRESS, changed_on=today())
    db.session.commit()
    refused = _refusal(record_status_change, db.session, commitment, AGREED, changed_on=today())
    assert refused.field == "status" and "cannot go from “In progress” to “Agreed”" in refused.message
    refused = _refusal(record_status_change, db.session, db.session.get(Commitment, commitment.id), IN_PROGRESS,
                       changed_on=today())
    assert "already" in refused.message


def test_a_delivered_commitment_needs_its_delivery_date(app, make_commitment):
    commitment = make_commitment()
    refused = _refusal(record_status_change, db.session, commitment, DELIVERED, changed_on=None)
    assert refused.field == "changed_on" and "delivery date" in refused.message
    assert db.session.get(Commitment, commitment.id).status is PROPOSED


def test_a_withdrawn_commitment_needs_a_comment(app, make_commitment):
    commitment = make_commitment()
    refused = _refusal(record_status_change, db.session, commitment, WITHDRAWN, changed_on=today(), comment="  ")
    assert refused.field == "comment"
    commitment = db.session.get(Commitment, commitment.id)
    record_status_change(db.session, commitment, WITHDRAWN, changed_on=today(), comment="Budgeten drogs in")
    assert commitment.status is WITHDRAWN


def test_a_lapsed_commitment_needs_no_comment(app, make_commitment):
    commitment = make_commitment(status=AGREED)
    record_status_change(db.session, commitment, LAPSED, changed_on=today())
    assert commitment.status is LAPSED


def test_a_delivered_commitment_is_reopened_only_with_a_reason_and_loses_its_delivery_date(app, make_commitment):
    commitment = make_commitment()
    record_status_change(db.session, commitment, DELIVERED, changed_on=today())
    db.session.commit()
    refused = _refusal(record_status_change, db.session, commitment, IN_PROGRESS, changed_on=today())
    assert refused.field == "comment"
    commitment = db.session.get(Commitment, commitment.id)
    refused = _refusal(record_status_change, db.session, commitment, PROPOSED, changed_on=today(), comment="Fel")
    assert refused.field == "status"
    commitment = db.session.get(Commitment, commitment.id)
    record_status_change(db.session, commitment, IN_PROGRESS, changed_on=today(), comment="Felregistrerat som infriat")
    assert (commitment.status, commitment.delivered_on) == (IN_PROGRESS, None)
    assert [c.status for c in commitment.status_changes] == [PROPOSED, DELIVERED, IN_PROGRESS]


def test_a_status_change_is_neither_in_the_future_nor_before_the_previous_one(app, make_commitment):
    commitment = make_commitment(made_on=today() - timedelta(days=10))
    refused = _refusal(record_status_change, db.session, commitment, AGREED, changed_on=today() + timedelta(days=1))
    assert refused.field == "changed_on"
    refused = _refusal(record_status_change, db.session, db.session.get(Commitment, commitment.id), AGREED,
                       changed_on=today() - timedelta(days=11))
    assert "previous status change" in refused.message


# --- recording and editing in the browser's forms -------------------------------------------

def _form(parties, **fields) -> dict:
    data = {"party_ids": [p.id for p in parties], "kind": "funding", "description": "Driftbidrag till mötesplatsen",
            "amount": "250000", "unit": "sek", "status": "proposed"}
    data.update(fields)
    return data


def _only_commitment() -> Commitment:
    return db.session.scalar(db.select(Commitment))


def test_staff_record_a_joint_commitment_at_a_meeting(client_as, make_organisation):
    bostader, stad = make_organisation("Norrviks Bostäder", sector=Sector.PUBLIC), make_organisation("Norrviks stad",
                                                                                                   sector=Sector.PUBLIC)
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop: Mötesplats", starts_at=datetime(2026, 3, 4, 18, 0))
    db.session.add(meeting)
    db.session.commit()
    staff = client_as("staff")
    assert f'<option selected value="{meeting.id}">' in staff.get(f"/commitments/new?meeting={meeting.id}").get_data(as_text=True)
    response = staff.post("/commitments/new", data=_form([bostader, stad], meeting_id=meeting.id, amount="1 250 000,50"))
    commitment = _only_commitment()
    assert response.status_code == 302
    assert {p.name for p in commitment.parties} == {"Norrviks Bostäder", "Norrviks stad"}
    assert commitment.amount == Decimal("1250000.50")
    assert commitment.made_on == date(2026, 3, 4)
    change = commitment.status_changes[0]
    assert (change.status, change.changed_by_id) == (PROPOSED, staff.user.id)
    page = staff.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Commitments made here" in page and "Driftbidrag till mötesplatsen" in page


def test_an_unreadable_amount_is_shown_beside_the_field_with_the_input_kept(client_as, make_organisation):
    response = client_as("staff").post("/commitments/new", data=_form([make_organisation()], amount="tvåhundra"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An amount is a number" in page and 'value="tvåhundra"' in page
    assert _only_commitment() is None


def test_a_rule_broken_in_the_form_is_explained_beside_the_field(client_as, make_organisation):
    response = client_as("staff").post("/commitments/new", data=_form([make_organisation()], amount="0"))
    assert "An amount must be more than zero." in response.get_data(as_text=True)
    assert _only_commitment() is None


def test_a_viewer_reads_the_register_but_cannot_change_it(client_as, make_commitment, make_organisation):
    commitment = make_commitment("Läxhjälp på lördagar")
    viewer = client_as("viewer")
    assert "Läxhjälp på lördagar" in viewer.get("/commitments/").get_data(as_text=True)
    page = viewer.get(f"/commitments/{commitment.id}").get_data(as_text=True)
    assert "Läxhjälp på lördagar" in page
    assert "Record a status change" not in page and f"/commitments/{commitment.id}/edit" not in page
    assert viewer.get("/commitments/new").status_code == 403
    assert viewer.post("/commitments/new", data=_form([make_organisation()])).status_code == 403
    assert viewer.post(f"/commitments/{commitment.id}/edit", data=_form(commitment.parties)).status_code == 403
    assert viewer.post(f"/commitments/{commitment.id}/status", data={
        "status": "agreed", "changed_on": today().isoformat(), "version": commitment.version}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).status is PROPOSED


def test_a_conflicting_edit_is_refused_with_an_explanation(client_as, make_commitment):
    commitment = make_commitment("Original")
    version, parties = commitment.version, commitment.parties
    first, second = client_as("staff"), client_as("staff")
    edit = f"/commitments/{commitment.id}/edit"
    assert first.post(edit, data=_form(parties, description="Först", version=version)).status_code == 302
    response = second.post(edit, data=_form(parties, description="Sist", version=version))
    assert response.status_code == 409
    assert "someone else changed this record" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).description == "Först"


def test_changing_only_the_parties_also_moves_the_version_on(client_as, make_commitment, make_organisation):
    commitment = make_commitment("Gemensamt")
    version, other = commitment.version, make_organisation("Ny part")
    first, second = client_as("staff"), client_as("staff")
    edit = f"/commitments/{commitment.id}/edit"
    both = [*commitment.parties, other]
    assert first.post(edit, data=_form(both, description="Gemensamt", version=version)).status_code == 302
    response = second.post(edit, data=_form(commitment.parties, description="Gemensamt", version=version))
    assert response.status_code == 409
    db.session.expire_all()
    assert len(db.session.get(Commitment, commitment.id).parties) == 2


def test_a_status_change_from_a_stale_page_is_refused(client_as, make_commitment):
    commitment = make_commitment()
    version = commitment.version
    first, second = client_as("staff"), client_as("staff")
    url = f"/commitments/{commitment.id}/status"
    assert first.post(url, data={"status": "agreed", "changed_on": today().isoformat(), "version": version}).status_code == 302
    response = second.post(url, data={"status": "withdrawn", "changed_on": today().isoformat(), "comment": "Nej",
                                      "version": version})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).status is AGREED


def test_a_refused_status_change_is_explained_on_the_commitment_page(client_as, make_commitment):
    commitment = make_commitment()
    response = client_as("staff").post(f"/commitments/{commitment.id}/status", data={
        "status": "withdrawn", "changed_on": today().isoformat(), "version": commitment.version, "next": "/"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Say why the commitment was withdrawn." in page
    assert db.session.scalar(db.select(db.func.count()).select_from(CommitmentStatusChange)) == 1


def test_a_status_change_goes_back_only_to_a_page_of_this_site(client_as, make_commitment):
    commitment = make_commitment()
    response = client_as("staff").post(f"/commitments/{commitment.id}/status", data={
        "status": "agreed", "changed_on": today().isoformat(), "version": commitment.version,
        "next": "//evil.example/phish"})
    assert response.headers["Location"] == f"/commitments/{commitment.id}"


def test_the_follow_up_lists_overdue_and_soon_due_and_records_with_one_click(client_as, make_commitment):
    late = make_commitment("Försenad lokal", due_on=today() - timedelta(days=3), status=AGREED)
    soon = make_commitment("Snart dags", due_on=today() + timedelta(days=10), status=IN_PROGRESS)
    make_commitment("Långt fram", due_on=today() + timedelta(days=90))
    delivered = make_commitment("Redan klart", due_on=today() - timedelta(days=5))
    record_status_change(db.session, delivered, DELIVERED, changed_on=today())
    staff = client_as("staff")
    home = staff.get("/").get_data(as_text=True)
    overdue_part = home[home.index('id="overdue"'):home.index('id="due-soon"')]
    assert "Försenad lokal" in overdue_part and "Snart dags" not in overdue_part
    assert "Snart dags" in home[home.index('id="due-soon"'):]
    assert "Långt fram" not in home and "Redan klart" not in home
    # One click: the usual next status is chosen and the date is today.
    assert '<option value="in_progress" selected>' in overdue_part
    assert f'value="{today().isoformat()}"' in overdue_part
    response = staff.post(f"/commitments/{late.id}/status", data={
        "status": "in_progress", "changed_on": today().isoformat(), "comment": "", "version": late.version,
        "next": "/#follow-up"})
    assert response.status_code == 302 and response.headers["Location"] == "/#follow-up"
    db.session.expire_all()
    assert db.session.get(Commitment, late.id).status is IN_PROGRESS
    assert soon.id  # still listed, untouched


def test_a_viewer_sees_the_follow_up_without_the_buttons(client_as, make_commitment):
    make_commitment("Försenad lokal", due_on=today() - timedelta(days=3))
    home = client_as("viewer").get("/").get_data(as_text=True)
    assert "Försenad lokal" in home and "Record change" not in home


def test_an_organisation_page_shows_its_commitments_and_how_many_it_delivered_on_time(
        client_as, make_commitment, make_organisation):
    forening = make_organisation("Läxhjälpen")
    on_time = make_commitment("I tid", parties=[forening], due_on=today() - timedelta(days=2))
    late = make_commitment("För sent", parties=[forening], due_on=today() - timedelta(days=20))
    make_commitment("Pågår", parties=[forening], status=AGREED)
    make_commitment("Någon annans")
    record_status_change(db.session, on_time, DELIVERED, changed_on=today() - timedelta(days=3))
    record_status_change(db.session, late, DELIVERED, changed_on=today() - timedelta(days=1))
    db.session.commit()
    page = client_as("viewer").get(f"/organisations/{forening.id}").get_data(as_text=True)
    assert "I tid" in page and "För sent" in page and "Pågår" in page and "Någon annans" not in page
    assert "Delivered on time: 1 of 2" in page
    assert "Late: 1" in page
    assert f"{(today() - timedelta(days=60)).year}: 3" in page


# --- the register ---------------------------------------------------------------------------

def _register(client, query: str = "") -> str:
    """The register page, with its no-break spaces (1,000\xa0SEK) read as plain ones."""
    return client.get(f"/commitments/?{query}").get_data(as_text=True).replace("\xa0", " ")


def _listed(page: str) -> str:
    return page[page.index('id="register"'):]


def test_the_register_filters_by_status_kind_and_words(client_as, make_commitment):
    make_commitment("Lokal i centrum", kind=CommitmentKind.PREMISES, amount=Decimal("80"), unit=Unit.SQUARE_METRES)
    make_commitment("Pengar till läxhjälp", status=AGREED)
    viewer = client_as("viewer")
    assert "Lokal i centrum" not in _listed(_register(viewer, "status=agreed"))
    assert "Pengar till läxhjälp" in _listed(_register(viewer, "status=agreed"))
    assert "Lokal i centrum" in _listed(_register(viewer, "status=open"))
    only_premises = _listed(_register(viewer, "kind=premises"))
    assert "Lokal i centrum" in only_premises and "Pengar till läxhjälp" not in only_premises
    assert "Lokal i centrum" not in _listed(_register(viewer, "q=läxhjälp"))


def test_the_register_filters_by_sector_and_organisation_of_any_party(client_as, make_commitment, make_organisation):
    bank, forening = make_organisation("Sparbanken", sector=Sector.PRIVATE), make_organisation("Läxhjälpen")
    make_commitment("Gemensam satsning", parties=[bank, forening])
    make_commitment("Bara föreningen", parties=[forening])
    viewer = client_as("viewer")
    private = _listed(_register(viewer, "sector=private"))
    assert "Gemensam satsning" in private and "Bara föreningen" not in private
    by_bank = _listed(_register(viewer, f"organisation={bank.id}"))
    assert "Gemensam satsning" in by_bank and "Bara föreningen" not in by_bank


def test_the_register_filters_by_neighbourhood_and_initiative(client_as, make_commitment, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    initiative = Initiative(name="Sommarjobb")
    db.session.add(initiative)
    db.session.commit()
    make_commitment("På Backen", neighbourhood_id=backen.id)
    make_commitment("För sommarjobben", initiative_id=initiative.id)
    viewer = client_as("viewer")
    on_backen = _listed(_register(viewer, f"neighbourhood={backen.id}"))
    assert "På Backen" in on_backen and "För sommarjobben" not in on_backen
    for_jobs = _listed(_register(viewer, f"initiative={initiative.id}"))
    assert "För sommarjobben" in for_jobs and "På Backen" not in for_jobs


def test_the_register_filters_by_due_period_and_overdue(client_as, make_commitment):
    make_commitment("Förfallen", due_on=today() - timedelta(days=1))
    done = make_commitment("Klar men sen", due_on=today() - timedelta(days=2))
    record_status_change(db.session, done, DELIVERED, changed_on=today())
    make_commitment("I vår", due_on=date(today().year + 1, 4, 15))
    viewer = client_as("viewer")
    overdue = _listed(_register(viewer, "overdue=y"))
    assert "Förfallen" in overdue and "Klar men sen" not in overdue and "I vår" not in overdue
    spring = _listed(_register(viewer, f"due_from={today().year + 1}-04-01&due_to={today().year + 1}-04-30"))
    assert "I vår" in spring and "Förfallen" not in spring


def test_a_bad_filter_value_is_ignored_rather_than_crashing(client_as, make_commitment):
    make_commitment("Något")
    response = client_as("viewer").get("/commitments/?status=nonsense&organisation=abc&due_from=2026-13-40")
    assert response.status_code == 200
    assert "Något" in response.get_data(as_text=True)


def test_the_register_is_paginated(client_as, make_commitment, make_organisation, app):
    party = make_organisation()
    for n in range(app.config["PAGE_SIZE"] + 3):
        make_commitment(f"Åtagande nummer {n:02d}", parties=[party])
    viewer = client_as("viewer")
    first, second = _listed(_register(viewer, "sort=made_on")), _listed(_register(viewer, "sort=made_on&page=2"))
    assert first.count("Åtagande nummer") == app.config["PAGE_SIZE"]
    assert second.count("Åtagande nummer") == 3


def _totals(page: str, table: str) -> str:
    start = page.index(f'id="totals-by-{table}"')
    return page[start:page.index("</table>", start)]


def test_totals_count_a_cross_sector_joint_commitment_once(client_as, make_commitment, make_organisation):
    bank, stad = make_organisation("Sparbanken", sector=Sector.PRIVATE), make_organisation("Staden", sector=Sector.PUBLIC)
    bostader = make_organisation("Bostäder", sector=Sector.PUBLIC)
    make_commitment("Över sektorsgränsen", parties=[bank, stad], amount=Decimal("300000"), unit=Unit.SEK)
    make_commitment("Två offentliga", parties=[stad, bostader], amount=Decimal("50000"), unit=Unit.SEK)
    make_commitment("Banken ensam", parties=[bank], amount=Decimal("120"), unit=Unit.HOURS)
    page = _register(client_as("viewer"))
    assert "350,000 SEK" in page[page.index('id="total-line"'):]  # the grand total counts each once
    by_sector = _totals(page, "sector")
    several = by_sector[by_sector.index("Several sectors"):]
    assert "300,000 SEK" in several[:300]
    public = by_sector[by_sector.index("Public sector"):]
    assert "50,000 SEK" in public[:300]
    private = by_sector[by_sector.index("Private sector"):]
    assert "120" in private[:300]


def test_totals_by_status_and_neighbourhood_follow_the_filter(client_as, make_commitment, make_neighbourhood):
    backen, angen = make_neighbourhood("Backen"), make_neighbourhood("Ängen")
    make_commitment("A", neighbourhood_id=backen.id, amount=Decimal("1000"), unit=Unit.SEK, status=AGREED)
    make_commitment("B", neighbourhood_id=backen.id, amount=Decimal("2500.50"), unit=Unit.SEK)
    make_commitment("C", neighbourhood_id=angen.id, amount=Decimal("40"), unit=Unit.HOURS)
    viewer = client_as("viewer")
    page = _register(viewer)
    assert "2,500.50 SEK" in _totals(page, "status")
    by_place = _totals(page, "neighbourhood")
    assert "3,500.50 SEK" in by_place[by_place.index("Backen"):][:300]
    filtered = _register(viewer, "status=agreed")
    assert "1,000 SEK" in filtered[filtered.index('id="total-line"'):][:400]
    assert "Ängen" not in _totals(filtered, "neighbourhood")


def test_totals_shown_again_follow_every_change_since(client_as, make_commitment, make_organisation,
                                                     make_neighbourhood):
    """The register keeps its totals between pages; an edit of a commitment, of a party's sector or
    of a neighbourhood's name shows on the next view."""
    bank = make_organisation("Sparbanken", sector=Sector.PRIVATE)
    backen = make_neighbourhood("Backen")
    gift = make_commitment("Gåva", parties=[bank], neighbourhood_id=backen.id, amount=Decimal("700"), unit=Unit.SEK)
    viewer = client_as("viewer")
    page = _register(viewer)
    assert "700 SEK" in _totals(page, "sector")[_totals(page, "sector").index("Private sector"):][:300]
    backen.name = "Bäcken"
    db.session.commit()
    page = _register(viewer)
    assert "Bäcken" in _totals(page, "neighbourhood") and "Backen" not in _totals(page, "neighbourhood")
    bank.sector, gift.status = Sector.CIVIL, AGREED
    db.session.commit()
    page = _register(viewer)
    by_sector = _totals(page, "sector")
    assert "Private sector" not in by_sector and "700 SEK" in by_sector[by_sector.index("Civil society"):][:300]
    assert "Agreed" in _totals(page, "status") and "Proposed" not in _totals(page, "status")


def test_totals_are_computed_in_the_database_without_loading_commitments(app, make_commitment, make_neighbourhood):
    place = make_neighbourhood("Backen")
    for n in range(5):
        make_commitment(f"Nr {n}", neighbourhood_id=place.id)
    statements = []

    def record(_connection, _cursor, statement, *_rest):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        totals = register_totals(db.session, ids_of(register_query(RegisterFilter(), today=today())))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert totals.total.sek == Decimal("5000.00")
    queries = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 3 and all("GROUP BY" in sql for sql in queries)


def test_sek_is_written_the_swedish_way_in_swedish(client_as, make_commitment):
    make_commitment("Stort bidrag", amount=Decimal("1250000"), unit=Unit.SEK)
    page = client_as("viewer").get("/commitments/", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "1\xa0250\xa0000\xa0kr" in page


def test_a_commitment_recorded_from_a_meeting_is_in_the_meetings_neighbourhood(client_as, make_meeting,
                                                                                make_neighbourhood):
    kroksbäck = make_neighbourhood("Kroksbäck")
    meeting = make_meeting("Workshop i Kroksbäck", neighbourhood_ids=[kroksbäck.id])
    page = client_as("staff").get(f"/commitments/new?meeting={meeting.id}").get_data(as_text=True)
    assert f'<option selected value="{kroksbäck.id}">Kroksbäck (Malmö)</option>' in page


def test_a_meeting_held_for_several_neighbourhoods_offers_them_first_and_says_which_is_chosen(
        client_as, make_meeting, make_neighbourhood):
    make_neighbourhood("Almgården")
    holma, kroksbäck = make_neighbourhood("Holma"), make_neighbourhood("Kroksbäck")
    meeting = make_meeting("Workshop i Hyllie", neighbourhood_ids=[kroksbäck.id, holma.id])
    page = client_as("staff").get(f"/commitments/new?meeting={meeting.id}").get_data(as_text=True)
    assert f'<option selected value="{holma.id}">Holma (Malmö)</option>' in page
    assert page.index("Kroksbäck (Malmö)") < page.index("Almgården (Malmö)")
    assert "The meeting was held for Holma, Kroksbäck: the first is chosen, the others are offered first." in page


def _stage_line(page: str, unit: str) -> str:
    start = page.index(">", page.index(f'data-unit="{unit}"')) + 1
    return " ".join(re.sub(r"<[^>]+>", " ", page[start:page.index("</li>", start)]).split()).replace(" :", ":")


def test_the_register_headline_shows_each_unit_by_stage_and_adds_in_no_lapsed_promise(client_as, make_commitment):
    make_commitment("Förslag", amount=Decimal("1000"), unit=Unit.SEK)
    make_commitment("Beslutat", amount=Decimal("2000"), unit=Unit.SEK, status=AGREED)
    for description, amount, status in (("Levererat", "4000", DELIVERED), ("Förfallet", "8000", LAPSED)):
        commitment = make_commitment(description, amount=Decimal(amount), unit=Unit.SEK, status=AGREED)
        record_status_change(db.session, commitment, status, changed_on=today())
    db.session.commit()
    make_commitment("Personaltid", amount=Decimal("40"), unit=Unit.HOURS, status=AGREED)
    page = _register(client_as("viewer"))
    assert _stage_line(page, "sek") == (
        "SEK: 1,000 SEK proposed · 2,000 SEK agreed or in progress · 4,000 SEK delivered")
    assert _stage_line(page, "hours") == (
        "Hours: 0 hours proposed · 40 hours agreed or in progress · 0 hours delivered")
    assert "15,000" not in page[page.index('id="total-line"'):page.index('id="totals-by-status"')]

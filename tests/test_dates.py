"""Dates and times that mean something: a day that does not exist, a time of 25:99 or a year
typed as 206 or 9999 is refused as what it is, in every form and every import, and a form
shows all its mistakes at once."""
import importlib
import pkgutil
from datetime import date, datetime, timedelta

import pytest
import wtforms

import coalition.web
from coalition import dates, meetings
from coalition.db import db
from coalition.errors import DomainError
from coalition.imports.attendance import import_attendance
from coalition.imports.commitments import import_commitments
from coalition.imports.kpis import import_kpi_measurements
from coalition.models import Commitment, Direction, Kpi, KpiMeasurement, Meeting, MeetingKind
from coalition.web.forms.base import Form

NOT_A_DATE = "“{}” is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-14."
NEXT_DECADE_ENDS = date(date.today().year + 10, 12, 31).isoformat()


def _form_classes() -> list[type]:
    for module in pkgutil.walk_packages(coalition.web.__path__, "coalition.web."):
        importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return list(dict.fromkeys(below(Form)))


def _date_and_time_fields(app) -> list[tuple[type, str, str, str]]:
    """(form class, attribute, name sent, "date" or "time") for every date and time field of every form."""
    found = []
    with app.test_request_context():
        for cls in _form_classes():
            form = cls(formdata=None)
            for attribute, field in form._fields.items():
                if isinstance(field, wtforms.TimeField):
                    found.append((cls, attribute, field.name, "time"))
                elif isinstance(field, wtforms.DateField | wtforms.DateTimeField):
                    found.append((cls, attribute, field.name, "date"))
    return found


def _errors_for(app, cls, attribute: str, name: str, value: str) -> list[str]:
    with app.test_request_context(method="POST", data={name: value}):
        form = cls()
        field = form[attribute]
        field.validate(form)
        return [str(error) for error in field.errors]


def test_every_date_field_of_every_form_says_a_day_that_does_not_exist_is_not_a_valid_date(app):
    fields = _date_and_time_fields(app)
    assert len([f for f in fields if f[3] == "date"]) >= 30, fields  # the walk found the forms
    wrong = {}
    for cls, attribute, name, kind in fields:
        value, expected = ("2026-02-30", NOT_A_DATE.format("2026-02-30")) if kind == "date" else (
            "25:99", "“25:99” is not a valid time. Write it as HH:MM, e.g. 18:00.")
        errors = _errors_for(app, cls, attribute, name, value)
        if errors != [expected]:
            wrong[f"{cls.__name__}.{attribute}"] = errors
    assert wrong == {}


@pytest.mark.parametrize("typed", ["0206-03-04", "9999-12-31", "1899-12-31"])
def test_every_date_field_refuses_a_year_outside_its_window(app, typed):
    wrong = {}
    for cls, attribute, name, kind in _date_and_time_fields(app):
        if kind == "date":
            errors = _errors_for(app, cls, attribute, name, typed)
            if len(errors) != 1 or not errors[0].startswith("Give a date between"):
                wrong[f"{cls.__name__}.{attribute}"] = errors
    assert wrong == {}


def test_a_meeting_dated_2026_02_30_at_25_99_without_a_title_hears_all_three_at_once(client_as):
    response = client_as("staff").post("/meetings/new", data={
        "kind": "workshop", "title": "", "starts_on": "2026-02-30", "starts_at_time": "25:99"})
    page = response.text
    assert response.status_code == 200
    assert "“2026-02-30” is not a valid date." in page
    assert "“25:99” is not a valid time." in page
    assert page.count("This field is required.") == 1  # the title's, not the date's or the time's
    assert 'value="2026-02-30"' in page and 'value="25:99"' in page  # kept as typed
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


@pytest.mark.parametrize("typed", ["0206-03-04", "9999-12-31", "1989-12-31"])
def test_a_meeting_in_year_206_or_9999_is_refused_so_it_cannot_top_the_list(client_as, typed):
    response = client_as("staff").post("/meetings/new", data={
        "kind": "workshop", "title": "Trygghetsvandring", "starts_on": typed, "starts_at_time": "18:00"})
    assert f"Give a date between 1990-01-01 and {NEXT_DECADE_ENDS}." in response.text
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_the_date_field_tells_the_browser_its_window(client_as):
    page = client_as("staff").get("/meetings/new").text
    assert 'min="1990-01-01"' in page and f'max="{NEXT_DECADE_ENDS}"' in page


def test_a_meeting_ten_years_ahead_is_still_planned(app):
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.WORKSHOP, title="Uppföljning", starts_at=datetime(date.today().year + 10, 12, 31, 18)))
    assert meeting.id is not None


def test_the_rule_refuses_a_year_9999_meeting_whatever_path_it_comes_by(app):
    with pytest.raises(DomainError) as refused:
        meetings.create_meeting(db.session, meetings.MeetingDetails(
            kind=MeetingKind.WORKSHOP, title="Sent", starts_at=datetime(9999, 12, 31, 18)))
    assert refused.value.field == "starts_on"


def test_the_commitment_form_shows_every_mistake_in_one_answer(client_as, make_organisation):
    party = make_organisation("Norrviks Bostäder")
    response = client_as("staff").post("/commitments/new", data={
        "party_ids": [party.id], "kind": "funding", "description": "", "amount": "5000", "unit": "",
        "made_on": (date.today() + timedelta(days=3)).isoformat(), "due_on": "2026-02-30", "status": "proposed"})
    page = response.text
    assert response.status_code == 200
    assert "This field is required." in page  # the description, checked by the form
    assert "An amount needs a unit" in page  # the rules, although the form failed
    assert "A promise cannot be made in the future." in page
    assert NOT_A_DATE.format("2026-02-30") in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Commitment)) == 0


def test_the_commitment_rules_refuse_every_broken_one_together(app, make_organisation):
    from coalition.commitments import CommitmentDetails, create_commitment
    from coalition.models import CommitmentKind

    with pytest.raises(DomainError) as refused:
        create_commitment(db.session, CommitmentDetails(
            kind=CommitmentKind.FUNDING, description=" ", party_ids=[make_organisation().id], amount=5000,
            made_on=date(2025, 5, 1), due_on=date(2025, 4, 1)))
    assert [error.field for error in refused.value.every] == ["description", "unit", "due_on"]


def test_an_attendance_register_dated_9999_12_31_is_reported_by_line(app, make_organisation):
    make_organisation("Backens IF")
    text = ("meeting,date,name,organisation\n"
            "Samråd om parken,2026-03-04,Anna Berg,Backens IF\n"
            "Samråd om parken,9999-12-31,Omar Haddad,Backens IF\n"
            "Samråd om parken,2026-02-30,Sara Lind,Backens IF\n")
    result = import_attendance(db.session, text)
    assert [error.line for error in result.errors] == [3, 4]
    assert f"Give a date between 1990-01-01 and {NEXT_DECADE_ENDS}." in result.errors[0].reason
    assert NOT_A_DATE.format("2026-02-30") in result.errors[1].reason
    assert not result.written
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_a_commitment_due_9999_12_31_is_reported_by_line(app, make_organisation):
    make_organisation("Norrviks Bostäder")
    text = ("organisations,kind,description,due_date\n"
            "Norrviks Bostäder,finansiering,Bidrag till läxhjälpen,2030-06-30\n"
            "Norrviks Bostäder,finansiering,Bidrag till sommarjobben,9999-12-31\n")
    result = import_commitments(db.session, text)
    assert [error.line for error in result.errors] == [3]
    assert "Give a date between 1990-01-01 and" in result.errors[0].reason
    assert db.session.scalar(db.select(db.func.count()).select_from(Commitment)) == 0


def test_a_kpi_measured_in_1800_is_reported_by_line(app, make_neighbourhood):
    make_neighbourhood("Ängen")
    db.session.add(Kpi(name="Trygghet", unit="%", direction=Direction.HIGHER_IS_BETTER))
    db.session.commit()
    text = "neighbourhood,kpi,date,value\nÄngen,Trygghet,2025-06-30,41\nÄngen,Trygghet,1800-06-30,40\n"
    result = import_kpi_measurements(db.session, text)
    assert [error.line for error in result.errors] == [3]
    assert "Give a date between 1960-01-01 and" in result.errors[0].reason
    assert db.session.scalar(db.select(db.func.count()).select_from(KpiMeasurement)) == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-14", date(2026, 3, 14)), ("  2026-03-14 ", date(2026, 3, 14)), ("", None),
    ("2026-2-3", None), ("14/03/2026", None), ("2026-02-29", None), ("20260314", None), ("+2026-03-14", None),
])
def test_only_a_real_day_written_yyyy_mm_dd_is_read(text, expected, app):
    with app.test_request_context():
        assert dates.read_date(text, dates.PROGRAMME)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [("18:00", (18, 0)), ("9:05", (9, 5)), ("18.30", (18, 30)),
                                                ("24:00", None), ("18:60", None), ("1800", None), ("", None)])
def test_a_time_is_hours_and_minutes(text, expected, app):
    with app.test_request_context():
        read = dates.read_time(text)[0]
        assert (read.hour, read.minute) == expected if expected else read is None

"""Control characters: refused in every text field of every form and in every import, and never
written into the XML downloads, whatever was stored before the rule."""
import importlib
import io
import pkgutil
from datetime import datetime

import networkx as nx
import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectFieldBase, StringField, TextAreaField

import coalition.web
from coalition.db import db
from coalition.models import Meeting, MeetingKind, Organisation, Participation, Sector
from coalition.web.forms.organisation_picker import OrganisationListField

BELL, ESCAPE, NOT_A_CHARACTER = "\x07", "\x1b", "\ufffe"


def _every_form_class() -> list[type]:
    for module in pkgutil.walk_packages(coalition.web.__path__, "coalition.web."):
        importlib.import_module(module.name)
    found, waiting = set(), [FlaskForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.startswith("coalition."):
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def _text_inputs(form):
    """Each field a user types text into: (field, the name it is posted under, whether it may hold lines)."""
    for field in form:
        if isinstance(field, PasswordField) or field.name in getattr(form, "texts_checked_elsewhere", ()):
            continue  # hashed, never stored or shown; a whole file, checked by the import line by line
        if hasattr(field, "text_name"):  # an organisation picker: the name as typed
            yield field, field.text_name, isinstance(field, OrganisationListField)
        elif isinstance(field, StringField):
            yield field, field.name, isinstance(field, TextAreaField)


def _validated(app, form_class, values: dict):
    with app.test_request_context(method="POST", data=values):
        form = form_class()
        for field in form:
            if isinstance(field, SelectFieldBase) and getattr(field, "choices", ()) is None:
                field.choices = []  # set by the view from the database
        form.validate()
        return form


def test_the_walk_finds_the_forms_of_every_area():
    names = {cls.__name__ for cls in _every_form_class()}
    assert {"OrganisationForm", "PersonForm", "MeetingForm", "CommitmentForm", "LoginForm", "AnonymiseForm",
            "MeetingFilterForm", "SignInListForm", "ActionForm"} <= names


@pytest.mark.parametrize("form_class", _every_form_class(), ids=lambda cls: cls.__name__)
def test_every_text_field_of_every_form_refuses_a_control_character(app, form_class):
    with app.test_request_context():
        inputs = [(name, multiline) for _field, name, multiline in _text_inputs(form_class())]
    if not inputs:
        pytest.skip("no text field")
    form = _validated(app, form_class, {name: f"Åsa{BELL} Berg{ESCAPE}" for name, _multiline in inputs})
    for field, _name, _multiline in _text_inputs(form):
        assert any("U+0007, U+001B" in str(error) for error in field.errors), f"{field.name}: {field.errors}"

    lines = _validated(app, form_class, {name: "Åsa\nBerg\tOrdförande" for name, _multiline in inputs})
    for field, _name, multiline in _text_inputs(lines):
        refused_for_the_line = any("one line" in str(error) for error in field.errors)
        assert refused_for_the_line is not multiline, f"{field.name}: {field.errors}"


def test_a_name_with_a_control_character_is_refused_beside_the_field_and_nothing_is_saved(client_as):
    response = client_as("staff").post("/organisations/new", data={
        "name": f"Backens{BELL} IF", "sector": "civil", "kind": "association"})
    assert response.status_code == 200
    assert "invisible control character (U+0007)" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_minutes_keep_their_line_breaks_and_tabs_but_not_other_control_characters(client_as):
    staff = client_as("staff")
    fields = {"kind": "workshop", "title": "Workshop", "starts_on": "2026-03-04", "starts_at_time": "18:00"}
    refused = staff.post("/meetings/new", data={**fields, "minutes": f"- punkt 1\r\n\t- punkt 2{NOT_A_CHARACTER}"})
    assert refused.status_code == 200 and "U+FFFE" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0
    staff.post("/meetings/new", data={**fields, "minutes": "- punkt 1\r\n\t- punkt 2"})
    assert db.session.scalar(sa.select(Meeting.minutes)) == "- punkt 1\r\n\t- punkt 2"


def test_a_name_typed_decomposed_is_kept_composed(client_as):
    client_as("staff").post("/organisations/new", data={"name": "A\u0308ngens fo\u0308rening", "sector": "civil",
                                                         "kind": "association"})
    assert db.session.scalar(sa.select(Organisation.name)) == "Ängens förening"


@pytest.mark.parametrize("column", ["name", "organisation", "meeting"])
def test_an_attendance_row_with_a_control_character_is_refused_at_its_line(client_as, make_organisation, column):
    make_organisation("Backens IF")
    row = {"meeting": "Workshop", "date": "2026-03-04", "name": "Anna Berg", "organisation": "Backens IF"}
    row[column] = row[column].replace(" ", f"{ESCAPE} ") if " " in row[column] else row[column] + ESCAPE
    text = "meeting;date;name;organisation\r\nWorkshop;2026-03-04;Omar Haddad;Backens IF\r\n" + ";".join(row.values())
    from coalition.imports.attendance import import_attendance

    result = import_attendance(db.session, text)
    db.session.rollback()
    assert not result.ok and [error.line for error in result.errors] == [3]
    assert column in str(result.errors[0].reason) and "U+001B" in str(result.errors[0].reason)


def test_a_control_character_stored_before_the_rule_does_not_break_the_xml_downloads(client_as, make_person):
    backen = Organisation(name=f"Backens{BELL} IF{NOT_A_CHARACTER}", sector=Sector.CIVIL)
    stad = Organisation(name="Norrvik stad", sector=Sector.PUBLIC)
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop", starts_at=datetime(2026, 3, 4, 18))
    for organisation in (backen, stad):
        meeting.participations.append(Participation(person=make_person(), organisation=organisation))
    db.session.add(meeting)
    db.session.commit()
    viewer = client_as("viewer")
    for address, read in (("/network/export.graphml", nx.read_graphml), ("/network/export.gexf", nx.read_gexf)):
        response = viewer.get(address)
        assert response.status_code == 200, address
        labels = {data["label"] for _node, data in read(io.BytesIO(response.data)).nodes(data=True)}
        assert labels == {"Backens IF", "Norrvik stad"}, address

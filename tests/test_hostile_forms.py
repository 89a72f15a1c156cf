"""Every form of the app, filled with random and hostile values by an admin: never a server error,
and a refused submission writes nothing.

The forms are found the way a user finds them: the test opens every page it can reach with the
records of a small programme and collects each `<form method="post">` with its fields and options.
Hypothesis then fills every field with a value that is valid, missing, or hostile (NUL bytes,
control characters, decomposed (NFD) letters, names over several lines, huge text, unicode
tricks, numbers out of range, malformed dates and ids). Whatever is accepted is stored composed
(NFC) and without a control character; line breaks and tabs only where text has lines.
"""
import re
import traceback
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from flask import got_request_exception
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    FollowUpAction,
    Initiative,
    Meeting,
    MeetingKind,
    Participation,
    Relationship,
    RelationshipKind,
    Unit,
)

from .conftest import badly_stored_text

# Forms that end the session or remove the records the other forms work on; their refusals are
# tested where they are built.
LEFT_OUT = re.compile(r"/(logout|login|language|delete|remove|archive|anonymi[sz]e|erase|refresh|revoke)\b"
                      r"|/account/password")
# Pages that draw networks or build PDFs: slow, and they hold no form the others lack.
NOT_VISITED = re.compile(r"^(network|reports|calendar_feed\.feed|exports)|\.(csv|xlsx|pdf|graphml|gexf|ics)|export")

HOSTILE_VALUES = [
    "", " ", "\x00", "abc\x00def", "\ufeff", "\u202e", "😀" * 50, "ÅÄÖ", "Z\u0308", "\r\n", "<script>alert(1)</script>",
    "'; DROP TABLE users; --", "%(name)s", "{0}", "x" * 100_000, "-1", "0", "1e309", "NaN", "-Infinity",
    "9" * 40, "99999999999", "-99999999999", "1,5", "1 000,50", "0.0000001", "2026-02-30", "0000-00-00",
    "9999-12-31", "10000-01-01", "2026-13-01", "26-1-1", "2026-01-01T25:61", "2026-01-01 09:00", "24:00",
    "999999999", "abc", "[]", "null", "true", "on",
    # Control characters, alone and in names, and what text editors and terminals leave behind.
    "Åsa\x07 Berg", "\x1b[31mRöd\x1b[0m", "\x7f", "\x85", "\x0b", "\x0c", "\x1c", "\x08\x08", "\ufffe", "\uffff",
    "\u2028", "\t",
    # The same letters decomposed (NFD), as some Macs and PDFs give them.
    "A\u030asa O\u0308berg-Testsson", "a\u0308ngen", "Hyresga\u030asta\u0308ller",
    # Names over several lines, as pasted from a list or a wrapped e-mail.
    "Anna\nBerg", "Anna\r\nBerg", "Anna Berg\n", "\nAnna Berg", "Anna\tBerg", "Omar Haddad\r\n<omar@example.se>",
]
control_characters = st.characters(codec="utf-8", categories=["Cc"]) | st.sampled_from("\ufffe\uffff\u2028")
hostile = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=30),
                    st.text(st.sampled_from("Åsa Berg-ÄÖ\u030a\u0308") | control_characters, max_size=20),
                    st.text(max_size=30).map(lambda text: unicodedata.normalize("NFD", text)))


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values the page offers


class FormFinder(HTMLParser):
    """Collect each POST form's action and its fields with the values the page gives them."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url, self.forms, self.form, self.select = page_url, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.form = Form(attrs.get("action") or self.page_url)
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "option" and self.select:
            self.form.fields[self.select].append(attrs.get("value") or "")
        elif not attrs.get("name"):
            return
        elif tag in ("input", "textarea", "button") and attrs.get("type") != "file":
            self.form.fields.setdefault(attrs["name"], []).append(attrs.get("value") or "")
        elif tag == "select":
            self.select = attrs["name"]
            self.form.fields.setdefault(self.select, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


@pytest.fixture
def programme(app, make_organisation, make_person, make_neighbourhood, make_user):
    """One record of each kind, their ids by the names URLs give them."""
    organisation, partner = make_organisation("Ängens förening"), make_organisation("Bostadsbolaget")
    person = make_person("Aisha Karlsson", organisation=organisation)
    neighbourhood = make_neighbourhood("Ängen")
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop om torget", starts_at=datetime(2026, 3, 1, 9))
    meeting.participations.append(Participation(person=person, organisation=organisation))
    action = FollowUpAction(meeting=meeting, description="Boka lokal")
    initiative = Initiative(name="Läxhjälp")
    commitment = Commitment(kind=CommitmentKind.FUNDING, description="Bidrag", amount=Decimal("1000"), unit=Unit.SEK)
    commitment.parties.append(organisation)
    relationship = Relationship(from_organisation=organisation, to_organisation=partner,
                                kind=RelationshipKind.PARTNERSHIP, from_date=date(2026, 1, 1))
    db.session.add_all([meeting, action, initiative, commitment, relationship])
    db.session.commit()
    colleague = make_user("staff")
    ids = {"organisation_id": organisation.id, "person_id": person.id, "neighbourhood_id": neighbourhood.id,
           "meeting_id": meeting.id, "action_id": action.id, "initiative_id": initiative.id,
           "commitment_id": commitment.id, "relationship_id": relationship.id, "user_id": colleague.id,
           "membership_id": person.memberships[0].id}
    return ids


def find_forms(app, client, ids: dict) -> list[Form]:
    """Open every page the programme's records reach and return the POST forms on them, once each."""
    forms: dict[tuple[str, tuple[str, ...]], Form] = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or NOT_VISITED.search(rule.endpoint) or NOT_VISITED.search(rule.rule):
            continue
        if not set(rule.arguments) <= set(ids):
            continue
        url = rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)[1]
        response = client.get(url)
        if response.status_code != 200 or not response.content_type.startswith("text/html"):
            continue
        finder = FormFinder(url)
        finder.feed(response.get_data(as_text=True))
        for form in finder.forms:
            if not LEFT_OUT.search(form.action):
                forms.setdefault((form.action, tuple(sorted(form.fields))), form)
    return list(forms.values())


def row_counts() -> dict[str, int]:
    db.session.rollback()  # see what the requests committed
    counts = {name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
              for name, table in db.metadata.tables.items()}
    db.session.rollback()
    return counts


def shortened(values: dict[str, str]) -> str:
    return repr({name: value if len(value) < 40 else f"{value[:20]}...({len(value)} characters)"
                 for name, value in values.items()})


def where(exception: BaseException) -> str:
    """The exception and the last line of the app's own code it passed through."""
    frames = [frame for frame in traceback.extract_tb(exception.__traceback__) if "/coalition/" in frame.filename]
    place = f" at {frames[-1].filename.split('/coalition/')[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(exception).__name__}: {str(exception)[:200]}{place}"


def refused(response) -> bool:
    """Whether the app turned the submission down: an error status, or the form shown again with errors."""
    if response.status_code >= 400:
        return True
    page = response.get_data()
    return response.status_code == 200 and (b"invalid-feedback" in page or b"alert-danger" in page)


def fill(draw, form: Form) -> dict[str, str]:
    """Give each field a value the page offers, a hostile one, or none at all."""
    values = {}
    for name, offered in form.fields.items():
        if name == "csrf_token":
            continue
        choice = draw(st.sampled_from(["offered", "hostile", "hostile", "missing"]))
        if choice == "offered" and offered:
            values[name] = draw(st.sampled_from(offered))
        elif choice == "hostile":
            values[name] = draw(hostile)
    return values


@pytest.fixture
def admin(client_as):
    return client_as("admin")


@pytest.fixture
def every_form(app, admin, programme):
    forms = find_forms(app, admin, programme)
    assert len(forms) >= 15, [form.action for form in forms]
    return forms


# No shrinking: every example posts to every form, and the failures list says what was sent.
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(data=st.data())
def test_every_form_filled_with_hostile_values_is_never_a_server_error_and_a_refusal_writes_nothing(
        app, admin, every_form, data):
    failures, crashes, reported = [], [], set()
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash is a 500 page here, as a user would get it

    def record_crash(_sender, exception, **_extra):
        crashes.append(exception)

    got_request_exception.connect(record_crash, app)
    try:
        for form in every_form:
            values = fill(data.draw, form)
            before = row_counts()
            response = admin.post(form.action, data=values)
            if response.status_code >= 500:
                failures.append(f"{form.action} {shortened(values)}: {response.status_code} {where(crashes[-1])}")
                continue
            if refused(response) and row_counts() != before:
                failures.append(f"{form.action} {shortened(values)}: refused with {response.status_code} but wrote rows")
            db.session.rollback()  # see what the request committed
            stored = set(badly_stored_text()) - reported  # each only after the form that stored it
            if stored:
                failures.append(f"{form.action} {shortened(values)}: stored {sorted(stored)}")
                reported |= stored
    finally:
        got_request_exception.disconnect(record_crash, app)
    assert failures == []


def test_the_forms_found_include_every_kind_of_record(app, every_form):
    actions = {form.action for form in every_form}
    for expected in ("/organisations/new", "/people/new", "/neighbourhoods/new", "/meetings/new",
                     "/commitments/new", "/initiatives/new", "/relationships/new", "/admin/users/new"):
        assert expected in actions
    assert any(re.fullmatch(r"/organisations/\d+/edit", action) for action in actions)
    assert any(re.fullmatch(r"/meetings/\d+/participants", action) for action in actions)


def test_an_id_too_large_for_the_database_is_a_form_error_not_a_server_error(app, admin, programme):
    response = admin.post("/commitments/new", data={"kind": "funding", "description": "Bidrag",
                                                     "party_ids": "9" * 40, "initiative_id": "9" * 40})
    assert response.status_code in (200, 422)
    assert b"invalid-feedback" in response.get_data()
    assert db.session.scalar(sa.select(sa.func.count(Commitment.id))) == 1


def test_a_nul_character_in_a_form_is_refused_and_nothing_is_saved(app, admin, programme):
    response = admin.post("/organisations/new", data={"name": "Förening\x00", "sector": "civil",
                                                       "kind": "association"})
    assert response.status_code == 400
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(db.metadata.tables["organisations"])) == 2

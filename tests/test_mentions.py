"""A person named in free text however it was typed: found by the access export, erased by anonymisation."""
import json
import re
import unicodedata
from datetime import datetime

import pytest
import sqlalchemy as sa

from coalition.db import db
from coalition.models import (
    AuditRecord,
    Commitment,
    CommitmentKind,
    FollowUpAction,
    Initiative,
    LawfulBasis,
    Meeting,
    MeetingKind,
    Participation,
    Person,
    Sector,
)

NAME = "Åsa Öberg-Testsson"
# The name as staff really write it: in lower and upper case, wrapped in Markdown minutes, with
# two spaces, decomposed (NFD, as some Macs and PDFs give it), and in the genitive.
WRITTEN = {
    ("follow_up_actions", "description"): "åsa öberg-testsson ringer tillbaka",
    ("meetings", "minutes"): "Mötet leddes av Åsa\nÖberg-Testsson, som också\r\nskrev protokollet.",
    ("meetings", "agenda"): "1. Välkommen – Åsa  Öberg-Testsson",
    ("commitments", "description"): unicodedata.normalize("NFD", f"Lokal bokas av {NAME}"),
    ("initiatives", "description"): "ÅSA ÖBERG-TESTSSONS idé om läxhjälp",
    ("persons", "notes"): "Kollega till åsa\töberg-testsson",
}
SPOKEN = re.compile(r"åsa\s+öberg-testsson", re.IGNORECASE)


@pytest.fixture
def asa(app, make_organisation):
    """Åsa, and texts that name her in every way above, written through the ORM (so the audit trail keeps them)."""
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    person = Person(name=NAME, email="asa.testsson@example.se", lawful_basis=LawfulBasis.PUBLIC_TASK)
    colleague = Person(name="Olle Ek", lawful_basis=LawfulBasis.PUBLIC_TASK, notes=WRITTEN[("persons", "notes")])
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop", starts_at=datetime(2025, 3, 4, 18, 0),
                      minutes=WRITTEN[("meetings", "minutes")], agenda=WRITTEN[("meetings", "agenda")])
    meeting.participations.append(Participation(person=person, organisation=club))
    meeting.actions.append(FollowUpAction(description=WRITTEN[("follow_up_actions", "description")]))
    db.session.add_all([person, colleague, meeting,
                        Commitment(kind=CommitmentKind.PREMISES, description=WRITTEN[("commitments", "description")],
                                   parties=[club]),
                        Initiative(name="Läxhjälp", description=WRITTEN[("initiatives", "description")])])
    db.session.commit()
    return person


def _every_text() -> list[str]:
    """Every text the database holds, the audit trail's values included, composed and folded for comparing."""
    db.session.rollback()
    texts = []
    for table in db.metadata.sorted_tables:
        columns = [column for column in table.columns if isinstance(column.type, sa.String | sa.JSON)]
        for row in db.session.execute(sa.select(*columns)) if columns else ():
            texts += [json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
                      for value in row if isinstance(value, str | dict | list)]
    return [unicodedata.normalize("NFC", text) for text in texts]


def test_every_text_column_is_searched_for_mentions_or_said_why_not(app):
    """A new text column must be named in coalition/data_protection/mentions.py: searched, or why not."""
    from coalition.data_protection.mentions import FREE_TEXT, NOT_FREE_TEXT

    text_columns = {(table.name, column.name) for table in db.metadata.tables.values() for column in table.columns
                    if isinstance(column.type, sa.String) and not isinstance(column.type, sa.Enum)}
    assert FREE_TEXT.isdisjoint(NOT_FREE_TEXT)
    assert FREE_TEXT | set(NOT_FREE_TEXT) == text_columns
    assert {("meetings", "minutes"), ("meetings", "agenda"), ("follow_up_actions", "description"),
            ("commitments", "description"), ("persons", "notes")} <= FREE_TEXT


def test_the_access_export_lists_every_way_the_name_was_written_and_their_audit_records(client_as, asa):
    data = json.loads(client_as("admin").get(f"/people/{asa.id}/data.json").get_data(as_text=True))
    found = {(mention["table"], mention["column"]) for mention in data["mentions"]}
    assert set(WRITTEN) <= found
    assert {("audit_records", f"{entity}.{field}") for entity, field in (
        ("FollowUpAction", "description"), ("Meeting", "minutes"), ("Meeting", "agenda"),
        ("Commitment", "description"), ("Initiative", "description"), ("Person", "notes"))} <= found
    for mention in data["mentions"]:
        assert SPOKEN.search(unicodedata.normalize("NFC", mention["excerpt"])), mention


def test_anonymisation_erases_every_way_the_name_was_written_and_its_audit_records(client_as, asa):
    assert len([text for text in _every_text() if SPOKEN.search(text)]) >= 2 * len(WRITTEN)

    response = client_as("admin").post(f"/people/{asa.id}/anonymise", data={"reason": "Begäran", "confirm": "y"})

    assert response.status_code == 302
    assert [text[:60] for text in _every_text() if SPOKEN.search(text)] == []
    minutes = db.session.scalar(sa.select(Meeting.minutes))
    assert minutes.startswith("Mötet leddes av [anonymised], som också")
    assert db.session.scalar(sa.select(Initiative.description)) == "[anonymised]S idé om läxhjälp"
    record = db.session.scalar(sa.select(AuditRecord).where(AuditRecord.entity == "Commitment"))
    assert record.changes["description"] == [None, "Lokal bokas av [anonymised]"]


def test_a_namesake_of_the_erased_person_keeps_their_own_name(client_as, asa):
    namesake = Person(name=NAME, lawful_basis=LawfulBasis.PUBLIC_TASK)
    db.session.add(namesake)
    db.session.commit()
    client_as("admin").post(f"/people/{asa.id}/anonymise", data={"reason": "Begäran", "confirm": "y"})
    assert db.session.get(Person, namesake.id).name == NAME

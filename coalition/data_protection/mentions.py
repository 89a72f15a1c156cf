"""Where a person is mentioned: the one search behind access requests (Art. 15) and erasure (Art. 17).

A mention is the person's name, e-mail or phone as a whole word (a Swedish genitive s may
follow: "Åsa Eks förslag") in any free text, however it was typed: in any case ("ÅSA EK", "åsa
ek"), with its letters composed or decomposed (NFC or NFD: "Å" or "A" and a ring), and with any
run of spaces, tabs or line breaks between its words (minutes wrapped over two lines).

Every text column of the schema is named once below: ``FREE_TEXT`` is searched, and
``NOT_FREE_TEXT`` says why the others are not; a test fails on a column in neither, so a register
added later cannot be left out. The audit trail's values are searched too.

How, at 10,000 meetings' minutes: the database finds the rows that hold a piece of the value
that survives every spelling above (its longest run of ASCII characters, which no change of case,
composition or spacing breaks, e.g. "berg-Testsson" of "Åsa Öberg-Testsson"), with LIKE, which
ignores ASCII case on SQLite and PostgreSQL alike; Python then decides on each of those rows with
a pattern over the composed text. A value without three ASCII characters in a row ("Lü Yü") has
no such piece: every non-empty text of the column is read, which is slower but misses nothing.
"""
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..db import db
from ..models import AuditRecord

__all__ = ["DERIVED_KEYS", "FREE_TEXT", "NOT_FREE_TEXT", "Mention", "MentionSearch", "audit_records_mentioning", "find_mentions"]

# Every column where staff write about people in their own words.
FREE_TEXT = frozenset({
    ("meetings", "title"), ("meetings", "place"), ("meetings", "agenda"), ("meetings", "minutes"),
    ("follow_up_actions", "description"), ("attachments", "filename"),
    ("commitments", "description"), ("commitments", "unit_label"), ("commitment_status_changes", "comment"),
    ("initiatives", "name"), ("initiatives", "description"),
    ("kpis", "name"), ("kpis", "description"), ("kpis", "source"), ("kpi_measurements", "source"),
    ("neighbourhoods", "description"), ("stage_changes", "note"),
    ("meeting_places", "description"), ("place_stage_changes", "note"),
    ("proposals", "title"), ("proposals", "description"), ("proposal_status_changes", "note"),
    ("organisations", "notes"), ("relationships", "notes"), ("interactions", "text"), ("stakeholder_assessments", "note"),
    ("memberships", "title"), ("persons", "title"), ("persons", "notes"), ("persons", "restriction_reason"),
    # Surveys: what staff wrote, and what the recipients answered in their own words.
    ("surveys", "title_sv"), ("surveys", "title_en"), ("surveys", "introduction_sv"), ("surveys", "introduction_en"),
    ("survey_questions", "text_sv"), ("survey_questions", "text_en"),
    ("survey_questions", "options_sv"), ("survey_questions", "options_en"),
    ("survey_questions", "low_label_sv"), ("survey_questions", "low_label_en"),
    ("survey_questions", "high_label_sv"), ("survey_questions", "high_label_en"),
    ("survey_answers", "text"),
})

_DERIVED = "a key made from a column that is itself searched or erased"
_ACCOUNTS = "user accounts are the office's staff, not contacts"
_OWN_DATA = "the person's own data, erased as a whole; a namesake's must not be touched"
NOT_FREE_TEXT = {
    ("persons", "name"): _OWN_DATA, ("persons", "email"): _OWN_DATA, ("persons", "phone"): _OWN_DATA,
    ("persons", "name_key"): _DERIVED, ("meetings", "title_key"): _DERIVED, ("initiatives", "name_key"): _DERIVED,
    ("commitments", "description_key"): _DERIVED,
    ("persons", "consent_method"): "how consent was given, in the office's words", ("persons", "consent_text_version"):
        "which consent wording, a version label",
    ("organisations", "name"): "an organisation's name is keyed and matched, never a person's",
    ("organisations", "name_key"): _DERIVED, ("organisations", "org_number"): "a number checked by its Luhn digit",
    ("organisations", "website"): "an address, checked as a URL",
    ("organisations", "address"): "where an organisation is, a street address",
    ("organisations", "postcode"): "five digits, checked", ("organisations", "town"): "a place",
    ("organisations", "phone"): "an organisation's switchboard, checked as a phone number",
    ("organisations", "email"): "an organisation's shared address, checked as an e-mail address",
    ("neighbourhoods", "name"): "a place", ("neighbourhoods", "municipality"): "a place",
    ("neighbourhoods", "name_key"): _DERIVED, ("neighbourhoods", "municipality_key"): _DERIVED,
    ("tags", "name"): "a shared label such as youth or employment",
    ("meeting_places", "name"): "a place", ("meeting_places", "name_key"): _DERIVED,
    ("meeting_places", "address"): "where a meeting place stands, a public place",
    ("meeting_places", "web_address"): "a public place on the web, an address",
    ("headcount_groups", "name_sv"): "a group of people counted without names, kept by an admin",
    ("headcount_groups", "name_en"): "a group of people counted without names, kept by an admin",
    ("kpis", "unit"): "a unit of measure",
    ("attachments", "content_type"): "a file format", ("attachments", "storage_key"): "a random file name",
    ("users", "email"): _ACCOUNTS, ("users", "name"): _ACCOUNTS, ("users", "password_hash"): _ACCOUNTS,
    ("users", "calendar_feed_token_hash"): _ACCOUNTS,
    ("audit_records", "origin"): "where a change came from", ("audit_records", "action"): "insert, update or delete",
    ("audit_records", "entity"): "a record type", ("audit_records", "entity_id"): "a record id",
    ("network_jobs", "name"): "which computation", ("network_jobs", "status"): "computed",
    ("network_jobs", "step"): "computed", ("network_jobs", "error"): "computed",
    ("network_results", "data_version"): "computed: a result holding a label is dropped instead",
    ("survey_recipients", "link_nonce"): "random: what an answer link is derived from",
    ("survey_recipients", "token_hash"): "a hash of an answer link",
    ("stored_reports", "key"): "computed: a hash", ("stored_reports", "language"): "a language code",
    ("not_duplicates", "kind"): "organisation or person",
}

# The keys kept from a free text (models' @validates): a scrubbed text gets its key anew.
DERIVED_KEYS = {("meetings", "title"): "title_key", ("initiatives", "name"): "name_key",
                ("commitments", "description"): "description_key"}

# Shorter runs ("sa" of "Åsa") would find most rows and narrow nothing.
_SHORTEST_NEEDLE = 3
_ASCII_RUN = re.compile(r"[!-~]+")  # visible ASCII: never changed by composing, and LIKE ignores its case
_READ_AT_ONCE = 1000


@dataclass(frozen=True)
class Mention:
    """Free text somewhere in the database that contains a person's name, e-mail or phone."""

    table: str
    column: str
    row_id: object
    text: str


def _composed(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _needle(value: str) -> str | None:
    runs = _ASCII_RUN.findall(value)
    longest = max(runs, key=len, default="")
    return longest if len(longest) >= _SHORTEST_NEEDLE else None


class MentionSearch:
    """The values to look for, as a pattern for Python and as pieces for the database to narrow with."""

    def __init__(self, values: Iterable[str]):
        self.values = sorted({" ".join(_composed(value).split()) for value in values if value and value.strip()},
                             key=len, reverse=True)
        words = (r"\s+".join(re.escape(word) for word in value.split()) for value in self.values)
        self.pattern = re.compile("|".join(rf"(?<!\w){body}(?=s?(?!\w))" for body in words), re.IGNORECASE) \
            if self.values else None
        needles = [_needle(value) for value in self.values]
        # None: some value has no piece to narrow with, so every text must be read.
        self.needles = None if None in needles else sorted(set(needles))

    def __bool__(self) -> bool:
        return self.pattern is not None

    def first(self, text: str) -> re.Match | None:
        """Return the first mention in the (composed) text, if any."""
        return self.pattern.search(_composed(text)) if self.pattern and text else None

    def scrubbed(self, text: str, token: str) -> str:
        """Return the text, composed, with every mention replaced by the token."""
        return self.pattern.sub(token, _composed(text)) if self.pattern and text else text

    def narrowing(self, session: Session, column) -> sa.ColumnElement[bool]:
        """A condition true for every row whose text may hold a mention (and for few others)."""
        if self.needles is None:
            return sa.and_(column.is_not(None), column != "")
        # SQLite's LIKE already ignores ASCII case; lower() on both sides would only slow it down.
        if session.get_bind().dialect.name == "sqlite":
            return sa.or_(*(column.contains(needle, autoescape=True) for needle in self.needles))
        return sa.or_(*(column.icontains(needle, autoescape=True) for needle in self.needles))


def _free_text_columns():
    for table_name, column_name in sorted(FREE_TEXT):
        table = db.metadata.tables[table_name]
        yield table, table.c[column_name]


def find_mentions(session: Session, search: MentionSearch) -> list[Mention]:
    """Find every free text that mentions one of the searched values."""
    if not search:
        return []
    found = []
    for table, column in _free_text_columns():
        key = next(iter(table.primary_key.columns))
        rows = session.execute(sa.select(key, column).where(search.narrowing(session, column))
                               .execution_options(yield_per=_READ_AT_ONCE))
        found += [Mention(table.name, column.name, row_id, text) for row_id, text in rows if search.first(text)]
    return found


def _strings_in(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)


def audit_records_mentioning(session: Session, search: MentionSearch) -> list[tuple[int, str, str, dict]]:
    """Return (id, entity, entity id, changes) of the audit records whose values mention a searched value."""
    if not search:
        return []
    rows = session.execute(sa.select(AuditRecord.id, AuditRecord.entity, AuditRecord.entity_id, AuditRecord.changes)
                           .where(search.narrowing(session, sa.cast(AuditRecord.changes, sa.Text)))
                           .order_by(AuditRecord.id).execution_options(yield_per=_READ_AT_ONCE))
    return [tuple(row) for row in rows if any(search.first(value) for value in _strings_in(row.changes))]

"""Finding the organisation someone means by what they typed: suggestions while typing, and
the one organisation a typed name or organisation number names when a form is saved.

With 5,000 organisations a form cannot list them all; it offers a few that fit the text and
resolves a typed name on the server, so that the form works without JavaScript too.
"""
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from .identifiers import normalise_org_number
from .models import Organisation
from .text import match_key, tidy

_NUMBER_LIKE = re.compile(r"\s*\d[\d\s-]*")

SUGGESTIONS = 15
# An organisation's name is at most this long (the column's length).
LONGEST_NAME = 200
# How many near misses a refusal names: enough to recognise the right one, not a list to read.
NEAR_MISSES = 5


def _org_number_prefix(typed: str) -> str | None:
    """How the start of an organisation number is stored (NNNNNN-NNNN), however it was typed."""
    if not _NUMBER_LIKE.fullmatch(typed):
        return None
    digits = re.sub(r"\D", "", typed)
    return digits[:6] + ("-" + digits[6:10] if len(digits) > 6 else "")


def _like_pattern(key: str) -> str:
    return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def suggest_organisations(session: Session, typed: str, *, limit: int = SUGGESTIONS,
                          keep: Iterable[int] = ()) -> list[Organisation]:
    """The organisations whose name (or organisation number) fits what was typed, for a type-ahead.

    Names that start with the text come first. Archived organisations are left out, except those
    in `keep` (already chosen on the record being edited).
    """
    typed = typed[:LONGEST_NAME]  # longer text fits no name better; it only makes the query dearer
    key = match_key(typed)
    if not key:
        return []
    fits = Organisation.name_key.like(_like_pattern(key), escape="\\")
    number = _org_number_prefix(typed)
    if number:
        fits = or_(fits, Organisation.org_number.startswith(number, autoescape=True))
    kept = [organisation_id for organisation_id in keep if isinstance(organisation_id, int)]
    starts_first = case((Organisation.name_key.startswith(key, autoescape=True), 0), else_=1)
    active = Organisation.archived_at.is_(None)
    return list(session.scalars(
        select(Organisation)
        .where(or_(active, Organisation.id.in_(kept)) if kept else active, fits)
        .order_by(starts_first, Organisation.name_key, Organisation.id)
        .limit(limit)
    ))


@dataclass
class Lookup:
    """What a typed name names: one organisation, several it could be, or none (with near misses)."""

    typed: str
    organisation: Organisation | None = None
    several: list[Organisation] = field(default_factory=list)
    near_misses: list[Organisation] = field(default_factory=list)


def _named_exactly(session: Session, typed: str) -> list[Organisation]:
    number = normalise_org_number(typed)
    condition = Organisation.name_key == match_key(typed)
    if number:
        condition = or_(condition, Organisation.org_number == number)
    return list(session.scalars(select(Organisation).where(condition).order_by(Organisation.name_key, Organisation.id)))


def look_up_organisation(session: Session, typed: str, *, hint: Iterable[int] = ()) -> Lookup:
    """Find the organisation a typed name or organisation number names, ignoring case, accents and spacing.

    Only a full name or number counts: a part of a name that fits one organisation is offered
    as a near miss, never taken silently, since the user may mean one not registered yet.
    `hint` holds ids the form also sent (the script's choice), which settle a tie between namesakes.
    """
    typed = tidy(typed)
    if len(typed) > LONGEST_NAME:  # names no organisation, and too long to search for
        return Lookup(typed[:LONGEST_NAME] + "…")
    exact = _named_exactly(session, typed)
    if len(exact) > 1:
        hinted = [organisation for organisation in exact if organisation.id in set(hint)]
        exact = hinted if len(hinted) == 1 else exact
    if len(exact) == 1:
        return Lookup(typed, organisation=exact[0])
    if exact:
        return Lookup(typed, several=exact)
    return Lookup(typed, near_misses=suggest_organisations(session, typed, limit=NEAR_MISSES))


def organisations_by_id(session: Session, ids: Iterable[int]) -> dict[int, Organisation]:
    """Load the organisations with these ids (those that exist), in one query."""
    wanted = {organisation_id for organisation_id in ids if isinstance(organisation_id, int)}
    if not wanted:
        return {}
    return {o.id: o for o in session.scalars(select(Organisation).where(Organisation.id.in_(wanted)))}

"""Search everything: what the header's search box finds, kind by kind, with each register's own matching.

Each searchable kind of record is one ``SearchableKind`` in ``KINDS``. A register added later
adds itself with one line (``KINDS.append(SearchableKind(...))``, or ``register(...)``), giving
the query its list page uses for the same text, so that a search and the list's "more" show the
same records: organisations, people, neighbourhoods and meeting places by their name key (case,
accents and spacing ignored, as the pickers match); meetings, commitments and initiatives by
words in their title or description, as their lists do. Archived records are found and marked.

People are personal data: a kind marked ``personal`` is never searched for a viewer.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from . import meeting_places, meetings, neighbourhoods, organisations, people
from .commitment_register import RegisterFilter, register_query
from .i18n import lazy_gettext as _l
from .i18n import select_locale
from .initiatives import initiative_query
from .models import Survey
from .proposals import proposal_query
from .text import match_key, tidy

__all__ = ["KINDS", "SHOWN", "Found", "SearchableKind", "register", "search_everything"]

# Per kind: the list page, filtered to the same text, holds the rest.
SHOWN = 8
# One letter fits nearly every name: a search starts at two.
SHORTEST = 2
LONGEST = 200


@dataclass(frozen=True)
class SearchableKind:
    """A kind of record the search box finds, and how to find and show it."""

    name: str  # also the anchor of its group on the results page
    heading: object  # a lazy string: the group's heading
    query: Callable[[str], Select]  # the records matching the text, in the order to show them
    show_endpoint: str
    id_argument: str
    list_endpoint: str | None = None  # its list page, which takes the text as ?q=
    list_arguments: dict = field(default_factory=dict)  # e.g. to include archived records there too
    title: Callable[[object], str] = lambda record: record.name
    detail: Callable[[object], str] = lambda _record: ""
    personal: bool = False  # names people: never for a viewer


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    detail: str
    archived: bool


@dataclass(frozen=True)
class Found:
    kind: SearchableKind
    total: int
    hits: list[Hit]


KINDS: list[SearchableKind] = []


def register(kind: SearchableKind) -> SearchableKind:
    """Make a kind of record searchable from the header."""
    KINDS.append(kind)
    return kind


def _iso(day) -> str:
    return day.isoformat() if day else ""


register(SearchableKind(
    "organisations", _l("Organisations"),
    lambda text: organisations.organisation_query(search=text, include_archived=True),
    "organisations.show", "organisation_id", "organisations.index", {"archived": "y"},
    detail=lambda o: " ".join(filter(None, (o.org_number, o.town)))))
register(SearchableKind(
    "people", _l("People"), lambda text: people.person_query(search=text, include_archived=True),
    "people.show", "person_id", "people.index", {"archived": "y"},
    detail=lambda p: p.title, personal=True))
register(SearchableKind(
    "neighbourhoods", _l("Neighbourhoods"),
    lambda text: neighbourhoods.neighbourhood_query(search=text, include_archived=True),
    "neighbourhoods.show", "neighbourhood_id", "neighbourhoods.index", {"archived": "y"},
    detail=lambda n: n.municipality))
register(SearchableKind(
    "places", _l("Meeting places"), lambda text: meeting_places.place_query(search=text, include_archived=True),
    "places.show", "place_id", "places.index", {"archived": "y"}, detail=lambda p: p.address))
register(SearchableKind(
    "meetings", _l("Meetings"), lambda text: meetings.meeting_query(search=text),
    "meetings.show", "meeting_id", "meetings.index",
    title=lambda m: m.title, detail=lambda m: _iso(m.starts_at.date())))
register(SearchableKind(
    "commitments", _l("Commitments"),
    lambda text: register_query(RegisterFilter(search=text), today=date.today()),
    "commitments.show", "commitment_id", "commitments.index",
    title=lambda c: c.description if len(c.description) <= 120 else c.description[:119] + "…",
    detail=lambda c: _iso(c.made_on)))
register(SearchableKind(
    "initiatives", _l("Initiatives"), lambda text: initiative_query(search=text),
    "initiatives.show", "initiative_id", "initiatives.index", detail=lambda i: _iso(i.started_on)))
register(SearchableKind(
    "proposals", _l("Proposals"), lambda text: proposal_query(search=text, sort="-proposed_on"),
    "proposals.show", "proposal_id", "proposals.index", title=lambda p: p.title, detail=lambda p: _iso(p.proposed_on)))
register(SearchableKind(
    "surveys", _l("Surveys"), lambda text: select(Survey).where(or_(  # as the surveys list matches them
        Survey.title_sv.icontains(text, autoescape=True), Survey.title_en.icontains(text, autoescape=True)))
    .order_by(Survey.opened_on.desc().nulls_first(), Survey.id.desc()),
    "surveys.show", "survey_id", "surveys.index", title=lambda s: s.title(select_locale()),
    detail=lambda s: _iso(s.opened_on)))


def search_everything(session: Session, typed: str, *, personal_allowed: bool,
                      shown: int = SHOWN) -> list[Found]:
    """Find the records of every kind that fit the text: a few of each, and how many there are.

    Nothing for a text shorter than two letters or digits (ignoring case, accents and spacing).
    """
    text = tidy(typed)[:LONGEST]
    if len(match_key(text)) < SHORTEST:
        return []
    found = []
    for kind in KINDS:
        if kind.personal and not personal_allowed:
            continue
        # The count rides along with the first rows: one pass over the matches, not two.
        rows = session.execute(kind.query(text).add_columns(func.count().over()).limit(shown)).all()
        if not rows:
            continue
        found.append(Found(kind, rows[0][1], [
            Hit(record.id, kind.title(record), kind.detail(record) or "", getattr(record, "archived_at", None) is not None)
            for record, _total in rows]))
    return found

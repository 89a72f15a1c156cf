"""Interactions: the calls, e-mails, visits and notes staff log with an actor outside meetings.

An interaction is with one organisation, and perhaps one person (of that organisation or of
another). It is not a meeting: it adds nobody to the network, unless staff mark it as **joint
work**: the organisation and the organisation the person worked for on that day did something
together, which ties the two as a joint commitment would (``collaboration/rows.py``). Joint work
therefore needs a person who worked for another organisation that day.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from . import dates
from .errors import Refusals
from .i18n import lazy_gettext as _l
from .models import Interaction, InteractionKind, Membership, Organisation, Person
from .records import add_record, change_record

__all__ = ["InteractionDetails", "create_interaction", "delete_interaction", "interactions_of",
           "organisations_of_person_on", "person_choices", "update_interaction"]

TEXT_LENGTH = 10_000


@dataclass
class InteractionDetails:
    """What staff type about an interaction, already in the right types."""

    organisation_id: int | None
    kind: InteractionKind
    happened_on: date | None
    person_id: int | None = None
    text: str = ""
    joint_work: bool = False


def organisations_of_person_on(session: Session, person_id: int, day: date) -> set[int]:
    """Return the organisations the person worked for on the day (memberships whose period covers it)."""
    return set(session.scalars(select(Membership.organisation_id).where(
        Membership.person_id == person_id,
        or_(Membership.from_date.is_(None), Membership.from_date <= day),
        or_(Membership.until_date.is_(None), Membership.until_date >= day),
    )))


def _check_person(session: Session, details: InteractionDetails, refusals: Refusals) -> None:
    person = session.get(Person, details.person_id) if details.person_id is not None else None
    if details.person_id is not None and person is None:
        refusals.add(_l("Choose a registered person."), "person_id")
    elif person is not None and (person.anonymised_at is not None or person.restricted_at is not None):
        refusals.add(_l("This person's data may not be processed further: log the interaction without them."),
                     "person_id")
    elif details.joint_work and person is None:
        refusals.add(_l("Joint work ties two organisations: choose the person of the other organisation."),
                     "person_id")
    elif details.joint_work and details.happened_on and details.organisation_id and not (
            organisations_of_person_on(session, person.id, details.happened_on) - {details.organisation_id}):
        refusals.add(_l("Joint work ties two organisations, and this person worked for no other organisation "
                        "on that day."), "joint_work")


def _apply(session: Session, interaction: Interaction, details: InteractionDetails, today: date) -> None:
    refusals = Refusals()
    if details.organisation_id is None or session.get(Organisation, details.organisation_id) is None:
        refusals.add(_l("Choose a registered organisation."), "organisation_id")
    if details.happened_on is None:
        refusals.add(_l("Give the day it happened."), "happened_on")
    elif refusals.date(details.happened_on, dates.PROGRAMME, "happened_on") and details.happened_on > today:
        refusals.add(_l("Log an interaction once it has happened: the day is in the future."), "happened_on")
    text = (details.text or "").strip()
    if details.kind is InteractionKind.NOTE and not text:
        refusals.add(_l("Write the note."), "text")
    if len(text) > TEXT_LENGTH:
        refusals.add(_l("Keep the text under %(count)d characters.", count=TEXT_LENGTH), "text")
    _check_person(session, details, refusals)
    refusals.refuse()
    interaction.organisation_id = details.organisation_id
    interaction.person_id = details.person_id
    interaction.kind = details.kind
    interaction.happened_on = details.happened_on
    interaction.text = text
    interaction.joint_work = details.joint_work


def create_interaction(session: Session, details: InteractionDetails, *, recorded_by_id: int | None = None,
                       today: date | None = None) -> Interaction:
    """Log a call, e-mail, visit or note with an organisation (and perhaps one of its people)."""
    interaction = Interaction(recorded_by_id=recorded_by_id)
    return add_record(session, interaction, lambda: _apply(session, interaction, details, today or date.today()))


def update_interaction(session: Session, interaction: Interaction, details: InteractionDetails, *,
                       today: date | None = None) -> None:
    """Change an interaction under the same rules as logging one."""
    change_record(session, lambda: _apply(session, interaction, details, today or date.today()))


def delete_interaction(session: Session, interaction: Interaction) -> None:
    """Remove an interaction logged by mistake."""
    session.delete(interaction)
    session.flush()


def interactions_of(*, organisation_id: int | None = None, person_id: int | None = None) -> Select:
    """Select the interactions with an organisation or a person (or with either), newest first."""
    conditions = []
    if organisation_id is not None:
        conditions.append(Interaction.organisation_id == organisation_id)
    if person_id is not None:
        conditions.append(Interaction.person_id == person_id)
    return (select(Interaction).where(or_(*conditions) if conditions else and_(True))
            .order_by(Interaction.happened_on.desc(), Interaction.id.desc()))


def person_choices(session: Session, organisation_id: int | None, *, keep: int | None = None) -> list[tuple[int, str]]:
    """The people who may be named in an interaction with the organisation: those who work or worked for it.

    Left out: archived, restricted and anonymised people, unless the interaction already names them.
    """
    found = set()
    if organisation_id is not None:
        found = set(session.scalars(select(Membership.person_id).where(Membership.organisation_id == organisation_id)))
    rows = session.execute(select(Person.id, Person.name, Person.archived_at, Person.restricted_at,
                                  Person.anonymised_at).where(Person.id.in_(found | {keep} - {None}))
                           .order_by(Person.name_key, Person.id))
    return [(row.id, row.name) for row in rows
            if row.id == keep or not (row.archived_at or row.restricted_at or row.anonymised_at)]

"""Read the collaboration network's plain rows from the database: all of them, or what one filter needs.

Rows are read in a few bulk queries (no query per actor or meeting) and handed to the pure
layer in ``coalition.network``. Choices made here:

- **Archived actors** stay in the network when they took part in something (a meeting,
  joint work or a declared relationship): archiving hides a record from lists, it does not
  rewrite history. An archived actor with nothing recorded is left out, so it is not counted
  as an isolate "to involve". An archived organisation is active in no neighbourhood: a
  neighbourhood's network keeps it only for what it took part in there
  (``scope.active_organisations``, the neighbourhood pages' definition too).
- **Anonymised persons** (GDPR Art. 17) stay at the persons level, labelled ``ANONYMISED``
  and never by name: their participations are the anonymous statistics the erasure keeps.
  **Restricted persons** (Art. 18, "not processed further") are left out of the persons level;
  at the organisations level only the organisation recorded on the participation counts.
- **Commitments** count as joint work when two or more organisations are party to them,
  unless withdrawn; their date is the day they were made, else the date of the meeting where
  they were made. **Initiatives** count from the day they started. **Interactions** (calls,
  visits, notes) count only when staff marked them as joint work: the organisation and the
  organisation(s) the person named worked for on that day, placed nowhere.

With a filter that names a neighbourhood, a date range or meeting kinds, only the rows that
filter can use are read (``scope.scope_of``): the meetings it keeps with all their attendances (so
Newman's meeting sizes stay whole), the joint work in its range and place (and the placeless,
which may tie actors already in), and the actors those rows or the neighbourhood bring in. The
pure layer then filters these as it filters all rows, and builds the same graph.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Commitment,
    CommitmentStatus,
    Initiative,
    Interaction,
    Meeting,
    Membership,
    Organisation,
    Participation,
    ParticipationStatus,
    Person,
)
from ..models.commitments import commitment_parties, initiative_neighbourhoods, initiative_participants
from ..models.meetings import meeting_neighbourhoods
from ..models.places import organisation_neighbourhoods
from ..models.relationships import Relationship
from ..network import (
    Actor,
    ActorKind,
    Attendance,
    DeclaredRelationship,
    JointKind,
    JointWork,
    Level,
    NetworkFilter,
    Source,
)
from .scope import (
    active_organisations,
    among,
    count_of,
    joint_commitments,
    joint_initiatives,
    meetings_in_scope,
    scope_of,
)

__all__ = ["ANONYMISED", "NetworkRows", "read_rows"]

# The label of an anonymised person; the interface shows it translated.
ANONYMISED = "Anonymised"


@dataclass(frozen=True)
class NetworkRows:
    """Everything the pure layer needs, read once per data version (and scope)."""

    actors: tuple[Actor, ...]
    attendances: tuple[Attendance, ...]
    joint_work: tuple[JointWork, ...]
    relationships: tuple[DeclaredRelationship, ...]


def read_rows(session: Session, network_filter: NetworkFilter | None = None, *,
              today: date | None = None) -> NetworkRows:
    """Read the actors, attendances, joint work and declared relationships the filter can use, in bulk.

    Without a filter (or with one that narrows nothing in the database) every row is read.
    """
    today = today or date.today()
    if scope_of(network_filter) is None:
        return _all_rows(session, today)
    return _scoped_rows(session, network_filter, today)


# --- every row ---------------------------------------------------------------------------------

def _all_rows(session: Session, today: date) -> NetworkRows:
    attendances = _attendances(session, None)
    joint_work = _commitments(session, None) + _initiatives(session, None) + _joint_interactions(session, None)
    relationships = _relationships(session, None)
    involved_organisations = {a.organisation_id for a in attendances}
    involved_organisations.update(*(w.parties for w in joint_work))
    involved_organisations.update(i for r in relationships for i in (r.first_id, r.second_id))
    involved_persons = {a.person_id for a in attendances}
    neighbourhoods_of = _neighbourhoods_of(session, None)
    organisations = [actor for actor, archived in _organisation_actors(session, None, neighbourhoods_of)
                     if not archived or actor.id in involved_organisations]
    current = _current_organisations(session, None, today)
    sectors = dict(session.execute(select(Organisation.id, Organisation.sector)).all())
    persons = [actor for actor, archived in _person_actors(session, None, current, sectors, neighbourhoods_of)
               if not archived or actor.id in involved_persons]
    return NetworkRows(tuple(organisations) + tuple(persons), tuple(attendances), tuple(joint_work),
                       tuple(relationships))


# --- what one filter needs ------------------------------------------------------------------------

def _scoped_rows(session: Session, f: NetworkFilter, today: date) -> NetworkRows:
    by_organisations = f.level is Level.ORGANISATIONS
    attendances = _attendances(session, f) if Source.CO_PARTICIPATION in f.sources else []
    joint_work = []
    if by_organisations and Source.JOINT_WORK in f.sources:
        joint_work = _commitments(session, f) + _initiatives(session, f)
        if f.neighbourhood_id is None:
            joint_work += _joint_interactions(session, None)
    here = f.neighbourhood_id
    if by_organisations:
        wanted = None
        if here is not None:  # those active here, as the neighbourhood's page counts them
            active = active_organisations(f, [here]).subquery()
            wanted = set(session.scalars(select(active.c.organisation_id)))
            if Source.JOINT_WORK in f.sources:  # placeless joint work ties two of these, or no one
                joint_work += (_commitments(session, f, wanted) + _initiatives(session, f, wanted)
                               + _joint_interactions(session, wanted))
        neighbourhoods_of = _neighbourhoods_of(session, wanted)
        rows = _organisation_actors(session, wanted, neighbourhoods_of)
        archived_involved = _archived_involved_organisations(session)
        actors = [actor for actor, archived in rows if not archived or actor.id in archived_involved]
        relationships = []
        if Source.DECLARED in f.sources:
            kept = {actor.id for actor in actors}
            relationships = [r for r in _relationships(session, f) if r.first_id in kept and r.second_id in kept]
        return NetworkRows(tuple(actors), tuple(attendances), tuple(joint_work), tuple(relationships))
    wanted = None
    if here is not None:
        wanted = {a.person_id for a in attendances} | _persons_of_organisations_active_in(session, here, today)
    current = _current_organisations(session, wanted, today)
    places = _neighbourhoods_of(session, set(current.values()))
    sectors = dict(session.execute(select(Organisation.id, Organisation.sector)
                                   .where(among(Organisation.id, set(current.values())))).all())
    rows = _person_actors(session, wanted, current, sectors, places)
    archived_involved = _archived_involved_persons(session)
    actors = [actor for actor, archived in rows if not archived or actor.id in archived_involved]
    return NetworkRows(tuple(actors), tuple(attendances), (), ())


def _archived_involved_organisations(session: Session) -> set[int]:
    """Archived organisations that took part in something anywhere (they stay in the network)."""
    archived = set(session.scalars(select(Organisation.id).where(Organisation.archived_at.is_not(None))))
    if not archived:
        return set()
    involved = set(session.scalars(select(Participation.organisation_id).distinct().where(
        among(Participation.organisation_id, archived), Participation.status == ParticipationStatus.ATTENDED)))
    theirs = commitment_parties.alias("theirs")  # apart from the table the party count reads
    involved.update(session.scalars(
        select(theirs.c.organisation_id).join(Commitment, Commitment.id == theirs.c.commitment_id)
        .where(among(theirs.c.organisation_id, archived), Commitment.status != CommitmentStatus.WITHDRAWN,
               count_of(commitment_parties.c.commitment_id, Commitment.id) >= 2)))
    joined = initiative_participants.alias("joined")
    involved.update(session.scalars(
        select(joined.c.organisation_id).join(Initiative, Initiative.id == joined.c.initiative_id)
        .where(among(joined.c.organisation_id, archived),
               count_of(initiative_participants.c.initiative_id, Initiative.id) >= 2)))
    for end in (Relationship.from_organisation_id, Relationship.to_organisation_id):
        involved.update(session.scalars(select(end).where(among(end, archived))))
    involved.update(party for work in _joint_interactions(session, None) for party in work.parties)
    return involved & archived


def _archived_involved_persons(session: Session) -> set[int]:
    attended = exists().where(Participation.person_id == Person.id, Participation.status == ParticipationStatus.ATTENDED)
    return set(session.scalars(select(Person.id).where(Person.archived_at.is_not(None), attended)))


def _persons_of_organisations_active_in(session: Session, neighbourhood_id: int, today: date) -> set[int]:
    """Persons with a current membership in an organisation active in the neighbourhood (a superset)."""
    active_here = select(organisation_neighbourhoods.c.organisation_id).where(
        organisation_neighbourhoods.c.neighbourhood_id == neighbourhood_id)
    return set(session.scalars(select(Membership.person_id).where(
        Membership.organisation_id.in_(active_here), _current_membership(today))))


# --- the queries both ways share --------------------------------------------------------------------

def _linked_ids(rows) -> dict[int, set[int]]:
    """Gather a link table's (record id, linked id) rows as {record id: its linked ids}."""
    linked: dict[int, set[int]] = defaultdict(set)
    for record_id, linked_id in rows:
        linked[record_id].add(linked_id)
    return linked


def _neighbourhoods_of(session: Session, organisations: set[int] | None) -> dict[int, set[int]]:
    return _linked_ids(session.execute(select(organisation_neighbourhoods)
                                       .where(among(organisation_neighbourhoods.c.organisation_id, organisations))))


def _organisation_actors(session: Session, wanted: set[int] | None, neighbourhoods_of) -> list[tuple[Actor, bool]]:
    """(actor, archived) per organisation (those ``wanted``, or all), in id order."""
    rows = session.execute(select(Organisation.id, Organisation.name, Organisation.sector, Organisation.archived_at)
                           .where(among(Organisation.id, wanted)).order_by(Organisation.id))
    # An archived organisation is active nowhere: it stays for what it took part in, not where it was registered.
    return [(Actor(row.id, row.name, str(row.sector), ActorKind.ORGANISATION,
                   neighbourhoods_of.get(row.id, ()) if row.archived_at is None else ()),
             row.archived_at is not None) for row in rows if wanted is None or row.id in wanted]


def _current_membership(today: date):
    return (Membership.until_date.is_(None)) | (Membership.until_date >= today)


def _current_organisations(session: Session, persons: set[int] | None, today: date) -> dict[int, int]:
    """Person -> the organisation of their latest current membership."""
    current: dict[int, int] = {}
    memberships = session.execute(
        select(Membership.person_id, Membership.organisation_id)
        .where(_current_membership(today), among(Membership.person_id, persons))
        .order_by(Membership.person_id, Membership.from_date.desc().nulls_last(), Membership.id.desc())
    )
    for person_id, organisation_id in memberships:
        if persons is None or person_id in persons:
            current.setdefault(person_id, organisation_id)
    return current


def _person_actors(session: Session, wanted: set[int] | None, current, sectors,
                   neighbourhoods_of) -> list[tuple[Actor, bool]]:
    """(actor, archived) per person, with the sector and places of their current organisation.

    Restricted persons are left out; anonymised ones are kept under ``ANONYMISED``.
    """
    persons = []
    rows = session.execute(select(Person.id, Person.name, Person.archived_at, Person.anonymised_at,
                                  Person.restricted_at).where(among(Person.id, wanted)).order_by(Person.id))
    for row in rows:
        if wanted is not None and row.id not in wanted:
            continue
        if row.restricted_at is not None and row.anonymised_at is None:
            continue
        organisation_id = current.get(row.id)
        sector = str(sectors[organisation_id]) if organisation_id in sectors else None
        label = ANONYMISED if row.anonymised_at is not None else row.name
        persons.append((Actor(row.id, label, sector, ActorKind.PERSON, neighbourhoods_of.get(organisation_id, ())),
                        row.archived_at is not None))
    return persons


def _attendances(session: Session, f: NetworkFilter | None) -> list[Attendance]:
    """Every attended participation of the filter's meetings (all of a kept meeting, whoever came)."""
    in_scope = meetings_in_scope(f) if f is not None else []
    chosen_meetings = select(Meeting.id).where(*in_scope)
    place_rows = select(meeting_neighbourhoods)
    if in_scope:
        place_rows = place_rows.where(meeting_neighbourhoods.c.meeting_id.in_(chosen_meetings))
    places = _linked_ids(session.execute(place_rows))
    rows = session.execute(
        select(Participation.meeting_id, Meeting.starts_at, Meeting.kind, Participation.person_id,
               Participation.organisation_id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(Participation.status == ParticipationStatus.ATTENDED, *in_scope)
        .order_by(Participation.meeting_id, Participation.person_id)
    )
    return [Attendance(row.meeting_id, row.starts_at.date(), str(row.kind), places.get(row.meeting_id, ()),
                       person_id=row.person_id, organisation_id=row.organisation_id) for row in rows]


def _commitments(session: Session, f: NetworkFilter | None, placeless_among: set[int] | None = None) -> list[JointWork]:
    chosen = joint_commitments(f, placeless_among)
    parties = _linked_ids(session.execute(
        select(commitment_parties).where(commitment_parties.c.commitment_id.in_(chosen))))
    rows = session.execute(
        select(Commitment.id, Commitment.made_on, Commitment.neighbourhood_id, Meeting.starts_at)
        .outerjoin(Meeting, Meeting.id == Commitment.meeting_id)
        .where(Commitment.id.in_(chosen)).order_by(Commitment.id)
    )
    return [JointWork(parties[row.id], row.made_on or (row.starts_at.date() if row.starts_at else None),
                      JointKind.COMMITMENT, () if row.neighbourhood_id is None else (row.neighbourhood_id,))
            for row in rows]


def _initiatives(session: Session, f: NetworkFilter | None, placeless_among: set[int] | None = None) -> list[JointWork]:
    chosen = joint_initiatives(f, placeless_among)
    participants = _linked_ids(session.execute(
        select(initiative_participants).where(initiative_participants.c.initiative_id.in_(chosen))))
    places = _linked_ids(session.execute(
        select(initiative_neighbourhoods).where(initiative_neighbourhoods.c.initiative_id.in_(chosen))))
    rows = session.execute(select(Initiative.id, Initiative.started_on).where(Initiative.id.in_(chosen))
                           .order_by(Initiative.id))
    return [JointWork(participants[row.id], row.started_on, JointKind.INITIATIVE, places.get(row.id, ()))
            for row in rows]


def _joint_interactions(session: Session, among_organisations: set[int] | None) -> list[JointWork]:
    """Interactions marked as joint work: the organisation with the person's organisations of that day.

    ``among_organisations``: only those whose parties are all among these (placeless joint work
    under a neighbourhood filter). One marked with no other organisation that day ties no one.
    """
    rows = session.execute(
        select(Interaction.organisation_id, Interaction.happened_on, Membership.organisation_id.label("theirs"))
        .join(Membership, Membership.person_id == Interaction.person_id)
        .where(Interaction.joint_work.is_(True),
               or_(Membership.from_date.is_(None), Membership.from_date <= Interaction.happened_on),
               or_(Membership.until_date.is_(None), Membership.until_date >= Interaction.happened_on))
        .order_by(Interaction.id)
    )
    parties: dict[tuple, set[int]] = defaultdict(set)
    for row in rows:
        parties[(row.organisation_id, row.happened_on)].add(row.theirs)
    work = []
    for (organisation_id, on), theirs in parties.items():
        together = {organisation_id, *theirs}
        if len(together) >= 2 and (among_organisations is None or together <= among_organisations):
            work.append(JointWork(together, on, JointKind.INTERACTION))
    return work


def _relationships(session: Session, f: NetworkFilter | None) -> list[DeclaredRelationship]:
    query = select(Relationship.from_organisation_id, Relationship.to_organisation_id, Relationship.kind,
                   Relationship.from_date, Relationship.until_date).order_by(Relationship.id)
    if f is not None and f.date_to is not None:
        query = query.where(or_(Relationship.from_date.is_(None), Relationship.from_date <= f.date_to))
    if f is not None and f.date_from is not None:
        query = query.where(or_(Relationship.until_date.is_(None), Relationship.until_date >= f.date_from))
    return [DeclaredRelationship(row.from_organisation_id, row.to_organisation_id, str(row.kind),
                                 row.from_date, row.until_date) for row in session.execute(query)]


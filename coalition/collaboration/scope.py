"""Which rows a network filter can use, as SQL conditions: its meetings, its joint work, its dates.

``rows`` reads with these; ``date_span`` answers from them where the change-over-time table
needs the programme's first and last days. ``active_organisations`` is the one definition of
who is active in a neighbourhood: the network's neighbourhood filter and the neighbourhood
pages both count with it.
"""
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, false, func, or_, select, true, union
from sqlalchemy.orm import Session

from ..models import (
    Commitment,
    CommitmentStatus,
    Initiative,
    Meeting,
    MeetingKind,
    Organisation,
    Participation,
    ParticipationStatus,
)
from ..models.commitments import commitment_parties, initiative_neighbourhoods, initiative_participants
from ..models.meetings import meeting_neighbourhoods
from ..models.places import organisation_neighbourhoods
from ..network import NetworkFilter, Source

__all__ = ["active_organisations", "among", "count_of", "date_span", "in_range", "joint_commitments", "joint_initiatives",
           "meetings_in_scope", "scope_of"]

# Longer lists of ids than this are not sent to the database: the rows are read whole and sifted here.
IDS_IN_A_QUERY = 5000


def scope_of(network_filter: NetworkFilter | None) -> tuple | None:
    """Return what of a filter narrows the rows to read (a cache key), or None when all rows are needed.

    >>> scope_of(NetworkFilter(sectors={"civil"})) is None
    True
    >>> scope_of(NetworkFilter(neighbourhood_id=3))[0]
    3
    """
    if network_filter is None:
        return None
    f = network_filter
    if f.neighbourhood_id is None and f.date_from is None and f.date_to is None and not f.meeting_kinds:
        return None
    return (f.neighbourhood_id, f.date_from, f.date_to, f.meeting_kinds, f.level, f.sources)


def among(column, ids: set | None):
    """A condition keeping ``ids`` (None: everyone; a very long list: everyone, sifted by the caller)."""
    if ids is None or len(ids) > IDS_IN_A_QUERY:
        return true()
    return column.in_(sorted(ids)) if ids else false()


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def meetings_in_scope(f: NetworkFilter) -> list:
    """Conditions on ``Meeting`` that keep the filter's meetings (its dates, kinds and neighbourhood)."""
    conditions = []
    if f.date_from is not None:
        conditions.append(Meeting.starts_at >= _start(f.date_from))
    if f.date_to is not None:
        conditions.append(Meeting.starts_at < _start(f.date_to + timedelta(days=1)))
    if f.meeting_kinds:
        known = [kind for kind in MeetingKind if str(kind) in f.meeting_kinds]
        conditions.append(Meeting.kind.in_(known) if known else false())
    if f.neighbourhood_id is not None:
        conditions.append(Meeting.id.in_(select(meeting_neighbourhoods.c.meeting_id)
                                         .where(meeting_neighbourhoods.c.neighbourhood_id == f.neighbourhood_id)))
    return conditions


def in_range(day_column, f: NetworkFilter):
    """A condition keeping a date column in the filter's range (an undated row only in an open range)."""
    conditions = []
    if f.date_from is not None:
        conditions.append(day_column >= f.date_from)
    if f.date_to is not None:
        conditions.append(day_column <= f.date_to)
    return and_(true(), *conditions)


def count_of(key_column, owner_id):
    return select(func.count()).where(key_column == owner_id).scalar_subquery()


def _two_or_more_among(link_table, organisations: set[int]):
    """The commitments (initiatives) with two or more of these organisations, found from the organisations' side."""
    owner = link_table.c[0]
    return (select(owner).where(among(link_table.c.organisation_id, organisations))
            .group_by(owner).having(func.count() >= 2))


def joint_commitments(f: NetworkFilter | None, placeless_among: set[int] | None = None):
    """The ids of the commitments that count as joint work under the filter (two or more parties, not withdrawn).

    Under a neighbourhood filter: those placed there, or with ``placeless_among`` those placed
    nowhere with two or more parties among these organisations.
    """
    parties = count_of(commitment_parties.c.commitment_id, Commitment.id)
    chosen = select(Commitment.id).where(Commitment.status != CommitmentStatus.WITHDRAWN, parties >= 2)
    if f is None:
        return chosen
    if f.neighbourhood_id is not None and placeless_among is None:
        chosen = chosen.where(Commitment.neighbourhood_id == f.neighbourhood_id)
    elif f.neighbourhood_id is not None:
        chosen = chosen.where(Commitment.neighbourhood_id.is_(None),
                              Commitment.id.in_(_two_or_more_among(commitment_parties, placeless_among)))
    if f.date_from is not None or f.date_to is not None:
        meeting_day = select(Meeting.id).where(Meeting.id == Commitment.meeting_id, *meetings_in_scope(
            NetworkFilter(date_from=f.date_from, date_to=f.date_to))).exists()
        chosen = chosen.where(or_(and_(Commitment.made_on.is_not(None), in_range(Commitment.made_on, f)),
                                  and_(Commitment.made_on.is_(None), meeting_day)))
    return chosen


def joint_initiatives(f: NetworkFilter | None, placeless_among: set[int] | None = None):
    """The ids of the initiatives that count as joint work under the filter (two or more participants).

    Under a neighbourhood filter: as ``joint_commitments``.
    """
    participants = count_of(initiative_participants.c.initiative_id, Initiative.id)
    chosen = select(Initiative.id).where(participants >= 2)
    if f is None:
        return chosen
    placed = initiative_neighbourhoods.c.initiative_id == Initiative.id
    if f.neighbourhood_id is not None and placeless_among is None:
        chosen = chosen.where(exists().where(placed, initiative_neighbourhoods.c.neighbourhood_id == f.neighbourhood_id))
    elif f.neighbourhood_id is not None:
        chosen = chosen.where(~exists().where(placed),
                              Initiative.id.in_(_two_or_more_among(initiative_participants, placeless_among)))
    if f.date_from is not None or f.date_to is not None:
        chosen = chosen.where(Initiative.started_on.is_not(None), in_range(Initiative.started_on, f))
    return chosen


def date_span(session: Session, network_filter: NetworkFilter) -> tuple[date | None, date | None]:
    """Return the first and last day of any attended meeting or dated joint work in the filter's range.

    The change-over-time table opens an open range at these days of the whole programme, so a
    neighbourhood's table starts in the same quarter whether all rows or its own were read.
    """
    dated = NetworkFilter(date_from=network_filter.date_from, date_to=network_filter.date_to)
    attended = exists().where(Participation.meeting_id == Meeting.id, Participation.status == ParticipationStatus.ATTENDED)
    joint = Commitment.id.in_(joint_commitments(dated))
    # The first and the last attended meeting, found along the index on starts_at.
    held = select(Meeting.starts_at).where(attended, *meetings_in_scope(dated)).limit(1)
    days = []
    for first, last in (
        (session.scalar(held.order_by(Meeting.starts_at)), session.scalar(held.order_by(Meeting.starts_at.desc()))),
        session.execute(select(func.min(Meeting.starts_at), func.max(Meeting.starts_at))
                        .join(Commitment, Commitment.meeting_id == Meeting.id)
                        .where(joint, Commitment.made_on.is_(None))).one(),
        session.execute(select(func.min(Commitment.made_on), func.max(Commitment.made_on)).where(joint)).one(),
        session.execute(select(func.min(Initiative.started_on), func.max(Initiative.started_on))
                        .where(Initiative.id.in_(joint_initiatives(dated)))).one(),
    ):
        days += [day.date() if isinstance(day, datetime) else day for day in (first, last) if day is not None]
    return (network_filter.date_from or min(days, default=None), network_filter.date_to or max(days, default=None))


def active_organisations(f: NetworkFilter, neighbourhood_ids: Iterable[int] | None = None):
    """(neighbourhood_id, organisation_id) of every organisation active in a neighbourhood under the filter.

    Active in a neighbourhood means: registered as active there and not archived, or, in the
    filter's dates and meeting kinds, attended a meeting held there or is party to a joint
    commitment or initiative placed there (archived or not: what happened stays). This is the
    rule the pure layer's ``build_network`` keeps a neighbourhood's actors by, given rows where an
    archived organisation is active nowhere; the neighbourhood pages count with it too, so that a
    neighbourhood's page and its network always name the same organisations.
    ``f.neighbourhood_id`` is ignored: ``neighbourhood_ids`` chooses (None: every neighbourhood).
    """
    anywhere = replace(f, neighbourhood_id=None)
    link, held = organisation_neighbourhoods.c, meeting_neighbourhoods.c
    parts = [select(link.neighbourhood_id, link.organisation_id)
             .join(Organisation, Organisation.id == link.organisation_id).where(Organisation.archived_at.is_(None))]
    if Source.CO_PARTICIPATION in f.sources:
        parts.append(select(held.neighbourhood_id, Participation.organisation_id)
                     .join(Participation, Participation.meeting_id == held.meeting_id)
                     .join(Meeting, Meeting.id == held.meeting_id)
                     .where(Participation.status == ParticipationStatus.ATTENDED,
                            Participation.organisation_id.is_not(None), *meetings_in_scope(anywhere)))
    if Source.JOINT_WORK in f.sources:
        parts.append(select(Commitment.neighbourhood_id, commitment_parties.c.organisation_id)
                     .join(commitment_parties, commitment_parties.c.commitment_id == Commitment.id)
                     .where(Commitment.neighbourhood_id.is_not(None), Commitment.id.in_(joint_commitments(anywhere))))
        placed = initiative_neighbourhoods.c
        parts.append(select(placed.neighbourhood_id, initiative_participants.c.organisation_id)
                     .join(initiative_participants, initiative_participants.c.initiative_id == placed.initiative_id)
                     .where(placed.initiative_id.in_(joint_initiatives(anywhere))))
    if neighbourhood_ids is not None:
        chosen = sorted(set(neighbourhood_ids))
        parts = [part.where(part.selected_columns[0].in_(chosen)) for part in parts]
    return union(*parts)

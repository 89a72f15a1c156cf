"""The plain rows the network is built from, and the filter that picks which of them count.

The web layer, the CLI and the background job read these rows from the database; everything
in this package takes them as they are and never touches a session.
"""
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "SECTORS",
    "ActorKind",
    "Level",
    "Weighting",
    "Source",
    "JointKind",
    "Actor",
    "Attendance",
    "JointWork",
    "DeclaredRelationship",
    "NetworkFilter",
]

# The quadruple helix, in the order every matrix and table uses.
SECTORS = ("private", "public", "civil", "academic")


class ActorKind(enum.StrEnum):
    ORGANISATION = "organisation"
    PERSON = "person"


class Level(enum.StrEnum):
    """Whose network: organisations (the default) or the persons who represent them."""

    ORGANISATIONS = "organisations"
    PERSONS = "persons"

    @property
    def actor_kind(self) -> ActorKind:
        return ActorKind.ORGANISATION if self is Level.ORGANISATIONS else ActorKind.PERSON


class Weighting(enum.StrEnum):
    """How shared meetings add to a tie's weight."""

    MEETINGS = "meetings"  # one per meeting shared
    NEWMAN = "newman"  # 1/(n-1) per meeting shared, n = actors at that meeting


class Source(enum.StrEnum):
    """Where a tie comes from; each can be switched off."""

    CO_PARTICIPATION = "co_participation"
    JOINT_WORK = "joint_work"
    DECLARED = "declared"


class JointKind(enum.StrEnum):
    COMMITMENT = "commitment"
    INITIATIVE = "initiative"
    INTERACTION = "interaction"  # a visit, call or note staff marked as joint work


def _ids(values: Iterable[int]) -> frozenset[int]:
    return frozenset(int(v) for v in values)


@dataclass(frozen=True)
class Actor:
    """An organisation or a person that may become a node.

    ``sector`` is the organisation's sector; for a person, the sector of the organisation they
    represent (None when there is none). ``neighbourhood_ids`` are the places the actor is active
    in (for a person, their organisation's).

    >>> Actor(1, "Malmö stad", "public", ActorKind.ORGANISATION, {3}).neighbourhood_ids
    frozenset({3})
    """

    id: int
    label: str
    sector: str | None
    kind: ActorKind = ActorKind.ORGANISATION
    neighbourhood_ids: frozenset[int] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "kind", ActorKind(self.kind))
        object.__setattr__(self, "neighbourhood_ids", _ids(self.neighbourhood_ids))


@dataclass(frozen=True)
class Attendance:
    """One person at one meeting, and the organisation they came for (None if none).

    Pass only participations whose status is ``attended``: the invited, registered, no-shows
    and cancellations did not meet anyone, and this package cannot tell them apart.

    >>> Attendance(10, date(2025, 3, 4), "workshop", {3}, person_id=7, organisation_id=1).meeting_id
    10
    """

    meeting_id: int
    meeting_date: date
    meeting_kind: str
    meeting_neighbourhood_ids: frozenset[int]
    person_id: int
    organisation_id: int | None

    def __post_init__(self):
        object.__setattr__(self, "meeting_neighbourhood_ids", _ids(self.meeting_neighbourhood_ids))


@dataclass(frozen=True)
class JointWork:
    """A commitment or an initiative that several organisations are party to.

    ``on`` is when it was made or started; an undated one counts only when the date range is
    open on both sides. ``neighbourhood_ids`` are where it takes place (may be empty).

    >>> JointWork({1, 2}, date(2025, 5, 1), JointKind.COMMITMENT).parties
    frozenset({1, 2})
    """

    parties: frozenset[int]
    on: date | None
    kind: JointKind = JointKind.COMMITMENT
    neighbourhood_ids: frozenset[int] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "parties", _ids(self.parties))
        object.__setattr__(self, "kind", JointKind(self.kind))
        object.__setattr__(self, "neighbourhood_ids", _ids(self.neighbourhood_ids))


@dataclass(frozen=True)
class DeclaredRelationship:
    """A tie staff declared between two organisations, valid from/until (None = open).

    >>> DeclaredRelationship(1, 2, "partnership").kind
    'partnership'
    """

    first_id: int
    second_id: int
    kind: str
    from_date: date | None = None
    until_date: date | None = None


@dataclass(frozen=True)
class NetworkFilter:
    """Which rows count. Empty sets mean "all"; dates are inclusive.

    Frozen and hashable, so it can serve as a cache key.

    >>> f = NetworkFilter(sectors={"civil"}, sources={"declared"})
    >>> sorted(f.sectors), sorted(f.sources)
    (['civil'], [<Source.DECLARED: 'declared'>])
    """

    date_from: date | None = None
    date_to: date | None = None
    neighbourhood_id: int | None = None
    meeting_kinds: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    min_weight: float = 0.0
    sources: frozenset[Source] = field(default_factory=lambda: frozenset(Source))
    level: Level = Level.ORGANISATIONS
    weighting: Weighting = Weighting.MEETINGS

    def __post_init__(self):
        object.__setattr__(self, "meeting_kinds", frozenset(str(k) for k in self.meeting_kinds))
        object.__setattr__(self, "sectors", frozenset(str(s) for s in self.sectors))
        object.__setattr__(self, "sources", frozenset(Source(s) for s in self.sources))
        object.__setattr__(self, "level", Level(self.level))
        object.__setattr__(self, "weighting", Weighting(self.weighting))
        object.__setattr__(self, "min_weight", float(self.min_weight))
        unknown = self.sectors - set(SECTORS)
        if unknown:
            raise ValueError(f"unknown sectors: {sorted(unknown)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        if self.min_weight < 0:
            raise ValueError("min_weight is negative")

    def covers(self, day: date | None) -> bool:
        """Tell whether a dated item falls in the range; an undated one only in an open range."""
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Tell whether a period (None = open) overlaps the range."""
        return (self.date_to is None or start is None or start <= self.date_to) and (
            self.date_from is None or end is None or end >= self.date_from
        )

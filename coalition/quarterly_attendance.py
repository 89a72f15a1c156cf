"""Meetings and attendances by quarter and sector, for any set of meetings: a neighbourhood's, a place's.

Attendances are the registered participants who attended, by the sector of the organisation
they came for, and the people counted without names (headcounts), each counted once per meeting.
"""
from dataclasses import dataclass, field

from sqlalchemy import Select, extract, func, select
from sqlalchemy.orm import Session

from .models import (
    Meeting,
    MeetingHeadcount,
    Organisation,
    Participation,
    ParticipationStatus,
    Sector,
)

__all__ = ["Quarter", "by_quarter"]


@dataclass
class Quarter:
    """Meetings held in one quarter, and the attendances at them by sector."""

    year: int
    quarter: int
    meetings: int = 0
    attended: dict[Sector | None, int] = field(default_factory=dict)  # None: came for no organisation
    counted: int = 0  # people counted without names

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def total_attended(self) -> int:
        return sum(self.attended.values()) + self.counted


def by_quarter(session: Session, meeting_ids: Select) -> list[Quarter]:
    """Count the meetings `meeting_ids` selects and their attendances, by quarter and sector, oldest first.

    Quarters without meetings between the first and the last are included, with zeros.
    """
    year, month = extract("year", Meeting.starts_at), extract("month", Meeting.starts_at)
    quarters: dict[tuple[int, int], Quarter] = {}

    def quarter_of(y, m) -> Quarter:
        key = (int(y), (int(m) - 1) // 3 + 1)
        if key not in quarters:
            quarters[key] = Quarter(*key)
        return quarters[key]

    for y, m, n in session.execute(
        select(year, month, func.count()).where(Meeting.id.in_(meeting_ids)).group_by(year, month)
    ):
        quarter_of(y, m).meetings += n
    for y, m, sector, n in session.execute(
        select(year, month, Organisation.sector, func.count())
        .select_from(Participation)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.meeting_id.in_(meeting_ids), Participation.status == ParticipationStatus.ATTENDED)
        .group_by(year, month, Organisation.sector)
    ):
        attended = quarter_of(y, m).attended
        attended[sector] = attended.get(sector, 0) + n
    for y, m, n in session.execute(
        select(year, month, func.sum(MeetingHeadcount.count))
        .join(Meeting, Meeting.id == MeetingHeadcount.meeting_id)
        .where(MeetingHeadcount.meeting_id.in_(meeting_ids))
        .group_by(year, month)
    ):
        quarter_of(y, m).counted += int(n)
    if not quarters:
        return []
    first, last = min(quarters), max(quarters)
    filled, (y, q) = [], first
    while (y, q) <= last:
        filled.append(quarters.get((y, q)) or Quarter(y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return filled

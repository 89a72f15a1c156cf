"""Meetings and attendances by quarter and sector: of any set of meetings, or of every neighbourhood at once.

Attendances are the registered participants who attended, by the sector of the organisation
they came for, and the people counted without names (headcounts), each counted once per meeting.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Select, extract, func, select
from sqlalchemy.orm import Session

from .models import Meeting, MeetingHeadcount, Organisation, Participation, ParticipationStatus, Sector
from .models.meetings import meeting_neighbourhoods

__all__ = ["Quarter", "by_neighbourhood", "by_quarter"]


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
    quarters = _counted(session, [], lambda query, meeting_id: query.where(meeting_id.in_(meeting_ids))).get((), {})
    if not quarters:
        return []
    first, last = min(quarters), max(quarters)
    filled, (y, q) = [], first
    while (y, q) <= last:
        filled.append(quarters.get((y, q)) or Quarter(y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return filled


def by_neighbourhood(session: Session) -> dict[int, dict[tuple[int, int], Quarter]]:
    """Count every neighbourhood's meetings and attendances: {neighbourhood id: {(year, quarter): Quarter}}.

    The same counts as ``by_quarter`` of the meetings held in each (only quarters with meetings),
    in three queries for all neighbourhoods instead of three for each.
    """
    held = meeting_neighbourhoods.c
    found = _counted(session, [held.neighbourhood_id],
                     lambda query, meeting_id: query.join(meeting_neighbourhoods, held.meeting_id == meeting_id))
    return {place: quarters for (place,), quarters in found.items()}


def _counted(session: Session, group: list, narrow) -> dict[tuple, dict[tuple[int, int], Quarter]]:
    """Run the three counts grouped by the ``group`` columns and quarter.

    ``narrow(query, meeting id column)`` keeps the meetings to count (a condition, or a join).
    """
    year, month = extract("year", Meeting.starts_at), extract("month", Meeting.starts_at)
    found: dict[tuple, dict[tuple[int, int], Quarter]] = defaultdict(dict)
    width = len(group)

    def quarter_of(row) -> Quarter:
        key = (int(row[width]), (int(row[width + 1]) - 1) // 3 + 1)
        quarters = found[tuple(row[:width])]
        if key not in quarters:
            quarters[key] = Quarter(*key)
        return quarters[key]

    meetings = select(*group, year, month, func.count()).select_from(Meeting)
    for row in session.execute(narrow(meetings, Meeting.id).group_by(*group, year, month)):
        quarter_of(row).meetings += row[-1]
    attendances = (select(*group, year, month, Organisation.sector, func.count())
                   .select_from(Participation)
                   .join(Meeting, Meeting.id == Participation.meeting_id)
                   .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
                   .where(Participation.status == ParticipationStatus.ATTENDED))
    for row in session.execute(narrow(attendances, Participation.meeting_id)
                               .group_by(*group, year, month, Organisation.sector)):
        attended, sector = quarter_of(row).attended, row[-2]
        attended[sector] = attended.get(sector, 0) + row[-1]
    counted = (select(*group, year, month, func.sum(MeetingHeadcount.count))
               .select_from(MeetingHeadcount).join(Meeting, Meeting.id == MeetingHeadcount.meeting_id))
    for row in session.execute(narrow(counted, MeetingHeadcount.meeting_id).group_by(*group, year, month)):
        quarter_of(row).counted += int(row[-1])
    return found

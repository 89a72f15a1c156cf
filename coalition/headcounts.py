"""Headcounts: people counted at a meeting by group (residents, young people, ...), without names.

They count in a meeting's attendance and in every activity figure; they never become nodes or
ties of the collaboration network, which is built from registered participations alone.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import HeadcountGroup, Meeting, MeetingHeadcount
from .models.meetings import LARGEST_HEADCOUNT
from .text import match_key, tidy

__all__ = ["LARGEST_HEADCOUNT", "GroupDetails", "create_group", "group_name", "groups", "headcount_field",
           "headcount_totals", "set_headcounts", "update_group"]


@dataclass
class GroupDetails:
    """A headcount group's names in both languages, as an admin types them."""

    name_sv: str
    name_en: str


def _check_group(session: Session, details: GroupDetails, group_id: int | None) -> tuple[str, str]:
    names = {"name_sv": tidy(details.name_sv), "name_en": tidy(details.name_en)}
    others = [group for group in session.scalars(select(HeadcountGroup)) if group.id != group_id]  # a handful
    for field_name, name in names.items():
        if not name:
            raise DomainError(_l("Give the group's name in both languages."), field=field_name)
        if any(match_key(getattr(other, field_name)) == match_key(name) for other in others):
            raise DomainError(_l("There is already a group called %(name)s.", name=name), field=field_name)
    return names["name_sv"], names["name_en"]


def create_group(session: Session, details: GroupDetails) -> HeadcountGroup:
    """Add a group that meetings can count people in; it goes last in the list."""
    with session.no_autoflush:
        name_sv, name_en = _check_group(session, details, None)
    last = session.scalar(select(func.max(HeadcountGroup.position))) or 0
    group = HeadcountGroup(name_sv=name_sv, name_en=name_en, position=last + 1)
    session.add(group)
    session.flush()
    return group


def update_group(session: Session, group: HeadcountGroup, details: GroupDetails) -> None:
    """Rename a group; the counts recorded under it stay."""
    group.name_sv, group.name_en = _check_group(session, details, group.id)
    session.flush()


def groups(session: Session, *, keep: Iterable[int] = (), include_archived: bool = False) -> list[HeadcountGroup]:
    """Return the groups in their order: the active ones, and the archived ones in `keep` (already counted)."""
    query = select(HeadcountGroup).order_by(HeadcountGroup.position, HeadcountGroup.id)
    if not include_archived:
        query = query.where(HeadcountGroup.archived_at.is_(None) | HeadcountGroup.id.in_(list(keep)))
    return list(session.scalars(query))


def group_name(group: HeadcountGroup, locale: str) -> str:
    """Return the group's name in the interface's language."""
    return group.name_sv if locale.startswith("sv") else group.name_en


def headcount_field(group_id: int) -> str:
    """Name the form field of a group's count, where a refused count is explained."""
    return f"group_{group_id}"


def set_headcounts(session: Session, meeting: Meeting, counts: Mapping[int, int | None]) -> None:
    """Record how many of each group came; an empty count or zero removes the group's count.

    Every count is checked before anything changes: one bad count refuses them all. An archived
    group may keep the count it already has on this meeting, but cannot be counted anew.
    """
    recorded = {headcount.group_id: headcount for headcount in meeting.headcounts}
    known = {group.id: group for group in groups(session, keep=recorded)}
    for group_id, count in counts.items():
        field_name = headcount_field(group_id)
        if group_id not in known:
            raise DomainError(_l("This group cannot be counted: an admin has archived it."), field=field_name)
        if count is not None and count < 0:
            raise DomainError(_l("A headcount cannot be negative."), field=field_name)
        if count is not None and count > LARGEST_HEADCOUNT:
            raise DomainError(_l("At most %(most)s people can be counted in one group: check the number.",
                                 most=f"{LARGEST_HEADCOUNT:,}".replace(",", " ")), field=field_name)
    for group_id, count in counts.items():
        headcount = recorded.get(group_id)
        if not count:
            if headcount is not None:
                meeting.headcounts.remove(headcount)
        elif headcount is None:
            meeting.headcounts.append(MeetingHeadcount(group_id=group_id, count=count))
        elif headcount.count != count:
            headcount.count = count
    session.flush()


def headcount_totals(session: Session, meeting_ids: Iterable[int] | Select) -> dict[int, int]:
    """Sum the people counted without names at each of the given meetings, in one query."""
    rows = session.execute(
        select(MeetingHeadcount.meeting_id, func.sum(MeetingHeadcount.count))
        .where(MeetingHeadcount.meeting_id.in_(meeting_ids))
        .group_by(MeetingHeadcount.meeting_id)
    )
    return {meeting_id: int(total) for meeting_id, total in rows}

"""The words a register's cells may use for a sector, a kind, a role or a status, in English or Swedish.

A cell may give the stored value itself (with spaces or hyphens for underscores), its English
name or one of its Swedish names, in any case and with or without accents. `enum_value` reads
one; `SWEDISH_NAMES` gives the upload pages and the README the names to show.
"""
from functools import lru_cache

from ..i18n import lazy_gettext as _l
from ..models import CommitmentKind, CommitmentStatus, MeetingKind, ParticipationRole, ParticipationStatus, Sector
from ..text import match_key

# What a cell may say, besides the stored value itself (with spaces or hyphens for underscores).
# The first Swedish name of each is the one shown on the upload page and in the README.
SWEDISH_NAMES = {
    Sector.PRIVATE: ("näringsliv", "näringslivet", "privat sektor"),
    Sector.PUBLIC: ("offentlig sektor", "offentliga sektorn", "offentlig"),
    Sector.CIVIL: ("civilsamhälle", "civilsamhället", "ideell sektor", "idéburen sektor"),
    Sector.ACADEMIC: ("akademi", "akademin"),
    MeetingKind.INTERVIEW: ("intervju",),
    MeetingKind.WORKSHOP: ("workshop",),
    MeetingKind.COORDINATION: ("samordningsmöte",),
    MeetingKind.INFORMATION: ("informationsmöte",),
    MeetingKind.STEERING_GROUP: ("styrgruppsmöte", "styrgrupp"),
    MeetingKind.WORKING_COMMITTEE: ("arbetsutskottsmöte", "arbetsutskott"),
    MeetingKind.SITE_VISIT: ("platsbesök",),
    MeetingKind.OTHER: ("annat möte", "annat"),
    ParticipationRole.ORGANISER: ("arrangör",),
    ParticipationRole.FACILITATOR: ("processledare",),
    ParticipationRole.SPEAKER: ("talare",),
    ParticipationRole.PARTICIPANT: ("deltagare",),
    ParticipationStatus.INVITED: ("inbjuden",),
    ParticipationStatus.REGISTERED: ("anmäld",),
    ParticipationStatus.ATTENDED: ("deltog", "närvarande"),
    ParticipationStatus.NO_SHOW: ("uteblev",),
    ParticipationStatus.CANCELLED: ("återbud",),
    CommitmentKind.FUNDING: ("finansiering", "pengar"),
    CommitmentKind.STAFF_TIME: ("personaltid", "arbetstid"),
    CommitmentKind.PREMISES: ("lokaler", "lokal"),
    CommitmentKind.IN_KIND: ("naturabidrag", "in natura"),
    CommitmentKind.POLICY_CHANGE: ("policyförändring", "policy"),
    CommitmentKind.SOCIAL_INVESTMENT: ("social investering",),
    CommitmentStatus.PROPOSED: ("föreslaget", "föreslagen"),
    CommitmentStatus.AGREED: ("överenskommet", "överenskommen", "beslutat"),
    CommitmentStatus.IN_PROGRESS: ("pågår", "pågående"),
    CommitmentStatus.DELIVERED: ("infriat", "infriad", "levererat", "genomfört"),
    CommitmentStatus.WITHDRAWN: ("återtaget", "återtagen"),
    CommitmentStatus.LAPSED: ("förfallet", "förfallen"),
}
_ENGLISH_NAMES = {
    Sector.PRIVATE: ("private sector",),
    Sector.PUBLIC: ("public sector",),
    Sector.CIVIL: ("civil society",),
    Sector.ACADEMIC: ("academia",),
    MeetingKind.COORDINATION: ("coordination meeting",),
    MeetingKind.INFORMATION: ("information meeting",),
    MeetingKind.STEERING_GROUP: ("steering-group meeting",),
    MeetingKind.WORKING_COMMITTEE: ("working-committee meeting",),
    MeetingKind.OTHER: ("other meeting",),
    ParticipationRole.ORGANISER: ("organizer",),
    ParticipationStatus.CANCELLED: ("canceled",),
    CommitmentKind.IN_KIND: ("in kind",),
}


def value_key(text: str) -> str:
    return match_key(text).replace("_", "").replace("-", "")


def _names_of(enum_cls) -> dict[str, object]:
    names = {}
    for member in enum_cls:
        for name in (member.value, *_ENGLISH_NAMES.get(member, ()), *SWEDISH_NAMES.get(member, ())):
            names[value_key(name)] = member
    return names


_VALUES = {enum_cls: _names_of(enum_cls) for enum_cls in (Sector, MeetingKind, ParticipationRole, ParticipationStatus,
                                                           CommitmentKind, CommitmentStatus)}


_UNKNOWN = {
    MeetingKind: lambda value, values: _l("“%(value)s” is not a kind of meeting. Use one of: %(values)s.",
                                          value=value, values=values),
    Sector: lambda value, values: _l("“%(value)s” is not a sector. Use one of: %(values)s.", value=value, values=values),
    ParticipationRole: lambda value, values: _l("“%(value)s” is not a role. Use one of: %(values)s.",
                                                value=value, values=values),
    ParticipationStatus: lambda value, values: _l("“%(value)s” is not a status. Use one of: %(values)s.",
                                                  value=value, values=values),
    CommitmentKind: lambda value, values: _l("“%(value)s” is not a kind of commitment. Use one of: %(values)s.",
                                             value=value, values=values),
    CommitmentStatus: lambda value, values: _l("“%(value)s” is not a status. Use one of: %(values)s.",
                                               value=value, values=values),
}


@lru_cache(maxsize=1024)  # every row asks about the same few words
def enum_value(enum_cls, text: str) -> tuple[object, str | None]:
    """The member a cell names (None for an empty cell), or None and why the cell is wrong."""
    if not text:
        return None, None
    member = _VALUES[enum_cls].get(value_key(text))
    if member is None:
        return None, _UNKNOWN[enum_cls](text, ", ".join(m.value for m in enum_cls))
    return member, None

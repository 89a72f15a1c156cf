"""Meeting places: registering them, moving them through their stages, and finding them."""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, case, or_, select
from sqlalchemy.orm import Session

from . import dates
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import MeetingPlace, Neighbourhood, Organisation, PlaceStage, PlaceStageChange
from .records import change_record, check_stage_date, history, searched
from .text import match_key, tidy
from .vocabulary import label

# The order a place goes through its stages: a move to an earlier one needs a note saying why.
STAGE_ORDER = {stage: position for position, stage in enumerate(PlaceStage)}


@dataclass
class PlaceDetails:
    """What staff type about a meeting place, already in the right types."""

    name: str
    digital: bool = False
    address: str = ""
    web_address: str = ""
    neighbourhood_id: int | None = None
    run_by_id: int | None = None
    owner_ids: list[int] = field(default_factory=list)
    funder_ids: list[int] = field(default_factory=list)
    opened_on: date | None = None
    description: str = ""


def _organisations(session: Session, ids: Iterable[int], field_name: str) -> list[Organisation]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = list(session.scalars(select(Organisation).where(Organisation.id.in_(wanted))))
    if len(found) != len(wanted):
        raise DomainError(_l("Choose registered organisations."), field=field_name)
    return found


def _check_opening(opened_on: date | None, stage: PlaceStage, today: date) -> None:
    if opened_on is not None and (refusal := dates.PROGRAMME.refusal(opened_on)) is not None:
        raise DomainError(refusal, field="opened_on")
    if stage is PlaceStage.OPEN and opened_on is not None and opened_on > today:
        raise DomainError(_l("An open place cannot open in the future: give the day it opened, or choose "
                             "the stage it is at now."), field="opened_on")


def _apply(session: Session, place: MeetingPlace, details: PlaceDetails, stage: PlaceStage, today: date) -> None:
    name = tidy(details.name)
    if not name:
        raise DomainError(_l("A meeting place needs a name."), field="name")
    web_address = details.web_address.strip()
    if details.digital and not web_address:
        raise DomainError(_l("A digital place needs its web address."), field="web_address")
    _check_opening(details.opened_on, stage, today)
    neighbourhood = None
    if details.neighbourhood_id is not None:
        neighbourhood = session.get(Neighbourhood, details.neighbourhood_id)
        if neighbourhood is None:
            raise DomainError(_l("Choose a registered neighbourhood."), field="neighbourhood_id")
    existing = session.scalar(select(MeetingPlace).where(
        MeetingPlace.name_key == match_key(name),
        MeetingPlace.neighbourhood_id.is_(None) if neighbourhood is None
        else MeetingPlace.neighbourhood_id == neighbourhood.id,
    ).limit(1))
    if existing is not None and existing.id != place.id:
        raise DomainError(_l("There is already a meeting place called %(name)s here.", name=existing.name),
                          field="name", existing=existing)
    run_by = _organisations(session, [details.run_by_id] if details.run_by_id else [], "run_by_id")
    place.name = name
    place.digital = details.digital
    place.address = tidy(details.address)
    place.web_address = web_address
    place.neighbourhood = neighbourhood
    place.run_by = run_by[0] if run_by else None
    place.owners = _organisations(session, details.owner_ids, "owner_ids")
    place.funders = _organisations(session, details.funder_ids, "funder_ids")
    place.opened_on = details.opened_on
    place.description = details.description.strip()


def create_place(session: Session, details: PlaceDetails, *, stage: PlaceStage = PlaceStage.IDEA,
                 stage_on: date | None = None, stage_note: str = "", changed_by_id: int | None = None,
                 today: date | None = None) -> MeetingPlace:
    """Register a meeting place and record the stage it starts at."""
    today = today or date.today()
    stage_on = stage_on or (details.opened_on if stage is PlaceStage.OPEN and details.opened_on else today)
    place = MeetingPlace(stage=stage)
    with session.no_autoflush:  # the checks query the session; the half-filled place must not be flushed
        _apply(session, place, details, stage, today)
        check_stage_date(stage_on, "stage_on", today=today)
    if stage is PlaceStage.OPEN and place.opened_on is None:
        place.opened_on = stage_on
    place.stage_changes.append(PlaceStageChange(stage=stage, changed_on=stage_on, note=stage_note.strip(),
                                                changed_by_id=changed_by_id))
    session.add(place)
    session.flush()
    return place


def update_place(session: Session, place: MeetingPlace, details: PlaceDetails, *, today: date | None = None) -> None:
    """Change a meeting place's details under the same rules as registering one."""
    change_record(session, lambda: _apply(session, place, details, place.stage, today or date.today()))


def _latest_change(place: MeetingPlace) -> PlaceStageChange | None:
    return max(place.stage_changes, key=lambda c: (c.changed_on, c.id or 0), default=None)


def change_place_stage(session: Session, place: MeetingPlace, stage: PlaceStage, *, changed_on: date,
                       note: str = "", changed_by_id: int | None = None,
                       today: date | None = None) -> PlaceStageChange:
    """Move a place to another stage, keeping its history; going back needs a note saying why.

    A place that opens without an opening date opened on the day of the change.
    """
    today = today or date.today()
    note = note.strip()
    if stage == place.stage:
        raise DomainError(_l("The place is already at this stage."), field="stage")
    if STAGE_ORDER[stage] < STAGE_ORDER[place.stage] and not note:
        raise DomainError(_l("The place goes back from %(current)s: write in the note why.",
                             current=label(place.stage)), field="note")
    latest = _latest_change(place)
    check_stage_date(changed_on, "changed_on", today=today, not_before=latest.changed_on if latest else None)
    if stage is PlaceStage.OPEN:
        _check_opening(place.opened_on, stage, today)
        if place.opened_on is None:
            place.opened_on = changed_on
    change = PlaceStageChange(stage=stage, changed_on=changed_on, note=note, changed_by_id=changed_by_id)
    place.stage_changes.append(change)
    place.stage = stage
    session.flush()
    return change


def stage_history(session: Session, place: MeetingPlace) -> list[tuple[PlaceStageChange, str | None]]:
    """Return the place's stage changes, latest first, each with who recorded it."""
    return history(session, PlaceStageChange, of=PlaceStageChange.place_id == place.id,
                   day=PlaceStageChange.changed_on, recorded_by=PlaceStageChange.changed_by_id)


def next_stage(stage: PlaceStage) -> PlaceStage:
    """Return the stage that usually follows, or the same one at the end."""
    stages = list(PlaceStage)
    return stages[min(stages.index(stage) + 1, len(stages) - 1)]


def chosen_place(session: Session, place_id: int | None, *, already: int | None = None) -> MeetingPlace | None:
    """Return the meeting place a meeting or commitment names; an archived one only if it already named it."""
    if place_id is None:
        return None
    place = session.get(MeetingPlace, place_id)
    if place is None:
        raise DomainError(_l("Choose a registered meeting place."), field="place_id")
    if place.archived_at is not None and place.id != already:
        raise DomainError(_l("%(name)s is archived. Restore it first, or choose another place.", name=place.name),
                          field="place_id")
    return place


SORTS = {
    "name": lambda: MeetingPlace.name_key,
    "stage": lambda: case(STAGE_ORDER, value=MeetingPlace.stage),
    "opened": lambda: MeetingPlace.opened_on,
    "updated": lambda: MeetingPlace.updated_at,
}


def place_query(*, search: str = "", neighbourhood_id: int | None = None, stage: PlaceStage | None = None,
                digital: bool | None = None, run_by_id: int | None = None, include_archived: bool = False,
                sort: str = "name") -> Select:
    """Select the meeting places a list page's filters match, in the order asked for."""
    query = select(MeetingPlace)
    query = searched(query, search, keys=[MeetingPlace.name_key], texts=[MeetingPlace.address])
    if neighbourhood_id:
        query = query.where(MeetingPlace.neighbourhood_id == neighbourhood_id)
    if stage:
        query = query.where(MeetingPlace.stage == stage)
    if digital is not None:
        query = query.where(MeetingPlace.digital.is_(digital))
    if run_by_id:
        query = query.where(MeetingPlace.run_by_id == run_by_id)
    if not include_archived:
        query = query.where(MeetingPlace.archived_at.is_(None))
    column = SORTS.get(sort.lstrip("-"), SORTS["name"])()
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order.nulls_last(), MeetingPlace.name_key, MeetingPlace.id)


# A type-ahead offers this many places; names longer than a place's column fit none.
SUGGESTIONS = 15
LONGEST_NAME = 200


def suggest_places(session: Session, typed: str, *, keep: Iterable[int] = (),
                   limit: int = SUGGESTIONS) -> list[MeetingPlace]:
    """The places whose name fits what was typed, names that start with it first; archived ones only in `keep`."""
    key = match_key(typed[:LONGEST_NAME])
    if not key:
        return []
    kept = [place_id for place_id in keep if isinstance(place_id, int)]
    active = MeetingPlace.archived_at.is_(None)
    starts_first = case((MeetingPlace.name_key.startswith(key, autoescape=True), 0), else_=1)
    return list(session.scalars(
        select(MeetingPlace)
        .where(or_(active, MeetingPlace.id.in_(kept)) if kept else active,
               MeetingPlace.name_key.contains(key, autoescape=True))
        .order_by(starts_first, MeetingPlace.name_key, MeetingPlace.id).limit(limit)))


def place_label(place: MeetingPlace) -> str:
    """Name a place as a picker shows it: with its neighbourhood, which tells namesakes apart."""
    return f"{place.name} ({place.neighbourhood.name})" if place.neighbourhood else place.name


def look_up_place(session: Session, typed: str, *, hint: Iterable[int] = ()) -> list[MeetingPlace]:
    """Return the places a typed name means: its full name, or "name (neighbourhood)" as a picker shows it.

    One place is the answer; several are namesakes the `hint` ids (the script's choice) did not
    settle; none means nothing is called so.
    """
    typed = tidy(typed)[:LONGEST_NAME + 210]
    found = list(session.scalars(select(MeetingPlace).where(MeetingPlace.name_key == match_key(typed))
                                 .order_by(MeetingPlace.id)))
    if not found and typed.endswith(")") and " (" in typed:
        name, _sep, neighbourhood = typed[:-1].rpartition(" (")
        found = list(session.scalars(
            select(MeetingPlace).join(Neighbourhood, Neighbourhood.id == MeetingPlace.neighbourhood_id)
            .where(MeetingPlace.name_key == match_key(name), Neighbourhood.name_key == match_key(neighbourhood))))
    if len(found) > 1:
        hinted = [place for place in found if place.id in set(hint)]
        found = hinted if len(hinted) == 1 else found
    return found

"""The commitments register: finding commitments, adding them up, and what needs following up.

Every total is a GROUP BY over the filtered set, summed in integer hundredths, so that 20,000
commitments add up to the öre without being loaded.

A joint commitment has several parties, possibly from several sectors. By sector, it counts
once: in its parties' sector when they share one, otherwise in the row "several sectors". So
the rows by sector add up to the grand total, and cross-sector promises stand out.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import Select, case, func, literal_column, select
from sqlalchemy.orm import Session, selectinload

from .collaboration.cache import cached
from .collaboration.changes import data_version
from .commitments import DELIVERED, LAPSED, OPEN_STATUSES, WITHDRAWN
from .models import Commitment, CommitmentKind, CommitmentStatus, Initiative, Neighbourhood, Organisation, Sector, Unit
from .models.commitments import commitment_parties
from .text import match_key

SEVERAL_SECTORS = "several"


@dataclass(frozen=True)
class RegisterFilter:
    """What the register is narrowed to; empty means everything."""

    search: str = ""
    statuses: tuple[CommitmentStatus, ...] = ()
    kind: CommitmentKind | None = None
    sector: Sector | None = None
    organisation_id: int | None = None
    neighbourhood_id: int | None = None
    initiative_id: int | None = None
    due_from: date | None = None
    due_to: date | None = None
    made_from: date | None = None
    made_to: date | None = None
    delivered_from: date | None = None  # either delivered date narrows to delivered commitments
    delivered_to: date | None = None
    overdue: bool = False


def _status_order():
    return case({status: i for i, status in enumerate(CommitmentStatus)}, value=Commitment.status)


SORTS = {
    "due_on": lambda: Commitment.due_on,
    "made_on": lambda: Commitment.made_on,
    "status": _status_order,
    "kind": lambda: Commitment.kind,
}


def with_party(organisation_id: int) -> Select:
    """Select the ids of the commitments an organisation is a party to, alone or jointly."""
    return select(commitment_parties.c.commitment_id).where(commitment_parties.c.organisation_id == organisation_id)


def _with_party_in(sector: Sector) -> Select:
    # Not parties.any(): an uncorrelated IN is computed once, not once per commitment.
    link = commitment_parties.c
    return (select(link.commitment_id).join(Organisation, Organisation.id == link.organisation_id)
            .where(Organisation.sector == sector))


def _within_dates(query: Select, filters: RegisterFilter) -> Select:
    """Narrow to the due, made and delivered dates asked for, each bound inclusive.

    Made and delivered are counted as the steering-group report counts them (``period_figures``):
    delivered means status delivered with its delivery date in range.
    """
    bounds = ((Commitment.due_on, filters.due_from, filters.due_to),
              (Commitment.made_on, filters.made_from, filters.made_to),
              (Commitment.delivered_on, filters.delivered_from, filters.delivered_to))
    for column, first, last in bounds:
        if first:
            query = query.where(column >= first)
        if last:
            query = query.where(column <= last)
    if filters.delivered_from or filters.delivered_to:
        query = query.where(Commitment.status == DELIVERED)
    return query


def register_query(filters: RegisterFilter, *, today: date, sort: str = "-made_on") -> Select:
    """Select the commitments the register's filters match, in the order asked for.

    `overdue` means still open (proposed, agreed or in progress) and due before `today`.
    """
    query = select(Commitment)
    if filters.search.strip():
        query = query.where(Commitment.description_key.contains(match_key(filters.search), autoescape=True))
    if filters.statuses:
        query = query.where(Commitment.status.in_(filters.statuses))
    if filters.kind:
        query = query.where(Commitment.kind == filters.kind)
    if filters.sector:
        query = query.where(Commitment.id.in_(_with_party_in(filters.sector)))
    if filters.organisation_id:
        query = query.where(Commitment.id.in_(with_party(filters.organisation_id)))
    if filters.neighbourhood_id:
        query = query.where(Commitment.neighbourhood_id == filters.neighbourhood_id)
    if filters.initiative_id:
        query = query.where(Commitment.initiative_id == filters.initiative_id)
    query = _within_dates(query, filters)
    if filters.overdue:
        query = query.where(Commitment.status.in_(OPEN_STATUSES), Commitment.due_on < today)
    column = SORTS.get(sort.lstrip("-"), SORTS["made_on"])()
    order = column.desc() if sort.startswith("-") else column.asc()
    # Commitments without a due date go last both ways, on SQLite as on PostgreSQL.
    return query.order_by(order.nulls_last(), Commitment.id.desc())


def ids_of(query: Select) -> Select:
    """Turn a register query into a select of its ids, for totals and exports."""
    return query.with_only_columns(Commitment.id).order_by(None)


def _among(ids: Select):
    # The ids select reads the commitments table too: correlated, it would lose its own FROM.
    return Commitment.id.in_(ids.correlate(None))


@dataclass(frozen=True)
class RegisterRow:
    """One commitment as an export lists it: plain values, the parties' names joined."""

    made_on: date | None
    due_on: date | None
    description: str
    parties: str
    kind: CommitmentKind
    amount: Decimal | None
    unit: Unit | None
    unit_label: str
    neighbourhood: str
    initiative: str
    status: CommitmentStatus
    delivered_on: date | None


def register_rows(session: Session, query: Select) -> list[RegisterRow]:
    """Return every commitment a register query selects, in its order, as plain rows.

    Two queries of plain columns, however many rows: an export of 20,000 commitments builds no
    objects for them.
    """
    link = commitment_parties.c
    names: dict[int, list[str]] = {}
    for commitment_id, name in session.execute(
        select(link.commitment_id, Organisation.name).join(Organisation, Organisation.id == link.organisation_id)
        .where(link.commitment_id.in_(ids_of(query).correlate(None))).order_by(Organisation.name_key)
    ):
        names.setdefault(commitment_id, []).append(name)
    rows = session.execute(
        query.with_only_columns(
            Commitment.id, Commitment.made_on, Commitment.due_on, Commitment.description, Commitment.kind,
            Commitment.amount, Commitment.unit, Commitment.unit_label, func.coalesce(Neighbourhood.name, ""),
            func.coalesce(Initiative.name, ""), Commitment.status, Commitment.delivered_on,
        )
        .outerjoin_from(Commitment, Neighbourhood, Neighbourhood.id == Commitment.neighbourhood_id)
        .outerjoin_from(Commitment, Initiative, Initiative.id == Commitment.initiative_id)
    )
    return [RegisterRow(made_on, due_on, description, "; ".join(names.get(commitment_id, [])), *rest)
            for commitment_id, made_on, due_on, description, *rest in rows]


# The amount column holds integer hundredths; summing those is exact on every backend.
_HUNDREDTHS = sa.type_coerce(Commitment.amount, sa.BigInteger)


def _sum_of(unit: Unit):
    return func.coalesce(func.sum(case((Commitment.unit == unit, _HUNDREDTHS))), 0)


def _kronor(hundredths) -> Decimal:
    return (Decimal(int(hundredths or 0)) / 100).quantize(Decimal("0.01"))


@dataclass
class TotalsRow:
    """How many commitments, and the SEK and hours they promise, under one heading."""

    key: object  # a status, a sector, SEVERAL_SECTORS, a neighbourhood name, or None
    count: int = 0
    sek: Decimal = Decimal("0.00")
    hours: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class StageTotal:
    """What the commitments promise in one unit at each stage; withdrawn and lapsed count nowhere."""

    unit: Unit
    proposed: Decimal
    underway: Decimal  # agreed or in progress
    delivered: Decimal


@dataclass
class RegisterTotals:
    total: TotalsRow
    by_status: list[TotalsRow] = field(default_factory=list)
    by_sector: list[TotalsRow] = field(default_factory=list)
    by_neighbourhood: list[TotalsRow] = field(default_factory=list)

    def by_stage(self) -> list[StageTotal]:
        """Split SEK and hours by stage, each unit on its own, leaving out a unit nothing is promised in."""
        statuses = {row.key: row for row in self.by_status}

        def summed(unit: Unit, *wanted: CommitmentStatus) -> Decimal:
            field_name = "sek" if unit == Unit.SEK else "hours"
            return sum((getattr(statuses[s], field_name) for s in wanted if s in statuses), Decimal("0.00"))

        stages = [StageTotal(unit, summed(unit, CommitmentStatus.PROPOSED),
                             summed(unit, CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS), summed(unit, DELIVERED))
                  for unit in (Unit.SEK, Unit.HOURS)]
        return [stage for stage in stages if stage.proposed or stage.underway or stage.delivered]


def _rows(session: Session, headings: list, ids: Select, join=None) -> list[tuple]:
    """Return (*headings, count, SEK, hours) for each group of the selected commitments."""
    query = select(*headings, func.count(Commitment.id), _sum_of(Unit.SEK), _sum_of(Unit.HOURS)).select_from(Commitment)
    if join is not None:
        query = query.outerjoin(*join)
    return session.execute(query.where(_among(ids)).group_by(*headings)).all()


def filtered_totals(session: Session, filters: RegisterFilter, *, today: date) -> RegisterTotals:
    """``register_totals`` of the register narrowed by ``filters``, kept until the commitments, their
    parties or the neighbourhoods' names change: at the design scale adding up 20,000 commitments
    by sector takes a tenth of a second, which every page of the register would pay again."""
    names = session.execute(select(func.count(Neighbourhood.id), func.max(Neighbourhood.updated_at))).one()
    key = ("commitment totals", filters, today, data_version(session), tuple(names))
    return cached(key, lambda: register_totals(session, ids_of(register_query(filters, today=today))))


def register_totals(session: Session, ids: Select) -> RegisterTotals:
    """Add up the commitments whose ids are selected: overall, by status, by sector and by neighbourhood."""
    by_status = {key: TotalsRow(key, n, _kronor(sek), _kronor(hours))
                 for key, n, sek, hours in _rows(session, [Commitment.status], ids)}
    link = commitment_parties.c
    party_sectors = (
        select(link.commitment_id,
               func.min(Organisation.sector).label("sector"),
               func.count(func.distinct(Organisation.sector)).label("sectors"))
        .join(Organisation, Organisation.id == link.organisation_id)
        .where(link.commitment_id.in_(ids.correlate(None)))
        .group_by(link.commitment_id)
        .subquery()
    )
    sector_key = case((party_sectors.c.sectors > 1, literal_column(f"'{SEVERAL_SECTORS}'", sa.String)),
                      else_=sa.cast(party_sectors.c.sector, sa.String))
    by_sector = {}
    for key, n, sek, hours in _rows(session, [sector_key], ids,
                                    (party_sectors, party_sectors.c.commitment_id == Commitment.id)):
        key = Sector(key) if key in set(Sector) else key
        by_sector[key] = TotalsRow(key, n, _kronor(sek), _kronor(hours))
    by_place = _rows(session, [Neighbourhood.id, Neighbourhood.name], ids,
                     (Neighbourhood, Neighbourhood.id == Commitment.neighbourhood_id))
    total = TotalsRow(None, sum(row.count for row in by_status.values()),
                      sum((row.sek for row in by_status.values()), Decimal("0.00")),
                      sum((row.hours for row in by_status.values()), Decimal("0.00")))
    return RegisterTotals(
        total=total,
        by_status=[by_status[status] for status in CommitmentStatus if status in by_status],
        by_sector=[by_sector[key] for key in [*Sector, SEVERAL_SECTORS, None] if key in by_sector],
        by_neighbourhood=sorted((TotalsRow(name, n, _kronor(sek), _kronor(hours)) for _id, name, n, sek, hours in by_place),
                                key=lambda row: (row.key is None, (row.key or "").casefold())),
    )


@dataclass
class UnitTotal:
    """What a set of commitments promises in one unit: proposed, pledged (agreed or later) and delivered."""

    unit: Unit
    unit_label: str
    proposed: Decimal
    pledged: Decimal
    delivered: Decimal


def pledged_and_delivered(session: Session, ids: Select) -> list[UnitTotal]:
    """Add up the selected commitments' amounts by unit (a count by what is counted).

    Pledged is agreed, in progress or delivered; withdrawn and lapsed promises count nowhere.
    """
    def summed(statuses: Iterable[CommitmentStatus]):
        return func.coalesce(func.sum(case((Commitment.status.in_(list(statuses)), _HUNDREDTHS))), 0)

    pledged = [status for status in CommitmentStatus if status not in (CommitmentStatus.PROPOSED, WITHDRAWN, LAPSED)]
    rows = session.execute(
        select(Commitment.unit, Commitment.unit_label, summed([CommitmentStatus.PROPOSED]), summed(pledged),
               summed([DELIVERED]))
        .where(_among(ids), Commitment.unit.is_not(None))
        .group_by(Commitment.unit, Commitment.unit_label)
    )
    totals = [UnitTotal(unit, label, _kronor(proposed), _kronor(promised), _kronor(done))
              for unit, label, proposed, promised, done in rows]
    order = list(Unit)
    return sorted((t for t in totals if t.proposed or t.pledged or t.delivered),
                  key=lambda t: (order.index(t.unit), t.unit_label.casefold()))


@dataclass
class DeliveryRecord:
    """How an organisation has kept its promises."""

    total: int
    open: int
    overdue: int
    delivered: int
    on_time: int  # delivered on or before the due date
    late: int
    without_due_date: int  # delivered, but no due date was set


def delivery_record(session: Session, organisation_id: int, *, today: date) -> DeliveryRecord:
    """Count an organisation's commitments by how they went, in one query."""
    delivered = Commitment.status == DELIVERED
    is_open = Commitment.status.in_(OPEN_STATUSES)

    def count_if(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = session.execute(
        select(func.count(Commitment.id), count_if(is_open), count_if(is_open & (Commitment.due_on < today)),
               count_if(delivered), count_if(delivered & (Commitment.delivered_on <= Commitment.due_on)),
               count_if(delivered & (Commitment.delivered_on > Commitment.due_on)),
               count_if(delivered & Commitment.due_on.is_(None)))
        .where(Commitment.id.in_(with_party(organisation_id)))
    ).one()
    return DeliveryRecord(*(int(n) for n in row))


@dataclass
class FollowUp:
    """Open commitments past their due date, and those due soon: a page's worth of each."""

    overdue: list[Commitment]
    overdue_count: int
    due_soon: list[Commitment]
    due_soon_count: int
    due_soon_until: date


def _open_due(session: Session, condition, limit: int) -> tuple[list[Commitment], int]:
    query = select(Commitment).where(Commitment.status.in_(OPEN_STATUSES), condition)
    count = session.scalar(query.with_only_columns(func.count()).order_by(None))
    rows = session.scalars(query.options(selectinload(Commitment.parties))
                           .order_by(Commitment.due_on, Commitment.id).limit(limit))
    return list(rows), count


def follow_up(session: Session, *, today: date, days: int = 30, limit: int = 15) -> FollowUp:
    """Find the open commitments that are overdue, and those due within the coming days."""
    until = today + timedelta(days=days)
    overdue, overdue_count = _open_due(session, Commitment.due_on < today, limit)
    due_soon, due_soon_count = _open_due(session, Commitment.due_on.between(today, until), limit)
    return FollowUp(overdue, overdue_count, due_soon, due_soon_count, until)


def commitments_made_at(session: Session, meeting_id: int) -> list[Commitment]:
    """Return the commitments made at a meeting, with their parties."""
    return list(session.scalars(
        select(Commitment).where(Commitment.meeting_id == meeting_id)
        .options(selectinload(Commitment.parties)).order_by(Commitment.id)
    ))

"""Merging two records of one organisation, or of one person, into the one that is kept.

Everything that refers to the record that goes is found from the schema's foreign keys, so a
register added later moves too. Most references are a plain UPDATE. Where a moved row would
collide with one the kept record already has (a unique constraint) or break a rule (a check
constraint), ``RULES`` names what to do: merge the two rows into one (participations of the
same meeting, memberships of the same organisation) or drop the repeat (a tag both had). A
test fails when a referring column with such a constraint has no rule, so a new register must
decide. The merge runs as one transaction: every step flushes, nothing commits, and the audit
trail records it with both ids and what moved.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from . import joining
from .db import db
from .duplicates import KINDS
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import AuditRecord, Membership, NotDuplicate, Organisation, Participation, Person
from .models.base import utcnow
from .models.meetings import ParticipationRole, ParticipationStatus

__all__ = ["FIELDS", "RULES", "MergePreview", "merge", "preview", "references"]

# The fields staff choose between on the merge screen, by kind of record. A person's lawful basis
# and its consent details are one choice: they only make sense together.
FIELDS = {
    Organisation: ("name", "sector", "kind", "org_number", "website", "notes"),
    Person: ("name", "email", "phone", "title", "notes", "lawful_basis"),
}
_TOGETHER = {"lawful_basis": ("lawful_basis", "consent_given_on", "consent_method", "consent_text_version",
                              "consent_withdrawn_on")}
# Free text both records may hold a part of: staff may keep both.
JOINABLE = {"notes"}


def references(model) -> list[tuple[sa.Table, sa.Column]]:
    """Return (table, column) of every foreign key in the schema that points at this kind of record."""
    target = model.__table__
    found = [(table, fk.parent) for table in db.metadata.sorted_tables for fk in table.foreign_keys
             if fk.column.table is target]
    return sorted(found, key=lambda pair: (pair[0].name, pair[1].name))


def unique_groups(table: sa.Table, column: sa.Column) -> list[list[sa.Column]]:
    """Return the other columns of each unique key of the table that holds the column."""
    groups = []
    if len(table.primary_key.columns) > 1 and column in table.primary_key.columns.values():
        groups.append(list(table.primary_key.columns))
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint) and column in constraint.columns.values():
            groups.append(list(constraint.columns))
    groups += [list(index.columns) for index in table.indexes if index.unique and column in index.columns.values()]
    return [[c for c in group if c is not column] for group in groups]


def constrained(table: sa.Table, column: sa.Column) -> bool:
    """Tell whether moving a column's values may collide with a unique key or break a check."""
    checks = (c for c in table.constraints if isinstance(c, sa.CheckConstraint))
    return bool(unique_groups(table, column)) or any(column.name in str(c.sqltext) for c in checks)


@dataclass
class _Merge:
    """One merge in progress: the ids, and what it did, for the audit trail."""

    session: Session
    kept_id: int
    gone_id: int
    moved: dict[str, int] = field(default_factory=dict)
    merged: dict[str, list] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)

    def execute(self, statement):
        return self.session.execute(statement)

    def note(self, book: dict, table: sa.Table, column: sa.Column | None, count: int) -> None:
        if count:
            key = f"{table.name}.{column.name}" if column is not None else table.name
            book[key] = book.get(key, 0) + count

    def drop_repeats(self, table: sa.Table, column: sa.Column) -> None:
        """Delete the moving rows whose unique key the kept record's rows already hold."""
        for others in unique_groups(table, column):
            kept = table.alias("kept")
            same = [kept.c[column.name] == self.kept_id] + [kept.c[c.name] == c for c in others]
            result = self.execute(sa.delete(table).where(column == self.gone_id, sa.exists().where(*same)))
            self.note(self.dropped, table, column, result.rowcount)

    def move(self, table: sa.Table, column: sa.Column) -> None:
        """Point the rows at the kept record, first dropping those it already has."""
        self.drop_repeats(table, column)
        result = self.execute(sa.update(table).where(column == self.gone_id).values({column.name: self.kept_id}))
        self.note(self.moved, table, column, result.rowcount)

    def fold_row(self, table: sa.Table, gone_row: int, kept_row: int) -> None:
        """Make one row of two: move what refers to the one that goes, then delete it."""
        for referring, column in sorted(((t, fk.parent) for t in db.metadata.sorted_tables for fk in t.foreign_keys
                                         if fk.column.table is table), key=lambda p: (p[0].name, p[1].name)):
            row_merge = _Merge(self.session, kept_row, gone_row, self.moved, self.merged, self.dropped)
            row_merge.move(referring, column)
        self.execute(sa.delete(table).where(table.c.id == gone_row))
        self.merged.setdefault(table.name, []).append([gone_row, kept_row])


# --- rules for references that may collide -----------------------------------------------------

_STATUS_WEIGHT = {ParticipationStatus.ATTENDED: 5, ParticipationStatus.NO_SHOW: 4, ParticipationStatus.CANCELLED: 3,
                  ParticipationStatus.REGISTERED: 2, ParticipationStatus.INVITED: 1}
_ROLE_WEIGHT = {ParticipationRole.ORGANISER: 4, ParticipationRole.FACILITATOR: 3, ParticipationRole.SPEAKER: 2,
                ParticipationRole.PARTICIPANT: 1}


def _participations(merge: _Merge, table: sa.Table, column: sa.Column) -> None:
    """Two participations of one meeting become one: attended if either says so, the larger role."""
    gone, kept = Participation.__table__.alias("gone"), Participation.__table__.alias("kept")
    pairs = merge.execute(
        sa.select(gone.c.id, gone.c.status, gone.c.role, gone.c.organisation_id,
                  kept.c.id.label("kept_id"), kept.c.status.label("kept_status"), kept.c.role.label("kept_role"),
                  kept.c.organisation_id.label("kept_organisation_id"))
        .join(kept, sa.and_(kept.c.meeting_id == gone.c.meeting_id, kept.c.person_id == merge.kept_id))
        .where(gone.c.person_id == merge.gone_id)).all()
    for row in pairs:
        status = max(row.status, row.kept_status, key=_STATUS_WEIGHT.get)
        role = max(row.role, row.kept_role, key=_ROLE_WEIGHT.get)
        merge.execute(sa.update(table).where(table.c.id == row.kept_id).values(
            status=status, role=role, organisation_id=row.kept_organisation_id or row.organisation_id,
            version=table.c.version + 1, updated_at=utcnow()))
        merge.fold_row(table, row.id, row.kept_id)
    merge.move(table, column)


def _overlap(a: Membership, b: Membership) -> bool:
    low, high = date.min, date.max
    return (a.from_date or low) <= (b.until_date or high) and (b.from_date or low) <= (a.until_date or high)


def _memberships(merge: _Merge, table: sa.Table, column: sa.Column) -> None:
    """Move memberships; one person at one organisation over overlapping periods becomes one membership."""
    merge.move(table, column)
    other = table.c.organisation_id if column is table.c.person_id else table.c.person_id
    rows = merge.execute(sa.select(table).where(column == merge.kept_id).order_by(other, table.c.id)).all()
    by_other: dict[int, list] = {}
    for row in rows:
        by_other.setdefault(row._mapping[other.name], []).append(row)
    for group in by_other.values():
        while len(group) > 1:
            first, second = group[0], group[1]
            if not _overlap(first, second):
                group.pop(0)
                continue
            merge.execute(sa.update(table).where(table.c.id == first.id).values(
                from_date=None if None in (first.from_date, second.from_date) else min(first.from_date, second.from_date),
                until_date=None if None in (first.until_date, second.until_date) else max(first.until_date,
                                                                                           second.until_date),
                title=first.title or second.title, version=table.c.version + 1, updated_at=utcnow()))
            merge.fold_row(table, second.id, first.id)
            group[:] = [merge.execute(sa.select(table).where(table.c.id == first.id)).one(), *group[2:]]


def _between_the_two(merge: _Merge, table: sa.Table, first: sa.Column, second: sa.Column) -> None:
    """Drop rows that tie the two records to each other: after the merge they would tie one to itself."""
    pair = (merge.kept_id, merge.gone_id)
    result = merge.execute(sa.delete(table).where(first.in_(pair), second.in_(pair)))
    merge.note(merge.dropped, table, None, result.rowcount)


def _relationships(merge: _Merge, table: sa.Table, column: sa.Column) -> None:
    _between_the_two(merge, table, table.c.from_organisation_id, table.c.to_organisation_id)
    merge.move(table, column)


def _introductions(merge: _Merge, table: sa.Table, column: sa.Column) -> None:
    """Keep one decision per pair, the lower id first, as the table requires."""
    first, second = table.c.first_organisation_id, table.c.second_organisation_id
    _between_the_two(merge, table, first, second)
    rows = merge.execute(sa.select(table.c.id, first, second).where(column == merge.gone_id)).all()
    for row in rows:
        other = row.second_organisation_id if column is first else row.first_organisation_id
        low, high = sorted((other, merge.kept_id))
        exists = merge.execute(sa.select(table.c.id).where(first == low, second == high)).first()
        if exists:
            merge.execute(sa.delete(table).where(table.c.id == row.id))
            merge.note(merge.dropped, table, column, 1)
        else:
            merge.execute(sa.update(table).where(table.c.id == row.id).values(
                first_organisation_id=low, second_organisation_id=high))
            merge.note(merge.moved, table, column, 1)


def _survey_recipients(merge: _Merge, table: sa.Table, column: sa.Column) -> None:
    """Both sent one survey: one recipient stays, the one that answered (else the kept one's), with every answer."""
    gone, kept = table.alias("gone"), table.alias("kept")
    pairs = merge.execute(
        sa.select(gone.c.id, gone.c.submitted_at, kept.c.id.label("kept_row"), kept.c.submitted_at.label("kept_submitted"))
        .join(kept, sa.and_(kept.c.survey_id == gone.c.survey_id, kept.c[column.name] == merge.kept_id))
        .where(gone.c[column.name] == merge.gone_id)).all()
    for row in pairs:
        if row.submitted_at is not None and row.kept_submitted is None:
            merge.fold_row(table, row.kept_row, row.id)  # the answered one stays; the move below gives it to the kept record
        else:
            merge.fold_row(table, row.id, row.kept_row)
    merge.move(table, column)


def _drop_repeats(merge: _Merge, table: sa.Table, column: sa.Column) -> None:
    merge.move(table, column)


# (table, column) -> what a merge does with its rows. Columns not named here and without unique
# or check constraints are moved by a plain UPDATE.
RULES: dict[tuple[str, str], Callable[[_Merge, sa.Table, sa.Column], None]] = {
    ("participations", "person_id"): _participations,
    ("memberships", "person_id"): _memberships,
    ("memberships", "organisation_id"): _memberships,
    ("relationships", "from_organisation_id"): _relationships,
    ("relationships", "to_organisation_id"): _relationships,
    ("introduction_decisions", "first_organisation_id"): _introductions,
    ("introduction_decisions", "second_organisation_id"): _introductions,
    # Links where having it twice is having it once: a tag, a neighbourhood, a party to a commitment.
    ("area_company_neighbourhoods", "organisation_id"): _drop_repeats,
    ("organisation_neighbourhoods", "organisation_id"): _drop_repeats,
    ("organisation_tags", "organisation_id"): _drop_repeats,
    ("commitment_parties", "organisation_id"): _drop_repeats,
    ("initiative_participants", "organisation_id"): _drop_repeats,
    ("meeting_place_funders", "organisation_id"): _drop_repeats,
    ("meeting_place_owners", "organisation_id"): _drop_repeats,
    ("proposal_backers", "organisation_id"): _drop_repeats,
    ("survey_recipients", "organisation_id"): _survey_recipients,
    # Two reports of local jobs for one quarter and neighbourhood: the kept organisation's stands.
    ("local_jobs", "organisation_id"): _drop_repeats,
}


# --- the operation --------------------------------------------------------------------------------

@dataclass
class MergePreview:
    """What a merge would move: rows per referring table, and the meetings both records attended."""

    counts: dict[str, int]
    shared_meetings: int = 0


def _kind_of(first, second):
    if type(first) is not type(second) or type(first) not in FIELDS:
        raise DomainError(_l("Only two organisations or two people can be merged."))
    if first.id == second.id:
        raise DomainError(_l("A record cannot be merged with itself."))
    for record in (first, second):
        if getattr(record, "anonymised_at", None) is not None:
            raise DomainError(_l("An anonymised person cannot be merged: their data has been erased."))
    return type(first)


def preview(session: Session, kept, gone) -> MergePreview:
    """Count what would move from the record that goes to the one that is kept."""
    model = _kind_of(kept, gone)
    counts = {}
    for table, column in references(model):
        count = session.scalar(sa.select(sa.func.count()).select_from(table).where(column == gone.id))
        if count:
            key = table.name
            counts[key] = counts.get(key, 0) + count
    shared = 0
    if model is Person:
        p = Participation.__table__
        other = p.alias("other")
        shared = session.scalar(sa.select(sa.func.count()).select_from(p).join(
            other, sa.and_(other.c.meeting_id == p.c.meeting_id, other.c.person_id == kept.id))
            .where(p.c.person_id == gone.id))
    return MergePreview(counts=counts, shared_meetings=shared)


def _locked(session: Session, model, ids: tuple[int, int], versions: dict[int, int] | None):
    """Load both records locked for this transaction (FOR UPDATE; SQLite's writer holds the whole file)."""
    rows = session.scalars(sa.select(model).where(model.id.in_(ids)).with_for_update()
                           .execution_options(populate_existing=True)).all()
    found = {row.id: row for row in rows}
    if len(found) < 2:
        raise DomainError(_l("One of the two records no longer exists: it may just have been merged."))
    if versions and any(found[i].version != versions.get(i, found[i].version) for i in ids):
        raise DomainError(_l("One of the two records was changed or merged since you opened this page. "
                             "Look at them again."))
    return found[ids[0]], found[ids[1]]


def merge(session: Session, model, kept_id: int, gone_id: int, *, choices: dict[str, str] | None = None,
          versions: dict[int, int] | None = None, user_id: int | None = None) -> object:
    """Merge the record `gone_id` into `kept_id`: move every reference, take the chosen values, delete it.

    `choices` maps a field of ``FIELDS`` to "kept", "gone" or (for notes) "both"; a field not
    named keeps the kept record's value, or takes the other's where the kept one is empty.
    `versions` are the versions the merge screen showed; a record changed since is refused.
    """
    if model not in FIELDS:
        raise DomainError(_l("Only two organisations or two people can be merged."))
    if kept_id == gone_id:
        raise DomainError(_l("A record cannot be merged with itself."))
    session.flush()
    kept, gone = _locked(session, model, (kept_id, gone_id), versions)
    _kind_of(kept, gone)
    values = _chosen_values(kept, gone, choices or {})
    before = {name: _plain(getattr(kept, name)) for name in values}

    merge_ = _Merge(session, kept_id, gone_id)
    for table, column in references(model):
        RULES.get((table.name, column.name), _plain_move)(merge_, table, column)
    # Its collections were loaded before the rows moved: read them again (empty) before deleting it.
    session.expire(gone, [relation.key for relation in sa.inspect(model).relationships])
    session.delete(gone)
    session.flush()  # the record that goes frees its unique name, number or e-mail for the kept one
    for name, value in values.items():
        setattr(kept, name, value)
    kept.updated_at = utcnow()  # a new version even when no value changed: a second merge of the pair is refused
    _carry_marks(session, model, kept_id, gone_id)
    session.flush()
    if model is Organisation:
        joining.work_out_again(session.connection(), [kept_id])
    # As the trail holds every change, [before, after]: the rows moved, made one and dropped, in words.
    changes = {"merged_from": [gone_id, kept_id],
               "moved": [None, [f"{count} × {column}" for column, count in sorted(merge_.moved.items())]],
               "merged": [None, [f"{table} {gone_row} → {kept_row}" for table, rows in sorted(merge_.merged.items())
                                 for gone_row, kept_row in rows]],
               "dropped": [None, [f"{count} × {column}" for column, count in sorted(merge_.dropped.items())]]}
    changes.update({name: [before[name], _plain(getattr(kept, name))] for name in values
                    if before[name] != _plain(getattr(kept, name))})
    session.execute(sa.insert(AuditRecord).values(
        user_id=user_id if user_id is not None else session.info.get("audit_user_id"),
        origin=session.info.get("audit_origin", "system"), action="update", entity=model.__name__,
        entity_id=str(kept_id), changes=changes))
    session.expire_all()
    return session.get(model, kept_id)


def _carry_marks(session: Session, model, kept_id: int, gone_id: int) -> None:
    """Let "not a duplicate" marks of the record that goes hold for the kept one (they have no foreign key)."""
    kind = next(name for name, kind_model in KINDS.items() if kind_model is model)
    marks = session.scalars(sa.select(NotDuplicate).where(
        NotDuplicate.kind == kind, sa.or_(NotDuplicate.first_id == gone_id, NotDuplicate.second_id == gone_id))).all()
    for mark in marks:
        other = mark.second_id if mark.first_id == gone_id else mark.first_id
        low, high = sorted((other, kept_id))
        taken = session.scalar(sa.select(NotDuplicate.id).filter_by(kind=kind, first_id=low, second_id=high))
        if other == kept_id or taken is not None:
            session.delete(mark)
        else:
            mark.first_id, mark.second_id = low, high


def _plain_move(merge_: _Merge, table: sa.Table, column: sa.Column) -> None:
    merge_.move(table, column)


def _plain(value):
    return getattr(value, "value", value.isoformat() if hasattr(value, "isoformat") else value)


def _chosen_values(kept, gone, choices: dict[str, str]) -> dict[str, object]:
    values = {}
    for name in FIELDS[type(kept)]:
        choice = choices.get(name)
        if choice not in ("kept", "gone", "both"):
            kept_value = getattr(kept, name)
            choice = "gone" if kept_value in (None, "") and getattr(gone, name) not in (None, "") else "kept"
        if choice == "both" and name in JOINABLE:
            parts = [getattr(r, name) for r in (kept, gone) if getattr(r, name)]
            values[name] = "\n\n".join(dict.fromkeys(parts))
            continue
        source = gone if choice == "gone" else kept
        for together in _TOGETHER.get(name, (name,)):
            values[together] = getattr(source, together)
    return values

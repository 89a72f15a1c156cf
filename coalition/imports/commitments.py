"""Importing commitments from a register kept in a spreadsheet, all or nothing.

The register is a CSV file (see `commitment_file.py`). Every row must name organisations,
a neighbourhood and an initiative that are registered: a commitment needs real parties, and
the file has no sector column to register a new one with, so an unknown name makes the row bad.
Each commitment is checked by the rules of `create_commitment` and `record_status_change`
(`checked_terms`, `check_status_change`), so an imported one keeps every rule a typed one does,
and once every row has passed they are written with a statement per few thousand rows
(bulk.py), with the status changes and audit records recording them one by one would leave. A commitment is
the same as one already recorded when it has the same parties, kind and description and (if the
row gives it) the same date made; it is then left as it is, so importing a file twice adds
nothing.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import joining
from ..bulk import insert_links, insert_new
from ..commitments import (
    DELIVERED,
    OPEN_STATUSES,
    PROPOSED,
    CommitmentDetails,
    CommitmentTerms,
    check_status_change,
    checked_terms,
)
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..matching import Directory
from ..models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Initiative,
    Neighbourhood,
    Organisation,
    Unit,
)
from ..models.commitments import commitment_parties
from ..text import match_key
from .all_or_nothing import ImportCounts, Problems, import_all_or_nothing
from .commitment_file import CommitmentRow, read_commitments
from .progress import CHECKING, SILENT, Progress

_DESCRIPTIONS_PER_QUERY = 500


@dataclass
class ImportedCommitment:
    """A commitment the import records (or, on a dry run, would record), for the preview."""

    parties: list[str]
    kind: CommitmentKind
    description: str
    amount: Decimal | None
    unit: Unit | None
    unit_label: str
    status: CommitmentStatus


@dataclass
class CommitmentImportResult(ImportCounts):
    """What a commitments import did or would do: `added` counts commitments, `already_recorded`
    rows whose commitment was already in the register."""

    commitments: list[ImportedCommitment] = field(default_factory=list)


def _identity(party_ids, kind: CommitmentKind, description: str) -> tuple:
    return frozenset(party_ids), kind, description


def _recorded(session: Session, descriptions: set[str]) -> dict[tuple, list[date | None]]:
    """The dates made of the commitments with these descriptions, by identity without the date."""
    found: dict[tuple, list[date | None]] = defaultdict(list)
    ordered = sorted(descriptions)
    for start in range(0, len(ordered), _DESCRIPTIONS_PER_QUERY):
        chunk = ordered[start:start + _DESCRIPTIONS_PER_QUERY]
        query = (select(Commitment).where(Commitment.description.in_(chunk))
                 .options(selectinload(Commitment.parties)))
        for commitment in session.scalars(query):
            key = _identity((party.id for party in commitment.parties), commitment.kind, commitment.description)
            found[key].append(commitment.made_on)
    return found


def _by_name_key(records) -> dict[str, list]:
    found = defaultdict(list)
    for record in records:
        found[match_key(record.name)].append(record)
    return found


class _Import:
    """One pass over the checked rows, recording the commitments that are not recorded yet."""

    def __init__(self, session: Session, rows: list[CommitmentRow], problems: Problems,
                 result: CommitmentImportResult, changed_by_id: int | None):
        self.session, self.problems, self.result, self.changed_by_id = session, problems, result, changed_by_id
        self.directory = Directory(session, organisation_names=[name for row in rows for name in row.organisations])
        keys = sorted({match_key(row.neighbourhood) for row in rows if row.neighbourhood})
        self.neighbourhoods = _by_name_key(session.scalars(
            select(Neighbourhood).where(Neighbourhood.name_key.in_(keys)))) if keys else {}
        # Initiatives are few, and their names are compared ignoring case and accents.
        self.initiatives = _by_name_key(session.scalars(select(Initiative))) if any(r.initiative for r in rows) else {}
        self.recorded = _recorded(session, {row.description for row in rows})
        self.seen: dict[tuple, CommitmentRow] = {}  # identity -> the first row of the file with it
        self.comment = str(_l("Imported from a spreadsheet.")).strip()
        # What to write once every row has passed: the terms, the final status, and each status change.
        self.planned: list[tuple[CommitmentTerms, CommitmentStatus, list[tuple[CommitmentStatus, date]]]] = []

    def _one(self, row: CommitmentRow, found: dict[str, list], name: str, unknown, several):
        if not name:
            return None
        records = found.get(match_key(name), [])
        if not records:
            self.problems.add(row.line, unknown)
        elif len(records) > 1:
            self.problems.add(row.line, several)
        else:
            return records[0]
        return None

    def _details(self, row: CommitmentRow) -> CommitmentDetails | None:
        """What the row says in the register's terms, or None (with every unknown name noted)."""
        parties = [self.directory.organisation(name) for name in row.organisations]
        unknown = [name for name, party in zip(row.organisations, parties, strict=True) if party is None]
        if unknown:
            self.problems.add(row.line, _l(
                "No organisation is registered as %(names)s. Register it first, or correct the name.",
                names=", ".join(f"“{name}”" for name in unknown)))
        neighbourhood = self._one(
            row, self.neighbourhoods, row.neighbourhood,
            _l("No neighbourhood is registered as “%(name)s”.", name=row.neighbourhood),
            _l("Several neighbourhoods are called “%(name)s”; record this commitment on its own page.",
               name=row.neighbourhood))
        initiative = self._one(
            row, self.initiatives, row.initiative,
            _l("No initiative is registered as “%(name)s”.", name=row.initiative),
            _l("Several initiatives are called “%(name)s”; record this commitment on its own page.",
               name=row.initiative))
        if row.line in self.problems:
            return None
        return CommitmentDetails(
            kind=row.kind, description=row.description, party_ids=[party.id for party in parties],
            amount=row.amount, unit=row.unit, unit_label=row.unit_label,
            neighbourhood_id=neighbourhood.id if neighbourhood else None,
            initiative_id=initiative.id if initiative else None, made_on=row.made_on, due_on=row.due_on)

    def _already_there(self, row: CommitmentRow, identity: tuple) -> bool:
        """Whether the row repeats an earlier row or a recorded commitment (noting a clash)."""
        earlier = self.seen.get((identity, row.made_on))
        if earlier is not None:
            if (earlier.amount, earlier.unit, earlier.unit_label, earlier.neighbourhood, earlier.initiative,
                    earlier.status, earlier.due_on, earlier.delivered_on) != (
                    row.amount, row.unit, row.unit_label, row.neighbourhood, row.initiative, row.status,
                    row.due_on, row.delivered_on):
                self.problems.add(row.line, _l("Line %(line)d records the same commitment with other details.",
                                               line=earlier.line))
            else:
                self.result.repeated += 1
            return True
        self.seen[(identity, row.made_on)] = row
        made = self.recorded.get(identity, [])
        if made and (row.made_on is None or row.made_on in made):
            self.result.already_recorded += 1
            return True
        return False

    def add(self, row: CommitmentRow) -> None:
        details = self._details(row)
        if details is None:
            return
        if self._already_there(row, _identity(details.party_ids, row.kind, row.description)):
            return
        # A closed commitment is recorded open, then closed, as staff would do it.
        opening = row.status if row.status in OPEN_STATUSES else PROPOSED
        changes = [(opening, None)]
        try:
            terms = checked_terms(self.session, details, parties=self.parties_of(row))
            changes[0] = (opening, terms.made_on)
            if row.status is not opening:
                changed_on = row.delivered_on if row.status is DELIVERED else date.today()
                check_status_change(opening, row.status, changed_on=changed_on, latest=terms.made_on,
                                    comment=self.comment)
                changes.append((row.status, changed_on))
        except DomainError as error:
            self.problems.refused(row.line, error)
            return
        self.planned.append((terms, row.status, changes))
        self.result.added += 1
        self.result.commitments.append(ImportedCommitment(
            [party.name for party in terms.parties], terms.kind, terms.description,
            terms.amount, terms.unit, terms.unit_label, row.status))

    def parties_of(self, row: CommitmentRow) -> list[Organisation]:
        return [self.directory.organisation(name) for name in row.organisations]

    def write(self) -> None:
        """Record the checked commitments, their parties and their status changes (see the module docstring)."""
        commitment_ids = insert_new(self.session, Commitment, (
            {"kind": terms.kind, "description": terms.description, "description_key": match_key(terms.description),
             "amount": terms.amount, "unit": terms.unit, "unit_label": terms.unit_label,
             "neighbourhood_id": terms.neighbourhood.id if terms.neighbourhood else None,
             "initiative_id": terms.initiative.id if terms.initiative else None,
             "made_on": terms.made_on, "due_on": terms.due_on, "status": status,
             "delivered_on": changes[-1][1] if status is DELIVERED else None}
            for terms, status, changes in self.planned))
        insert_links(self.session, commitment_parties, (
            {"commitment_id": commitment_id, "organisation_id": party.id}
            for commitment_id, (terms, _status, _changes) in zip(commitment_ids, self.planned, strict=True)
            for party in terms.parties))
        insert_new(self.session, CommitmentStatusChange, (
            {"commitment_id": commitment_id, "status": status, "changed_on": changed_on,
             "changed_by_id": self.changed_by_id, "comment": self.comment}
            for commitment_id, (_terms, _status, changes) in zip(commitment_ids, self.planned, strict=True)
            for status, changed_on in changes))
        # What joining.py's flush hook does for a new commitment's parties.
        joining.work_out_again(self.session.connection(), {
            party.id for terms, _status, _changes in self.planned for party in terms.parties})


def import_commitments(session: Session, text: str, *, dry_run: bool = False,
                       changed_by_id: int | None = None, progress: Progress = SILENT) -> CommitmentImportResult:
    """Import a register's commitments; with `dry_run`, or if any row is bad, keep nothing.

    Nothing is committed: the caller commits when the result has no errors. The status
    changes the import records are by `changed_by_id` (None: from the command line).
    """
    result = CommitmentImportResult()

    def add_rows(rows: list[CommitmentRow], problems: Problems) -> None:
        run = _Import(session, rows, problems, result, changed_by_id)
        for row in progress.track(CHECKING, rows, total=len(rows)):
            run.add(row)
        if not dry_run and not problems.errors():
            run.write()

    return import_all_or_nothing(session, read_commitments(text, progress), result, add_rows, dry_run=dry_run)

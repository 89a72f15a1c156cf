"""A pasted sign-in list: read it, show staff whom each line means, and add them all.

One person a line: `Name, Organisation` or `Name <e-mail>, Organisation` (the organisation may
be left out). Reading the same text again always gives the same preview, so the confirmation
re-reads the text and applies the choices staff made, and nothing has to be kept in between.
"""
import enum
import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from .attendance import add_participant, participations_by_person
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .matching import Directory, new_organisation, new_person
from .models import Meeting, Organisation, ParticipationRole, ParticipationStatus, Person, Sector
from .text import match_key, tidy

MAX_LINES = 1000
_BRACKETED_EMAIL = re.compile(r"<([^<>]*)>")
_BARE_EMAIL = re.compile(r"\S+@\S+")
# A spreadsheet column pasted in comes with tabs; a list typed by hand with commas or semicolons.
_SEPARATOR = re.compile(r"[,;\t]")


@dataclass
class SignInLine:
    number: int
    text: str
    name: str = ""
    email: str | None = None
    organisation: str = ""
    problem: str | None = None


def _read_line(number: int, text: str) -> SignInLine:
    line = SignInLine(number, text.strip())
    parts = _SEPARATOR.split(line.text, maxsplit=1)
    who = parts[0]
    organisation = parts[1] if len(parts) > 1 else ""
    found = _BRACKETED_EMAIL.search(who) or _BARE_EMAIL.search(who)
    if found:
        raw_email = (found.group(1) if found.re is _BRACKETED_EMAIL else found.group(0)).strip()
        who = who[:found.start()] + who[found.end():]
        try:
            line.email = validate_email(raw_email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            line.problem = _l("“%(email)s” is not an e-mail address.", email=raw_email)
    line.name = tidy(who)
    line.organisation = tidy(organisation.strip(" ,;\t"))
    if not line.name and not line.problem:
        line.problem = _l("There is no name on this line.")
    return line


def read_sign_in_list(text: str) -> list[SignInLine]:
    """Read the non-empty lines of a pasted list, numbered as they were pasted."""
    lines = [_read_line(number, raw) for number, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    if len(lines) > MAX_LINES:
        raise DomainError(_l("Paste at most %(num)d lines at a time.", num=MAX_LINES), field="text")
    return lines


class Verdict(enum.StrEnum):
    MATCHED = "matched"  # one registered person
    NEW = "new"  # nobody registered: a new person
    AMBIGUOUS = "ambiguous"  # several could be meant: staff choose
    ALREADY = "already"  # already on this meeting's list
    REPEATED = "repeated"  # the same person as an earlier line
    INVALID = "invalid"  # cannot be read


@dataclass
class PreviewRow:
    line: SignInLine
    verdict: Verdict
    person: Person | None = None
    candidates: list[Person] = field(default_factory=list)
    organisation: Organisation | None = None  # registered organisation the line names
    new_organisation_key: str | None = None  # organisation the line names that is not registered

    @property
    def choice_field(self) -> str:
        return f"person-{self.line.number}"

    @property
    def skip_field(self) -> str:
        return f"skip-{self.line.number}"


@dataclass
class SignInPreview:
    rows: list[PreviewRow]
    # Organisations to register, by match key, under the spelling of their first line.
    new_organisations: dict[str, str]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for row in self.rows if row.verdict is verdict)

    @staticmethod
    def sector_field(organisation_key: str) -> str:
        return f"sector-{organisation_key}"


def _same_person_key(line: SignInLine) -> str:
    return line.email or f"{match_key(line.name)}|{match_key(line.organisation)}"


def preview_sign_in_list(session: Session, meeting: Meeting, text: str) -> SignInPreview:
    """Say for every line whom it means, without changing anything."""
    lines = read_sign_in_list(text)
    readable = [line for line in lines if not line.problem]
    directory = Directory(session, names=[line.name for line in readable],
                          emails=[line.email for line in readable if line.email],
                          organisation_names=[line.organisation for line in readable])
    on_the_list = participations_by_person(session, meeting)
    seen: set[str] = set()
    rows, new_organisations = [], {}
    for line in lines:
        if line.problem:
            rows.append(PreviewRow(line, Verdict.INVALID))
            continue
        row = PreviewRow(line, Verdict.NEW, organisation=directory.organisation(line.organisation))
        if line.organisation and row.organisation is None:
            row.new_organisation_key = match_key(line.organisation)
            new_organisations.setdefault(row.new_organisation_key, line.organisation)
        match = directory.match_person(name=line.name, email=line.email, organisation_name=line.organisation,
                                       namesakes_are_candidates=True)
        key = str(match.person.id) if match.person else _same_person_key(line)
        if key in seen:
            row.verdict = Verdict.REPEATED
        elif match.person is not None and match.person.restricted_at is not None:
            line.problem = _l("%(name)s has asked that their data is not processed further.", name=match.person.name)
            row.verdict = Verdict.INVALID
        elif match.person is not None:
            row.person = match.person
            row.verdict = Verdict.ALREADY if match.person.id in on_the_list else Verdict.MATCHED
        elif match.candidates:
            row.verdict, row.candidates = Verdict.AMBIGUOUS, match.candidates
        seen.add(key)
        rows.append(row)
    return SignInPreview(rows, new_organisations)


NEW_PERSON = "new"


@dataclass
class SignInChoices:
    """What staff decided on the preview, as submitted."""

    person_for_line: dict[int, str] = field(default_factory=dict)  # a candidate's id, or NEW_PERSON
    sector_for_organisation: dict[str, str] = field(default_factory=dict)
    skipped_lines: set[int] = field(default_factory=set)


def _taken_rows(preview: SignInPreview, choices: SignInChoices) -> list[PreviewRow]:
    return [row for row in preview.rows
            if row.verdict in (Verdict.MATCHED, Verdict.NEW, Verdict.AMBIGUOUS)
            and row.line.number not in choices.skipped_lines]


def missing_choices(preview: SignInPreview, choices: SignInChoices) -> dict[str, str]:
    """The decisions still needed before the list can be added, by field name."""
    missing = {}
    needed_sectors = set()
    for row in _taken_rows(preview, choices):
        if row.verdict is Verdict.AMBIGUOUS:
            chosen = choices.person_for_line.get(row.line.number, "")
            if chosen != NEW_PERSON and chosen not in {str(p.id) for p in row.candidates}:
                missing[row.choice_field] = _l("Choose who this is, or add them as a new person.")
                continue
        if row.new_organisation_key:
            needed_sectors.add(row.new_organisation_key)
    for key in needed_sectors:
        if choices.sector_for_organisation.get(key) not in {sector.value for sector in Sector}:
            missing[SignInPreview.sector_field(key)] = _l("Choose the sector of this new organisation.")
    return missing


@dataclass
class SignInResult:
    added: int = 0
    new_people: int = 0
    new_organisations: int = 0


def add_sign_in_list(session: Session, meeting: Meeting, preview: SignInPreview, choices: SignInChoices, *,
                     role: ParticipationRole, status: ParticipationStatus) -> SignInResult:
    """Add everyone the preview found, as staff resolved it; call only when nothing is missing."""
    if missing_choices(preview, choices):
        raise DomainError(_l("Some lines still need a decision."))
    result = SignInResult()
    created: dict[str, Organisation] = {}
    existing = participations_by_person(session, meeting)
    for row in _taken_rows(preview, choices):
        organisation = row.organisation
        if row.new_organisation_key:
            if row.new_organisation_key not in created:
                sector = Sector(choices.sector_for_organisation[row.new_organisation_key])
                created[row.new_organisation_key] = new_organisation(
                    session, preview.new_organisations[row.new_organisation_key], sector)
            organisation = created[row.new_organisation_key]
        person = row.person
        if row.verdict is Verdict.AMBIGUOUS and choices.person_for_line[row.line.number] != NEW_PERSON:
            person = next(p for p in row.candidates if str(p.id) == choices.person_for_line[row.line.number])
        if person is None:
            person = new_person(session, name=row.line.name, email=row.line.email, organisation=organisation)
            result.new_people += 1
        if add_participant(session, meeting, person, organisation=organisation, role=role, status=status,
                           existing=existing):
            result.added += 1
    result.new_organisations = len(created)
    session.flush()
    return result

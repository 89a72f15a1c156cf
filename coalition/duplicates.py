"""Finding records that are probably the same organisation or person, and marking pairs that are not.

Names are compared as the sign-in list matches them (``text.match_key``: case, accents and
spacing ignored); organisations also without their legal form ("AB", "ek. för."), since a
pasted list writes "Norrviks Bostäder" for "Norrviks Bostäder AB". A pair found by its name
gets the similarity of the two keys as its score; a shared e-mail, phone or organisation
number scores 100. At 20,000 people the names are compared only with their neighbours in
sorted order, which finds the same name and small slips in it without comparing every pair.
"""
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import combinations, product

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import Membership, NotDuplicate, Organisation, Person
from .text import match_key

__all__ = ["KINDS", "REASONS", "DuplicatePair", "base_key", "find_pairs", "mark_not_duplicate", "phone_key"]

KINDS = {"organisation": Organisation, "person": Person}

REASONS = {
    "org_number": _l("same organisation number"),
    "email": _l("same e-mail"),
    "phone": _l("same phone"),
    "same_name": _l("same name"),
    "similar_name": _l("similar name"),
    "same_organisation": _l("same organisation"),
}

# Names closer than this (0 to 1, difflib's ratio of the keys) are offered as a pair.
SIMILAR = 0.88
# How many neighbours in sorted order each name is compared with.
_WINDOW = 4
_DIGITS = re.compile(r"\d+")
_LEGAL_FORMS = re.compile(
    r"\b(aktiebolag(et)?|ab|publ|hb|kb|handelsbolag(et)?|kommanditbolag(et)?|ekonomisk förening|ek\.? ?för\.?"
    r"|ideell förening|i\.? ?f\.?)(?=\W|$)", re.IGNORECASE)


@dataclass
class DuplicatePair:
    """Two records that are probably one, with how alike they are (0 to 100) and why."""

    kind: str
    first_id: int
    second_id: int
    first_name: str
    second_name: str
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASONS[reason]) for reason in self.reasons]


def base_key(name: str) -> str:
    """Return an organisation's name key without its legal form.

    >>> base_key("Norrviks Bostäder AB") == base_key("norrviks bostader")
    True
    """
    return match_key(_LEGAL_FORMS.sub(" ", name or ""))


def phone_key(phone: str | None) -> str:
    """Return the digits of a phone number, written nationally; too few digits to be one give ''.

    >>> phone_key("+46 70-123 45 67"), phone_key("070 123 45 67"), phone_key("123")
    ('0701234567', '0701234567', '')
    """
    digits = re.sub(r"\D", "", phone or "")
    if (phone or "").strip().startswith("+46") or digits.startswith("0046"):
        digits = "0" + digits[2 if digits.startswith("46") else 4:]
    return digits if len(digits) >= 6 else ""


def similarity(first: str, second: str) -> float:
    """Return how alike two keys are, from 0 to 1 (difflib's ratio); keys with other numbers in them are unlike.

    >>> similarity("forening12", "forening13"), round(similarity("kvarnangen", "kvarngen"), 2)
    (0.0, 0.89)
    """
    if first == second:
        return 1.0
    if 2 * min(len(first), len(second)) < SIMILAR * (len(first) + len(second)):
        return 0.0  # the lengths alone rule it out (difflib's real_quick_ratio, without building a matcher)
    if _DIGITS.findall(first) != _DIGITS.findall(second):
        return 0.0  # "Förening 12" and "Förening 13", "Hus 3" and "Hus 4": numbered siblings, not slips
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    if matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _every_pair(ids: list[int], other_ids: list[int] | None):
    return combinations(ids, 2) if other_ids is None else product(ids, other_ids)


class _Pairs:
    """Pairs gathered by several rules, each pair once with every reason found."""

    def __init__(self, kind: str, names: dict[int, str], dismissed: set[tuple[int, int]]):
        self.kind, self.names, self.dismissed = kind, names, dismissed
        self.found: dict[tuple[int, int], DuplicatePair] = {}

    def add(self, a: int, b: int, reason: str, score: int) -> None:
        key = (min(a, b), max(a, b))
        if a == b or key in self.dismissed:
            return
        pair = self.found.get(key)
        if pair is None:
            pair = self.found[key] = DuplicatePair(self.kind, *key, self.names[key[0]], self.names[key[1]])
        if reason not in pair.reasons:
            pair.reasons.append(reason)
        pair.score = max(pair.score, score)

    def add_groups(self, groups: Iterable[list[int]], reason: str, score: int) -> None:
        for ids in groups:
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    self.add(a, b, reason, score)

    def add_similar(self, keyed: list[tuple[str, int]], pairs_of=None) -> None:
        """Compare each key with its neighbours in sorted order; the same key is 'same name'.

        `pairs_of(ids, other_ids)` gives the pairs of records with those keys that may be one
        (`other_ids` None: pairs within `ids`); by default every pair.
        """
        pairs_of = pairs_of or _every_pair
        by_key = defaultdict(list)
        for key, record_id in sorted(key_id for key_id in keyed if key_id[0]):
            by_key[key].append(record_id)
        for ids in by_key.values():
            if len(ids) > 1:
                for a, b in pairs_of(ids, None):
                    self.add(a, b, "same_name", 100)
        distinct = sorted(by_key)
        for i, key in enumerate(distinct):
            for other in distinct[i + 1:i + 1 + _WINDOW]:
                score = similarity(key, other)
                if score >= SIMILAR:
                    for a, b in pairs_of(by_key[key], by_key[other]):
                        self.add(a, b, "similar_name", round(score * 100))

    def ordered(self) -> list[DuplicatePair]:
        return sorted(self.found.values(), key=lambda p: (-p.score, p.first_name.casefold(), p.first_id, p.second_id))


def _dismissed(session: Session, kind: str) -> set[tuple[int, int]]:
    return set(session.execute(select(NotDuplicate.first_id, NotDuplicate.second_id).where(NotDuplicate.kind == kind)))


def _groups(rows: Iterable[tuple[str, int]]) -> list[list[int]]:
    grouped = defaultdict(list)
    for key, record_id in rows:
        if key:
            grouped[key].append(record_id)
    return [sorted(ids) for ids in grouped.values() if len(ids) > 1]


def _organisation_pairs(session: Session) -> list[DuplicatePair]:
    rows = session.execute(select(Organisation.id, Organisation.name, Organisation.org_number)).all()
    pairs = _Pairs("organisation", {r.id: r.name for r in rows}, _dismissed(session, "organisation"))
    # Unique in the database today; kept so a register that allows repeats is still covered.
    pairs.add_groups(_groups((r.org_number, r.id) for r in rows), "org_number", 100)
    pairs.add_similar([(base_key(r.name), r.id) for r in rows])
    return pairs.ordered()


def _person_pairs(session: Session) -> list[DuplicatePair]:
    # Anonymised people have no name left to compare, and cannot be merged.
    rows = session.execute(select(Person.id, Person.name, Person.name_key, Person.email, Person.phone)
                           .where(Person.anonymised_at.is_(None))).all()
    emails = {r.id: r.email for r in rows}
    organisations = defaultdict(set)
    for person_id, organisation_id in session.execute(select(Membership.person_id, Membership.organisation_id)):
        organisations[person_id].add(organisation_id)
    pairs = _Pairs("person", {r.id: r.name for r in rows}, _dismissed(session, "person"))
    pairs.add_groups(_groups((r.email, r.id) for r in rows), "email", 100)
    pairs.add_groups(_groups((phone_key(r.phone), r.id) for r in rows), "phone", 100)

    # As the sign-in list decides: another e-mail address is another person; a name is someone at
    # the same organisation, or someone registered without one. Looked up by organisation, since
    # a common name may be borne by dozens of people.
    def may_be_one(ids: list[int], other_ids: list[int] | None):
        others = ids if other_ids is None else other_ids
        at, without_organisation = defaultdict(list), []
        for b in others:
            for organisation_id in organisations[b]:
                at[organisation_id].append(b)
            if not organisations[b]:
                without_organisation.append(b)
        for a in ids:
            candidates = others if not organisations[a] else without_organisation + [
                b for organisation_id in organisations[a] for b in at[organisation_id]]
            for b in candidates:
                if a != b and not (emails[a] and emails[b] and emails[a] != emails[b]):
                    yield a, b

    pairs.add_similar([(r.name_key, r.id) for r in rows], may_be_one)
    for pair in pairs.found.values():
        if organisations[pair.first_id] & organisations[pair.second_id]:
            pair.reasons.append("same_organisation")
    return pairs.ordered()


def find_pairs(session: Session, kind: str) -> list[DuplicatePair]:
    """Return the likely duplicate pairs of organisations or of people, most alike first."""
    return _organisation_pairs(session) if kind == "organisation" else _person_pairs(session)


def mark_not_duplicate(session: Session, kind: str, first_id: int, second_id: int, user_id: int | None) -> NotDuplicate:
    """Record that two records are not the same, so the pair is not offered again."""
    if kind not in KINDS:
        raise DomainError(_l("Only organisations and people can be marked."))
    if first_id == second_id:
        raise DomainError(_l("A record cannot be a duplicate of itself."))
    first_id, second_id = sorted((first_id, second_id))
    model = KINDS[kind]
    if session.get(model, first_id) is None or session.get(model, second_id) is None:
        raise DomainError(_l("One of the two records no longer exists."))
    existing = session.scalar(select(NotDuplicate).filter_by(kind=kind, first_id=first_id, second_id=second_id))
    if existing is not None:
        return existing
    mark = NotDuplicate(kind=kind, first_id=first_id, second_id=second_id, marked_by_id=user_id)
    try:
        with session.begin_nested():
            session.add(mark)
            session.flush()
    except IntegrityError:  # marked by someone else at the same moment
        return session.scalar(select(NotDuplicate).filter_by(kind=kind, first_id=first_id, second_id=second_id))
    return mark

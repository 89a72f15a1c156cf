"""The steering report's PDF, rendered once per period, language, day and data version, then served from storage.

Rendering takes seconds of CPU; many viewers open the same quarter's report before a steering
group meets. A rendering is keyed by what its content depends on:

- the period and the language;
- the day (the report says what is due and overdue as of today);
- the data: the newest audit record of domain data (every write makes one; accounts' records,
  such as a login's time, are left out) and the network's change counter and largest ids
  (which also catch rows loaded around the application);
- the report's own layout: its templates and style sheet, so that an upgrade renders anew.

Only the newest rendering of a period and language is kept.
"""
import hashlib
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import PROJECT_ROOT
from ..collaboration.changes import shared_data_version
from ..models import AuditRecord, StoredReport
from ..models.base import utcnow
from .period_figures import Period

_LAYOUT_FILES = ("templates/reports/*.html", "templates/network/_drawing.svg", "templates/network/_alerts.html",
                 "static/css/report.css", "static/css/report_print.css")


@cache
def _layout_fingerprint() -> str:
    digest = hashlib.sha256()
    for pattern in _LAYOUT_FILES:
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def rendering_key(session: Session, period: Period, language: str, today) -> str:
    """The key of the report's PDF as the data stands now (two small queries)."""
    newest_write = session.scalar(sa.select(sa.func.max(AuditRecord.id)).where(AuditRecord.entity != "User"))
    parts = (period.starts_on, period.ends_on, language, today, newest_write, shared_data_version(session),
             _layout_fingerprint())
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def stored(session: Session, key: str) -> bytes | None:
    """The PDF rendered under this key, if it is kept."""
    table = StoredReport.__table__
    return session.scalar(sa.select(table.c.pdf).where(table.c.key == key))


def keep(session: Session, key: str, period: Period, language: str, pdf: bytes, seconds: float) -> None:
    """Keep a rendering in place of the period's older ones (the caller commits).

    Two requests that rendered the same key at once both try to store it: the second finds it there.
    """
    table = StoredReport.__table__
    same_report = (table.c.period_from == period.starts_on) & (table.c.period_to == period.ends_on) & (
        table.c.language == language)
    try:
        with session.begin_nested():
            session.execute(sa.delete(table).where(same_report, table.c.key != key))
            session.execute(sa.insert(table).values(key=key, period_from=period.starts_on, period_to=period.ends_on,
                                                    language=language, made_at=utcnow(), seconds=seconds, pdf=pdf))
    except IntegrityError:
        pass  # stored by a request that rendered it at the same moment

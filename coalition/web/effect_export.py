"""The effect table of every neighbourhood, prepared in the background and downloaded when ready.

At design scale (100 neighbourhoods, 200,000 participations) the table takes minutes, most of
it walking each neighbourhood's network quarter by quarter (bench/effect.py). No request may
take that long, so the export is a background job (``background.py``), as a long register's
check is (``register_upload``): the button starts it and answers at once with a page that
shows how many neighbourhoods are done (polled as JSON by the import progress script, or
reloaded every few seconds without it) and offers the file when it is ready. The progress and
then the file are kept in the queue's storage under a random key, for the user who asked only.
Each user keeps only their latest export: starting one forgets the one before, so the storage
holds one file per user at most.
"""
import secrets
from datetime import date

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import force_locale, format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import background, neighbourhood_effect
from ..auth import readable
from ..db import db
from ..exports import CSV_MIMETYPE, XLSX_MIMETYPE, csv_text, xlsx_bytes
from ..models import Neighbourhood
from .downloads import download
from .effect import effect_sheet

bp = Blueprint("effect_export", __name__, url_prefix="/effect")

_JOB = "effect-export"
_FAILED = "failed"
MIMETYPES = {"csv": CSV_MIMETYPE, "xlsx": XLSX_MIMETYPE}


def init_app(app) -> None:
    background.add_job(app, _JOB, _export_in_background)


def _key(job_id: str, part: str) -> str:
    return f"effect-export:{job_id}:{part}"


def _latest_key(user_id: int) -> str:
    return f"effect-export:latest:{user_id}"


def effect_file(fmt: str, progress=None) -> bytes:
    """Write the effect table of every neighbourhood in use (not archived), by name, as CSV or XLSX."""
    places = db.session.scalars(db.select(Neighbourhood).where(Neighbourhood.archived_at.is_(None))
                                .order_by(Neighbourhood.name_key))
    sheet = effect_sheet(neighbourhood_effect.every_neighbourhood_effect(db.session, places, progress=progress))
    return csv_text(sheet.header, sheet.rows).encode("utf-8") if fmt == "csv" else xlsx_bytes([sheet])


def _export_in_background(job_id: str, fmt: str, locale: str) -> None:
    """The job: write the file, telling the progress page after each neighbourhood, then keep the file."""
    def advance(done: int, total: int) -> None:
        background.storage().put(_key(job_id, "progress"), (done, total))

    advance(0, 0)  # begun: reading the rows
    try:
        with force_locale(locale):
            body = effect_file(fmt, advance)
    except Exception:
        background.storage().put(_key(job_id, "result"), _FAILED)
        raise
    finally:
        db.session.rollback()
    background.storage().put(_key(job_id, "result"), body)


def _forget(job_id: str) -> None:
    for part in ("owner", "progress", "result"):
        background.storage().delete(_key(job_id, part))


@bp.route("/effect.csv", defaults={"fmt": "csv"}, methods=["GET", "POST"])
@bp.route("/effect.xlsx", defaults={"fmt": "xlsx"}, methods=["GET", "POST"])
@readable
def start(fmt: str):
    """GET: say what the export does, with its button; POST: start it and go to its page."""
    if request.method == "GET":
        return render_template("effect/export.html", state="start", fmt=fmt)
    job_id, user_id = secrets.token_urlsafe(16), current_user.id
    previous = background.storage().get(_latest_key(user_id), peek=True)
    if previous is not None:
        _forget(previous)
    background.storage().put(_latest_key(user_id), job_id)
    background.storage().put(_key(job_id, "owner"), (user_id, fmt))
    # End this request's read: on SQLite an open read would hold up the embedded worker's.
    db.session.rollback()
    background.enqueue(_JOB, job_id, fmt, str(get_locale()))
    return redirect(url_for(".progress", job_id=job_id), code=303)


def _state(job_id: str):
    """Return (format, result, progress) of the user's own job; 404 for anyone else's or a forgotten one."""
    owner = background.storage().get(_key(job_id, "owner"), peek=True)
    if owner is None or owner[0] != current_user.id:
        abort(404)
    return owner[1], background.storage().get(_key(job_id, "result"), peek=True), background.storage().get(_key(job_id, "progress"), peek=True)


@bp.route("/exports/<job_id>")
@readable
def progress(job_id: str):
    fmt, result, done = _state(job_id)
    if result == _FAILED:
        flash(_("The effect table could not be prepared. Try again in a while."), "danger")
        return redirect(url_for(".start", fmt=fmt))
    if result is not None:
        return render_template("effect/export.html", state="ready", fmt=fmt, job_id=job_id)
    return render_template("effect/export.html", state="working", fmt=fmt, job_id=job_id, **_described(done))


@bp.route("/exports/<job_id>/status")
@readable
def status(job_id: str):
    _fmt, result, done = _state(job_id)
    return jsonify(finished=result is not None, **_described(done))


@bp.route("/exports/<job_id>/effect.csv", defaults={"fmt": "csv"})
@bp.route("/exports/<job_id>/effect.xlsx", defaults={"fmt": "xlsx"})
@readable
def file(job_id: str, fmt: str):
    stored_fmt, result, _done = _state(job_id)
    if result is None or result == _FAILED or fmt != stored_fmt:
        abort(404)
    return download(result, MIMETYPES[fmt], f"effect-{date.today().isoformat()}.{fmt}")


def _described(progress) -> dict:
    """The step's name, how many neighbourhoods are done, and the share done in per cent."""
    if progress is None:
        return {"stage": _("Waiting for its turn"), "count": "", "total": 0, "percent": 0}
    done, total = progress
    if not total:
        return {"stage": _("Reading the programme's figures"), "count": "", "total": 0, "percent": 0}
    return {"stage": _("Working out each neighbourhood's collaboration quarter by quarter"), "total": total,
            "count": _("%(done)s of %(total)s", done=format_decimal(done), total=format_decimal(total)),
            "percent": round(100 * done / total)}

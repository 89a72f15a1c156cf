"""The web interface: one blueprint per area, registered here."""
from flask import Flask, abort, render_template, request, url_for
from flask_bootstrap import Bootstrap5
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Conflict
from werkzeug.routing import BuildError

from ..auth import check_every_view_declares_access
from ..db import db
from ..i18n import lazy_gettext as _l
from ..vocabulary import SECTOR_COLOURS, label

bootstrap = Bootstrap5()

# The areas in the navigation, in the order a programme office thinks of them. An area
# shows up once its blueprint is registered.
NAVIGATION = [
    ("organisations.index", _l("Organisations")),
    ("people.index", _l("People")),
    ("neighbourhoods.index", _l("Neighbourhoods")),
    ("places.index", _l("Places")),
    ("meetings.index", _l("Meetings")),
    ("commitments.index", _l("Commitments")),
    ("proposals.index", _l("Proposals")),
    ("initiatives.index", _l("Initiatives")),
    ("surveys.index", _l("Surveys")),
    ("kpis.index", _l("KPIs")),
    ("network.index", _l("Network")),
    ("stakeholders.index", _l("Stakeholders")),
    ("reports.steering", _l("Reports")),
]
# Areas that show people by name: staff's work, not the steering group's (viewers see aggregates).
STAFF_AREAS = {"people.index"}


def _url_if_exists(endpoint: str, **values) -> str | None:
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def _render_error(error):
    if error.code == 500:
        db.session.rollback()  # after a failed flush the session refuses the queries the page makes
    # What the error says in its headers (Retry-After of a 429, Allow of a 405) stays said.
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    return render_template("errors/error.html", error=error), error.code, headers


def _render_clash(_error: IntegrityError):
    """A unique index refused a write that raced another request's (both passed the checks): say so.

    Forms saved through ``editing.save`` explain the clash beside the field; this covers the rest.
    """
    db.session.rollback()
    return _render_error(Conflict())


def _refuse_nul_characters():
    """Refuse a request whose form or query holds a NUL character."""
    # No one types one, and PostgreSQL cannot store one: it would otherwise end as a server error.
    for values in (request.args, request.form):
        if any("\x00" in key or any("\x00" in value for value in given) for key, given in values.lists()):
            abort(400)


def init_app(app: Flask) -> None:
    from . import (
        admin,
        area_companies,
        attachments,
        attendance,
        attendance_import,
        auth,
        calendar_feed,
        commitment_import,
        commitments,
        data_protection,
        duplicates,
        effect,
        effect_export,
        figures_ahead,
        headcounts,
        health,
        home,
        initiatives,
        interactions,
        introductions,
        kpi_import,
        kpis,
        local_jobs_import,
        meeting_papers,
        meetings,
        neighbourhoods,
        network,
        organisation_picker,
        organisations,
        people,
        place_picker,
        places,
        proposals,
        register_upload,
        relationships,
        reports,
        search,
        stakeholders,
        survey_answers,
        survey_recipients,
        survey_results,
        surveys,
    )

    bootstrap.init_app(app)
    register_upload.init_app(app)
    effect_export.init_app(app)
    reports.init_app(app)
    figures_ahead.init_app(app)
    for module in (auth, home, organisations, people, neighbourhoods, places, meetings, attendance, attendance_import, attachments,
                   calendar_feed, commitments, commitment_import, proposals, initiatives, kpis, effect, effect_export, kpi_import, network, introductions, relationships, reports,
                   data_protection, stakeholders, admin, headcounts, organisation_picker, place_picker, area_companies,
                   local_jobs_import, health, surveys, survey_recipients, survey_results, survey_answers, duplicates,
                   meeting_papers, interactions, search):
        app.register_blueprint(module.bp)
    app.before_request(_refuse_nul_characters)
    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, _render_error)
    app.register_error_handler(IntegrityError, _render_clash)
    app.jinja_env.globals.update(label=label, url_if_exists=_url_if_exists, navigation=NAVIGATION,
                                staff_areas=STAFF_AREAS, sector_colours=SECTOR_COLOURS)
    app.jinja_env.add_extension("jinja2.ext.do")
    check_every_view_declares_access(app)

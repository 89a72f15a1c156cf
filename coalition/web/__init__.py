"""The web interface: one blueprint per area, registered here."""
from flask import Flask, render_template, url_for
from flask_bootstrap import Bootstrap5
from werkzeug.routing import BuildError

from ..auth import check_every_view_declares_access
from ..i18n import lazy_gettext as _l
from ..vocabulary import label

bootstrap = Bootstrap5()

# The areas in the navigation, in the order a programme office thinks of them. An area
# shows up once its blueprint is registered.
NAVIGATION = [
    ("organisations.index", _l("Organisations")),
    ("people.index", _l("People")),
    ("neighbourhoods.index", _l("Neighbourhoods")),
    ("meetings.index", _l("Meetings")),
    ("commitments.index", _l("Commitments")),
    ("initiatives.index", _l("Initiatives")),
    ("network.index", _l("Network")),
    ("reports.index", _l("Reports")),
]


def _url_if_exists(endpoint: str, **values) -> str | None:
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def _render_error(error):
    return render_template("errors/error.html", error=error), error.code


def init_app(app: Flask) -> None:
    from . import (
        admin,
        attachments,
        attendance,
        attendance_import,
        auth,
        calendar_feed,
        commitment_import,
        commitments,
        home,
        initiatives,
        meetings,
        neighbourhoods,
        network,
        organisations,
        people,
        relationships,
    )

    bootstrap.init_app(app)
    for module in (auth, home, organisations, people, neighbourhoods, meetings, attendance, attendance_import, attachments,
                   calendar_feed, commitments, commitment_import, initiatives, network, relationships, admin):
        app.register_blueprint(module.bp)
    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, _render_error)
    app.jinja_env.globals.update(label=label, url_if_exists=_url_if_exists, navigation=NAVIGATION)
    app.jinja_env.add_extension("jinja2.ext.do")
    check_every_view_declares_access(app)

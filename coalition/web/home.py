"""The programme dashboard: the first page after login."""
from datetime import date

from flask import Blueprint, current_app, render_template

from ..auth import readable
from ..db import db
from ..models import Sector, Stage
from ..network import PERIOD_FIGURES
from ..reporting.dashboard import programme_dashboard
from ..reporting.period_figures import NETWORK_MEASURES

bp = Blueprint("home", __name__)


@bp.route("/")
@readable
def index():
    today = date.today()
    dashboard = programme_dashboard(db.session, today=today, goal=current_app.config["PROGRAMME_GOAL"])
    return render_template("home.html", dashboard=dashboard, follow_up=dashboard.follow_up, today=today,
                           stages=list(Stage), sectors=list(Sector),
                           network_measures=NETWORK_MEASURES, period_figures=PERIOD_FIGURES)

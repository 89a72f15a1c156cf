"""The start page after login."""
from datetime import date

from flask import Blueprint, render_template

from .. import overview
from ..auth import readable
from ..commitment_register import follow_up
from ..db import db

bp = Blueprint("home", __name__)


@bp.route("/")
@readable
def index():
    return render_template(
        "home.html",
        by_sector=overview.organisations_by_sector(db.session),
        by_stage=overview.neighbourhoods_by_stage(db.session),
        people=overview.active_people(db.session),
        follow_up=follow_up(db.session, today=date.today()), today=date.today(),
    )

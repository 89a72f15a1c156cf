"""What a meeting place's page shows beyond its own fields: its meetings, its use by sector, its investments."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..commitment_register import pledged_and_delivered
from ..db import db
from ..models import Commitment, Meeting, MeetingPlace, Sector
from ..quarterly_attendance import by_quarter
from ..timelines import held_timeline
from .neighbourhoods import attendance_chart

# The place's page lists this many commitments, newest first; the register has them all.
LISTED_COMMITMENTS = 50


def place_page_context(place: MeetingPlace) -> dict:
    """The meetings held at the place, their attendance by quarter and sector, and the commitments for it."""
    held_here = select(Meeting.id).where(Meeting.place_id == place.id)
    quarters = by_quarter(db.session, held_here)
    for_place = select(Commitment.id).where(Commitment.place_id == place.id)
    commitments = db.session.scalars(
        select(Commitment).where(Commitment.place_id == place.id)
        .options(selectinload(Commitment.parties))
        .order_by(Commitment.made_on.desc().nulls_last(), Commitment.id.desc()).limit(LISTED_COMMITMENTS)).all()
    return {
        "timeline": held_timeline(db.session, held_here),
        "quarters": quarters,
        "quarter_groups": [*Sector, *([None] if any(None in q.attended for q in quarters) else [])],
        "use_chart": attendance_chart(quarters),
        "commitments": commitments,
        "commitment_count": db.session.scalar(select(func.count()).select_from(for_place.subquery())),
        "pledged": pledged_and_delivered(db.session, for_place),
    }

"""Compute a large programme's neighbourhood networks ahead, after the job stores a result, for every web process.

A neighbourhood's page, its network page and the API read its network, quarters and alerts:
seconds of work each at design scale, which ``kept`` shares between the web processes. The job
computes them here, right after the whole programme, so that the first person to open a
neighbourhood after a refresh does not wait for them.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Neighbourhood
from ..network import NetworkFilter
from .alerts import network_alerts
from .changes import data_version
from .view import network_view, programme_is_large

__all__ = ["compute_ahead"]


def compute_ahead(session: Session) -> int:
    """Compute and keep what the pages read of each current neighbourhood's network; return how many.

    Nothing on a programme small enough to compute in a request, where nothing is shared.
    """
    if not programme_is_large(session, data_version(session)):
        return 0
    network_alerts(session)  # the whole programme's, on the network page
    places = session.scalars(select(Neighbourhood.id).where(Neighbourhood.archived_at.is_(None))
                             .order_by(Neighbourhood.id)).all()
    for place in places:
        view = network_view(session, NetworkFilter(neighbourhood_id=place))
        _read = view.computed, view.graph, view.quarters
        network_alerts(session, NetworkFilter(neighbourhood_id=place))
    return len(places)

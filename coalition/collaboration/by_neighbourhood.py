"""Every neighbourhood's collaboration quarter by quarter, from one read of the rows.

A neighbourhood's effect view asks ``network_view`` for its network by quarter, which reads
the rows that neighbourhood's filter needs (``rows._scoped_rows``) and walks its quarters. The
effect table of all neighbourhoods would do that a hundred times over at design scale (most
of two and a half minutes), so this reads the rows once, sorts them by neighbourhood as the
scoped read would have chosen them, and walks each neighbourhood's quarters with the same pure
functions. The figures are the same as ``network_view(session, NetworkFilter(neighbourhood_id=n))
.collaboration`` gives, quarter for quarter (tests/test_effect_all.py compares them).

What a neighbourhood's scoped read holds, and so what each neighbourhood gets here:

- its actors: the organisations active there (``scope.active_organisations``), an archived one
  only when it took part in something;
- the attendances of the meetings held there (all of a meeting's, whoever came);
- the joint work placed there; placeless commitments and initiatives with two or more parties
  among its actors; placeless joint interactions whose parties are all among them;
- the declared relationships between its actors.
"""
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Neighbourhood
from ..network import CollaborationFigures, NetworkFilter, collaboration_row, quarterly_graphs
from .cache import cached
from .changes import data_version
from .rows import (
    _archived_involved_organisations,
    _attendances,
    _commitments,
    _initiatives,
    _joint_interactions,
    _neighbourhoods_of,
    _organisation_actors,
    _relationships,
)
from .scope import active_organisations, date_span

__all__ = ["collaboration_by_neighbourhood"]

Quarter = tuple[int, int]


def collaboration_by_neighbourhood(session: Session, version: tuple | None = None, *,
                                   progress: Callable[[int, int], None] | None = None
                                   ) -> dict[int, dict[Quarter, CollaborationFigures]]:
    """Return {neighbourhood id: {quarter: figures}} for every neighbourhood (cached until the data changes).

    ``progress(done, total)`` is told after each neighbourhood (they take the time: forty graphs each).
    """
    version = version or data_version(session)
    return cached(("collaboration by neighbourhood", version), lambda: _compute(session, version, progress))


def _compute(session: Session, version: tuple, progress) -> dict[int, dict[Quarter, CollaborationFigures]]:
    members: dict[int, set[int]] = defaultdict(set)
    for place, organisation_id in session.execute(select(active_organisations(NetworkFilter()).subquery())):
        members[place].add(organisation_id)
    archived_involved = _archived_involved_organisations(session)
    actors = {actor.id: actor for actor, archived in _organisation_actors(session, None, _neighbourhoods_of(session, None))
              if not archived or actor.id in archived_involved}

    attended_in = defaultdict(list)
    for row in _attendances(session, None):
        for place in row.meeting_neighbourhood_ids:
            attended_in[place].append(row)
    placed, placeless = defaultdict(list), []
    for work in _commitments(session, None) + _initiatives(session, None):
        for place in work.neighbourhood_ids:
            placed[place].append(work)
        if not work.neighbourhood_ids:
            placeless.append(work)
    interactions = _joint_interactions(session, None)
    relationships = _relationships(session, None)
    # The scoped read opens an open range at the whole programme's first and last days (see computed._quarters_within).
    first, last = cached(("span", version, None, None), lambda: date_span(session, NetworkFilter()))

    found, places = {}, list(session.scalars(select(Neighbourhood.id)))
    for place in places:
        wanted = members[place]
        kept = wanted & actors.keys()
        joint = placed[place] + [w for w in placeless if len(w.parties & wanted) >= 2] + [
            w for w in interactions if w.parties <= wanted]
        within = NetworkFilter(neighbourhood_id=place)
        if first is not None and last is not None:
            within = replace(within, date_from=first, date_to=last)
        graphs = quarterly_graphs([actors[i] for i in sorted(kept)], attended_in[place], joint,
                                  [r for r in relationships if r.first_id in kept and r.second_id in kept], within)
        found[place] = {(starts_on.year, (starts_on.month - 1) // 3 + 1): collaboration_row(label, starts_on, ends_on, graph)
                        for label, starts_on, ends_on, graph in graphs}
        if progress is not None:
            progress(len(found), len(places))
    return found

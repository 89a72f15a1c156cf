"""The one place that decides whether a network is read from the job's stored result or computed now.

Every page, download and report asks ``network_view(session, network_filter)`` and reads what
it needs from the answer. The whole programme (the default filters) on a large programme is
the background job's: it is read from the stored result (or missing until the job's first
run); every other network is computed on request from the rows it needs, cached until the
data changes. Each part is made only when asked for: the dashboard reads the stored quarters
without unpickling the rest, the neighbourhood page builds the graph without its figures.
"""
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

import networkx as nx
from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Organisation, Participation
from ..network import NetworkFilter, QuarterFigures, helix_coverage, suggest_introductions
from . import store
from .cache import cached, derived, derived_under
from .changes import data_version, shared_data_version
from .computed import (
    ComputedNetwork,
    collaboration_for,
    graph_for,
    graph_key,
    network_for,
    period_figures_for,
    picture_for,
    quarter_graphs_for,
    quarters_for,
)
from .ego import EgoNetwork, ego_in
from .files import file_bytes
from .job import BETWEENNESS_SAMPLE, JobState, job_state
from .picture import MapChoice, chosen_drawing, picture_context, picture_svg, render_picture

__all__ = ["Download", "NetworkView", "NotComputedYet", "computed_now", "network_view", "programme_is_large"]

# Above either count the default network is the background job's instead of computed in the
# request: at 1,000 organisations or 20,000 participations the figures already take several
# seconds (about 60 s at design scale, see network/figures.py).
JOB_ABOVE_ORGANISATIONS = 1000
JOB_ABOVE_PARTICIPATIONS = 20000

T = TypeVar("T")


class NotComputedYet(Exception):
    """The network is the background job's and what was asked is not stored yet."""

    def __init__(self, busy: bool):
        super().__init__("busy" if busy else "never computed")
        self.busy = busy  # a run is queued or working: it will be there soon


@dataclass(frozen=True)
class Download:
    """A file of the network, gzip-compressed when it is the job's stored file."""

    body: bytes
    gzipped: bool


def network_view(session: Session, network_filter: NetworkFilter = NetworkFilter()) -> "NetworkView":
    """Return the network under the filter as the pages read it: the job's stored result or computed now."""
    version = data_version(session)
    from_job = network_filter == NetworkFilter() and programme_is_large(session, version)
    return NetworkView(session, network_filter, version, job_state(session) if from_job else None, from_job)


def programme_is_large(session: Session, version: tuple) -> bool:
    """Tell whether the whole programme is the background job's: too large to compute in a request."""
    sizes = cached(("sizes", version), lambda: tuple(
        session.scalar(select(func.count()).select_from(model)) for model in (Organisation, Participation)))
    # NETWORK_JOB_ABOVE_ORGANISATIONS lets an operator (or a test of the production mode) move the line.
    organisations_above = current_app.config.get("NETWORK_JOB_ABOVE_ORGANISATIONS", JOB_ABOVE_ORGANISATIONS)
    return sizes[0] > organisations_above or sizes[1] > JOB_ABOVE_PARTICIPATIONS


class NetworkView:
    """One filtered network as a page reads it; each part made or read when first asked for."""

    betweenness_sample = BETWEENNESS_SAMPLE

    def __init__(self, session: Session, network_filter: NetworkFilter, version: tuple, job: JobState | None,
                 from_job: bool):
        self.session = session
        self.network_filter = network_filter
        self.version = version
        self.job = job  # where the job stands, when the network is its
        self.from_job = from_job

    @property
    def _result(self) -> store.StoredResult | None:
        return self.job.result if self.job is not None else None

    @property
    def computed_at(self):
        """When the stored figures were computed (None: computed now, or never)."""
        return self._result.computed_at if self._result is not None else None

    @cached_property
    def stale(self) -> bool:
        """True when the stored figures predate the latest change of the data."""
        return self._result is not None and self._result.data_version != shared_data_version(self.session)

    @cached_property
    def _whole(self) -> store.WholeNetwork | None:
        return store.read_summary(self.session, self._result) if self._result is not None else None

    @cached_property
    def computed(self) -> ComputedNetwork | None:
        """The graph and all its figures (the stored one has its actors but not its ties); None until stored."""
        if self.from_job:
            return self._whole.computed if self._whole is not None else None
        return network_for(self.session, self.network_filter, self.version)

    @cached_property
    def with_ties(self) -> ComputedNetwork | None:
        """``computed`` with every tie, as one community's drawing needs it; None until stored."""
        if self.from_job:
            return store.read_with_ties(self.session, self._result) if self._whole is not None else None
        return self.computed

    @property
    def graph(self) -> nx.Graph | None:
        """The graph with its ties; computed now without the figures when the network is not the job's."""
        if self.from_job:
            return self.with_ties.graph if self.with_ties is not None else None
        return graph_for(self.session, self.network_filter, self.version)

    def made_from_graph(self, name: Hashable, make: Callable[[], T]) -> T:
        """Return ``make()`` for this view's ``graph``, made once and kept with it (shared when computed now)."""
        if self.from_job:
            return derived(self.with_ties, name, make)
        return derived_under(graph_key(self.session, self.network_filter, self.version), name, make)

    @property
    def picture(self) -> ComputedNetwork | None:
        """The graph with what its drawing needs (degrees and communities), for a picture sized by degree."""
        if self.from_job:
            return self.computed
        return picture_for(self.session, self.network_filter, self.version)

    @property
    def introductions(self) -> list:
        """Suggested introductions between actors who share partners."""
        return self.introductions_leaving_out(frozenset())

    def introductions_leaving_out(self, decided: frozenset, top: int = 10) -> list:
        """Return the ``top`` suggested introductions that are not among the ``decided`` pairs (lower id first).

        The job stores its best ``job.INTRODUCTIONS_STORED``; those decided are left out of them.
        """
        if self.from_job:
            return [s for s in self._whole.introductions if (min(s.first, s.second), max(s.first, s.second))
                    not in decided][:top]
        graph, result = self.computed.graph, self.computed.figures
        return derived(self.computed, ("introductions", decided, top), lambda: suggest_introductions(
            graph, top=top, community=result.community_of, exclude=decided) if graph.number_of_edges() else [])

    @property
    def coverage(self) -> list:
        """Quadruple-helix coverage per neighbourhood."""
        if self.from_job:
            return self._whole.coverage
        return derived(self.computed, "coverage", lambda: helix_coverage(self.computed.graph))

    @cached_property
    def quarters(self) -> list[QuarterFigures] | None:
        """The quarter-by-quarter figures (stored ones read alone, without the rest); None until stored."""
        if self.from_job:
            return store.read_quarters(self.session, self._result) if self._result is not None else None
        return quarters_for(self.session, self.network_filter, self.version)

    @property
    def collaboration(self) -> list | None:
        """The quarters with the sectors present and tied and the brokers; None for the job's whole programme."""
        if self.from_job:
            return None
        return collaboration_for(self.session, self.network_filter, self.version)

    def period_figures(self, label: str) -> QuarterFigures:
        """Return the figures of the filter's period as the quarter-by-quarter table counts a quarter.

        Computed now: the network of what happened in the period and the actors who took part in it.
        """
        return period_figures_for(self.session, label, self.network_filter, self.version)

    def ego(self, organisation_id: int) -> EgoNetwork | None:
        """Return an organisation's place in this network (None if not in it, or not stored yet)."""
        if self.from_job:
            whole = self._whole
            return None if whole is None else ego_in(whole.computed, organisation_id,
                                                     partners=whole.partners.get(organisation_id))
        return ego_in(self.computed, organisation_id)

    def map_context(self, choice: MapChoice, *, page_args: dict | None = None, names: dict | None = None) -> dict | None:
        """Return the map under ``choice`` as the page draws it, with its SVG; None until the job's first result.

        See ``picture.picture_context``; made once per computed network and page address. The
        job's whole programme comes with its drawings made ahead (each community's too) and its
        actors' strongest partners; a result stored before it drew ahead reads its ties.
        """
        computed = self.computed
        if computed is None:
            return None
        key = ("map", choice, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (page_args or {}).items())),
               tuple(sorted((names or {}).items())), str(get_locale()))
        return derived(computed, key, lambda: self._map_context(computed, choice, page_args, names))

    def _map_context(self, computed: ComputedNetwork, choice: MapChoice, page_args: dict | None,
                     names: dict | None) -> dict:
        ahead, known = None, None
        if self.from_job and (choice.community is not None or choice.focus is not None):
            ahead = store.read_drawings(self.session, self._result)
            if choice.focus is not None:
                known = self._whole.partners.get(choice.focus, [])
            if ahead is None:
                computed = self.with_ties
        quarter_graphs = None if self.from_job else quarter_graphs_for(self.session, self.network_filter, self.version)
        drawn, said = chosen_drawing(computed, self.network_filter, choice, quarter_graphs, ahead)
        context = {**picture_context(computed, self.network_filter, choice, drawn, page_args=page_args, names=names,
                                     known_partners=known), **said}
        # The SVG comes from an autoescaping template.
        return {**context, "svg": Markup(render_picture(context))}  # nosec B704

    def download(self, fmt: str, size_by: str = "degree", page_args: dict | None = None) -> Download:
        """Return one file of the network (``files.FORMATS`` or "svg"); raise NotComputedYet when not stored yet."""
        if self.from_job and fmt != "svg":
            body = store.read_download(self.session, self._result, fmt) if self._result is not None else None
            if body is None:
                raise NotComputedYet(self.job is not None and self.job.busy)
            return Download(body, gzipped=True)
        computed = self.computed
        if computed is None:
            raise NotComputedYet(self.job is not None and self.job.busy)
        if fmt == "svg":
            return Download(derived(computed, ("svg", size_by), lambda: picture_svg(
                computed, self.network_filter, MapChoice(size_by=size_by), page_args).encode("utf-8")), gzipped=False)
        return Download(derived(computed, (fmt, size_by), lambda: file_bytes(computed, fmt)), gzipped=False)


def computed_now(session: Session, network_filter: NetworkFilter) -> ComputedNetwork:
    """Return the network computed now whatever its size (``flask export-network``, which may take minutes)."""
    return network_for(session, network_filter)


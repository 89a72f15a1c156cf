"""The collaboration network's database side: rows in, figures, drawings and files out, cached or stored.

Pages, downloads and reports ask one function, ``network_view(session, network_filter)``, which
alone decides between the background job's stored result and computing now. What is where:

- ``view``          the decision, ``network_view()``, and the ``NetworkView`` every caller reads its parts from
- ``rows``          reads the plain rows the pure ``coalition.network`` builds a graph from
- ``scope``         the SQL conditions that keep what one filter can use (its meetings, joint work, dates)
- ``computed``      computes a filtered network now, cached while the rows it is computed from stay the same
- ``cache``         the in-memory LRU and ``cached(key, make)``, the one way to keep a computed value
- ``shared``        the figures shared between web processes through Redis, ``shared(key, make)``
- ``signed``        the pickles signed with SECRET_KEY that the stored results and Redis hold
- ``changes``       the change counter and data version that key the cache (listeners set in ``init_app``)
- ``ego``           one organisation's place in the network: figures and strongest partners
- ``alerts``        the health alerts of a filtered network (the pure layer finds them)
- ``drawing``       which drawing to show: its reduction, fixed-seed layout and activity by quarter
- ``picture``       the drawing on its canvas: sizes, colours, focus, names, legends, and its SVG
- ``files``         the downloads: CSV, JSON, GraphML, GEXF
- ``job``           the whole programme computed on the background queue, one run at a time
- ``store``         the job's stored results in ``network_results``, signed and in parts
- ``commands``      ``flask export-network``, ``network-refresh``, ``network-worker``

The queue itself is ``coalition.background``: other topics' jobs run on it too.
"""
from flask import Flask

from . import changes, job, shared
from .alerts import DORMANT_MONTHS, NetworkAlerts, network_alerts
from .cache import cached, derived, network_cache
from .drawing import drawing_for
from .job import start_refresh
from .picture import COLOURINGS, MapChoice, picture_svg
from .rows import ANONYMISED
from .shared import forget_shared_figures
from .store import forget_results_naming
from .view import Download, NetworkView, NotComputedYet, computed_now, network_view

__all__ = ["ANONYMISED", "COLOURINGS", "DORMANT_MONTHS", "Download", "MapChoice", "NetworkAlerts", "NetworkView",
           "NotComputedYet", "cached", "computed_now", "derived", "drawing_for", "forget_results_naming",
           "forget_shared_figures", "init_app", "network_alerts", "network_cache", "network_view", "picture_svg",
           "start_refresh"]


def init_app(app: Flask) -> None:
    """Count the writes that change the network, size its cache, share it, and register its job on the app's queue."""
    changes.init_app(app)
    shared.init_app(app)
    if app.config.get("NETWORK_CACHE_SIZE"):
        network_cache.size = int(app.config["NETWORK_CACHE_SIZE"])
    job.init_app(app)

"""Keep what is computed from the network's rows in memory, each value under a key that names its data.

A key holds the data version it was computed from (see ``changes``) or the stored result it
was read from, so a change in the data makes new keys and old values simply age out of the
LRU. Every process keeps its own.
"""
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["DEFAULT_SIZE", "NetworkCache", "cached", "derived", "derived_under", "network_cache"]

T = TypeVar("T")
_MISSING = object()


# Entries per process. A neighbourhood's three pages (record, network, API) keep about 16 entries
# between them: with twenty neighbourhoods 64 entries let each visit push out another
# neighbourhood's figures, so most visits computed them again. At 1,024 a web process serving the
# design-scale programme grew to about 800 MB (bench/load.py); NETWORK_CACHE_SIZE sets fewer.
DEFAULT_SIZE = 1024


class NetworkCache:
    """A thread-safe LRU of computed results."""

    def __init__(self, size: int = DEFAULT_SIZE):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return default

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


network_cache = NetworkCache()


def cached(key: Hashable, make: Callable[[], T]) -> T:
    """Return the value kept under ``key``, else ``make()`` it and keep it.

    >>> cached(("example", 1), lambda: "made"), cached(("example", 1), lambda: "made again")
    ('made', 'made')
    """
    value = network_cache.get(key, _MISSING)
    if value is _MISSING:
        value = make()
        network_cache.put(key, value)
    return value


def derived(computed: object, name: Hashable, make: Callable[[], T]) -> T:
    """Return ``make()`` for this computed network (its suggestions, a file, a drawing), made once and kept with it.

    A network computed now carries the key of the rows it came from (``ComputedNetwork.key``): what
    is made from it is then kept under that key and shared between the web processes, which
    otherwise each drew a neighbourhood's map again (0.8 s at design scale).
    """
    key = getattr(computed, "key", None)
    if key is not None:
        return derived_under(key, name, make)
    # The entry holds ``computed`` itself, so its id is not reused by another object while the entry lives.
    return cached(("derived", name, id(computed)), lambda: (computed, make()))[1]


def derived_under(key: Hashable, name: Hashable, make: Callable[[], T]) -> T:
    """Return ``make()`` for what ``key`` names (a network's or a graph's rows), kept and shared under that key."""
    from .shared import shared  # imported here: shared keeps its values with this module's cached

    return shared(("derived", name, key), make)

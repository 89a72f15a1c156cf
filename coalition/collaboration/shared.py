"""Share computed network figures between the web processes through Redis, as signed pickles.

Each process keeps what it uses in its own LRU (``cache``). Under gunicorn's several processes
each would also compute each neighbourhood's network, quarters and drawing for itself (0.3-0.5 s
at design scale); with ``FIGURES_REDIS_URL`` set (``scripts/serve`` sets it to ``REDIS_URL``) the
first process to compute a value puts it in Redis and the others read it there (a few ms).

Only keys that name the same data in every process are shared: the figures, keyed by a digest
of their rows (``computed.rows_key``), and a committed data version's digest of a scope's rows.
A key is hashed from a form whose text is the same in every process (sets sorted, not in hash
order). Values are signed with SECRET_KEY, so a value someone else wrote is never unpickled, and
expire after a day; anonymising a person deletes them all. When Redis does not answer, pages
compute the values themselves, as without it, and do not ask it again for ``REST_SECONDS``.
"""
import dataclasses
import enum
import hashlib
import logging
import time
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from flask import Flask, current_app, has_app_context

from .cache import cached
from .signed import signed, unpickled

__all__ = ["forget_shared_figures", "init_app", "shared"]

T = TypeVar("T")
EXTENSION = "network_figures_redis"
PREFIX = "coalition:network-figures:"
SECONDS_KEPT = 24 * 3600
# A page waits at most this long for Redis before computing the value itself,
TIMEOUT_SECONDS = 0.5
# and after a failure this process leaves Redis alone for a while, so a page does not wait on each value.
REST_SECONDS = 30.0
_resting_until = 0.0

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Connect to FIGURES_REDIS_URL when it is set (nothing connects until a value is asked for)."""
    url = app.config.get("FIGURES_REDIS_URL")
    if url:
        import redis  # the production extra

        app.extensions[EXTENSION] = redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS,
                                                         socket_connect_timeout=TIMEOUT_SECONDS)


def shared(key: Hashable, make: Callable[[], T]) -> T:
    """Return the value under ``key``: from this process, else from Redis, else ``make()`` it and share it."""
    client = current_app.extensions.get(EXTENSION) if has_app_context() else None
    if client is None or time.monotonic() < _resting_until:
        return cached(key, make)
    return cached(key, lambda: _through(client, key, make))


def forget_shared_figures() -> int:
    """Delete every shared figure and return how many: anonymisation calls this, as a figure may hold a name."""
    client = current_app.extensions.get(EXTENSION)
    if client is None:
        return 0
    from redis.exceptions import RedisError

    try:
        names = list(client.scan_iter(match=PREFIX + "*", count=1000))
        for start in range(0, len(names), 1000):
            client.delete(*names[start:start + 1000])
    except RedisError as error:  # they expire within SECONDS_KEPT; nobody can reach them with new rows
        log.error("shared network figures not deleted after an anonymisation: %s", error)
        return 0
    return len(names)


def _through(client, key: Hashable, make: Callable[[], T]) -> T:
    from redis.exceptions import RedisError

    name = PREFIX + hashlib.sha256(repr(_canonical(key)).encode()).hexdigest()
    try:
        found = unpickled(client.get(name))
    except RedisError as error:  # Redis down or slow: compute here, as a single process would
        _rest(error)
        return make()
    if found is not None:  # (value,): a value may itself be None
        return found[0]
    value = make()
    try:
        client.set(name, signed((value,)), ex=SECONDS_KEPT)
    except RedisError as error:
        _rest(error)
    return value


def _rest(error: Exception) -> None:
    global _resting_until
    log.warning("network figures not shared through Redis for %.0f s: %s", REST_SECONDS, error)
    _resting_until = time.monotonic() + REST_SECONDS


def _canonical(value):
    """The value as plain nested tuples whose repr is the same in every process (sets sorted, not hash-ordered)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__, tuple((f.name, _canonical(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, enum.Enum):
        return type(value).__name__, value.value
    if isinstance(value, (set, frozenset)):
        return "set", tuple(sorted((_canonical(item) for item in value), key=repr))
    if isinstance(value, dict):
        return "dict", tuple(sorted(((_canonical(k), _canonical(v)) for k, v in value.items()), key=repr))
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return tuple(_canonical(item) for item in value)
    return value

"""Pickles signed with SECRET_KEY: what the job stores and the web processes share, read back only if ours.

Unpickling runs code: a payload that came from elsewhere (a backup of another installation, a
row or a Redis key written by someone else) must never be unpickled.
"""
import hashlib
import hmac

# Only payloads signed with SECRET_KEY are unpickled.
import pickle  # nosec B403

from flask import current_app

__all__ = ["signed", "unpickled"]


def _digest(pickled: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), pickled, hashlib.sha256).digest()


def signed(value) -> bytes:
    """Pickle ``value`` behind its HMAC under SECRET_KEY."""
    pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _digest(pickled) + pickled


def unpickled(payload: bytes | None):
    """Unpickle a payload if its signature is ours, else None (the caller then computes it afresh)."""
    if payload is None:
        return None
    digest, pickled = payload[:32], payload[32:]
    if not hmac.compare_digest(digest, _digest(pickled)):
        return None
    # Signed by ``signed`` with this SECRET_KEY, so it is our own pickle.
    return pickle.loads(pickled)  # nosec B301

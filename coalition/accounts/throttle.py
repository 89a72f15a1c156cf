"""Throttling password guesses without handing anyone a way to lock an account out.

Wrong passwords are counted three ways: per address (for any account), per account (from any
address), and per account from each address. An address that failed too often is paused for
every account. An account that failed too often is paused only for the addresses it failed
from: its owner, typing the right password anywhere else, still gets in, so five wrong
passwords sent by someone else no longer lock anyone out, an admin included. The price is that
a guesser with many addresses gets one more guess per new address; passwords are long and
uncommon (`passwords.py`) so that this buys nothing. An admin lifts an account's pause on its
user page, for an owner who mistyped their own password too often.

The check of the current password before a password change is counted the same way, under the
same limits. The counts live in RATELIMIT_STORAGE_URI (memory, for one process; Redis when
several processes serve the app), under keyed hashes: no e-mail or address is stored.
"""
import math
import time
from dataclasses import dataclass

from flask import Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from . import security_log

__all__ = ["Pause", "account_paused", "init_app", "lift_pause", "pause_for", "record_failure", "spend"]


@dataclass(frozen=True)
class Pause:
    """Why a login is refused for now, and for how many seconds."""

    by: str  # "account" or "address"
    seconds: int


def _limiter() -> FixedWindowRateLimiter:
    return current_app.extensions["login_throttle"]


def _limits(setting: str) -> list[RateLimitItem]:
    return parse_many(current_app.config[setting])


def _address() -> str:
    # The client's address: behind TRUSTED_PROXIES ProxyFix has put it in place of the proxy's.
    return request.remote_addr or ""


def _keys(email: str, address: str) -> dict[str, str]:
    account = security_log.keyed_hash(email)
    return {"account": f"account:{account}", "address": f"address:{security_log.keyed_hash(address)}",
            "account_from_address": f"account-address:{account}:{security_log.keyed_hash(address)}"}


def _spent(limits: list[RateLimitItem], key: str) -> list[RateLimitItem]:
    """The limits whose window has no try left for this key."""
    return [item for item in limits if not _limiter().test(item, "login", key)]


def _has_failed(limits: list[RateLimitItem], key: str) -> bool:
    return any(_limiter().get_window_stats(item, "login", key).remaining < item.amount for item in limits)


def _seconds_left(limits: list[RateLimitItem], key: str, namespace: str = "login") -> int:
    reset = max(_limiter().get_window_stats(item, namespace, key).reset_time for item in limits)
    return max(1, math.ceil(reset - time.time()))


def pause_for(email: str) -> Pause | None:
    """Return why a password for this account may not be tried now from the client's address, if it may not."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    keys = _keys(email, _address())
    per_address = _spent(_limits("LOGIN_LIMIT_PER_ADDRESS"), keys["address"])
    if per_address:
        return Pause("address", _seconds_left(per_address, keys["address"]))
    per_account = _limits("LOGIN_LIMIT_PER_ACCOUNT")
    spent = _spent(per_account, keys["account"])
    if spent and _has_failed(per_account, keys["account_from_address"]):
        return Pause("account", _seconds_left(spent, keys["account"]))
    return None


def record_failure(email: str) -> None:
    """Count a wrong password for this account from the client's address."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    keys = _keys(email, _address())
    for item in _limits("LOGIN_LIMIT_PER_ADDRESS"):
        _limiter().hit(item, "login", keys["address"])
    for item in _limits("LOGIN_LIMIT_PER_ACCOUNT"):
        _limiter().hit(item, "login", keys["account"])
        _limiter().hit(item, "login", keys["account_from_address"])


def account_paused(email: str) -> bool:
    """Tell whether the account has failed too often, so that the addresses it failed from are paused."""
    return bool(_spent(_limits("LOGIN_LIMIT_PER_ACCOUNT"), _keys(email, "")["account"]))


def lift_pause(email: str) -> None:
    """Let every address try the account's password again; each address's own count is kept."""
    key = _keys(email, "")["account"]
    for item in _limits("LOGIN_LIMIT_PER_ACCOUNT"):
        _limiter().clear(item, "login", key)


def spend(setting: str, namespace: str, key: str) -> int:
    """Count one costly action (e.g. a PDF rendering) under the limits in ``setting``.

    Return 0 when it may go ahead, else the seconds to wait. Counted in the same storage as
    the failed logins, so every process shares the count.
    """
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return 0
    limits = _limits(setting)
    refused = [item for item in limits if not _limiter().hit(item, namespace, key)]
    return _seconds_left(refused, key, namespace) if refused else 0


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("LOGIN_LIMIT_PER_ACCOUNT", "5 per minute; 30 per hour")
    app.config.setdefault("LOGIN_LIMIT_PER_ADDRESS", "20 per minute; 200 per hour")
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.extensions["login_throttle"] = FixedWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))

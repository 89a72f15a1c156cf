"""Throttling logins: after a few failures per account or per address, answer 429 for a while."""
from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import security_log

limiter = Limiter(key_func=get_remote_address, headers_enabled=True)


def _email_mark() -> str:
    return security_log.keyed_hash(request.form.get("email", ""))


def _account_key() -> str:
    # A keyed hash, so the limiter's storage (Redis in production) holds no e-mail addresses.
    return "account:" + _email_mark()


def _address_key() -> str:
    # The client's address: behind TRUSTED_PROXIES ProxyFix has put it in place of the proxy's.
    return "address:" + security_log.keyed_hash(get_remote_address())


def _failed(response) -> bool:
    # A successful login redirects; a wrong password or an incomplete form shows the page again.
    # Only failures count, so an office that logs in all day from one address is never slowed.
    return response.status_code == 200


def _log_breach(by: str):
    def log(_limit) -> None:
        security_log.record("login.throttled", by=by, email=_email_mark())

    return log


def throttle_login(view):
    """Limit failed logins per account (whatever the address) and per address (whatever the account)."""
    per_account = limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], key_func=_account_key,
                                methods=["POST"], deduct_when=_failed, on_breach=_log_breach("account"),
                                scope="login-account")
    per_address = limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], key_func=_address_key,
                                methods=["POST"], deduct_when=_failed, on_breach=_log_breach("address"),
                                scope="login-address")
    return per_address(per_account(view))


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("LOGIN_LIMIT_PER_ACCOUNT", "5 per minute; 30 per hour")
    app.config.setdefault("LOGIN_LIMIT_PER_ADDRESS", "20 per minute; 200 per hour")
    # The limiter is one object for every app in the process (the tests make many): an app that
    # switched it off must not leave it off for the next.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)

"""Security headers on every response, and the other guards: the security log and login throttling."""
from flask import Flask
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from .accounts import security_log, throttle

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",  # no inline script: page code lives in static/js
    # Style attributes stay allowed: the server-side SVG charts (matplotlib) and Bootstrap's
    # components set style="" on elements. Styles cannot run code, scripts can.
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",  # Bootstrap's CSS draws its small icons as data: SVGs
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def init_app(app: Flask) -> None:
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        # The client's address, scheme and host as the proxies in front saw them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    security_log.init_app(app)
    throttle.init_app(app)
    production = app.config.get("PRODUCTION", False)
    Talisman(
        app,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        x_content_type_options=True,
        # Only in production: development and the tests run on plain http.
        force_https=app.config.get("FORCE_HTTPS", production),
        strict_transport_security=production,
        strict_transport_security_include_subdomains=False,
        # Talisman would otherwise force Secure cookies everywhere and break logins over http.
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],
    )

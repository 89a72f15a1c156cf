"""One log line per request, with a request id that follows the request through the proxy and the logs.

The id is the ``X-Request-ID`` the reverse proxy sent (when it looks like one), or a new one;
it is returned in the response's ``X-Request-ID`` header and written on the request's line.
The line holds the method, the path without its query (searches may hold names), the status,
the time taken and the user's id: no address, no e-mail.

With ``LOG_STDOUT`` set (as ``scripts/serve`` does) this line and the security log go to
standard output, where a process manager or container runtime collects them.
"""
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request
from flask_login import current_user

logger = logging.getLogger("coalition.requests")
_ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_stdout_handler: logging.Handler | None = None


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    request_id = g.get("request_id")
    if request_id is None:  # a request refused before ours ran
        return response
    response.headers["X-Request-ID"] = request_id
    milliseconds = (time.perf_counter() - g.request_started) * 1000
    user = current_user.id if current_user and current_user.is_authenticated else "-"
    logger.info("%s %s %s %.0fms request_id=%s user=%s", request.method, request.path, response.status_code,
                milliseconds, request_id, user)
    return response


def _write_to_stdout() -> None:
    """Send Coalition's loggers (requests, security, the rest) to standard output, once per process."""
    global _stdout_handler
    if _stdout_handler is None:
        _stdout_handler = logging.StreamHandler(sys.stdout)
        _stdout_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        package_logger = logging.getLogger("coalition")
        package_logger.addHandler(_stdout_handler)
        package_logger.setLevel(logging.INFO)


def init_app(app: Flask) -> None:
    logger.setLevel(logging.INFO)
    app.before_request(_start)
    app.after_request(_finish)
    if app.config.get("LOG_STDOUT"):
        _write_to_stdout()

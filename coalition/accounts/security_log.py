"""The security log: logins, logouts, throttling and refused access, naming accounts only by id."""
import hashlib
import hmac
import logging
import logging.handlers
import time
from pathlib import Path

from flask import Flask, current_app, has_request_context, request

from ..instance_folder import open_private

logger = logging.getLogger("coalition.security")
_file_handler: logging.handlers.WatchedFileHandler | None = None


class _PrivateFileHandler(logging.handlers.WatchedFileHandler):
    """A watched log file created readable by the app's user only, also when logrotate has moved it away."""

    def _open(self):
        return open(open_private(Path(self.baseFilename)), self.mode, encoding=self.encoding, errors=self.errors)


class _UtcFormatter(logging.Formatter):
    converter = time.gmtime

    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging's name)
        return super().formatTime(record, "%Y-%m-%dT%H:%M:%SZ")


def keyed_hash(value: str) -> str:
    """Return a short keyed hash: the same e-mail or address gives the same mark, the mark gives neither away."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:16]


def record(event: str, **fields) -> None:
    """Write one event, e.g. record("login.failed", user=12); never pass a password, e-mail or name."""
    if has_request_context():
        # Which client, without its address: enough to see that 500 failures came from one place.
        fields.setdefault("client", keyed_hash(request.remote_addr or ""))
    details = " ".join(f"{key}={value}" for key, value in fields.items())
    logger.info("%s %s", event, details, extra={"security_event": event, "security_fields": fields})


def _write_to(path: Path | None) -> None:
    """Send the log to this file (one handler per process, however many apps the tests create)."""
    global _file_handler
    if _file_handler is not None and path is not None and Path(_file_handler.baseFilename) == path.resolve():
        return
    if _file_handler is not None:
        logger.removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None
    if path is not None:
        # Watched: when logrotate moves the file away, the next line starts a new one.
        _file_handler = _PrivateFileHandler(path, encoding="utf-8", delay=True)
        _file_handler.setFormatter(_UtcFormatter("%(asctime)s %(message)s"))
        logger.addHandler(_file_handler)


def init_app(app: Flask) -> None:
    logger.setLevel(logging.INFO)
    configured = app.config.get("SECURITY_LOG")
    if configured == "-":
        _write_to(None)  # standard output only (LOG_STDOUT), as a container runtime collects it
    elif configured:
        _write_to(Path(configured).expanduser())
    else:
        # Tests read the log through pytest's caplog instead of a file in the checkout.
        _write_to(None if app.testing else Path(app.instance_path) / "security.log")

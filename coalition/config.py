"""Configuration read from the environment."""
import os
import secrets
from datetime import timedelta
from pathlib import Path

from .instance_folder import open_private


class ConfigError(RuntimeError):
    """The environment does not describe a safe configuration."""


def _instance_secret_key(instance_path: Path) -> str:
    """Return the key kept in the instance folder, creating it (mode 600) on first use."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        # Written whole under another name, then linked into place: a second process starting
        # at the same moment reads one key or the other, never half of one.
        draft = instance_path / f".secret_key.{secrets.token_hex(8)}"
        with os.fdopen(open_private(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "w") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'coalition.sqlite'}"
    # Hosting platforms still hand out the old scheme; psycopg 3 is the driver we ship.
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _attachment_settings(instance_path: Path) -> dict:
    # Outside the static folder: meeting documents are served only through a logged-in view.
    directory = os.environ.get("ATTACHMENT_DIR", "").strip()
    megabytes = os.environ.get("ATTACHMENT_MAX_MB", "20").strip()
    if not megabytes.isdigit() or int(megabytes) == 0:
        raise ConfigError("ATTACHMENT_MAX_MB must be a whole number of megabytes above zero.")
    max_bytes = int(megabytes) * 1024 * 1024
    return {
        "ATTACHMENT_DIR": Path(directory).expanduser() if directory else instance_path / "attachments",
        "ATTACHMENT_MAX_BYTES": max_bytes,
        # The whole request may carry one file of the limit plus the form around it; larger
        # requests are refused before they are read.
        "MAX_CONTENT_LENGTH": max_bytes + 1024 * 1024,
    }


def _programme_goal() -> int:
    goal = os.environ.get("PROGRAMME_GOAL", "100").strip()
    if not goal.isdigit() or int(goal) == 0:
        raise ConfigError("PROGRAMME_GOAL must be a whole number of neighbourhoods above zero.")
    return int(goal)


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) == 0:
        raise ConfigError(f"{name} must be a whole number above zero.")
    return int(value)


def _trusted_proxies() -> int:
    # Forwarded headers are believed only from proxies we run: by default a client could forge them.
    value = os.environ.get("TRUSTED_PROXIES", "").strip() or "0"
    if not value.isdigit():
        raise ConfigError("TRUSTED_PROXIES must be the number of reverse proxies in front of the app (0 for none).")
    return int(value)


def _session_settings() -> dict:
    # A session ends after SESSION_MINUTES without a request (the signed cookie carries its
    # time, so a copied cookie expires too) and SESSION_ABSOLUTE_HOURS after login, however busy.
    return {
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=_whole_number("SESSION_MINUTES", 30)),
        "SESSION_ABSOLUTE_HOURS": _whole_number("SESSION_ABSOLUTE_HOURS", 12),
        # People without activity for this long are listed for a retention review.
        "RETENTION_MONTHS": _whole_number("RETENTION_MONTHS", 36),
    }


def _network_job_settings() -> dict:
    # Above this many organisations the whole network is computed by the worker (default in
    # collaboration/view.py); 0 sends it there always.
    value = os.environ.get("NETWORK_JOB_ABOVE_ORGANISATIONS", "").strip()
    if not value:
        return {}
    if not value.isdigit():
        raise ConfigError("NETWORK_JOB_ABOVE_ORGANISATIONS must be a whole number of organisations (0 or more).")
    return {"NETWORK_JOB_ABOVE_ORGANISATIONS": int(value)}


def load_config(instance_path: Path) -> dict:
    """Build the app's settings from the environment."""
    production = os.environ.get("COALITION_ENV", "development") == "production"
    secret_key = os.environ.get("SECRET_KEY", "").strip()
    if not secret_key:
        if production:
            raise ConfigError("SECRET_KEY must be set when COALITION_ENV=production.")
        secret_key = _instance_secret_key(instance_path)
    return {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BOOTSTRAP_SERVE_LOCAL": True,
        "BOOTSTRAP_BTN_STYLE": "primary",
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "LANGUAGES": ["en", "sv"],
        **_session_settings(),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "FORCE_HTTPS": production and os.environ.get("FORCE_HTTPS", "1").strip() != "0",
        # How many reverse proxies in front set X-Forwarded-For/-Proto/-Host (ProxyFix); 0: none.
        "TRUSTED_PROXIES": _trusted_proxies(),
        # Where failed logins are counted: memory is one process only; use Redis in production.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "").strip() or "memory://",
        "LOGIN_LIMIT_PER_ACCOUNT": os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "").strip() or "5 per minute; 30 per hour",
        "LOGIN_LIMIT_PER_ADDRESS": os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "").strip() or "20 per minute; 200 per hour",
        # How many steering-report PDFs one user may have rendered (stored ones are free).
        "REPORT_RENDERS_PER_USER": os.environ.get("REPORT_RENDERS_PER_USER", "").strip() or "4 per minute; 30 per hour",
        # How often one address may load or send survey answer pages (links need no login).
        "SURVEY_ANSWERS_PER_ADDRESS": os.environ.get("SURVEY_ANSWERS_PER_ADDRESS", "").strip()
        or "30 per minute; 300 per hour",
        "SECURITY_LOG": os.environ.get("SECURITY_LOG", "").strip(),  # empty: instance/security.log; "-": none
        # Requests and the security log to standard output too (scripts/serve sets it).
        "LOG_STDOUT": os.environ.get("LOG_STDOUT", "").strip() not in ("", "0"),
        "REMEMBER_COOKIE_DURATION": timedelta(0),
        "WTF_CSRF_TIME_LIMIT": None,
        "PAGE_SIZE": 25,
        # How many neighbourhoods the programme aims to reach: the dashboard measures against it.
        "PROGRAMME_GOAL": _programme_goal(),
        "SQLITE_BUSY_TIMEOUT_MS": 15000,
        # How many computed network figures each web process keeps (collaboration/cache.py).
        "NETWORK_CACHE_SIZE": os.environ.get("NETWORK_CACHE_SIZE", "").strip() or None,
        # Where the web processes share computed network figures (collaboration/shared.py); empty: not shared.
        "FIGURES_REDIS_URL": os.environ.get("FIGURES_REDIS_URL", "").strip(),
        # The background job's queue: SQLite in the instance folder unless Redis is given.
        "HUEY_REDIS_URL": os.environ.get("HUEY_REDIS_URL", "").strip(),
        "HUEY_SQLITE_FILE": instance_path / "huey.sqlite",
        "NETWORK_JOB_CONSUMER": os.environ.get("NETWORK_JOB_CONSUMER", "embedded").strip(),
        **_network_job_settings(),
        **_attachment_settings(instance_path),
    }

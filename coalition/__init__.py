"""Coalition: a CRM for programme offices that build cross-sector coalitions."""
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app: settings from the environment (or the test's), then each part."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    from .config import load_config

    app.config.update(load_config(Path(app.instance_path)))
    app.config["MIGRATIONS_DIRECTORY"] = PROJECT_ROOT / "migrations"
    if test_config:
        app.config.update(test_config)

    from . import audit, auth, cli, db, i18n, network_job, security, web

    db.init_app(app)
    audit.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    network_job.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app

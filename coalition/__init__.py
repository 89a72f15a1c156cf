"""Coalition: a CRM for programme offices that build cross-sector coalitions."""
import os
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app: settings from the environment (or the test's), then each part."""
    app = Flask(
        __name__,
        # The live database, its logs and keys: INSTANCE_PATH may put them on a volume of their own.
        instance_path=os.environ.get("INSTANCE_PATH", "").strip() or str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    from .config import load_config

    app.config.update(load_config(Path(app.instance_path)))
    app.config["MIGRATIONS_DIRECTORY"] = PROJECT_ROOT / "migrations"
    if test_config:
        app.config.update(test_config)

    from . import (
        audit,
        auth,
        background,
        cli,
        collaboration,
        db,
        i18n,
        instance_folder,
        joining,
        request_log,
        security,
        web,
    )

    instance_folder.init_app(app)
    request_log.init_app(app)
    db.init_app(app)
    audit.init_app(app)
    joining.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    background.init_app(app)
    collaboration.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app

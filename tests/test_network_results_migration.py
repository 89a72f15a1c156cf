"""An installation upgraded from the general network_snapshots table keeps counting changes and recomputes its results."""
from datetime import datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from coalition import create_app
from coalition.collaboration import network_view
from coalition.collaboration.job import job_state
from coalition.db import db
from coalition.models import NetworkChangeCount, Organisation, Sector

BEFORE = "b3d8e4f1a2c6"  # the last revision with network_snapshots


def _old_rows(connection) -> None:
    """What the previous version kept: a change counter in a float, the job's state, a result in parts."""
    snapshots = sa.table("network_snapshots", sa.column("name"), sa.column("status"), sa.column("step"),
                         sa.column("fraction"), sa.column("computed_at"), sa.column("data_version"),
                         sa.column("payload", sa.LargeBinary))
    stored = datetime(2026, 11, 30, 12, 0)
    connection.execute(sa.insert(snapshots), [
        {"name": "changes", "status": "idle", "step": "", "fraction": 41.0},
        {"name": "whole", "status": "idle", "step": "", "fraction": 1.0, "computed_at": stored,
         "data_version": "(('changes', 41),)", "payload": b"\x00" * 32 + b"an old pickle"},
        {"name": "whole.quarters", "status": "idle", "step": "", "fraction": 1.0, "computed_at": stored,
         "payload": b"[]"},
        {"name": "whole.graphml", "status": "idle", "step": "", "fraction": 1.0, "computed_at": stored,
         "payload": b"\x1f\x8b old gzip"},
    ])


def test_an_upgrade_carries_the_change_counter_over_and_drops_the_old_results(fresh_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database, "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            _old_rows(connection)
        upgrade()
        assert "network_snapshots" not in sa.inspect(db.engine).get_table_names()
        assert db.session.get(NetworkChangeCount, 1).changes == 41
        assert job_state(db.session) is None, "no stored result: the job computes it again"
        db.session.add(Organisation(name="Norrvik stad", sector=Sector.PUBLIC))
        db.session.commit()
        db.session.expire_all()
        assert db.session.get(NetworkChangeCount, 1).changes == 42, "the counter only ever rises"
        assert network_view(db.session).computed.graph.number_of_nodes() == 1
        db.session.remove()
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            assert connection.execute(sa.text(
                "SELECT fraction FROM network_snapshots WHERE name = 'changes'")).scalar() == 42.0
        db.engine.dispose()

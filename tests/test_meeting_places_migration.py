"""An installation upgraded to meeting places keeps its meetings' free-text places and can count residents at once."""
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from coalition import create_app
from coalition.db import db
from coalition.models import HeadcountGroup, Meeting

PLACES = "88d1ff3ce68d"  # the revision that adds meeting places, area companies and headcounts


def _before(revision: str) -> str:
    from alembic.script import ScriptDirectory
    from flask import current_app

    config = current_app.extensions["migrate"].migrate.get_config()
    return ScriptDirectory.from_config(config).get_revision(revision).down_revision


def test_an_upgrade_keeps_every_meetings_free_text_place(fresh_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database, "TESTING": True})
    with app.app_context():
        before = _before(PLACES)
        upgrade(revision=before)
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO meetings (kind, title, starts_at, place, agenda, minutes, version, created_at, updated_at) "
                "VALUES ('workshop', 'Dialog om torget', '2026-05-04 18:00:00', 'Rosengårds bibliotek, sal 2', "
                "'', '', 1, '2026-05-01 10:00:00', '2026-05-01 10:00:00')"))
        upgrade()
        meeting = db.session.scalar(sa.select(Meeting))
        assert (meeting.place, meeting.meeting_place) == ("Rosengårds bibliotek, sal 2", None)
        assert [(g.name_sv, g.name_en) for g in db.session.scalars(sa.select(HeadcountGroup)
                                                                   .order_by(HeadcountGroup.position))] == [
            ("Boende", "Residents"), ("Unga", "Young people"), ("Övriga", "Others")]
        db.session.remove()
        downgrade(revision=before)
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT place FROM meetings")).scalar() == "Rosengårds bibliotek, sal 2"
            assert "meeting_places" not in sa.inspect(connection).get_table_names()
        db.engine.dispose()

"""when an organisation joined the programme

Revision ID: a23269f7e403
Revises: 88d1ff3ce68d
Create Date: 2026-12-04 03:00:45.601410

Every organisation gets the day it joined, worked out as coalition/joining.py does it: the
earliest of its first attended or organised meeting, its first commitment (made on), its first
declared relationship (from), and the day it was registered. The tables are named here as they
are at this revision, not imported from the models, which may change after it.
"""
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a23269f7e403'
down_revision = '88d1ff3ce68d'
branch_labels = None
depends_on = None

organisations = sa.table("organisations", sa.column("id", sa.Integer), sa.column("created_at", sa.DateTime),
                         sa.column("joined_on", sa.Date), sa.column("joined_because", sa.String))
meetings = sa.table("meetings", sa.column("id", sa.Integer), sa.column("starts_at", sa.DateTime),
                    sa.column("organiser_id", sa.Integer))
participations = sa.table("participations", sa.column("meeting_id", sa.Integer),
                          sa.column("organisation_id", sa.Integer), sa.column("status", sa.String))
commitments = sa.table("commitments", sa.column("id", sa.Integer), sa.column("made_on", sa.Date))
commitment_parties = sa.table("commitment_parties", sa.column("commitment_id", sa.Integer),
                              sa.column("organisation_id", sa.Integer))
relationships = sa.table("relationships", sa.column("from_organisation_id", sa.Integer),
                         sa.column("to_organisation_id", sa.Integer), sa.column("from_date", sa.Date))


_REASONS = "'meeting', 'commitment', 'relationship', 'registered', 'staff'"


def _first_days(bind) -> dict:
    sources = [
        (sa.select(participations.c.organisation_id, sa.func.min(meetings.c.starts_at))
         .join(meetings, meetings.c.id == participations.c.meeting_id)
         .where(participations.c.status == "attended", participations.c.organisation_id.is_not(None))
         .group_by(participations.c.organisation_id), "meeting"),
        (sa.select(meetings.c.organiser_id, sa.func.min(meetings.c.starts_at))
         .where(meetings.c.organiser_id.is_not(None)).group_by(meetings.c.organiser_id), "meeting"),
        (sa.select(commitment_parties.c.organisation_id, sa.func.min(commitments.c.made_on))
         .join(commitments, commitments.c.id == commitment_parties.c.commitment_id)
         .group_by(commitment_parties.c.organisation_id), "commitment"),
        (sa.select(relationships.c.from_organisation_id, sa.func.min(relationships.c.from_date))
         .group_by(relationships.c.from_organisation_id), "relationship"),
        (sa.select(relationships.c.to_organisation_id, sa.func.min(relationships.c.from_date))
         .group_by(relationships.c.to_organisation_id), "relationship"),
        (sa.select(organisations.c.id, organisations.c.created_at), "registered"),
    ]
    found = defaultdict(lambda: None)
    for query, because in sources:
        for organisation_id, day in bind.execute(query):
            if day is None:
                continue
            day = day.date() if isinstance(day, datetime) else day
            if found[organisation_id] is None or day < found[organisation_id][0]:
                found[organisation_id] = (day, because)
    return found


def upgrade():
    bind = op.get_bind()
    op.add_column('organisations', sa.Column('joined_on', sa.Date(), nullable=True))
    if bind.dialect.name == "sqlite":
        # A check added to an existing table makes batch mode rebuild it, which SQLite refuses while
        # other tables refer to it (foreign keys are on); ADD COLUMN takes the check inline instead.
        op.execute(f"ALTER TABLE organisations ADD COLUMN joined_because VARCHAR(12) DEFAULT 'registered' NOT NULL "
                   f"CONSTRAINT ck_organisations_joinedbecause CHECK (joined_because IN ({_REASONS}))")
    else:
        op.add_column('organisations', sa.Column('joined_because', sa.String(12), nullable=False,
                                                 server_default='registered'))
        op.create_check_constraint(op.f('ck_organisations_joinedbecause'), 'organisations',
                                   f"joined_because IN ({_REASONS})")
    op.create_index(op.f('ix_organisations_joined_on'), 'organisations', ['joined_on'], unique=False)
    rows = [{"key": organisation_id, "day": day, "because": because}
            for organisation_id, (day, because) in _first_days(bind).items()]
    if rows:
        bind.execute(organisations.update().where(organisations.c.id == sa.bindparam("key"))
                     .values(joined_on=sa.bindparam("day"), joined_because=sa.bindparam("because")), rows)


def downgrade():
    op.drop_index(op.f('ix_organisations_joined_on'), table_name='organisations')
    if op.get_bind().dialect.name == "sqlite":
        # Not batch mode, for the reason upgrade() gives; SQLite drops a column with its own check.
        op.execute("ALTER TABLE organisations DROP COLUMN joined_because")
        op.execute("ALTER TABLE organisations DROP COLUMN joined_on")
    else:
        op.drop_constraint(op.f('ck_organisations_joinedbecause'), 'organisations', type_='check')
        op.drop_column('organisations', 'joined_because')
        op.drop_column('organisations', 'joined_on')

"""calendar feed token

Revision ID: 97762f0bd85a
Revises: 6ad192085c9d
Create Date: 2026-11-23 14:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '97762f0bd85a'
down_revision = '6ad192085c9d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_feed_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_calendar_feed_token_hash'), ['calendar_feed_token_hash'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_calendar_feed_token_hash'), type_='unique')
        batch_op.drop_column('calendar_feed_token_hash')

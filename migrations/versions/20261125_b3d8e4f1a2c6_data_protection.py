"""data protection: why a person is restricted, and when their retention was last reviewed

Revision ID: b3d8e4f1a2c6
Revises: 5e1f0c2a9b7d
Create Date: 2026-11-25 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3d8e4f1a2c6'
down_revision = '5e1f0c2a9b7d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restriction_reason', sa.String(length=500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('retention_reviewed_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('retention_reviewed_on')
        batch_op.drop_column('restriction_reason')

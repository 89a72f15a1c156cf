"""network map drawings: the job stores each community's drawing, so a community opens without reading every tie

Revision ID: d7a31f5c9e02
Revises: 260d49d9ed2c
Create Date: 2026-12-04 10:00:00.000000

Results stored before this revision have no drawings; the page then reads their ties to draw a
community, as before, until the job runs again.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7a31f5c9e02'
down_revision = "260d49d9ed2c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('network_results', schema=None) as batch_op:
        batch_op.add_column(sa.Column('drawings', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('network_results', schema=None) as batch_op:
        batch_op.drop_column('drawings')

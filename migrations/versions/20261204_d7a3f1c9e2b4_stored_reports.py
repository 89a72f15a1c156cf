"""stored reports: the steering report's PDF kept per period, language and data version

Revision ID: d7a3f1c9e2b4
Revises: c4e9a7d2f810
Create Date: 2026-12-04 03:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7a3f1c9e2b4'
down_revision = 'c4e9a7d2f810'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'stored_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('period_from', sa.Date(), nullable=False),
        sa.Column('period_to', sa.Date(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('made_at', sa.DateTime(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_reports')),
        sa.UniqueConstraint('key', name=op.f('uq_stored_reports_key')),
    )


def downgrade():
    op.drop_table('stored_reports')

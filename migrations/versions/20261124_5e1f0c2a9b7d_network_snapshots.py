"""network snapshots: the whole-programme network computed in the background

Revision ID: 5e1f0c2a9b7d
Revises: 97762f0bd85a
Create Date: 2026-11-24 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1f0c2a9b7d'
down_revision = '97762f0bd85a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'network_snapshots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('step', sa.String(length=80), nullable=False),
        sa.Column('fraction', sa.Float(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('computed_at', sa.DateTime(), nullable=True),
        sa.Column('seconds', sa.Float(), nullable=True),
        sa.Column('data_version', sa.Text(), nullable=True),
        sa.Column('payload', sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_network_snapshots')),
        sa.UniqueConstraint('name', name=op.f('uq_network_snapshots_name')),
    )


def downgrade():
    op.drop_table('network_snapshots')

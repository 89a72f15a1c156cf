"""network results: the job's state, its stored results and the change counter in tables of their own

The general table network_snapshots held the job's state, pickled results, downloads, quarter
figures and a change counter in a float column. Its stored results are dropped, not converted:
the next run of the background job computes them again. The change counter is carried over, so
that it only ever rises.

Revision ID: 59e5e1e15902
Revises: b3d8e4f1a2c6
Create Date: 2026-12-03 22:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '59e5e1e15902'
down_revision = 'b3d8e4f1a2c6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'network_change_counts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('changes', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_network_change_counts')),
    )
    op.create_table(
        'network_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('step', sa.String(length=80), nullable=False),
        sa.Column('progress', sa.Float(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_network_jobs')),
        sa.UniqueConstraint('name', name=op.f('uq_network_jobs_name')),
    )
    op.create_table(
        'network_results',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('computed_at', sa.DateTime(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('data_version', sa.Text(), nullable=False),
        sa.Column('summary', sa.LargeBinary(), nullable=False),
        sa.Column('graph_with_ties', sa.LargeBinary(), nullable=False),
        sa.Column('quarters', sa.JSON(), nullable=False),
        sa.Column('nodes_csv_gz', sa.LargeBinary(), nullable=True),
        sa.Column('ties_csv_gz', sa.LargeBinary(), nullable=True),
        sa.Column('node_link_json_gz', sa.LargeBinary(), nullable=True),
        sa.Column('graphml_gz', sa.LargeBinary(), nullable=True),
        sa.Column('gexf_gz', sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_network_results')),
    )
    op.execute("INSERT INTO network_change_counts (id, changes) "
               "SELECT 1, CAST(fraction AS BIGINT) FROM network_snapshots WHERE name = 'changes'")
    op.drop_table('network_snapshots')


def downgrade():
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
    op.execute("INSERT INTO network_snapshots (name, status, step, fraction) "
               "SELECT 'changes', 'idle', '', changes FROM network_change_counts WHERE id = 1")
    op.drop_table('network_results')
    op.drop_table('network_jobs')
    op.drop_table('network_change_counts')

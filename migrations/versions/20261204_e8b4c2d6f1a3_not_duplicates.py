"""not duplicates: pairs of organisations or people staff judged not to be the same (issue 15)

Revision ID: e8b4c2d6f1a3
Revises: e4b7c2a91f30
Create Date: 2026-12-04 07:55:00
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e8b4c2d6f1a3'
down_revision = 'e4b7c2a91f30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('not_duplicates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.Column('marked_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('first_id < second_id', name=op.f('ck_not_duplicates_pair_in_order')),
    sa.CheckConstraint("kind IN ('organisation', 'person')", name=op.f('ck_not_duplicates_known_kind')),
    sa.ForeignKeyConstraint(['marked_by_id'], ['users.id'], name=op.f('fk_not_duplicates_marked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_not_duplicates')),
    sa.UniqueConstraint('kind', 'first_id', 'second_id', name=op.f('uq_not_duplicates_kind_first_id_second_id'))
    )


def downgrade():
    op.drop_table('not_duplicates')

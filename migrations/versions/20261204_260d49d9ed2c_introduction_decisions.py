"""introduction decisions: suggested introductions staff dismissed or made, with the follow-up of those made

Revision ID: 260d49d9ed2c
Revises: d7a3f1c9e2b4
Create Date: 2026-12-04 03:04:35.995843
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '260d49d9ed2c'
down_revision = 'd7a3f1c9e2b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('introduction_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_organisation_id', sa.Integer(), nullable=False),
    sa.Column('second_organisation_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('dismissed', 'introduced', name='introductionoutcome', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("outcome = 'introduced' OR (due_on IS NULL AND done_on IS NULL)", name=op.f('ck_introduction_decisions_follow_up_only_when_introduced')),
    sa.CheckConstraint('first_organisation_id < second_organisation_id', name=op.f('ck_introduction_decisions_pair_in_order')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_introduction_decisions_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['first_organisation_id'], ['organisations.id'], name=op.f('fk_introduction_decisions_first_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['second_organisation_id'], ['organisations.id'], name=op.f('fk_introduction_decisions_second_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction_decisions')),
    sa.UniqueConstraint('first_organisation_id', 'second_organisation_id', name=op.f('uq_introduction_decisions_first_organisation_id_second_organisation_id'))
    )
    with op.batch_alter_table('introduction_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_introduction_decisions_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_decisions_second_organisation_id'), ['second_organisation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('introduction_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_introduction_decisions_second_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_decisions_due_on'))

    op.drop_table('introduction_decisions')

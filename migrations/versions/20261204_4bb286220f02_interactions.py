"""interactions: calls, e-mails, visits and notes with an actor outside meetings

Revision ID: 4bb286220f02
Revises: e1c4a8b2d6f3
Create Date: 2026-12-04 07:50:06.561922

Issue 15, item 3. A new table only: nothing existing changes.

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '4bb286220f02'
down_revision = 'e1c4a8b2d6f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('call', 'email', 'visit', 'note', name='interactionkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('joint_work', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_interactions_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_interactions_person_id_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_interactions_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interactions'))
    )
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interactions_happened_on'), ['happened_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_interactions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interactions_person_id'), ['person_id'], unique=False)



def downgrade():
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interactions_person_id'))
        batch_op.drop_index(batch_op.f('ix_interactions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_interactions_happened_on'))

    op.drop_table('interactions')

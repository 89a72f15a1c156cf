"""proposals: missions and activities put forward in the coalition process, their status history and votes (issue 17)

Revision ID: e4b7c2a91f30
Revises: e4b7c2a9d1f3
Create Date: 2026-12-04 07:44:27.581694

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4b7c2a91f30'
down_revision = 'e4b7c2a9d1f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('mission', 'activity', name='proposalkind', native_enum=False, create_constraint=True, length=8), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('proposed_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'discussed', 'adopted', 'set_aside', 'merged', name='proposalstatus', native_enum=False, create_constraint=True, length=9), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status != 'adopted' OR initiative_id IS NOT NULL", name=op.f('ck_proposals_adopted_has_initiative')),
    sa.CheckConstraint("status != 'merged' OR merged_into_id IS NOT NULL", name=op.f('ck_proposals_merged_has_target')),
    sa.CheckConstraint('merged_into_id IS NULL OR merged_into_id != id', name=op.f('ck_proposals_not_merged_into_itself')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_proposals_initiative_id_initiatives'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_proposals_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposals.id'], name=op.f('fk_proposals_merged_into_id_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_proposed_on'), ['proposed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_status'), ['status'], unique=False)

    op.create_table('proposal_backers',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_proposal_backers_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_backers_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', 'organisation_id', name=op.f('pk_proposal_backers'))
    )
    with op.batch_alter_table('proposal_backers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_backers_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('proposal_neighbourhoods',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhoods.id'], name=op.f('fk_proposal_neighbourhoods_neighbourhood_id_neighbourhoods'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_neighbourhoods_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', 'neighbourhood_id', name=op.f('pk_proposal_neighbourhoods'))
    )
    with op.batch_alter_table('proposal_neighbourhoods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_neighbourhoods_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('proposal_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'discussed', 'adopted', 'set_aside', 'merged', name='proposalstatus', native_enum=False, create_constraint=True, length=9), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_proposal_status_changes_changed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_status_changes_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_status_changes'))
    )
    with op.batch_alter_table('proposal_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_status_changes_changed_on'), ['changed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_status_changes_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.CheckConstraint('votes >= 0', name=op.f('ck_proposal_votes_votes_not_negative')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_proposal_votes_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_votes_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_votes')),
    sa.UniqueConstraint('proposal_id', 'meeting_id', name=op.f('uq_proposal_votes_proposal_id_meeting_id'))
    )
    with op.batch_alter_table('proposal_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_votes_meeting_id'), ['meeting_id'], unique=False)



def downgrade():
    with op.batch_alter_table('proposal_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_votes_meeting_id'))

    op.drop_table('proposal_votes')
    with op.batch_alter_table('proposal_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_status_changes_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_status_changes_changed_on'))

    op.drop_table('proposal_status_changes')
    with op.batch_alter_table('proposal_neighbourhoods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_neighbourhoods_neighbourhood_id'))

    op.drop_table('proposal_neighbourhoods')
    with op.batch_alter_table('proposal_backers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_backers_organisation_id'))

    op.drop_table('proposal_backers')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_status'))
        batch_op.drop_index(batch_op.f('ix_proposals_proposed_on'))
        batch_op.drop_index(batch_op.f('ix_proposals_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_initiative_id'))

    op.drop_table('proposals')

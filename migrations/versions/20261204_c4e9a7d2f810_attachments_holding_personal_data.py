"""attachments holding personal data: staff only, as people are

Revision ID: c4e9a7d2f810
Revises: 59e5e1e15902
Create Date: 2026-12-04 09:00:00.000000

Attachments stored before this revision are marked as holding personal data. Nobody can tell
from the database which of them are sign-in lists with names and e-mails, so the steering group
stops seeing all of them until staff, who can open them, clear the mark on those that hold none:
a document hidden for a while is a smaller harm than names shown to those who should not see them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e9a7d2f810'
down_revision = "59e5e1e15902"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holds_personal_data', sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade():
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_column('holds_personal_data')

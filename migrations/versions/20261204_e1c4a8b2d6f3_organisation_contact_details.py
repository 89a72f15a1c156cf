"""an organisation's address, postcode, town, phone and e-mail

Revision ID: e1c4a8b2d6f3
Revises: e8b4c2d6f1a3
Create Date: 2026-12-04 08:00:00

Organisations already had a website; now they get where they are and how they are reached
(issue 15, item 3). Every existing organisation gets empty values.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e1c4a8b2d6f3'
down_revision = 'e8b4c2d6f1a3'
branch_labels = None
depends_on = None

_COLUMNS = (("address", 300), ("postcode", 6), ("town", 100), ("phone", 40), ("email", 254))


def upgrade():
    # Plain ADD COLUMN, not batch mode: a batch rebuild would turn the inline check of
    # joined_because (20261204_a23269f7e403) into one SQLite then refuses to drop it past.
    for name, length in _COLUMNS:
        op.add_column("organisations", sa.Column(name, sa.String(length), nullable=False, server_default=""))


def downgrade():
    for name, _length in reversed(_COLUMNS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE organisations DROP COLUMN {name}")
        else:
            op.drop_column("organisations", name)

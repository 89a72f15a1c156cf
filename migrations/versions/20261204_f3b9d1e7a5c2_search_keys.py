"""search keys: meeting titles, initiative names and commitment descriptions ignoring case, accents and spacing

Revision ID: f3b9d1e7a5c2
Revises: 4bb286220f02
Create Date: 2026-12-04 08:20:00

The header's search box (issue 15, item 4) and these registers' lists match them as the
organisation pickers match names: "rosengard" finds "Rosengårds torg". Each key is filled from
its column as the models keep it (coalition.text.match_key, copied here as it is at this
revision), a thousand rows at a time.
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f3b9d1e7a5c2'
down_revision = '4bb286220f02'
branch_labels = None
depends_on = None

# table, column, its key, the key's type
_KEYS = (("meetings", "title", "title_key", sa.String(300)), ("initiatives", "name", "name_key", sa.String(200)),
         ("commitments", "description", "description_key", sa.Text()))
_AT_ONCE = 1000
_WHITESPACE = re.compile(r"\s+")


def match_key(value: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WHITESPACE.sub("", without_accents.casefold())


def upgrade():
    bind = op.get_bind()
    for table_name, column, key, key_type in _KEYS:
        # Plain ADD and DROP COLUMN, not batch mode: no table is rebuilt (see 20261204_e1c4a8b2d6f3).
        op.add_column(table_name, sa.Column(key, key_type, nullable=False, server_default=""))
        table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(column, sa.Text), sa.column(key, sa.Text))
        rows = bind.execute(sa.select(table.c.id, table.c[column])).all()
        for start in range(0, len(rows), _AT_ONCE):
            chunk = [{"row_id": row_id, "key": match_key(text)} for row_id, text in rows[start:start + _AT_ONCE]]
            bind.execute(sa.update(table).where(table.c.id == sa.bindparam("row_id")).values({key: sa.bindparam("key")}),
                         chunk)


def downgrade():
    for table_name, _column, key, _key_type in reversed(_KEYS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table_name} DROP COLUMN {key}")
        else:
            op.drop_column(table_name, key)

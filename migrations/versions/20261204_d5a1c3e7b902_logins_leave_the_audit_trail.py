"""logins leave the audit trail

Revision ID: d5a1c3e7b902
Revises: a23269f7e403
Create Date: 2026-12-04 12:00:00.000000

Every login wrote an audit row that changed only the account's last_login_at, flooding the trail
that admins read for changes to the data. Logins are recorded in the security log
(``login.succeeded``); the audit trail no longer records them, and the rows it kept of them go.
An account change that also touched last_login_at keeps its row, without that field.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd5a1c3e7b902'
down_revision = 'a23269f7e403'
branch_labels = None
depends_on = None

audit_records = sa.table("audit_records", sa.column("id", sa.Integer), sa.column("entity", sa.String),
                         sa.column("action", sa.String), sa.column("changes", sa.JSON))


def upgrade():
    bind = op.get_bind()
    logins, trimmed = [], []
    for record_id, changes in bind.execute(sa.select(audit_records.c.id, audit_records.c.changes).where(
            audit_records.c.entity == "User", audit_records.c.action == "update")):
        if not changes or "last_login_at" not in changes:
            continue
        rest = {key: value for key, value in changes.items() if key != "last_login_at"}
        if rest:
            trimmed.append({"key": record_id, "rest": rest})
        else:
            logins.append(record_id)
    for start in range(0, len(logins), 500):
        bind.execute(audit_records.delete().where(audit_records.c.id.in_(logins[start:start + 500])))
    if trimmed:
        bind.execute(audit_records.update().where(audit_records.c.id == sa.bindparam("key"))
                     .values(changes=sa.bindparam("rest")), trimmed)


def downgrade():
    pass  # the logins are in the security log; the rows are not made up again

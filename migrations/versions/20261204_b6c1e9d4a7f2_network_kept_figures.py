"""network kept figures: a large programme's filtered networks, computed once after each run of the job for every web process

Revision ID: b6c1e9d4a7f2
Revises: f3b9d1e7a5c2
Create Date: 2026-12-04 18:30:00

Issue 18, item 5: at design scale one neighbourhood's network takes seconds to compute, and
each of the web processes computed it again for itself after every saved record. The network's
data version now also reads who is anonymised or restricted, on every request: indexed.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b6c1e9d4a7f2'
down_revision = 'f3b9d1e7a5c2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "network_kept_figures",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["result_id"], ["network_results.id"], name=op.f("fk_network_kept_figures_result_id_network_results"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_network_kept_figures")),
    )
    op.create_index(op.f("ix_network_kept_figures_result_id"), "network_kept_figures", ["result_id"], unique=False)
    with op.batch_alter_table("persons") as batch_op:
        batch_op.create_index(batch_op.f("ix_persons_anonymised_at"), ["anonymised_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_persons_restricted_at"), ["restricted_at"], unique=False)


def downgrade():
    with op.batch_alter_table("persons") as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_restricted_at"))
        batch_op.drop_index(batch_op.f("ix_persons_anonymised_at"))
    op.drop_index(op.f("ix_network_kept_figures_result_id"), table_name="network_kept_figures")
    op.drop_table("network_kept_figures")

"""Plans and tasks get UUIDs that are never reused; headings may have three
levels; task numbers may restart in each section.

Revision ID: 0004
Revises: 0003
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _fill_uuids(table: str) -> None:
    connection = op.get_bind()
    ids = [row[0] for row in connection.execute(sa.text(f"SELECT id FROM {table}"))]
    for row_id in ids:
        connection.execute(
            sa.text(f"UPDATE {table} SET uuid = :uuid WHERE id = :id"), {"uuid": str(uuid.uuid4()), "id": row_id}
        )


def upgrade() -> None:
    for table in ("plans", "tasks"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
        _fill_uuids(table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("uuid", existing_type=sa.String(length=36), nullable=False)
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_uuid"), ["uuid"])
    with op.batch_alter_table("tasks") as batch_op:
        batch_op.drop_constraint(op.f("uq_tasks_plan_id_number"), type_="unique")
    with op.batch_alter_table("sections") as batch_op:
        batch_op.drop_constraint(op.f("ck_sections_level"), type_="check")
        batch_op.create_check_constraint(op.f("ck_sections_level"), "level IN (1, 2, 3)")


def downgrade() -> None:
    with op.batch_alter_table("sections") as batch_op:
        batch_op.drop_constraint(op.f("ck_sections_level"), type_="check")
        batch_op.create_check_constraint(op.f("ck_sections_level"), "level IN (1, 2)")
    with op.batch_alter_table("tasks") as batch_op:
        batch_op.create_unique_constraint(op.f("uq_tasks_plan_id_number"), ["plan_id", "number"])
    for table in ("plans", "tasks"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"uq_{table}_uuid"), type_="unique")
            batch_op.drop_column("uuid")

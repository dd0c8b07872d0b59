"""Bringing a database's schema to the revision this program knows.

Opening an up-to-date database must not pay for importing Alembic (start-up
time), so the head revision is also written here; a test checks it against
the migration scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect

from db.errors import DatabaseError
from db.schema.engine import foreign_key_violations, foreign_keys_off

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0005"


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> list[str]:
    """Every revision of the scripts, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the migrations up to `target` in one transaction: all of them or none."""
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection, foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, target)
        if violations := foreign_key_violations(connection):
            raise DatabaseError(f"升级数据库结构后发现 {len(violations)} 处外键错误，已撤销升级")

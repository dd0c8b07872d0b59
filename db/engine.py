"""Engine set-up, and everything that is SQLite's own, kept in this one place.

SQLite is the embedded default; an office that shares one server would pass a
PostgreSQL URL to `make_engine` and skip the file checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from db.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_path(path: Path) -> bool:
    """Refuse a path that cannot hold the database; say whether the file exists.

    A folder that does not exist is refused rather than created, so that a
    mistyped --db does not silently start an empty ledger somewhere else.
    """
    if path.is_dir():
        raise DatabaseError(f"{path}：是一个文件夹，不是数据库文件")
    if not path.parent.is_dir():
        raise DatabaseError(f"{path}：所在的文件夹 {path.parent} 不存在")
    if not path.exists():
        return False
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    if header and header != SQLITE_HEADER:
        raise DatabaseError(f"{path}：不是本程序的数据库文件（不是 SQLite 数据库）")
    return bool(header)


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file with foreign keys on, WAL and real transactions."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"isolation_level": None})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    # pysqlite's own transaction handling does not begin before SELECT or DDL;
    # with isolation_level None we emit BEGIN ourselves so a transaction is whole.
    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Migrations copy tables, which foreign keys forbid; they can only be
    switched outside a transaction, so this wraps the migration's one."""
    raw = connection.connection.dbapi_connection
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def foreign_key_violations(connection: Connection) -> list[tuple]:
    return [tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")]

"""Opening the ledger: one object holding the engine, handing out transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from db import backup, integrity, lock, migrate
from db.engine import (
    ReadOnlyLocationError,
    check_sqlite_path,
    check_writable,
    make_engine,
    network_share_warning,
)
from db.errors import DatabaseError
from db.integrity import DamagedDatabaseError
from db.lock import DatabaseLockedError

__all__ = [
    "DamagedDatabaseError",
    "Database",
    "DatabaseError",
    "DatabaseLockedError",
    "ReadOnlyLocationError",
    "open_database",
]


class Database:
    """An open database. Every user action is one `transaction()`.

    `read_only`: opened with `open_database(..., read_only=True)`; every
    write fails. `warnings`: things to tell the user on opening (a network
    share, a stale lock taken over, a start backup that failed), in Chinese.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        writer_lock: lock.WriterLock | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.warnings: list[str] = warnings if warnings is not None else []
        self._lock = writer_lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    def session(self) -> Session:
        """A session for reading; whatever it is asked to write is rolled back on close."""
        return self._sessions()

    def close(self) -> None:
        """Close every connection and give up the writer lock (again: no harm)."""
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()


def open_database(path: Path, *, first_plan: Path | None = None, read_only: bool = False) -> Database:
    """Open the ledger at `path`, creating it when there is none.

    A new database gets the schema and, with `first_plan`, that plan (the
    GUI's first start) — and the shipped unit registry when that plan is the
    bundled one (db.registry.seed_for_plan); otherwise its registry starts
    empty. It is built under a
    temporary name and moved into place only when complete, so an interrupted
    first start leaves nothing half-made.

    An existing file is checked (db.integrity: quick_check and foreign keys on
    every open, the full integrity_check on the first open of the day) and
    refused when damaged (DamagedDatabaseError, naming the newest good
    backup). The first open of each day makes the `start` backup; an older
    schema is backed up (`migration`) and upgraded.

    Writing takes the lock file beside the database (db.lock): another
    process holding it gives DatabaseLockedError, after which the caller may
    open with `read_only=True`: SQLite `mode=ro`, no lock, no backup, every
    write fails; the file must exist and be of the current schema. A file or
    folder that cannot be written gives ReadOnlyLocationError (the same way
    out). Every refusal leaves the file as it was.
    """
    path = Path(path)
    exists = check_sqlite_path(path)
    warnings = [warning] if (warning := network_share_warning(path)) else []
    if read_only:
        if not exists:
            raise DatabaseError(f"{path}：数据库不存在，无法以只读方式打开")
        return _open_read_only(path, warnings)
    check_writable(path)
    held = lock.acquire(path)
    if held.note:
        warnings.append(held.note)
    try:
        if not exists:
            _create(path, first_plan)
            engine = make_engine(path)
        else:
            engine = _open_existing(path, warnings)
    except BaseException:
        held.release()
        raise
    return Database(path, engine, writer_lock=held, warnings=warnings)


def _open_existing(path: Path, warnings: list[str]) -> Engine:
    start_due = backup.start_backup_due(path)
    if problems := integrity.check(path, full=start_due):
        raise DamagedDatabaseError(path, problems, backup.newest_good_backup(path))
    engine = make_engine(path)
    try:
        upgrade = migrate.needs_upgrade(engine)
        if start_due:
            try:
                backup.backup_before(path, "start")
            except DatabaseError as exc:
                warnings.append(f"今天的自动备份未能完成：{exc}")
        if upgrade:
            backup.backup_before(path, "migration")  # no backup, no upgrade
            migrate.upgrade(engine)
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"{path}：数据库文件已损坏或无法打开（{exc.orig}）") from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _open_read_only(path: Path, warnings: list[str]) -> Database:
    if problems := integrity.check(path, full=False):
        raise DamagedDatabaseError(path, problems, backup.newest_good_backup(path))
    engine = make_engine(path, read_only=True)
    try:
        if migrate.needs_upgrade(engine):
            raise DatabaseError(f"{path}：数据库由旧版本的程序创建，需要先以可写方式打开一次完成升级，只读方式无法打开")
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"{path}：数据库文件已损坏或无法打开（{exc.orig}）") from None
    except BaseException:
        engine.dispose()
        raise
    holder = lock.holder_of(path)
    note = f"以只读方式打开：不能修改{'，数据库正由' + holder.describe() + '使用' if holder else ''}"
    return Database(path, engine, read_only=True, warnings=[*warnings, note])


def _create(path: Path, first_plan: Path | None) -> None:
    building = path.with_name(path.name + ".creating")
    for leftover in (building, *(Path(f"{building}{suffix}") for suffix in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    engine = make_engine(building)
    try:
        migrate.upgrade(engine)
        database = Database(building, engine)
        if first_plan is not None:
            from db.plan_import import import_plan
            from db.plans import read_plan
            from db.registry import bundled_collective_names, seed_for_plan

            parsed = read_plan(first_plan, bundled_collective_names())
            with database.transaction() as session:
                seed_for_plan(session, parsed)
                import_plan(session, parsed)
    except BaseException:
        engine.dispose()
        building.unlink(missing_ok=True)
        raise
    engine.dispose()  # the last connection closing checkpoints and removes the WAL
    os.replace(building, path)

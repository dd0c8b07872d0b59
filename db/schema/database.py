"""Opening the ledger: one object holding the engine, handing out transactions."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError as SQLAlchemyOperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.errors import DatabaseError, ReadOnlyFileError
from db.safety import backup, integrity, lock
from db.safety.integrity import DamagedDatabaseError
from db.safety.lock import DatabaseLockedError
from db.safety.storage import ensure_free_space, remove_with_companions
from db.schema import migrate
from db.schema.check import Verdict
from db.schema.engine import (
    ReadOnlyLocationError,
    check_sqlite_path,
    check_writable,
    make_engine,
    network_share_warning,
    read_only_file_of,
    storage_error,
    tidy_companions,
    wal_present,
)

__all__ = [
    "DailyChores",
    "DailyReport",
    "DamagedDatabaseError",
    "Database",
    "DatabaseError",
    "DatabaseLockedError",
    "ReadOnlyLocationError",
    "create_database",
    "open_database",
    "open_for_reading",
]


@dataclass(frozen=True)
class DailyReport:
    """What the day's chores did: the start backup made (None when it failed,
    `warning` then says why, in Chinese)."""

    backup: Path | None
    warning: str | None = None


class DailyChores:
    """The first open of a day's full `integrity_check` and `start` backup,
    left by `open_database(..., defer_daily=True)` to run after the window
    shows the ledger (`run()`, in a worker thread).

    Until they have run, a transaction waits for them (or runs them itself,
    when nobody has started them yet), so nothing is written before the file
    is known to be whole and its copy of the day is made. When the check
    finds damage, `run()` raises DamagedDatabaseError and the database stops
    writing (`Database.stop_writing`): no transaction begins on it again. No
    start backup is made then, so the next open runs the full check again.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._lock = threading.Lock()
        self._report: DailyReport | None = None
        self._damage: DamagedDatabaseError | None = None

    @property
    def done(self) -> bool:
        return self._report is not None or self._damage is not None

    def run(self) -> DailyReport:
        """Run them, unless they have run (then their outcome again); the
        first caller runs them, another waits for it."""
        with self._lock:
            if not self.done:
                self._run()
        if self._damage is not None:
            raise self._damage
        assert self._report is not None
        return self._report

    def _run(self) -> None:
        path = self._database.path
        try:
            problems = integrity.check(path, full=True)
        except DatabaseError as exc:  # cannot be read here (a full disk …): not damage, but not checked either
            self._report = DailyReport(None, f"今天的完整性检查未能完成：{exc}")
            return
        if problems:
            self._damage = DamagedDatabaseError(path, problems, backup.newest_good_backup(path))
            self._database.stop_writing(self._damage)
            return
        try:
            self._report = DailyReport(backup.backup_before(path, "start"))
        except DatabaseError as exc:
            self._report = DailyReport(None, f"今天的自动备份未能完成：{exc}")


def _refuse_to_write(session: Session, _context: object, _instances: object) -> None:
    raise RuntimeError("a reading session cannot write: every write is an operation (db.operations.runner.perform)")


class Database:
    """An open database: reading sessions for anyone, and the write
    transaction of db.operations.runner (every user action is one).

    `read_only`: opened with `open_database(..., read_only=True)`, or
    stopped from writing (`stop_writing`); every write fails. `warnings`:
    things to tell the user on opening (a network share, a stale lock taken
    over, a start backup that failed), in Chinese. `daily`: the day's full
    check and start backup when `open_database` left them to the caller.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        writer_lock: lock.WriterLock | None = None,
        warnings: list[str] | None = None,
        tidy: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.warnings: list[str] = warnings if warnings is not None else []
        self.daily: DailyChores | None = None
        self._refusal: DatabaseError | None = None
        self._lock = writer_lock
        self._tidy = tidy  # read-only, and no -wal was there: remove the -wal and -shm SQLite makes for it on closing
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._readers, "before_flush", _refuse_to_write)

    def stop_writing(self, reason: DatabaseError) -> None:
        """From now on every transaction is refused with `reason` (the file
        was found damaged) before anything is written; reading goes on."""
        self._refusal = reason
        self.read_only = True

    def finish_daily(self) -> None:
        """Before any write: the day's full check and start backup, when
        opening left them (`daily`) and they have not run yet (this waits for
        the worker running them); then the refusal of a file they found
        damaged (DamagedDatabaseError), nothing written."""
        if self.daily is not None:
            self.daily.run()
        if self._refusal is not None:
            raise self._refusal

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end, or not at all.

        The write primitive of db.operations.runner, the one door: nothing
        else in the program calls it (tests/test_one_door.py), so that no
        write escapes the read-only check, the backup rule, the free-space
        check and the history the runner owns. A write that fails because of
        where the file lies — a full disk, the file or its -wal made
        read-only — is rolled back by SQLite and raised as the plain
        DiskFullError / ReadOnlyFileError (db.schema.engine.storage_error);
        a file made read-only or immutable is refused before SQLite touches it
        (`refuse_read_only_file`).
        """
        self.finish_daily()
        self.refuse_read_only_file()
        try:
            with self._sessions() as session, session.begin():
                yield session
        except SQLAlchemyOperationalError as exc:
            if self.read_only:
                raise  # opened read-only: "attempt to write a readonly database", whatever the file
            if (error := storage_error(self.path, exc, "本次修改未保存，数据库保持原样")) is not None:
                raise error from None
            raise

    def refuse_read_only_file(self) -> None:
        """ReadOnlyFileError when the file or its -wal / -shm was made read-only
        (or immutable) behind the program's back: SQLite writing into a mapped
        -shm that cannot be written ends the process with SIGBUS."""
        if not self.read_only and (read_only := read_only_file_of(self.path)) is not None:
            raise ReadOnlyFileError(read_only, "本次修改未保存，数据库保持原样")

    def session(self) -> Session:
        """A session for reading. It cannot write: a flush of anything added,
        changed or deleted raises (writes go through db.operations.runner)."""
        return self._readers()

    def close(self) -> None:
        """Close every connection and give up the writer lock (again: no harm).
        Read-only, it leaves no -wal or -shm beside the file where there was none."""
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
        if self._tidy:
            self._tidy = False
            tidy_companions(self.path)


def open_database(
    path: Path, *, first_plan: Path | None = None, read_only: bool = False, defer_daily: bool = False
) -> Database:
    """Open the ledger at `path`, creating it when there is none.

    A new database gets the schema and, with `first_plan`, that plan (the
    GUI's first start) — and the shipped unit registry when that plan is the
    bundled one (db.plans.registry.seed_for_plan); otherwise its registry starts
    empty. It is built under a
    temporary name and moved into place only when complete, so an interrupted
    first start leaves nothing half-made.

    An existing file is checked (db.safety.integrity: quick_check and foreign keys on
    every open, the full integrity_check on the first open of the day) and
    refused when damaged (DamagedDatabaseError, naming the newest good
    backup); its schema must be the one the migrations make for its revision
    (db.schema.check): another program's SQLite file, an altered ledger (a table or
    column missing, a trigger added) or a newer one is refused (DatabaseError)
    before a byte is written. The first open of each day makes the `start`
    backup; an older schema is backed up (`migration`) and upgraded.

    With `defer_daily` (the window, which shows the plan first), the first
    open of a day runs only the quick check and leaves the full check and the
    start backup to `Database.daily` (DailyChores), which the caller runs in
    the background; a transaction waits for them. An older schema is not
    left: it is checked in full, backed up (start, migration) and upgraded
    before this returns, as without `defer_daily`.

    Writing takes the lock file beside the database (db.safety.lock): another
    process holding it gives DatabaseLockedError, after which the caller may
    open with `read_only=True`: SQLite `mode=ro`, no lock, no backup, no
    migration, every write fails, and no -wal or -shm left beside the file
    where there was none (the command line's reading commands open so, also
    while the window holds the database); the file must exist and be of the
    current schema. A file or folder that cannot be written gives
    ReadOnlyLocationError (the same way out). Every refusal leaves the file as
    it was.
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
            _create(path, first_plan, held)
            engine, deferred = make_engine(path), False
        else:
            engine, deferred = _open_existing(path, warnings, defer_daily)
    except BaseException:
        held.release()
        raise
    database = Database(path, engine, writer_lock=held, warnings=warnings)
    if deferred:
        database.daily = DailyChores(database)
    return database


def create_database(path: Path) -> Database:
    """A new, empty ledger at `path`: the schema, no plan, an empty unit
    registry (the window's 文件 → 新建台账). A file already there is never
    overwritten (DatabaseError), unless it is empty (0 bytes: a file made
    by a save dialog, say), which becomes the ledger."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > 0:
        raise DatabaseError(
            f"{path}：文件已存在，新建的台账不会覆盖它；请换一个文件名（打开已有的台账请用 文件 → 打开台账…）"
        )
    return open_database(path)


def _verified(path: Path, *, full: bool) -> Verdict:
    """The verdict on a whole file of this program's schema (db.schema.check);
    DamagedDatabaseError for a damaged file, DatabaseError for one that is
    not a ledger of this program (another program's, altered, newer). Read
    without writing a byte, or leaving a file beside it."""
    problems, verdict = integrity.examine_file(path, full=full)
    if problems or verdict is None:
        raise DamagedDatabaseError(path, problems, backup.newest_good_backup(path))
    if refusal := verdict.refusal():
        raise DatabaseError(f"{path}：{refusal}；为保护其中的数据，本程序不会打开或写入它")
    return verdict


def _open_existing(path: Path, warnings: list[str], defer_daily: bool) -> tuple[Engine, bool]:
    """The engine on a checked file, and whether the day's full check and
    start backup were left to DailyChores."""
    start_due = backup.start_backup_due(path)
    full = start_due and not defer_daily
    verdict = _verified(path, full=full)
    if (
        start_due and not full and verdict.needs_upgrade
    ):  # a migration waits for nothing: its backup of a whole file first
        verdict, full = _verified(path, full=True), True
    engine = make_engine(path)
    try:
        engine.connect().close()  # WAL on; a full disk or a read-only -wal shows here, not in a later read
        if full:
            try:
                backup.backup_before(path, "start")
            except DatabaseError as exc:
                warnings.append(f"今天的自动备份未能完成：{exc}")
        if verdict.needs_upgrade:
            backup.backup_before(path, "migration")  # no backup, no upgrade
            migrate.upgrade(engine)
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        raise _opening_error(path, exc) from None
    except BaseException:
        engine.dispose()
        raise
    return engine, start_due and not full


def _opening_error(path: Path, exc: SQLAlchemyDatabaseError) -> DatabaseError:
    return storage_error(path, exc, "数据库保持原样") or DatabaseError(f"{path}：数据库文件无法打开（{exc.orig}）")


def open_for_reading(path: Path) -> Database:
    """The ledger at `path` for a command that only reads it (reports,
    exports, fill-in sheets): `open_database(path, read_only=True)` without
    its note that it cannot be changed. No lock, no backup, no migration;
    it works while another program writes the database, and leaves no -wal
    or -shm beside a file that had none."""
    path = Path(path)
    if not check_sqlite_path(path):
        raise DatabaseError(f"{path}：数据库不存在，请先用 import-plan 导入工作计划")
    warnings = [warning] if (warning := network_share_warning(path)) else []
    return _open_read_only(path, warnings, note=False)


def _open_read_only(path: Path, warnings: list[str], *, note: bool = True) -> Database:
    if _verified(path, full=False).needs_upgrade:
        raise DatabaseError(
            f"{path}：数据库由旧版本的程序创建，需要先升级一次才能读取；请先在窗口中打开它一次"
            "（或运行一个会写入的命令，如 import-plan、import-returns），程序会先备份再升级，然后再试"
        )
    tidy = not wal_present(path)
    engine = make_engine(path, read_only=True)
    try:
        engine.connect().close()
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        if tidy:
            tidy_companions(path)
        raise _opening_error(path, exc) from None
    if note:
        holder = lock.holder_of(path)
        warnings = [
            *warnings,
            f"以只读方式打开：不能修改{'，数据库正由' + holder.describe() + '使用' if holder else ''}",
        ]
    return Database(path, engine, read_only=True, warnings=warnings, tidy=tidy)


def _create(path: Path, first_plan: Path | None, held: lock.WriterLock) -> None:
    # Not db.safety.storage.replacing: SQLite builds the file (with its -wal and
    # -shm), and it is moved in under the writer lock (held.moving_in).
    building = path.with_name(path.name + ".creating")
    remove_with_companions(building)
    ensure_free_space(path, 0, "未创建数据库")
    engine = make_engine(building)
    try:
        migrate.upgrade(engine)
        database = Database(building, engine)
        if first_plan is not None:
            # Not an operation of the runner: the file is not yet the ledger
            # (no backup of it, no history of its making).
            from db.operations.import_plan import store_plan
            from db.plans import read_plan
            from db.plans.registry import bundled_collective_names

            parsed = read_plan(first_plan, bundled_collective_names())
            with database.transaction() as session:
                store_plan(session, parsed)
    except BaseException as exc:
        engine.dispose()
        remove_with_companions(building)
        if isinstance(exc, SQLAlchemyDatabaseError):
            raise _opening_error(path, exc) from None
        raise
    engine.dispose()  # the last connection closing checkpoints and removes the WAL
    with held.moving_in(building):  # locked from the moment it bears the database's name
        os.replace(building, path)

"""Copies of the database in `backups/` beside it, and restoring one.

Copies are made with SQLite's online backup API on a raw read-only
connection: a program writing the database meanwhile is not disturbed and the
copy is one consistent moment of it. A copy is written under a temporary name,
flushed to disk and renamed, so a copy that is listed is always whole. Copies
are stand-alone files (rollback journal, not WAL): they can be read, checked
and mailed without companions.

Names say whose, when and why: `ledger-20161125-093012-start.db` (the
database's file name without suffix, date, time, reason; `-2`, `-3`… when two
copies fall in the same second). Reasons:

- `start`: the first open of each day (`open_database` makes it)
- `migration`: before a schema upgrade (`open_database` makes it)
- `plan-import`, `returns-import`: callers call `backup_before(path, reason)`
  before those imports
- `manual`: `backup_now` (File → Backup now, `main.py backup`)
- `restore`: the current database, before a restore replaces it

The newest N are kept (office setting `backups_kept`, default 30), older
ones are removed after each new copy; never the copy just made.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.errors import DatabaseError, DiskFullError, InputError
from db.options import BACKUPS_KEPT
from db.safety import lock
from db.safety.integrity import DamagedDatabaseError, check, examine_file, is_good
from db.safety.storage import (
    ensure_free_space,
    file_size,
    free_space,
    is_disk_full,
    remove_with_companions,
    sync_file,
    sync_folder,
)
from db.schema.engine import (
    check_sqlite_path,
    check_writable,
    connect_read_only,
    storage_error,
    tidy_companions,
    wal_present,
)

BACKUP_DIR = "backups"
REASONS = ("start", "migration", "plan-import", "returns-import", "manual", "restore")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int  # bytes


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def _pattern(db_path: Path) -> re.Pattern[str]:
    reasons = "|".join(map(re.escape, REASONS))
    return re.compile(rf"^{re.escape(Path(db_path).stem)}-(\d{{8}}-\d{{6}})-({reasons})(?:-(\d+))?\.db$")


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at `db_path`, newest first."""
    folder = backups_dir(db_path)
    pattern = _pattern(db_path)
    found: list[tuple[datetime, int, BackupInfo]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            made_at = datetime.strptime(match[1], "%Y%m%d-%H%M%S")
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        found.append((made_at, int(match[3] or 1), BackupInfo(Path(entry.path), made_at, match[2], size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _made, _n, info in found]


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that passes the full integrity check, if any."""
    for info in list_backups(db_path):
        if is_good(info.path):
            return info.path
    return None


def start_backup_due(db_path: Path, now: datetime | None = None) -> bool:
    """Whether today's start backup is still to be made."""
    today = (now or datetime.now()).date()
    return not any(info.reason == "start" and info.made_at.date() == today for info in list_backups(db_path))


def backup_before(db_path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Copy the database at `db_path` into its backups folder; the copy's path.

    Callers call it before a plan import (`"plan-import"`) and a returns
    import (`"returns-import"`); the database may be open meanwhile (the
    copy goes through a connection of its own). Raises DatabaseError when the
    copy cannot be made (DiskFullError, naming the space needed, when the
    disk has no room for it); then nothing is left in the folder.

    The copy is written as `.NAME.PID.partial` and renamed when whole; the
    partial files of a backup that was killed (its process no longer runs)
    are removed by the next one.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    db_path = Path(db_path)
    now = now or datetime.now()
    folder = backups_dir(db_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"{folder}：无法创建备份文件夹（{exc.strerror or exc}）") from None
    remove_leftovers(db_path)
    ensure_free_space(folder, file_size(db_path, Path(f"{db_path}-wal")), "未能备份")
    target = _free_name(db_path, reason, now)
    # Not db.safety.storage.replacing: SQLite writes the copy itself (the backup
    # API), with -journal beside it, and a killed backup's leftovers must be
    # found by this name, PID included (remove_leftovers), and removed with them.
    partial = folder / f".{target.name}.{os.getpid()}.partial"
    remove_with_companions(partial)
    tidy = not wal_present(db_path)  # nobody has it open: leave no -wal or -shm beside it (`main.py backup`)
    try:
        source = connect_read_only(db_path)
    except sqlite3.Error as exc:
        raise storage_error(db_path, exc, "未能备份") or DatabaseError(
            f"{db_path}：无法读取数据库以备份（{exc}）"
        ) from None
    try:
        kept = backups_kept(source)
        copy = sqlite3.connect(partial)
        try:
            copy.execute("PRAGMA journal_mode = OFF")  # a partial copy needs no journal: nothing to leave behind
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # a stand-alone file, no -wal
        finally:
            copy.close()
        sync_file(partial)
        os.replace(partial, target)
        sync_folder(folder)
    except (sqlite3.Error, OSError) as exc:
        remove_with_companions(partial)
        raise _backup_error(db_path, target, exc) from None
    finally:
        source.close()
        if tidy:
            tidy_companions(db_path)
    prune(db_path, kept, keep=target)
    return target


def _backup_error(db_path: Path, target: Path, exc: sqlite3.Error | OSError) -> DatabaseError:
    if (error := _place_error(target, exc, "未能备份")) is not None:
        return error
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return DatabaseError(f"{db_path}：备份到 {target.parent} 失败（{detail}）")


def _place_error(file: Path, exc: sqlite3.Error | OSError, what: str) -> DatabaseError | None:
    """A full disk or a read-only file while writing the copy `file`, in plain words."""
    if isinstance(exc, OSError):
        return DiskFullError(file, what, free=free_space(file.parent)) if is_disk_full(exc) else None
    return storage_error(file, exc, what)


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove, from the backups folder, the partial copies left by a backup
    that was killed (`.NAME.PID.partial` and its -journal, -wal, -shm, whose
    process no longer runs; those of older versions have no PID); the removed."""
    pattern = re.compile(rf"^\.{re.escape(Path(db_path).stem)}-.*\.db(?:\.(\d+))?\.partial(?:-journal|-wal|-shm)?$")
    removed = []
    try:
        entries = list(os.scandir(backups_dir(db_path)))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None:
            continue
        pid = int(match[1]) if match[1] else None
        if pid is not None and (pid == os.getpid() or lock.pid_running(pid)):
            continue  # a backup still being made
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def backups_kept(connection: sqlite3.Connection) -> int:
    """The `backups_kept` setting read with plain SQL (the settings module
    needs the ORM, and the database may be too old or damaged for it),
    checked by db.options.BACKUPS_KEPT; its default when absent or refused."""
    try:
        row = connection.execute("SELECT value FROM settings WHERE key = ?", (BACKUPS_KEPT.key,)).fetchone()
        return BACKUPS_KEPT.default if row is None else BACKUPS_KEPT.parse(row[0])
    except (sqlite3.Error, ValueError):
        return BACKUPS_KEPT.default


def prune(db_path: Path, kept: int, *, keep: Path | None = None) -> list[Path]:
    """Remove the backups beyond the newest `kept` (never `keep`); the removed."""
    backups = [info.path for info in list_backups(db_path)]
    if keep is not None and keep in backups:
        backups.remove(keep)
        kept -= 1
    removed = backups[max(kept, 0) :]
    for path in removed:
        remove_with_companions(path)
    return removed


def backup_now(db_path: Path) -> Path:
    """A manual backup (File → Backup now, `main.py backup`); its path.

    The database is checked first (quick_check, schema: a damaged file or
    another program's is refused, and nothing is made beside it), the copy
    then in full: a damaged database gives DamagedDatabaseError and no copy
    (the good copies stay the newest ones).
    """
    db_path = Path(db_path)
    if not check_sqlite_path(db_path):
        raise DatabaseError(f"{db_path}：数据库不存在，没有可备份的内容")
    problems, verdict = examine_file(db_path, full=False)  # refused before a backups folder is made beside it
    if problems or verdict is None:
        raise DamagedDatabaseError(db_path, problems, newest_good_backup(db_path))
    if refusal := verdict.refusal():
        raise DatabaseError(f"{db_path}：{refusal}，未备份")
    target = backup_before(db_path, "manual")
    problems = check(target, full=True)
    if problems:
        remove_with_companions(target)
        raise DamagedDatabaseError(db_path, problems, newest_good_backup(db_path))
    return target


def validate_backup(backup_path: Path) -> str:
    """Refuse a file that cannot be restored (InputError naming it); return its
    schema revision. It must be a regular SQLite file that passes the full
    check and has this program's schema at a revision the program knows,
    exactly as the migrations make it (db.schema.check: no table or column
    missing, no trigger or view added); an older one is upgraded when the
    restored database is opened."""
    from db.schema.engine import SQLITE_HEADER

    backup_path = Path(backup_path)
    if backup_path.is_dir():
        raise InputError(backup_path, "是一个文件夹，不是备份文件")
    if backup_path.exists() and not backup_path.is_file():
        raise InputError(backup_path, "不是普通文件（是管道、设备或套接字），不是备份文件")
    try:
        with backup_path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise InputError(backup_path, "备份文件不存在") from None
    except OSError as exc:
        raise InputError(backup_path, f"无法读取（{exc.strerror or exc}）") from None
    if header != SQLITE_HEADER:
        raise InputError(backup_path, "不是本程序的数据库备份（不是 SQLite 数据库）")
    problems, verdict = examine_file(backup_path, full=True)
    if problems or verdict is None:
        raise InputError(
            backup_path, f"备份文件已损坏（完整性检查发现 {len(problems)} 处问题，如：{problems[0]}），不能用于恢复"
        )
    if refusal := verdict.refusal("数据库备份"):
        raise InputError(backup_path, f"{refusal}，不能用于恢复")
    return str(verdict.revision)


def check_restorable(db_path: Path, backup_path: Path) -> None:
    """Every refusal of a restore that can be known while the database is
    still open: the backup unusable (`validate_backup`: InputError), the
    database itself named as its backup, the database not a ledger to replace,
    its place not writable, the disk without room for the copies. The
    window asks this before it closes the database, so that a refused
    restore leaves it open as it was."""
    db_path, backup_path = Path(db_path), Path(backup_path)
    validate_backup(backup_path)
    if os.path.abspath(backup_path) == os.path.abspath(db_path):
        raise InputError(backup_path, "就是当前的数据库文件，不能用它恢复自己")
    exists = check_sqlite_path(db_path)
    if exists:
        _refuse_another_programs(db_path)
    check_writable(db_path)
    ensure_free_space(db_path, file_size(backup_path) + (file_size(db_path) if exists else 0), "未恢复，数据库保持原样")


def restore_backup(db_path: Path, backup_path: Path) -> Path | None:
    """Replace the database at `db_path` by the backup at `backup_path`.

    The caller must have closed its Database on this file first (every
    engine: the old file's -wal and -shm are removed); DatabaseError if this
    process still has it open, DatabaseLockedError if another does.

    In order: the refusals of `check_restorable`; the current database is
    backed up (reason `restore`; a file SQLite cannot copy is copied byte for
    byte); the backup is copied beside the database under a temporary name
    and flushed; the old file's WAL is checkpointed and its -wal/-shm
    removed; then one `os.replace` puts the copy in place. A failure or crash
    at any step leaves either the old database or the restored one, whole.
    Returns the backup made of the old database (None when there was none).
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    check_restorable(db_path, backup_path)
    if lock.held_here(db_path):
        raise DatabaseError(f"{db_path}：数据库仍在本程序中打开，请先关闭再恢复")
    exists = check_sqlite_path(db_path)
    held = lock.acquire(db_path)
    try:
        saved = _save_current(db_path) if exists else None
        # Not db.safety.storage.replacing: SQLite writes the copy (with its WAL
        # checkpointed away), and the old file's WAL must go between the copy and the move.
        restoring = db_path.with_name(f"{db_path.name}.restoring")
        remove_with_companions(restoring)
        try:
            _copy_into_place(backup_path, restoring)
            if exists:
                _retire_wal(db_path)
            os.replace(restoring, db_path)
            sync_folder(db_path.parent)
        except (sqlite3.Error, OSError) as exc:
            remove_with_companions(restoring)
            if (error := _place_error(db_path, exc, "未恢复，数据库保持原样")) is not None:
                raise error from None
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise DatabaseError(f"{db_path}：从 {backup_path} 恢复失败，数据库保持原样（{detail}）") from None
    finally:
        held.release()
    return saved


def restore(db_path: Path, backup_file: Path) -> Path | None:
    """`main.py restore FILE`: restore the database at `db_path` from
    `backup_file`; returns the backup made of the database it replaced (None
    when there was none). InputError for an unusable backup file,
    DatabaseError (DatabaseLockedError, ReadOnlyLocationError) for the database."""
    db_path, backup_file = Path(db_path), Path(backup_file)
    check_sqlite_path(db_path)  # before anything: a mistyped --db folder is refused
    return restore_backup(db_path, backup_file)


def _refuse_another_programs(db_path: Path) -> None:
    """A file that is not a ledger at all (another program's, empty) is not
    replaced; a damaged or altered ledger is (it is kept as a backup first)."""
    try:
        _, verdict = examine_file(db_path, full=False)
    except DatabaseError:
        return  # cannot be read here: kept byte for byte before it is replaced
    if verdict is not None and verdict.kind in ("foreign", "empty"):
        raise DatabaseError(f"{db_path}：{verdict.refusal()}，不会用备份覆盖它")


def _save_current(db_path: Path) -> Path:
    try:
        return backup_before(db_path, "restore")
    except DiskFullError:
        raise
    except DatabaseError:
        pass
    # SQLite cannot read it (badly damaged): keep its bytes, -wal included.
    target = _free_name(db_path, "restore", datetime.now())
    try:
        shutil.copyfile(db_path, target)
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            shutil.copyfile(wal, f"{target}-wal")
        sync_file(target)
    except OSError as exc:
        remove_with_companions(target)
        raise DatabaseError(f"{db_path}：无法在恢复前备份当前数据库（{exc.strerror or exc}），未恢复") from None
    return target


def _copy_into_place(backup_path: Path, target: Path) -> None:
    source = connect_read_only(backup_path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = WAL")
        finally:
            copy.close()  # the last connection: the WAL is checkpointed and removed
    finally:
        source.close()
    for suffix in ("-wal", "-shm"):
        if Path(f"{target}{suffix}").exists():
            raise OSError(f"{target}{suffix} 未能清除")
    sync_file(target)


def _retire_wal(db_path: Path) -> None:
    """Fold the old file's WAL into it and remove -wal and -shm, so that they
    cannot be applied to the restored file. Nobody writes it: we hold the lock."""
    try:
        connection = sqlite3.connect(db_path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # damaged: it was copied byte for byte, -wal included
    for suffix in ("-wal", "-shm"):
        try:
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise OSError(exc.errno, f"数据库正被其他程序使用（{exc.strerror}）") from None


def _free_name(db_path: Path, reason: str, now: datetime) -> Path:
    folder = backups_dir(db_path)
    base = f"{Path(db_path).stem}-{now:%Y%m%d-%H%M%S}-{reason}"
    target, n = folder / f"{base}.db", 1
    while target.exists() or Path(f"{target}-wal").exists():
        n += 1
        target = folder / f"{base}-{n}.db"
    return target

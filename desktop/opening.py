"""Opening the ledger for the window, and what to do when it cannot simply be
opened: in use by another program, in a place that cannot be written, damaged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db.errors import DatabaseError
from db.resources import BUNDLED_PLAN
from db.safety.backup import restore_backup
from db.safety.integrity import DamagedDatabaseError
from db.safety.lock import DatabaseLockedError
from db.schema.database import Database, open_database
from db.schema.engine import ReadOnlyLocationError, check_sqlite_path

Ask = Callable[[str], bool]


def open_for_window(path: Path, ask: Ask) -> Database | None:
    """The database at `path` (created with the 2016 plan on first start).

    In use elsewhere or in a read-only place: `ask` whether to open it
    read-only. Damaged: `ask` whether to restore the newest good backup (the
    damaged file is backed up first). None when the person declines; other
    errors (DatabaseError, InputError) reach the caller.
    """
    try:
        return open_database(path, first_plan=BUNDLED_PLAN)
    except (DatabaseLockedError, ReadOnlyLocationError) as exc:
        if ask(f"{exc}\n\n是否以只读方式打开（可以查看和打印，不能修改）？"):
            return open_database(path, read_only=True)
        return None
    except DamagedDatabaseError as exc:
        if exc.newest_good_backup is None or not ask(f"{exc}\n\n是否现在从该备份恢复？"):
            raise
        restore_backup(path, exc.newest_good_backup)
        return open_database(path)


def open_existing_for_window(path: Path, ask: Ask) -> Database | None:
    """File → 打开台账: as `open_for_window`, but a ledger is never created:
    a missing or empty file is refused (DatabaseError), as is a file that is
    not a ledger of this program (open_database's checks)."""
    if not check_sqlite_path(path):
        what = "是空文件，不是台账" if path.exists() else "文件不存在"
        raise DatabaseError(f"{path}：{what}；新建台账请用 文件 → 新建台账…")
    return open_for_window(path, ask)

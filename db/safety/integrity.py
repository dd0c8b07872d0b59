"""Is the database file whole? `PRAGMA integrity_check` and `foreign_key_check`.

Run on a raw read-only connection (`mode=ro`), so that checking never writes.

What runs when (measured on a synthetic 5,000-task ledger with 60,000 progress
entries, a 17 MB file, on the development machine: 2-core AMD EPYC, Linux,
SQLite 3.40, warm cache):

- `PRAGMA integrity_check` 112 ms, `PRAGMA quick_check` 40 ms,
  `PRAGMA foreign_key_check` 27 ms.

The full check and the foreign keys together (0.14 s) come close to the
~0.2 s allowed for opening, on a fast server; an office PC is slower. So
`open_database` runs `quick_check` + `foreign_key_check` on every open
(0.07 s here; 2 ms for the real 2016 ledger of 223 KB), and the full
`integrity_check` on the first open of each day, the one that makes the daily
start backup: the backup is then known to be good. quick_check reads every
page and checks each b-tree; what it leaves out is whether the indexes agree
with their tables, which the daily full check catches. A check of a backup
(`restore_backup`, `newest_good_backup`) is always the full one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import DatabaseError
from db.schema.check import Verdict, examine
from db.schema.engine import connect_for_check, storage_error

MAX_PROBLEMS = 20


class DamagedDatabaseError(DatabaseError):
    """The database file failed the integrity check; nothing is written to it."""

    def __init__(self, path: Path, problems: list[str], newest_good_backup: Path | None) -> None:
        self.path = path
        self.problems = problems
        self.newest_good_backup = newest_good_backup
        first = problems[0] if problems else ""
        if newest_good_backup is not None:
            offer = f"最近一个完好的备份是 {newest_good_backup}，可以从该备份恢复"
        else:
            offer = "没有找到完好的备份"
        super().__init__(
            f"{path}：数据库文件已损坏（完整性检查发现 {len(problems)} 处问题，如：{first}）。"
            f"为保护其中的数据，本程序不会写入该文件。{offer}"
        )


def check(path: Path, *, full: bool = True) -> list[str]:
    """The problems found in the database at `path`; [] when it is whole.

    `full` runs `PRAGMA integrity_check`, else the faster `quick_check`;
    `foreign_key_check` runs in both cases. Read through
    `connect_for_check`, so that checking leaves no file beside it.
    """
    return examine_file(path, full=full)[0]


def examine_file(path: Path, *, full: bool = True) -> tuple[list[str], Verdict | None]:
    """`check`, and when the file is whole, the verdict on its schema
    (db.schema.check: is it a ledger of this program?), both in one connection."""
    path = Path(path)
    try:
        connection = connect_for_check(path)
    except sqlite3.Error as exc:
        return _unreadable(path, exc), None
    try:
        problems = check_connection(connection, path, full=full)
        if problems:
            return problems, None
        try:
            return [], examine(connection)
        except sqlite3.Error as exc:
            return _unreadable(path, exc), None
    finally:
        connection.close()


def check_connection(connection: sqlite3.Connection, path: Path, *, full: bool) -> list[str]:
    """`check` on an open raw connection to the database at `path`.

    A file SQLite cannot read gives one problem saying why; one it cannot
    read because of where it lies (a full disk, a file made read-only) raises
    that DatabaseError instead (db.schema.engine.storage_error): that is not damage.
    """
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        if problems:
            return problems  # foreign keys are not worth checking in a broken file
        for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check").fetchmany(MAX_PROBLEMS):
            problems.append(f"表 {table} 第 {rowid} 行引用了 {parent} 中不存在的行")
        return problems
    except sqlite3.Error as exc:
        return _unreadable(path, exc)


def _unreadable(path: Path, exc: sqlite3.Error) -> list[str]:
    if (error := storage_error(path, exc, "未能检查数据库")) is not None:
        raise error
    return [f"无法读取：{exc}"]


def is_good(path: Path) -> bool:
    """Whether `path` is an SQLite file that passes the full check."""
    from db.schema.engine import SQLITE_HEADER

    try:
        with Path(path).open("rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
    except OSError:
        return False
    try:
        return not check(path, full=True)
    except DatabaseError:  # cannot be read here (a full disk …): not known to be good
        return False

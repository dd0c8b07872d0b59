"""Backups through SQLite's online backup API, and restoring one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from db.errors import DatabaseError, InputError
from db.options import BACKUPS_KEPT
from db.safety import backup, lock
from db.safety.backup import BackupInfo
from db.schema import migrate
from db.schema.database import Database, DatabaseLockedError, open_database
from db.schema.engine import make_engine
from tests.conftest import TABLES, dump, file_digest

NAME = r"ledger-\d{8}-\d{6}-{reason}(-\d+)?\.db"


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of a backup, read without opening it as a ledger."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in TABLES}
    finally:
        connection.close()


def set_title(database: Database, title: str) -> None:
    with database.transaction() as session:
        session.execute(text("UPDATE tasks SET title = :title WHERE number = 1"), {"title": title})


def test_a_manual_backup_is_a_whole_stand_alone_copy(plan_db: Database) -> None:
    path = backup.backup_now(plan_db.path)
    assert path.parent == plan_db.path.parent / "backups"
    assert path.name.startswith("ledger-") and path.name.endswith("-manual.db")
    assert datetime.strptime(path.name[7:22], "%Y%m%d-%H%M%S") > datetime.now() - timedelta(minutes=1)
    assert rows(path) == dump(plan_db.path)
    with path.open("rb") as file:
        assert file.read(20)[18:20] == b"\x01\x01"  # rollback journal, not WAL: no companions needed
    assert all(p.name.endswith(".db") for p in path.parent.iterdir())  # no -wal, -shm, .partial
    [info] = [info for info in backup.list_backups(plan_db.path) if info.reason == "manual"]
    assert info == BackupInfo(path, info.made_at, "manual", path.stat().st_size)


def test_a_backup_does_not_disturb_a_running_writer(plan_db: Database) -> None:
    before = dump(plan_db.path)
    with plan_db.transaction() as session:
        session.execute(text("UPDATE tasks SET title = 'half-way' WHERE number = 1"))
        copy = backup.backup_before(plan_db.path, "plan-import")  # the writer has not committed
        session.execute(text("UPDATE tasks SET title = 'done' WHERE number = 2"))
    assert rows(copy) == before
    with plan_db.session() as session:
        titles = session.execute(text("SELECT title FROM tasks WHERE number IN (1, 2) ORDER BY number")).scalars()
        assert list(titles) == ["half-way", "done"]


def test_the_start_backup_is_made_once_a_day(ledger: Path) -> None:
    assert backup.start_backup_due(ledger)
    open_database(ledger).close()
    open_database(ledger).close()
    starts = [info for info in backup.list_backups(ledger) if info.reason == "start"]
    assert len(starts) == 1
    assert not backup.start_backup_due(ledger)
    assert backup.start_backup_due(ledger, datetime.now() + timedelta(days=1))


def test_a_new_database_is_not_backed_up(tmp_path: Path) -> None:
    open_database(tmp_path / "new.db").close()
    assert backup.list_backups(tmp_path / "new.db") == []


def test_a_migration_is_preceded_by_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path)
    migrate.upgrade(engine, migrate.known_revisions()[0])
    engine.dispose()
    open_database(path).close()
    [migration] = [info for info in backup.list_backups(path) if info.reason == "migration"]
    connection = sqlite3.connect(f"file:{migration.path}?mode=ro", uri=True)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.known_revisions()[0]
    connection.close()


def test_names_reasons_and_order(ledger: Path) -> None:
    moment = datetime(2016, 11, 25, 9, 30, 12)
    made = [backup.backup_before(ledger, reason, now=moment) for reason in ("plan-import", "returns-import")]
    made.append(backup.backup_before(ledger, "plan-import", now=moment))
    made.append(backup.backup_before(ledger, "manual", now=moment + timedelta(seconds=1)))
    assert [p.name for p in made] == [
        "ledger-20161125-093012-plan-import.db",
        "ledger-20161125-093012-returns-import.db",
        "ledger-20161125-093012-plan-import-2.db",
        "ledger-20161125-093013-manual.db",
    ]
    (ledger.parent / "backups" / "other-20161125-093014-manual.db").write_bytes(b"")  # another database's
    (ledger.parent / "backups" / "ledger-notes.txt").write_text("x")
    listed = backup.list_backups(ledger)
    assert listed[0].path == made[3]
    assert {info.reason for info in listed} == {"plan-import", "returns-import", "manual"}
    assert len(listed) == 4
    with pytest.raises(ValueError):
        backup.backup_before(ledger, "whim")


def set_kept(path: Path, value: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO settings (key, value) VALUES ('backups_kept', ?)", (value,))
    connection.commit()
    connection.close()


def test_only_the_newest_are_kept(ledger: Path) -> None:
    set_kept(ledger, "3")
    start = datetime(2016, 1, 1)
    made = [backup.backup_before(ledger, "manual", now=start + timedelta(days=n)) for n in range(5)]
    assert [info.path for info in backup.list_backups(ledger)] == made[:-4:-1]
    assert not any(path.exists() for path in made[:2])
    late = backup.backup_before(ledger, "manual", now=start - timedelta(days=1))  # a clock set back
    assert [info.path for info in backup.list_backups(ledger)] == [made[4], made[3], late]  # never the one just made


def test_a_bad_backups_kept_setting_means_the_default(ledger: Path) -> None:
    set_kept(ledger, "viele")
    for n in range(BACKUPS_KEPT.default + 2):
        backup.backup_before(ledger, "manual", now=datetime(2016, 1, 1) + timedelta(minutes=n))
    assert len(backup.list_backups(ledger)) == BACKUPS_KEPT.default


def test_backup_now_of_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="数据库不存在"):
        backup.backup_now(tmp_path / "none.db")
    assert list(tmp_path.iterdir()) == []


def test_restore_brings_back_the_backup_and_keeps_the_current(plan_db: Database) -> None:
    path = plan_db.path
    copy = backup.backup_now(path)
    then = dump(path)
    set_title(plan_db, "备份之后的修改")
    now = dump(path)
    plan_db.close()
    saved = backup.restore(path, copy)
    assert dump(path) == then
    assert saved is not None and "-restore" in saved.name and rows(saved) == now
    leftovers = {p.name for p in path.parent.iterdir()} - {"ledger.db", "backups"}
    assert leftovers == set()
    assert not lock.lock_path(path).exists()


def test_restore_refuses_while_the_database_is_open_here(plan_db: Database) -> None:
    copy = backup.backup_now(plan_db.path)
    digest = file_digest(plan_db.path)
    with pytest.raises(DatabaseError, match="请先关闭"):
        backup.restore(plan_db.path, copy)
    assert file_digest(plan_db.path) == digest


def test_restore_refuses_while_another_process_writes(ledger: Path) -> None:
    from tests.conftest import held_by_another_process

    copy = backup.backup_now(ledger)
    with held_by_another_process(ledger):
        digest = file_digest(ledger)
        with pytest.raises(DatabaseLockedError):
            backup.restore(ledger, copy)
        assert file_digest(ledger) == digest


def _missing(candidate: Path, ledger: Path) -> None:
    pass


def _text(candidate: Path, ledger: Path) -> None:
    candidate.write_text("这不是备份", encoding="utf-8")


def _folder(candidate: Path, ledger: Path) -> None:
    candidate.mkdir()


def _not_ours(candidate: Path, ledger: Path) -> None:
    connection = sqlite3.connect(candidate)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()


def _newer_schema(candidate: Path, ledger: Path) -> None:
    backup.backup_now(ledger).rename(candidate)
    connection = sqlite3.connect(candidate)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()


def _damaged(candidate: Path, ledger: Path) -> None:
    from tests.test_integrity import damage_page

    backup.backup_now(ledger).rename(candidate)
    damage_page(candidate)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_missing, "备份文件不存在"),
        (_text, "不是 SQLite 数据库"),
        (_folder, "是一个文件夹"),
        (_not_ours, "不是本程序的数据库备份（是其他程序的 SQLite 数据库，其中有数据表 photos）"),
        (_newer_schema, "更新版本的程序"),
        (_damaged, "备份文件已损坏"),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else None,
)
def test_a_bad_backup_file_is_refused_and_nothing_changes(ledger: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    candidate = ledger.parent / "candidate.db"
    make(candidate, ledger)
    digest = file_digest(ledger)
    backups = backup.list_backups(ledger)
    with pytest.raises(InputError, match=message) as caught:
        backup.restore(ledger, candidate)
    assert str(candidate) in str(caught.value)
    assert file_digest(ledger) == digest
    assert backup.list_backups(ledger) == backups
    assert not lock.lock_path(ledger).exists()


def test_an_older_backup_is_restored_and_upgraded_on_open(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    engine = make_engine(old)
    migrate.upgrade(engine, migrate.known_revisions()[0])
    engine.dispose()
    path = tmp_path / "ledger.db"
    open_database(path).close()
    backup.restore(path, old)
    database = open_database(path)
    with database.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.HEAD_REVISION
    database.close()


def test_restore_into_a_new_place(ledger: Path, tmp_path: Path) -> None:
    copy = backup.backup_now(ledger)
    target = tmp_path / "elsewhere" / "ledger.db"
    target.parent.mkdir()
    assert backup.restore(target, copy) is None
    assert dump(target) == rows(copy)
    with pytest.raises(DatabaseError, match="不存在"):
        backup.restore(tmp_path / "nowhere" / "ledger.db", copy)
    assert not (tmp_path / "nowhere").exists()


def test_a_damaged_database_can_be_restored_and_is_kept(ledger: Path) -> None:
    copy = backup.backup_now(ledger)
    good = dump(ledger)
    from tests.test_integrity import damage_page

    damage_page(ledger)
    damaged_bytes = ledger.read_bytes()
    saved = backup.restore(ledger, copy)
    assert dump(ledger) == good
    assert saved.read_bytes()[4096:] == damaged_bytes[4096:]  # page for page; the header says "no WAL"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(5, "Input/output error"), "恢复失败，数据库保持原样"),
        (OSError(28, "No space left on device"), "磁盘空间不足"),
    ],
    ids=["io", "full"],
)
def test_a_failure_at_the_last_step_leaves_the_old_database(  # type: ignore[no-untyped-def]
    plan_db: Database, monkeypatch, error: OSError, message: str
) -> None:
    copy = backup.backup_now(plan_db.path)
    set_title(plan_db, "恢复失败也不能丢的修改")
    plan_db.close()
    current = dump(plan_db.path)

    def failing_replace(source, target):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(backup.os, "replace", failing_replace)
    with pytest.raises(DatabaseError, match=message):
        backup.restore(plan_db.path, copy)
    monkeypatch.undo()
    assert dump(plan_db.path) == current
    assert not plan_db.path.with_name("ledger.db.restoring").exists()
    assert not lock.lock_path(plan_db.path).exists()


def test_restore_never_applies_the_old_wal_to_the_restored_file(ledger: Path) -> None:
    """A database whose last writer crashed has a -wal full of committed pages:
    they belong to the old file and must not end up in the restored one."""
    copy = backup.backup_now(ledger)
    restored_rows = rows(copy)
    writer = sqlite3.connect(ledger)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE tasks SET title = 'in the wal'")
    writer.commit()
    assert os.path.getsize(f"{ledger}-wal") > 0
    # the connection stays open like a crashed program's: its WAL is not folded in
    saved = backup.restore(ledger, copy)
    writer.close()
    assert dump(ledger) == restored_rows
    assert {title for (title,) in sqlite3.connect(saved).execute("SELECT title FROM tasks")} == {"in the wal"}


def test_a_file_sqlite_cannot_read_is_kept_byte_for_byte_before_a_restore(ledger: Path, tmp_path: Path) -> None:
    copy = backup.backup_now(ledger)
    broken = tmp_path / "broken" / "ledger.db"
    broken.parent.mkdir()
    broken.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    saved = backup.restore(broken, copy)
    assert saved.read_bytes() == b"SQLite format 3\x00" + b"\x07" * 5000
    assert dump(broken) == rows(copy)


def test_the_next_backup_removes_what_a_killed_one_left(ledger: Path) -> None:
    """Item 18: partial copies of a backup whose process is gone (and its
    journal) are removed; one still being made by a running process is not."""
    folder = backup.backups_dir(ledger)
    folder.mkdir()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    killed = f".ledger-20161125-093012-manual.db.{dead}.partial"
    left = [killed, f"{killed}-journal", ".ledger-20161124-080000-start.db.partial"]  # the last: earlier versions' name
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        busy = f".ledger-20161125-093013-manual.db.{running.pid}.partial"
        for name in (*left, busy, "notes.txt"):
            (folder / name).write_bytes(b"x")
        made = backup.backup_now(ledger)
        running.kill()
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, busy, "notes.txt"])

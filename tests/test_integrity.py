"""A damaged database file is found on open and never written to."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db.safety import backup, integrity, lock
from db.schema.database import DamagedDatabaseError, open_database
from tests.conftest import ROOT, file_digest, refused, run_main

PAGE = 4096


def damage_page(path: Path, table: str = "tasks") -> None:
    """Overwrite the root page of a table with garbage, as a failing disk might."""
    connection = sqlite3.connect(path)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    connection.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * PAGE + 8)
        file.write(b"\xa5" * (PAGE - 8))


def damage_index(path: Path) -> None:
    """Make an index disagree with its table: every page stays well formed, so
    quick_check passes and only the full integrity_check finds it. The index
    is rebuilt under another definition, then given its own back, so that the
    schema is the program's (db.schema.check) and only the index's entries are wrong."""
    connection = sqlite3.connect(path)
    (original,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_tasks_section_id'").fetchone()
    for sql in ("CREATE INDEX ix_tasks_section_id ON tasks (plan_id)", original):
        version = connection.execute("PRAGMA schema_version").fetchone()[0]
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_tasks_section_id'", (sql,))
        connection.execute(f"PRAGMA schema_version = {version + 1}")
        connection.execute("PRAGMA writable_schema = OFF")
        connection.commit()
        connection.close()
        connection = sqlite3.connect(path)
        if sql != original:
            connection.execute("REINDEX ix_tasks_section_id")
            connection.commit()
    connection.close()


def test_a_whole_database_passes(ledger: Path) -> None:
    assert integrity.check(ledger) == []
    assert integrity.check(ledger, full=False) == []
    assert integrity.is_good(ledger)


def test_a_damaged_page_is_found_and_the_file_is_not_written(ledger: Path) -> None:
    damage_page(ledger)
    assert integrity.check(ledger)
    assert integrity.check(ledger, full=False)
    digest = file_digest(ledger)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(ledger)
    message = str(caught.value)
    assert str(ledger) in message and "数据库文件已损坏" in message and "不会写入" in message
    assert "没有找到完好的备份" in message and caught.value.newest_good_backup is None
    assert file_digest(ledger) == digest
    assert not lock.lock_path(ledger).exists()
    assert not backup.backups_dir(ledger).exists()
    with pytest.raises(DamagedDatabaseError):
        open_database(ledger, read_only=True)
    assert file_digest(ledger) == digest


def test_refusing_a_damaged_db_leaves_nothing_beside_it(ledger: Path, tmp_path: Path) -> None:
    """Item 19: refusing a damaged --db left -wal and -shm beside it (the
    check's read-only connection made them and could not remove them)."""
    damage_page(ledger)
    digest = file_digest(ledger)
    for command in (
        ["export", tmp_path / "out.json"],
        ["backup"],
        ["import-plan", ROOT / "resources" / "plans" / "xiamen-2016-task-division.txt"],
    ):
        refused(run_main("--db", ledger, *command), str(ledger), "数据库文件已损坏")
        assert sorted(p.name for p in ledger.parent.iterdir()) == ["ledger.db"], command
    for read_only in (False, True):
        with pytest.raises(DamagedDatabaseError):
            open_database(ledger, read_only=read_only)
        assert sorted(p.name for p in ledger.parent.iterdir()) == ["ledger.db"]
    assert file_digest(ledger) == digest


def test_the_newest_good_backup_is_offered(ledger: Path) -> None:
    older = backup.backup_before(ledger, "manual", now=datetime(2016, 11, 1, 9, 0, 0))
    good = backup.backup_before(ledger, "plan-import", now=datetime(2016, 11, 2, 9, 0, 0))
    bad = backup.backup_before(ledger, "manual", now=datetime(2016, 11, 3, 9, 0, 0))
    damage_page(bad)
    damage_page(ledger)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(ledger)
    assert caught.value.newest_good_backup == good != older
    assert f"最近一个完好的备份是 {good}" in str(caught.value)
    assert backup.newest_good_backup(ledger) == good


def test_a_broken_foreign_key_is_damage(ledger: Path) -> None:
    connection = sqlite3.connect(ledger)  # foreign keys are off in a plain connection
    connection.execute("UPDATE tasks SET section_id = 99999 WHERE number = 1")
    connection.commit()
    connection.close()
    [problem] = integrity.check(ledger, full=False)
    assert "表 tasks" in problem and "sections" in problem
    with pytest.raises(DamagedDatabaseError, match="表 tasks"):
        open_database(ledger)


def test_index_damage_is_found_by_the_daily_full_check(ledger: Path) -> None:
    open_database(ledger).close()  # today's start backup: later opens run the quick check
    assert not backup.start_backup_due(ledger)
    damage_index(ledger)
    assert integrity.check(ledger, full=False) == []
    assert integrity.check(ledger, full=True)[0].startswith("row 1 missing from index")
    open_database(ledger).close()  # the quick check does not see it …
    tomorrow = datetime.now() + timedelta(days=1)
    assert backup.start_backup_due(ledger, tomorrow)
    for info in backup.list_backups(ledger):  # … the next day's first open does
        info.path.rename(info.path.with_name(info.path.name.replace(info.made_at.strftime("%Y%m%d"), "20160101")))
    digest = file_digest(ledger)
    with pytest.raises(DamagedDatabaseError, match="missing from index") as caught:
        open_database(ledger)
    assert caught.value.newest_good_backup is not None  # the start backup made before the damage
    assert file_digest(ledger) == digest


def test_a_file_sqlite_cannot_read_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    assert integrity.check(path)[0].startswith("无法读取")
    assert not integrity.is_good(path)
    assert not integrity.is_good(tmp_path / "missing.db")


def test_checking_never_writes_the_file(ledger: Path) -> None:
    digest = file_digest(ledger)
    copy = ledger.with_name("copy.db")
    shutil.copyfile(ledger, copy)
    integrity.check(copy)
    integrity.check(ledger)
    assert file_digest(ledger) == digest == file_digest(copy)

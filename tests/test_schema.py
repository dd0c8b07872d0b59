"""A database is ours, or it is refused (issue 10, items 2–4): opening and
restoring compare the file's schema with the one the migrations make."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from db.errors import DatabaseError, InputError
from db.resources import BUNDLED_PLAN
from db.safety import backup
from db.schema import migrate
from db.schema.database import Database, open_database
from db.schema.engine import make_engine
from db.schema.models import Task
from desktop.main_window import MainWindow
from tests.conftest import file_digest, ledger_state, refused, run_main

WIPE_ON_INSERT = (
    "CREATE TRIGGER tidy AFTER INSERT ON progress_entries BEGIN "
    "DELETE FROM progress_entries; DELETE FROM assignments; END"
)


def altered(source: Path, target: Path, *statements: str) -> Path:
    """A copy of the ledger `source` changed by `statements` (as another program would)."""
    connection = sqlite3.connect(source)
    copy = sqlite3.connect(target)
    connection.backup(copy)
    connection.close()
    copy.execute("PRAGMA journal_mode = DELETE")
    for statement in statements:
        copy.execute(statement)
    copy.commit()
    copy.close()
    return target


def places(path: Path) -> Path:
    """A browser's history database, as Firefox keeps it (WAL mode)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR)")
    connection.execute("CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER)")
    connection.execute("CREATE INDEX moz_places_url_hashindex ON moz_places (url)")
    connection.execute("INSERT INTO moz_places (url, title) VALUES ('https://www.xm.gov.cn/', '厦门市人民政府')")
    connection.commit()
    connection.close()
    return path


def listing(folder: Path) -> dict[str, str]:
    return {path.name: file_digest(path) for path in sorted(folder.iterdir()) if path.is_file()}


# --- the snapshots -----------------------------------------------------------------


def test_the_snapshots_are_what_the_migrations_make() -> None:
    """db/schema/snapshots.py is `python -m tools.schema_snapshot`'s output for
    today's migrations: one snapshot per revision, each built by them."""
    from db.schema.snapshots import SNAPSHOTS
    from tools import schema_snapshot

    assert list(SNAPSHOTS) == migrate.known_revisions()
    assert schema_snapshot.TARGET.read_text(encoding="utf-8") == schema_snapshot.source()


def test_a_ledger_of_every_revision_is_ours(tmp_path: Path) -> None:
    from db.schema.check import examine

    for revision in migrate.known_revisions():
        path = tmp_path / f"{revision}.db"
        engine = make_engine(path)
        migrate.upgrade(engine, revision)
        engine.dispose()
        connection = sqlite3.connect(path)
        verdict = examine(connection)
        connection.close()
        assert (verdict.kind, verdict.revision, verdict.needs_upgrade) == (
            "ours",
            revision,
            revision != migrate.HEAD_REVISION,
        )


# --- restoring ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((WIPE_ON_INSERT,), "有本程序没有创建的触发器 tidy"),  # item 2
        (("DROP TABLE history",), "缺少数据表 history"),  # item 3
        (("ALTER TABLE tasks DROP COLUMN requirement",), "数据表 tasks 缺少列 requirement"),  # item 3
        (("CREATE VIEW everything AS SELECT * FROM tasks",), "有本程序没有创建的视图 everything"),
        (("CREATE TABLE notes (id INTEGER PRIMARY KEY)",), "多出本程序没有的数据表 notes"),
        (("DROP INDEX ix_tasks_plan_id",), "数据表 tasks 的索引与本程序的不同"),
    ],
    ids=["trigger", "no-history", "dropped-column", "view", "extra-table", "dropped-index"],
)
def test_a_backup_whose_schema_is_not_ours_is_not_restored(ledger: Path, change: tuple[str, ...], message: str) -> None:
    candidate = altered(ledger, ledger.parent / "candidate.db", *change)
    state = ledger_state(ledger)
    line = refused(run_main("--db", ledger, "restore", candidate), str(candidate), message, "不能用于恢复")
    assert f"数据库备份的结构与本程序（结构版本 {migrate.HEAD_REVISION}）不符" in line
    assert ledger_state(ledger) == state
    assert [info.reason for info in backup.list_backups(ledger)] == []  # not even the restore backup


def test_a_ledger_with_a_trigger_is_refused_by_restore_and_by_opening(ledger: Path) -> None:
    """The trigger of item 2 would delete every progress entry and assignment
    at the next returns import, which would report success."""
    candidate = altered(ledger, ledger.parent / "candidate.db", WIPE_ON_INSERT)
    digest = file_digest(candidate)
    with pytest.raises(InputError, match="触发器 tidy"):
        backup.restore_backup(ledger, candidate)
    with pytest.raises(DatabaseError, match="有本程序没有创建的触发器 tidy，可能被其他程序改动过；为保护其中的数据"):
        open_database(candidate)
    assert file_digest(candidate) == digest


def test_the_window_refuses_a_bad_backup_and_keeps_the_ledger(qtbot, plan_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    controller = window.attach(plan_db)
    candidate = altered(plan_db.path, plan_db.path.parent / "candidate.db", "DROP TABLE history")
    digest = file_digest(plan_db.path)
    controller.restore_from(candidate)
    qtbot.waitUntil(lambda: window.findChild(object, "errorBox") is not None)
    box = window.findChild(object, "errorBox")
    assert "缺少数据表 history" in box.text() and "不能用于恢复" in box.text()
    assert controller.ledger.database is plan_db and not plan_db.read_only
    assert file_digest(plan_db.path) == digest  # nothing recorded: no restore happened
    with plan_db.session() as session:
        assert session.scalar(select(Task.title).where(Task.number == 1)).startswith("全面公开")


# --- opening -------------------------------------------------------------------------


def test_an_altered_ledger_is_refused_on_opening(ledger: Path) -> None:
    """A ledger at the current revision with a column dropped: `export` said
    nothing until it failed with a traceback; now every opening refuses it."""
    path = altered(ledger, ledger.parent / "dropped.db", "ALTER TABLE tasks DROP COLUMN deadline_text")
    digest = file_digest(path)
    refused(
        run_main("--db", path, "export", ledger.parent / "out.json"), str(path), "数据表 tasks 缺少列 deadline_text"
    )
    assert file_digest(path) == digest
    assert not (ledger.parent / "out.json").exists()
    for read_only in (False, True):
        with pytest.raises(DatabaseError, match="缺少列 deadline_text"):
            open_database(path, read_only=read_only)
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["dropped.db", "ledger.db"]


COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "import-plan": lambda db, work: ["--db", db, "import-plan", BUNDLED_PLAN],
    "export-json": lambda db, work: ["--db", db, "export", work / "out.json"],
    "export-xlsx": lambda db, work: ["--db", db, "export", work / "out.xlsx"],
    "report": lambda db, work: ["--db", db, "report", "sheet", "--month", "2016-06", "-o", work / "out.pdf"],
    "make-returns": lambda db, work: ["--db", db, "make-returns", "--month", "2016-06", "-o", work],
    "import-returns": lambda db, work: ["--db", db, "import-returns", work / "return.xlsx"],
    "backup": lambda db, work: ["--db", db, "backup"],
    "restore": lambda db, work: ["--db", db, "restore", work / "good-backup.db"],
}


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "ledger.db"
    open_database(path, first_plan=BUNDLED_PLAN).close()
    return backup.backup_now(path)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_another_programs_database_is_never_written(tmp_path: Path, good_backup: Path, command: str) -> None:
    """Item 4: `--db places.sqlite` got 11 tables added by import-plan, and even by export."""
    folder = tmp_path / "profile"
    folder.mkdir()
    path = places(folder / "places.sqlite")
    work = tmp_path / "work"
    work.mkdir()
    (work / "good-backup.db").write_bytes(good_backup.read_bytes())
    (work / "return.xlsx").write_bytes(b"")  # never read: the database is refused first
    before = listing(folder)
    refused(run_main(*COMMANDS[command](path, work)), str(path), "不是本程序的", "moz_historyvisits")
    assert listing(folder) == before  # the file byte for byte, and nothing beside it (no -wal, lock, backups)
    assert sorted(p.name for p in work.iterdir()) == ["good-backup.db", "return.xlsx"]


def test_another_programs_database_is_refused_by_the_window(tmp_path: Path) -> None:
    from desktop.opening import open_for_window

    path = places(tmp_path / "places.sqlite")
    before = listing(tmp_path)
    with pytest.raises(
        DatabaseError,
        match="不是本程序的数据库（是其他程序的 SQLite 数据库，其中有数据表 moz_historyvisits、moz_places）",
    ):
        open_for_window(path, lambda question: pytest.fail(f"asked {question}"))
    assert listing(tmp_path) == before


def test_an_empty_file_is_a_new_ledger_an_empty_sqlite_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    database = open_database(empty)
    with database.session() as session:
        assert session.scalar(select(Task.id)) is None
    database.close()
    assert empty.stat().st_size > 0

    blank = tmp_path / "blank.db"
    connection = sqlite3.connect(blank)
    connection.execute("PRAGMA user_version = 1")  # writes the header: an SQLite file with no tables
    connection.close()
    digest = file_digest(blank)
    with pytest.raises(DatabaseError, match="是一个空的 SQLite 数据库文件，不是本程序的数据库"):
        open_database(blank)
    assert file_digest(blank) == digest
    assert not any(name.startswith("blank.db-") for name in os.listdir(tmp_path))

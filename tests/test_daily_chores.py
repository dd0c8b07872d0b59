"""The first start of a day shows the plan first: the window opens the ledger
with the quick check only and runs the day's full integrity check and start
backup afterwards, in a worker, with a note in the status bar. Nothing is
written before they are done; damage they find stops every write."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from db.operations.editing import EDIT_TASK
from db.operations.runner import perform
from db.safety import backup
from db.safety.integrity import DamagedDatabaseError
from db.schema import migrate
from db.schema.database import open_database
from db.schema.engine import make_engine
from db.schema.models import Task
from desktop.main_window import MainWindow
from desktop.opening import start_daily_chores
from desktop.plan_model import query_tree_data
from desktop.view_cache import read_view_cache, set_back_a_day, write_view_cache
from tests.conftest import file_digest
from tests.test_integrity import damage_index

TODAY = date(2016, 6, 28)


def start_backups(path: Path) -> list[Path]:
    return [info.path for info in backup.list_backups(path) if info.reason == "start"]


def title_in(path: Path, number: int) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT title FROM tasks WHERE number = ?", (number,)).fetchone()[0]
    finally:
        connection.close()


def test_the_first_open_of_a_day_leaves_the_full_check_and_backup_to_the_caller(ledger: Path) -> None:
    database = open_database(ledger, defer_daily=True)
    try:
        assert database.daily is not None and not database.daily.done
        assert start_backups(ledger) == []  # opening made none: the window shows the plan first
        report = database.daily.run()
        assert report.warning is None and report.backup is not None
        assert start_backups(ledger) == [report.backup]
        assert database.daily.run() == report  # once a day: a second call does nothing again
    finally:
        database.close()
    later = open_database(ledger, defer_daily=True)  # the day's second start: nothing left to do
    assert later.daily is None
    later.close()


def test_a_write_before_the_chores_waits_for_them(ledger: Path) -> None:
    """The start backup is made before the first change, and holds the ledger as it was."""
    database = open_database(ledger, defer_daily=True)
    try:
        with database.session() as session:
            task = session.scalars(select(Task).where(Task.number == 1)).one()
        perform(database, EDIT_TASK(task.id, title="今天第一次修改"))
        assert database.daily is not None and database.daily.done
        [made] = start_backups(ledger)
        assert title_in(made, 1) == task.title
    finally:
        database.close()
    assert title_in(ledger, 1) == "今天第一次修改"


def test_damage_the_chores_find_stops_every_write(ledger: Path) -> None:
    open_database(ledger).close()  # a good start backup of an earlier day
    for info in backup.list_backups(ledger):
        info.path.rename(info.path.with_name(info.path.name.replace(info.made_at.strftime("%Y%m%d"), "20160101")))
    damage_index(ledger)  # only the full check sees it: the quick check lets the window open
    digest = file_digest(ledger)
    database = open_database(ledger, defer_daily=True)
    try:
        assert database.daily is not None
        with pytest.raises(DamagedDatabaseError, match="missing from index") as caught:
            database.daily.run()
        assert caught.value.newest_good_backup is not None
        assert database.read_only
        with database.session() as session:
            task_id = session.scalars(select(Task.id).where(Task.number == 1)).one()  # reading goes on
        with pytest.raises(DamagedDatabaseError, match="missing from index"):
            perform(database, EDIT_TASK(task_id, title="不应写入"))
    finally:
        database.close()
    assert file_digest(ledger) == digest
    assert backup.start_backup_due(ledger)  # no start backup of a damaged file: the next open checks in full again


def test_an_older_ledger_is_checked_backed_up_and_upgraded_at_once(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(path)
    migrate.upgrade(engine, migrate.known_revisions()[0])
    engine.dispose()
    database = open_database(path, defer_daily=True)
    try:
        assert database.daily is None  # a migration waits for nothing
        reasons = sorted(info.reason for info in backup.list_backups(path))
        assert reasons == ["migration", "start"]
    finally:
        database.close()


def test_the_window_runs_the_chores_after_it_shows_the_plan(qtbot, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    database = open_database(ledger, defer_daily=True)
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    controller = main.attach(database, TODAY)
    try:
        assert controller.model.rowCount() == 1 and start_backups(ledger) == []
        start_daily_chores(main)
        assert main.statusBar().currentMessage() == "Daily integrity check and backup…"
        qtbot.waitUntil(
            lambda: main.statusBar().currentMessage() == "Daily integrity check and backup done.", timeout=30_000
        )
        assert len(start_backups(ledger)) == 1
        assert not database.read_only
    finally:
        main.close()
        database.close()


def test_the_window_stops_writing_when_the_chores_find_damage(qtbot, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    open_database(ledger).close()
    for info in backup.list_backups(ledger):
        info.path.rename(info.path.with_name(info.path.name.replace(info.made_at.strftime("%Y%m%d"), "20160101")))
    damage_index(ledger)
    digest = file_digest(ledger)
    database = open_database(ledger, defer_daily=True)
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    controller = main.attach(database, TODAY)
    try:
        start_daily_chores(main)
        qtbot.waitUntil(
            lambda: main.statusBar().currentMessage() == "The ledger file is damaged: nothing is written to it.",
            timeout=30_000,
        )
        assert database.read_only
        assert main.windowTitle() == "Supervision ledger — ledger.db (read-only)"
        boxes = [box for box in main.findChildren(QMessageBox) if box.objectName() == "questionBox" and box.isVisible()]
        assert (
            len(boxes) == 1
            and "missing from index" in boxes[0].text()
            and "Restore from that backup now?" in boxes[0].text()
        )
        boxes[0].button(QMessageBox.StandardButton.No).click()
        assert controller.ledger.database is database and database.read_only  # declined: the window goes on reading
    finally:
        main.close()
        database.close()
    assert file_digest(ledger) == digest


def test_a_view_cache_of_yesterday_is_shown_first_and_rebuilt_for_today(qtbot, plan_db) -> None:  # type: ignore[no-untyped-def]
    """The first start of a day keeps its view cache: the plan shows from it,
    and the controller reads it again for today's lights and month."""
    from desktop.ledger import Ledger

    data = query_tree_data(Ledger(plan_db), {}, TODAY - timedelta(days=1))
    plan_db.close()
    write_view_cache(plan_db.path, TODAY - timedelta(days=1), data)
    assert set_back_a_day(plan_db.path)  # now two days old: still true of the file
    cached = read_view_cache(plan_db.path)
    assert cached is not None and cached.day == TODAY - timedelta(days=2)
    assert cached.data == data
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    main.show_first_view(cached.data, TODAY, cached.day)
    first_model = main.model
    assert first_model is not None and first_model.rowCount() == 1
    database = open_database(plan_db.path)
    try:
        controller = main.attach(database, TODAY)
        assert controller.model is not first_model  # read again for today
        assert controller.model.data_ == query_tree_data(controller.ledger, {}, TODAY)
    finally:
        main.close()
        database.close()

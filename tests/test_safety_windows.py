"""Data safety from the window: backup, restore, read-only and damaged files."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select

from db.operations.editing import UPDATE_TASK
from db.operations.history import entries
from db.safety.backup import backup_now, list_backups
from db.schema.database import Database
from db.schema.models import Task
from desktop.main_window import MainWindow
from desktop.opening import open_for_window
from tests.conftest import ROOT
from tests.test_integrity import damage_page


def title_of_task_1(database: Database) -> str:
    with database.session() as session:
        return session.scalar(select(Task.title).where(Task.number == 1))


def test_restore_from_a_backup_in_the_window(qtbot, plan_db: Database) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    controller = window.attach(plan_db)
    backup = backup_now(plan_db.path)
    with plan_db.session() as session:
        task_1 = session.scalar(select(Task.id).where(Task.number == 1))
    controller.ledger.run("改标题", UPDATE_TASK(task_1, title="备份之后改的标题"))
    controller.restore_from(backup)
    database = controller.ledger.database
    assert database is not plan_db
    assert title_of_task_1(database) == "全面公开市级政府工作部门权力清单和责任清单"
    assert controller.model.index_of_task(task_1).data().startswith("1. 全面公开")
    assert any(b.reason == "restore" for b in list_backups(database.path))
    with database.session() as session:
        assert backup.name in entries(session)[0].action  # the restore is in the history
    database.close()


def test_a_database_in_use_elsewhere_opens_read_only(qtbot, plan_db: Database) -> None:
    path = plan_db.path
    plan_db.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from db.schema.database import open_database; d = open_database({str(path)!r}); print('open', flush=True); input()",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        questions: list[str] = []
        database = open_for_window(path, lambda question: questions.append(question) or True)
        assert database is not None and database.read_only
        assert "只读" in questions[0]
        window = MainWindow()
        qtbot.addWidget(window)
        controller = window.attach(database)
        assert window.windowTitle().endswith("(read-only)")
        with pytest.raises(Exception, match="只读"):
            controller.ledger.run("改标题", UPDATE_TASK(1, title="不应写入"))
        database.close()
        assert open_for_window(path, lambda question: False) is None
    finally:
        holder.communicate("\n", timeout=30)


def test_a_damaged_database_is_restored_from_the_newest_good_backup(plan_db: Database) -> None:
    path = plan_db.path
    backup_now(path)
    plan_db.close()
    damage_page(path)
    database = open_for_window(path, lambda question: "备份" in question)
    assert database is not None and not database.read_only
    assert title_of_task_1(database) == "全面公开市级政府工作部门权力清单和责任清单"
    database.close()
    assert any(b.reason == "restore" for b in list_backups(path))  # the damaged file was kept too

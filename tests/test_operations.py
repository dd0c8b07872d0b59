"""The runner's policy (db/operations/runner.py), the same from the window and
the command line: the read-only check, validation before the backup, the
backup rule, one transaction with its history, and what it returns; and the
window's fixes that came with it (a refused restore, an import in a
read-only window)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from db.errors import InputError
from db.operations.editing import ADD_TASK, UPDATE_TASK
from db.operations.import_plan import IMPORT_PLAN
from db.operations.progress import RECORD_PROGRESS, Report
from db.operations.runner import READ_ONLY, ReadOnlyDatabaseError, perform
from db.operations.touched import EVERYTHING
from db.plans import read_plan
from db.resources import BUNDLED_PLAN
from db.safety.backup import backup_now, list_backups
from db.schema.database import Database, open_database
from db.schema.models import HistoryEntry, Plan, Task
from tests.conftest import file_digest, ledger_state, run_main, task_id
from tests.test_import_preview import workbook

MONTH = "2016-06"


def history(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(HistoryEntry.action).order_by(HistoryEntry.id)))


def reasons(path: Path) -> list[str]:
    return sorted(info.reason for info in list_backups(path))


def title(database: Database, task: int) -> str:
    with database.session() as session:
        return session.get_one(Task, task).title


# --- the runner ---------------------------------------------------------------


def test_an_operation_returns_what_it_did(plan_db: Database) -> None:
    first = task_id(plan_db, 1)
    done = perform(plan_db, UPDATE_TASK(first, title="新标题"), action="改任务 1 的标题", operator="张三")
    assert (done.value, done.action, done.backup) == (None, "改任务 1 的标题", None)
    assert done.changes.tables() == {"tasks"}
    assert done.touched.tasks == {first} and not done.touched.structure  # one row to repaint
    with plan_db.session() as session:
        entry = session.scalars(select(HistoryEntry).order_by(HistoryEntry.id.desc())).first()
    assert (entry.action, entry.operator) == ("改任务 1 的标题", "张三")

    added = perform(plan_db, ADD_TASK(1, "新任务"))
    assert isinstance(added.value, int) and added.touched.structure and added.action == "新建任务"  # the title
    reported = perform(plan_db, RECORD_PROGRESS(first, MONTH, Report("in_progress")))
    assert reported.touched.statuses == {first} and not reported.touched.structure


def test_a_refused_operation_writes_nothing_and_records_nothing(plan_db: Database) -> None:
    state = ledger_state(plan_db.path)
    with pytest.raises(ValueError, match="任务名称不能为空"):
        perform(plan_db, UPDATE_TASK(task_id(plan_db, 1), title="  "))
    assert ledger_state(plan_db.path) == state


def test_a_cancel_before_the_commit_writes_nothing(plan_db: Database) -> None:
    class Stop(Exception):
        pass

    calls: list[int] = []

    def cancel() -> None:
        calls.append(1)
        if len(calls) == 2:  # after the work, before the commit
            raise Stop

    state = ledger_state(plan_db.path)
    with pytest.raises(Stop):
        perform(plan_db, UPDATE_TASK(task_id(plan_db, 1), title="不会提交"), cancel=cancel)
    assert ledger_state(plan_db.path) == state


def test_a_read_only_database_is_refused_in_plain_words(ledger: Path) -> None:
    digest = file_digest(ledger)
    database = open_database(ledger, read_only=True)
    try:
        with pytest.raises(ReadOnlyDatabaseError) as refused:
            perform(database, UPDATE_TASK(1, title="不应写入"))
        assert str(refused.value) == READ_ONLY
        parsed = read_plan(BUNDLED_PLAN, set(), "另一份计划")
        with pytest.raises(ReadOnlyDatabaseError):  # before the backup its rule asks for
            perform(database, IMPORT_PLAN(parsed))
    finally:
        database.close()
    assert file_digest(ledger) == digest
    assert not (ledger.parent / "backups").exists()


def test_a_plan_refused_by_its_check_costs_no_backup(plan_db: Database) -> None:
    before = reasons(plan_db.path)
    parsed = read_plan(BUNDLED_PLAN, set())  # the same title and year as the plan in the ledger
    with pytest.raises(InputError, match="已有同名同年度的计划"):
        perform(plan_db, IMPORT_PLAN(parsed))
    assert reasons(plan_db.path) == before


# --- the backup rule, from the window and the command line ----------------------


def fill_in(database: Database, folder: Path) -> Path:
    from db.queries.sheets import fill_in_sheets
    from documents.excel.returns import make_returns

    with database.session() as session:
        (path,) = make_returns(fill_in_sheets(session, 1, MONTH, units=["市环保局"]), folder)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["F4"] = "推进中"
    book.save(path)
    return path


def test_the_same_backups_from_the_window_and_the_command_line(qtbot, plan_db: Database, tmp_path: Path) -> None:
    """A plan imported and returned sheets imported: one `plan-import` and one
    `returns-import` backup each, whoever imports them."""
    from desktop.import_dialog import ImportPlanDialog
    from desktop.ledger import Ledger
    from desktop.returns_dialog import ReturnsImportDialog, read_returns_job

    shutil.rmtree(plan_db.path.parent / "backups")
    command_line = tmp_path / "cli" / "ledger.db"
    command_line.parent.mkdir()
    shutil.copyfile(plan_db.path, command_line)
    plan = workbook(tmp_path / "厦门市2022年政务公开重点任务分工.xlsx", "厦门市2022年政务公开重点任务分工")
    sheets = fill_in(plan_db, tmp_path / "window"), fill_in(plan_db, tmp_path / "cli-sheets")  # the copy's tasks too

    ledger = Ledger(plan_db)
    dialog = ImportPlanDialog(ledger, plan)
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        dialog.open()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    returns = ReturnsImportDialog(ledger, read_returns_job(plan_db, 1, MONTH, [sheets[0]]))
    with qtbot.waitSignal(returns.imported, timeout=10_000) as imported:
        returns.accept()
    assert imported.args == [1]

    assert run_main("--db", command_line, "import-plan", plan).returncode == 0
    result = run_main("--db", command_line, "import-returns", sheets[1])
    assert "写入进展 1 条" in result.stdout, result.stderr

    def made_before_imports(path: Path) -> list[str]:  # the command line's first open of the day makes a `start` too
        return [reason for reason in reasons(path) if reason != "start"]

    assert made_before_imports(plan_db.path) == made_before_imports(command_line) == ["plan-import", "returns-import"]


# --- the window ------------------------------------------------------------------------


def open_window(qtbot, database: Database):  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    return window, window.attach(database)


def error_text(qtbot, parent) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "errorBox") is not None, timeout=10_000)
    box = parent.findChild(QMessageBox, "errorBox")
    assert not box.detailedText()  # no traceback: a refusal, not an error in the program
    text = box.text()
    box.setObjectName("errorBoxRead")  # the next one is looked for, while this one is being deleted
    box.done(0)
    return text


@pytest.mark.parametrize("backup", ["damaged", "itself"])
def test_a_refused_restore_records_nothing_and_keeps_the_undo_stack(qtbot, plan_db: Database, backup: str) -> None:
    window, controller = open_window(qtbot, plan_db)
    ledger = controller.ledger
    ledger.run("改标题", UPDATE_TASK(task_id(plan_db, 1), title="恢复之前的标题"))
    if backup == "damaged":
        chosen = backup_now(plan_db.path)
        chosen.write_bytes(chosen.read_bytes()[:4096])
    else:
        chosen = plan_db.path  # the ledger itself: a good SQLite file, refused only by the restore
    before = history(plan_db)
    controller.restore_from(chosen)
    assert str(chosen) in error_text(qtbot, window)
    assert ledger.database is plan_db  # still open, never closed
    assert history(plan_db) == before
    assert ledger.undo_stack.count() == 1
    ledger.undo_stack.undo()
    assert title(plan_db, task_id(plan_db, 1)) == "全面公开市级政府工作部门权力清单和责任清单"


def test_a_restore_in_the_window_is_recorded_and_announced(qtbot, plan_db: Database) -> None:
    _window, controller = open_window(qtbot, plan_db)
    ledger = controller.ledger
    backup = backup_now(plan_db.path)
    ledger.run("改标题", UPDATE_TASK(task_id(plan_db, 1), title="备份之后的标题"))
    with qtbot.waitSignal(ledger.touched) as announced:
        controller.restore_from(backup)
    assert announced.args == [EVERYTHING]
    restored = ledger.database
    try:
        assert history(restored)[-1] == f"Restore from backup {backup.name}"
        assert ledger.undo_stack.count() == 0  # its changes were of the file replaced
    finally:
        restored.close()


@pytest.fixture
def read_only(ledger: Path) -> Database:
    database = open_database(ledger, read_only=True)
    yield database
    database.close()


def test_an_import_in_a_read_only_window_is_refused_in_plain_words(
    qtbot, read_only: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.import_dialog import ImportPlanDialog

    digest = file_digest(read_only.path)
    window, controller = open_window(qtbot, read_only)
    assert "只读" in error_text(qtbot, window)  # what the window says on opening
    asked: list[str] = []
    dialogs = "desktop.controller.QFileDialog"
    monkeypatch.setattr(f"{dialogs}.getOpenFileName", lambda *a, **k: asked.append("plan") or ("", ""))
    monkeypatch.setattr(f"{dialogs}.getOpenFileNames", lambda *a, **k: asked.append("sheets") or ([], ""))
    controller.import_plan()
    assert error_text(qtbot, window) == READ_ONLY
    controller.import_returns()
    assert error_text(qtbot, window) == READ_ONLY
    assert asked == []  # refused before a file is chosen and read

    # the preview itself (opened before the file was taken over elsewhere, say) refuses at the import
    plan = workbook(tmp_path / "厦门市2022年政务公开重点任务分工.xlsx", "厦门市2022年政务公开重点任务分工")
    dialog = ImportPlanDialog(controller.ledger, plan, window)
    with qtbot.waitSignal(dialog.shown, timeout=10_000):
        dialog.open()
    dialog.import_button.click()
    assert error_text(qtbot, dialog) == READ_ONLY
    assert file_digest(read_only.path) == digest
    assert not (read_only.path.parent / "backups").exists()
    with read_only.session() as session:
        assert session.scalars(select(Plan.title)).all() == ["厦门市2016年政务公开工作主要任务责任分工"]

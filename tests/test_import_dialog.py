"""Importing a plan through the dialog: preview, import as one undoable
command, and bad files refused with the database untouched."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget
from sqlalchemy import func, select

from db.cancel import CancelToken
from db.resources import BUNDLED_PLAN
from db.schema.database import Database
from db.schema.models import Plan, Task
from desktop.import_dialog import CONTINUED_ROLE, ImportPlanDialog, export_json_to
from desktop.ledger import Ledger
from desktop.workers import run_busy
from tests.conftest import dump


def count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def open_dialog(ledger: Ledger, path: Path) -> ImportPlanDialog:
    dialog = ImportPlanDialog(ledger, path)
    dialog.open()
    return dialog


def wait_for_preview(qtbot, dialog: ImportPlanDialog) -> None:
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)


def error_box(qtbot, dialog: ImportPlanDialog) -> QMessageBox:
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    return dialog.findChild(QMessageBox, "errorBox")


def test_preview_import_undo_redo(qtbot, empty_db: Database) -> None:
    ledger = Ledger(empty_db)
    dialog = open_dialog(ledger, BUNDLED_PLAN)
    wait_for_preview(qtbot, dialog)

    assert dialog.title_edit.text() == "厦门市2016年政务公开工作主要任务责任分工"
    assert dialog.year_spin.value() == 2016
    figures = {name: dialog.findChild(QLabel, name).text() for name in ("sectionCount", "subsectionCount", "taskCount")}
    assert figures == {"sectionCount": "6", "subsectionCount": "24", "taskCount": "66"}
    assert int(dialog.findChild(QLabel, "noLeadCount").text()) > 0
    assert int(dialog.findChild(QLabel, "continuedCount").text()) > 0

    tasks = {}
    model = dialog.model

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            text = index.data()
            if text[0].isdigit():
                tasks[int(text.split(".")[0])] = [model.index(row, column, parent) for column in range(4)]
            walk(index)

    walk(model.index(-1, -1))
    assert len(tasks) == 66
    # Task 2 continues the responsible units of task 1 (a merged cell).
    responsible = tasks[2][2]
    assert responsible.data(CONTINUED_ROLE) is True
    assert model.itemFromIndex(responsible).font().italic()
    assert tasks[2][3].data() != ""
    assert tasks[1][2].data(CONTINUED_ROLE) is False
    assert tasks[1][3].data() == ""
    assert tasks[4][1].data() == "No lead unit"
    assert "市编办" in dialog.findChild(QLabel, "newUnits").text()  # a new database has an empty registry
    assert count(empty_db, Plan) == 0  # a preview writes nothing

    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.import_button.click()
    assert count(empty_db, Task) == 66
    assert ledger.undo_stack.count() == 1
    assert "厦门市2016年" in ledger.undo_stack.undoText()

    ledger.undo_stack.undo()
    assert count(empty_db, Plan) == 0
    assert count(empty_db, Task) == 0
    ledger.undo_stack.redo()
    assert count(empty_db, Task) == 66


def test_another_title_and_year_are_used(qtbot, plan_db: Database) -> None:
    """The same plan under another title is a new plan, its deadlines in the new year."""
    ledger = Ledger(plan_db)
    dialog = open_dialog(ledger, BUNDLED_PLAN)
    wait_for_preview(qtbot, dialog)
    dialog.title_edit.setText("  ")
    assert not dialog.import_button.isEnabled()
    dialog.title_edit.setText("2017年工作计划")
    dialog.year_spin.setValue(2017)
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.import_button.click()
    with plan_db.session() as session:
        assert session.execute(select(Plan.title, Plan.year).order_by(Plan.id)).all()[-1] == ("2017年工作计划", 2017)
    assert count(plan_db, Task) == 132


def test_units_new_to_the_registry_are_named(qtbot, plan_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(BUNDLED_PLAN.read_text(encoding="utf-8").replace("市档案局", "市档案馆"), encoding="utf-8")
    dialog = open_dialog(Ledger(plan_db), path)
    wait_for_preview(qtbot, dialog)
    assert dialog.findChild(QLabel, "newUnits").text() == "市档案馆"
    dialog.reject()


def junk(path: Path) -> Path:
    path.write_bytes(os.urandom(4096))
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "工作任务"
    workbook.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("make", [empty, junk, truncated_xlsx], ids=["empty", "junk", "truncated"])
def test_bad_file_is_refused(qtbot, empty_db: Database, tmp_path: Path, make) -> None:
    path = make(tmp_path / ("plan.xlsx" if make is truncated_xlsx else "plan.txt"))
    before = dump(empty_db.path)
    dialog = open_dialog(Ledger(empty_db), path)
    box = error_box(qtbot, dialog)
    assert str(path) in box.text()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        box.button(QMessageBox.StandardButton.Ok).click()
    assert dump(empty_db.path) == before


def test_duplicate_plan_is_refused(qtbot, plan_db: Database) -> None:
    ledger = Ledger(plan_db)
    before = dump(plan_db.path)
    dialog = open_dialog(ledger, BUNDLED_PLAN)
    wait_for_preview(qtbot, dialog)
    dialog.import_button.click()
    box = error_box(qtbot, dialog)
    assert BUNDLED_PLAN.name in box.text()
    assert "已有" in box.text()
    assert dump(plan_db.path) == before
    assert ledger.undo_stack.count() == 0
    box.close()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())  # the title can be changed and tried again
    dialog.reject()


def test_export_json(qtbot, plan_db: Database, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "ledger.json"
    with qtbot.waitSignal(export_json_to(Ledger(plan_db), target, parent).finished, timeout=5000):
        pass
    assert len(json.loads(target.read_text(encoding="utf-8"))["plans"]) == 1

    export_json_to(Ledger(plan_db), tmp_path / "missing" / "ledger.json", parent)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    assert "ledger.json" in parent.findChild(QMessageBox, "errorBox").text()


def test_busy_dialog_waits_for_a_cancelled_job(qtbot) -> None:
    """Cancel asks the job to stop; the busy dialog stays until it has."""
    release = threading.Event()

    def job(*, cancel: CancelToken) -> str:
        release.wait(5)
        cancel.check()
        return "done"

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    worker = run_busy(parent, "Working", job, cancellable=True)
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog, "busyDialog").isVisible())
    busy = parent.findChild(QProgressDialog, "busyDialog")
    busy.reject()  # Escape
    assert busy.isVisible()
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog, "busyDialog") is None)

"""The reports, Excel ledger, fill-in sheets and returns from the window."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import func, select

from db.operations.progress import Report, record_month
from db.queries.sheets import fill_in_sheets
from db.schema.database import Database
from db.schema.models import ProgressEntry
from desktop.ledger import Ledger
from desktop.report_dialog import SHEET, ReportDialog
from desktop.returns_dialog import (
    RemindersDialog,
    ReturnsImportDialog,
    read_returns_job,
)
from documents.excel.returns import make_returns
from tests.conftest import ROOT, task_id

MONTH = "2016-06"


@pytest.fixture(autouse=True)
def bundled_test_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_FONT_DIRS", str(ROOT / "tests" / "data" / "fonts"))


def report_dialog(qtbot, database: Database, kind: str) -> ReportDialog:
    dialog = ReportDialog(Ledger(database), kind, 1, [MONTH, "2016-05"], MONTH, [(1, "市编办")])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_sheet_is_built_in_a_worker_shown_and_saved(qtbot, plan_db: Database, tmp_path: Path, monkeypatch) -> None:
    dialog = report_dialog(qtbot, plan_db, SHEET)
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=20000)
    assert dialog.document.pageCount() >= 2
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    # printing: tests/test_printing.py

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr("desktop.saving.QFileDialog.getSaveFileName", lambda *args: (str(target), ""))
    dialog.save()
    assert target.read_bytes() == dialog.path.read_bytes()


def test_the_dialog_names_the_characters_no_font_has(qtbot, plan_db: Database, monkeypatch) -> None:
    monkeypatch.setenv("DUBAN_SYSTEM_FONTS", "0")  # the test font only, on any machine
    with plan_db.transaction() as session:
        record_month(session, MONTH, {task_id(plan_db, 12): Report("in_progress", done="联系人：张𠀀")})
    dialog = report_dialog(qtbot, plan_db, SHEET)
    assert not dialog.warning.isVisibleTo(dialog)
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=20000)
    assert dialog.warning.isVisibleTo(dialog)
    assert dialog.warning.text().startswith("以下字符没有可用字体，打印为空白：𠀀（U+20000，第12项的本月进展）。")

    fonts = ROOT / "tests" / "data" / "fonts"
    monkeypatch.setenv("DUBAN_FONT_DIRS", os.pathsep.join([str(fonts), str(fonts / "fallback")]))
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=20000)
    assert not dialog.warning.isVisibleTo(dialog)
    assert dialog.note.text().endswith("；补充字体 Duban Test ExtB（duban-test-extb.ttf）")


def test_returned_sheets_are_previewed_imported_and_undone(qtbot, plan_db: Database, tmp_path: Path) -> None:
    with plan_db.session() as session:
        paths = make_returns(fill_in_sheets(session, 1, MONTH), tmp_path)
    [path] = [p for p in paths if p.name.startswith("市环保局")]
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["F4"] = "推进中"
    sheet["G4"] = "已发布空气质量预报"
    book.save(path)

    ledger = Ledger(plan_db)
    preview = read_returns_job(plan_db, 1, MONTH, [path])
    dialog = ReturnsImportDialog(ledger, preview)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 3).data() == "已发布空气质量预报"
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        dialog.accept()  # in a worker
    assert imported.args == [1]

    def entries() -> int:
        with plan_db.session() as session:
            return session.scalar(select(func.count()).select_from(ProgressEntry))

    assert entries() == 1
    assert any((plan_db.path.parent / "backups").glob("*returns-import*"))
    ledger.undo_stack.undo()
    assert entries() == 0

    reminders = RemindersDialog(ledger, 1, MONTH)
    qtbot.addWidget(reminders)
    assert "市环保局（" in reminders.plain_text()


def test_the_excel_ledger_job_reports_progress_and_can_be_cancelled(plan_db: Database, tmp_path: Path) -> None:
    from db.cancel import Cancelled, CancelToken
    from desktop.returns_dialog import write_ledger_job

    seen: list[tuple[int, int]] = []
    path = write_ledger_job(
        plan_db, 1, MONTH, tmp_path / "台账.xlsx", cancel=CancelToken(), progress=lambda d, t: seen.append((d, t))
    )
    assert path.exists() and seen and all(done <= total for done, total in seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_ledger_job(plan_db, 1, MONTH, tmp_path / "取消.xlsx", cancel=token, progress=lambda d, t: None)
    assert not (tmp_path / "取消.xlsx").exists()


def test_the_fill_in_sheets_job_reports_progress_per_file(plan_db: Database, tmp_path: Path) -> None:
    from db.cancel import CancelToken
    from desktop.returns_dialog import make_returns_job

    seen: list[tuple[int, int]] = []
    paths = make_returns_job(
        plan_db, 1, MONTH, tmp_path / "returns", cancel=CancelToken(), progress=lambda d, t: seen.append((d, t))
    )
    assert len(seen) == len(paths) == 24 and seen[-1] == (23, 24)  # 23 lead units and the office

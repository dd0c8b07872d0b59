"""The notices in the window: a draft and an issue from the notice dialog
(one undoable step), the register of notices with a reply recorded and
undone, and the notices that named a task in its history pane."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMessageBox

from db.queries.notices import register
from db.schema.database import Database
from desktop.history_view import HistoryView
from desktop.ledger import Ledger
from desktop.notice_dialog import NoticeDialog
from desktop.notice_register import NoticeRegisterDialog, NoticeTableModel
from tests.conftest import ROOT, ledger_state, task_id

MONTH = "2016-06"
TODAY = date(2016, 7, 5)  # nothing reported in June: every unfinished task has its yellow light


@pytest.fixture(autouse=True)
def bundled_test_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_FONT_DIRS", str(ROOT / "tests" / "data" / "fonts"))


def _dialog(qtbot, ledger: Ledger) -> NoticeDialog:  # type: ignore[no-untyped-def]
    dialog = NoticeDialog(ledger, 1, [MONTH, "2016-05"], MONTH, [], TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _registered(database: Database) -> list[tuple[int, str, str]]:
    with database.session() as session:
        return [(entry.serial, entry.level, entry.unit_name) for entry in register(session)]


def _wait_for_pdf(qtbot, dialog: NoticeDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=30000)


def _issue(qtbot, ledger: Ledger) -> NoticeDialog:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, ledger)
    dialog.issue_button.click()
    _wait_for_pdf(qtbot, dialog)
    return dialog


def test_a_draft_is_shown_and_writes_nothing(qtbot, plan_db: Database) -> None:
    before = ledger_state(plan_db.path)
    dialog = _dialog(qtbot, Ledger(plan_db))
    assert dialog.reply_by.date().toPython() == date(2016, 7, 15)  # the office's ten days
    dialog.issued_on.setDate(date(2016, 7, 8))
    assert dialog.reply_by.date().toPython() == date(2016, 7, 18)  # follows the date, until chosen
    dialog.build_button.click()
    _wait_for_pdf(qtbot, dialog)
    assert dialog.document.pageCount() >= 20  # a notice of one page or more for each of the 23 lead units
    text = "".join(page.extract_text() for page in PdfReader(dialog.path).pages)
    assert "草稿" in text and "督办〔2016〕第　　号" in text
    assert "not numbered, not registered" in dialog.outcome.text()
    assert ledger_state(plan_db.path) == before and _registered(plan_db) == []


def test_issuing_registers_numbers_and_is_undone_in_one_step(qtbot, plan_db: Database) -> None:
    ledger = Ledger(plan_db)
    dialog = _issue(qtbot, ledger)
    registered = _registered(plan_db)
    assert [serial for serial, _, _ in registered] == list(range(len(registered), 0, -1))
    assert len(registered) == 23 and {level for _, level, _ in registered} == {"notice"}  # yellow: 督办单
    assert f"督办〔2016〕第1—{len(registered)}号" in dialog.outcome.text()
    text = PdfReader(dialog.path).pages[0].extract_text()
    assert "督办〔2016〕第1号" in text and "草稿" not in text
    assert ledger.undo_stack.count() == 1
    ledger.undo_stack.undo()
    assert _registered(plan_db) == []
    ledger.undo_stack.redo()
    assert len(_registered(plan_db)) == 23


def test_issuing_the_month_twice_is_refused_in_words(qtbot, plan_db: Database) -> None:
    ledger = Ledger(plan_db)
    dialog = _issue(qtbot, ledger)
    before = ledger_state(plan_db.path)
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "errorBox") is not None, timeout=20000)
    assert "未重复签发" in dialog.findChild(QMessageBox, "errorBox").text()
    assert ledger_state(plan_db.path) == before and ledger.undo_stack.count() == 1
    dialog.again.setChecked(True)
    dialog.level.setCurrentIndex(dialog.level.findData("red"))
    dialog.issue_button.click()  # the red notices of June: none is overdue on July 5
    qtbot.waitUntil(lambda: len(dialog.findChildren(QMessageBox, "errorBox")) == 2, timeout=20000)
    assert ledger_state(plan_db.path) == before


def test_the_register_records_a_reply_and_undoes_it(qtbot, plan_db: Database, tmp_path: Path, monkeypatch) -> None:
    ledger = Ledger(plan_db)
    _issue(qtbot, ledger)
    window = NoticeRegisterDialog(ledger, date(2016, 7, 20), None)
    qtbot.addWidget(window)
    window.show()
    model = window.model
    assert model.rowCount() == 23 and window.current() is not None and window.current().serial == 23
    assert model.index(0, NoticeTableModel.NUMBER).data() == "督办〔2016〕第23号"
    assert model.index(0, NoticeTableModel.REPLY).data() == "Overdue, no reply"  # due July 15, seen on the 20th
    assert not window.clear_button.isEnabled()

    window.replied_on.setDate(date(2016, 7, 14))
    window.note.setText("已书面报送整改情况")
    window.record_button.click()
    assert window.current().serial == 23 and window.current().replied_at == date(2016, 7, 14)
    assert model.index(0, NoticeTableModel.REPLY).data() == "Received 2016-07-14  已书面报送整改情况"
    assert window.clear_button.isEnabled()
    window.awaiting.setChecked(True)
    assert model.rowCount() == 22 and window.current().serial == 22  # the one replied to is not listed
    window.awaiting.setChecked(False)
    window.table.selectRow(0)

    ledger.undo_stack.undo()  # the reply
    assert model.rowCount() == 23 and window.current().serial == 23 and window.current().replied_at is None
    window.replied_on.setDate(date(2016, 7, 1))  # before the notice was issued
    window.record_button.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    assert "早于签发日期" in window.findChild(QMessageBox, "errorBox").text()
    assert window.current().replied_at is None

    target = tmp_path / "copy.pdf"
    monkeypatch.setattr("desktop.saving.QFileDialog.getSaveFileName", lambda *args: (str(target), ""))
    window.save_copy()
    qtbot.waitUntil(target.exists, timeout=20000)
    assert "督办〔2016〕第23号" in PdfReader(target).pages[0].extract_text()

    ledger.undo_stack.undo()  # the issue
    assert model.rowCount() == 0 and window.current() is None and not window.record_button.isEnabled()


def test_a_task_s_history_lists_the_notices_that_named_it(qtbot, plan_db: Database) -> None:
    ledger = Ledger(plan_db)
    view = HistoryView(ledger, for_task=True, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.set_task(task_id(plan_db, 33))
    assert not view.notices.isVisibleTo(view)  # none yet
    _issue(qtbot, ledger)
    view.set_task(task_id(plan_db, 33))
    assert view.notices.isVisibleTo(view)
    assert [
        view.notice_model.index(row, NoticeTableModel.UNIT).data() for row in range(view.notice_model.rowCount())
    ] == ["市环保局"]
    assert "33" in view.notice_model.index(0, NoticeTableModel.TASKS).data()


def test_the_office_s_notice_settings_are_set_in_the_dialog_and_printed(qtbot, plan_db: Database) -> None:
    from db.options import NOTICE_PREFIX, NOTICE_SIGNER, OFFICE_CONTACT, OFFICE_PHONE, REPLY_DAYS
    from desktop.settings_dialog import SettingsDialog

    ledger = Ledger(plan_db)
    settings = SettingsDialog(ledger)
    qtbot.addWidget(settings)
    for option, value in (
        (OFFICE_CONTACT, "张明"),
        (OFFICE_PHONE, "0592-2899123"),
        (NOTICE_SIGNER, "李华"),
        (NOTICE_PREFIX, "厦政公督"),
        (REPLY_DAYS, 7),
    ):
        settings.editors[option].set(value)
    settings.accept()
    assert ledger.undo_stack.count() == 5  # each setting one undoable step
    dialog = _issue(qtbot, ledger)
    assert dialog.reply_by.date().toPython() == date(2016, 7, 12)  # seven days
    text = re.sub(r"\s+", "", PdfReader(dialog.path).pages[0].extract_text())
    assert "厦政公督〔2016〕第1号签发人：李华" in text
    assert "联系人：张明联系电话：0592-2899123" in text and "请于2016年7月12日前交回" in text

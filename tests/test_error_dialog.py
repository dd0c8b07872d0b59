"""The window's unexpected errors (desktop/errors.py): the program's own dialog
in Chinese with a button that copies the details, and the log beside the
database; never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from db.safety.error_log import log_path
from db.schema.database import Database
from desktop.errors import ErrorDialog, install_error_handler, report_fatal_error


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from desktop.i18n import install_translations

    locale = QLocale()
    installed = install_translations(qapp)
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture
def handler_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def dialogs() -> list[ErrorDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]


def broken_slot() -> None:
    """A slot with a real bug, run by the event loop."""
    units: dict[str, int] = {}
    units["市编办"] += 1


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("chinese", "handler_restored")
def test_an_error_in_a_slot_shows_the_dialog_and_writes_the_log(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    install_error_handler(database)
    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(0, broken_slot)  # the same error again: still one dialog
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    qtbot.wait(50)
    [dialog] = dialogs()

    assert dialog.windowTitle() == "意外错误"
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "程序出现了意外错误（KeyError: '市编办'）" in labels
    assert str(log_path(database)) in labels

    log = log_path(database).read_text(encoding="utf-8")
    assert log.count("Traceback (most recent call last)") == 2  # both logged, one shown
    assert "in broken_slot" in log

    assert dialog.copy_button.text() == "复制详细信息"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert "KeyError: '市编办'" in dialog.details and "in broken_slot" in dialog.details
    assert dialog.copy_button.text() == "已复制"
    assert dialog.isVisible()  # copying does not close it
    dialog.reject()
    qtbot.waitUntil(lambda: not dialogs())


@pytest.mark.usefixtures("chinese")
def test_an_error_that_ends_the_window_is_shown_until_closed(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "ledger.db"
    seen: list[str] = []

    def close_it() -> None:
        [dialog] = dialogs()
        seen.append(dialog.details)
        dialog.reject()

    QTimer.singleShot(100, close_it)
    try:
        Path(tmp_path / "missing.txt").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        assert report_fatal_error(exc, database) == 1
    assert seen and "FileNotFoundError" in seen[0]
    assert "FileNotFoundError" in log_path(database).read_text(encoding="utf-8")


def job_with_a_bug(database: Database, plan_id: int) -> str:
    """A background job with a real bug (an id off by one), run on the thread pool."""
    from db.queries.ledger import plans

    with database.session() as session:
        titles = {plan.id: plan.title for plan in plans(session)}
    return titles[plan_id + 1]


@pytest.mark.usefixtures("chinese")
def test_a_program_error_in_a_background_job_is_logged_and_shown_in_the_error_dialog(
    qtbot: QtBot, plan_db: Database
) -> None:
    """A job's program error was shown in a message box of its own, with
    details, and written nowhere: now it is logged beside the database and
    shown in the same dialog as any other unexpected error."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.returns_dialog import run_and_tell
    from tests.test_main_window import open_window

    window = open_window(qtbot, plan_db)
    results: list[str] = []
    run_and_tell(window.window, "正在计算…", job_with_a_bug, plan_db, 1, done=results.append)
    qtbot.waitUntil(lambda: len(dialogs()) == 1, timeout=10_000)
    [dialog] = dialogs()
    assert window.window.findChild(QMessageBox, "errorBox") is None and results == []
    assert dialog.parent() is window.window
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "程序出现了意外错误（KeyError: 2）" in labels and str(log_path(plan_db.path)) in labels
    assert "in job_with_a_bug" in dialog.details
    log = log_path(plan_db.path).read_text(encoding="utf-8")
    assert "KeyError: 2" in log and "in job_with_a_bug" in log and "Traceback (most recent call last)" in log
    dialog.reject()

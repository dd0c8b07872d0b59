"""An error the window did not expect: the program's own dialog, in Chinese,
with a button that copies the details, and an entry in the log beside the
database (db/safety/error_log.py). Never a traceback on a console nobody sees, never
the frozen program's modal "Unhandled exception" box (pyinstaller.spec turns
that off).

`install_error_handler` makes this sys.excepthook: PySide6 reports an
exception raised in a slot or an event handler there, and the window goes on.
`show_unexpected_error` is for one the window caught itself (a background
job's, desktop/workers.py); `report_fatal_error` for one that ends the window
(main.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from db.safety.error_log import error_details, error_summary, write_error_log


class ErrorDialog(QDialog):
    """What went wrong in a sentence, where the log is, the details below, a
    button that copies them for an e-mail to whoever maintains the program."""

    def __init__(self, summary: str, details: str, log: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.details = details
        if log is not None:
            where = self.tr("The details were written to %1.").replace("%1", str(log))
        else:
            where = self.tr("The details could not be written to a log file.")
        text = QLabel(
            self.tr(
                "The program met an error it did not expect (%1). What you were doing may not have been "
                "finished; check it before you go on. %2 Please send the details to whoever maintains the program."
            )
            .replace("%1", summary)
            .replace("%2", where)
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(32, 32))
        box = QPlainTextEdit(details)
        box.setObjectName("errorDetails")
        box.setReadOnly(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(text)
        layout.addWidget(box, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


def _log_and_describe(error: BaseException, database: Path | None) -> tuple[str, str, Path | None]:
    details = error_details(error)
    return error_summary(error), details, write_error_log(database, details)


def _open_dialog(summary: str, details: str, log: Path | None, parent: QWidget | None) -> ErrorDialog:
    dialog = ErrorDialog(summary, details, log, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_unexpected_error(error: BaseException, database: Path | None, parent: QWidget | None) -> ErrorDialog:
    """A program error the window caught itself: written to the log of
    `database` and shown in the dialog, window-modal over `parent`."""
    return _open_dialog(*_log_and_describe(error, database), parent)


class _Reporter(QObject):
    """Shows the dialog in the GUI thread, whichever thread raised (Qt runs a
    Python thread's uncaught exception through sys.excepthook on that thread;
    the queued signal brings it over); one dialog at a time, so an error
    repeated in every paint event does not bury the window in boxes. (The
    jobs of desktop/workers.py catch their own errors and show them with
    `show_unexpected_error`.)"""

    report = Signal(str, str, object)

    def __init__(self, database: Path | None) -> None:
        super().__init__()
        self.database = database
        self.dialog: ErrorDialog | None = None
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def excepthook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit: not an error to report
            sys.__excepthook__(kind, error, trace)
            return
        summary, details, log = _log_and_describe(error.with_traceback(trace), self.database)
        self.report.emit(summary, details, log)

    def _show(self, summary: str, details: str, log: Path | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = _open_dialog(summary, details, log, QApplication.activeWindow())
        self.dialog.destroyed.connect(self._forget)

    def _forget(self) -> None:
        self.dialog = None


_reporter: _Reporter | None = None


def install_error_handler(database: Path | None) -> _Reporter:
    """Report the window's unexpected errors from now on (needs the QApplication)."""
    global _reporter
    _reporter = _Reporter(database)
    sys.excepthook = _reporter.excepthook
    return _reporter


def log_beside(database: Path) -> None:
    """The window has switched to the ledger at `database`: its unexpected
    errors are logged beside that file from now on."""
    if _reporter is not None:
        _reporter.database = database


def report_fatal_error(error: BaseException, database: Path | None) -> int:
    """An error that ended the window: log it, show the dialog until it is
    closed, exit code 1."""
    QApplication.instance() or QApplication(sys.argv[:1])
    summary, details, log = _log_and_describe(error, database)
    ErrorDialog(summary, details, log).exec()
    return 1

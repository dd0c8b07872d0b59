"""The Excel side of the monthly work in the window: the ledger as .xlsx, the
fill-in sheets sent to the units, their returns read back with a preview, and
the list of units that still owe their report (催报)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cancel import CancelToken
from db.operations.returns import IMPORT_RETURNS
from db.operations.runner import Done, perform
from db.queries.labels import task_title
from db.returns.reading import ReturnEntry, ReturnsPreview
from db.schema.database import Database
from desktop.labels import status_label
from desktop.ledger import Ledger
from desktop.workers import Worker, run_busy, show_failure

Index = QModelIndex | QPersistentModelIndex


def write_ledger_job(
    database: Database, plan_id: int, month: str, path: Path, *, cancel: CancelToken, progress: Callable[[int, int], None]
) -> Path:
    from db.queries.sheets import ledger_data
    from documents.excel.ledger import write_ledger

    with database.session() as session:
        data = ledger_data(session, plan_id, month)
    return write_ledger(data, path, progress=progress, cancel=cancel).path


def make_returns_job(
    database: Database, plan_id: int, month: str, folder: Path, *, cancel: CancelToken, progress: Callable[[int, int], None]
) -> list[Path]:
    from db.queries.sheets import fill_in_sheets
    from documents.excel.returns import make_returns

    with database.session() as session:
        sheets = fill_in_sheets(session, plan_id, month)
    return make_returns(sheets, folder, progress=progress, cancel=cancel)


def read_returns_job(database: Database, plan_id: int, month: str, paths: list[Path]) -> ReturnsPreview:
    from db.returns.reading import read_returns

    with database.session() as session:
        return read_returns(session, paths, plan_id=plan_id, month=month)


def import_returns_job(database: Database, preview: ReturnsPreview, action: str, operator: str) -> Done[int]:
    """IMPORT_RETURNS, with its backup, in a worker; the dialog pushes what it did."""
    return perform(database, IMPORT_RETURNS(preview, operator), action=action, operator=operator)


def run_and_tell(
    parent: QWidget, text: str, job: Any, database: Database, *args: Any, done: Any, long: bool = False
) -> None:
    """Run `job(database, *args)` with a busy dialog — with a progress bar and
    a cancel button when `long` (the job takes `cancel` and `progress`) —
    then `done(result)` on success; an error is shown (a program error also
    logged beside the database)."""
    worker = run_busy(parent, text, job, database, *args, cancellable=long, with_progress=long)
    worker.finished.connect(done)
    worker.failed.connect(lambda exc: show_failure(parent, exc, database.path))


class PreviewModel(QAbstractTableModel):
    """What importing the returns would write: one row per entry."""

    def __init__(self, preview: ReturnsPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, ReturnEntry]] = [(f.unit, e) for f in preview.files for e in f.entries]
        self.headers = (self.tr("Unit"), self.tr("Task"), self.tr("Status"), self.tr("What was done"), self.tr("Change"))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        unit, entry = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return unit
        if column == 1:
            return task_title(entry.label, entry.title)
        if column == 2:
            old = f"{status_label(entry.old.status)} → " if entry.old and entry.old.status != entry.report.status else ""
            return old + status_label(entry.report.status)
        if column == 3:
            return entry.report.done
        return {"new": self.tr("new"), "changed": self.tr("changed"), "unchanged": self.tr("unchanged")}[entry.change]


class ReturnsImportDialog(QDialog):
    """Shows what the returned sheets would write; Import writes it all as one
    undoable operation (IMPORT_RETURNS, after a backup of the database), in a
    worker; `imported` follows, and the dialog closes."""

    imported = Signal(int)  # entries written

    def __init__(self, ledger: Ledger, preview: ReturnsPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsImportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ledger, self.preview = ledger, preview
        self.worker: Worker | None = None
        self.setWindowTitle(self.tr("Import returned sheets"))
        self.model = PreviewModel(preview, self)
        entries = [entry for _unit, entry in self.model.rows]
        summary = QLabel(
            self.tr("%1 sheets for %2: %3 new, %4 changed, %5 unchanged entries.")
            .replace("%1", str(len(preview.files)))
            .replace("%2", preview.month)
            .replace("%3", str(sum(e.change == "new" for e in entries)))
            .replace("%4", str(sum(e.change == "changed" for e in entries)))
            .replace("%5", str(sum(e.change == "unchanged" for e in entries)))
        )
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(900, 500)

    def accept(self) -> None:
        if self.worker is not None:
            return  # already importing
        names = "、".join(f.path.name for f in self.preview.files)
        action = self.tr("Import returned sheets %1").replace("%1", names)
        self.import_button.setEnabled(False)
        self.worker = run_busy(self, self.tr("Importing the returned sheets…"), import_returns_job,
                               self.ledger.database, self.preview, action, self.ledger.operator)
        self.worker.finished.connect(self._imported)
        self.worker.failed.connect(self._failed)

    def reject(self) -> None:
        if self.worker is None:  # while importing, the dialog stays until the import is pushed
            super().reject()

    @Slot(object)
    def _imported(self, done: Done[int]) -> None:
        self.ledger.push(done)
        self.imported.emit(done.value)
        super().accept()

    @Slot(object)
    def _failed(self, exc: Exception) -> None:  # a read-only ledger, a full disk …: said plainly
        self.worker = None
        self.import_button.setEnabled(True)
        show_failure(self, exc, self.ledger.database.path)


class RemindersDialog(QDialog):
    """The units that still owe the month's report, with their tasks (催报)."""

    def __init__(self, ledger: Ledger, plan_id: int, month: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from db.queries.sheets import units_not_returned

        self.setObjectName("remindersDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Units that have not reported %1").replace("%1", month))
        with ledger.session() as session:
            owing = units_not_returned(session, plan_id, month)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(
            "\n".join(
                self.tr("%1: tasks %2").replace("%1", unit).replace("%2", "、".join(labels))
                for unit, labels in owing
            )
            or self.tr("Every lead unit has reported for %1.").replace("%1", month)
        )
        copy = QPushButton(self.tr("&Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%1 units owe their report:").replace("%1", str(len(owing)))))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

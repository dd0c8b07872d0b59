"""The Excel side of the monthly work in the window: the ledger as .xlsx, the
fill-in sheets sent to the units, their returns read back with a preview, and
the list of units that still owe their report (催报)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
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
from db.schema.database import Database
from db.queries.labels import task_title
from db.returns import ReturnEntry, ReturnsPreview
from desktop.labels import status_label
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.workers import USER_ERRORS, failure_text, run_busy

Index = QModelIndex | QPersistentModelIndex


def write_ledger_job(
    database: Database, plan_id: int, month: str, path: Path, *, cancel: CancelToken, progress: Callable[[int, int], None]
) -> Path:
    from db.excel_ledger import write_ledger

    with database.session() as session:
        return write_ledger(session, plan_id, month, path, progress=progress, cancel=cancel).path


def make_returns_job(
    database: Database, plan_id: int, month: str, folder: Path, *, cancel: CancelToken, progress: Callable[[int, int], None]
) -> list[Path]:
    from db.returns import make_returns

    with database.session() as session:
        return make_returns(session, plan_id, month, folder, progress=progress, cancel=cancel)


def read_returns_job(database: Database, plan_id: int, month: str, paths: list[Path]) -> ReturnsPreview:
    from db.returns import read_returns

    with database.session() as session:
        return read_returns(session, paths, plan_id=plan_id, month=month)


def run_and_tell(parent: QWidget, text: str, job: Any, *args: Any, done: Any, long: bool = False) -> None:
    """Run a job with a busy dialog — with a progress bar and a cancel button
    when `long` (the job takes `cancel` and `progress`) — then `done(result)`
    on success; an error is shown."""
    worker = run_busy(parent, text, job, *args, cancellable=long, with_progress=long)
    worker.finished.connect(done)
    worker.failed.connect(lambda exc: show_error(parent, *failure_text(exc)))


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
    """Shows what the returned sheets would write; Import writes it all in one
    undoable transaction (after a backup of the database)."""

    def __init__(self, ledger: Ledger, preview: ReturnsPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsImportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ledger, self.preview = ledger, preview
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
        from db.safety.backup import backup_before
        from db.returns import import_returns

        names = "、".join(f.path.name for f in self.preview.files)
        try:
            backup_before(self.ledger.database.path, "returns-import")
            self.ledger.execute(
                self.tr("Import returned sheets %1").replace("%1", names), import_returns, self.preview, self.ledger.operator
            )
        except (*USER_ERRORS, ValueError) as exc:  # a full disk, a file made read-only …: said plainly
            show_error(self, *failure_text(exc))
            return
        super().accept()


class RemindersDialog(QDialog):
    """The units that still owe the month's report, with their tasks (催报)."""

    def __init__(self, ledger: Ledger, plan_id: int, month: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from db.returns import units_not_returned

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

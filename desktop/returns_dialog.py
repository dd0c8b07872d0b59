"""The Excel side of the monthly work in the window: the ledger as .xlsx, the
fill-in sheets sent to the units, their returns read back with a preview, and
the list of units that still owe their report (催报)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTemporaryDir,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
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
from desktop.saving import SavedNotice, ask_save_path, tell_saved
from desktop.workers import Worker, run_busy, show_failure
from documents.reminders import contact_text, html_table, intro, last_text, phone_text, plain_text

Index = QModelIndex | QPersistentModelIndex


def write_ledger_job(
    database: Database,
    plan_id: int,
    month: str,
    path: Path,
    *,
    cancel: CancelToken,
    progress: Callable[[int, int], None],
) -> Path:
    from db.queries.sheets import ledger_data
    from documents.excel.ledger import write_ledger

    with database.session() as session:
        data = ledger_data(session, plan_id, month)
    return write_ledger(data, path, progress=progress, cancel=cancel).path


def write_bulletin_job(
    database: Database,
    plan_id: int,
    month: str,
    path: Path,
    *,
    cancel: CancelToken,
    progress: Callable[[int, int], None],
) -> Path:
    """The month's bulletin (.docx) for the office to edit before it is issued."""
    from db.queries.figures import month_figures
    from documents.docx import write_bulletin

    with database.session() as session:
        figures = month_figures(session, plan_id, month)
    progress(1, 2)
    write_bulletin(figures, path, cancel=cancel)
    progress(2, 2)
    return path


def make_returns_job(
    database: Database,
    plan_id: int,
    month: str,
    folder: Path,
    *,
    cancel: CancelToken,
    progress: Callable[[int, int], None],
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
        self.headers = (
            self.tr("Unit"),
            self.tr("Task"),
            self.tr("Status"),
            self.tr("What was done"),
            self.tr("Change"),
        )

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
            old = (
                f"{status_label(entry.old.status)} → " if entry.old and entry.old.status != entry.report.status else ""
            )
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
        self.worker = run_busy(
            self,
            self.tr("Importing the returned sheets…"),
            import_returns_job,
            self.ledger.database,
            self.preview,
            action,
            self.ledger.operator,
        )
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


def write_reminders_job(database: Database, plan_id: int, month: str, path: Path) -> Path:
    """The 催报 list of the month written to `path`, as PDF or as a workbook by its suffix."""
    from db.queries.sheets import reminders_data
    from documents.excel.reminders import write_reminders_workbook
    from documents.pdf.reminders import write_reminders

    with database.session() as session:
        data = reminders_data(session, plan_id, month)
    if path.suffix.lower() == ".xlsx":
        return write_reminders_workbook(data, path)
    write_reminders(data, path)
    return path


class RemindersDialog(QDialog):
    """The units that still owe the month's report (催报), each with its
    contact and telephone and the tasks it owes, and last the tasks that
    name no lead unit; printed, saved as PDF or .xlsx, or copied (as text,
    and as a table for Word, WPS or Excel)."""

    saved = Signal(str)  # the file written

    def __init__(self, ledger: Ledger, plan_id: int, month: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from db.queries.sheets import reminders_data

        self.setObjectName("remindersDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ledger, self.plan_id, self.month = ledger, plan_id, month
        self.setWindowTitle(self.tr("Units that have not reported %1").replace("%1", month))
        self._folder = QTemporaryDir()
        self.worker: Worker | None = None
        with ledger.session() as session:
            self.data = reminders_data(session, plan_id, month)
        owing = sum(unit.unit_id is not None for unit in self.data.units)
        summary = QLabel(self.tr("%1 units owe their report:").replace("%1", str(owing)))
        summary.setObjectName("remindersSummary")
        intro_label = QLabel(intro(self.data), wordWrap=True)
        intro_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = self._model()
        self.tree = QTreeView()
        self.tree.setObjectName("remindersTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        for column in range(1, self.model.columnCount()):
            self.tree.resizeColumnToContents(column)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printButton")
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setObjectName("pdfButton")
        self.excel_button = QPushButton(self.tr("Save as &Excel…"))
        self.excel_button.setObjectName("excelButton")
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip(
            self.tr("Copies the list as text and as a table (to paste into Word, WPS or Excel)")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.print_button, self.pdf_button, self.excel_button, self.copy_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.excel_button.clicked.connect(lambda: self.save("xlsx"))
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.status = SavedNotice(self)  # where the list was saved (tell_saved), above the buttons
        self.status.hide()
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_)
        QShortcut(QKeySequence.StandardKey.Copy, self, self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(intro_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 520)

    def _model(self) -> QStandardItemModel:
        """Units (with contact and telephone) → the tasks they owe (with the last report)."""
        model = QStandardItemModel(self)
        model.setHorizontalHeaderLabels(
            [self.tr("Unit / task"), self.tr("Contact"), self.tr("Telephone"), self.tr("Last report")]
        )
        for unit in self.data.units:
            head = _item(f"{unit.name}（{len(unit.tasks)}项）")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            if unit.unit_id is None:
                head.setForeground(QBrush(QColor("#b00020")))
                head.setToolTip(self.tr("These tasks name no lead unit: give them one in the task form"))
            for task in unit.tasks:
                head.appendRow(
                    [_item(task_title(task.label, task.title)), _item(""), _item(""), _item(last_text(task))]
                )
            known = unit.unit_id is not None
            model.appendRow(
                [head, _item(contact_text(unit) if known else ""), _item(phone_text(unit) if known else ""), _item("")]
            )
        return model

    def plain_text(self) -> str:
        return plain_text(self.data)

    @Slot()
    def copy(self) -> None:
        mime = QMimeData()
        mime.setText(plain_text(self.data))
        mime.setHtml(html_table(self.data))
        QGuiApplication.clipboard().setMimeData(mime)

    def default_stem(self) -> str:
        """厦门市…分工_2016年6月催报名单 (made safe on Windows by the save dialog)."""
        return f"{self.data.plan.title}_{self.data.month.label}催报名单"

    def save(self, suffix: str) -> None:
        """Ask where, then write the PDF or the workbook in a worker; the dialog says where it went."""
        filters = {"pdf": self.tr("PDF (*.pdf)"), "xlsx": self.tr("Excel (*.xlsx)")}
        target, _ = ask_save_path(
            self, self.tr("Save the list"), self.default_stem(), f".{suffix}", filters[suffix], "催报名单"
        )
        if target:
            path = target if target.suffix.lower() == f".{suffix}" else Path(f"{target}.{suffix}")
            self._write(path, self._saved)

    @Slot(object)
    def _saved(self, path: Path) -> None:
        tell_saved(self, path)
        self.saved.emit(str(path))

    def _write(self, path: Path, done: Callable[[Path], None]) -> None:
        if self.worker is not None:
            return
        self.worker = run_busy(
            self,
            self.tr("Writing %1…").replace("%1", path.name),
            write_reminders_job,
            self.ledger.database,
            self.plan_id,
            self.month,
            path,
        )
        self.worker.finished.connect(done)
        self.worker.failed.connect(lambda exc: show_failure(self, exc, self.ledger.database.path))
        self.worker.ended.connect(self._ended)

    @Slot()
    def _ended(self) -> None:
        self.worker = None

    @Slot()
    def print_(self) -> None:
        """The list as PDF (in a worker), then the system's printer dialog."""
        self._write(Path(self._folder.path()) / "reminders.pdf", self._print_pdf)

    def _print_pdf(self, path: Path) -> None:
        """Ask for the printer, then print in a worker with a progress dialog
        and a cancel button, as the sheet does (desktop/printing.py)."""
        from desktop.printing import print_pdf

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def send() -> None:
            self.print_worker = run_busy(
                self, self.tr("Printing…"), print_pdf, path.read_bytes(), printer, cancellable=True, with_progress=True
            )
            self.print_worker.failed.connect(lambda exc: show_failure(self, exc, self.ledger.database.path))

        dialog.accepted.connect(send)
        QDialog.open(dialog)  # window-modal, not a nested event loop; QPrintDialog.open() wants a receiver


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item

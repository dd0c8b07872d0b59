"""The printed reports in the window: choose month (and unit), build the PDF
in a worker with a progress bar, look at it, print it or save it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QSizeF, Qt, QTemporaryDir
from PySide6.QtGui import QColor, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cancel import CancelToken
from db.errors import DatabaseError
from db.safety.storage import write_bytes
from db.schema.database import Database
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.preferences import REPORT_DIALOG, load, save
from desktop.workers import Worker, run_busy, show_failure

SHEET, NOTICES = "sheet", "notices"


def build_report(
    database: Database,
    kind: str,
    plan_id: int,
    month: str,
    unit_id: int | None,
    path: Path,
    *,
    cancel: CancelToken,
    progress: Callable[[int, int], None],
) -> Any:
    """The worker's job: gather the report's data and write the PDF (no Qt)."""
    from db.queries.report_data import notice_data, sheet_data
    from documents.pdf.notices import write_notices
    from documents.pdf.sheet import write_sheet

    with database.session() as session:
        data: Any = sheet_data(session, plan_id, month) if kind == SHEET else notice_data(session, plan_id, month, unit_id)
    cancel.check()
    writer = write_sheet if kind == SHEET else write_notices
    return writer(data, path, progress=progress, cancel=cancel)


class ReportDialog(QDialog):
    """The monthly supervision sheet (督查表) or the supervision notices (督办单)."""

    def __init__(
        self,
        ledger: Ledger,
        kind: str,
        plan_id: int,
        months: list[str],
        month: str,
        lead_units: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ledger, self.kind, self.plan_id = ledger, kind, plan_id
        self.setWindowTitle(self.tr("Monthly supervision sheet") if kind == SHEET else self.tr("Supervision notices"))
        self._folder = QTemporaryDir()
        self.path = Path(self._folder.path()) / "report.pdf"
        self.worker: Worker | None = None

        self.month = QComboBox()
        for value in months:
            self.month.addItem(value, value)
        self.month.setCurrentIndex(max(0, self.month.findData(month)))
        self.unit = QComboBox()
        self.unit.addItem(self.tr("All lead units"), None)
        for unit_id, name in lead_units:
            self.unit.addItem(name, unit_id)
        self.unit.setVisible(kind == NOTICES)
        self.build_button = QPushButton(self.tr("&Build"))
        self.build_button.setDefault(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.warning = QLabel()  # the characters no font has, should there be any
        self.warning.setObjectName("reportWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning.setStyleSheet("color: #b00020;")
        self.warning.hide()
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("&Save as…"))
        close = QPushButton(self.tr("Close"))
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addWidget(self.unit)
        top.addWidget(self.build_button)
        top.addWidget(self.note, 1)
        bottom = QHBoxLayout()
        bottom.addStretch()
        for button in (self.print_button, self.save_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.build_button.clicked.connect(self.build)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        if not self.restoreGeometry(load(REPORT_DIALOG)):
            self.resize(1000, 720)

    def build(self) -> None:
        """Write the PDF in a worker; show it when done."""
        self.document.close()
        self.warning.hide()
        self.build_button.setEnabled(False)
        self.worker = run_busy(
            self,
            self.tr("Building the PDF…"),
            build_report,
            self.ledger.database,
            self.kind,
            self.plan_id,
            self.month.currentData(),
            self.unit.currentData(),
            self.path,
            cancellable=True,
            with_progress=True,
        )
        self.worker.finished.connect(self._built)
        self.worker.failed.connect(self._failed)
        self.worker.ended.connect(lambda: self.build_button.setEnabled(True))

    def _built(self, info: Any) -> None:
        self.document.load(str(self.path))
        self.note.setText(info.note)
        self.warning.setText(info.warning)
        self.warning.setVisible(bool(info.warning))
        for button in (self.print_button, self.save_button):
            button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        show_failure(self, exc, self.ledger.database.path)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        default = f"{self.windowTitle()}-{self.month.currentData()}.pdf"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), default, self.tr("PDF (*.pdf)"))
        if target:
            try:
                write_bytes(Path(target), self.path.read_bytes(), "报表未保存")
            except DatabaseError as exc:  # a full disk: db.errors.DiskFullError says so, and how much is needed
                show_error(self, str(exc))
            except OSError as exc:
                show_error(self, self.tr("Could not save %1: %2").replace("%1", target).replace("%2", exc.strerror or str(exc)))

    def print_(self) -> None:
        if not self.print_button.isEnabled():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, printer)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        save(REPORT_DIALOG, self.saveGeometry())
        if self.worker is not None:
            self.worker.cancel()
        super().closeEvent(event)


def print_document(document: QPdfDocument, printer: QPrinter) -> None:
    """Send the pages to the printer. QPdfDocument renders onto a transparent
    image: paint it over white, or some printers print black."""
    painter = QPainter(printer)
    try:
        target = painter.viewport()
        first, last = printer.fromPage() or 1, printer.toPage() or document.pageCount()
        for page in range(first - 1, last):
            if page > first - 1:
                printer.newPage()
            size = document.pagePointSize(page).scaled(QSizeF(target.size()), Qt.AspectRatioMode.KeepAspectRatio).toSize()
            image = document.render(page, QSize(size.width(), size.height()))
            painter.fillRect(0, 0, size.width(), size.height(), QColor("white"))
            painter.drawImage(0, 0, image)
    finally:
        painter.end()

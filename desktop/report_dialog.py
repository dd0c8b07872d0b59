"""The printed reports in the window: choose month (and unit), build the PDF
in a worker with a progress bar, look at it, print it or save it (the
notices' own choices: desktop/notice_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTemporaryDir
from PySide6.QtGui import QKeySequence, QPageLayout, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cancel import CancelToken
from db.errors import DatabaseError
from db.queries.report_data import SheetScope, sheet_headings
from db.safety.storage import write_bytes
from db.schema.database import Database
from desktop.labels import month_label
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.preferences import REPORT_DIALOG, load, save
from desktop.printing import print_pdf
from desktop.saving import ask_save_path, tell_saved
from desktop.workers import Worker, run_busy, show_failure
from documents.pdf.sheet import DETAILED, OPTIONAL_COLUMNS, PRESETS, SHORT

SHEET, NOTICES = "sheet", "notices"
# The sheet's presets and optional columns (documents/pdf/sheet.py) in the
# window's source language; QT_TRANSLATE_NOOP marks them for tools.translations.
PRESET_NAMES = {
    SHORT: QT_TRANSLATE_NOOP("ReportDialog", "Short"),
    DETAILED: QT_TRANSLATE_NOOP("ReportDialog", "Detailed"),
}
COLUMN_NAMES = {
    "deadline": QT_TRANSLATE_NOOP("ReportDialog", "Deadline"),
    "problems": QT_TRANSLATE_NOOP("ReportDialog", "Problems"),
    "next_steps": QT_TRANSLATE_NOOP("ReportDialog", "Next steps"),
    "evidence": QT_TRANSLATE_NOOP("ReportDialog", "Evidence"),
    "warning": QT_TRANSLATE_NOOP("ReportDialog", "Warning"),
}


def build_report(
    database: Database,
    plan_id: int,
    month: str,
    unit_id: int | None,
    path: Path,
    *,
    cancel: CancelToken,
    progress: Callable[[int, int], None],
    scope: SheetScope | None = None,
    columns: Sequence[str] = (),
    charts: bool = True,
) -> Any:
    """The worker's job: gather the sheet's data and write the PDF (no Qt).
    The sheet shows `scope` (its unit is `unit_id`) with the optional `columns`,
    and with its charts unless `charts` is false."""
    from db.queries.report_data import sheet_data
    from documents.pdf.sheet import write_sheet

    with database.session() as session:
        data = sheet_data(session, plan_id, month, scope=replace(scope or SheetScope(), unit_id=unit_id), charts=charts)
    cancel.check()
    return write_sheet(data, path, progress=progress, cancel=cancel, columns=columns)


class ReportDialog(QDialog):
    """The monthly supervision sheet (督查表); the supervision notices (督办单)
    are its subclass desktop.notice_dialog.NoticeDialog, which builds its own."""

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
        self.print_worker: Worker | None = None
        # Kept while the dialog lives: the printer and options chosen last stay chosen.
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageOrientation(QPageLayout.Orientation.Landscape)

        self.month = QComboBox()
        for value in months:
            self.month.addItem(value, value)
        self.month.setCurrentIndex(max(0, self.month.findData(month)))
        self.unit = QComboBox()
        self.unit.addItem(self.tr("All lead units"), None)
        for unit_id, name in lead_units:
            self.unit.addItem(name, unit_id)
        self.section = QComboBox()  # the sheet: one part of the plan, or all
        self.section.addItem(self.tr("All parts"), None)
        self.warned = QCheckBox(self.tr("Red and yellow tasks only"))
        self.preset = QComboBox()
        for name in PRESETS:
            self.preset.addItem(self.tr(str(PRESET_NAMES[name])), name)  # str: the NOOP's stub says object
        self.preset.addItem(self.tr("Custom"), None)
        self.columns = {key: QCheckBox(self.tr(str(COLUMN_NAMES[key]))) for key in OPTIONAL_COLUMNS}
        self.charts = QCheckBox(self.tr("Charts"))  # under the figures; a sheet of a part of the plan has none
        self.charts.setChecked(True)
        if kind == SHEET:
            with ledger.session() as session:
                for section_id, level, label in sheet_headings(session, plan_id):
                    self.section.addItem("　" * (level - 1) + label, section_id)
        self._choose_preset(SHORT)
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
        if kind == SHEET:
            top.addWidget(self.section, 1)
        top.addWidget(self.unit)
        if kind == SHEET:
            top.addWidget(self.warned)
        top.addWidget(self.build_button)
        top.addWidget(self.note, 1)
        columns = QHBoxLayout()
        columns.addWidget(QLabel(self.tr("Columns")))
        columns.addWidget(self.preset)
        for box in self.columns.values():
            columns.addWidget(box)
        columns.addStretch()
        columns.addWidget(self.charts)
        self.column_bar = QWidget()
        self.column_bar.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)
        self.column_bar.setVisible(kind == SHEET)
        bottom = QHBoxLayout()
        bottom.addStretch()
        for button in (self.print_button, self.save_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.column_bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.build_button.clicked.connect(self.build)
        self.preset.activated.connect(lambda: self._choose_preset(self.preset.currentData()))
        for box in self.columns.values():
            box.toggled.connect(self._columns_changed)
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
            self.plan_id,
            self.month.currentData(),
            self.unit.currentData(),
            self.path,
            cancellable=True,
            with_progress=True,
            scope=SheetScope(section_id=self.section.currentData(), warned=self.warned.isChecked()),
            columns=self.chosen_columns(),
            charts=self.charts.isChecked(),
        )
        self.worker.finished.connect(self._built)
        self.worker.failed.connect(self._failed)
        self.worker.ended.connect(lambda: self.build_button.setEnabled(True))

    def chosen_columns(self) -> list[str]:
        """The optional columns of the sheet that are ticked."""
        return [key for key, box in self.columns.items() if box.isChecked()]

    def _choose_preset(self, name: str | None) -> None:
        """Tick the columns of a preset (简表, 详表); "Custom" leaves them."""
        if name is None:
            return
        for key, box in self.columns.items():
            box.blockSignals(True)
            box.setChecked(key in PRESETS[name])
            box.blockSignals(False)
        self.preset.setCurrentIndex(self.preset.findData(name))

    def _columns_changed(self) -> None:
        """The preset the ticked columns make, or Custom."""
        chosen = set(self.chosen_columns())
        name = next((name for name, keys in PRESETS.items() if set(keys) == chosen), None)
        self.preset.setCurrentIndex(self.preset.findData(name))

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
        target, _ = ask_save_path(self, self.tr("Save PDF"), self.default_stem(), ".pdf", self.tr("PDF (*.pdf)"))
        if target:
            try:
                write_bytes(target, self.path.read_bytes(), "报表未保存")
            except DatabaseError as exc:  # a full disk: db.errors.DiskFullError says so, and how much is needed
                show_error(self, str(exc))
            except OSError as exc:
                text = self.tr("Could not save %1: %2").replace("%1", str(target))
                show_error(self, text.replace("%2", exc.strerror or str(exc)))
            else:
                tell_saved(self, target)

    def default_stem(self) -> str:
        """督查表-2016年6月, 督办单-市编办-2016年6月: the document, the unit chosen, the month."""
        word = self.tr("Supervision sheet file") if self.kind == SHEET else self.tr("Notices file")
        unit = [self.unit.currentText()] if self.unit.currentData() is not None else []
        return "-".join([word, *unit, month_label(self.month.currentData())])

    def print_(self) -> None:
        """Ask for the printer, then print in a worker (desktop/printing.py)
        with a progress dialog and a cancel button: the window stays live."""
        if not self.print_button.isEnabled():
            return
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.send_to_printer(self.printer)

    def send_to_printer(self, printer: QPrinter) -> Worker:
        self.print_button.setEnabled(False)
        self.print_worker = run_busy(
            self, self.tr("Printing…"), print_pdf, self.path.read_bytes(), printer, cancellable=True, with_progress=True
        )
        self.print_worker.failed.connect(self._failed)
        self.print_worker.ended.connect(lambda: self.print_button.setEnabled(True))
        return self.print_worker

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        save(REPORT_DIALOG, self.saveGeometry())
        for worker in (self.worker, self.print_worker):
            if worker is not None:
                worker.cancel()
        super().closeEvent(event)

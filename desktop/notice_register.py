"""The register of notices (督办单登记簿) in the window: every notice issued
with its number, level, unit, tasks, dates and reply; a reply recorded (or
cleared) as an undoable change; a copy of a notice saved as PDF.

`NoticeTableModel` is also the list of a task's notices in its history pane
(desktop/history_view.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.cancel import CancelToken
from db.operations.notices import RECORD_REPLY
from db.operations.touched import Touched
from db.queries.notices import RegisteredNotice, register, register_years
from db.schema.database import Database
from db.vocabulary import LIGHTS, NOTICE_LEVEL_LIGHTS, NOTICE_LEVELS
from desktop.labels import light_icon, month_label, notice_level_label
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import show_error
from desktop.preferences import NOTICE_REGISTER_DIALOG, load, save
from desktop.saving import ask_save_path, tell_saved
from desktop.workers import run_busy, show_failure

Index = QModelIndex | QPersistentModelIndex
LATE = QColor("#b00020")


def _day(day: date | None) -> str:
    return "" if day is None else day.strftime("%Y-%m-%d")


class NoticeTableModel(QAbstractTableModel):
    """Notices of the register, one a row, newest first."""

    NUMBER, LEVEL, UNIT, MONTH, TASKS, ISSUED, ISSUED_BY, DUE, REPLY = range(9)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.items: list[RegisteredNotice] = []

    def load(self, items: list[RegisteredNotice]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Number"),
                self.tr("Level"),
                self.tr("Unit"),
                self.tr("Month"),
                self.tr("Tasks"),
                self.tr("Issued"),
                self.tr("Issued by"),
                self.tr("Reply due"),
                self.tr("Reply"),
            )[section]
        return None

    def reply_text(self, item: RegisteredNotice) -> str:
        if item.replied_at is not None:
            note = f"  {item.reply_note}" if item.reply_note else ""
            return self.tr("Received %1").replace("%1", _day(item.replied_at)) + note
        if item.reply_late(self.today):
            return self.tr("Overdue, no reply")
        return self.tr("Awaiting reply")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self.items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                item.number,
                notice_level_label(item.level),
                item.unit_name,
                month_label(item.month),
                self.tr("No. %1").replace("%1", "、".join(item.tasks)),
                item.issued_at.strftime("%Y-%m-%d"),
                item.issued_by,
                _day(item.reply_due),
                self.reply_text(item),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.LEVEL:
            return light_icon(NOTICE_LEVEL_LIGHTS[item.level])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.LEVEL:
                return QColor(LIGHTS[NOTICE_LEVEL_LIGHTS[item.level]].colour).darker(115)
            if column == self.REPLY and item.reply_late(self.today):
                return LATE
        return None


def notice_table(model: NoticeTableModel) -> QTableView:
    table = QTableView()
    table.setObjectName("noticeTable")
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(NoticeTableModel.REPLY, QHeaderView.ResizeMode.Stretch)
    return table


def copy_job(database: Database, notice_id: int, path: Path, *, cancel: CancelToken) -> Any:
    """A registered notice as a PDF, for a copy (no Qt)."""
    from db.queries.notices import registered_notice
    from documents.pdf.notices import write_notices

    with database.session() as session:
        notice = registered_notice(session, notice_id)
    return write_notices([notice], path, cancel=cancel)


class NoticeRegisterDialog(QDialog):
    """报表 → 督办单登记簿: the notices issued, filtered; replies recorded."""

    def __init__(self, ledger: Ledger, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeRegister")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Register of notices"))
        self.ledger = ledger
        self.model = NoticeTableModel(today, self)
        self.table = notice_table(self.model)

        self.year = QComboBox()
        self.level = QComboBox()
        self.level.addItem(self.tr("All levels"), None)
        for level in NOTICE_LEVELS:
            self.level.addItem(light_icon(NOTICE_LEVEL_LIGHTS[level]), notice_level_label(level), level)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("Unit"))
        self.unit.setClearButtonEnabled(True)
        self.awaiting = QCheckBox(self.tr("Awaiting reply only"))
        self.count = QLabel()
        filters = QHBoxLayout()
        for widget in (QLabel(self.tr("Year")), self.year, self.level, self.unit, self.awaiting):
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(self.count)

        self.replied_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.replied_on.setCalendarPopup(True)
        self.replied_on.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What the unit replied (optional)"))
        self.record_button = QPushButton(self.tr("&Record reply"))
        self.clear_button = QPushButton(self.tr("C&lear reply"))
        reply = QGroupBox(self.tr("Reply to the selected notice"))
        reply_row = QHBoxLayout(reply)
        for part in (QLabel(self.tr("Received on")), self.replied_on, self.note, self.record_button, self.clear_button):
            reply_row.addWidget(part)
        reply_row.setStretchFactor(self.note, 1)

        self.copy_button = QPushButton(self.tr("Save a &copy as PDF…"))
        close = QPushButton(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(reply)
        layout.addLayout(bottom)

        self.year.currentIndexChanged.connect(self.reload)
        self.level.currentIndexChanged.connect(self.reload)
        self.unit.textChanged.connect(self.reload)
        self.awaiting.toggled.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.record_button.clicked.connect(self.record_reply)
        self.clear_button.clicked.connect(self.clear_reply)
        self.copy_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.close)
        ledger.touched.connect(self._touched)
        if not self.restoreGeometry(load(NOTICE_REGISTER_DIALOG)):
            self.resize(1100, 560)
        self._fill_years()
        self.reload()

    def _fill_years(self) -> None:
        with self.ledger.session() as session:
            years = register_years(session)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    def reload(self) -> None:
        """The register as the filters choose it; the selected notice stays selected."""
        selected = self.current()
        with self.ledger.session() as session:
            items = register(session, year=self.year.currentData())
        level, unit = self.level.currentData(), self.unit.text().strip()
        shown = [
            item
            for item in items
            if (level is None or item.level == level)
            and (not unit or unit in item.unit_name)
            and (not self.awaiting.isChecked() or item.replied_at is None)
        ]
        self.model.load(shown)
        late = sum(item.reply_late(self.model.today) for item in shown)
        self.count.setText(
            self.tr("%1 notices, %2 overdue without reply").replace("%1", str(len(shown))).replace("%2", str(late))
        )
        row = next(
            (index for index, item in enumerate(shown) if selected and item.id == selected.id), 0 if shown else -1
        )
        if row >= 0:
            self.table.selectRow(row)
        self._selected(self.table.currentIndex(), QModelIndex())

    def current(self) -> RegisteredNotice | None:
        index = self.table.currentIndex()
        return self.model.items[index.row()] if index.isValid() and index.row() < len(self.model.items) else None

    def _selected(self, _current: Index, _previous: Index) -> None:
        item = self.current()
        for widget in (self.record_button, self.replied_on, self.note, self.copy_button):
            widget.setEnabled(item is not None)
        self.clear_button.setEnabled(item is not None and item.replied_at is not None)
        if item is not None:
            day = item.replied_at or max(self.model.today, item.issued_at.date())
            self.replied_on.setDate(QDate(day.year, day.month, day.day))
            self.note.setText(item.reply_note)

    def record_reply(self) -> None:
        item = self.current()
        if item is not None:
            text = self.tr("Record the reply to %1").replace("%1", item.number)
            day: date = self.replied_on.date().toPython()  # type: ignore[assignment]  # QDate gives a date
            self._run(text, RECORD_REPLY(item.id, day, self.note.text()))

    def clear_reply(self) -> None:
        item = self.current()
        if item is not None:
            self._run(self.tr("Clear the reply to %1").replace("%1", item.number), RECORD_REPLY(item.id, None))

    def _run(self, text: str, call: Any) -> None:
        try:
            self.ledger.run(text, call)
        except REFUSALS as exc:
            show_error(self, str(exc))

    def save_copy(self) -> None:
        item = self.current()
        if item is None:
            return
        stem = f"{item.number}{notice_level_label(item.level)}-{item.unit_name}-{month_label(item.month)}"
        target, _ = ask_save_path(self, self.tr("Save a copy of the notice"), stem, ".pdf", self.tr("PDF (*.pdf)"))
        if target:
            worker = run_busy(
                self, self.tr("Writing the notice…"), copy_job, self.ledger.database, item.id, target, cancellable=True
            )
            worker.failed.connect(lambda exc: show_failure(self, exc, self.ledger.database.path))
            worker.finished.connect(lambda _: tell_saved(self, target))

    def _touched(self, touched: Touched) -> None:
        if touched.notices or touched.everything:
            self._fill_years()
            self.reload()

    def done(self, result: int) -> None:
        save(NOTICE_REGISTER_DIALOG, self.saveGeometry())
        super().done(result)

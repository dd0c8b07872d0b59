"""The history of changes: a list with filters, and the old → new values of
the selected change. Shown for one task in its pane, with the notices that
named it (the register of notices), and for the whole ledger in File → History."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.operations.history import HistoryItem, entries
from db.operations.touched import Touched
from db.queries.history import change_details, operators
from db.queries.notices import register
from desktop.history_words import detail_lines
from desktop.ledger import Ledger
from desktop.notice_register import NoticeTableModel, notice_table
from desktop.preferences import HISTORY_DIALOG, load, save

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[HistoryItem] = []

    def load(self, items: list[HistoryItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Time"), self.tr("Operator"), self.tr("Change"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.items[index.row()]
        return (item.at.strftime("%Y-%m-%d %H:%M:%S"), item.operator, item.action)[index.column()]


class HistoryView(QWidget):
    """The history of the whole ledger with filters, or (`for_task`) of the
    task given to `set_task`."""

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, for_task: bool = False, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.for_task = for_task
        self.task_id: int | None = None
        self.notice_model = NoticeTableModel(today or date.today(), self)
        self.notices = QGroupBox(self.tr("Notices that named this task"))
        self.notices.setObjectName("taskNotices")
        QVBoxLayout(self.notices).addWidget(notice_table(self.notice_model))
        self.notices.hide()
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Words in the change or its values"))
        self.text.setClearButtonEnabled(True)
        self.operator = QComboBox()
        self.use_dates = QCheckBox(self.tr("From"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        filters = QHBoxLayout()
        for widget in (self.text, self.operator, self.use_dates, self.since, self.until):
            filters.addWidget(widget)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not for_task:
            layout.addLayout(filters)
        else:
            splitter.insertWidget(0, self.notices)
        layout.addWidget(splitter)

        self.text.textChanged.connect(self.reload)
        self.operator.currentIndexChanged.connect(self.reload)
        self.use_dates.toggled.connect(self.reload)
        self.since.dateChanged.connect(self.reload)
        self.until.dateChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        ledger.touched.connect(self._changed)
        self._fill_operators()

    def set_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.reload()

    def _fill_operators(self) -> None:
        with self.ledger.session() as session:
            names = operators(session)
        current = self.operator.currentData()
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(self.tr("All operators"), "")
        for name in names:
            self.operator.addItem(name or self.tr("(unknown)"), name)
        self.operator.setCurrentIndex(max(0, self.operator.findData(current)))
        self.operator.blockSignals(False)

    def reload(self) -> None:
        if self.for_task:
            self._load_notices()
        if self.for_task and self.task_id is None:
            self.model.load([])
            self.detail.clear()
            return
        since = until = None
        if self.use_dates.isChecked():
            since = datetime.combine(cast(date, self.since.date().toPython()), time.min)  # the stubs say object
            until = datetime.combine(cast(date, self.until.date().toPython()), time.max)
        with self.ledger.session() as session:
            items = entries(
                session,
                task_id=self.task_id,
                text=self.text.text(),
                operator=self.operator.currentData() or "",
                since=since,
                until=until,
            )
        self.model.load(items)
        self.table.resizeColumnToContents(0)
        self.detail.clear()

    def _load_notices(self) -> None:
        """The register's notices that named the task, shown only when there are some."""
        notices = []
        if self.task_id is not None:
            with self.ledger.session() as session:
                notices = register(session, task_id=self.task_id)
        self.notice_model.load(notices)
        self.notices.setVisible(bool(notices))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            with self.ledger.session() as session:
                details = change_details(session, self.model.items[current.row()].changes)
            self.detail.setPlainText("\n".join(detail_lines(details)))

    def _changed(self, touched: Touched) -> None:
        """Every change adds an entry: the ledger's history shown reads again,
        a task's history when the change touched the task."""
        if self.for_task:
            if self.task_id is not None and (
                touched.everything or touched.structure or self.task_id in touched.task_ids()
            ):
                self.reload()
        elif self.isVisible():
            self._fill_operators()
            self.reload()


class HistoryDialog(QDialog):
    """File → History: every change to the ledger."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("History of changes"))
        self.view = HistoryView(ledger, self)
        QVBoxLayout(self).addWidget(self.view)
        if not self.restoreGeometry(load(HISTORY_DIALOG)):
            self.resize(900, 600)
        self.view.reload()

    def done(self, result: int) -> None:
        save(HISTORY_DIALOG, self.saveGeometry())
        super().done(result)

"""The import preview's list of the tasks a plan names no lead unit for,
each with a cell in which to give it one (a unit of the registry, picked
from a list that completes as one types, or a new name).

Until a task has a lead unit, nobody is asked for its report: the 催报
list, the supervision sheet and the ledger put it under 需明确牵头单位, and
the office fills it in on a sheet of its own. Giving one here stores it with
the plan (db.plans.leads, through the reading's choices).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.plans import clean
from db.queries.labels import task_title
from desktop.collation import by_pinyin

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1
LEAD_COLUMN = 1
Index = QModelIndex | QPersistentModelIndex


class UnitNameDelegate(QStyledItemDelegate):
    """Edits a lead unit cell with an editable list of the known names."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.names: list[str] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent, editable=True)
        combo.setObjectName("leadUnitEditor")
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self.names)
        completer = QCompleter(self.names, combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # 环保 finds 市环保局
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setEditText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, clean(editor.currentText()), Qt.ItemDataRole.EditRole)


class LeadUnitsPane(QWidget):
    """Tasks without a lead unit, and the lead unit given to each.
    `lead_given(label, name)` says a cell was set ("" when it was cleared)."""

    lead_given = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadUnitsPane")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Task"), self.tr("Lead unit to give")])
        self.model.itemChanged.connect(self._changed)
        self.view = QTableView()
        self.view.setObjectName("leadUnitsView")
        self.view.setModel(self.model)
        self.delegate = UnitNameDelegate(self.view)
        self.view.setItemDelegateForColumn(LEAD_COLUMN, self.delegate)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(LEAD_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().resizeSection(LEAD_COLUMN, 170)
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("leadUnitsTitle")
        hint = QLabel(
            self.tr(
                "Double-click a cell (or press F2) to give the task a lead unit. Until it has one, the task is listed "
                "under 需明确牵头单位 in the reminders and the sheet, and the office reports on it in a fill-in sheet "
                "of its own."
            ),
            wordWrap=True,
        )
        hint.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self._filling = False

    def show_tasks(self, tasks: Sequence[tuple[str, str, str]], names: Iterable[str]) -> None:
        """(label, title, lead unit given or "") of each task the plan names
        no lead unit for; `names` are offered in the cells' lists."""
        self.delegate.names = by_pinyin(set(names), str)
        given = sum(bool(lead) for _label, _title, lead in tasks)
        self.title.setText(
            self.tr("Tasks without a lead unit: %1, %2 given a lead unit here")
            .replace("%1", str(len(tasks)))
            .replace("%2", str(given))
        )
        current = self.view.currentIndex()
        self._filling = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            for label, title, lead in tasks:
                task = QStandardItem(task_title(label, title))
                task.setEditable(False)
                task.setData(label, LABEL_ROLE)
                unit = QStandardItem(lead)
                unit.setToolTip(self.tr("Double-click to choose or type the lead unit"))
                self.model.appendRow([task, unit])
        finally:
            self._filling = False
        if current.isValid() and current.row() < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))

    def label(self, row: int) -> str:
        return self.model.index(row, 0).data(LABEL_ROLE)

    def give(self, row: int, name: str) -> None:
        """Give the task of `row` the lead unit `name`, as editing its cell does."""
        self.model.setData(self.model.index(row, LEAD_COLUMN), clean(name), Qt.ItemDataRole.EditRole)

    @Slot(QStandardItem)
    def _changed(self, item: QStandardItem) -> None:
        if not self._filling and item.column() == LEAD_COLUMN:
            self.lead_given.emit(self.label(item.row()), clean(item.text()))

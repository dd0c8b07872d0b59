"""The list of a task's lead or responsible units, edited by name with
completion from the registry. Values carried down from a merged cell are
marked until a person confirms them."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.queries.task_detail import AssignedUnit
from desktop.collation import by_pinyin

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UnitListEditor(QWidget):
    """Emits `units_edited(unit ids)` for a new list, `name_added(name)` for a
    name the registry does not know, and `confirm_requested()`."""

    units_edited = Signal(list)
    unknown_name = Signal(str)
    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lookup: dict[str, int] = {}
        self._units: tuple[AssignedUnit, ...] | None = None  # as last shown
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Type a unit name and press Enter"))
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name.setCompleter(self.completer)
        self.add_button = QPushButton(self.tr("&Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.confirm_button = QPushButton(self.tr("Confirm carried-down units"))
        self.confirm_button.setToolTip(
            self.tr("These units were carried down from a merged cell of the plan table. Confirm them once checked.")
        )
        # The buttons in a column beside the list: the editor stays narrow enough for the form's
        # pane at the window's default size, each button as wide as its words.
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.view.setMaximumHeight(max(96, buttons.sizeHint().height()))  # as tall as the column beside it
        beside = QHBoxLayout()
        beside.setContentsMargins(0, 0, 0, 0)
        beside.addWidget(self.view, 1, Qt.AlignmentFlag.AlignTop)
        beside.addLayout(buttons)
        confirm = QHBoxLayout()  # shown with carried-down units
        confirm.setContentsMargins(0, 0, 0, 0)
        confirm.addWidget(self.confirm_button)
        confirm.addStretch()
        entry = QHBoxLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(beside)
        layout.addLayout(entry)
        layout.addLayout(confirm)

        self.name.returnPressed.connect(self._add)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.confirm_button.clicked.connect(self.confirm_requested)
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self._remove, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Alt+Up"), self.view, lambda: self._move(-1), context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Alt+Down"), self.view, lambda: self._move(1), context=Qt.ShortcutContext.WidgetShortcut)

    def set_lookup(self, lookup: dict[str, int]) -> None:
        """Names and aliases of the registry → unit ids, for completion."""
        if lookup != self._lookup:  # the form shows its task again after every change of it
            self._lookup = lookup
            self._names.setStringList(by_pinyin(lookup, str))  # the completer's model

    def set_units(self, units: tuple[AssignedUnit, ...]) -> None:
        if units == self._units and self.unit_ids() == [unit.unit_id for unit in units]:
            return  # shown already (the task again after a change of another field)
        self._units = units
        self.model.clear()
        for unit in units:
            item = QStandardItem(unit.name)
            item.setData(unit.unit_id, UNIT_ID_ROLE)
            if unit.continued and not unit.confirmed:
                font = QFont()
                font.setItalic(True)
                item.setFont(font)
                item.setText(self.tr("%1 (carried down, to confirm)").replace("%1", unit.name))
                item.setToolTip(
                    self.tr("Carried down from the task above (merged cell): %1").replace("%1", unit.phrase)
                )
            elif unit.continued:
                item.setToolTip(self.tr("Carried down from the task above, confirmed"))
            elif unit.phrase:
                item.setToolTip(self.tr("As written in the plan: %1").replace("%1", unit.phrase))
            self.model.appendRow(item)
        self.confirm_button.setVisible(any(u.continued and not u.confirmed for u in units))

    def unit_ids(self) -> list[int]:
        return [self.model.item(row).data(UNIT_ID_ROLE) for row in range(self.model.rowCount())]

    def unit_for(self, name: str) -> int | None:
        """The unit a typed name means (a name or an alias in the registry), if any."""
        return self._lookup.get(name) or self._lookup.get(name.replace(" ", ""))

    def _add(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        unit_id = self.unit_for(name)
        if unit_id is None:
            self.unknown_name.emit(name)
            return
        self.name.clear()
        ids = self.unit_ids()
        if unit_id not in ids:
            self.units_edited.emit([*ids, unit_id])

    def _remove(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            ids = self.unit_ids()
            del ids[row]
            self.units_edited.emit(ids)

    def _move(self, offset: int) -> None:
        row = self.view.currentIndex().row()
        ids = self.unit_ids()
        target = row + offset
        if row < 0 or not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        self.units_edited.emit(ids)
        self.view.setCurrentIndex(self.model.index(target, 0))

"""The unit registry dialog: units by kind, their names, aliases, kinds and
collective memberships; new units and merging two names of one unit.

Every change is one undoable operation through the ledger; the dialog shows
the database again whenever the ledger announces a change (an undo in the
main window included).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.operations.registry import (
    ADD_UNIT,
    CONTACT_LENGTH,
    MERGE_UNITS,
    PHONE_LENGTH,
    RENAME_UNIT,
    SET_ALIASES,
    SET_CONTACT,
    SET_KIND,
    SET_MEMBERS,
)
from db.operations.runner import Call
from db.operations.touched import Touched
from db.plans import clean
from db.queries.ledger import UnitInfo, units
from db.schema.models import UNIT_KINDS
from desktop.collation import units_in_order
from desktop.labels import kind_label
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import ask, show_error
from desktop.preferences import REGISTRY_DIALOG, load, save

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # the name and aliases, which the filter box searches

# The kind of one unit (the tree's group headings use the plural names of desktop.labels).
_KIND_NAMES = {
    "department": QT_TRANSLATE_NOOP("RegistryDialog", "Municipal department"),
    "district": QT_TRANSLATE_NOOP("RegistryDialog", "District government"),
    "zone": QT_TRANSLATE_NOOP("RegistryDialog", "Development zone"),
    "enterprise": QT_TRANSLATE_NOOP("RegistryDialog", "Enterprise"),
    "collective": QT_TRANSLATE_NOOP("RegistryDialog", "Collective name (a group of units)"),
    "other": QT_TRANSLATE_NOOP("RegistryDialog", "Other"),
}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("RegistryDialog", str(_KIND_NAMES[kind]))  # QT_TRANSLATE_NOOP gave the string


def fill_kinds(combo: QComboBox) -> None:
    for kind in UNIT_KINDS:
        combo.addItem(kind_name(kind), kind)


def no_default_buttons(*buttons: QPushButton) -> None:
    """Enter in a line edit commits that field; it must not also close the dialog."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


class UnitPickerDialog(QDialog):
    """Choose one unit from `choices` (a filter box and a list)."""

    def __init__(
        self, title: str, choices: Sequence[UnitInfo], on_chosen: Callable[[int], None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitPicker")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self._on_chosen = on_chosen
        self.filter_edit = QLineEdit(placeholderText=self.tr("Type part of a name or alias"))
        self.list = QListWidget()
        for unit in choices:
            item = QListWidgetItem(unit.name, self.list)
            item.setData(UNIT_ID_ROLE, unit.id)
            item.setData(FILTER_ROLE, " ".join((unit.name, *unit.aliases)))
            item.setToolTip("、".join(unit.aliases))
        self.list.itemDoubleClicked.connect(self.accept)
        self.filter_edit.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        filter_label = QLabel(self.tr("&Find:"))
        filter_label.setBuddy(self.filter_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(filter_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(360, 420)

    @Slot(str)
    def _filter(self, text: str) -> None:
        text = clean(text)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(text not in item.data(FILTER_ROLE))

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        super().accept()
        self._on_chosen(item.data(UNIT_ID_ROLE))


class NewUnitDialog(QDialog):
    """Name and kind of a new unit; `create(dialog, name, kind)` says whether
    it was added (the dialog stays open after a refused name, to correct it)."""

    def __init__(self, create: Callable[[NewUnitDialog, str, str], bool], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("newUnitDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("New unit"))
        self._create = create
        self.name_edit = QLineEdit(maxLength=100)
        self.kind_combo = QComboBox()
        fill_kinds(self.kind_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(buttons)

    def accept(self) -> None:
        if self._create(self, self.name_edit.text(), self.kind_combo.currentData()):
            super().accept()


class RegistryDialog(QDialog):
    """The unit registry. Deletes itself when closed."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registryDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Unit registry"))
        self.ledger = ledger
        self.units: dict[int, UnitInfo] = {}
        self.current: UnitInfo | None = None
        self._selecting = False  # the current index moves because of a reload or select_unit
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._build()
        self.resize(900, 600)
        self.restoreGeometry(load(REGISTRY_DIALOG))
        ledger.touched.connect(self._ledger_changed)
        self.reload()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter()
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(1, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        no_default_buttons(*(button for button in close.buttons() if isinstance(button, QPushButton)))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        undo = self.ledger.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ledger.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter_edit.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self._new_unit)
        self.setTabOrder(self.filter_edit, self.tree)
        self.setTabOrder(self.tree, self.new_button)
        self.setTabOrder(self.new_button, self.merge_button)
        self.setTabOrder(self.merge_button, self.name_edit)

    def _build_list(self) -> QWidget:
        self.filter_edit = QLineEdit(objectName="filterEdit", clearButtonEnabled=True)
        self.filter_edit.setPlaceholderText(self.tr("Type part of a name or alias"))
        self.filter_edit.textChanged.connect(self._filter)
        filter_label = QLabel(self.tr("&Filter:"))
        filter_label.setBuddy(self.filter_edit)
        self.tree = QTreeView(objectName="unitTree", headerHidden=True)
        self.tree.setModel(self.proxy)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.new_button = QPushButton(self.tr("Ne&w unit…"), objectName="newUnitButton")
        self.new_button.clicked.connect(self._new_unit)
        self.merge_button = QPushButton(self.tr("Mer&ge into…"), objectName="mergeButton")
        self.merge_button.clicked.connect(self._merge)
        no_default_buttons(self.new_button, self.merge_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.merge_button)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(filter_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        return panel

    def _build_editor(self) -> QWidget:
        self.name_edit = QLineEdit(objectName="nameEdit", maxLength=100)
        self.name_edit.returnPressed.connect(self._rename)
        self.rename_button = QPushButton(self.tr("&Rename"), objectName="renameButton")
        self.rename_button.clicked.connect(self._rename)
        self.kind_combo = QComboBox(objectName="kindCombo")
        fill_kinds(self.kind_combo)
        self.kind_combo.activated.connect(self._set_kind)
        # Whom the office calls there (the 催报 list and the notices print them): saved on Enter or on leaving.
        self.contact_edit = QLineEdit(objectName="contactEdit", maxLength=CONTACT_LENGTH)
        self.contact_edit.setPlaceholderText(self.tr("Whom the office calls there"))
        self.phone_edit = QLineEdit(objectName="phoneEdit", maxLength=PHONE_LENGTH)
        for edit in (self.contact_edit, self.phone_edit):
            edit.editingFinished.connect(self._set_contact)
        self.alias_list = QListWidget(objectName="aliasList")
        self.alias_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.alias_list,
            self._remove_aliases,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.alias_edit = QLineEdit(objectName="aliasEdit", maxLength=100)
        self.alias_edit.setPlaceholderText(self.tr("Another name of this unit"))
        self.alias_edit.returnPressed.connect(self._add_alias)
        self.add_alias_button = QPushButton(self.tr("A&dd alias"), objectName="addAliasButton")
        self.add_alias_button.clicked.connect(self._add_alias)
        self.remove_alias_button = QPushButton(self.tr("Remo&ve alias"), objectName="removeAliasButton")
        self.remove_alias_button.clicked.connect(self._remove_aliases)
        self.member_list = QListWidget(objectName="memberList")
        self.member_list.itemChanged.connect(self._member_toggled)
        no_default_buttons(self.rename_button, self.add_alias_button, self.remove_alias_button)

        self.editor = QWidget()
        grid = QGridLayout(self.editor)
        grid.setContentsMargins(0, 0, 0, 0)
        self._add_row(grid, 0, self.tr("&Name:"), self.name_edit, self.rename_button)
        self._add_row(grid, 1, self.tr("&Kind:"), self.kind_combo)
        self._add_row(grid, 2, self.tr("Con&tact:"), self.contact_edit)
        self._add_row(grid, 3, self.tr("Tele&phone:"), self.phone_edit)
        self._add_row(grid, 4, self.tr("&Aliases:"), self.alias_list)
        alias_buttons = QHBoxLayout()
        alias_buttons.addWidget(self.alias_edit, 1)
        alias_buttons.addWidget(self.add_alias_button)
        alias_buttons.addWidget(self.remove_alias_button)
        grid.addLayout(alias_buttons, 5, 1, 1, 2)
        self.members_label = self._add_row(grid, 6, self.tr("&Members:"), self.member_list)
        self.members_hint = QLabel(self.tr("Check the units this collective name stands for."), wordWrap=True)
        grid.addWidget(self.members_hint, 7, 1, 1, 2)
        grid.setRowStretch(6, 1)
        return self.editor

    @staticmethod
    def _add_row(grid: QGridLayout, row: int, text: str, field: QWidget, button: QWidget | None = None) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(field, row, 1, 1, 1 if button else 2)
        if button is not None:
            grid.addWidget(button, row, 2)
        return label

    # -- showing the database -------------------------------------------------------

    @Slot(object)
    def _ledger_changed(self, touched: Touched) -> None:
        if touched.everything or touched.registry:
            self.reload()

    def reload(self) -> None:
        """Read the registry again and show the same unit, if it is still there."""
        with self.ledger.session() as session:
            infos = units_in_order(units(session))
        self.units = {unit.id: unit for unit in infos}
        keep = self.current.id if self.current is not None else None
        self._selecting = True
        try:
            self._fill_tree(infos)
        finally:
            self._selecting = False
        self.select_unit(keep)

    def _fill_tree(self, infos: list[UnitInfo]) -> None:
        self.model.clear()
        groups: dict[str, QStandardItem] = {}
        for unit in infos:  # by kind, then pinyin
            if unit.kind not in groups:
                group = QStandardItem(kind_label(unit.kind))
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[unit.kind] = group
                self.model.appendRow(group)
            item = QStandardItem(unit.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setData(unit.id, UNIT_ID_ROLE)
            item.setData(" ".join((unit.name, *unit.aliases)), FILTER_ROLE)
            if unit.aliases:
                item.setToolTip("、".join(unit.aliases))
            groups[unit.kind].appendRow(item)
        self.tree.expandAll()

    def select_unit(self, unit_id: int | None) -> None:
        """Make `unit_id` the unit shown (None, or one no longer there: none)."""
        index = self._proxy_index(unit_id)
        self._selecting = True
        try:
            self.tree.setCurrentIndex(index)
        finally:
            self._selecting = False
        self.tree.scrollTo(index)
        self._show(self.units.get(unit_id) if unit_id is not None and index.isValid() else None)

    def _proxy_index(self, unit_id: int | None) -> QModelIndex:
        if unit_id is None:
            return QModelIndex()
        found = self.model.match(
            self.model.index(0, 0), UNIT_ID_ROLE, unit_id, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )
        return self.proxy.mapFromSource(found[0]) if found else QModelIndex()

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._selecting:
            self._show(self.units.get(current.data(UNIT_ID_ROLE)))

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(clean(text))
        self.tree.expandAll()

    def _show(self, unit: UnitInfo | None) -> None:
        """Fill the editor with `unit` as the database has it."""
        self.current = unit
        self.editor.setEnabled(unit is not None)
        self.merge_button.setEnabled(unit is not None)
        self.name_edit.setText(unit.name if unit else "")
        self.kind_combo.setCurrentIndex(UNIT_KINDS.index(unit.kind) if unit else -1)
        self.contact_edit.setText(unit.contact if unit else "")
        self.phone_edit.setText(unit.phone if unit else "")
        self.alias_list.clear()
        self.alias_list.addItems(unit.aliases if unit else [])
        self.alias_edit.clear()
        collective = unit is not None and unit.kind == "collective"
        for widget in (self.members_label, self.member_list, self.members_hint):
            widget.setVisible(collective)
        self._fill_members(unit if collective else None)

    def _fill_members(self, collective: UnitInfo | None) -> None:
        self.member_list.blockSignals(True)  # filling is not toggling
        self.member_list.clear()
        if collective is not None:
            for unit in self.units.values():
                if unit.kind == "collective":
                    continue
                item = QListWidgetItem(unit.name, self.member_list)
                item.setData(UNIT_ID_ROLE, unit.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = unit.id in collective.members
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.member_list.blockSignals(False)

    # -- changes ------------------------------------------------------------------

    def _run(self, text: str, call: Call[object]) -> bool:
        """One undoable change; a refused one is explained and the database's
        state shown again. Says whether it was made."""
        try:
            self.ledger.run(text, call)
        except REFUSALS as exc:
            show_error(self, str(exc))
            self._show(self.current)
            return False
        return True

    @Slot()
    def _rename(self) -> None:
        unit = self.current
        if unit is not None and clean(self.name_edit.text()) != unit.name:
            self._run(self.tr("Rename unit {name}").format(name=unit.name), RENAME_UNIT(unit.id, self.name_edit.text()))

    @Slot(int)
    def _set_kind(self, index: int) -> None:
        unit = self.current
        kind = self.kind_combo.itemData(index)
        if unit is not None and kind != unit.kind:
            self._run(self.tr("Change the kind of {name}").format(name=unit.name), SET_KIND(unit.id, kind))

    @Slot()
    def _set_contact(self) -> None:
        unit = self.current
        contact, phone = " ".join(self.contact_edit.text().split()), self.phone_edit.text().strip()
        if unit is not None and (contact, phone) != (unit.contact, unit.phone):
            self._run(
                self.tr("Change the contact of {name}").format(name=unit.name), SET_CONTACT(unit.id, contact, phone)
            )

    @Slot()
    def _add_alias(self) -> None:
        unit = self.current
        alias = clean(self.alias_edit.text())
        if unit is not None and alias and alias not in unit.aliases:
            self._run(
                self.tr("Add alias {alias} to {name}").format(alias=alias, name=unit.name),
                SET_ALIASES(unit.id, [*unit.aliases, alias]),
            )

    @Slot()
    def _remove_aliases(self) -> None:
        unit = self.current
        removed = {item.text() for item in self.alias_list.selectedItems()}
        if unit is not None and removed:
            kept = [alias for alias in unit.aliases if alias not in removed]
            self._run(self.tr("Remove aliases of {name}").format(name=unit.name), SET_ALIASES(unit.id, kept))

    @Slot(QListWidgetItem)
    def _member_toggled(self, _item: QListWidgetItem) -> None:
        # Committing reloads the list, which must not happen inside its own signal.
        QTimer.singleShot(0, self, self._commit_members)

    @Slot()
    def _commit_members(self) -> None:
        unit = self.current
        if unit is None:
            return
        members = [
            item.data(UNIT_ID_ROLE)
            for item in map(self.member_list.item, range(self.member_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
        self._run(self.tr("Change the members of {name}").format(name=unit.name), SET_MEMBERS(unit.id, members))

    @Slot()
    def _new_unit(self) -> None:
        NewUnitDialog(self._create_unit, self).open()

    def _create_unit(self, dialog: NewUnitDialog, name: str, kind: str) -> bool:
        try:
            unit_id = self.ledger.run(self.tr("Add unit {name}").format(name=clean(name)), ADD_UNIT(name, kind))
        except REFUSALS as exc:
            show_error(dialog, str(exc))
            return False
        self.select_unit(unit_id)
        return True

    @Slot()
    def _merge(self) -> None:
        source = self.current
        if source is None:
            return
        collective = source.kind == "collective"
        choices = [u for u in self.units.values() if u.id != source.id and (u.kind == "collective") == collective]
        title = self.tr("Merge {name} into…").format(name=source.name)
        UnitPickerDialog(title, choices, lambda target_id: self._confirm_merge(source, target_id), self).open()

    def _confirm_merge(self, source: UnitInfo, target_id: int) -> None:
        target = self.units.get(target_id)
        if target is None or source.id not in self.units:  # undone in the main window meanwhile
            return
        question = self.tr(
            "Merge {source} into {target}? The tasks and reports of {source} move to {target}, "
            "and {source} becomes another name of {target}."
        ).format(source=source.name, target=target.name)
        ask(self, question, lambda: self._merge_units(source, target))

    def _merge_units(self, source: UnitInfo, target: UnitInfo) -> None:
        text = self.tr("Merge {source} into {target}").format(source=source.name, target=target.name)
        if self._run(text, MERGE_UNITS(source.id, target.id)):
            self.select_unit(target.id)

    def done(self, result: int) -> None:
        save(REGISTRY_DIALOG, self.saveGeometry())
        super().done(result)

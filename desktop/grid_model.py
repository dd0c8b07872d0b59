"""The grid of a plan file as the reader read it, for the import preview: every
row with the kind it was given, every column headed by its role.

Column 0 is the row's kind (editable: a combo box, `KindDelegate`); columns
1… are the grid's columns. Cells merged in the file are spanned in the view
(`spans`). The model shows one `Reading`; a person's change of a kind is
announced by `kind_chosen`, and the dialog reads the grid again and shows the
new reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from db.plans import ROW_KINDS, Reading
from desktop.labels import column_role_label, row_kind_label

Index = QModelIndex | QPersistentModelIndex
KIND_COLUMN = 0
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row kind (column 0) or the column role (header)
GUESSED_ROLE = Qt.ItemDataRole.UserRole + 2  # header: the role came from the column's content

# Row kinds by background: headings in warm tones getting paler by level,
# headers gray, notes pale blue; ignored rows are grayed out.
KIND_COLOURS = {
    "header": "#d9d9d9",
    "heading1": "#f6c89f",
    "heading2": "#fadcbf",
    "heading3": "#fdeedd",
    "task": None,
    "note": "#e3ebf6",
    "ignore": None,
}
IGNORED_TEXT = "#8a8a8a"


class GridModel(QAbstractTableModel):
    kind_chosen = Signal(list, str)  # rows, kind

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reading: Reading | None = None

    def show_reading(self, reading: Reading) -> None:
        """Show `reading`; the same grid read again keeps the rows (and the view's
        selection), only kinds and roles change."""
        same_grid = self.reading is not None and self.reading.grid is reading.grid
        if not same_grid:
            self.beginResetModel()
            self.reading = reading
            self.endResetModel()
            return
        self.reading = reading
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def spans(self) -> Iterator[tuple[int, int, int, int]]:
        """(row, column, rows, columns) of every cell merged over others."""
        if self.reading is None:
            return
        for cells in self.reading.grid.rows:
            for cell in cells:
                if not cell.covered and (cell.row_span > 1 or cell.column_span > 1):
                    yield cell.row, cell.column + 1, cell.row_span, cell.column_span

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.reading is None else len(self.reading.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.reading is None else self.reading.grid.width + 1

    def kind(self, row: int) -> str:
        assert self.reading is not None
        return self.reading.rows[row]

    def role(self, column: int) -> str:
        """The role of grid column `column` (0-based in the grid, not in the model)."""
        assert self.reading is not None
        return self.reading.columns[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == KIND_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.reading is None:
            return None
        row, column = index.row(), index.column()
        kind = self.reading.rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == KIND_COLUMN:
                text = row_kind_label(kind)
                return f"{text}\n{self.reading.grid.row_origins[row]}" if role == Qt.ItemDataRole.ToolTipRole else text
            return self.reading.grid.rows[row][column - 1].text
        if role in (CODE_ROLE, Qt.ItemDataRole.EditRole) and column == KIND_COLUMN:
            return kind
        if role == Qt.ItemDataRole.BackgroundRole and KIND_COLOURS[kind]:
            return QBrush(QColor(KIND_COLOURS[kind]))
        if role == Qt.ItemDataRole.ForegroundRole and kind == "ignore":
            return QBrush(QColor(IGNORED_TEXT))
        if role == Qt.ItemDataRole.FontRole and (kind.startswith("heading") or kind == "note"):
            font = QFont()
            font.setBold(kind.startswith("heading"))
            font.setItalic(kind == "note")
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A kind chosen in the combo box: announced, shown once read again."""
        if index.column() != KIND_COLUMN or role != Qt.ItemDataRole.EditRole or value not in ROW_KINDS:
            return False
        if value != self.kind(index.row()):
            self.kind_chosen.emit([index.row()], value)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if self.reading is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.reading.grid.row_origins[section]
            return None
        if section == KIND_COLUMN:
            return self.tr("Row") if role == Qt.ItemDataRole.DisplayRole else None
        code, guessed = self.reading.columns[section - 1], self.reading.column_guessed[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            label = column_role_label(code)
            return self.tr("%1 (guessed)").replace("%1", label) if guessed else label
        if role == Qt.ItemDataRole.ToolTipRole:
            text = (
                self.tr("Column %1: read as “%2”, guessed from its content.")
                if guessed
                else self.tr("Column %1: read as “%2”.")
            )
            return (
                text.replace("%1", str(section)).replace("%2", column_role_label(code))
                + "\n"
                + self.tr("Right-click or press Ctrl+R to read it as something else.")
            )
        if role == CODE_ROLE:
            return code
        if role == GUESSED_ROLE:
            return guessed
        if role == Qt.ItemDataRole.FontRole and guessed:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class KindDelegate(QStyledItemDelegate):
    """The kind column edited with a combo box of the row kinds."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index) -> QWidget:  # noqa: N802
        editor = QComboBox(parent)
        editor.setObjectName("kindEditor")
        for kind in ROW_KINDS:
            editor.addItem(row_kind_label(kind), kind)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(CODE_ROLE))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

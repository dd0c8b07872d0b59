"""The tree models of the unit view: light nodes that point to their parent,
and the index arithmetic of QAbstractItemModel over them; and the roles
every tree of the window answers (the plan tree's are in desktop/plan_model.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(eq=False)
class Node:
    kind: str
    id: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    extra: Any = None

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child


class NodeTreeModel(QAbstractItemModel):
    """Subclasses set `columns` (header texts) and implement `node_data`."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Node("root", 0)

    @staticmethod
    def node(index: Index) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of_node(self, node: Node, column: int = 0) -> QModelIndex:
        parent = node.parent
        if parent is None or node not in parent.children:
            return QModelIndex()
        return self.createIndex(parent.children.index(node), column, node)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        parent_node = self.node(parent) or self.root
        if not (0 <= row < len(parent_node.children) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column, parent_node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self.root:
            return QModelIndex()
        return self.index_of_node(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len((self.node(parent) or self.root).children)

    def columnCount(self, _parent: Index = QModelIndex()) -> int:  # noqa: N802
        return len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.id
        return self.node_data(node, index.column(), role)

    def node_data(self, node: Node, column: int, role: int) -> Any:
        raise NotImplementedError

"""The rows of the plan tree, held by Qt itself, and the filter over them.

A tree view lays out every expanded row whenever rows appear or disappear,
asking the model for each row's index and flags: for a plan of 5,000 tasks
that is tens of thousands of calls. Made into Python, they cost a tenth of a
second and more, on every keystroke of a search. So the rows live in a
QStandardItemModel, one item per plan, heading and task, holding nothing but
the row's key (kind, id): the view's layout then stays in C++. What a row
shows is not copied into it: PlanTreeModel (desktop/plan_model.py) fetches
it from light records as the view paints.

The filter is the QSortFilterProxyModel over the rows (PlanTreeModel is
one), with recursive filtering: a row marked hidden (HIDDEN_ROLE) is left
out unless a row under it is shown, so a filter marks every heading and the
tasks it does not let through, and the headings above the tasks it lets
through show themselves. The filter's own test is Qt's (the mark against an
expression), so filtering, like the layout, stays in C++; marking changes
only the rows whose mark changes, and the proxy answers in one layout change.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

from PySide6.QtCore import QModelIndex, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

Key = tuple[str, int]  # ("plan" | "section" | "task", id)
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
HIDDEN_ROLE = Qt.ItemDataRole.UserRole + 4
COLUMNS = 3
_HIDDEN = "hidden"  # the mark; a row without one passes the filter's expression (empty text)
_TASK_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class PlanRows:
    """`items`, the rows by key, under `filter`, the proxy given, which it sets up."""

    def __init__(self, proxy: QSortFilterProxyModel) -> None:
        self.items = QStandardItemModel(proxy)
        self.items.setColumnCount(COLUMNS)
        self.filter = proxy
        proxy.setRecursiveFilteringEnabled(True)
        proxy.setDynamicSortFilter(False)  # marks change in batches, followed by one invalidate()
        proxy.setFilterRole(HIDDEN_ROLE)
        proxy.setFilterRegularExpression(QRegularExpression("^$"))
        proxy.setSourceModel(self.items)
        self._items: dict[Key, QStandardItem] = {}
        self._hidden_tasks: set[int] = set()
        self.filtering = False  # while on, rows built start hidden; the next marking says which to show

    def clear(self) -> None:
        """No rows (the views reset); rows built next start hidden while `filtering`."""
        self.items.clear()
        self.items.setColumnCount(COLUMNS)
        self._items.clear()
        self._hidden_tasks.clear()

    def __contains__(self, key: Key) -> bool:
        return key in self._items

    def index(self, key: Key) -> QModelIndex:
        """The row of `key` in `filter`; invalid if it is unknown or filtered out."""
        item = self._items.get(key)
        return self.filter.mapFromSource(item.index()) if item is not None else QModelIndex()

    def sync(self, children: Mapping[Key | None, Sequence[Key]]) -> set[Key]:
        """Make the rows under each container of `children` (None: the top
        level) be those keys in that order, given parents before their
        children; rows of other containers stay as they are. Rows that stay
        keep their place in the views (selection, expansion); new rows are
        built with everything `children` puts under them before they are
        inserted, each inserted row once. Returns the headings inserted or
        moved, with those under them: a view shows them collapsed."""
        for container, wanted in children.items():
            holder = self._holder(container)
            if holder is not None:
                keep = set(wanted)
                for row in reversed(range(holder.rowCount())):
                    child = holder.child(row)
                    if child.data(KEY_ROLE) not in keep:
                        self._forget(child)
                        holder.removeRow(row)
        built: set[Key] = set()
        moved: list[QStandardItem] = []
        for container, wanted in children.items():
            holder = self._holder(container)
            if holder is None or container in built:
                continue
            for position, key in enumerate(wanted):
                child = holder.child(position)
                if child is not None and child.data(KEY_ROLE) == key:
                    continue
                item = self._items.get(key)
                if item is not None:  # further down, or (its old place not synced) elsewhere
                    item = (item.parent() or self.items.invisibleRootItem()).takeRow(item.row())[0]
                    moved.append(item)
                else:
                    item = self._build(key, children, built)
                holder.insertRow(position, [item])
        return {key for key in built if key[0] != "task"} | {
            key for item in moved for key in self._keys_under(item) if key[0] != "task"
        }

    def hide(self, tasks: Collection[int] | None) -> bool:
        """Filter: mark hidden every heading and these tasks, and no other
        row; the filter then shows the tasks not marked and the headings
        above them. None: no filter, nothing marked. Whether anything changed."""
        filtering = tasks is not None
        wanted = set(tasks) if tasks is not None else set()
        changed = wanted ^ self._hidden_tasks
        if not changed and filtering == self.filtering:
            return False
        self.items.blockSignals(True)  # the proxy hears of it once, from invalidate()
        try:
            for task_id in changed:
                item = self._items.get(("task", task_id))
                if item is not None:
                    item.setData(_HIDDEN if task_id in wanted else None, HIDDEN_ROLE)
            if filtering != self.filtering:
                mark = _HIDDEN if filtering else None
                for key, item in self._items.items():
                    if key[0] != "task":
                        item.setData(mark, HIDDEN_ROLE)
        finally:
            self.items.blockSignals(False)
        self._hidden_tasks, self.filtering = wanted, filtering
        self.filter.invalidate()
        return True

    def refilter(self) -> None:
        """Ask the filter again (after rows were inserted or moved while it was on)."""
        if self.filtering:
            self.filter.invalidate()

    def keys(self) -> Iterator[Key]:
        return iter(self._items)

    # -- inside ------------------------------------------------------------------

    def _holder(self, container: Key | None) -> QStandardItem | None:
        return self.items.invisibleRootItem() if container is None else self._items.get(container)

    def _build(self, key: Key, children: Mapping[Key | None, Sequence[Key]], built: set[Key]) -> QStandardItem:
        item = QStandardItem()
        item.setData(key, KEY_ROLE)
        if key[0] == "task":
            item.setFlags(_TASK_FLAGS)
        else:
            item.setFlags(_HEADING_FLAGS)
            below = [self._build(child, children, built) for child in children.get(key, ())]
            if below:
                item.appendRows(below)
            item.setColumnCount(COLUMNS)
        if self.filtering:
            item.setData(_HIDDEN, HIDDEN_ROLE)
            if key[0] == "task":
                self._hidden_tasks.add(key[1])
        self._items[key] = item
        built.add(key)
        return item

    def _keys_under(self, item: QStandardItem) -> Iterator[Key]:
        """The keys of `item` and of every row under it."""
        stack = [item]
        while stack:
            current = stack.pop()
            yield current.data(KEY_ROLE)
            stack.extend(current.child(row) for row in range(current.rowCount()))

    def _forget(self, item: QStandardItem) -> None:
        for key in list(self._keys_under(item)):
            del self._items[key]
            if key[0] == "task":
                self._hidden_tasks.discard(key[1])

"""The unit view: units grouped by kind (collectives open to their members),
each with its counts; for the selected unit, its tasks in three groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QSplitter, QTreeView, QVBoxLayout, QWidget

from db.operations.touched import Touched
from db.queries.labels import task_title
from db.queries.ledger import UnitInfo, month_entries, tasks_by_unit, units
from db.queries.nodes import TaskState
from db.queries.unit_tasks import TaskRef, UnitTasks, tasks_of_unit
from db.schema.models import UNIT_KINDS
from desktop.collation import units_in_order
from desktop.labels import kind_label, light_icon, status_label
from desktop.ledger import Ledger
from desktop.preferences import UNIT_SPLITTER, load, save
from desktop.tree_model import ID_ROLE, KIND_ROLE, Node, NodeTreeModel


class UnitTreeModel(NodeTreeModel):
    """Kinds → units (→ members of a collective). Columns: name, tasks,
    completed, overdue, over the tasks the unit leads, is named for, or reaches
    through a collective."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (self.tr("Unit"), self.tr("Tasks"), self.tr("Completed"), self.tr("Overdue"))
        self._units: dict[int, UnitInfo] = {}
        self._counts: dict[int, tuple[int, int, int]] = {}

    def load(
        self, infos: list[UnitInfo], counts: dict[int, tuple[int, int, int]], visible: set[int] | None = None
    ) -> None:
        """Rebuild with the units' (tasks, completed, overdue) counts;
        `visible` limits the units shown (a collective is shown when it or a member is)."""
        self.beginResetModel()
        self._units = {info.id: info for info in infos}
        self._counts = counts
        self.root = Node("root", 0)
        groups: dict[str, Node] = {}
        for kind in UNIT_KINDS:
            groups[kind] = Node("kind", UNIT_KINDS.index(kind), extra=kind)
        for info in infos:
            shown_members = [m for m in info.members if visible is None or m in visible]
            if visible is not None and info.id not in visible and not shown_members:
                continue
            node = groups[info.kind].add(Node("unit", info.id))
            for member_id in shown_members:
                node.add(Node("member", member_id))
        for kind in UNIT_KINDS:
            if groups[kind].children:
                self.root.add(groups[kind])
        self.endResetModel()

    def unit_name(self, unit_id: int) -> str:
        return self._units[unit_id].name

    def index_of_unit(self, unit_id: int) -> Any:
        for group in self.root.children:
            for node in group.children:
                if node.id == unit_id:
                    return self.index_of_node(node)
        return None

    def node_data(self, node: Node, column: int, role: int) -> Any:
        if node.kind == "kind":
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return f"{kind_label(node.extra)} ({len(node.children)})"
            return None
        info = self._units[node.id]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return info.name
            return self._counts.get(node.id, (0, 0, 0))[column - 1]
        if role == Qt.ItemDataRole.ToolTipRole and info.aliases:
            return self.tr("Also called: %1").replace("%1", "、".join(info.aliases))
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class UnitTasksModel(NodeTreeModel):
    """The tasks of one unit: leads, named as responsible, reached through a
    collective. Columns: task, status, this month's report, through."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (self.tr("Task"), self.tr("Status"), self.tr("This month's report"), self.tr("Through"))
        self._refs: dict[int, TaskRef] = {}
        self._states: Mapping[int, TaskState] = {}
        self._reports: dict[int, str] = {}
        self._group_titles = {
            "lead": self.tr("Leads"),
            "responsible": self.tr("Named as responsible unit"),
            "via": self.tr("Reached through a collective"),
        }

    def load(self, groups: dict[str, list[TaskRef]], states: Mapping[int, TaskState], reports: dict[int, str]) -> None:
        self.beginResetModel()
        self.root = Node("root", 0)
        self._refs = {}
        self._states = states
        self._reports = reports
        for position, (name, refs) in enumerate(groups.items()):
            group = self.root.add(Node("group", position, extra=name))
            for ref in refs:
                self._refs[ref.task_id] = ref
                group.add(Node("task", ref.task_id))
        self.endResetModel()

    def node_data(self, node: Node, column: int, role: int) -> Any:
        if node.kind == "group":
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return f"{self._group_titles[node.extra]} ({len(node.children)})"
            return None
        ref = self._refs[node.id]
        state = self._states.get(node.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return task_title(ref.label, ref.title)
            if column == 1:
                return status_label(state.status) if state else ""
            if column == 2:
                return self._reports.get(node.id, self.tr("Not reported")).split("\n", 1)[0]
            return ref.via or ""
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and state is not None:
            return light_icon(state.light)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return self._reports.get(node.id)
            return task_title(ref.label, ref.title)
        return None


class UnitView(QWidget):
    """Emits `task_opened(task id)` when a task is double-clicked.

    What it reads (the registry with each unit's tasks; the selected unit's
    tasks with their reports) is kept until a change touches it (`refresh`),
    so that a filter typed in the search box costs no query."""

    task_opened = Signal(int)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.plan_id: int | None = None
        self.month = ""
        self.states: Mapping[int, TaskState] = {}
        self.visible_tasks: set[int] | None = None
        self._text = ""
        self._stale = False
        # (plan, the registry, the tasks each unit leads, is named for or reaches), the units' counts
        # over them (with the states they count), and (unit, plan, month) with that unit's tasks and reports
        self._registry: tuple[int | None, list[UnitInfo], dict[int, frozenset[int]]] | None = None
        self._counts: tuple[Mapping[int, TaskState], dict[int, tuple[int, int, int]]] | None = None
        self._unit_tasks: tuple[tuple[int, int, str], UnitTasks, dict[int, str]] | None = None
        self._shown: tuple[list[UnitInfo], dict[int, tuple[int, int, int]], set[int] | None] | None = None
        self.units_model = UnitTreeModel(self)
        self.tasks_model = UnitTasksModel(self)
        self.units_view = QTreeView()
        self.units_view.setObjectName("unitTree")
        self.units_view.setModel(self.units_model)
        self.units_view.setUniformRowHeights(True)
        self.tasks_view = QTreeView()
        self.tasks_view.setObjectName("unitTasks")
        self.tasks_view.setModel(self.tasks_model)
        self.tasks_view.setUniformRowHeights(True)
        for view, counts in ((self.units_view, (1, 2, 3)), (self.tasks_view, (1,))):
            view.header().setStretchLastSection(False)
            view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in counts:
                view.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tasks_view.header().resizeSection(2, 220)
        self.tasks_view.header().resizeSection(3, 130)
        self.splitter = QSplitter()
        self.splitter.setObjectName("unitSplitter")
        self.splitter.addWidget(self.units_view)
        self.splitter.addWidget(self.tasks_view)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([420, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.units_view.selectionModel().currentChanged.connect(lambda *_: self._show_unit())
        self.tasks_view.doubleClicked.connect(self._open)
        self.tasks_view.activated.connect(self._open)

    def load(
        self,
        plan_id: int | None,
        month: str,
        states: Mapping[int, TaskState],
        visible_tasks: set[int] | None,
        text: str = "",
    ) -> None:
        """Show the units of a plan; with a filter, the units having a task it
        lets through or whose name matches. A hidden view loads when shown."""
        self.plan_id, self.month, self.states, self.visible_tasks = plan_id, month, states, visible_tasks
        self._text = text
        self._stale = True
        if self.isVisible():
            self._load()

    def refresh(self, touched: Touched) -> None:
        """Forget what a change touched: the registry and who is named where
        (units, assignments, the plan's tasks), or the tasks and reports shown
        for the selected unit; the next `load` reads it again."""
        if touched.everything or touched.structure or touched.registry or touched.assignments:
            self._registry = self._counts = None
            self._unit_tasks = None
        elif touched.tasks or touched.statuses:
            self._unit_tasks = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._load()

    def _load(self) -> None:
        self._stale = False
        selected = self.current_unit()
        plan_id, visible_tasks, text = self.plan_id, self.visible_tasks, self._text
        if self._registry is None or self._registry[0] != plan_id:
            with self.ledger.session() as session:
                by_unit = tasks_by_unit(session, plan_id) if plan_id is not None else {}
                reach = {unit_id: groups.lead | groups.named | groups.via for unit_id, groups in by_unit.items()}
                self._registry = (plan_id, units_in_order(units(session)), reach)
            self._counts = None
        _plan, infos, reach = self._registry
        visible = None
        if visible_tasks is not None:
            text = text.strip()
            visible = {unit_id for unit_id, tasks in reach.items() if not tasks.isdisjoint(visible_tasks)}
            if text:
                visible |= {info.id for info in infos if text in info.name or any(text in a for a in info.aliases)}
        counts = self._counted(reach)
        last = self._shown
        # The same units with the same counts (one more letter typed): the list stays, only the tasks follow.
        if last is None or last[0] is not infos or last[1] is not counts or last[2] != visible:
            self._shown = (infos, counts, visible)
            self.units_model.load(infos, counts, visible)
            self.units_view.expandToDepth(0)
            if selected is not None and (index := self.units_model.index_of_unit(selected)) is not None:
                self.units_view.setCurrentIndex(index)
        self._show_unit()

    def _counted(self, reach: dict[int, frozenset[int]]) -> dict[int, tuple[int, int, int]]:
        """Each unit's (tasks, completed, overdue), kept while the states are the same."""
        states = self.states
        if self._counts is None or self._counts[0] is not states:
            counts = {}
            for unit_id, tasks in reach.items():
                ids = [i for i in tasks if i in states]
                counts[unit_id] = (
                    len(ids),
                    sum(1 for i in ids if states[i].status == "completed"),
                    sum(1 for i in ids if states[i].overdue),
                )
            self._counts = (states, counts)
        return self._counts[1]

    def current_unit(self) -> int | None:
        index = self.units_view.currentIndex()
        if not index.isValid() or index.data(KIND_ROLE) not in ("unit", "member"):
            return None
        return index.data(ID_ROLE)

    def select_unit(self, unit_id: int) -> None:
        if self._stale:
            self._load()
        index = self.units_model.index_of_unit(unit_id)
        if index is not None:
            self.units_view.setCurrentIndex(index)

    def _show_unit(self) -> None:
        unit_id = self.current_unit()
        if unit_id is None or self.plan_id is None:
            self.tasks_model.load({}, {}, {})
            return
        key = (unit_id, self.plan_id, self.month)
        if self._unit_tasks is None or self._unit_tasks[0] != key:
            with self.ledger.session() as session:
                result = tasks_of_unit(session, unit_id, self.plan_id)
                ids = [ref.task_id for ref in (*result.lead, *result.responsible, *result.via_collective)]
                reports = {task_id: entry.done for task_id, entry in month_entries(session, ids, self.month).items()}
            self._unit_tasks = (key, result, reports)
        _key, result, reports = self._unit_tasks
        visible = self.visible_tasks
        keep = (lambda ref: True) if visible is None else (lambda ref: ref.task_id in visible)
        groups = {
            "lead": [ref for ref in result.lead if keep(ref)],
            "responsible": [ref for ref in result.responsible if keep(ref)],
            "via": [ref for ref in result.via_collective if keep(ref)],
        }
        self.tasks_model.load(groups, self.states, reports)
        self.tasks_view.expandAll()

    def _open(self, index: Any) -> None:
        if index.data(KIND_ROLE) == "task":
            self.task_opened.emit(index.data(ID_ROLE))

    def save_layout(self) -> None:
        save(UNIT_SPLITTER, self.splitter.saveState())

    def restore_layout(self) -> None:
        self.splitter.restoreState(load(UNIT_SPLITTER))

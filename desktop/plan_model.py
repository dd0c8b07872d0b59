"""The plan tree: plans → headings of up to three levels → tasks, over ids and light
nodes. Row data (titles, statuses, lights) comes from a TreeData filled by a
few queries per plan, so a plan of thousands of tasks loads at once.

This module imports no database code at load time: the window builds its
first view from a cached TreeData (desktop/view_cache.py) before SQLAlchemy is
imported; `reload` imports the queries when it first needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from db.queries.labels import heading_label, task_labels, task_title
from db.queries.nodes import PlanInfo, SectionNode, TaskNode, TaskState
from desktop.labels import light_icon, light_label, status_label
from desktop.tree_model import Node, NodeTreeModel

if TYPE_CHECKING:
    from desktop.ledger import Ledger


@dataclass
class TreeData:
    """Everything the tree shows, as plain records (picklable for the cache)."""

    plans: list[PlanInfo] = field(default_factory=list)
    outlines: dict[int, tuple[list[SectionNode], list[TaskNode]]] = field(default_factory=dict)
    leads: dict[int, str] = field(default_factory=dict)
    months: dict[int, str] = field(default_factory=dict)
    states: dict[int, TaskState] = field(default_factory=dict)


def query_tree_data(ledger: Ledger, months: dict[int, str], today: date) -> TreeData:
    """Read the tree's data; plans without a month in `months` get their default month."""
    from db.queries.ledger import outline, plans, unit_names
    from db.queries.status import default_month, task_states

    data = TreeData()
    with ledger.session() as session:
        data.plans = plans(session)
        for plan in data.plans:
            data.months[plan.id] = months.get(plan.id) or default_month(plan.year, today)
            data.outlines[plan.id] = outline(session, plan.id)
            for task_id, (lead, _responsible) in unit_names(session, plan.id).items():
                data.leads[task_id] = "、".join(lead)
            data.states.update(task_states(session, plan.id, data.months[plan.id], today))
    return data


class PlanTreeModel(NodeTreeModel):
    """Columns: the title (with the warning light), the status (for headings:
    completed / all tasks under it), the lead units.

    Built from a ledger (read at once) or from cached `data` (the first view;
    `attach` gives it the ledger for later reloads).
    """

    def __init__(
        self,
        ledger: Ledger | None,
        today: date | None = None,
        parent: QObject | None = None,
        data: TreeData | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = (self.tr("Task"), self.tr("Status"), self.tr("Lead units"))
        self.ledger = ledger
        self.today = today or date.today()
        self.data_ = TreeData()
        self._filter: set[int] | None = None
        self._plans: dict[int, PlanInfo] = {}
        self._sections: dict[int, SectionNode] = {}
        self._tasks: dict[int, TaskNode] = {}
        self._labels: dict[int, str] = {}  # task id -> its label (db.queries.labels)
        self._task_plan: dict[int, int] = {}
        self._counts: dict[tuple[str, int], tuple[int, int]] = {}
        self._task_nodes: dict[int, Node] = {}
        if data is not None:
            self._show(data)
        else:
            self.reload()

    @property
    def months(self) -> dict[int, str]:
        return self.data_.months

    # -- loading -------------------------------------------------------------

    def attach(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def forget_months(self) -> None:
        """Before the window switches to another ledger file: its plans are
        others, whatever the same ids had as month is no choice of theirs
        (the data shown so far is left as it is, for its view cache)."""
        self.data_ = replace(self.data_, months={})

    def reload(self) -> None:
        """Read the structure and the states again (after an import or an edit
        that adds, removes or moves rows)."""
        assert self.ledger is not None
        self._show(query_tree_data(self.ledger, self.data_.months, self.today))

    def _show(self, data: TreeData) -> None:
        self.beginResetModel()
        self.data_ = data
        self.root = Node("root", 0)
        self._task_nodes.clear()
        self._sections.clear()
        self._tasks.clear()
        self._labels.clear()
        self._task_plan.clear()
        self._plans = {plan.id: plan for plan in data.plans}
        for plan in data.plans:
            self._build_plan(plan, *data.outlines[plan.id])
        self._count_all()
        self._apply_filter()
        self.endResetModel()

    def _build_plan(self, plan: PlanInfo, sections: list[SectionNode], tasks: list[TaskNode]) -> None:
        plan_node = Node("plan", plan.id, self.root)
        self.root.all_children.append(plan_node)  # shown by _apply_filter
        nodes: dict[int, Node] = {}
        own_tasks: dict[int, int] = {}
        self._labels.update(task_labels(sections, tasks))
        for section in sections:
            self._sections[section.id] = section
            parent = plan_node if section.parent_id is None else nodes[section.parent_id]
            nodes[section.id] = Node("section", section.id, parent)
            parent.all_children.append(nodes[section.id])
        for task in tasks:
            self._tasks[task.id] = task
            self._task_plan[task.id] = plan.id
            section_node = nodes[task.section_id]
            node = Node("task", task.id, section_node)
            # a section's own tasks come before its subsections
            index = own_tasks.get(task.section_id, 0)
            section_node.all_children.insert(index, node)
            own_tasks[task.section_id] = index + 1
            self._task_nodes[task.id] = node

    def _count_all(self) -> None:
        self._counts = {}
        for plan_node in self.root.all_children:
            self._count(plan_node)

    def _count(self, node: Node) -> tuple[int, int]:
        """(completed, all) tasks under a heading."""
        if node.kind == "task":
            return (1 if self.data_.states[node.id].status == "completed" else 0), 1
        done = total = 0
        for child in node.all_children:
            child_done, child_total = self._count(child)
            done, total = done + child_done, total + child_total
        self._counts[node.kind, node.id] = (done, total)
        return done, total

    def refresh_states(self) -> None:
        """Statuses and lights again (after progress was recorded); the rows stay."""
        from db.queries.status import task_states

        assert self.ledger is not None
        with self.ledger.session() as session:
            for plan_id in self._plans:
                self.data_.states.update(task_states(session, plan_id, self.months[plan_id], self.today))
        self._count_all()
        self.emit_all_changed()

    def set_month(self, plan_id: int, month: str) -> None:
        self.months[plan_id] = month
        self.refresh_states()

    def set_filter(self, task_ids: set[int] | None) -> None:
        """Show only these tasks and the headings above them; None shows all."""
        self.beginResetModel()
        self._filter = task_ids
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        def visible(node: Node) -> bool:
            if node.kind == "task":
                return self._filter is None or node.id in self._filter
            node.children = [child for child in node.all_children if visible(child)]
            return self._filter is None or bool(node.children)

        visible(self.root)

    # -- lookups for the window ----------------------------------------------

    def plan_of_task(self, task_id: int) -> PlanInfo:
        return self._plans[self._task_plan[task_id]]

    def plan_ids(self) -> list[int]:
        return list(self._plans)

    def plan(self, plan_id: int) -> PlanInfo:
        return self._plans[plan_id]

    def section(self, section_id: int) -> SectionNode:
        return self._sections[section_id]

    def tasks_under(self, section_id: int) -> set[int]:
        """The tasks of a heading and of the headings under it."""

        def inside(parent: int | None) -> bool:
            while parent is not None and parent != section_id:
                parent = self._sections[parent].parent_id
            return parent == section_id

        return {task.id for task in self._tasks.values() if inside(task.section_id)}

    def task_text(self, task_id: int) -> str:
        """The task as named out of the tree: `3. title`, or with its headings'
        numerals in a plan whose numbering restarts (`二·3. title`)."""
        return task_title(self._labels[task_id], self._tasks[task_id].title)

    def state(self, task_id: int) -> TaskState:
        return self.data_.states[task_id]

    def plan_states(self, plan_id: int) -> dict[int, TaskState]:
        return {task_id: self.data_.states[task_id] for task_id, pid in self._task_plan.items() if pid == plan_id}

    def index_of_task(self, task_id: int) -> QModelIndex:
        node = self._task_nodes.get(task_id)
        return self.index_of_node(node) if node is not None else QModelIndex()

    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        """The index of a plan, section or task, if it is shown."""
        if kind == "task":
            return self.index_of_task(item_id)
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.kind == kind and node.id == item_id:
                return self.index_of_node(node)
            stack.extend(child for child in node.children if child.kind != "task")
        return QModelIndex()

    def node_data(self, node: Node, column: int, role: int) -> Any:
        if node.kind == "task":
            return self._task_data(node.id, column, role)
        return self._heading_data(node, column, role)

    def _task_data(self, task_id: int, column: int, role: int) -> Any:
        task = self._tasks[task_id]
        state = self.data_.states[task_id]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:  # under its headings, its number says which it is
                return task_title(str(task.number), task.title)
            if column == 1:
                return status_label(state.status)
            return self.data_.leads.get(task_id, "")
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return light_icon(state.light)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.task_text(task_id)
            return f"{tip}\n{light_label(state.light)}" if state.light else tip
        return None

    def _heading_data(self, node: Node, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._heading_title(node)
            if column == 1:
                done, total = self._counts.get((node.kind, node.id), (0, 0))
                return self.tr("Completed %1/%2").replace("%1", str(done)).replace("%2", str(total))
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self._heading_title(node)
        if role == Qt.ItemDataRole.FontRole and node.kind == "plan":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _heading_title(self, node: Node) -> str:
        if node.kind == "plan":
            return self._plans[node.id].title
        section = self._sections[node.id]
        return heading_label(section.level, section.numeral, section.title)

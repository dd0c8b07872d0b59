"""The plan tree: plans → sections → subsections → tasks, over ids and light
nodes. Row data (titles, statuses, lights) is read from dictionaries filled by
a few queries per plan, so a plan of thousands of tasks loads at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from db.ledger import PlanInfo, SectionNode, TaskNode, outline, plans, unit_names
from db.status import TaskState, default_month, task_states
from desktop.labels import light_icon, light_label, status_label
from desktop.ledger import Ledger
from desktop.tree_model import Node, NodeTreeModel


class PlanTreeModel(NodeTreeModel):
    """Columns: the title (with the warning light), the status (for headings:
    completed / all tasks under it), the lead units."""

    def __init__(self, ledger: Ledger, today: date | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (self.tr("Task"), self.tr("Status"), self.tr("Lead units"))
        self.ledger = ledger
        self.today = today or date.today()
        self.months: dict[int, str] = {}
        self._filter: set[int] | None = None
        self._plans: dict[int, PlanInfo] = {}
        self._sections: dict[int, SectionNode] = {}
        self._tasks: dict[int, TaskNode] = {}
        self._task_plan: dict[int, int] = {}
        self._leads: dict[int, str] = {}
        self._states: dict[int, TaskState] = {}
        self._counts: dict[tuple[str, int], tuple[int, int]] = {}
        self._task_nodes: dict[int, Node] = {}
        self.reload()

    # -- loading -------------------------------------------------------------

    def reload(self) -> None:
        """Read the structure and the states again (after an import or an edit
        that adds, removes or moves rows)."""
        self.beginResetModel()
        self.root = Node("root", 0)
        self._task_nodes.clear()
        self._sections.clear()
        self._tasks.clear()
        self._task_plan.clear()
        self._leads.clear()
        with self.ledger.session() as session:
            self._plans = {plan.id: plan for plan in plans(session)}
            for plan in self._plans.values():
                self.months.setdefault(plan.id, default_month(plan.year, self.today))
                self._load_plan(session, plan)
            self._load_states(session)
        self._apply_filter()
        self.endResetModel()

    def _load_plan(self, session: Any, plan: PlanInfo) -> None:
        plan_node = Node("plan", plan.id, self.root)
        self.root.all_children.append(plan_node)  # shown by _apply_filter
        sections, tasks = outline(session, plan.id)
        nodes: dict[int, Node] = {}
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
            index = sum(1 for child in section_node.all_children if child.kind == "task")
            section_node.all_children.insert(index, node)
            self._task_nodes[task.id] = node
        for task_id, (lead, _responsible) in unit_names(session, plan.id).items():
            self._leads[task_id] = "、".join(lead)

    def _load_states(self, session: Any) -> None:
        self._states = {}
        for plan_id in self._plans:
            self._states.update(task_states(session, plan_id, self.months[plan_id], self.today))
        self._counts = {}
        for plan_node in self.root.all_children:
            self._count(plan_node)

    def _count(self, node: Node) -> tuple[int, int]:
        """(completed, all) tasks under a heading."""
        if node.kind == "task":
            return (1 if self._states[node.id].status == "completed" else 0), 1
        done = total = 0
        for child in node.all_children:
            child_done, child_total = self._count(child)
            done, total = done + child_done, total + child_total
        self._counts[node.kind, node.id] = (done, total)
        return done, total

    def refresh_states(self) -> None:
        """Statuses and lights again (after progress was recorded); the rows stay."""
        with self.ledger.session() as session:
            self._load_states(session)
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

    def state(self, task_id: int) -> TaskState:
        return self._states[task_id]

    def plan_states(self, plan_id: int) -> dict[int, TaskState]:
        return {task_id: self._states[task_id] for task_id, pid in self._task_plan.items() if pid == plan_id}

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
        state = self._states[task_id]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{task.number}. {task.title}"
            if column == 1:
                return status_label(state.status)
            return self._leads.get(task_id, "")
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return light_icon(state.light)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{task.number}. {task.title}"
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
        if not section.numeral:
            return section.title
        if section.level == 1:
            return f"{section.numeral}、{section.title}"
        return f"（{section.numeral}）{section.title}"

"""The plan tree: plans → headings of up to three levels → tasks.

The rows are keys held by PlanRows (desktop/plan_rows.py), with its filter;
what a row shows (titles, statuses, lights, lead units, the headings' counts)
comes from a TreeData of light records filled by a few queries per plan, and
is fetched as the view paints. A change to the ledger is followed by what it
touched (`refresh`, db/operations/touched.py): a title edit repaints one
row, a month's report one task and the counts above it, new units one
task's lead column, a structural change re-syncs the rows of its plan, and
rows that stay keep their place in the views (selection, expansion, scroll).

This module imports no database code at load time: the window builds its
first view from a cached TreeData (desktop/view_cache.py) before SQLAlchemy is
imported; `reload` imports the queries when it first needs them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from db.queries.labels import heading_label, task_labels, task_title
from db.queries.nodes import PlanInfo, SectionNode, TaskNode, TaskState
from desktop.labels import light_icon, light_label, status_label
from desktop.plan_rows import COLUMNS, KEY_ROLE, Key, PlanRows
from desktop.tree_model import ID_ROLE, KIND_ROLE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.operations.touched import Touched
    from db.queries.status import Figures
    from desktop.ledger import Ledger

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _DECORATION, _TOOLTIP, _FONT = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
)
_ROLES = frozenset(int(role) for role in (_DISPLAY, _DECORATION, _TOOLTIP, _FONT, KIND_ROLE, ID_ROLE))
_STATUS_COLUMN, _LEADS_COLUMN = 1, 2


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
    from db.queries.ledger import plans

    data = TreeData()
    with ledger.session() as session:
        data.plans = plans(session)
        for plan in data.plans:
            _read_plan(session, data, plan, months.get(plan.id), today)
    return data


def _read_plan(session: Session, data: TreeData, plan: PlanInfo, month: str | None, today: date) -> None:
    """One plan's outline, lead units and states into `data` (its month, or the plan's default month)."""
    from db.queries.ledger import outline, unit_names
    from db.queries.status import default_month, task_states

    data.months[plan.id] = month or default_month(plan.year, today)
    data.outlines[plan.id] = outline(session, plan.id)
    for task_id, (lead, _responsible) in unit_names(session, plan.id).items():
        data.leads[task_id] = "、".join(lead)
    data.states.update(task_states(session, plan.id, data.months[plan.id], today))


class PlanTreeModel(QSortFilterProxyModel):
    """Columns: the title (with the warning light), the status (for headings:
    completed / all tasks under it), the lead units. It is the filter over
    the rows of PlanRows (`show_only`), and answers what they show.

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
        self.rows = PlanRows(self)
        self.data_ = TreeData()
        self._plans: dict[int, PlanInfo] = {}
        self._sections: dict[int, SectionNode] = {}
        self._tasks: dict[int, TaskNode] = {}
        self._labels: dict[int, str] = {}  # task id -> its label (db.queries.labels)
        self._task_plan: dict[int, int] = {}
        self._section_plan: dict[int, int] = {}
        self._counts: dict[Key, tuple[int, int]] = {}
        self._section_keys: dict[int, tuple[Key, ...]] = {}  # section id -> it and the headings above, to the plan
        self._plan_states: dict[int, dict[int, TaskState]] = {}  # made when asked for, until states change
        self._figures: dict[int, tuple[dict[int, TaskState], Figures]] = {}  # with the states they count
        self._shown: set[Key] | None = None  # the headings the filter shows; None: no filter
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
        """Read everything again and build every row anew (the database was
        replaced: a restore, another ledger; the views start over)."""
        assert self.ledger is not None
        self._show(query_tree_data(self.ledger, self.data_.months, self.today))

    def _show(self, data: TreeData) -> None:
        self.rows.clear()
        self.data_ = data
        self._index()
        self.rows.sync(self._children(self._plans))  # while a filter is on, hidden until it is applied again
        self._shown = None if not self.rows.filtering else set()

    def refresh(self, touched: Touched) -> set[Key]:
        """Bring the rows up to date with a change, reading only what it
        touched. Returns the headings inserted or moved (the views show them
        collapsed)."""
        from db.settings import WARNING_KEYS

        assert self.ledger is not None
        if touched.everything:
            self.reload()
            return self.headings()
        inserted: set[Key] = set()
        reloaded: set[int] = set()  # plans read afresh: nothing more to read of them
        with self.ledger.session() as session:
            if touched.structure:
                reloaded, inserted = self._reload_plans(session, touched.plans)
            if touched.sections:
                self._read_headings(session, touched.sections, reloaded)
            if touched.tasks:
                self._read_tasks(session, touched.tasks, reloaded)
            restated = set(reloaded)
            if touched.settings & WARNING_KEYS:
                for plan_id in set(self._plans) - reloaded:
                    self.set_month(plan_id, self.months[plan_id], session)
                restated = set(self._plans)
            if touched.statuses or touched.tasks:  # a deadline edited in place changes the light
                self._read_states(session, touched.statuses | touched.tasks, restated)
            if touched.registry:  # a unit renamed or merged: any lead column
                self._read_leads(session, None, reloaded)
            elif touched.assignments:
                self._read_leads(session, touched.assignments, reloaded)
        return inserted

    def set_month(self, plan_id: int, month: str, session: Session | None = None) -> None:
        """The statuses and lights of another month (or of the same month again)."""
        from db.queries.status import task_states

        assert self.ledger is not None
        self.months[plan_id] = month
        if session is None:
            with self.ledger.session() as own:
                states = task_states(own, plan_id, month, self.today)
        else:
            states = task_states(session, plan_id, month, self.today)
        self.data_.states.update(states)
        self._plan_states.pop(plan_id, None)
        self._count(plan_id)
        self._repaint_plan(plan_id)

    def _reload_plans(self, session: Session, plan_ids: Collection[int]) -> tuple[set[int], set[Key]]:
        """Read the plans in `plan_ids` (every plan when empty) again, and
        any plan new to the tree; re-sync their rows and the top level."""
        from db.queries.ledger import plans

        infos = plans(session)
        wanted = {plan.id for plan in infos if not plan_ids or plan.id in plan_ids or plan.id not in self._plans}
        for plan_id in set(self._plans) - {plan.id for plan in infos}:
            del self.data_.outlines[plan_id]
            self.data_.months.pop(plan_id, None)
        self.data_.plans = infos
        for plan in infos:
            if plan.id in wanted:
                _read_plan(session, self.data_, plan, self.months.get(plan.id), self.today)
        self._index()
        inserted = self.rows.sync(self._children(wanted))
        self.rows.refilter()
        for plan_id in wanted:
            self._repaint_plan(plan_id)
        return wanted, inserted

    def _read_tasks(self, session: Session, task_ids: Collection[int], skip: set[int]) -> None:
        """Tasks edited in place (title, requirement, deadline): their rows."""
        from db.queries.ledger import task_nodes

        ids = {task_id for task_id in task_ids if task_id in self._tasks and self._task_plan[task_id] not in skip}
        changed = {task_id: node for task_id, node in task_nodes(session, ids).items() if node != self._tasks[task_id]}
        for plan_id in {self._task_plan[task_id] for task_id in changed}:
            _sections, tasks = self.data_.outlines[plan_id]
            tasks[:] = [changed.get(task.id, task) for task in tasks]
        self._tasks.update(changed)
        self._repaint((("task", task_id) for task_id in changed), 0, 0)

    def _read_headings(self, session: Session, section_ids: Collection[int], skip: set[int]) -> None:
        """Headings edited in place (numeral, title): their rows, and the
        tasks under them where their labels name the numeral."""
        from db.queries.ledger import headings

        for plan_id in {self._section_plan[s] for s in section_ids if s in self._section_plan} - skip:
            sections, tasks = self.data_.outlines[plan_id]
            read = headings(session, plan_id)
            sections[:] = [read.get(section.id, section) for section in sections]
            self._sections.update({section.id: section for section in sections})
            labels = task_labels(sections, tasks)
            relabelled = [task_id for task_id, label in labels.items() if self._labels.get(task_id) != label]
            self._labels.update(labels)
            self._repaint((("section", s) for s in section_ids if self._section_plan.get(s) == plan_id), 0, 0)
            self._repaint((("task", task_id) for task_id in relabelled), 0, 0)

    def _read_states(self, session: Session, task_ids: Collection[int], skip: set[int]) -> None:
        """Tasks whose reports (or deadline) changed: status, light, and the counts above them."""
        from db.queries.status import task_states

        by_plan: dict[int, set[int]] = {}
        for task_id in task_ids:
            plan_id = self._task_plan.get(task_id)
            if plan_id is not None and plan_id not in skip:
                by_plan.setdefault(plan_id, set()).add(task_id)
        for plan_id, ids in by_plan.items():
            states = task_states(session, plan_id, self.months[plan_id], self.today, task_ids=ids)
            changed = {task_id: state for task_id, state in states.items() if state != self.data_.states[task_id]}
            recounted: set[Key] = set()
            for task_id, state in changed.items():
                delta = (state.status == "completed") - (self.data_.states[task_id].status == "completed")
                if delta:
                    for key in self._above(task_id):
                        done, total = self._counts[key]
                        self._counts[key] = (done + delta, total)
                        recounted.add(key)
            self.data_.states.update(changed)
            if changed:
                self._plan_states.pop(plan_id, None)
            self._repaint((("task", task_id) for task_id in changed), 0, _STATUS_COLUMN)
            self._repaint(recounted, _STATUS_COLUMN, _STATUS_COLUMN)

    def _read_leads(self, session: Session, task_ids: Collection[int] | None, skip: set[int]) -> None:
        """Tasks whose units changed (None: any task, the registry changed): their lead column."""
        from db.queries.ledger import unit_names

        for plan_id in set(self._plans) - skip:
            ids = None if task_ids is None else [t for t in task_ids if self._task_plan.get(t) == plan_id]
            if ids is not None and not ids:
                continue
            changed = []
            names = unit_names(session, plan_id, ids)
            for task_id in names.keys() if ids is None else ids:
                lead = "、".join(names.get(task_id, ((), ()))[0])
                if self.data_.leads.get(task_id, "") != lead:
                    self.data_.leads[task_id] = lead
                    changed.append(task_id)
            self._repaint((("task", task_id) for task_id in changed), _LEADS_COLUMN, _LEADS_COLUMN)

    # -- the light records, indexed ------------------------------------------------

    def _index(self) -> None:
        """The lookups of every plan in data_, and the headings' counts."""
        self._plans = {plan.id: plan for plan in self.data_.plans}
        self._sections, self._tasks, self._labels = {}, {}, {}
        self._task_plan, self._section_plan, self._section_keys, self._plan_states = {}, {}, {}, {}
        for plan_id, (sections, tasks) in self.data_.outlines.items():
            self._sections.update((section.id, section) for section in sections)
            self._section_plan.update((section.id, plan_id) for section in sections)
            self._tasks.update((task.id, task) for task in tasks)
            self._task_plan.update((task.id, plan_id) for task in tasks)
            self._labels.update(task_labels(sections, tasks))
            for section in sections:  # parents come first
                above = self._section_keys[section.parent_id] if section.parent_id is not None else (("plan", plan_id),)
                self._section_keys[section.id] = (("section", section.id), *above)
        self._counts = {}
        for plan_id in self._plans:
            self._count(plan_id)

    def _count(self, plan_id: int) -> None:
        """(completed, all) tasks under each heading of the plan and under the plan."""
        sections, tasks = self.data_.outlines[plan_id]
        counts = {("plan", plan_id): [0, 0]} | {("section", section.id): [0, 0] for section in sections}
        for task in tasks:
            done = self.data_.states[task.id].status == "completed"
            for key in self._above(task.id):
                counts[key][0] += done
                counts[key][1] += 1
        self._counts.update((key, (done, total)) for key, (done, total) in counts.items())

    def _above(self, task_id: int) -> tuple[Key, ...]:
        """The headings above a task, from its own up to its plan."""
        return self._section_keys[self._tasks[task_id].section_id]

    def _children(self, plan_ids: Iterable[int]) -> dict[Key | None, list[Key]]:
        """The rows under the top level and under every plan of `plan_ids` and
        its headings, parents first: a heading's own tasks, then the headings under it."""
        children: dict[Key | None, list[Key]] = {None: [("plan", plan.id) for plan in self.data_.plans]}
        for plan_id in plan_ids:
            sections, tasks = self.data_.outlines[plan_id]
            children[("plan", plan_id)] = []
            children.update((("section", section.id), []) for section in sections)
            for task in tasks:
                children["section", task.section_id].append(("task", task.id))
            for section in sections:
                above: Key = ("plan", plan_id) if section.parent_id is None else ("section", section.parent_id)
                children[above].append(("section", section.id))
        return children

    def headings(self) -> set[Key]:
        """Every plan and heading of the tree."""
        plans = {("plan", plan_id) for plan_id in self._plans}
        return plans | {("section", section_id) for section_id in self._sections}

    # -- the filter ----------------------------------------------------------------

    def show_only(self, task_ids: Collection[int] | None) -> set[Key]:
        """Show only these tasks and the headings above them; None shows every
        row. Returns the headings shown now that were not (the views show them collapsed)."""
        if task_ids is None:
            if self._shown is None:
                return set()
            self.rows.hide(None)
            before, self._shown = self._shown, None
            return self.headings() - before
        before = self.headings() if self._shown is None else self._shown
        wanted = set(task_ids) & self._tasks.keys()
        self._shown = set()
        for section_id in {self._tasks[task_id].section_id for task_id in wanted}:
            self._shown.update(self._section_keys[section_id])
        self.rows.hide(self._tasks.keys() - wanted)
        return self._shown - before

    # -- lookups for the window ----------------------------------------------

    def plan_of_task(self, task_id: int) -> PlanInfo:
        return self._plans[self._task_plan[task_id]]

    def plan_ids(self) -> list[int]:
        return list(self._plans)

    def plan(self, plan_id: int) -> PlanInfo:
        return self._plans[plan_id]

    def section(self, section_id: int) -> SectionNode:
        return self._sections[section_id]

    def task(self, task_id: int) -> TaskNode:
        return self._tasks[task_id]

    def tasks_under(self, section_id: int) -> set[int]:
        """The tasks of a heading and of the headings under it."""
        key = ("section", section_id)
        return {task_id for task_id in self._tasks if key in self._above(task_id)}

    def task_text(self, task_id: int) -> str:
        """The task as named out of the tree: `3. title`, or with its headings'
        numerals in a plan whose numbering restarts (`二·3. title`)."""
        return task_title(self._labels[task_id], self._tasks[task_id].title)

    def state(self, task_id: int) -> TaskState:
        return self.data_.states[task_id]

    def plan_states(self, plan_id: int) -> dict[int, TaskState]:
        """The states of the plan's tasks (the same dict until they change: do not alter it)."""
        if plan_id not in self._plan_states:
            states = self.data_.states
            self._plan_states[plan_id] = {task.id: states[task.id] for task in self.data_.outlines[plan_id][1]}
        return self._plan_states[plan_id]

    def figures(self, plan_id: int) -> Figures:
        """The plan's figures in its month (db.queries.status.figures), kept while its states are."""
        from db.queries.status import figures

        states = self.plan_states(plan_id)
        cached = self._figures.get(plan_id)
        if cached is None or cached[0] is not states:
            cached = self._figures[plan_id] = (states, figures(states.values()))
        return cached[1]

    def index_of_task(self, task_id: int) -> QModelIndex:
        return self.index_of("task", task_id)

    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        """The index of a plan, section or task, if it is shown."""
        return self.rows.index((kind, item_id))

    # -- the model -------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

    def setData(self, _index: Index, _value: Any, _role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        return False  # the tree shows the ledger; the forms change it

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        kind, item_id = super().data(
            index.sibling(index.row(), 0), KEY_ROLE
        )  # a persistent index has no siblingAtColumn
        if role == KIND_ROLE:
            return kind
        if role == ID_ROLE:
            return item_id
        if kind == "task":
            return self._task_data(item_id, index.column(), role)
        return self._heading_data((kind, item_id), index.column(), role)

    def _task_data(self, task_id: int, column: int, role: int) -> Any:
        task = self._tasks[task_id]
        state = self.data_.states[task_id]
        if role == _DISPLAY:
            if column == 0:  # under its headings, its number says which it is
                return task_title(str(task.number), task.title)
            if column == _STATUS_COLUMN:
                return status_label(state.status)
            return self.data_.leads.get(task_id, "")
        if role == _DECORATION and column == 0:
            return light_icon(state.light)
        if role == _TOOLTIP:
            tip = self.task_text(task_id)
            return f"{tip}\n{light_label(state.light)}" if state.light else tip
        return None

    def _heading_data(self, key: Key, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == 0:
                return self._heading_title(key)
            if column == _STATUS_COLUMN:
                done, total = self._counts.get(key, (0, 0))
                return self.tr("Completed %1/%2").replace("%1", str(done)).replace("%2", str(total))
            return ""
        if role == _TOOLTIP and column == 0:
            return self._heading_title(key)
        if role == _FONT and key[0] == "plan":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _heading_title(self, key: Key) -> str:
        if key[0] == "plan":
            return self._plans[key[1]].title
        section = self._sections[key[1]]
        return heading_label(section.level, section.numeral, section.title)

    # -- repainting --------------------------------------------------------------------

    def _repaint(self, keys: Iterable[Key], first: int, last: int) -> None:
        """dataChanged for these rows' columns `first` to `last`, where they are shown."""
        for key in keys:
            index = self.index_of(*key)
            if index.isValid():
                self.dataChanged.emit(index.siblingAtColumn(first), index.siblingAtColumn(last))

    def _repaint_plan(self, plan_id: int) -> None:
        """dataChanged for every shown row of a plan, a range per heading."""
        sections, _tasks = self.data_.outlines[plan_id]
        for key in [("plan", plan_id), *(("section", section.id) for section in sections)]:
            parent = self.index_of(*key)
            rows = self.rowCount(parent) if parent.isValid() else 0
            if rows:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, COLUMNS - 1, parent))
        self._repaint([("plan", plan_id)], 0, COLUMNS - 1)

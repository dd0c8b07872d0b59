"""What the workbooks show: the Excel ledger of a plan for a month, the units'
fill-in sheets, and who still owes the month's sheet (催报). Plain values,
read in one session; documents/excel lays them out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.months import Month
from db.operations.progress import Report, report_of
from db.options import OFFICE_NAME
from db.queries.labels import task_labels
from db.queries.ledger import month_entries, outline, unit_names
from db.queries.nodes import PlanInfo, SectionNode, TaskState
from db.queries.status import default_month, report_due, task_states
from db.schema.models import Assignment, Plan, ProgressEntry, Task, Unit
from db.settings import read_setting, warning_settings
from db.vocabulary import NO_LEAD_UNIT


@dataclass(frozen=True)
class SheetPlan(PlanInfo):
    """The plan a sheet is made from, with the identifier the sheet carries."""

    uuid: str


@dataclass(frozen=True)
class TaskRow:
    """The plan's columns of one task, as the sheets show them."""

    id: int
    uuid: str  # what the sheets carry: row ids are reused after a restore, UUIDs never
    section_id: int
    number: int
    label: str  # the number, or `二·3` where the plan's numbering restarts (db.queries.labels)
    title: str
    requirement: str
    deadline: str  # the 完成时限 as written in the plan, or the date; "" when none

    @property
    def number_cell(self) -> int | str:
        """The 序号 cell: the number (so a sheet sorts by it), or the label where numbering restarts."""
        return self.number if self.label == str(self.number) else self.label


def sheet_plan(session: Session, plan_id: int) -> SheetPlan:
    row = session.execute(select(Plan.id, Plan.title, Plan.year, Plan.uuid).where(Plan.id == plan_id)).one()
    return SheetPlan(*row)


def plan_tasks(session: Session, plan_id: int) -> tuple[SheetPlan, list[SectionNode], list[TaskRow]]:
    """The plan, its headings and its tasks in document order, in four queries."""
    plan = sheet_plan(session, plan_id)
    sections, nodes = outline(session, plan_id)
    details = {
        task_id: (uuid, requirement, deadline_text or (deadline.isoformat() if deadline else ""))
        for task_id, uuid, requirement, deadline, deadline_text in session.execute(
            select(Task.id, Task.uuid, Task.requirement, Task.deadline, Task.deadline_text).where(
                Task.plan_id == plan_id
            )
        )
    }
    labels = task_labels(sections, nodes)
    tasks = []
    for node in nodes:
        uuid, requirement, deadline = details[node.id]
        tasks.append(
            TaskRow(node.id, uuid, node.section_id, node.number, labels[node.id], node.title, requirement, deadline)
        )
    return plan, sections, tasks


def _reports(session: Session, task_ids: list[int], month: str) -> dict[int, Report]:
    return {
        task_id: report
        for task_id, entry in month_entries(session, task_ids, month).items()
        if (report := report_of(entry)) is not None
    }


# --- the ledger -----------------------------------------------------------------


@dataclass(frozen=True)
class LedgerData:
    """The Excel ledger of a plan for month M: every task under its headings
    with its units, M's report and its state (the latest status up to M, the
    warning light)."""

    plan: SheetPlan
    month: str
    sections: list[SectionNode]
    tasks: list[TaskRow]
    units: dict[int, tuple[tuple[str, ...], tuple[str, ...]]]  # task id -> (lead, responsible) names
    reports: dict[int, Report]  # M's report of the tasks that have one
    states: dict[int, TaskState]


def ledger_data(session: Session, plan_id: int, month: str | None = None, today: date | None = None) -> LedgerData:
    """The ledger for month M (the plan's default month when None)."""
    today = date.today() if today is None else today
    plan, sections, tasks = plan_tasks(session, plan_id)
    month = default_month(plan.year, today) if month is None else Month(month)
    return LedgerData(
        plan=plan,
        month=month,
        sections=sections,
        tasks=tasks,
        units=unit_names(session, plan_id),
        reports=_reports(session, [task.id for task in tasks], month),
        states=task_states(session, plan_id, month, today),
    )


# --- the fill-in sheets ---------------------------------------------------------------


@dataclass(frozen=True)
class FillInSheet:
    """One lead unit's fill-in sheet for month M: the tasks it leads, M's report
    where there is one already (the open cells show it), and the latest
    status each reported before M.

    The office's own sheet (`unit_id` None, `unit` NO_LEAD_UNIT) holds the
    tasks that name no lead unit: until it gives them one, the office reports
    on them itself."""

    plan: SheetPlan
    month: str
    unit_id: int | None
    unit: str
    tasks: tuple[TaskRow, ...]
    reports: dict[int, Report]
    last: dict[int, tuple[str, str]]  # task id -> (status, month) of its latest entry before M
    office_name: str = ""  # the office (a setting), named on its own sheet

    @property
    def office(self) -> bool:
        """The office's sheet of the tasks without a lead unit."""
        return self.unit_id is None


def fill_in_sheets(
    session: Session, plan_id: int, month: str, units: Collection[str] | None = None
) -> list[FillInSheet]:
    """The sheet of every lead unit of the plan for month M, by unit name,
    then the office's own sheet of the tasks that name no lead unit (if any);
    `units` (names; NO_LEAD_UNIT for the office's sheet) limits them, to send
    one unit its sheet again."""
    Month(month)
    plan, _sections, tasks = plan_tasks(session, plan_id)
    led = led_tasks(session, plan_id)
    groups: list[tuple[int | None, str, set[int]]] = [(unit_id, name, ids) for (unit_id, name), ids in led.items()]
    unled = {task.id for task in tasks} - {task_id for ids in led.values() for task_id in ids}
    if unled:
        groups.append((None, NO_LEAD_UNIT, unled))
    if units is not None:
        groups = [group for group in groups if group[1] in units]
    reports = _reports(session, [task.id for task in tasks], month)
    last = last_reports(session, plan_id, month)
    office = read_setting(session, OFFICE_NAME)
    sheets = []
    for unit_id, unit, task_ids in groups:
        rows = tuple(task for task in tasks if task.id in task_ids)
        sheets.append(
            FillInSheet(
                plan,
                month,
                unit_id,
                unit,
                rows,
                {task.id: reports[task.id] for task in rows if task.id in reports},
                {task.id: last[task.id] for task in rows if task.id in last},
                office,
            )
        )
    return sheets


def led_tasks(session: Session, plan_id: int) -> dict[tuple[int, str], set[int]]:
    """(unit id, name) -> ids of the plan's tasks it leads, by unit name."""
    led: defaultdict[tuple[int, str], set[int]] = defaultdict(set)
    for unit_id, name, task_id in session.execute(
        select(Unit.id, Unit.name, Assignment.task_id)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id, Assignment.role == "lead")
    ):
        led[unit_id, name].add(task_id)
    return dict(sorted(led.items(), key=lambda item: item[0][1]))


def last_reports(session: Session, plan_id: int, month: str) -> dict[int, tuple[str, str]]:
    """task id -> (status, month) of its latest entry before M."""
    latest = (
        select(ProgressEntry.task_id, func.max(ProgressEntry.month).label("month"))
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month < month)
        .group_by(ProgressEntry.task_id)
        .subquery()
    )
    rows = session.execute(
        select(ProgressEntry.task_id, ProgressEntry.status, ProgressEntry.month).join(
            latest, and_(ProgressEntry.task_id == latest.c.task_id, ProgressEntry.month == latest.c.month)
        )
    )
    return {task_id: (status, entry_month) for task_id, status, entry_month in rows}


# --- who still owes the month's report (催报) ---------------------------------------------


@dataclass(frozen=True)
class OwedTask:
    """A task whose report for month M is owed."""

    label: str  # the number, or `二·3` where the plan's numbering restarts
    title: str
    deadline: str  # as TaskRow.deadline
    last: tuple[str, str] | None  # (status, month) of its latest entry before M; None if never reported


@dataclass(frozen=True)
class OwingUnit:
    """A lead unit that owes month M's report on some of the tasks it leads,
    with whom to call there. `unit_id` None: the tasks that name no lead unit
    (`name` NO_LEAD_UNIT), which the office must first give to a unit."""

    unit_id: int | None
    name: str
    contact: str
    phone: str
    tasks: tuple[OwedTask, ...]


@dataclass(frozen=True)
class RemindersData:
    """The 催报 list of month M: every lead unit that owes M's report on a
    task it leads, in the order units first lead such a task in the plan,
    and last the tasks that name no lead unit."""

    plan: SheetPlan
    month: Month
    office_name: str  # may be empty
    today: date  # the day the list is made
    due: date  # the day M's reports were due (db.queries.status.report_due)
    units: tuple[OwingUnit, ...]

    @property
    def tasks(self) -> int:
        """How many tasks are owed (a task led by two units counts for each)."""
        return sum(len(unit.tasks) for unit in self.units)


def reminders_data(session: Session, plan_id: int, month: str, today: date | None = None) -> RemindersData:
    """Who owes month M's report (催报). A task owes it when it has no entry
    for M and was not already completed (TaskState.unreported)."""
    month = Month(month)
    today = date.today() if today is None else today
    plan, _sections, tasks = plan_tasks(session, plan_id)
    settings = warning_settings(session)
    states = task_states(session, plan_id, month, today, settings)
    last = last_reports(session, plan_id, month)
    owed = {
        task.id: OwedTask(task.label, task.title, task.deadline, last.get(task.id))
        for task in tasks
        if states[task.id].unreported
    }
    led = led_tasks(session, plan_id)
    contacts = {
        unit_id: (contact, phone)
        for unit_id, contact, phone in session.execute(
            select(Unit.id, Unit.contact, Unit.phone).where(Unit.id.in_([unit_id for unit_id, _name in led]))
        )
    }
    order = {task.id: index for index, task in enumerate(tasks)}
    groups = []
    for (unit_id, name), task_ids in led.items():
        owing = sorted((task_id for task_id in task_ids if task_id in owed), key=order.__getitem__)
        if owing:
            contact, phone = contacts.get(unit_id, ("", ""))
            groups.append(
                (
                    min(map(order.__getitem__, owing)),
                    OwingUnit(unit_id, name, contact, phone, tuple(owed[task_id] for task_id in owing)),
                )
            )
    groups.sort(key=lambda group: group[0])
    led_ids = {task_id for ids in led.values() for task_id in ids}
    unled = tuple(owed[task.id] for task in tasks if task.id in owed and task.id not in led_ids)
    units = [unit for _first, unit in groups]
    if unled:
        units.append(OwingUnit(None, NO_LEAD_UNIT, "", "", unled))
    return RemindersData(
        plan, month, read_setting(session, OFFICE_NAME), today, report_due(month, settings.report_day), tuple(units)
    )

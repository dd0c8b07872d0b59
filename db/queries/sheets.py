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
from db.queries.labels import task_labels
from db.queries.ledger import month_entries, outline, unit_names
from db.queries.nodes import PlanInfo, SectionNode, TaskState
from db.queries.status import default_month, task_states
from db.schema.models import Assignment, Plan, ProgressEntry, Task, Unit


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
    return {task_id: report for task_id, entry in month_entries(session, task_ids, month).items()
            if (report := report_of(entry)) is not None}


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
    status each reported before M."""

    plan: SheetPlan
    month: str
    unit_id: int
    unit: str
    tasks: tuple[TaskRow, ...]
    reports: dict[int, Report]
    last: dict[int, tuple[str, str]]  # task id -> (status, month) of its latest entry before M


def fill_in_sheets(
    session: Session, plan_id: int, month: str, units: Collection[str] | None = None
) -> list[FillInSheet]:
    """The sheet of every lead unit of the plan for month M, by unit name;
    `units` (names) limits them to those lead units, to send one unit its sheet again."""
    Month(month)
    plan, _sections, tasks = plan_tasks(session, plan_id)
    led = led_tasks(session, plan_id)
    if units is not None:
        led = {key: task_ids for key, task_ids in led.items() if key[1] in units}
    reports = _reports(session, [task.id for task in tasks], month)
    last = last_reports(session, plan_id, month)
    sheets = []
    for (unit_id, unit), task_ids in led.items():
        rows = tuple(task for task in tasks if task.id in task_ids)
        sheets.append(FillInSheet(
            plan, month, unit_id, unit, rows,
            {task.id: reports[task.id] for task in rows if task.id in reports},
            {task.id: last[task.id] for task in rows if task.id in last},
        ))
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


def units_not_returned(session: Session, plan_id: int, month: str) -> list[tuple[str, list[str]]]:
    """The lead units that owe month M's report on some task they lead (催报),
    by name, each with the labels of those tasks (db.queries.labels) in plan order.
    A task owes it when it has no entry for M and was not already completed
    (TaskState.unreported)."""
    states = task_states(session, plan_id, month)
    sections, tasks = outline(session, plan_id)
    labelled = task_labels(sections, tasks)
    owing = []
    for (_unit_id, name), task_ids in led_tasks(session, plan_id).items():
        owed = [labelled[task.id] for task in tasks if task.id in task_ids and states[task.id].unreported]
        if owed:
            owing.append((name, owed))
    return owing

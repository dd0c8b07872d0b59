"""What the printed reports show, gathered in a fixed small number of queries.

`sheet_data` collects the monthly supervision sheet (督查表) of a plan for a
month M: every task under its headings with its units and M's progress, and
the summary figures above the table. `notice_data` collects the supervision
notices (督办单): for each lead unit, the tasks it leads that are not complete.

Both return plain frozen values, so a worker thread can build them and the
layout in documents/pdf can print them after the session has closed. The
state of every task (status, overdue, reported) is db.queries.status's, so the figures
of the sheet are those of the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.months import Month
from db.options import OFFICE_NAME
from db.queries.labels import heading_label, task_labels
from db.queries.ledger import outline, unit_names
from db.queries.nodes import SectionNode
from db.queries.status import Figures, figures, report_due, task_states
from db.schema.models import Assignment, Plan, ProgressEntry, Task, Unit
from db.settings import read_setting, warning_settings


@dataclass(frozen=True)
class SheetTask:
    """One row of the sheet: a task with M's progress and its state in M."""

    number: int
    label: str  # the number, or `二·3` where the plan's numbering restarts (db.queries.labels)
    title: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    done: str  # M's entry; empty when M was not reported
    problems: str
    status: str  # a code of db.schema.models.STATUSES (the latest reported up to M)
    reported: bool  # M's entry exists
    unreported: bool  # M's report is missing and owed (TaskState.unreported)
    overdue: bool
    light: str | None


@dataclass(frozen=True)
class SheetHeading:
    """A heading row (level 1 `一、`, 2 `（一）` or 3 `1.`), with the tasks
    placed directly under it, before the next heading."""

    level: int
    numeral: str
    title: str
    tasks: tuple[SheetTask, ...]

    @property
    def label(self) -> str:
        """The heading as the plan writes it: 一、…, （一）… or 1. …"""
        return heading_label(self.level, self.numeral, self.title)


@dataclass(frozen=True)
class TaskRef:
    """A task named in the summary: 第 N 项 and its lead units."""

    number: int
    label: str  # as SheetTask.label
    title: str
    lead: tuple[str, ...]


@dataclass(frozen=True)
class GroupFigures:
    """Counts for one level-1 section or one lead unit."""

    name: str
    total: int
    completed: int
    overdue: int
    unreported: int


@dataclass(frozen=True)
class SheetData:
    plan_title: str
    year: int
    month: Month
    office_name: str  # may be empty: the sheet leaves a line to fill in
    today: date  # the day the sheet is made (制表日期) and the state judged
    headings: tuple[SheetHeading, ...]  # in document order
    figures: Figures
    overdue: tuple[TaskRef, ...]
    unreported: tuple[TaskRef, ...]
    by_section: tuple[GroupFigures, ...]
    by_lead_unit: tuple[GroupFigures, ...]  # in the order units first lead a task

    @property
    def tasks(self) -> Iterable[SheetTask]:
        for heading in self.headings:
            yield from heading.tasks


@dataclass(frozen=True)
class NoticeTask:
    number: int
    label: str  # the number, or `二·3` where the plan's numbering restarts
    title: str
    status: str  # a code of STATUSES
    last_month: Month | None  # the latest month reported up to M, None if never
    last_done: str  # what that report said was done
    deadline: date  # the task's deadline, or the plan's year end
    overdue: bool


@dataclass(frozen=True)
class NoticeData:
    """The supervision notice for one lead unit."""

    unit_id: int
    unit_name: str
    plan_title: str
    year: int
    month: Month
    office_name: str
    today: date
    reply_by: date  # next month's report day: the unit reports by then
    tasks: tuple[NoticeTask, ...]  # in plan order

    @property
    def overdue(self) -> int:
        return sum(task.overdue for task in self.tasks)


@dataclass(frozen=True)
class _Plan:
    title: str
    year: int
    office_name: str


def _plan(session: Session, plan_id: int) -> _Plan:
    row = session.execute(select(Plan.title, Plan.year).where(Plan.id == plan_id)).one_or_none()
    if row is None:
        raise ValueError(f"没有编号为 {plan_id} 的工作计划")
    return _Plan(row.title, row.year, read_setting(session, OFFICE_NAME))


def sheet_data(session: Session, plan_id: int, month: str, today: date | None = None) -> SheetData:
    """Everything the supervision sheet of month M shows, in nine queries."""
    month = Month(month)
    today = date.today() if today is None else today
    plan = _plan(session, plan_id)
    sections, tasks = outline(session, plan_id)
    labels = task_labels(sections, tasks)
    names = unit_names(session, plan_id)
    states = task_states(session, plan_id, month, today)
    entries = _month_progress(session, plan_id, month)

    rows: dict[int, list[SheetTask]] = {section.id: [] for section in sections}
    for node in tasks:
        state = states[node.id]
        lead, responsible = names.get(node.id, ((), ()))
        done, problems = entries.get(node.id, ("", ""))
        rows[node.section_id].append(
            SheetTask(
                number=node.number,
                label=labels[node.id],
                title=node.title,
                lead=lead,
                responsible=responsible,
                done=done,
                problems=problems,
                status=state.status,
                reported=state.reported,
                unreported=state.unreported,
                overdue=state.overdue,
                light=state.light,
            )
        )
    headings = tuple(
        SheetHeading(section.level, section.numeral, section.title, tuple(rows[section.id])) for section in sections
    )
    all_tasks = [task for heading in headings for task in heading.tasks]
    return SheetData(
        plan_title=plan.title,
        year=plan.year,
        month=month,
        office_name=plan.office_name,
        today=today,
        headings=headings,
        figures=figures(states.values()),
        overdue=tuple(TaskRef(t.number, t.label, t.title, t.lead) for t in all_tasks if t.overdue),
        unreported=tuple(TaskRef(t.number, t.label, t.title, t.lead) for t in all_tasks if t.unreported),
        by_section=_by_section(sections, headings),
        by_lead_unit=_by_lead_unit(all_tasks),
    )


def _month_progress(session: Session, plan_id: int, month: Month) -> dict[int, tuple[str, str]]:
    """task id -> (done, problems) of M's entries. One query, of plain columns:
    building ORM objects for thousands of entries would take most of the time."""
    rows = session.execute(
        select(ProgressEntry.task_id, ProgressEntry.done, ProgressEntry.problems)
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month == month)
    )
    return {task_id: (done, problems) for task_id, done, problems in rows}


def _group(name: str, tasks: Iterable[SheetTask]) -> GroupFigures:
    total = completed = overdue = unreported = 0
    for task in tasks:
        total += 1
        completed += task.status == "completed"
        overdue += task.overdue
        unreported += task.unreported
    return GroupFigures(name, total, completed, overdue, unreported)


def _by_section(sections: list[SectionNode], headings: tuple[SheetHeading, ...]) -> tuple[GroupFigures, ...]:
    """Per level-1 section, its own tasks and those of the headings under it."""
    groups: list[tuple[str, list[SheetTask]]] = []
    for section, heading in zip(sections, headings, strict=True):
        if section.level == 1:
            groups.append((heading.label, []))
        if groups:  # a subheading comes after its section (outline order)
            groups[-1][1].extend(heading.tasks)
    return tuple(_group(name, tasks) for name, tasks in groups)


NO_LEAD = "（未列明牵头单位）"


def _by_lead_unit(tasks: list[SheetTask]) -> tuple[GroupFigures, ...]:
    """Per lead unit, the tasks it leads; tasks that name none are counted
    together last, so that every task is somewhere."""
    led: dict[str, list[SheetTask]] = {}
    for task in tasks:
        for name in task.lead or (NO_LEAD,):
            led.setdefault(name, []).append(task)
    if NO_LEAD in led:
        led[NO_LEAD] = led.pop(NO_LEAD)
    return tuple(_group(name, group) for name, group in led.items())


def notice_data(
    session: Session, plan_id: int, month: str, unit_id: int | None = None, today: date | None = None
) -> list[NoticeData]:
    """The supervision notices of month M: one per lead unit (or for the unit
    given) that leads tasks not complete, in the order units first lead such
    a task in the plan. A unit with nothing outstanding gets none. Nine queries."""
    month = Month(month)
    today = date.today() if today is None else today
    plan = _plan(session, plan_id)
    settings = warning_settings(session)
    sections, tasks = outline(session, plan_id)
    labels = task_labels(sections, tasks)
    states = task_states(session, plan_id, month, today, settings)
    latest = _latest_reports(session, plan_id, month)
    order = {node.id: index for index, node in enumerate(tasks)}
    leads = sorted(_lead_assignments(session, plan_id, unit_id), key=lambda row: order[row[0]])

    nodes = {node.id: node for node in tasks}
    outstanding: dict[int, tuple[str, list[NoticeTask]]] = {}
    for task_id, lead_id, name in leads:
        state = states[task_id]
        if state.status == "completed":
            continue
        last_month, last_done = latest.get(task_id, (None, ""))
        node = nodes[task_id]
        outstanding.setdefault(lead_id, (name, []))[1].append(
            NoticeTask(
                node.number, labels[task_id], node.title, state.status,
                last_month, last_done, state.deadline, state.overdue,
            )
        )
    reply_by = report_due(month.next(), settings.report_day)
    return [
        NoticeData(lead_id, name, plan.title, plan.year, month, plan.office_name, today, reply_by, tuple(owed))
        for lead_id, (name, owed) in outstanding.items()
    ]


def _lead_assignments(session: Session, plan_id: int, unit_id: int | None) -> list[tuple[int, int, str]]:
    """(task id, unit id, unit name) of every lead unit of the plan's tasks
    (of the one unit given), each task's units in the order of the plan."""
    query = (
        select(Assignment.task_id, Unit.id, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id, Assignment.role == "lead")
        .order_by(Assignment.task_id, Assignment.position, Assignment.id)
    )
    if unit_id is not None:
        query = query.where(Assignment.unit_id == unit_id)
    return [(task_id, unit_id, name) for task_id, unit_id, name in session.execute(query)]


def _latest_reports(session: Session, plan_id: int, month: Month) -> dict[int, tuple[Month, str]]:
    """task id -> (month, done) of its latest entry up to M, for the tasks
    that have one. One query."""
    latest = (
        select(ProgressEntry.task_id, func.max(ProgressEntry.month).label("month"))
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month <= month)
        .group_by(ProgressEntry.task_id)
        .subquery()
    )
    rows = session.execute(
        select(ProgressEntry.task_id, ProgressEntry.month, ProgressEntry.done).join(
            latest, and_(ProgressEntry.task_id == latest.c.task_id, ProgressEntry.month == latest.c.month)
        )
    )
    return {task_id: (Month(entry_month), done) for task_id, entry_month, done in rows}

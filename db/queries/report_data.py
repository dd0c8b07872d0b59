"""What the printed supervision sheet shows, gathered in a fixed small number of queries.

`sheet_data` collects the monthly supervision sheet (督查表) of a plan for a
month M: every task under its headings with its units and M's progress, and
the summary figures above the table. (The notices' data are db.queries.notices'.)

It returns plain frozen values, so a worker thread can build them and the
layout in documents/pdf can print them after the session has closed. The
state of every task (status, overdue, reported) is db.queries.status's, so the figures
of the sheet are those of the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.months import Month
from db.options import OFFICE_NAME
from db.queries.figures import MonthFigures, month_figures
from db.queries.labels import heading_label, task_labels
from db.queries.ledger import outline, unit_names
from db.queries.nodes import SectionNode, TaskNode, TaskState
from db.queries.status import Figures, figures, task_states
from db.schema.models import Assignment, Plan, ProgressEntry, Task, Unit
from db.settings import read_setting
from db.vocabulary import NO_LEAD_UNIT, light_reason


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
    next_steps: str
    evidence: str
    deadline: str  # as the plan writes it, else the date that applies (the plan's year end)
    warning: str  # the light with its reason (db.vocabulary.light_reason); empty for none
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
class UnitRefs:
    """The tasks of one lead unit in a list of the summary: 市编办：第1、2、3项."""

    unit: str  # NO_LEAD_UNIT for the tasks that name none
    labels: tuple[str, ...]  # as SheetTask.label


@dataclass(frozen=True)
class SheetScope:
    """What part of the plan a sheet shows: every task, or those of one
    heading (its subheadings included), of one lead unit, or with a red or
    yellow light; the conditions given all hold."""

    section_id: int | None = None
    unit_id: int | None = None
    warned: bool = False  # red and yellow lights only

    @property
    def whole(self) -> bool:
        return self.section_id is None and self.unit_id is None and not self.warned


WARNED_LIGHTS = ("red", "yellow")


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
    scope: str = ""  # what part of the plan, in words (一、…；牵头单位：市编办；红灯、黄灯任务); empty: all
    charts: MonthFigures | None = None  # the figures of the sheet's charts; None: a sheet without charts

    @property
    def overdue_by_unit(self) -> tuple[UnitRefs, ...]:
        return by_lead_unit(self.overdue)

    @property
    def unreported_by_unit(self) -> tuple[UnitRefs, ...]:
        return by_lead_unit(self.unreported)

    @property
    def tasks(self) -> Iterable[SheetTask]:
        for heading in self.headings:
            yield from heading.tasks


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


def sheet_data(
    session: Session,
    plan_id: int,
    month: str,
    today: date | None = None,
    scope: SheetScope | None = None,
    charts: bool = True,
) -> SheetData:
    """Everything the supervision sheet of month M shows, in ten queries (two more for a unit);
    with a `scope`, only its tasks, under the headings above them, and the
    figures are theirs. `charts`: also the figures of the charts
    (db.queries.figures.month_figures, its trend a few queries a month); the
    charts show the whole plan, so a sheet of a part of it has none."""
    month = Month(month)
    today = date.today() if today is None else today
    scope = scope or SheetScope()
    plan = _plan(session, plan_id)
    sections, tasks = outline(session, plan_id)
    labels = task_labels(sections, tasks)
    names = unit_names(session, plan_id)
    states = task_states(session, plan_id, month, today)
    entries = _month_progress(session, plan_id, month)
    deadlines = _deadline_texts(session, plan_id)
    chosen = _chosen(session, scope, sections, tasks, states)

    rows: dict[int, list[SheetTask]] = {section.id: [] for section in sections}
    for node in tasks:
        if node.id not in chosen:
            continue
        state = states[node.id]
        lead, responsible = names.get(node.id, ((), ()))
        done, problems, next_steps, evidence = entries.get(node.id, ("", "", "", ""))
        rows[node.section_id].append(
            SheetTask(
                number=node.number,
                label=labels[node.id],
                title=node.title,
                lead=lead,
                responsible=responsible,
                done=done,
                problems=problems,
                next_steps=next_steps,
                evidence=evidence,
                deadline=deadlines.get(node.id) or _deadline_words(state.deadline),
                warning=light_reason(state.light, state.behind),
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
    if not scope.whole:
        headings = _with_tasks(headings)
    all_tasks = [task for heading in headings for task in heading.tasks]
    return SheetData(
        plan_title=plan.title,
        year=plan.year,
        month=month,
        office_name=plan.office_name,
        today=today,
        headings=headings,
        figures=figures(states[node.id] for node in tasks if node.id in chosen),
        overdue=tuple(TaskRef(t.number, t.label, t.title, t.lead) for t in all_tasks if t.overdue),
        unreported=tuple(TaskRef(t.number, t.label, t.title, t.lead) for t in all_tasks if t.unreported),
        by_section=_by_section(sections, headings) if scope.whole else _by_section_of(headings),
        by_lead_unit=_by_lead_unit(all_tasks),
        scope=_scope_words(session, scope, sections),
        charts=month_figures(session, plan_id, month, today) if charts and scope.whole else None,
    )


def sheet_headings(session: Session, plan_id: int) -> list[tuple[int, int, str]]:
    """(id, level, label) of every heading of the plan in outline order: the
    parts a sheet may be restricted to. Two queries."""
    sections, _ = outline(session, plan_id)
    return [(s.id, s.level, heading_label(s.level, s.numeral, s.title)) for s in sections]


def _chosen(
    session: Session,
    scope: SheetScope,
    sections: list[SectionNode],
    tasks: list[TaskNode],
    states: dict[int, TaskState],
) -> set[int]:
    """The ids of the tasks `scope` shows. One query for a unit."""
    chosen = {node.id for node in tasks}
    if scope.section_id is not None:
        inside = _subtree(sections, scope.section_id)
        chosen = {node.id for node in tasks if node.section_id in inside}
    if scope.unit_id is not None:
        led = session.scalars(
            select(Assignment.task_id).where(Assignment.unit_id == scope.unit_id, Assignment.role == "lead")
        )
        chosen &= set(led)
    if scope.warned:
        chosen = {task_id for task_id in chosen if states[task_id].light in WARNED_LIGHTS}
    return chosen


def _subtree(sections: list[SectionNode], section_id: int) -> set[int]:
    """A heading's id and those of the headings under it (outline order)."""
    inside: set[int] = set()
    level: int | None = None
    for section in sections:
        if section.id == section_id:
            level = section.level
        elif level is not None and section.level <= level:
            break
        if level is not None:
            inside.add(section.id)
    if not inside:
        raise ValueError(f"没有编号为 {section_id} 的标题")
    return inside


def _with_tasks(headings: tuple[SheetHeading, ...]) -> tuple[SheetHeading, ...]:
    """The headings that hold a task or stand above one (outline order)."""
    kept: set[int] = set()
    above: list[int] = []  # indexes of the headings the current one stands under, and itself
    for index, heading in enumerate(headings):
        while above and headings[above[-1]].level >= heading.level:
            above.pop()
        above.append(index)
        if heading.tasks:
            kept.update(above)
    return tuple(heading for index, heading in enumerate(headings) if index in kept)


def _scope_words(session: Session, scope: SheetScope, sections: list[SectionNode]) -> str:
    parts: list[str] = []
    if scope.section_id is not None:
        section = next(s for s in sections if s.id == scope.section_id)
        parts.append(heading_label(section.level, section.numeral, section.title))
    if scope.unit_id is not None:
        parts.append(f"牵头单位：{session.scalar(select(Unit.name).where(Unit.id == scope.unit_id))}")
    if scope.warned:
        parts.append("红灯、黄灯任务")
    return "；".join(parts)


def _deadline_texts(session: Session, plan_id: int) -> dict[int, str]:
    """task id -> its deadline as the plan writes it, for the tasks that have one. One query."""
    rows = session.execute(select(Task.id, Task.deadline_text).where(Task.plan_id == plan_id, Task.deadline_text != ""))
    return {task_id: text for task_id, text in rows}


def _deadline_words(day: date) -> str:
    """2016年12月底, or 2016年6月15日 for a day inside its month."""
    if (day + timedelta(days=1)).month != day.month:
        return f"{day.year}年{day.month}月底"
    return f"{day.year}年{day.month}月{day.day}日"


T = TypeVar("T")


def _by_lead(items: Iterable[T], lead: Callable[[T], Sequence[str]]) -> dict[str, list[T]]:
    """Items grouped by lead unit, units in the order they first come; an
    item with two lead units is under both, one with none under NO_LEAD_UNIT, last."""
    groups: dict[str, list[T]] = {}
    for item in items:
        for unit in lead(item) or (NO_LEAD_UNIT,):
            groups.setdefault(unit, []).append(item)
    if NO_LEAD_UNIT in groups:
        groups[NO_LEAD_UNIT] = groups.pop(NO_LEAD_UNIT)
    return groups


def by_lead_unit(refs: Iterable[TaskRef]) -> tuple[UnitRefs, ...]:
    """The tasks `refs` by lead unit: 市编办：第1、2、3项."""
    groups = _by_lead(refs, lambda ref: ref.lead)
    return tuple(UnitRefs(unit, tuple(ref.label for ref in group)) for unit, group in groups.items())


def _month_progress(session: Session, plan_id: int, month: Month) -> dict[int, tuple[str, str, str, str]]:
    """task id -> (done, problems, next steps, evidence) of M's entries. One query, of plain columns:
    building ORM objects for thousands of entries would take most of the time."""
    rows = session.execute(
        select(
            ProgressEntry.task_id,
            ProgressEntry.done,
            ProgressEntry.problems,
            ProgressEntry.next_steps,
            ProgressEntry.evidence,
        )
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month == month)
    )
    return {task_id: (done, problems, next_steps, evidence) for task_id, done, problems, next_steps, evidence in rows}


def _group(name: str, tasks: Iterable[SheetTask]) -> GroupFigures:
    total = completed = overdue = unreported = 0
    for task in tasks:
        total += 1
        completed += task.status == "completed"
        overdue += task.overdue
        unreported += task.unreported
    return GroupFigures(name, total, completed, overdue, unreported)


def _by_section_of(headings: tuple[SheetHeading, ...]) -> tuple[GroupFigures, ...]:
    """Per level-1 heading of a restricted sheet (its headings are only those kept)."""
    groups: list[tuple[str, list[SheetTask]]] = []
    for heading in headings:
        if heading.level == 1 or not groups:
            groups.append((heading.label, []))
        groups[-1][1].extend(heading.tasks)
    return tuple(_group(name, tasks) for name, tasks in groups)


def _by_section(sections: list[SectionNode], headings: tuple[SheetHeading, ...]) -> tuple[GroupFigures, ...]:
    """Per level-1 section, its own tasks and those of the headings under it."""
    groups: list[tuple[str, list[SheetTask]]] = []
    for section, heading in zip(sections, headings, strict=True):
        if section.level == 1:
            groups.append((heading.label, []))
        if groups:  # a subheading comes after its section (outline order)
            groups[-1][1].extend(heading.tasks)
    return tuple(_group(name, tasks) for name, tasks in groups)


def _by_lead_unit(tasks: list[SheetTask]) -> tuple[GroupFigures, ...]:
    """Per lead unit, the tasks it leads; tasks that name none are counted
    together last, so that every task is somewhere."""
    return tuple(_group(name, group) for name, group in _by_lead(tasks, lambda task: task.lead).items())

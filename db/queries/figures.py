"""The figures of a plan in a month, for the bulletin (通报), the charts and
the window's dashboard: completion and reporting per level-1 section and per
lead unit, the ranking of the lead units, the overdue and unreported tasks of
each, and the trend over the months of the plan.

A task's state in a month is db.queries.status's (`task_states`), so these
figures are those of the tree and the supervision sheet. What this adds is
when a report came in: a month's report is on time when it was recorded by
the month's report day (the setting 每月报送日, db.queries.status.report_due),
as the program saw it arrive (ProgressEntry.recorded_at: typed in, or
imported from a returned fill-in sheet).

A report is owed for month M by every task but those completed before M: a
task reported in M, or one whose M report is missing (TaskState.unreported).
A task led by several units counts for each of them; the tasks that name no
lead unit are counted together, last, under NO_LEAD_UNIT.

`month_figures` returns plain frozen values, so a worker thread can gather
them and the documents can be laid out after the session has closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from db.months import Month
from db.options import OFFICE_NAME
from db.queries.labels import heading_label, task_labels
from db.queries.ledger import outline, unit_names
from db.queries.nodes import SectionNode, TaskNode, TaskState
from db.queries.status import Figures, figures, report_due, task_states
from db.schema.models import Plan, ProgressEntry, Task
from db.settings import WarningSettings, read_setting, warning_settings

NO_LEAD_UNIT = "需明确牵头单位"
TREND_MONTHS = 24  # at most this many months back from M in the trend


@dataclass(frozen=True)
class Counts:
    """The tasks of one section, one lead unit or the whole plan in a month."""

    name: str
    total: int = 0
    completed: int = 0
    overdue: int = 0
    owed: int = 0  # reports owed for the month (see the module's note)
    reported: int = 0  # reports recorded for the month
    on_time: int = 0  # of them, recorded by the month's report day

    @property
    def unreported(self) -> int:
        return self.owed - self.reported

    @property
    def completion_rate(self) -> float:
        return self.completed / self.total if self.total else 0.0

    @property
    def reporting_rate(self) -> float | None:
        """None when nothing was owed."""
        return self.reported / self.owed if self.owed else None

    @property
    def on_time_rate(self) -> float | None:
        """None when nothing was owed."""
        return self.on_time / self.owed if self.owed else None


@dataclass(frozen=True)
class MonthPoint:
    """The whole plan in one month of the trend."""

    month: Month
    counts: Counts


@dataclass(frozen=True)
class TaskRef:
    """A task named in a list: 第N项 and its title."""

    label: str  # the number, or `二·3` where the plan's numbering restarts (db.queries.labels)
    title: str


@dataclass(frozen=True)
class UnitProblems:
    """What one lead unit owes in month M."""

    name: str
    overdue: tuple[TaskRef, ...]
    unreported: tuple[TaskRef, ...]


@dataclass(frozen=True)
class Ranked:
    """A lead unit in the ranking; units equal on both measures share a place."""

    place: int
    counts: Counts


@dataclass(frozen=True)
class MonthFigures:
    plan_title: str
    year: int
    month: Month
    office_name: str  # may be empty
    today: date  # the day the figures are taken (the bulletin's date)
    report_day: date  # M's reports were due on this day
    status: Figures  # tasks by status, as the sheet counts them
    overall: Counts
    by_section: tuple[Counts, ...]  # level-1 sections, in plan order
    by_unit: tuple[Counts, ...]  # lead units in the order they first lead a task; NO_LEAD_UNIT last
    problems: tuple[UnitProblems, ...]  # the units of by_unit that owe something, in its order
    no_lead_tasks: tuple[TaskRef, ...]  # the tasks that name no lead unit, in plan order
    trend: tuple[MonthPoint, ...]  # from January of the plan's year (at most TREND_MONTHS) to M

    @property
    def ranking(self) -> tuple[Ranked, ...]:
        return rank(unit for unit in self.by_unit if unit.name != NO_LEAD_UNIT)


def _rank_key(counts: Counts) -> tuple[float, float]:
    """Completion first, then on-time reporting; a unit that owed no report
    this month (all its tasks complete) is not behind on reporting."""
    on_time = counts.on_time_rate
    return (-counts.completion_rate, -(1.0 if on_time is None else on_time))


def rank(units: Iterable[Counts]) -> tuple[Ranked, ...]:
    """The units by completion rate, then on-time reporting rate, best first;
    equal units keep their order and share a place (1, 2, 2, 4)."""
    ordered = sorted(units, key=_rank_key)  # stable: ties stay in plan order
    ranked: list[Ranked] = []
    for index, counts in enumerate(ordered):
        tied = ranked and _rank_key(ranked[-1].counts) == _rank_key(counts)
        ranked.append(Ranked(ranked[-1].place if tied else index + 1, counts))
    return tuple(ranked)


def month_figures(
    session: Session,
    plan_id: int,
    month: str,
    today: date | None = None,
    settings: WarningSettings | None = None,
) -> MonthFigures:
    """Every figure of month M and the trend up to it. About 4 + 2 × (months
    of the trend) queries."""
    month = Month(month)
    today = date.today() if today is None else today
    settings = warning_settings(session) if settings is None else settings
    plan = session.execute(select(Plan.title, Plan.year).where(Plan.id == plan_id)).one_or_none()
    if plan is None:
        raise ValueError(f"没有编号为 {plan_id} 的工作计划")
    sections, tasks = outline(session, plan_id)
    labels = task_labels(sections, tasks)
    leads = {task_id: lead for task_id, (lead, _responsible) in unit_names(session, plan_id).items()}
    months = trend_months(plan.year, month)
    timely = _on_time_counts(session, plan_id, months, settings.report_day)
    on_time = _on_time(session, plan_id, month, settings.report_day)

    trend = []
    states: dict[int, TaskState] = {}
    for point in months:
        states = task_states(session, plan_id, point, today, settings)
        # a month's report recorded means the month reported: the count is the month's on-time figure
        counts = _counts(point.short_label, states.values(), set())
        trend.append(MonthPoint(point, replace(counts, on_time=timely[point])))
    # `states` is M's now: the last month of the trend
    top = _top_sections(sections)
    return MonthFigures(
        plan_title=plan.title,
        year=plan.year,
        month=month,
        office_name=read_setting(session, OFFICE_NAME),
        today=today,
        report_day=report_due(month, settings.report_day),
        status=figures(states.values()),
        overall=trend[-1].counts,
        by_section=_by_section(sections, tasks, top, states, on_time),
        by_unit=_by_unit(tasks, leads, states, on_time),
        problems=_problems(tasks, leads, labels, states),
        no_lead_tasks=tuple(TaskRef(labels[task.id], task.title) for task in tasks if not leads.get(task.id)),
        trend=tuple(trend),
    )


def trend_months(year: int, month: Month) -> list[Month]:
    """January of the plan's year to M, at most TREND_MONTHS (the latest);
    only M when M comes before the plan's year."""
    months = [month]
    while len(months) < TREND_MONTHS and months[-1] > Month.of(year, 1):
        months.append(months[-1].previous())
    return months[::-1]


def _deadline(month: Month, report_day: int) -> datetime:
    """The first moment after month M's report day."""
    return datetime.combine(report_due(month, report_day) + timedelta(days=1), time())


def _on_time(session: Session, plan_id: int, month: Month, report_day: int) -> set[int]:
    """The tasks whose report of month M was recorded by its report day."""
    return set(
        session.scalars(
            select(ProgressEntry.task_id)
            .join(Task, Task.id == ProgressEntry.task_id)
            .where(
                Task.plan_id == plan_id,
                ProgressEntry.month == month,
                ProgressEntry.recorded_at < _deadline(month, report_day),
            )
        )
    )


def _on_time_counts(session: Session, plan_id: int, months: Sequence[Month], report_day: int) -> dict[Month, int]:
    """month -> how many of its reports were recorded by its report day. One
    query, counted by the database."""
    found = dict.fromkeys(months, 0)
    rows = session.execute(
        select(ProgressEntry.month, func.count())
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(
            Task.plan_id == plan_id,
            or_(
                *(and_(ProgressEntry.month == m, ProgressEntry.recorded_at < _deadline(m, report_day)) for m in months)
            ),
        )
        .group_by(ProgressEntry.month)
    )
    for entry_month, count in rows:
        found[Month(entry_month)] = count
    return found


def _counts(name: str, states: Iterable[TaskState], on_time: set[int]) -> Counts:
    total = completed = overdue = owed = reported = timely = 0
    for state in states:
        total += 1
        completed += state.status == "completed"
        overdue += state.overdue
        owed += state.reported or state.unreported
        reported += state.reported
        timely += state.reported and state.task_id in on_time
    return Counts(name, total, completed, overdue, owed, reported, timely)


def _top_sections(sections: Sequence[SectionNode]) -> dict[int, SectionNode]:
    """section id -> the level-1 section it stands under (itself for one)."""
    by_id = {section.id: section for section in sections}
    top: dict[int, SectionNode] = {}
    for section in sections:  # outline order: a parent before its children
        parent = top.get(section.parent_id) if section.parent_id is not None else None
        top[section.id] = parent if parent is not None else by_id[section.id]
    return {section_id: node for section_id, node in top.items() if node.level == 1}


def _by_section(
    sections: Sequence[SectionNode],
    tasks: Sequence[TaskNode],
    top: Mapping[int, SectionNode],
    states: Mapping[int, TaskState],
    on_time: set[int],
) -> tuple[Counts, ...]:
    grouped: dict[int, list[TaskState]] = {section.id: [] for section in sections if section.level == 1}
    for task in tasks:
        if task.section_id in top:
            grouped[top[task.section_id].id].append(states[task.id])
    names = {section.id: heading_label(section.level, section.numeral, section.title) for section in sections}
    return tuple(_counts(names[section_id], group, on_time) for section_id, group in grouped.items())


def _by_lead(tasks: Sequence[TaskNode], leads: Mapping[int, tuple[str, ...]]) -> dict[str, list[TaskNode]]:
    """lead unit -> its tasks in plan order, units in the order they first
    lead a task, NO_LEAD_UNIT last."""
    led: dict[str, list[TaskNode]] = {}
    for task in tasks:
        for name in leads.get(task.id) or (NO_LEAD_UNIT,):
            led.setdefault(name, []).append(task)
    if NO_LEAD_UNIT in led:
        led[NO_LEAD_UNIT] = led.pop(NO_LEAD_UNIT)
    return led


def _by_unit(
    tasks: Sequence[TaskNode],
    leads: Mapping[int, tuple[str, ...]],
    states: Mapping[int, TaskState],
    on_time: set[int],
) -> tuple[Counts, ...]:
    return tuple(
        _counts(name, (states[task.id] for task in led), on_time) for name, led in _by_lead(tasks, leads).items()
    )


def _problems(
    tasks: Sequence[TaskNode],
    leads: Mapping[int, tuple[str, ...]],
    labels: Mapping[int, str],
    states: Mapping[int, TaskState],
) -> tuple[UnitProblems, ...]:
    problems = []
    for name, led in _by_lead(tasks, leads).items():
        overdue = tuple(TaskRef(labels[task.id], task.title) for task in led if states[task.id].overdue)
        unreported = tuple(TaskRef(labels[task.id], task.title) for task in led if states[task.id].unreported)
        if overdue or unreported:
            problems.append(UnitProblems(name, overdue, unreported))
    return tuple(problems)

"""The derived state of every task in a month: status, overdue, behind
schedule (序时进度), reported or not, and the warning light (红黄蓝灯).

Nothing here is stored: the state follows from the tasks, their progress
entries and the office's warning settings, for a month M and the day the
question is asked. `task_states` answers for a whole plan in a fixed number
of queries, so that a plan of thousands of tasks opens at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.months import Month
from db.queries.ledger import only
from db.queries.nodes import TaskState
from db.schema.models import Plan, ProgressEntry, Task
from db.settings import WarningSettings, warning_settings
from db.vocabulary import STATUSES

# A completed task owes nothing; an ongoing one (持续推进) is a standing duty
# that never ends, so neither can be overdue or behind schedule.
_NEVER_LATE = ("completed", "ongoing")
NEVER_LATE = _NEVER_LATE  # the same, for the rules beside these (db.queries.milestones)


def default_month(year: int, today: date) -> Month:
    """The month a plan of `year` is looked at by default: the current month
    during the plan's year, December after it, January before it."""
    if today.year == year:
        return Month.containing(today)
    return Month.of(year, 12 if today.year > year else 1)


def as_of(month: str, today: date) -> date:
    """The day the state of month M is judged at: its last day, or today while
    the month is not over."""
    return min(today, Month(month).last_day)


def _behind(status: str, deadline: date, start: date, day: date, fraction: float) -> bool:
    """Not started although `fraction` of the time from `start` (Jan 1 of the
    plan year) to the deadline has passed by `day`."""
    if status != "not_started":
        return False
    total = (deadline - start).days
    elapsed = (day - start).days
    if total <= 0:  # a deadline on or before Jan 1: all the time is spent once it is reached
        return elapsed >= total
    return elapsed / total >= fraction


def _light(status: str, overdue: bool, behind: bool, owed: bool, days_left: int, near_days: int) -> str | None:
    """Red overdue; yellow behind schedule or the month's report owed and
    missing; blue deadline near (not for a standing duty, whose deadline is
    only the plan's year end)."""
    if status == "completed":
        return None
    if overdue:
        return "red"
    if behind or owed:
        return "yellow"
    if days_left <= near_days and status != "ongoing":
        return "blue"
    return None


def report_due(month: str, report_day: int) -> date:
    """The day month M's report is owed from (the report day, or the month's end)."""
    end = Month(month).last_day
    return end.replace(day=min(report_day, end.day))


def task_states(
    session: Session,
    plan_id: int,
    month: str,
    today: date | None = None,
    settings: WarningSettings | None = None,
    task_ids: Collection[int] | None = None,
) -> dict[int, TaskState]:
    """The state of every task of the plan in month M, or of those of them
    among `task_ids` (a view repainting the tasks whose reports changed),
    keyed by task id.

    Two queries (three when the settings are read): the tasks with their plan's
    year, and each task's latest entry up to M. Whether M itself was reported
    follows from the latest entry: it was, if that entry is M's.
    """
    month = Month(month)
    today = date.today() if today is None else today
    settings = warning_settings(session) if settings is None else settings
    day = as_of(month, today)
    due = report_due(month, settings.report_day)

    tasks_query, keep = only(
        select(Task.id, Task.deadline, Plan.year)
        .join(Plan, Plan.id == Task.plan_id)
        .where(Task.plan_id == plan_id)
        .order_by(Task.id),
        Task.id,
        task_ids,
    )
    tasks = [row for row in session.execute(tasks_query) if keep is None or row.id in keep]

    latest_query, _ = only(
        select(ProgressEntry.task_id, func.max(ProgressEntry.month).label("month"))
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month <= month),
        Task.id,
        task_ids,
    )
    latest_month = latest_query.group_by(ProgressEntry.task_id).subquery()
    latest: dict[int, tuple[str, str]] = {
        task_id: (status, entry_month)
        for task_id, status, entry_month in session.execute(
            select(ProgressEntry.task_id, ProgressEntry.status, ProgressEntry.month).join(
                latest_month,
                and_(
                    ProgressEntry.task_id == latest_month.c.task_id,
                    ProgressEntry.month == latest_month.c.month,
                ),
            )
        )
    }

    states: dict[int, TaskState] = {}
    for task_id, task_deadline, year in tasks:
        status, entry_month = latest.get(task_id, ("not_started", None))
        reported = entry_month == month
        start = date(year, 1, 1)
        deadline = task_deadline or date(year, 12, 31)
        overdue = deadline < day and status not in _NEVER_LATE
        behind = _behind(status, deadline, start, day, settings.behind_fraction)
        owed = not reported and day >= due
        light = _light(status, overdue, behind, owed, (deadline - day).days, settings.near_days)
        states[task_id] = TaskState(task_id, status, reported, deadline, overdue, behind, light)
    return states


@dataclass(frozen=True)
class Figures:
    """The summary figures of the supervision sheet and the tree headings."""

    total: int
    by_status: dict[str, int]  # every code of STATUSES, zeros included
    completed: int
    overdue: int
    unreported: int  # M's report missing and still owed (TaskState.unreported)

    @property
    def completion_rate(self) -> float:
        return self.completed / self.total if self.total else 0.0


def figures(states: Iterable[TaskState]) -> Figures:
    by_status = dict.fromkeys(STATUSES, 0)
    total = overdue = unreported = 0
    for state in states:
        total += 1
        by_status[state.status] += 1
        overdue += state.overdue
        unreported += state.unreported
    return Figures(total, by_status, by_status["completed"], overdue, unreported)

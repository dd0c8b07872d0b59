"""A task's milestones (节点) as the office reads them, and which of them a
task has missed on a given day.

A milestone is missed on a day when its date is before that day and the
task is not complete then (its latest status up to that day's month is not
已完成 nor 持续推进, as for overdue in db.queries.status): the reports say
how a task stands, not which stage it reached. The lights do not read this
(yet): they still measure 序时进度 by the share of the year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.months import Month
from db.queries.status import NEVER_LATE, task_states
from db.schema.models import Milestone, Task


@dataclass(frozen=True)
class MilestoneNode:
    id: int
    task_id: int
    position: int
    due: date
    due_text: str  # as the plan wrote it: 6月底前
    text: str  # what should be done by then
    share: float | None


@dataclass(frozen=True)
class Standing:
    """A task's milestones seen from one day: those passed while the task is
    not complete (`missed`, in date order) and the first still ahead."""

    missed: tuple[MilestoneNode, ...]
    upcoming: MilestoneNode | None

    @property
    def next_missed(self) -> MilestoneNode | None:
        """The first milestone the task has missed: the stage it owes first."""
        return self.missed[0] if self.missed else None


def milestones_of(
    session: Session, task_ids: Iterable[int] | None = None, plan_id: int | None = None
) -> dict[int, list[MilestoneNode]]:
    """task id -> its milestones in the order written, for some tasks, a
    plan's, or all. One query."""
    query = select(Milestone).order_by(Milestone.task_id, Milestone.position, Milestone.id)
    if task_ids is not None:
        query = query.where(Milestone.task_id.in_(list(task_ids)))
    if plan_id is not None:
        query = query.join(Task, Task.id == Milestone.task_id).where(Task.plan_id == plan_id)
    found: dict[int, list[MilestoneNode]] = defaultdict(list)
    for m in session.scalars(query):
        found[m.task_id].append(MilestoneNode(m.id, m.task_id, m.position, m.due, m.due_text, m.text, m.share))
    return dict(found)


def standings(session: Session, plan_id: int, day: date) -> dict[int, Standing]:
    """task id -> its standing on `day`, for every task of the plan that has
    milestones (see the module). Four queries, whatever the plan's size."""
    by_task = milestones_of(session, plan_id=plan_id)
    if not by_task:
        return {}
    states = task_states(session, plan_id, Month.containing(day), today=day)
    result = {}
    for task_id, milestones in by_task.items():
        ordered = sorted(milestones, key=lambda m: (m.due, m.position))
        complete = states[task_id].status in NEVER_LATE
        missed = () if complete else tuple(m for m in ordered if m.due < day)
        upcoming = next((m for m in ordered if m.due >= day), None)
        result[task_id] = Standing(missed, upcoming)
    return result


def next_missed_milestone(session: Session, task_id: int, day: date) -> MilestoneNode | None:
    """The first milestone the task has missed on `day`, or None."""
    plan_id = session.get_one(Task, task_id).plan_id
    standing = standings(session, plan_id, day).get(task_id)
    return standing.next_missed if standing is not None else None

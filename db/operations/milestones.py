"""Storing a task's milestones (节点): read from deadline texts at import
(db.operations.import_plan calls `add_milestones`), for a plan imported
before they were read (READ_MILESTONES), or set as a person edits them
(SET_MILESTONES); operations of db.operations.runner."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.operations.runner import Operation
from db.plans.milestones import ParsedMilestone, stages
from db.schema.models import Milestone, Plan, Task


def add_milestones(session: Session, task_id: int, milestones: Sequence[ParsedMilestone], start: int = 0) -> None:
    """Add `milestones` to a task, positioned from `start` (no flush)."""
    session.add_all(
        Milestone(task_id=task_id, position=start + i, due=m.due, due_text=m.due_text, text=m.text, share=m.share)
        for i, m in enumerate(milestones)
    )


def read_milestones(session: Session, plan_id: int) -> int:
    """Read the milestones of every task of the plan that has none from its
    deadline text (db.plans.milestones.stages); how many were added."""
    year = session.get_one(Plan, plan_id).year
    have = set(
        session.scalars(
            select(Milestone.task_id).join(Task, Task.id == Milestone.task_id).where(Task.plan_id == plan_id)
        )
    )
    added = 0
    tasks = select(Task).where(Task.plan_id == plan_id, Task.deadline_text != "").order_by(Task.id)
    for task in session.scalars(tasks):
        if task.id in have:
            continue
        found = stages(task.deadline_text, year, task.deadline)
        add_milestones(session, task.id, found)
        added += len(found)
    session.flush()
    return added


def set_milestones(session: Session, task_id: int, milestones: Sequence[ParsedMilestone]) -> None:
    """Make `milestones` the task's, in this order (what the form saves)."""
    for milestone in milestones:
        if milestone.share is not None and not 0 <= milestone.share <= 1:
            raise EditError("节点的完成比例应在 0 到 100% 之间")
    for row in session.scalars(select(Milestone).where(Milestone.task_id == task_id)):
        session.delete(row)
    session.flush()
    add_milestones(session, task_id, milestones)
    session.flush()


READ_MILESTONES = Operation(read_milestones, "从完成时限读取节点")
SET_MILESTONES = Operation(set_milestones, "修改任务的节点")

"""Sign-off (销号) as the office sees it: which completions wait for a verdict,
and the verdicts given.

A task waits for sign-off (待销号) when its latest report says 已完成, its
last verdict is not a sign-off, and no return (退回) was given since that
report was recorded: a unit that reports 已完成 again after a return waits
again. The figures of the views and sheets do not read this (yet): they
count reported completions, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.schema.models import ProgressEntry, Review, Task


@dataclass(frozen=True)
class Verdict:
    """One verdict of the office on a reported completion."""

    id: int
    task_id: int
    month: str  # the month of the report reviewed
    verdict: str  # db.vocabulary.VERDICTS
    evidence: str
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class Awaiting:
    """A completion waiting for the office: the task and the report that claims it."""

    task_id: int
    month: str
    recorded_at: datetime
    evidence: str  # what the unit gave as evidence


def verdicts(session: Session, task_ids: list[int] | None = None, plan_id: int | None = None) -> list[Verdict]:
    """The verdicts on some tasks, or on a plan's, or all; oldest first. One query."""
    query = select(Review).order_by(Review.task_id, Review.at, Review.id)
    if task_ids is not None:
        query = query.where(Review.task_id.in_(task_ids))
    if plan_id is not None:
        query = query.join(Task, Task.id == Review.task_id).where(Task.plan_id == plan_id)
    return [
        Verdict(r.id, r.task_id, r.month, r.verdict, r.evidence, r.reason, r.by, r.at) for r in session.scalars(query)
    ]


def awaiting_sign_off(session: Session, plan_id: int) -> dict[int, Awaiting]:
    """task id -> the completion it waits with, for every task of the plan
    waiting for sign-off (see the module). Three queries."""
    latest_month = (
        select(ProgressEntry.task_id, func.max(ProgressEntry.month).label("month"))
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id)
        .group_by(ProgressEntry.task_id)
        .subquery()
    )
    completed = session.execute(
        select(ProgressEntry.task_id, ProgressEntry.month, ProgressEntry.recorded_at, ProgressEntry.evidence)
        .join(
            latest_month,
            and_(ProgressEntry.task_id == latest_month.c.task_id, ProgressEntry.month == latest_month.c.month),
        )
        .where(ProgressEntry.status == "completed")
    ).all()
    last: dict[int, Verdict] = {}
    for verdict in verdicts(session, plan_id=plan_id):
        last[verdict.task_id] = verdict  # oldest first: the last one stays
    waiting = {}
    for task_id, month, recorded_at, evidence in completed:
        given = last.get(task_id)
        if given is not None and (given.verdict == "signed_off" or given.at >= recorded_at):
            continue
        waiting[task_id] = Awaiting(task_id, month, recorded_at, evidence)
    return waiting


def task_awaiting(session: Session, task_id: int) -> Awaiting | None:
    """The completion one task waits with, or None."""
    plan_id = session.get_one(Task, task_id).plan_id
    return awaiting_sign_off(session, plan_id).get(task_id)


def signed_off(session: Session, plan_id: int) -> set[int]:
    """The tasks of the plan whose last verdict is a sign-off."""
    last: dict[int, str] = {}
    for verdict in verdicts(session, plan_id=plan_id):
        last[verdict.task_id] = verdict.verdict
    return {task_id for task_id, verdict in last.items() if verdict == "signed_off"}

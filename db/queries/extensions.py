"""Extension requests (延期申请) as the office reads them: those waiting for
a decision, a task's requests, and its original deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema.models import Extension, Plan, Task, Unit


@dataclass(frozen=True)
class Request:
    """One extension request and what became of it."""

    id: int
    task_id: int
    unit: str | None  # the unit that asks (its canonical name), None when unknown
    requested_at: datetime
    requested_by: str
    new_deadline: date
    reason: str
    state: str  # db.vocabulary.EXTENSION_STATES
    decided_at: datetime | None
    decided_by: str
    decision_note: str
    previous_deadline: date | None  # the deadline an approval replaced (None: the plan's year end)
    previous_deadline_text: str


def requests(
    session: Session, task_ids: list[int] | None = None, plan_id: int | None = None, state: str | None = None
) -> list[Request]:
    """The requests of some tasks, or of a plan's, or all, in the order made;
    only those in `state` when given. One query."""
    query = (
        select(Extension, Unit.name)
        .outerjoin(Unit, Unit.id == Extension.unit_id)
        .order_by(Extension.requested_at, Extension.id)
    )
    if task_ids is not None:
        query = query.where(Extension.task_id.in_(task_ids))
    if plan_id is not None:
        query = query.join(Task, Task.id == Extension.task_id).where(Task.plan_id == plan_id)
    if state is not None:
        query = query.where(Extension.state == state)
    return [
        Request(
            e.id,
            e.task_id,
            unit,
            e.requested_at,
            e.requested_by,
            e.new_deadline,
            e.reason,
            e.state,
            e.decided_at,
            e.decided_by,
            e.decision_note,
            e.previous_deadline,
            e.previous_deadline_text,
        )
        for e, unit in session.execute(query)
    ]


def pending_extensions(session: Session, plan_id: int) -> list[Request]:
    """The plan's requests waiting for a decision, oldest first."""
    return requests(session, plan_id=plan_id, state="pending")


def current_deadline(session: Session, task_id: int) -> date:
    """The task's deadline as the status rules take it: its own, or its plan's year end."""
    deadline, year = session.execute(
        select(Task.deadline, Plan.year).join(Plan, Plan.id == Task.plan_id).where(Task.id == task_id)
    ).one()
    return deadline or date(year, 12, 31)


def original_deadline(session: Session, task_id: int) -> tuple[date | None, str] | None:
    """(date, text) the plan gave the task before any approved extension
    moved it; None when none did."""
    approved = requests(session, [task_id], state="approved")
    if not approved:
        return None
    return approved[0].previous_deadline, approved[0].previous_deadline_text

"""A task's monthly reports, as the progress form lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema.models import ProgressEntry


@dataclass(frozen=True)
class MonthReport:
    """One month's progress entry of a task."""

    month: str
    status: str
    done: str
    problems: str
    next_steps: str
    evidence: str
    reporting_unit_id: int | None
    recorded_at: datetime
    recorded_by: str


def task_reports(session: Session, task_id: int) -> list[MonthReport]:
    """Every report of a task, newest month first. One query."""
    rows = session.execute(
        select(
            ProgressEntry.month,
            ProgressEntry.status,
            ProgressEntry.done,
            ProgressEntry.problems,
            ProgressEntry.next_steps,
            ProgressEntry.evidence,
            ProgressEntry.reporting_unit_id,
            ProgressEntry.recorded_at,
            ProgressEntry.recorded_by,
        )
        .where(ProgressEntry.task_id == task_id)
        .order_by(ProgressEntry.month.desc())
    )
    return [MonthReport(*row) for row in rows]

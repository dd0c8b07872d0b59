"""The office's verdict on a completion a unit reported: SIGN_OFF (销号) and
RETURN_TASK (退回), operations of db.operations.runner (in the history,
undone through their change sets like any edit).

A return puts the task back to 推进中 by setting the status of the report
it returns (its month's entry) to 推进中: what the unit wrote stays, and the
review says that a completion was reported and why it was sent back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.operations.history import default_operator
from db.operations.runner import Operation
from db.queries.reviews import Awaiting, task_awaiting
from db.schema.models import ProgressEntry, Review


def check_awaiting(session: Session, task_id: int, *_: object, **__: object) -> Awaiting:
    """The completion `task_id` waits with; EditError when it waits with none."""
    awaiting = task_awaiting(session, task_id)
    if awaiting is None:
        raise EditError("该任务没有待销号的完成报告（最近一次报送不是“已完成”，或已销号、已退回）")
    return awaiting


def sign_off(session: Session, task_id: int, by: str = "", evidence: str = "", at: datetime | None = None) -> int:
    """销号: the office checked `evidence` and confirms the task complete. The review's id."""
    awaiting = check_awaiting(session, task_id)
    review = Review(
        task_id=task_id,
        month=awaiting.month,
        verdict="signed_off",
        evidence=evidence.strip(),
        by=by or default_operator(),
        at=at or datetime.now(),
    )
    session.add(review)
    session.flush()
    return review.id


def returnable(session: Session, task_id: int, reason: str) -> Awaiting:
    """The completion a return with `reason` sends back; EditError for no reason or none waiting."""
    if not reason.strip():
        raise EditError("退回须写明理由")
    return check_awaiting(session, task_id)


def _check_return(session: Session, task_id: int, reason: str, *_: object, **__: object) -> None:
    returnable(session, task_id, reason)


def return_task(session: Session, task_id: int, reason: str, by: str = "", at: datetime | None = None) -> int:
    """退回: the completion is sent back with `reason`; the task is 推进中 again. The review's id."""
    awaiting = returnable(session, task_id, reason)
    entry = session.scalars(
        select(ProgressEntry).where(ProgressEntry.task_id == task_id, ProgressEntry.month == awaiting.month)
    ).one()
    entry.status = "in_progress"
    review = Review(
        task_id=task_id,
        month=awaiting.month,
        verdict="returned",
        reason=reason.strip(),
        by=by or default_operator(),
        at=at or datetime.now(),
    )
    session.add(review)
    session.flush()
    return review.id


def _check_sign_off(session: Session, task_id: int, *_: object, **__: object) -> None:
    check_awaiting(session, task_id)


SIGN_OFF = Operation(sign_off, "销号", check=_check_sign_off)
RETURN_TASK = Operation(return_task, "退回完成报告", check=_check_return)

"""Extension requests (延期申请) and the office's decision: REQUEST_EXTENSION
and DECIDE_EXTENSION, operations of db.operations.runner (in the history,
undone through their change sets).

An approved request moves the task's deadline (and its text, to the new
date) and keeps the deadline it replaced on the request, so the original is
always on record: the first approved request of a task holds the plan's own.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.operations.history import default_operator
from db.operations.runner import Operation
from db.queries.extensions import current_deadline
from db.schema.models import Assignment, Extension, Task


def date_text(day: date) -> str:
    """2016-09-30 -> "2016年9月30日", as a deadline is written."""
    return f"{day.year}年{day.month}月{day.day}日"


def check_request(session: Session, task_id: int, new_deadline: date, reason: str, *_: object, **__: object) -> None:
    """A reason, a date later than the task's deadline, no other request pending."""
    if not reason.strip():
        raise EditError("延期申请须写明理由")
    deadline = current_deadline(session, task_id)
    if new_deadline <= deadline:
        raise EditError(f"申请的新时限 {date_text(new_deadline)} 应晚于现在的完成时限 {date_text(deadline)}")
    pending = session.scalar(select(Extension.id).where(Extension.task_id == task_id, Extension.state == "pending"))
    if pending is not None:
        raise EditError(f"该任务已有待审批的延期申请（第 {pending} 号），请先审批")


def request_extension(
    session: Session,
    task_id: int,
    new_deadline: date,
    reason: str,
    unit_id: int | None = None,
    by: str = "",
    at: datetime | None = None,
) -> int:
    """A unit (`unit_id`, default the task's first lead unit) asks for
    `new_deadline`, for `reason`. The request's number (its id)."""
    check_request(session, task_id, new_deadline, reason)
    if unit_id is None:
        unit_id = session.scalar(
            select(Assignment.unit_id)
            .where(Assignment.task_id == task_id, Assignment.role == "lead")
            .order_by(Assignment.position)
            .limit(1)
        )
    extension = Extension(
        task_id=task_id,
        unit_id=unit_id,
        requested_at=at or datetime.now(),
        requested_by=by or default_operator(),
        new_deadline=new_deadline,
        reason=reason.strip(),
        state="pending",
    )
    session.add(extension)
    session.flush()
    return extension.id


def check_decision(session: Session, extension_id: int, *_: object, **__: object) -> None:
    extension = session.get(Extension, extension_id)
    if extension is None:
        raise EditError(f"没有第 {extension_id} 号延期申请")
    if extension.state != "pending":
        raise EditError(f"第 {extension_id} 号延期申请已审批过，不能再审批")


def decide_extension(
    session: Session, extension_id: int, approve: bool, by: str = "", note: str = "", at: datetime | None = None
) -> date | None:
    """Approve or refuse a pending request; an approval moves the deadline.
    The task's new deadline, None when refused."""
    check_decision(session, extension_id)
    extension = session.get_one(Extension, extension_id)
    extension.state = "approved" if approve else "refused"
    extension.decided_at = at or datetime.now()
    extension.decided_by = by or default_operator()
    extension.decision_note = note.strip()
    if approve:
        task = session.get_one(Task, extension.task_id)
        extension.previous_deadline = task.deadline
        extension.previous_deadline_text = task.deadline_text
        task.deadline = extension.new_deadline
        task.deadline_text = date_text(extension.new_deadline)
        return extension.new_deadline
    return None


REQUEST_EXTENSION = Operation(request_extension, "延期申请", check=check_request)
DECIDE_EXTENSION = Operation(decide_extension, "审批延期申请", check=check_decision)

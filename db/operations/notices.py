"""Issuing notices and recording their replies: the register of notices
(ISSUE_NOTICES, RECORD_REPLY: operations of db.operations.runner).

Issuing gathers the notices in the transaction that registers them
(db.queries.notices.notice_data), so that what is registered is what is
printed, and gives each its serial number there: the next of the year it is
issued in, running on across months and plans (督办〔2016〕第 1, 2, 3 … 号;
a new year starts at 1 again). The caller prints the notices it returns.

A unit that already has a notice of the same month at the same level or a
higher one is not sent another unless asked (`again`): running the month's
notices twice does not send every unit a second number. A higher level is
an escalation and is issued (a reminder on the 5th, the red notice on the
20th when the task is overdue by then). A copy of a notice sent is printed
from the register (db.queries.notices.registered_notice), with its number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.months import Month
from db.operations.history import default_operator
from db.operations.runner import Operation
from db.options import NOTICE_PREFIX
from db.queries.notices import (
    AUTO,
    NoticeData,
    NoticeTask,
    next_serial,
    notice_data,
    notice_number,
    worst,
)
from db.schema.models import Notice
from db.schema.models import NoticeTask as NoticeTaskRow
from db.settings import read_setting
from db.vocabulary import NOTICE_LEVEL_LABELS


@dataclass(frozen=True)
class Skipped:
    """A unit not sent a notice: it has one of the month already."""

    unit_name: str
    number: str  # of the notice it has
    level: str
    issued_on: date

    @property
    def text(self) -> str:
        """市环保局（已有督办〔2016〕第3号督办单，2016年7月5日）"""
        day = f"{self.issued_on.year}年{self.issued_on.month}月{self.issued_on.day}日"
        return f"{self.unit_name}（已有{self.number}{NOTICE_LEVEL_LABELS[self.level]}，{day}）"


@dataclass(frozen=True)
class Issued:
    """What an issue did: the notices registered, with their serial numbers;
    the units skipped; the tasks with no lead unit that no notice could name."""

    notices: tuple[NoticeData, ...]
    skipped: tuple[Skipped, ...]
    unaddressed: tuple[NoticeTask, ...]

    @property
    def numbers(self) -> str:
        """督办〔2016〕第3号, or 督办〔2016〕第3—7号 for a run."""
        first, last = self.notices[0], self.notices[-1]
        if first.serial == last.serial:
            return first.number
        return first.number.replace(f"第{first.serial}号", f"第{first.serial}—{last.serial}号")


def issue_notices(
    session: Session,
    plan_id: int,
    month: str,
    *,
    unit_id: int | None = None,
    level: str = AUTO,
    on: date | None = None,
    reply_by: date | None = None,
    again: bool = False,
    by: str | None = None,
    printed: Callable[[Issued], object] | None = None,
) -> Issued:
    """Register the notices of month M (those notice_data gives for these
    arguments), dated `on` (default today), each with the next serial number
    of its year, as issued by `by` (default: the user of the OS, as the
    history records it); EditError, and nothing written, when
    there is none to issue.

    `printed(issued)` is called in the transaction once the notices have
    their numbers: the caller writes the PDF there (to a file it moves into
    place after the commit), so that a PDF that cannot be written registers
    nothing, and nothing is registered that was not printed."""
    on = date.today() if on is None else on
    batch = notice_data(session, plan_id, month, unit_id=unit_id, level=level, on=on, reply_by=reply_by)
    if not batch.notices:
        raise EditError(batch.reason)
    had = _issued_before(session, plan_id, Month(month))
    prefix = read_setting(session, NOTICE_PREFIX)
    sending: list[NoticeData] = []
    skipped: list[Skipped] = []
    for notice in batch.notices:
        before = had.get(notice.unit_id) if notice.unit_id is not None else None
        if before is not None and not again and worst((before.level, notice.level)) == before.level:
            skipped.append(
                Skipped(
                    notice.unit_name,
                    notice_number(prefix, before.year, before.serial),
                    before.level,
                    before.issued_at.date(),
                )
            )
        else:
            sending.append(notice)
    if not sending:
        names = "；".join(item.text for item in skipped)
        raise EditError(
            f"这些单位已有{Month(month).label}的同级或更高级督办单，未重复签发：{names}。"
            "如需再发一份，请勾选“本月已发过的单位再发一份”（命令行：--again）"
        )
    serial = next_serial(session, on.year)
    issued_at = datetime.combine(on, datetime.now().time().replace(microsecond=0))
    registered: list[NoticeData] = []
    for notice in sending:
        row = Notice(
            plan_id=plan_id,
            unit_id=notice.unit_id,
            unit_name=notice.unit_name,
            year=on.year,
            serial=serial,
            level=notice.level,
            month=notice.month,
            issued_at=issued_at,
            reply_due=notice.reply_by,
            issued_by=default_operator() if by is None else by,
            replied_at=None,
            reply_note="",
        )
        session.add(row)
        session.flush()
        session.add_all(NoticeTaskRow(notice_id=row.id, task_id=task.task_id) for task in notice.tasks)
        registered.append(replace(notice, serial=serial, notice_id=row.id))
        serial += 1
    session.flush()
    issued = Issued(tuple(registered), tuple(skipped), batch.unaddressed)
    if printed is not None:
        printed(issued)
    return issued


def _issued_before(session: Session, plan_id: int, month: Month) -> dict[int, Notice]:
    """unit id -> the highest notice it has of month M (the latest of that level)."""
    had: dict[int, Notice] = {}
    for row in session.scalars(
        select(Notice).where(Notice.plan_id == plan_id, Notice.month == month).order_by(Notice.issued_at, Notice.id)
    ):
        if row.unit_id is None:
            continue
        before = had.get(row.unit_id)
        if before is None or worst((before.level, row.level)) == row.level:
            had[row.unit_id] = row
    return had


def record_reply(session: Session, notice_id: int, replied_on: date | None, note: str = "") -> None:
    """Record (or, with None, clear) the day a unit's reply to a notice came, with a note."""
    row = session.get(Notice, notice_id)
    if row is None:
        raise EditError("登记簿中没有这份督办单（可能已撤销）")
    if replied_on is not None and replied_on < row.issued_at.date():
        raise EditError(f"回复日期（{replied_on:%Y-%m-%d}）早于签发日期（{row.issued_at:%Y-%m-%d}）")
    row.replied_at = replied_on
    row.reply_note = note.strip() if replied_on is not None else ""
    session.flush()


ISSUE_NOTICES = Operation(issue_notices, "签发督办单")
RECORD_REPLY = Operation(record_reply, "登记督办单回复")

"""The supervision notices (督办单) and their register.

`notice_data` gathers the notices of month M. A notice is addressed to a
lead unit and names every task it leads that is not complete, each with its
requirement, deadline, state, warning light and last report. Its level is
one of three escalation steps (db.vocabulary.NOTICE_LEVEL_LABELS): 提醒单 for
a blue light (the deadline near), 督办单 for a yellow one (behind schedule or
the month's report missing), 红色督办单 for a red one (overdue). Chosen from
the lights (AUTO), a unit's notice has the level of its worst light, and a
unit none of whose tasks has a light gets none: there is nothing to chase.
Chosen by the office, a level picks the notices of that level (`--level red`:
this month's red notices), or, for one unit, sets the level of its notice
whatever its lights (the office escalates a unit that did not answer).

Tasks that name no lead unit cannot be sent a notice: `NoticeBatch.unaddressed`
lists those that would have been named, so the office can give them a lead
unit first.

The register (db.schema.models.Notice, NoticeTask) holds what was issued:
`register` lists it, `registered_notice` gives a registered notice back as it
is printed (its serial number, level, tasks, reply date, the state of its
month as the ledger holds it now), for a copy. The operations that write it
are in db.operations.notices.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.months import Month
from db.options import (
    NOTICE_PREFIX,
    NOTICE_SIGNER,
    OFFICE_CONTACT,
    OFFICE_NAME,
    OFFICE_PHONE,
    REPLY_DAYS,
)
from db.queries.labels import task_labels
from db.queries.ledger import outline
from db.queries.status import task_states
from db.schema.models import Assignment, Notice, Plan, ProgressEntry, Task, Unit
from db.schema.models import NoticeTask as NoticeTaskRow
from db.settings import read_settings
from db.vocabulary import NOTICE_LEVEL_LABELS, NOTICE_LEVEL_LIGHTS, NOTICE_LEVELS

AUTO = "auto"  # the level of each notice from its tasks' lights
LEVEL_OF_LIGHT = {light: level for level, light in NOTICE_LEVEL_LIGHTS.items()}
_RANK = {level: rank for rank, level in enumerate(NOTICE_LEVELS)}  # reminder < notice < red


def worst(levels: Iterable[str | None]) -> str | None:
    """The highest of the levels given (None among them counts for nothing)."""
    found = [level for level in levels if level is not None]
    return max(found, key=_RANK.__getitem__) if found else None


def notice_number(prefix: str, year: int, serial: int | None) -> str:
    """督办〔2016〕第3号; a draft has no serial yet: 督办〔2016〕第　　号."""
    return f"{prefix}〔{year}〕第{'　　' if serial is None else serial}号"


@dataclass(frozen=True)
class NoticeTask:
    """A task a notice names, with its state in the notice's month."""

    task_id: int
    number: int
    label: str  # the number, or `二·3` where the plan's numbering restarts (db.queries.labels)
    title: str
    requirement: str
    deadline: date  # the task's deadline, or the plan's year end
    deadline_text: str  # as the plan wrote it; empty when it gave none
    status: str  # a code of db.vocabulary.STATUSES
    overdue: bool
    behind: bool
    unreported: bool  # the month's report is missing (and the task not complete)
    light: str | None  # a key of db.vocabulary.LIGHTS
    last_month: Month | None  # the latest month reported up to M, None if never
    last_done: str  # what that report said was done

    @property
    def level(self) -> str | None:
        """The notice level its light calls for, None for no light."""
        return LEVEL_OF_LIGHT.get(self.light) if self.light else None


@dataclass(frozen=True)
class Office:
    """The office that issues the notices (its settings, db.options)."""

    name: str
    contact: str
    phone: str
    signer: str
    prefix: str


@dataclass(frozen=True)
class NoticeData:
    """One notice, to one lead unit: a draft (no serial) or as registered."""

    unit_id: int | None
    unit_name: str
    unit_contact: str
    unit_phone: str
    plan_id: int
    plan_title: str
    month: Month
    level: str  # a key of NOTICE_LEVEL_LABELS
    office: Office
    issued_on: date  # the date it bears; the day its tasks' state is judged at
    reply_by: date
    tasks: tuple[NoticeTask, ...]  # in plan order
    serial: int | None = None  # within the year of `issued_on`; None: a draft, not registered
    notice_id: int | None = None  # its row in the register

    @property
    def number(self) -> str:
        return notice_number(self.office.prefix, self.issued_on.year, self.serial)

    @property
    def level_label(self) -> str:
        return NOTICE_LEVEL_LABELS[self.level]

    @property
    def draft(self) -> bool:
        return self.serial is None

    @property
    def overdue(self) -> int:
        return sum(task.overdue for task in self.tasks)


@dataclass(frozen=True)
class NoticeBatch:
    """The notices of a month (possibly none, and then `reason` says why),
    and the tasks that would be named but have no lead unit to address."""

    notices: tuple[NoticeData, ...]
    unaddressed: tuple[NoticeTask, ...]
    reason: str = ""  # why there is no notice, for the user


def reply_date(on: date, days: int) -> date:
    return on + timedelta(days=days)


def notice_data(
    session: Session,
    plan_id: int,
    month: str,
    *,
    unit_id: int | None = None,
    level: str = AUTO,
    on: date | None = None,
    reply_by: date | None = None,
) -> NoticeBatch:
    """The notices of month M as of the day `on` (default today), in the order
    units first lead a task of the plan; see the module's docstring for which
    units get one and at which level. `reply_by` defaults to `on` plus the
    office's reply days. A fixed number of queries, whatever the plan's size."""
    if level != AUTO and level not in NOTICE_LEVELS:
        raise EditError(f"未知的督办级别“{level}”（应为 {AUTO}、{'、'.join(NOTICE_LEVELS)}）")
    month = Month(month)
    on = date.today() if on is None else on
    settings = read_settings(
        session, (OFFICE_NAME, OFFICE_CONTACT, OFFICE_PHONE, NOTICE_SIGNER, NOTICE_PREFIX, REPLY_DAYS)
    )
    reply_by = reply_date(on, settings[REPLY_DAYS.key]) if reply_by is None else reply_by
    if reply_by < on:
        raise EditError(f"回复期限（{reply_by:%Y-%m-%d}）早于签发日期（{on:%Y-%m-%d}）")
    plan_title = _plan_title(session, plan_id)
    tasks = _notice_tasks(session, plan_id, month, on)
    order = {task_id: index for index, task_id in enumerate(tasks)}
    leads = sorted(_leads(session, plan_id, unit_id), key=lambda row: order[row[0]])

    owed: dict[int, list[NoticeTask]] = {}
    units: dict[int, tuple[str, str, str]] = {}
    named: set[int] = set()
    for task_id, lead_id, name, contact, phone in leads:  # in plan order
        named.add(task_id)
        task = tasks[task_id]
        if task.status != "completed":
            owed.setdefault(lead_id, []).append(task)
            units[lead_id] = (name, contact, phone)

    def notice(lead_id: int, chosen: str) -> NoticeData:
        name, contact, phone = units[lead_id]
        return NoticeData(
            lead_id,
            name,
            contact,
            phone,
            plan_id,
            plan_title,
            month,
            chosen,
            _office(settings),
            on,
            reply_by,
            tuple(owed[lead_id]),
        )

    notices: list[NoticeData] = []
    for lead_id, owing in owed.items():
        own = worst(task.level for task in owing)
        if unit_id is not None and level != AUTO:
            notices.append(notice(lead_id, level))
        elif own is not None and level in (AUTO, own):
            notices.append(notice(lead_id, own))

    unaddressed: tuple[NoticeTask, ...] = ()
    if unit_id is None:
        unaddressed = tuple(
            task
            for task in tasks.values()
            if task.task_id not in named
            and task.status != "completed"
            and task.level is not None
            and level in (AUTO, task.level)
        )
    reason = "" if notices else _no_notice(session, unit_id, level, month, bool(owed))
    return NoticeBatch(tuple(notices), unaddressed, reason)


def _no_notice(session: Session, unit_id: int | None, level: str, month: Month, owing: bool) -> str:
    """Why month M has no notice to send (to the unit), in the user's words."""
    if unit_id is not None:
        name = session.scalar(select(Unit.name).where(Unit.id == unit_id)) or f"编号为 {unit_id} 的单位"
        if not owing:
            return f"{name}牵头的任务截至{month.label}底均已完成（或未牵头任务），无需督办"
        return f"{name}牵头的未完成任务截至{month.label}底均未亮灯，无需督办；如仍要发出，请选择督办级别"
    if level == AUTO:
        return f"截至{month.label}底没有亮灯的任务，无需督办"
    return f"截至{month.label}底没有应发{NOTICE_LEVEL_LABELS[level]}的单位"


def _office(settings: dict[str, object]) -> Office:
    return Office(
        *(
            str(settings[option.key])
            for option in (OFFICE_NAME, OFFICE_CONTACT, OFFICE_PHONE, NOTICE_SIGNER, NOTICE_PREFIX)
        )
    )


def _plan_title(session: Session, plan_id: int) -> str:
    title = session.scalar(select(Plan.title).where(Plan.id == plan_id))
    if title is None:
        raise EditError(f"没有编号为 {plan_id} 的工作计划")
    return title


def _notice_tasks(session: Session, plan_id: int, month: Month, on: date) -> dict[int, NoticeTask]:
    """Every task of the plan as a notice names it, in plan order: its state
    in M judged on the day `on`. Six queries."""
    sections, nodes = outline(session, plan_id)
    labels = task_labels(sections, nodes)
    states = task_states(session, plan_id, month, on)
    latest = _latest_reports(session, plan_id, month)
    texts = {
        task_id: (requirement, deadline_text)
        for task_id, requirement, deadline_text in session.execute(
            select(Task.id, Task.requirement, Task.deadline_text).where(Task.plan_id == plan_id)
        )
    }
    tasks: dict[int, NoticeTask] = {}
    for node in nodes:
        state = states[node.id]
        requirement, deadline_text = texts[node.id]
        last_month, last_done = latest.get(node.id, (None, ""))
        tasks[node.id] = NoticeTask(
            node.id,
            node.number,
            labels[node.id],
            node.title,
            requirement,
            state.deadline,
            deadline_text,
            state.status,
            state.overdue,
            state.behind,
            state.unreported,
            state.light,
            last_month,
            last_done,
        )
    return tasks


def _leads(session: Session, plan_id: int, unit_id: int | None) -> list[tuple[int, int, str, str, str]]:
    """(task id, unit id, name, contact, phone) of every lead unit of the
    plan's tasks (or of the one unit given), each task's units in their order."""
    query = (
        select(Assignment.task_id, Unit.id, Unit.name, Unit.contact, Unit.phone)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id, Assignment.role == "lead")
        .order_by(Assignment.task_id, Assignment.position, Assignment.id)
    )
    if unit_id is not None:
        query = query.where(Assignment.unit_id == unit_id)
    return [(row[0], row[1], row[2], row[3] or "", row[4] or "") for row in session.execute(query)]


def _latest_reports(session: Session, plan_id: int, month: Month) -> dict[int, tuple[Month, str]]:
    """task id -> (month, done) of its latest entry up to M, for the tasks
    that have one. One query."""
    latest = (
        select(ProgressEntry.task_id, func.max(ProgressEntry.month).label("month"))
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id, ProgressEntry.month <= month)
        .group_by(ProgressEntry.task_id)
        .subquery()
    )
    rows = session.execute(
        select(ProgressEntry.task_id, ProgressEntry.month, ProgressEntry.done).join(
            latest, and_(ProgressEntry.task_id == latest.c.task_id, ProgressEntry.month == latest.c.month)
        )
    )
    return {task_id: (Month(entry_month), done) for task_id, entry_month, done in rows}


# -- the register ----------------------------------------------------------------


@dataclass(frozen=True)
class RegisteredNotice:
    """A notice in the register, as its list shows it."""

    id: int
    plan_id: int
    year: int
    serial: int
    number: str  # 督办〔2016〕第3号
    level: str
    unit_id: int | None  # None once the unit was removed from the registry
    unit_name: str  # as addressed
    month: Month
    issued_at: datetime
    issued_by: str
    reply_due: date | None
    replied_at: date | None
    reply_note: str
    tasks: tuple[str, ...]  # the labels of its tasks, in plan order
    task_ids: tuple[int, ...]

    @property
    def level_label(self) -> str:
        return NOTICE_LEVEL_LABELS[self.level]

    def reply_late(self, today: date) -> bool:
        """No reply, and the date to reply by has passed."""
        return self.replied_at is None and self.reply_due is not None and self.reply_due < today


def register(
    session: Session,
    *,
    plan_id: int | None = None,
    year: int | None = None,
    unit_id: int | None = None,
    task_id: int | None = None,
    month: str | None = None,
) -> list[RegisteredNotice]:
    """The notices issued, newest first (by year, then serial), filtered by
    plan, year of issue, unit, a task they name and the month they report.
    Three queries and one per plan involved."""
    query = select(Notice).order_by(Notice.year.desc(), Notice.serial.desc())
    if plan_id is not None:
        query = query.where(Notice.plan_id == plan_id)
    if year is not None:
        query = query.where(Notice.year == year)
    if unit_id is not None:
        query = query.where(Notice.unit_id == unit_id)
    if month is not None:
        query = query.where(Notice.month == Month(month))
    if task_id is not None:
        query = query.where(Notice.id.in_(select(NoticeTaskRow.notice_id).where(NoticeTaskRow.task_id == task_id)))
    rows = list(session.scalars(query))
    named: defaultdict[int, list[int]] = defaultdict(list)
    if rows:
        for notice_id, named_task in session.execute(
            select(NoticeTaskRow.notice_id, NoticeTaskRow.task_id).where(
                NoticeTaskRow.notice_id.in_([row.id for row in rows])
            )
        ):
            named[notice_id].append(named_task)
    labels, order = _plan_labels(session, {row.plan_id for row in rows})
    prefix = read_settings(session, (NOTICE_PREFIX,))[NOTICE_PREFIX.key]
    result = []
    for row in rows:
        ids = tuple(sorted(named[row.id], key=lambda task: order.get(task, 0)))
        result.append(
            RegisteredNotice(
                row.id,
                row.plan_id,
                row.year,
                row.serial,
                notice_number(prefix, row.year, row.serial),
                row.level,
                row.unit_id,
                row.unit_name,
                Month(row.month),
                row.issued_at,
                row.issued_by,
                row.reply_due,
                row.replied_at,
                row.reply_note,
                tuple(labels.get(task, "") for task in ids),
                ids,
            )
        )
    return result


def _plan_labels(session: Session, plan_ids: Iterable[int]) -> tuple[dict[int, str], dict[int, int]]:
    """task id -> label and task id -> place in its plan, for the plans given."""
    labels: dict[int, str] = {}
    order: dict[int, int] = {}
    for plan_id in plan_ids:
        sections, nodes = outline(session, plan_id)
        labels.update(task_labels(sections, nodes))
        order.update((node.id, index) for index, node in enumerate(nodes))
    return labels, order


def register_years(session: Session) -> list[int]:
    """The years notices were issued in, newest first."""
    return list(session.scalars(select(Notice.year).distinct().order_by(Notice.year.desc())))


def next_serial(session: Session, year: int) -> int:
    """The serial number the next notice issued in `year` gets."""
    return (session.scalar(select(func.max(Notice.serial)).where(Notice.year == year)) or 0) + 1


def registered_notice(session: Session, notice_id: int) -> NoticeData:
    """A registered notice as it is printed: its number, level, unit, tasks
    and dates from the register, the state of its month judged on the day it
    bears, as the ledger holds it now (for a copy of a notice sent)."""
    row = session.get(Notice, notice_id)
    if row is None:
        raise EditError("登记簿中没有这份督办单（可能已撤销）")
    task_ids = set(session.scalars(select(NoticeTaskRow.task_id).where(NoticeTaskRow.notice_id == notice_id)))
    on = row.issued_at.date()
    tasks = _notice_tasks(session, row.plan_id, Month(row.month), on)
    unit = session.get(Unit, row.unit_id) if row.unit_id is not None else None
    settings = read_settings(session, (OFFICE_NAME, OFFICE_CONTACT, OFFICE_PHONE, NOTICE_SIGNER, NOTICE_PREFIX))
    return NoticeData(
        row.unit_id,
        row.unit_name,
        unit.contact if unit is not None else "",
        unit.phone if unit is not None else "",
        row.plan_id,
        _plan_title(session, row.plan_id),
        Month(row.month),
        row.level,
        _office(settings),
        on,
        row.reply_due or on,
        tuple(task for task_id, task in tasks.items() if task_id in task_ids),
        row.serial,
        row.id,
    )

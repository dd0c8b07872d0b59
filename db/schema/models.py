"""The schema, as SQLAlchemy 2 typed models.

Changes to these classes need a migration in db/schema/migrations/versions; a test
compares the migrated schema with this metadata.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.vocabulary import EXTENSION_STATES, NOTICE_LEVELS, STATUSES, VERDICTS

# Alembic's batch mode on SQLite needs every constraint named.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UNIT_KINDS = ("department", "district", "zone", "enterprise", "collective", "other")
ROLES = ("lead", "responsible")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_uuid() -> str:
    """A fresh identifier for a plan or task. Row ids are reused by SQLite after a
    restore; these never are, so whatever leaves the program and comes back (a
    fill-in sheet, a JSON export) names its rows by them."""
    return str(uuid.uuid4())


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("title", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(260), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    # Closed at the year's end: kept for reference and reports, no longer changed.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Reports are collected from the responsible units too, each district of a
    # collective on its own (unit_reports), besides the lead unit's.
    collect_unit_reports: Mapped[bool] = mapped_column(Boolean, default=False)

    sections: Mapped[list[Section]] = relationship(back_populates="plan", cascade="all, delete-orphan")


class Section(Base):
    """A heading of a plan: level 1 `一、…`, level 2 `（一）…` under a level-1
    parent, level 3 `1.` under a level-2 parent."""

    __tablename__ = "sections"
    __table_args__ = (CheckConstraint("level IN (1, 2, 3)", name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    numeral: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)

    plan: Mapped[Plan] = relationship(back_populates="sections")


class Task(Base):
    """A numbered task. Numbers are unique within a plan, or, in a plan whose
    numbering restarts in each section, within the section (the reader checks
    which); so a task is known by its section and number, and by its `uuid`."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    requirement: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_text: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[int] = mapped_column(Integer)
    # The UUID of the task of an earlier plan this one was carried over from
    # (an unfinished task taken into next year's plan).
    carried_from: Mapped[str | None] = mapped_column(String(36), index=True)


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (CheckConstraint(f"kind IN {UNIT_KINDS}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    contact: Mapped[str] = mapped_column(String(100), default="")  # 联系人, printed on notices and 催报 lists
    phone: Mapped[str] = mapped_column(String(50), default="")

    aliases: Mapped[list[UnitAlias]] = relationship(back_populates="unit", cascade="all, delete-orphan")


class UnitAlias(Base):
    __tablename__ = "unit_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)

    unit: Mapped[Unit] = relationship(back_populates="aliases")


class CollectiveMember(Base):
    """`各区人民政府` has the six district governments as members, and so on."""

    __tablename__ = "collective_members"

    collective_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True)


class Assignment(Base):
    """A unit named for a task as lead or responsible.

    `phrase` is the text the unit was read from; `continued` says the cell was
    the lower part of a merged cell, so a person can review the value, and
    `confirmed` that a person did.
    """

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("task_id", "unit_id", "role"),
        CheckConstraint(f"role IN {ROLES}", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    phrase: Mapped[str] = mapped_column(Text, default="")
    continued: Mapped[bool] = mapped_column(default=False)
    # A person confirmed a continued value (it stays marked as continued).
    confirmed: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer)

    unit: Mapped[Unit] = relationship()


class ProgressEntry(Base):
    """One month's report on one task."""

    __tablename__ = "progress_entries"
    __table_args__ = (
        UniqueConstraint("task_id", "month"),
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint("length(month) = 7 AND substr(month, 5, 1) = '-'", name="month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    reporting_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20))
    done: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")

    reporting_unit: Mapped[Unit | None] = relationship()


class UnitReport(Base):
    """A responsible unit's own report on a task for a month, in a plan that
    collects them (Plan.collect_unit_reports): a task given to 各区人民政府 is
    done district by district. The lead unit's report (ProgressEntry) still
    gives the task's status."""

    __tablename__ = "unit_reports"
    __table_args__ = (
        UniqueConstraint("task_id", "unit_id", "month"),
        CheckConstraint(f"status IN {STATUSES}", name="status"),
        CheckConstraint("length(month) = 7 AND substr(month, 5, 1) = '-'", name="month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(20))
    done: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


class Review(Base):
    """The office's verdict on a completion a unit reported: 销号 (signed off:
    who, when, what evidence was checked) or 退回 (returned, with the reason;
    the task is 推进中 again and the unit is told in its next sheet and notice).
    A task reported 已完成 with no verdict since is 待销号."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint(f"verdict IN {VERDICTS}", name="verdict"),
        CheckConstraint("length(month) = 7 AND substr(month, 5, 1) = '-'", name="month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))  # the month of the report reviewed
    verdict: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(Text, default="")  # what was checked (sign-off)
    reason: Mapped[str] = mapped_column(Text, default="")  # why (return)
    by: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime)


class Milestone(Base):
    """A dated stage of a task (节点): 序时进度 is measured against them."""

    __tablename__ = "milestones"
    __table_args__ = (CheckConstraint("share IS NULL OR (share >= 0 AND share <= 1)", name="share"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    due: Mapped[date] = mapped_column(Date)
    due_text: Mapped[str] = mapped_column(String(100), default="")  # as the plan wrote it: 6月底前
    text: Mapped[str] = mapped_column(Text, default="")  # what should be done by then
    share: Mapped[float | None] = mapped_column(Float)  # of the whole task, when the plan says


class Extension(Base):
    """A unit's request for a later deadline (延期申请) and the office's
    decision. An approved one moves the task's deadline; the deadline it
    replaced stays here, so the original is always on record."""

    __tablename__ = "extensions"
    __table_args__ = (CheckConstraint(f"state IN {EXTENSION_STATES}", name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    requested_by: Mapped[str] = mapped_column(String(100), default="")
    new_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="pending")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decision_note: Mapped[str] = mapped_column(Text, default="")
    previous_deadline: Mapped[date | None] = mapped_column(Date)  # set on approval
    previous_deadline_text: Mapped[str] = mapped_column(String(100), default="")


class Notice(Base):
    """A notice issued to a unit (提醒单 / 督办单 / 红色督办单), in the register:
    its serial number within the year (督办〔2016〕第 N 号), the tasks it names,
    the date by which to reply, and the reply when it came."""

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("year", "serial"),
        CheckConstraint(f"level IN {NOTICE_LEVELS}", name="level"),
        CheckConstraint("length(month) = 7 AND substr(month, 5, 1) = '-'", name="month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100))  # as addressed, should the unit be renamed later
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20))
    month: Mapped[str] = mapped_column(String(7))  # the month whose state it reports
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(100), default="")
    reply_due: Mapped[date | None] = mapped_column(Date)
    replied_at: Mapped[date | None] = mapped_column(Date)
    reply_note: Mapped[str] = mapped_column(Text, default="")


class NoticeTask(Base):
    """A task a notice names."""

    __tablename__ = "notice_tasks"

    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True, index=True)


class Setting(Base):
    """Office-wide settings (warning thresholds, office name), shared by every
    PC that opens this database; a PC's own preferences live in QSettings."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HistoryEntry(Base):
    """One change to the ledger: when, who, what (the undo text or the
    command), and every row changed with its old and new values (JSON).

    `task_ids` lists the tasks the change touched as ",12,33," so that a
    task's history is one LIKE query on both databases.
    """

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(Text)
    task_ids: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="[]")

"""One task with everything its form shows: fields, units, their provenance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.queries.labels import heading_label, task_label
from db.queries.ledger import heading_path, restarting
from db.schema.models import Assignment, Plan, Task, Unit, UnitAlias


@dataclass(frozen=True)
class AssignedUnit:
    unit_id: int
    name: str
    phrase: str
    continued: bool
    confirmed: bool


@dataclass(frozen=True)
class TaskDetail:
    id: int
    uuid: str
    plan_id: int
    plan_year: int
    section_id: int
    headings: tuple[str, ...]  # the headings above the task, from the top, as the plan writes them
    number: int
    label: str  # how messages name it: the number, or `二·3` where numbering restarts (db.queries.labels)
    title: str
    requirement: str
    deadline: date | None
    deadline_text: str
    lead: tuple[AssignedUnit, ...]
    responsible: tuple[AssignedUnit, ...]

    def units(self, role: str) -> tuple[AssignedUnit, ...]:
        return self.lead if role == "lead" else self.responsible


def task_detail(session: Session, task_id: int) -> TaskDetail:
    """The task with its units, headings and label, in five queries (columns,
    not ORM objects: a form reads it on every change of its task)."""
    task = session.execute(
        select(
            Task.id,
            Task.uuid,
            Task.plan_id,
            Plan.year,
            Task.section_id,
            Task.number,
            Task.title,
            Task.requirement,
            Task.deadline,
            Task.deadline_text,
        )
        .join(Plan, Plan.id == Task.plan_id)
        .where(Task.id == task_id)
    ).one()
    units: dict[str, list[AssignedUnit]] = {"lead": [], "responsible": []}
    for role, unit_id, name, phrase, continued, confirmed in session.execute(
        select(Assignment.role, Assignment.unit_id, Unit.name)
        .add_columns(Assignment.phrase, Assignment.continued, Assignment.confirmed)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.task_id == task_id)
        .order_by(Assignment.role, Assignment.position)
    ):
        units[role].append(AssignedUnit(unit_id, name, phrase, continued, confirmed))
    path = heading_path(session, task.section_id)
    return TaskDetail(
        id=task.id,
        uuid=task.uuid,
        plan_id=task.plan_id,
        plan_year=task.year,
        section_id=task.section_id,
        headings=tuple(heading_label(s.level, s.numeral, s.title) for s in path if s.numeral or s.title),
        number=task.number,
        label=task_label([s.numeral for s in path], task.number, restarting(session, task.plan_id)),
        title=task.title,
        requirement=task.requirement,
        deadline=task.deadline,
        deadline_text=task.deadline_text,
        lead=tuple(units["lead"]),
        responsible=tuple(units["responsible"]),
    )


def task_exists(session: Session, task_id: int) -> bool:
    """Whether the task is still there (a form showing it follows an undo that removed it). One query."""
    return session.scalar(select(Task.id).where(Task.id == task_id)) is not None


def task_ids_by_uuid(session: Session, uuids: Iterable[str]) -> dict[str, int]:
    """The tasks that still exist among `uuids` (the window's drafts name tasks so)."""
    wanted = list(uuids)
    if not wanted:
        return {}
    return {uuid: task_id for uuid, task_id in session.execute(select(Task.uuid, Task.id).where(Task.uuid.in_(wanted)))}


def unit_lookup(session: Session) -> dict[str, int]:
    """Every canonical name and alias → unit id, for completion and for
    turning what a person typed into a unit."""
    lookup = {name: unit_id for unit_id, name in session.execute(select(Unit.id, Unit.name))}
    for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
        lookup.setdefault(alias, unit_id)
    return lookup

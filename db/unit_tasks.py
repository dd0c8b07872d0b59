"""What one unit owes: the tasks it leads, is named responsible for, or is
reached by through a collective (各区人民政府 reaches 思明区人民政府)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from db.models import Assignment, CollectiveMember, Task, Unit, UnitAlias
from db.plans.units import clean


@dataclass(frozen=True)
class TaskRef:
    task_id: int
    plan_id: int
    number: int
    title: str
    role: str
    via: str | None = None  # the collective's name, for tasks reached through one


@dataclass
class UnitTasks:
    unit: str
    lead: list[TaskRef] = field(default_factory=list)
    responsible: list[TaskRef] = field(default_factory=list)
    via_collective: list[TaskRef] = field(default_factory=list)


def find_unit(session: Session, name: str) -> Unit | None:
    """The unit with this canonical name or alias."""
    key = clean(name)
    unit = session.scalar(select(Unit).where(Unit.name == key))
    if unit is None:
        unit = session.scalar(select(Unit).join(UnitAlias).where(UnitAlias.alias == key))
    return unit


def tasks_of_unit(session: Session, unit_id: int, plan_id: int | None = None) -> UnitTasks:
    unit = session.get_one(Unit, unit_id)
    result = UnitTasks(unit.name)
    plan_filter = [Task.plan_id == plan_id] if plan_id is not None else []

    direct = session.execute(
        select(Task, Assignment.role)
        .join(Assignment, Assignment.task_id == Task.id)
        .where(Assignment.unit_id == unit_id, *plan_filter)
        .order_by(Task.plan_id, Task.number)
    )
    named: set[int] = set()
    for task, role in direct:
        ref = TaskRef(task.id, task.plan_id, task.number, task.title, role)
        (result.lead if role == "lead" else result.responsible).append(ref)
        named.add(task.id)

    collective = aliased(Unit)
    through = session.execute(
        select(Task, Assignment.role, collective.name)
        .join(Assignment, Assignment.task_id == Task.id)
        .join(collective, collective.id == Assignment.unit_id)
        .join(CollectiveMember, CollectiveMember.collective_id == collective.id)
        .where(CollectiveMember.member_id == unit_id, *plan_filter)
        .order_by(Task.plan_id, Task.number, collective.name)
    )
    reached: set[int] = set()
    for task, role, via in through:
        if task.id in named or task.id in reached:
            continue
        reached.add(task.id)
        result.via_collective.append(TaskRef(task.id, task.plan_id, task.number, task.title, role, via))
    return result

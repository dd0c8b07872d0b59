"""What one unit owes: the tasks it leads, is named responsible for, or is
reached by through a collective (各区人民政府 reaches 思明区人民政府)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from db.plans.units import clean
from db.queries.labels import task_labels
from db.queries.ledger import outline
from db.schema.models import Assignment, CollectiveMember, Task, Unit, UnitAlias


@dataclass(frozen=True)
class TaskRef:
    task_id: int
    plan_id: int
    number: int
    label: str  # the number, or with its headings when the plan's numbering restarts (db.queries.labels)
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
    """The unit's tasks (of one plan, or of all), each group in document order."""
    unit = session.get_one(Unit, unit_id)
    result = UnitTasks(unit.name)
    plan_filter = [Task.plan_id == plan_id] if plan_id is not None else []
    columns = (Task.id, Task.plan_id, Task.number, Task.title, Assignment.role)

    direct = session.execute(
        select(*columns)
        .join(Assignment, Assignment.task_id == Task.id)
        .where(Assignment.unit_id == unit_id, *plan_filter)
    ).all()
    collective = aliased(Unit)
    through = session.execute(
        select(*columns, collective.name)
        .join(Assignment, Assignment.task_id == Task.id)
        .join(collective, collective.id == Assignment.unit_id)
        .join(CollectiveMember, CollectiveMember.collective_id == collective.id)
        .where(CollectiveMember.member_id == unit_id, *plan_filter)
        .order_by(collective.name)
    ).all()
    places = _places(session, {row.plan_id for row in (*direct, *through)})

    def ref(row: Any, via: str | None = None) -> TaskRef:
        return TaskRef(row.id, row.plan_id, row.number, places[row.id][1], row.title, row.role, via)

    def in_order(rows: Sequence[Any]) -> list[Any]:  # rows of `columns`
        return sorted(rows, key=lambda row: (row.plan_id, places[row.id][0]))

    for row in in_order(direct):
        (result.lead if row.role == "lead" else result.responsible).append(ref(row))
    named = {row.id for row in direct}
    reached: set[int] = set()
    for row in in_order(through):
        if row.id in named or row.id in reached:
            continue
        reached.add(row.id)
        result.via_collective.append(ref(row, row.name))
    return result


def _places(session: Session, plan_ids: Collection[int]) -> dict[int, tuple[int, str]]:
    """task id -> (its index in document order, its label), for the plans' tasks."""
    places: dict[int, tuple[int, str]] = {}
    for plan_id in plan_ids:
        sections, tasks = outline(session, plan_id)
        labels = task_labels(sections, tasks)
        places.update({task.id: (index, labels[task.id]) for index, task in enumerate(tasks)})
    return places

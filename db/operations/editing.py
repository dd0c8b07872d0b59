"""Editing a plan: tasks, headings, their units, and the confirmation of
continued assignments. Each function is one user action, declared at the end
as the operation that db.operations.runner.perform runs (one transaction,
tracked for undo, recorded in the history)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.operations.runner import Operation
from db.plans.builder import chinese_numeral
from db.queries.labels import MAX_LEVEL
from db.queries.ledger import restarting
from db.schema.models import (
    Assignment,
    Extension,
    Milestone,
    NoticeTask,
    ProgressEntry,
    Review,
    Section,
    Task,
    UnitReport,
)

TASK_FIELDS = ("title", "requirement", "deadline", "deadline_text")


def update_task(session: Session, /, task_id: int, **fields: str | date | None) -> None:
    """Set some of title, requirement, deadline, deadline_text."""
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"not task fields: {sorted(unknown)}")
    if "title" in fields and not str(fields["title"] or "").strip():
        raise EditError("任务名称不能为空")
    task = session.get_one(Task, task_id)
    for name, value in fields.items():
        setattr(task, name, value.strip() if isinstance(value, str) else value)


def edit_task(
    session: Session, /, task_id: int, units: Mapping[str, Sequence[int]] | None = None, **fields: str | date | None
) -> None:
    """Some fields of a task and the units of some roles, in one operation
    (what a person typed in the task form and saves in one step)."""
    if fields:
        update_task(session, task_id, **fields)
    for role, unit_ids in (units or {}).items():
        set_units(session, task_id, role, unit_ids)


def set_units(session: Session, task_id: int, role: str, unit_ids: Sequence[int]) -> None:
    """Make `unit_ids` the task's units in `role`, in this order. Units kept
    keep how they were read; new ones count as written by a person."""
    if len(set(unit_ids)) != len(unit_ids):
        raise EditError("同一单位不能重复列出")
    current = {
        a.unit_id: a
        for a in session.scalars(select(Assignment).where(Assignment.task_id == task_id, Assignment.role == role))
    }
    for unit_id, dropped in current.items():
        if unit_id not in unit_ids:
            session.delete(dropped)
    for position, unit_id in enumerate(unit_ids):
        assignment = current.get(unit_id)
        if assignment is None:
            session.add(Assignment(task_id=task_id, unit_id=unit_id, role=role, phrase="", position=position))
        elif assignment.position != position:
            assignment.position = position


def confirm_units(session: Session, task_id: int, role: str) -> None:
    """A person checked the values carried down from merged cells: mark them confirmed."""
    for assignment in session.scalars(
        select(Assignment).where(Assignment.task_id == task_id, Assignment.role == role, Assignment.continued)
    ):
        assignment.confirmed = True


def add_task(session: Session, section_id: int, title: str, after_task_id: int | None = None) -> int:
    """A new task in a section, after `after_task_id` or at the end; numbered
    after the plan's highest number, or after the section's where the plan's
    numbering restarts in each section."""
    if not title.strip():
        raise EditError("任务名称不能为空")
    section = session.get_one(Section, section_id)
    number = _next_number(session, section)
    siblings = _tasks_of(session, section_id)
    index = len(siblings)
    if after_task_id is not None:
        index = next(i for i, t in enumerate(siblings) if t.id == after_task_id) + 1
    task = Task(plan_id=section.plan_id, section_id=section_id, number=number, title=title.strip(), position=index)
    session.add(task)
    session.flush()
    _renumber_positions([*siblings[:index], task, *siblings[index:]])
    return task.id


def delete_task(session: Session, task_id: int) -> None:
    """Delete a task with its assignments, reports, verdicts, milestones,
    extensions and places in notices (every row that names it)."""
    task = session.get_one(Task, task_id)
    for model in (Assignment, ProgressEntry, UnitReport, Review, Milestone, Extension, NoticeTask):
        for row in session.scalars(select(model).where(model.task_id == task_id)):
            session.delete(row)
    session.flush()  # children first: the database would cascade behind the ORM's back
    section_id = task.section_id
    session.delete(task)
    session.flush()
    _renumber_positions(_tasks_of(session, section_id))


def move_task(session: Session, task_id: int, section_id: int, position: int) -> None:
    """Put a task at `position` among the tasks of `section_id` (any section of
    its plan). Where the plan's numbering restarts in each section and the
    task's number is taken in the new section, it gets the next number there."""
    task = session.get_one(Task, task_id)
    target = session.get_one(Section, section_id)
    if target.plan_id != task.plan_id:
        raise EditError("任务只能在本计划内移动")
    old_section = task.section_id
    siblings = [t for t in _tasks_of(session, section_id) if t.id != task_id]
    position = max(0, min(position, len(siblings)))
    if old_section != section_id and task.number in {t.number for t in siblings} and restarting(session, task.plan_id):
        task.number = _next_number(session, target)  # two tasks of one section never share a number
    task.section_id = section_id
    _renumber_positions([*siblings[:position], task, *siblings[position:]])
    if old_section != section_id:
        _renumber_positions([t for t in _tasks_of(session, old_section) if t.id != task_id])


def add_section(session: Session, plan_id: int, parent_id: int | None, title: str, numeral: str | None = None) -> int:
    """A new heading at the end of the plan (level 1) or of its parent (one
    level below it: `（一）` under `一、`, `1.` under `（一）`), numbered after
    its siblings unless `numeral` is given."""
    if not title.strip():
        raise EditError("标题不能为空")
    level = 1 if parent_id is None else session.get_one(Section, parent_id).level + 1
    if level > MAX_LEVEL:
        raise EditError(f"标题最多 {MAX_LEVEL} 级：三级标题下不能再加标题")
    siblings = _sections_of(session, plan_id, parent_id)
    if numeral is None:
        numeral = chinese_numeral(len(siblings) + 1) if level < MAX_LEVEL else str(len(siblings) + 1)
    section = Section(
        plan_id=plan_id,
        parent_id=parent_id,
        level=level,
        numeral=numeral.strip(),
        title=title.strip(),
        position=len(siblings),
    )
    session.add(section)
    session.flush()
    return section.id


def update_section(session: Session, section_id: int, numeral: str, title: str) -> None:
    if not title.strip():
        raise EditError("标题不能为空")
    section = session.get_one(Section, section_id)
    section.numeral, section.title = numeral.strip(), title.strip()


def delete_section(session: Session, section_id: int) -> None:
    """Delete a heading with the headings under it and all their tasks."""
    section = session.get_one(Section, section_id)
    for sub in _sections_of(session, section.plan_id, section_id):
        delete_section(session, sub.id)
    for task in _tasks_of(session, section_id):
        delete_task(session, task.id)
    plan_id, parent_id = section.plan_id, section.parent_id
    session.delete(section)
    session.flush()
    _renumber_positions(_sections_of(session, plan_id, parent_id))


def move_section(session: Session, section_id: int, offset: int) -> None:
    """Move a heading up (-1) or down (+1) among its siblings."""
    section = session.get_one(Section, section_id)
    siblings = _sections_of(session, section.plan_id, section.parent_id)
    index = siblings.index(section)
    new_index = max(0, min(index + offset, len(siblings) - 1))
    siblings.insert(new_index, siblings.pop(index))
    _renumber_positions(siblings)


def _next_number(session: Session, section: Section) -> int:
    """The number a task added to `section` gets (see add_task)."""
    scope = Task.section_id == section.id if restarting(session, section.plan_id) else Task.plan_id == section.plan_id
    return (session.scalar(select(func.max(Task.number)).where(scope)) or 0) + 1


def _tasks_of(session: Session, section_id: int) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.section_id == section_id).order_by(Task.position, Task.number)))


def _sections_of(session: Session, plan_id: int, parent_id: int | None) -> list[Section]:
    parent = Section.parent_id.is_(None) if parent_id is None else Section.parent_id == parent_id
    return list(session.scalars(select(Section).where(Section.plan_id == plan_id, parent).order_by(Section.position)))


def _renumber_positions(rows: Sequence[Task | Section]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


UPDATE_TASK = Operation(update_task, "修改任务")
EDIT_TASK = Operation(edit_task, "修改任务")
SET_UNITS = Operation(set_units, "修改任务的单位")
CONFIRM_UNITS = Operation(confirm_units, "确认沿用的单位")
ADD_TASK = Operation(add_task, "新建任务")
DELETE_TASK = Operation(delete_task, "删除任务")
MOVE_TASK = Operation(move_task, "移动任务")
ADD_SECTION = Operation(add_section, "新建标题")
UPDATE_SECTION = Operation(update_section, "修改标题")
DELETE_SECTION = Operation(delete_section, "删除标题")
MOVE_SECTION = Operation(move_section, "移动标题")

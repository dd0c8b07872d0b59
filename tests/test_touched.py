"""What a change set means to the views (db/operations/touched.py), read off
real operations on the 2016 ledger, and the same for their undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.operations import editing, registry
from db.operations.changes import ChangeSet, apply
from db.operations.history import recorded
from db.operations.progress import Report, record_progress
from db.operations.touched import Touched, touched
from db.schema.database import Database
from db.schema.models import Task, Unit
from db.settings import set_setting
from tests.conftest import plan_id, task_id


def run(database: Database, operation: Callable[..., Any], *args: Any) -> ChangeSet:
    with database.transaction() as session, recorded(session, "测试") as changes:
        operation(session, *args)
    return changes


def undo(database: Database, changes: ChangeSet) -> ChangeSet:
    inverse = changes.inverse()
    with database.transaction() as session:
        apply(session, inverse)
    return inverse


def test_what_each_operation_means(plan_db: Database) -> None:
    task = task_id(plan_db, 12)
    plan = plan_id(plan_db)

    def edit_title(session: Session) -> None:
        editing.update_task(session, task, title="新的任务名称")

    title = run(plan_db, edit_title)
    assert touched(title) == Touched(plans=frozenset({plan}), tasks=frozenset({task}))
    assert touched(undo(plan_db, title)) == touched(title)

    progress = run(plan_db, record_progress, task, "2016-06", Report("in_progress", done="已推进"))
    assert touched(progress) == Touched(statuses=frozenset({task}))
    assert not touched(progress).structure

    with plan_db.session() as session:
        section_id = session.scalar(select(Task.section_id).where(Task.id == task))
        unit_ids = list(session.scalars(select(Unit.id).order_by(Unit.id).limit(2)))
    added = run(plan_db, editing.add_task, section_id, "新增的任务", task)
    meaning = touched(added)
    assert meaning.structure and meaning.plans == frozenset({plan})
    assert touched(undo(plan_db, added)).structure

    with plan_db.session() as session:  # the last task of the first heading that has several, to its top
        crowded = session.scalar(select(Task.section_id).group_by(Task.section_id).having(func.count() > 1).limit(1))
        last = session.scalars(select(Task.id).where(Task.section_id == crowded).order_by(Task.position.desc())).first()
    assert crowded is not None and last is not None
    moved = run(plan_db, editing.move_task, last, crowded, 0)
    assert touched(moved).structure

    units = run(plan_db, editing.set_units, task, "lead", unit_ids)
    assert touched(units) == Touched(assignments=frozenset({task}))
    assert touched(units).task_ids() == {task}

    renamed = run(plan_db, registry.rename_unit, unit_ids[0], "改名后的单位")
    assert touched(renamed).registry and not touched(renamed).structure

    setting = run(plan_db, set_setting, "office_name", "厦门市政务公开办")
    assert touched(setting) == Touched(settings=frozenset({"office_name"}))


def test_nothing_changed_means_nothing() -> None:
    assert not touched(ChangeSet())
    assert not Touched()

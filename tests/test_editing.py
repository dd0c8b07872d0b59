"""Every editing action changes the database as meant, and its change set
undoes and redoes it exactly (compared row by row over all tables)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.operations import editing
from db.operations import registry as registry_editing
from db.operations.changes import apply, tracking
from db.operations.editing import EditError
from db.operations.progress import Report, delete_progress, record_progress
from db.queries.unit_tasks import find_unit, tasks_of_unit
from db.schema.database import Database
from db.schema.models import Assignment, Section, Task, Unit, UnitAlias
from tests.conftest import dump


def task_id(session: Session, number: int) -> int:
    return session.scalar(select(Task.id).where(Task.number == number))


def unit_id(session: Session, name: str) -> int:
    return find_unit(session, name).id


def section_id(session: Session, title: str) -> int:
    return session.scalar(select(Section.id).where(Section.title == title).order_by(Section.id))


ACTIONS: dict[str, Callable[[Session], object]] = {
    "update task": lambda s: editing.update_task(
        s, task_id(s, 1), title="新标题", requirement="新要求", deadline=date(2016, 6, 30), deadline_text="6月底"
    ),
    "set lead units": lambda s: editing.set_units(
        s, task_id(s, 4), "lead", [unit_id(s, "市编办"), unit_id(s, "市环保局")]
    ),
    "remove and reorder units": lambda s: editing.set_units(
        s, task_id(s, 32), "responsible", [unit_id(s, "市政集团"), unit_id(s, "市卫计委")]
    ),
    "confirm continued": lambda s: editing.confirm_units(s, task_id(s, 2), "responsible"),
    "add task": lambda s: editing.add_task(s, section_id(s, "推进市场监管公开透明"), "新任务", task_id(s, 4)),
    "delete task with progress": lambda s: editing.delete_task(s, task_id(s, 5)),
    "move task to another section": lambda s: editing.move_task(s, task_id(s, 1), section_id(s, "推进政务服务公开"), 1),
    "add section": lambda s: editing.add_section(s, 1, None, "新的部分"),
    "rename section": lambda s: editing.update_section(s, section_id(s, "推进政务服务公开"), "三", "改名"),
    "delete section with tasks": lambda s: editing.delete_section(s, section_id(s, "围绕民生改善推进公开")),
    "move section": lambda s: editing.move_section(s, section_id(s, "推进政务服务公开"), -2),
    "record progress": lambda s: record_progress(s, task_id(s, 1), "2016-06", Report("completed", done="完成")),
    "delete progress": lambda s: delete_progress(s, task_id(s, 5), "2016-05"),
    "add unit": lambda s: registry_editing.add_unit(s, "市新设局", "department"),
    "rename unit": lambda s: registry_editing.rename_unit(s, unit_id(s, "市环保局"), "市生态环境局"),
    "set aliases": lambda s: registry_editing.set_aliases(s, unit_id(s, "市编办"), ["市委编办", "编办"]),
    "set kind": lambda s: registry_editing.set_kind(s, unit_id(s, "市政集团"), "other"),
    "set members": lambda s: registry_editing.set_members(
        s, unit_id(s, "各行业主管部门"), [unit_id(s, "市环保局"), unit_id(s, "市教育局")]
    ),
    "merge units": lambda s: registry_editing.merge_units(s, unit_id(s, "市地税局"), unit_id(s, "市财政局")),
}


@pytest.fixture
def ledger(plan_db: Database) -> Database:
    """The 2016 plan with a progress entry on task 5."""
    with plan_db.transaction() as session:
        record_progress(session, task_id(session, 5), "2016-05", Report("in_progress", done="进行中"))
    return plan_db


@pytest.mark.parametrize("name", list(ACTIONS))
def test_action_undo_redo(ledger: Database, name: str) -> None:
    before = dump(ledger.path)
    with ledger.transaction() as session, tracking(session) as changes:
        ACTIONS[name](session)
    after = dump(ledger.path)
    assert changes, "the action changed nothing"
    assert after != before
    with ledger.transaction() as session:
        apply(session, changes.inverse())
    assert dump(ledger.path) == before
    with ledger.transaction() as session:
        apply(session, changes)
    assert dump(ledger.path) == after


def test_update_task_is_saved(ledger: Database) -> None:
    with ledger.transaction() as session:
        ACTIONS["update task"](session)
    with ledger.session() as session:
        task = session.get(Task, task_id(session, 1))
        assert (task.title, task.requirement, task.deadline) == ("新标题", "新要求", date(2016, 6, 30))


def test_merge_moves_assignments_and_keeps_the_name_as_alias(ledger: Database) -> None:
    with ledger.transaction() as session:
        ACTIONS["merge units"](session)
    with ledger.session() as session:
        finance = find_unit(session, "市地税局")
        assert finance.name == "市财政局"
        assert [ref.number for ref in tasks_of_unit(session, finance.id).lead] == [14, 16, 17, 18, 19, 20, 45, 46]
        assert session.scalar(select(Unit).where(Unit.name == "市地税局")) is None


def test_rename_keeps_the_old_name_as_alias(ledger: Database) -> None:
    with ledger.transaction() as session:
        ACTIONS["rename unit"](session)
    with ledger.session() as session:
        assert find_unit(session, "市环保局").name == "市生态环境局"
        assert session.scalar(select(UnitAlias.alias).where(UnitAlias.alias == "市环保局")) == "市环保局"


def test_added_task_is_numbered_after_the_last_and_placed(ledger: Database) -> None:
    with ledger.transaction() as session:
        new_id = ACTIONS["add task"](session)
    with ledger.session() as session:
        section = section_id(session, "推进市场监管公开透明")
        order = session.scalars(select(Task.number).where(Task.section_id == section).order_by(Task.position)).all()
        assert session.get(Task, new_id).number == 67
        assert order == [4, 67, 5, 6, 7]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s: editing.update_task(s, task_id(s, 1), title="  "), "不能为空"),
        (lambda s: registry_editing.add_unit(s, "市政园林局"), "已是单位“市市政园林局”"),
        (lambda s: registry_editing.rename_unit(s, unit_id(s, "市环保局"), "市财政局"), "已是单位"),
        (lambda s: registry_editing.merge_units(s, unit_id(s, "各区人民政府"), unit_id(s, "市财政局")), "统称"),
        (lambda s: registry_editing.set_members(s, unit_id(s, "市财政局"), [unit_id(s, "市环保局")]), "不是统称"),
        (lambda s: editing.set_units(s, task_id(s, 1), "lead", [unit_id(s, "市编办")] * 2), "重复"),
    ],
)
def test_refused_edits_change_nothing(ledger: Database, action: Callable[[Session], object], message: str) -> None:
    before = dump(ledger.path)
    with pytest.raises(EditError, match=message), ledger.transaction() as session:
        action(session)
    assert dump(ledger.path) == before


def test_new_headings_are_numbered_after_their_siblings(ledger: Database) -> None:
    with ledger.transaction() as session:
        section = editing.add_section(session, 1, None, "新的部分")
        sub = editing.add_section(session, 1, section_id(session, "围绕深化改革推进公开"), "新的小节")
    with ledger.session() as session:
        assert (session.get(Section, section).numeral, session.get(Section, sub).numeral) == ("七", "四")


def test_chinese_numerals() -> None:
    from db.plans.builder import chinese_numeral

    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 24, 99)] == ["一", "十", "十一", "二十", "二十四", "九十九"]


def test_new_assignments_count_as_written(ledger: Database) -> None:
    with ledger.transaction() as session:
        ACTIONS["set lead units"](session)
    with ledger.session() as session:
        rows = session.scalars(
            select(Assignment).where(Assignment.task_id == task_id(session, 4), Assignment.role == "lead")
        )
        assert [(a.unit.name, a.continued, a.position) for a in rows] == [("市编办", False, 0), ("市环保局", False, 1)]


# -- three levels of headings, numbers restarting in each section --------------------


def labelled(session: Session) -> dict[str, int]:
    """label -> task id, in the plan of tests/three_levels.py."""
    from db.queries.ledger import labels

    return {label: task for task, label in labels(session, session.scalar(select(Task.plan_id))).items()}


LEVEL_ACTIONS: dict[str, Callable[[Session], object]] = {
    "add a level-3 heading": lambda s: editing.add_section(s, 1, section_id(s, "推进政策解读"), "新的三级标题"),
    "add a task where numbers restart": lambda s: editing.add_task(s, section_id(s, "完善公众参与机制"), "新任务"),
    "move a task onto a taken number": lambda s: editing.move_task(
        s, labelled(s)["一·一·1·1"], section_id(s, "推进政策解读"), 0
    ),
    "delete a level-1 heading": lambda s: editing.delete_section(s, section_id(s, "推进决策公开")),
}


@pytest.mark.parametrize("name", list(LEVEL_ACTIONS))
def test_level_actions_undo_redo(levels_db: Database, name: str) -> None:
    before = dump(levels_db.path)
    with levels_db.transaction() as session, tracking(session) as changes:
        LEVEL_ACTIONS[name](session)
    after = dump(levels_db.path)
    assert changes and after != before
    with levels_db.transaction() as session:
        apply(session, changes.inverse())
    assert dump(levels_db.path) == before
    with levels_db.transaction() as session:
        apply(session, changes)
    assert dump(levels_db.path) == after


def test_a_heading_under_a_subsection_is_level_3_and_numbered_in_figures(levels_db: Database) -> None:
    with levels_db.transaction() as session:
        first = editing.add_section(session, 1, section_id(session, "推进政策解读"), "新的三级标题")
        third = editing.add_section(session, 1, section_id(session, "深化重大决策预公开"), "又一个三级标题")
    with levels_db.session() as session:
        assert [(s.level, s.numeral) for s in (session.get(Section, first), session.get(Section, third))] == [
            (3, "1"),
            (3, "3"),
        ]
    before = dump(levels_db.path)
    with pytest.raises(EditError, match="最多 3 级"), levels_db.transaction() as session:
        editing.add_section(session, 1, first, "第四级")
    assert dump(levels_db.path) == before


def test_new_task_numbered_in_its_section_where_numbers_restart(levels_db: Database) -> None:
    from db.queries.ledger import labels

    with levels_db.transaction() as session:
        new_id = editing.add_task(session, section_id(session, "完善公众参与机制"), "新任务")
        empty = editing.add_section(session, 1, section_id(session, "推进政策解读"), "新的三级标题")
        first_id = editing.add_task(session, empty, "空标题下的第一项")
    with levels_db.session() as session:
        the_labels = labels(session, session.get_one(Task, new_id).plan_id)
    assert (the_labels[new_id], the_labels[first_id]) == ("一·一·1·3", "一·二·1·1")


def test_new_task_numbered_through_the_plan_where_numbers_run_through(empty_db: Database) -> None:
    from tests.three_levels import store, three_level_plan

    store(empty_db, three_level_plan(restart=False))
    with empty_db.transaction() as session:
        new_id = editing.add_task(session, section_id(session, "完善公众参与机制"), "新任务")
    with empty_db.session() as session:
        assert session.get_one(Task, new_id).number == 9


def test_a_moved_task_takes_the_next_number_only_where_its_own_is_taken(levels_db: Database) -> None:
    from db.queries.ledger import labels

    with levels_db.transaction() as session:
        ids = labelled(session)
        editing.move_task(session, ids["一·一·1·1"], section_id(session, "推进政策解读"), 0)  # 1 is taken there
        editing.move_task(session, ids["一·一·1·2"], section_id(session, "做好决策解读"), 5)  # 2 is free there
        editing.move_task(session, ids["二·一·1·2"], section_id(session, "整合网站栏目"), 0)  # within its section
    with levels_db.session() as session:
        the_labels = labels(session, session.get_one(Task, ids["一·二·1"]).plan_id)
        order = session.scalars(
            select(Task.number).where(Task.section_id == section_id(session, "推进政策解读")).order_by(Task.position)
        ).all()
    assert the_labels[ids["一·一·1·1"]] == "一·二·3" and order == [3, 1, 2]
    assert the_labels[ids["一·一·1·2"]] == "一·一·2·2"
    assert the_labels[ids["二·一·1·2"]] == "二·一·1·2"

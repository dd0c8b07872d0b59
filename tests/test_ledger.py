"""The read-side queries of the views and reports, on the bundled 2016 plan."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from db.operations.progress import Report, record_progress
from db.queries.ledger import (
    PlanInfo,
    TaskUnits,
    month_entries,
    outline,
    plans,
    search_tasks,
    tasks_by_unit,
    unit_names,
    units,
)
from db.queries.unit_tasks import find_unit, tasks_of_unit
from db.schema.database import Database
from db.schema.models import UNIT_KINDS, Assignment, Plan, Section, Task, Unit
from tests.conftest import counting, plan_id

DISTRICTS = ("思明区人民政府", "湖里区人民政府", "集美区人民政府", "海沧区人民政府", "同安区人民政府", "翔安区人民政府")


def ids(database: Database, *numbers: int) -> set[int]:
    with database.session() as session:
        return set(session.scalars(select(Task.id).where(Task.number.in_(numbers))))


def numbers(database: Database, task_ids: set[int]) -> set[int]:
    with database.session() as session:
        return set(session.scalars(select(Task.number).where(Task.id.in_(task_ids))))


def search(database: Database, text: str) -> set[int]:
    with database.session() as session:
        return numbers(database, search_tasks(session, plan_id(database), text))


def unit_id(database: Database, name: str) -> int:
    with database.session() as session:
        unit = find_unit(session, name)
        assert unit is not None
        return unit.id


# --- plans and outline -----------------------------------------------------------------


def test_plans_by_year(plan_db: Database) -> None:
    with plan_db.transaction() as session:
        session.add(Plan(title="厦门市2015年政务公开工作要点", year=2015, imported_at=datetime.now()))
    with plan_db.session() as session:
        result = plans(session)
    assert [(p.title, p.year) for p in result] == [
        ("厦门市2015年政务公开工作要点", 2015),
        ("厦门市2016年政务公开工作主要任务责任分工", 2016),
    ]
    assert isinstance(result[0], PlanInfo)


def test_outline_of_the_2016_plan(plan_db: Database) -> None:
    with plan_db.session() as session:
        sections, tasks = outline(session, plan_id(plan_db))

    top = [s for s in sections if s.level == 1]
    assert [s.numeral for s in top] == ["一", "二", "三", "四", "五", "六"]
    assert sum(1 for s in sections if s.level == 2) == 24
    assert all(s.parent_id is None for s in top)
    # Document order: every section before its subsections, which follow in order.
    seen: set[int] = set()
    for section in sections:
        assert section.parent_id is None or section.parent_id in seen
        seen.add(section.id)
    first = [s for s in sections if s.parent_id == top[0].id]
    assert [s.numeral for s in first] == ["一", "二", "三"]
    assert first[0].title == "进一步推进权力清单和责任清单公开"

    assert [t.number for t in tasks] == list(range(1, 67))
    assert {t.section_id for t in tasks} <= seen
    by_section: dict[int, list[int]] = {}
    for task in tasks:
        by_section.setdefault(task.section_id, []).append(task.position)
    assert all(positions == sorted(positions) for positions in by_section.values())
    assert tasks[31].title == "加大空气质量预测预报信息公开力度"


def test_outline_follows_positions_not_ids(plan_db: Database) -> None:
    """Sections moved by the user keep their ids: the order is by position."""
    pid = plan_id(plan_db)
    with plan_db.transaction() as session:
        top = session.scalars(select(Section).where(Section.level == 1).order_by(Section.position)).all()
        top[0].position, top[1].position = 1, 0
    with plan_db.session() as session:
        sections, tasks = outline(session, pid)
    assert [s.numeral for s in sections if s.level == 1][:2] == ["二", "一"]
    assert [t.number for t in tasks][:3] == [11, 12, 13]


def test_outline_of_another_plan_is_empty(plan_db: Database) -> None:
    with plan_db.session() as session:
        assert outline(session, 999) == ([], [])


# --- search ----------------------------------------------------------------------------


def test_search_by_title_requirement_and_deadline_text(plan_db: Database) -> None:
    assert search(plan_db, "权力清单") == {1, 2}
    assert search(plan_db, "  空气质量 ") == {32}  # title and requirement, stripped
    assert search(plan_db, "集中展示") == {1}  # only in the requirement of task 1
    assert search(plan_db, "ppp") == search(plan_db, "PPP") == {14}  # Latin letters in either case
    with plan_db.transaction() as session:
        session.scalars(select(Task).where(Task.number == 5)).one().deadline_text = "2016年6月底"
    assert search(plan_db, "6月底") == {5}


def test_search_by_unit_name_and_alias(plan_db: Database) -> None:
    assert search(plan_db, "市环保局") == {32, 33, 34, 35, 41}
    assert search(plan_db, "市环境保护局") == {32, 33, 34, 35, 41}  # an alias of 市环保局
    assert search(plan_db, "市政园林局") == {32, 33}  # 市市政园林局 and its alias
    assert search(plan_db, "市审改办") == {1, 2, 3}  # alias only: the plan writes 市编办


def test_search_by_progress_text(plan_db: Database) -> None:
    with plan_db.transaction() as session:
        (seven,) = ids(plan_db, 7)
        (nine,) = ids(plan_db, 9)
        record_progress(session, seven, "2016-02", Report("in_progress", done="已上线信用平台"))
        record_progress(session, nine, "2016-05", Report("in_progress", problems="经费不足"))
        record_progress(session, nine, "2016-06", Report("in_progress", next_steps="召开推进会"))
        record_progress(session, seven, "2016-06", Report("in_progress", evidence="http://xm.gov.cn/XYZ"))
    assert search(plan_db, "信用平台") == {7}
    assert search(plan_db, "经费不足") == {9}
    assert search(plan_db, "推进会") == {9}
    assert search(plan_db, "xm.gov.cn/xyz") == {7}


def test_search_takes_percent_and_underscore_literally(plan_db: Database) -> None:
    with plan_db.transaction() as session:
        (ten,) = ids(plan_db, 10)
        (eleven,) = ids(plan_db, 11)
        record_progress(session, ten, "2016-03", Report("in_progress", done="完成率100%"))
        record_progress(session, eleven, "2016-03", Report("in_progress", evidence="doc_2016 a\\b"))
    assert search(plan_db, "100%") == {10}
    assert search(plan_db, "%") == {10}
    assert search(plan_db, "0%") == {10}
    assert search(plan_db, "率%") == set()
    assert search(plan_db, "_") == {11}
    assert search(plan_db, "c_2") == {11}
    assert search(plan_db, "doc%2016") == set()
    assert search(plan_db, "a\\b") == {11}


def test_search_with_empty_text_finds_every_task_of_plan_id(plan_db: Database) -> None:
    assert search(plan_db, "") == set(range(1, 67))
    assert search(plan_db, " \u3000 ") == set(range(1, 67))
    assert search(plan_db, "没有这个词") == set()


def test_search_stays_in_its_plan(plan_db: Database) -> None:
    pid = plan_id(plan_db)
    with plan_db.transaction() as session:
        other = Plan(title="另一个计划", year=2017, imported_at=datetime.now())
        session.add(other)
        session.flush()
        section = Section(plan_id=other.id, level=1, numeral="一", title="权力清单", position=0)
        session.add(section)
        session.flush()
        task = Task(plan_id=other.id, section_id=section.id, number=1, title="权力清单再公开", position=0)
        session.add(task)
        session.flush()
        session.add(Assignment(task_id=task.id, unit_id=unit_id(plan_db, "市环保局"), role="lead", position=0))
        other_id, other_task = other.id, task.id
    with plan_db.session() as session:
        assert numbers(plan_db, search_tasks(session, pid, "权力清单")) == {1, 2}
        assert search_tasks(session, other_id, "权力清单") == {other_task}
        assert search_tasks(session, other_id, "市环保局") == {other_task}
        assert search_tasks(session, other_id, "") == {other_task}


def test_search_is_one_query(plan_db: Database) -> None:
    pid = plan_id(plan_db)
    with plan_db.session() as session, counting(plan_db.engine) as statements:
        search_tasks(session, pid, "市环保局")
    assert len(statements) == 1


# --- units -----------------------------------------------------------------------------


def test_unit_names(plan_db: Database) -> None:
    with plan_db.session() as session:
        names = unit_names(session, plan_id(plan_db))
    by_number = {number: names[task_id] for number in (1, 4, 11, 32) for task_id in ids(plan_db, number)}
    assert by_number[32] == (
        ("市环保局",),
        ("市卫计委", "市建设局", "市水利局", "市市政园林局", "市国资委", "市政集团"),
    )
    assert by_number[11] == (("市发改委", "市经信局"), ("各区人民政府", "市直各委、办、局", "各开发区管委会"))
    assert by_number[4][0] == ()  # no lead unit named
    assert len(names) == 66


def test_tasks_by_unit(plan_db: Database) -> None:
    with plan_db.session() as session:
        result = tasks_by_unit(session, plan_id(plan_db))
    environment = result[unit_id(plan_db, "市环保局")]
    assert numbers(plan_db, set(environment.lead)) == {32, 33, 34, 35}
    assert numbers(plan_db, set(environment.named)) == {41}
    # Reached through 市直各委、办、局 and 市直各相关部门, but never again for a task naming it.
    assert environment.via and not environment.via & (environment.lead | environment.named)

    siming = result[unit_id(plan_db, "思明区人民政府")]
    assert siming.lead == siming.named == frozenset()
    assert numbers(plan_db, set(siming.via)) == set(range(1, 67)) - {10, 12, 15, 32, 33, 41}
    collective = result[unit_id(plan_db, "各区人民政府")]
    assert collective.named == siming.via and collective.via == frozenset()

    with plan_db.session() as session:
        assert set(result) == set(session.scalars(select(Unit.id)))
    assert result[unit_id(plan_db, "集美台商投资区管委会")] != TaskUnits(frozenset(), frozenset(), frozenset())


def test_tasks_by_unit_agrees_with_tasks_of_unit(plan_db: Database) -> None:
    pid = plan_id(plan_db)
    with plan_db.transaction() as session:  # a district also named directly: not counted again as via
        (one,) = ids(plan_db, 1)
        session.add(Assignment(task_id=one, unit_id=unit_id(plan_db, "湖里区人民政府"), role="responsible", position=9))
    with plan_db.session() as session:
        result = tasks_by_unit(session, pid)
        for uid, groups in result.items():
            single = tasks_of_unit(session, uid, pid)
            lead = {ref.task_id for ref in single.lead}
            assert groups.lead == lead
            assert groups.named == {ref.task_id for ref in single.responsible} - lead
            assert groups.via == {ref.task_id for ref in single.via_collective}
    huli = result[unit_id(plan_db, "湖里区人民政府")]
    assert one in huli.named and one not in huli.via


def test_tasks_by_unit_lists_units_without_tasks(empty_db: Database) -> None:
    with empty_db.session() as session:
        result = tasks_by_unit(session, 1)
        assert len(result) == len(session.scalars(select(Unit.id)).all())
    assert all(groups == TaskUnits(frozenset(), frozenset(), frozenset()) for groups in result.values())


def test_units_registry(plan_db: Database) -> None:
    with plan_db.session() as session:
        registry = units(session)
        assert len(registry) == len(session.scalars(select(Unit.id)).all())
    kinds = [u.kind for u in registry]
    assert kinds == sorted(kinds, key=UNIT_KINDS.index)
    for kind in set(kinds):
        names = [u.name for u in registry if u.kind == kind]
        assert names == sorted(names)
    by_name = {u.name: u for u in registry}
    name_of = {u.id: u.name for u in registry}
    districts = by_name["各区人民政府"]
    assert districts.kind == "collective"
    assert [name_of[m] for m in districts.members] == sorted(DISTRICTS)
    assert districts.aliases == ("各区政府",)
    assert by_name["市编办"].aliases == ("市审改办", "市委编办")
    assert by_name["市编办"].members == ()


def test_ledger_queries_are_few(plan_db: Database) -> None:
    pid = plan_id(plan_db)
    with plan_db.session() as session, counting(plan_db.engine) as statements:
        plans(session)
        outline(session, pid)
        unit_names(session, pid)
        tasks_by_unit(session, pid)
        units(session)
        month_entries(session, None, "2016-03")
    assert len(statements) == 1 + 2 + 1 + 3 + 3 + 1


# --- month entries ---------------------------------------------------------------------


def test_month_entries(plan_db: Database) -> None:
    (one,), (two,), (three,) = ids(plan_db, 1), ids(plan_db, 2), ids(plan_db, 3)
    with plan_db.transaction() as session:
        record_progress(session, one, "2016-03", Report("in_progress", done="一月", reporting_unit_id=1), by="张三")
        record_progress(session, two, "2016-03", Report("completed", evidence="厦府〔2016〕1号"))
        record_progress(session, three, "2016-04", Report("ongoing"))
        record_progress(session, one, "2016-04", Report("completed"))

    with plan_db.session() as session:
        march = month_entries(session, None, "2016-03")
        some = month_entries(session, [one, three], "2016-03")
        many = month_entries(session, range(1, 2000), "2016-04")  # more ids than an IN list takes
        assert month_entries(session, [], "2016-03") == {}
        assert not session.identity_map  # the caller's session is left as it was
    # Read after the session has closed.
    assert set(march) == {one, two}
    assert (march[one].status, march[one].done, march[one].recorded_by) == ("in_progress", "一月", "张三")
    assert march[one].reporting_unit_id == 1 and march[one].month == "2016-03"
    assert isinstance(march[one].recorded_at, datetime)
    assert march[two].evidence == "厦府〔2016〕1号"
    assert set(some) == {one}
    assert {k: v.status for k, v in many.items()} == {one: "completed", three: "ongoing"}
    with plan_db.session() as session, pytest.raises(ValueError):
        month_entries(session, None, "2016/03")

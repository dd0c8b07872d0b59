"""Three levels of headings and task numbers that restart in each section,
from storing a read plan to every query the views stand on: real databases
holding the hand-made plan of tests/three_levels.py."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from db.errors import InputError
from db.operations.import_plan import import_plan
from db.plans.leads import parsed_labels
from db.plans.model import ParsedTask
from db.queries.labels import heading_label, restarts, task_label
from db.queries.ledger import labels, outline, restarting, search_tasks, tasks_by_unit
from db.queries.status import task_states
from db.queries.task_detail import task_detail
from db.queries.task_filter import Criteria, filter_tasks
from db.queries.unit_tasks import find_unit, tasks_of_unit
from db.schema.database import Database
from db.schema.models import Section
from tests.conftest import file_digest
from tests.three_levels import LABELS, TITLES, plan_id, store, three_level_plan


def task_ids(database: Database) -> dict[str, int]:
    """label -> task id."""
    with database.session() as session:
        return {label: task_id for task_id, label in labels(session, plan_id(database)).items()}


def test_labels_and_headings_are_written_as_the_plan_writes_them() -> None:
    assert heading_label(1, "一", "推进决策公开") == "一、推进决策公开"
    assert heading_label(2, "二", "推进政策解读") == "（二）推进政策解读"
    assert heading_label(3, "1", "完善公众参与机制") == "1. 完善公众参与机制"
    assert heading_label(1, "", "未分部分的任务") == "未分部分的任务"
    assert task_label(("一", "二"), 3, restarting=True) == "一·二·3"
    assert task_label(("", "二"), 3, restarting=True) == "二·3"
    assert task_label(("一", "二"), 3, restarting=False) == "3"
    assert restarts([1, 2, 1]) and not restarts([1, 2, 3])


def test_three_levels_are_stored_with_their_parents_and_positions(levels_db: Database) -> None:
    with levels_db.session() as session:
        rows = session.execute(
            select(Section.id, Section.parent_id, Section.level, Section.numeral, Section.title, Section.position)
        ).all()
    by_id = {row.id: row for row in rows}

    def path(row: object) -> tuple[str, ...]:
        return (*path(by_id[row.parent_id]), row.title) if row.parent_id else (row.title,)  # type: ignore[attr-defined]

    stored = {(row.level, path(row), row.numeral, row.position) for row in rows}
    assert stored == {
        (1, ("推进决策公开",), "一", 0),
        (1, ("加强平台建设",), "二", 1),
        (2, ("加强平台建设", "优化政府网站"), "一", 0),
        (2, ("推进决策公开", "推进政策解读"), "二", 1),
        (2, ("推进决策公开", "深化重大决策预公开"), "一", 0),
        (3, ("加强平台建设", "优化政府网站", "整合网站栏目"), "1", 0),
        (3, ("推进决策公开", "深化重大决策预公开", "做好决策解读"), "2", 1),
        (3, ("推进决策公开", "深化重大决策预公开", "完善公众参与机制"), "1", 0),
    }
    assert all(by_id[row.parent_id].level == row.level - 1 for row in rows if row.parent_id)


def test_import_writes_one_flush_per_level_and_reports_labels(empty_db: Database) -> None:
    flushes = []
    with empty_db.transaction() as session:
        event.listen(session, "after_flush", lambda *_: flushes.append(1))
        report = import_plan(session, three_level_plan())
    # the plan, three levels of headings, the tasks with the new units, the assignments
    assert len(flushes) == 6
    assert report.headings == (2, 3, 3)
    assert (report.sections, report.subsections, report.tasks) == (2, 3, 8)
    assert report.no_lead == ["一·二·2"]
    assert [(item.task_label, item.role, item.unit) for item in report.continued] == [("二·一·1·2", "lead", "区数据局")]


def test_a_plan_numbered_through_keeps_plain_numbers(empty_db: Database) -> None:
    store(empty_db, three_level_plan(restart=False))
    with empty_db.session() as session:
        the_plan = plan_id(empty_db)
        assert not restarting(session, the_plan)
        assert sorted(labels(session, the_plan).values(), key=int) == [str(n) for n in range(1, 9)]


def test_a_number_twice_in_one_section_is_refused_and_nothing_written(empty_db: Database) -> None:
    plan = three_level_plan()
    section = plan.sections[0].sections[1]
    section.tasks.append(ParsedTask(2, "重复编号的任务", where="第 30 行"))
    before = file_digest(empty_db.path)
    with pytest.raises(InputError) as error, empty_db.transaction() as session:
        import_plan(session, plan)
    assert "（二）推进政策解读" in str(error.value) and "编号 2" in str(error.value) and "第 30 行" in str(error.value)
    assert "three-levels.docx" in str(error.value)
    assert file_digest(empty_db.path) == before


def test_parsed_labels_are_those_of_the_stored_plan(levels_db: Database) -> None:
    plan = three_level_plan()
    assert list(parsed_labels(plan).values()) == LABELS
    with levels_db.session() as session:
        _sections, tasks = outline(session, plan_id(levels_db))
        assert [labels(session, plan_id(levels_db))[task.id] for task in tasks] == LABELS


def test_outline_is_in_document_order_at_every_depth(levels_db: Database) -> None:
    with levels_db.session() as session:
        sections, tasks = outline(session, plan_id(levels_db))
    assert [heading_label(s.level, s.numeral, s.title) for s in sections] == [
        "一、推进决策公开",
        "（一）深化重大决策预公开",
        "1. 完善公众参与机制",
        "2. 做好决策解读",
        "（二）推进政策解读",
        "二、加强平台建设",
        "（一）优化政府网站",
        "1. 整合网站栏目",
    ]
    assert [task.title for task in tasks] == TITLES  # 二's own task before its subsection's


def test_task_detail_has_its_heading_path_and_label(levels_db: Database) -> None:
    with levels_db.session() as session:
        detail = task_detail(session, task_ids(levels_db)["一·一·2·1"])
    assert detail.headings == ("一、推进决策公开", "（一）深化重大决策预公开", "2. 做好决策解读")
    assert (detail.number, detail.label, detail.title) == (1, "一·一·2·1", "同步发布政策解读材料")


def test_unit_tasks_are_labelled_and_in_document_order(levels_db: Database) -> None:
    with levels_db.session() as session:
        office = find_unit(session, "区政府办公室").id
        result = tasks_of_unit(session, office, plan_id(levels_db))
        by_unit = tasks_by_unit(session, plan_id(levels_db))[office]
    assert [ref.label for ref in result.lead] == ["一·一·1·1", "一·二·1"]
    assert [ref.label for ref in result.responsible] == ["二·一·1·2"]
    assert {ref.task_id for ref in result.lead} == set(by_unit.lead)


def test_search_and_filters_reach_tasks_at_every_depth(levels_db: Database) -> None:
    ids = task_ids(levels_db)
    with levels_db.session() as session:
        the_plan = plan_id(levels_db)
        assert search_tasks(session, the_plan, "网站") == {ids["二·一·1·1"], ids["二·一·1·2"]}
        states = task_states(session, the_plan, "2021-06")
        by_unit = tasks_by_unit(session, the_plan)
        data_office = find_unit(session, "区数据局").id
        found = filter_tasks(session, the_plan, Criteria(text="建设", unit_id=data_office), states, by_unit)
    assert found == {ids["二·一·1·2"]}

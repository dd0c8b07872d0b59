"""The filter answered from memory (db/queries/task_filter.py: SearchIndex,
matching) agrees with the database's answer (filter_tasks), and stays true
as changes are made; the queries a view repaints rows with, limited to some
tasks, agree with the whole plan's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from db.operations import editing, registry
from db.operations.changes import ChangeSet, apply
from db.operations.history import recorded
from db.operations.progress import Report, record_progress
from db.operations.touched import touched
from db.queries.ledger import outline, task_nodes, tasks_by_unit, unit_names
from db.queries.status import task_states
from db.queries.task_filter import NO_LIGHT, Criteria, filter_tasks, matching, refreshed, search_index
from db.queries.unit_tasks import find_unit
from db.schema.database import Database
from tests.conftest import plan_id, task_id

MONTH, TODAY = "2016-06", date(2016, 6, 28)


def run(database: Database, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> ChangeSet:
    with database.transaction() as session, recorded(session, "测试") as changes:
        operation(session, *args, **kwargs)
    return changes


def undo(database: Database, changes: ChangeSet) -> ChangeSet:
    inverse = changes.inverse()
    with database.transaction() as session:
        apply(session, inverse)
    return inverse


def with_reports(database: Database) -> None:
    """Reports whose words and statuses the criteria look for."""
    for number, status, done in ((32, "completed", "空气质量专栏已上线"), (5, "in_progress", "正在推进 HTTP 接口")):
        run(
            database,
            record_progress,
            task_id(database, number),
            MONTH,
            Report(status, done=done, evidence="http://x.cn"),
        )


def criteria(database: Database) -> list[Criteria]:
    with database.session() as session:
        siming, environment = (find_unit(session, name).id for name in ("思明区人民政府", "市环保局"))
    texts = [
        "32",
        "第32项",
        " 第 5 项",
        "第999项",
        "公开",
        "市环保局",
        "市环境保护局",
        "市审改办",
        "专栏已上线",
        "http",
        "HTTP",
        "6月底",
        "不存在",
        " 权力清单 ",
    ]
    return [
        *(Criteria(text=text) for text in texts),
        Criteria(unit_id=siming),
        Criteria(unit_id=environment, text="空气"),
        Criteria(status="completed"),
        Criteria(status="in_progress", unreported=True),
        *(Criteria(light=light) for light in ("red", "yellow", "blue", NO_LIGHT)),
        Criteria(unreported=True),
    ]


def test_the_index_answers_as_the_database_does(plan_db: Database) -> None:
    with_reports(plan_db)
    the_plan = plan_id(plan_db)
    with plan_db.session() as session:
        index = search_index(session, the_plan)
        states = task_states(session, the_plan, MONTH, TODAY)
        by_unit = tasks_by_unit(session, the_plan)
        for each in criteria(plan_db):
            assert matching(index, each, states) == filter_tasks(session, the_plan, each, states, by_unit), each
        assert matching(None, Criteria(status="completed"), states) == {task_id(plan_db, 32)}
        for asked in ("32", "第32项", "第 32 项"):
            assert task_id(plan_db, 32) in matching(index, Criteria(text=asked), states), asked
        with pytest.raises(ValueError):
            matching(None, Criteria(text="公开"), states)


def test_an_answer_narrowed_as_one_types_is_the_same(plan_db: Database) -> None:
    the_plan = plan_id(plan_db)
    with plan_db.session() as session:
        index = search_index(session, the_plan)
        states = task_states(session, the_plan, MONTH, TODAY)
    wide = matching(index, Criteria(text="公开"), states)
    narrower = Criteria(text="公开透明")
    assert narrower.narrows(Criteria(text="公开"))
    assert not narrower.narrows(Criteria(text="公开", status="completed"))
    assert not Criteria(text="公").narrows(Criteria(text="公开"))
    assert not Criteria(text="公开").narrows(Criteria())
    assert matching(index, narrower, states, among=wide) == matching(index, narrower, states)


def test_the_index_follows_changes_made_in_place(plan_db: Database) -> None:
    the_plan = plan_id(plan_db)
    with plan_db.session() as session:
        index = search_index(session, the_plan)
        environment = find_unit(session, "市环保局").id
        market = find_unit(session, "市市场监督管理局").id
    first, second = task_id(plan_db, 1), task_id(plan_db, 2)
    changes = [
        run(plan_db, editing.update_task, first, title="新的标题", requirement="新的要求"),
        run(plan_db, record_progress, second, MONTH, Report("in_progress", problems="经费不足")),
        run(plan_db, editing.set_units, first, "lead", [environment, market]),
        run(plan_db, registry.rename_unit, environment, "市生态环境局"),
        run(plan_db, registry.set_aliases, market, ["市场监管"]),
        run(plan_db, editing.delete_task, task_id(plan_db, 3)),  # not in place: the plan's index is read anew
    ]
    changes.append(undo(plan_db, changes[1]))
    with plan_db.session() as session:
        for change in changes:
            meaning = touched(change)
            index = (
                search_index(session, the_plan) if meaning.structure else refreshed(index, session, the_plan, meaning)
            )
    with plan_db.session() as session:
        assert index == search_index(session, the_plan)
        assert "新的标题" in index.own[first] and "经费不足" not in index.progress.get(second, "")
        assert "市生态环境局" in index.unit_texts[environment] and "市场监管" in index.unit_texts[market]


def test_rows_read_for_some_tasks_are_those_of_the_whole_plan(plan_db: Database) -> None:
    with_reports(plan_db)
    the_plan = plan_id(plan_db)
    with plan_db.session() as session:
        every = task_states(session, the_plan, MONTH, TODAY)
        names = unit_names(session, the_plan)
        nodes = {node.id: node for node in outline(session, the_plan)[1]}
        some = {task_id(plan_db, number) for number in (1, 5, 32)}
        many = range(1, 2000)  # more ids than an IN list takes: read whole, kept in Python
        for ids in (some, many):
            wanted = set(ids) & every.keys()
            assert task_states(session, the_plan, MONTH, TODAY, task_ids=ids) == {i: every[i] for i in wanted}
            assert unit_names(session, the_plan, ids) == {i: names[i] for i in wanted}
            assert task_nodes(session, ids) == {i: nodes[i] for i in wanted}
        assert task_states(session, the_plan, MONTH, TODAY, task_ids=[]) == {}

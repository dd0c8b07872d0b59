"""Every change is recorded with time, operator and old → new values."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from db.operations import editing
from db.operations.history import MAX_ROWS_KEPT, entries, recorded
from db.operations.progress import Report, record_progress
from db.queries.history import ChangeCount, ChangeDetail, FieldChange, change_details
from db.resources import BUNDLED_PLAN
from db.schema.database import Database, open_database
from db.schema.models import Task
from desktop.ledger import Ledger
from tests.conftest import ROOT


def task_id(database: Database, number: int) -> int:
    with database.session() as session:
        return session.scalar(select(Task.id).where(Task.number == number))


def test_an_edit_is_recorded_with_old_and_new_values(plan_db: Database) -> None:
    number_1 = task_id(plan_db, 1)
    with plan_db.transaction() as session, recorded(session, "修改任务 1 的名称", "张三"):
        editing.update_task(session, number_1, title="新标题")
    with plan_db.session() as session:
        [item] = entries(session)
    assert (item.operator, item.action) == ("张三", "修改任务 1 的名称")
    assert item.changes == [
        {
            "table": "tasks",
            "key": [number_1],
            "old": {"title": "全面公开市级政府工作部门权力清单和责任清单"},
            "new": {"title": "新标题"},
        }
    ]
    with plan_db.session() as session:
        assert change_details(session, item.changes) == [
            ChangeDetail(
                "tasks",
                "update",
                "1",
                None,
                (FieldChange("title", "全面公开市级政府工作部门权力清单和责任清单", "新标题"),),
            )
        ]


def test_a_failed_change_leaves_no_history(plan_db: Database) -> None:
    try:
        with plan_db.transaction() as session, recorded(session, "失败的修改", "张三"):
            editing.update_task(session, task_id(plan_db, 1), title="  ")
    except editing.EditError:
        pass
    with plan_db.session() as session:
        assert entries(session) == []


def test_a_tasks_history_and_filters(plan_db: Database) -> None:
    first, second = task_id(plan_db, 1), task_id(plan_db, 2)
    with plan_db.transaction() as session, recorded(session, "记录进展", "李四"):
        record_progress(session, first, "2016-05", Report("in_progress", done="已启动"))
    with plan_db.transaction() as session, recorded(session, "修改任务 2", "张三"):
        editing.update_task(session, second, requirement="新要求")
    with plan_db.session() as session:
        assert [i.action for i in entries(session, task_id=first)] == ["记录进展"]
        assert [i.action for i in entries(session, operator="张三")] == ["修改任务 2"]
        assert [i.action for i in entries(session, text="已启动")] == ["记录进展"]
        assert len(entries(session)) == 2


def test_undo_and_redo_in_the_window_are_recorded(plan_db: Database) -> None:
    ledger = Ledger(plan_db)
    ledger.operator = "王五"
    ledger.run("修改任务 1", editing.UPDATE_TASK(task_id(plan_db, 1), title="新标题"))
    ledger.undo_stack.undo()
    ledger.undo_stack.redo()
    with plan_db.session() as session:
        actions = [i.action for i in entries(session)]
    assert actions == ["Redo: 修改任务 1", "Undo: 修改任务 1", "修改任务 1"]


def test_a_plan_import_from_the_command_line_is_recorded(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "h.db"), "import-plan", str(BUNDLED_PLAN)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.returncode == 0
    database = open_database(tmp_path / "h.db")
    with database.session() as session:
        [item] = entries(session)
    database.close()
    assert item.action.startswith("导入计划“厦门市2016年政务公开工作主要任务责任分工”")
    assert sum(1 for row in item.changes if row["table"] == "tasks") == 66


def test_a_very_large_change_is_kept_as_counts(empty_db: Database, tmp_path) -> None:
    from bench.synthetic import write_text_plan
    from db.operations.import_plan import import_plan
    from db.plans import read_plan
    from db.plans.registry import collective_names

    plan = write_text_plan(tmp_path / "big.txt", 600, 40)
    with empty_db.transaction() as session, recorded(session, "导入大计划", "张三") as changes:
        import_plan(session, read_plan(plan, collective_names(session)))
    assert len(changes.changes) > MAX_ROWS_KEPT
    with empty_db.session() as session:
        [item] = entries(session)
        assert ChangeCount("tasks", "insert", 600) in change_details(session, item.changes)
    assert item.changes["summary"]["tasks"] == {"insert": 600}

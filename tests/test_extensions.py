"""Extension requests (延期申请) on the 2016 ledger: request, approve (the
deadline and the light move, the original stays on record), refuse, undo,
refusals that leave the file as it was, and `main.py extend` / `extension`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db.errors import EditError
from db.operations.editing import UPDATE_TASK
from db.operations.extensions import DECIDE_EXTENSION, REQUEST_EXTENSION
from db.operations.progress import RECORD_PROGRESS, Report
from db.operations.runner import perform
from db.operations.undo import APPLY_CHANGES
from db.queries.extensions import original_deadline, pending_extensions, requests
from db.queries.status import task_states
from db.schema.database import Database, open_database
from db.schema.models import Task, Unit
from tests.conftest import (
    file_digest,
    ledger_state,
    plan_id,
    refused,
    run_main,
    task_id,
)

JUNE_END, SEPTEMBER_END = date(2016, 6, 30), date(2016, 9, 30)


def light(database: Database, task: int, month: str) -> str | None:
    with database.session() as session:
        return task_states(session, plan_id(database), month, today=date(2016, 12, 31))[task].light


def deadline(database: Database, task: int) -> tuple[date | None, str]:
    with database.session() as session:
        row = session.get_one(Task, task)
        return row.deadline, row.deadline_text


def test_an_approved_extension_moves_the_deadline_and_the_light(plan_db: Database) -> None:
    first = task_id(plan_db, 1)
    perform(plan_db, UPDATE_TASK(first, deadline=JUNE_END, deadline_text="2016年6月底前"))
    perform(plan_db, RECORD_PROGRESS(first, "2016-07", Report("in_progress")))
    assert light(plan_db, first, "2016-07") == "red"  # overdue in July

    asked = perform(
        plan_db, REQUEST_EXTENSION(first, SEPTEMBER_END, " 需等待省里的系统上线 ", at=datetime(2016, 6, 20))
    )
    assert asked.touched.statuses == {first}
    with plan_db.session() as session:
        [request] = pending_extensions(session, plan_id(plan_db))
        lead = session.scalars(select(Unit.name).where(Unit.name == "市编办")).one()
    assert (request.id, request.unit, request.reason, request.state) == (
        asked.value,
        lead,
        "需等待省里的系统上线",
        "pending",
    )
    assert deadline(plan_db, first) == (JUNE_END, "2016年6月底前")  # nothing moves before the decision

    before = ledger_state(plan_db.path)[1]
    approved = perform(plan_db, DECIDE_EXTENSION(asked.value, True, "王五", "同意"))
    assert deadline(plan_db, first) == (SEPTEMBER_END, "2016年9月30日")
    assert light(plan_db, first, "2016-07") is None and light(plan_db, first, "2016-10") == "red"
    with plan_db.session() as session:
        [request] = requests(session, [first])
        assert pending_extensions(session, plan_id(plan_db)) == []
        assert original_deadline(session, first) == (JUNE_END, "2016年6月底前")
    assert (request.state, request.decided_by, request.decision_note) == ("approved", "王五", "同意")
    assert request.previous_deadline == JUNE_END

    perform(plan_db, APPLY_CHANGES(approved.changes.inverse()), action="撤销：批准延期")
    assert ledger_state(plan_db.path)[1] == before
    assert deadline(plan_db, first) == (JUNE_END, "2016年6月底前") and light(plan_db, first, "2016-07") == "red"

    refused_one = perform(plan_db, DECIDE_EXTENSION(asked.value, False, "王五", "理由不充分"))
    assert deadline(plan_db, first) == (JUNE_END, "2016年6月底前") and refused_one.touched.statuses == {first}
    with plan_db.session() as session:
        assert requests(session, [first])[0].state == "refused"
        assert original_deadline(session, first) is None


def test_a_second_approval_keeps_the_plans_own_deadline(plan_db: Database) -> None:
    second = task_id(plan_db, 2)  # no deadline: the plan's year end applies
    for new in (date(2017, 3, 31), date(2017, 6, 30)):
        asked = perform(plan_db, REQUEST_EXTENSION(second, new, "工作量大"))
        perform(plan_db, DECIDE_EXTENSION(asked.value, True))
    assert deadline(plan_db, second) == (date(2017, 6, 30), "2017年6月30日")
    with plan_db.session() as session:
        assert original_deadline(session, second) == (None, "")
        assert [r.previous_deadline for r in requests(session, [second])] == [None, date(2017, 3, 31)]


def test_refusals_leave_the_file_as_it_was(plan_db: Database) -> None:
    first = task_id(plan_db, 1)
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match="须写明理由"):
        perform(plan_db, REQUEST_EXTENSION(first, SEPTEMBER_END, "  "))
    with pytest.raises(EditError, match="应晚于现在的完成时限 2016年12月31日"):
        perform(plan_db, REQUEST_EXTENSION(first, SEPTEMBER_END, "来不及"))
    with pytest.raises(EditError, match="没有第 99 号"):
        perform(plan_db, DECIDE_EXTENSION(99, True))
    assert file_digest(plan_db.path) == digest
    asked = perform(plan_db, REQUEST_EXTENSION(first, date(2017, 3, 31), "来不及"))
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match=f"已有待审批的延期申请（第 {asked.value} 号）"):
        perform(plan_db, REQUEST_EXTENSION(first, date(2017, 6, 30), "还来不及"))
    assert file_digest(plan_db.path) == digest
    perform(plan_db, DECIDE_EXTENSION(asked.value, False))
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match="已审批过"):
        perform(plan_db, DECIDE_EXTENSION(asked.value, True))
    assert file_digest(plan_db.path) == digest


def test_extend_and_extension_on_the_command_line(ledger: Path) -> None:
    result = run_main(
        "--db", ledger, "extend", "5", "--to", "2017年3月底", "--reason", "系统改造", "--unit", "市政务中心管委会"
    )
    assert result.returncode == 0, result.stderr
    assert "已登记第 1 号延期申请：任务 5 延期至 2017年3月31日，待审批" in result.stdout
    listed = run_main("--db", ledger, "extension")
    assert listed.returncode == 0, listed.stderr
    assert "待审批的延期申请 1 件" in listed.stdout and "第 1 号  任务 5  市政务中心管委会" in listed.stdout

    digest = file_digest(ledger)
    refused(run_main("--db", ledger, "extend", "5", "--to", "明年", "--reason", "x"), "--to 明年", "不是日期")
    refused(run_main("--db", ledger, "extend", "6", "--to", "2016-06-30", "--reason", "x"), "应晚于")
    refused(
        run_main("--db", ledger, "extend", "6", "--to", "2017-06-30", "--reason", "x", "--unit", "火星局"), "火星局"
    )
    refused(run_main("--db", ledger, "extension", "1"), "--approve")
    refused(run_main("--db", ledger, "extension", "7", "--refuse"), "没有第 7 号")
    assert file_digest(ledger) == digest

    result = run_main("--db", ledger, "extension", "1", "--approve", "--by", "王五")
    assert result.returncode == 0, result.stderr
    assert "已批准第 1 号延期申请，完成时限改为 2017年3月31日" in result.stdout
    database = open_database(ledger)
    try:
        assert deadline(database, task_id(database, 5)) == (date(2017, 3, 31), "2017年3月31日")
        with database.session() as session:
            [request] = requests(session)
        assert (request.unit, request.decided_by, request.previous_deadline) == ("市政务中心管委会", "王五", None)
    finally:
        database.close()

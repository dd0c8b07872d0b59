"""Sign-off (销号) and return (退回) on the 2016 ledger: the operations, the
query of completions waiting, undo, refusals that leave the file as it was,
and `main.py review`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.errors import EditError
from db.operations.progress import RECORD_PROGRESS, Report
from db.operations.reviews import RETURN_TASK, SIGN_OFF
from db.operations.runner import perform
from db.operations.undo import APPLY_CHANGES
from db.queries.reviews import awaiting_sign_off, signed_off, verdicts
from db.queries.status import figures, task_states
from db.schema.database import Database, open_database
from db.schema.models import HistoryEntry, ProgressEntry
from tests.conftest import (
    file_digest,
    ledger_state,
    plan_id,
    refused,
    run_main,
    task_id,
)


def report(database: Database, number: int, month: str, status: str, evidence: str = "") -> None:
    perform(database, RECORD_PROGRESS(task_id(database, number), month, Report(status, "做了", evidence=evidence)))


def waiting(database: Database) -> dict[int, str]:
    with database.session() as session:
        return {task: item.month for task, item in awaiting_sign_off(session, plan_id(database)).items()}


def completed(database: Database, month: str) -> int:
    with database.session() as session:
        return figures(task_states(session, plan_id(database), month).values()).completed


def test_the_loop_report_return_report_again_sign_off(plan_db: Database) -> None:
    first, second = task_id(plan_db, 1), task_id(plan_db, 2)
    report(plan_db, 1, "2016-05", "in_progress")
    report(plan_db, 1, "2016-06", "completed", "http://example.gov.cn/1")
    report(plan_db, 2, "2016-06", "in_progress")
    assert waiting(plan_db) == {first: "2016-06"}  # only what is reported 已完成 waits
    assert completed(plan_db, "2016-06") == 1

    returned = perform(plan_db, RETURN_TASK(first, "  佐证不足：缺少公开网址  ", "李四"))
    assert returned.touched.statuses == {first} and returned.changes.tables() == {"reviews", "progress_entries"}
    assert waiting(plan_db) == {}
    assert completed(plan_db, "2016-06") == 0  # back to 推进中
    with plan_db.session() as session:
        entry = session.scalars(
            select(ProgressEntry).where(ProgressEntry.task_id == first, ProgressEntry.month == "2016-06")
        ).one()
        assert (entry.status, entry.done, entry.evidence) == ("in_progress", "做了", "http://example.gov.cn/1")
        [verdict] = verdicts(session, [first])
    assert (verdict.verdict, verdict.reason, verdict.by, verdict.month) == (
        "returned",
        "佐证不足：缺少公开网址",
        "李四",
        "2016-06",
    )

    report(plan_db, 1, "2016-06", "completed", "http://example.gov.cn/2")  # reported again
    assert waiting(plan_db) == {first: "2016-06"}
    perform(plan_db, SIGN_OFF(first, "王五", "核对了公开网址"))
    assert waiting(plan_db) == {}
    with plan_db.session() as session:
        assert signed_off(session, plan_id(plan_db)) == {first}
        last = verdicts(session, [first])[-1]
    assert (last.verdict, last.by, last.evidence) == ("signed_off", "王五", "核对了公开网址")
    report(plan_db, 1, "2016-07", "completed")  # a later month's sheet repeats 已完成: it stays signed off
    assert waiting(plan_db) == {}
    assert second not in waiting(plan_db)


def test_each_verdict_is_in_the_history_and_undone(plan_db: Database) -> None:
    first = task_id(plan_db, 1)
    report(plan_db, 1, "2016-06", "completed")
    before = ledger_state(plan_db.path)[1]
    done = perform(plan_db, RETURN_TASK(first, "材料不全"), action="退回任务 1")
    with plan_db.session() as session:
        assert session.scalars(select(HistoryEntry.action).order_by(HistoryEntry.id.desc())).first() == "退回任务 1"
    perform(plan_db, APPLY_CHANGES(done.changes.inverse()), action="撤销：退回任务 1")
    assert ledger_state(plan_db.path)[1] == before
    assert waiting(plan_db) == {first: "2016-06"} and completed(plan_db, "2016-06") == 1
    with plan_db.session() as session:
        assert verdicts(session, [first]) == []

    signed = perform(plan_db, SIGN_OFF(first, "王五"))
    perform(plan_db, APPLY_CHANGES(signed.changes.inverse()))
    assert waiting(plan_db) == {first: "2016-06"}
    perform(plan_db, APPLY_CHANGES(signed.changes))  # redo
    assert waiting(plan_db) == {}


def test_refusals_leave_the_file_as_it_was(plan_db: Database) -> None:
    first = task_id(plan_db, 1)
    report(plan_db, 1, "2016-06", "in_progress")
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match="没有待销号"):
        perform(plan_db, SIGN_OFF(first))
    assert file_digest(plan_db.path) == digest
    report_done = task_id(plan_db, 2)
    perform(plan_db, RECORD_PROGRESS(report_done, "2016-06", Report("completed")))
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match="退回须写明理由"):
        perform(plan_db, RETURN_TASK(report_done, "   "))
    assert file_digest(plan_db.path) == digest
    perform(plan_db, SIGN_OFF(report_done))
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match="没有待销号"):
        perform(plan_db, RETURN_TASK(report_done, "晚了"))  # signed off already
    assert file_digest(plan_db.path) == digest


def test_review_on_the_command_line(ledger: Path) -> None:
    database = open_database(ledger)
    try:
        report(database, 3, "2016-06", "completed")
        report(database, 4, "2016-06", "completed")
        three, four = task_id(database, 3), task_id(database, 4)
    finally:
        database.close()
    result = run_main("--db", ledger, "review", "3", "--accept", "--evidence", "文号 厦府办〔2016〕1号", "--by", "王五")
    assert result.returncode == 0, result.stderr
    assert "已销号任务 3" in result.stdout
    result = run_main("--db", ledger, "review", "4", "--return", "未附公开网址")
    assert result.returncode == 0, result.stderr
    assert "已退回任务 4：未附公开网址" in result.stdout

    digest = file_digest(ledger)
    refused(run_main("--db", ledger, "review", "3", "--accept"), "没有待销号")
    refused(run_main("--db", ledger, "review", "99", "--accept"), "任务 99", "没有这一编号")
    refused(run_main("--db", ledger, "review", "5", "--return", " "), "退回须写明理由")
    assert file_digest(ledger) == digest

    database = open_database(ledger)
    try:
        with database.session() as session:
            found = {(v.task_id, v.verdict, v.by, v.evidence, v.reason) for v in verdicts(session)}
    finally:
        database.close()
    assert (three, "signed_off", "王五", "文号 厦府办〔2016〕1号", "") in found
    assert any(v[0] == four and v[1] == "returned" and v[4] == "未附公开网址" for v in found)


def test_a_deleted_task_takes_its_supervision_with_it_and_undo_brings_it_back(plan_db: Database) -> None:
    from datetime import date

    from db.operations.editing import DELETE_TASK
    from db.operations.extensions import REQUEST_EXTENSION
    from db.operations.milestones import SET_MILESTONES
    from db.plans.milestones import ParsedMilestone

    first = task_id(plan_db, 1)
    report(plan_db, 1, "2016-06", "completed")
    perform(plan_db, SIGN_OFF(first, "王五"))
    perform(plan_db, REQUEST_EXTENSION(first, date(2017, 3, 31), "系统改造"))
    perform(plan_db, SET_MILESTONES(first, [ParsedMilestone(date(2016, 6, 30), "6月底前", "梳理")]))
    before = ledger_state(plan_db.path)[1]
    deleted = perform(plan_db, DELETE_TASK(first))
    assert {"reviews", "extensions", "milestones", "progress_entries", "tasks"} <= deleted.changes.tables()
    perform(plan_db, APPLY_CHANGES(deleted.changes.inverse()))
    assert ledger_state(plan_db.path)[1] == before
    with plan_db.session() as session:
        assert [v.verdict for v in verdicts(session, [first])] == ["signed_off"]

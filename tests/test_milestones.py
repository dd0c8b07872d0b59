"""Milestones (节点) in the ledger: stored at import from the deadline
column, read for a plan imported before (the 2016 plan), set by hand, undone,
the ones missed on a day, and `main.py milestones`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from db.errors import EditError
from db.operations.editing import DELETE_TASK, UPDATE_TASK
from db.operations.import_plan import IMPORT_PLAN
from db.operations.milestones import READ_MILESTONES, SET_MILESTONES
from db.operations.progress import RECORD_PROGRESS, Report
from db.operations.runner import perform
from db.operations.undo import APPLY_CHANGES
from db.plans import read_plan
from db.plans.milestones import ParsedMilestone
from db.plans.registry import collective_names
from db.queries.milestones import milestones_of, next_missed_milestone, standings
from db.schema.database import Database, open_database
from db.schema.models import Milestone, Plan
from tests.conftest import file_digest, ledger_state, plan_id, refused, run_main, task_id

PLAN_2017 = "厦门市2017年政务公开工作要点"
ROWS = [
    ["一、推进决策公开", "", "", "", ""],
    [1, "完善重大行政决策程序", "市法制局", "各区人民政府", "6月底前出台实施办法，9月底前完成试点，年底前全面推开"],
    [2, "开展决策预公开", "市政府办公厅", "市直各委、办、局", "2017年6月底前"],
    [3, "做好政策解读", "市政府新闻办", "市直各相关部门", "分季度"],
    [4, "回应社会关切", "市政府办公厅", "各区人民政府", "长期坚持"],
]


def plan_2017(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([PLAN_2017])
    sheet.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"])
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def import_2017(database: Database, path: Path) -> int:
    with database.session() as session:
        collectives = collective_names(session)
    return perform(database, IMPORT_PLAN(read_plan(path, collectives))).value.report.plan_id


def stored(database: Database, plan: int) -> dict[int, list[tuple[date, str, str, float | None]]]:
    """task number -> its milestones (due, due text, text, share)."""
    with database.session() as session:
        numbers = {t: n for n, t in _numbers(session, plan).items()}
        return {
            numbers[task]: [(m.due, m.due_text, m.text, m.share) for m in found]
            for task, found in milestones_of(session, plan_id=plan).items()
        }


def _numbers(session, plan: int) -> dict[int, int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from db.schema.models import Task

    return dict(session.execute(select(Task.number, Task.id).where(Task.plan_id == plan)).all())


def test_the_import_stores_the_milestones_of_the_deadline_column(plan_db: Database, tmp_path: Path) -> None:
    plan = import_2017(plan_db, plan_2017(tmp_path / "2017.xlsx"))
    found = stored(plan_db, plan)
    assert found[1] == [
        (date(2017, 6, 30), "6月底前", "出台实施办法", None),
        (date(2017, 9, 30), "9月底前", "完成试点", None),
        (date(2017, 12, 31), "年底前", "全面推开", None),
    ]
    quarters = [date(2017, 3, 31), date(2017, 6, 30), date(2017, 9, 30), date(2017, 12, 31)]
    assert [due for due, *_ in found[3]] == quarters
    assert 2 not in found and 4 not in found  # one date that is the deadline; no date at all


def test_milestones_read_for_the_2016_plan_set_by_hand_and_undone(plan_db: Database) -> None:
    first, second = task_id(plan_db, 1), task_id(plan_db, 2)
    perform(plan_db, UPDATE_TASK(first, deadline_text="6月底前完成清单梳理，10月底前完成公开"))
    before = ledger_state(plan_db.path)[1]
    done = perform(plan_db, READ_MILESTONES(plan_id(plan_db)))
    assert done.value == 2 and done.touched.statuses == {first}
    with plan_db.session() as session:
        assert [(m.due, m.text) for m in milestones_of(session, [first])[first]] == [
            (date(2016, 6, 30), "完成清单梳理"),
            (date(2016, 10, 31), "完成公开"),
        ]
    assert perform(plan_db, READ_MILESTONES(plan_id(plan_db))).value == 0  # a task that has them keeps them
    perform(plan_db, APPLY_CHANGES(done.changes.inverse()))
    assert ledger_state(plan_db.path)[1] == before

    own = [
        ParsedMilestone(date(2016, 8, 31), "8月底前", "上线", 0.6),
        ParsedMilestone(date(2016, 11, 30), "11月底", "验收", 1.0),
    ]
    perform(plan_db, SET_MILESTONES(second, own))
    with plan_db.session() as session:
        assert [(m.position, m.due, m.share) for m in milestones_of(session, [second])[second]] == [
            (0, date(2016, 8, 31), 0.6),
            (1, date(2016, 11, 30), 1.0),
        ]
    digest = file_digest(plan_db.path)
    with pytest.raises(EditError, match="完成比例"):
        perform(plan_db, SET_MILESTONES(second, [ParsedMilestone(date(2016, 8, 31), "", "", 1.5)]))
    assert file_digest(plan_db.path) == digest
    perform(plan_db, DELETE_TASK(second))  # its milestones go with it, through the ORM (undoable)
    with plan_db.session() as session:
        assert session.query(Milestone).filter_by(task_id=second).count() == 0


def test_the_milestone_missed_on_a_day(plan_db: Database) -> None:
    first = task_id(plan_db, 1)
    perform(
        plan_db,
        SET_MILESTONES(
            first,
            [
                ParsedMilestone(date(2016, 6, 30), "6月底前", "完成清单梳理"),
                ParsedMilestone(date(2016, 9, 30), "9月底前", "完成公开"),
            ],
        ),
    )
    perform(plan_db, RECORD_PROGRESS(first, "2016-06", Report("in_progress")))
    with plan_db.session() as session:
        assert next_missed_milestone(session, first, date(2016, 6, 30)) is None  # due that day: not missed yet
        july = standings(session, plan_id(plan_db), date(2016, 7, 15))[first]
        assert july.next_missed is not None and july.next_missed.text == "完成清单梳理"
        assert july.upcoming is not None and july.upcoming.text == "完成公开"
        october = standings(session, plan_id(plan_db), date(2016, 10, 8))[first]
        assert [m.text for m in october.missed] == ["完成清单梳理", "完成公开"] and october.upcoming is None
        assert task_id(plan_db, 2) not in standings(session, plan_id(plan_db), date(2016, 10, 8))
    perform(plan_db, RECORD_PROGRESS(first, "2016-10", Report("completed")))
    with plan_db.session() as session:
        assert next_missed_milestone(session, first, date(2016, 10, 20)) is None  # complete: nothing owed
        assert next_missed_milestone(session, first, date(2016, 9, 15)) is not None  # but in September it was


def test_milestones_on_the_command_line(ledger: Path, tmp_path: Path) -> None:
    result = run_main("--db", ledger, "import-plan", plan_2017(tmp_path / "2017.xlsx"))
    assert result.returncode == 0, result.stderr
    result = run_main("--db", ledger, "milestones", "1", "--plan", "2017", "--on", "2017-07-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "任务 1 的节点 3 个（截至 2017年7月1日，已错过 1 个）：",
        "  2017-06-30  6月底前  出台实施办法  已错过",
        "  2017-09-30  9月底前  完成试点",
        "  2017-12-31  年底前  全面推开",
    ]
    result = run_main("--db", ledger, "milestones", "4", "--plan", "2017")
    assert result.returncode == 0 and "任务 4 没有节点" in result.stdout
    digest = file_digest(ledger)
    refused(run_main("--db", ledger, "milestones", "1", "--plan", "2017", "--on", "某天"), "--on 某天", "不是日期")
    refused(run_main("--db", ledger, "milestones", "70", "--plan", "2016"), "任务 70")
    assert file_digest(ledger) == digest
    database = open_database(ledger)
    try:
        with database.session() as session:
            assert session.query(Plan).count() == 2
    finally:
        database.close()

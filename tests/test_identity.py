"""Identity that survives restores and copies (issue 10, item 1): plans and
tasks are named by UUIDs in everything that leaves the program, and a
returned sheet is matched by them and checked against the task as it is now."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, text

from db.operations.editing import update_task
from db.operations.returns import IMPORT_RETURNS
from db.operations.runner import perform
from db.queries.export_json import export_dict
from db.queries.sheets import fill_in_sheets
from db.resources import BUNDLED_PLAN
from db.returns.contract import META_SHEET
from db.returns.reading import ReturnsError, read_returns
from db.safety.backup import list_backups
from db.schema.database import Database, open_database
from db.schema.models import Plan, ProgressEntry, Task
from documents.excel.returns import make_returns
from tests.conftest import ledger_state, refused, run_main

MONTH = "2016-06"
UNIT = "市环保局"  # leads tasks 32–35: rows 4–7 of its sheet
SHEET = f"{UNIT}_2016年6月进展填报表.xlsx"


def corrected_plan(folder: Path) -> Path:
    """The 2016 plan as an office corrects it: one task added at the top,
    every other task numbered one further down."""
    plan = BUNDLED_PLAN.read_text(encoding="utf-8")
    plan = re.sub(r"^\t(\d+)\.", lambda match: f"\t{int(match[1]) + 1}.", plan, flags=re.MULTILINE)
    first = plan.index("\t2.")
    added = "\t1. 公开年度政务公开工作要点\n\t市政府办公厅\n\t各区人民政府\n\t按时公开。\n\n"
    path = folder / "corrected.txt"
    path.write_text(plan[:first] + added + plan[first:], encoding="utf-8")
    return path


def fill_three_rows(path: Path) -> Path:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for row, status in ((4, "推进中"), (5, "已完成"), (6, "持续推进")):
        sheet[f"F{row}"] = status
        sheet[f"G{row}"] = f"第 {row} 行的进展"
    workbook.save(path)
    return path


def progress_rows(path: Path) -> list[tuple]:
    database = open_database(path)
    try:
        with database.session() as session:
            return list(session.execute(select(ProgressEntry.task_id, ProgressEntry.month, ProgressEntry.done)))
    finally:
        database.close()


def test_a_first_round_sheet_after_a_restore_and_a_corrected_plan_is_refused(tmp_path: Path) -> None:
    """Item 1 as it happened: restore the backup taken just before a plan
    import, import a corrected plan with one task added at the top, import a
    fill-in sheet of the first round. SQLite gives the new plan and its tasks
    the ids of the old ones, so the sheet's row ids now point one task up."""
    path = tmp_path / "ledger.db"
    open_database(path).close()  # a ledger with the unit registry and no plan yet
    assert run_main("--db", path, "import-plan", BUNDLED_PLAN).returncode == 0
    (before_import,) = [info.path for info in list_backups(path) if info.reason == "plan-import"]
    (tmp_path / "round1").mkdir()
    result = run_main("--db", path, "make-returns", "--month", MONTH, "-o", tmp_path / "round1")
    assert result.returncode == 0, result.stderr
    sheet = fill_three_rows(tmp_path / "round1" / SHEET)

    assert run_main("--db", path, "restore", before_import).returncode == 0
    result = run_main("--db", path, "import-plan", corrected_plan(tmp_path))
    assert result.returncode == 0 and "工作任务 67 项" in result.stdout, result.stdout + result.stderr
    state = ledger_state(path)

    line = refused(
        run_main("--db", path, "import-returns", sheet), str(sheet), f"工作表 {UNIT} 单元格 A1", "已重新导入"
    )
    assert "写入进展" not in line
    assert ledger_state(path) == state
    assert progress_rows(path) == []


@pytest.fixture
def round_one(plan_db: Database, tmp_path: Path) -> Path:
    """市环保局's June sheet with three rows filled in."""
    with plan_db.session() as session:
        plan_id = session.scalar(select(Plan.id))
        sheets = fill_in_sheets(session, plan_id, MONTH, units=[UNIT])
    (path,) = make_returns(sheets, tmp_path / "round1")
    return fill_three_rows(path)


def import_returned(database: Database, sheet: Path) -> int:
    """Read, then import as the command line does."""
    with database.session() as session:
        preview = read_returns(session, [sheet])
    return perform(database, IMPORT_RETURNS(preview)).value


def problems_of(database: Database, sheet: Path) -> list[str]:
    """The import is refused; every problem, and the database as it was."""
    state = ledger_state(database.path)
    with pytest.raises(ReturnsError) as raised:
        import_returned(database, sheet)
    assert ledger_state(database.path) == state
    return [str(problem) for problem in raised.value.problems]


def test_a_renumbered_task_is_refused(plan_db: Database, round_one: Path) -> None:
    with plan_db.transaction() as session:  # 33 becomes 133 (renumbered by hand, or by a new version of the plan)
        session.execute(text("UPDATE tasks SET number = 133 WHERE number = 33"))
    assert problems_of(plan_db, round_one) == [
        f"{round_one}（工作表 {UNIT} 单元格 A5）：任务已重新编号：填报表中是任务 33，台账中这项任务现在是任务 133，请重新生成填报表"
    ]


def test_a_retitled_task_is_refused(plan_db: Database, round_one: Path) -> None:
    with plan_db.transaction() as session:
        task_id = session.scalar(select(Task.id).where(Task.number == 34))
        update_task(session, task_id, title="改过名称的任务")
    (problem,) = problems_of(plan_db, round_one)
    assert problem.startswith(
        f"{round_one}（工作表 {UNIT} 单元格 B6）：任务 34 的名称已修改：台账中现在是“改过名称的任务”"
    )


def test_a_sheet_from_another_copy_of_the_ledger_is_refused(plan_db: Database, round_one: Path, tmp_path: Path) -> None:
    """Another office's ledger of the same plan: the same plan id, title and
    year, other tasks behind the same row ids."""
    other = open_database(tmp_path / "other.db", first_plan=BUNDLED_PLAN)
    try:
        (problem,) = problems_of(other, round_one)
    finally:
        other.close()
    assert problem.startswith(
        f"{round_one}（工作表 {UNIT} 单元格 A1）：这是计划“厦门市2016年政务公开工作主要任务责任分工”（2016 年）的填报表"
    )


def test_a_sheet_still_fits_after_restoring_a_backup_of_the_same_plan(plan_db: Database, round_one: Path) -> None:
    """Restoring a copy of the same ledger keeps the UUIDs: the sheet still fits."""
    copy = plan_db.path.with_name("copy.db")
    plan_db.close()
    shutil.copyfile(plan_db.path, copy)
    database = open_database(copy)
    try:
        assert import_returned(database, round_one) == 3
    finally:
        database.close()


def test_the_sheet_names_plan_and_tasks_by_uuid(plan_db: Database, round_one: Path) -> None:
    workbook = openpyxl.load_workbook(round_one)
    meta = workbook[META_SHEET]
    pairs = {row[0]: row[1] for row in meta.iter_rows(max_col=2, values_only=True) if row[0] != "rows"}
    with plan_db.session() as session:
        plan_uuid = session.scalar(select(Plan.uuid))
        uuids = dict(session.execute(select(Task.number, Task.uuid)).all())
    assert pairs["format"] == "duban-returns/2" and pairs["plan_uuid"] == plan_uuid
    rows = [row for row in meta.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert [row[1] for row in rows] == [uuids[number] for number in (32, 33, 34, 35)]


def test_a_sheet_of_the_earlier_format_is_refused(plan_db: Database, round_one: Path) -> None:
    workbook = openpyxl.load_workbook(round_one)
    workbook[META_SHEET]["B1"] = "duban-returns/1"
    workbook.save(round_one)
    (problem,) = problems_of(plan_db, round_one)
    assert problem == f"{round_one}：是旧版本程序生成的填报表（没有任务标识，无法可靠核对），请重新生成填报表后再填报"


def test_the_json_export_carries_the_uuids(plan_db: Database) -> None:
    with plan_db.session() as session:
        data = export_dict(session)
        plan_uuid = session.scalar(select(Plan.uuid))
        uuids = dict(session.execute(select(Task.number, Task.uuid)).all())

    def tasks(section: dict) -> list[dict]:  # type: ignore[type-arg]
        return section["tasks"] + [task for sub in section["sections"] for task in tasks(sub)]

    (plan,) = data["plans"]
    assert plan["uuid"] == plan_uuid
    exported = {task["number"]: task["uuid"] for section in plan["sections"] for task in tasks(section)}
    assert exported == uuids and len(set(exported.values())) == 66


def test_the_window_refuses_the_sheet_with_the_same_words(
    qtbot, plan_db: Database, round_one: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from desktop.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    controller = window.attach(plan_db)
    window.month.setCurrentIndex(window.month.findData(MONTH))
    with plan_db.transaction() as session:
        session.execute(text("UPDATE tasks SET number = 133 WHERE number = 33"))
    state = ledger_state(plan_db.path)
    monkeypatch.setattr("desktop.controller.QFileDialog.getOpenFileNames", lambda *args: ([str(round_one)], ""))
    controller.import_returns()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=10000)
    assert window.findChild(QMessageBox, "errorBox").text() == (
        f"{round_one}（工作表 {UNIT} 单元格 A5）：任务已重新编号：填报表中是任务 33，台账中这项任务现在是任务 133，请重新生成填报表"
    )
    assert ledger_state(plan_db.path) == state

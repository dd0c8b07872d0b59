"""Fill-in sheets for the lead units: made, filled in as a unit would with
openpyxl, read back and imported; bad returns refused with the database
unchanged."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from db.operations.editing import delete_task
from db.operations.import_plan import import_plan
from db.operations.progress import Report, record_month
from db.operations.returns import IMPORT_RETURNS
from db.operations.runner import perform
from db.plans import read_plan
from db.queries.sheets import fill_in_sheets, ledger_data, reminders_data
from db.returns.contract import META_SHEET
from db.returns.reading import ReturnsError, read_returns
from db.schema.database import Database
from db.schema.models import Assignment, Plan, ProgressEntry, Task, Unit
from db.vocabulary import NO_LEAD_UNIT
from documents.excel.ledger import write_ledger
from documents.excel.returns import make_returns
from tests.conftest import dump

MONTH = "2016-06"
UNIT = "市环保局"  # leads 32–35; 35 together with 市发改委
ROW = {32: 4, 33: 5, 34: 6, 35: 7}  # task number -> row of the unit's sheet


def first_plan(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(Plan.id).order_by(Plan.id))


def task_id(database: Database, number: int) -> int:
    with database.session() as session:
        return session.scalars(select(Task.id).where(Task.plan_id == first_plan(database), Task.number == number)).one()


def unit_id(database: Database, name: str) -> int:
    with database.session() as session:
        return session.scalars(select(Unit.id).where(Unit.name == name)).one()


def make(database: Database, folder: Path, month: str = MONTH, unit: str = UNIT, plan_id: int | None = None) -> Path:
    with database.session() as session:
        sheets = fill_in_sheets(session, plan_id or first_plan(database), month, units=[unit])
    (path,) = make_returns(sheets, folder)
    return path


def owing(database: Database, month: str = MONTH, plan_id: int | None = None) -> dict[str, list[str]]:
    """Who owes the month's report (the 催报 list): unit -> labels of the tasks."""
    with database.session() as session:
        data = reminders_data(session, plan_id or first_plan(database), month)
    return {unit.name: [task.label for task in unit.tasks] for unit in data.units}


def fill(path: Path, cells: dict[str, object]) -> Path:
    """Write into the sheet as a unit would, and save it."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for coordinate, value in cells.items():
        sheet[coordinate] = value
    workbook.save(path)
    return path


def record(database: Database, month: str, reports: dict[int, Report]) -> None:
    with database.transaction() as session:
        record_month(session, month, {task_id(database, number): report for number, report in reports.items()})


def entries(database: Database, month: str = MONTH) -> dict[int, tuple]:
    with database.session() as session:
        rows = session.execute(
            select(
                Task.number,
                ProgressEntry.status,
                ProgressEntry.done,
                ProgressEntry.problems,
                ProgressEntry.next_steps,
                ProgressEntry.evidence,
                ProgressEntry.reporting_unit_id,
                ProgressEntry.recorded_by,
            )
            .join(Task, Task.id == ProgressEntry.task_id)
            .where(ProgressEntry.month == month)
        )
        return {number: tuple(rest) for number, *rest in rows}


def import_all(database: Database, paths: Sequence[Path], by: str = "", **expected: object) -> int:
    """Read, then import in one operation, as the command line does."""
    with database.session() as session:
        preview = read_returns(session, paths, **expected)
    return perform(database, IMPORT_RETURNS(preview, by)).value


def refused(database: Database, paths: Sequence[Path], *fragments: str, **expected: object) -> ReturnsError:
    """The import fails, names every fragment, and leaves the database as it was."""
    before = dump(database.path)
    with pytest.raises(ReturnsError) as raised:
        import_all(database, paths, **expected)
    assert dump(database.path) == before
    message = str(raised.value)
    for fragment in fragments:
        assert fragment in message
    return raised.value


# --- making the sheets ---------------------------------------------------------------


def test_one_workbook_per_lead_unit(plan_db: Database, tmp_path: Path) -> None:
    with plan_db.session() as session:
        paths = make_returns(fill_in_sheets(session, first_plan(plan_db), MONTH), tmp_path / "out")
        leads = set(
            session.scalars(
                select(Unit.name).join(Assignment, Assignment.unit_id == Unit.id).where(Assignment.role == "lead")
            )
        )
    assert len(paths) == len(leads) + 1  # and the office's own sheet of the tasks that name no lead unit
    assert {path.name.split("_")[0] for path in paths} == leads | {NO_LEAD_UNIT}
    for path in paths:
        assert path.parent == tmp_path / "out"
        assert path.name.endswith("_2016年6月进展填报表.xlsx")
        assert not re.search(r'[<>:"/\\|?*]', path.name)

    workbook = openpyxl.load_workbook(tmp_path / "out" / f"{UNIT}_2016年6月进展填报表.xlsx")
    sheet = workbook.worksheets[0]
    assert sheet.title == UNIT
    assert [cell.value for cell in sheet[3]] == [
        "序号",
        "工作任务",
        "工作要求",
        "完成时限",
        "上次报送状态",
        "状态",
        "6月进展情况",
        "存在问题",
        "下一步打算",
        "佐证材料",
    ]
    assert [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)] == [32, 33, 34, 35]
    assert sheet["B4"].value == "加大空气质量预测预报信息公开力度"
    assert sheet["A2"].value.startswith(f"填报单位：{UNIT}")


def test_task_columns_locked_and_status_from_a_list(plan_db: Database, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(make(plan_db, tmp_path))
    sheet = workbook.worksheets[0]
    assert sheet.protection.sheet
    assert workbook.security.lockStructure
    for row in range(4, 8):
        assert [sheet.cell(row, column).protection.locked for column in range(1, 11)] == [True] * 5 + [False] * 5
    (choices,) = sheet.data_validations.dataValidation
    assert choices.type == "list"
    assert choices.formula1 == '"未启动,推进中,已完成,持续推进"'
    assert str(choices.sqref) == "F4:F7"
    meta = workbook.worksheets[1]
    assert meta.sheet_state == "veryHidden"
    assert meta.protection.sheet


def test_open_columns_prefilled_with_the_months_entry(plan_db: Database, tmp_path: Path) -> None:
    record(plan_db, "2016-05", {33: Report("completed"), 32: Report("not_started")})
    record(plan_db, MONTH, {32: Report("in_progress", done="已发布预报", evidence="http://example.gov.cn/1")})
    sheet = openpyxl.load_workbook(make(plan_db, tmp_path)).worksheets[0]
    assert [sheet[f"{column}4"].value for column in "EFGHIJ"] == [
        "未启动\n（2016年5月）",
        "推进中",
        "已发布预报",
        None,
        None,
        "http://example.gov.cn/1",
    ]
    assert [sheet[f"{column}5"].value for column in "EFG"] == ["已完成\n（2016年5月）", None, None]
    assert sheet["E6"].value == "未报送过"


def test_unsafe_unit_name_gives_a_safe_file_and_sheet(plan_db: Database, tmp_path: Path) -> None:
    with plan_db.transaction() as session:
        session.get_one(Unit, unit_id(plan_db, UNIT)).name = "市环保局/生态:环境*局"
    path = make(plan_db, tmp_path, unit="市环保局/生态:环境*局")
    assert path.name == "市环保局_生态_环境_局_2016年6月进展填报表.xlsx"
    assert openpyxl.load_workbook(path).worksheets[0].title == "市环保局_生态_环境_局"
    assert import_all(plan_db, [fill(path, {"F4": "推进中"})]) == 1


# --- reading them back -----------------------------------------------------------------


def test_filled_sheet_becomes_the_months_entries(plan_db: Database, tmp_path: Path) -> None:
    before = owing(plan_db)
    assert before[UNIT] == ["32", "33", "34", "35"]
    assert "35" in before["市发改委"]

    path = fill(
        make(plan_db, tmp_path),
        {
            "F4": "推进中",
            "G4": "完成预报系统升级",
            "H4": "经费不足",
            "I4": "申请专项经费",
            "J4": "http://hbj.xm.gov.cn/a",
            "F5": "已完成",
            "G5": "=每季度公开一次",  # typed with a leading =: stored as text, read as text
            "F6": "持续推进",
        },
    )
    workbook = openpyxl.load_workbook(path)
    workbook.worksheets[0]["G5"].data_type = "s"  # as Excel stores a text typed with a leading apostrophe
    workbook.save(path)

    with plan_db.session() as session:
        preview = read_returns(session, [path])
    (file,) = preview.files
    assert (preview.plan_id, preview.month, file.unit, file.sheet, file.blank_rows) == (1, MONTH, UNIT, UNIT, 1)
    assert [(e.number, e.change, e.row) for e in file.entries] == [(32, "new", 4), (33, "new", 5), (34, "new", 6)]

    done = perform(plan_db, IMPORT_RETURNS(preview, "张三"))
    assert done.value == 3 and done.backup is not None and done.backup.name.endswith("-returns-import.db")
    assert done.changes.tables() == {"progress_entries"} and len(done.changes.changes) == 3
    assert done.touched.statuses == {task_id(plan_db, number) for number in (32, 33, 34)} and not done.touched.structure
    unit = unit_id(plan_db, UNIT)
    assert entries(plan_db) == {
        32: ("in_progress", "完成预报系统升级", "经费不足", "申请专项经费", "http://hbj.xm.gov.cn/a", unit, "张三"),
        33: ("completed", "=每季度公开一次", "", "", "", unit, "张三"),
        34: ("ongoing", "", "", "", "", unit, "张三"),
    }
    after = owing(plan_db)
    assert after[UNIT] == ["35"]
    assert "35" in after["市发改委"] and "34" not in after.get("市发改委", [])


def test_preview_shows_changed_and_unchanged_entries(plan_db: Database, tmp_path: Path) -> None:
    record(plan_db, MONTH, {32: Report("in_progress", done="旧的进展"), 33: Report("completed", done="已办结")})
    path = fill(make(plan_db, tmp_path), {"G4": "新的进展", "F6": "推进中"})
    with plan_db.session() as session:
        preview = read_returns(session, [path], plan_id=first_plan(plan_db), month=MONTH)
    changes = {entry.number: entry for entry in preview.entries}
    assert {number: entry.change for number, entry in changes.items()} == {
        32: "changed",
        33: "unchanged",
        34: "new",
    }
    assert (changes[32].old.done, changes[32].report.done) == ("旧的进展", "新的进展")
    assert preview.files[0].blank_rows == 1
    assert import_all(plan_db, [path], by="李四") == 2
    recorded = entries(plan_db)
    assert recorded[32][1] == "新的进展" and recorded[32][-1] == "李四"
    assert recorded[33][-1] == ""  # unchanged: not written again
    assert import_all(plan_db, [path]) == 0


def test_the_same_report_from_two_lead_units_is_taken_once(plan_db: Database, tmp_path: Path) -> None:
    ours = fill(make(plan_db, tmp_path / "a"), {"F7": "已完成"})
    theirs = make(plan_db, tmp_path / "b", unit="市发改委")
    sheet = openpyxl.load_workbook(theirs).worksheets[0]
    row = next(cells[0].row for cells in sheet.iter_rows(min_row=4) if cells[0].value == 35)
    assert import_all(plan_db, [ours, fill(theirs, {f"F{row}": "已完成"})]) == 1
    fill(theirs, {f"F{row}": "推进中"})
    refused(plan_db, [ours, theirs], "任务 35", f"工作表 市发改委 第 {row} 行", "两处内容不同")


# --- bad returns -----------------------------------------------------------------------


def test_sheet_for_another_month_is_refused(plan_db: Database, tmp_path: Path) -> None:
    may = fill(make(plan_db, tmp_path / "may", month="2016-05"), {"F4": "推进中"})
    error = refused(plan_db, [may], "这是2016年5月的填报表，不是2016年6月的", month=MONTH)
    assert str(error) == f"{may}（工作表 {UNIT} 单元格 A2）：这是2016年5月的填报表，不是2016年6月的"
    june = fill(make(plan_db, tmp_path / "june"), {"F4": "推进中"})
    refused(plan_db, [june, may], may.name, "不是2016年6月的")  # the batch's month is the first file's


def test_sheet_from_another_plan_is_refused(plan_db: Database, tmp_path: Path) -> None:
    text = tmp_path / "2017.txt"
    text.write_text(
        "厦门市2017年政务公开工作要点\n\t一、推进决策公开\n\t1.公开重大决策预案\n\t市环保局\n\t市财政局\n\t按时公开。\n",
        encoding="utf-8",
    )
    with plan_db.transaction() as session:
        other = import_plan(session, read_plan(text)).plan_id
    path = fill(make(plan_db, tmp_path, plan_id=other), {"F4": "已完成"})
    refused(
        plan_db,
        [path],
        path.name,
        f"工作表 {UNIT} 单元格 A1",
        "厦门市2017年政务公开工作要点",
        plan_id=first_plan(plan_db),
        month=MONTH,
    )


def test_edited_task_cell_is_refused(plan_db: Database, tmp_path: Path) -> None:
    path = fill(make(plan_db, tmp_path), {"F4": "推进中", "B5": "改过的任务名称", "C6": None})
    error = refused(plan_db, [path])
    assert [problem.where for problem in error.problems] == [f"工作表 {UNIT} 单元格 B5", f"工作表 {UNIT} 单元格 C6"]
    assert "“工作任务”列的内容被改动过" in error.problems[0].problem
    assert all(problem.path == path for problem in error.problems)


def test_unknown_status_or_none_is_refused(plan_db: Database, tmp_path: Path) -> None:
    path = fill(make(plan_db, tmp_path), {"F4": "推进中", "F5": "做完了", "G6": "写了进展却没选状态"})
    error = refused(plan_db, [path])
    assert [str(problem) for problem in error.problems] == [
        f"{path}（工作表 {UNIT} 单元格 F5）：状态“做完了”不是可选的状态（未启动、推进中、已完成、持续推进）",
        f"{path}（工作表 {UNIT} 单元格 F6）：填写了进展，但没有选择状态",
    ]
    assert str(error).splitlines() == [str(problem) for problem in error.problems]


def test_rows_deleted_or_added_are_refused(plan_db: Database, tmp_path: Path) -> None:
    path = make(plan_db, tmp_path / "deleted")
    workbook = openpyxl.load_workbook(path)
    workbook.worksheets[0].delete_rows(5)
    workbook.worksheets[0]["F4"] = "推进中"
    workbook.save(path)
    refused(plan_db, [path], f"工作表 {UNIT} 单元格 A5", "行被增加、删除或移动过")
    added = fill(make(plan_db, tmp_path / "added"), {"F4": "推进中", "A8": 36, "B8": "自己加的任务"})
    refused(plan_db, [added], f"工作表 {UNIT} 第 8 行", "不能增加行")


def test_task_deleted_since_is_refused(plan_db: Database, tmp_path: Path) -> None:
    path = fill(make(plan_db, tmp_path), {"F5": "已完成"})
    with plan_db.transaction() as session:
        delete_task(session, task_id(plan_db, 33))
    refused(plan_db, [path], f"工作表 {UNIT} 单元格 A5", "任务 33 已不在计划中")


def test_unit_not_in_the_registry_is_refused(plan_db: Database, tmp_path: Path) -> None:
    path = fill(make(plan_db, tmp_path), {"F4": "推进中"})
    with plan_db.transaction() as session:
        session.get_one(Unit, unit_id(plan_db, UNIT)).name = "市生态环境局"
    refused(plan_db, [path], f"工作表 {UNIT} 单元格 A2", "填报单位“市环保局”不在本数据库的单位名录中")


def test_files_that_are_no_returns_are_refused(plan_db: Database, tmp_path: Path) -> None:
    text = tmp_path / "text.xlsx"
    text.write_text("序号,工作任务\n", encoding="utf-8")
    data = make(plan_db, tmp_path).read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    entity = tmp_path / "entity.xlsx"
    entity.write_bytes(with_entity_declaration(data))
    ledger = tmp_path / "台账.xlsx"
    with plan_db.session() as session:
        write_ledger(ledger_data(session, first_plan(plan_db), MONTH), ledger)
    error = refused(plan_db, [text, truncated, entity, ledger])
    assert [(problem.path.name, problem.where) for problem in error.problems] == [
        ("text.xlsx", ""),
        ("truncated.xlsx", ""),
        ("entity.xlsx", ""),
        ("台账.xlsx", ""),
    ]
    starts = (
        "不是 Excel 工作簿",
        "工作簿不完整或已损坏",
        "已损坏或无法读取的工作簿：含有不允许的 XML 实体声明",
        "不是本程序生成的进展填报表",
    )
    for problem, start in zip(error.problems, starts, strict=True):
        assert problem.problem.startswith(start)


def with_entity_declaration(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>' + content
            target.writestr(member.filename, content)
    return out.getvalue()


def test_every_problem_of_every_file_and_nothing_written(plan_db: Database, tmp_path: Path) -> None:
    good = fill(make(plan_db, tmp_path / "good"), {"F4": "推进中", "G4": "进展"})
    bad = fill(make(plan_db, tmp_path / "bad", unit="市发改委"), {"F4": "好了", "F5": "差不多"})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    error = refused(plan_db, [good, bad, broken])
    assert [(problem.path, problem.where) for problem in error.problems] == [
        (bad, "工作表 市发改委 单元格 F4"),
        (bad, "工作表 市发改委 单元格 F5"),
        (broken, ""),
    ]
    assert len(str(error).splitlines()) == 3
    assert entries(plan_db) == {}


def test_restarting_numbers_are_labelled_on_sheets_and_reminders(levels_db: Database, tmp_path: Path) -> None:
    """Where numbers restart, the 序号 cell holds the label (一·二·1); the
    fingerprint is of it, so the sheet comes back intact."""
    from tests.three_levels import plan_id

    with levels_db.session() as session:
        (path,) = make_returns(fill_in_sheets(session, plan_id(levels_db), "2021-06", units=["区政府办公室"]), tmp_path)
    owed = owing(levels_db, "2021-06", plan_id(levels_db))
    assert owed["区政府办公室"] == ["一·一·1·1", "一·二·1"]
    assert owed["区数据局"] == ["二·1", "二·一·1·1", "二·一·1·2"]
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [sheet.cell(row, 1).value for row in (4, 5)] == ["一·一·1·1", "一·二·1"]
    fill(path, {"F4": "推进中", "G4": "已起草制度", "F5": "已完成"})
    with levels_db.session() as session:
        preview = read_returns(session, [path])
    assert [(entry.label, entry.change) for entry in preview.entries] == [("一·一·1·1", "new"), ("一·二·1", "new")]
    assert import_all(levels_db, [path]) == 2


def test_the_office_fills_in_the_tasks_without_a_lead_unit_on_a_sheet_of_its_own(
    plan_db: Database, tmp_path: Path
) -> None:
    """Until a task names a lead unit, nobody else is asked: the office's own
    sheet lists the 18 such tasks, comes back like a unit's, and its entries
    have no reporting unit."""
    path = make(plan_db, tmp_path, unit=NO_LEAD_UNIT)
    assert path.name == f"{NO_LEAD_UNIT}_2016年6月进展填报表.xlsx"
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.title == NO_LEAD_UNIT
    assert "以下任务未写明牵头单位，明确牵头单位前由本办了解并填报" in sheet["A2"].value
    numbers = [row[0] for row in sheet.iter_rows(min_row=4, max_col=1, values_only=True)]
    assert len(numbers) == 18 and numbers[0] == 4
    fill(path, {"F4": "推进中", "G4": "本办已向市监局了解", "F5": "已完成"})
    assert owing(plan_db)[NO_LEAD_UNIT][:2] == ["4", "5"]
    assert import_all(plan_db, [path]) == 2
    assert entries(plan_db) == {
        4: ("in_progress", "本办已向市监局了解", "", "", "", None, ""),
        5: ("completed", "", "", "", "", None, ""),
    }
    assert owing(plan_db)[NO_LEAD_UNIT][:1] == ["39"]


def test_the_office_sheet_cannot_be_passed_off_as_a_units(plan_db: Database, tmp_path: Path) -> None:
    """Its metadata says 需明确牵头单位 with the office's id, or it is not ours."""
    path = make(plan_db, tmp_path, unit=NO_LEAD_UNIT)
    book = openpyxl.load_workbook(path)
    [unit] = [row[1] for row in book[META_SHEET].iter_rows() if row[0].value == "unit"]
    unit.value = "市环保局"
    book.save(path)
    refused(plan_db, [path], path.name)

"""The Excel ledger, read back with openpyxl and compared with the database."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from db.operations.progress import Report, record_month
from db.queries.ledger import month_entries, outline, unit_names
from db.queries.sheets import ledger_data
from db.queries.status import task_states
from db.schema.database import Database
from db.schema.models import Plan, Task
from db.vocabulary import NO_LEAD_UNIT, STATUS_LABELS
from documents.excel.layout import COLUMNS
from documents.excel.ledger import LEDGER_COLUMNS, write_ledger
from documents.excel.measure import CELL_MARGIN_POINTS, DIGIT_POINTS, line_count, lines_height, text_points
from tests.conftest import plan_id, task_id

MONTH = "2016-06"
TODAY = date(2016, 7, 10)
WIDTH = len(LEDGER_COLUMNS)


def record(database: Database, month: str, reports: dict[int, Report]) -> None:
    with database.transaction() as session:
        record_month(session, month, {task_id(database, number): report for number, report in reports.items()})


def ledger(database: Database, path: Path, month: str | None = MONTH, today: date = TODAY) -> Worksheet:
    with database.session() as session:
        info = write_ledger(ledger_data(session, plan_id(database), month, today), path)
    assert info.path == path
    return openpyxl.load_workbook(path).active


def text(value: object) -> object:
    return "" if value is None else value


@pytest.fixture
def reported(plan_db: Database) -> Database:
    """June reports on tasks 1 and 2, a May report on task 3."""
    record(plan_db, "2016-05", {3: Report("completed", done="五月办结")})
    record(
        plan_db,
        MONTH,
        {
            1: Report("in_progress", done="已公开权力清单", problems="部分部门滞后", next_steps="七月完成"),
            2: Report("ongoing", done="动态调整"),
        },
    )
    return plan_db


def test_ledger_equals_the_database(reported: Database, tmp_path: Path) -> None:
    sheet = ledger(reported, tmp_path / "台账.xlsx")
    with reported.session() as session:
        the_plan = plan_id(reported)
        _sections, tasks = outline(session, the_plan)
        names = unit_names(session, the_plan)
        entries = month_entries(session, None, MONTH)
        states = task_states(session, the_plan, MONTH, TODAY)
        details = {t.id: t for t in session.scalars(select(Task).where(Task.plan_id == the_plan))}

    assert sheet["A1"].value == "厦门市2016年政务公开工作主要任务责任分工（截至2016年6月底）"
    assert [cell.value for cell in sheet[2]] == [
        "序号",
        "工作任务",
        "牵头单位",
        "责任单位",
        "工作要求",
        "完成时限",
        "6月进展情况",
        "存在问题",
        "下一步打算",
        "状态",
        "预警",
        "标识",
    ]
    expected = []
    for task in tasks:
        entry = entries.get(task.id)
        lead, responsible = names[task.id]
        expected.append(
            (
                task.number,
                task.title,
                "，".join(lead) or NO_LEAD_UNIT,
                "，".join(responsible),
                details[task.id].requirement,
                details[task.id].deadline_text,
                entry.done if entry else "",
                entry.problems if entry else "",
                entry.next_steps if entry else "",
                STATUS_LABELS[states[task.id].status],
            )
        )
    rows = [
        tuple(map(text, row[: WIDTH - 1]))
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if isinstance(row[0], int)
    ]
    assert rows == expected
    assert len(rows) == 66

    by_number = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if isinstance(row[0], int)}
    assert by_number[1][6:10] == ("已公开权力清单", "部分部门滞后", "七月完成", "推进中")
    assert by_number[3][6] is None and by_number[3][9] == "已完成"  # May's status, no June progress
    assert by_number[4][9] == "未启动" and by_number[4][10] == "黄灯：本月未报送"
    assert by_number[1][10] is None


def test_the_ledger_carries_plan_and_task_uuids(reported: Database, tmp_path: Path) -> None:
    sheet = ledger(reported, tmp_path / "台账.xlsx")
    with reported.session() as session:
        plan = session.get_one(Plan, plan_id(reported))
        uuids = {task.number: task.uuid for task in session.scalars(select(Task).where(Task.plan_id == plan.id))}
        plan_uuid = plan.uuid
    assert sheet.column_dimensions["L"].hidden
    assert sheet["L1"].value == plan_uuid and sheet["L2"].value == "标识"
    carried = {row[0]: row[WIDTH] for row in sheet.iter_rows(min_row=3, values_only=True) if isinstance(row[0], int)}
    assert carried == uuids


def test_section_rows_are_merged_and_bold(reported: Database, tmp_path: Path) -> None:
    sheet = ledger(reported, tmp_path / "台账.xlsx")
    with reported.session() as session:
        sections, _ = outline(session, plan_id(reported))
    merged = {(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges}
    headings = [row for row in range(3, sheet.max_row + 1) if not isinstance(sheet.cell(row, 1).value, int)]
    assert len(headings) == len(sections) == 30
    assert sheet.cell(headings[0], 1).value == "一、围绕深化改革推进公开"
    assert sheet.cell(headings[1], 1).value == "（一）进一步推进权力清单和责任清单公开"
    for row in headings:
        assert (row, 1, row, WIDTH) in merged
        assert sheet.cell(row, 1).font.bold
    assert (1, 1, 1, WIDTH) in merged  # the title


def test_header_filter_and_print_setup(reported: Database, tmp_path: Path) -> None:
    sheet = ledger(reported, tmp_path / "台账.xlsx")
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:L{sheet.max_row}"  # the hidden UUIDs sort with their rows
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$2:$2"
    assert sheet["B5"].alignment.wrap_text
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width


def test_text_that_looks_like_a_formula_stays_text(plan_db: Database, tmp_path: Path) -> None:
    with plan_db.transaction() as session:
        task = session.get_one(Task, task_id(plan_db, 1))
        task.title = '=HYPERLINK("http://example.com","点击")'
        task.requirement = "+86 0592 电话公开"
    record(plan_db, MONTH, {1: Report("in_progress", done="-已完成一半", problems="@市编办 请协调")})
    path = tmp_path / "台账.xlsx"
    sheet = ledger(plan_db, path)
    row = next(cells for cells in sheet.iter_rows(min_row=3) if cells[0].value == 1)
    literal = {cell.column_letter: cell for cell in row}
    assert literal["B"].value == '=HYPERLINK("http://example.com","点击")'
    assert literal["E"].value == "+86 0592 电话公开"
    assert literal["G"].value == "-已完成一半"
    assert literal["H"].value == "@市编办 请协调"
    for column in "BEGH":
        assert literal[column].data_type == "s"
        assert literal[column].quotePrefix
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_month_defaults_to_the_plans_default_month(plan_db: Database, tmp_path: Path) -> None:
    assert ledger(plan_db, tmp_path / "a.xlsx", None, date(2016, 3, 15))["A1"].value.endswith("（截至2016年3月底）")
    sheet = ledger(plan_db, tmp_path / "b.xlsx", None, date(2017, 2, 1))
    assert sheet["A1"].value.endswith("（截至2016年12月底）")
    assert sheet["G2"].value == "12月进展情况"


def test_written_through_a_temporary_file(plan_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"older")
    ledger(plan_db, path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(("ledger.db", "backups"))) == [
        "台账.xlsx"
    ]
    with plan_db.session() as session:
        data = ledger_data(session, plan_id(plan_db), MONTH)
    with pytest.raises(OSError, match="无法写入"):
        write_ledger(data, tmp_path / "missing" / "台账.xlsx")


def test_three_levels_each_in_their_style_and_restarting_numbers_labelled(levels_db: Database, tmp_path: Path) -> None:
    from documents.excel.layout import SECTION_STYLES
    from tests.three_levels import LABELS
    from tests.three_levels import plan_id as levels_plan

    with levels_db.session() as session:
        write_ledger(ledger_data(session, levels_plan(levels_db), "2021-06", date(2021, 7, 1)), tmp_path / "台账.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "台账.xlsx").active
    column_a = [sheet.cell(row, 1) for row in range(3, sheet.max_row + 1)]
    merged = {r.min_row for r in sheet.merged_cells.ranges}
    headings = [(cell.value, cell.style) for cell in column_a if cell.row in merged]
    assert headings == [
        ("一、推进决策公开", SECTION_STYLES[1]),
        ("（一）深化重大决策预公开", SECTION_STYLES[2]),
        ("1. 完善公众参与机制", SECTION_STYLES[3]),
        ("2. 做好决策解读", SECTION_STYLES[3]),
        ("（二）推进政策解读", SECTION_STYLES[2]),
        ("二、加强平台建设", SECTION_STYLES[1]),
        ("（一）优化政府网站", SECTION_STYLES[2]),
        ("1. 整合网站栏目", SECTION_STYLES[3]),
    ]
    first_row = {cell.style: cell for cell in reversed(column_a)}
    assert [first_row[SECTION_STYLES[level]].font.name for level in (1, 2, 3)] == ["黑体", "楷体", "仿宋"]
    assert [cell.value for cell in column_a if cell.row not in merged] == LABELS  # text: 一·一·1·1 is no number
    fits = (text_points("一·一·1·1", 11) + CELL_MARGIN_POINTS) / DIGIT_POINTS
    assert sheet.column_dimensions["A"].width >= fits  # labels fit in the 序号 column


def test_every_row_is_as_tall_as_its_wrapped_text(reported: Database, tmp_path: Path) -> None:
    """openpyxl writes no heights: without them wrapped text runs over the rows below."""
    sheet = ledger(reported, tmp_path / "台账.xlsx")
    tasks = [row for row in range(3, sheet.max_row + 1) if isinstance(sheet.cell(row, 1).value, int)]
    heights = {row: sheet.row_dimensions[row].height for row in tasks}
    assert all(heights.values())
    long_row = max(tasks, key=lambda row: len(sheet.cell(row, 5).value or ""))  # the longest 工作要求
    lines = line_count(sheet.cell(long_row, 5).value, COLUMNS["requirement"].width, 11)
    assert lines >= 4
    assert heights[long_row] >= lines_height(lines, 11) > min(heights.values())

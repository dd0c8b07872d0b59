"""Every workbook the program writes — the Excel ledger, a unit's fill-in
sheet, the office's own sheet of the tasks without a lead unit, the 催报
list — read back with openpyxl, and printed to PDF by LibreOffice: no text
runs over other text (the words' boxes of `pdftotext -bbox` do not overlap),
every page is A4 landscape and one page wide, the header row repeats, and a
long text ends above the row under it.

LibreOffice converts the four workbooks in one run (about 5 s); without
`soffice` those tests are skipped, saying so.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from db.operations.progress import Report, record_month
from db.queries.sheets import fill_in_sheets, ledger_data, reminders_data
from db.schema.database import open_database
from db.schema.models import Task, Unit
from db.vocabulary import NO_LEAD_UNIT
from documents.excel.ledger import write_ledger
from documents.excel.measure import MAX_ROW_HEIGHT, line_count
from documents.excel.reminders import write_reminders_workbook
from documents.excel.returns import make_returns
from tests.plan_corpus.office import convert
from tests.printed import Page, pages

MONTH = "2016-06"
TODAY = date(2016, 7, 4)
SOFFICE = shutil.which("soffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: the workbooks cannot be printed to PDF here"
)
# A report as units write them: Chinese with Latin words, numbers and
# brackets, several paragraphs, and a web address longer than its column.
LONG = (
    "6月共召开专题会议3次，印发《厦门市政务公开工作要点（2016）》及配套文件，"
    "在政府门户网站 www.xm.gov.cn 开设“权力清单”专栏，累计公开事项 1,286 项，"
    "其中 Open Data 平台新增数据集 42 个。\n"
    "各区已完成对照检查，思明区、湖里区 examples of best practice 已在全市推广。\n"
    "下一阶段将会同市审改办开展第三方评估，形成评估报告报市政府。末尾"
)
ADDRESS = "http://www.xm.gov.cn/zwgk/zfxxgkml/qlqd/201606/t20160630_1234567_qingdan_fujian_mulu.htm"
MANY_LINES = "\n".join(f"第{n}条：部分部门报送不及时。" for n in range(1, 9))


@pytest.fixture(scope="module")
def workbooks(plan_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The four workbooks of June, made from the 2016 plan with reports long
    and short, and contacts for two units."""
    folder = tmp_path_factory.mktemp("workbooks")
    shutil.copy(plan_template, folder / "ledger.db")
    database = open_database(folder / "ledger.db")
    with database.transaction() as session:
        ids = {number: task_id for number, task_id in session.execute(select(Task.number, Task.id))}
        record_month(
            session,
            MONTH,
            {
                ids[1]: Report("in_progress", done=LONG, problems="暂无", next_steps="七月底前完成", evidence=ADDRESS),
                ids[2]: Report("ongoing", done="动态调整", problems=MANY_LINES),
                ids[4]: Report("in_progress", done="已梳理抽查事项清单 (draft v2)，待审定。", evidence=ADDRESS),
            },
        )
        for name, contact, phone in (("市编办", "李娜", "0592-5180001"), ("市发改委", "陈志强", "13906012345")):
            unit = session.scalars(select(Unit).where(Unit.name == name)).one()
            unit.contact, unit.phone = contact, phone
    with database.session() as session:
        ledger = write_ledger(ledger_data(session, 1, MONTH, TODAY), folder / "台账.xlsx").path
        unit_sheet, office_sheet = make_returns(
            fill_in_sheets(session, 1, MONTH, units=["市编办", NO_LEAD_UNIT]), folder
        )
        reminders = write_reminders_workbook(reminders_data(session, 1, MONTH, TODAY), folder / "催报名单.xlsx")
    database.close()
    yield {"ledger": ledger, "unit": unit_sheet, "office": office_sheet, "reminders": reminders}


@pytest.fixture(scope="module")
def printed(workbooks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """Each workbook as LibreOffice prints it, page by page."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pdfs = convert(list(workbooks.values()), "pdf", tmp_path_factory.mktemp("printed"))
    return {name: pages(pdf) for name, pdf in zip(workbooks, pdfs, strict=True)}


def test_every_row_has_a_height_as_tall_as_its_lines(workbooks: dict[str, Path]) -> None:
    """openpyxl writes no heights unless told: every row of every print area
    has one, a row of eight lines is eight lines tall, none is taller than
    Excel allows."""
    for name, path in workbooks.items():
        sheet = openpyxl.load_workbook(path).worksheets[0]
        area = sheet.print_area[0] if isinstance(sheet.print_area, list) else sheet.print_area
        last = int(area.rsplit("$", 1)[1])
        heights = [sheet.row_dimensions[row].height for row in range(1, last + 1)]
        assert all(heights), (name, heights.index(None) + 1)
        assert max(heights) <= MAX_ROW_HEIGHT
    ledger = openpyxl.load_workbook(workbooks["ledger"]).active
    rows = {ledger.cell(row, 1).value: row for row in range(3, ledger.max_row + 1)}
    assert ledger.row_dimensions[rows[2]].height >= 8 * 14.5  # MANY_LINES: eight lines
    assert ledger.row_dimensions[rows[1]].height > ledger.row_dimensions[rows[3]].height  # LONG
    assert ledger.row_dimensions[rows[7]].height < 3 * 14.5 + 8  # a short task stays short


def test_every_workbook_prints_on_a4_landscape_one_page_wide(workbooks: dict[str, Path]) -> None:
    for name, path in workbooks.items():
        sheet = openpyxl.load_workbook(path).worksheets[0]
        assert sheet.page_setup.orientation == "landscape", name
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows
    ledger = openpyxl.load_workbook(workbooks["ledger"]).active
    assert ledger.print_area == f"'台账'!$A$1:$K${ledger.max_row}"  # not the hidden UUID column L
    assert ledger.print_title_rows == "$2:$2"


def test_the_workbook_default_font_sets_the_same_column_widths_everywhere(workbooks: dict[str, Path]) -> None:
    """Arial 11, whose digit is the unit of column width alike in Excel, WPS
    and LibreOffice (Liberation Sans), not Calibri."""
    workbook = openpyxl.load_workbook(workbooks["ledger"])
    assert workbook._fonts[0].name == "Arial" and workbook._fonts[0].sz == 11


@needs_office
def test_no_text_runs_over_other_text_when_printed(printed: dict[str, list[Page]]) -> None:
    for name, document in printed.items():
        for number, page in enumerate(document, start=1):
            clashes = page.overlapping()
            assert not clashes, (name, number, [(a.text, b.text) for a, b in clashes[:5]])


@needs_office
def test_printed_landscape_one_page_wide_with_the_header_on_every_page(printed: dict[str, list[Page]]) -> None:
    assert len(printed["ledger"]) > 3
    for name, document in printed.items():
        for number, page in enumerate(document, start=1):
            assert page.width > page.height, (name, number)
            assert all(word.x1 <= page.width - 10 for word in page.words), (name, number)
            assert f"第{number}页共{len(document)}页" in page.text, (name, number)
            header = "任务" if name == "reminders" else "工作任务"
            assert header in {word.text for word in page.words}, (name, number)


@needs_office
def test_a_long_report_ends_above_the_row_under_it(printed: dict[str, list[Page]]) -> None:
    """The last word of task 1's report (末尾) is printed above the first
    line of task 2, and in no more lines than were measured for it."""
    words = [word for page in printed["ledger"][:1] for word in page.words]
    end = next(word for word in words if word.text.endswith("末尾"))
    below = next(word for word in words if word.text.startswith("推动区级政府"))  # task 2's title
    assert end.y1 <= below.y0 + 1
    first = next(word for word in words if word.text.startswith("6月共召开"))
    starts = {
        round(word.y0) for word in words if abs(word.x0 - first.x0) < 1.5 and first.y0 - 1 <= word.y0 <= end.y0 + 1
    }
    assert len(starts) <= line_count(LONG, 36, 11)  # each line starts at the column's left edge


@needs_office
def test_the_reminders_and_the_office_sheet_print_the_tasks_without_a_lead_unit(printed: dict[str, list[Page]]) -> None:
    reminders = "".join(page.text for page in printed["reminders"])
    assert "需明确牵头单位（" in reminders
    assert "李娜" in reminders and "0592-5180001" in reminders  # 市编办 owes task 3, 市发改委 several
    assert "陈志强" in reminders
    office = "".join(page.text for page in printed["office"])
    assert "以下任务未写明牵头单位" in office

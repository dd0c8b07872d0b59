"""The 催报 list: who owes the month's report, grouped by unit with whom to
call there, the tasks without a lead unit last; as a PDF, a workbook, the
window's list (printed, saved, copied) and `main.py report reminders`."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from db.operations.progress import Report, record_month
from db.operations.registry import SET_CONTACT
from db.operations.runner import perform
from db.queries.sheets import RemindersData, reminders_data
from db.schema.database import Database
from db.schema.models import Assignment, Task, Unit
from db.vocabulary import NO_LEAD_UNIT
from desktop.ledger import Ledger
from desktop.returns_dialog import RemindersDialog
from documents.excel.reminders import write_reminders_workbook
from documents.pdf.reminders import write_reminders
from tests.conftest import dump, file_digest, refused, run_main
from tests.printed import pages

MONTH = "2016-06"
TODAY = date(2016, 7, 4)


def unit_id(database: Database, name: str) -> int:
    with database.session() as session:
        return session.scalars(select(Unit.id).where(Unit.name == name)).one()


@pytest.fixture
def chased(plan_db: Database) -> Database:
    """The 2016 plan with June reported for tasks 1 to 3 (市编办 leads them), and the contacts of two units."""
    perform(plan_db, SET_CONTACT(unit_id(plan_db, "市编办"), " 李 娜 ", "0592-5180001 "))
    perform(plan_db, SET_CONTACT(unit_id(plan_db, "市发改委"), "陈志强", "13906012345"))
    with plan_db.transaction() as session:
        ids = {number: task_id for number, task_id in session.execute(select(Task.number, Task.id))}
        record_month(session, "2016-05", {ids[11]: Report("in_progress", done="已起草")})
        record_month(session, MONTH, {ids[number]: Report("in_progress", done="已公开") for number in (1, 2, 3)})
    return plan_db


def data_of(database: Database, month: str = MONTH) -> RemindersData:
    with database.session() as session:
        return reminders_data(session, 1, month, TODAY)


def test_owed_tasks_grouped_by_unit_with_contacts_and_the_unled_last(chased: Database) -> None:
    data = data_of(chased)
    by_name = {unit.name: unit for unit in data.units}
    assert "市编办" not in by_name  # it leads tasks 1 to 3, all reported
    assert (by_name["市发改委"].contact, by_name["市发改委"].phone) == ("陈志强", "13906012345")
    assert [task.label for task in by_name["市发改委"].tasks][:2] == ["11", "12"]
    assert by_name["市发改委"].tasks[0].last == ("in_progress", "2016-05")
    assert by_name["市发改委"].tasks[1].last is None
    with chased.session() as session:
        led = set(session.scalars(select(Assignment.task_id).where(Assignment.role == "lead")))
        unled = sorted(session.scalars(select(Task.number).where(Task.id.not_in(led))))  # plan order: 1 to 66
    last = data.units[-1]
    assert (last.unit_id, last.name) == (None, NO_LEAD_UNIT)
    assert [task.label for task in last.tasks] == [str(number) for number in unled]
    assert len(unled) == 18  # the bundled plan's tasks that name no lead unit
    assert data.due == date(2016, 6, 25)  # the default report day
    assert data.tasks == sum(len(unit.tasks) for unit in data.units)


def test_the_contact_is_cleaned_and_checked(chased: Database) -> None:
    with chased.session() as session:
        unit = session.get_one(Unit, unit_id(chased, "市编办"))
        assert (unit.contact, unit.phone) == ("李 娜", "0592-5180001")
    before = dump(chased.path)
    from db.errors import EditError

    with pytest.raises(EditError, match="联系人不能超过 100 个字"):
        perform(chased, SET_CONTACT(unit_id(chased, "市编办"), "长" * 101, ""))
    assert dump(chased.path) == before


def test_the_pdf_lists_each_unit_with_its_contact_and_tasks(chased: Database, tmp_path: Path) -> None:
    info = write_reminders(data_of(chased), tmp_path / "催报.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "催报.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2016年6月工作进展催报名单" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "市发改委（7项） 联系人：陈志强 电话：13906012345" in lines  # the heading over its tasks
    assert "市市场监督管理局（3项） 联系人：— 电话：—" in lines
    assert f"{NO_LEAD_UNIT}（18项）" in text
    assert "上次报送" in text and "推进中（2016年5月）" in text
    assert text.index("市发改委") < text.index(NO_LEAD_UNIT + "（")  # the unled come last
    assert info.pages >= 2
    printed = pages(tmp_path / "催报.pdf")
    assert len(printed) == info.pages and all(page.width > page.height for page in printed)  # A4 landscape
    assert not [page.overlapping() for page in printed if page.overlapping()]  # no text runs over other text


def test_the_workbook_gives_each_task_row_its_units_contact(chased: Database, tmp_path: Path) -> None:
    """On the unit's first row in black, on its further rows in gray: a page
    break, a sort or a filter never parts a task from whom to call."""
    path = write_reminders_workbook(data_of(chased), tmp_path / "催报.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [cell.value for cell in sheet[3]] == [
        "序号",
        "单位",
        "联系人",
        "电话",
        "任务",
        "工作任务",
        "完成时限",
        "上次报送",
        "催报情况",
    ]
    rows = [row for row in range(4, sheet.max_row) if sheet.cell(row, 2).value == "市发改委（7项）"]
    assert len(rows) == 7 and rows == list(range(rows[0], rows[0] + 7))
    first, second = rows[:2]
    assert [sheet.cell(first, column).value for column in (3, 4, 5)] == ["陈志强", "13906012345", "第11项"]
    assert sheet.cell(first, 1).value and sheet.cell(second, 1).value is None  # numbered once
    assert [sheet.cell(second, column).value for column in (3, 4, 5)] == ["陈志强", "13906012345", "第12项"]
    assert sheet.cell(first, 3).font.color is None or sheet.cell(first, 3).font.color.rgb.endswith("000000")
    assert sheet.cell(second, 3).font.color.rgb.endswith("8C8C8C")
    assert sheet.cell(first, 8).value == "推进中\n（2016年5月）"
    assert len(sheet.merged_cells.ranges) == 3  # the title, the introduction and the signature line
    unled = next(row for row in range(4, sheet.max_row) if sheet.cell(row, 2).value == f"{NO_LEAD_UNIT}（18项）")
    assert sheet.cell(unled, 1).value is None and sheet.cell(unled, 3).value is None  # no number, no contact
    assert sheet.cell(unled, 2).font.color.rgb.endswith("B00020")
    assert "制表日期：2016年7月4日" in sheet.cell(sheet.max_row, 1).value


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_report_reminders_writes_the_file_the_suffix_names(chased: Database, tmp_path: Path, suffix: str) -> None:
    chased.close()
    output = tmp_path / f"催报名单{suffix}"
    result = run_main("--db", chased.path, "report", "reminders", "--month", MONTH, "-o", output)
    assert result.returncode == 0, result.stderr
    assert output.exists() and output.stat().st_size > 1000
    assert "2016年6月 催报名单" in result.stdout
    assert "另有 18 项任务需明确牵头单位" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-o", "{tmp}/催报名单.docx"], "催报名单文件应以 .pdf 或 .xlsx 结尾"),
        (["--month", "2016-13", "-o", "{tmp}/催报名单.pdf"], "2016-13"),
        (["--plan", "没有这个计划", "-o", "{tmp}/催报名单.pdf"], "没有这个计划"),
        (["--unit", "市编办", "-o", "{tmp}/催报名单.pdf"], "--unit 只用于督办单"),
        (["-o", "{tmp}/no/such/folder/催报名单.xlsx"], "催报名单.xlsx"),
    ],
)
def test_bad_input_is_refused_and_the_database_is_unchanged(
    chased: Database, tmp_path: Path, args: list[str], fragment: str
) -> None:
    chased.close()
    digest, rows = file_digest(chased.path), dump(chased.path)
    result = run_main("--db", chased.path, "report", "reminders", *(arg.format(tmp=tmp_path) for arg in args))
    refused(result, fragment)
    assert file_digest(chased.path) == digest
    assert dump(chased.path) == rows
    assert not list(tmp_path.glob("催报名单*"))


def test_the_window_lists_saves_and_copies_the_list(qtbot, chased: Database, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtGui import QGuiApplication

    dialog = RemindersDialog(Ledger(chased), 1, MONTH)
    qtbot.addWidget(dialog)
    model = dialog.model
    heads = [model.index(row, 0).data() for row in range(model.rowCount())]
    fgw = heads.index("市发改委（7项）")
    assert [model.index(fgw, column).data() for column in (1, 2)] == ["陈志强", "13906012345"]
    assert model.rowCount(model.index(fgw, 0)) == 7
    assert heads[-1] == f"{NO_LEAD_UNIT}（18项）"

    dialog.copy_button.click()
    mime = QGuiApplication.clipboard().mimeData()
    assert "市发改委（7项）　联系人：陈志强　电话：13906012345\n  第11项 " in mime.text()
    assert '<td rowspan="7">市发改委（7项）</td>' in mime.html()

    for suffix in ("pdf", "xlsx"):
        target = tmp_path / f"list.{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, target=target: (str(target), ""))
        with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
            (dialog.pdf_button if suffix == "pdf" else dialog.excel_button).click()
        assert saved.args == [str(target)] and target.stat().st_size > 1000
        assert str(target) in dialog.status.text.text() and not dialog.status.isHidden()
        qtbot.waitUntil(lambda: dialog.worker is None)
    assert dialog.default_stem() == "厦门市2016年政务公开工作主要任务责任分工_2016年6月催报名单"

    dialog.print_button.click()  # the PDF written in a worker, then the system's printer dialog
    qtbot.waitUntil(lambda: dialog.findChild(QPrintDialog, "printDialog") is not None, timeout=20_000)
    assert (Path(dialog._folder.path()) / "reminders.pdf").stat().st_size > 1000
    dialog.findChild(QPrintDialog, "printDialog").reject()

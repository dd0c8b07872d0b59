"""Fill-in sheets (进展填报表) for the lead units: one workbook per unit, laid
out as its contract says (db.returns.contract, read back by db.returns.reading);
the data: db.queries.sheets.fill_in_sheets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from db.cancel import CancelToken
from db.months import Month
from db.operations.progress import Report
from db.queries.sheets import FillInSheet, TaskRow
from db.returns.contract import (
    CHOICES,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    META_SHEET,
    OFFICE_UNIT_ID,
    OPEN_COLUMNS,
    RETURN_COLUMNS,
    TAKEN_SHEET_TITLES,
    TEXT_COLUMNS,
    fingerprint,
    letter,
)
from db.safety.storage import ensure_free_space, safe_file_name
from db.vocabulary import STATUS_LABELS
from documents.excel.layout import (
    NOTE,
    fit_number_column,
    merge_across,
    new_workbook,
    put,
    save_workbook,
    set_up_printing,
    write_across,
    write_header,
    write_row,
)
from documents.reminders import last_report_text

# The size of a fill-in sheet, for the free-space check: measured 7.5–9.6 KB
# for sheets of 1 to 10 tasks.
SHEET_BYTES, ROW_BYTES = 10 * 1024, 512
_UNSAFE_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


def make_returns(
    sheets: Sequence[FillInSheet],
    folder: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Write one fill-in workbook per sheet into `folder` (created if missing),
    named by unit and month; return their paths. The open columns hold M's
    entry where there is one already.

    `progress(done, total)` follows the files; `cancel` is checked (db.cancel)
    before each and may raise to stop (the files already written stay: each
    is complete). The disk must have room for all of them first.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(f"{folder}：无法创建文件夹（{exc.strerror or exc}）") from None
    ensure_free_space(folder, len(sheets) * SHEET_BYTES + sum(len(s.tasks) for s in sheets) * ROW_BYTES, "未生成填报表")
    used: set[str] = set()
    paths = []
    for done, sheet in enumerate(sheets):
        if cancel is not None:
            cancel.check()
        if progress is not None:
            progress(done, len(sheets))
        paths.append(save_workbook(_fill_in_workbook(sheet), folder / _file_name(sheet.unit, sheet.month, used)))
    return paths


def _file_name(unit: str, month: str, used: set[str]) -> str:
    """`市环保局_2016年6月进展填报表.xlsx`, safe on Windows (db.safety.storage.safe_file_name),
    unique in `used` (compared as Windows does, ignoring case)."""
    suffix = f"_{Month(month).label}进展填报表.xlsx"
    name = safe_file_name(unit, suffix, "单位")
    copy = 1
    while name.casefold() in used:
        copy += 1
        name = safe_file_name(unit, f"（{copy}）{suffix}", "单位")
    used.add(name.casefold())
    return name


def _sheet_title(unit: str) -> str:
    """The unit's name as a sheet title: at most 31 characters, none of
    []:*?/\\, never the hidden sheet's title or one Excel keeps."""
    title = _UNSAFE_IN_SHEET_TITLE.sub("_", unit)[:31].strip("'") or "填报表"
    if title.casefold() in TAKEN_SHEET_TITLES:
        title = f"填报表_{title}"[:31]
    return title


def _fill_in_workbook(data: FillInSheet) -> Workbook:
    month, unit, tasks = data.month, data.unit, data.tasks
    workbook, sheet = new_workbook(_sheet_title(unit))
    width = len(RETURN_COLUMNS)
    write_across(sheet, 1, f"{data.plan.title}进展情况填报表（{Month(month).label}）", RETURN_COLUMNS)
    write_across(sheet, 2, _note(data), RETURN_COLUMNS, NOTE)
    merge_across(sheet, (1, 2), width)
    write_header(sheet, HEADER_ROW, RETURN_COLUMNS, month)
    fit_number_column(sheet, RETURN_COLUMNS, (task.label for task in tasks))
    meta_rows = []
    for row, task in enumerate(tasks, start=FIRST_ROW):
        report = data.reports.get(task.id)
        values = {
            **_task_values(task),
            "last_status": last_report_text(data.last.get(task.id), "\n"),
            **_open_values(report),
        }
        write_row(sheet, row, RETURN_COLUMNS, values, open_keys=OPEN_COLUMNS)
        meta_rows.append((row, task.uuid, fingerprint(values), report.status if report else ""))
    _add_status_list(sheet, FIRST_ROW, FIRST_ROW + len(tasks) - 1)
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # allowed: a unit may make a row taller
    sheet.protection.formatColumns = False
    set_up_printing(sheet, HEADER_ROW, width, FIRST_ROW + len(tasks) - 1)
    _write_meta(workbook, data, sheet.title, meta_rows)
    workbook.security = WorkbookProtection(lockStructure=True)  # no sheets added, removed or unhidden
    return workbook


def _note(data: FillInSheet) -> str:
    """Who fills the sheet in, and how."""
    month = Month(data.month).label
    how = "请在浅黄色单元格中填写，状态从下拉列表中选择；其他各列请勿改动，也不要增删行。"
    if data.office:
        office = data.office_name or "本办"
        return (
            f"填报单位：{office}（以下任务未写明牵头单位，明确牵头单位前由{office}了解并填报）"
            f"　　填报月份：{month}　　{how}"
        )
    return f"填报单位：{data.unit}　　填报月份：{month}　　{how}"


def _task_values(task: TaskRow) -> dict[str, str | int]:
    return {"number": task.number_cell, "title": task.title, "requirement": task.requirement, "deadline": task.deadline}


def _open_values(report: Report | None) -> dict[str, str]:
    if report is None:
        return dict.fromkeys(OPEN_COLUMNS, "")
    return {"status": STATUS_LABELS[report.status], **{key: getattr(report, key) for key in TEXT_COLUMNS}}


def _add_status_list(sheet: Worksheet, first: int, last: int) -> None:
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error=f"请从下拉列表中选择：{CHOICES}",
        showInputMessage=True,
        promptTitle="状态",
        prompt="请从下拉列表中选择",
    )
    sheet.add_data_validation(choices)
    choices.add(f"{letter('status')}{first}:{letter('status')}{last}")


def _write_meta(
    workbook: Workbook, data: FillInSheet, sheet_title: str, rows: Iterable[tuple[int, str, str, str]]
) -> None:
    meta = workbook.create_sheet(META_SHEET)
    plan = data.plan
    unit_id: str | int = OFFICE_UNIT_ID if data.unit_id is None else data.unit_id
    pairs: list[tuple[str, str | int]] = [
        ("format", FORMAT),
        ("plan_uuid", plan.uuid),
        ("plan_title", plan.title),
        ("plan_year", plan.year),
        ("month", data.month),
        ("unit_id", unit_id),
        ("unit", data.unit),
        ("sheet", sheet_title),
        ("rows", ""),
    ]
    lines: list[Sequence[str | int]] = [*pairs, *rows]
    for number, line in enumerate(lines, start=1):
        for column, value in enumerate(line, start=1):
            put(meta, number, column, value)
    meta.sheet_state = "veryHidden"  # not even listed by Excel's 取消隐藏
    meta.protection.sheet = True

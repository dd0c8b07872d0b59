"""The 催报 list as a workbook: the units that owe the month's report, each
with its contact and telephone in cells merged down over the tasks it owes,
a column for the clerk to note each call, and the tasks without a lead unit
last (the data: db.queries.sheets.reminders_data; the words:
documents/reminders.py)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from db.queries.sheets import RemindersData
from documents.excel.layout import (
    COLUMNS,
    MISSING,
    NOTE,
    fit_number_column,
    merge,
    new_workbook,
    put,
    row_height,
    save_workbook,
    set_up_printing,
    width,
    write_across,
    write_header,
)
from documents.pdf.layout import chinese_date
from documents.reminders import contact_text, intro, last_report_text, phone_text, title

REMINDER_COLUMNS = ("order", "unit", "contact", "phone", "task", "title", "deadline", "last_report", "chased")
UNIT_COLUMNS = ("order", "unit", "contact", "phone")  # merged down over the unit's tasks
HEADER_ROW = 3


def write_reminders_workbook(data: RemindersData, path: Path) -> Path:
    """Write the 催报 list of `data` to `path` (.xlsx); return the path."""
    keys = REMINDER_COLUMNS
    workbook, sheet = new_workbook("催报名单")
    write_across(sheet, 1, title(data), keys)
    write_across(sheet, 2, intro(data), keys, NOTE)
    write_header(sheet, HEADER_ROW, keys, data.month)
    fit_number_column(sheet, keys, (task.label for unit in data.units for task in unit.tasks), key="task")
    across = [1, 2]
    merged = []
    row = HEADER_ROW + 1
    for order, unit in enumerate(data.units, start=1):
        first = row
        unit_cells = {
            "order": str(order) if unit.unit_id is not None else "",
            "unit": f"{unit.name}（{len(unit.tasks)}项）",
            "contact": contact_text(unit) if unit.unit_id is not None else "",
            "phone": phone_text(unit) if unit.unit_id is not None else "",
        }
        unit_styles = {key: COLUMNS[key].style for key in UNIT_COLUMNS}
        if unit.unit_id is None:
            unit_styles["unit"] = MISSING
        for task in unit.tasks:
            cells = {"task": f"第{task.label}项", "title": task.title, "deadline": task.deadline,
                     "last_report": last_report_text(task.last, "\n"), "chased": ""}
            for column, key in enumerate(keys, start=1):
                if key in UNIT_COLUMNS:
                    put(sheet, row, column, unit_cells[key] if row == first else "", unit_styles[key])
                else:
                    put(sheet, row, column, cells[key], COLUMNS[key].style)
            sheet.row_dimensions[row].height = row_height(
                (cells[key], width(sheet, column), COLUMNS[key].style)
                for column, key in enumerate(keys, start=1) if key not in UNIT_COLUMNS
            )
            row += 1
        _fit_group(sheet, first, row - 1, [(unit_cells[key], unit_styles[key]) for key in UNIT_COLUMNS])
        if row - 1 > first:
            merged.extend(f"{get_column_letter(column)}{first}:{get_column_letter(column)}{row - 1}"
                          for column in range(1, len(UNIT_COLUMNS) + 1))
    office = data.office_name or "＿＿＿＿＿＿＿＿"
    write_across(sheet, row, f"制表单位：{office}　　制表日期：{chinese_date(data.today)}", keys, NOTE)
    across.append(row)
    last = get_column_letter(len(keys))
    merge(sheet, [*(f"A{r}:{last}{r}" for r in across), *merged])
    set_up_printing(sheet, HEADER_ROW, len(keys), row)
    return save_workbook(workbook, path)


def _fit_group(sheet: Worksheet, first: int, last: int, cells: list[tuple[str, str]]) -> None:
    """The unit's (text, style) cells span its rows: when they need more
    height than the rows have, the last row is made taller."""
    needed = row_height((text, width(sheet, column), style) for column, (text, style) in enumerate(cells, start=1))
    have = sum(sheet.row_dimensions[row].height or 0 for row in range(first, last + 1))
    if needed > have:
        sheet.row_dimensions[last].height = (sheet.row_dimensions[last].height or 0) + needed - have

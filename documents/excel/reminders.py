"""The 催报 list as a workbook: the units that owe the month's report, each
with its contact and telephone beside each task it owes,
a column for the clerk to note each call, and the tasks without a lead unit
last (the data: db.queries.sheets.reminders_data; the words:
documents/reminders.py)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils import get_column_letter

from db.queries.sheets import RemindersData
from documents.excel.layout import (
    COLUMNS,
    MISSING,
    NOTE,
    REPEATED,
    REPEATED_CENTER,
    fit_number_column,
    merge,
    new_workbook,
    save_workbook,
    set_up_printing,
    write_across,
    write_header,
    write_row,
)
from documents.pdf.layout import chinese_date
from documents.reminders import contact_text, intro, last_report_text, phone_text, title

REMINDER_COLUMNS = ("order", "unit", "contact", "phone", "task", "title", "deadline", "last_report", "chased")
UNIT_COLUMNS = ("order", "unit", "contact", "phone")  # of the unit, on each of its rows
HEADER_ROW = 3


def write_reminders_workbook(data: RemindersData, path: Path) -> Path:
    """Write the 催报 list of `data` to `path` (.xlsx); return the path.

    A unit's name, contact and telephone stand on each of its rows, in gray
    after the first: merged down over its rows they would be missing from
    the rows a page break carries onto the next page (and from a sorted or
    filtered list)."""
    keys = REMINDER_COLUMNS
    workbook, sheet = new_workbook("催报名单")
    write_across(sheet, 1, title(data), keys)
    write_across(sheet, 2, intro(data), keys, NOTE)
    write_header(sheet, HEADER_ROW, keys, data.month)
    fit_number_column(sheet, keys, (task.label for unit in data.units for task in unit.tasks), key="task")
    row = HEADER_ROW + 1
    for order, unit in enumerate(data.units, start=1):
        known = unit.unit_id is not None
        unit_cells = {
            "order": str(order) if known else "",
            "unit": f"{unit.name}（{len(unit.tasks)}项）",
            "contact": contact_text(unit) if known else "",
            "phone": phone_text(unit) if known else "",
        }
        first_styles = {key: COLUMNS[key].style for key in UNIT_COLUMNS} | ({} if known else {"unit": MISSING})
        for index, task in enumerate(unit.tasks):
            cells = {
                **unit_cells,
                "task": f"第{task.label}项",
                "title": task.title,
                "deadline": task.deadline,
                "last_report": last_report_text(task.last, "\n"),
                "chased": "",
            }
            if index:
                cells["order"] = ""
            write_row(sheet, row, keys, cells, styles=first_styles if index == 0 else _REPEATED)
            row += 1
    office = data.office_name or "＿＿＿＿＿＿＿＿"
    write_across(sheet, row, f"制表单位：{office}　　制表日期：{chinese_date(data.today)}", keys, NOTE)
    last = get_column_letter(len(keys))
    merge(sheet, [f"A{r}:{last}{r}" for r in (1, 2, row)])
    set_up_printing(sheet, HEADER_ROW, len(keys), row)
    return save_workbook(workbook, path)


_REPEATED = {"unit": REPEATED, "contact": REPEATED_CENTER, "phone": REPEATED_CENTER}

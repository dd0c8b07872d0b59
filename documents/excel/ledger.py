"""The Excel ledger (台账): one sheet laid out like the plan table, with the
month's progress, status and warning light of every task (the data:
db.queries.sheets.ledger_data)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from db.cancel import CancelToken
from db.months import Month
from db.operations.progress import Report
from db.queries.labels import heading_label
from db.queries.nodes import TaskState
from db.queries.sheets import LedgerData, TaskRow
from db.vocabulary import LIGHTS, NO_LEAD_UNIT, STATUS_LABELS, light_reason
from documents.excel.layout import (
    HEADER,
    MISSING,
    SECTION_STYLES,
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

LEDGER_COLUMNS = (
    "number",
    "title",
    "lead",
    "responsible",
    "requirement",
    "deadline",
    "done",
    "problems",
    "next_steps",
    "status",
    "light",
)
IDENTITY_HEADER = "标识"
# Not "、": collective names contain it (市直各委、办、局).
UNIT_SEPARATOR = "，"
NO_LEAD_STYLE = {"lead": MISSING}  # a task that names no lead unit says so, in red
LIGHT_FILLS = {code: PatternFill("solid", fgColor=light.fill) for code, light in LIGHTS.items()}


@dataclass(frozen=True)
class LedgerInfo:
    rows: int  # task rows written (section rows not counted)
    path: Path


def write_ledger(
    data: LedgerData,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> LedgerInfo:
    """Write the ledger of `data` to `path`: every task with its units, M's
    progress, its status (the latest reported up to M) and its warning light,
    under the section headings.

    `progress(done, total)` follows the task rows; `cancel` is checked (db.cancel)
    as they are written and may raise to stop (nothing is saved then)."""
    plan, month, tasks = data.plan, data.month, data.tasks
    width = len(LEDGER_COLUMNS)
    workbook, sheet = new_workbook("台账")
    write_across(sheet, 1, f"{plan.title}（截至{Month(month).label}底）", LEDGER_COLUMNS)
    write_header(sheet, 2, LEDGER_COLUMNS, month)
    identity = _identity_column(sheet, width + 1, plan.uuid)
    fit_number_column(sheet, LEDGER_COLUMNS, (task.label for task in tasks))
    by_section: defaultdict[int, list[TaskRow]] = defaultdict(list)
    for task in tasks:
        by_section[task.section_id].append(task)
    light_column = LEDGER_COLUMNS.index("light") + 1
    merged = [1]
    row = 3
    written = 0
    for section in data.sections:
        label = heading_label(section.level, section.numeral, section.title)
        write_across(sheet, row, label, LEDGER_COLUMNS, SECTION_STYLES.get(section.level, SECTION_STYLES[3]))
        merged.append(row)
        row += 1
        for task in by_section[section.id]:
            if written % 50 == 0:
                if cancel is not None:
                    cancel.check()
                if progress is not None:
                    progress(written, len(tasks))
            written += 1
            state = data.states[task.id]
            values = _ledger_values(task, data.units.get(task.id), data.reports.get(task.id), state)
            write_row(
                sheet, row, LEDGER_COLUMNS, values, styles=NO_LEAD_STYLE if values["lead"] == NO_LEAD_UNIT else None
            )
            put(sheet, row, identity, task.uuid)
            if state.light:
                sheet.cell(row, light_column).fill = LIGHT_FILLS[state.light]
            row += 1
    merge_across(sheet, merged, width)
    sheet.auto_filter.ref = f"A2:{get_column_letter(identity)}{max(row - 1, 2)}"  # sorting keeps each row's UUID
    set_up_printing(sheet, 2, width, row - 1)
    save_workbook(workbook, path)
    return LedgerInfo(len(tasks), Path(path))


def _identity_column(sheet: Worksheet, column: int, plan_uuid: str) -> int:
    """A hidden column after the visible ones: the plan's UUID in the title
    row, each task's in its row (so that a ledger names its tasks as the
    database does, whatever their row ids). Returns the column."""
    put(sheet, 1, column, plan_uuid)
    put(sheet, 2, column, IDENTITY_HEADER, HEADER)
    sheet.column_dimensions[get_column_letter(column)].hidden = True
    return column


def _ledger_values(
    task: TaskRow, names: tuple[tuple[str, ...], tuple[str, ...]] | None, report: Report | None, state: TaskState
) -> dict[str, str | int]:
    lead, responsible = names or ((), ())
    return {
        "number": task.number_cell,
        "title": task.title,
        "lead": UNIT_SEPARATOR.join(lead) or NO_LEAD_UNIT,
        "responsible": UNIT_SEPARATOR.join(responsible),
        "requirement": task.requirement,
        "deadline": task.deadline,
        "done": report.done if report else "",
        "problems": report.problems if report else "",
        "next_steps": report.next_steps if report else "",
        "status": STATUS_LABELS[state.status],
        "light": light_reason(state.light, state.behind),
    }

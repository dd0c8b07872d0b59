"""Write a plan as an Excel sheet (merged ranges, wrapped text, row heights set
from the text so that LibreOffice prints it as a table) and as CSV."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tests.plan_corpus.layout import Box, tables
from tests.plan_corpus.model import H, Header, Plan, T
from tests.plan_corpus.zipfix import fix_zip_dates

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CHARS_PER_CM = 1.6  # Chinese characters of 10.5 pt per centimetre of column


def _lines_needed(box: Box, widths: list[float]) -> int:
    width = sum(widths[box.column : box.column + box.columns]) * CHARS_PER_CM
    return sum(max(1, math.ceil(len(line) / max(width, 1))) for line in box.text.split("\n"))


def write_xlsx(plan: Plan, path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = plan.sheet_title
    for column, width in enumerate(plan.widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width * 4.2
    top = 1
    for line in plan.above:
        ws.cell(top, 1, line).font = Font(name="黑体", size=16 if line is plan.above[-1] else 12)
        ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=plan.columns)
        ws.cell(top, 1).alignment = Alignment(horizontal="center" if not line.startswith("附件") else "left")
        ws.row_dimensions[top].height = 30
        top += 1
    for layout in tables(plan):
        heights = [1] * len(layout.rows)
        for box in layout.boxes:
            source = layout.rows[box.row]
            cell = ws.cell(top + box.row, box.column + 1)
            if isinstance(source, T) and box.column in plan.numeric_columns and box.text.isdigit():
                cell.value = int(box.text)
            elif box.text:
                cell.value = box.text
                cell.data_type = "s"
            bold = isinstance(source, Header | H)
            cell.font = Font(name="仿宋", size=11, bold=bold)
            cell.alignment = Alignment(
                wrap_text=True, vertical="center", horizontal="center" if isinstance(source, Header) else None
            )
            if box.rows > 1 or box.columns > 1:
                ws.merge_cells(
                    start_row=top + box.row,
                    start_column=box.column + 1,
                    end_row=top + box.row + box.rows - 1,
                    end_column=box.column + box.columns,
                )
            share = math.ceil(_lines_needed(box, plan.widths) / box.rows)
            for r in range(box.row, box.row + box.rows):
                heights[r] = max(heights[r], share)
        for r in range(len(layout.rows)):
            ws.row_dimensions[top + r].height = 15 * heights[r] + 4
            for c in range(plan.columns):
                ws.cell(top + r, c + 1).border = BORDER
        top += len(layout.rows) + 1
    ws.page_setup.orientation = "landscape" if plan.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = ""
    wb.properties.created = wb.properties.modified = plan.date
    wb.save(path)
    fix_zip_dates(path, plan.date)
    return path


def csv_rows(plan: Plan) -> list[list[str]]:
    """The rows as a sheet saved as CSV shows them: merged cells give their text
    to the top-left cell only."""
    rows = [[line] + [""] * (plan.columns - 1) for line in plan.above]
    for index, layout in enumerate(tables(plan)):
        if index:
            rows.append([""] * plan.columns)
        for r in range(len(layout.rows)):
            rows.append(
                [box.text if (box.row, box.column) == (r, c) else "" for c, box in enumerate(layout.covered[r])]
            )
    return rows


def write_csv(plan: Plan, path: Path) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator=plan.newline).writerows(csv_rows(plan))
    path.write_bytes(out.getvalue().encode(plan.encoding))
    return path

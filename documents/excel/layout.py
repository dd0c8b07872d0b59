"""What the Excel ledger (documents/excel/ledger.py) and the units' fill-in
sheets (documents/excel/returns.py) share: the column layout, the cell
styles, the page set-up, safe text cells, rows as tall as their text, and the
atomic save.
"""

from __future__ import annotations

import io
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import (
    Alignment,
    Border,
    Font,
    NamedStyle,
    PatternFill,
    Protection,
    Side,
)
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from db.months import Month
from db.queries.sheets import TaskRow
from db.returns.contract import HEADERS, clean_text
from db.safety.storage import write_bytes

TITLE, NOTE, HEADER, BODY, CENTER, OPEN = "title", "note", "header", "body", "center", "open"
# The style of a heading row, by level (一、 / （一） / 1.): 黑体, 楷体, bold 仿宋,
# as official documents set their three levels of headings, on paler grays.
SECTION_STYLES = {1: "section", 2: "subsection", 3: "section3"}
LINE_HEIGHT = 14.5  # points per line of the 11-point body font
# Excel, WPS and LibreOffice read a typed or pasted text starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Column:
    header: str  # "{m}" stands for the month's number
    width: float  # in characters of the default font
    style: str = BODY


# The columns of both workbooks; those of the fill-in sheet are headed as its
# contract says (db.returns.contract.HEADERS).
COLUMNS: dict[str, Column] = {
    "number": Column(HEADERS["number"], 6, CENTER),
    "title": Column(HEADERS["title"], 28),
    "lead": Column("牵头单位", 14),
    "responsible": Column("责任单位", 20),
    "requirement": Column(HEADERS["requirement"], 36),
    "deadline": Column(HEADERS["deadline"], 11, CENTER),
    "last_status": Column(HEADERS["last_status"], 12, CENTER),
    "status": Column(HEADERS["status"], 9, CENTER),
    "done": Column(HEADERS["done"], 36),
    "problems": Column(HEADERS["problems"], 22),
    "next_steps": Column(HEADERS["next_steps"], 22),
    "evidence": Column(HEADERS["evidence"], 24),
    "light": Column("预警", 12, CENTER),
}


def _styles() -> list[NamedStyle]:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centered = Alignment(wrap_text=True, vertical="center", horizontal="center")
    body_font = Font(name="仿宋", size=11)
    return [
        NamedStyle(TITLE, font=Font(name="黑体", size=16, bold=True), alignment=centered),
        NamedStyle(NOTE, font=body_font, alignment=Alignment(wrap_text=True, vertical="center")),
        NamedStyle(HEADER, font=Font(name="黑体", size=11, bold=True), alignment=centered, border=border,
                   fill=PatternFill("solid", fgColor="D9D9D9")),
        NamedStyle(SECTION_STYLES[1], font=Font(name="黑体", size=12, bold=True), border=border,
                   alignment=Alignment(vertical="center"), fill=PatternFill("solid", fgColor="E4E4E4")),
        NamedStyle(SECTION_STYLES[2], font=Font(name="楷体", size=11, bold=True), border=border,
                   alignment=Alignment(vertical="center"), fill=PatternFill("solid", fgColor="F2F2F2")),
        NamedStyle(SECTION_STYLES[3], font=Font(name="仿宋", size=11, bold=True), border=border,
                   alignment=Alignment(vertical="center", indent=1), fill=PatternFill("solid", fgColor="FAFAFA")),
        NamedStyle(BODY, font=body_font, alignment=wrap, border=border),
        NamedStyle(CENTER, font=body_font, alignment=centered, border=border),
        # The cells a unit fills in: pale yellow, and left unlocked in a protected sheet.
        NamedStyle(OPEN, font=body_font, alignment=wrap, border=border,
                   fill=PatternFill("solid", fgColor="FFF9D6"), protection=Protection(locked=False)),
    ]


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook with the shared named styles (a named style per cell is
    several times faster in openpyxl than font, border and alignment objects)
    and its one sheet named `title`."""
    workbook = Workbook()
    for style in _styles():
        workbook.add_named_style(style)
    sheet = workbook.worksheets[0]
    sheet.title = title
    return workbook, sheet


def put(sheet: Worksheet, row: int, column: int, value: str | int | None, style: str = BODY) -> None:
    """Write a value into a cell. Text is always stored as text: openpyxl would
    make "=…" a formula, and a text starting with = + - @ gets the quote
    prefix so that Excel keeps it as text when the cell is edited."""
    cell = sheet.cell(row, column)
    cell.style = style
    if isinstance(value, str):
        text = clean_text(value)
        if text:
            cell.value = text
            cell.data_type = "s"
            if text.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
    else:
        cell.value = value


def text_width(text: str) -> int:
    """How wide a line is in a column's width units (the default font's digit):
    a Chinese character takes two. Its length in GB18030, which has one byte
    for ASCII and two for Chinese characters, counted in C."""
    return len(text.encode("gb18030", errors="replace"))


def row_height(cells: Iterable[tuple[str, float]]) -> float:
    """The height in points of a row whose (text, column width) cells wrap:
    openpyxl writes none, and Excel and LibreOffice then let wrapped text run
    over the rows below (DESIGN.md, known traps)."""
    lines = 1
    for text, width in cells:
        usable = max(width - 1.0, 1.0)
        lines = max(lines, sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n")))
    return lines * LINE_HEIGHT + 4


def write_row(
    sheet: Worksheet, row: int, keys: Sequence[str], values: dict[str, str | int], open_keys: Collection[str] = ()
) -> None:
    """One table row, as tall as its text; the columns of `open_keys` are the cells a unit fills in."""
    for column, key in enumerate(keys, start=1):
        put(sheet, row, column, values[key], OPEN if key in open_keys else COLUMNS[key].style)
    sheet.row_dimensions[row].height = row_height((str(values[key]), COLUMNS[key].width) for key in keys)


def fit_number_column(sheet: Worksheet, keys: Sequence[str], tasks: Iterable[TaskRow]) -> None:
    """Widen the 序号 column for labels such as 一·二·3 where numbering restarts."""
    widest = max((text_width(task.label) for task in tasks), default=0) + 2
    if "number" in keys and widest > COLUMNS["number"].width:
        sheet.column_dimensions[get_column_letter(keys.index("number") + 1)].width = widest


def column_headers(keys: Sequence[str], month: str) -> list[str]:
    number = Month(month).number
    return [COLUMNS[key].header.format(m=number) for key in keys]


def write_across(sheet: Worksheet, row: int, text: str, width: int, style: str = TITLE, height: float = 32) -> None:
    """A text across the first `width` columns, every one of them styled (so
    the borders and fill cover the span); `merge_across` merges them."""
    put(sheet, row, 1, text, style)
    for column in range(2, width + 1):
        sheet.cell(row, column).style = style
    sheet.row_dimensions[row].height = height


def merge_across(sheet: Worksheet, rows: Iterable[int], width: int) -> None:
    """Merge each of `rows` across the first `width` columns; these become the
    sheet's only merged ranges. All at once, as openpyxl's reader does: `merge_cells` checks every new range against all
    earlier ones and restyles the edge cells one by one, which takes tens of
    seconds for the 1,800 headings of a 5,000-task plan. The cells under a
    merge stay plain styled cells, as Excel itself stores them."""
    last = get_column_letter(width)
    sheet.merged_cells = MultiCellRange([MergedCellRange(sheet, f"A{row}:{last}{row}") for row in rows])


def write_header(sheet: Worksheet, row: int, keys: Sequence[str], month: str) -> None:
    """The header row, the column widths, and the panes frozen below the header."""
    for column, (key, text) in enumerate(zip(keys, column_headers(keys, month), strict=True), start=1):
        put(sheet, row, column, text, HEADER)
        sheet.column_dimensions[get_column_letter(column)].width = COLUMNS[key].width
    sheet.freeze_panes = f"A{row + 1}"


def set_up_printing(sheet: Worksheet, header_row: int) -> None:
    """A4 landscape, as wide as one page, the header row on every page, and
    page numbers in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"  # type: ignore[union-attr]  # a new sheet has its footers; the stubs allow None


def save_workbook(workbook: Workbook, path: Path) -> Path:
    """Save the workbook as `path`, whole or not at all (db.safety.storage.write_bytes:
    free space checked, a temporary file moved into place, the user's umask).

    The workbook is built in memory first: openpyxl writing straight to a
    file that hits a full disk leaves a zip file that fails again when it is
    collected ("Exception ignored … Errno 28"). OSError with a message for the
    user when it cannot be written; DiskFullError on a full disk.
    """
    path = Path(path)
    buffer = io.BytesIO()
    workbook.save(buffer)
    try:
        return write_bytes(path, buffer.getvalue())
    except OSError as exc:
        hint = "（文件可能正在 Excel 或 WPS 中打开）" if isinstance(exc, PermissionError) else ""
        raise OSError(f"{path}：无法写入{hint}（{exc.strerror or exc}）") from None

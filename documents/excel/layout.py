"""What the workbooks (documents/excel: the ledger, the units' fill-in
sheets, the 催报 list) share: the column layout, the cell styles, the page
set-up, safe text cells, rows as tall as their text (measure.py), and the
atomic save.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from copy import copy
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
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from db.months import Month
from db.returns.contract import HEADERS, clean_text
from db.safety.storage import write_bytes
from documents.excel.measure import CELL_MARGIN_POINTS, DIGIT_POINTS, line_count, lines_height, text_points

TITLE, NOTE, HEADER, BODY, CENTER, OPEN, MISSING = "title", "note", "header", "body", "center", "open", "missing"
REPEATED, REPEATED_CENTER = "repeated", "repeated center"  # what the row above says already, in gray
# The style of a heading row, by level (一、 / （一） / 1.): 黑体, 楷体, bold 仿宋,
# as official documents set their three levels of headings, on paler grays.
SECTION_STYLES = {1: "section", 2: "subsection", 3: "section3"}
# Excel, WPS and LibreOffice read a typed or pasted text starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
# The workbook's default font, whose digit is the unit of column width
# (documents/excel/measure.py says why Arial and not Calibri).
DEFAULT_FONT = Font(name="Arial", sz=11, family=2)


@dataclass(frozen=True)
class Column:
    header: str  # "{m}" stands for the month's number
    width: float  # in units of column width (measure.DIGIT_POINTS)
    style: str = BODY


# The columns of the workbooks; those of the fill-in sheet are headed as its
# contract says (db.returns.contract.HEADERS).
COLUMNS: dict[str, Column] = {
    "number": Column(HEADERS["number"], 6, CENTER),
    "title": Column(HEADERS["title"], 28),
    "lead": Column("牵头单位", 14),
    "responsible": Column("责任单位", 20),
    "requirement": Column(HEADERS["requirement"], 36),
    "deadline": Column(HEADERS["deadline"], 11, CENTER),
    "last_status": Column(HEADERS["last_status"], 13, CENTER),
    "status": Column(HEADERS["status"], 9, CENTER),
    "done": Column(HEADERS["done"], 36),
    "problems": Column(HEADERS["problems"], 22),
    "next_steps": Column(HEADERS["next_steps"], 22),
    "evidence": Column(HEADERS["evidence"], 24),
    "light": Column("预警", 12, CENTER),
    # the 催报 list (documents/excel/reminders.py)
    "order": Column("序号", 5, CENTER),
    "unit": Column("单位", 22),
    "contact": Column("联系人", 9, CENTER),
    "phone": Column("电话", 14, CENTER),
    "task": Column("任务", 7, CENTER),
    "last_report": Column("上次报送", 14, CENTER),
    "chased": Column("催报情况", 16),
}


def _styles() -> list[NamedStyle]:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centered = Alignment(wrap_text=True, vertical="center", horizontal="center")
    heading = Alignment(wrap_text=True, vertical="center")
    body_font = Font(name="仿宋", size=11)
    return [
        NamedStyle(TITLE, font=Font(name="黑体", size=16, bold=True), alignment=centered),
        NamedStyle(NOTE, font=body_font, alignment=heading),
        NamedStyle(
            HEADER,
            font=Font(name="黑体", size=11, bold=True),
            alignment=centered,
            border=border,
            fill=PatternFill("solid", fgColor="D9D9D9"),
        ),
        NamedStyle(
            SECTION_STYLES[1],
            font=Font(name="黑体", size=12, bold=True),
            border=border,
            alignment=heading,
            fill=PatternFill("solid", fgColor="E4E4E4"),
        ),
        NamedStyle(
            SECTION_STYLES[2],
            font=Font(name="楷体", size=11, bold=True),
            border=border,
            alignment=heading,
            fill=PatternFill("solid", fgColor="F2F2F2"),
        ),
        NamedStyle(
            SECTION_STYLES[3],
            font=Font(name="仿宋", size=11, bold=True),
            border=border,
            alignment=Alignment(wrap_text=True, vertical="center", indent=1),
            fill=PatternFill("solid", fgColor="FAFAFA"),
        ),
        NamedStyle(BODY, font=body_font, alignment=wrap, border=border),
        NamedStyle(CENTER, font=body_font, alignment=centered, border=border),
        # The cells a unit fills in: pale yellow, and left unlocked in a protected sheet.
        NamedStyle(
            OPEN,
            font=body_font,
            alignment=wrap,
            border=border,
            fill=PatternFill("solid", fgColor="FFF9D6"),
            protection=Protection(locked=False),
        ),
        # What the office still has to settle (需明确牵头单位): dark red.
        NamedStyle(MISSING, font=Font(name="仿宋", size=11, bold=True, color="B00020"), alignment=wrap, border=border),
        NamedStyle(REPEATED, font=Font(name="仿宋", size=11, color="8C8C8C"), alignment=wrap, border=border),
        NamedStyle(REPEATED_CENTER, font=Font(name="仿宋", size=11, color="8C8C8C"), alignment=centered, border=border),
    ]


# The font size and weight of each style, which its rows are measured with
# (every style names its size; one that did not would have the default font's, 11).
_FONTS = {style.name: (float(style.font.sz or 11), bool(style.font.b)) for style in _styles()}
# Indent of the level-3 headings, in points (one level of indent is about three spaces).
_INDENT_POINTS = 9.0


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook with the shared named styles (a named style per cell is
    several times faster in openpyxl than font, border and alignment objects)
    and its one sheet named `title`.

    Its default font is Arial 11 rather than openpyxl's Calibri (measure.py:
    the columns are then as wide in LibreOffice as in Excel). openpyxl has no
    public way to set it: the default font is the first of the workbook's
    fonts and the font of its Normal style."""
    workbook = Workbook()
    # Private attributes, so the stubs do not list them (no public way, above).
    workbook._fonts = IndexedList([DEFAULT_FONT])  # type: ignore[attr-defined]
    workbook._named_styles["Normal"].font = copy(DEFAULT_FONT)  # type: ignore[attr-defined]
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


def row_height(cells: Iterable[tuple[str, float, str]]) -> float:
    """The height in points of a row of (text, column width, style) cells,
    its tallest cell's wrapped lines: openpyxl writes none, and Excel and
    LibreOffice then let wrapped text run over the rows below (DESIGN.md,
    known traps)."""
    tallest = lines_height(1, _FONTS[BODY][0])
    for text, width, style in cells:
        if text:
            size, bold = _FONTS[style]
            indent = _INDENT_POINTS / DIGIT_POINTS if style == SECTION_STYLES[3] else 0.0
            tallest = max(tallest, lines_height(line_count(text, width - indent, size, bold), size))
    return tallest


def write_row(
    sheet: Worksheet,
    row: int,
    keys: Sequence[str],
    values: Mapping[str, str | int],
    open_keys: Collection[str] = (),
    styles: dict[str, str] | None = None,
) -> None:
    """One table row, as tall as its text; the columns of `open_keys` are the
    cells a unit fills in, and `styles` gives a column another style."""
    chosen = {key: OPEN if key in open_keys else COLUMNS[key].style for key in keys} | (styles or {})
    for column, key in enumerate(keys, start=1):
        put(sheet, row, column, values[key], chosen[key])
    sheet.row_dimensions[row].height = row_height(
        (str(values[key]), width(sheet, column), chosen[key]) for column, key in enumerate(keys, start=1)
    )


def width(sheet: Worksheet, column: int) -> float:
    """The width of `column` (1-based) as set on the sheet."""
    return float(sheet.column_dimensions[get_column_letter(column)].width or 0)


def fit_number_column(sheet: Worksheet, keys: Sequence[str], labels: Iterable[str], key: str = "number") -> None:
    """Widen the `key` column (序号) so that labels such as 一·二·3, where
    numbering restarts, stand on one line."""
    if key not in keys:
        return
    size = _FONTS[COLUMNS[key].style][0]
    widest = max((text_points(label, size) for label in labels), default=0.0)
    needed = (widest + CELL_MARGIN_POINTS) / DIGIT_POINTS + 0.5
    if needed > COLUMNS[key].width:
        sheet.column_dimensions[get_column_letter(keys.index(key) + 1)].width = round(needed, 1)


def column_headers(keys: Sequence[str], month: str) -> list[str]:
    number = Month(month).number
    return [COLUMNS[key].header.format(m=number) for key in keys]


def write_across(sheet: Worksheet, row: int, text: str, keys: Sequence[str], style: str = TITLE) -> None:
    """A text across the columns `keys`, every one of them styled (so the
    borders and fill cover the span), the row as tall as the text wrapped
    across them all; `merge_across` merges them."""
    put(sheet, row, 1, text, style)
    for column in range(2, len(keys) + 1):
        sheet.cell(row, column).style = style
    total = sum(COLUMNS[key].width for key in keys)
    height = row_height([(text, total, style)])
    sheet.row_dimensions[row].height = height + 8 if style == TITLE else height  # a title has room around it


def merge_across(sheet: Worksheet, rows: Iterable[int], width: int) -> None:
    """Merge each of `rows` across the first `width` columns; these become
    the sheet's only merged ranges (`merge`)."""
    last = get_column_letter(width)
    merge(sheet, [f"A{row}:{last}{row}" for row in rows])


def merge(sheet: Worksheet, ranges: Iterable[str]) -> None:
    """Merge `ranges` ("A1:K1"); these become the sheet's only merged ranges.
    All at once, as openpyxl's reader does: `merge_cells` checks every new
    range against all earlier ones and restyles the edge cells one by one,
    which takes tens of seconds for the 1,800 headings of a 5,000-task plan.
    The cells under a merge stay plain styled cells, as Excel itself stores them."""
    sheet.merged_cells = MultiCellRange([MergedCellRange(sheet, cells) for cells in ranges])


def write_header(sheet: Worksheet, row: int, keys: Sequence[str], month: str) -> None:
    """The header row, as tall as its headers, the column widths, and the
    panes frozen below the header."""
    texts = column_headers(keys, month)
    for column, (key, text) in enumerate(zip(keys, texts, strict=True), start=1):
        put(sheet, row, column, text, HEADER)
        sheet.column_dimensions[get_column_letter(column)].width = COLUMNS[key].width
    sheet.row_dimensions[row].height = row_height(
        (text, COLUMNS[key].width, HEADER) for key, text in zip(keys, texts, strict=True)
    )
    sheet.freeze_panes = sheet.cell(row + 1, 1).coordinate


def set_up_printing(sheet: Worksheet, header_row: int, columns: int, last_row: int) -> None:
    """A4 landscape, the first `columns` columns down to `last_row` as the
    print area, as wide as one page, the header row on every page, and page
    numbers in the footer."""
    sheet.print_area = f"A1:{get_column_letter(columns)}{max(last_row, header_row)}"
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

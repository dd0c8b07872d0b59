"""Loader for plans published as Excel workbooks (.xlsx): the first visible sheet
that holds a header row (else the first with content), every cell's value as
text, merged ranges as merges.

Workbooks come from outside the office, so a file is checked as a zip archive
(db.plans.archive: size, member count, compression ratio, entity declarations)
and for how many cells its merged ranges and hyperlinks would make openpyxl
create, before openpyxl parses it; whatever the parsers raise on a malformed
or malicious file becomes an InputError. openpyxl's normal mode is used: its
read-only mode loses merged ranges.
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime, time
from pathlib import Path
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

import openpyxl
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.archive import content_types, open_archive, reason, scan_xml
from db.plans.columns import is_header_row
from db.plans.files import MB, read_file_bytes
from db.plans.grid import Grid, GridBuilder

MAX_XLSX_BYTES = 20 * MB  # the file itself; plan workbooks are well under 1 MB
# openpyxl creates a cell for every cell of a merged range and of a hyperlink range,
# and compares every single-cell hyperlink with every merged range.
MAX_RANGES = 10_000
MAX_RANGE_CELLS = 1_000_000
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384

HEADER_ROWS = 20  # the header row is looked for in this many rows of each sheet
MAX_COLUMNS = 30  # columns looked at in the rows above and at the header
MAX_ROWS = 50_000  # rows below the header
BLANK_RUN_END = 1000  # this many empty rows in a row end the table (styled empty rows follow)

WHAT = "工作簿"
NOT_WORKBOOK = "不是 Excel 工作簿（.xlsx）"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --- opening the file safely -------------------------------------------------


def load_workbook_safely(path: Path) -> Workbook:
    """Open an untrusted .xlsx in openpyxl's normal mode (values, not formulas),
    after the zip and range checks; every failure is an InputError naming `path`."""
    return open_workbook(path, read_file_bytes(path, MAX_XLSX_BYTES))


def open_workbook(path: Path, data: bytes) -> Workbook:
    """The workbook in `data`, checked as load_workbook_safely says."""
    if data.startswith(OLE_MAGIC):
        raise InputError(path, "是旧版 Excel 文件（.xls）或加密的工作簿，请在 Excel 或 WPS 中另存为不加密的 .xlsx")
    with open_archive(path, data, WHAT, NOT_WORKBOOK) as archive:
        types = content_types(archive)
        if b"spreadsheetml" not in types and b"ms-excel" not in types:
            raise InputError(path, NOT_WORKBOOK)
        scan_xml(path, archive, WHAT, _RangeCounter(path))
        try:
            with warnings.catch_warnings():
                # "no default style", "extension is not supported": noise for the user.
                warnings.simplefilter("ignore")
                return openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
        except Exception as exc:
            # openpyxl, zipfile, expat and PIL raise a wide variety of exceptions on
            # malformed content (KeyError for a missing part, ValueError, TypeError,
            # BadZipFile for a bad CRC, RuntimeError for an encrypted member …). Only
            # parsing of the file happens in this block, so none of them is a fault
            # of ours to let through.
            raise InputError(path, f"已损坏或无法读取的工作簿：{reason(exc)}") from exc


class _RangeCounter(ContentHandler):
    """Counts `<mergeCell ref>` and `<hyperlink ref>` elements and their cells:
    openpyxl creates a cell for each cell of those ranges, so one
    `<mergeCell ref="A1:XFD1048576"/>` would make it create millions."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.ranges = 0
        self.cells = 0

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802 (SAX API)
        if name.rpartition(":")[2] not in ("mergeCell", "hyperlink"):
            return
        self.ranges += 1
        self.cells += _range_cells(attrs.get("ref", ""))
        if self.ranges > MAX_RANGES or self.cells > MAX_RANGE_CELLS:
            raise InputError(self.path, "工作簿中的合并单元格或超链接范围过多过大，拒绝读取")


def _range_cells(ref: str) -> int:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0  # openpyxl fails on it later, with its own message
    rows = (max_row or EXCEL_ROWS) - (min_row or 1) + 1
    columns = (max_col or EXCEL_COLUMNS) - (min_col or 1) + 1
    return max(rows, 0) * max(columns, 0)


# --- the grid ------------------------------------------------------------------


def load_xlsx(path: Path, data: bytes, cancel: CancelToken | None = None) -> Grid:
    workbook = open_workbook(path, data)
    try:
        sheet = _plan_sheet(path, workbook)
        return sheet_grid(path, sheet, f"工作表 {sheet.title}", cancel)
    finally:
        workbook.close()


def _plan_sheet(path: Path, workbook: Workbook) -> Worksheet:
    """The first visible sheet with a header row in its first rows, else the first with content."""
    sheets = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"] or workbook.worksheets
    for sheet in sheets:
        for row in sheet.iter_rows(max_row=min(sheet.max_row, HEADER_ROWS), max_col=min(sheet.max_column, MAX_COLUMNS)):
            if is_header_row([cell_text(cell.value) for cell in row]):
                return sheet
    for sheet in sheets:
        if sheet.max_row > 1 or sheet.max_column > 1 or sheet.cell(1, 1).value is not None:
            return sheet
    raise InputError(path, "工作簿中没有内容")


def sheet_grid(path: Path, sheet: Worksheet, label: str, cancel: CancelToken | None) -> Grid:
    """Every row of the sheet down to the last with text (a long run of empty
    rows ends it), as many columns as hold text, merged ranges merged."""
    width = min(sheet.max_column, MAX_COLUMNS)
    rows: list[list[str]] = []
    last = 0
    blank = 0
    for number, cells in enumerate(sheet.iter_rows(max_col=width), start=1):
        if cancel is not None and number % 500 == 0:
            cancel.check()
        if number > MAX_ROWS:
            raise InputError(path, f"工作表“{sheet.title}”超过 {MAX_ROWS} 行，不像工作计划表")
        texts = [cell_text(cell.value) for cell in cells]
        rows.append(texts)
        if any(texts):
            last, blank = number, 0
        else:
            blank += 1
            if blank >= BLANK_RUN_END:
                break
    rows = rows[:last]
    used = max((i + 1 for row in rows for i, text in enumerate(row) if text), default=0)
    builder = GridBuilder(path)
    for number, texts in enumerate(rows, start=1):
        builder.add_texts(texts[:used], f"{label} 第 {number} 行")
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= last and merged.min_col <= used:
            builder.merge(
                merged.min_row - 1, merged.min_col - 1, min(merged.max_row, last) - 1, min(merged.max_col, used) - 1
            )
    return builder.build()


def cell_text(value: object) -> str:
    """A cell's value as the sheet shows it: 3.0 → "3", a date → 2021-06-30."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()

"""Reader for plans published as Excel workbooks (.xlsx): a header row naming the
columns in any order, section rows, task rows, and merged cells for units that
several tasks share (DESIGN.md "Reading the plan document").

Workbooks come from outside the office, so a file is checked as a zip archive
(size, member count, compression ratio, how many cells its merged ranges and
hyperlinks would make openpyxl create) before openpyxl parses it, and whatever
the parsers raise on a malformed or malicious file becomes an InputError.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

import openpyxl
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from db.errors import InputError
from db.plans.archive import content_types, open_archive, reason, scan_xml
from db.plans.builder import NUMERALS, SECTION, SUBSECTION, PlanBuilder, column_of, despace, is_note, task_start
from db.plans.files import MB, read_file_bytes
from db.plans.model import ParsedPlan

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
ATTACHMENT_LABEL = re.compile(rf"附件[0-9{NUMERALS}]*[:：]?")
BARE_NUMERAL = re.compile(rf"[{NUMERALS}]+")


def read_xlsx_plan(
    path: Path,
    collectives: Collection[str] = (),
    title: str | None = None,
    year: int | None = None,
) -> ParsedPlan:
    """The plan in the first sheet of the workbook at `path` that has a header row."""
    workbook = load_workbook_safely(path)
    try:
        sheet, header = _find_header(path, workbook)
        builder = PlanBuilder(path, collectives)
        _read_table(builder, _Table(sheet, header))
        return builder.finish(title or _title_above(sheet, header.row), year)
    finally:
        workbook.close()


# --- opening the file safely -------------------------------------------------


def load_workbook_safely(path: Path) -> Workbook:
    """Open an untrusted .xlsx in openpyxl's normal mode (values, not formulas),
    after the zip and range checks; every failure is an InputError naming `path`."""
    data = read_file_bytes(path, MAX_XLSX_BYTES)
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


# --- the header and the title ------------------------------------------------


@dataclass(frozen=True)
class _Header:
    row: int
    columns: dict[str, int]  # column name (COLUMN_NAMES) → 1-based column index

    @property
    def width(self) -> int:
        return max(self.columns.values())


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _header_columns(texts: Sequence[str]) -> dict[str, int] | None:
    """The columns a header row names, or None when the row is no header: it needs
    a title column and a lead or responsible column. The first of two cells naming
    the same column wins."""
    columns: dict[str, int] = {}
    for index, text in enumerate(texts, start=1):
        name = column_of(text) if text else None
        if name and name not in columns:
            columns[name] = index
    if "title" in columns and ("lead" in columns or "responsible" in columns):
        return columns
    return None


def _find_header(path: Path, workbook: Workbook) -> tuple[Worksheet, _Header]:
    for sheet in workbook.worksheets:
        last_row = min(sheet.max_row, HEADER_ROWS)
        last_column = min(sheet.max_column, MAX_COLUMNS)
        for number, cells in enumerate(sheet.iter_rows(max_row=last_row, max_col=last_column), start=1):
            columns = _header_columns([_text(cell.value) for cell in cells])
            if columns:
                return sheet, _Header(number, columns)
    raise InputError(
        path, f"没有找到表头行：各工作表的前 {HEADER_ROWS} 行中，没有同时含“工作任务”和“牵头单位”（或“责任单位”）列的行"
    )


def _title_above(sheet: Worksheet, header_row: int) -> str:
    """The first text above the header (the merged title row), skipping an `附件1` label."""
    if header_row <= 1:
        return ""  # iter_rows(max_row=0) would mean every row
    for cells in sheet.iter_rows(max_row=header_row - 1, max_col=min(sheet.max_column, MAX_COLUMNS)):
        for cell in cells:
            text = _text(cell.value)
            if text and not ATTACHMENT_LABEL.fullmatch(despace(text)):
                return text
    return ""


# --- the table ---------------------------------------------------------------


class _Table:
    """The rows below the header of one sheet, with merged cells resolved."""

    def __init__(self, sheet: Worksheet, header: _Header) -> None:
        self.sheet = sheet
        self.header = header
        self._origins = self._merged_origins()

    def _merged_origins(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(row, column) → the top-left cell of its merged range, for the cells of
        the table that are not a top-left cell themselves."""
        origins: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in self.sheet.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            for row in range(max(merged.min_row, self.header.row + 1), merged.max_row + 1):
                for column in range(merged.min_col, min(merged.max_col, self.header.width) + 1):
                    if (row, column) != top:
                        origins[row, column] = top
        return origins

    def where(self, row: int) -> str:
        return f"工作表 {self.sheet.title} 第 {row} 行"

    def rows(self, path: Path) -> Iterator[tuple[int, list[str]]]:
        """(row number, cell texts) of the non-empty rows below the header, up to the
        first long run of empty rows."""
        blank = 0
        first = self.header.row + 1
        cells_by_row = self.sheet.iter_rows(min_row=first, max_col=self.header.width)
        for number, cells in enumerate(cells_by_row, start=first):
            if number - self.header.row > MAX_ROWS:
                raise InputError(path, f"工作表“{self.sheet.title}”的表格超过 {MAX_ROWS} 行，不像工作计划表")
            texts = [_text(cell.value) for cell in cells]
            if any(texts):
                blank = 0
                yield number, texts
            else:
                blank += 1
                if blank >= BLANK_RUN_END:
                    return

    def _cell(self, row: int, name: str) -> tuple[int, int] | None:
        column = self.header.columns.get(name)
        return None if column is None else (row, column)

    def continues_above(self, row: int, name: str) -> bool:
        """Whether the cell is the lower part of a vertically merged cell."""
        cell = self._cell(row, name)
        return cell is not None and self._origins.get(cell, cell)[0] < row

    def value(self, row: int, name: str) -> object:
        """The value shown in the cell: its merged range's top-left value."""
        cell = self._cell(row, name)
        if cell is None:
            return None
        return self.sheet.cell(*self._origins.get(cell, cell)).value

    def own_value(self, row: int, name: str) -> object:
        """The value of the cell itself (None for any part of a merged range but its top-left)."""
        cell = self._cell(row, name)
        return None if cell is None else self.sheet.cell(*cell).value

    def units(self, row: int, name: str) -> list[str] | None:
        """The lines of a lead or responsible cell; None for the lower part of a
        vertically merged cell (the builder carries the units of the task above).
        A cell merged only sideways (lead and responsible as one cell) shows its
        top-left value."""
        if self.continues_above(row, name):
            return None
        return _text(self.value(row, name)).splitlines()

    def task_start(self, row: int) -> tuple[int, str] | None:
        """(number, title) of a task row: the number from the 序号 column, else
        from the title cell (`1. …`)."""
        title = _text(self.value(row, "title"))
        numbered = task_start(title)
        number = _number(self.own_value(row, "number"))
        if number is None or (numbered and numbered[0] == number):
            return numbered
        return number, title


def _number(value: object) -> int | None:
    """A task number from a 序号 cell: 3, 3.0 or "3"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().rstrip(".、")
        value = int(text) if text.isdecimal() else None
    return value if isinstance(value, int) and value > 0 else None


def _heading_text(texts: Sequence[str]) -> str:
    """The text of a possible heading row: its first non-empty cell, joined to the
    next one when the first holds only the numeral (`（一）` | `加强…`, `一` | `推进…`)."""
    present = [text for text in texts if text]
    first = present[0]
    if len(present) > 1:
        if BARE_NUMERAL.fullmatch(first):
            return f"{first}、{present[1]}"
        match = SECTION.match(first) or SUBSECTION.match(first)
        if match and not match.group(2):
            return first + present[1]
    return first


def _read_table(builder: PlanBuilder, table: _Table) -> None:
    path = builder.source
    for row, texts in table.rows(path):
        if _header_columns(texts):
            continue  # the header again, as copied at a page break
        heading = _heading_text(texts)
        if builder.heading(heading) or is_note(heading):
            continue
        if table.continues_above(row, "number") or table.continues_above(row, "title"):
            raise InputError(
                path, "一项任务占了多行（序号或工作任务单元格与上一行合并），请把它的内容合并到一行", table.where(row)
            )
        start = table.task_start(row)
        if start is None:
            raise InputError(path, f"无法识别“{heading[:30]}”：既不是标题也不是编号任务", table.where(row))
        number, title = start
        builder.task(
            number,
            title,
            lead=table.units(row, "lead"),
            responsible=table.units(row, "responsible"),
            requirement=_text(table.value(row, "requirement")),
            deadline=table.value(row, "deadline"),
            where=table.where(row),
        )

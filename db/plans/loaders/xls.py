"""Loader for old Excel workbooks (.xls, BIFF): xlrd with formatting_info for
the merged ranges; the same sheet choice and cell texts as the .xlsx loader."""

from __future__ import annotations

from pathlib import Path

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.columns import is_header_row
from db.plans.grid import Grid, GridBuilder
from db.plans.loaders.xlsx import HEADER_ROWS, MAX_COLUMNS, MAX_ROWS, cell_text


def load_xls(path: Path, data: bytes, cancel: CancelToken | None = None) -> Grid:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=_Quiet())
    except Exception as exc:
        raise InputError(
            path, f"已损坏或无法读取的 .xls 工作簿（{type(exc).__name__}: {exc}），请在 Excel 或 WPS 中另存为 .xlsx"
        ) from exc
    try:
        try:
            sheet = _plan_sheet(path, book)
        except InputError:
            raise
        except Exception as exc:  # xlrd on a damaged sheet
            raise InputError(path, f"已损坏或无法读取的 .xls 工作簿（{type(exc).__name__}: {exc}）") from exc
        return _grid(path, book, sheet, cancel)
    finally:
        book.release_resources()


class _Quiet:
    def write(self, _text: str) -> int:
        return 0


def _texts(book: object, sheet: object, row: int, width: int) -> list[str]:
    import xlrd

    texts = []
    for column in range(width):
        cell = sheet.cell(row, column)  # type: ignore[attr-defined]
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                texts.append(cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))  # type: ignore[attr-defined]
            except (ValueError, OverflowError):
                texts.append(str(cell.value))
        elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
            texts.append("")
        else:
            texts.append(cell_text(cell.value))
    return texts


def _plan_sheet(path: Path, book: object) -> object:
    sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]  # type: ignore[attr-defined]
    visible = [sheet for sheet in sheets if not sheet.visibility] or sheets
    for sheet in visible:
        width = min(sheet.ncols, MAX_COLUMNS)
        for row in range(min(sheet.nrows, HEADER_ROWS)):
            if is_header_row(_texts(book, sheet, row, width)):
                return sheet
    for sheet in visible:
        if sheet.nrows:
            return sheet
    raise InputError(path, "工作簿中没有内容")


def _grid(path: Path, book: object, sheet: object, cancel: CancelToken | None) -> Grid:
    if sheet.nrows > MAX_ROWS:  # type: ignore[attr-defined]
        raise InputError(path, f"工作表“{sheet.name}”超过 {MAX_ROWS} 行，不像工作计划表")  # type: ignore[attr-defined]
    width = min(sheet.ncols, MAX_COLUMNS)  # type: ignore[attr-defined]
    builder = GridBuilder(path)
    for row in range(sheet.nrows):  # type: ignore[attr-defined]
        if cancel is not None and row % 500 == 0:
            cancel.check()
        try:
            texts = _texts(book, sheet, row, width)
        except Exception as exc:  # xlrd on a damaged cell record
            raise InputError(path, f"已损坏或无法读取的 .xls 工作簿（{type(exc).__name__}: {exc}）") from exc
        builder.add_texts(texts, f"工作表 {sheet.name} 第 {row + 1} 行")  # type: ignore[attr-defined]
    for top, bottom, left, right in sheet.merged_cells:  # type: ignore[attr-defined]
        if left < width:
            builder.merge(top, left, bottom - 1, min(right, width) - 1)
    return builder.build()

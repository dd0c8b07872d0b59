"""Loader for text PDFs (a plan table printed from Word, as posted on a
government site): the table rebuilt from its ruling lines and the characters'
boxes, with pypdfium2 (PDFium: fast, no other dependency).

Per page:
- the ruling lines are the thin path objects (LibreOffice and Word draw each
  border as a line or a thin filled rectangle; a rectangle outline gives four);
  their x and y positions cut the table into atoms;
- an atom without a line on its right joins its neighbour (merged across),
  one without a line below joins the atom under it (merged down): the
  rectangles that remain are the cells;
- every character (PDFium's generated spaces and line breaks left out) goes to
  the cell its centre lies in; a cell's lines are joined without a break where
  the line above reached the cell's right edge (it wrapped), with "\\n" where
  it did not (the writer pressed Enter).

Pages are joined: the column lines of all pages make the grid's columns. The
first data row of a page whose key column (the first one filled in most rows:
序号 or the task) is empty is the rest of the last row of the page before,
split at the page break, and is joined to it; an empty cell in the first data
row of a page continues the cell above (a merge down across the break). The
header repeated on every page stays in the grid: the interpreter knows it.
Text above the table on the first page gives the title lines; text below the
table on the last page becomes rows (notes); page numbers are dropped.

A PDF with no text layer (a scan) and one without a ruled table are refused.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.grid import Grid, GridBuilder

THIN = 2.0  # points: a path this thin is a ruling line
MERGE = 2.0  # points: lines closer than this are one
MAX_PAGES = 2000
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*)?[0-9]+(\s*页)?(\s*/\s*共?\s*[0-9]+\s*页?)?[-—–－\s]*$")


class _Char:
    """A character and its box; y from the top of the page."""

    __slots__ = ("bottom", "cx", "cy", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float) -> None:
        self.text, self.x0, self.x1, self.top, self.bottom = text, x0, x1, top, bottom
        self.cx, self.cy = (x0 + x1) / 2, (top + bottom) / 2


@dataclass
class _Box:
    """A cell of one page: atoms rows r0..r1-1, columns c0..c1-1 (page-local)."""

    r0: int
    c0: int
    r1: int
    c1: int
    x0: float
    x1: float
    chars: list[_Char] = field(default_factory=list)
    text: str = ""
    room: float = 0.0  # left after the last line
    need: float = 0.0  # for the start of the first line


@dataclass
class _Page:
    number: int
    xs: list[float]  # column lines
    ys: list[float]  # row lines, from the top
    boxes: list[_Box]
    above: list[str]
    below: list[str]


def load_pdf(path: Path, data: bytes, cancel: CancelToken | None = None) -> Grid:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, "PDF 设置了密码，无法读取；请导入没有密码的 PDF 或 Word 原件") from None
        raise InputError(path, f"已损坏或无法读取的 PDF 文件（{exc}）") from None
    try:
        if len(document) > MAX_PAGES:
            raise InputError(path, f"PDF 有 {len(document)} 页，超过 {MAX_PAGES} 页的上限，不像工作计划")
        pages: list[_Page] = []
        characters = 0
        for index in range(len(document)):
            if cancel is not None:
                cancel.check()  # outside the try below: what it raises goes to the caller
            try:
                page, count = _read_page(document[index], index + 1)
            except Exception as exc:
                raise InputError(
                    path, f"已损坏或无法读取的 PDF 文件：{type(exc).__name__}: {exc}", f"第 {index + 1} 页"
                ) from exc
            characters += count
            pages.append(page)
        when = _document_date(document)
    finally:
        document.close()
    if characters < 10:
        raise InputError(path, "是扫描件或图片 PDF（没有文字层），无法读取文字；请导入带文字的 PDF，或计划的 Word 原件")
    if not any(page.boxes for page in pages):
        raise InputError(path, "PDF 中没有找到带框线的表格；请导入计划的 Word 或 Excel 原件")
    return _join(path, pages, when)


# --- one page ------------------------------------------------------------------


def _read_page(page: object, number: int) -> tuple[_Page, int]:
    import pypdfium2.raw as raw

    height = page.get_height()  # type: ignore[attr-defined]
    horizontal: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vertical: list[tuple[float, float, float]] = []  # (x, y0, y1)
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):  # type: ignore[attr-defined]
        left, bottom, right, top = obj.get_bounds()
        y0, y1 = height - top, height - bottom
        if right - left <= THIN and y1 - y0 > THIN:
            vertical.append(((left + right) / 2, y0, y1))
        elif y1 - y0 <= THIN and right - left > THIN:
            horizontal.append(((y0 + y1) / 2, left, right))
        elif right - left > THIN and y1 - y0 > THIN and raw.FPDFPath_CountSegments(obj.raw) in (4, 5):
            _stroked = _is_stroked(obj)
            if _stroked:  # a rectangle outline: its four sides
                horizontal += [(y0, left, right), (y1, left, right)]
                vertical += [(left, y0, y1), (right, y0, y1)]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    chars = _chars(textpage, height)
    textpage.close()
    if not horizontal or not vertical:
        return _Page(number, [], [], [], _lines(chars), []), len(chars)
    xs = _cluster([x for x, _, _ in vertical])
    ys = _cluster([y for y, _, _ in horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return _Page(number, [], [], [], _lines(chars), []), len(chars)
    boxes = _boxes(xs, ys, horizontal, vertical)
    above, below = [], []
    inside: list[_Char] = []
    for char in chars:
        if char.cy < ys[0]:
            above.append(char)
        elif char.cy > ys[-1]:
            below.append(char)
        elif xs[0] <= char.cx <= xs[-1]:
            inside.append(char)
    _place(inside, boxes, xs, ys)
    boxes = _join_overflow(boxes)
    for box in boxes:
        box.text, box.room, box.need = _box_text(box)
    return _Page(number, xs, ys, boxes, _lines(above), _lines(below)), len(chars)


def _is_stroked(obj: object) -> bool:
    import ctypes

    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)  # type: ignore[attr-defined]
    return bool(stroke.value) and not fill.value


def _chars(textpage: object, height: float) -> list[_Char]:
    import pypdfium2.raw as raw

    count = textpage.count_chars()  # type: ignore[attr-defined]
    if not count:
        return []
    text = textpage.get_text_range(0, count)  # type: ignore[attr-defined]
    chars = []
    handle = textpage.raw  # type: ignore[attr-defined]
    for index in range(min(count, len(text))):
        char = text[index]
        if char in "\r\n" or raw.FPDFText_IsGenerated(handle, index):
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)  # type: ignore[attr-defined]
        if char.isspace():
            if right <= left:
                continue
            char = " "
        chars.append(_Char(char, left, right, height - top, height - bottom))
    return chars


def _cluster(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] < MERGE:
            continue
        result.append(value)
    return result


def _covers(segments: list[tuple[float, float, float]], at: float, point: float) -> bool:
    """Whether a segment lies at `at` (± MERGE) and reaches over `point`."""
    return any(abs(position - at) < MERGE and low - MERGE <= point <= high + MERGE for position, low, high in segments)


def _boxes(
    xs: list[float],
    ys: list[float],
    horizontal: list[tuple[float, float, float]],
    vertical: list[tuple[float, float, float]],
) -> list[_Box]:
    rows, columns = len(ys) - 1, len(xs) - 1
    right = [[_covers(vertical, xs[c + 1], (ys[r] + ys[r + 1]) / 2) for c in range(columns)] for r in range(rows)]
    below = [[_covers(horizontal, ys[r + 1], (xs[c] + xs[c + 1]) / 2) for c in range(columns)] for r in range(rows)]
    # Only atoms inside the table: some line on their left or above.
    taken = [[False] * columns for _ in range(rows)]
    boxes: list[_Box] = []
    for r in range(rows):
        for c in range(columns):
            if taken[r][c]:
                continue
            c1 = c + 1
            while c1 < columns and not right[r][c1 - 1] and not taken[r][c1]:
                c1 += 1
            r1 = r + 1
            while r1 < rows and not any(below[r1 - 1][k] for k in range(c, c1)):
                r1 += 1
            for rr in range(r, r1):
                for cc in range(c, c1):
                    taken[rr][cc] = True
            boxes.append(_Box(r, c, r1, c1, xs[c], xs[c1]))
    return boxes


def _place(chars: list[_Char], boxes: list[_Box], xs: list[float], ys: list[float]) -> None:
    at: dict[tuple[int, int], _Box] = {}
    for box in boxes:
        for r in range(box.r0, box.r1):
            for c in range(box.c0, box.c1):
                at[r, c] = box
    for char in chars:
        column = bisect.bisect_right(xs, char.cx) - 1
        row = bisect.bisect_right(ys, char.cy) - 1
        found = at.get((min(row, len(ys) - 2), min(column, len(xs) - 2)))
        if found is not None:
            found.chars.append(char)


def _join_overflow(boxes: list[_Box]) -> list[_Box]:
    """Join a box to its right neighbour when its text runs on into it on the
    same line, across the line between them (a cell merged across that the
    producer still drew the column lines through)."""
    by_start = {(box.r0, box.r1, box.c0): box for box in boxes}
    gone: set[int] = set()
    for box in sorted(boxes, key=lambda b: (b.r0, b.c0)):
        if id(box) in gone or not box.chars:
            continue
        while (right := by_start.get((box.r0, box.r1, box.c1))) is not None and right.chars:
            first = min(right.chars, key=lambda ch: (ch.x0, ch.cy))
            last = max((ch for ch in box.chars if abs(ch.cy - first.cy) < 2), key=lambda ch: ch.x1, default=None)
            if last is None or first.x0 - right.x0 > 1.5 or abs(first.x0 - last.x1) > 1.5:
                break
            box.chars += right.chars
            box.c1, box.x1 = right.c1, right.x1
            gone.add(id(right))
            del by_start[(right.r0, right.r1, right.c0)]
    return [box for box in boxes if id(box) not in gone]


def _line_groups(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines (top to bottom), each line left to right."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda ch: ch.cy):
        if lines:
            line = lines[-1]
            height = max(1.0, line[0].bottom - line[0].top)
            if abs(char.cy - line[0].cy) < 0.5 * height:
                line.append(char)
                continue
        lines.append([char])
    for line in lines:
        line.sort(key=lambda ch: ch.x0)
    return lines


NO_LINE_START = "，。、；：？！）》」』”’%…—,.;:?!)]"


def _need(line: list[_Char]) -> float:
    """The width the start of `line` would have needed on the line above: its
    first character, with the punctuation that may not start a line after it."""
    need = line[0].x1 - line[0].x0
    for char in line[1:3]:
        if char.text not in NO_LINE_START:
            break
        need += char.x1 - char.x0
    if line[0].text.isascii() and line[0].text.isalnum():  # a Latin word or number moves whole
        for char in line[1:]:
            if not (char.text.isascii() and char.text.isalnum()):
                break
            need += char.x1 - char.x0
    return need


UNIT_END = "局委办府厅部处科室心院所站队会署行"


def _two_names(above: list[_Char], line: list[_Char]) -> bool:
    """A full line ending a unit name and a line starting another (市… 区… 县… 各…):
    two names one under the other, whether the line wrapped or not."""
    return above[-1].text in UNIT_END and line[0].text in "市区县各"


def _box_text(box: _Box) -> tuple[str, float, float]:
    """The box's text; the room left after its last line; the room its first line
    would need on a line above. A line ends with a break ("\n") when the next
    line's start would have fitted after it, else it wrapped."""
    lines = _line_groups(box.chars)
    if not lines:
        return "", 0.0, 0.0
    padding = min(10.0, max(0.0, min(line[0].x0 for line in lines) - box.x0))
    right = box.x1 - padding
    text = "".join(ch.text for ch in lines[0]).strip()
    for above, line in pairwise(lines):
        wrapped = right - above[-1].x1 < _need(line) - 0.5 and not _two_names(above, line)
        text += ("" if wrapped else "\n") + "".join(ch.text for ch in line).strip()
    return text, right - lines[-1][-1].x1, _need(lines[0])


def _lines(chars: list[_Char]) -> list[str]:
    texts = ["".join(ch.text for ch in line).strip() for line in _line_groups(chars)]
    return [text for text in texts if text and not PAGE_NUMBER.match(text)]


# --- the pages joined ----------------------------------------------------------


def _join(path: Path, pages: list[_Page], when: date | None) -> Grid:
    columns = _cluster([x for page in pages for x in page.xs])
    tabled = [page for page in pages if page.boxes]
    first = tabled[0]
    above = [line for page in pages[: pages.index(first)] for line in page.above + page.below] + first.above
    first_rows = _page_rows(first, columns)
    key = _key_column(first_rows)
    numbered = key is not None and _numbered(first_rows, key)
    # (boxes of the row, where, the row above when it is the first of a page)
    entries: list[tuple[list[_Box | None], str, list[_Box | None] | None]] = []
    for page in tabled:
        rows = first_rows if page is first else _page_rows(page, columns)
        start = 0
        if page is not first:  # the header repeated on this page: already in the grid once
            while start < len(rows) and start < len(first_rows) and _texts(rows[start]) == _texts(first_rows[start]):
                start += 1
        after_header = page is not first
        for index in range(start, len(rows)):
            row = rows[index]
            where = f"第 {page.number} 页 第 {index + 1} 行"
            if entries and index > 0 and _texts(row) == _texts(first_rows[0]):
                after_header = True  # the header typed again: merges reach through it
                continue
            if after_header and entries:
                after_header = False
                last = entries[-1][0]
                if index == start and page is not first and key is not None and _continues(row[key], numbered):
                    _append(last, row)  # the rest of a row split at the page break
                    continue
                entries.append((row, where, last))
            else:
                entries.append((row, where, None))
    builder = GridBuilder(path)
    for row, where, above_row in entries:
        builder.add_row(_cells(row, columns), where, assume_merges=above_row is not None)
    last_page = pages[-1]
    for line in last_page.below if last_page.boxes else []:
        builder.add_row([(line, max(1, len(columns) - 1), False)], f"第 {last_page.number} 页 表格下方")
    return builder.build(title_lines=above, document_date=when, lines_wrapped=True)


def _texts(row: list[_Box | None]) -> list[str]:
    return [box.text for box in row if box]


def _page_rows(page: _Page, columns: list[float]) -> list[list[_Box | None]]:
    """Per atom row of the page, the box starting in that row at each global column (None elsewhere)."""
    width = len(columns) - 1
    rows: list[list[_Box | None]] = [[None] * width for _ in range(len(page.ys) - 1)]
    for box in page.boxes:
        start = _column_index(columns, box.x0)
        rows[box.r0][start] = box
    return rows


def _column_index(columns: list[float], x: float) -> int:
    index = bisect.bisect_left(columns, x - MERGE)
    return max(0, min(index, len(columns) - 2))


def _span(columns: list[float], box: _Box) -> int:
    return (
        max(1, _column_index(columns, box.x1) - _column_index(columns, box.x0))
        if box.x1 < columns[-1] - MERGE
        else len(columns) - 1 - _column_index(columns, box.x0)
    )


def _cells(row: list[_Box | None], columns: list[float]) -> list[tuple[str, int, bool]]:
    """The row as GridBuilder cells: a box starts a cell (its span across); a
    column no box starts in belongs to a box above (merged down)."""
    cells: list[tuple[str, int, bool]] = []
    column = 0
    while column < len(row):
        box = row[column]
        if box is None:
            cells.append(("", 1, True))
            column += 1
            continue
        span = _span(columns, box)
        cells.append((box.text, span, False))
        column += span
    return cells


def _append(previous: list[_Box | None], row: list[_Box | None]) -> None:
    """Join the rest of a row split at a page break to the row on the page before."""
    for column, box in enumerate(row):
        if box is None or not box.text:
            continue
        target = next((previous[c] for c in range(column, -1, -1) if previous[c] is not None), None)
        if target is None:
            continue
        joiner = "" if target.room < box.need - 0.5 else "\n"
        target.text = f"{target.text}{joiner}{box.text}" if target.text else box.text
        target.room = box.room


def _starts_item(text: str) -> bool:
    from db.plans.numbering import bare_number, marker

    return bool(marker(text)) or bare_number(text) is not None


def _numbered(rows: list[list[_Box | None]], key: int) -> bool:
    """Whether most cells of the key column start with a number (1. / 一、 / 3)."""
    texts = [box.text for row in rows[1:] if (box := row[key]) is not None and box.text]
    return bool(texts) and sum(map(_starts_item, texts)) >= 0.7 * len(texts)


def _continues(key: _Box | None, numbered: bool) -> bool:
    """Whether the first row of a page is the rest of the row before: its key
    cell is empty, or holds no number where the others all start with one."""
    return key is None or not key.text or (numbered and not _starts_item(key.text))


def _key_column(rows: list[list[_Box | None]]) -> int | None:
    """The first column filled in most of the rows that are not one cell across."""
    body = [row for row in rows if sum(1 for box in row if box) > 1]
    if not body:
        return None
    width = len(body[0])
    for column in range(width):
        filled = sum(1 for row in body if (box := row[column]) is not None and box.text)
        if filled >= 0.7 * len(body):
            return column
    return None


def _document_date(document: object) -> date | None:
    try:
        created = document.get_metadata_value("CreationDate")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 (the date is a hint: no date rather than no plan)
        return None
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", created or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None

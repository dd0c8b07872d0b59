"""Loader for plans as text extracted from a Word table (DESIGN.md): one table
cell per line starting with a tab, a continuation line without one, an empty
cell a line holding only a tab; the title on the first line above the table.

Rows are not marked in this format: the header's cells give the width, a
heading (`一、…`, `（一）…`) or a note stands alone as a row across the table,
and every other row takes that many cells; a numbered cell followed at once by
another numbered cell is a heading too (`1.` over tasks `①`). The merges were lost: an empty
cell may be the lower part of a merged one (`Grid.merges_known` is False).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.columns import role_of_name
from db.plans.grid import Grid, GridBuilder
from db.plans.numbering import marker

ALONE_STYLES = ("part", "cn", "paren_cn")
DEFAULT_COLUMNS = ["工作任务", "牵头单位", "责任单位", "工作要求"]  # DESIGN.md: the bundled plan's order
NOTE_START = ("注", "备注", "说明", "制表", "填表", "审核", "联系人", "联系电话")


@dataclass
class _Cell:
    line: int  # 1-based line of the document where the cell starts
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _cells(text: str) -> tuple[list[str], list[_Cell]]:
    """The lines above the table and the table's cells."""
    above: list[str] = []
    cells: list[_Cell] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("\t"):
            cells.append(_Cell(number, [raw[1:].strip()]))
        elif not raw.strip():
            continue
        elif cells:
            cells[-1].lines.append(raw.strip())
        else:
            above.append(raw.strip())
    return above, cells


def is_tab_text(text: str) -> bool:
    """Whether `text` is in this format: most of its lines start with a tab."""
    lines = [line for line in text.splitlines()[:400] if line.strip()]
    return bool(lines) and sum(line.startswith("\t") for line in lines) >= 0.5 * len(lines)


def _header_length(cells: list[_Cell], start: int) -> int:
    length = 0
    while start + length < len(cells) and role_of_name(cells[start + length].text):
        length += 1
    return length if length >= 2 else 0


def load_text(path: Path, text: str, cancel: CancelToken | None = None) -> Grid:
    above, cells = _cells(text)
    if not cells:
        raise InputError(
            path, "没有找到任何编号的工作任务（如“1. …”），不是工作计划表（表格文本的每个单元格应占一行并以制表符开头）"
        )
    builder = GridBuilder(path)
    width = 0
    names: list[str] = []
    index = 0
    while index < len(cells):
        if cancel is not None and index % 500 == 0:
            cancel.check()
        cell = cells[index]
        header = _header_length(cells, index)
        if header and (not width or header == width):
            width = width or header
            builder.add_texts([c.text for c in cells[index : index + header]], f"第 {cell.line} 行")
            index += header
            continue
        if not cell.text:
            index += 1  # an empty cell where a row would start: the rest of a heading row
            continue
        found = marker(cell.text)
        following = cells[index + 1].text if index + 1 < len(cells) else ""
        # Alone in its row: a heading (一、 （一）), a note, or a numbered cell the
        # next numbered cell follows at once (a level-3 heading `1.` over tasks `①`).
        if (
            (found and (found.style in ALONE_STYLES or (following and marker(following))))
            or cell.text.startswith(NOTE_START)
            or index + 1 == len(cells)
        ):
            builder.add_row([(cell.text, max(width, len(DEFAULT_COLUMNS)), False)], f"第 {cell.line} 行")
            index += 1
            continue
        if not width:
            width, names = len(DEFAULT_COLUMNS), DEFAULT_COLUMNS  # no header: the usual four columns
        row = cells[index : index + width]
        builder.add_texts([c.text for c in row], f"第 {cell.line} 行")
        index += width
    return builder.build(title_lines=above, merges_known=False, column_names=names)

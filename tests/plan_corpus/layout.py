"""From rows of cells (text, UP, Span) to the rectangles every writer merges."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tests.plan_corpus.model import UP, AnyRow, H, Header, Plan, Row, Span, T, TableBreak, Up


@dataclass
class Box:
    """One visible cell: its text and the grid rectangle it covers."""

    text: str
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@dataclass
class Table:
    rows: list[AnyRow]
    boxes: list[Box]
    # covered[r][c]: the box that grid cell belongs to
    covered: list[list[Box]]


def row_cells(row: AnyRow, columns: int) -> list[str | Up | Span]:
    if isinstance(row, H) and isinstance(row.text, str):
        return [Span(row.text, columns)]
    if isinstance(row, H):
        return list(row.text)
    assert isinstance(row, Header | T | Row)
    return list(row.cells)


def tables(plan: Plan) -> Iterator[Table]:
    current: list[AnyRow] = []
    for row in plan.rows:
        if isinstance(row, TableBreak):
            yield lay_out(current, plan.columns, plan.name)
            current = []
        else:
            current.append(row)
    yield lay_out(current, plan.columns, plan.name)


def lay_out(rows: list[AnyRow], columns: int, name: str) -> Table:
    boxes: list[Box] = []
    covered: list[list[Box]] = []
    for r, row in enumerate(rows):
        line: list[Box] = []
        for cell in row_cells(row, columns):
            c = len(line)
            if isinstance(cell, Up) or (isinstance(cell, Span) and cell.text is UP):
                assert r > 0, f"{name}: UP in the first row of a table"
                box = covered[r - 1][c]
                assert box.column == c, f"{name} row {r}: UP under the middle of a merged cell"
                width = cell.columns if isinstance(cell, Span) else box.columns
                assert width == box.columns, f"{name} row {r}: UP of another width than the cell above"
                box.rows = r - box.row + 1
                line.extend([box] * box.columns)
            else:
                text, width = (cell.text, cell.columns) if isinstance(cell, Span) else (cell, 1)
                assert isinstance(text, str)
                box = Box(text, r, c, 1, width)
                boxes.append(box)
                line.extend([box] * width)
        assert len(line) <= columns, f"{name} row {r}: {len(line)} cells for {columns} columns"
        while len(line) < columns:  # a short row: an empty cell at its end
            box = Box("", r, len(line))
            boxes.append(box)
            line.append(box)
        covered.append(line)
    return Table(rows, boxes, covered)

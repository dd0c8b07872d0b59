"""The grid every loader produces: the plan table's cells with their spans, in
document order, whatever the format (DESIGN.md "Reading the plan document").

Every row has the same number of cells (`Grid.width`): a cell hidden under
another cell's merge is present, `covered`, with no text, and `origin` gives
the (row, column) of the cell that covers it. Several tables of one document
follow one another; `row_origins` says where each row came from, for messages.

`merges_known` is False for formats that lose merged cells (text copied out of
Word, CSV saved from Excel): there an empty cell may be the lower part of a
merged one, and the interpreter treats an empty unit cell as continued.
`lines_wrapped` is True where a cell's line break may be where a line
wrapped rather than where the writer pressed Enter (a PDF, where a break
between two unit names cannot be told from a wrap): the interpreter then
joins the lines of text cells (task, requirement, deadline) without a break.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Cell:
    text: str  # the cell's text, lines joined with "\n", stripped
    row: int  # 0-based row index in Grid.rows
    column: int  # 0-based grid column (gridSpan counted)
    row_span: int = 1  # >1: the top cell of a vertical merge
    column_span: int = 1  # >1: merged across
    covered: bool = False  # hidden under another cell's merge; text "" and `origin` set
    origin: tuple[int, int] | None = None  # (row, column) of the covering cell

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass
class Grid:
    source: Path
    rows: list[list[Cell]]
    row_origins: list[str]
    title_lines: list[str] = field(default_factory=list)
    document_date: date | None = None
    merges_known: bool = True
    lines_wrapped: bool = False  # a cell's "\n" may be a wrap (PDF)
    notes: list[str] = field(default_factory=list)  # what the loader had to do, for the preview
    # Column names the format implies when the table has no header row (the text
    # format's 工作任务 | 牵头单位 | 责任单位 | 工作要求).
    column_names: list[str] = field(default_factory=list)
    marked_headers: set[int] = field(default_factory=set)  # rows the document marks as header (w:tblHeader)
    # (row, column) of empty cells at the top of a page (or of a table split at a
    # page break) that the loader merged with the cell above: continued for unit
    # and heading columns, but empty for text columns.
    assumed_merges: set[tuple[int, int]] = field(default_factory=set)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def origin_of(self, cell: Cell) -> Cell:
        """The cell whose merge covers `cell` (itself when not covered)."""
        if cell.origin is None:
            return cell
        row, column = cell.origin
        return self.rows[row][column]

    def text(self, row: int, column: int) -> str:
        """The text shown at (row, column): a covered cell shows its origin's."""
        return self.origin_of(self.rows[row][column]).text

    def merged_from_above(self, row: int, column: int) -> bool:
        """Whether the cell is the lower part of a vertical merge."""
        origin = self.rows[row][column].origin
        return origin is not None and origin[0] < row

    def continues_text(self, row: int, column: int) -> bool:
        """Whether a text cell shows the text above it: a real merge down, not one
        the loader assumed at a page break."""
        return self.merged_from_above(row, column) and (row, column) not in self.assumed_merges


class _Slot:
    """A cell while the grid is being built: spans still grow."""

    __slots__ = ("column", "column_span", "origin", "row", "row_span", "text")

    def __init__(self, text: str, row: int, column: int, column_span: int = 1) -> None:
        self.text = text
        self.row = row
        self.column = column
        self.row_span = 1
        self.column_span = column_span
        self.origin: _Slot | None = None


class GridBuilder:
    """Builds a Grid row by row, resolving merges.

    `add_row` takes each cell as (text, column_span, merged_up): `merged_up`
    is a Word vMerge "continue" (the cell belongs to the cell above it).
    `merge` marks a rectangular range (Excel's merged cells).
    """

    def __init__(self, source: Path) -> None:
        self.source = source
        self._rows: list[list[_Slot]] = []
        self._origins: list[str] = []
        self._table_start = 0  # vertical merges never reach into the table above
        self.marked: set[int] = set()  # rows the document marks as header rows
        self._transparent: set[int] = set()
        self.assumed: set[tuple[int, int]] = set()

    def new_table(self) -> None:
        self._table_start = len(self._rows)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def add_row(
        self,
        cells: Sequence[tuple[str, int, bool]],
        origin: str,
        transparent: bool = False,
        assume_merges: bool = False,
    ) -> None:
        """Add a row; `transparent`: vertical merges below reach through it to the
        row above (a header row copied by hand between the parts of a merge);
        `assume_merges`: an empty cell under a filled one belongs to it (the first
        row of a page whose merges the format lost)."""
        index = len(self._rows)
        row: list[_Slot] = []
        for text, span, merged_up in cells:
            column = len(row)
            span = max(1, span)
            assumed = assume_merges and not merged_up and not text.strip()
            above = self._above(index, column) if merged_up or assumed else None
            top = None if above is None else above.origin or above
            if assumed and top is not None and not top.text:
                top = None
            if top is not None and top.column == column and (not assumed or top.column_span == span):
                if assumed:
                    self.assumed.add((index, column))
                top.row_span = index - top.row + 1
                for offset in range(span):
                    slot = _Slot("", index, column + offset)
                    slot.origin = top
                    row.append(slot)
                continue
            head = _Slot(text.strip(), index, column, span)
            row.append(head)
            for offset in range(1, span):
                slot = _Slot("", index, column + offset)
                slot.origin = head
                row.append(slot)
        self._rows.append(row)
        self._origins.append(origin)
        if transparent:
            self._transparent.add(index)

    def _above(self, index: int, column: int) -> _Slot | None:
        above_index = index - 1
        while above_index in self._transparent:
            above_index -= 1
        if above_index < self._table_start:
            return None
        above = self._rows[above_index]
        return above[column] if column < len(above) else None

    def add_texts(self, texts: Sequence[str], origin: str) -> None:
        self.add_row([(text, 1, False) for text in texts], origin)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        """Merge the built rows top..bottom, columns left..right (inclusive, 0-based)."""
        bottom = min(bottom, len(self._rows) - 1)
        if bottom < top:
            return
        width = max(len(row) for row in self._rows[top : bottom + 1])
        for row in self._rows[top : bottom + 1]:
            while len(row) < width:
                row.append(_Slot("", row[0].row if row else top, len(row)))
        right = min(right, width - 1)
        head = self._rows[top][left]
        head.row_span = bottom - top + 1
        head.column_span = right - left + 1
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    slot = self._rows[r][c]
                    slot.text = ""
                    slot.origin = head

    def build(self, **kwargs: object) -> Grid:
        width = max((len(row) for row in self._rows), default=0)
        rows: list[list[Cell]] = []
        for index, slots in enumerate(self._rows):
            while len(slots) < width:
                slots.append(_Slot("", index, len(slots)))
            rows.append(
                [
                    Cell(
                        text=slot.text if slot.origin is None else "",
                        row=index,
                        column=column,
                        row_span=slot.row_span,
                        column_span=slot.column_span,
                        covered=slot.origin is not None,
                        origin=None if slot.origin is None else (slot.origin.row, slot.origin.column),
                    )
                    for column, slot in enumerate(slots)
                ]
            )
        grid = Grid(self.source, rows, list(self._origins), **kwargs)  # type: ignore[arg-type]
        grid.marked_headers = set(self.marked)
        grid.assumed_merges = set(self.assumed)
        return grid

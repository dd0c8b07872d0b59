"""Reader for plans as text extracted from a Word table: one table cell per line
starting with a tab, a continuation line without one (see DESIGN.md)."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import InputError
from db.plans.files import MAX_TEXT_BYTES, decode_text, read_file_bytes
from db.plans.builder import DEFAULT_COLUMNS, PlanBuilder, column_of, is_note, task_start
from db.plans.model import ParsedPlan


@dataclass
class _Cell:
    line: int  # 1-based line of the document where the cell starts
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _cells(text: str) -> tuple[str, list[_Cell]]:
    """The title (first line before the table) and the table's cells."""
    title = ""
    cells: list[_Cell] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("\t"):
            cells.append(_Cell(number, [raw[1:].strip()]))
        elif not raw.strip():
            continue
        elif cells:
            cells[-1].lines.append(raw.strip())
        elif not title:
            title = raw.strip()
    return title, cells


def read_text_plan(
    path: Path,
    collectives: Collection[str] = (),
    title: str | None = None,
    year: int | None = None,
) -> ParsedPlan:
    text = decode_text(read_file_bytes(path, MAX_TEXT_BYTES), path)
    doc_title, cells = _cells(text)
    builder = PlanBuilder(path, collectives)
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    seen_header = started = False
    i = 0
    while i < len(cells):
        cell = cells[i]
        i += 1
        if column_of(cell.text):
            header = [cell]
            while i < len(cells) and column_of(cells[i].text):
                header.append(cells[i])
                i += 1
            if not seen_header:
                columns = _header_columns(path, header)
                seen_header = True
            continue
        if builder.heading(cell.text):
            started = True
            continue
        start = task_start(cell.text) if columns[0] == "title" else _bare_number(cell.text)
        if start is None:
            if cell.text and started and not is_note(cell.text):
                raise InputError(path, f"无法识别“{cell.text[:30]}”：既不是标题也不是编号任务", f"第 {cell.line} 行")
            continue
        started = True
        number, task_title = start
        row: dict[str, _Cell] = {}
        for column in columns[1:]:
            if i < len(cells):
                row[column] = cells[i]
                i += 1
        if columns[0] == "number":
            task_title = row.pop("title", _Cell(cell.line)).text
        builder.task(
            number,
            task_title,
            lead=_units_cell(row.get("lead")),
            responsible=_units_cell(row.get("responsible")),
            requirement=row["requirement"].text if "requirement" in row else "",
            deadline=row["deadline"].text if "deadline" in row else None,
            where=f"第 {cell.line} 行",
        )
    return builder.finish(title or doc_title, year)


def _units_cell(cell: _Cell | None) -> list[str] | None:
    """The lines of a unit cell; None for an empty one (the lower part of a merged cell)."""
    if cell is None or not cell.text:
        return None
    return cell.lines


def _bare_number(text: str) -> tuple[int, str] | None:
    text = unicodedata.normalize("NFKC", text.strip())
    return (int(text), "") if text.isdigit() else None


def _header_columns(path: Path, header: list[_Cell]) -> tuple[str, ...]:
    columns = tuple(column_of(cell.text) or "" for cell in header)
    if columns[0] not in ("title", "number") or "title" not in columns:
        raise InputError(path, "表头的第一列应为“工作任务”或“序号”", f"第 {header[0].line} 行")
    return columns

"""What a plan module writes down: the rows of the document as they show, and
beside each task row the reading a careful clerk would give it, by hand.

A row is a list of cells in grid order. A cell is its text (lines split by
``\\n`` become separate paragraphs in Word), ``UP`` (the lower part of a cell
merged down from the row above) or ``Span(text, n)`` (one cell across n grid
columns; ``Span(UP, n)`` continues a merge down that is n columns wide).

The expectation is never computed from a cell: the section path comes from the
hand-written ``[numeral, title]`` of the heading rows above (or ``sec=`` on the
task), every other field is written on the task itself. `check_plan` only
verifies that what was written by hand can be found in the row, to catch typing
slips between the two copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class Up:
    """The lower part of a vertical merge."""

    def __repr__(self) -> str:
        return "UP"


UP = Up()


@dataclass(frozen=True)
class Span:
    text: str | Up
    columns: int


Cell = str | Up | Span


@dataclass
class Header:
    """A header row. ``repeat``: marked to repeat on every page (w:tblHeader)."""

    cells: list[Cell]
    repeat: bool = False
    page_break: bool = False  # a physical copy that starts a new page in Word


@dataclass
class H:
    """A heading row: `text` in one cell across the table, or `cells` as given.

    ``numeral``/``title``/``level`` are the expected reading. ``again``: the same
    heading repeated (at the top of a page): it continues its section.
    """

    text: str | list[Cell]
    numeral: str
    title: str
    level: int = 1
    again: bool = False
    page_break: bool = False


@dataclass
class T:
    """A task row and its expected reading."""

    cells: list[Cell]
    n: int
    title: str
    req: str = ""
    dl: str = ""
    lead: list[str] = field(default_factory=list)
    resp: list[str] = field(default_factory=list)
    lc: bool = False  # lead continued from the task above (merged down)
    rc: bool = False  # responsible continued
    sec: list[list[str]] | None = None  # the section path, when no heading row gives it
    leader: str | None = None  # 责任领导 / 分管领导, when the plan has the column
    remark: str | None = None  # 备注, when the plan has the column
    page_break: bool = False


@dataclass
class Row:
    """Any other row (a note, an empty row): it holds no task."""

    cells: list[Cell]
    page_break: bool = False


class TableBreak:
    """Ends one table; the next rows form another table of the same document."""


AnyRow = Header | H | T | Row | TableBreak


@dataclass
class Plan:
    name: str  # file stem (without extension) unless `file_names` says otherwise
    formats: tuple[str, ...]  # "docx", "pdf" (printed from the .docx), "xlsx", "xls", "csv", "txt"
    shape: str  # what the file shows, for the reader of a failing test
    title: str  # expected title
    year: int  # expected year
    widths: list[float]  # column widths in cm (docx) / characters ÷ 2 (xlsx)
    rows: list[AnyRow]
    above: list[str] = field(default_factory=list)  # paragraphs / rows / lines above the table
    below: list[str] = field(default_factory=list)  # paragraphs after the table (docx only)
    date: datetime = datetime(2021, 3, 1, 9, 0)  # document date (core properties, PDF metadata)
    numbering: str = "plan"
    numbers_assigned: bool = False
    collectives: list[str] = field(default_factory=list)
    args: dict[str, Any] = field(default_factory=dict)
    file_names: dict[str, str] = field(default_factory=dict)  # ext → file name
    landscape: bool = True
    font_size: float = 10.5
    numeric_columns: tuple[int, ...] = ()  # xlsx: these columns hold numbers, not text
    encoding: str = "utf-8-sig"  # csv / txt
    newline: str = "\r\n"  # csv / txt
    sheet_title: str = "Sheet1"
    # the bundled plan only: its tasks' reading as (sections, number, title, requirement,
    # deadline_text, lead, responsible, lead_continued, responsible_continued)
    reading: list[tuple[Any, ...]] | None = None

    def file_name(self, ext: str) -> str:
        return self.file_names.get(ext, f"{self.name}.{ext}")

    @property
    def columns(self) -> int:
        return len(self.widths)


def expected_tasks(plan: Plan) -> list[dict[str, Any]]:
    """The tasks of the expectation, in document order."""
    if plan.reading is not None:
        keys = (
            "sections",
            "number",
            "title",
            "requirement",
            "deadline_text",
            "lead",
            "responsible",
            "lead_continued",
            "responsible_continued",
        )
        return [dict(zip(keys, task, strict=True)) for task in plan.reading]
    path: list[list[str]] = []
    tasks: list[dict[str, Any]] = []
    for row in plan.rows:
        if isinstance(row, H):
            if row.again:
                assert path[row.level - 1] == [row.numeral, row.title], f"{plan.name}: {row.text} is no repeat"
                continue
            assert len(path) >= row.level - 1, f"{plan.name}: heading level {row.level} without a parent"
            path = [*path[: row.level - 1], [row.numeral, row.title]]
        elif isinstance(row, T):
            task: dict[str, Any] = {
                "sections": row.sec if row.sec is not None else [list(p) for p in path],
                "number": row.n,
                "title": row.title,
                "requirement": row.req,
                "deadline_text": row.dl,
                "lead": list(row.lead),
                "responsible": list(row.resp),
                "lead_continued": row.lc,
                "responsible_continued": row.rc,
            }
            if row.leader is not None:
                task["leader"] = row.leader
            if row.remark is not None:
                task["remark"] = row.remark
            tasks.append(task)
    return tasks


def expectation(plan: Plan) -> dict[str, Any]:
    files = [plan.file_name(ext) for ext in plan.formats]
    result: dict[str, Any] = {"files": files, "shape": plan.shape}
    if plan.args:
        result["args"] = plan.args
    result |= {
        "title": plan.title,
        "year": plan.year,
        "numbers_assigned": plan.numbers_assigned,
        "numbering": plan.numbering,
        "collectives": plan.collectives,
        "tasks": expected_tasks(plan),
    }
    return result


_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def cell_texts(cells: list[Cell]) -> list[str]:
    return [
        c.text if isinstance(c, Span) and isinstance(c.text, str) else c if isinstance(c, str) else "" for c in cells
    ]


def check_plan(plan: Plan) -> None:
    """Catch slips between the cell texts and their hand-written reading."""
    if plan.reading is not None:
        return
    for row in plan.rows:
        if isinstance(row, T):
            texts = [_squeeze(t) for t in cell_texts(row.cells)]
            joined = "|".join(texts)
            merged = any(c is UP or (isinstance(c, Span) and c.text is UP) for c in row.cells)
            for label, value in (
                ("title", row.title),
                ("requirement", row.req),
                ("deadline", row.dl),
                ("leader", row.leader or ""),
                ("remark", row.remark or ""),
            ):
                assert _squeeze(value) in joined or (label == "leader" and merged), (
                    f"{plan.name} task {row.n}: {label} {value!r} not in {joined!r}"
                )
            if not row.lc:
                for unit in row.lead:
                    assert unit[-2:] in joined, f"{plan.name} task {row.n}: lead {unit} not in the row"
            if not row.rc:
                for unit in row.resp:
                    assert unit[-2:] in joined, f"{plan.name} task {row.n}: responsible {unit} not in the row"
        elif isinstance(row, H) and isinstance(row.text, str):
            assert _squeeze(row.title) in _squeeze(row.text), f"{plan.name}: heading {row.text!r}"
    tasks = expected_tasks(plan)
    keys = [(tuple(map(tuple, t["sections"])) if plan.numbering == "section" else (), t["number"]) for t in tasks]
    assert len(set(keys)) == len(keys), f"{plan.name}: two tasks share a number"

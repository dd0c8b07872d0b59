"""厦门市2016年政务公开工作主要任务责任分工 — the bundled plan as its published Word table.

The cells come from resources/plans/xiamen-2016-task-division.txt, the text
copied out of that table: rows are separated by empty lines, each cell starts
with a tab. The document puts them back into one table per page of the
original (each page starts where the text repeats the header row), with the
header marked to repeat, section and subsection rows merged across, and an
empty lead or responsible cell inside a subsection made the lower part of a
vertical merge with the cell above. An empty cell right after a heading or
right after the repeated header stays a plain empty cell, as the text shows it.

The expected reading (`xiamen_2016_reading.TASKS`) is the reading of the text
file by the reader of commit b0f3de8 (db/plan_text.py), which
tests/test_bundled_plan.py verifies task by task against a reading by hand;
it was compared with that test's table (sections, units, continued cells,
titles) and checked by eye.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.plan_corpus.model import UP, AnyRow, Cell, H, Header, Plan, Span, T, TableBreak
from tests.plan_corpus.plans.xiamen_2016_reading import COLLECTIVES, TASKS

SOURCE = Path(__file__).resolve().parents[3] / "resources" / "plans" / "xiamen-2016-task-division.txt"
TITLE = "厦门市2016年政务公开工作主要任务责任分工"


def text_rows(text: str) -> list[list[str]]:
    """The table rows of the copied text, each a list of cell texts (lines joined by \\n).

    A tab line after an empty line starts a row, every tab line a cell; other
    lines continue the cell (an empty line inside a cell is dropped)."""
    rows: list[list[list[str]]] = []
    after_blank = True
    for line in text.splitlines():
        if line.startswith("\t"):
            if after_blank:
                rows.append([])
            rows[-1].append([line[1:]])
            after_blank = False
        elif not line.strip():
            after_blank = True
        elif rows:
            rows[-1][-1].append(line)
            after_blank = False
    return [["\n".join(part for part in cell if part.strip()) for cell in row] for row in rows]


def document_rows(rows: list[list[str]]) -> list[AnyRow]:
    header = rows[0]
    result: list[AnyRow] = []
    previous = ""  # kind of the row before: header, heading, task
    for index, row in enumerate(rows):
        if row == header:
            if index:
                result.append(TableBreak())
            result.append(Header(list(row), repeat=True, page_break=bool(index)))
            previous = "header"
        elif len(row) <= 2:  # a heading, once with a stray empty cell after it
            cells: list[Cell] = [Span(row[0], 4)] if len(row) == 1 else [Span(row[0], 3), row[1]]
            result.append(H(cells, "", ""))
            previous = "heading"
        else:
            title, lead, responsible, requirement = row
            merged = previous == "task"
            result.append(
                T(
                    [
                        title,
                        UP if merged and not lead else lead,
                        UP if merged and not responsible else responsible,
                        requirement,
                    ],
                    0,
                    "",
                )
            )
            previous = "task"
    return result


PLAN = Plan(
    name="xiamen-2016",
    formats=("docx", "pdf"),
    shape=(
        "The bundled 2016 plan as its published Word table and that document printed to PDF: title paragraph; "
        "工作任务|牵头单位|责任单位|工作要求 with spaced header names, the header starting every page (one table per "
        "page of the original, header marked to repeat); section and subsection rows merged across (one with a "
        "stray empty cell after it); empty lead/responsible cells inside a subsection merged down (vMerge) from "
        "the task above; an empty cell right after a heading names no unit; an empty cell right after the "
        "repeated header continues the unit above (tasks 52, 59, as in the text copy); unit names over two lines "
        "(市市场 / 监督管理局), aliases in brackets on their own line (市编办 / （市审改办）), '会同', the shared 市, "
        "等部门; 66 tasks, 6 sections, 24 subsections."
    ),
    title=TITLE,
    year=2016,
    date=datetime(2016, 5, 20, 9, 0),
    above=[TITLE],
    widths=[5.2, 2.6, 3.6, 5.6],
    font_size=14,
    landscape=False,
    collectives=COLLECTIVES,
    rows=document_rows(text_rows(SOURCE.read_text(encoding="utf-8"))),
    reading=TASKS,
)

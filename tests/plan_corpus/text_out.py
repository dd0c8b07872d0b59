"""Write a plan as text copied out of its Word table, the form of
resources/plans/xiamen-2016-task-division.txt: the lines above the table, then
each row as its cells, every cell starting with a tab (its further lines
without), an empty line between rows. A cell merged across is one cell; the
lower part of a cell merged down is an empty cell."""

from __future__ import annotations

from pathlib import Path

from tests.plan_corpus.layout import tables
from tests.plan_corpus.model import Plan


def text_lines(plan: Plan) -> list[str]:
    lines = ["", *plan.above, ""]
    for layout in tables(plan):
        for r in range(len(layout.rows)):
            seen = []
            for box in layout.covered[r]:
                if seen and seen[-1] is box:
                    continue
                seen.append(box)
                cell = box.text if box.row == r else ""
                first, *more = cell.split("\n")
                lines.append("\t" + first)
                lines.extend(more)
            lines.append("")
    return lines


def write_text(plan: Plan, path: Path) -> Path:
    path.write_bytes(plan.newline.join(text_lines(plan)).encode(plan.encoding))
    return path

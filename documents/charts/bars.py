"""Horizontal bar charts of rates: completion by section, and completion with
on-time reporting by lead unit. Each row is a name on the left, a bar per
measure on a pale track of 0–100 %, and the value at the bar's end; the
drawing grows with its rows, so every unit keeps a readable row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color

from db.queries.figures import Counts
from documents.charts.style import (
    COMPLETION,
    GRID,
    INK,
    LABEL_SIZE,
    MUTED,
    ON_TIME,
    PAD,
    TRACK,
    VALUE_SIZE,
    Faces,
    fit,
    legend,
    new_drawing,
    percent,
    width,
)
from documents.pdf.fonts import FontChoice

LABEL_SHARE = 0.36  # of the width, at most, for the names
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
AXIS_HEIGHT = 14.0


@dataclass(frozen=True)
class Bar:
    rate: float | None  # None: no bar (nothing to measure), the value says so
    colour: Color
    value: str


@dataclass(frozen=True)
class Row:
    name: str
    bars: tuple[Bar, ...]


def section_chart(
    sections: Sequence[Counts], fonts: FontChoice | None = None, chart_width: float = 440.0, title: str = ""
) -> Drawing:
    """Completion by section: one bar per level-1 section, with 已完成/任务数."""
    rows = [
        Row(s.name, (Bar(s.completion_rate, COMPLETION, f"{percent(s.completion_rate)}（{s.completed}/{s.total}）"),))
        for s in sections
    ]
    return bar_chart(rows, Faces.of(fonts), chart_width, title, legend_items=())


def unit_chart(
    units: Sequence[Counts], fonts: FontChoice | None = None, chart_width: float = 440.0, title: str = ""
) -> Drawing:
    """Completion and on-time reporting by lead unit, two bars each, in the
    order given (the ranking, usually)."""
    rows = [
        Row(
            u.name,
            (
                Bar(u.completion_rate, COMPLETION, percent(u.completion_rate)),
                Bar(u.on_time_rate, ON_TIME, percent(u.on_time_rate)),
            ),
        )
        for u in units
    ]
    legend_items = (("完成率", COMPLETION), ("按时报送率", ON_TIME))
    return bar_chart(rows, Faces.of(fonts), chart_width, title, legend_items=legend_items)


def bar_chart(
    rows: Sequence[Row], faces: Faces, chart_width: float, title: str, legend_items: Sequence[tuple[str, Color]]
) -> Drawing:
    bars = max((len(row.bars) for row in rows), default=1)
    bar_height = 10.0 if bars == 1 else 7.0
    row_height = bars * bar_height + (bars - 1) * 1.5 + 8.0
    legend_height = 16.0 if legend_items else 0.0
    title_height = 20.0 if title else 0.0
    height = PAD * 2 + title_height + legend_height + max(len(rows), 1) * row_height + AXIS_HEIGHT
    drawing, top = new_drawing(chart_width, height, faces, title)
    if legend_items:
        top -= LABEL_SIZE + 2
        drawing.add(legend(list(legend_items), faces, chart_width / 2, top))
        top -= legend_height - LABEL_SIZE - 2

    names = max((width(row.name, faces.body, LABEL_SIZE) for row in rows), default=0.0)
    label_room = min(names, chart_width * LABEL_SHARE)
    values = max((width(bar.value, faces.body, VALUE_SIZE) for row in rows for bar in row.bars), default=0.0)
    left = PAD + label_room + 6
    right = chart_width - PAD - values - 4
    span = right - left
    bottom = top - len(rows) * row_height

    for tick in TICKS:  # the grid under the bars, its labels below
        x = left + tick * span
        drawing.add(Line(x, bottom, x, top, strokeColor=GRID, strokeWidth=0.4, strokeDashArray=(2, 2)))
        drawing.add(
            String(
                x,
                bottom - VALUE_SIZE - 3,
                f"{tick:.0%}",
                fontName=faces.body,
                fontSize=VALUE_SIZE,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    if not rows:
        drawing.add(
            String(
                chart_width / 2,
                (top + bottom) / 2,
                "无数据",
                fontName=faces.body,
                fontSize=LABEL_SIZE,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )

    for index, row in enumerate(rows):
        row_top = top - index * row_height
        block = len(row.bars) * bar_height + (len(row.bars) - 1) * 1.5
        y = row_top - (row_height - block) / 2  # the top of the first bar
        middle = y - block / 2
        name = fit(row.name, faces.body, LABEL_SIZE, label_room)
        drawing.add(
            String(
                PAD + label_room,
                middle - LABEL_SIZE * 0.35,
                name,
                fontName=faces.body,
                fontSize=LABEL_SIZE,
                fillColor=INK,
                textAnchor="end",
            )
        )
        for bar in row.bars:
            y -= bar_height
            # types-reportlab types Rect's **kw without Unpack: every keyword is refused (Circle's is right)
            drawing.add(Rect(left, y, span, bar_height, fillColor=TRACK, strokeColor=None))  # type: ignore[arg-type]
            length = span * (bar.rate or 0.0)
            if length > 0:
                # types-reportlab types Rect's **kw without Unpack: every keyword is refused (Circle's is right)
                drawing.add(Rect(left, y, length, bar_height, fillColor=bar.colour, strokeColor=None))  # type: ignore[arg-type]
            drawing.add(
                String(
                    left + length + 3,
                    y + bar_height / 2 - VALUE_SIZE * 0.35,
                    bar.value,
                    fontName=faces.body,
                    fontSize=VALUE_SIZE,
                    fillColor=INK,
                )
            )
            y -= 1.5
    drawing.add(Line(left, bottom, left, top, strokeColor=MUTED, strokeWidth=0.6))
    return drawing

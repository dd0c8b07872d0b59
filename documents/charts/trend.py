"""The month-by-month trend: the completion rate, the share of the month's
reports received, and the share received on time, one line each from
January of the plan's year to the month of the figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, SolidShape, String
from reportlab.lib.colors import Color, white

from db.queries.figures import Counts, MonthPoint
from documents.charts.style import (
    COMPLETION,
    GRID,
    LABEL_SIZE,
    MUTED,
    ON_TIME,
    PAD,
    REPORTING,
    VALUE_SIZE,
    Faces,
    legend,
    new_drawing,
    percent,
)
from documents.pdf.fonts import FontChoice

Marker = Callable[[float, float, Color], SolidShape]


def _circle(x: float, y: float, colour: Color) -> Circle:
    return Circle(x, y, 2.6, fillColor=colour, strokeColor=white, strokeWidth=0.6)


def _square(x: float, y: float, colour: Color) -> Rect:
    # types-reportlab types Rect's **kw without Unpack: every keyword is refused (Circle's is right)
    return Rect(x - 2.3, y - 2.3, 4.6, 4.6, fillColor=colour, strokeColor=white, strokeWidth=0.6)  # type: ignore[arg-type]


def _triangle(x: float, y: float, colour: Color) -> Polygon:
    return Polygon(
        [x - 2.8, y - 2.2, x + 2.8, y - 2.2, x, y + 2.8], fillColor=colour, strokeColor=white, strokeWidth=0.6
    )


# name, rate of a month, colour, dash, marker; the first line carries its values
SERIES: tuple[tuple[str, Callable[[Counts], float | None], Color, tuple[float, ...] | None, Marker], ...] = (
    ("完成率", lambda c: c.completion_rate, COMPLETION, None, _circle),
    ("报送率", lambda c: c.reporting_rate, REPORTING, (4, 2), _square),
    ("按时报送率", lambda c: c.on_time_rate, ON_TIME, (1.2, 1.8), _triangle),
)


def month_labels(points: Sequence[MonthPoint]) -> list[str]:
    """1月 … 12月; a trend that crosses into another year names the year at
    its Januaries (2017年1月)."""
    years = {point.month.year for point in points}
    return [
        point.month.label if len(years) > 1 and (point.month.number == 1 or index == 0) else point.month.short_label
        for index, point in enumerate(points)
    ]


def trend_chart(
    points: Sequence[MonthPoint],
    fonts: FontChoice | None = None,
    chart_width: float = 440.0,
    height: float = 200.0,
    title: str = "",
) -> Drawing:
    faces = Faces.of(fonts)
    drawing, top = new_drawing(chart_width, height, faces, title)
    top -= LABEL_SIZE + 2
    drawing.add(legend([(name, colour) for name, _rate, colour, _dash, _marker in SERIES], faces, chart_width / 2, top))
    top -= 12
    left, right, bottom = PAD + 26, chart_width - PAD - 8, PAD + LABEL_SIZE + 8

    for tick in range(0, 101, 20):  # the percentages, and the grid
        y = bottom + (top - bottom) * tick / 100
        drawing.add(Line(left, y, right, y, strokeColor=GRID if tick else MUTED, strokeWidth=0.4 if tick else 0.6))
        drawing.add(
            String(
                left - 4,
                y - VALUE_SIZE * 0.35,
                f"{tick}%",
                fontName=faces.body,
                fontSize=VALUE_SIZE,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    count = len(points)
    step = (right - left) / count if count else 0.0

    def x_of(index: int) -> float:
        return left + step * (index + 0.5)

    def y_of(rate: float) -> float:
        return bottom + (top - bottom) * rate

    for index, label in enumerate(month_labels(points)):
        drawing.add(
            String(
                x_of(index),
                bottom - LABEL_SIZE - 3,
                label,
                fontName=faces.body,
                fontSize=LABEL_SIZE,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for number, (_name, rate_of, colour, dash, marker) in enumerate(SERIES):
        rates = [rate_of(point.counts) for point in points]
        for run in _runs(rates):  # a month with no rate (nothing owed) breaks the line
            coordinates = [value for i in run for value in (x_of(i), y_of(rates[i] or 0.0))]
            if len(run) > 1:
                # None (a solid line) is reportlab's own default; the stubs leave it out
                drawing.add(PolyLine(coordinates, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dash))  # type: ignore[arg-type]
        for index, rate in enumerate(rates):
            if rate is None:
                continue
            drawing.add(marker(x_of(index), y_of(rate), colour))
            if number == 0 and (count <= 12 or index == count - 1):
                drawing.add(
                    String(
                        x_of(index),
                        y_of(rate) + 5,
                        percent(rate),
                        fontName=faces.body,
                        fontSize=VALUE_SIZE - 0.5,
                        fillColor=colour,
                        textAnchor="middle",
                    )
                )
    return drawing


def _runs(rates: Sequence[float | None]) -> list[list[int]]:
    """The indexes of the rates, in runs without a None."""
    runs: list[list[int]] = [[]]
    for index, rate in enumerate(rates):
        if rate is None:
            runs.append([])
        else:
            runs[-1].append(index)
    return [run for run in runs if run]

"""The three charts of a month, as the bulletin, the supervision sheet and
the window's dashboard show them: the trend, completion by section, and the
lead units in the order of the ranking.

For the PDF sheet: each `Chart.drawing` is a ReportLab Flowable, drawn as
vectors with its fonts embedded, e.g.

    story += [chart.drawing for chart in month_charts(figures, data_fonts, frame.width, max_height=frame.height)]

where `figures` is db.queries.figures.month_figures(session, plan_id, month).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group

from db.queries.figures import Counts, MonthFigures, Ranked
from documents.charts.bars import section_chart, unit_chart
from documents.charts.trend import trend_chart
from documents.pdf.fonts import FontChoice

CHART_ROWS = 24  # at most, in a bar chart: of more lead units the first and the last 12, of more sections the lowest
TREND_HEIGHT = 0.45  # of the width


@dataclass(frozen=True)
class Chart:
    key: str  # trend, sections, units: a file's name
    title: str
    drawing: Drawing


def month_charts(
    figures: MonthFigures,
    fonts: FontChoice | None = None,
    width: float = 440.0,
    titled: bool = True,
    max_height: float | None = None,
) -> tuple[Chart, ...]:
    """The trend, the sections (when the plan has any) and the ranked lead
    units (when any is named), `width` points wide; `titled`: each drawing
    carries its title (the bulletin captions them instead); `max_height`: a
    taller chart (the bar charts grow with their rows) is scaled down to it,
    e.g. the height of a page's frame."""

    def title(text: str) -> str:
        return text if titled else ""

    name = "各月任务完成率与进展报送率"
    charts = [Chart("trend", name, trend_chart(figures.trend, fonts, width, width * TREND_HEIGHT, title(name)))]
    if figures.by_section:
        shown, note = chart_sections(figures.by_section)
        name = f"各部分任务完成情况{note}"
        charts.append(Chart("sections", name, section_chart(shown, fonts, width, title(name))))
    ranking = figures.ranking
    if ranking:
        shown, note = chart_units(ranking)
        name = f"各牵头单位任务完成率与进展按时报送率{note}"
        charts.append(Chart("units", name, unit_chart(shown, fonts, width, title(name))))
    if max_height is not None:
        charts = [Chart(chart.key, chart.title, fitted(chart.drawing, max_height)) for chart in charts]
    return tuple(charts)


def fitted(drawing: Drawing, max_height: float) -> Drawing:
    """`drawing`, or a copy scaled down to `max_height` (and narrower in proportion)."""
    if drawing.height <= max_height:
        return drawing
    factor = max_height / drawing.height
    scaled = Drawing(drawing.width * factor, max_height, initialFontName=getattr(drawing, "initialFontName", None))
    group = Group(*drawing.contents)
    group.scale(factor, factor)
    scaled.add(group)
    return scaled


def chart_sections(sections: Sequence[Counts], rows: int = CHART_ROWS) -> tuple[list[Counts], str]:
    """All sections, or those of lowest completion when there are too many for a chart."""
    if len(sections) <= rows:
        return list(sections), ""
    lowest = set(sorted(range(len(sections)), key=lambda i: sections[i].completion_rate)[:rows])
    return [section for i, section in enumerate(sections) if i in lowest], f"（完成率最低的{rows}个部分）"


def chart_units(ranking: Sequence[Ranked], rows: int = CHART_ROWS) -> tuple[list[Counts], str]:
    """The ranked units, or the first and the last rows/2 of a longer ranking."""
    if len(ranking) <= rows:
        return [place.counts for place in ranking], ""
    half = rows // 2
    shown = [place.counts for place in (*ranking[:half], *ranking[-half:])]
    return shown, f"（排名前{half}位和后{half}位）"

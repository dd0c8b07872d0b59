"""The monthly bulletin (通报) as a Word document, for the office to edit in
Word, WPS or LibreOffice before it is issued.

Title, addressee, an opening line, then 一、总体情况 (the figures, the trend
and completion by section as charts), 二、各单位推进情况 (the lead units
ranked by completion and on-time reporting, as a table and a chart), 三、存在
问题 (the overdue and the unreported tasks, by lead unit), 四、下一步工作
(marked for the clerk to write), the issuer and the date, the imprint line.
The layout is GB/T 9704's (documents/docx/official.py); the figures are
db.queries.figures'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from db.cancel import CancelToken
from db.queries.figures import Counts, MonthFigures, Ranked, TaskRef
from db.vocabulary import STATUS_LABELS
from documents.charts import png_bytes
from documents.charts.export import PNG_DPI
from documents.charts.month import Chart, month_charts
from documents.charts.style import percent
from documents.docx.fonts import Faces, faces_of_this_pc
from documents.docx.official import TEXT_WIDTH_MM, Column, OfficialDocument
from documents.pdf.fonts import FontChoice, choose_fonts
from documents.pdf.layout import chinese_date

PICTURE_WIDTH_MM = TEXT_WIDTH_MM - 2
# The drawing's width in points: placed across PICTURE_WIDTH_MM (437 pt), its
# 8.5 pt labels print at 10 pt; the PNG has PNG_DPI at that size.
CHART_WIDTH = 370.0
CHART_DPI = round(PNG_DPI * PICTURE_WIDTH_MM / 25.4 / (CHART_WIDTH / 72))
# At most, in a picture: a chart taller than this is drawn narrower (its caption
# stays on its page); the type area is 225 mm, the caption takes two lines.
PICTURE_HEIGHT_MM = 195
NAMED_UNITS = 5  # units named in the first and in the last place, at most
NEXT_STEPS = "【此处由经办人填写下一步工作安排，填写后删除本段标记。】"
SECTIONS = (  # 156 mm
    Column("部分", 76, "left"),
    Column("任务数", 16),
    Column("已完成", 16),
    Column("完成率", 16),
    Column("逾期", 16),
    Column("未报送", 16),
)
RANKING = (
    Column("排名", 12),
    Column("牵头单位", 40, "left"),
    Column("牵头\n任务", 15),
    Column("已完成", 15),
    Column("完成率", 17),
    Column("应报送", 15),
    Column("按时\n报送", 15),
    Column("按时\n报送率", 15),
    Column("逾期", 12),
)
# Between the numbers of a list (第4、5、39项): the mark and a zero-width space,
# a place to break the line. LibreOffice 7 breaks a run of digits and 、 nowhere
# else (it put 第 at a line's end, 4 alone on the next line, then the rest).
NUMBER_SEPARATOR = "、\u200b"


@dataclass(frozen=True)
class BulletinInfo:
    path: Path
    title: str
    units: int  # lead units ranked
    charts: int
    faces: Faces  # the font names the document gives


def title_parts(figures: MonthFigures) -> tuple[str, str]:
    """The title, in the parts its lines may break between."""
    return f"关于《{figures.plan_title}》", f"截至{figures.month.label}底落实情况的通报"


def bulletin_title(figures: MonthFigures) -> str:
    return "".join(title_parts(figures))


def write_bulletin(
    figures: MonthFigures,
    path: Path,
    faces: Faces | None = None,
    fonts: FontChoice | None = None,
    cancel: CancelToken | None = None,
) -> BulletinInfo:
    """Write the bulletin of `figures` to `path` (.docx). `faces` names the
    document's fonts (default: the best this PC has), `fonts` are the
    registered fonts the charts are drawn with; once `cancel` is cancelled the
    writing stops with db.cancel.Cancelled and no file is written."""
    faces = faces or faces_of_this_pc()
    fonts = fonts or choose_fonts()
    title = bulletin_title(figures)
    document = OfficialDocument(faces, title, figures.office_name)
    charts = _Charts(document, month_charts(figures, fonts, CHART_WIDTH, titled=False), cancel)
    day = chinese_date(figures.today)

    document.title(title_parts(figures))
    document.addressee("各牵头单位：")
    document.paragraph(f"根据《{figures.plan_title}》，现将截至{figures.month.label}底各项工作任务的推进情况通报如下：")
    _overall(document, figures, charts)
    ranking = figures.ranking
    _units(document, figures, ranking, charts)
    _problems(document, figures)
    document.heading("四、下一步工作")
    document.paragraph(NEXT_STEPS, highlight=True)
    document.signature(figures.office_name, day)
    document.imprint(figures.office_name, day)
    if cancel is not None:
        cancel.check()
    document.save(path)
    return BulletinInfo(Path(path), title, len(ranking), charts.count, faces)


class _Charts:
    """Numbers the figures (图1, 图2 …) and places them as pictures."""

    def __init__(self, document: OfficialDocument, charts: Sequence[Chart], cancel: CancelToken | None) -> None:
        self._document = document
        self._charts = {chart.key: chart for chart in charts}
        self._cancel = cancel
        self.count = 0

    def next_number(self) -> int:
        return self.count + 1

    def place(self, key: str) -> None:
        """The chart `key` of documents.charts.month, captioned with its title."""
        if self._cancel is not None:
            self._cancel.check()
        self.count += 1
        chart = self._charts[key]
        drawing = chart.drawing
        width_mm = min(PICTURE_WIDTH_MM, PICTURE_HEIGHT_MM * drawing.width / drawing.height)
        self._document.picture(png_bytes(drawing, CHART_DPI), width_mm, f"图{self.count}　{chart.title}")


def _overall(document: OfficialDocument, figures: MonthFigures, charts: _Charts) -> None:
    status, overall, month = figures.status, figures.overall, figures.month.short_label
    by_status = "，".join(
        f"{STATUS_LABELS[code]}{count}项" for code, count in status.by_status.items() if code != "completed"
    )
    overdue = f"逾期未完成{status.overdue}项。" if status.overdue else "无逾期未完成的任务。"
    document.heading("一、总体情况")
    document.paragraph(
        f"《{figures.plan_title}》共列工作任务{status.total}项。截至{figures.month.label}底，已完成{status.completed}项，"
        f"完成率{percent(status.completion_rate)}；{by_status}。{overdue}"
    )
    document.paragraph(
        f"{month}应报送进展的任务{overall.owed}项，已报送{overall.reported}项，报送率{percent(overall.reporting_rate)}；"
        f"其中按时报送（{figures.report_day.month}月{figures.report_day.day}日前）{overall.on_time}项，"
        f"按时报送率{percent(overall.on_time_rate)}；未报送{overall.unreported}项。"
        + (f"各部分任务完成情况见表{document.next_table}和图{charts.next_number()}，" if figures.by_section else "")
        + f"各月推进情况见图{charts.next_number() + bool(figures.by_section)}。"
    )
    if figures.by_section:  # the table first: it fits under the text on page 1, a chart seldom does
        document.caption(f"表{document.next_table}　各部分任务完成情况", keep_with_next=True)
        document.table(SECTIONS, [_section_row(section) for section in figures.by_section])
        charts.place("sections")
    charts.place("trend")


def _section_row(section: Counts) -> list[str]:
    return [
        section.name,
        str(section.total),
        str(section.completed),
        percent(section.completion_rate),
        str(section.overdue),
        str(section.unreported),
    ]


def _units(document: OfficialDocument, figures: MonthFigures, ranking: Sequence[Ranked], charts: _Charts) -> None:
    document.heading("二、各单位推进情况")
    if not ranking:
        document.paragraph("本计划的工作任务均未明确牵头单位。")
    else:
        document.paragraph(
            f"按任务完成率排序（完成率相同的，按进展按时报送率排序），{len(ranking)}个牵头单位的推进情况见表{document.next_table}"
            f"和图{charts.next_number()}。牵头多项任务的单位，每项任务均计入；一项任务有多个牵头单位的，计入每个牵头单位。"
        )
        named = _leaders_and_laggards(ranking)
        if named:
            document.paragraph(named)
        document.caption(f"表{document.next_table}　各牵头单位推进情况排名", keep_with_next=True)
        document.table(RANKING, [_ranking_row(place) for place in ranking])
        charts.place("units")
    if figures.no_lead_tasks:
        document.paragraph(
            f"另有{len(figures.no_lead_tasks)}项任务未明确牵头单位（{_numbers(figures.no_lead_tasks)}），"
            "未计入排名，请尽快明确牵头单位。"
        )


def _leaders_and_laggards(ranking: Sequence[Ranked]) -> str:
    """The units in the first place and those in the last, unless all share one."""
    if not ranking or ranking[0].place == ranking[-1].place:
        return ""
    best = [place for place in ranking if place.place == 1]
    worst = [place for place in ranking if place.place == ranking[-1].place]

    def names(group: Sequence[Ranked]) -> str:
        listed = "、".join(place.counts.name for place in group[:NAMED_UNITS])
        more = f"等{len(group)}个单位" if len(group) > NAMED_UNITS else ""
        return f"{listed}{more}（{percent(group[0].counts.completion_rate)}）"

    return f"完成率最高的是{names(best)}；最低的是{names(worst)}。"


def _ranking_row(place: Ranked) -> list[str]:
    c = place.counts
    return [
        str(place.place),
        c.name,
        str(c.total),
        str(c.completed),
        percent(c.completion_rate),
        str(c.owed),
        str(c.on_time),
        percent(c.on_time_rate),
        str(c.overdue),
    ]


def _numbers(refs: Sequence[TaskRef]) -> str:
    """第1、2、3项"""
    return f"第{NUMBER_SEPARATOR.join(ref.label for ref in refs)}项"


def _problems(document: OfficialDocument, figures: MonthFigures) -> None:
    month = figures.month.short_label
    overdue = [(p.name, p.overdue) for p in figures.problems if p.overdue]
    unreported = [(p.name, p.unreported) for p in figures.problems if p.unreported]
    document.heading("三、存在问题")
    document.heading(f"（一）逾期未完成的任务（{figures.status.overdue}项）", level=2)
    if not overdue:
        document.paragraph("无。")
    for name, refs in overdue:
        listed = "；".join(f"第{ref.label}项“{ref.title}”" for ref in refs)
        document.paragraph(f"{name}（{len(refs)}项）：{listed}。")
    document.heading(f"（二）{month}未报送进展的任务（{figures.status.unreported}项）", level=2)
    if not unreported:
        document.paragraph("无。")
    for name, refs in unreported:
        document.paragraph(f"{name}（{len(refs)}项）：{_numbers(refs)}。")

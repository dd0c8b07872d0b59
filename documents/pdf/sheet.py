"""The monthly supervision sheet (督查表) as a PDF: the figures of month M,
then every task under its headings with its units and M's progress.

When the data carry them (SheetData.charts), the figures are followed by
their charts, drawn as vectors (documents.charts.month): completion by
section beside the month-by-month trend, then completion and on-time
reporting by lead unit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from db.cancel import CancelToken
from db.queries.report_data import GroupFigures, SheetData, SheetTask, UnitRefs
from db.vocabulary import OVERDUE, STATUS_LABELS
from documents.pdf.fonts import FontChoice
from documents.pdf.layout import (
    BLANK,
    SECTION,
    SMALL,
    SUBTITLE,
    TEXT,
    TITLE,
    Column,
    Document,
    Progress,
    ReportInfo,
    Row,
    Span,
    chinese_date,
    numbered,
    write_pdf,
)

# The columns every sheet has, and those the person chooses (by key, in this
# order among them): the dialog's check boxes and `report sheet --columns`.
NUMBER, TITLE_COLUMN, LEAD, RESPONSIBLE = (
    Column("序号", 4, "center"),
    Column("工作任务", 22),
    Column("牵头单位", 11),
    Column("责任单位", 17),
)
PROGRESS, STATUS = Column("本月进展", 36), Column("状态", 7, "center")
OPTIONAL_COLUMNS: dict[str, Column] = {
    "deadline": Column("完成时限", 11, "center"),
    "problems": Column("存在问题", 18),
    "next_steps": Column("下一步打算", 18),
    "evidence": Column("佐证材料", 14),
    "warning": Column("预警", 9, "center"),
}
SHORT, DETAILED = "简表", "详表"
PRESETS: dict[str, tuple[str, ...]] = {
    SHORT: ("deadline", "warning"),
    DETAILED: tuple(OPTIONAL_COLUMNS),
}
_BEFORE_PROGRESS = ("deadline",)
_AFTER_PROGRESS = ("problems", "next_steps", "evidence")
_AFTER_STATUS = ("warning",)
_ONE_LINE = ("number", "deadline", "status", "warning")  # each line of their cells on one line


def sheet_columns(chosen: Sequence[str]) -> list[str]:
    """The keys of the optional columns in the order they stand; an unknown
    key is a ValueError naming it."""
    unknown = [key for key in chosen if key not in OPTIONAL_COLUMNS]
    if unknown:
        raise ValueError(
            f"没有这一栏：{'、'.join(unknown)}（可选：{'、'.join(c.title for c in OPTIONAL_COLUMNS.values())}）"
        )
    return [key for key in OPTIONAL_COLUMNS if key in chosen]


def _layout(chosen: Sequence[str]) -> list[tuple[str, Column]]:
    keys = sheet_columns(chosen)
    pick = [(key, OPTIONAL_COLUMNS[key]) for key in keys]
    return [
        ("number", NUMBER),
        ("title", TITLE_COLUMN),
        ("lead", LEAD),
        ("responsible", RESPONSIBLE),
        *((k, c) for k, c in pick if k in _BEFORE_PROGRESS),
        ("progress", PROGRESS),
        *((k, c) for k, c in pick if k in _AFTER_PROGRESS),
        ("status", STATUS),
        *((k, c) for k, c in pick if k in _AFTER_STATUS),
    ]


SECTION_COLUMNS = (
    Column("部分", 46),
    Column("任务数", 9, "center"),
    Column("已完成", 9, "center"),
    Column("完成率", 9, "center"),
    Column("逾期", 9, "center"),
    Column("未报送", 9, "center"),
)
_UNIT_GROUP = (
    Column("牵头单位", 14),
    Column("任务数", 5, "center"),
    Column("已完成", 5, "center"),
    Column("逾期", 5, "center"),
    Column("未报送", 5, "center"),
)
UNITS_PER_ROW = 3
UNIT_COLUMNS = _UNIT_GROUP * UNITS_PER_ROW


def write_sheet(
    data: SheetData,
    path: Path,
    fonts: FontChoice | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    columns: Sequence[str] = PRESETS[SHORT],
) -> ReportInfo:
    """Write the supervision sheet of `data` to `path` (A4 landscape), with
    the optional `columns` (keys of OPTIONAL_COLUMNS; the 简表 by default).

    `progress(done, total)` follows the task rows; once `cancel` is
    cancelled the sheet stops with db.cancel.Cancelled and no file is written.
    """
    layout = _layout(columns)

    def build(document: Document) -> None:
        document.rows_total = data.figures.total
        _title(document, data)
        _summary(document, data)
        document.new_page()
        document.heading("四、任务推进情况", SECTION, after=4, keep=KEEP_TABLE)
        fitted = [column for _, column in layout]
        for index, (key, column) in enumerate(layout):  # the short columns as wide as their words, however many
            if key in _ONE_LINE:
                words = [column.title, *(line for task in data.tasks for line in _cell(key, task, set()).split("\n"))]
                fitted = document.fitted(fitted, index, words)
        tail = SIGNATURES_BEFORE + TEXT.leading
        document.table(fitted, _task_rows(data, layout), counted=True, label=numbered, tail=tail)
        _signatures(document, data)

    return write_pdf(
        path,
        build,
        title=f"{data.plan_title}督查表（截至{data.month.label}底）",
        author=data.office_name,
        fonts=fonts,
        progress=progress,
        cancel=cancel,
    )


# What must fit under a heading: a table's header and first rows, or two lines of text.
KEEP_TABLE = 3 * (SMALL.leading + 5)
KEEP_TEXT = 2 * TEXT.leading
SIGNATURES_BEFORE = 18
UNIT_LINE_COLUMNS = 3


def _title(document: Document, data: SheetData) -> None:
    document.paragraph(data.plan_title, TITLE, align="center")
    document.paragraph(f"督查表（截至{data.month.label}底）", SUBTITLE, align="center", after=2 if data.scope else 6)
    if data.scope:
        document.paragraph(f"（{data.scope}）", TEXT, align="center", after=6)


def unit_lines(groups: Sequence[UnitRefs]) -> list[str]:
    """One line per lead unit: 市编办：第1、2、3项；… the last ending in 。"""
    lines = [f"{group.unit}：第{'、'.join(group.labels)}项" for group in groups]
    return [line + ("；" if index < len(lines) - 1 else "。") for index, line in enumerate(lines)]


def _grouped(document: Document, title: str, count: int, groups: Sequence[UnitRefs], after: float = 0.0) -> None:
    if not count:
        document.paragraph(f"　　{title}：无。", TEXT, "justify", after)
        return
    document.heading(f"　　{title}（{count}项），按牵头单位：", TEXT, keep=TEXT.leading)
    document.in_columns(unit_lines(groups), TEXT, UNIT_LINE_COLUMNS, indent=4 * TEXT.size, after=after)


def _summary(document: Document, data: SheetData) -> None:
    figures = data.figures
    month = data.month.short_label
    by_status = "，".join(f"{STATUS_LABELS[code]}{count}项" for code, count in figures.by_status.items())
    document.heading("一、总体情况", SECTION, after=2, keep=KEEP_TEXT)
    document.paragraph(
        f"　　全部工作任务{figures.total}项：{by_status}；完成率{figures.completion_rate:.1%}。"
        f"逾期未完成{figures.overdue}项；{month}进展未报送{figures.unreported}项。",
        TEXT,
        "justify",
    )
    _grouped(document, "逾期任务", len(data.overdue), data.overdue_by_unit)
    _grouped(document, f"{month}未报送任务", len(data.unreported), data.unreported_by_unit, after=8)
    document.heading("二、各部分完成情况", SECTION, after=4, keep=KEEP_TABLE)
    document.table(SECTION_COLUMNS, (_section_row(group) for group in data.by_section), SMALL)
    document.space(10)
    document.heading("三、各牵头单位完成情况", SECTION, after=4, keep=KEEP_TABLE)
    document.table(UNIT_COLUMNS, _unit_rows(data.by_lead_unit), SMALL)
    _charts(document, data)


CHART_BEFORE = 14
CHART_GAP = 24
UNIT_CHART_WIDTH = 0.72  # of the page's width: the units' chart grows with its rows, up to a page


def _charts(document: Document, data: SheetData) -> None:
    """Under the figures, their charts when the data carry them: completion
    by section beside the trend, then the lead units (scaled to a page)."""
    if data.charts is None:
        return
    from documents.charts.month import month_charts  # here: documents.charts draws with documents.pdf's fonts

    room = document.top - document.bottom - CHART_BEFORE
    half = (document.width - CHART_GAP) / 2
    pair = {c.key: c.drawing for c in month_charts(data.charts, document.fonts, half, max_height=room)}
    document.drawings([pair[key] for key in ("sections", "trend") if key in pair], CHART_BEFORE, CHART_GAP)
    wide = month_charts(data.charts, document.fonts, document.width * UNIT_CHART_WIDTH, max_height=room)
    document.drawings([chart.drawing for chart in wide if chart.key == "units"], CHART_BEFORE)


def _section_row(group: GroupFigures) -> list[str]:
    rate = f"{group.completed / group.total:.1%}" if group.total else "—"
    return [group.name, str(group.total), str(group.completed), rate, str(group.overdue), str(group.unreported)]


def _unit_cells(group: GroupFigures) -> list[str]:
    return [group.name, str(group.total), str(group.completed), str(group.overdue), str(group.unreported)]


def _unit_rows(groups: Sequence[GroupFigures]) -> Iterator[list[str]]:
    """UNITS_PER_ROW units a row, read left to right."""
    for index in range(0, len(groups), UNITS_PER_ROW):
        cells: list[str] = []
        for group in groups[index : index + UNITS_PER_ROW]:
            cells += _unit_cells(group)
        yield cells + [""] * (len(UNIT_COLUMNS) - len(cells))


def progress_text(task: SheetTask, problems: bool = True) -> str:
    """M's progress: what was done, then 存在问题：… (unless the problems have a column)."""
    parts = [task.done] if task.done else []
    if problems and task.problems:
        parts.append(f"存在问题：{task.problems}")
    return "\n".join(parts)


def status_text(task: SheetTask) -> str:
    marks = [STATUS_LABELS[task.status]]
    if task.overdue:
        marks.append(OVERDUE)
    if task.unreported:
        marks.append("未报送")
    return "\n".join(marks)


def _cell(key: str, task: SheetTask, keys: set[str]) -> str:
    """The text of column `key` for `task`. Under its headings a task is
    numbered by its own number: the label 二·3 is for lists outside the tree."""
    if key == "number":
        return str(task.number)
    if key == "lead":
        return "\n".join(task.lead)
    if key == "responsible":
        return "，".join(task.responsible)
    if key == "progress":
        return progress_text(task, "problems" not in keys)
    if key == "status":
        return status_text(task)
    if key == "warning":
        return task.warning.replace("：", "\n", 1)
    return str(getattr(task, key))


def _task_rows(data: SheetData, layout: Sequence[tuple[str, Column]]) -> Iterator[Row]:
    keys = {key for key, _ in layout}
    for heading in data.headings:
        yield Span(heading.label, heading.level)
        for task in heading.tasks:
            yield [_cell(key, task, keys) for key, _ in layout]


def _signatures(document: Document, data: SheetData) -> None:
    document.sign_line(
        [
            f"制表单位：{data.office_name or BLANK}",
            f"制表人：{BLANK}",
            f"审核人：{BLANK}",
            f"制表日期：{chinese_date(data.today)}",
        ],
        before=SIGNATURES_BEFORE,
    )

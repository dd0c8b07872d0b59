"""The monthly supervision sheet (督查表) as a PDF: the figures of month M,
then every task under its headings with its units and M's progress."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from db.cancel import CancelToken
from db.queries.report_data import GroupFigures, SheetData, SheetTask, TaskRef
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

COLUMNS = (
    Column("序号", 4, "center"),
    Column("工作任务", 22),
    Column("牵头单位", 11),
    Column("责任单位", 17),
    Column("本月进展", 38),
    Column("状态", 7, "center"),
)
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
) -> ReportInfo:
    """Write the supervision sheet of `data` to `path` (A4 landscape).

    `progress(done, total)` follows the task rows; once `cancel` is
    cancelled the sheet stops with db.cancel.Cancelled and no file is written.
    """

    def build(document: Document) -> None:
        document.rows_total = data.figures.total
        _title(document, data)
        _summary(document, data)
        document.new_page()
        document.paragraph("四、任务推进情况", SECTION, after=4)
        columns = document.fitted(COLUMNS, 0, (task.label for task in data.tasks))
        document.table(columns, _task_rows(data), counted=True, label=numbered)
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


def _title(document: Document, data: SheetData) -> None:
    document.paragraph(data.plan_title, TITLE, align="center")
    document.paragraph(f"督查表（截至{data.month.label}底）", SUBTITLE, align="center", after=6)


def lead_text(units: Sequence[str]) -> str:
    """Lead units in a run of text: `，` between them (a collective such as
    市直各委、办、局 has `、` in its name)."""
    return "，".join(units) or "未列明牵头单位"


def _refs(refs: Sequence[TaskRef]) -> str:
    if not refs:
        return "无。"
    return "；".join(f"第{ref.label}项（{lead_text(ref.lead)}）" for ref in refs) + "。"


def _summary(document: Document, data: SheetData) -> None:
    figures = data.figures
    month = data.month.short_label
    by_status = "，".join(f"{STATUS_LABELS[code]}{count}项" for code, count in figures.by_status.items())
    document.paragraph("一、总体情况", SECTION, after=2)
    document.paragraph(
        f"　　全部工作任务{figures.total}项：{by_status}；完成率{figures.completion_rate:.1%}。"
        f"逾期未完成{figures.overdue}项；{month}进展未报送{figures.unreported}项。",
        TEXT,
        "justify",
    )
    document.paragraph(f"　　逾期任务（{len(data.overdue)}项）：{_refs(data.overdue)}", TEXT, "justify")
    document.paragraph(
        f"　　{month}未报送任务（{len(data.unreported)}项）：{_refs(data.unreported)}", TEXT, "justify", 8
    )
    document.paragraph("二、各部分完成情况", SECTION, after=4)
    document.table(SECTION_COLUMNS, (_section_row(group) for group in data.by_section), SMALL)
    document.space(10)
    document.paragraph("三、各牵头单位完成情况", SECTION, after=4)
    document.table(UNIT_COLUMNS, _unit_rows(data.by_lead_unit), SMALL)


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


def progress_text(task: SheetTask) -> str:
    """M's progress: what was done, then 存在问题：…"""
    parts = [task.done] if task.done else []
    if task.problems:
        parts.append(f"存在问题：{task.problems}")
    return "\n".join(parts)


def status_text(task: SheetTask) -> str:
    marks = [STATUS_LABELS[task.status]]
    if task.overdue:
        marks.append(OVERDUE)
    if task.unreported:
        marks.append("未报送")
    return "\n".join(marks)


def _task_rows(data: SheetData) -> Iterator[Row]:
    for heading in data.headings:
        yield Span(heading.label, heading.level)
        for task in heading.tasks:
            yield [
                task.label,
                task.title,
                "\n".join(task.lead),
                "，".join(task.responsible),
                progress_text(task),
                status_text(task),
            ]


def _signatures(document: Document, data: SheetData) -> None:
    document.sign_line(
        [
            f"制表单位：{data.office_name or BLANK}",
            f"制表人：{BLANK}",
            f"审核人：{BLANK}",
            f"制表日期：{chinese_date(data.today)}",
        ],
        before=18,
    )

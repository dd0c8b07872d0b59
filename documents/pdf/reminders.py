"""The 催报 list as a PDF: the units that owe the month's report, each under a
heading with its contact and telephone, the tasks it owes below, a column to
note each call, and the tasks without a lead unit last (the data:
db.queries.sheets.reminders_data; the words: documents/reminders.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from db.cancel import CancelToken
from db.queries.sheets import RemindersData
from documents.pdf.fonts import FontChoice
from documents.pdf.layout import (
    BLANK,
    BODY,
    TEXT,
    TITLE,
    Column,
    Document,
    Progress,
    ReportInfo,
    Row,
    Span,
    chinese_date,
    write_pdf,
)
from documents.reminders import intro, last_text, title, unit_heading

COLUMNS = (
    Column("任务", 7, "center"),
    Column("工作任务", 44),
    Column("完成时限", 12, "center"),
    Column("上次报送", 16, "center"),
    Column("催报情况", 21),
)


def write_reminders(
    data: RemindersData,
    path: Path,
    fonts: FontChoice | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ReportInfo:
    """Write the 催报 list of `data` to `path` (A4 landscape).

    `progress(done, total)` follows the task rows; once `cancel` is
    cancelled the list stops with db.cancel.Cancelled and no file is written.
    """

    def build(document: Document) -> None:
        document.rows_total = data.tasks
        document.paragraph(title(data), TITLE, align="center", after=6)
        document.paragraph(intro(data), TEXT, align="justify", after=8)
        if data.units:
            labels = (f"第{task.label}项" for unit in data.units for task in unit.tasks)
            document.table(
                document.fitted(COLUMNS, 0, labels), _rows(data), BODY, counted=True, label=lambda row: row[0]
            )
        document.sign_line(
            [f"制表单位：{data.office_name or BLANK}", f"制表人：{BLANK}", f"制表日期：{chinese_date(data.today)}"],
            TEXT,
            before=18,
        )

    return write_pdf(
        path,
        build,
        title=title(data),
        author=data.office_name,
        fonts=fonts,
        progress=progress,
        cancel=cancel,
    )


def _rows(data: RemindersData) -> Iterator[Row]:
    for unit in data.units:
        yield Span(unit_heading(unit), level=2)
        for task in unit.tasks:
            yield [f"第{task.label}项", task.title, task.deadline, last_text(task), ""]

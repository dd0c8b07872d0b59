"""Supervision notices (督办单) as a PDF: for each lead unit, a notice addressed
to it that lists the tasks it leads and has not completed.

All notices go into one PDF, each starting on a new page; the pages are
numbered within each notice (第 1 页 共 2 页 of that unit's notice), since
each is sent to a different unit.
"""

from __future__ import annotations

from pathlib import Path

from db.cancel import CancelToken
from db.queries.report_data import NoticeData, NoticeTask
from db.vocabulary import STATUS_LABELS
from documents.pdf.fonts import FontChoice
from documents.pdf.layout import (
    BLANK,
    BODY,
    TEXT,
    Column,
    Document,
    Progress,
    ReportInfo,
    Style,
    chinese_date,
    numbered,
    write_pdf,
)

COLUMNS = (
    Column("序号", 5, "center"),
    Column("工作任务", 30),
    Column("状态", 8, "center"),
    Column("最近一次报送", 37),
    Column("完成时限", 12, "center"),
    Column("逾期", 6, "center"),
)
NOTICE_TITLE = Style(22, 34, heading=True)
ADDRESS = Style(13, 22)


def write_notices(
    notices: list[NoticeData],
    path: Path,
    fonts: FontChoice | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ReportInfo:
    """Write one notice per unit of `notices` to `path` (A4 landscape).

    `progress(done, total)` follows the task rows of all notices; once
    `cancel` is cancelled the notices stop with db.cancel.Cancelled and no
    file is written. ValueError when there is no notice to write.
    """
    if not notices:
        raise ValueError("没有需要督办的单位：所选单位牵头的任务均已完成")

    def build(document: Document) -> None:
        document.rows_total = sum(len(notice.tasks) for notice in notices)
        for index, notice in enumerate(notices):
            if index:
                document.new_page(group=True)
            _notice(document, notice)

    first = notices[0]
    subject = first.unit_name if len(notices) == 1 else f"{len(notices)} 个单位"
    return write_pdf(
        path,
        build,
        title=f"督办单（{subject}，截至{first.month.label}底）",
        author=first.office_name,
        fonts=fonts,
        progress=progress,
        cancel=cancel,
    )


def request_text(notice: NoticeData) -> str:
    """The standard text of the notice: what is outstanding and by when to report."""
    overdue = f"（其中已逾期{notice.overdue}项）" if notice.overdue else ""
    to = notice.office_name or "我办"
    return (
        f"　　根据《{notice.plan_title}》的分工，截至{notice.month.label}底，"
        f"你单位牵头的以下{len(notice.tasks)}项工作任务尚未完成{overdue}。"
        f"请对照工作要求抓紧推进，并于{chinese_date(notice.reply_by)}前将推进情况、"
        f"存在问题和下一步打算书面报送{to}。"
    )


def last_report_text(task: NoticeTask) -> str:
    if task.last_month is None:
        return "未报送"
    return f"{task.last_month.label}：{task.last_done or '（未填写进展）'}"


def _row(task: NoticeTask) -> list[str]:
    return [
        task.label,
        task.title,
        STATUS_LABELS[task.status],
        last_report_text(task),
        chinese_date(task.deadline),
        "是" if task.overdue else "否",
    ]


def _notice(document: Document, notice: NoticeData) -> None:
    document.paragraph("督  办  单", NOTICE_TITLE, align="center", after=6)
    document.paragraph(f"{notice.unit_name}：", ADDRESS, after=2)
    document.paragraph(request_text(notice), ADDRESS, "justify", after=8)
    columns = document.fitted(COLUMNS, 0, (task.label for task in notice.tasks))
    document.table(columns, (_row(task) for task in notice.tasks), BODY, counted=True, label=numbered)
    document.sign_line(
        [f"制表单位：{notice.office_name or BLANK}", f"日期：{chinese_date(notice.today)}"],
        TEXT,
        before=18,
    )

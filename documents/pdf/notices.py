"""Supervision notices (督办单) as a PDF: each an official document addressed
to one lead unit, in one of three levels (提醒单, 督办单, 红色督办单), each
with its colour and its words.

A notice reads, from the top: the office's name and the level's title in
the level's colour, the serial number (督办〔2016〕第 3 号; a draft has none
and is marked 草稿 on every page) and the official who signs it, a rule in
the colour; the unit addressed, what it owes and by when it must reply, in
the words of the level; a table of its tasks (requirement, deadline, state
with the light, last report); the office's contact person and telephone; the
issuer and the date; then, below a line to cut along, the receipt slip (回执)
the unit signs and returns, kept whole on one page.

All notices go into one PDF, each starting on a new page; the pages are
numbered within each notice (第 1 页 共 2 页 of that unit's notice), since
each is sent to a different unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from db.cancel import CancelToken
from db.queries.notices import NoticeData, NoticeTask
from db.vocabulary import BEHIND, NEAR, OVERDUE, STATUS_LABELS, light_reason
from documents.pdf.fonts import FontChoice
from documents.pdf.layout import (
    BLANK,
    BODY,
    CELL_PAD_X,
    CELL_PAD_Y,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Column,
    Document,
    Paint,
    Progress,
    ReportInfo,
    Style,
    chinese_date,
    numbered,
    write_pdf,
)

COLUMNS = (
    Column("序号", 5, "center"),
    Column("工作任务", 19),
    Column("工作要求", 24),
    Column("完成时限", 12, "center"),
    Column("当前状态", 13, "center"),
    Column("最近一次报送", 27),
)
# The colour of each level, printed: the lights' blue and red; the yellow
# light's own colour is too pale for text on paper, so an amber.
INK = {"reminder": "#2f6fd6", "notice": "#c78500", "red": "#d62c2c"}
OFFICE_HEAD = Style(17, 24, heading=True)
LEVEL_TITLE = Style(26, 34, heading=True)
LINE = Style(12, 18)
RECEIPT_TITLE = Style(15, 22, heading=True)
RECEIPT = Style(10.5, 15)
TITLE_SPACING = 12.0  # points between the characters of the level's title
DRAFT = "草稿"
NO_TEXT = "（此页无正文）"
ISSUER_HEIGHT = 10 + 2 * LINE.leading  # the space above the contact line, the issuer and the date
RECEIPT_SPACE = 10 + RECEIPT.leading + 4 + RECEIPT_TITLE.leading  # above the slip: the cut line, its title

# What each level asks of the unit, after the facts: {reply} the date, {office} the office.
DEMANDS = {
    "reminder": "请对照工作要求和完成时限抓紧推进，确保按时保质完成，并于{reply}前将推进情况报送{office}。",
    "notice": (
        "请高度重视，对照工作要求加快推进，于{reply}前将推进情况、存在问题和下一步打算书面报送{office}；"
        "{month}进展尚未报送的，请一并补报。"
    ),
    "red": (
        "现予红色督办。请你单位主要负责同志亲自过问、专题研究，逐项明确整改措施、责任人和完成时限，"
        "于{reply}前书面报送{office}。逾期仍未完成的，将予以通报。"
    ),
}


def write_notices(
    notices: Sequence[NoticeData],
    path: Path,
    fonts: FontChoice | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ReportInfo:
    """Write the notices to `path` (A4 landscape), one after the other.

    `progress(done, total)` follows the task rows of all notices; once
    `cancel` is cancelled the notices stop with db.cancel.Cancelled and no
    file is written. ValueError when there is no notice to write.
    """
    if not notices:
        raise ValueError("没有需要督办的单位")

    def build(document: Document) -> None:
        document.rows_total = sum(len(notice.tasks) for notice in notices)
        for index, notice in enumerate(notices):
            if index:
                document.new_page(group=True)
            document.mark_pages(_draft_mark(document) if notice.draft else None)
            _notice(document, notice)

    first = notices[0]
    levels = {notice.level_label for notice in notices}
    kind = levels.pop() if len(levels) == 1 else "督办单"
    subject = first.unit_name if len(notices) == 1 else f"{len(notices)} 个单位"
    draft = "草稿，" if first.draft else ""
    return write_pdf(
        path,
        build,
        title=f"{kind}（{draft}{subject}，截至{first.month.label}底）",
        author=first.office.name,
        fonts=fonts,
        progress=progress,
        cancel=cancel,
    )


def facts_text(notice: NoticeData) -> str:
    """What the unit owes, counted by the reason of each light."""
    counts = {OVERDUE: 0, BEHIND: 0, "unreported": 0, NEAR: 0}
    for task in notice.tasks:
        if task.light == "red":
            counts[OVERDUE] += 1
        elif task.light == "yellow":
            counts[BEHIND if task.behind else "unreported"] += 1
        elif task.light == "blue":
            counts[NEAR] += 1
    words = {
        OVERDUE: "已逾期{}项",
        BEHIND: "滞后于序时进度{}项",
        "unreported": f"{notice.month.short_label}进展未报送{{}}项",
        NEAR: "临近完成时限{}项",
    }
    parts = [words[reason].format(count) for reason, count in counts.items() if count]
    among = f"，其中{'、'.join(parts)}" if parts else ""
    return (
        f"根据《{notice.plan_title}》的分工，截至{notice.month.label}底，"
        f"你单位牵头的以下{len(notice.tasks)}项工作任务尚未完成{among}。"
    )


def request_text(notice: NoticeData) -> str:
    """The body of the notice: the facts, then what its level asks."""
    demand = DEMANDS[notice.level].format(
        reply=chinese_date(notice.reply_by), office=notice.office.name or "我办", month=notice.month.short_label
    )
    return f"　　{facts_text(notice)}{demand}请填写文末回执，一并交回。"


def last_report_text(task: NoticeTask) -> str:
    if task.last_month is None:
        return "未报送"
    return f"{task.last_month.label}：{task.last_done or '（未填写进展）'}"


def deadline_text(task: NoticeTask) -> str:
    return task.deadline_text or chinese_date(task.deadline)


def state_text(task: NoticeTask) -> str:
    """推进中, and the light with its reason: 红灯：逾期."""
    return "\n".join(filter(None, (STATUS_LABELS[task.status], light_reason(task.light, task.behind))))


def _row(task: NoticeTask) -> list[str]:
    return [task.label, task.title, task.requirement, deadline_text(task), state_text(task), last_report_text(task)]


def _notice(document: Document, notice: NoticeData) -> None:
    ink = INK[notice.level]
    _heading(document, notice, ink)
    document.paragraph(f"{notice.unit_name}：", LINE, after=2)
    document.paragraph(request_text(notice), LINE, "justify", after=6)
    columns = document.fitted(COLUMNS, 0, (task.label for task in notice.tasks))
    document.table(columns, (_row(task) for task in notice.tasks), BODY, counted=True, label=numbered)
    laid = [_lay_cells(document, row) for row in _receipt_rows(notice)]
    heights = [max(len(lines) for lines, _ in cells) * RECEIPT.leading + 2 * CELL_PAD_Y for cells in laid]
    _keep_the_end(document, ISSUER_HEIGHT + RECEIPT_SPACE + sum(heights))
    _contact_and_issuer(document, notice)
    _receipt(document, notice, ink, laid, heights)


def _keep_the_end(document: Document, height: float) -> None:
    """The contact, the issuer and the receipt stay together on one page;
    moved to a page of their own, it says so at its top, as an official
    document does where its seal falls on a page after the text."""
    if height > document.room() and document.y < document.top:
        document.new_page()
        document.line(NO_TEXT, LINE, document.left, document.y)
        document.y -= LINE.leading


def _centred(document: Document, text: str, style: Style, ink: str, spacing: float = 0.0) -> None:
    """One line across the page's middle, in the colour `ink`, `spacing` points between its characters."""
    width = document.measure(text, style) + spacing * (len(text) - 1)
    document.lines(
        (text,), replace(style, colour=ink), document.left + (document.width - width) / 2, document.y, spacing
    )
    document.y -= style.leading


def _heading(document: Document, notice: NoticeData, ink: str) -> None:
    """The office and the level in the level's colour, the number and the
    signer, a thick and a thin rule in the colour."""
    if notice.office.name:
        _centred(document, notice.office.name, OFFICE_HEAD, ink)
    _centred(document, notice.level_label, LEVEL_TITLE, ink, TITLE_SPACING)
    document.space(4)
    document.line(notice.number, LINE, document.left, document.y)
    signer = f"签发人：{notice.office.signer or BLANK}"
    document.line(signer, LINE, document.left + document.width - document.measure(signer, LINE), document.y)
    document.y -= LINE.leading + 3
    left, right, y = document.left, document.left + document.width, document.y

    def rules(canvas: Canvas) -> None:
        canvas.setStrokeColor(HexColor(ink))
        canvas.setLineWidth(2.2)
        canvas.line(left, y, right, y)
        canvas.setLineWidth(0.6)
        canvas.line(left, y - 3.5, right, y - 3.5)

    document.paint(rules)
    document.space(10)


def _contact_and_issuer(document: Document, notice: NoticeData) -> None:
    """The office's contact person and telephone on the left; on the right,
    where it is stamped, the issuer's name with the date centred under it."""
    office = notice.office
    contact = f"联系人：{office.contact or BLANK}　　联系电话：{office.phone or BLANK}"
    issuer = [office.name or BLANK, chinese_date(notice.issued_on)]
    document.space(10)
    document.line(contact, LINE, document.left, document.y)
    right = document.left + document.width - 2 * LINE.size
    width = max(document.measure(line, LINE) for line in issuer)
    for line in issuer:
        document.line(line, LINE, right - width + (width - document.measure(line, LINE)) / 2, document.y)
        document.y -= LINE.leading


# -- the receipt slip --------------------------------------------------------


def _receipt_rows(notice: NoticeData) -> list[list[tuple[str, float]]]:
    """The slip's grid: rows of (text, share of the width) cells."""
    return [
        [
            ("文号", 0.09),
            (notice.number, 0.22),
            ("收文单位", 0.09),
            (notice.unit_name, 0.27),
            ("签收日期", 0.09),
            ("　　年　　月　　日", 0.24),
        ],
        [
            ("签收人", 0.09),
            ("", 0.22),
            ("联系人", 0.09),
            (notice.unit_contact, 0.27),
            ("联系电话", 0.09),
            (notice.unit_phone, 0.24),
        ],
        [("办理情况", 0.09), ("\n", 0.91)],
    ]


def _receipt(
    document: Document, notice: NoticeData, ink: str, laid: list[list[tuple[list[str], float]]], heights: list[float]
) -> None:
    """Below a dashed line to cut along: the slip with the notice's number,
    the unit, lines for who signed and when, and what it did (its rows
    `laid` out by _lay_cells, `heights` tall; kept on the page by _keep_the_end)."""
    foot = f"（请于{chinese_date(notice.reply_by)}前交回）"
    document.space(10)
    _cut_line(document)
    title_top = document.y
    _centred(document, "回　　执", RECEIPT_TITLE, ink, TITLE_SPACING / 2)
    foot_top = title_top - (RECEIPT_TITLE.leading - RECEIPT.leading)  # on the title's baseline, to the right
    document.line(foot, RECEIPT, document.left + document.width - document.measure(foot, RECEIPT), foot_top)
    for cells, height in zip(laid, heights, strict=True):
        _grid_row(document, cells, height)


def _lay_cells(document: Document, row: list[tuple[str, float]]) -> list[tuple[list[str], float]]:
    """Each cell's lines wrapped to its width (in points)."""
    cells = []
    for text, share in row:
        width = document.width * share
        cells.append((document.wrap(text, RECEIPT, width - 2 * CELL_PAD_X) if text else [""], width))
    return cells


def _grid_row(document: Document, cells: list[tuple[list[str], float]], height: float) -> None:
    """One ruled row of the slip, labels (the even cells) centred and shaded."""
    top, bottom = document.y, document.y - height
    x = document.left
    for index, (lines, width) in enumerate(cells):
        label = index % 2 == 0
        if label:
            document.fill(x, bottom, width, height, 0.94)
        line_top = top - (height - len(lines) * RECEIPT.leading) / 2
        for line in lines:
            offset = (width - document.measure(line, RECEIPT)) / 2 if label else CELL_PAD_X
            document.line(line, RECEIPT, x + offset, line_top)
            line_top -= RECEIPT.leading
        document.rule(x, top, x, bottom)
        x += width
    document.rule(x, top, x, bottom)
    document.rule(document.left, top, x, top)
    document.rule(document.left, bottom, x, bottom)
    document.y = bottom


def _cut_line(document: Document) -> None:
    """A dashed line across the page with 沿此线剪下 in its middle."""
    words = "（沿此线剪下）"
    width = document.measure(words, RECEIPT)
    left, right = document.left, document.left + document.width
    middle = left + document.width / 2
    y = document.y - RECEIPT.leading / 2
    document.line(words, RECEIPT, middle - width / 2, document.y)

    def dashes(canvas: Canvas) -> None:
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.6)
        canvas.line(left, y, middle - width / 2 - 4, y)
        canvas.line(middle + width / 2 + 4, y, right, y)

    document.paint(dashes)
    document.y -= RECEIPT.leading + 4


def _draft_mark(document: Document) -> Paint:
    """草稿 across the page in pale gray, under the text."""
    font = document.fonts.heading

    def mark(canvas: Canvas) -> None:
        canvas.setFillGray(0.9)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(24)
        canvas.setFont(font, 150)
        canvas.drawCentredString(0, -50, DRAFT)

    return mark

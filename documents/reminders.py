"""The words of the 催报 list (who still owes the month's report), shared by
its PDF (documents/pdf/reminders.py), its workbook
(documents/excel/reminders.py) and the text and table the window copies.
The data: db.queries.sheets.reminders_data."""

from __future__ import annotations

from html import escape

from db.months import Month
from db.queries.sheets import OwedTask, OwingUnit, RemindersData
from db.vocabulary import NO_LEAD_UNIT, STATUS_LABELS
from documents.pdf.layout import chinese_date

NONE = "—"  # an empty contact or telephone


def title(data: RemindersData) -> str:
    return f"{data.month.label}工作进展催报名单"


def intro(data: RemindersData) -> str:
    """What the list is: the plan, when the reports were due, how many are owed."""
    units = [unit for unit in data.units if unit.unit_id is not None]
    text = (
        f"《{data.plan.title}》{data.month.label}的工作进展应于{chinese_date(data.due)}前报送。"
        f"截至{chinese_date(data.today)}，"
    )
    if units:
        owed = sum(len(unit.tasks) for unit in units)
        text += f"以下{len(units)}个单位牵头的{owed}项任务尚未报送，请逐一联系催报。"
    else:
        text += "各牵头单位均已报送。"
    unled = [unit for unit in data.units if unit.unit_id is None]
    if unled:
        text += (
            f"另有{len(unled[0].tasks)}项任务未写明牵头单位，列于“{NO_LEAD_UNIT}”之下："
            "请先明确牵头单位，明确之前由本办了解进展。"
        )
    return text


def contact_text(unit: OwingUnit) -> str:
    return unit.contact or NONE


def phone_text(unit: OwingUnit) -> str:
    return unit.phone or NONE


def unit_heading(unit: OwingUnit) -> str:
    """市环保局（3项）　联系人：张三　电话：0592-1234567"""
    if unit.unit_id is None:
        return f"{unit.name}（{len(unit.tasks)}项）"
    return f"{unit.name}（{len(unit.tasks)}项）　联系人：{contact_text(unit)}　电话：{phone_text(unit)}"


def last_text(task: OwedTask) -> str:
    """The task's latest report before the month: 推进中（2016年5月）, or 未报送过."""
    return last_report_text(task.last)


def last_report_text(last: tuple[str, str] | None, between: str = "") -> str:
    """A (status, month) of a latest report as 推进中（2016年5月）, with
    `between` before the bracket (a line break in a narrow cell); 未报送过 for None."""
    if last is None:
        return "未报送过"
    status, month = last
    return f"{STATUS_LABELS[status]}{between}（{Month(month).label}）"


def task_line(task: OwedTask) -> str:
    """第3项 全面公开…（上次报送：推进中（2016年5月））"""
    return f"第{task.label}项 {task.title}（上次报送：{last_text(task)}）"


def plain_text(data: RemindersData) -> str:
    """The list as text, for the clipboard (an e-mail, a chat message)."""
    lines = [title(data), intro(data)]
    for unit in data.units:
        lines.append("")
        lines.append(unit_heading(unit))
        lines.extend(f"  {task_line(task)}" for task in unit.tasks)
    return "\n".join(lines) + "\n"


HTML_HEADERS = ("单位", "联系人", "电话", "任务", "工作任务", "上次报送")


def html_table(data: RemindersData) -> str:
    """The list as an HTML table, for the clipboard: pasted into Word, WPS or
    Excel it becomes a table, each unit's cells spanning its tasks."""
    rows = ["<tr>" + "".join(f"<th>{header}</th>" for header in HTML_HEADERS) + "</tr>"]
    for unit in data.units:
        span = len(unit.tasks)
        for index, task in enumerate(unit.tasks):
            cells = ""
            if index == 0:
                cells = "".join(
                    f'<td rowspan="{span}">{escape(text)}</td>'
                    for text in (f"{unit.name}（{span}项）", contact_text(unit), phone_text(unit))
                )
            cells += "".join(f"<td>{escape(text)}</td>" for text in (f"第{task.label}项", task.title, last_text(task)))
            rows.append(f"<tr>{cells}</tr>")
    return (
        f"<p><b>{escape(title(data))}</b></p><p>{escape(intro(data))}</p>"
        f'<table border="1" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'
    )

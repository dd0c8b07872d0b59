"""The contract of a fill-in sheet (进展填报表): what documents/excel/returns.py
writes and db.returns.reading reads back, declared once.

For month M every lead unit gets a workbook listing the tasks it leads (and
the office one listing the tasks that name no lead unit, which it reports on
itself until it gives them one: its entries have no reporting unit). The
task columns are locked (the sheet is protected), the progress columns are
open, and the status is chosen from a drop-down list. A very hidden,
protected sheet (`META_SHEET`) records what the sheet was made from:

    format      duban-returns/2
    plan_uuid   …               the plan's UUID, with its title and year (for messages)
    plan_title  …
    plan_year   2016
    month       2016-06
    unit_id     12              the lead unit, with its name; for the office's
    unit        市环保局         own sheet of the tasks without a lead unit,
                                unit_id "office" and unit 需明确牵头单位
    sheet       市环保局         the title of the data sheet
    rows                        then, one line per task row of the data sheet:
    5  <task uuid>  <fingerprint>  <status code the sheet was prefilled with, or "">

Plans and tasks are named by their UUIDs, never by row ids: SQLite gives a
plan imported again after a restore the ids of the one it replaces, and a
copy of the ledger elsewhere has the same ids for other tasks.

The fingerprint of a row is one short SHA-256 digest (8 hex digits) per
locked task column (序号, 工作任务, 工作要求, 完成时限), of the text as
written, joined by dots. On return every row is compared column by column,
so an edited task cell is named exactly, and a row added, deleted or moved
shows as a 序号 that is not where it was. The check is against mistakes, not
against forgery: someone who edits the hidden sheet can defeat it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime, time

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from db.vocabulary import STATUS_LABELS

META_SHEET = "_duban_meta"
FORMAT = "duban-returns/2"
OLD_FORMATS = ("duban-returns/1",)  # sheets of an earlier version: tasks named by row id only
RETURN_COLUMNS = (
    "number",
    "title",
    "requirement",
    "deadline",
    "last_status",
    "status",
    "done",
    "problems",
    "next_steps",
    "evidence",
)
TASK_COLUMNS = ("number", "title", "requirement", "deadline")  # locked and fingerprinted
TEXT_COLUMNS = ("done", "problems", "next_steps", "evidence")  # open, with the status
OPEN_COLUMNS = ("status", *TEXT_COLUMNS)
# The header of every column of the sheet ("{m}": the month's number); the
# Excel ledger heads the columns it shares with it alike.
HEADERS = {
    "number": "序号",
    "title": "工作任务",
    "requirement": "工作要求",
    "deadline": "完成时限",
    "last_status": "上次报送状态",
    "status": "状态",
    "done": "{m}月进展情况",
    "problems": "存在问题",
    "next_steps": "下一步打算",
    "evidence": "佐证材料",
}
OFFICE_UNIT_ID = "office"  # the unit_id of the office's own sheet
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
CHOICES = "、".join(STATUS_LABELS.values())
# Titles a unit's sheet must not take (Excel compares them ignoring case):
# the hidden metadata sheet, and "History", which Excel keeps for itself.
TAKEN_SHEET_TITLES = frozenset({META_SHEET.casefold(), "history"})
EXCEL_TEXT_LIMIT = 32_767  # characters a cell holds; Excel refuses a file with more


def letter(key: str) -> str:
    """The column letter of `key` in the data sheet."""
    return get_column_letter(RETURN_COLUMNS.index(key) + 1)


def clean_text(text: str) -> str:
    """The text as a cell keeps it: no control characters (openpyxl refuses
    them), line ends as LF (XML readers turn CR LF into LF anyway), at most
    Excel's 32,767 characters."""
    text = str(ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    return text[:EXCEL_TEXT_LIMIT]


def as_read(text: str) -> str:
    """A text as its cell gives it back (and `cell_text` makes of it)."""
    return clean_text(text).strip()


def cell_text(value: object) -> str:
    """A cell's value as text: 32.0 as "32", a date as 2016-06-30."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def fingerprint(values: Mapping[str, str | int]) -> str:
    """The digests of a row's task columns, in TASK_COLUMNS order, of the text
    as the cell holds it."""
    return ".".join(digest(as_read(str(values[key]))) for key in TASK_COLUMNS)

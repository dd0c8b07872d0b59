"""What every plan reader shares: column names, heading and task patterns, and the
builder that turns rows into a ParsedPlan, carrying merged cells down within a
subsection only."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from pathlib import Path

from db.deadlines import parse_deadline
from db.errors import InputError
from db.plans.model import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask
from db.plans.units import NamedUnit, parse_cell

# Column → the header texts that name it (white space inside is ignored).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "title": ("工作任务", "任务内容", "主要任务", "工作内容", "任务"),
    "lead": ("牵头单位", "牵头部门"),
    "responsible": ("责任单位", "配合单位", "责任部门", "参与单位"),
    "requirement": ("工作要求", "具体要求", "工作目标"),
    "deadline": ("完成时限", "时限要求", "完成时间", "时限"),
}
DEFAULT_COLUMNS = ("title", "lead", "responsible", "requirement")

NUMERALS = "一二三四五六七八九十百零〇"
SECTION = re.compile(rf"^([{NUMERALS}]+)\s*、\s*(.*)$", re.S)
SUBSECTION = re.compile(rf"^[（(]\s*([{NUMERALS}]+)\s*[）)]\s*(.*)$", re.S)
TASK = re.compile(r"^([0-9０-９]+)\s*[.．、]\s*(.*)$", re.S)
YEAR = re.compile(r"(19|20)\d{2}")
# Lines offices put under or between tables: notes and who made the table.
NOTE = re.compile(r"^(注|备注|说明|制表|填表|审核|联系人|联系电话)\s*[:：0-9１-９]")


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 24 → 二十四, for numbering headings (1–99)."""
    digits = "零一二三四五六七八九"
    if not 1 <= number <= 99:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens == 1 else digits[tens]) + "十" if tens else ""
    return text + (digits[ones] if ones else "")


def despace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def column_of(header_text: str) -> str | None:
    """The column a header cell names, or None."""
    text = despace(header_text)
    for column, names in COLUMN_NAMES.items():
        if text in names:
            return column
    return None


def task_start(text: str) -> tuple[int, str] | None:
    """(number, title) when a cell starts a task: `1.`, `2. `, `3．`, `4、`."""
    match = TASK.match(text.strip())
    if not match:
        return None
    return int(unicodedata.normalize("NFKC", match.group(1))), match.group(2).strip()


def is_note(text: str) -> bool:
    return bool(NOTE.match(text.strip()))


def year_of(title: str) -> int | None:
    match = YEAR.search(title)
    return int(match.group(0)) if match else None


class PlanBuilder:
    """Collects headings and task rows in document order.

    A lead or responsible cell given as None is the lower part of a merged
    cell: it takes the value of the task above, unless a section or subsection
    heading came between (then no unit was named).
    """

    def __init__(self, source: Path, collectives: Collection[str] = ()) -> None:
        self.source = source
        self.collectives = collectives
        self.sections: list[ParsedSection] = []
        self._subsection: ParsedSection | None = None
        self._above: dict[str, list[NamedUnit]] = {}
        self._seen: dict[int, str] = {}

    def heading(self, text: str) -> bool:
        """Start a section or subsection if `text` is a heading; say whether it was."""
        text = text.strip()
        if match := SECTION.match(text):
            self.sections.append(ParsedSection(match.group(1), clean_title(match.group(2)), 1))
            self._subsection = None
        elif match := SUBSECTION.match(text):
            sub = ParsedSection(match.group(1), clean_title(match.group(2)), 2)
            self._section().sections.append(sub)
            self._subsection = sub
        else:
            return False
        self._above.clear()
        return True

    def task(
        self,
        number: int,
        title: str,
        lead: Sequence[str] | None,
        responsible: Sequence[str] | None,
        requirement: str = "",
        deadline: object = None,
        where: str = "",
    ) -> ParsedTask:
        if number in self._seen:
            raise InputError(self.source, f"任务编号 {number} 重复出现（{self._seen[number]}与{where}）")
        self._seen[number] = where
        task = ParsedTask(
            number=number,
            title=clean_title(title),
            requirement=requirement.strip(),
            deadline_text=_deadline_text(deadline),
            lead=self._assignments("lead", lead),
            responsible=self._assignments("responsible", responsible),
            where=where,
        )
        (self._subsection or self._section()).tasks.append(task)
        return task

    def _assignments(self, role: str, cell: Sequence[str] | None) -> list[ParsedAssignment]:
        if cell is None:
            return [ParsedAssignment(unit, continued=True) for unit in self._above.get(role, [])]
        units = parse_cell(cell, self.collectives)
        self._above[role] = units
        return [ParsedAssignment(unit) for unit in units]

    def _section(self) -> ParsedSection:
        """The current section; a plan with tasks before any heading gets one untitled."""
        if not self.sections:
            self.sections.append(ParsedSection("", "", 1))
        return self.sections[-1]

    def finish(self, title: str, year: int | None) -> ParsedPlan:
        if not self._seen:
            raise InputError(self.source, "没有找到任何编号的工作任务（如“1. …”），不是工作计划表")
        title = clean_title(title)
        if not title:
            raise InputError(self.source, "没有找到计划标题，请用 --title 指定")
        year = year or year_of(title)
        if not year:
            raise InputError(self.source, f"无法从标题“{title}”中识别年份，请用 --year 指定")
        plan = ParsedPlan(title=title, year=year, source=self.source, sections=self.sections)
        for task in plan.all_tasks():
            task.deadline = parse_deadline(task.deadline_text, year)
        return plan


def clean_title(text: str) -> str:
    """One line of text with single spaces, as titles are shown and printed."""
    return " ".join(text.split())


def _deadline_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()

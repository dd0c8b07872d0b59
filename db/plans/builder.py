"""The builder that turns headings and task rows, in document order, into a
ParsedPlan, carrying merged unit cells down within a section only.

A lead or responsible cell given as None is the lower part of a merged cell:
it takes the value of the task above, unless a heading came between (then no
unit was named). Every value carried down is marked `continued`, so a person
can review it. A heading repeated at the top of a page (same level, numeral and
title as the current one) continues its section.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from db.errors import InputError
from db.limits import task_number_problem
from db.plans.deadlines import parse_deadline
from db.plans.model import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask
from db.plans.numbering import chinese_numeral
from db.plans.units import NamedUnit, parse_cell

__all__ = ["PlanBuilder", "chinese_numeral", "clean_title"]


class PlanBuilder:
    """Collects headings and tasks; `numbering` "section" lets numbers restart in
    each section (they must then be unique within it)."""

    def __init__(self, source: Path, collectives: Collection[str] = (), numbering: str = "plan") -> None:
        self.source = source
        self.collectives = collectives
        self.numbering = numbering
        self.sections: list[ParsedSection] = []
        self._open: list[ParsedSection] = []  # the current heading at each level, top first
        self._above: dict[str, list[NamedUnit]] = {}
        self._seen: dict[tuple[int, int], str] = {}
        self._parsed: dict[tuple[str, ...], list[NamedUnit]] = {}
        self.task_count = 0

    def heading(self, level: int, numeral: str, title: str) -> ParsedSection:
        """Start a heading of `level` (1–3), or continue the current one when it is repeated."""
        title = clean_title(title)
        if len(self._open) >= level:
            current = self._open[level - 1]
            if (current.numeral, current.title) == (numeral, title):
                return current  # repeated at the top of a page: the same section goes on
        while len(self._open) < level - 1:  # a level-2 heading before any level-1: an untitled parent
            self._add(ParsedSection("", "", len(self._open) + 1))
        del self._open[level - 1 :]
        section = ParsedSection(numeral, title, level)
        self._add(section)
        self._above.clear()
        return section

    def _add(self, section: ParsedSection) -> None:
        (self._open[-1].sections if self._open else self.sections).append(section)
        self._open.append(section)

    def task(
        self,
        number: int,
        title: str,
        lead: Sequence[str] | None,
        responsible: Sequence[str] | None,
        requirement: str = "",
        deadline: object = None,
        where: str = "",
        leader: str = "",
        remark: str = "",
    ) -> ParsedTask:
        if not self._open:
            self._add(ParsedSection("", "", 1))  # tasks before any heading
        if problem := task_number_problem(number):
            raise InputError(self.source, problem, where)
        section = self._open[-1]
        key = (id(section) if self.numbering == "section" else 0, number)
        if key in self._seen:
            raise InputError(self.source, f"任务编号 {number} 重复出现（{self._seen[key]}与{where}）")
        self._seen[key] = where
        task = ParsedTask(
            number=number,
            title=clean_title(title),
            requirement=requirement.strip(),
            deadline_text=_deadline_text(deadline),
            lead=self._assignments("lead", lead),
            responsible=self._assignments("responsible", responsible),
            where=where,
            leader=leader.strip(),
            remark=remark.strip(),
        )
        section.tasks.append(task)
        self.task_count += 1
        return task

    def _assignments(self, role: str, cell: Sequence[str] | None) -> list[ParsedAssignment]:
        if cell is None:
            return [ParsedAssignment(unit, continued=True) for unit in self._above.get(role, [])]
        key = tuple(cell)
        units = self._parsed.get(key)
        if units is None:  # plans name the same few cells again and again
            units = self._parsed[key] = parse_cell(cell, self.collectives)
        self._above[role] = units
        return [ParsedAssignment(unit) for unit in units]

    def finish(self, title: str, year: int, numbers_assigned: bool = False) -> ParsedPlan:
        if not self.task_count:
            raise InputError(self.source, "没有找到任何工作任务，不是工作计划表")
        plan = ParsedPlan(
            title=clean_title(title),
            year=year,
            source=self.source,
            sections=self.sections,
            numbering=self.numbering,
            numbers_assigned=numbers_assigned,
        )
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
        return str(value.strftime("%Y-%m-%d"))
    return str(value).strip()

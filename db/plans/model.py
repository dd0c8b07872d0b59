"""A plan as read from a document, before it is stored: plain dataclasses.

Headings nest up to three levels (`一、` / `（一）` / `1.`): a level-2 section
sits in a level-1 section's `sections`, a level-3 one in a level-2's. A plan
with no headings has its tasks in one untitled level-1 section (numeral "").
`numbering` is "section" when task numbers restart in each section (a task is
then known by its section and number); `numbers_assigned` when the plan had no
task numbers and the reader numbered the tasks in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from db.plans.units import NamedUnit


@dataclass(frozen=True)
class ParsedAssignment:
    """A unit named for a task; `continued` when its cell was the lower part of a
    merged cell, so the value was carried down from the task above."""

    unit: NamedUnit
    continued: bool = False


@dataclass
class ParsedTask:
    number: int
    title: str
    requirement: str = ""
    deadline_text: str = ""
    deadline: date | None = None
    lead: list[ParsedAssignment] = field(default_factory=list)
    responsible: list[ParsedAssignment] = field(default_factory=list)
    where: str = ""  # where in the document, for messages: 第 12 行, 工作表 A 第 5 行
    leader: str = ""  # 责任领导 / 分管领导, as written
    remark: str = ""  # 备注, as written


@dataclass
class ParsedSection:
    """A heading: level 1 `一、`, level 2 `（一）`, level 3 `1.`."""

    numeral: str
    title: str
    level: int
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)

    def all_tasks(self) -> Iterator[ParsedTask]:
        yield from self.tasks
        for sub in self.sections:
            yield from sub.all_tasks()

    def all_sections(self) -> Iterator[ParsedSection]:
        """This section and every section under it, in document order."""
        yield self
        for sub in self.sections:
            yield from sub.all_sections()


@dataclass
class ParsedPlan:
    title: str
    year: int
    source: Path
    sections: list[ParsedSection] = field(default_factory=list)
    numbering: str = "plan"  # "section": numbers restart in each section
    numbers_assigned: bool = False

    def all_tasks(self) -> Iterator[ParsedTask]:
        for section in self.sections:
            yield from section.all_tasks()

    def all_sections(self) -> Iterator[ParsedSection]:
        """Every section at every level, in document order."""
        for section in self.sections:
            yield from section.all_sections()

    def section_paths(self) -> Iterator[tuple[list[ParsedSection], ParsedTask]]:
        """(the headings above, top level first, untitled ones left out; task) for every task."""

        def walk(
            section: ParsedSection, above: list[ParsedSection]
        ) -> Iterator[tuple[list[ParsedSection], ParsedTask]]:
            path = [*above, section] if section.numeral or section.title else above
            for task in section.tasks:
                yield path, task
            for sub in section.sections:
                yield from walk(sub, path)

        for section in self.sections:
            yield from walk(section, [])

    def continued_assignments(self) -> Iterator[tuple[ParsedTask, str, ParsedAssignment]]:
        """(task, role, assignment) for every value carried down a merged cell."""
        for task in self.all_tasks():
            for role, assignments in (("lead", task.lead), ("responsible", task.responsible)):
                for assignment in assignments:
                    if assignment.continued:
                        yield task, role, assignment

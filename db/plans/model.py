"""A plan as read from a document, before it is stored: plain dataclasses."""

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


@dataclass
class ParsedSection:
    """A section (level 1, `一、`) or subsection (level 2, `（一）`)."""

    numeral: str
    title: str
    level: int
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)

    def all_tasks(self) -> Iterator[ParsedTask]:
        yield from self.tasks
        for sub in self.sections:
            yield from sub.all_tasks()


@dataclass
class ParsedPlan:
    title: str
    year: int
    source: Path
    sections: list[ParsedSection] = field(default_factory=list)

    def all_tasks(self) -> Iterator[ParsedTask]:
        for section in self.sections:
            yield from section.all_tasks()

    def all_sections(self) -> Iterator[ParsedSection]:
        for section in self.sections:
            yield section
            yield from section.sections

    def continued_assignments(self) -> Iterator[tuple[ParsedTask, str, ParsedAssignment]]:
        """(task, role, assignment) for every value carried down a merged cell."""
        for task in self.all_tasks():
            for role, assignments in (("lead", task.lead), ("responsible", task.responsible)):
                for assignment in assignments:
                    if assignment.continued:
                        yield task, role, assignment

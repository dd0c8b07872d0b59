"""Storing a read plan in the database, in the caller's one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import InputError
from db.models import Assignment, Plan, Section, Task
from db.plans.model import ParsedPlan, ParsedSection, ParsedTask
from db.registry import UnitResolver


@dataclass
class ContinuedAssignment:
    task_number: int
    role: str
    unit: str


@dataclass
class ImportReport:
    plan_id: int
    title: str
    year: int
    sections: int
    subsections: int
    tasks: int
    units: int
    new_units: list[str] = field(default_factory=list)
    continued: list[ContinuedAssignment] = field(default_factory=list)


def import_plan(session: Session, parsed: ParsedPlan) -> ImportReport:
    """Add `parsed` as a new plan; refuses one with the same title and year."""
    existing = session.scalar(select(Plan.id).where(Plan.title == parsed.title, Plan.year == parsed.year))
    if existing is not None:
        raise InputError(parsed.source, f"数据库中已有同名同年度的计划“{parsed.title}”（{parsed.year} 年），未导入")
    plan = Plan(title=parsed.title, year=parsed.year, source=parsed.source.name, imported_at=datetime.now())
    session.add(plan)
    session.flush()
    writer = _PlanWriter(session, plan.id)
    writer.write(parsed)
    continued = [
        ContinuedAssignment(task.number, role, writer.resolver.resolve(assignment.unit).name)
        for task, role, assignment in parsed.continued_assignments()
    ]
    sections = list(parsed.all_sections())
    return ImportReport(
        plan_id=plan.id,
        title=plan.title,
        year=plan.year,
        sections=sum(1 for s in sections if s.level == 1),
        subsections=sum(1 for s in sections if s.level == 2),
        tasks=writer.task_count,
        units=len(writer.units_used),
        new_units=[unit.name for unit in writer.resolver.new_units],
        continued=continued,
    )


class _PlanWriter:
    """Writes a plan with one flush per level of rows (sections, subsections,
    tasks, new units, assignments) rather than one per row."""

    def __init__(self, session: Session, plan_id: int) -> None:
        self.session = session
        self.plan_id = plan_id
        self.resolver = UnitResolver(session)
        self.units_used: set[int] = set()
        self.task_count = 0

    def write(self, parsed: ParsedPlan) -> None:
        rows = {id(section): self._section_row(section, None, index) for index, section in enumerate(parsed.sections)}
        self.session.add_all(rows.values())
        self.session.flush()
        subsections = {
            id(sub): self._section_row(sub, rows[id(section)].id, index)
            for section in parsed.sections
            for index, sub in enumerate(section.sections)
        }
        self.session.add_all(subsections.values())
        self.session.flush()
        rows.update(subsections)
        tasks = [
            (task, self._task_row(task, rows[id(section)].id, index))
            for section in parsed.all_sections()
            for index, task in enumerate(section.tasks)
        ]
        self.session.add_all(row for _task, row in tasks)
        for task, _row in tasks:  # new units in the same flush as the tasks
            for assignment in (*task.lead, *task.responsible):
                self.resolver.resolve(assignment.unit, flush=False)
        self.session.flush()
        for task, row in tasks:
            self._assignments(task, row.id)
        self.session.flush()

    def _section_row(self, parsed: ParsedSection, parent_id: int | None, position: int) -> Section:
        return Section(
            plan_id=self.plan_id,
            parent_id=parent_id,
            level=parsed.level,
            numeral=parsed.numeral,
            title=parsed.title,
            position=position,
        )

    def _task_row(self, parsed: ParsedTask, section_id: int, position: int) -> Task:
        self.task_count += 1
        return Task(
            plan_id=self.plan_id,
            section_id=section_id,
            number=parsed.number,
            title=parsed.title,
            requirement=parsed.requirement,
            deadline=parsed.deadline,
            deadline_text=parsed.deadline_text,
            position=position,
        )

    def _assignments(self, parsed: ParsedTask, task_id: int) -> None:
        seen: set[tuple[int, str]] = set()
        for role, assignments in (("lead", parsed.lead), ("responsible", parsed.responsible)):
            for index, assignment in enumerate(assignments):
                unit = self.resolver.resolve(assignment.unit)
                if (unit.id, role) in seen:  # two names of one unit in a cell
                    continue
                seen.add((unit.id, role))
                self.units_used.add(unit.id)
                self.session.add(
                    Assignment(
                        task_id=task_id,
                        unit_id=unit.id,
                        role=role,
                        phrase=assignment.unit.phrase,
                        continued=assignment.continued,
                        position=index,
                    )
                )

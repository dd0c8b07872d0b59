"""Storing a read plan in the database: IMPORT_PLAN, the operation the window's
import dialog and `main.py import-plan` perform (backed up first, with its
registry seeded, its tasks' milestones read from their deadline texts and
its column roles remembered in the same transaction)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import InputError
from db.limits import year_problem
from db.operations.milestones import add_milestones
from db.operations.runner import Operation
from db.plans.choices import save_choices
from db.plans.leads import parsed_labels
from db.plans.milestones import stages
from db.plans.model import ParsedPlan, ParsedSection, ParsedTask
from db.plans.registry import SampleMatch, UnitResolver, refuse_other_office, seed_for_plan
from db.queries.labels import MAX_LEVEL, heading_label
from db.schema.models import Assignment, Plan, Section, Task


@dataclass
class ContinuedAssignment:
    task_number: int
    task_label: str  # the number, or `二·3` where numbering restarts (db.queries.labels)
    role: str
    unit: str


@dataclass
class ImportReport:
    plan_id: int
    title: str
    year: int
    headings: tuple[int, ...]  # headings of level 1, 2, 3 (db.plans.review counts them alike)
    tasks: int
    units: int
    new_units: list[str] = field(default_factory=list)
    continued: list[ContinuedAssignment] = field(default_factory=list)
    no_lead: list[str] = field(default_factory=list)  # labels of the tasks that name no lead unit
    # Names were matched against a sample registry of an office the title does
    # not tell is the plan's (db.plans.registry.SampleMatch.note), else "".
    sample_note: str = ""

    @property
    def sections(self) -> int:
        return self.headings[0]

    @property
    def subsections(self) -> int:
        return self.headings[1]


# Disk space storing a plan takes while its transaction runs (the -wal, then
# the file's growth): measured 1.7–1.9 KB a task for 66 to 5,000 tasks; doubled.
IMPORT_BYTES_PER_TASK = 4096


def space_needed(parsed: ParsedPlan, *_: object, **__: object) -> int:
    """Free disk space to ask for before storing `parsed`: IMPORT_PLAN's
    estimate, called with the operation's arguments."""
    return IMPORT_BYTES_PER_TASK * sum(1 for _task in parsed.all_tasks())


@dataclass
class PlanImported:
    report: ImportReport
    seeded: bool  # the shipped unit registry came in with the plan (db.plans.registry.seed_for_plan)


def store_plan(
    session: Session, parsed: ParsedPlan, layout: str | None = None, columns: Mapping[int, str] | None = None
) -> PlanImported:
    """IMPORT_PLAN's work: the shipped registry into an empty one when `parsed`
    is the bundled plan, the plan, and the column roles `columns` remembered
    for the table `layout` (db.plans.choices; nothing when `layout` is None)."""
    seeded = seed_for_plan(session, parsed)
    report = import_plan(session, parsed)
    save_choices(session, layout, columns or {})
    return PlanImported(report, seeded)


def check_new_plan(session: Session, parsed: ParsedPlan, *_: object, **__: object) -> SampleMatch | None:
    """Refuse a plan that cannot be imported whatever the file holds: a year
    out of range (typed by hand: --year, the dialog), the title and year of a
    plan already in the database, or another office's plan when the registry
    is a sample (db.plans.registry; what it says of the plan is returned). IMPORT_PLAN's check (called with its
    arguments, before the backup) and the first step of `import_plan`."""
    if problem := year_problem(parsed.year):
        raise InputError(parsed.source, f"{problem}，未导入")
    existing = session.scalar(select(Plan.id).where(Plan.title == parsed.title, Plan.year == parsed.year))
    if existing is not None:
        raise InputError(parsed.source, f"数据库中已有同名同年度的计划“{parsed.title}”（{parsed.year} 年），未导入")
    return refuse_other_office(session, parsed)


def import_plan(session: Session, parsed: ParsedPlan) -> ImportReport:
    """Add `parsed` as a new plan; refuses one with the same title and year,
    a year out of range (a year typed by hand: --year, the dialog), or
    another office's plan when the registry is a sample (check_new_plan).

    Headings may nest three levels deep, and task numbers may restart in
    each section (the reader has checked that); a number twice in one
    section would leave two tasks nobody can tell apart, and is refused.
    """
    sample = check_new_plan(session, parsed)
    levels = _levels(parsed)
    _check_numbers(parsed.source, levels)
    labels = parsed_labels(parsed)
    plan = Plan(title=parsed.title, year=parsed.year, source=parsed.source.name, imported_at=datetime.now())
    session.add(plan)
    session.flush()
    writer = _PlanWriter(session, plan.id, plan.year)
    writer.write(levels)
    continued = [
        ContinuedAssignment(task.number, labels[id(task)], role, writer.resolver.resolve(assignment.unit).name)
        for task, role, assignment in parsed.continued_assignments()
    ]
    return ImportReport(
        plan_id=plan.id,
        title=plan.title,
        year=plan.year,
        headings=tuple(sum(1 for s, _ in level if s.numeral or s.title) for level in levels)
        + (0,) * (MAX_LEVEL - len(levels)),  # the untitled section of tasks before any heading is none
        tasks=writer.task_count,
        units=len(writer.units_used),
        new_units=[unit.name for unit in writer.resolver.new_units],
        continued=continued,
        no_lead=[labels[id(task)] for task in parsed.all_tasks() if not task.lead],
        sample_note=sample.note() if sample is not None else "",
    )


# The headings of one level, each with its parent (None at the top).
Level = list[tuple[ParsedSection, ParsedSection | None]]


def _levels(parsed: ParsedPlan) -> list[Level]:
    """The plan's headings level by level, from the top."""
    levels: list[Level] = []
    current: Level = [(section, None) for section in parsed.sections]
    while current:
        if len(levels) == MAX_LEVEL:
            raise InputError(parsed.source, f"标题层级超过 {MAX_LEVEL} 级，无法导入")
        levels.append(current)
        current = [(sub, section) for section, _parent in current for sub in section.sections]
    return levels


def _check_numbers(source: Path, levels: list[Level]) -> None:
    for level in levels:
        for section, _parent in level:
            seen: set[int] = set()
            for task in section.tasks:
                if task.number in seen:
                    where = heading_label(section.level, section.numeral, section.title) or "计划开头"
                    raise InputError(source, f"“{where}”下任务编号 {task.number} 出现两次", task.where)
                seen.add(task.number)


class _PlanWriter:
    """Writes a plan with one flush per level of rows (the headings of each
    level, tasks with new units, assignments) rather than one per row."""

    def __init__(self, session: Session, plan_id: int, year: int) -> None:
        self.session = session
        self.plan_id = plan_id
        self.year = year
        self.resolver = UnitResolver(session)
        self.units_used: set[int] = set()
        self.task_count = 0

    def write(self, levels: list[Level]) -> None:
        rows: dict[int, Section] = {}
        for depth, level in enumerate(levels, start=1):
            positions: dict[int, int] = {}  # per parent: the next position
            for section, parent in level:
                key = id(parent)
                parent_id = rows[key].id if parent is not None else None
                rows[id(section)] = self._section_row(section, depth, parent_id, positions.get(key, 0))
                positions[key] = positions.get(key, 0) + 1
            self.session.add_all(rows[id(section)] for section, _parent in level)
            self.session.flush()
        tasks = [
            (task, self._task_row(task, rows[id(section)].id, index))
            for level in levels
            for section, _parent in level
            for index, task in enumerate(section.tasks)
        ]
        self.session.add_all(row for _task, row in tasks)
        for task, _row in tasks:  # new units in the same flush as the tasks
            for assignment in (*task.lead, *task.responsible):
                self.resolver.resolve(assignment.unit, flush=False)
        self.session.flush()
        for task, row in tasks:
            self._assignments(task, row.id)
            # the milestones its deadline text names (db.plans.milestones)
            add_milestones(self.session, row.id, stages(task.deadline_text, self.year, task.deadline))
        self.session.flush()

    def _section_row(self, parsed: ParsedSection, level: int, parent_id: int | None, position: int) -> Section:
        return Section(
            plan_id=self.plan_id,
            parent_id=parent_id,
            level=level,  # its depth, as the reader nests them (ParsedSection.level says the same)
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


IMPORT_PLAN = Operation(store_plan, "导入计划", backup="plan-import", space=space_needed, check=check_new_plan)

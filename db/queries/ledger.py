"""Read-side queries of the ledger: light nodes for the plan tree, the unit
view and the printed reports.

Every function runs a fixed small number of queries whatever the size of the
plan (never one per task or unit) and returns plain frozen values, so a view
can keep them after the session is closed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Join, Select, SQLColumnExpression, case, func, join, or_, select, union
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from db.months import Month
from db.queries.labels import task_labels
from db.queries.nodes import PlanInfo, SectionNode, TaskNode
from db.schema.models import (
    UNIT_KINDS,
    Assignment,
    CollectiveMember,
    Plan,
    ProgressEntry,
    Section,
    Task,
    Unit,
    UnitAlias,
)

# Above this many ids, a query limited to some rows (`only`) reads them all
# and filters in Python rather than sending a long IN list (SQLite limits
# bound parameters).
_MAX_IN = 500

_Columns = TypeVarTuple("_Columns")


def only(
    query: Select[*_Columns], column: SQLColumnExpression[int], ids: Collection[int] | None
) -> tuple[Select[*_Columns], set[int] | None]:
    """`query` limited to the rows whose `column` is among `ids`, still one
    query however many ids there are: `(query with an IN list, None)` for up
    to _MAX_IN ids; beyond, `(query, the ids)`, and the caller keeps the rows
    whose `column` is in that set. `(query, None)` when `ids` is None: every row."""
    if ids is None:
        return query, None
    wanted = set(ids)
    if len(wanted) <= _MAX_IN:
        return query.where(column.in_(wanted)), None
    return query, wanted


def plans(session: Session) -> list[PlanInfo]:
    """Every plan of the database, by year and then in the order imported."""
    rows = session.execute(select(Plan.id, Plan.title, Plan.year).order_by(Plan.year, Plan.id))
    return [PlanInfo(*row) for row in rows]


def document_order() -> tuple[Join, tuple[Any, ...]]:
    """What to join and order by to have rows in document order: `(joined,
    keys)`, where `joined` is Section outer-joined to its parent and
    grandparent (select from it), and `keys` order the headings of every
    level: a heading before its subheadings, siblings by position. Add
    `Task.position` after them for tasks: a section's own tasks come before
    its subsections' (the tree and the reader keep them so)."""
    parent, grandparent = aliased(Section), aliased(Section)
    joined = join(Section, parent, parent.id == Section.parent_id, isouter=True).join(
        grandparent, grandparent.id == parent.parent_id, isouter=True
    )
    top = func.coalesce(grandparent.position, parent.position, Section.position)
    middle = case((Section.level == 1, -1), (Section.level == 2, Section.position), else_=parent.position)
    bottom = case((Section.level == 3, Section.position), else_=-1)
    return joined, (top, middle, bottom, Section.id)


def outline(session: Session, plan_id: int) -> tuple[list[SectionNode], list[TaskNode]]:
    """The headings and tasks of a plan, both in document order (see
    `document_order`), in two queries."""
    joined, order = document_order()
    sections = session.execute(
        select(Section.id, Section.parent_id, Section.level, Section.numeral, Section.title, Section.position)
        .select_from(joined)
        .where(Section.plan_id == plan_id)
        .order_by(*order)
    )
    tasks = session.execute(
        select(Task.id, Task.section_id, Task.number, Task.title, Task.position)
        .select_from(joined.join(Task, Task.section_id == Section.id))
        .where(Task.plan_id == plan_id)
        .order_by(*order, Task.position, Task.number)
    )
    return [SectionNode(*row) for row in sections], [TaskNode(*row) for row in tasks]


def task_nodes(session: Session, task_ids: Collection[int]) -> dict[int, TaskNode]:
    """task id -> its node, for the tasks among `task_ids` that exist (a view
    repaints the rows of tasks edited in place). One query."""
    query, keep = only(select(Task.id, Task.section_id, Task.number, Task.title, Task.position), Task.id, task_ids)
    return {row.id: TaskNode(*row) for row in session.execute(query) if keep is None or row.id in keep}


def restarting(session: Session, plan_id: int) -> bool:
    """Whether the plan's task numbering restarts in each section (two of its
    tasks have one number: db.queries.labels). One query."""
    repeated = select(Task.number).where(Task.plan_id == plan_id).group_by(Task.number).having(func.count() > 1)
    return session.scalar(repeated.limit(1)) is not None


def headings(session: Session, plan_id: int) -> dict[int, SectionNode]:
    """section id -> heading, for every heading of the plan (in no order). One query."""
    rows = session.execute(
        select(Section.id, Section.parent_id, Section.level, Section.numeral, Section.title, Section.position).where(
            Section.plan_id == plan_id
        )
    )
    return {row.id: SectionNode(*row) for row in rows}


def _heading_columns(section: Any) -> tuple[Any, ...]:
    return (section.id, section.parent_id, section.level, section.numeral, section.title, section.position)


_PARENT, _GRANDPARENT = aliased(Section), aliased(Section)
_HEADING_PATH = (
    select(*(column for level in (_GRANDPARENT, _PARENT, Section) for column in _heading_columns(level)))
    .select_from(Section)
    .outerjoin(_PARENT, _PARENT.id == Section.parent_id)
    .outerjoin(_GRANDPARENT, _GRANDPARENT.id == _PARENT.parent_id)
)


def heading_path(session: Session, section_id: int) -> list[SectionNode]:
    """The heading `section_id` and those above it, from the top. One query
    (headings nest at most three deep: db.queries.labels.MAX_LEVEL)."""
    row = session.execute(_HEADING_PATH.where(Section.id == section_id)).one()
    width = len(row) // 3
    return [SectionNode(*row[start : start + width]) for start in range(0, len(row), width) if row[start] is not None]


def labels(session: Session, plan_id: int) -> dict[int, str]:
    """task id -> the task's label (db.queries.labels: `3`, or `二·3` in a plan whose
    numbering restarts in each section), for every task of the plan. Two queries."""
    return task_labels(*outline(session, plan_id))


def _contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its % _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# "32", "第32项", "第 32 项": a task asked for by its number.
_NUMBER_ASKED = re.compile(r"第?\s*(\d+)\s*项?")


def asked_number(text: str) -> int | None:
    """The task number a search text asks for ("32", "第32项"), or None."""
    found = _NUMBER_ASKED.fullmatch(text.strip())
    return int(found.group(1)) if found else None


def search_tasks(session: Session, plan_id: int, text: str) -> set[int]:
    """Ids of the plan's tasks that mention `text` anywhere a person would look.

    A task matches by its title, requirement or deadline text; by a unit it
    names (as lead or responsible) whose canonical name or an alias contains
    the text; or by a progress entry of any month whose done, problems, next
    steps or evidence contain it. Latin letters match in either case. Text
    that asks for a number ("32", "第32项": `asked_number`) also finds the
    tasks of that number. One query (a UNION). Empty text matches every task
    of the plan.
    """
    text = text.strip()
    if not text:
        return set(session.scalars(select(Task.id).where(Task.plan_id == plan_id)))
    pattern = _contains(text)

    def like(column: InstrumentedAttribute[str]) -> ColumnElement[bool]:
        # ilike: lower() LIKE lower() on SQLite, ILIKE on PostgreSQL.
        return column.ilike(pattern, escape="\\")

    by_task = select(Task.id).where(
        Task.plan_id == plan_id, or_(like(Task.title), like(Task.requirement), like(Task.deadline_text))
    )
    alias_units = select(UnitAlias.unit_id).where(like(UnitAlias.alias))
    by_unit = (
        select(Assignment.task_id)
        .join(Task, Task.id == Assignment.task_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Task.plan_id == plan_id, or_(like(Unit.name), Unit.id.in_(alias_units)))
    )
    by_progress = (
        select(ProgressEntry.task_id)
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(
            Task.plan_id == plan_id,
            or_(
                like(ProgressEntry.done),
                like(ProgressEntry.problems),
                like(ProgressEntry.next_steps),
                like(ProgressEntry.evidence),
            ),
        )
    )
    parts = [by_task, by_unit, by_progress]
    number = asked_number(text)
    if number is not None:
        parts.append(select(Task.id).where(Task.plan_id == plan_id, Task.number == number))
    return set(session.scalars(union(*parts)))


def unit_names(
    session: Session, plan_id: int, task_ids: Collection[int] | None = None
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """task id -> (lead unit names, responsible unit names), canonical names in
    the order of the plan, for every task of the plan, or those of them among
    `task_ids` (empty tuples for a task that names none). One query."""
    query, keep = only(
        select(Task.id, Assignment.role, Unit.name)
        .outerjoin(Assignment, Assignment.task_id == Task.id)
        .outerjoin(Unit, Unit.id == Assignment.unit_id)
        .where(Task.plan_id == plan_id)
        .order_by(Task.id, Assignment.role, Assignment.position, Assignment.id),
        Task.id,
        task_ids,
    )
    names: dict[int, tuple[list[str], list[str]]] = {}
    for task_id, role, name in session.execute(query):
        if keep is not None and task_id not in keep:
            continue
        lead, responsible = names.setdefault(task_id, ([], []))
        if role == "lead":
            lead.append(name)
        elif role == "responsible":
            responsible.append(name)
    return {task_id: (tuple(lead), tuple(responsible)) for task_id, (lead, responsible) in names.items()}


@dataclass(frozen=True)
class TaskUnits:
    """The tasks of one unit in one plan, in three disjoint groups."""

    lead: frozenset[int]  # tasks it leads
    named: frozenset[int]  # tasks naming it as responsible unit (and not as lead)
    via: frozenset[int]  # tasks naming a collective it belongs to, and not itself


_NO_TASKS = TaskUnits(frozenset(), frozenset(), frozenset())


def tasks_by_unit(session: Session, plan_id: int) -> dict[int, TaskUnits]:
    """unit id -> its tasks in the plan, for every unit of the registry, in
    three queries (units, the plan's assignments, the memberships).

    The rules are those of db.queries.unit_tasks.tasks_of_unit for one unit: a
    collective reaches its direct members (one level), and a task that names
    the unit itself is not counted again as reached through a collective.
    """
    unit_ids = list(session.scalars(select(Unit.id)))
    lead: defaultdict[int, set[int]] = defaultdict(set)
    responsible: defaultdict[int, set[int]] = defaultdict(set)
    for unit_id, task_id, role in session.execute(
        select(Assignment.unit_id, Assignment.task_id, Assignment.role)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id)
    ):
        (lead if role == "lead" else responsible)[unit_id].add(task_id)
    collectives_of: defaultdict[int, list[int]] = defaultdict(list)
    for collective_id, member_id in session.execute(select(CollectiveMember.collective_id, CollectiveMember.member_id)):
        collectives_of[member_id].append(collective_id)

    result: dict[int, TaskUnits] = {}
    for unit_id in unit_ids:
        leads = lead.get(unit_id, set())
        named = responsible.get(unit_id, set()) - leads
        via: set[int] = set()
        for collective_id in collectives_of.get(unit_id, ()):
            via |= lead.get(collective_id, set()) | responsible.get(collective_id, set())
        via -= leads | named
        if leads or named or via:
            result[unit_id] = TaskUnits(frozenset(leads), frozenset(named), frozenset(via))
        else:
            result[unit_id] = _NO_TASKS
    return result


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]  # in the order they were given
    members: tuple[int, ...]  # unit ids, for collectives; by name
    contact: str = ""  # 联系人, whom the office calls (the 催报 list, the notices)
    phone: str = ""  # 电话


def units(session: Session) -> list[UnitInfo]:
    """The whole registry, by kind (in the order of UNIT_KINDS) and name, in
    three queries.

    Names are sorted in Python, by code point, so that SQLite and PostgreSQL
    (whose collation depends on the server's locale) give the same order.
    """
    rows = list(session.execute(select(Unit.id, Unit.name, Unit.kind, Unit.contact, Unit.phone)))
    aliases: defaultdict[int, list[str]] = defaultdict(list)
    for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias).order_by(UnitAlias.id)):
        aliases[unit_id].append(alias)
    name_of = {unit_id: name for unit_id, name, *_ in rows}
    members: defaultdict[int, list[int]] = defaultdict(list)
    for collective_id, member_id in session.execute(select(CollectiveMember.collective_id, CollectiveMember.member_id)):
        members[collective_id].append(member_id)

    kind_order = {kind: index for index, kind in enumerate(UNIT_KINDS)}
    rows.sort(key=lambda row: (kind_order.get(row[2], len(UNIT_KINDS)), row[1]))
    return [
        UnitInfo(
            unit_id,
            name,
            kind,
            tuple(aliases.get(unit_id, ())),
            tuple(sorted(members.get(unit_id, ()), key=lambda member: name_of[member])),
            contact or "",
            phone or "",
        )
        for unit_id, name, kind, contact, phone in rows
    ]


def unit_choices(session: Session) -> list[tuple[int, str]]:
    """(id, canonical name) of every unit, by name (by code point, as in
    `units`): what a form offers to pick from. One query."""
    rows = session.execute(select(Unit.id, Unit.name))
    return sorted(((unit_id, name) for unit_id, name in rows), key=lambda row: row[1])


def month_entries(session: Session, task_ids: Collection[int] | None, month: str) -> dict[int, ProgressEntry]:
    """task id -> its entry of month M, for the given tasks (every task when None).

    The entries returned are copies, not attached to any session: every column
    is loaded, so they can be read after the session has closed, and the
    caller's session is left as it was (expunging its objects would take them
    out of a unit of work the caller may still be using). Their relationship
    `reporting_unit` is not loaded: use `reporting_unit_id`. One query.
    """
    month = Month(month)
    if task_ids is not None and not task_ids:
        return {}
    columns = list(ProgressEntry.__table__.columns)
    query, keep = only(select(*columns).where(ProgressEntry.month == month), ProgressEntry.task_id, task_ids)
    entries: dict[int, ProgressEntry] = {}
    for row in session.execute(query).mappings():
        if keep is None or row["task_id"] in keep:
            entries[row["task_id"]] = ProgressEntry(**{column.key: row[column.key] for column in columns})
    return entries


def tasks_labelled(session: Session, plan_id: int, label: str) -> list[int]:
    """The tasks of the plan a person means by `label`: the one labelled so
    (`3`, `二·3`), else, for a bare number in a plan whose numbering restarts,
    every task of that number (the caller asks which). Two queries."""
    label = label.strip().rstrip(".．、")
    by_label = labels(session, plan_id)
    found = [task_id for task_id, text in by_label.items() if text == label]
    if found or not label.isdigit():
        return found
    return list(session.scalars(select(Task.id).where(Task.plan_id == plan_id, Task.number == int(label))))

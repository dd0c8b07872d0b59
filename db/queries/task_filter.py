"""Which tasks a person's filter lets through: text, status, warning light,
unit, and "not reported this month" together.

Two ways to the same answer. `filter_tasks` asks the database (one query for
the text), for a single question. `SearchIndex` holds, for one plan, the
texts and units the criteria look at, read once in a fixed number of queries
and kept up to date as operations report what they touched (`refreshed`), so
that a window can answer every keystroke in memory (`matching`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.operations.touched import Touched
from db.queries.ledger import TaskUnits, asked_number, only, search_tasks
from db.queries.nodes import TaskState
from db.schema.models import Assignment, CollectiveMember, ProgressEntry, Task, Unit, UnitAlias

NO_LIGHT = "none"
# Between the fields of one text in the index: nothing a person types holds it,
# so a search never matches across two fields.
_APART = "\x1f"


@dataclass(frozen=True)
class Criteria:
    text: str = ""
    status: str | None = None  # a status code
    light: str | None = None  # "red", "yellow", "blue" or NO_LIGHT
    unit_id: int | None = None  # tasks the unit leads, is named for, or reaches through a collective
    unreported: bool = False  # not reported in the month the states are for

    def active(self) -> bool:
        return bool(self.text.strip()) or any((self.status, self.light, self.unit_id is not None, self.unreported))

    def narrows(self, earlier: Criteria) -> bool:
        """Whether every task meeting these criteria meets `earlier` too: the
        same choices, and text that holds the earlier text."""
        before = fold(earlier.text.strip())
        return bool(before) and replace(self, text=earlier.text) == earlier and before in fold(self.text.strip())

    def needs_index(self) -> bool:
        """Whether answering takes the texts and units of a SearchIndex (the
        other criteria are read off the task states alone)."""
        return bool(self.text.strip()) or self.unit_id is not None


def filter_tasks(
    session: Session,
    plan_id: int,
    criteria: Criteria,
    states: Mapping[int, TaskState],
    by_unit: Mapping[int, TaskUnits],
) -> set[int]:
    """The ids of the plan's tasks that meet every criterion; `states` are the
    plan's task states for the month in view."""
    ids = search_tasks(session, plan_id, criteria.text) if criteria.text.strip() else set(states)
    reach = None
    if criteria.unit_id is not None:
        groups = by_unit.get(criteria.unit_id)
        reach = (groups.lead | groups.named | groups.via) if groups else frozenset()
    return _keep(ids & set(states), criteria, states, reach)


def _keep(
    ids: set[int], criteria: Criteria, states: Mapping[int, TaskState], reach: Collection[int] | None
) -> set[int]:
    """`ids` narrowed by status, light, unit (`reach`: the tasks the unit
    criterion lets through) and "not reported"."""
    if criteria.status:
        ids = {i for i in ids if states[i].status == criteria.status}
    if criteria.light:
        wanted = None if criteria.light == NO_LIGHT else criteria.light
        ids = {i for i in ids if states[i].light == wanted}
    if reach is not None:
        ids &= set(reach)
    if criteria.unreported:
        ids = {i for i in ids if not states[i].reported}
    return ids


def fold(text: str) -> str:
    """Text as the search compares it: Latin letters in either case match."""
    return text.lower()


@dataclass(frozen=True)
class SearchIndex:
    """What the text and unit criteria look at, for the tasks of one plan,
    folded (`fold`): the texts `search_tasks` searches, and the units."""

    own: Mapping[int, str]  # task -> its title, requirement and deadline text
    progress: Mapping[int, str]  # task -> done, problems, next steps, evidence of all its months
    units: Mapping[int, frozenset[int]]  # task -> the units it names, lead or responsible
    unit_texts: Mapping[int, str] = field(default_factory=dict)  # unit -> its name and aliases
    collectives: Mapping[int, frozenset[int]] = field(default_factory=dict)  # unit -> collectives it belongs to
    numbers: Mapping[int, int] = field(default_factory=dict)  # task -> its number, for "32" or "第32项"


def search_index(session: Session, plan_id: int) -> SearchIndex:
    """The SearchIndex of a plan, in six queries."""
    own, numbers = _own_texts(session, plan_id, None)
    return SearchIndex(
        own,
        _progress_texts(session, plan_id, None),
        _task_units(session, plan_id, None),
        *_registry(session),
        numbers=numbers,
    )


def refreshed(index: SearchIndex, session: Session, plan_id: int, touched: Touched) -> SearchIndex:
    """`index` brought up to date with a change made in place (`touched`:
    tasks edited, reports, units, the registry): the rows it names read
    again, in a few queries limited to them. A change to the plan's structure
    (tasks or headings added, removed, moved) calls for `search_index` anew."""
    if touched.tasks:
        own, numbers = _own_texts(session, plan_id, touched.tasks)
        index = replace(index, own={**index.own, **own}, numbers={**index.numbers, **numbers})
    if touched.statuses:
        progress = {i: text for i, text in index.progress.items() if i not in touched.statuses}
        index = replace(index, progress={**progress, **_progress_texts(session, plan_id, touched.statuses)})
    if touched.assignments:
        units = {i: named for i, named in index.units.items() if i not in touched.assignments}
        index = replace(index, units={**units, **_task_units(session, plan_id, touched.assignments)})
    if touched.registry:
        unit_texts, collectives = _registry(session)
        index = replace(index, unit_texts=unit_texts, collectives=collectives)
    return index


def matching(
    index: SearchIndex | None,
    criteria: Criteria,
    states: Mapping[int, TaskState],
    among: Collection[int] | None = None,
) -> set[int]:
    """The ids of the plan's tasks that meet every criterion, as
    `filter_tasks` finds them, answered from memory; `states` are the plan's
    task states for the month in view. `index` may be None when the criteria
    do not need it (Criteria.needs_index). With `among`, only those tasks are
    looked at: the answer to criteria these narrow (one more letter typed)."""
    ids = set(states) if among is None else set(among) & states.keys()
    if not criteria.needs_index():
        return _keep(ids, criteria, states, None)
    if index is None:
        raise ValueError("text and unit criteria need the plan's SearchIndex")
    text = fold(criteria.text.strip())
    if text:
        named = {unit_id for unit_id, names in index.unit_texts.items() if text in names}
        own, progress, units, numbers = index.own, index.progress, index.units, index.numbers
        number = asked_number(text)
        ids = {
            i
            for i in ids
            if text in own.get(i, "")
            or text in progress.get(i, "")
            or not named.isdisjoint(units.get(i, ()))
            or (number is not None and numbers.get(i) == number)
        }
    reach = None
    if criteria.unit_id is not None:
        unit_id, through = criteria.unit_id, index.collectives.get(criteria.unit_id, frozenset())
        reach = {i for i, named in index.units.items() if unit_id in named or not through.isdisjoint(named)}
    return _keep(ids, criteria, states, reach)


def _own_texts(
    session: Session, plan_id: int, task_ids: Collection[int] | None
) -> tuple[dict[int, str], dict[int, int]]:
    """task -> its own texts, folded; task -> its number. One query."""
    query, keep = only(
        select(Task.id, Task.number, Task.title, Task.requirement, Task.deadline_text).where(Task.plan_id == plan_id),
        Task.id,
        task_ids,
    )
    texts, numbers = {}, {}
    for task_id, number, *own in session.execute(query):
        if keep is None or task_id in keep:
            texts[task_id], numbers[task_id] = fold(_APART.join(own)), number
    return texts, numbers


def _progress_texts(session: Session, plan_id: int, task_ids: Collection[int] | None) -> dict[int, str]:
    query, keep = only(
        select(
            ProgressEntry.task_id,
            ProgressEntry.done,
            ProgressEntry.problems,
            ProgressEntry.next_steps,
            ProgressEntry.evidence,
        )
        .join(Task, Task.id == ProgressEntry.task_id)
        .where(Task.plan_id == plan_id),
        ProgressEntry.task_id,
        task_ids,
    )
    texts: defaultdict[int, list[str]] = defaultdict(list)
    for task_id, *parts in session.execute(query):
        if keep is None or task_id in keep:
            texts[task_id].extend(parts)
    return {task_id: fold(_APART.join(parts)) for task_id, parts in texts.items()}


def _task_units(session: Session, plan_id: int, task_ids: Collection[int] | None) -> dict[int, frozenset[int]]:
    query, keep = only(
        select(Assignment.task_id, Assignment.unit_id)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.plan_id == plan_id),
        Assignment.task_id,
        task_ids,
    )
    units: defaultdict[int, set[int]] = defaultdict(set)
    for task_id, unit_id in session.execute(query):
        if keep is None or task_id in keep:
            units[task_id].add(unit_id)
    return {task_id: frozenset(named) for task_id, named in units.items()}


def _registry(session: Session) -> tuple[dict[int, str], dict[int, frozenset[int]]]:
    """unit -> its name and aliases, folded; member -> the collectives it belongs to. Three queries."""
    names: defaultdict[int, list[str]] = defaultdict(list)
    for unit_id, name in session.execute(select(Unit.id, Unit.name)):
        names[unit_id].append(name)
    for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
        names[unit_id].append(alias)
    collectives: defaultdict[int, set[int]] = defaultdict(set)
    for collective_id, member_id in session.execute(select(CollectiveMember.collective_id, CollectiveMember.member_id)):
        collectives[member_id].add(collective_id)
    return (
        {unit_id: fold(_APART.join(texts)) for unit_id, texts in names.items()},
        {member_id: frozenset(ids) for member_id, ids in collectives.items()},
    )

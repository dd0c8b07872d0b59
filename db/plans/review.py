"""What a person reviews before a read plan is stored: its figures against the
unit registry of the database it goes into.

The registry is read once (`registry_snapshot`) into plain sets, so that the
import preview can read the file again with other choices, on a worker
thread and without a session, as often as a person changes a column's role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.plans import ParsedPlan, clean
from db.plans.leads import parsed_labels
from db.plans.registry import collective_names, sample_office
from db.queries.ledger import units


@dataclass(frozen=True)
class Registry:
    known: frozenset[str]  # every canonical name and alias, cleaned
    collectives: frozenset[str]  # names and aliases of collectives, as the reader takes them
    with_members: frozenset[str]  # names and aliases of collectives that have members, cleaned
    sample: str = ""  # the office whose sample registry this is (db.plans.registry.sample_office), "" for none


def registry_snapshot(session: Session) -> Registry:
    """The registry as the preview needs it. Five queries."""
    infos = units(session)
    known = {clean(name) for info in infos for name in (info.name, *info.aliases)}
    with_members = {clean(name) for info in infos if info.members for name in (info.name, *info.aliases)}
    return Registry(
        frozenset(known), frozenset(collective_names(session)), frozenset(with_members), sample_office(session)
    )


@dataclass(frozen=True)
class Review:
    headings: tuple[int, int, int]  # headings of level 1, 2, 3
    tasks: int
    no_lead: tuple[str, ...]  # labels (db.queries.labels) of the tasks that name no lead unit
    continued: int  # unit assignments carried down from a merged cell
    new_units: tuple[str, ...]  # names the registry does not know, in order of first use
    empty_collectives: tuple[str, ...]  # collective names used that have no members in the registry
    notes: tuple[str, ...]  # the reader's notes


def review(plan: ParsedPlan, registry: Registry, notes: Iterable[str] = ()) -> Review:
    labels = parsed_labels(plan)
    tasks = list(plan.all_tasks())
    counts = [0, 0, 0]
    for section in plan.all_sections():
        if section.numeral or section.title:  # not the untitled section of tasks before any heading
            counts[min(section.level, 3) - 1] += 1
    named = [assignment.unit for task in tasks for assignment in (*task.lead, *task.responsible)]
    new_units = dict.fromkeys(name for name in (clean(unit.name) for unit in named) if name not in registry.known)
    collectives = dict.fromkeys(clean(unit.name) for unit in named if unit.collective)
    return Review(
        headings=(counts[0], counts[1], counts[2]),
        tasks=len(tasks),
        no_lead=tuple(labels[id(task)] for task in tasks if not task.lead),
        continued=sum(1 for _ in plan.continued_assignments()),
        new_units=tuple(new_units),
        empty_collectives=tuple(name for name in collectives if name not in registry.with_members),
        notes=tuple(notes),
    )

"""What a change set means to the views: which rows to repaint, and when the
shape of the tree itself changed.

An operation's ChangeSet lists rows by table; a view needs to know whether a
title changed (repaint one row), a month's report changed (one task's status
and light, and the counts of the headings above it), units were named or
dropped, the registry or the settings changed, or tasks and headings were
added, removed or moved (the tree's structure). `touched(changes)` reads that
off the rows, for an operation run now and for its undo and redo alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from db.operations.changes import ChangeSet, RowChange

# Columns of a task or heading whose change moves it in the tree rather than
# altering what its row shows.
_PLACE_COLUMNS = frozenset({"plan_id", "section_id", "parent_id", "position", "level"})
_REGISTRY_TABLES = frozenset({"units", "unit_aliases", "collective_members"})
# Rows of a task's supervision that change how it stands (its status as the
# office counts it, its light), like a monthly report does.
_STANDING_TABLES = frozenset({"progress_entries", "unit_reports", "reviews", "milestones", "extensions"})
_NOTICE_TABLES = frozenset({"notices", "notice_tasks"})


@dataclass(frozen=True)
class Touched:
    """The meaning of one change set.

    `structure`: plans, headings or tasks were added, removed or moved: a tree
    reloads the plans in `plans` (every plan when `plans` is empty).
    `tasks` / `sections`: rows whose own fields (title, requirement, deadline,
    number; numeral, title) changed in place. `statuses`: tasks whose monthly
    reports, reviews (销号 / 退回), milestones or extensions changed (status,
    light, the counts above them). `notices`: the register of notices
    changed. `assignments`:
    tasks whose lead or responsible units changed. `registry`: units, their
    aliases or members. `settings`: the keys of office settings changed.
    `everything`: the database itself was replaced (a restore, another
    ledger opened): every view reloads.
    """

    structure: bool = False
    plans: frozenset[int] = field(default_factory=frozenset)
    sections: frozenset[int] = field(default_factory=frozenset)
    tasks: frozenset[int] = field(default_factory=frozenset)
    statuses: frozenset[int] = field(default_factory=frozenset)
    assignments: frozenset[int] = field(default_factory=frozenset)
    registry: bool = False
    notices: bool = False
    settings: frozenset[str] = field(default_factory=frozenset)
    everything: bool = False

    def __bool__(self) -> bool:
        return self != Touched()

    def task_ids(self) -> frozenset[int]:
        """Every task whose row a view may have to repaint."""
        return self.tasks | self.statuses | self.assignments


EVERYTHING = Touched(everything=True)


def touched(changes: ChangeSet) -> Touched:
    """What the rows of `changes` mean (see Touched); a change set that only
    writes the history means nothing to a view."""
    return _classify(changes.changes)


def _classify(rows: Iterable[RowChange]) -> Touched:
    structure = registry = notices = False
    plans: set[int] = set()
    sections: set[int] = set()
    tasks: set[int] = set()
    statuses: set[int] = set()
    assignments: set[int] = set()
    settings: set[str] = set()
    for row in rows:
        values = row.new if row.new is not None else row.old
        assert values is not None
        moved = row.old is None or row.new is None or _moved(row)
        if row.table == "plans":
            structure |= moved
            plans.add(row.key[0])
        elif row.table == "sections":
            structure |= moved
            plans.add(values["plan_id"])
            if not moved:
                sections.add(row.key[0])
        elif row.table == "tasks":
            structure |= moved
            plans.add(values["plan_id"])
            if not moved:
                tasks.add(row.key[0])
        elif row.table == "assignments":
            assignments.add(values["task_id"])
        elif row.table in _STANDING_TABLES:
            statuses.add(values["task_id"])
        elif row.table in _REGISTRY_TABLES:
            registry = True
        elif row.table in _NOTICE_TABLES:
            notices = True
        elif row.table == "settings":
            settings.add(row.key[0])
    return Touched(
        structure=structure,
        plans=frozenset(plans if structure or sections or tasks else ()),
        sections=frozenset(sections),
        tasks=frozenset(tasks),
        statuses=frozenset(statuses),
        assignments=frozenset(assignments),
        registry=registry,
        notices=notices,
        settings=frozenset(settings),
    )


def _moved(row: RowChange) -> bool:
    """An update that changes where a row stands (its parent, plan or position)."""
    assert row.old is not None and row.new is not None
    return any(row.old.get(column) != row.new.get(column) for column in _PLACE_COLUMNS if column in row.new)

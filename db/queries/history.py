"""What the history of changes is read by, besides its entries (db/operations/history.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.queries.ledger import labels as ledger_labels
from db.schema.models import HistoryEntry, Task, Unit


def operators(session: Session) -> list[str]:
    """The names of everyone who made a change, sorted (by code point). One query."""
    return sorted(session.scalars(select(HistoryEntry.operator).distinct()))


# Columns a person does not read as values: keys, and the links the row's task and unit say.
_HIDDEN = frozenset({"id", "uuid", "plan_id", "section_id", "task_id", "unit_id", "reporting_unit_id", "position"})
_UNIT_LINKS = ("unit_id", "reporting_unit_id")


@dataclass(frozen=True)
class FieldChange:
    """One column of a changed row: `old` is None for a row added, `new` for one deleted."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ChangeDetail:
    """One row a change added, deleted or updated, with what a person reads of it."""

    table: str
    kind: str  # "insert", "delete" or "update"
    task: str | None  # the label of the task the row is or belongs to ("32", "二·3"), if any
    unit: str | None  # the name of the unit it names, if any
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ChangeCount:
    """Of a change too large to keep row by row (a plan imported): rows of a table added, deleted or updated."""

    table: str
    kind: str
    count: int


def change_details(session: Session, changes: Any) -> list[ChangeDetail] | list[ChangeCount]:
    """The changes of a history entry (HistoryItem.changes) as values a window
    words: each row's task by its label and its unit by name, the columns that
    are keys left out. A few queries, whatever the number of rows."""
    if isinstance(changes, dict):
        return [ChangeCount(table, kind, n) for table, kinds in changes["summary"].items() for kind, n in kinds.items()]
    task_of = {id(change): _task_id(change) for change in changes}
    task_ids = {task for task in task_of.values() if task is not None}
    unit_ids = {
        row[link]
        for change in changes
        for row in (change["old"], change["new"])
        if row
        for link in _UNIT_LINKS
        if isinstance(row.get(link), int)
    }
    labels: dict[int, str] = {}
    for plan_id in set(session.scalars(select(Task.plan_id).where(Task.id.in_(task_ids)))) if task_ids else ():
        labels.update(ledger_labels(session, plan_id))
    names: dict[int, str] = {}
    if unit_ids:
        names = {
            unit_id: name for unit_id, name in session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids)))
        }
    details = []
    for change in changes:
        old, new = change["old"], change["new"]
        kind = "insert" if old is None else "delete" if new is None else "update"
        values = new if new is not None else old
        task = task_of[id(change)]
        label = labels.get(task) if task is not None else None
        if label is None and change["table"] == "tasks" and values.get("number") is not None:
            label = str(values["number"])  # a task no longer there: its number
        unit = next((values[link] for link in _UNIT_LINKS if isinstance(values.get(link), int)), None)
        fields = tuple(
            FieldChange(name, None if old is None else old.get(name), None if new is None else new.get(name))
            for name in values
            if name not in _HIDDEN
        )
        details.append(
            ChangeDetail(
                change["table"],
                kind,
                label,
                names.get(unit) if unit is not None else None,
                fields,
            )
        )
    return details


def _task_id(change: dict[str, Any]) -> int | None:
    if change["table"] == "tasks":
        return int(change["key"][0])
    for row in (change["new"], change["old"]):
        if row and isinstance(row.get("task_id"), int):
            return int(row["task_id"])
    return None

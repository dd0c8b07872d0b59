"""The history of the ledger: every change recorded with time, operator and
old → new values, in the same transaction as the change itself.

The change sets of db.operations.changes are what is recorded, so nothing can change
without its history: the window's operations, undo and redo, the command
line's imports and restores all pass through `record`.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.operations.changes import ChangeSet, RowChange, tracking
from db.schema.models import HistoryEntry

# A change set larger than this (a whole plan imported) is summarised as
# counts per table rather than stored row by row.
MAX_ROWS_KEPT = 2000


def default_operator() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _row(change: RowChange) -> dict[str, Any]:
    def values(row: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if row is None else {k: _plain(v) for k, v in row.items()}

    old, new = values(change.old), values(change.new)
    if old is not None and new is not None:  # an update: only what changed
        changed = [k for k in new if old.get(k) != new[k]]
        old, new = {k: old[k] for k in changed}, {k: new[k] for k in changed}
    return {"table": change.table, "key": list(change.key), "old": old, "new": new}


def _task_ids(changes: ChangeSet) -> set[int]:
    ids = set()
    for change in changes.changes:
        if change.table == "tasks":
            ids.add(change.key[0])
        for row in (change.old, change.new):
            if row and "task_id" in row:
                ids.add(row["task_id"])
    return ids


def record(
    session: Session, action: str, changes: ChangeSet, operator: str | None = None, force: bool = False
) -> HistoryEntry | None:
    """Add the history entry of `changes` to the caller's transaction; nothing
    for an empty change set unless `force` (an event such as a restore, which
    changes the whole file rather than rows)."""
    if not changes and not force:
        return None
    rows = changes.changes
    if len(rows) <= MAX_ROWS_KEPT:
        detail: Any = [_row(change) for change in rows]
    else:
        counts: dict[str, dict[str, int]] = {}
        for change in rows:
            kind = "insert" if change.old is None else "delete" if change.new is None else "update"
            counts.setdefault(change.table, {}).setdefault(kind, 0)
            counts[change.table][kind] += 1
        detail = {"summary": counts}
    ids = _task_ids(changes)
    entry = HistoryEntry(
        at=datetime.now(),
        operator=default_operator() if operator is None else operator,
        action=action,
        task_ids="," + ",".join(map(str, sorted(ids))) + "," if ids else "",
        changes=json.dumps(detail, ensure_ascii=False),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class HistoryItem:
    id: int
    at: datetime
    operator: str
    action: str
    changes: Any  # a list of {"table", "key", "old", "new"}, or {"summary": counts}


def entries(
    session: Session,
    *,
    task_id: int | None = None,
    text: str = "",
    operator: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 1000,
) -> list[HistoryItem]:
    """History entries newest first, filtered by task, words in the action or
    the values, operator and time."""
    query = select(HistoryEntry).order_by(HistoryEntry.id.desc()).limit(limit)
    if task_id is not None:
        query = query.where(HistoryEntry.task_ids.contains(f",{task_id},", autoescape=True))
    if text.strip():
        word = text.strip()
        query = query.where(
            HistoryEntry.action.contains(word, autoescape=True) | HistoryEntry.changes.contains(word, autoescape=True)
        )
    if operator.strip():
        query = query.where(HistoryEntry.operator == operator.strip())
    if since is not None:
        query = query.where(HistoryEntry.at >= since)
    if until is not None:
        query = query.where(HistoryEntry.at < until)
    return [
        HistoryItem(row.id, row.at, row.operator, row.action, json.loads(row.changes)) for row in session.scalars(query)
    ]


@contextmanager
def recorded(session: Session, action: str, operator: str | None = None, force: bool = False) -> Iterator[ChangeSet]:
    """Track the changes made through `session` in the block and record them
    as one history entry, in the same transaction (see `record` for `force`)."""
    with tracking(session) as changes:
        yield changes
    record(session, action, changes, operator, force)

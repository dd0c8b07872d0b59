"""What one transaction changed, row by row, so that it can be undone and redone.

`tracking(session)` watches the ORM unit of work of one session and collects
every inserted, updated and deleted row with its old and new values. Applying
the change set, or its inverse, in another transaction replays or reverts the
operation (`apply`, which a tracking of that transaction sees too: undo and
redo are recorded like any operation). Operations must therefore change rows
through the ORM (objects and `session.delete`), not with bulk UPDATE/DELETE
statements or database-side cascades, which the unit of work does not see.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, event, insert, inspect, update
from sqlalchemy.orm import Session

from db.schema.models import Base

Row = dict[str, Any]
_RECORDER = "duban.recorder"  # the key of the tracking's _Recorder in Session.info
_TABLE_ORDER = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}


@dataclass(frozen=True)
class RowChange:
    table: str
    key: tuple[Any, ...]
    old: Row | None  # None: the row was inserted
    new: Row | None  # None: the row was deleted

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.key, self.new, self.old)


@dataclass
class ChangeSet:
    """The changes of one operation, in batches: one batch per flush, in order.

    Keeping the flushes apart keeps their order, which constraints need (an
    alias deleted in one flush and given to another unit in the next).
    """

    batches: list[list[RowChange]] = field(default_factory=list)

    @property
    def changes(self) -> list[RowChange]:
        return [change for batch in self.batches for change in batch]

    def inverse(self) -> ChangeSet:
        return ChangeSet([[change.inverse() for change in batch] for batch in reversed(self.batches)])

    def tables(self) -> set[str]:
        return {change.table for change in self.changes}

    def keys(self, table: str) -> set[Any]:
        """The primary keys (first column) of the changed rows of `table`."""
        return {change.key[0] for change in self.changes if change.table == table}

    def __bool__(self) -> bool:
        return any(self.batches)


def _columns(obj: Any) -> Row:
    state = inspect(obj)
    return {attr.key: getattr(obj, attr.key) for attr in state.mapper.column_attrs}


def _old_columns(obj: Any) -> Row:
    state = inspect(obj)
    row = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.deleted:
            row[attr.key] = history.deleted[0]
        elif history.unchanged:
            row[attr.key] = history.unchanged[0]
        else:
            row[attr.key] = getattr(obj, attr.key)
    return row


def _key(obj: Any) -> tuple[str, tuple[Any, ...]]:
    state = inspect(obj)
    return state.mapper.local_table.name, tuple(state.mapper.primary_key_from_instance(obj))


class _Recorder:
    """Listens to one session's flushes: old values before, new values after."""

    def __init__(self) -> None:
        self.batches: list[list[RowChange]] = []
        self._old: dict[tuple[str, tuple[Any, ...]], Row] = {}
        self._new: list[Any] = []
        self._dirty: list[Any] = []
        self._deleted: list[Any] = []

    def before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        self._new = list(session.new)
        self._dirty = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
        self._deleted = list(session.deleted)
        self._old = {_key(obj): _old_columns(obj) for obj in self._dirty + self._deleted}

    def after_flush(self, _session: Session, _context: Any) -> None:
        batch = [RowChange(*_key(obj), None, _columns(obj)) for obj in self._new]
        for obj in self._dirty:
            table, key = _key(obj)
            old, new = self._old[table, key], _columns(obj)
            if old != new:
                batch.append(RowChange(table, key, old, new))
        batch.extend(RowChange(*_key(obj), self._old[_key(obj)], None) for obj in self._deleted)
        if batch:
            self.batches.append(batch)


@contextmanager
def tracking(session: Session) -> Iterator[ChangeSet]:
    """Collect the changes made through `session` inside the block into the
    yielded ChangeSet (filled when the block ends)."""
    recorder = _Recorder()
    result = ChangeSet()
    event.listen(session, "before_flush", recorder.before_flush)
    event.listen(session, "after_flush", recorder.after_flush)
    session.info[_RECORDER] = recorder
    try:
        yield result
        session.flush()
    finally:
        session.info.pop(_RECORDER, None)
        event.remove(session, "before_flush", recorder.before_flush)
        event.remove(session, "after_flush", recorder.after_flush)
    result.batches = recorder.batches


def apply(session: Session, changes: ChangeSet) -> None:
    """Bring the rows to the `new` side of every change, batch by batch; in a
    batch, inserts parents first, then updates, then deletes children first.
    Its statements bypass the unit of work: a tracking of the session is
    given `changes` as what they changed."""
    tables = Base.metadata.tables
    session.flush()
    recorder: _Recorder | None = session.info.get(_RECORDER)
    for batch in changes.batches:
        ordered = sorted((c for c in batch if c.old is None), key=lambda c: (_TABLE_ORDER[c.table], c.key))
        ordered += [c for c in batch if c.old is not None and c.new is not None]
        ordered += sorted(
            (c for c in batch if c.new is None), key=lambda c: (_TABLE_ORDER[c.table], c.key), reverse=True
        )
        for change in ordered:
            table = tables[change.table]
            if change.old is None:
                assert change.new is not None  # a change has an old row, a new one or both
                session.execute(insert(table).values(**change.new))
            elif change.new is None:
                session.execute(delete(table).where(_match(table, change.key)))
            else:
                session.execute(update(table).where(_match(table, change.key)).values(**change.new))
    if recorder is not None:
        recorder.batches.extend(list(batch) for batch in changes.batches if batch)
    session.expire_all()


def _match(table: Any, key: tuple[Any, ...]) -> Any:
    return and_(*(column == value for column, value in zip(table.primary_key.columns, key, strict=True)))

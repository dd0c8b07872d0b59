"""What a change the ledger announces means to the views, worked out in one place.

`Ledger.changed` carries the ChangeSet just applied, forward or inverse (an
empty one when the database itself was replaced: a restore, another ledger
file). Every view asks `touched_by(payload)` what it means (db/operations/
touched.py) instead of reading table names off its rows; when the ledger
announces the operation's own Touched, this function is what changes.
"""

from __future__ import annotations

from db.operations.changes import ChangeSet
from db.operations.touched import EVERYTHING, Touched, touched

_last: tuple[ChangeSet, Touched] | None = None  # every view asks about the same payload in turn


def touched_by(payload: ChangeSet) -> Touched:
    """The meaning of a `Ledger.changed` payload: EVERYTHING for an empty one."""
    global _last
    if _last is None or _last[0] is not payload:
        _last = (payload, touched(payload) if payload else EVERYTHING)
    return _last[1]

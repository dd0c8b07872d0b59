"""Undo and redo: a change set applied again, forward or inverted, as an
operation of its own (recorded in the history, announced to the views)."""

from __future__ import annotations

from db.operations.changes import apply
from db.operations.runner import Operation

# The caller names it ("撤销：修改任务 3"); its arguments: the ChangeSet to apply.
APPLY_CHANGES = Operation(apply, "撤销或重做")

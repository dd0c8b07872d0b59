"""The one door through which the window changes the database.

Every change is an operation: a function of the core run in one transaction
with its changes tracked, pushed on the undo stack as a command that can be
undone and redone, and announced through `changed` so that views refresh
what it touched. Widgets call `execute`; they never open a transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from db.changes import ChangeSet, apply, tracking
from db.database import Database


class OperationCommand(QUndoCommand):
    """An operation already carried out once; redo and undo replay its change set."""

    def __init__(self, ledger: Ledger, text: str, changes: ChangeSet) -> None:
        super().__init__(text)
        self.ledger = ledger
        self.changes = changes
        self._done = True

    def redo(self) -> None:
        if self._done:  # push() calls redo(); the operation has just run
            self._done = False
            return
        self.ledger.apply(self.changes)

    def undo(self) -> None:
        self.ledger.apply(self.changes.inverse())


class Ledger(QObject):
    """The open database, its undo stack, and the signal views listen to."""

    changed = Signal(object)  # the ChangeSet just applied (forward or inverse)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)

    def execute(self, text: str, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `operation(session, *args, **kwargs)` as one undoable transaction.

        Errors (EditError, ValueError …) reach the caller with nothing written
        and nothing pushed. Returns what the operation returned.
        """
        with self.database.transaction() as session, tracking(session) as changes:
            result = operation(session, *args, **kwargs)
        self.push_changes(text, changes)
        return result

    def push_changes(self, text: str, changes: ChangeSet) -> None:
        """Make undoable an operation whose transaction ran elsewhere (in a
        worker thread) and was committed: push it and announce it."""
        if changes:
            self.undo_stack.push(OperationCommand(self, text, changes))
            self.changed.emit(changes)

    def apply(self, changes: ChangeSet) -> None:
        with self.database.transaction() as session:
            apply(session, changes)
        self.changed.emit(changes)

    def session(self) -> Session:
        """A session for reading."""
        return self.database.session()

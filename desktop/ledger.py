"""The window's side of the one door (db.operations.runner): every change is
an operation of the core, performed with its policy (read-only check,
backup, free space, one transaction, history), pushed on the undo stack as
a command that can be undone and redone, and announced so that views
refresh what it touched. Widgets call `run` (on the GUI thread) or perform
in a worker and `push` the result; they never open a transaction.

Two signals announce every change, forward or undone, until the views all
listen to the second: `changed(ChangeSet)`, the rows (an empty set: the
whole database was replaced), and `touched(Touched)`, what they mean
(db.operations.touched; `everything` after a restore).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from db.errors import DatabaseError, InputError
from db.operations.changes import ChangeSet
from db.operations.history import default_operator
from db.operations.runner import Call, Done, perform
from db.operations.touched import EVERYTHING, Touched
from db.operations.undo import APPLY_CHANGES
from db.schema.database import Database

T = TypeVar("T")

# What a write can be refused with, its text written for the user (EditError
# and the settings' checks are ValueErrors; a read-only database, a full disk
# or a file made read-only are DatabaseErrors; a file's problem an InputError).
REFUSALS = (ValueError, DatabaseError, InputError)


class OperationCommand(QUndoCommand):
    """An operation already carried out once; redo and undo replay its change set."""

    def __init__(self, ledger: Ledger, done: Done[object]) -> None:
        super().__init__(done.action)
        self.ledger = ledger
        self.changes = done.changes
        self._done = True

    def redo(self) -> None:
        if self._done:  # push() calls redo(); the operation has just run
            self._done = False
            return
        self.ledger.apply(self.changes, QCoreApplication.translate("Ledger", "Redo: %1").replace("%1", self.text()))

    def undo(self) -> None:
        self.ledger.apply(self.changes.inverse(), QCoreApplication.translate("Ledger", "Undo: %1").replace("%1", self.text()))


class Ledger(QObject):
    """The open database, its undo stack, and the signals views listen to."""

    changed = Signal(object)  # the ChangeSet just applied (forward or inverse); empty: everything
    touched = Signal(object)  # what it means to the views (db.operations.touched.Touched)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)
        self.operator = default_operator()  # the name history records; the window sets the person's

    def run(self, text: str, call: Call[T]) -> T:
        """Perform `call` on the GUI thread as one undoable command named `text`
        (its history's action too), and return the operation's value.

        A refusal (one of REFUSALS) reaches the caller with nothing written
        and nothing pushed."""
        done = perform(self.database, call, action=text, operator=self.operator)
        self.push(done)
        return done.value

    def push(self, done: Done[object]) -> None:
        """Make undoable an operation performed elsewhere (in a worker, with
        this ledger's database and operator) and announce it."""
        if done.changes:
            self.undo_stack.push(OperationCommand(self, done))
            self._announce(done.changes, done.touched)

    def apply(self, changes: ChangeSet, action: str) -> None:
        """Replay a change set (undo, redo), recorded in the history as `action`."""
        done = perform(self.database, APPLY_CHANGES(changes), action=action, operator=self.operator)
        self._announce(done.changes, done.touched)

    def replace_database(self, database: Database, *, keep_undo: bool = False) -> None:
        """The same ledger on another open file; every view reloads. After a
        restore the undo stack is cleared (its changes were of the file
        replaced); `keep_undo` when the file is the one it was (a restore that
        failed and the database opened again as it was)."""
        self.database = database
        if not keep_undo:
            self.undo_stack.clear()
        self._announce(ChangeSet(), EVERYTHING)

    def _announce(self, changes: ChangeSet, touched: Touched) -> None:
        self.changed.emit(changes)
        self.touched.emit(touched)

    def session(self) -> Session:
        """A session for reading."""
        return self.database.session()

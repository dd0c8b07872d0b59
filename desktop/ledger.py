"""The window's side of the one door (db.operations.runner): every change is
an operation of the core, performed with its policy (read-only check,
backup, free space, one transaction, history), pushed on the undo stack as
a command that can be undone and redone, and announced so that views
refresh what it touched. Widgets call `run` (on the GUI thread) or perform
in a worker and `push` the result; they never open a transaction.

One signal announces every change, forward or undone: `touched(Touched)`,
what it means to the views (db.operations.touched; `everything` when the
database itself was replaced), which every view follows.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from db.errors import Refusal
from db.operations.changes import ChangeSet
from db.operations.history import default_operator
from db.operations.runner import Call, Done, perform
from db.operations.touched import EVERYTHING
from db.operations.undo import APPLY_CHANGES
from db.schema.database import Database

T = TypeVar("T")

# What a write can be refused with, its text written for the user: an edit
# refused, a read-only database, a full disk, a file made read-only, a file's
# problem (db.errors).
REFUSALS = (Refusal,)


class OperationCommand(QUndoCommand):
    """An operation already carried out once; redo and undo replay its change set.

    A replay the database refuses (a full disk, a file made read-only) has
    changed nothing, but the stack has already moved past the command: the
    ledger moves it back (`Ledger.replay`), and this command skips that move."""

    def __init__(self, ledger: Ledger, done: Done[object]) -> None:
        super().__init__(done.action)
        self.ledger = ledger
        self.changes = done.changes
        self.skip = True  # push() calls redo(); the operation has just run

    def redo(self) -> None:
        self._replay(self.changes, QCoreApplication.translate("Ledger", "Redo: %1"), "undo")

    def undo(self) -> None:
        self._replay(self.changes.inverse(), QCoreApplication.translate("Ledger", "Undo: %1"), "redo")

    def _replay(self, changes: ChangeSet, action: str, back: str) -> None:
        if self.skip:
            self.skip = False
            return
        self.skip = not self.ledger.replay(changes, action.replace("%1", self.text()), back)


class Ledger(QObject):
    """The open database, its undo stack, and the signals views listen to."""

    touched = Signal(object)  # what it means to the views (db.operations.touched.Touched)
    refused = Signal(str)  # an undo or redo the database refused: the text for the user

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)
        self._moving_back = False
        self.operator = default_operator()  # the name history records; the window sets the person's

    def run(self, text: str, call: Call[T]) -> T:
        """Perform `call` on the GUI thread as one undoable command named `text`
        (its history's action too), and return the operation's value.

        A refusal (db.errors.Refusal: an edit refused, a read-only database,
        a full disk, a file made read-only) reaches the caller with nothing
        written and nothing pushed, as does any other error."""
        done = perform(self.database, call, action=text, operator=self.operator)
        self.push(done)
        return done.value

    def push(self, done: Done[object]) -> None:
        """Make undoable an operation performed elsewhere (in a worker, with
        this ledger's database and operator) and announce it."""
        if done.changes:
            self.undo_stack.push(OperationCommand(self, done))
            self.touched.emit(done.touched)

    def apply(self, changes: ChangeSet, action: str) -> None:
        """Replay a change set (undo, redo), recorded in the history as `action`."""
        done = perform(self.database, APPLY_CHANGES(changes), action=action, operator=self.operator)
        self.touched.emit(done.touched)

    def replay(self, changes: ChangeSet, action: str, back: str) -> bool:
        """`apply` for the undo stack, which has moved already: when the
        database refuses, nothing was written; the stack is moved `back`
        ("undo" or "redo") once control is back in the event loop (once for
        all the commands of a macro) and `refused` says why. Whether it was applied."""
        try:
            self.apply(changes, action)
        except Refusal as exc:
            if not self._moving_back:
                self._moving_back = True
                QTimer.singleShot(0, self, lambda: self._move_back(back))
                self.refused.emit(str(exc))
            return False
        return True

    def _move_back(self, back: str) -> None:
        self._moving_back = False
        (self.undo_stack.undo if back == "undo" else self.undo_stack.redo)()

    def replace_database(self, database: Database, *, keep_undo: bool = False) -> None:
        """Another Database under the window: the restored file after a restore,
        another ledger file (文件 → 新建台账 / 打开台账). The one open so far
        is closed (its lock released; closing again does no harm) and every
        view reloads. The undo stack is cleared (its commands belong to the
        file replaced), unless `keep_undo`: the file is the one it was (a
        restore that failed and the database opened again as it was)."""
        previous, self.database = self.database, database
        if previous is not database:
            previous.close()
        if not keep_undo:
            self.undo_stack.clear()
        self.touched.emit(EVERYTHING)

    def session(self) -> Session:
        """A session for reading."""
        return self.database.session()

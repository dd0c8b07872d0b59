"""The one door through which the window changes the database.

Every change is an operation: a function of the core run in one transaction
with its changes tracked, pushed on the undo stack as a command that can be
undone and redone, and announced through `changed` so that views refresh
what it touched. Widgets call `execute`; they never open a transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from db.operations.changes import ChangeSet, apply
from db.schema.database import Database
from db.errors import EditError, Refusal
from db.operations.history import default_operator, record, recorded


class OperationCommand(QUndoCommand):
    """An operation already carried out once; redo and undo replay its change set.

    A replay the database refuses (a full disk, a file made read-only) has
    changed nothing, but the stack has already moved past the command: the
    ledger moves it back (`Ledger.replay`), and this command skips that move."""

    def __init__(self, ledger: Ledger, text: str, changes: ChangeSet) -> None:
        super().__init__(text)
        self.ledger = ledger
        self.changes = changes
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
    """The open database, its undo stack, and the signal views listen to."""

    changed = Signal(object)  # the ChangeSet just applied (forward or inverse)
    refused = Signal(str)  # an undo or redo the database refused: the text for the user

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)
        self._moving_back = False
        self.operator = default_operator()  # the name history records; the window sets the person's

    def execute(self, text: str, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run `operation(session, *args, **kwargs)` as one undoable transaction.

        A refusal (db.errors.Refusal: an edit refused, a full disk, a file
        made read-only) reaches the caller with nothing written and nothing
        pushed, as does any other error. Returns what the operation returned.
        """
        if self.database.read_only:
            raise EditError("数据库以只读方式打开（正被其他程序使用，或所在位置不可写），不能修改")
        with self.database.transaction() as session, recorded(session, text, self.operator) as changes:
            result = operation(session, *args, **kwargs)
        self.push_changes(text, changes)
        return result

    def push_changes(self, text: str, changes: ChangeSet) -> None:
        """Make undoable an operation whose transaction ran elsewhere (in a
        worker thread, recording its history there) and was committed: push
        it and announce it."""
        if changes:
            self.undo_stack.push(OperationCommand(self, text, changes))
            self.changed.emit(changes)

    def apply(self, changes: ChangeSet, action: str) -> None:
        """Replay a change set (undo, redo), recorded in the history as `action`."""
        with self.database.transaction() as session:
            apply(session, changes)
            record(session, action, changes, self.operator)
        self.changed.emit(changes)

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

    def replace_database(self, database: Database) -> None:
        """Another Database under the window: the restored file after a restore,
        another ledger file (文件 → 新建台账 / 打开台账). The one open so far
        is closed (its lock released; closing again does no harm), the undo
        stack cleared (its commands belong to that file), every view reloads."""
        previous, self.database = self.database, database
        if previous is not database:
            previous.close()
        self.undo_stack.clear()
        self.changed.emit(ChangeSet())

    def session(self) -> Session:
        """A session for reading."""
        return self.database.session()

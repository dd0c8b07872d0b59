"""Small widgets the forms share."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that says when the person is done with it (focus
    leaves), like QLineEdit.editingFinished, so its text can be saved then."""

    committed = Signal()

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.committed.emit()

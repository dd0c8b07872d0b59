"""Small widgets the forms share."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that says when the person is done with it (focus
    leaves), like QLineEdit.editingFinished, so its text can be saved then."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.committed.emit()


class UnsavedMarker(QLabel):
    """“Unsaved” at the top of a form while it holds edits not yet saved; in a
    read-only window it says that they cannot be saved but are kept as a draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsavedMarker")
        self.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.setWordWrap(True)
        self.set_read_only(False)
        self.hide()

    def set_read_only(self, read_only: bool) -> None:
        if read_only:
            self.setText(self.tr("Unsaved: the ledger is open read-only, so this cannot be saved; it is kept as a draft"))
        else:
            self.setText(self.tr("Unsaved changes"))

"""Small widgets the forms share."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
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
            self.setText(
                self.tr("Unsaved: the ledger is open read-only, so this cannot be saved; it is kept as a draft")
            )
        else:
            self.setText(self.tr("Unsaved changes"))


class LetShortcutsThrough(QObject):
    """Lets the window's shortcuts `keys` reach the window from `widget`,
    which would take them for its own: a QLineEdit takes Ctrl+U (delete the
    line) where the platform's key bindings say so (Linux). Declining the
    ShortcutOverride is what lets the action's shortcut fire."""

    def __init__(self, widget: QWidget, keys: Iterable[QKeySequence]) -> None:
        super().__init__(widget)
        self._keys = [key for key in keys if not key.isEmpty()]
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in self._keys):
                event.ignore()
                return True
        return False

"""What a form knows of its own unsaved edits: the values it was filled with
(its baseline), whether what it shows differs, and the signals the guard
(desktop/unsaved.py) and the window listen to.

A form's fields are a dict of plain values (text, a status code, a unit id),
read from its widgets by the form. Text is compared stripped, as it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from desktop.widgets import UnsavedMarker

Values = dict[str, Any]


def normal(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def differs(values: Values, baseline: Values) -> bool:
    return any(normal(value) != baseline.get(name) for name, value in values.items())


def merged(typed: Values, old: Values, new: Values) -> Values:
    """The values a form shows when the ledger changed under it (an undo, an
    import, a save of the other form): each field the person changed keeps
    what they typed; the others take the new values."""
    return {name: typed[name] if normal(typed[name]) != old.get(name) else value for name, value in new.items()}


@dataclass(frozen=True)
class Subject:
    """What a form shows, as the drafts file and the questions name it: a task
    by its UUID (and, for the progress form, the month); a heading, which has
    no UUID of its own, by its plan's UUID and its path of numerals from the
    top (db/queries/heading_detail.py)."""

    title: str  # the task's title; a heading as the plan writes it, `（一）…`
    task_uuid: str = ""
    number: int = 0  # the task's
    month: str = ""  # the progress form's month
    plan_uuid: str = ""  # the heading form's
    heading: tuple[str, ...] = ()


def on_to_next_field(form: QWidget, save: Callable[[], object]) -> None:
    """For a field's editingFinished, which also comes when the focus leaves
    the form for the tree, a menu or a question box: only a move to another
    field of `form` saves; otherwise the edit waits, marked, for the guard."""
    focus = QApplication.focusWidget()
    if focus is not None and form.isAncestorOf(focus):
        save()


class FormState(QObject):
    """Tracks one form. `loading()` wraps filling the form (no edit is
    reported then); `touch` is connected to every field's change signal."""

    dirty_changed = Signal(bool)
    edited = Signal()  # the person changed a field
    abandoning = Signal()  # about to show another task or month while holding unsaved edits
    opened = Signal()  # now shows another task or month

    def __init__(self, values: Callable[[], Values], marker: UnsavedMarker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values = values
        self.marker = marker
        self.baseline: Values | None = None  # None: the form shows no task
        self.dirty = False
        self._loading = 0

    def watch(self, *signals: SignalInstance) -> None:
        for signal in signals:
            signal.connect(self.touch)

    @contextmanager
    def loading(self) -> Iterator[None]:
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1
            self.recompute()

    def touch(self, *_args: Any) -> None:
        if not self._loading:
            self.recompute()
            self.edited.emit()

    def recompute(self) -> None:
        dirty = self.baseline is not None and differs(self._values(), self.baseline)
        self.marker.setVisible(dirty)
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)


class DraftForm(Protocol):
    """A form whose unsaved edits the guard saves, discards or keeps as drafts."""

    KIND: str  # "task", "progress" or "heading": the drafts file's name of the form
    form_state: FormState

    def subject(self) -> Subject | None: ...

    def draft_fields(self) -> dict[str, str | None]: ...

    def apply_draft(self, fields: dict[str, str | None]) -> None: ...

    def save(self) -> bool: ...  # through the ledger; False, with the reason shown, when refused

    def discard(self) -> None: ...

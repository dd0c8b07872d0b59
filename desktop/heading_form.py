"""The form of one heading, at any of its three levels: its numeral and its
title, saved together as one undoable operation."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from db.errors import Refusal
from db.operations import editing
from db.operations.touched import Touched
from db.queries.heading_detail import HeadingDetail, heading_detail, heading_exists
from desktop.form_state import FormState, Subject, Values, merged, normal, on_to_next_field
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.widgets import UnsavedMarker


class HeadingForm(QWidget):
    """Saved when the person presses Enter in a field or goes on to the other
    one. Text the focus left otherwise (for the tree, a menu, a shortcut)
    stays in the form, marked unsaved, until the window saves it or asks, as
    the heading is left (desktop/unsaved.py), as in the task form."""

    KIND = "heading"

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.detail: HeadingDetail | None = None
        self.marker = UnsavedMarker()
        self.numeral = QLineEdit()
        self.numeral.setMaximumWidth(80)
        self.title = QLineEdit()
        self.form_state = FormState(self._values, self.marker, self)
        self.form_state.watch(self.numeral.textChanged, self.title.textChanged)
        form = QFormLayout(self)
        form.addRow(self.marker)
        form.addRow(self.tr("N&umeral"), self.numeral)
        form.addRow(self.tr("&Heading"), self.title)
        for field in (self.numeral, self.title):
            field.returnPressed.connect(self._save_field)
            field.editingFinished.connect(lambda: on_to_next_field(self, self._save_field))
        ledger.touched.connect(self._changed)
        self.setEnabled(False)

    def show_section(self, section_id: int | None) -> None:
        """Show a heading. Shown again (the ledger changed), the fields the
        person edited keep what they typed."""
        fresh = self.detail is None or section_id != self.detail.id
        if fresh and self.form_state.dirty:
            self.form_state.abandoning.emit()
        typed, old = self._values(), self.form_state.baseline
        with self.form_state.loading():
            if section_id is None:
                self.detail, self.form_state.baseline = None, None
                self.setEnabled(False)
                return
            with self.ledger.session() as session:
                self.detail = heading_detail(session, section_id)
            self._fill(None if fresh or old is None else (typed, old))
            self.setEnabled(True)
        if fresh:
            self.form_state.opened.emit()

    def _fill(self, keep: tuple[Values, Values] | None = None) -> None:
        """The heading's values into the form; `keep` (what was typed, the
        values it was typed over) keeps the fields the person changed."""
        assert self.detail is not None
        stored = {"numeral": self.detail.numeral, "title": self.detail.title}
        self.form_state.baseline = stored
        self._set_values(stored if keep is None else merged(*keep, stored))

    def _values(self) -> Values:
        return {"numeral": self.numeral.text(), "title": self.title.text()}

    def _set_values(self, values: Values) -> None:
        for field, value in ((self.numeral, values["numeral"]), (self.title, values["title"])):
            if field.text() != value:
                field.setText(value)
                field.setCursorPosition(0)

    def _changed(self, touched: Touched) -> None:
        """Shown again when the change edited the heading or changed its
        plan's structure; emptied when the heading is gone."""
        if self.detail is None or not (touched.everything or touched.structure or self.detail.id in touched.sections):
            return
        with self.ledger.session() as session:
            exists = heading_exists(session, self.detail.id)
        self.show_section(self.detail.id if exists else None)

    # -- saving ------------------------------------------------------------

    def _save_field(self) -> None:
        """Enter, or on to the other field: saved, except in a read-only
        window (there the text stays, as a draft)."""
        if not self.ledger.database.read_only:
            self.save()

    def save(self) -> bool:
        """Save numeral and title as one undoable operation. False, with the
        reason shown and the text kept, when it is refused (an empty title, a
        full disk, a file made read-only)."""
        if self.detail is None or not self.form_state.dirty:
            return True
        values = self._values()
        try:
            self.ledger.run(
                self.tr("Edit heading %1").replace("%1", normal(values["title"])),
                editing.UPDATE_SECTION(self.detail.id, values["numeral"], values["title"]),
            )
        except Refusal as exc:
            show_error(self, str(exc))
            return False
        return True

    def discard(self) -> None:
        """Put back what the ledger holds for the heading."""
        if self.detail is not None:
            with self.form_state.loading():
                self._fill()

    # -- drafts (desktop/unsaved.py) -------------------------------------------

    def subject(self) -> Subject | None:
        if self.detail is None:
            return None
        return Subject(self.detail.label, plan_uuid=self.detail.plan_uuid, heading=self.detail.path)

    def draft_fields(self) -> dict[str, str | None]:
        return self._values()

    def apply_draft(self, fields: dict[str, str | None]) -> None:
        values = self._values()
        values.update({name: value for name, value in fields.items() if name in values and value is not None})
        self._set_values(values)
        self.form_state.recompute()

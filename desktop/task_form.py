"""The form of one task: title, requirement, deadline and its units. Each
edit is one undoable operation."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from db.operations import editing
from db.operations import registry as registry_editing
from db.operations.runner import Call
from db.operations.touched import Touched
from db.plans.deadlines import parse_deadline
from db.queries.task_detail import TaskDetail, task_detail, task_exists, unit_lookup
from desktop.form_state import FormState, Subject, Values, merged, normal, on_to_next_field
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import ask, show_error
from desktop.unit_list_editor import UnitListEditor
from desktop.widgets import CommitTextEdit, UnsavedMarker

ROLES = ("lead", "responsible")


class TaskForm(QWidget):
    """A field is saved, as one undoable operation, when the person presses
    Enter in it or goes on to another field of this form. Typed text the focus
    left otherwise (for the tree, a menu, a shortcut, another window) stays in
    the form, marked unsaved, until the window saves it or asks, as the task
    is left (desktop/unsaved.py)."""

    KIND = "task"

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.detail: TaskDetail | None = None
        self._lookup: dict[str, int] | None = None  # the registry's names for completion, read again when it changes
        self.marker = UnsavedMarker()
        self.headings = QLabel(objectName="taskHeadings", wordWrap=True)
        self.number = QLabel(objectName="taskNumber")
        self.title = QLineEdit()
        self.requirement = CommitTextEdit()
        self.requirement.setMinimumHeight(70)
        self.requirement.setMaximumHeight(140)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(self.tr("e.g. 2016年6月底; empty: the end of the plan's year"))
        self.deadline_date = QLabel()
        self.editors = {role: UnitListEditor() for role in ROLES}
        self.form_state = FormState(self._values, self.marker, self)
        self.form_state.watch(
            self.title.textChanged,
            self.requirement.textChanged,
            self.deadline.textChanged,
            *(editor.name.textChanged for editor in self.editors.values()),
        )

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.marker)
        form.addRow(self.tr("Under"), self.headings)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("&Task"), self.title)
        form.addRow(self.tr("&Requirement"), self.requirement)
        form.addRow(self.tr("&Deadline"), self.deadline)
        form.addRow("", self.deadline_date)
        form.addRow(self.tr("&Lead units"), self.editors["lead"])
        form.addRow(self.tr("Re&sponsible units"), self.editors["responsible"])

        for field, save in ((self.title, self._save_title), (self.deadline, self._save_deadline)):
            field.returnPressed.connect(save)
            field.editingFinished.connect(lambda save=save: on_to_next_field(self, save))
        self.requirement.committed.connect(lambda: on_to_next_field(self, self._save_requirement))
        for role, editor in self.editors.items():
            editor.units_edited.connect(lambda ids, role=role: self._save_units(role, ids))
            editor.unknown_name.connect(lambda name, role=role: self._offer_new_unit(role, name))
            editor.confirm_requested.connect(lambda role=role: self._confirm(role))
        self.setTabOrder(self.title, self.requirement)
        self.setTabOrder(self.requirement, self.deadline)
        self.setTabOrder(self.deadline, self.editors["lead"].name)
        self.setTabOrder(self.editors["lead"].name, self.editors["responsible"].name)
        ledger.touched.connect(self._changed)
        self.setEnabled(False)

    def show_task(self, task_id: int | None) -> None:
        """Show a task. Shown again (the ledger changed), the fields the person
        edited keep what they typed."""
        fresh = self.detail is None or task_id != self.detail.id
        if fresh and self.form_state.dirty:
            self.form_state.abandoning.emit()
        typed, old = self._values(), self.form_state.baseline
        with self.form_state.loading():
            if task_id is None:
                self.detail, self.form_state.baseline = None, None
                self.setEnabled(False)
                return
            with self.ledger.session() as session:
                self.detail = task_detail(session, task_id)
                if self._lookup is None:
                    self._lookup = unit_lookup(session)
            for editor in self.editors.values():
                editor.set_lookup(self._lookup)
                if fresh:
                    editor.name.clear()  # a name typed for one task is not added to the next
            self._fill(None if fresh or old is None else (typed, old))
            self.setEnabled(True)
        if fresh:
            self.form_state.opened.emit()

    def _values(self) -> Values:
        return {
            "title": self.title.text(),
            "requirement": self.requirement.toPlainText(),
            "deadline": self.deadline.text(),
            **{role: editor.name.text() for role, editor in self.editors.items()},
        }

    def _set_values(self, values: Values) -> None:
        if self.title.text() != values["title"]:
            self.title.setText(values["title"])
            self.title.setCursorPosition(0)
        if self.requirement.toPlainText() != values["requirement"]:
            self.requirement.setPlainText(values["requirement"])
        if self.deadline.text() != values["deadline"]:
            self.deadline.setText(values["deadline"])
        for role, editor in self.editors.items():
            if editor.name.text() != values[role]:
                editor.name.setText(values[role])

    def _fill(self, keep: tuple[Values, Values] | None = None) -> None:
        """The task's values into the form; `keep` (what was typed, the values
        it was typed over) keeps the fields the person changed."""
        detail = self.detail
        assert detail is not None
        self.headings.setText("\n".join(detail.headings))
        self.number.setText(str(detail.number))
        stored = {
            "title": detail.title,
            "requirement": detail.requirement,
            "deadline": detail.deadline_text,
            **dict.fromkeys(ROLES, ""),
        }
        self.form_state.baseline = stored
        self._set_values(stored if keep is None else merged(*keep, stored))
        self._show_deadline_date()
        for role, editor in self.editors.items():
            editor.set_units(detail.units(role))

    def _show_deadline_date(self) -> None:
        detail = self.detail
        assert detail is not None
        if detail.deadline is not None:
            self.deadline_date.setText(self.tr("Due %1").replace("%1", detail.deadline.isoformat()))
        else:
            self.deadline_date.setText(
                self.tr("No deadline of its own: due at the end of %1").replace("%1", str(detail.plan_year))
            )

    def _changed(self, touched: Touched) -> None:
        """Shown again when the change touched the task (fields, units), the
        registry (names, completion), its headings or its plan's structure;
        emptied when the task is gone."""
        if touched.everything or touched.registry:
            self._lookup = None
        detail = self.detail
        if detail is None:
            return
        if touched.everything or touched.structure:
            with self.ledger.session() as session:
                exists = task_exists(session, detail.id)
            self.show_task(detail.id if exists else None)
        elif (
            detail.id in touched.tasks
            or detail.id in touched.assignments
            or touched.registry
            or (touched.sections and detail.plan_id in touched.plans)
        ):
            self.show_task(detail.id)

    # -- saving ------------------------------------------------------------

    def _run(self, text: str, call: Call[object]) -> None:
        try:
            self.ledger.run(text, call)
        except REFUSALS as exc:
            show_error(self, str(exc))
            if self.detail is not None:
                self.show_task(self.detail.id)

    def _label(self, text: str) -> str:
        assert self.detail is not None
        return text.replace("%1", self.detail.label)

    def _editable(self) -> TaskDetail | None:
        """The task whose field edits are saved on the way (none in a read-only
        window: there they stay, as a draft)."""
        return None if self.ledger.database.read_only else self.detail

    def _save_title(self) -> None:
        detail = self._editable()
        if detail and self.title.text().strip() != detail.title:
            call = editing.UPDATE_TASK(detail.id, title=self.title.text())
            self._run(self._label(self.tr("Edit title of task %1")), call)

    def _save_requirement(self) -> None:
        text, detail = self.requirement.toPlainText().strip(), self._editable()
        if detail and text != detail.requirement:
            call = editing.UPDATE_TASK(detail.id, requirement=text)
            self._run(self._label(self.tr("Edit requirement of task %1")), call)

    def _save_deadline(self) -> None:
        text, detail = self.deadline.text().strip(), self._editable()
        if detail and text != detail.deadline_text:
            call = editing.UPDATE_TASK(detail.id, **self._deadline_fields(text))
            self._run(self._label(self.tr("Edit deadline of task %1")), call)

    def _deadline_fields(self, text: str) -> dict[str, Any]:
        assert self.detail is not None
        return {"deadline_text": text, "deadline": parse_deadline(text, self.detail.plan_year)}

    def save(self) -> bool:
        """Save every field typed and not yet saved, and add the unit names
        typed and not yet added, as one undoable operation. False, with the
        reason shown and the text kept, when it is refused."""
        if self.detail is None or not self.form_state.dirty or self.form_state.baseline is None:
            return True
        values, stored = self._values(), self.form_state.baseline
        changed = {name for name, value in values.items() if normal(value) != stored[name]}
        fields: dict[str, Any] = {}
        if "title" in changed:
            fields["title"] = values["title"]
        if "requirement" in changed:
            fields["requirement"] = normal(values["requirement"])
        if "deadline" in changed:
            fields.update(self._deadline_fields(normal(values["deadline"])))
        units: dict[str, list[int]] = {}
        for role in changed & set(ROLES):
            editor, name = self.editors[role], normal(values[role])
            unit_id = editor.unit_for(name)
            if unit_id is None:
                text = self.tr(
                    "“%1” is not in the unit registry: press Enter in the field to add it there, or clear the field."
                )
                show_error(self, text.replace("%1", name))
                return False
            if unit_id not in editor.unit_ids():
                units[role] = [*editor.unit_ids(), unit_id]
        try:
            self.ledger.run(self._label(self.tr("Edit task %1")), editing.EDIT_TASK(self.detail.id, units, **fields))
        except REFUSALS as exc:
            show_error(self, str(exc))
            return False
        with self.form_state.loading():
            for role in ROLES:
                self.editors[role].name.clear()
        return True

    def discard(self) -> None:
        """Put back what the ledger holds for the task."""
        if self.detail is not None:
            with self.form_state.loading():
                self._fill()

    # -- drafts (desktop/unsaved.py) -------------------------------------------

    def subject(self) -> Subject | None:
        if self.detail is None:
            return None
        return Subject(self.detail.title, task_uuid=self.detail.uuid, number=self.detail.number)

    def draft_fields(self) -> dict[str, str | None]:
        return self._values()

    def apply_draft(self, fields: dict[str, str | None]) -> None:
        values = self._values()
        values.update({name: value for name, value in fields.items() if name in values and value is not None})
        self._set_values(values)
        self.form_state.recompute()

    def _save_units(self, role: str, unit_ids: list[int]) -> None:
        if self.detail is None:
            return
        text = self.tr("Edit lead units of task %1") if role == "lead" else self.tr("Edit responsible units of task %1")
        self._run(self._label(text), editing.SET_UNITS(self.detail.id, role, unit_ids))

    def _confirm(self, role: str) -> None:
        if self.detail is not None:
            text = self._label(self.tr("Confirm carried-down units of task %1"))
            self._run(text, editing.CONFIRM_UNITS(self.detail.id, role))

    def _offer_new_unit(self, role: str, name: str) -> None:
        question = self.tr("“%1” is not in the unit registry. Add it to the registry and to this task?").replace(
            "%1", name
        )
        ask(self, question, lambda: self._add_new_unit(role, name))

    def _add_new_unit(self, role: str, name: str) -> None:
        if self.detail is None:
            return
        task_id, ids = self.detail.id, self.editors[role].unit_ids()
        stack = self.ledger.undo_stack
        stack.beginMacro(self.tr("Add unit %1").replace("%1", name))
        try:
            unit_id = self.ledger.run(self.tr("Add unit %1").replace("%1", name), registry_editing.ADD_UNIT(name))
            text = self._label(self.tr("Edit units of task %1"))
            self.ledger.run(text, editing.SET_UNITS(task_id, role, [*ids, unit_id]))
            self.editors[role].name.clear()
        except REFUSALS as exc:
            show_error(self, str(exc))
        finally:
            stack.endMacro()

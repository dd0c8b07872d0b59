"""The form of one task: title, requirement, deadline and its units. Every
edit is saved at once as one undoable operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from db import editing, registry_editing
from db.changes import ChangeSet
from db.deadlines import parse_deadline
from db.editing import EditError
from db.models import Task
from db.task_detail import TaskDetail, task_detail, unit_lookup
from desktop.ledger import Ledger
from desktop.messages import ask, show_error
from desktop.unit_list_editor import UnitListEditor
from desktop.widgets import CommitTextEdit

ROLES = ("lead", "responsible")


class TaskForm(QWidget):
    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.detail: TaskDetail | None = None
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

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Under"), self.headings)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("&Task"), self.title)
        form.addRow(self.tr("&Requirement"), self.requirement)
        form.addRow(self.tr("&Deadline"), self.deadline)
        form.addRow("", self.deadline_date)
        form.addRow(self.tr("&Lead units"), self.editors["lead"])
        form.addRow(self.tr("Re&sponsible units"), self.editors["responsible"])

        self.title.editingFinished.connect(self._save_title)
        self.requirement.committed.connect(self._save_requirement)
        self.deadline.editingFinished.connect(self._save_deadline)
        for role, editor in self.editors.items():
            editor.units_edited.connect(lambda ids, role=role: self._save_units(role, ids))
            editor.unknown_name.connect(lambda name, role=role: self._offer_new_unit(role, name))
            editor.confirm_requested.connect(lambda role=role: self._confirm(role))
        self.setTabOrder(self.title, self.requirement)
        self.setTabOrder(self.requirement, self.deadline)
        self.setTabOrder(self.deadline, self.editors["lead"].name)
        self.setTabOrder(self.editors["lead"].name, self.editors["responsible"].name)
        ledger.changed.connect(self._changed)
        self.setEnabled(False)

    def show_task(self, task_id: int | None) -> None:
        if task_id is None:
            self.detail = None
            self.setEnabled(False)
            return
        with self.ledger.session() as session:
            self.detail = task_detail(session, task_id)
            lookup = unit_lookup(session)
        for editor in self.editors.values():
            editor.set_lookup(lookup)
        self._fill()
        self.setEnabled(True)

    def _fill(self) -> None:
        detail = self.detail
        assert detail is not None
        self.headings.setText("\n".join(detail.headings))
        self.number.setText(str(detail.number))
        self.title.setText(detail.title)
        self.title.setCursorPosition(0)
        if self.requirement.toPlainText() != detail.requirement:
            self.requirement.setPlainText(detail.requirement)
        self.deadline.setText(detail.deadline_text)
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

    def _changed(self, changes: ChangeSet) -> None:
        if self.detail is None:
            return
        if self.detail.id in changes.keys("tasks") and not self._exists(self.detail.id):
            self.show_task(None)
        elif changes.tables() & {"tasks", "assignments", "units", "unit_aliases"} or not changes:
            self.show_task(self.detail.id)

    def _exists(self, task_id: int) -> bool:
        with self.ledger.session() as session:
            return session.get(Task, task_id) is not None

    # -- saving ------------------------------------------------------------

    def _run(self, text: str, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            self.ledger.execute(text, operation, *args, **kwargs)
        except (EditError, ValueError) as exc:
            show_error(self, str(exc))
            if self.detail is not None:
                self.show_task(self.detail.id)

    def _label(self, text: str) -> str:
        assert self.detail is not None
        return text.replace("%1", self.detail.label)

    def _save_title(self) -> None:
        if self.detail and self.title.text().strip() != self.detail.title:
            self._run(self._label(self.tr("Edit title of task %1")), editing.update_task, self.detail.id, title=self.title.text())

    def _save_requirement(self) -> None:
        text = self.requirement.toPlainText().strip()
        if self.detail and text != self.detail.requirement:
            self._run(self._label(self.tr("Edit requirement of task %1")), editing.update_task, self.detail.id, requirement=text)

    def _save_deadline(self) -> None:
        text = self.deadline.text().strip()
        if self.detail and text != self.detail.deadline_text:
            self._run(
                self._label(self.tr("Edit deadline of task %1")),
                editing.update_task,
                self.detail.id,
                deadline_text=text,
                deadline=parse_deadline(text, self.detail.plan_year),
            )

    def _save_units(self, role: str, unit_ids: list[int]) -> None:
        if self.detail is None:
            return
        text = self.tr("Edit lead units of task %1") if role == "lead" else self.tr("Edit responsible units of task %1")
        self._run(self._label(text), editing.set_units, self.detail.id, role, unit_ids)

    def _confirm(self, role: str) -> None:
        if self.detail is not None:
            self._run(self._label(self.tr("Confirm carried-down units of task %1")), editing.confirm_units, self.detail.id, role)

    def _offer_new_unit(self, role: str, name: str) -> None:
        question = self.tr("“%1” is not in the unit registry. Add it to the registry and to this task?").replace("%1", name)
        ask(self, question, lambda: self._add_new_unit(role, name))

    def _add_new_unit(self, role: str, name: str) -> None:
        if self.detail is None:
            return
        task_id, ids = self.detail.id, self.editors[role].unit_ids()
        stack = self.ledger.undo_stack
        stack.beginMacro(self.tr("Add unit %1").replace("%1", name))
        try:
            unit_id = self.ledger.execute(self.tr("Add unit %1").replace("%1", name), registry_editing.add_unit, name)
            self.ledger.execute(self._label(self.tr("Edit units of task %1")), editing.set_units, task_id, role, [*ids, unit_id])
            self.editors[role].name.clear()
        except (EditError, ValueError) as exc:
            show_error(self, str(exc))
        finally:
            stack.endMacro()

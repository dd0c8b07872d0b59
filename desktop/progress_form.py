"""Recording a task's monthly progress, and the task's history of reports."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.months import Month
from db.operations.progress import DELETE_PROGRESS, RECORD_PROGRESS, Report
from db.operations.touched import Touched
from db.queries.ledger import task_nodes, unit_choices
from db.queries.progress import MonthReport, task_reports
from db.queries.task_detail import TaskDetail, task_detail, task_exists
from db.vocabulary import STATUSES
from desktop.form_state import FormState, Subject, Values, merged, normal
from desktop.labels import month_label, status_label
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import show_error
from desktop.widgets import CommitTextEdit, UnsavedMarker

Index = QModelIndex | QPersistentModelIndex
URL = re.compile(r"https?://[^\s，。；;、）)]+")


def months_of(year: int, last: str) -> list[Month]:
    """The months of the plan's year up to `last` (all twelve when `last` is of another year), newest first."""
    months, until = Month.of_year(year), Month(last)
    if until.year == year:
        months = months[: until.number]
    return months[::-1]


class HistoryModel(QAbstractTableModel):
    """One row a month, newest first; a month without an entry is unreported."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[str] = []
        self._entries: dict[str, MonthReport] = {}
        self._reporters: dict[int, str] = {}

    def load(self, months: Sequence[str], entries: list[MonthReport], reporters: dict[int, str]) -> None:
        self.beginResetModel()
        self._entries = {entry.month: entry for entry in entries}
        self._months = sorted(set(months) | set(self._entries), reverse=True)
        self._reporters = reporters
        self.endResetModel()

    def month(self, row: int) -> str:
        return self._months[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._months)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Month"), self.tr("Status"), self.tr("Reported by"), self.tr("What was done"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        month = self._months[index.row()]
        entry = self._entries.get(month)
        column = index.column()
        if column == 0:
            return month
        if entry is None:
            return self.tr("Not reported") if column == 1 else ""
        if column == 1:
            return status_label(entry.status)
        if column == 2:
            return self._reporters.get(entry.reporting_unit_id or 0, "")
        return entry.done if role == Qt.ItemDataRole.ToolTipRole else entry.done.split("\n", 1)[0]


class ProgressForm(QWidget):
    """The month's report of the shown task: status, reporting unit, what was
    done, problems, next steps, evidence (links open in the browser).

    What is typed stays in the form, marked unsaved, until it is saved (the
    button, Ctrl+S, or the window on leaving: desktop/unsaved.py). The month
    is the window's: choosing one here asks the window (`month_chosen`)."""

    KIND = "progress"
    month_chosen = Signal(str)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.detail: TaskDetail | None = None
        self._shown: tuple[int, str] | None = None  # the task and month the fields hold
        self._current_month_until = ""
        self.heading = QLabel()
        self.heading.setObjectName("progressHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.marker = UnsavedMarker()
        self.month = QComboBox()
        self.state = QLabel()
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.reporter = QComboBox()
        self.done = CommitTextEdit()
        self.problems = CommitTextEdit()
        self.next_steps = CommitTextEdit()
        self.evidence = CommitTextEdit()
        self._texts = {
            "done": self.done,
            "problems": self.problems,
            "next_steps": self.next_steps,
            "evidence": self.evidence,
        }
        for field in self._texts.values():
            field.setMinimumHeight(48)
            field.setMaximumHeight(96)
        self.links = QLabel()
        self.links.setOpenExternalLinks(True)
        self.links.setWordWrap(True)
        self.links.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.save_button = QPushButton(self.tr("&Save this month's report"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.delete_button = QPushButton(self.tr("Delete this month's report"))
        self.history = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history)
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.history_view.verticalHeader().hide()
        self.history_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history_view.setMinimumHeight(120)
        self.form_state = FormState(self._values, self.marker, self)
        self.form_state.watch(
            self.status.currentIndexChanged,
            self.reporter.currentIndexChanged,
            *(field.textChanged for field in self._texts.values()),
        )

        month_row = QHBoxLayout()
        month_row.addWidget(self.month)
        month_row.addWidget(self.state, 1)
        form = QFormLayout()
        month_label = QLabel(self.tr("&Month"))
        month_label.setBuddy(self.month)
        form.addRow(month_label, month_row)
        form.addRow(self.tr("S&tatus"), self.status)
        form.addRow(self.tr("Reporting &unit"), self.reporter)
        form.addRow(self.tr("What was &done"), self.done)
        form.addRow(self.tr("Pro&blems"), self.problems)
        form.addRow(self.tr("Ne&xt steps"), self.next_steps)
        form.addRow(self.tr("&Evidence"), self.evidence)
        form.addRow("", self.links)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.marker)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history_view, 1)

        self.month.currentIndexChanged.connect(self._month_changed)
        self.evidence.textChanged.connect(self._show_links)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self._delete)
        self.history_view.clicked.connect(lambda index: self.set_month(self.history.month(index.row())))
        ledger.touched.connect(self._changed)
        self.setEnabled(False)

    def show_task(self, task_id: int | None, month: str, chosen: str | None = None) -> None:
        """Show a task's reports; `month` is the ledger's month (the history
        reaches up to it), `chosen` the month shown in the form (default `month`).
        Shown again (the ledger changed), the fields the person edited keep
        what they typed."""
        target = None if task_id is None else (task_id, chosen or month)
        fresh = target != self._shown
        if fresh and self.form_state.dirty:
            self.form_state.abandoning.emit()
        typed, old = self._values(), self.form_state.baseline
        with self.form_state.loading():
            if task_id is None:
                self.detail, self._shown, self.form_state.baseline = None, None, None
                self.heading.clear()
                self.setEnabled(False)
                return
            with self.ledger.session() as session:
                self.detail = task_detail(session, task_id)
                units = unit_choices(session)
            self.reporter.blockSignals(True)
            self.reporter.clear()
            self.reporter.addItem(self.tr("(not given)"), None)
            leads = [(unit.unit_id, unit.name) for unit in self.detail.lead]
            for unit_id, name in leads + [(i, n) for i, n in units if i not in {u for u, _ in leads}]:
                self.reporter.addItem(name, unit_id)
            self.reporter.blockSignals(False)
            self.month.blockSignals(True)
            self.month.clear()
            for value in reversed(Month.of_year(self.detail.plan_year)):
                self.month.addItem(value, value)
            self.month.setCurrentIndex(max(0, self.month.findData(chosen or month)))
            self.month.blockSignals(False)
            self._current_month_until = month
            self._shown = (task_id, self.current_month())
            self.setEnabled(True)
            self._load(None if fresh or old is None else (typed, old))
        if fresh:
            self.form_state.opened.emit()

    def set_month(self, month: str) -> None:
        index = self.month.findData(month)
        if index >= 0:
            self.month.setCurrentIndex(index)

    def current_month(self) -> str:
        return self.month.currentData()

    def shown_month(self) -> str | None:
        return self._shown[1] if self._shown is not None else None

    def _month_changed(self) -> None:
        """The form keeps its month until the window has shown the chosen one."""
        if self._shown is None:
            return
        chosen = self.current_month()
        self.month.blockSignals(True)
        self.month.setCurrentIndex(self.month.findData(self._shown[1]))
        self.month.blockSignals(False)
        self.month_chosen.emit(chosen)

    def _values(self) -> Values:
        return {
            "status": self.status.currentData(),
            "reporting_unit_id": self.reporter.currentData(),
            **{name: field.toPlainText() for name, field in self._texts.items()},
        }

    def _set_values(self, values: Values) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(values["status"])))
        self.reporter.setCurrentIndex(max(0, self.reporter.findData(values["reporting_unit_id"])))
        for name, field in self._texts.items():
            if field.toPlainText() != values[name]:
                field.setPlainText(values[name])

    def _load(self, keep: tuple[Values, Values] | None = None) -> None:
        """Fill the fields from the month's entry; `keep` (what was typed, the
        values it was typed over) keeps the fields the person changed."""
        assert self.detail is not None
        with self.ledger.session() as session:
            entries = task_reports(session, self.detail.id)
            names = dict(unit_choices(session))
        month = self.current_month()
        entry = next((e for e in entries if e.month == month), None)
        if entry is None:
            self.state.setText(self.tr("Not reported for this month"))
            previous = next((e for e in entries if e.month < month), None)
            stored: Values = {
                "status": previous.status if previous else "not_started",
                "reporting_unit_id": self.reporter.itemData(1 if self.detail.lead else 0),
                **dict.fromkeys(self._texts, ""),
            }
        else:
            self.state.setText(
                self.tr("Recorded %1 by %2")
                .replace("%1", entry.recorded_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", entry.recorded_by or "—")
            )
            stored = {
                "status": entry.status,
                "reporting_unit_id": entry.reporting_unit_id,
                **{name: getattr(entry, name) for name in self._texts},
            }
        self._set_values(stored)
        self.form_state.baseline = {name: normal(value) for name, value in self._values().items()}
        if keep is not None:
            self._set_values(merged(*keep, self.form_state.baseline))
        self._show_heading()
        self.delete_button.setEnabled(entry is not None)
        self.history.load(months_of(self.detail.plan_year, self._current_month_until), entries, names)
        self.history_view.resizeColumnsToContents()

    def _show_heading(self) -> None:
        assert self.detail is not None
        self.heading.setText(
            self.tr("Task %1: %2 · %3")
            .replace("%1", str(self.detail.number))
            .replace("%2", self.detail.title)
            .replace("%3", month_label(self.current_month()))
        )

    def _show_links(self) -> None:
        urls = URL.findall(self.evidence.toPlainText())
        self.links.setText(" ".join(f'<a href="{html.escape(url)}">{html.escape(url)}</a>' for url in urls))

    def report(self) -> Report:
        return Report(**{name: normal(value) for name, value in self._values().items()})

    def save(self) -> bool:
        """Record the month's report (one undoable operation); False, with the
        reason shown, when it is refused."""
        if self.detail is None:
            return False
        text = (
            self.tr("Record %1 progress of task %2")
            .replace("%1", self.current_month())
            .replace("%2", self.detail.label)
        )
        try:
            call = RECORD_PROGRESS(self.detail.id, self.current_month(), self.report(), by=self.ledger.operator)
            self.ledger.run(text, call)
        except REFUSALS as exc:
            show_error(self, str(exc))
            return False
        return True

    def discard(self) -> None:
        """Put back what the ledger holds for the month."""
        if self.detail is not None:
            with self.form_state.loading():
                self._load()

    # -- drafts (desktop/unsaved.py) -------------------------------------------

    def subject(self) -> Subject | None:
        if self.detail is None:
            return None
        return Subject(
            self.detail.title, task_uuid=self.detail.uuid, number=self.detail.number, month=self.current_month()
        )

    def draft_fields(self) -> dict[str, str | None]:
        values = self._values()
        reporter = self.reporter.currentText() if values.pop("reporting_unit_id") is not None else None
        return {**values, "reporter": reporter}

    def apply_draft(self, fields: dict[str, str | None]) -> None:
        values = self._values()
        for name in ("status", *self._texts):
            if fields.get(name) is not None:
                values[name] = fields[name]
        if "reporter" in fields:
            index = self.reporter.findText(fields["reporter"]) if fields["reporter"] else 0
            values["reporting_unit_id"] = self.reporter.itemData(max(0, index))
        self._set_values(values)
        self.form_state.recompute()

    def _delete(self) -> None:
        if self.detail is None:
            return
        text = (
            self.tr("Delete %1 progress of task %2")
            .replace("%1", self.current_month())
            .replace("%2", self.detail.label)
        )
        try:
            self.ledger.run(text, DELETE_PROGRESS(self.detail.id, self.current_month()))
        except REFUSALS as exc:
            show_error(self, str(exc))

    def _changed(self, touched: Touched) -> None:
        """Shown again when the change touched the task's reports or units,
        the registry (the reporting units) or the plan's structure; a task
        edited in place only has its heading written again."""
        if self.detail is None:
            return
        task_id = self.detail.id
        reread = touched.everything or touched.structure or touched.registry
        if reread or task_id in touched.statuses | touched.assignments:
            with self.ledger.session() as session:
                exists = task_exists(session, task_id)
            if not exists:
                self.show_task(None, "")
                return
            self.show_task(task_id, self._current_month_until, self.current_month())
        elif task_id in touched.tasks:
            with self.ledger.session() as session:
                node = task_nodes(session, [task_id]).get(task_id)
            if node is not None:
                self.detail = replace(self.detail, title=node.title, number=node.number)
                self._show_heading()

"""What the main window does: its forms, unit view, filters, menus and every
action, over the open ledger. Attached to the window (desktop/main_window.py)
once the window shows its first view."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from db import __version__
from db.errors import DatabaseError, InputError
from db.months import Month
from db.operations import editing
from db.operations.runner import Call, ReadOnlyDatabaseError, refuse_read_only
from db.operations.touched import Touched
from db.queries.ledger import tasks_by_unit, units
from db.queries.task_filter import Criteria
from db.schema.database import Database
from desktop.collation import units_in_order
from desktop.dashboard import attach_dashboard
from desktop.drafts import DraftStore, drafts_path
from desktop.filter_bar import FilterBar
from desktop.form_state import DraftForm
from desktop.heading_form import HeadingForm
from desktop.history_view import HistoryView
from desktop.labels import month_label
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import ask, show_error
from desktop.plan_filter import TaskFilter
from desktop.plan_model import PlanTreeModel
from desktop.plan_rows import Key
from desktop.preferences import LAST_TASK, MAIN_VIEW, OPERATOR, load, save
from desktop.progress_form import ProgressForm
from desktop.saving import ask_folder, ask_open_path, ask_open_paths, ask_save_path, tell_saved
from desktop.task_form import TaskForm
from desktop.tree_model import ID_ROLE, KIND_ROLE
from desktop.unit_view import UnitView
from desktop.unsaved import UnsavedGuard
from desktop.widgets import LetShortcutsThrough

if TYPE_CHECKING:
    from collections.abc import Iterable

    from desktop.main_window import MainWindow

T = TypeVar("T")


def leaving(action: Callable[[Controller], None]) -> Callable[[Controller], None]:
    """An action that leaves what the forms show, or reloads the ledger under
    them: their unsaved edits are saved or asked about first (desktop/unsaved.py)."""

    @functools.wraps(action)
    def guarded(self: Controller) -> None:
        self.guard.leave(lambda: action(self))

    return guarded


class Controller(QObject):
    """Fills the window's panes and drives them. Widgets of the window are
    reachable under the same names (`tree`, `tabs`, `month` …)."""

    def __init__(self, window: MainWindow, database: Database, today: date) -> None:
        super().__init__(window)
        self.window = window
        self.ledger = Ledger(database, self)
        self.today = today
        self.criteria = Criteria()
        self._collapsed: set[tuple[str, int]] = set()
        self.tree, self.tabs, self.details = window.tree, window.tabs, window.details
        self.plan_splitter, self.month, self.counts = window.plan_splitter, window.month, window.counts
        self._show_title()

        if window.model is None:
            window.set_model(PlanTreeModel(self.ledger, today, window))
        assert window.model is not None  # the first view's, or the one set just now
        self.model: PlanTreeModel = window.model
        self.model.attach(self.ledger)
        self.search = TaskFilter(self.ledger, self.model)

        self.task_form = TaskForm(self.ledger)
        self.heading_form = HeadingForm(self.ledger)
        self.hint = QLabel(self.tr("Select a task in the tree to see and edit it here."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.editor_stack = QStackedWidget()
        for widget in (self.hint, self.task_form, self.heading_form):
            self.editor_stack.addWidget(widget)
        window.task_page.setWidget(self.editor_stack)
        self.progress_form = ProgressForm(self.ledger)
        window.progress_page.setWidget(self.progress_form)
        self.task_history = HistoryView(self.ledger, for_task=True, today=today)
        window.history_layout.addWidget(self.task_history)
        self.unit_view = UnitView(self.ledger)
        window.unit_layout.addWidget(self.unit_view)
        self.unit_view.restore_layout()
        self.dashboard = attach_dashboard(self)
        self.filters = FilterBar()
        window.filter_slot.layout().addWidget(self.filters)  # type: ignore[union-attr]
        forms: tuple[DraftForm, ...] = (self.task_form, self.progress_form, self.heading_form)
        self.guard = UnsavedGuard(window, self.ledger, forms, DraftStore(drafts_path()))
        self._shown: tuple[str, int] | None = None  # what the panes show (the tree may point elsewhere a moment)
        for form, page in zip(forms, (window.task_page, window.progress_page, window.task_page), strict=True):
            form.form_state.dirty_changed.connect(lambda dirty, page=page: self._mark_tab(page, dirty))

        self._make_actions()
        self._set_operator()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.collapsed.connect(lambda index: self._collapsed.add(self._key(index)))
        self.tree.expanded.connect(lambda index: self._collapsed.discard(self._key(index)))
        self.month.currentIndexChanged.connect(self._month_changed)
        self.filters.changed.connect(self._filter_changed)
        self.filters.search_focused.connect(self.search.prepare)
        self.progress_form.month_chosen.connect(self._choose_month)
        self.unit_view.task_opened.connect(self.open_task)
        self.ledger.touched.connect(self._changed)
        self.ledger.refused.connect(lambda text: show_error(self.window, text))  # an undo on a full disk …

        self._after_reload()
        if database.warnings:
            show_error(self.window, "\n".join(database.warnings))
        last = load(LAST_TASK)
        if not self.tree.currentIndex().isValid() and self.model.index_of_task(last).isValid():
            self.open_task(last)
            self.tabs.setCurrentIndex(load(MAIN_VIEW))
        self._current_changed(self.tree.currentIndex(), QModelIndex())
        self.guard.offer_drafts(self._open_draft)

    def _set_operator(self) -> None:
        """The name the history records: asked once on this PC, the OS user until answered."""
        name = load(OPERATOR)
        if name:
            self.ledger.operator = name
            return
        dialog = QInputDialog(self.window)
        dialog.setObjectName("operatorDialog")
        dialog.setWindowTitle(self.tr("Your name"))
        dialog.setLabelText(QCoreApplication.translate("Preferences", OPERATOR.label))
        dialog.setTextValue(self.ledger.operator)
        dialog.textValueSelected.connect(self._operator_chosen)
        dialog.open()

    def _operator_chosen(self, name: str) -> None:
        if name.strip():
            save(OPERATOR, name.strip())
            self.ledger.operator = name.strip()

    # -- actions -------------------------------------------------------------

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Any, menu: Any
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_actions(self) -> None:
        window = self.window
        file_menu = window.file_menu
        self._action(self.tr("&New ledger…"), "Ctrl+Shift+T", self.new_ledger, file_menu)
        self._action(self.tr("&Open ledger…"), "Ctrl+Shift+O", self.open_ledger, file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Import plan…"), QKeySequence.StandardKey.Open, self.import_plan, file_menu)
        self._action(self.tr("&Export JSON…"), "Ctrl+Shift+E", self.export_json, file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Back up now"), "Ctrl+B", self.back_up_now, file_menu)
        self._action(self.tr("&Restore from a backup…"), None, self.choose_backup, file_menu)
        self._action(self.tr("&History of changes…"), "Ctrl+H", self.open_history, file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.window.close, file_menu)

        edit_menu = window.edit_menu
        undo = self.ledger.undo_stack.createUndoAction(self.window, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ledger.undo_stack.createRedoAction(self.window, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self._action(self.tr("New &task"), QKeySequence.StandardKey.New, self.new_task, edit_menu)
        self._action(self.tr("New &section"), "Ctrl+Shift+N", lambda: self.new_heading(level=1), edit_menu)
        self._action(self.tr("New su&bsection"), "Ctrl+Alt+N", lambda: self.new_heading(level=2), edit_menu)
        self._action(self.tr("New &level-3 heading"), "Ctrl+Alt+Shift+N", lambda: self.new_heading(level=3), edit_menu)
        self._action(self.tr("&Delete…"), "Ctrl+Delete", self.delete_selected, edit_menu)
        self._action(self.tr("Move u&p"), "Ctrl+Up", lambda: self.move_selected(-1), edit_menu)
        self._action(self.tr("Move do&wn"), "Ctrl+Down", lambda: self.move_selected(1), edit_menu)
        edit_menu.addSeparator()
        registry = self._action(self.tr("Unit re&gistry…"), "Ctrl+U", self.open_registry, edit_menu)
        LetShortcutsThrough(self.filters.search, registry.shortcuts())
        self._action(self.tr("Setti&ngs…"), QKeySequence.StandardKey.Preferences, self.open_settings, edit_menu)

        report_menu = window.report_menu
        self._action(self.tr("Monthly &supervision sheet…"), "Ctrl+P", lambda: self.open_report("sheet"), report_menu)
        self._action(self.tr("Supervision &notices…"), "Ctrl+Shift+P", self.open_notices, report_menu)
        self._action(self.tr("Register of n&otices…"), "Ctrl+Shift+G", self.open_notice_register, report_menu)
        report_menu.addSeparator()
        self._action(self.tr("Monthly &bulletin (Word)…"), "Ctrl+Shift+B", self.export_bulletin, report_menu)
        self._action(self.tr("&Ledger as Excel…"), "Ctrl+Shift+L", self.export_ledger, report_menu)
        self._action(self.tr("&Fill-in sheets for the units…"), "Ctrl+Shift+M", self.make_returns, report_menu)
        self._action(self.tr("&Import returned sheets…"), "Ctrl+Shift+I", self.import_returns, report_menu)
        self._action(self.tr("Units not yet &reported…"), "Ctrl+Shift+R", self.show_reminders, report_menu)

        view_menu = window.view_menu
        self._action(self.tr("&Plan"), "Ctrl+1", lambda: self.tabs.setCurrentIndex(0), view_menu)
        self._action(self.tr("U&nits"), "Ctrl+2", lambda: self.tabs.setCurrentIndex(1), view_menu)
        self._action(self.tr("&Find"), QKeySequence.StandardKey.Find, self._focus_search, view_menu)
        self._action(self.tr("&Clear filters"), "Ctrl+Shift+F", self.filters.clear, view_menu)
        self._action(self.tr("Pre&vious month"), "Ctrl+PgUp", lambda: self._step_month(1), view_menu)
        self._action(self.tr("Ne&xt month"), "Ctrl+PgDown", lambda: self._step_month(-1), view_menu)
        self._action(self.tr("&Task form"), "Ctrl+3", lambda: self.details.setCurrentIndex(0), view_menu)
        self._action(self.tr("&Monthly progress"), "Ctrl+4", lambda: self.details.setCurrentIndex(1), view_menu)
        self._action(self.tr("C&hanges of the task"), "Ctrl+5", lambda: self.details.setCurrentIndex(2), view_menu)

        help_menu = window.help_menu
        self._action(self.tr("&About"), None, self._about, help_menu)

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About"),
            self.tr("Supervision ledger %1\nThe ledger of a work plan, its monthly progress and supervision.").replace(
                "%1", __version__
            ),
        )

    # -- selection -----------------------------------------------------------

    @staticmethod
    def _key(index: QModelIndex) -> tuple[str, int]:
        return index.data(KIND_ROLE), index.data(ID_ROLE)

    def current(self) -> tuple[str, int] | None:
        index = self.tree.currentIndex()
        return self._key(index.siblingAtColumn(0)) if index.isValid() else None

    def current_plan_id(self) -> int | None:
        index = self.tree.currentIndex().siblingAtColumn(0)
        while index.isValid() and index.data(KIND_ROLE) != "plan":
            index = index.parent()
        if index.isValid():
            return index.data(ID_ROLE)
        ids = self.model.plan_ids()
        return ids[-1] if ids else None

    def open_task(self, task_id: int) -> None:
        """Select a task in the plan tree (from the unit view), clearing a filter that hides it."""
        if not self.model.index_of_task(task_id).isValid():
            self.filters.clear()
        self.tabs.setCurrentIndex(0)
        index = self.model.index_of_task(task_id)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.tree.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self._key(current.siblingAtColumn(0)) if current.isValid() else None
        if key != self._shown and self.guard.pending():
            self.guard.leave_later("selection", lambda: self._go_to(key), lambda: self._select(self._shown))
            return
        self._show(key)

    def _go_to(self, key: tuple[str, int] | None) -> None:
        self._select(key)
        self._show(self.current())

    def _show(self, key: tuple[str, int] | None) -> None:
        """The panes for the tree's current item (the forms are kept as they are
        for the item they already show: they follow the ledger's changes themselves)."""
        self.task_history.set_task(key[1] if key is not None and key[0] == "task" else None)
        if key != self._shown:
            self._shown = key
            kind = key[0] if key is not None else None
            self.heading_form.show_section(key[1] if key is not None and kind == "section" else None)
            if key is not None and kind == "task":
                self.task_form.show_task(key[1])
                self.editor_stack.setCurrentWidget(self.task_form)
                self.progress_form.show_task(key[1], self.model.months[self.model.plan_of_task(key[1]).id])
            else:
                self.task_form.show_task(None)
                self.progress_form.show_task(None, "")
                self.editor_stack.setCurrentWidget(self.heading_form if kind == "section" else self.hint)
        self._fill_months()

    def _mark_tab(self, page: QWidget, dirty: bool) -> None:
        """“Task *”, “Monthly progress *” while the form holds unsaved edits
        (the task page holds the task form or the heading form)."""
        index = self.details.indexOf(page)
        text = self.details.tabText(index).removesuffix(" *")
        self.details.setTabText(index, text + " *" if dirty else text)

    def may_close(self) -> bool:
        """Asked by the window as it is closed: unsaved edits are saved or asked about first."""
        return self.guard.may_close(self.window.close)

    def _open_draft(self, key: tuple[str, int], month: str) -> None:
        """A draft restored at the start: its task or heading, its month, its pane."""
        if key[0] == "task":
            self.open_task(key[1])
        else:
            self.tabs.setCurrentIndex(0)
            self._select(key)
        if month:
            self._choose_month(month)
        self.details.setCurrentIndex(1 if month else 0)

    # -- month ---------------------------------------------------------------

    def _fill_months(self) -> None:
        plan_id = self.current_plan_id()
        self.month.blockSignals(True)
        self.month.clear()
        if plan_id is not None:
            for value in reversed(Month.of_year(self.model.plan(plan_id).year)):
                self.month.addItem(value, value)
            self.month.setCurrentIndex(self.month.findData(self.model.months[plan_id]))
        self.month.blockSignals(False)

    def _month_changed(self) -> None:
        month = self.month.currentData()
        if month is None:
            return
        month = Month(month)
        if self.progress_form.shown_month() not in (None, month) and self.guard.pending([self.progress_form]):
            self.guard.leave_later("month", lambda: self._show_month(month), self._month_back, [self.progress_form])
            return
        self._show_month(month)

    def _show_month(self, month: str) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            return
        self._set_month_box(month)
        self.model.set_month(plan_id, month)
        if self._shown is not None and self._shown[0] == "task":
            self.progress_form.show_task(self._shown[1], month)
        self._refilter()

    def _month_back(self) -> None:
        """The month box back to the month the progress form shows."""
        shown = self.progress_form.shown_month()
        if shown is not None:
            self._set_month_box(shown)

    def _set_month_box(self, month: str) -> None:
        self.month.blockSignals(True)
        self.month.setCurrentIndex(self.month.findData(month))
        self.month.blockSignals(False)

    def _choose_month(self, month: str) -> None:
        index = self.month.findData(month)
        if index == self.month.currentIndex():
            self._month_changed()
        elif index >= 0:
            self.month.setCurrentIndex(index)

    def _step_month(self, step: int) -> None:
        index = self.month.currentIndex() + step
        if 0 <= index < self.month.count():
            self.month.setCurrentIndex(index)

    # -- filtering and refreshing --------------------------------------------

    def _filter_changed(self, criteria: Criteria) -> None:
        shown = self._shown
        if shown is not None and shown[0] != "plan" and self.guard.pending() and not self._still_shown(shown, criteria):
            self.guard.leave_later(
                "filter", lambda: self._apply_criteria(criteria), lambda: self.filters.set_criteria(self.criteria)
            )
            return
        self._apply_criteria(criteria)

    def _apply_criteria(self, criteria: Criteria) -> None:
        if self.filters.criteria() != criteria:  # changed meanwhile: the filters show what is applied
            self.filters.set_criteria(criteria)
        self.criteria = criteria
        self._refilter()

    def _still_shown(self, key: tuple[str, int], criteria: Criteria) -> bool:
        """Whether the task or heading `key` stays in the tree under `criteria`
        (a heading stays while a task under it does)."""
        visible = self.search.visible(criteria)
        if visible is None:
            return True
        return bool((self.model.tasks_under(key[1]) if key[0] == "section" else {key[1]}) & visible)

    def _refilter(self, follow: bool = True) -> None:
        """Apply the filters to the tree and the unit view; keep the selection
        (the panes follow when the filter hid it). With `follow` (the filter
        changed), the tree scrolls to the selection."""
        current = self.current()
        plan_id = self.current_plan_id()
        visible = self.search.visible(self.criteria)
        self._expand(self.model.show_only(visible))
        if follow:
            self._select(current)
        self._load_unit_view(plan_id, visible)
        self._show_counts(visible)
        if self.current() != self._shown:
            self._current_changed(self.tree.currentIndex(), QModelIndex())

    def _load_unit_view(self, plan_id: int | None, visible: set[int] | None) -> None:
        states = self.model.plan_states(plan_id) if plan_id is not None else {}
        month = self.model.months.get(plan_id, "") if plan_id is not None else ""
        self.unit_view.load(plan_id, month, states, visible, self.criteria.text)

    def _expand(self, headings: Iterable[Key]) -> None:
        """Expand these headings (shown anew: the view shows them collapsed)
        unless the person collapsed them; the view's expanded signal would
        record this as the person's doing: blocked."""
        self.tree.blockSignals(True)
        for key in headings:
            if key not in self._collapsed:
                index = self.model.index_of(*key)
                if index.isValid():
                    self.tree.expand(index)
        self.tree.blockSignals(False)

    def _select(self, key: tuple[str, int] | None) -> None:
        if key is None:
            return
        index = self.model.index_of(*key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _show_counts(self, visible: set[int] | None) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            self.counts.setText(self.tr("No plan yet: File → Import plan…"))
            return
        result = self.model.figures(plan_id)
        text = (
            self.tr("%1 tasks · %2: completed %3, overdue %4, not reported %5")
            .replace("%1", str(result.total))
            .replace("%2", self.model.months[plan_id])
            .replace("%3", str(result.completed))
            .replace("%4", str(result.overdue))
            .replace("%5", str(result.unreported))
        )
        if visible is not None:
            text = self.tr("Showing %1 of them · %2").replace("%1", str(len(visible))).replace("%2", text)
        self.counts.setText(text)

    def _changed(self, touched: Touched) -> None:
        """Refresh what the change touched: the tree's rows (desktop/plan_model.py),
        the filter's index, the unit view, the counts. A structural change
        keeps the selection (a row moved is selected again), the expansion and
        the scroll position."""
        if not touched:
            return
        current, scroll = self.current(), self.tree.verticalScrollBar().value()
        selection = self.tree.selectionModel()
        selection.blockSignals(True)  # a moved row is unselected for a moment: not a choice of the person's
        try:
            self._expand(self.model.refresh(touched))
            if current is not None and self.current() != current and not touched.everything:
                self.tree.setCurrentIndex(self.model.index_of(*current))
        finally:
            selection.blockSignals(False)
        self.search.refresh(touched)
        self.unit_view.refresh(touched)
        if touched.everything or touched.registry:
            with self.ledger.session() as session:
                self.filters.set_units(units(session))
        if touched.everything:
            self._refilter()
            self._fill_months()
            return
        self._refilter(follow=False)
        if touched.structure:
            self.tree.verticalScrollBar().setValue(scroll)

    def _after_reload(self) -> None:
        with self.ledger.session() as session:
            self.filters.set_units(units(session))
        self._expand(self.model.headings())
        self._refilter()
        self._fill_months()

    # -- editing -------------------------------------------------------------

    def _execute(self, text: str, call: Call[T]) -> T | None:
        """Run one operation; a refusal (a read-only database, a full disk …) is shown."""
        try:
            return self.ledger.run(text, call)
        except REFUSALS as exc:  # a refused edit, a read-only database, a full disk, a file made read-only …
            show_error(self.window, str(exc))
            return None

    @leaving
    def new_task(self) -> None:
        key = self.current()
        if key is None or key[0] == "plan":
            show_error(self.window, self.tr("Select the section or the task after which the new task goes."))
            return
        if key[0] == "task":
            section_id, after = self.model.task(key[1]).section_id, key[1]
        else:
            section_id, after = key[1], None
        task_id = self._execute(self.tr("New task"), editing.ADD_TASK(section_id, self.tr("Untitled task"), after))
        if task_id is not None:
            self.open_task(task_id)
            self.task_form.title.setFocus()
            self.task_form.title.selectAll()

    def new_heading(self, level: int) -> None:
        """A heading of `level` at the end of the plan (level 1) or of the
        selected heading one level up (the one the selection is in)."""
        self.guard.leave(lambda: self._new_heading(level))

    def _new_heading(self, level: int) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            return
        parent_id = None
        if level > 1:
            parent_id = self._selected_heading(level - 1)
            if parent_id is None:
                text = (
                    self.tr("Select the section the new subsection goes into.")
                    if level == 2
                    else self.tr("Select the subsection the new level-3 heading goes into.")
                )
                show_error(self.window, text)
                return
        text = {1: self.tr("New section"), 2: self.tr("New subsection")}.get(level, self.tr("New level-3 heading"))
        section_id = self._execute(text, editing.ADD_SECTION(plan_id, parent_id, self.tr("Untitled heading")))
        if section_id is not None:
            self._select(("section", section_id))
            self.heading_form.title.setFocus()
            self.heading_form.title.selectAll()

    def _selected_heading(self, level: int) -> int | None:
        """The id of the heading of `level` that is selected or holds the selection."""
        index = self.tree.currentIndex().siblingAtColumn(0)
        while index.isValid():
            if index.data(KIND_ROLE) == "section" and self.model.section(index.data(ID_ROLE)).level == level:
                return index.data(ID_ROLE)
            index = index.parent()
        return None

    def _current_text(self, key: tuple[str, int]) -> str:
        """The selected heading or task as messages name it."""
        if key[0] == "task":
            return self.model.task_text(key[1])
        return self.tree.currentIndex().siblingAtColumn(0).data()

    @leaving
    def delete_selected(self) -> None:
        key = self.current()
        if key is None or key[0] == "plan":
            return
        label = self._current_text(key)
        if key[0] == "task":
            question = self.tr("Delete task “%1” with its units and monthly reports?").replace("%1", label)
            text = self.tr("Delete task %1").replace("%1", label)
            ask(self.window, question, lambda: self._execute(text, editing.DELETE_TASK(key[1])))
        else:
            question = self.tr("Delete “%1” with everything under it?").replace("%1", label)
            ask(
                self.window,
                question,
                lambda: self._execute(self.tr("Delete %1").replace("%1", label), editing.DELETE_SECTION(key[1])),
            )

    def move_selected(self, offset: int) -> None:
        key = self.current()
        if key is None or key[0] == "plan":
            return
        text = self.tr("Move %1").replace("%1", self._current_text(key))
        if key[0] == "section":
            self._execute(text, editing.MOVE_SECTION(key[1], offset))
            return
        task = self.model.task(key[1])
        self._execute(text, editing.MOVE_TASK(key[1], task.section_id, task.position + offset))

    def open_registry(self) -> None:
        from desktop.registry_dialog import RegistryDialog

        RegistryDialog(self.ledger, self.window).open()

    def open_report(self, kind: str) -> None:
        from desktop.report_dialog import ReportDialog

        chosen = self._report_choices()
        if chosen is not None:
            ReportDialog(self.ledger, kind, *chosen, self.window).open()

    def open_notices(self) -> None:
        from desktop.notice_dialog import NoticeDialog

        chosen = self._report_choices()
        if chosen is not None:
            NoticeDialog(self.ledger, *chosen, self.today, self.window).open()

    def open_notice_register(self) -> None:
        from desktop.notice_register import NoticeRegisterDialog

        NoticeRegisterDialog(self.ledger, self.today, self.window).open()

    def _report_choices(self) -> tuple[int, list[str], str, list[tuple[int, str]]] | None:
        """The current plan, its months, the month shown, its lead units; None (said why) without a plan."""
        chosen = self._plan_and_month()
        if chosen is None:
            return None
        plan_id = chosen[0]
        with self.ledger.session() as session:
            by_unit = tasks_by_unit(session, plan_id)
            leads = [
                (info.id, info.name)
                for info in units_in_order(units(session))
                if by_unit.get(info.id) and by_unit[info.id].lead
            ]
        months = [self.month.itemData(i) for i in range(self.month.count())]
        return plan_id, months, self.model.months[plan_id], leads

    def _plan_and_month(self) -> tuple[int, str] | None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            show_error(self.window, self.tr("There is no plan to report on yet: File → Import plan…"))
            return None
        return plan_id, self.model.months[plan_id]

    def export_ledger(self) -> None:
        from desktop.returns_dialog import run_and_tell, write_ledger_job

        chosen = self._plan_and_month()
        if chosen is None:
            return
        word = self.tr("Ledger workbook")
        stem = f"{word}-{month_label(chosen[1])}-{self.model.plan(chosen[0]).title}"
        path, _ = ask_save_path(self.window, self.tr("Ledger as Excel"), stem, ".xlsx", self.tr("Excel (*.xlsx)"))
        if path:
            run_and_tell(
                self.window,
                self.tr("Writing the ledger…"),
                write_ledger_job,
                self.ledger.database,
                *chosen,
                path,
                done=lambda written: tell_saved(self.window, written),
                long=True,
            )

    def export_bulletin(self) -> None:
        from desktop.returns_dialog import run_and_tell, write_bulletin_job

        chosen = self._plan_and_month()
        if chosen is None:
            return
        word = self.tr("Bulletin")
        stem = f"{word}-{month_label(chosen[1])}-{self.model.plan(chosen[0]).title}"
        path, _ = ask_save_path(self.window, self.tr("Monthly bulletin"), stem, ".docx", self.tr("Word (*.docx)"))
        if path:
            run_and_tell(
                self.window,
                self.tr("Writing the bulletin…"),
                write_bulletin_job,
                self.ledger.database,
                *chosen,
                path,
                done=lambda written: tell_saved(self.window, written),
                long=True,
            )

    def make_returns(self) -> None:
        from desktop.returns_dialog import make_returns_job, run_and_tell

        chosen = self._plan_and_month()
        if chosen is None:
            return
        folder = ask_folder(self.window, self.tr("Folder for the fill-in sheets"))
        if folder:

            def done(paths: list[Path]) -> None:
                text = (
                    self.tr("%1 fill-in sheets written to %2").replace("%1", str(len(paths))).replace("%2", str(folder))
                )
                tell_saved(self.window, folder, text)

            run_and_tell(
                self.window,
                self.tr("Writing the fill-in sheets…"),
                make_returns_job,
                self.ledger.database,
                *chosen,
                folder,
                done=done,
                long=True,
            )

    def _writable(self) -> bool:
        """Whether the ledger can be written; if not, says why (before a file
        is chosen and read for an import that could not be stored)."""
        try:
            refuse_read_only(self.ledger.database)
        except ReadOnlyDatabaseError as exc:
            show_error(self.window, str(exc))
            return False
        return True

    @leaving
    def import_returns(self) -> None:
        from desktop.returns_dialog import ReturnsImportDialog, read_returns_job, run_and_tell

        chosen = self._plan_and_month()
        if chosen is None or not self._writable():
            return
        paths = ask_open_paths(self.window, self.tr("Returned sheets"), self.tr("Excel (*.xlsx)"))
        if paths:
            run_and_tell(
                self.window,
                self.tr("Reading the returned sheets…"),
                read_returns_job,
                self.ledger.database,
                *chosen,
                paths,
                done=lambda preview: ReturnsImportDialog(self.ledger, preview, self.window).open(),
            )

    def show_reminders(self) -> None:
        from desktop.returns_dialog import RemindersDialog

        chosen = self._plan_and_month()
        if chosen is not None:
            RemindersDialog(self.ledger, *chosen, self.window).open()

    def back_up_now(self) -> None:
        from db.safety.backup import backup_now

        try:
            path = backup_now(self.ledger.database.path)
        except (OSError, DatabaseError) as exc:
            show_error(self.window, str(exc))
            return
        self.window.statusBar().showMessage(self.tr("Backed up to %1").replace("%1", str(path)), 10000)

    @leaving
    def choose_backup(self) -> None:
        from db.safety.backup import list_backups

        if not self._writable():
            return
        backups = list_backups(self.ledger.database.path)
        if not backups:
            show_error(self.window, self.tr("There is no backup of this database yet."))
            return
        labels = [f"{b.made_at:%Y-%m-%d %H:%M}  {b.reason}  {b.size // 1024} KB  {b.path.name}" for b in backups]
        label, ok = QInputDialog.getItem(
            self.window,
            self.tr("Restore from a backup"),
            self.tr("Backup to go back to (newest first):"),
            labels,
            0,
            False,
        )
        if ok:
            backup = backups[labels.index(label)].path
            question = self.tr("Replace the database with the backup %1? The current database is backed up first.")
            ask(self.window, question.replace("%1", backup.name), lambda: self.restore_from(backup))

    def restore_from(self, backup: Path) -> None:
        """Close the database, put the backup in its place, open it again, and
        record the restore (db.operations.restore, as `main.py restore` does).

        Every refusal that can be known first (a damaged backup, another
        program's, the ledger itself, no room on the disk) comes while the
        database is still open: nothing is touched, nothing recorded, and the
        undo stack stays. A restore that fails later leaves the file as it
        was (db.safety.backup.restore_backup): it is opened again, with its
        undo stack."""
        from db.operations.restore import restore_ledger
        from db.safety.backup import check_restorable
        from db.schema.database import open_database

        database = self.ledger.database
        try:
            check_restorable(database.path, backup)
        except (OSError, *REFUSALS) as exc:
            show_error(self.window, str(exc))
            return
        database.close()
        try:
            restored = restore_ledger(
                database.path,
                backup,
                action=self.tr("Restore from backup %1").replace("%1", backup.name),
                operator=self.ledger.operator,
            )
        except (OSError, *REFUSALS) as exc:
            show_error(self.window, str(exc))
            self.ledger.replace_database(open_database(database.path), keep_undo=True)
            return
        self.ledger.replace_database(restored.database)

    def open_history(self) -> None:
        from desktop.history_view import HistoryDialog

        HistoryDialog(self.ledger, self.window).open()

    def open_settings(self) -> None:
        from desktop.settings_dialog import SettingsDialog

        SettingsDialog(self.ledger, self.window).open()

    @leaving
    def import_plan(self) -> None:
        if not self._writable():
            return
        path = ask_open_path(
            self.window, self.tr("Import plan"), self.tr("Plans (*.docx *.pdf *.xlsx *.xls *.csv *.txt);;All files (*)")
        )
        if path:
            from desktop.import_dialog import ImportPlanDialog

            ImportPlanDialog(self.ledger, path, self.window, new_ledger=self.new_ledger_for_import).open()

    # -- ledger files ----------------------------------------------------------

    def show_writability(self) -> None:
        """The title and the forms say whether the ledger can be changed: after
        the day's check found the file damaged (the window stopped writing),
        after a restore put a good one in its place."""
        self._show_title()
        for form in self.guard.forms:
            form.form_state.marker.set_read_only(self.ledger.database.read_only)

    def _show_title(self) -> None:
        """The window's title names the ledger file it works on."""
        database = self.ledger.database
        title = self.tr("Supervision ledger — %1").replace("%1", database.path.name)
        if database.read_only:
            title += " " + self.tr("(read-only)")
        self.window.setWindowTitle(title)

    @leaving
    def new_ledger(self) -> None:
        """File → New ledger…: an empty ledger (no plan, an empty unit registry) where the person chooses."""
        path = self._ask_new_ledger_path(self.tr("New ledger"))
        if path is not None:
            self.create_ledger_at(path)

    def new_ledger_for_import(self, name: str, then: Callable[[], None]) -> None:
        """The import dialog's “New ledger and import”: a new ledger (named
        `name` unless the person names it otherwise), the window switched to
        it, then `then()` (the import, one undoable step in the new ledger)."""
        path = self._ask_new_ledger_path(name)
        if path is not None and self.create_ledger_at(path):
            then()

    def _ask_new_ledger_path(self, name: str) -> Path | None:
        from db.safety.storage import safe_file_name
        from desktop.ledger_files import ledger_folder

        suggested = ledger_folder() / safe_file_name(name, ".db")
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("New ledger"),
            str(suggested),
            self.tr("Ledgers (*.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused, never overwritten
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".db")

    def create_ledger_at(self, path: Path) -> bool:
        """Create an empty ledger at `path` and switch the window to it;
        whether it did (a refusal is shown: an existing file, a folder that
        cannot be written …)."""
        from db.schema.database import create_database

        try:
            database = create_database(path)
        except (DatabaseError, InputError, OSError) as exc:
            show_error(self.window, str(exc))
            return False
        self._switch_to(database)
        return True

    @leaving
    def open_ledger(self) -> None:
        """File → Open ledger…: another ledger file."""
        from desktop.ledger_files import ledger_folder

        chosen, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open ledger"), str(ledger_folder()), self.tr("Ledgers (*.db);;All files (*)")
        )
        if chosen:
            self.open_ledger_at(Path(chosen))

    def open_ledger_at(self, path: Path) -> bool:
        """Switch the window to the ledger at `path`, after the checks of
        opening (another program's file, a damaged one, a newer one are
        refused with their message; one in use elsewhere may be opened
        read-only); whether it did. Refused, the window stays where it was."""
        from desktop.opening import open_existing_for_window

        if path.exists() and self.ledger.database.path.exists() and path.samefile(self.ledger.database.path):
            self.window.statusBar().showMessage(self.tr("%1 is the ledger open now.").replace("%1", str(path)), 8000)
            return False
        try:
            database = open_existing_for_window(path, self._ask_now)
        except (DatabaseError, InputError, OSError) as exc:
            show_error(self.window, str(exc))
            return False
        if database is None:  # declined to open it read-only, or to restore a backup
            return False
        self._switch_to(database)
        return True

    def _ask_now(self, question: str) -> bool:
        """A question opening a ledger asks (read-only? restore the backup?), answered before it goes on."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Open ledger"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("openLedgerQuestion")
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def _switch_to(self, database: Database) -> None:
        """Put the window on another ledger file: nothing of the old one shown
        (selection, filters, months), the old one closed and the undo stack
        cleared (Ledger.replace_database), every view reloaded; the old one's
        view cache written, as on closing; remembered for the next start."""
        from desktop.errors import log_beside
        from desktop.ledger_files import remember_ledger
        from desktop.view_cache import write_view_cache

        previous, shown = self.ledger.database, self.model.data_
        self.tree.setCurrentIndex(QModelIndex())
        self.filters.clear()
        self._collapsed.clear()
        self.model.forget_months()
        self.ledger.replace_database(database)
        write_view_cache(previous.path, self.today, shown)
        remember_ledger(database.path)
        log_beside(database.path)
        self._show_title()
        self.window.statusBar().showMessage(self.tr("Opened %1").replace("%1", str(database.path)), 10000)
        if database.warnings:
            show_error(self.window, "\n".join(database.warnings))
        self.guard.ledger_switched(self._open_draft)

    def export_json(self) -> None:
        path, _ = ask_save_path(
            self.window, self.tr("Export JSON"), self.ledger.database.path.stem, ".json", self.tr("JSON (*.json)")
        )
        if path:
            from desktop.import_dialog import export_json_to

            export_json_to(self.ledger, path, self.window).finished.connect(lambda _: tell_saved(self.window, path))

    # -- layout --------------------------------------------------------------

    def save_layout(self) -> None:
        """What the window's own layout does not hold: the unit view's splitter, the last task."""
        self.unit_view.save_layout()
        current = self.current()
        if current is not None and current[0] == "task":
            save(LAST_TASK, current[1])

"""Importing a plan file after a preview a person can correct; exporting the
ledger as JSON. The slow parts run in workers (desktop.workers, the jobs in
desktop.import_jobs).

The preview shows the file's grid as the reader read it — every row with its
kind, every column headed by its role, merged cells spanned — beside the plan
that will be imported and its figures. Changing a column's role (click its
header, right-click, or Ctrl+R) or a row's kind (the Row column, right-click,
or Ctrl+K) reads the grid again at once, on a worker, without reading the
file again. Import stores what the preview shows, after a backup, as one
undoable step, and remembers the column roles for the file's header, so that
the next plan in the same layout opens with them.

Into a ledger whose unit registry is the sample that comes with the program
(db.plans.registry.sample_match), a plan the title says is another office's is
never imported: the dialog says so at its top and offers “New ledger and
import” instead (the window switches to a new ledger, and the import is made
there); a plan whose title does not tell is imported with a note saying
against whose units its names are matched.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.limits import YEARS
from db.operations.import_plan import PlanImported
from db.operations.runner import Done
from db.plans import COLUMN_ROLES, ROW_KINDS, Choices
from db.plans.leads import parsed_labels
from db.plans.registry import SampleMatch, sample_match
from db.plans.review import Review
from db.queries.export_json import write_json
from db.schema.database import Database
from desktop.grid_model import KIND_COLUMN, GridModel, KindDelegate
from desktop.import_jobs import Opened, Read, import_read, open_file, read_again
from desktop.labels import column_role_label, row_kind_label
from desktop.lead_units import LeadUnitsPane
from desktop.ledger import Ledger
from desktop.plan_preview import CONTINUED_ROLE, PlanPreviewModel
from desktop.preferences import IMPORT_DIALOG, IMPORT_SPLITTERS, load, save
from desktop.workers import Worker, failure_text, run_busy, show_failure

__all__ = ["CONTINUED_ROLE", "ImportPlanDialog", "export_json_to"]

NO_YEAR = YEARS[0] - 1  # the year box's value while no year is given (shown as "—")
TITLE_MAX = 200  # the length of plans.title
COLUMN_WIDTH = 240  # the widest a grid column starts
# The window's “new ledger, then …”: (a name for the file, what to do once the window is on it).
NewLedger = Callable[[str, Callable[[], None]], None]


# -- the JSON export --------------------------------------------------------------


def write_export(database: Database, path: Path) -> Path:
    with database.session() as session:
        write_json(session, path)
    return path


def export_json_to(ledger: Ledger, path: Path, parent: QWidget) -> Worker:
    """Write the JSON export to `path` in a worker; errors are shown over
    `parent`. The returned worker's `finished(path)` says it is written."""
    text = QCoreApplication.translate("ImportPlanDialog", "Writing {file}…").format(file=path.name)
    worker = run_busy(parent, text, write_export, ledger.database, path)
    worker.failed.connect(lambda exc: show_failure(parent, exc, ledger.database.path))
    return worker


# -- the preview ------------------------------------------------------------------


class ImportPlanDialog(QDialog):
    """Reads `path`, shows what was read, lets the reading be corrected, and
    imports it on request as one undoable command. Deletes itself when closed."""

    imported = Signal(int)  # the new plan's id
    shown = Signal()  # a reading (the first, or one after a change) is on screen

    def __init__(
        self, ledger: Ledger, path: Path, parent: QWidget | None = None, new_ledger: NewLedger | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("importPlanDialog")
        self.ledger = ledger
        self.path = path
        self.opened: Opened | None = None
        self.read: Read | None = None  # the reading on screen
        self.columns: dict[int, str] = {}  # the person's choices: column → role
        self.rows: dict[int, str] = {}  # row → kind
        self.leads: dict[str, str] = {}  # task label → the lead unit given to a task the plan names none for
        self._busy = True  # opening or importing: nothing can be changed
        self._rereading: Worker | None = None
        self._again = False  # choices changed while a reading ran: read once more after it
        self._failed = ""  # why the latest choices could not be read, if they could not
        self._new_ledger = new_ledger
        self._sample = ""  # the office whose sample registry the ledger holds, once read (db.plans.registry)
        self.setWindowTitle(self.tr("Import plan {file}").format(file=path.name))
        self.grid_model = GridModel(self)
        self.model = PlanPreviewModel(self)
        self._build()
        self._restore_layout()
        self.worker = run_busy(
            self, self.tr("Reading {file}…").format(file=path.name), open_file, ledger.database, path, cancellable=True
        )
        self.worker.finished.connect(self._opened)
        self.worker.failed.connect(self._reading_failed)
        self.worker.cancelled.connect(self.reject)

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit(objectName="titleEdit", maxLength=TITLE_MAX)
        self.year_spin = QSpinBox(objectName="yearSpin", minimum=NO_YEAR, maximum=YEARS[1])
        self.year_spin.setSpecialValueText("—")
        self.year_hint = QLabel(self.tr("The file names no year: enter the plan's year."), objectName="yearHint")
        self.year_hint.setStyleSheet("color: #b00020")
        self.year_hint.hide()
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_spin)
        year_row.addWidget(self.year_hint, 1)
        form = QFormLayout()
        form.addRow(self.tr("File:"), QLabel(str(self.path), wordWrap=True))
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Year:"), year_row)
        # the QFormLayout buddy of a layout row is not set: the label of the year box
        year_label = form.labelForField(year_row)
        if isinstance(year_label, QLabel):
            year_label.setBuddy(self.year_spin)

        self.grid_view = QTableView(objectName="gridView")
        self.grid_view.setModel(self.grid_model)
        self.grid_view.setItemDelegateForColumn(KIND_COLUMN, KindDelegate(self.grid_view))
        self.grid_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.grid_view.setWordWrap(True)
        self.grid_view.horizontalHeader().setSectionsClickable(True)
        self.grid_view.horizontalHeader().setStretchLastSection(True)
        self.grid_view.horizontalHeader().sectionClicked.connect(self._header_clicked)
        for widget in (self.grid_view, self.grid_view.horizontalHeader(), self.grid_view.verticalHeader()):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid_view.customContextMenuRequested.connect(self._cells_menu_requested)
        self.grid_view.verticalHeader().customContextMenuRequested.connect(self._rows_menu_requested)
        self.grid_view.horizontalHeader().customContextMenuRequested.connect(self._header_menu_requested)
        self.grid_model.kind_chosen.connect(self._set_kind)

        self.role_button = QPushButton(self.tr("Read column as…"), objectName="roleButton")
        self.kind_button = QPushButton(self.tr("Read rows as…"), objectName="kindButton")
        self.role_action = self._shortcut(self.tr("Column role"), "Ctrl+R", self.show_role_menu)
        self.kind_action = self._shortcut(self.tr("Row kind"), "Ctrl+K", self.show_kind_menu)
        self.role_button.setToolTip(self.tr("How the current column is read (Ctrl+R)"))
        self.kind_button.setToolTip(self.tr("How the selected rows are read (Ctrl+K)"))
        self.role_button.clicked.connect(self.show_role_menu)
        self.kind_button.clicked.connect(self.show_kind_menu)
        self.status = QLabel(objectName="rereadStatus", wordWrap=True)
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("As read from the file — click a column's header to read it otherwise:")), 1)
        tools.addWidget(self.role_button)
        tools.addWidget(self.kind_button)
        grid_pane = QWidget()
        grid_layout = QVBoxLayout(grid_pane)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addLayout(tools)
        grid_layout.addWidget(self.grid_view, 1)
        grid_layout.addWidget(self.status)

        self.tree = QTreeView(objectName="previewTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(0, 320)
        tree_pane = QWidget()
        tree_layout = QVBoxLayout(tree_pane)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(QLabel(self.tr("What will be imported:")))
        tree_layout.addWidget(self.tree, 1)

        self.side = QSplitter(Qt.Orientation.Vertical, objectName="sideSplitter")
        self.side.addWidget(tree_pane)
        self.lead_units = LeadUnitsPane()
        self.lead_units.lead_given.connect(self._give_lead)
        self.lead_units.hide()
        self.side.addWidget(self.lead_units)
        self.figures_area = self._figures()
        self.side.addWidget(self.figures_area)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="previewSplitter")
        self.splitter.addWidget(grid_pane)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 480])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.new_ledger_button = self.buttons.addButton(
            self.tr("&New ledger and import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.new_ledger_button.setObjectName("newLedgerButton")
        self.new_ledger_button.setToolTip(
            self.tr("Create a new ledger with an empty unit registry and import the plan there")
        )
        self.new_ledger_button.clicked.connect(self._import_into_new_ledger)
        self.buttons.accepted.connect(self._start_import)
        self.buttons.rejected.connect(self.reject)
        self.sample_banner = QLabel(objectName="sampleBanner", wordWrap=True)
        self.sample_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sample_banner.hide()
        self.title_edit.textChanged.connect(self._update_controls)
        self.year_spin.valueChanged.connect(self._year_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sample_banner)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)
        order = [
            self.title_edit,
            self.year_spin,
            self.grid_view,
            self.role_button,
            self.kind_button,
            self.tree,
            self.lead_units.view,
            self.figures_area,
            self.import_button,
            self.new_ledger_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self._update_controls()

    def _figures(self) -> QScrollArea:
        names = ("sectionCount", "subsectionCount", "level3Count", "taskCount", "noLeadCount", "continuedCount")
        self.counts = {name: QLabel(objectName=name) for name in names}
        self.new_units_label = QLabel(objectName="newUnits", wordWrap=True)
        self.collectives_label = QLabel(objectName="emptyCollectives", wordWrap=True)
        self.notes_label = QLabel(objectName="readerNotes", wordWrap=True)
        for label in (self.new_units_label, self.collectives_label, self.notes_label, self.counts["noLeadCount"]):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        figures = QWidget(objectName="figures")
        form = QFormLayout(figures)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Headings, level 1:"), self.counts["sectionCount"])
        form.addRow(self.tr("Headings, level 2:"), self.counts["subsectionCount"])
        form.addRow(self.tr("Headings, level 3:"), self.counts["level3Count"])
        form.addRow(self.tr("Tasks:"), self.counts["taskCount"])
        form.addRow(self.tr("Tasks without a lead unit:"), self.counts["noLeadCount"])
        form.addRow(self.tr("Units carried down from merged cells (in italics):"), self.counts["continuedCount"])
        form.addRow(self.tr("Units new to the registry:"), self.new_units_label)
        form.addRow(self.tr("Collective names without members:"), self.collectives_label)
        form.addRow(self.tr("The reader notes:"), self.notes_label)
        scroll = QScrollArea(objectName="figuresArea", widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(figures)
        return scroll

    def _shortcut(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _restore_layout(self) -> None:
        self.resize(1200, 720)
        self.restoreGeometry(load(IMPORT_DIALOG))
        for splitter in (self.splitter, self.side):
            splitter.restoreState(load(IMPORT_SPLITTERS[splitter.objectName()]))

    def _save_layout(self) -> None:
        save(IMPORT_DIALOG, self.saveGeometry())
        for splitter in (self.splitter, self.side):
            save(IMPORT_SPLITTERS[splitter.objectName()], splitter.saveState())

    # -- state -------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        """While the file is opened or imported, nothing can be changed or started."""
        self._busy = busy
        self._update_controls()

    def year(self) -> int | None:
        value = self.year_spin.value()
        return None if value == NO_YEAR else value

    @Slot()
    def _update_controls(self) -> None:
        ready = self.read is not None and not self._busy
        for widget in (
            self.title_edit,
            self.year_spin,
            self.grid_view,
            self.tree,
            self.role_button,
            self.kind_button,
            self.lead_units,
        ):
            widget.setEnabled(ready)
        for action in (self.role_action, self.kind_action):
            action.setEnabled(ready)
        settled = self._rereading is None and not self._again and not self._failed  # what is shown is what was chosen
        given = bool(self.title_edit.text().strip()) and self.year() is not None
        sample = self.sample_match()
        other = sample is not None and sample.plan_office is not None  # never imported into the sample
        self.import_button.setEnabled(ready and settled and given and not other)
        self.import_button.setVisible(not other)
        self.new_ledger_button.setVisible(sample is not None and self._new_ledger is not None)
        self.new_ledger_button.setEnabled(ready and settled and given)
        self.import_button.setDefault(not other)
        self.new_ledger_button.setDefault(other)
        self._show_sample(sample)

    def sample_match(self) -> SampleMatch | None:
        """What importing the plan, under the title as it now stands, into this
        ledger's sample registry would mean; None when there is nothing to say."""
        return sample_match(self.title_edit.text(), self._sample) if self.read is not None else None

    def _show_sample(self, sample: SampleMatch | None) -> None:
        if sample is None:
            self.sample_banner.hide()
            return
        if sample.plan_office is not None:
            text = self.tr(
                "This is the plan of %1, but the unit registry of this ledger is the sample of %2 that comes with "
                "the program: imported here, its units would be renamed to %2's names and given %2's members. "
                "Import it into a new ledger."
            ).replace("%1", sample.plan_office)
            self.sample_banner.setStyleSheet("background: #fde7e9; color: #8a1020; padding: 6px")
        else:
            text = self.tr(
                "The unit registry of this ledger is the sample of %2 that comes with the program, and the title "
                "does not tell whose plan this is: its unit names will be matched against %2's units (aliases "
                "renamed to their names, collectives given their members). If it is not %2's plan, import it "
                "into a new ledger."
            )
            self.sample_banner.setStyleSheet("background: #fff4ce; color: #5c4400; padding: 6px")
        self.sample_banner.setText(text.replace("%2", sample.sample))
        self.sample_banner.show()

    @Slot()
    def _year_changed(self) -> None:
        self.year_hint.setVisible(self.read is not None and not self.read.year_found and self.year() is None)
        self._update_controls()

    # -- reading -----------------------------------------------------------------

    @Slot(object)
    def _opened(self, opened: Opened) -> None:
        if not self.isVisible():  # closed while the file was being read
            return
        self.opened = opened
        self._sample = opened.registry.sample
        self.columns = dict(opened.remembered)
        plan = opened.read.reading.plan
        self.title_edit.setText(plan.title)
        self.year_spin.setValue(plan.year if opened.read.year_found else NO_YEAR)
        self._set_busy(False)
        self._show(opened.read)
        if opened.remembered:
            self.status.setText(self.tr("The column roles chosen for this layout before are applied."))
        if opened.read.year_found:
            self.import_button.setFocus()
        else:
            self.year_spin.setFocus()
            self.year_spin.selectAll()

    def _show(self, read: Read) -> None:
        first = self.read is None
        self.read = read
        self.grid_model.show_reading(read.reading)
        self.grid_view.clearSpans()
        for row, column, rows, columns in self.grid_model.spans():
            self.grid_view.setSpan(row, column, rows, columns)
        for label in read.reading.unused_leads:  # the task is gone, or got its lead unit from the file, in this reading
            self.leads.pop(label, None)
        self.model.show_plan(read.reading.plan, self.leads)
        self.tree.expandAll()
        self._show_lead_units(read)
        if first:
            self._fit_columns()
        self._show_figures(read.review)
        self._year_changed()
        self._update_controls()
        self.shown.emit()

    def _fit_columns(self) -> None:
        """Columns as wide as their text, within reason (long cells wrap in their tooltips)."""
        header = self.grid_view.horizontalHeader()
        self.grid_view.resizeColumnToContents(KIND_COLUMN)
        for column in range(1, self.grid_model.columnCount()):
            header.resizeSection(column, min(max(self.grid_view.sizeHintForColumn(column), 80), COLUMN_WIDTH))

    def _show_figures(self, review: Review) -> None:
        figures = {
            "sectionCount": review.headings[0],
            "subsectionCount": review.headings[1],
            "level3Count": review.headings[2],
            "taskCount": review.tasks,
            "noLeadCount": len(review.no_lead),
            "continuedCount": review.continued,
        }
        for name, value in figures.items():
            self.counts[name].setText(str(value))
        self.counts["noLeadCount"].setToolTip("、".join(review.no_lead))
        self.new_units_label.setText("、".join(review.new_units) or self.tr("None"))
        self.collectives_label.setText("、".join(review.empty_collectives) or self.tr("None"))
        self.notes_label.setText("\n".join(review.notes) or self.tr("None"))

    def _show_lead_units(self, read: Read) -> None:
        """The tasks the plan names no lead unit for, with those given here."""
        labels = parsed_labels(read.reading.plan)
        wanted = set(read.review.no_lead) | set(self.leads)
        tasks = [
            (labels[id(task)], task.title, self.leads.get(labels[id(task)], ""))
            for task in read.reading.plan.all_tasks()
            if labels[id(task)] in wanted
        ]
        plan_names = {a.unit.name for task in read.reading.plan.all_tasks() for a in (*task.lead, *task.responsible)}
        known = self.opened.registry.known if self.opened is not None else frozenset()
        self.lead_units.show_tasks(tasks, known | plan_names)
        self.lead_units.setVisible(bool(tasks))

    @Slot(str, str)
    def _give_lead(self, label: str, name: str) -> None:
        """A lead unit given to a task (or taken back: ""): read again with it."""
        if name:
            self.leads[label] = name
        else:
            self.leads.pop(label, None)
        self._read_again()

    @Slot(object)
    def _reading_failed(self, exc: Exception) -> None:
        if not self.isVisible():
            return
        box = show_failure(self, exc, self.ledger.database.path)
        box.finished.connect(self.reject)  # nothing to preview

    # -- the person's choices ----------------------------------------------------

    def role_menu(self, column: int) -> QMenu:
        """How grid column `column` can be read: as guessed, or in any role."""
        assert self.read is not None
        menu = QMenu(self, objectName="roleMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        current = self.read.reading.columns[column]
        guessed = menu.addAction(self.tr("As the reader sees it"))
        guessed.setData(None)
        guessed.setEnabled(column in self.columns)
        menu.addSeparator()
        for role in COLUMN_ROLES:
            action = menu.addAction(column_role_label(role))
            action.setData(role)
            action.setCheckable(True)
            action.setChecked(role == current)
        menu.triggered.connect(lambda action: self._set_role(column, action.data()))
        return menu

    def kind_menu(self, rows: list[int]) -> QMenu:
        """How the rows can be read: as the reader sees them, or as any kind."""
        assert self.read is not None
        menu = QMenu(self, objectName="kindMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        kinds = {self.read.reading.rows[row] for row in rows}
        guessed = menu.addAction(self.tr("As the reader sees them"))
        guessed.setData(None)
        guessed.setEnabled(any(row in self.rows for row in rows))
        menu.addSeparator()
        for kind in ROW_KINDS:
            action = menu.addAction(row_kind_label(kind))
            action.setData(kind)
            action.setCheckable(True)
            action.setChecked(kinds == {kind})
        menu.triggered.connect(lambda action: self._set_kind(rows, action.data()))
        return menu

    def choices(self) -> Choices:
        """The person's corrections as they stand: column roles, row kinds, lead units given."""
        return Choices(columns=dict(self.columns), rows=dict(self.rows), leads=dict(self.leads))

    def _current_column(self) -> int:
        return max(self.grid_view.currentIndex().column(), 1) - 1

    def _selected_rows(self) -> list[int]:
        rows = sorted({index.row() for index in self.grid_view.selectionModel().selectedIndexes()})
        current = self.grid_view.currentIndex()
        return rows or ([current.row()] if current.isValid() else [])

    @Slot()
    def show_role_menu(self) -> None:
        if self.read is None or not self.role_action.isEnabled():
            return
        column = self._current_column()
        header = self.grid_view.horizontalHeader()
        x = header.sectionViewportPosition(column + 1)
        self.role_menu(column).popup(header.mapToGlobal(QPoint(max(x, 0), header.height())))

    @Slot()
    def show_kind_menu(self) -> None:
        rows = self._selected_rows() if self.read is not None and self.kind_action.isEnabled() else []
        if not rows:
            return
        y = self.grid_view.rowViewportPosition(rows[0])
        viewport = self.grid_view.viewport()
        self.kind_menu(rows).popup(viewport.mapToGlobal(QPoint(0, max(y, 0))))

    @Slot(int)
    def _header_clicked(self, section: int) -> None:
        if section == KIND_COLUMN or self.read is None or self._busy:
            return
        self.grid_view.setCurrentIndex(self.grid_model.index(max(self.grid_view.currentIndex().row(), 0), section))
        self.show_role_menu()

    @Slot(QPoint)
    def _header_menu_requested(self, position: QPoint) -> None:
        section = self.grid_view.horizontalHeader().logicalIndexAt(position)
        if section > KIND_COLUMN and self.read is not None and not self._busy:
            self.role_menu(section - 1).popup(self.grid_view.horizontalHeader().mapToGlobal(position))

    @Slot(QPoint)
    def _cells_menu_requested(self, position: QPoint) -> None:
        """A right-click on the cells (`position` in the viewport) or the menu key."""
        self._rows_menu(self.grid_view.rowAt(position.y()), self.grid_view.viewport().mapToGlobal(position))

    @Slot(QPoint)
    def _rows_menu_requested(self, position: QPoint) -> None:
        header = self.grid_view.verticalHeader()
        self._rows_menu(header.logicalIndexAt(position), header.mapToGlobal(position))

    def _rows_menu(self, row: int, where: QPoint) -> None:
        """The kind menu for the selected rows, or for the row clicked when it is not one of them."""
        if self.read is None or self._busy:
            return
        rows = self._selected_rows()
        if row >= 0 and row not in rows:
            rows = [row]
        if rows:
            self.kind_menu(rows).popup(where)

    def _set_role(self, column: int, role: str | None) -> None:
        if role is None:
            self.columns.pop(column, None)
        else:
            self.columns[column] = role
        self._read_again()

    @Slot(list, str)
    def _set_kind(self, rows: list[int], kind: str | None) -> None:
        for row in rows:
            if kind is None:
                self.rows.pop(row, None)
            else:
                self.rows[row] = kind
        self._read_again()

    def _read_again(self) -> None:
        """Read the grid again with the choices: on a worker, one reading at a
        time; choices made meanwhile are read once it is done."""
        if self.opened is None:
            return
        if self._rereading is not None:
            self._again = True
            return
        self._again = False
        self.status.setText(self.tr("Reading again…"))
        worker = Worker(read_again, self.opened.grid, self.opened.registry, self.choices(), None, self.year())
        worker.finished.connect(self._read_done)
        worker.failed.connect(self._read_refused)
        worker.ended.connect(self._read_ended)
        self._rereading = worker
        self._update_controls()
        worker.start()

    @Slot(object)
    def _read_done(self, read: Read) -> None:
        if self._again or not self.isVisible():
            return  # outdated: the next reading follows
        self._failed = ""
        self.status.setText("")
        self._show(read)

    @Slot(object)
    def _read_refused(self, exc: Exception) -> None:
        if self._again or not self.isVisible():
            return
        self._failed = failure_text(exc)[0]
        self.status.setText(self.tr("Cannot be read this way: %1").replace("%1", self._failed))
        self.status.setStyleSheet("color: #b00020")

    @Slot()
    def _read_ended(self) -> None:
        self._rereading = None
        if not self._failed:
            self.status.setStyleSheet("")
        if self._again and self.isVisible():
            self._read_again()
        self._update_controls()

    # -- importing ------------------------------------------------------------------

    @Slot()
    def _import_into_new_ledger(self) -> None:
        """A new ledger, the window switched to it, then the import there."""
        sample = self.sample_match()
        if self._new_ledger is None or sample is None or not self.new_ledger_button.isEnabled():
            return
        if sample.plan_office is not None:
            name = self.tr("Ledger of %1").replace("%1", sample.plan_office)
        else:
            name = self.title_edit.text().strip()
        self._new_ledger(name, self._import_into_switched)

    def _import_into_switched(self) -> None:
        """The window is on the new ledger (its registry empty, no sample): import there."""
        self._sample = ""
        self._update_controls()
        self._start_import()

    @Slot()
    def _start_import(self) -> None:
        year = self.year()
        if not self.import_button.isEnabled() or self.opened is None or year is None:
            return
        self._set_busy(True)
        title = self.title_edit.text().strip()
        action = self.tr("Import plan {title}").format(title=title)
        choices = self.choices()
        remember = self.opened.signature if self.columns != self.opened.remembered else None
        self.worker = run_busy(
            self,
            self.tr("Importing {file}…").format(file=self.path.name),
            import_read,
            self.ledger.database,
            self.opened.grid,
            choices,
            title,
            year,
            remember,
            action,
            self.ledger.operator,
            cancellable=True,
        )
        self.worker.finished.connect(self._imported)
        self.worker.failed.connect(self._import_failed)
        self.worker.cancelled.connect(self._import_cancelled)

    @Slot(object)
    def _imported(self, done: Done[PlanImported]) -> None:
        self.ledger.push(done)
        self.imported.emit(done.value.report.plan_id)
        self.accept()

    @Slot()
    def _import_cancelled(self) -> None:
        self._set_busy(False)

    @Slot(object)
    def _import_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        show_failure(self, exc, self.ledger.database.path)

    def done(self, result: int) -> None:
        self.worker.cancel()  # closing abandons a job still running: nothing of it is kept
        self._save_layout()
        super().done(result)

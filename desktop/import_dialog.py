"""Importing a plan file, after a preview of what was read; exporting the
ledger as JSON. The slow parts run in workers (desktop.workers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.changes import ChangeSet
from db.history import recorded
from db.database import Database
from db.export_json import write_json
from db.ledger import units
from db.plan_import import ImportReport, import_plan
from db.plans import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask, clean, read_plan
from db.registry import collective_names
from desktop.ledger import Ledger
from desktop.messages import show_error
from desktop.workers import CancelToken, Worker, failure_text, run_busy

# Set on the lead and responsible cells of the preview: the cell's units were
# carried down from the merged cell above.
CONTINUED_ROLE = Qt.ItemDataRole.UserRole + 1
NO_LEAD_COLOUR = QColor("#b00020")
YEARS = (1950, 2100)
TITLE_MAX = 200  # the length of plans.title


# -- jobs (run on a worker thread: their own sessions, plain values out) -----


@dataclass(frozen=True)
class Preview:
    plan: ParsedPlan
    new_units: tuple[str, ...]  # names the registry does not know yet, in order of first use


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    changes: ChangeSet


def read_preview(database: Database, path: Path, *, cancel: CancelToken) -> Preview:
    """Read the plan file as the import will, without writing anything."""
    with database.session() as session:
        collectives = collective_names(session)
        known = {clean(name) for unit in units(session) for name in (unit.name, *unit.aliases)}
    plan = read_plan(path, collectives)
    cancel.check()
    named = (assignment.unit.name for task in plan.all_tasks() for assignment in (*task.lead, *task.responsible))
    new_units = dict.fromkeys(name for name in map(clean, named) if name not in known)
    return Preview(plan, tuple(new_units))


def import_file(
    database: Database,
    path: Path,
    previewed: ParsedPlan,
    title: str,
    year: int,
    action: str,
    operator: str,
    *,
    cancel: CancelToken,
) -> Imported:
    """Store the plan in one transaction whose changes are kept for undo.

    What was previewed is stored as it is; with another title or year, the
    file is read again with them, so that the reader checks them and works
    out the deadlines for that year.
    """
    with database.transaction() as session, recorded(session, action, operator) as changes:
        plan = previewed
        if (title, year) != (previewed.title, previewed.year):
            plan = read_plan(path, collective_names(session), title, year)
        report = import_plan(session, plan)
        cancel.check()  # the last moment at which stopping still writes nothing
    return Imported(report, changes)


def write_export(database: Database, path: Path) -> Path:
    with database.session() as session:
        write_json(session, path)
    return path


def export_json_to(ledger: Ledger, path: Path, parent: QWidget) -> Worker:
    """Write the JSON export to `path` in a worker; errors are shown over
    `parent`. The returned worker's `finished(path)` says it is written."""
    text = QCoreApplication.translate("ImportPlanDialog", "Writing {file}…").format(file=path.name)
    worker = run_busy(parent, text, write_export, ledger.database, path)
    worker.failed.connect(lambda exc: show_error(parent, *failure_text(exc)))
    return worker


# -- the preview ---------------------------------------------------------------


class PlanPreviewModel(QStandardItemModel):
    """Sections → subsections → tasks with their units, as read from the file.

    Units carried down from a merged cell are in italics and named in the
    Continued column; a task without a lead unit says so in red.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Task"), self.tr("Lead units"), self.tr("Responsible units"), self.tr("Continued")]
        )

    def show_plan(self, plan: ParsedPlan) -> None:
        self.removeRows(0, self.rowCount())
        for section in plan.sections:
            self.appendRow(self._section_row(section))

    def _section_row(self, section: ParsedSection) -> list[QStandardItem]:
        numeral = f"{section.numeral}、" if section.level == 1 else f"（{section.numeral}）"
        heading = _item(numeral + section.title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        for task in section.tasks:
            heading.appendRow(self._task_row(task))
        for sub in section.sections:
            heading.appendRow(self._section_row(sub))
        return [heading, _item(""), _item(""), _item("")]

    def _task_row(self, task: ParsedTask) -> list[QStandardItem]:
        title = _item(f"{task.number}. {task.title}")
        title.setToolTip(task.where)
        lead = self._units_item(task.lead)
        if not task.lead:
            lead.setText(self.tr("No lead unit"))
            lead.setForeground(QBrush(NO_LEAD_COLOUR))
        responsible = self._units_item(task.responsible)
        return [title, lead, responsible, _item(self._continued_text(task))]

    def _units_item(self, assignments: list[ParsedAssignment]) -> QStandardItem:
        item = _item("、".join(assignment.unit.name for assignment in assignments))
        continued = bool(assignments) and all(assignment.continued for assignment in assignments)
        item.setData(continued, CONTINUED_ROLE)
        if continued:
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            item.setToolTip(self.tr("Carried down from the merged cell above. Please check it."))
        return item

    def _continued_text(self, task: ParsedTask) -> str:
        lead = any(assignment.continued for assignment in task.lead)
        responsible = any(assignment.continued for assignment in task.responsible)
        if lead and responsible:
            return self.tr("Lead and responsible")
        if lead:
            return self.tr("Lead")
        if responsible:
            return self.tr("Responsible")
        return ""


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


class ImportPlanDialog(QDialog):
    """Reads `path`, shows what was read, and imports it on request as one
    undoable command. Deletes itself when closed."""

    imported = Signal(int)  # the new plan's id

    def __init__(self, ledger: Ledger, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("importPlanDialog")
        self.ledger = ledger
        self.path = path
        self.preview: Preview | None = None
        self.setWindowTitle(self.tr("Import plan {file}").format(file=path.name))
        self.model = PlanPreviewModel(self)
        self._build()
        self.resize(900, 640)
        self.restoreGeometry(QSettings().value("ImportPlanDialog/geometry", b""))
        self.worker = run_busy(self, self.tr("Reading {file}…").format(file=path.name), read_preview,
                               ledger.database, path, cancellable=True)
        self.worker.finished.connect(self._show_preview)
        self.worker.failed.connect(self._reading_failed)
        self.worker.cancelled.connect(self.reject)

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit(objectName="titleEdit", maxLength=TITLE_MAX)
        self.year_spin = QSpinBox(objectName="yearSpin", minimum=YEARS[0], maximum=YEARS[1])
        self.counts = {
            name: QLabel(objectName=name)
            for name in ("sectionCount", "subsectionCount", "taskCount", "noLeadCount", "continuedCount")
        }
        self.new_units_label = QLabel(objectName="newUnits", wordWrap=True)
        self.new_units_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("File:"), QLabel(str(self.path), wordWrap=True))
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Year:"), self.year_spin)
        form.addRow(self.tr("Sections:"), self.counts["sectionCount"])
        form.addRow(self.tr("Subsections:"), self.counts["subsectionCount"])
        form.addRow(self.tr("Tasks:"), self.counts["taskCount"])
        form.addRow(self.tr("Tasks without a lead unit:"), self.counts["noLeadCount"])
        form.addRow(self.tr("Units carried down from merged cells (in italics):"), self.counts["continuedCount"])
        form.addRow(self.tr("Units new to the registry:"), self.new_units_label)

        self.tree = QTreeView(objectName="previewTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(0, 420)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self._start_import)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._update_controls)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("What will be imported:")))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.title_edit, self.year_spin)
        self.setTabOrder(self.year_spin, self.tree)
        self.setTabOrder(self.tree, self.buttons)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        """While a job runs, nothing can be changed or started."""
        self._busy = busy
        self._update_controls()

    @Slot()
    def _update_controls(self) -> None:
        ready = self.preview is not None and not self._busy
        for widget in (self.title_edit, self.year_spin, self.tree):
            widget.setEnabled(ready)
        self.import_button.setEnabled(ready and bool(self.title_edit.text().strip()))

    # -- reading -----------------------------------------------------------------

    @Slot(object)
    def _show_preview(self, preview: Preview) -> None:
        if not self.isVisible():  # closed while the file was being read
            return
        self.preview = preview
        plan = preview.plan
        self.title_edit.setText(plan.title)
        self.year_spin.setValue(plan.year)
        sections = list(plan.all_sections())
        tasks = list(plan.all_tasks())
        figures = {
            "sectionCount": sum(1 for section in sections if section.level == 1),
            "subsectionCount": sum(1 for section in sections if section.level == 2),
            "taskCount": len(tasks),
            "noLeadCount": sum(1 for task in tasks if not task.lead),
            "continuedCount": sum(1 for _ in plan.continued_assignments()),
        }
        for name, value in figures.items():
            self.counts[name].setText(str(value))
        self.new_units_label.setText("、".join(preview.new_units) or self.tr("None"))
        self.model.show_plan(plan)
        self.tree.expandAll()
        self._set_busy(False)
        self.import_button.setFocus()

    @Slot(object)
    def _reading_failed(self, exc: Exception) -> None:
        if not self.isVisible():
            return
        box = show_error(self, *failure_text(exc))
        box.finished.connect(self.reject)  # nothing to preview

    # -- importing ------------------------------------------------------------------

    @Slot()
    def _start_import(self) -> None:
        if self.preview is None or not self.title_edit.text().strip():
            return
        self._set_busy(True)
        title = self.title_edit.text().strip()
        action = self.tr("Import plan {title}").format(title=title)
        self.worker = run_busy(self, self.tr("Importing {file}…").format(file=self.path.name), import_file,
                               self.ledger.database, self.path, self.preview.plan, title, self.year_spin.value(),
                               action, self.ledger.operator, cancellable=True)
        self.worker.finished.connect(self._imported)
        self.worker.failed.connect(self._import_failed)
        self.worker.cancelled.connect(self._import_cancelled)

    @Slot(object)
    def _imported(self, result: Imported) -> None:
        self.ledger.push_changes(self.tr("Import plan {title}").format(title=result.report.title), result.changes)
        self.imported.emit(result.report.plan_id)
        self.accept()

    @Slot()
    def _import_cancelled(self) -> None:
        self._set_busy(False)

    @Slot(object)
    def _import_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        show_error(self, *failure_text(exc))

    def done(self, result: int) -> None:
        self.worker.cancel()  # closing abandons a job still running: nothing of it is kept
        QSettings().setValue("ImportPlanDialog/geometry", self.saveGeometry())
        super().done(result)

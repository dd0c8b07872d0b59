"""The plan as it will be imported, for the import preview: headings of up to
three levels → tasks with their units."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from db.plans import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask
from db.plans.leads import parsed_labels
from db.queries.labels import heading_label, task_title

# Set on the lead and responsible cells of the preview: the cell's units were
# carried down from the merged cell above.
CONTINUED_ROLE = Qt.ItemDataRole.UserRole + 1
NO_LEAD_COLOUR = QColor("#b00020")
GIVEN_COLOUR = QColor("#1a5fb4")  # a lead unit given in the preview


class PlanPreviewModel(QStandardItemModel):
    """Headings → tasks with their units, as read from the file.

    Units carried down from a merged cell are in italics and named in the
    Continued column; a task without a lead unit says so in red.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._given: set[str] = set()
        self._labels: dict[int, str] = {}
        self.setHorizontalHeaderLabels(
            [self.tr("Task"), self.tr("Lead units"), self.tr("Responsible units"), self.tr("Continued")]
        )

    def show_plan(self, plan: ParsedPlan, given: Collection[str] = ()) -> None:
        """Show `plan`; the lead units of the tasks labelled in `given` were
        given in the preview (db.plans.leads), not read from the file."""
        self._given = set(given)
        self._labels = parsed_labels(plan) if self._given else {}
        self.removeRows(0, self.rowCount())
        for section in plan.sections:
            if section.numeral or section.title:
                self.appendRow(self._section_row(section))
            else:  # tasks before any heading stand at the top
                for row in self._rows_of(section):
                    self.appendRow(row)

    def _section_row(self, section: ParsedSection) -> list[QStandardItem]:
        heading = _item(heading_label(section.level, section.numeral, section.title))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        for row in self._rows_of(section):
            heading.appendRow(row)
        return [heading, _item(""), _item(""), _item("")]

    def _rows_of(self, section: ParsedSection) -> list[list[QStandardItem]]:
        return [self._task_row(task) for task in section.tasks] + [self._section_row(sub) for sub in section.sections]

    def _task_row(self, task: ParsedTask) -> list[QStandardItem]:
        title = _item(task_title(str(task.number), task.title))
        title.setToolTip(task.where)
        lead = self._units_item(task.lead)
        if not task.lead:
            lead.setText(self.tr("No lead unit"))
            lead.setForeground(QBrush(NO_LEAD_COLOUR))
        elif self._labels.get(id(task)) in self._given:
            lead.setForeground(QBrush(GIVEN_COLOUR))
            lead.setToolTip(self.tr("Given in this preview"))
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

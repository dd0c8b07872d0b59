"""The settings: the office's (its name and the warning thresholds, kept in
the ledger) and this PC's (what happens to unsaved edits, kept in QSettings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from db.operations.settings import SET_SETTING
from db.settings import get_setting
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import show_error
from desktop.unsaved import ASK, SAVE, leave_policy, set_leave_policy


class SettingsDialog(QDialog):
    """Each office setting that changed is saved as one undoable operation on
OK; this PC's preference is saved on OK too, outside the ledger."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("Settings"))
        self.office = QLineEdit()
        self.near_days = QSpinBox()
        self.near_days.setRange(0, 365)
        self.near_days.setSuffix(" " + self.tr("days"))
        self.behind = QDoubleSpinBox()
        self.behind.setRange(0, 100)
        self.behind.setDecimals(0)
        self.behind.setSuffix(" %")
        self.report_day = QSpinBox()
        self.report_day.setRange(1, 31)
        self.when_leaving = QComboBox()
        self.when_leaving.addItem(self.tr("Save them"), SAVE)
        self.when_leaving.addItem(self.tr("Ask: save, don't save or cancel"), ASK)
        self.when_leaving.setCurrentIndex(self.when_leaving.findData(leave_policy()))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("<b>The office</b> (kept in the ledger)")))
        form.addRow(self.tr("&Office name (on printed sheets)"), self.office)
        form.addRow(self.tr("&Blue light when the deadline is within"), self.near_days)
        form.addRow(self.tr("&Yellow light when not started after this share of the time"), self.behind)
        form.addRow(self.tr("Monthly reports are &due on day"), self.report_day)
        form.addRow(QLabel(self.tr("<b>This PC</b> (kept for the user of this computer)")))
        form.addRow(self.tr("&Unsaved edits, on leaving a form"), self.when_leaving)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        with ledger.session() as session:
            self.stored = {key: get_setting(session, key) for key in ("office_name", "near_days", "behind_fraction", "report_day")}
        self.office.setText(self.stored["office_name"])
        self.near_days.setValue(int(self.stored["near_days"]))
        self.behind.setValue(float(self.stored["behind_fraction"]) * 100)
        self.report_day.setValue(int(self.stored["report_day"]))

    def values(self) -> dict[str, str]:
        return {
            "office_name": self.office.text().strip(),
            "near_days": str(self.near_days.value()),
            "behind_fraction": str(self.behind.value() / 100),
            "report_day": str(self.report_day.value()),
        }

    def accept(self) -> None:
        names = {
            "office_name": self.tr("Change the office name"),
            "near_days": self.tr("Change when the blue light shows"),
            "behind_fraction": self.tr("Change when a task counts as behind schedule"),
            "report_day": self.tr("Change the day monthly reports are due"),
        }
        set_leave_policy(self.when_leaving.currentData())
        changed = {key: value for key, value in self.values().items() if value != self.stored[key]}
        try:
            for key, value in changed.items():
                self.ledger.run(names[key], SET_SETTING(key, value))
        except REFUSALS as exc:
            show_error(self, str(exc))
            return
        super().accept()

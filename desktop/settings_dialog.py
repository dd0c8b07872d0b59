"""The settings: the office's (its name and the warning thresholds, kept in
the ledger) and this PC's (what happens to unsaved edits, kept in QSettings).

Each row stands on its option (db.options, desktop/preferences.py): the
kind of the option chooses the editor, its range the editor's range."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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

from db.operations.settings import WRITE_SETTING
from db.options import (
    BEHIND_FRACTION,
    NEAR_DAYS,
    NOTICE_PREFIX,
    NOTICE_SIGNER,
    OFFICE_CONTACT,
    OFFICE_NAME,
    OFFICE_PHONE,
    REPLY_DAYS,
    REPORT_DAY,
    Fraction,
    Option,
    Whole,
)
from db.settings import read_settings
from desktop.ledger import REFUSALS, Ledger
from desktop.messages import show_error
from desktop.preferences import ASK, SAVE, WHEN_LEAVING, load, save


@dataclass(frozen=True)
class Row:
    label: str  # the row's label
    change: str  # the name of the undoable change that sets it
    unit: str = ""  # after the number


# The office's settings the dialog shows, in order (English source strings, translated when shown).
OFFICE_ROWS: dict[Option[Any], Row] = {
    OFFICE_NAME: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "&Office name (on printed sheets)")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change the office name")),
    ),
    NEAR_DAYS: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "&Blue light when the deadline is within")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change when the blue light shows")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "days")),
    ),
    BEHIND_FRACTION: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "&Yellow light when not started after this share of the time")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change when a task counts as behind schedule")),
    ),
    REPORT_DAY: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Monthly reports are &due on day")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change the day monthly reports are due")),
    ),
    # The supervision notices (督办单).
    OFFICE_CONTACT: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "&Contact person (on notices)")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change the contact person")),
    ),
    OFFICE_PHONE: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Contact &telephone (on notices)")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change the contact telephone")),
    ),
    NOTICE_SIGNER: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Notices are &signed by")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change who signs the notices")),
    ),
    NOTICE_PREFIX: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Notice &numbers start with (督办〔2016〕第3号)")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change how notice numbers start")),
    ),
    REPLY_DAYS: Row(
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Units &reply to a notice within")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "Change the days to reply to a notice")),
        str(QT_TRANSLATE_NOOP("SettingsDialog", "days")),
    ),
}


def _translate(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class OptionEditor:
    """The editor of one option's value, chosen by its kind: a spin box for a
    whole number (in its range) or a share (in per cent), a line for text."""

    def __init__(self, option: Option[Any], unit: str = "") -> None:
        self.option = option
        self.widget: QSpinBox | QDoubleSpinBox | QLineEdit
        if isinstance(option, Whole):
            self.widget = QSpinBox()
            self.widget.setRange(option.low, option.high)
            if unit:
                self.widget.setSuffix(" " + unit)
        elif isinstance(option, Fraction):
            self.widget = QDoubleSpinBox()
            self.widget.setRange(0, 100)
            self.widget.setDecimals(0)
            self.widget.setSuffix(" %")
        else:
            self.widget = QLineEdit()

    def set(self, value: Any) -> None:
        if isinstance(self.widget, QLineEdit):
            self.widget.setText(value)
        else:
            self.widget.setValue(value * 100 if isinstance(self.option, Fraction) else value)

    def get(self) -> Any:
        if isinstance(self.widget, QLineEdit):
            return self.widget.text().strip()
        value = self.widget.value()
        return value / 100 if isinstance(self.option, Fraction) else value


class SettingsDialog(QDialog):
    """Each office setting that changed is saved as one undoable operation on
    OK; this PC's preference is saved on OK too, outside the ledger."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("Settings"))
        self.editors = {option: OptionEditor(option, _translate(row.unit)) for option, row in OFFICE_ROWS.items()}
        self.office, self.near_days, self.behind, self.report_day = (
            self.editors[option].widget for option in (OFFICE_NAME, NEAR_DAYS, BEHIND_FRACTION, REPORT_DAY)
        )
        self.when_leaving = QComboBox()
        self.when_leaving.addItem(self.tr("Save them"), SAVE)
        self.when_leaving.addItem(self.tr("Ask: save, don't save or cancel"), ASK)
        self.when_leaving.setCurrentIndex(self.when_leaving.findData(load(WHEN_LEAVING)))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("<b>The office</b> (kept in the ledger)")))
        for option, row in OFFICE_ROWS.items():
            form.addRow(_translate(row.label), self.editors[option].widget)
        form.addRow(QLabel(self.tr("<b>This PC</b> (kept for the user of this computer)")))
        form.addRow(QCoreApplication.translate("Preferences", WHEN_LEAVING.label), self.when_leaving)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        with ledger.session() as session:
            self.stored = read_settings(session, OFFICE_ROWS)
        for option, editor in self.editors.items():
            editor.set(self.stored[option.key])

    def accept(self) -> None:
        save(WHEN_LEAVING, self.when_leaving.currentData())
        changed = {
            option: editor.get() for option, editor in self.editors.items() if editor.get() != self.stored[option.key]
        }
        try:
            for option, value in changed.items():
                self.ledger.run(_translate(OFFICE_ROWS[option].change), WRITE_SETTING(option, value))
        except REFUSALS as exc:
            show_error(self, str(exc))
            return
        super().accept()

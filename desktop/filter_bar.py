"""The search box and filters above the views: text, status, warning light,
unit, not reported this month."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from db.queries.ledger import UnitInfo
from db.queries.task_filter import NO_LIGHT, Criteria
from db.vocabulary import LIGHTS, STATUSES
from desktop.collation import by_pinyin
from desktop.labels import light_icon, light_name, status_label

TYPING_PAUSE_MS = 150


class FilterBar(QWidget):
    """Announces the criteria (`changed`) a moment after typing stops, at
    once on Enter and on every other choice; `search_focused` when the search
    box takes the focus (the window gets ready to search)."""

    changed = Signal(object)  # Criteria
    search_focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search tasks, requirements, units, progress (Ctrl+F)"))
        self.search.setMinimumWidth(260)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.light = QComboBox()
        self.light.addItem(self.tr("All lights"), None)
        for code in LIGHTS:
            self.light.addItem(light_icon(code), light_name(code), code)
        self.light.addItem(light_icon(None), self.tr("No light"), NO_LIGHT)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.unit.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.unit.setMinimumWidth(180)
        self.unreported = QCheckBox(self.tr("Not reported this month"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for widget in (self.status, self.light, self.unit, self.unreported):
            layout.addWidget(widget)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._emit)
        self.search.installEventFilter(self)
        for combo in (self.status, self.light, self.unit):
            combo.currentIndexChanged.connect(self._emit)
        self.unreported.toggled.connect(self._emit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.FocusIn:
            self.search_focused.emit()
        return super().eventFilter(watched, event)

    def set_units(self, infos: list[UnitInfo]) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("All units"), None)
        for info in by_pinyin(infos, lambda info: info.name):
            self.unit.addItem(info.name, info.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(current)))
        self.unit.blockSignals(False)

    def criteria(self) -> Criteria:
        return Criteria(
            text=self.search.text(),
            status=self.status.currentData(),
            light=self.light.currentData(),
            unit_id=self.unit.currentData(),
            unreported=self.unreported.isChecked(),
        )

    def clear(self) -> None:
        self.set_criteria(Criteria())
        self._emit()

    def set_criteria(self, criteria: Criteria) -> None:
        """Show these criteria, without announcing them (the window puts a
        filter back when the person cancels leaving unsaved edits)."""
        self._timer.stop()
        for widget in (self.search, self.status, self.light, self.unit, self.unreported):
            widget.blockSignals(True)
        if self.search.text() != criteria.text:
            self.search.setText(criteria.text)
        for combo, value in (
            (self.status, criteria.status),
            (self.light, criteria.light),
            (self.unit, criteria.unit_id),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        self.unreported.setChecked(criteria.unreported)
        for widget in (self.search, self.status, self.light, self.unit, self.unreported):
            widget.blockSignals(False)

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.criteria())

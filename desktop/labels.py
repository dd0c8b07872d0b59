"""Translated names of the core's codes (statuses, lights, unit kinds, the
roles of a plan's columns and the kinds of its rows), and the coloured dots
of the warning lights."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

_STATUSES = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "ongoing": QT_TRANSLATE_NOOP("Labels", "Ongoing"),
}
_LIGHTS = {
    "red": QT_TRANSLATE_NOOP("Labels", "Red: overdue"),
    "yellow": QT_TRANSLATE_NOOP("Labels", "Yellow: behind schedule or not reported this month"),
    "blue": QT_TRANSLATE_NOOP("Labels", "Blue: deadline near"),
}
_LIGHT_NAMES = {
    "red": QT_TRANSLATE_NOOP("Labels", "Red light"),
    "yellow": QT_TRANSLATE_NOOP("Labels", "Yellow light"),
    "blue": QT_TRANSLATE_NOOP("Labels", "Blue light"),
}
_KINDS = {
    "department": QT_TRANSLATE_NOOP("Labels", "Municipal departments"),
    "district": QT_TRANSLATE_NOOP("Labels", "District governments"),
    "zone": QT_TRANSLATE_NOOP("Labels", "Development zones"),
    "enterprise": QT_TRANSLATE_NOOP("Labels", "Enterprises"),
    "collective": QT_TRANSLATE_NOOP("Labels", "Collective names"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other units"),
}
# db.plans.COLUMN_ROLES and ROW_KINDS, as the import preview names them.
_COLUMN_ROLES = {
    "number": QT_TRANSLATE_NOOP("Labels", "Number"),
    "title": QT_TRANSLATE_NOOP("Labels", "Task"),
    "requirement": QT_TRANSLATE_NOOP("Labels", "Requirement"),
    "lead": QT_TRANSLATE_NOOP("Labels", "Lead units"),
    "responsible": QT_TRANSLATE_NOOP("Labels", "Responsible units"),
    "units": QT_TRANSLATE_NOOP("Labels", "Lead and other units together"),
    "deadline": QT_TRANSLATE_NOOP("Labels", "Deadline"),
    "heading": QT_TRANSLATE_NOOP("Labels", "Headings (merged down)"),
    "leader": QT_TRANSLATE_NOOP("Labels", "Leader in charge"),
    "remark": QT_TRANSLATE_NOOP("Labels", "Remark"),
    "ignore": QT_TRANSLATE_NOOP("Labels", "Not read"),
}
_ROW_KINDS = {
    "header": QT_TRANSLATE_NOOP("Labels", "Header"),
    "heading1": QT_TRANSLATE_NOOP("Labels", "Heading, level 1"),
    "heading2": QT_TRANSLATE_NOOP("Labels", "Heading, level 2"),
    "heading3": QT_TRANSLATE_NOOP("Labels", "Heading, level 3"),
    "task": QT_TRANSLATE_NOOP("Labels", "Task row"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "ignore": QT_TRANSLATE_NOOP("Labels", "Ignored"),
}
LIGHT_COLOURS = {"red": "#d62c2c", "yellow": "#e8b100", "blue": "#2f6fd6"}


def _translate(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def status_label(code: str) -> str:
    return _translate(_STATUSES[code])


def light_label(code: str) -> str:
    return _translate(_LIGHTS[code])


def light_name(code: str) -> str:
    return _translate(_LIGHT_NAMES[code])


def kind_label(code: str) -> str:
    return _translate(_KINDS[code])


def month_label(month: str) -> str:
    """"2016-06" as people write it: 2016年6月."""
    year, number = month.split("-")
    return QCoreApplication.translate("Labels", "%2/%1").replace("%1", year).replace("%2", str(int(number)))


def column_role_label(code: str) -> str:
    return _translate(_COLUMN_ROLES[code])


def row_kind_label(code: str) -> str:
    return _translate(_ROW_KINDS[code])


@cache
def light_icon(code: str | None) -> QIcon:
    """A round dot in the light's colour; a transparent one for no light, so
    titles stay aligned."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    if code is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(LIGHT_COLOURS[code]).darker(130))
        painter.setBrush(QColor(LIGHT_COLOURS[code]))
        painter.drawEllipse(2, 2, 10, 10)
        painter.end()
    return QIcon(pixmap)

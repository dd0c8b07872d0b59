"""Translated names of the core's codes (statuses, lights, unit kinds, the
roles of a plan's columns and the kinds of its rows), month labels, and the
coloured dots of the warning lights.

The statuses, lights and month labels are the core's words (db.vocabulary,
db.months): here is only their English source string, which Qt translates;
tests/test_translations.py checks that the Chinese translation of each is the
core's word, so that the window and the printed documents say the same.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from db.months import Month
from db.vocabulary import LIGHTS, NOTICE_LEVELS, STATUSES

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
_NOTICE_LEVELS = {
    "reminder": QT_TRANSLATE_NOOP("Labels", "Reminder"),
    "notice": QT_TRANSLATE_NOOP("Labels", "Supervision notice"),
    "red": QT_TRANSLATE_NOOP("Labels", "Red supervision notice"),
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
assert tuple(_STATUSES) == STATUSES and _LIGHTS.keys() == _LIGHT_NAMES.keys() == LIGHTS.keys()
assert tuple(_NOTICE_LEVELS) == NOTICE_LEVELS


def _translate(text: object) -> str:  # what QT_TRANSLATE_NOOP gave: the source string
    return QCoreApplication.translate("Labels", str(text))


def status_label(code: str) -> str:
    return _translate(_STATUSES[code])


def light_label(code: str) -> str:
    return _translate(_LIGHTS[code])


def light_name(code: str) -> str:
    return _translate(_LIGHT_NAMES[code])


def notice_level_label(code: str) -> str:
    """提醒单, 督办单, 红色督办单 (db.vocabulary.NOTICE_LEVEL_LABELS) in Chinese."""
    return _translate(_NOTICE_LEVELS[code])


def kind_label(code: str) -> str:
    return _translate(_KINDS[code])


def month_label(month: str) -> str:
    """ "2016-06" as people write it: Month.label (2016年6月) in Chinese."""
    month = Month(month)
    return QCoreApplication.translate("Labels", "%2/%1").replace("%1", str(month.year)).replace("%2", str(month.number))


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
        colour = QColor(LIGHTS[code].colour)
        painter.setPen(colour.darker(130))
        painter.setBrush(colour)
        painter.drawEllipse(2, 2, 10, 10)
        painter.end()
    return QIcon(pixmap)

"""The history's details in words (db.queries.history.change_details gives
the values): what kind of row, of which task or unit, was added, deleted or
changed, each field by its name in the window's language, statuses, kinds
and levels by their labels, months and times as people write them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from db.queries.history import ChangeCount, ChangeDetail, FieldChange
from desktop.labels import kind_label, month_label, notice_level_label, status_label

_TABLES = {
    "plans": QT_TRANSLATE_NOOP("History", "Plan"),
    "sections": QT_TRANSLATE_NOOP("History", "Heading"),
    "tasks": QT_TRANSLATE_NOOP("History", "Task"),
    "units": QT_TRANSLATE_NOOP("History", "Unit"),
    "unit_aliases": QT_TRANSLATE_NOOP("History", "Alias of a unit"),
    "collective_members": QT_TRANSLATE_NOOP("History", "Member of a collective"),
    "assignments": QT_TRANSLATE_NOOP("History", "Unit of a task"),
    "progress_entries": QT_TRANSLATE_NOOP("History", "Monthly progress"),
    "unit_reports": QT_TRANSLATE_NOOP("History", "A unit's report"),
    "reviews": QT_TRANSLATE_NOOP("History", "Sign-off"),
    "milestones": QT_TRANSLATE_NOOP("History", "Milestone"),
    "extensions": QT_TRANSLATE_NOOP("History", "Extension"),
    "notices": QT_TRANSLATE_NOOP("History", "Notice"),
    "notice_tasks": QT_TRANSLATE_NOOP("History", "Task of a notice"),
    "settings": QT_TRANSLATE_NOOP("History", "Setting"),
}
_FIELDS = {
    "title": QT_TRANSLATE_NOOP("History", "Title"),
    "year": QT_TRANSLATE_NOOP("History", "Year"),
    "source": QT_TRANSLATE_NOOP("History", "Source file"),
    "imported_at": QT_TRANSLATE_NOOP("History", "Imported at"),
    "closed_at": QT_TRANSLATE_NOOP("History", "Closed at"),
    "collect_unit_reports": QT_TRANSLATE_NOOP("History", "Reports from each unit"),
    "parent_id": QT_TRANSLATE_NOOP("History", "Under heading"),
    "level": QT_TRANSLATE_NOOP("History", "Level"),
    "numeral": QT_TRANSLATE_NOOP("History", "Numeral"),
    "number": QT_TRANSLATE_NOOP("History", "Number"),
    "requirement": QT_TRANSLATE_NOOP("History", "Requirement"),
    "deadline": QT_TRANSLATE_NOOP("History", "Deadline"),
    "deadline_text": QT_TRANSLATE_NOOP("History", "Deadline as written"),
    "carried_from": QT_TRANSLATE_NOOP("History", "Carried over from"),
    "name": QT_TRANSLATE_NOOP("History", "Name"),
    "kind": QT_TRANSLATE_NOOP("History", "Kind"),
    "contact": QT_TRANSLATE_NOOP("History", "Contact person"),
    "phone": QT_TRANSLATE_NOOP("History", "Telephone"),
    "alias": QT_TRANSLATE_NOOP("History", "Alias"),
    "collective_id": QT_TRANSLATE_NOOP("History", "Collective"),
    "member_id": QT_TRANSLATE_NOOP("History", "Member"),
    "role": QT_TRANSLATE_NOOP("History", "Role"),
    "phrase": QT_TRANSLATE_NOOP("History", "As the plan names it"),
    "continued": QT_TRANSLATE_NOOP("History", "Carried down"),
    "confirmed": QT_TRANSLATE_NOOP("History", "Confirmed"),
    "month": QT_TRANSLATE_NOOP("History", "Month"),
    "status": QT_TRANSLATE_NOOP("History", "Status"),
    "done": QT_TRANSLATE_NOOP("History", "Progress"),
    "problems": QT_TRANSLATE_NOOP("History", "Problems"),
    "next_steps": QT_TRANSLATE_NOOP("History", "Next steps"),
    "evidence": QT_TRANSLATE_NOOP("History", "Evidence"),
    "recorded_at": QT_TRANSLATE_NOOP("History", "Recorded at"),
    "recorded_by": QT_TRANSLATE_NOOP("History", "Recorded by"),
    "verdict": QT_TRANSLATE_NOOP("History", "Verdict"),
    "reason": QT_TRANSLATE_NOOP("History", "Reason"),
    "by": QT_TRANSLATE_NOOP("History", "By"),
    "at": QT_TRANSLATE_NOOP("History", "At"),
    "due": QT_TRANSLATE_NOOP("History", "Due"),
    "due_text": QT_TRANSLATE_NOOP("History", "Due as written"),
    "text": QT_TRANSLATE_NOOP("History", "Text"),
    "share": QT_TRANSLATE_NOOP("History", "Share"),
    "requested_at": QT_TRANSLATE_NOOP("History", "Requested at"),
    "requested_by": QT_TRANSLATE_NOOP("History", "Requested by"),
    "new_deadline": QT_TRANSLATE_NOOP("History", "New deadline"),
    "state": QT_TRANSLATE_NOOP("History", "State"),
    "decided_at": QT_TRANSLATE_NOOP("History", "Decided at"),
    "decided_by": QT_TRANSLATE_NOOP("History", "Decided by"),
    "decision_note": QT_TRANSLATE_NOOP("History", "Decision"),
    "previous_deadline": QT_TRANSLATE_NOOP("History", "Previous deadline"),
    "previous_deadline_text": QT_TRANSLATE_NOOP("History", "Previous deadline as written"),
    "unit_name": QT_TRANSLATE_NOOP("History", "Unit"),
    "serial": QT_TRANSLATE_NOOP("History", "Serial number"),
    "issued_at": QT_TRANSLATE_NOOP("History", "Issued on"),
    "issued_by": QT_TRANSLATE_NOOP("History", "Issued by"),
    "reply_due": QT_TRANSLATE_NOOP("History", "Reply due"),
    "replied_at": QT_TRANSLATE_NOOP("History", "Replied on"),
    "reply_note": QT_TRANSLATE_NOOP("History", "Reply"),
    "key": QT_TRANSLATE_NOOP("History", "Setting"),
    "value": QT_TRANSLATE_NOOP("History", "Value"),
}
_KINDS = {
    "insert": QT_TRANSLATE_NOOP("History", "added"),
    "delete": QT_TRANSLATE_NOOP("History", "deleted"),
    "update": QT_TRANSLATE_NOOP("History", "changed"),
}
_ROLES = {
    "lead": QT_TRANSLATE_NOOP("History", "lead unit"),
    "responsible": QT_TRANSLATE_NOOP("History", "responsible unit"),
}


def _role_label(code: str) -> str:
    return _tr(_ROLES[code])


# Fields whose values are codes of the core's vocabulary: shown by their labels.
_CODES = {
    "status": status_label,
    "kind": kind_label,
    "level": notice_level_label,
    "month": month_label,
    "role": _role_label,
}


def _tr(text: object) -> str:
    """A word of the tables above (QT_TRANSLATE_NOOP marks them) in the window's language."""
    return QCoreApplication.translate("History", str(text))


def detail_lines(details: list[ChangeDetail] | list[ChangeCount]) -> list[str]:
    """One line a row: 月度进展 · 任务 35 · 新增：状态：进行中；进展情况：“…”."""
    return [_count_line(d) if isinstance(d, ChangeCount) else _detail_line(d) for d in details]


def _count_line(count: ChangeCount) -> str:
    return _named(_tr(_TABLES.get(count.table, count.table)), f"{_tr(_KINDS[count.kind])} {count.count}")


def _detail_line(detail: ChangeDetail) -> str:
    task = (
        QCoreApplication.translate("History", "Task %1").replace("%1", detail.task) if detail.task is not None else None
    )
    if detail.table == "tasks" and task is not None:
        head = [task]
    else:
        head = [_tr(_TABLES.get(detail.table, detail.table)), *([task] if task else [])]
    if detail.unit is not None:
        head.append(detail.unit)
    what = _tr(_KINDS[detail.kind])
    if detail.fields:
        fields = QCoreApplication.translate("History", "; ").join(_field(detail.kind, field) for field in detail.fields)
        what = _named(what, fields)
    return " · ".join([*head, what])


def _named(name: str, value: str) -> str:
    return QCoreApplication.translate("History", "%1: %2").replace("%1", name).replace("%2", value)


def _field(kind: str, field: FieldChange) -> str:
    name = _tr(_FIELDS.get(field.name, field.name))
    if kind == "update":
        return _named(name, f"{_value(field.name, field.old)} → {_value(field.name, field.new)}")
    return _named(name, _value(field.name, field.new if kind == "insert" else field.old))


def _value(name: str, value: Any) -> str:
    if value is None or value == "":
        return QCoreApplication.translate("History", "(empty)")
    if isinstance(value, bool):
        return QCoreApplication.translate("History", "yes") if value else QCoreApplication.translate("History", "no")
    if name in _CODES and isinstance(value, str):
        try:
            return _CODES[name](value)
        except (KeyError, ValueError):
            return value
    if isinstance(value, str) and (name.endswith("_at") or name == "at"):
        return _local_time(value)
    if isinstance(value, str):
        return f"“{value}”"
    return str(value)


def _local_time(text: str) -> str:
    """An ISO time as this PC's local time, to the minute (a time without a zone is local already)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")

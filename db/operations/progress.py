"""Monthly progress entries: the statuses and recording one month's report
(RECORD_PROGRESS, DELETE_PROGRESS: operations of db.operations.runner)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.months import Month
from db.operations.runner import Operation
from db.schema.models import ProgressEntry
from db.vocabulary import STATUSES


@dataclass
class Report:
    """What a lead unit reports for one task in one month."""

    status: str
    done: str = ""
    problems: str = ""
    next_steps: str = ""
    evidence: str = ""
    reporting_unit_id: int | None = None


def report_of(entry: ProgressEntry | None) -> Report | None:
    """An entry's report as a plain value (for a sheet, a preview), None for none."""
    if entry is None:
        return None
    return Report(entry.status, entry.done, entry.problems, entry.next_steps, entry.evidence, entry.reporting_unit_id)


def record_progress(session: Session, task_id: int, month: str, report: Report, by: str = "") -> ProgressEntry:
    """Write the month's entry of a task, replacing an earlier one of the same month."""
    return record_month(session, month, {task_id: report}, by)[task_id]


def record_month(session: Session, month: str, reports: Mapping[int, Report], by: str = "") -> dict[int, ProgressEntry]:
    """Write one month's entries of many tasks (a returned sheet, a batch):
    one query for the entries already there, then one flush."""
    month = Month(month)
    for report in reports.values():
        if report.status not in STATUSES:
            raise EditError(f"未知的状态“{report.status}”")
    entries = {
        entry.task_id: entry
        for entry in session.scalars(
            select(ProgressEntry).where(ProgressEntry.month == month, ProgressEntry.task_id.in_(list(reports)))
        )
    }
    now = datetime.now()
    for task_id, report in reports.items():
        entry = entries.get(task_id)
        if entry is None:
            entry = entries[task_id] = ProgressEntry(task_id=task_id, month=month)
            session.add(entry)
        entry.status = report.status
        entry.done = report.done
        entry.problems = report.problems
        entry.next_steps = report.next_steps
        entry.evidence = report.evidence
        entry.reporting_unit_id = report.reporting_unit_id
        entry.recorded_at = now
        entry.recorded_by = by
    session.flush()
    return entries


def delete_progress(session: Session, task_id: int, month: str) -> None:
    """Remove the month's entry of a task (the month becomes unreported)."""
    entry = session.scalar(
        select(ProgressEntry).where(ProgressEntry.task_id == task_id, ProgressEntry.month == Month(month))
    )
    if entry is not None:
        session.delete(entry)


RECORD_PROGRESS = Operation(record_progress, "记录进展")
DELETE_PROGRESS = Operation(delete_progress, "删除进展")

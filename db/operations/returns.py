"""Importing returned fill-in sheets: IMPORT_RETURNS, performed by the window's
returns dialog and `main.py import-returns` after a backup, once every file
has passed every check (db.returns.reading)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.operations.progress import record_month
from db.operations.runner import Operation
from db.returns.reading import ReturnsPreview


def import_returns(session: Session, preview: ReturnsPreview, by: str = "") -> int:
    """Write the preview's entries as M's progress entries through
    `record_month` (ORM, so the change can be tracked and undone); return how
    many were written.

    What is written: every new or changed entry, replacing M's entry of the
    task whole. Not written: an unchanged entry (its recorded time and
    recorder stay as they were), and a blank row — one whose 进展情况, 存在问题,
    下一步打算 and 佐证材料 are all empty and whose status is empty or still
    the one the sheet was sent with — which never became an entry, so it
    neither creates nor clears anything.
    """
    reports = {entry.task_id: entry.report for entry in preview.entries if entry.change != "unchanged"}
    if reports:
        record_month(session, preview.month, reports, by)
    return len(reports)


IMPORT_RETURNS = Operation(import_returns, "导入填报表", backup="returns-import")

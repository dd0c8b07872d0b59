"""Timing the printed reports, for the benchmark: `report_times(db_path)`.

For the plan in the database (the first, when there are several) and its
latest month with progress, it times gathering and writing the supervision
sheet and the notices of every lead unit, each once, after the fonts are
loaded (timed apart: the first report of a process pays for them).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select

from db.queries.ledger import plans
from db.queries.notices import notice_data
from db.queries.report_data import sheet_data
from db.schema.database import open_database
from db.schema.models import ProgressEntry, Task
from documents.pdf import choose_fonts, write_notices, write_sheet

T = TypeVar("T")


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def report_times(db_path: Path) -> dict[str, float | int | str]:
    """Seconds for each step ("fonts", "sheet_data", "write_sheet",
    "notice_data", "write_notices"), the month, the tasks, and the pages and
    notices written."""
    database = open_database(Path(db_path))
    try:
        with database.session() as session:
            plan = plans(session)[0]
            month = (
                session.scalar(
                    select(func.max(ProgressEntry.month))
                    .join(Task, Task.id == ProgressEntry.task_id)
                    .where(Task.plan_id == plan.id)
                )
                or f"{plan.year}-12"
            )
            fonts, font_seconds = _timed(choose_fonts)
            sheet, sheet_seconds = _timed(lambda: sheet_data(session, plan.id, month))
            batch, notice_seconds = _timed(lambda: notice_data(session, plan.id, month))  # the three levels, by the lights
            notices = batch.notices
    finally:
        database.close()
    with tempfile.TemporaryDirectory() as folder:
        sheet_info, write_sheet_seconds = _timed(lambda: write_sheet(sheet, Path(folder) / "sheet.pdf", fonts))
        notice_info, write_notices_seconds = _timed(lambda: write_notices(notices, Path(folder) / "notices.pdf", fonts))
    return {
        "month": month,
        "tasks": sheet.figures.total,
        "fonts": font_seconds,
        "sheet_data": sheet_seconds,
        "write_sheet": write_sheet_seconds,
        "sheet_pages": sheet_info.pages,
        "notice_data": notice_seconds,
        "write_notices": write_notices_seconds,
        "notices": len(notices),
        "notice_pages": notice_info.pages,
    }

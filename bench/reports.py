"""Timing the printed reports, for the benchmark: `report_times(db_path)`.

For the plan in the database (the first, when there are several) and its
latest month with progress, it times gathering and writing the supervision
sheet with its charts and without (`report sheet --no-charts`) and the
notices of every lead unit at the level of its lights, each once, after the
fonts are loaded (timed apart: the first report of a process pays for them).
The benchmark reports every task each month, so in the month reported no
light is lit and no unit has a notice. So the notices are those of the month
after it, as of today, when its reports are owed (yellow); for a plan of a
year to come (the synthetic plans are of 2030) those of its last month as of
the day after its year, when the deadlines are near or past.

For each of the three levels (提醒单, 督办单, 红色督办单) it times gathering
the notices of that level (`--level L`: the units whose worst light is L's;
in a late month nearly all are red) and writing the notices of every lighted
unit at that level, so that each level's words and colours are laid out for
as many units, however the lights fall.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select

from db.months import Month
from db.queries.ledger import plans
from db.queries.notices import notice_data
from db.queries.report_data import sheet_data
from db.schema.database import open_database
from db.schema.models import ProgressEntry, Task
from db.vocabulary import NOTICE_LEVELS
from documents.pdf import choose_fonts, write_notices, write_sheet

T = TypeVar("T")


def _timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    """`fn(*args, **kwargs)` and the seconds it took."""
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def report_times(db_path: Path) -> dict[str, float | int | str]:
    """Seconds for each step ("fonts", "sheet_data", "write_sheet", the same
    without charts as "…_plain", "notice_data", "write_notices", and for each
    level L of NOTICE_LEVELS "notice_data_L", "write_notices_L"), the month,
    the tasks, and the pages and notices written ("chosen_L": the notices
    `--level L` chose)."""
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
            plain, plain_seconds = _timed(lambda: sheet_data(session, plan.id, month, charts=False))
            owed, on = str(Month(month).next()), date.today()
            if plan.year >= on.year:
                owed, on = month, date(plan.year + 1, 1, 1)
            batch, notice_seconds = _timed(notice_data, session, plan.id, owed, on=on)  # the levels by the lights
            levels = {level: _timed(notice_data, session, plan.id, owed, level=level, on=on) for level in NOTICE_LEVELS}
    finally:
        database.close()
    times: dict[str, float | int | str] = {
        "month": month,
        "notice_month": owed,
        "tasks": sheet.figures.total,
        "fonts": font_seconds,
    }
    with tempfile.TemporaryDirectory() as folder:
        for key, data, data_seconds in (("", sheet, sheet_seconds), ("_plain", plain, plain_seconds)):
            info, write_seconds = _timed(write_sheet, data, Path(folder) / "sheet.pdf", fonts)
            times |= {
                f"sheet_data{key}": data_seconds,
                f"write_sheet{key}": write_seconds,
                f"sheet_pages{key}": info.pages,
            }
        runs = [("", batch.notices, notice_seconds, len(batch.notices))]
        for level, (chosen, data_seconds) in levels.items():
            runs.append(
                (f"_{level}", tuple(replace(n, level=level) for n in batch.notices), data_seconds, len(chosen.notices))
            )
        for key, notices, data_seconds, chosen_count in runs:
            info, write_seconds = _timed(write_notices, notices, Path(folder) / "notices.pdf", fonts)
            times |= {
                f"notice_data{key}": data_seconds,
                f"write_notices{key}": write_seconds,
                f"notices{key}": len(notices),
                f"chosen{key}": chosen_count,
                f"notice_pages{key}": info.pages,
            }
    return times

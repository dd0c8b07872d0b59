"""The first view of the plan tree, cached beside the database, so that the
window shows the plan before the database code is even loaded.

Importing SQLAlchemy alone takes about 0.45 s on the office PCs we measured;
the cache lets the tree appear in the time Qt needs to start, and the window
loads the rest right after. The cache is used only when the database file
(and its write-ahead log) is exactly as it was when the cache was written,
on the same day (lights depend on the date) and by the same program version;
otherwise the window simply waits for the database. It is JSON, not pickle:
reading it runs no code.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from db import __version__
from db.errors import DiskFullError
from db.queries.nodes import PlanInfo, SectionNode, TaskNode, TaskState
from db.safety.storage import write_bytes
from desktop.plan_model import TreeData

FORMAT = 1


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".view.json")


def _stamp(db_path: Path, today: date) -> list[Any]:
    files = []
    for path in (db_path, Path(f"{db_path}-wal")):
        try:
            info = path.stat()
            files.append([path.name, info.st_size, info.st_mtime_ns])
        except FileNotFoundError:
            files.append([path.name, None, None])
    return [FORMAT, __version__, today.isoformat(), files]


def write_view_cache(db_path: Path, today: date, data: TreeData) -> None:
    """Write the cache for the database as it is now (call it after closing it)."""
    document = {
        "stamp": _stamp(db_path, today),
        "plans": [asdict(plan) for plan in data.plans],
        "outlines": {
            str(plan_id): [[asdict(s) for s in sections], [asdict(t) for t in tasks]]
            for plan_id, (sections, tasks) in data.outlines.items()
        },
        "leads": data.leads,
        "months": data.months,
        "states": [{**asdict(state), "deadline": state.deadline.isoformat()} for state in data.states.values()],
    }
    try:
        write_bytes(cache_path(db_path), json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except (OSError, DiskFullError):
        pass  # a cache that cannot be written is only slower next time


def read_view_cache(db_path: Path, today: date) -> TreeData | None:
    """The cached tree data if it is still true of the database, else None."""
    try:
        document = json.loads(cache_path(db_path).read_text(encoding="utf-8"))
        if document["stamp"] != _stamp(db_path, today):
            return None
        return TreeData(
            plans=[PlanInfo(**plan) for plan in document["plans"]],
            outlines={
                int(plan_id): ([SectionNode(**s) for s in sections], [TaskNode(**t) for t in tasks])
                for plan_id, (sections, tasks) in document["outlines"].items()
            },
            leads={int(task_id): names for task_id, names in document["leads"].items()},
            months={int(plan_id): month for plan_id, month in document["months"].items()},
            states={
                state["task_id"]: TaskState(**{**state, "deadline": date.fromisoformat(state["deadline"])})
                for state in document["states"]
            },
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None

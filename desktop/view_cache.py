"""The first view of the plan tree, cached beside the database, so that the
window shows the plan before the database code is even loaded.

Importing SQLAlchemy alone takes about 0.45 s on the office PCs we measured;
the cache lets the tree appear in the time Qt needs to start, and the window
loads the rest right after. The cache is used only when the database file
(and its write-ahead log) is byte for byte as it was when the cache was
written (same sizes, same SHA-256), by the same program version; otherwise
the window simply waits for the database. A cache of an earlier day is used
too (the first start of a day is the common one in an office): the tree is
shown as it was, and rebuilt for today once the database is open (lights
and the default month depend on the date; they are the same on most days,
and then nothing on the screen changes). It is JSON, not pickle: reading it
runs no code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from db import __version__
from db.errors import DiskFullError
from db.queries.nodes import PlanInfo, SectionNode, TaskNode, TaskState
from db.safety.storage import write_bytes
from desktop.plan_model import TreeData

FORMAT = 2
CHUNK = 1 << 20


@dataclass(frozen=True)
class CachedView:
    """The tree as the window last showed it, on `day`."""

    data: TreeData
    day: date


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".view.json")


def _files(db_path: Path) -> list[Path]:
    return [db_path, Path(f"{db_path}-wal")]


def _sizes(db_path: Path) -> list[int | None]:
    sizes: list[int | None] = []
    for path in _files(db_path):
        try:
            sizes.append(path.stat().st_size)
        except FileNotFoundError:
            sizes.append(None)
    return sizes


def _digest(path: Path) -> str | None:
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except FileNotFoundError:
        return None


def _stamp(db_path: Path, sizes: list[int | None] | None = None) -> list[Any]:
    """What the cache is true of: the format, the program's version, and the
    size and SHA-256 of the database file and its -wal."""
    sizes = _sizes(db_path) if sizes is None else sizes
    files = [
        [path.name, size, _digest(path) if size is not None else None]
        for path, size in zip(_files(db_path), sizes, strict=True)
    ]
    return [FORMAT, __version__, files]


def write_view_cache(db_path: Path, today: date, data: TreeData) -> None:
    """Write the cache for the database as it is now (call it after closing it)."""
    document = {
        "stamp": _stamp(db_path),
        "day": today.isoformat(),
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


def read_view_cache(db_path: Path) -> CachedView | None:
    """The cached tree if it is still true of the database, else None."""
    try:
        document = json.loads(cache_path(db_path).read_text(encoding="utf-8"))
        stamp = document["stamp"]
        sizes = _sizes(db_path)
        if stamp[:2] != [FORMAT, __version__] or [size for _name, size, _digest in stamp[2]] != sizes:
            return None  # cheap refusals first: only a file of the same size is read through
        if stamp != _stamp(db_path, sizes):
            return None
        data = TreeData(
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
        return CachedView(data, date.fromisoformat(document["day"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def set_back_a_day(db_path: Path) -> bool:
    """Make the cache look written the day before (the benchmark's and the
    tests' first start of a day); whether there was one."""
    path = cache_path(db_path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        document["day"] = (date.fromisoformat(document["day"]) - timedelta(days=1)).isoformat()
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    except (OSError, ValueError, KeyError):
        return False
    return True

"""The import preview's jobs, run on worker threads (desktop.workers): open a
plan file, read its grid again with a person's choices, import what the
preview shows. Each opens its own session and hands back plain values.

The grid is loaded once; every later reading starts from it (`interpret`
reads no file). A file that names no year is read with a stand-in year, so
that the preview can show it while the dialog asks for the real one.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

from db.cancel import Cancelled, CancelToken
from db.errors import InputError
from db.operations.import_plan import IMPORT_PLAN, PlanImported
from db.operations.runner import Done, perform
from db.plans import Choices, Reading, interpret
from db.plans.choices import layout_signature, load_choices
from db.plans.grid import Grid
from db.plans.loaders import load_grid
from db.plans.review import Registry, Review, registry_snapshot, review
from db.schema.database import Database

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Read:
    """One reading of the grid, with what the preview says about it."""

    reading: Reading
    review: Review
    year_found: bool  # False: the file names no year; `reading` used a stand-in


@dataclass(frozen=True)
class Opened:
    """A plan file loaded and read for the first time."""

    grid: Grid
    registry: Registry
    signature: str | None  # of the header's texts, under which column choices are remembered
    remembered: dict[int, str]  # column roles chosen for this layout before (applied in `read`)
    read: Read


class ReaderFailed(InputError):
    """A reading failed for a reason that is no fault of the file (a bug in the
    reader): the user is told so in plain words, naming the file, without the
    traceback (that goes to stderr)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "读取时程序出错，未能读出这份计划（数据库没有任何改动）")


def read_grid(grid: Grid, registry: Registry, choices: Choices, title: str | None, year: int | None) -> Read:
    """Interpret `grid`; without a year given, a file that names none is read
    with this year as a stand-in (`year_found` False)."""
    try:
        reading = interpret(grid, registry.collectives, choices, title, year)
        found = True
    except InputError:
        if year is not None:
            raise
        reading = _with_stand_in_year(grid, registry, choices, title)
        found = False
    return Read(reading, review(reading.plan, registry, reading.notes), found)


def _with_stand_in_year(grid: Grid, registry: Registry, choices: Choices, title: str | None) -> Reading:
    """The reading with a stand-in year; the first error again if the year was not what failed."""
    try:
        return interpret(grid, registry.collectives, choices, title, date.today().year)
    except InputError:
        pass
    return interpret(grid, registry.collectives, choices, title, None)  # raises the error that names the problem


def read_again(grid: Grid, registry: Registry, choices: Choices, title: str | None, year: int | None) -> Read:
    """The job behind every change of a role or a kind; ReaderFailed for a bug."""
    return _guarded(grid.source, read_grid, grid, registry, choices, title, year)


def open_file(database: Database, path: Path, *, cancel: CancelToken) -> Opened:
    """Load the file and read it, with the column roles remembered for its layout."""
    with database.session() as session:
        registry = registry_snapshot(session)
    grid = _guarded(path, load_grid, path, cancel=cancel)
    cancel.check()
    signature = layout_signature(grid)
    with database.session() as session:
        remembered = load_choices(session, signature)
    read = _guarded(path, read_grid, grid, registry, Choices(columns=remembered), None, None)
    return Opened(grid, registry, signature, remembered, read)


def import_read(
    database: Database,
    grid: Grid,
    choices: Choices,
    title: str,
    year: int,
    signature: str | None,
    action: str,
    operator: str,
    *,
    cancel: CancelToken,
) -> Done[PlanImported]:
    """Store the grid read with the preview's choices, title and year: the
    operation IMPORT_PLAN, as the command line performs it (after a backup,
    one transaction kept for undo, the column choices remembered for the
    layout `signature` in it). A cancel stops it before the commit."""
    from db.plans.registry import collective_names

    with database.session() as session:
        collectives = collective_names(session)
    reading = interpret(grid, collectives, choices, title, year)
    return perform(
        database,
        IMPORT_PLAN(reading.plan, signature, choices.columns),
        action=action,
        operator=operator,
        cancel=cancel.check,
    )


def _guarded(path: Path, job: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a reading step: the file's own problems (InputError) and a cancel
    pass through; anything else is a bug of the reader, told as ReaderFailed
    (its traceback goes to stderr for whoever looks into it)."""
    try:
        return job(*args, **kwargs)
    except (InputError, OSError, Cancelled):
        raise
    except Exception as exc:  # noqa: BLE001 (a reader's bug, told as ReaderFailed)
        traceback.print_exception(exc)
        raise ReaderFailed(path) from None

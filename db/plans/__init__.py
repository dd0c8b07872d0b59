"""Reading plans: every format loaded into one grid, one interpreter for every grid.

    loaders/ (docx, pdf, xlsx, xls, csv, txt) → grid.Grid → reading.interpret → builder → model.ParsedPlan

What the rest of the program imports from here (and only these names):

- `read_plan(path, collectives, title, year, choices)` → `ParsedPlan`
- `read_reading(path, collectives, title, year, choices, cancel)` → `Reading`: the
  plan with how it was read (column roles, row kinds, notes), for the preview
- `interpret(grid, collectives, choices, title, year)` → `Reading`: read a grid
  again with other choices without loading the file again (`Reading.grid`)
- `Choices(columns={index: role}, rows={index: kind})`, `COLUMN_ROLES`, `ROW_KINDS`,
  `ROLE_LABELS` (Chinese names of the roles)
- the plan as read: `ParsedPlan`, `ParsedSection`, `ParsedTask`, `ParsedAssignment`, `NamedUnit`
- `clean(name)`: a unit name as stored and compared
- remembered layouts: db.plans.choices (`layout_signature`, `load_choices`, `save_choices`)

Every failure is an InputError naming the file, in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from db.plans.model import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask
from db.plans.reading import COLUMN_ROLES, ROLE_LABELS, ROW_KINDS, Choices, Reading, interpret
from db.plans.units import NamedUnit, clean

__all__ = [
    "COLUMN_ROLES",
    "ROLE_LABELS",
    "ROW_KINDS",
    "Choices",
    "NamedUnit",
    "ParsedAssignment",
    "ParsedPlan",
    "ParsedSection",
    "ParsedTask",
    "Reading",
    "clean",
    "interpret",
    "read_plan",
    "read_reading",
]


def read_reading(
    path: Path,
    collectives: Collection[str] = (),
    title: str | None = None,
    year: int | None = None,
    choices: Choices | None = None,
    cancel: Callable[[], None] | None = None,
) -> Reading:
    """Load `path` (any format the loaders know) and interpret it."""
    from db.plans.loaders import load_grid

    grid = load_grid(Path(path), cancel=cancel)
    return interpret(grid, collectives, choices, title, year)


def read_plan(
    path: Path,
    collectives: Collection[str] = (),
    title: str | None = None,
    year: int | None = None,
    choices: Choices | None = None,
) -> ParsedPlan:
    """The plan in `path`; InputError when it cannot be read as one."""
    return read_reading(path, collectives, title, year, choices).plan

"""Reading plans: every format loaded into one grid, one interpreter for every grid.

    loaders/ (docx, pdf, xlsx, xls, csv, txt) → grid.Grid → reading.interpret → builder → model.ParsedPlan

What the rest of the program imports (and only this):

- from db.plans: `read_plan(path, collectives, title, year, choices)` → `ParsedPlan`;
  `read_reading(path, collectives, title, year, choices, cancel)` → `Reading` (the
  plan with how it was read: `columns`, `column_guessed`, `rows`, `notes`,
  `header_rows`, `collectives`, `header_texts()`); `interpret(grid, collectives,
  choices, title, year)` → `Reading`, to read a loaded grid again with other
  choices; `Choices(columns={index: role}, rows={index: kind})` (0-based),
  `COLUMN_ROLES`, `ROW_KINDS`, `ROLE_LABELS` (the roles' Chinese names); the plan
  as read: `ParsedPlan`, `ParsedSection`, `ParsedTask`, `ParsedAssignment`,
  `NamedUnit` (`.collective`); `clean(name)`.
- from db.plans.loaders: `load_grid(path, cancel=None)` → `Grid` (db.plans.grid:
  `rows` of `Cell`, `row_origins`, `title_lines`, `document_date`, `width`,
  `text(row, column)`, `origin_of(cell)`, `merged_from_above(row, column)`).
- from db.plans.choices: `layout_signature(grid)`, `load_choices(session,
  signature)`, `save_choices(session, signature, columns)`.
- from db.plans.registry (not here): `seed_for_plan(session, plan)` before storing a plan,
  so the bundled plan brings its registry into an empty one.

Beyond the reading contract first agreed with the window and the corpus: `Reading` also carries
`header_rows` and `collectives` (every group name the plan uses); `read_reading`
takes `cancel`; `Grid` also says `merges_known` (False for text and CSV: an
empty unit cell continues the one above), `lines_wrapped` (PDF: a break in a
text cell is a wrap), `marked_headers` (w:tblHeader rows), `assumed_merges`
(empty cells at a page top taken as merged down: continued for units and
headings, empty for text) and `column_names` (the columns a format implies
without a header row); `Cell.origin` is the (row, column) `origin_of` follows.

Every failure is an InputError naming the file, in Chinese.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from db.cancel import CancelToken
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
    cancel: CancelToken | None = None,
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

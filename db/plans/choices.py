"""Remembered readings: the column roles a person chose for a layout of plan
table, kept in the office settings so that next year's plan in the same
layout reads the same way.

A layout is known by its header texts (`layout_signature`). The choices are
one JSON value in the settings table (key `plan_layouts`: {signature:
{"columns": {"index": role}}}); no migration is needed. The window (R2) and
the command line call `load_choices` before reading and `save_choices` after
an import the person corrected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from db.options import PLAN_LAYOUTS
from db.plans.columns import COLUMN_ROLES, normalise
from db.plans.grid import Grid
from db.plans.layout import find_header, header_names
from db.settings import read_setting, write_setting

MAX_LAYOUTS = 50  # the oldest are forgotten beyond this


def layout_signature(grid: Grid) -> str | None:
    """A short fingerprint of the grid's header texts, or None without a header."""
    header = find_header(grid)
    if not header:
        return None
    names = "|".join(normalise(name) for name in header_names(grid, header))
    return hashlib.sha256(f"{grid.width}:{names}".encode()).hexdigest()[:16]


def _layouts(session: Session) -> dict[str, Any]:
    return read_setting(session, PLAN_LAYOUTS)


def load_choices(session: Session, signature: str | None) -> dict[int, str]:
    """The column roles remembered for the layout (column index → role), or {}."""
    if signature is None:
        return {}
    stored = _layouts(session).get(signature, {}).get("columns", {})
    choices: dict[int, str] = {}
    for index, role in stored.items():
        if str(index).isdigit() and role in COLUMN_ROLES:
            choices[int(index)] = role
    return choices


def save_choices(session: Session, signature: str | None, columns: Mapping[int, str]) -> None:
    """Remember `columns` for the layout (an empty mapping forgets it), in the caller's transaction."""
    if signature is None:
        return
    layouts = _layouts(session)
    layouts.pop(signature, None)
    if columns:
        layouts[signature] = {"columns": {str(index): role for index, role in sorted(columns.items())}}
    while len(layouts) > MAX_LAYOUTS:
        layouts.pop(next(iter(layouts)))
    write_setting(session, PLAN_LAYOUTS, layouts)

"""What the history of changes is read by, besides its entries (db/operations/history.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema.models import HistoryEntry


def operators(session: Session) -> list[str]:
    """The names of everyone who made a change, sorted (by code point). One query."""
    return sorted(session.scalars(select(HistoryEntry.operator).distinct()))

"""The light records the views are built from: plans, headings, tasks and
their derived state. Plain dataclasses with no database code, so the window
can show a cached first view before SQLAlchemy is even imported (see
desktop/view_cache.py); db.queries.ledger and db.queries.status produce them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlanInfo:
    id: int
    title: str
    year: int


@dataclass(frozen=True)
class SectionNode:
    id: int
    parent_id: int | None
    level: int
    numeral: str
    title: str
    position: int  # among the sections of the same parent


@dataclass(frozen=True)
class TaskNode:
    id: int
    section_id: int
    number: int
    title: str
    position: int  # within its section


@dataclass(frozen=True)
class TaskState:
    task_id: int
    status: str  # the latest status reported in a month <= M; "not_started" when never reported
    reported: bool  # an entry exists for month M itself
    deadline: date  # task.deadline, or Dec 31 of the plan's year
    overdue: bool
    behind: bool
    light: str | None  # one of LIGHTS, or None

    @property
    def unreported(self) -> bool:
        """M's report is missing and still owed: a completed task owes none."""
        return not self.reported and self.status != "completed"

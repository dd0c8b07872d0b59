"""Which tasks a person's filter lets through: text, status, warning light,
unit, and "not reported this month" together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.queries.ledger import TaskUnits, search_tasks
from db.queries.nodes import TaskState

NO_LIGHT = "none"


@dataclass(frozen=True)
class Criteria:
    text: str = ""
    status: str | None = None  # a status code
    light: str | None = None  # "red", "yellow", "blue" or NO_LIGHT
    unit_id: int | None = None  # tasks the unit leads, is named for, or reaches through a collective
    unreported: bool = False  # not reported in the month the states are for

    def active(self) -> bool:
        return bool(self.text.strip()) or any(
            (self.status, self.light, self.unit_id is not None, self.unreported)
        )


def filter_tasks(
    session: Session,
    plan_id: int,
    criteria: Criteria,
    states: Mapping[int, TaskState],
    by_unit: Mapping[int, TaskUnits],
) -> set[int]:
    """The ids of the plan's tasks that meet every criterion; `states` are the
    plan's task states for the month in view."""
    ids = search_tasks(session, plan_id, criteria.text) if criteria.text.strip() else set(states)
    ids &= set(states)
    if criteria.status:
        ids = {i for i in ids if states[i].status == criteria.status}
    if criteria.light:
        wanted = None if criteria.light == NO_LIGHT else criteria.light
        ids = {i for i in ids if states[i].light == wanted}
    if criteria.unit_id is not None:
        groups = by_unit.get(criteria.unit_id)
        ids &= (groups.lead | groups.named | groups.via) if groups else set()
    if criteria.unreported:
        ids = {i for i in ids if not states[i].reported}
    return ids

"""The whole database as JSON, in the form README.md documents.

Unit names are canonical names; a collective appears under its own name.
Each task carries its reports, milestones, extension requests and the
office's verdicts (sign-off, return).
Every table is read in one query and assembled in memory, so the cost grows
with the rows, not with round trips.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from db import __version__
from db.queries.extensions import Request, requests
from db.queries.milestones import MilestoneNode, milestones_of
from db.queries.reviews import Verdict, verdicts
from db.safety.storage import write_bytes
from db.schema.models import Assignment, CollectiveMember, Plan, ProgressEntry, Section, Task, Unit, UnitAlias

FORMAT = "duban-taizhang/1"
PROGRESS_COLUMNS = (
    ProgressEntry.task_id,
    ProgressEntry.month,
    ProgressEntry.status,
    ProgressEntry.done,
    ProgressEntry.problems,
    ProgressEntry.next_steps,
    ProgressEntry.evidence,
    ProgressEntry.recorded_at,
    ProgressEntry.recorded_by,
)


def export_dict(session: Session) -> dict[str, Any]:
    units_by_task: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "responsible": []})
    rows = session.execute(
        select(Assignment.task_id, Assignment.role, Unit.name)
        .join(Unit, Assignment.unit_id == Unit.id)
        .order_by(Assignment.task_id, Assignment.role, Assignment.position)
    )
    for task_id, role, name in rows:
        units_by_task[task_id][role].append(name)

    reporter = aliased(Unit)
    progress: dict[int, list[dict[str, Any]]] = defaultdict(list)
    entries = session.execute(
        select(*PROGRESS_COLUMNS, reporter.name)
        .outerjoin(reporter, ProgressEntry.reporting_unit_id == reporter.id)
        .order_by(ProgressEntry.task_id, ProgressEntry.month)
    )
    for task_id, month, status, done, problems, next_steps, evidence, at, by, unit_name in entries:
        progress[task_id].append(
            {
                "month": month,
                "status": status,
                "reporting_unit": unit_name,
                "done": done,
                "problems": problems,
                "next_steps": next_steps,
                "evidence": evidence,
                "recorded_at": at.isoformat(timespec="seconds"),
                "recorded_by": by,
            }
        )

    cycle = _cycle(session)
    tasks_by_section: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for task in session.scalars(select(Task).order_by(Task.section_id, Task.position)):
        units = units_by_task.get(task.id, {"lead": [], "responsible": []})
        tasks_by_section[task.section_id].append(
            {
                "uuid": task.uuid,
                "number": task.number,
                "title": task.title,
                "requirement": task.requirement,
                "deadline": task.deadline.isoformat() if task.deadline else None,
                "deadline_text": task.deadline_text,
                "lead_units": units["lead"],
                "responsible_units": units["responsible"],
                "progress": progress.get(task.id, []),
                **{key: rows.get(task.id, []) for key, rows in cycle.items()},
            }
        )

    children: dict[int | None, list[Section]] = defaultdict(list)
    roots: dict[int, list[Section]] = defaultdict(list)
    for section in session.scalars(select(Section).order_by(Section.position)):
        if section.parent_id is None:
            roots[section.plan_id].append(section)
        else:
            children[section.parent_id].append(section)

    def section_dict(section: Section) -> dict[str, Any]:
        return {
            "numeral": section.numeral,
            "title": section.title,
            "sections": [section_dict(sub) for sub in children[section.id]],
            "tasks": tasks_by_section[section.id],
        }

    plans = [
        {
            "uuid": plan.uuid,
            "title": plan.title,
            "year": plan.year,
            "source": plan.source,
            "sections": [section_dict(section) for section in roots[plan.id]],
        }
        for plan in session.scalars(select(Plan).order_by(Plan.year, Plan.id))
    ]
    return {"format": FORMAT, "program_version": __version__, "plans": plans, "units": _units(session)}


def _when(value: datetime | date | None) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat() if value is not None else None


def _cycle(session: Session) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """A task's supervision beyond its reports, per task: "milestones",
    "extensions" and "reviews" (one query each)."""

    def milestone(m: MilestoneNode) -> dict[str, Any]:
        return {"due": _when(m.due), "due_text": m.due_text, "text": m.text, "share": m.share}

    def extension(r: Request) -> dict[str, Any]:
        return {
            "unit": r.unit,
            "requested_at": _when(r.requested_at),
            "requested_by": r.requested_by,
            "new_deadline": _when(r.new_deadline),
            "reason": r.reason,
            "state": r.state,
            "decided_at": _when(r.decided_at),
            "decided_by": r.decided_by,
            "decision_note": r.decision_note,
            "previous_deadline": _when(r.previous_deadline),
            "previous_deadline_text": r.previous_deadline_text,
        }

    def review(v: Verdict) -> dict[str, Any]:
        return {
            "month": v.month,
            "verdict": v.verdict,
            "evidence": v.evidence,
            "reason": v.reason,
            "by": v.by,
            "at": _when(v.at),
        }

    result: dict[str, dict[int, list[dict[str, Any]]]] = {"milestones": {}, "extensions": {}, "reviews": {}}
    for task_id, found in milestones_of(session).items():
        result["milestones"][task_id] = [milestone(m) for m in found]
    for request in requests(session):
        result["extensions"].setdefault(request.task_id, []).append(extension(request))
    for verdict in verdicts(session):
        result["reviews"].setdefault(verdict.task_id, []).append(review(verdict))
    return result


def _units(session: Session) -> list[dict[str, Any]]:
    """The registry, so that an export can be read back whole."""
    units = session.scalars(select(Unit).order_by(Unit.id)).all()
    names = {unit.id: unit.name for unit in units}
    aliases: dict[int, list[str]] = defaultdict(list)
    members: dict[int, list[str]] = defaultdict(list)
    for alias in session.scalars(select(UnitAlias).order_by(UnitAlias.id)):
        aliases[alias.unit_id].append(alias.alias)
    for link in session.scalars(select(CollectiveMember)):
        members[link.collective_id].append(names[link.member_id])
    return [
        {"name": unit.name, "kind": unit.kind, "aliases": aliases[unit.id], "members": sorted(members[unit.id])}
        for unit in units
    ]


def write_json(session: Session, path: Path) -> dict[str, Any]:
    """Write the export to `path`, whole or not at all (db.safety.storage.write_bytes).
    OSError with a message for the user when it cannot be written;
    DiskFullError on a full disk."""
    data = export_dict(session)
    try:
        write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError as exc:
        raise OSError(f"{path}：无法写入（{exc.strerror or exc}）") from None
    return data

"""One heading with what its form shows, and finding a heading again after a
restart of the program.

Headings have no UUID of their own (tasks and plans do), and their row ids are
reused after a restore. The window's drafts therefore name a heading by its
plan's UUID and its path: the numerals of the heading and of those above it,
from the top (`("二", "一")` for `（一）` under `二、`). A numeral can be edited,
so the path is the one stored when the draft was written; two sibling
headings given the same numeral by hand are told apart by their title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.queries.labels import heading_label, section_paths
from db.queries.ledger import heading_path, headings
from db.schema.models import Plan, Section

HeadingPath = tuple[str, ...]


@dataclass(frozen=True)
class HeadingDetail:
    id: int
    plan_id: int
    plan_uuid: str
    level: int
    numeral: str
    title: str
    path: HeadingPath  # the numerals of the heading and those above it, from the top

    @property
    def label(self) -> str:
        """The heading as the plan writes it: `（一）进一步推进…`."""
        return heading_label(self.level, self.numeral, self.title)


def heading_detail(session: Session, section_id: int) -> HeadingDetail:
    section, plan_uuid = session.execute(
        select(Section, Plan.uuid).join(Plan, Plan.id == Section.plan_id).where(Section.id == section_id)
    ).one()
    path = tuple(heading.numeral for heading in heading_path(session, section_id))
    return HeadingDetail(section.id, section.plan_id, plan_uuid, section.level, section.numeral, section.title, path)


def heading_exists(session: Session, section_id: int) -> bool:
    """Whether the heading is still there (its form follows an undo that removed it). One query."""
    return session.scalar(select(Section.id).where(Section.id == section_id)) is not None


def heading_ids(session: Session, wanted: Iterable[tuple[str, HeadingPath, str]]) -> dict[tuple[str, HeadingPath], int]:
    """(plan UUID, path) -> section id, for the headings among `wanted` (plan
    UUID, path, title when named) that still exist. Where siblings share a
    numeral, the one with the title named, else the first."""
    by_plan: dict[str, dict[HeadingPath, str]] = {}
    for plan_uuid, path, title in wanted:
        by_plan.setdefault(plan_uuid, {})[path] = title
    found: dict[tuple[str, HeadingPath], int] = {}
    for plan_id, plan_uuid in session.execute(select(Plan.id, Plan.uuid).where(Plan.uuid.in_(list(by_plan)))):
        nodes = sorted(headings(session, plan_id).values(), key=lambda node: (node.position, node.id))
        paths = section_paths(nodes)
        for node in nodes:
            named = by_plan[plan_uuid].get(paths[node.id])
            key = (plan_uuid, paths[node.id])
            if named is not None and (key not in found or heading_label(node.level, node.numeral, node.title) == named):
                found[key] = node.id
    return found

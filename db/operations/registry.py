"""Editing the unit registry: add, rename, merge, aliases, kind, members.
Each function is one user action, declared at the end as an operation
(db.operations.runner)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.errors import EditError
from db.operations.runner import Operation
from db.plans.units import clean
from db.schema.models import UNIT_KINDS, Assignment, CollectiveMember, ProgressEntry, Unit, UnitAlias


def _check_free(session: Session, name: str, unit_id: int | None = None) -> str:
    """`name` cleaned, if no other unit has it as name or alias."""
    name = clean(name)
    if not name:
        raise EditError("单位名称不能为空")
    owner = session.scalar(select(Unit).where(Unit.name == name))
    if owner is None:
        owner = session.scalar(select(Unit).join(UnitAlias).where(UnitAlias.alias == name))
    if owner is not None and owner.id != unit_id:
        raise EditError(f"“{name}”已是单位“{owner.name}”的名称或别名")
    return name


def add_unit(session: Session, name: str, kind: str = "department") -> int:
    if kind not in UNIT_KINDS:
        raise EditError(f"未知的单位类别“{kind}”")
    unit = Unit(name=_check_free(session, name), kind=kind)
    session.add(unit)
    session.flush()
    return unit.id


def rename_unit(session: Session, unit_id: int, name: str) -> None:
    """Give a unit a new canonical name; the old one becomes an alias, so plans
    that use it still find the unit."""
    unit = session.get_one(Unit, unit_id)
    new_name = _check_free(session, name, unit_id)
    if new_name == unit.name:
        return
    for alias in list(unit.aliases):
        if alias.alias == new_name:
            session.delete(alias)
    session.flush()
    old_name, unit.name = unit.name, new_name
    session.add(UnitAlias(unit_id=unit_id, alias=old_name))


def set_aliases(session: Session, unit_id: int, aliases: Sequence[str]) -> None:
    unit = session.get_one(Unit, unit_id)
    wanted = list(dict.fromkeys(clean(a) for a in aliases if clean(a) and clean(a) != unit.name))
    for name in wanted:
        _check_free(session, name, unit_id)
    for alias in list(unit.aliases):
        if alias.alias not in wanted:
            session.delete(alias)
    have = {alias.alias for alias in unit.aliases}
    session.flush()
    session.add_all(UnitAlias(unit_id=unit_id, alias=alias) for alias in wanted if alias not in have)


def set_kind(session: Session, unit_id: int, kind: str) -> None:
    if kind not in UNIT_KINDS:
        raise EditError(f"未知的单位类别“{kind}”")
    unit = session.get_one(Unit, unit_id)
    if unit.kind == "collective" and kind != "collective":
        set_members(session, unit_id, [])
    unit.kind = kind


def set_members(session: Session, collective_id: int, member_ids: Sequence[int]) -> None:
    collective = session.get_one(Unit, collective_id)
    if member_ids and collective.kind != "collective":
        raise EditError(f"“{collective.name}”不是统称，不能有成员")
    if collective_id in member_ids:
        raise EditError("统称不能包含它自己")
    current = {
        link.member_id: link
        for link in session.scalars(select(CollectiveMember).where(CollectiveMember.collective_id == collective_id))
    }
    for member_id, link in current.items():
        if member_id not in member_ids:
            session.delete(link)
    session.add_all(
        CollectiveMember(collective_id=collective_id, member_id=member_id)
        for member_id in dict.fromkeys(member_ids)
        if member_id not in current
    )


CONTACT_LENGTH, PHONE_LENGTH = 100, 50  # as the columns of units


def set_contact(session: Session, unit_id: int, contact: str, phone: str) -> None:
    """Whom the office calls at a unit (联系人) and the number (电话), as
    the 催报 list and the notices print them; spaces around them dropped."""
    contact, phone = " ".join(contact.split()), phone.strip()
    if len(contact) > CONTACT_LENGTH:
        raise EditError(f"联系人不能超过 {CONTACT_LENGTH} 个字")
    if len(phone) > PHONE_LENGTH:
        raise EditError(f"电话不能超过 {PHONE_LENGTH} 个字符")
    unit = session.get_one(Unit, unit_id)
    unit.contact, unit.phone = contact, phone


def merge_units(session: Session, source_id: int, target_id: int) -> None:
    """Two names of one unit: everything of `source` moves to `target`, whose
    alias the source's name becomes, and `source` is removed."""
    if source_id == target_id:
        raise EditError("不能把单位合并到它自己")
    source = session.get_one(Unit, source_id)
    target = session.get_one(Unit, target_id)
    if (source.kind == "collective") != (target.kind == "collective"):
        raise EditError("统称只能与统称合并")
    taken = {(a.task_id, a.role) for a in session.scalars(select(Assignment).where(Assignment.unit_id == target_id))}
    for assignment in session.scalars(select(Assignment).where(Assignment.unit_id == source_id)):
        if (assignment.task_id, assignment.role) in taken:
            session.delete(assignment)
        else:
            assignment.unit_id = target_id
    for entry in session.scalars(select(ProgressEntry).where(ProgressEntry.reporting_unit_id == source_id)):
        entry.reporting_unit_id = target_id
    links = session.scalars(
        select(CollectiveMember).where(
            or_(CollectiveMember.collective_id == source_id, CollectiveMember.member_id == source_id)
        )
    ).all()
    existing = {
        (link.collective_id, link.member_id)
        for link in session.scalars(
            select(CollectiveMember).where(
                or_(CollectiveMember.collective_id == target_id, CollectiveMember.member_id == target_id)
            )
        )
    }
    moved = set()
    for link in links:
        pair = (
            target_id if link.collective_id == source_id else link.collective_id,
            target_id if link.member_id == source_id else link.member_id,
        )
        session.delete(link)
        if pair not in existing and pair not in moved and pair[0] != pair[1]:
            moved.add(pair)
    if not (target.contact or target.phone):  # whom to call at the unit, if only the other name had it
        target.contact, target.phone = source.contact, source.phone
    aliases = [alias.alias for alias in source.aliases]
    name = source.name
    for alias in list(source.aliases):
        session.delete(alias)
    session.delete(source)
    session.flush()
    session.add_all(CollectiveMember(collective_id=c, member_id=m) for c, m in moved)
    session.add_all(UnitAlias(unit_id=target_id, alias=alias) for alias in [name, *aliases])
    session.expire(target, ["aliases"])


ADD_UNIT = Operation(add_unit, "新增单位")
RENAME_UNIT = Operation(rename_unit, "单位改名")
SET_ALIASES = Operation(set_aliases, "修改单位别名")
SET_KIND = Operation(set_kind, "修改单位类别")
SET_MEMBERS = Operation(set_members, "修改统称的成员")
MERGE_UNITS = Operation(merge_units, "合并单位")
SET_CONTACT = Operation(set_contact, "修改单位联系人")

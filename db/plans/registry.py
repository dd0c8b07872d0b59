"""The unit registry: canonical names, aliases, kinds and collective memberships.

Names read from plans are matched here, so that 市政园林局 and 市市政园林局 are
one unit and the unit view finds every task of a unit.

The registry shipped in resources/units.json belongs to the office of the
bundled plan (厦门市, 2016; the file's `office`). A new database starts with an
empty registry; it takes the shipped one only together with the bundled plan
(`seed_for_plan`: the window's first start, or that plan imported into a new
database), and then records whose it is (the setting `sample_registry_office`).
A plan of another office is never stored into such a database
(`refuse_other_office`, from the plan's title: db.plans.office), so that its
units are never renamed to Xiamen names nor given Xiamen members; a plan whose
title does not tell is stored with a note saying against whose units its names
were matched. A collective phrase the registry does not know is added as a
collective without members, for the office to fill in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import InputError
from db.plans.model import ParsedPlan
from db.plans.office import other_office, title_office
from db.plans.units import NamedUnit, clean, is_collective
from db.resources import UNIT_REGISTRY
from db.schema.models import UNIT_KINDS, CollectiveMember, Unit, UnitAlias
from db.settings import get_setting, set_setting

SAMPLE_OFFICE = "sample_registry_office"  # the setting: whose sample registry the database holds


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


def registry_file_office(path: Path = UNIT_REGISTRY) -> str:
    """The office a registry file belongs to (its `office`), or "" when it names none."""
    return str(json.loads(path.read_text(encoding="utf-8")).get("office", "")).strip()


def load_registry_file(path: Path = UNIT_REGISTRY) -> list[RegistryEntry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [
        RegistryEntry(
            name=item["name"],
            kind=item["kind"],
            aliases=tuple(item.get("aliases", ())),
            members=tuple(item.get("members", ())),
        )
        for item in data["units"]
    ]
    for entry in entries:
        if entry.kind not in UNIT_KINDS:
            raise ValueError(f"{path}: unknown kind {entry.kind!r} of {entry.name}")
    return entries


def bundled_collective_names() -> set[str]:
    """Collective names and aliases of the shipped registry, for reading a plan
    before any database exists."""
    return {
        name for entry in load_registry_file() if entry.kind == "collective" for name in (entry.name, *entry.aliases)
    }


# The plan the shipped registry belongs to (resources/plans, read in any format).
BUNDLED_PLAN_TITLE = "厦门市2016年政务公开工作主要任务责任分工"
BUNDLED_PLAN_YEAR = 2016


def is_bundled_plan(plan: ParsedPlan) -> bool:
    return (plan.title, plan.year) == (BUNDLED_PLAN_TITLE, BUNDLED_PLAN_YEAR)


def seed_for_plan(session: Session, plan: ParsedPlan) -> bool:
    """Give an empty registry the shipped one when `plan` is the bundled plan,
    and record whose it is; whether it did. Call it in the import's
    transaction, before the import."""
    if not is_bundled_plan(plan) or session.scalar(select(Unit.id).limit(1)) is not None:
        return False
    seed_registry(session, load_registry_file())
    if office := registry_file_office():
        set_setting(session, SAMPLE_OFFICE, office)
    return True


def sample_office(session: Session) -> str:
    """The office whose sample registry the database holds (厦门市), or "" when
    its registry is its own (or empty)."""
    return get_setting(session, SAMPLE_OFFICE)


@dataclass(frozen=True)
class SampleMatch:
    """A plan about to be matched against the sample registry of `sample`, an
    office that may not be its own: `plan_office` names the plan's office when
    the title tells it is another (then it is refused), None when it cannot tell."""

    sample: str
    plan_office: str | None

    def why(self) -> str:
        """What storing another office's plan here would do."""
        return (
            f"这是{self.plan_office}的计划，而本台账的单位登记表是随程序提供的{self.sample}示例：导入到这里，"
            f"单位会按{self.sample}的名称和别名改名，统称会带上{self.sample}的成员"
        )

    def refusal(self, source: Path) -> InputError:
        return InputError(
            source,
            f"{self.why()}。未导入，数据库保持原样。请把它导入一个新的台账："
            "命令行加 --db 新台账.db（main.py --db 新台账.db import-plan 文件），窗口中用 文件 → 新建台账…",
        )

    def note(self) -> str:
        return (
            f"本台账的单位登记表是随程序提供的{self.sample}示例，而计划标题看不出是哪个单位的计划："
            f"单位名称按{self.sample}的单位匹配（别名改为其规范名称，统称带上其成员）；"
            f"如果这不是{self.sample}的计划，请把它导入一个新的台账"
        )


def sample_match(title: str, sample: str) -> SampleMatch | None:
    """What storing a plan titled `title` into a registry that is the sample
    of `sample` ("" for none) means: None when nothing needs saying (no
    sample, or the sample office's own plan)."""
    if not sample:
        return None
    other = other_office(title, sample)
    if other is False:
        return None
    found = title_office(title)
    return SampleMatch(sample, found.name if other and found is not None else None)


def refuse_other_office(session: Session, plan: ParsedPlan) -> SampleMatch | None:
    """Before `plan` is stored: InputError when it is another office's and the
    registry is a sample; else what `sample_match` says (its note to tell)."""
    match = sample_match(plan.title, sample_office(session))
    if match is not None and match.plan_office is not None:
        raise match.refusal(plan.source)
    return match


def seed_registry(session: Session, entries: Iterable[RegistryEntry]) -> None:
    """Write the shipped registry into a new database."""
    entries = list(entries)
    units = {entry.name: Unit(name=entry.name, kind=entry.kind) for entry in entries}
    session.add_all(units.values())
    session.flush()
    for entry in entries:
        session.add_all(UnitAlias(unit_id=units[entry.name].id, alias=alias) for alias in entry.aliases)
        session.add_all(
            CollectiveMember(collective_id=units[entry.name].id, member_id=units[member].id) for member in entry.members
        )
    session.flush()


def collective_names(session: Session) -> set[str]:
    names = set(session.scalars(select(Unit.name).where(Unit.kind == "collective")))
    names.update(session.scalars(select(UnitAlias.alias).join(Unit).where(Unit.kind == "collective")))
    return names


def guess_kind(name: str, collective: bool = False) -> str:
    """The kind of a unit the registry does not know yet, from its name."""
    if collective:
        return "collective"
    if name.endswith(("区人民政府", "区政府")) and not name.startswith("市"):
        return "district"
    if "开发区" in name or "投资区" in name or "高新区" in name or "片区" in name:
        return "zone"
    if name.endswith(("集团", "公司")):
        return "enterprise"
    if name.startswith(("市", "区")):
        return "department"
    return "other"


@dataclass
class UnitResolver:
    """Finds the registry unit for each name read from a plan, adding the ones it
    does not know (remembered in `new_units` for the import report)."""

    session: Session
    by_name: dict[str, Unit] = field(default_factory=dict)
    new_units: list[Unit] = field(default_factory=list)

    def __post_init__(self) -> None:
        for unit in self.session.scalars(select(Unit)):
            self.by_name[clean(unit.name)] = unit
        for alias, unit in self.session.execute(select(UnitAlias.alias, Unit).join(Unit)):
            self.by_name.setdefault(clean(alias), unit)

    def resolve(self, named: NamedUnit, flush: bool = True) -> Unit:
        """The unit of `named`; a new one is added (and, with `flush`, given its
        id at once; otherwise the caller flushes before using the id)."""
        key = clean(named.name)
        unit = self.by_name.get(key)
        if unit is None:
            unit = Unit(name=key, kind=guess_kind(key, named.collective or is_collective(key, ())))
            self.session.add(unit)
            self.by_name[key] = unit
            self.new_units.append(unit)
        for alias in named.aliases:
            alias_key = clean(alias)
            if alias_key not in self.by_name:
                unit.aliases.append(UnitAlias(alias=alias_key))
                self.by_name[alias_key] = unit
        if flush and unit.id is None:
            self.session.flush()
        return unit

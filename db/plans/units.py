"""Turning the text of a lead or responsible cell into unit names.

The rules are those of DESIGN.md "Reading the plan document": lines of one cell
are joined into unit names, phrases are separated by `，`, a `、` list shares the
leading 市 (or 区) — only with short department names, never with names that
carry their own place or organisation (人民银行某某市中心支行) —, `A会同B、C`
names A, B and C, `等部门` is dropped and a collective phrase (`各区人民政府`,
`市直各委、办、局`, `各镇（街）`, `各县（市、区）`, `市直有关部门`, `各科室` …) stays
one unit, flagged `collective`.

`split_roles` reads one cell that names both roles ("X牵头，Y配合", "牵头：X；
配合：Y", "X负责", a line break between the lead and the others).
Matching the names against the registry happens later, in the database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

PHRASE_SEPARATORS = re.compile(r"[，,；;]")
DROPPED_SUFFIXES = ("等相关部门", "等有关部门", "等相关单位", "等有关单位", "等部门", "等单位", "等")
# `各区人民政府`, `市直各委、办、局`, `各镇（街）`, `市直有关部门`: a phrase naming a group.
COLLECTIVE_START = re.compile(r"^(市直|区直|县直|省直|市属|区属|县属|委属|局属|所属|市|区|县)?(各|有关|相关|其他|其它)")
UNIT_LINE_STARTS = ("市", "区", "县", "各")
SHARED_PREFIXES = ("市", "区", "县")
# A name that may take the shared 市 of the list it stands in: a short
# department name (建设局, 卫计委, 网信办) …
_SHORT_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{1,7}(局|委|办|厅|部|处|科|室|中心|院|所|站|队|会|署|委员会|办公室)$")
# … that carries no place or organisation of its own.
_OWN_PLACE = re.compile(
    r"省|市|县|区|镇|乡|街道|银行|支行|分行|分局|公司|集团|海关|大学|学院|医院|法院|检察院|报社|电视台|电信|移动|联通|银监|保监|证监|总局|总队|支队"
)
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Remove white space (also U+3000), use full-width brackets, drop end punctuation."""
    text = _SPACE.sub("", text).replace("(", "（").replace(")", "）")
    return text.rstrip("。；;，,、")


@dataclass(frozen=True)
class NamedUnit:
    """One unit as a cell names it, before the registry is consulted;
    `collective` when the phrase names a group of units."""

    name: str
    phrase: str
    aliases: tuple[str, ...] = ()
    collective: bool = False


@dataclass
class _Entry:
    text: str
    aliases: list[str] = field(default_factory=list)


def _join_lines(lines: Sequence[str]) -> list[_Entry]:
    """Group the lines of one cell: `（…）` names the unit before it again, and a
    line not starting with 市, 区, 县 or 各 continues the unit before it (the
    writer broke a long name: `市市场` / `监督管理局`, `市政府` / `新闻办`) — unless
    it is a long name of its own after a complete one (`市发改委` /
    `人民银行某某市中心支行`)."""
    entries: list[_Entry] = []
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        if entries and line.startswith("（") and line.endswith("）"):
            entries[-1].aliases.append(line[1:-1])
        elif entries and not line.startswith(UNIT_LINE_STARTS) and _continues(entries[-1].text, line):
            entries[-1].text += line
        else:
            entries.append(_Entry(line))
    return entries


_COMPLETE = re.compile(r"(局|委|办|厅|部|处|科|室|中心|政府|院|所|站|队|会|署|行|公司|集团)$")


def _continues(before: str, line: str) -> bool:
    return before.endswith(("、", "，", ",")) or not _COMPLETE.search(before) or len(line) <= 4


def _strip_suffix(text: str) -> str:
    for suffix in DROPPED_SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _split_alias(item: str) -> tuple[str, tuple[str, ...]]:
    """`市编办（市审改办）` → (`市编办`, (`市审改办`,)); other brackets stay."""
    match = re.fullmatch(r"(.+?)（([市区][^（）]+)）", item)
    if match:
        return match.group(1), (match.group(2),)
    return item, ()


def is_collective(phrase: str, collectives: Collection[str]) -> bool:
    return phrase in collectives or bool(COLLECTIVE_START.match(phrase))


def _whole_collective(phrase: str, collectives: Collection[str]) -> bool:
    """A phrase naming one group: a known collective, or one whose 、 items are all
    groups or fragments of one (市直各委、办、局; 各街道办事处、各社区), not a
    group followed by a unit (各社区、社区建设办公室)."""
    if phrase in collectives:
        return True
    items = _split_outside_brackets(phrase, "、")
    return is_collective(items[0], collectives) and all(
        len(item) <= 2 or is_collective(item, collectives) for item in items[1:]
    )


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    """`text` split at `separator`, except inside （…）: 各县（市、区） stays whole."""
    if "（" not in text:
        return text.split(separator)
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "（":
            depth += 1
        elif char == "）":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


# Words holding 市 / 区 / 县 that name no place (城市管理局, 社区建设办公室).
_NO_PLACE = re.compile(r"城市|市场|市民|都市|社区|园区|景区|小区|区域|城区|街区|县域")


def _takes_shared_prefix(name: str) -> bool:
    return (
        not name.startswith(SHARED_PREFIXES)
        and bool(_SHORT_DEPARTMENT.match(name))
        and not _OWN_PLACE.search(_NO_PLACE.sub("", name))
    )


def _phrase_units(phrase: str, collectives: Collection[str]) -> list[NamedUnit]:
    phrase = phrase.removeprefix("由")
    if _whole_collective(phrase, collectives):
        return [NamedUnit(phrase, phrase, collective=True)]
    body = _strip_suffix(phrase)
    items = [item for part in body.split("会同") for item in _split_outside_brackets(part, "、") if item]
    if not items:
        return []
    prefix = next((p for p in SHARED_PREFIXES if items[0].startswith(p)), "")
    units = []
    for item in items:
        if is_collective(item, collectives):
            units.append(NamedUnit(item, phrase, collective=True))
            continue
        name, aliases = _split_alias(item)
        if prefix and _takes_shared_prefix(name):
            name = prefix + name
        units.append(NamedUnit(name, phrase, aliases))
    return units


def parse_cell(lines: Sequence[str], collectives: Collection[str] = ()) -> list[NamedUnit]:
    """All units a lead or responsible cell names, in order, each once."""
    units: dict[str, NamedUnit] = {}
    for entry in _join_lines(lines):
        phrases = [p for p in PHRASE_SEPARATORS.split(entry.text) if p]
        for index, phrase in enumerate(phrases):
            found = _phrase_units(phrase, collectives)
            if entry.aliases and index == len(phrases) - 1 and found:
                last = found[-1]
                found[-1] = NamedUnit(last.name, last.phrase, last.aliases + tuple(entry.aliases), last.collective)
            for unit in found:
                if unit.name in units:
                    old = units[unit.name]
                    units[unit.name] = NamedUnit(old.name, old.phrase, old.aliases + unit.aliases, old.collective)
                else:
                    units[unit.name] = unit
    return list(units.values())


# --- one cell naming both roles ------------------------------------------------

_LEAD_PREFIX = re.compile(r"^(牵头单位|牵头部门|牵头科室|牵头)[:：]")
_OTHERS_PREFIX = re.compile(r"^(配合单位|配合部门|责任单位|责任部门|参与单位|协办单位|协助单位|配合|参与|协办)[:：]")
_LEAD_SUFFIX = re.compile(
    r"(分别牵头|共同牵头|牵头抓总|牵头负责|牵头落实|牵头组织|牵头实施|牵头|负责落实|负总责|负责|主抓|主责)$"
)
_OTHERS_SUFFIX = re.compile(
    r"(参照落实|参照执行|按职责分工落实|按职责分工负责|按职责落实|共同落实|配合落实|协助落实|负责配合|配合|参与|协助|协办|落实|实施)$"
)
_ROLE_WORDS = re.compile(r"牵头|负责|配合|参与|协助|协办|参照|落实|主抓")
_CLAUSES = re.compile(r"[；;。\n]|[，,](?=[^，,；;。\n]*(?:牵头|负责|配合|参与|协助|协办|参照|落实|主抓))")


def split_roles(text: str) -> tuple[list[str], list[str]]:
    """(lead lines, other lines) of a cell that names both roles.

    Role words decide: a clause ending in 牵头 / 负责 / 分别牵头 … names leads,
    one ending in 配合 / 参与 / 参照落实 … the others; `牵头：` / `配合：` name the
    clause that follows. Clauses without a role word take the role of the clause
    they belong to. With no role word at all, the first line names the lead and
    the other lines the others.
    """
    text = text.strip()
    if not _ROLE_WORDS.search(text):
        lines = [line for line in text.splitlines() if line.strip()]
        return lines[:1], lines[1:]
    lead: list[str] = []
    others: list[str] = []
    pending: list[str] = []
    current: list[str] | None = None  # the role a `牵头：` prefix opened
    for raw in _CLAUSES.split(text):
        clause = clean(raw)
        if not clause:
            continue
        if match := _LEAD_PREFIX.match(clause):
            current, clause = lead, clause[match.end() :]
        elif match := _OTHERS_PREFIX.match(clause):
            current, clause = others, clause[match.end() :]
        elif match := _LEAD_SUFFIX.search(clause):
            lead.extend([*pending, clause[: match.start()]])
            pending = []
            continue
        elif match := _OTHERS_SUFFIX.search(clause):
            others.extend([*pending, clause[: match.start()]])
            pending = []
            continue
        if current is not None:
            current.append(clause)
        else:
            pending.append(clause)
    (others if lead else lead).extend(pending)
    return [item for item in lead if item], [item for item in others if item]

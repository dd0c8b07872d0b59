"""Turning the text of a lead or responsible cell into unit names.

The rules are those of DESIGN.md "Reading the plan document": lines of one cell
are joined into unit names, phrases are separated by `，`, a `、` list shares the
leading 市 (or 区), `A会同B、C` names A, B and C, `等部门` is dropped and a
collective phrase (`各区人民政府`, `市直各委、办、局` …) stays one unit.
Matching the names against the registry happens later, in the database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

PHRASE_SEPARATORS = re.compile(r"[，,；;]")
DROPPED_SUFFIXES = ("等相关部门", "等有关部门", "等相关单位", "等部门", "等单位")
# `各区人民政府`, `市直各委、办、局`, `各行业主管部门`: a phrase naming a group.
COLLECTIVE_START = re.compile(r"^(市直|区直)?各")
UNIT_LINE_STARTS = ("市", "区", "各")
SHARED_PREFIXES = ("市", "区")
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Remove white space (also U+3000), use full-width brackets, drop end punctuation."""
    text = _SPACE.sub("", text).replace("(", "（").replace(")", "）")
    return text.rstrip("。；;，,、")


@dataclass(frozen=True)
class NamedUnit:
    """One unit as a cell names it, before the registry is consulted."""

    name: str
    phrase: str
    aliases: tuple[str, ...] = ()


@dataclass
class _Entry:
    text: str
    aliases: list[str] = field(default_factory=list)


def _join_lines(lines: Sequence[str]) -> list[_Entry]:
    """Group the lines of one cell: `（…）` names the unit before it again, and a
    line not starting with 市, 区 or 各 continues the unit before it."""
    entries: list[_Entry] = []
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        if entries and line.startswith("（") and line.endswith("）"):
            entries[-1].aliases.append(line[1:-1])
        elif entries and not line.startswith(UNIT_LINE_STARTS):
            entries[-1].text += line
        else:
            entries.append(_Entry(line))
    return entries


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


def _phrase_units(phrase: str, collectives: Collection[str]) -> list[NamedUnit]:
    if is_collective(phrase, collectives):
        return [NamedUnit(phrase, phrase)]
    body = _strip_suffix(phrase)
    items = [item for part in body.split("会同") for item in part.split("、") if item]
    if not items:
        return []
    prefix = next((p for p in SHARED_PREFIXES if items[0].startswith(p)), "")
    units = []
    for item in items:
        if is_collective(item, collectives):
            units.append(NamedUnit(item, phrase))
            continue
        name, aliases = _split_alias(item)
        if prefix and not name.startswith(SHARED_PREFIXES):
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
                found[-1] = NamedUnit(last.name, last.phrase, last.aliases + tuple(entry.aliases))
            for unit in found:
                if unit.name in units:
                    old = units[unit.name]
                    units[unit.name] = NamedUnit(old.name, old.phrase, old.aliases + unit.aliases)
                else:
                    units[unit.name] = unit
    return list(units.values())

"""Reading the milestones (节点) of a task from its 完成时限 as plans write it.

    "6月底前完成X，9月底前完成Y"  → 6-30 完成X, 9-30 完成Y
    "分季度" / "每季度"            → the four quarter ends
    "每月" / "每月10日前"          → the twelve month ends (or the 10th of each month)
    "每半年"                       → 6-30, 12-31
    "2016年底前"                   → 12-31
    "2017年3月底前完成X，6月底前…" → a year written once holds for the dates after it
    "年底前完成，每月报送进展"     → 12-31 (a rhythm counts only where no date is written)

Each clause (between ，；。 and line breaks) that names a date starts a
milestone: the date as written (`due_text`), what should be done by then (the
rest of the clause, and the clauses after it that name no date), and its
share of the task when the plan says (`完成50%`; `全部完成` is the whole). A
date written without a year is in the plan's year. Text that names no date
(`长期坚持`, `按日程表`) has no milestones.

Pure functions, no database: db.operations.milestones stores what they read.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_MONTH_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
_CLAUSE = re.compile(r"[，,；;。\n]+")
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_BEFORE = r"(?:\s*(?:以前|之前|前|止))?"
_YEAR = r"(?:(?P<{name}>\d{{4}})\s*年\s*)"

# One date as plans write it; the named groups say which kind matched.
_DATE = re.compile(
    "|".join(
        (
            r"(?P<iso_y>\d{4})\s*[-./]\s*(?P<iso_m>\d{1,2})\s*[-./]\s*(?P<iso_d>\d{1,2})\s*日?" + _BEFORE,
            _YEAR.format(name="m_y") + r"?(?:" + _MONTH + r"\s*[-—–~至到]\s*)?(?P<m>" + _MONTH + r")\s*月"
            r"\s*(?P<m_fen>份)?\s*(?:(?P<m_d>\d{1,2})\s*[日号]|(?P<m_part>底|末|上旬|中旬|下旬|中))?" + _BEFORE,
            _YEAR.format(name="q_y") + r"?第?(?P<q>[一二三四1-4])\s*季度\s*(?:末|底)?" + _BEFORE,
            _YEAR.format(name="h_y") + r"?(?P<h>上|下)半年(?:末|底)?" + _BEFORE,
            r"(?:"
            + _YEAR.format(name="e_y")
            + r"|[今本]?(?<![半一二两三四五六七八九十\d])年\s*)(?P<e>底|末|内)"
            + _BEFORE,
        )
    )
)
_RANGE_JOIN = re.compile(r"\s*[-—–~至到]\s*$")
_EVERY_MONTH = re.compile(r"(?:每个?月|按月|逐月)(?:\s*(?P<d>\d{1,2})\s*[日号])?" + _BEFORE)
_EVERY_QUARTER = re.compile(r"(?:每个?季度?|分季度|按季度?|逐季度?)(?:末|底)?" + _BEFORE)
_EVERY_HALF = re.compile(r"(?:每半年|半年一次)" + _BEFORE)
_SHARE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
_WHOLE = re.compile(r"全部完成|全面完成|全部到位|全面建成")
_LEAD_IN = re.compile(r"(?:截至|截止|力争|争取|确保|要在|须在|于|在|到)\s*$")
_STRIP = " \t，,；;。、：:"


@dataclass(frozen=True)
class ParsedMilestone:
    due: date
    due_text: str  # the date as the plan wrote it: 6月底前
    text: str  # what should be done by then
    share: float | None = None  # of the whole task, when the plan says


def parse_milestones(text: str, year: int) -> list[ParsedMilestone]:
    """The milestones a deadline text names, in the order written (see the module)."""
    text = (text or "").translate(_DIGITS).strip()
    if not text:
        return []
    if not _dates(text):  # a rhythm only where no date is written: 年底前完成，每月报送 is one stage
        return _recurring(text, year) or []
    stages: list[tuple[date, str, list[str]]] = []
    pending: list[str] = []  # clauses before the first date: what the first stage holds
    current_year = year
    for clause in _CLAUSE.split(text):
        matches = _dates(clause)
        if not matches:
            if clause.strip(_STRIP):
                (stages[-1][2] if stages else pending).append(clause.strip(_STRIP))
            continue
        for index, (start, end, match) in enumerate(matches):
            due, current_year = _due(match, current_year)
            following = matches[index + 1][0] if index + 1 < len(matches) else len(clause)
            before = clause[:start] if index == 0 else ""
            words = [*pending, _LEAD_IN.sub("", before).strip(_STRIP), clause[end:following].strip(_STRIP)]
            pending = []
            stages.append((due, clause[start:end].strip(), [word for word in words if word]))
    return [ParsedMilestone(due, due_text, "，".join(words), _share(words)) for due, due_text, words in stages]


def _dates(clause: str) -> list[tuple[int, int, re.Match[str]]]:
    """(start, end, match) of each date in the clause; a range (`3月至6月`)
    is one date, its end, spanning both."""
    found: list[tuple[int, int, re.Match[str]]] = []
    for match in _DATE.finditer(clause):
        if _bare_numeral(match):
            continue
        if found and _RANGE_JOIN.fullmatch(clause[found[-1][1] : match.start()] or "x") is not None:
            found[-1] = (found[-1][0], match.end(), match)
        else:
            found.append((match.start(), match.end(), match))
    return found


def _bare_numeral(match: re.Match[str]) -> bool:
    """A month written in Chinese numerals with nothing that makes it a date
    (统一月报 is no January): only 六月底, 2016年六月, 六月份, 六月30日 are."""
    groups = match.groupdict()
    month = groups["m"]
    return bool(month) and not month.isdigit() and not any(groups[key] for key in ("m_y", "m_d", "m_part", "m_fen"))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _MONTH_NUMERALS[text]


def _due(match: re.Match[str], year: int) -> tuple[date, int]:
    """The date a match means, and the year that holds for the dates after it."""
    groups = match.groupdict()
    written = next((groups[key] for key in ("iso_y", "m_y", "q_y", "h_y", "e_y") if groups[key]), None)
    year = int(written) if written else year
    if groups["iso_y"]:
        month = min(max(int(groups["iso_m"]), 1), 12)
        last = _month_end(year, month).day
        return date(year, month, min(max(int(groups["iso_d"]), 1), last)), year
    if groups["m"]:
        end = _month_end(year, _month_number(groups["m"]))
        part = groups["m_part"]
        day = {"上旬": 10, "中旬": 20, "中": 15}.get(part or "", end.day)
        if groups["m_d"]:
            day = min(max(int(groups["m_d"]), 1), end.day)
        return end.replace(day=day), year
    if groups["q"]:
        return _month_end(year, 3 * _QUARTERS[groups["q"]]), year
    if groups["h"]:
        return (date(year, 6, 30) if groups["h"] == "上" else date(year, 12, 31)), year
    return date(year, 12, 31), year


def _recurring(text: str, year: int) -> list[ParsedMilestone]:
    """The milestones of a duty repeated every month, quarter or half year;
    none when the text names no such rhythm."""
    for pattern, dates in ((_EVERY_MONTH, _monthly), (_EVERY_QUARTER, _quarterly), (_EVERY_HALF, _half_yearly)):
        match = pattern.search(text)
        if match is not None:
            what = (text[: match.start()] + text[match.end() :]).strip(_STRIP)
            return [ParsedMilestone(due, name, what, None) for due, name in dates(match, year)]
    return []


def _monthly(match: re.Match[str], year: int) -> list[tuple[date, str]]:
    """Every month's end, or the day of each month the text names (每月10日前)."""
    day = match.group("d")
    ends = [_month_end(year, month) for month in range(1, 13)]
    if not day:
        return [(end, f"{end.month}月底") for end in ends]
    return [(end.replace(day=min(int(day), end.day)), f"{end.month}月{day}日前") for end in ends]


def _quarterly(_match: re.Match[str], year: int) -> list[tuple[date, str]]:
    return [(_month_end(year, 3 * quarter), name) for quarter, name in enumerate(_QUARTER_NAMES, start=1)]


def _half_yearly(_match: re.Match[str], year: int) -> list[tuple[date, str]]:
    return [(date(year, 6, 30), "上半年"), (date(year, 12, 31), "下半年")]


def _share(words: list[str]) -> float | None:
    """The share a stage's text states: `完成50%` → 0.5; `全部完成` → 1."""
    text = "，".join(words)
    percent = _SHARE.search(text)
    if percent is not None and float(percent.group(1)) <= 100:
        return float(percent.group(1)) / 100
    return 1.0 if _WHOLE.search(text) else None


def stages(text: str, year: int, deadline: date | None) -> list[ParsedMilestone]:
    """The milestones worth keeping for a task: those a deadline text names
    when they say more than its deadline (several stages, or one on another
    day or with a share); a single date that is the deadline is none."""
    found = parse_milestones(text, year)
    if len(found) == 1 and found[0].due == deadline and found[0].share is None:
        return []
    return found

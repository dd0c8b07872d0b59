"""The plan's title and year: from the document's title paragraph, the rows
above the table or the file name; the year from the title, the file name or
the document's date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from db.plans.columns import normalise
from db.plans.numbering import NUMERALS

YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")
# Lines above a table that are not its title: 附件1, a document number, a date, a page number.
_NOT_TITLE = (
    re.compile(rf"^附件[0-9{NUMERALS}]*[:：]?$"),
    re.compile(r"^.{0,12}〔[0-9]{4}〕[0-9]+号$"),
    re.compile(r"^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$"),
    re.compile(r"^[-—第0-9页共/ ]+$"),
    re.compile(r"^(单位|填报单位|制表单位|填表日期|日期)[:：]"),
)
_TITLE_WORDS = ("计划", "方案", "分工", "要点", "任务", "清单", "台账", "安排", "责任", "工作")


def _is_title_candidate(line: str) -> bool:
    plain = normalise(line)
    return bool(plain) and not any(pattern.match(plain) for pattern in _NOT_TITLE) and len(plain) >= 4


def plan_title(lines: list[str], source: Path) -> str:
    """The title among the lines above the table: the first that reads like one
    (it names a plan, 计划 / 方案 / 分工 …), else the first candidate, else the
    file name. A title broken over two lines (the second starting with （ or
    ending the first's phrase) is joined."""
    candidates = [" ".join(line.split()) for line in lines if _is_title_candidate(line)]
    for index, line in enumerate(candidates):
        if any(word in line for word in _TITLE_WORDS):
            if (
                index + 1 < len(candidates)
                and candidates[index + 1].startswith(("（", "("))
                and len(candidates[index + 1]) < 30
            ):
                return line + candidates[index + 1]
            return line
    if candidates:
        return candidates[0]
    return " ".join(source.stem.replace("_", " ").split())


def plan_year(title: str, source: Path, document_date: date | None) -> int | None:
    for text in (title, source.stem):
        if match := YEAR.search(text):
            return int(match.group(1))
    return document_date.year if document_date else None

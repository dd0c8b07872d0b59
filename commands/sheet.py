"""The options of `report sheet`: what part of the plan (--section, --unit,
--warned) and which columns (--columns 简表|详表|完成时限,预警,…)."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from db.errors import DatabaseError

if TYPE_CHECKING:  # the parser is built before every command, the window's start too: nothing heavy here
    from sqlalchemy.orm import Session

    from db.queries.report_data import SheetScope


def add_sheet_options(report: argparse.ArgumentParser) -> None:
    report.add_argument("--section", metavar="一", help="督查表只含这一部分（一级标题的序号：一、二…或 1、2…）")
    report.add_argument("--warned", action="store_true", help="督查表只含红灯、黄灯任务")
    report.add_argument(
        "--columns",
        metavar="简表|详表|栏目",
        default="简表",
        help="督查表的可选栏目：简表（完成时限、预警）、详表（再加存在问题、下一步打算、佐证材料），"
        "或用逗号分隔的栏目名；默认简表",
    )


def sheet_scope(session: Session, plan_id: int, args: argparse.Namespace, unit_id: int | None) -> SheetScope:
    from db.queries.report_data import SheetScope

    section_id = find_section(session, plan_id, args.section) if args.section else None
    return SheetScope(section_id=section_id, unit_id=unit_id, warned=args.warned)


def find_section(session: Session, plan_id: int, spec: str) -> int:
    from db.queries.report_data import sheet_headings

    parts = [(section_id, label) for section_id, level, label in sheet_headings(session, plan_id) if level == 1]
    spec = spec.strip().rstrip("、")
    if spec.isdigit() and 1 <= int(spec) <= len(parts):
        return parts[int(spec) - 1][0]
    for section_id, label in parts:
        if label.split("、", 1)[0] == spec:
            return section_id
    numerals = "、".join(label.split("、", 1)[0] for _, label in parts)
    raise DatabaseError(f"--section：计划中没有第“{spec}”部分（有：{numerals}）")


def sheet_column_keys(spec: str) -> list[str]:
    """The optional columns named by `--columns`: a preset or titles (or keys)."""
    from documents.pdf.sheet import OPTIONAL_COLUMNS, PRESETS, sheet_columns

    if spec in PRESETS:
        return list(PRESETS[spec])
    by_title = {column.title: key for key, column in OPTIONAL_COLUMNS.items()}
    names = [name.strip() for name in re.split(r"[,，、]", spec) if name.strip()]
    try:
        return sheet_columns([by_title.get(name, name) for name in names])
    except ValueError as exc:
        raise DatabaseError(f"--columns：{exc}") from None

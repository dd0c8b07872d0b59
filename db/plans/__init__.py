"""Reading plans: every format loaded into one grid, one interpreter for every grid.

    loaders/ (docx, pdf, xlsx, xls, csv, txt) → grid.Grid → reading.interpret → builder → model.ParsedPlan

What the rest of the program imports from here (and only this):

- `read_plan(path, collectives, title, year, choices)` → `ParsedPlan`
- the plan as read: `ParsedPlan`, `ParsedSection`, `ParsedTask`, `ParsedAssignment`, `NamedUnit`
- `clean(name)`: a unit name as stored and compared
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from db.errors import InputError
from db.plans.model import ParsedAssignment, ParsedPlan, ParsedSection, ParsedTask
from db.plans.units import NamedUnit, clean

__all__ = [
    "NamedUnit",
    "ParsedAssignment",
    "ParsedPlan",
    "ParsedSection",
    "ParsedTask",
    "clean",
    "read_plan",
]

UNSUPPORTED = {
    ".xls": "是旧版 Excel 格式（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
    ".doc": "是 Word 文档，请另存为纯文本（.txt）或把表格复制到 Excel 后再导入",
    ".docx": "是 Word 文档，请另存为纯文本（.txt）或把表格复制到 Excel 后再导入",
    ".pdf": "是 PDF 文件，请导入 .txt 或 .xlsx 格式的计划表",
}


def read_plan(
    path: Path,
    collectives: Collection[str] = (),
    title: str | None = None,
    year: int | None = None,
) -> ParsedPlan:
    """Read a plan from a .txt (UTF-8 or GB18030) or .xlsx file; InputError if it is not one."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(path, UNSUPPORTED[suffix])
    if suffix in (".xlsx", ".xlsm"):
        from db.plans.loaders.xlsx import read_xlsx_plan

        return read_xlsx_plan(path, collectives, title, year)
    from db.plans.loaders.text import read_text_plan

    return read_text_plan(path, collectives, title, year)

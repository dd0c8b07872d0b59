"""Loader for plans saved as CSV (from Excel or WPS): comma, tab or semicolon,
UTF-8 with or without BOM or GB18030 (decoded by db.plans.files). The merges
were lost when the sheet was saved (`Grid.merges_known` is False)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from db.cancel import CancelToken
from db.errors import InputError
from db.plans.grid import Grid, GridBuilder

MAX_ROWS = 50_000
MAX_COLUMNS = 60
DELIMITERS = (",", "\t", ";", "，")


def delimiter_of(text: str) -> str | None:
    """The delimiter most lines share the same number of (at least one), or None."""
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    best: tuple[int, str] | None = None
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) - 1 for line in lines]
        usable = sum(1 for count in counts if count >= 1)
        if usable >= 0.6 * len(lines) and (best is None or usable > best[0]):
            best = (usable, delimiter)
    return best[1] if best else None


def load_delimited(path: Path, text: str, cancel: CancelToken | None = None) -> Grid:
    delimiter = delimiter_of(text)
    if delimiter is None:
        raise InputError(path, "不是逗号、制表符或分号分隔的表格（CSV），无法识别列")
    builder = GridBuilder(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            if cancel is not None and number % 500 == 0:
                cancel.check()
            if number > MAX_ROWS:
                raise InputError(path, f"表格超过 {MAX_ROWS} 行，不像工作计划表")
            if not any(cell.strip() for cell in row):
                continue
            builder.add_texts([cell.strip() for cell in row[:MAX_COLUMNS]], f"第 {number} 行")
    except csv.Error as exc:
        raise InputError(path, f"CSV 格式有误：{exc}") from None
    return builder.build(merges_known=False)

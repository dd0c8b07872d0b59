"""The Excel figures for the benchmark: writing the ledger, making the units'
fill-in sheets, and reading and importing one filled-in sheet."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import openpyxl
from sqlalchemy.orm import Session

from db.operations.returns import import_returns
from db.queries.ledger import plans
from db.queries.sheets import fill_in_sheets, ledger_data
from db.returns.contract import FIRST_ROW, RETURN_COLUMNS
from db.returns.reading import read_returns
from db.schema.database import open_database
from documents.excel.ledger import write_ledger
from documents.excel.returns import make_returns

T = TypeVar("T")


def _once(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def excel_times(db_path: Path, month: str, best: Callable[..., tuple[Any, Any]] | None = None) -> dict[str, Any]:
    """Time `write_ledger`, `make_returns` (every lead unit) and
    `read_returns` + `import_returns` of the largest fill-in sheet, filled in
    on every row, for the database's first plan and `month`.

    Each step runs once and its time is in seconds, or through `best` (the
    benchmark's best-of-runs helper, whose timing objects are returned then).
    The import is rolled back, so the database is left as it was and a step
    can be repeated. Also returned: `ledger_rows`, `returns_files`,
    `import_rows`.
    """
    timed = best or _once
    database = open_database(db_path)
    times: dict[str, Any] = {}
    try:
        with database.session() as session, tempfile.TemporaryDirectory(prefix="duban-excel-") as workdir:
            folder = Path(workdir)
            plan_id = plans(session)[0].id
            info, times["ledger"] = timed(
                lambda: write_ledger(ledger_data(session, plan_id, month), folder / "台账.xlsx")
            )
            paths, times["returns"] = timed(
                lambda: make_returns(fill_in_sheets(session, plan_id, month), folder / "returns")
            )
            times["ledger_rows"], times["returns_files"] = info.rows, len(paths)
            filled = _fill_in(max(paths, key=lambda path: path.stat().st_size))

            def read_and_import() -> int:
                with Session(database.engine) as writing:  # rolled back on close (a reading session cannot write)
                    return import_returns(writing, read_returns(writing, [filled]), by="bench")

            times["import_rows"], times["import"] = timed(read_and_import)
    finally:
        database.close()
    return times


def _fill_in(path: Path) -> Path:
    """Fill every row of a fill-in sheet as a unit would."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    column = {key: index for index, key in enumerate(RETURN_COLUMNS, start=1)}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        sheet.cell(row, column["status"], "推进中")
        sheet.cell(row, column["done"], f"基准测试：第 {row} 行的进展情况。")
        sheet.cell(row, column["next_steps"], "下月继续推进。")
    workbook.save(path)
    return path

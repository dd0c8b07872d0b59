"""Every input validated at the edge (issue 10, items 6–9): years, task
numbers, months and plan files that are regular files. Each refusal is one
plain line naming the file and the problem, exit status 2, and the database
byte for byte as it was (its file and its JSON export)."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from db.errors import InputError
from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.resources import BUNDLED_PLAN
from db.schema.database import Database
from tests.conftest import ledger_state, refused, run_main

HUGE = 10**25
YEARS = (1900, 2100)  # as README.md promises; db.limits holds them
LAST_TASK_NUMBER = 99_999


def test_a_year_out_of_range_is_refused(ledger: Path) -> None:
    """Item 6: `--year 99999` (a typo for 2016) was stored, and after it the
    window would not start and export, report and make-returns failed."""
    state = ledger_state(ledger)
    for year in (99999, 20166, 1899, 2101):
        line = refused(run_main("--db", ledger, "import-plan", BUNDLED_PLAN, "--year", year), str(BUNDLED_PLAN))
        assert f"--year：年度 {year} 不在 {YEARS[0]}–{YEARS[1]} 之间，未导入" in line
    assert ledger_state(ledger) == state


def test_the_core_refuses_a_year_out_of_range_whoever_asks(plan_db: Database) -> None:
    parsed = read_plan(BUNDLED_PLAN, title="另一份计划", year=2016)
    parsed.year = 99999  # as a caller might pass it
    state = ledger_state(plan_db.path)
    with pytest.raises(InputError, match="年度 99999 不在 1900–2100 之间，未导入"), plan_db.transaction() as session:
        import_plan(session, parsed)
    assert ledger_state(plan_db.path) == state


def test_the_window_offers_only_years_in_range(qtbot, plan_db: Database) -> None:  # type: ignore[no-untyped-def]
    from desktop.import_dialog import ImportPlanDialog
    from desktop.ledger import Ledger

    dialog = ImportPlanDialog(Ledger(plan_db), BUNDLED_PLAN)
    qtbot.addWidget(dialog)
    # Below the first year lies only the box's "no year given" value, shown as "—".
    assert (dialog.year_spin.minimum() + 1, dialog.year_spin.maximum()) == YEARS
    assert dialog.year_spin.specialValueText() == "—"


def test_a_huge_task_number_is_refused_not_an_overflow(ledger: Path, tmp_path: Path) -> None:
    """Item 7: a task numbered 10^25 gave an OverflowError traceback, exit 1."""
    plan = tmp_path / "huge.txt"
    plan.write_text(
        f"厦门市2017年政务公开工作要点\n\t一、推进决策公开\n\t{HUGE}. 公开重大决策预案\n\t市环保局\n\t市财政局\n\t按时公开。\n",
        encoding="utf-8",
    )
    state = ledger_state(ledger)
    line = refused(
        run_main("--db", ledger, "import-plan", plan), str(plan), "任务编号不在 1–99999 之间（100000…，26 位数）"
    )
    assert "第 3 行" in line
    assert ledger_state(ledger) == state


@pytest.mark.parametrize("number", [HUGE, float(HUGE), LAST_TASK_NUMBER + 1])
def test_a_huge_task_number_in_a_workbook_is_refused(tmp_path: Path, number: float) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["厦门市2017年政务公开工作要点"])
    sheet.append(["序号", "工作任务", "牵头单位", "责任单位", "工作要求"])
    sheet.append([1, "公开重大决策预案", "市环保局", "市财政局", "按时公开。"])
    sheet.append([number, "公开政策解读", "市环保局", "市财政局", "按时公开。"])
    workbook.save(tmp_path / "plan.xlsx")
    with pytest.raises(InputError, match=r"不在 1–99999 之间") as raised:
        read_plan(tmp_path / "plan.xlsx")
    assert raised.value.where  # names the cell


@pytest.mark.parametrize(
    "command",
    [
        ["import-returns", "{work}/return.xlsx", "--month", "2016-13"],
        ["report", "sheet", "--month", "2016-13", "-o", "{work}/out.pdf"],
        ["make-returns", "--month", "2016-00", "-o", "{work}"],
        ["export", "{work}/out.xlsx", "--month", "2016-6"],
    ],
    ids=["import-returns", "report", "make-returns", "export"],
)
def test_a_month_that_is_no_month_is_refused(ledger: Path, tmp_path: Path, command: list[str]) -> None:
    """Item 8: `import-returns --month 2016-13` gave a ValueError traceback."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "return.xlsx").write_bytes(b"")
    state = ledger_state(ledger)
    args = [part.format(work=work) for part in command]
    month = args[args.index("--month") + 1]
    refused(run_main("--db", ledger, *args), f"--month：月份应写作 YYYY-MM（如 2016-06），不是“{month}”")
    assert ledger_state(ledger) == state
    assert sorted(p.name for p in work.iterdir()) == ["return.xlsx"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["import-plan"], "plan.txt"),
        (["import-plan"], "plan.xlsx"),
        (["import-returns"], "return.xlsx"),
        (["restore"], "backup.db"),
    ],
    ids=["plan-text", "plan-xlsx", "return", "backup"],
)
def test_a_fifo_is_refused_without_hanging(ledger: Path, tmp_path: Path, command: list[str], name: str) -> None:
    """Item 9: a FIFO given as the plan file hung for ever (reading it waits
    for a writer that never comes). run_main's timeout fails the test if it hangs."""
    fifo = tmp_path / name
    os.mkfifo(fifo)
    state = ledger_state(ledger)
    refused(run_main("--db", ledger, *command, fifo, timeout=60), str(fifo), "不是普通文件")
    assert ledger_state(ledger) == state

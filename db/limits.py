"""The ranges the ledger accepts, checked wherever a value enters (a plan file,
the command line, a dialog), so that a typo such as the year 20166 or a task
number of 26 digits is refused with a message instead of being stored."""

from __future__ import annotations

YEARS = (1900, 2100)  # a plan's year
TASK_NUMBERS = (1, 99_999)  # a task's number within its plan (SQLite's INTEGER holds far more)


def year_problem(year: int) -> str | None:
    """Why `year` cannot be a plan's year, or None."""
    low, high = YEARS
    return None if low <= year <= high else f"年度 {year} 不在 {low}–{high} 之间"


def task_number_problem(number: int) -> str | None:
    """Why `number` cannot be a task's number, or None."""
    low, high = TASK_NUMBERS
    if low <= number <= high:
        return None
    digits = str(number)
    shown = digits if len(digits) <= 12 else f"{digits[:6]}…，{len(digits)} 位数"
    return f"任务编号不在 {low}–{high} 之间（{shown}）"

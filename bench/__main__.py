"""The benchmark: `python -m bench [--sizes 66 1000 5000] [--months N] [--units N]`.

For each size it reads a plan, stores it in a new database, adds months of
progress, reopens the database and exports it as JSON, timing every step with
time.perf_counter, and prints one Markdown table (a column per size) to paste
into a README. Size 66 is the bundled plan
(resources/plans/xiamen-2016-task-division.txt); any other size is a synthetic
plan from bench/synthetic.py. Everything happens in a temporary directory.

The cheap steps (reading the plan, opening the database, building and writing
the JSON) are repeated up to 3 times and the best time is kept; a step whose
runs already took more than a few seconds is not repeated further (marked *).
Last, the start-up of the window is timed from outside, by screen captures
under Xvfb, beside LibreOffice Calc opening the exported ledger
(bench/startup.py; skipped with the reason where Xvfb or a LibreOffice that
shows a window is missing). Progress messages go to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy
from sqlalchemy import func, select

from bench import startup
from bench.bulletin import bulletin_times
from bench.excel import excel_times
from bench.gui import SEARCH, first_window_seconds, gui_times, report_process_seconds
from bench.printing import print_times
from bench.printing import table as printing_table
from bench.reading import reading_times
from bench.reading import table as reading_table
from bench.reports import report_times
from bench.synthetic import add_progress, write_text_plan
from db.operations.import_plan import import_plan
from db.plans import read_plan
from db.plans.registry import bundled_collective_names
from db.queries.export_json import export_dict, write_json
from db.resources import UNIT_REGISTRY
from db.schema.database import open_database
from db.schema.models import Assignment, ProgressEntry
from db.vocabulary import NOTICE_LEVEL_LABELS, NOTICE_LEVELS

BUNDLED_PLAN = UNIT_REGISTRY.parent / "plans" / "xiamen-2016-task-division.txt"
BUNDLED_SIZE = 66  # tasks in the bundled plan: this size means that plan
DEFAULT_SIZES = (BUNDLED_SIZE, 1000, 5000)
BUNDLED_MONTHS = 3
SYNTHETIC_MONTHS = 12
DEFAULT_UNITS = 200
REPEAT = 3
REPEAT_BUDGET = 3.0  # seconds: no further runs of a step once its runs took this long

T = TypeVar("T")


@dataclass
class Timing:
    seconds: float
    runs: int
    repeatable: bool = True


@dataclass
class Result:
    label: str
    months: int
    counts: dict[str, int] = field(default_factory=dict)
    times: dict[str, Any] = field(default_factory=dict)  # a Timing, or the dict of report_times / excel_times
    sizes: dict[str, int] = field(default_factory=dict)
    printing: dict[str, Any] = field(default_factory=dict)  # bench/printing.py, for the bundled plan


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def once(fn: Callable[[], T]) -> tuple[T, Timing]:
    start = time.perf_counter()
    value = fn()
    return value, Timing(time.perf_counter() - start, 1, repeatable=False)


def best(fn: Callable[[], T], after: Callable[[T], object] | None = None, repeat: int = REPEAT) -> tuple[T, Timing]:
    """The best of up to `repeat` runs (fewer when the runs are slow);
    `after(value)` follows each run, untimed."""
    times: list[float] = []
    value: Any = None
    while len(times) < repeat and sum(times) < REPEAT_BUDGET:
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
        if after is not None:
            after(value)
    return value, Timing(min(times), len(times))


def run_size(size: int, months: int, units: int, workdir: Path) -> Result:
    directory = workdir / f"size-{size}"
    directory.mkdir()
    if size == BUNDLED_SIZE:
        label, plan_path = f"{size} (bundled)", BUNDLED_PLAN
    else:
        label = f"{size:,}"
        say(f"[{label}] generating a synthetic plan with {units} units …")
        plan_path = write_text_plan(directory / f"plan-{size}.txt", size, units)
    result = Result(label, months)
    result.sizes["plan"] = plan_path.stat().st_size
    collectives = bundled_collective_names()

    say(f"[{label}] reading the plan …")
    parsed, result.times["read"] = best(lambda: read_plan(plan_path, collectives))

    say(f"[{label}] creating the database and storing the plan …")
    db_path = directory / "ledger.db"
    database, result.times["create"] = once(lambda: open_database(db_path))
    try:

        def store() -> Any:
            with database.transaction() as session:
                return import_plan(session, parsed)

        report, result.times["store"] = once(store)
        result.counts["tasks"] = report.tasks
        result.counts["units"] = report.units
        result.counts["continued"] = len(report.continued)

        say(f"[{label}] adding {months} months of progress …")
        entries, result.times["progress"] = once(lambda: add_progress(database, report.plan_id, months))
        with database.session() as session:
            result.counts["assignments"] = session.scalar(select(func.count()).select_from(Assignment)) or 0
            result.counts["progress"] = session.scalar(select(func.count()).select_from(ProgressEntry)) or 0
        if result.counts["progress"] != entries:
            raise RuntimeError(f"add_progress said {entries} entries, the database holds {result.counts['progress']}")
    finally:
        database.close()

    say(f"[{label}] opening the existing database …")
    _, result.times["open"] = best(lambda: open_database(db_path), after=lambda opened: opened.close())

    say(f"[{label}] exporting JSON …")
    database = open_database(db_path)
    try:

        def build() -> dict[str, Any]:
            with database.session() as session:
                return export_dict(session)

        data, result.times["export"] = best(build)
        exported = sum(
            len(task["progress"])
            for plan in data["plans"]
            for section in plan["sections"]
            for part in (section, *section["sections"])
            for task in part["tasks"]
        )
        if exported != result.counts["progress"]:
            raise RuntimeError(f"the export holds {exported} progress entries, not {result.counts['progress']}")

        json_path = directory / "export.json"

        def write() -> None:
            with database.session() as session:
                write_json(session, json_path)

        _, result.times["write"] = best(write)
    finally:
        database.close()
    say(f"[{label}] writing the reports, the Excel ledger and the fill-in sheets …")
    result.times["reports"] = report_times(db_path)
    result.times["excel"] = excel_times(db_path, result.times["reports"]["month"])
    result.times["bulletin"] = bulletin_times(db_path, result.times["reports"]["month"])
    if size == BUNDLED_SIZE:
        result.times["report_process"] = Timing(report_process_seconds(db_path, result.times["reports"]["month"]), 3)
        say(f"[{label}] printing the supervision sheet from a worker …")
        result.printing = print_times(db_path, result.times["reports"]["month"])

    say(f"[{label}] building the window's tree and filtering it …")
    result.times.update(gui_times(db_path, best))
    if size == BUNDLED_SIZE:
        say(f"[{label}] starting the program to its first window …")
        first, ready = first_window_seconds(db_path)
        result.times["first_window"], result.times["ready"] = Timing(first, 3), Timing(ready, 3)
    result.sizes["database"] = sum(p.stat().st_size for p in directory.iterdir() if p.name.startswith(db_path.name))
    result.sizes["json"] = json_path.stat().st_size
    return result


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as file:
            for line in file:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Hardware", "Processor", "cpu model"):
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_lines() -> list[str]:
    return [
        f"- date: {datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {platform.platform()}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical CPUs",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLAlchemy {sqlalchemy.__version__}, SQLite {sqlite3.sqlite_version}",
    ]


def format_seconds(timing: Timing) -> str:
    s = timing.seconds
    text = f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
    return text + ("*" if timing.runs < REPEAT and timing.repeatable else "")


def _s(seconds: float) -> str:
    return format_seconds(Timing(seconds, 1, repeatable=False))


def _keystrokes(figures: list[tuple[str, float, int]]) -> str:
    """`公 12.3 ms (4,998) · 公开 10.1 ms (4,997)`."""
    return " · ".join(f"{text} {_s(seconds)} ({shown:,})" for text, seconds, shown in figures)


def _report(r: Result, data: str, write: str, *counts: str) -> str:
    """`412.0 ms (22, 31)`: a report's data and PDF, and how many notices, pages."""
    times = r.times["reports"]
    return f"{_s(times[data] + times[write])} ({', '.join(f'{times[count]:,}' for count in counts)})"


def format_bytes(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


ROWS: list[tuple[str, Callable[[Result], str]]] = [
    ("plan file", lambda r: format_bytes(r.sizes["plan"])),
    ("tasks", lambda r: f"{r.counts['tasks']:,}"),
    ("units named (incl. collectives)", lambda r: f"{r.counts['units']:,}"),
    ("assignments (continued)", lambda r: f"{r.counts['assignments']:,} ({r.counts['continued']:,})"),
    ("months of progress", lambda r: str(r.months)),
    ("progress entries", lambda r: f"{r.counts['progress']:,}"),
    ("read plan (`read_plan`, best of 3)", lambda r: format_seconds(r.times["read"])),
    ("create database (`open_database`, new file)", lambda r: format_seconds(r.times["create"])),
    ("store plan (`import_plan`, one transaction)", lambda r: format_seconds(r.times["store"])),
    ("add progress (`record_month` per month, one transaction)", lambda r: format_seconds(r.times["progress"])),
    (
        "… per progress entry",
        lambda r: (
            f"{r.times['progress'].seconds / r.counts['progress'] * 1000:.2f} ms" if r.counts["progress"] else "–"
        ),
    ),
    ("open existing database (`open_database`, best of 3)", lambda r: format_seconds(r.times["open"])),
    ("build JSON (`export_dict`, best of 3)", lambda r: format_seconds(r.times["export"])),
    ("write JSON (`write_json`, incl. export, best of 3)", lambda r: format_seconds(r.times["write"])),
    (
        "supervision sheet with its charts: data + PDF (pages)",
        lambda r: _report(r, "sheet_data", "write_sheet", "sheet_pages"),
    ),
    (
        "… without charts (`--no-charts`): data + PDF (pages)",
        lambda r: _report(r, "sheet_data_plain", "write_sheet_plain", "sheet_pages_plain"),
    ),
    (
        "`main.py report sheet`, whole process (best of 3)",
        lambda r: format_seconds(r.times["report_process"]) if "report_process" in r.times else "–",
    ),
    (
        "supervision notices by the lights: data + PDF (units)",
        lambda r: _report(r, "notice_data", "write_notices", "notices"),
    ),
    *(
        (
            (
                f"{NOTICE_LEVEL_LABELS[level]}: `--level {level}` data + PDF for every lighted unit "
                "(units of that level, units written, pages)"
            ),
            lambda r, level=level: _report(
                r,
                f"notice_data_{level}",
                f"write_notices_{level}",
                f"chosen_{level}",
                f"notices_{level}",
                f"notice_pages_{level}",
            ),
        )
        for level in NOTICE_LEVELS
    ),
    (
        "monthly bulletin: figures + .docx (units ranked)",
        lambda r: (
            f"{_s(r.times['bulletin']['figures'])} + {_s(r.times['bulletin']['write'])} ({r.times['bulletin']['units']:,})"
        ),
    ),
    ("Excel ledger (`write_ledger`)", lambda r: _s(r.times["excel"]["ledger"])),
    (
        "fill-in sheets (`make_returns`, files)",
        lambda r: f"{_s(r.times['excel']['returns'])} ({r.times['excel']['returns_files']:,})",
    ),
    ("read + import one returned sheet", lambda r: _s(r.times["excel"]["import"])),
    ("build the plan tree (`PlanTreeModel`, best of 3)", lambda r: format_seconds(r.times["tree"])),
    (
        "one title edit, typed in the task form and saved, to the window repainted (best of 5)",
        lambda r: _s(r.times["edit"]),
    ),
    ("… of which the views following the change (best of 5)", lambda r: _s(r.times["edit_views"])),
    (
        "read the search index (once, as the search box takes the focus; best of 3)",
        lambda r: format_seconds(r.times["search_index"]),
    ),
    (
        f"type “{SEARCH}”, each keystroke to the tree repainted (best of 3; tasks shown)",
        lambda r: _keystrokes(r.times["typing"][SEARCH]),
    ),
    (
        "type the name of the unit leading the most tasks, each keystroke (best of 3; tasks shown)",
        lambda r: _keystrokes(next(v for k, v in r.times["typing"].items() if k != SEARCH)),
    ),
    ("build the main window (`MainWindow` + `attach`, best of 3)", lambda r: format_seconds(r.times["window"])),
    (
        "start `main.py` to the window showing the plan (new process, best of 3)",
        lambda r: format_seconds(r.times["first_window"]) if "first_window" in r.times else "–",
    ),
    (
        "start `main.py` to everything loaded (new process, best of 3)",
        lambda r: format_seconds(r.times["ready"]) if "ready" in r.times else "–",
    ),
    ("database file", lambda r: format_bytes(r.sizes["database"])),
    ("JSON file", lambda r: format_bytes(r.sizes["json"])),
]


def table(results: list[Result]) -> list[str]:
    header = ["", *(r.label for r in results)]
    body = [[name, *(cell(r) for r in results)] for name, cell in ROWS]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))]
        return "| " + " | ".join(cells) + " |"

    rule = "| " + " | ".join(["-" * widths[0], *("-" * (w - 1) + ":" for w in widths[1:])]) + " |"
    return [line(header), rule, *(line(row) for row in body)]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time reading, storing, progress, opening and JSON export of plans of several sizes.",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        metavar="N",
        help=f"numbers of tasks (default: {' '.join(map(str, DEFAULT_SIZES))}); "
        f"{BUNDLED_SIZE} is the bundled plan, any other a synthetic one",
    )
    parser.add_argument(
        "--months",
        type=int,
        default=None,
        metavar="N",
        help=f"months of progress, 0–12 (default: {BUNDLED_MONTHS} for the bundled plan, "
        f"{SYNTHETIC_MONTHS} for synthetic ones)",
    )
    parser.add_argument(
        "--units",
        type=int,
        default=DEFAULT_UNITS,
        metavar="N",
        help=f"distinct units of a synthetic plan (default: {DEFAULT_UNITS})",
    )
    args = parser.parse_args(argv)
    if any(size < 1 for size in args.sizes):
        parser.error("sizes must be positive")
    if args.months is not None and not 0 <= args.months <= 12:
        parser.error("--months must be between 0 and 12")
    if args.units < 1:
        parser.error("--units must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="duban-bench-") as workdir:
        for size in args.sizes:
            months = args.months
            if months is None:
                months = BUNDLED_MONTHS if size == BUNDLED_SIZE else SYNTHETIC_MONTHS
            results.append(run_size(size, months, args.units, Path(workdir)))
        say("reading the plans as Word and PDF …")
        readings = reading_times(Path(workdir))
        say("timing the start-up from outside, beside LibreOffice Calc …")
        start_up = startup.measure(startup.bundled_ledger(Path(workdir)), Path(workdir), say=say)
    total = time.perf_counter() - started

    lines = ["## Benchmark", "", *machine_lines(), ""]
    lines += table(results)
    lines += [
        "",
        f"Synthetic plans: `bench/synthetic.py`, {args.units} units, seed 1. "
        "Times are wall-clock (`time.perf_counter`); * marks a step run fewer than 3 times "
        f"because its runs already took over {REPEAT_BUDGET:.0f} s. "
        f"Whole run: {total:.0f} s.",
        "",
        *(
            line
            for r in results
            if r.printing
            for line in ("### Printing (`bench/printing.py`)", "", *printing_table(r.printing), "")
        ),
        "### Reading plans (`bench/reading.py`)",
        "",
        *reading_table(readings),
        "",
        "### Start-up, timed from outside (`bench/startup.py`)",
        "",
        *(startup.table(start_up) if not isinstance(start_up, str) else [f"Not measured: {start_up}."]),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

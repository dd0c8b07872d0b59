"""The window's figures for the benchmark: building the plan tree, filtering
it, building the main window, and the program's start to its first window."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEARCH = "公开"  # in most titles and requirements: the filter keeps many rows, the slow case


def gui_times(db_path: Path, best: Callable[..., tuple[Any, Any]]) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTreeView

    from db.queries.ledger import plans
    from db.queries.task_filter import Criteria, filter_tasks
    from db.schema.database import open_database
    from desktop.ledger import Ledger
    from desktop.main_window import MainWindow
    from desktop.plan_model import PlanTreeModel

    app = QApplication.instance() or QApplication([])
    database = open_database(db_path)
    times: dict[str, Any] = {}
    try:
        ledger = Ledger(database)
        model, times["tree"] = best(lambda: PlanTreeModel(ledger))
        view = QTreeView()
        view.setModel(model)
        view.setUniformRowHeights(True)
        with database.session() as session:
            plan_id = plans(session)[0].id
        criteria = Criteria(text=SEARCH)
        states = model.plan_states(plan_id)

        def apply_filter() -> int:
            with database.session() as session:
                ids = filter_tasks(session, plan_id, criteria, states, {})
            model.set_filter(ids)
            view.expandAll()
            app.processEvents()
            return len(ids)

        times["filter_rows"], times["filter"] = best(apply_filter)
        def build_window() -> MainWindow:
            window = MainWindow()
            window.attach(database)
            return window

        _window, times["window"] = best(build_window, after=lambda w: w.deleteLater())
        app.processEvents()
    finally:
        database.close()
    return times


def first_window_seconds(db_path: Path, runs: int = 3) -> tuple[float, float]:
    """Best wall-clock times from starting `main.py` to its window painted with
    the plan, and to everything loaded (the event loop running). The first run
    leaves the view cache the later ones start from, as a person's second start."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    first = ready = float("inf")
    for _ in range(runs + 1):
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.startup_probe", str(db_path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("first plan"):
                first = min(first, time.perf_counter() - start)
            elif line.startswith("ready"):
                ready = min(ready, time.perf_counter() - start)
        process.wait(timeout=60)
    return first, ready


def report_process_seconds(db_path: Path, month: str, runs: int = 3) -> float:
    """Best wall-clock time of `main.py report sheet`, the whole process."""
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "main.py", "--db", str(db_path), "report", "sheet", "--month", month, "-o", f"{folder}/s.pdf"],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            best = min(best, time.perf_counter() - start)
    return best

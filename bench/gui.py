"""The window's figures for the benchmark: building the plan tree and the
main window, one edit repainted, filtering as one types, and the program's
start to its first window.

Everything runs offscreen in the real window (MainWindow + attach) on the
database the benchmark built. "Repainted" means the window has done what the
change posted (the tree's layout, the repaint of what changed): the event
queue is run until nothing is left (`settle`).
"""

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
EDITS = 5  # title edits timed; the best is kept
TYPED = 3  # times each word is typed from an empty search box; the best of each keystroke is kept


def settle(app: Any) -> None:
    """Run the event queue until what was posted is done: the tree's delayed
    layout posts the repaint it needs, which the next round paints."""
    for _ in range(3):
        app.processEvents()


def gui_times(db_path: Path, best: Callable[..., tuple[Any, Any]]) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from db.queries.ledger import plans, tasks_by_unit, units
    from db.schema.database import open_database
    from desktop.ledger import Ledger
    from desktop.main_window import MainWindow
    from desktop.plan_filter import TaskFilter
    from desktop.plan_model import PlanTreeModel
    from desktop.refcounts import guard_singletons

    guard_singletons()
    app = QApplication.instance() or QApplication([])
    database = open_database(db_path)
    times: dict[str, Any] = {}
    try:
        ledger = Ledger(database)
        _model, times["tree"] = best(lambda: PlanTreeModel(ledger))
        with database.session() as session:
            plan_id = plans(session)[0].id
            by_unit = tasks_by_unit(session, plan_id)
            names = {info.id: info.name for info in units(session)}
        unit_name = names[max(by_unit, key=lambda unit_id: (len(by_unit[unit_id].lead), -unit_id))]

        def build_window() -> MainWindow:
            window = MainWindow()
            window.attach(database)
            return window

        window, times["window"] = best(build_window, after=lambda w: w.deleteLater())
        settle(app)
        window = build_window()
        window.show()
        settle(app)
        controller = window.controller
        assert controller is not None
        _, times["search_index"] = best(lambda: TaskFilter(controller.ledger, controller.model).prepare())
        times["edit"], times["edit_views"] = _edit_times(app, controller)
        controller.search.prepare()  # as the search box taking the focus does
        times["typing"] = {word: _typing_times(app, controller, word) for word in (SEARCH, unit_name)}
        window.close()
        window.deleteLater()
        settle(app)
    finally:
        database.close()
    return times


def _edit_times(app: Any, controller: Any) -> tuple[float, float]:
    """Best of EDITS title edits of a task in the middle of the plan, typed in
    the task form and saved with Enter, to the window repainted; and the
    views' part of it: the same change announced again (every view follows
    it as it did), to repainted."""
    from db.operations.touched import touched
    from db.queries.ledger import outline

    with controller.ledger.session() as session:
        tasks = outline(session, controller.model.plan_ids()[0])[1]
    task = tasks[len(tasks) // 2]
    controller.open_task(task.id)
    settle(app)
    whole, views = [], []
    for run in range(EDITS):
        controller.task_form.title.setText(f"{task.title}（第{run + 1}次修改）")
        start = time.perf_counter()
        controller.task_form.title.returnPressed.emit()
        settle(app)
        whole.append(time.perf_counter() - start)
        stack = controller.ledger.undo_stack
        meaning = touched(stack.command(stack.index() - 1).changes)
        start = time.perf_counter()
        controller.ledger.touched.emit(meaning)
        settle(app)
        views.append(time.perf_counter() - start)
    return min(whole), min(views)


def _typing_times(app: Any, controller: Any, word: str) -> list[tuple[str, float, int]]:
    """Each keystroke of `word` typed into the search box, from an empty box,
    to the tree repainted (the filter applied at once, as Enter does, rather
    than after the typing pause): (text, best seconds, tasks shown)."""
    runs: list[list[float]] = [[] for _ in word]
    shown = [0] * len(word)
    search = controller.filters.search
    for _ in range(TYPED):
        controller.filters.clear()
        settle(app)
        for n in range(1, len(word) + 1):
            search.setText(word[:n])
            start = time.perf_counter()
            search.returnPressed.emit()
            settle(app)
            runs[n - 1].append(time.perf_counter() - start)
            shown[n - 1] = len(controller.search.visible(controller.criteria) or ())
    controller.filters.clear()
    settle(app)
    return [(word[:n], min(runs[n - 1]), shown[n - 1]) for n in range(1, len(word) + 1)]


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
                [
                    sys.executable,
                    "main.py",
                    "--db",
                    str(db_path),
                    "report",
                    "sheet",
                    "--month",
                    month,
                    "-o",
                    f"{folder}/s.pdf",
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            best = min(best, time.perf_counter() - start)
    return best

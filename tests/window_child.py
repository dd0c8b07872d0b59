"""The real window in a process of its own, driven through rounds of work,
for the tests of a clean exit (tests/test_window_process.py).

    python tests/window_child.py DB ROUNDS     (the program on PYTHONPATH, QT_QPA_PLATFORM=offscreen)

DB is given as --db; `-` starts without it, as a person does (the last ledger, else the default).

It starts the program as main.py does (`desktop.app.run`, the same start and
the same way out) and, once the ledger is attached, does ROUNDS rounds of
what a person does in a session: select tasks, edit a task's title, record a
month's progress, undo it, open and close the unit registry, build the
monthly supervision sheet and close it, filter the tree. Then it quits
through File → Quit. It prints `ready PID` when the window is attached and
`done N` after the rounds; with ROUNDS -1 it does nothing and waits (for a
signal). With `--report`, it prints what the window shows (title, menus,
tasks, where the program was loaded from) after `ready`. With `--open PATH`, it
switches to the ledger at PATH (File → Open ledger) before the rounds.

The child adds nothing to sys.path: it runs the program it finds there (the
checkout, or a wheel installed in a venv).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog


def pump_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main_window():  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.controller is not None:
            return widget
    return None


def task_ids(controller) -> dict[int, int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from db.schema.models import Task

    with controller.ledger.session() as session:
        return {number: task_id for number, task_id in session.execute(select(Task.number, Task.id))}


def round_of_work(window, number: int) -> None:  # type: ignore[no-untyped-def]
    controller = window.controller
    ids = task_ids(controller)
    for task in (1, 45, 32):
        controller.open_task(ids[task])
    controller.task_form.title.setText(f"第 {number} 轮改过的标题")
    controller.task_form.title.editingFinished.emit()
    form = controller.progress_form
    form.status.setCurrentIndex(form.status.findData("in_progress"))
    form.done.setPlainText(f"第 {number} 轮：已在门户网站开设专栏。")
    form.save_button.click()
    controller.ledger.undo_stack.undo()

    controller.open_registry()
    registry = window.findChild(QDialog, "registryDialog")
    pump_until(registry.isVisible)
    registry.reject()

    controller.open_report("sheet")
    report = window.findChild(QDialog, "reportDialog")
    report.build_button.click()
    pump_until(report.print_button.isEnabled, timeout=120)
    report.close()

    controller.filters.search.setText("空气质量")
    pump_until(lambda: controller.model.rowCount() > 0 and controller.criteria.text == "空气质量")
    controller.filters.clear()
    QApplication.instance().processEvents()


def describe(window) -> None:  # type: ignore[no-untyped-def]
    import db
    from documents.pdf.fonts import FONT_DIR

    controller = window.controller
    print("title", window.windowTitle())
    print("menus", "|".join(action.text() for action in window.menuBar().actions()))
    print("tasks", len(task_ids(controller)))
    print("status", controller.counts.text())
    print("icon", not QApplication.windowIcon().isNull())
    print("fonts", FONT_DIR.is_dir())
    print("program", Path(db.__file__).resolve().parent.parent)


def drive(rounds: int, report: bool, opened: Path | None = None) -> None:
    window = main_window()
    if window is None:  # not attached yet
        QTimer.singleShot(20, lambda: drive(rounds, report, opened))
        return
    operator = window.findChild(QInputDialog, "operatorDialog")
    if operator is not None and operator.isVisible():
        operator.setTextValue("测试员")
        operator.accept()
    print("ready", os.getpid(), flush=True)
    if report:
        describe(window)
    if opened is not None:
        window.controller.open_ledger_at(opened)
        print("opened", window.windowTitle(), flush=True)
    if rounds < 0:
        return
    for number in range(rounds):
        round_of_work(window, number)
    print("done", rounds, flush=True)
    window.controller.window.close()  # what File → Quit does


def main(argv: list[str]) -> int:
    from desktop.app import make_application, run

    rounds = int(argv[1]) if len(argv) > 1 else 1
    opened = Path(argv[argv.index("--open") + 1]) if "--open" in argv else None
    make_application()
    QTimer.singleShot(0, lambda: drive(rounds, "--report" in argv, opened))
    return run(None if argv[0] == "-" else Path(argv[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

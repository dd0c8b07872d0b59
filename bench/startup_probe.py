"""Started by the benchmark as its own process: run the program's window on a
database as `main.py` does, print `first plan` when the window has been painted
with the plan from the view cache (nothing without one) and `ready` when everything is
loaded and the event loop runs, with where the plan tree is on the screen
(`tree X Y WIDTH HEIGHT`, for bench/startup.py), then quit."""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication

    import main as program
    from desktop import app as desktop_app
    from desktop.main_window import MainWindow

    original_show = MainWindow.show
    original_first_view = MainWindow.show_first_view
    shown: list[MainWindow] = []

    def show(window: MainWindow) -> None:
        original_show(window)
        shown.append(window)

    def show_first_view_and_report(window: MainWindow, *args: Any) -> None:
        original_first_view(window, *args)
        QApplication.processEvents()
        has_plan = window.model is not None and window.model.rowCount() > 0
        print(f"first {'plan' if has_plan else 'empty'}", flush=True)

    original_make = desktop_app.make_application

    def make_application(argv: list[str] | None = None) -> QApplication:
        app = original_make(argv)
        original_exec = app.exec

        def exec_then_quit() -> int:
            def ready() -> None:
                print("ready", flush=True)
                tree = shown[0].tree
                corner = tree.mapToGlobal(QPoint(0, 0))
                print(f"tree {corner.x()} {corner.y()} {tree.width()} {tree.height()}", flush=True)
                QApplication.quit()

            QTimer.singleShot(0, ready)
            return original_exec()

        app.exec = exec_then_quit  # type: ignore[method-assign]
        return app

    MainWindow.show = show  # type: ignore[method-assign,assignment]  # the probe wraps the window's show
    MainWindow.show_first_view = show_first_view_and_report  # type: ignore[method-assign,assignment]  # and its first view
    desktop_app.make_application = make_application
    program.main(["--db", sys.argv[1]])


if __name__ == "__main__":
    main()

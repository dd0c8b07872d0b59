"""Started by the benchmark as its own process: run the program's window on a
database as `main.py` does, print `first` when the window has been painted
(with the plan, when the view cache is fresh) and `ready` when everything is
loaded and the event loop runs, then quit."""

from __future__ import annotations

import sys


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import main as program
    from desktop import app as desktop_app
    from desktop.main_window import MainWindow

    original_show = MainWindow.show

    def show_and_report(window: MainWindow) -> None:
        original_show(window)
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
                QApplication.quit()

            QTimer.singleShot(0, ready)
            return original_exec()

        app.exec = exec_then_quit  # type: ignore[method-assign]
        return app

    MainWindow.show = show_and_report  # type: ignore[method-assign,assignment]  # the probe wraps the window's show
    desktop_app.make_application = make_application
    program.main(["--db", sys.argv[1]])


if __name__ == "__main__":
    main()

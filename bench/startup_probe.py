"""Started by the benchmark as its own process: open the window on a database
the way `main.py` does, and print when it has been shown and painted."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    from main import main as program_main  # noqa: F401  (the same imports as the real start)
    from PySide6.QtCore import QTimer

    from desktop import app as desktop_app

    original_exec = desktop_app.QApplication.exec

    def exec_then_quit() -> int:
        def shown() -> None:
            print(f"shown {time.perf_counter():.6f}", flush=True)
            desktop_app.QApplication.quit()

        QTimer.singleShot(0, shown)
        return original_exec()

    desktop_app.QApplication.exec = staticmethod(exec_then_quit)  # type: ignore[method-assign]
    desktop_app.run(Path(sys.argv[1]))


if __name__ == "__main__":
    main()

"""Starting the window: the application object, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import Database, open_database
from db.engine import default_db_path
from db.errors import DatabaseError, InputError
from db.resources import BUNDLED_PLAN
from desktop.main_window import MainWindow


def open_ledger(path: Path | None) -> Database:
    """The database at `path` (default: the user's), created with the 2016 plan on first start."""
    if path is None:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    return open_database(path, first_plan=BUNDLED_PLAN)


def run(path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DubanTaizhang")
    app.setOrganizationName("DubanTaizhang")
    try:
        database = open_ledger(path)
    except (DatabaseError, InputError) as exc:
        QMessageBox.critical(None, "督办台账", str(exc))
        return 2
    window = MainWindow(database)
    window.show()
    try:
        return app.exec()
    finally:
        database.close()

"""Starting the window: the application object, translations, the database,
the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import Database, open_database
from db.engine import default_db_path
from db.errors import DatabaseError, InputError
from db.resources import BUNDLED_PLAN

APP_NAME = "DubanTaizhang"


def open_ledger(path: Path | None) -> Database:
    """The database at `path` (default: the user's), created with the 2016 plan on first start."""
    if path is None:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    return open_database(path, first_plan=BUNDLED_PLAN)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    from desktop.i18n import install_translations

    install_translations(app)
    return app


def run(path: Path | None) -> int:
    app = make_application()
    try:
        database = open_ledger(path)
    except (DatabaseError, InputError) as exc:
        QMessageBox.critical(None, app.translate("App", "Supervision ledger"), str(exc))
        return 2
    from desktop.main_window import MainWindow

    window = MainWindow(database)
    window.show()
    try:
        return app.exec()
    finally:
        database.close()

"""Starting the window: the application object, translations, the first view,
then the database and everything else, then the day's chores.

The order is for speed: the window appears with the plan from the view cache
(desktop/view_cache.py) before the database code is imported, and is filled in
right after. `db` modules that load SQLAlchemy are imported only past that point.
Without a cache the plan appears once the database is open, after its quick
check. The first start of a day runs the full integrity check and makes the
start backup only once the window has been painted, in a worker
(desktop/opening.py: start_daily_chores); nothing is written before they are done.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from db.resources import BUNDLED_PLAN, RESOURCES

if TYPE_CHECKING:
    from db.schema.database import Database

APP_NAME = "DubanTaizhang"


def open_ledger(path: Path) -> Database:
    """The database at `path`, created with the 2016 plan on first start."""
    from db.schema.database import open_database

    return open_database(path, first_plan=BUNDLED_PLAN)


def _ask(question: str) -> bool:
    title = QCoreApplication.translate("App", "Supervision ledger")
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return QMessageBox.question(None, title, question, buttons) == QMessageBox.StandardButton.Yes


def make_application(argv: list[str] | None = None) -> QApplication:
    from desktop.refcounts import guard_singletons

    guard_singletons()  # before any widget: PySide6 6.12 on Python 3.11 (desktop/refcounts.py)
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "app.png")))
    from desktop.i18n import install_translations

    install_translations(app)
    return app


def run(path: Path | None) -> int:
    """The window over the ledger at `path` (--db; by default the last one
    opened, else the user's: desktop/ledger_files.py) until the session ends;
    the database is closed however it ends (desktop/ending.py)."""
    app = make_application()
    from desktop.ledger_files import start_path

    path = start_path(path)  # --db, else the last ledger opened through the File menu, else the user's
    from desktop.errors import install_error_handler

    install_error_handler(path)  # unexpected errors: the program's dialog and the log beside the database
    today = date.today()
    from desktop.ending import Ending
    from desktop.main_window import MainWindow
    from desktop.view_cache import read_view_cache

    window = MainWindow()
    ending = Ending(app, window, today)
    cached = read_view_cache(path)
    window.show()  # first: the tree has its size, and the last task is centred as the controller will centre it
    if cached is not None:
        window.show_first_view(cached.data, today, cached.day)
    app.processEvents()  # paint the first view before loading the rest

    from db.errors import DatabaseError, InputError
    from desktop.opening import open_for_window, start_daily_chores

    try:
        try:
            database = open_for_window(path, _ask, defer_daily=True)
        except (DatabaseError, InputError, OSError) as exc:
            window.hide()
            QMessageBox.critical(None, app.translate("App", "Supervision ledger"), str(exc))
            return 2
        if database is None:  # declined, or the system ended the program while it asked
            return 2 if ending.requested is None else 0
        ending.database = database
        window.attach(database, today)
        # From the event loop, once the window is painted whole (posted paint events come before timers).
        QTimer.singleShot(0, lambda: start_daily_chores(window))
        if ending.requested is None:  # a request to end before the event loop runs: quit() would not stop it
            app.exec()
        return 0
    finally:
        ending.finish()

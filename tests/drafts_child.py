"""The window the drafts test kills (tests/test_unsaved.py): it opens the
ledger, types into both forms of task 32 without saving, says `typed`, and
runs until it is killed.

    python tests/drafts_child.py DB SETTINGS_FOLDER PROGRESS_TEXT TITLE

The drafts file goes where the environment says (XDG_DATA_HOME /
LOCALAPPDATA), the window's QSettings into SETTINGS_FOLDER.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from sqlalchemy import select

from db.schema.database import open_database
from db.schema.models import Task
from desktop.app import make_application
from desktop.main_window import MainWindow


def main(db_path: str, settings: str, done: str, title: str) -> int:
    app = make_application([sys.argv[0]])
    for format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(format, QSettings.Scope.UserScope, settings)
    database = open_database(Path(db_path))
    window = MainWindow()
    window.show()
    controller = window.attach(database, date(2016, 6, 28))
    with database.session() as session:
        task_id = session.scalar(select(Task.id).where(Task.number == 32))
    controller.open_task(task_id)
    controller.progress_form.done.setPlainText(done)
    controller.task_form.title.setText(title)
    print("typed", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))

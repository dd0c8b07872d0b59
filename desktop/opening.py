"""Opening the ledger for the window, and what to do when it cannot simply be
opened: in use by another program, in a place that cannot be written, damaged;
and the day's chores the window runs once it shows the ledger."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from db.errors import DatabaseError
from db.resources import BUNDLED_PLAN
from db.safety.backup import restore_backup
from db.safety.integrity import DamagedDatabaseError
from db.safety.lock import DatabaseLockedError
from db.schema.database import DailyReport, Database, open_database
from db.schema.engine import ReadOnlyLocationError, check_sqlite_path

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

Ask = Callable[[str], bool]


def open_for_window(path: Path, ask: Ask, *, defer_daily: bool = False) -> Database | None:
    """The database at `path` (created with the 2016 plan on first start).

    In use elsewhere or in a read-only place: `ask` whether to open it
    read-only. Damaged: `ask` whether to restore the newest good backup (the
    damaged file is backed up first). None when the person declines; other
    errors (DatabaseError, InputError) reach the caller. With `defer_daily`
    (the start of the window) the day's full check and start backup are
    left to `start_daily_chores`.
    """
    try:
        return open_database(path, first_plan=BUNDLED_PLAN, defer_daily=defer_daily)
    except (DatabaseLockedError, ReadOnlyLocationError) as exc:
        if ask(f"{exc}\n\n是否以只读方式打开（可以查看和打印，不能修改）？"):
            return open_database(path, read_only=True)
        return None
    except DamagedDatabaseError as exc:
        if exc.newest_good_backup is None or not ask(f"{exc}\n\n是否现在从该备份恢复？"):
            raise
        restore_backup(path, exc.newest_good_backup)
        return open_database(path)


def open_existing_for_window(path: Path, ask: Ask) -> Database | None:
    """File → 打开台账: as `open_for_window`, but a ledger is never created:
    a missing or empty file is refused (DatabaseError), as is a file that is
    not a ledger of this program (open_database's checks)."""
    if not check_sqlite_path(path):
        what = "是空文件，不是台账" if path.exists() else "文件不存在"
        raise DatabaseError(f"{path}：{what}；新建台账请用 文件 → 新建台账…")
    return open_for_window(path, ask)


def start_daily_chores(window: MainWindow) -> None:
    """The day's full integrity check and start backup of the ledger the
    window shows, when opening left them (Database.daily), in a worker, with
    a note in the status bar while they run and when they are done.

    A failed backup is shown as opening showed it. Damage found: the
    database has stopped writing; the window says so (title, forms, a plain
    message) and offers the newest good backup, as opening a damaged file does.
    """
    from desktop.workers import Worker

    controller = window.controller
    assert controller is not None
    database = controller.ledger.database
    chores = database.daily
    if chores is None or chores.done:
        return
    window.statusBar().showMessage(QCoreApplication.translate("Opening", "Daily integrity check and backup…"))
    worker = Worker(chores.run)
    worker.finished.connect(lambda report: _done(window, database, report))
    worker.failed.connect(lambda exc: _failed(window, database, exc))
    worker.start()


def _done(window: MainWindow, database: Database, report: DailyReport) -> None:
    from desktop.messages import show_error

    if window.controller is None or window.controller.ledger.database is not database:
        return  # the window has gone on to another ledger meanwhile
    if report.warning is not None:
        window.statusBar().showMessage(report.warning)
        show_error(window, report.warning)
    else:
        window.statusBar().showMessage(
            QCoreApplication.translate("Opening", "Daily integrity check and backup done."), 10_000
        )


def _failed(window: MainWindow, database: Database, exc: BaseException) -> None:
    from desktop.messages import ask, show_error
    from desktop.workers import show_failure

    controller = window.controller
    if controller is None or controller.ledger.database is not database:
        return
    if not isinstance(exc, DamagedDatabaseError):
        show_failure(window, exc, database.path)
        return
    controller.show_writability()
    window.statusBar().showMessage(
        QCoreApplication.translate("Opening", "The ledger file is damaged: nothing is written to it.")
    )
    backup = exc.newest_good_backup
    if backup is None:
        show_error(window, str(exc))
        return

    def restore() -> None:
        controller.restore_from(backup)
        controller.show_writability()

    question = QCoreApplication.translate("Opening", "%1\n\nRestore from that backup now?").replace("%1", str(exc))
    ask(window, question, lambda: controller.guard.leave(restore))

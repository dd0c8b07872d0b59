"""How a session of the window ends, whichever way it ends: the jobs of the
thread pool stopped, the database closed (its lock released), the view cache
written, once.

- The person closes the window (File → Quit): the event loop ends.
- The system asks the program to end (db.safety.termination: SIGTERM at a Linux
  log-out or `kill`, SIGHUP, a Windows console closing). Python runs its
  signal handlers only between bytecodes, and the event loop is C++: the
  signal is also written to a socket (`signal.set_wakeup_fd`) that a
  QSocketNotifier watches, so Python code runs at once. The handler only
  takes note; the window is then closed from the event loop, as if by the
  person (which saves what it saves on closing), and the application quits.
- The desktop session ends (Windows log-off or shutdown): Qt turns
  WM_QUERYENDSESSION into `commitDataRequest` (the layout is saved) and
  WM_ENDSESSION into `aboutToQuit`, after which Windows ends the process at
  once: `finish` is connected to `aboutToQuit` for that reason, and runs
  there, not after `exec()` returns.
"""

from __future__ import annotations

import signal
import socket
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication

from db.safety import termination

if TYPE_CHECKING:
    from db.schema.database import Database
    from desktop.main_window import MainWindow


class Ending(QObject):
    """Watches for the end of the session of `window` (over whichever ledger it has open by then)."""

    def __init__(self, app: QApplication, window: MainWindow, today: date) -> None:
        super().__init__(app)
        self.app, self.window, self.today = app, window, today
        self.database: Database | None = None  # until the window's controller has it
        self.requested: int | None = None  # the signal with which the system asked us to end
        self._finished = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._uninstall = termination.install(self._asked_to_end)
        app.commitDataRequest.connect(self._commit_data)
        app.aboutToQuit.connect(self.finish)

    def _drain(self) -> None:
        """Running Python code here is the point: the signal's handler runs now."""
        try:
            self._reader.recv(512)
        except OSError:
            pass

    def _asked_to_end(self, signum: int) -> None:
        """A signal handler: it may run in the middle of any Python code, so it
        only takes note and lets the event loop do the rest."""
        if self.requested is None:
            self.requested = signum
            QTimer.singleShot(0, self._end_now)

    def _end_now(self) -> None:
        self.window.close()
        self.app.quit()

    def _commit_data(self, _manager: QSessionManager) -> None:
        self.window.save_layout()

    def finish(self) -> None:
        """Stop the jobs, close the database, write the view cache (once)."""
        if self._finished:
            return
        self._finished = True
        from desktop.view_cache import write_view_cache
        from desktop.workers import stop_all

        stop_all()
        window = self.window
        data = window.model.data_ if window.model is not None else None
        database = window.controller.ledger.database if window.controller is not None else self.database
        if database is not None:
            database.close()
            if data is not None:
                write_view_cache(database.path, self.today, data)  # the ledger open now (文件 → 打开台账 switches)
        self._uninstall()
        signal.set_wakeup_fd(self._previous_wakeup)
        self._notifier.setEnabled(False)
        for end in (self._reader, self._writer):
            end.close()
        termination.ended()

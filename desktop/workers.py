"""Running slow work (reading a plan, importing, exporting, printing) off the
GUI thread, and showing that it runs.

A job is a plain function. It runs on a thread of the global QThreadPool and
must open its own database session there (`database.session()`, or perform
an operation: db.operations.runner): SQLite connections belong to one
thread, and ORM objects must not cross threads — return plain values. Its result or exception
comes back to the GUI thread through the `Worker`'s signals, which are always
emitted on the GUI thread, so any slot may touch widgets.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton, QWidget

from db.cancel import Cancelled, CancelToken
from db.errors import Refusal
from desktop.errors import show_unexpected_error
from desktop.messages import show_error

# Errors whose text is written for the user (in Chinese, by the core).
USER_ERRORS = (Refusal, OSError)

# Jobs shorter than this end without a busy dialog flashing up.
BUSY_DELAY_MS = 400


class _Runnable(QRunnable):
    def __init__(self, worker: Worker, job: Callable[[], Any]) -> None:
        super().__init__()
        self._worker = worker
        self._job = job

    def run(self) -> None:
        try:
            result = self._job()
        except Exception as exc:  # noqa: BLE001 (handed to the GUI thread, which decides how to show it
            self._worker._reported.emit(False, exc)
        else:
            self._worker._reported.emit(True, result)


# Workers that have started and not yet reported: kept alive here, so that a
# dialog closed while its job runs does not take the worker with it.
_RUNNING: set[Worker] = set()


class Worker(QObject):
    """Runs `job(*args, **kwargs)` on the thread pool; create and start it on the GUI thread.

    With `cancellable`, the job is also given `cancel=<CancelToken>` (db.cancel) and
    should call `cancel.check()` where it may stop; with `with_progress`, it
    is given `progress=<callable(done, total)>`, which it may call from its
    thread and which `progress(done, total)` repeats on the GUI thread.
    Exactly one of `finished(result)`, `failed(exception)` or `cancelled()` is
    emitted, then `ended()`.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()
    progress = Signal(int, int)
    _reported = Signal(bool, object)  # from the pool thread; queued to this object's (GUI) thread

    def __init__(
        self,
        job: Callable[..., Any],
        *args: Any,
        cancellable: bool = False,
        with_progress: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        self.token = CancelToken() if cancellable else None
        if self.token is not None:
            kwargs["cancel"] = self.token
        if with_progress:
            kwargs["progress"] = self.progress.emit  # a signal emitted from the pool thread is queued
        self._runnable = _Runnable(self, lambda: job(*args, **kwargs))
        self._reported.connect(self._deliver)

    @property
    def cancellable(self) -> bool:
        return self.token is not None

    def start(self) -> None:
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        """Ask the job to stop; `cancelled` follows if it did, else its result."""
        if self.token is not None:
            self.token.cancel()

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _RUNNING.discard(self)
        if ok:
            self.finished.emit(value)
        elif isinstance(value, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.ended.emit()


def stop_all(timeout_ms: int = 10_000) -> bool:
    """Ask every running job to stop and wait for the thread pool, before the
    database closes and Python finalises: a job still running then would use a
    closed database, or crash the interpreter. False if some job is still running."""
    for worker in list(_RUNNING):
        worker.cancel()
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    _RUNNING.clear()
    return done


class BusyDialog(QProgressDialog):
    """A busy indicator over `parent` while `worker` runs; it closes itself when
    the worker ends. It appears only if the job takes longer than a moment.

    Cancel (button, Escape, closing the window) asks the worker to stop and
    keeps the dialog up until the job has really stopped, so that what the
    user sees next is never a job still finishing behind the screen.
    """

    def __init__(self, worker: Worker, text: str, parent: QWidget) -> None:
        super().__init__(text, "", 0, 0, parent)
        self.setObjectName("busyDialog")
        self.setWindowTitle(QCoreApplication.translate("Workers", "Please wait"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._worker = worker
        self._cancel_button: QPushButton | None = None
        if worker.cancellable:
            self._cancel_button = QPushButton(QCoreApplication.translate("Workers", "&Cancel"))
            self.setCancelButton(self._cancel_button)
        else:
            self.setCancelButton(None)
        self.canceled.disconnect(self.cancel)  # cancel() would hide the dialog at once
        self.canceled.connect(self._cancel)
        self._timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._timer.timeout.connect(self.open)
        self._timer.start()
        worker.ended.connect(self._end)
        worker.progress.connect(self._show_progress)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        """From a busy indicator to a bar, once the job says how far it is."""
        self.setMaximum(max(total, 1))
        self.setValue(min(done, total))

    def reject(self) -> None:  # Escape, or closing the window
        self._cancel()

    @Slot()
    def _cancel(self) -> None:
        if self._cancel_button is not None and self._cancel_button.isEnabled():
            self._worker.cancel()
            self.setLabelText(QCoreApplication.translate("Workers", "Cancelling…"))
            self._cancel_button.setEnabled(False)

    @Slot()
    def _end(self) -> None:
        self._timer.stop()
        self.reset()  # also stops QProgressDialog's own timer that would show it later
        self.hide()
        self.deleteLater()


def run_busy(
    parent: QWidget,
    text: str,
    job: Callable[..., Any],
    *args: Any,
    cancellable: bool = False,
    with_progress: bool = False,
    **kwargs: Any,
) -> Worker:
    """Start `job` in a Worker with a BusyDialog saying `text` over `parent`.
    Connect to the returned worker's signals for the outcome (they are queued,
    so connecting right after this call misses nothing)."""
    worker = Worker(job, *args, cancellable=cancellable, with_progress=with_progress, **kwargs)
    BusyDialog(worker, text, parent)
    worker.start()
    return worker


def show_failure(parent: QWidget, exc: BaseException, database: Path | None) -> QDialog:
    """A failed job, over `parent`: a refusal of the core (a bad file, a full
    disk …) in a plain box, in its own words; anything else is a program
    error, written to the error log of `database` and shown in the window's
    error dialog (desktop/errors.py), as the excepthook shows one."""
    if isinstance(exc, USER_ERRORS):
        return show_error(parent, str(exc))
    return show_unexpected_error(exc, database, parent)


def failure_text(exc: BaseException) -> tuple[str, str]:
    """What to tell the user about a failed job, and details for a program
    error, for a caller that puts it in its own words (the import preview's
    status line); `show_failure` shows it, and logs a program error.

    The core's errors (bad files, refused edits, disks) say themselves what
    went wrong, in the user's words; anything else is a bug, shown with its
    traceback so it can be reported.
    """
    if isinstance(exc, USER_ERRORS):
        return str(exc), ""
    details = "".join(traceback.format_exception(exc))
    return QCoreApplication.translate(
        "Workers", "The operation failed because of an error in the program. Nothing was changed."
    ), details

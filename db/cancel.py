"""Stopping slow work when the person asks: one protocol for the whole program.

Whoever starts the work (the window's workers, desktop/workers.py) makes a
`CancelToken` and may `cancel()` it from any thread; the work (reading a
plan, writing a report, a workbook or the fill-in sheets, an import) is
given the token as `cancel` and calls `cancel.check()` at the points where
it can stop without leaving anything half done. `check()` raises
`Cancelled`: the transaction around the work rolls back, the file being
written is removed (db.safety.storage.replacing), and the worker reports a
cancel rather than an error. Work started without a token (`cancel=None`,
the command line) runs to its end.
"""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The person cancelled: the work stopped, and what it had begun is undone."""


class CancelToken:
    """Shared by the one who may cancel and the work that checks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if `cancel()` was called."""
        if self._event.is_set():
            raise Cancelled

"""Ending cleanly when the system asks the program to end.

The requests: SIGTERM (`kill`, systemd and the desktop at log-out or
shutdown), SIGHUP (the terminal closed) and, on Windows, SIGBREAK and the
console's close, log-off and shutdown events (SetConsoleCtrlHandler). Left
to their defaults they end the process at once, with the database's lock
file left behind: the next start then greets the user with "上次未正常关闭".

`install(callback)` makes each of them call `callback(signum)` on the main
thread instead (a Windows console event arrives on a thread of its own: it
is handed to the main thread as SIGTERM, and the system, which ends the
process when the handler returns, is kept waiting until `ended()` is called
or a few seconds have passed). The window quits its event loop there
(desktop/app.py); the command line uses `terminating_cleanly()`, which
raises `Terminated` in the main thread, so that the transaction under way
rolls back and every `finally` runs: the database closes and its lock goes.
"""

from __future__ import annotations

import _thread
import atexit
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGBREAK") if hasattr(signal, name))
WINDOWS_CONSOLE_EVENTS = (2, 5, 6)  # CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT
WINDOWS_GRACE_SECONDS = 4.5  # Windows ends a process 5 s after a console close event

_ended = threading.Event()
atexit.register(_ended.set)


class Terminated(BaseException):
    """The system asked the program to end; raised in the main thread."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def ended() -> None:
    """The clean-up after a request to end is done (the database is closed)."""
    _ended.set()


def install(callback: Callable[[int], None]) -> Callable[[], None]:
    """Call `callback(signum)` on the main thread when the system asks the
    program to end; returns the function that puts the previous handlers back."""
    previous = {signum: signal.signal(signum, lambda signum, _frame: callback(signum)) for signum in SIGNALS}
    console = _console_handler() if sys.platform == "win32" else None

    def uninstall() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if console is not None:
            import ctypes

            ctypes.windll.kernel32.SetConsoleCtrlHandler(console, False)  # type: ignore[attr-defined]

    return uninstall


@contextmanager
def terminating_cleanly() -> Iterator[None]:
    """Within the block, a request to end raises Terminated in the main thread
    (once: a second request while the first is being handled is ignored)."""
    requested: list[int] = []

    def request(signum: int) -> None:
        if not requested:
            requested.append(signum)
            raise Terminated(signum)

    uninstall = install(request)
    try:
        yield
    finally:
        uninstall()


def _console_handler() -> Any:
    """Windows: hand the console's close, log-off and shutdown events to the
    main thread as SIGTERM and wait for its clean-up. Ctrl+C and Ctrl+Break
    keep Python's own handling (KeyboardInterrupt, SIGBREAK). No console
    (the windowed program): nothing is installed."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    if not kernel32.GetConsoleWindow():
        return None

    @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)  # type: ignore[attr-defined,untyped-decorator]  # Windows only; mypy checks as on Linux
    def handle(event: int) -> bool:
        if event not in WINDOWS_CONSOLE_EVENTS:
            return False
        _thread.interrupt_main(signal.SIGTERM)
        _ended.wait(WINDOWS_GRACE_SECONDS)
        return True

    kernel32.SetConsoleCtrlHandler(handle, True)
    return handle  # kept by the caller: the system calls it for as long as it is installed

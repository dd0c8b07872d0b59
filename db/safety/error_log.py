"""The error log: what went wrong unexpectedly, with the details a maintainer
needs, written beside the database by the command line and the window alike.

`ledger.db` has its log in `ledger.db.log` (as its lock is `ledger.db.lock`).
The log is capped: past MAX_BYTES it becomes `ledger.db.log.1` (the one
before is dropped) and a new log starts, so years of use never fill a disk.
Writing it never raises: a log that cannot be written (a read-only folder, a
full disk) is skipped, and the caller says so.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from db import __version__

MAX_BYTES = 1_000_000


def log_path(database: Path) -> Path:
    return database.with_name(database.name + ".log")


def error_details(error: BaseException) -> str:
    """The traceback of `error` with what the program was and where it ran."""
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    return (
        f"督办台账 {__version__}{frozen}, Python {platform.python_version()}, {platform.platform()}\n"
        f"argv: {sys.argv!r}\n" + "".join(traceback.format_exception(error))
    )


def error_summary(error: BaseException, limit: int = 200) -> str:
    """`error` as one short line: its type and the first line of its message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    line = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"


def write_error_log(database: Path | None, details: str) -> Path | None:
    """Append one entry to the log of `database` (default: the user's ledger).

    Beside the database first; when its folder cannot be written (a mistyped
    --db, a read-only share), beside the user's ledger. Returns the log written,
    or None when neither could be.
    """
    from db.paths import default_db_path

    default = default_db_path()
    entry = f"==== {datetime.now().isoformat(sep=' ', timespec='seconds')}\n{details.rstrip()}\n\n"
    for candidate in dict.fromkeys(path for path in (database, default) if path is not None):
        log = log_path(candidate)
        try:
            if candidate == default:
                log.parent.mkdir(parents=True, exist_ok=True)
            _rotate(log)
            with open(log, "a", encoding="utf-8", errors="backslashreplace") as file:
                file.write(entry)
            return log
        except OSError:
            continue
    return None


def _rotate(log: Path) -> None:
    """Move a log past MAX_BYTES to `.log.1`. Another program may hold it open
    (Windows refuses the move then): it is tried again at the next entry."""
    try:
        if log.stat().st_size < MAX_BYTES:
            return
        os.replace(log, log.with_name(log.name + ".1"))
    except OSError:
        pass

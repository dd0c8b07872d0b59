"""What the command line prints must never crash it, and an error it did not
expect reaches the user as one plain line, never as a traceback.

A Windows whose language is not Chinese has code page 1252, which cannot
encode Chinese; a Chinese one has 936 (GBK), which cannot encode an emoji or
some Extension-B characters of personal and place names (𠮷). Python's default
then raises UnicodeEncodeError in the middle of a command, after it has written
its files. Here:

- a pipe or a file gets UTF-8, as the frozen programs do anyway (`-X utf8`,
  pyinstaller.spec), whatever the code page or PYTHONIOENCODING says;
- a console keeps its encoding: on Windows CPython writes to it with
  WriteConsoleW (UTF-16), so Chinese shows on any code page; a terminal with a
  narrow encoding gets a `?` for a character it cannot show;
- nothing ever raises: characters that cannot be encoded (a lone surrogate
  from a broken file name) are escaped.

A standard output its reader closed (`main.py import-plan … | head`) ends the
command quietly with EXIT_CLOSED_OUTPUT: no "Broken pipe", no traceback. A
transaction under way then is rolled back like any other error; what was
committed before (an import is committed before its report is printed) stays.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TextIO

EXIT_UNEXPECTED = 1
EXIT_INTERRUPTED = 130
EXIT_CLOSED_OUTPUT = 141  # 128 + SIGPIPE: what a shell reports for `yes | head`, and here on every system


def _is_utf8(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("_", "-") in {"utf-8", "utf8", "utf-8-sig", "cp65001"}


def make_output_safe(stream: TextIO | None) -> None:
    """Reconfigure one of sys.stdout / sys.stderr as the module says (None: the
    windowed program has no console; a stream that cannot be reconfigured is
    left as it is)."""
    if not isinstance(stream, io.TextIOWrapper):
        return
    try:
        console = stream.isatty()
    except (OSError, ValueError):
        return
    if _is_utf8(stream.encoding):
        stream.reconfigure(errors="backslashreplace")
    elif console:
        stream.reconfigure(errors="replace")
    else:
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def make_standard_output_safe() -> None:
    make_output_safe(sys.stdout)
    make_output_safe(sys.stderr)


def end_on_closed_output() -> int:
    """Standard output was closed by its reader: stop without a word. What is
    still buffered cannot be written; stdout goes to the null device, so that
    Python's own flush at exit does not fail again. The exit code."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
    return EXIT_CLOSED_OUTPUT


def report_unexpected(error: BaseException, database: Path | None, stream: TextIO | None = None) -> int:
    """An error no command expected: its details into the log beside the
    database (db/safety/error_log.py), one line on stderr; the exit code."""
    from db.safety.error_log import error_details, error_summary, write_error_log

    log = write_error_log(database, error_details(error))
    where = f"详细信息已记入 {log}，请把该文件交给维护人员。" if log else "详细信息无法写入日志文件。"
    print(f"错误：程序出现意外错误（{error_summary(error)}），命令未完成。{where}", file=stream or sys.stderr)
    return EXIT_UNEXPECTED

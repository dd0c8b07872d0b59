"""Errors the core raises for what it refuses; their text is shown to the user as is."""

from __future__ import annotations

from pathlib import Path


class Refusal(Exception):
    """Refused, and nothing was written: ``str()`` is one line for the user, in
    Chinese, saying what and why. The window shows it in a plain message box
    and keeps what was typed; the command line prints it and exits 2. Any other
    exception is a program error (the error dialog, the error log)."""


class EditError(Refusal, ValueError):
    """An edit that cannot be made: an empty title, a unit listed twice, a month
    that is not one (a ValueError too, as the checks of values always were)."""


class InputError(Refusal):
    """A file the user named cannot be used; nothing was written.

    ``str()`` gives one line naming the file and the problem, in Chinese,
    because it is shown to office staff unchanged (stderr or a dialog).
    """

    def __init__(self, path: Path | str, problem: str, where: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"（{self.where}）" if self.where else ""
        return f"{self.path}{where}：{self.problem}"


class DatabaseError(Refusal):
    """The database file cannot be opened or used as asked (a full disk, a file
    made read-only, a lock held …); its text is for the user."""


class DiskFullError(DatabaseError):
    """Not enough free space for what was to be written: the database, a backup,
    an export. Never a sign of damage; what was there is as it was."""

    def __init__(self, path: Path | str, what: str, needed: int | None = None, free: int | None = None) -> None:
        self.path = Path(path)
        self.needed = needed
        self.free = free
        amounts = [f"需要约 {size_text(needed)}"] if needed is not None else []
        amounts += [f"只剩 {size_text(free)}"] if free is not None else []
        shown = f"（{'，'.join(amounts)}）" if amounts else ""
        super().__init__(f"{path}：磁盘空间不足{shown}，{what}；请腾出磁盘空间后再试")


class ReadOnlyFileError(DatabaseError):
    """A file the program must write was made read-only (or immutable) behind
    its back; nothing was written."""

    def __init__(self, path: Path | str, what: str) -> None:
        self.path = Path(path)
        super().__init__(f"{path}：文件是只读的，无法写入，{what}")


def size_text(size: int) -> str:
    """1536 → "1.5 KB", in the units people read on their disks."""
    if size < 1024:
        return f"{size} B"
    value, unit = size / 1024, "KB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f} {unit}"
